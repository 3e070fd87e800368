//! The attract loop's moving parts and their pacing: the pictures' slow zoom under the
//! scrim (baked into the picture's texels when it is decoded) and the touch hint, each
//! saying how long it stays still to within a physical pixel, so the loop draws a frame only
//! when something moved.

use crate::tokens::motion;
use egui::epaint::RectShape;
use egui::{Color32, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::layout::cover_uv;
use super::view::View;
use crate::content::Picture;
use crate::platform::gl_picture;
use crate::platform::images::{Pictures, Scrim};

/// Sets up the attract picture's OpenGL painter on glow's context, if the window has one.
pub fn install_gl_picture(ctx: &egui::Context, gl: Option<&std::sync::Arc<eframe::glow::Context>>) {
    gl_picture::install(ctx, gl);
}

/// The loop's look of a picture with `focus` on a screen of `screen` design points: the
/// left scrim of `ink` baked into its texels.
pub fn attract_scrim(screen: egui::Vec2, focus: (f32, f32), ink: Color32) -> Scrim {
    let share = SCRIM_WIDTH.min(screen.x) / screen.x.max(1.0);
    Scrim::new(screen, focus, share, SCRIM_ALPHA, ink)
}

/// Where a slide's picture is in its slow zoom: `progress` (0..1) of `duration` seconds.
#[derive(Clone, Copy, Debug)]
pub(super) struct Drift {
    pub(super) progress: f32,
    pub(super) duration: f64,
}

/// How far the slow zoom goes over a slide (1.00 → 1.08).
const KEN_BURNS_ZOOM: f32 = 0.08;

/// Ink at the scrim's left edge: 92 %, clearing over 1100 design points.
const SCRIM_ALPHA: f32 = 0.92;
const SCRIM_WIDTH: f32 = 1100.0;

/// A picture filling the screen with a slow zoom (1.00 → 1.08) toward its focus point,
/// under a left scrim for the text; the placeholder when the picture is not ready.
/// Returns how long the picture stays still to within a physical pixel.
///
/// The scrim is baked into the picture when it is decoded ([`attract_scrim`]), so a slide is
/// one opaque full-screen picture and nothing over it but words; on glow it is drawn by
/// [`gl_picture`] on the software renderer's fast path. A cross-fade's incoming slide is the
/// only second full-screen layer.
pub(super) fn backdrop_ui(
    ui: &Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    picture: Option<&Picture>,
    screen: Rect,
    drift: Drift,
) -> f64 {
    let rect = view.frame.rect(screen);
    let texture = picture.and_then(|picture| {
        let path = view.assets.picture(&picture.path)?;
        let scrim = attract_scrim(screen.size(), picture.focus, view.colours.ink);
        pictures
            .scrimmed_texture(path, scrim)
            .map(|t| (t.id(), t.size_vec2(), picture.focus))
    });
    let Some((id, size, focus)) = texture else {
        // The placeholder is the ink, which the scrim leaves as it is.
        ui.painter().rect_filled(rect, 0.0, view.colours.ink);
        return f64::INFINITY;
    };
    let cover = cover_uv(size, rect.size(), focus);
    let uv = ken_burns_uv(cover, focus, drift.progress);
    let gl_shape = (ui.opacity() >= 1.0)
        .then(|| {
            gl_picture::picture_shape(ui.ctx(), rect, gl_picture::PictureDraw { texture: id, uv })
        })
        .flatten();
    ui.painter().add(gl_shape.unwrap_or_else(|| {
        RectShape::filled(rect, 0.0, Color32::WHITE)
            .with_texture(id, uv)
            .into()
    }));
    let pixels_per_point = ui.ctx().pixels_per_point();
    drift_step_secs(cover, focus, drift, rect.size() * pixels_per_point)
}

/// Seconds until the slow zoom moves any point of a picture covering `screen_px` (physical
/// pixels) by one pixel: the point farthest from the focus moves fastest, at its distance
/// times the zoom's relative speed. Infinite once the zoom has ended.
fn drift_step_secs(cover: Rect, focus: (f32, f32), drift: Drift, screen_px: egui::Vec2) -> f64 {
    if drift.progress >= 1.0 || drift.duration <= 0.0 {
        return f64::INFINITY;
    }
    let t = focus_in_frame(cover, focus);
    let far = vec2(t.x.max(1.0 - t.x), t.y.max(1.0 - t.y)) * screen_px;
    let scale = 1.0 + KEN_BURNS_ZOOM * drift.progress;
    // d(scale)/dt = zoom / duration; a point at distance d moves d · (d scale / dt) / scale.
    let speed =
        f64::from(far.length()) * f64::from(KEN_BURNS_ZOOM) / drift.duration / f64::from(scale);
    if speed > 0.0 {
        1.0 / speed
    } else {
        f64::INFINITY
    }
}

/// Where the focus sits in the frame (0..1 each way): the zoom keeps it there.
fn focus_in_frame(cover: Rect, focus: (f32, f32)) -> egui::Vec2 {
    ((pos2(focus.0, focus.1) - cover.min) / cover.size()).clamp(vec2(0.0, 0.0), vec2(1.0, 1.0))
}

/// The cover crop zoomed in by up to 8 % toward the focus over the slide.
pub fn ken_burns_uv(cover: Rect, focus: (f32, f32), progress: f32) -> Rect {
    let scale = 1.0 + KEN_BURNS_ZOOM * progress.clamp(0.0, 1.0);
    let size = cover.size() / scale;
    // Keep the focus point where it was in the frame while zooming in.
    let t = focus_in_frame(cover, focus);
    let min = pos2(focus.0, focus.1) - size * t;
    Rect::from_min_size(min, size)
}

/// Largest step of a hint ring between frames: its radius in physical pixels, its opacity.
const HINT_STEP_PX: f32 = 2.0;
const HINT_STEP_ALPHA: f32 = 0.04;
/// Each ring ripples out over this long; the second starts this much after the first.
const RING_SECS: f64 = 1.8;
const RING_DELAYS: [f64; 2] = [0.0, 0.6];
/// How far a ring grows, in design points, from the finger's ring.
const RING_GROWTH: f32 = 48.0;

/// The touch hint: a finger in a ring with two rings rippling out (2.4 s ripple, 1.2 s rest).
/// Returns how long it stays still to within [`HINT_STEP_PX`] and [`HINT_STEP_ALPHA`].
pub(super) fn touch_hint_ui(ui: &Ui, view: &View<'_>, now: f64) -> f64 {
    let frame = &view.frame;
    let colour = view.colours.text;
    let centre = pos2(frame.size.x / 2.0, frame.size.y - 56.0 - 80.0);
    let painter = ui.painter();
    let phase = now.rem_euclid(motion::HINT_CYCLE);
    for delay in RING_DELAYS {
        let t = phase - delay;
        if (0.0..RING_SECS).contains(&t) {
            #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1")]
            let t = (t / RING_SECS) as f32;
            let eased = 1.0 - (1.0 - t).powi(3);
            let radius = 32.0 + RING_GROWTH * eased;
            painter.circle_stroke(
                frame.pos(centre),
                frame.pt(radius),
                Stroke::new(frame.pt(2.0), colour.gamma_multiply(0.5 * (1.0 - t))),
            );
        }
    }
    paint_hand(ui, view, centre);
    hint_still_for(phase, frame.pt(1.0) * ui.ctx().pixels_per_point())
}

/// Seconds until a ring of the hint at `phase` of its cycle moves by a step (or one starts
/// or ends), with `px_per_design` physical pixels to a design point.
fn hint_still_for(phase: f64, px_per_design: f32) -> f64 {
    let mut still = f64::INFINITY;
    for delay in RING_DELAYS {
        let t = phase - delay;
        if t < 0.0 {
            still = still.min(-t);
        } else if t < RING_SECS {
            let u = t / RING_SECS;
            // radius = 32 + growth · (1 − (1 − u)³): d radius / dt = 3 · growth · (1 − u)² / secs.
            let px_per_sec =
                3.0 * f64::from(RING_GROWTH * px_per_design) * (1.0 - u).powi(2) / RING_SECS;
            let alpha_per_sec = 0.5 / RING_SECS;
            let step = (f64::from(HINT_STEP_PX) / px_per_sec)
                .min(f64::from(HINT_STEP_ALPHA) / alpha_per_sec);
            still = still.min(step).min(RING_SECS - t);
        } else {
            still = still.min(motion::HINT_CYCLE - phase + delay);
        }
    }
    still
}

/// The finger in its ring, still.
fn paint_hand(ui: &Ui, view: &View<'_>, centre: Pos2) {
    let frame = &view.frame;
    let colour = view.colours.text;
    let painter = ui.painter();
    let stroke = Stroke::new(frame.pt(HAND_STROKE), colour);
    painter.circle_stroke(frame.pos(centre), frame.pt(32.0), stroke);
    for line in hand_pictogram() {
        let points: Vec<Pos2> = line
            .iter()
            .map(|p| frame.pos(centre + p.to_vec2()))
            .collect();
        // Round ends, so the strokes meet without gaps or mitre spikes.
        for end in [points.first(), points.last()].into_iter().flatten() {
            painter.circle_filled(*end, frame.pt(HAND_STROKE / 2.0), colour);
        }
        painter.add(egui::Shape::line(points, stroke));
    }
}

/// Stroke of the hint's ring and hand, in design points.
const HAND_STROKE: f32 = 2.5;

/// Scale of the hand drawn below (36 tall) to sit in the 64 ring with air round it.
const HAND_SCALE: f32 = 0.8;

/// The hand of the touch hint as open strokes in design points around the ring's centre.
///
/// A pointing hand, the pictogram of "touch" (as the mockup draws it): the index finger
/// straight up with a round tip, three fingers folded into knuckles at its right (each
/// stroke runs down into the palm as the crease beside it), the thumb out to the left and
/// the heel of the hand rounded into the wrist. Drawn in a 34 × 36 box, scaled and centred
/// in the ring. Each stroke turns less than a right angle at every joint, so none spikes.
fn hand_pictogram() -> Vec<Vec<Pos2>> {
    // Points of an arc round `c` from angle `from` to `to` (degrees, y down).
    let arc = |c: (f32, f32), r: f32, from: f32, to: f32| -> Vec<(f32, f32)> {
        const STEPS: u8 = 8;
        (0..=STEPS)
            .map(|i| {
                let a = (from + (to - from) * f32::from(i) / f32::from(STEPS)).to_radians();
                (c.0 + r * a.cos(), c.1 + r * a.sin())
            })
            .collect()
    };
    // The index finger: up its left side, round the tip, down its right side into the palm.
    let mut index = vec![(-5.0, 6.0)];
    index.extend(arc((-1.0, -15.0), 4.0, 180.0, 360.0));
    index.push((3.0, 3.0));
    // The folded middle and ring fingers, each knuckle lower than the last.
    let mut middle = arc((6.0, -3.0), 3.0, 180.0, 360.0);
    middle.push((9.0, 3.5));
    let mut ring = arc((12.0, -1.0), 3.0, 180.0, 360.0);
    ring.push((15.0, 5.0));
    // The little finger, the outer edge, the heel, the wrist and the thumb, back to the
    // index finger's root.
    let mut outer = arc((17.5, 2.0), 2.5, 180.0, 360.0);
    outer.extend(arc((12.0, 9.0), 8.0, 0.0, 90.0));
    outer.push((-1.0, 17.0));
    outer.push((-6.0, 14.0));
    outer.extend(arc((-11.0, 5.0), 2.6, 150.0, 300.0));
    outer.push((-5.0, 6.0));
    // The box is x −13.6..20, y −19..17: centre it on the ring.
    let place = |(x, y): (f32, f32)| pos2((x - 3.2) * HAND_SCALE, (y + 1.0) * HAND_SCALE);
    [index, middle, ring, outer]
        .into_iter()
        .map(|line| line.into_iter().map(place).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Premultiplied "source over" in gamma space, as egui's painter blends.
    #[test]
    fn the_loop_scrim_reaches_1100_design_points_and_keys_each_screen_shape() {
        let ink = Color32::from_rgb(14, 20, 27);
        let landscape = attract_scrim(vec2(1920.0, 1080.0), (0.5, 0.5), ink);
        assert_eq!(
            landscape,
            Scrim::new(vec2(1920.0, 1080.0), (0.5, 0.5), 1100.0 / 1920.0, 0.92, ink),
            "1100 of 1920 points at 92 %"
        );
        let portrait = attract_scrim(vec2(1080.0, 1920.0), (0.5, 0.5), ink);
        assert_eq!(
            portrait,
            Scrim::new(vec2(1080.0, 1920.0), (0.5, 0.5), 1.0, 0.92, ink),
            "a screen narrower than the scrim is scrimmed across"
        );
    }

    #[test]
    fn the_drift_waits_for_a_pixel_and_goes_twice_as_often_at_4k() {
        let cover = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
        let drift = Drift {
            progress: 0.0,
            duration: 12.0,
        };
        let hd = drift_step_secs(cover, (0.5, 0.5), drift, vec2(1920.0, 1080.0));
        // The corners are 1101 px from the centre; the zoom grows 8 % over 12 s.
        let expected = 12.0 / (0.08 * 1101.45);
        assert!(
            (hd - expected).abs() < 1e-3,
            "{hd} s a pixel at 1080p, not {expected}"
        );
        let uhd = drift_step_secs(cover, (0.5, 0.5), drift, vec2(3840.0, 2160.0));
        assert!(
            (uhd * 2.0 - hd).abs() < 1e-6,
            "4K moves twice as many pixels: {uhd}"
        );
        let edge = drift_step_secs(cover, (0.0, 0.5), drift, vec2(1920.0, 1080.0));
        assert!(
            edge < hd,
            "a focus at the edge leaves the far side moving faster"
        );
        let ended = Drift {
            progress: 1.0,
            duration: 12.0,
        };
        assert!(
            drift_step_secs(cover, (0.5, 0.5), ended, vec2(1920.0, 1080.0)).is_infinite(),
            "still once the zoom has ended"
        );
    }

    #[test]
    fn the_hand_fills_its_ring_with_the_finger_up_and_air_round_it() {
        let strokes = hand_pictogram();
        let all: Vec<Pos2> = strokes.iter().flatten().copied().collect();
        let bounds = Rect::from_points(&all);
        for corner in [
            bounds.left_top(),
            bounds.right_top(),
            bounds.left_bottom(),
            bounds.right_bottom(),
        ] {
            assert!(
                corner.to_vec2().length() < 32.0 - 6.0,
                "{corner:?} keeps clear of the 64 ring"
            );
        }
        assert!(
            bounds.width() > 24.0 && bounds.height() > 26.0,
            "large enough to read at 1–2 m: {bounds:?}"
        );
        assert!(
            (bounds.center().x).abs() < 1.0 && (bounds.center().y).abs() < 1.0,
            "centred in the ring: {bounds:?}"
        );
        let top = all
            .iter()
            .min_by(|a, b| a.y.total_cmp(&b.y))
            .expect("points");
        assert!(
            top.x < bounds.center().x,
            "the finger points up left of the knuckles, as a right hand: {top:?}"
        );
    }

    #[test]
    fn no_stroke_of_the_hand_doubles_back_on_itself() {
        for line in hand_pictogram() {
            for w in line.windows(3) {
                let (a, b) = (w[1] - w[0], w[2] - w[1]);
                if a.length() < 1e-3 || b.length() < 1e-3 {
                    continue;
                }
                let turn = a.normalized().dot(b.normalized());
                assert!(
                    turn > -0.1,
                    "a joint turning more than a right angle mitres into a spike: {w:?}"
                );
            }
        }
    }

    #[test]
    fn the_hint_asks_for_frames_while_it_ripples_and_none_while_it_rests() {
        let quick = hint_still_for(0.0, 1.0);
        assert!(quick < 1.0 / 30.0, "a ring starting moves fast: {quick}");
        let late = hint_still_for(1.7, 1.0);
        assert!(late > 1.0 / 15.0, "slowing rings step less often: {late}");
        assert!(
            late <= f64::from(HINT_STEP_ALPHA) / (0.5 / RING_SECS) + 1e-9,
            "but often enough for the fade: {late}"
        );
        let resting = hint_still_for(3.0, 1.0);
        assert!(
            (resting - (motion::HINT_CYCLE - 3.0)).abs() < 1e-9,
            "at rest it waits for the next ripple: {resting}"
        );
    }
}
