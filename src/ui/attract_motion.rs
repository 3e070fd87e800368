//! The attract loop's moving parts and their pacing: the pictures' slow zoom under the
//! scrim (baked into the picture's mesh when the slide is opaque) and the touch hint, each
//! saying how long it stays still to within a physical pixel, so the loop draws a frame only
//! when something moved.

use crate::tokens::motion;
use egui::epaint::RectShape;
use egui::{Color32, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::layout::cover_uv;
use super::view::{View, picture_texture};
use super::widgets::{FadeFrom, fade};
use crate::content::Picture;
use crate::platform::images::Pictures;

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
/// Drawn fully opaque (the frame is cleared to the ink, nothing under the loop), the scrim
/// is baked into the picture's own mesh: its vertices at the left carry the picture at 8 %
/// and the cleared ink shows through the rest, the very blend the scrim layer gave, with one
/// full-screen layer less for the renderer to fill. Only the incoming slide of a cross-fade
/// draws the scrim as a layer of its own.
pub(super) fn backdrop_ui(
    ui: &Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    picture: Option<&Picture>,
    screen: Rect,
    drift: Drift,
) -> f64 {
    let frame = &view.frame;
    let rect = frame.rect(screen);
    let scrim = Rect::from_min_size(
        screen.min,
        vec2(SCRIM_WIDTH.min(screen.width()), screen.height()),
    );
    let scrim = frame.rect(scrim);
    let texture = picture_texture(view, pictures, picture);
    let Some((id, size, focus)) = texture else {
        // The placeholder is the ink, which the scrim leaves as it is.
        ui.painter().rect_filled(rect, 0.0, view.colours.ink);
        return f64::INFINITY;
    };
    let cover = cover_uv(size, rect.size(), focus);
    let uv = ken_burns_uv(cover, focus, drift.progress);
    if ui.opacity() >= 1.0 {
        ui.painter()
            .add(scrimmed_picture(id, rect, uv, scrim.max.x));
    } else {
        ui.painter()
            .add(RectShape::filled(rect, 0.0, Color32::WHITE).with_texture(id, uv));
        fade(
            ui,
            scrim,
            view.colours.ink.gamma_multiply(SCRIM_ALPHA),
            FadeFrom::Left,
        );
    }
    let pixels_per_point = ui.ctx().pixels_per_point();
    drift_step_secs(cover, focus, drift, rect.size() * pixels_per_point)
}

/// The picture `id` (its crop `uv`) over `rect`, darkened toward the left edge up to
/// `scrim_right` as the scrim would over the ink: vertex colours are premultiplied, so a
/// vertex at weight `w` leaves `1 - w` of the ink cleared under it.
fn scrimmed_picture(id: egui::TextureId, rect: Rect, uv: Rect, scrim_right: f32) -> egui::Mesh {
    let mut mesh = egui::Mesh::with_texture(id);
    let split = scrim_right.clamp(rect.left(), rect.right());
    let u_at = |x: f32| uv.left() + (x - rect.left()) / rect.width().max(1.0) * uv.width();
    let edge = Color32::WHITE.gamma_multiply(1.0 - SCRIM_ALPHA);
    for (x, colour) in [
        (rect.left(), edge),
        (split, Color32::WHITE),
        (rect.right(), Color32::WHITE),
    ] {
        mesh.vertices.push(egui::epaint::Vertex {
            pos: pos2(x, rect.top()),
            uv: pos2(u_at(x), uv.top()),
            color: colour,
        });
        mesh.vertices.push(egui::epaint::Vertex {
            pos: pos2(x, rect.bottom()),
            uv: pos2(u_at(x), uv.bottom()),
            color: colour,
        });
    }
    // Two quads: (0 1 2 3) and (2 3 4 5), top and bottom vertices alternating.
    for quad in [0, 2] {
        mesh.add_triangle(quad, quad + 2, quad + 1);
        mesh.add_triangle(quad + 2, quad + 3, quad + 1);
    }
    mesh
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
    painter.circle_stroke(
        frame.pos(centre),
        frame.pt(32.0),
        Stroke::new(frame.pt(2.5), colour),
    );
    // A pointing hand: the index finger up, the other fingers folded into the palm.
    let stroke = Stroke::new(frame.pt(2.5), colour);
    let finger = Rect::from_min_size(centre + vec2(-9.0, -20.0), vec2(9.0, 24.0));
    let palm = Rect::from_min_size(centre + vec2(-9.0, 0.0), vec2(22.0, 18.0));
    painter.rect_stroke(
        frame.rect(palm),
        frame.pt(6.0),
        stroke,
        egui::StrokeKind::Middle,
    );
    painter.rect_filled(
        frame.rect(finger.shrink(1.5)),
        frame.pt(4.5),
        view.colours.ink,
    );
    painter.rect_stroke(
        frame.rect(finger),
        frame.pt(4.5),
        stroke,
        egui::StrokeKind::Middle,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Premultiplied "source over" in gamma space, as egui's painter blends.
    fn over(src: [f32; 4], dst: [f32; 3]) -> [f32; 3] {
        [0, 1, 2].map(|i| src[i] + dst[i] * (1.0 - src[3]))
    }

    fn premultiplied(c: Color32) -> [f32; 4] {
        [c.r(), c.g(), c.b(), c.a()].map(|v| f32::from(v) / 255.0)
    }

    fn lerp(a: [f32; 4], b: [f32; 4], u: f32) -> [f32; 4] {
        [0, 1, 2, 3].map(|i| a[i] + (b[i] - a[i]) * u)
    }

    #[test]
    fn the_baked_scrim_blends_as_the_scrim_layer_did_over_the_ink() {
        let ink = Color32::from_rgb(11, 15, 20);
        let ink_f = premultiplied(ink);
        let scrim_left = premultiplied(ink.gamma_multiply(SCRIM_ALPHA));
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0));
        let uv = Rect::from_min_max(pos2(0.1, 0.0), pos2(0.9, 1.0));
        let mesh = scrimmed_picture(egui::TextureId::default(), rect, uv, 1100.0);
        let left = premultiplied(mesh.vertices[0].color);
        let split = premultiplied(mesh.vertices[2].color);
        for picture in [[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.8, 0.4, 0.1]] {
            for u in [0.0, 0.25, 0.5, 0.9, 1.0] {
                // Layers: picture over the ink, then the scrim (left colour to clear).
                let scrim = lerp(scrim_left, [0.0; 4], u);
                let layered = over(scrim, picture);
                // Baked: the picture times its vertex colour over the cleared ink.
                let weight = lerp(left, split, u);
                let textured =
                    [0, 1, 2, 3].map(|i| weight[i] * [picture[0], picture[1], picture[2], 1.0][i]);
                let baked = over(textured, [ink_f[0], ink_f[1], ink_f[2]]);
                for i in 0..3 {
                    assert!(
                        (layered[i] - baked[i]).abs() < 2.0 / 255.0,
                        "channel {i} at {u} of the scrim: layered {layered:?}, baked {baked:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_baked_mesh_keeps_the_crop_continuous_across_the_scrim_edge() {
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0));
        let uv = Rect::from_min_max(pos2(0.1, 0.05), pos2(0.9, 0.95));
        let mesh = scrimmed_picture(egui::TextureId::default(), rect, uv, 1100.0);
        assert_eq!(mesh.vertices.len(), 6, "three columns of two vertices");
        assert_eq!(mesh.indices.len(), 12, "two quads");
        let at_split = mesh.vertices[2].uv.x;
        let expected = 0.1 + 1100.0 / 1920.0 * 0.8;
        assert!(
            (at_split - expected).abs() < 1e-5,
            "u at the scrim edge: {at_split}"
        );
        assert_eq!(
            mesh.vertices[0].uv,
            uv.left_top(),
            "the crop's corner at the left top"
        );
        assert_eq!(
            mesh.vertices[5].uv,
            uv.right_bottom(),
            "the crop's corner at the right bottom"
        );
        assert_eq!(
            mesh.vertices[4].color,
            Color32::WHITE,
            "no scrim right of its edge"
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
