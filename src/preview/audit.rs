//! The layout audit: what one frame's layout data says a visitor would see wrong. It reads
//! the text egui was asked to paint (each galley knows whether it was elided, its fonts and
//! its clip), the widgets that take a tap, and where the map put its labels; pixels alone
//! cannot say which text was cut or which point a label names.

use std::fmt;
use std::sync::Arc;

use egui::epaint::{ClippedShape, Shape, TextShape};
use egui::{Context, FullOutput, Galley, Pos2, Rect};

use crate::map::{LabelReport, PlacedLabel};
use crate::tokens::size::TOUCH_MIN;

/// The smallest type on the scale (credits, map country names), in design points.
pub const SMALLEST_TYPE: f32 = 18.0;

/// How far a map label may be from the point it names: a finger's width (design points).
pub const FINGER: f32 = TOUCH_MIN;

/// Controls keep this far from every edge of the screen (bezels, kiosk frames), less the
/// 8 points a hit area may exceed what is drawn (design points).
pub const CONTROL_EDGE: f32 = 32.0;

/// Slack for rounding, in screen points.
const SLACK: f32 = 1.0;

/// What the audit is told about the frame.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
    /// The screen, in points.
    pub screen: Rect,
    /// Screen points per design point.
    pub scale: f32,
    /// Controls must lie below this line (points): the reach band's top. `None`: anywhere.
    pub reach_top: Option<f32>,
}

/// A tappable widget: its accessible name and rectangle (points).
#[derive(Clone, Debug, PartialEq)]
pub struct Control {
    /// What it is called.
    pub label: String,
    /// Where it takes a tap.
    pub rect: Rect,
}

/// One thing wrong, with the words or control it concerns.
#[derive(Clone, Debug, PartialEq)]
pub enum Defect {
    /// Text laid out with a "…" in place of its end.
    Elided(String),
    /// Text cut by its clip or the screen's edge.
    Clipped(String),
    /// Two texts drawn over one another.
    TextsOverlap(String, String),
    /// Text drawn over a control it does not belong to.
    TextOverControl(String, String),
    /// Two controls over one another.
    ControlsOverlap(String, String),
    /// A control within `CONTROL_EDGE` of the screen's edge or beyond it.
    ControlAtEdge(String),
    /// A control above the reach band.
    ControlOutOfReach(String),
    /// Type below the smallest size: the text and its size in design points.
    TooSmall(String, f32),
    /// A map label farther than a finger from its point (design points).
    LabelFar(String, f32),
    /// A map label nearer to another point than to its own.
    LabelNearerOther(String),
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Elided(text) => write!(f, "elided: {text:?}"),
            Self::Clipped(text) => write!(f, "clipped: {text:?}"),
            Self::TextsOverlap(a, b) => write!(f, "texts overlap: {a:?} and {b:?}"),
            Self::TextOverControl(text, control) => {
                write!(f, "text {text:?} over the control {control:?}")
            }
            Self::ControlsOverlap(a, b) => write!(f, "controls overlap: {a:?} and {b:?}"),
            Self::ControlAtEdge(label) => write!(f, "control {label:?} at the screen's edge"),
            Self::ControlOutOfReach(label) => write!(f, "control {label:?} above the reach band"),
            Self::TooSmall(text, size) => write!(f, "type {size:.1} pt below 18: {text:?}"),
            Self::LabelFar(text, distance) => {
                write!(f, "map label {text:?} is {distance:.0} pt from its point")
            }
            Self::LabelNearerOther(text) => {
                write!(f, "map label {text:?} is nearer another point than its own")
            }
        }
    }
}

/// A text as drawn: its words, where, and how.
struct DrawnText {
    text: String,
    rect: Rect,
    clip: Rect,
    galley: Arc<Galley>,
    /// Hidden, in part or whole, under an opaque panel drawn after it.
    covered: bool,
}

/// The words of a galley, one line (for messages).
fn words(galley: &Galley) -> String {
    galley.text().replace('\n', " ")
}

/// Every visible text of the frame, in paint order, each galley once (a halo paints the
/// same galley several times).
fn drawn_texts(shapes: &[ClippedShape]) -> Vec<DrawnText> {
    let mut texts: Vec<DrawnText> = Vec::new();
    let mut panels: Vec<(usize, Rect)> = Vec::new();
    // The app draws without transforms; a transformed layer would move its shapes.
    let mut visit = |shape: &Shape, clip: Rect, texts: &mut Vec<DrawnText>| match shape {
        Shape::Text(text) => {
            if let Some(drawn) = drawn_text(text, clip)
                && !texts.iter().any(|t| Arc::ptr_eq(&t.galley, &drawn.galley))
            {
                texts.push(drawn);
            }
        }
        Shape::Rect(rect) if rect.fill.a() == u8::MAX && rect.rect.area() > 0.0 => {
            panels.push((texts.len(), rect.rect.intersect(clip)));
        }
        _ => {}
    };
    for clipped in shapes {
        if let Shape::Vec(inner) = &clipped.shape {
            for shape in inner {
                visit(shape, clipped.clip_rect, &mut texts);
            }
        } else {
            visit(&clipped.shape, clipped.clip_rect, &mut texts);
        }
    }
    for (count_before, panel) in panels {
        for text in texts.iter_mut().take(count_before) {
            if text.rect.intersects(panel) {
                text.covered = true;
            }
        }
    }
    texts
}

fn drawn_text(text: &TextShape, clip: Rect) -> Option<DrawnText> {
    let visible = text.opacity_factor > 0.0
        && text.override_text_color.map_or_else(
            || {
                text.galley
                    .job
                    .sections
                    .iter()
                    .any(|s| s.format.color.a() > 0)
            },
            |c| c.a() > 0,
        );
    if !visible || text.galley.text().trim().is_empty() {
        return None;
    }
    let rect = text.galley.rect.translate(text.pos.to_vec2());
    Some(DrawnText {
        text: words(&text.galley),
        rect,
        clip,
        galley: Arc::clone(&text.galley),
        covered: false,
    })
}

/// The tappable widgets of the frame that just ended, named by their accessible labels.
pub fn controls(ctx: &Context, output: &FullOutput) -> Vec<Control> {
    let names: std::collections::HashMap<egui::accesskit::NodeId, String> = output
        .platform_output
        .accesskit_update
        .as_ref()
        .map(|update| {
            update
                .nodes
                .iter()
                .filter_map(|(id, node)| Some((*id, node.label()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    ctx.viewport(|viewport| {
        viewport
            .prev_pass
            .widgets
            .layers()
            .flat_map(|(_, widgets)| widgets.iter())
            // A tap, not a drag surface (the map, the reading bar, panels that swallow touches).
            .filter(|w| w.enabled && w.sense.senses_click() && !w.sense.senses_drag())
            .map(|w| Control {
                label: names
                    .get(&w.id.accesskit_id())
                    .cloned()
                    .unwrap_or_else(|| format!("{:?}", w.id)),
                rect: w.interact_rect,
            })
            .filter(|c| c.rect.is_positive())
            .collect()
    })
}

/// Whether `a` and `b` overlap by more than the rounding slack both ways.
fn overlap(a: Rect, b: Rect) -> bool {
    let i = a.intersect(b);
    i.width() > SLACK && i.height() > SLACK
}

/// Everything wrong with a frame's layout: `shapes` as egui would paint them, `controls`,
/// and the map's `labels` when the map is on screen.
pub fn audit(
    shapes: &[ClippedShape],
    controls: &[Control],
    labels: Option<&LabelReport>,
    rules: Rules,
) -> Vec<Defect> {
    let mut defects = Vec::new();
    let texts = drawn_texts(shapes);
    let smallest = SMALLEST_TYPE * rules.scale - 0.05;
    for text in &texts {
        if text.galley.elided {
            defects.push(Defect::Elided(text.text.clone()));
        }
        // A scrolling viewport (the section body) cuts its text at its top and foot by
        // design; sideways, and at the screen's edge, nothing may be cut.
        let scrolls = text.clip.height() < rules.screen.height() - SLACK;
        let within = text.clip.intersect(rules.screen).expand(SLACK);
        let cut_sideways = text.rect.left() < within.left() || text.rect.right() > within.right();
        let cut_vertically = text.rect.top() < within.top() || text.rect.bottom() > within.bottom();
        if cut_sideways || (cut_vertically && !scrolls) {
            defects.push(Defect::Clipped(text.text.clone()));
        }
        let size = text
            .galley
            .job
            .sections
            .iter()
            .map(|s| s.format.font_id.size)
            .fold(f32::INFINITY, f32::min);
        if size < smallest {
            defects.push(Defect::TooSmall(text.text.clone(), size / rules.scale));
        }
    }
    // What is seen of each text: a scrolling viewport hides what lies beyond it.
    let seen = |t: &DrawnText| t.rect.intersect(t.clip);
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            if !a.covered && !b.covered && overlap(seen(a), seen(b)) {
                defects.push(Defect::TextsOverlap(a.text.clone(), b.text.clone()));
            }
        }
        if a.covered {
            continue;
        }
        for control in controls {
            let own = control.rect.expand(SLACK).contains_rect(a.rect);
            if !own && overlap(seen(a), control.rect) {
                defects.push(Defect::TextOverControl(
                    a.text.clone(),
                    control.label.clone(),
                ));
            }
        }
    }
    let edge = rules.screen.shrink(CONTROL_EDGE * rules.scale - SLACK);
    for (i, control) in controls.iter().enumerate() {
        if !edge.contains_rect(control.rect) {
            defects.push(Defect::ControlAtEdge(control.label.clone()));
        }
        if rules
            .reach_top
            .is_some_and(|top| control.rect.center().y < top - SLACK)
        {
            defects.push(Defect::ControlOutOfReach(control.label.clone()));
        }
        for other in &controls[i + 1..] {
            let nested =
                control.rect.contains_rect(other.rect) || other.rect.contains_rect(control.rect);
            if !nested && overlap(control.rect, other.rect) {
                defects.push(Defect::ControlsOverlap(
                    control.label.clone(),
                    other.label.clone(),
                ));
            }
        }
    }
    if let Some(report) = labels {
        defects.extend(label_defects(report, rules.scale));
    }
    defects
}

/// Map labels far from their point, or nearer another.
fn label_defects(report: &LabelReport, scale: f32) -> Vec<Defect> {
    let mut defects = Vec::new();
    for label in &report.labels {
        let Some(own) = label.point else { continue };
        if let Some([from, to]) = label.leader {
            defects.extend(leader_defects(report, label, own, [from, to], scale));
            continue;
        }
        let distance = label.rect.distance_to_pos(own);
        if distance > FINGER * scale + SLACK {
            defects.push(Defect::LabelFar(label.text.clone(), distance / scale));
        }
        // Markers of the same place (sites fanned out around a city) are named with it.
        let nearer = report.points.iter().any(|p| {
            p.distance(own) > SLACK
                && !label.same_place.contains(p)
                && label.rect.distance_to_pos(*p) + SLACK < distance
        });
        if nearer {
            defects.push(Defect::LabelNearerOther(label.text.clone()));
        }
    }
    defects
}

/// A label on a leader: the leader joins the label's edge to its own marker, and no other
/// marker is within half a finger of the label (it must read as naming only its point).
fn leader_defects(
    report: &LabelReport,
    label: &PlacedLabel,
    own: Pos2,
    [from, to]: [Pos2; 2],
    scale: f32,
) -> Vec<Defect> {
    let mut defects = Vec::new();
    let joined =
        label.rect.distance_to_pos(from) <= SLACK && to.distance(own) <= FINGER / 2.0 * scale;
    if !joined {
        defects.push(Defect::LabelFar(
            label.text.clone(),
            label.rect.distance_to_pos(own) / scale,
        ));
    }
    let crowded = report.points.iter().any(|p| {
        p.distance(own) > SLACK && label.rect.distance_to_pos(*p) + SLACK < FINGER / 2.0 * scale
    });
    if crowded {
        defects.push(Defect::LabelNearerOther(label.text.clone()));
    }
    defects
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, FontId, Pos2, pos2, vec2};

    fn text_shape(ctx: &Context, text: &str, size: f32, at: Pos2, width: f32) -> ClippedShape {
        let galley = ctx.fonts_mut(|fonts| {
            let mut job = egui::text::LayoutJob::simple(
                text.to_owned(),
                FontId::proportional(size),
                Color32::WHITE,
                width,
            );
            job.wrap.max_rows = 1;
            fonts.layout_job(job)
        });
        ClippedShape::new(
            Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0)),
            Shape::galley(at, galley, Color32::WHITE),
        )
    }

    fn rules() -> Rules {
        Rules {
            screen: Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0)),
            scale: 1.0,
            reach_top: Some(360.0),
        }
    }

    fn laid_out(
        ctx: &Context,
        shapes: impl FnOnce(&Context) -> Vec<ClippedShape>,
    ) -> Vec<ClippedShape> {
        let mut shapes = Some(shapes);
        let mut out = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            if let Some(shapes) = shapes.take() {
                out = shapes(ui.ctx());
            }
        });
        output.textures_delta.clear();
        out
    }

    #[test]
    fn elided_clipped_small_and_overlapping_text_is_each_reported() {
        let ctx = Context::default();
        let shapes = laid_out(&ctx, |ctx| {
            vec![
                text_shape(
                    ctx,
                    "A long line that cannot fit",
                    28.0,
                    pos2(100.0, 500.0),
                    80.0,
                ),
                text_shape(
                    ctx,
                    "Off the edge",
                    28.0,
                    pos2(1900.0, 600.0),
                    f32::INFINITY,
                ),
                text_shape(ctx, "Tiny", 12.0, pos2(100.0, 700.0), f32::INFINITY),
                text_shape(ctx, "One", 28.0, pos2(400.0, 800.0), f32::INFINITY),
                text_shape(ctx, "Two", 28.0, pos2(410.0, 805.0), f32::INFINITY),
            ]
        });
        let defects = audit(&shapes, &[], None, rules());
        assert!(
            defects
                .iter()
                .any(|d| matches!(d, Defect::Elided(t) if t.starts_with("A long"))),
            "{defects:?}"
        );
        assert!(
            defects.contains(&Defect::Clipped("Off the edge".to_owned())),
            "{defects:?}"
        );
        assert!(
            defects.iter().any(
                |d| matches!(d, Defect::TooSmall(t, s) if t == "Tiny" && (*s - 12.0).abs() < 0.1)
            ),
            "{defects:?}"
        );
        assert!(
            defects.contains(&Defect::TextsOverlap("One".to_owned(), "Two".to_owned())),
            "{defects:?}"
        );
        assert_eq!(defects.len(), 4, "nothing else: {defects:?}");
    }

    #[test]
    fn a_control_s_own_label_is_fine_and_a_stray_text_or_a_high_control_is_not() {
        let ctx = Context::default();
        let shapes = laid_out(&ctx, |ctx| {
            vec![
                text_shape(ctx, "Home", 24.0, pos2(110.0, 980.0), f32::INFINITY),
                text_shape(ctx, "Stray", 24.0, pos2(290.0, 985.0), f32::INFINITY),
            ]
        });
        let controls = [
            Control {
                label: "Home".to_owned(),
                rect: Rect::from_min_size(pos2(96.0, 960.0), vec2(200.0, 80.0)),
            },
            Control {
                label: "Close".to_owned(),
                rect: Rect::from_min_size(pos2(1700.0, 100.0), vec2(72.0, 72.0)),
            },
            Control {
                label: "Edge".to_owned(),
                rect: Rect::from_min_size(pos2(10.0, 900.0), vec2(72.0, 72.0)),
            },
        ];
        let defects = audit(&shapes, &controls, None, rules());
        assert_eq!(
            defects,
            vec![
                Defect::TextOverControl("Stray".to_owned(), "Home".to_owned()),
                Defect::ControlOutOfReach("Close".to_owned()),
                Defect::ControlAtEdge("Edge".to_owned()),
            ],
            "{defects:?}"
        );
    }

    #[test]
    fn a_text_under_a_later_opaque_panel_is_not_an_overlap() {
        let ctx = Context::default();
        let shapes = laid_out(&ctx, |ctx| {
            let mut shapes = vec![text_shape(
                ctx,
                "Under",
                28.0,
                pos2(400.0, 500.0),
                f32::INFINITY,
            )];
            shapes.push(ClippedShape::new(
                Rect::EVERYTHING,
                Shape::rect_filled(
                    Rect::from_min_size(pos2(380.0, 480.0), vec2(400.0, 200.0)),
                    0.0,
                    Color32::BLACK,
                ),
            ));
            shapes.push(text_shape(
                ctx,
                "Over",
                28.0,
                pos2(405.0, 505.0),
                f32::INFINITY,
            ));
            shapes
        });
        assert!(audit(&shapes, &[], None, rules()).is_empty(), "covered");
    }

    #[test]
    fn a_map_label_must_be_within_a_finger_and_nearest_its_own_point() {
        let report = LabelReport {
            labels: vec![
                PlacedLabel {
                    text: "Near".to_owned(),
                    rect: Rect::from_min_size(pos2(112.0, 90.0), vec2(60.0, 20.0)),
                    point: Some(pos2(100.0, 100.0)),
                    same_place: Vec::new(),
                    leader: None,
                },
                PlacedLabel {
                    text: "Far".to_owned(),
                    rect: Rect::from_min_size(pos2(500.0, 90.0), vec2(60.0, 20.0)),
                    point: Some(pos2(400.0, 100.0)),
                    same_place: Vec::new(),
                    leader: None,
                },
                PlacedLabel {
                    text: "Wrong".to_owned(),
                    rect: Rect::from_min_size(pos2(730.0, 90.0), vec2(60.0, 20.0)),
                    point: Some(pos2(700.0, 100.0)),
                    same_place: Vec::new(),
                    leader: None,
                },
            ],
            points: vec![
                pos2(100.0, 100.0),
                pos2(400.0, 100.0),
                pos2(700.0, 100.0),
                pos2(760.0, 100.0),
            ],
        };
        let defects = audit(&[], &[], Some(&report), rules());
        assert_eq!(
            defects,
            vec![
                Defect::LabelFar("Far".to_owned(), 100.0),
                Defect::LabelNearerOther("Wrong".to_owned()),
            ],
            "{defects:?}"
        );
    }

    #[test]
    fn a_label_on_a_leader_must_be_joined_to_its_point_and_clear_of_others() {
        let city = pos2(500.0, 500.0);
        let label = |text: &str, rect: Rect, leader: [Pos2; 2]| PlacedLabel {
            text: text.to_owned(),
            rect,
            point: Some(city),
            same_place: Vec::new(),
            leader: Some(leader),
        };
        let clear = Rect::from_min_size(pos2(580.0, 490.0), vec2(60.0, 20.0));
        let crowded = Rect::from_min_size(pos2(580.0, 490.0), vec2(60.0, 20.0));
        let loose = Rect::from_min_size(pos2(580.0, 490.0), vec2(60.0, 20.0));
        let report = |label: PlacedLabel, other: Pos2| LabelReport {
            labels: vec![label],
            points: vec![city, other],
        };
        let joined = [pos2(580.0, 500.0), pos2(506.0, 500.0)];
        assert!(
            audit(
                &[],
                &[],
                Some(&report(label("Clear", clear, joined), pos2(500.0, 440.0))),
                rules()
            )
            .is_empty(),
            "a leader to its point, the label clear of the other marker"
        );
        assert_eq!(
            audit(
                &[],
                &[],
                Some(&report(
                    label("Crowded", crowded, joined),
                    pos2(650.0, 500.0)
                )),
                rules()
            ),
            vec![Defect::LabelNearerOther("Crowded".to_owned())],
            "another marker within half a finger of the label"
        );
        assert_eq!(
            audit(
                &[],
                &[],
                Some(&report(
                    label("Loose", loose, [pos2(580.0, 500.0), pos2(560.0, 500.0)]),
                    pos2(500.0, 440.0)
                )),
                rules()
            ),
            vec![Defect::LabelFar("Loose".to_owned(), 80.0)],
            "a leader that stops short of its point"
        );
    }
}
