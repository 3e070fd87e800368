//! A section screen's layout: text column, picture, key-figure cards, timeline, map button.

use crate::tokens::{size, space};
use egui::{Rect, pos2, vec2};

use super::{DOCK_HEIGHT, Frame, grid, is_short};

/// Where a section's parts go, in design points (page offset not applied).
#[derive(Clone, Debug, PartialEq)]
pub struct SectionLayout {
    /// Eyebrow, headline and body share this column; the headline starts at its top.
    pub text_column: Rect,
    /// Bottom of the body viewport (the body starts below the headline).
    pub body_bottom: f32,
    /// The "Show on map" button.
    pub map_button: Rect,
    /// The picture frame.
    pub picture: Option<Rect>,
    /// Key-figure cards.
    pub figures: Vec<Rect>,
    /// The timeline band.
    pub timeline: Option<Rect>,
    /// A screen too short for the parts side by side: the body column scrolls through the
    /// body, the key figures and the timeline in reading order (`figures` and `timeline`
    /// are empty, and the picture is left out).
    pub reading_column: bool,
    /// The timeline runs down the body column after the text (portrait and compact screens,
    /// and the reading column): a vertical timeline, its dates never cut by narrow columns.
    pub timeline_in_body: bool,
}

/// What a section has, which decides its layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionParts {
    /// It has a picture.
    pub picture: bool,
    /// Number of key figures (at most three are shown as cards).
    pub figures: usize,
    /// It has timeline entries.
    pub timeline: bool,
    /// It has a map preset.
    pub map_button: bool,
    /// The pager sits in the dock row (controls joined to the dock), so the row above the
    /// dock holds only "Show on map".
    pub pager_in_dock: bool,
}

/// The body's measure in design points: about 58 characters (visual.md §2 "body").
const READING_W: f32 = 840.0;

/// The shortest measure a column of body text keeps: about 45 characters (visual.md §1).
const SHORTEST_MEASURE: f32 = 600.0;

/// At most this many key-figure cards are shown on a section screen.
pub const MAX_FIGURE_CARDS: usize = 3;

/// Lays out a section screen.
pub fn section_layout(frame: &Frame, parts: SectionParts) -> SectionLayout {
    let mx = frame.margin_x();
    let content_w = frame.content_width();
    let dock_top = frame.dock().top();
    let cards = parts.figures.min(MAX_FIGURE_CARDS);
    if is_short(frame) || (frame.portrait && frame.size.y < 1600.0) {
        // Too little height for the parts apart (larger text): one scrolling column. The
        // row above the dock holds "Show on map" and the pager, as on narrow screens.
        // With the pager in the dock and room beside a reading measure, "Show on map"
        // stands at the column's right, low, and the text takes the whole height.
        let beside = parts.pager_in_dock && content_w >= SHORTEST_MEASURE + space::XXL + 360.0;
        let (map_button, body_bottom, text_w) = if beside {
            let text_w = (content_w - space::XXL - 360.0).min(READING_W + 200.0);
            let button = Rect::from_min_size(
                pos2(mx + text_w + space::XXL, dock_top - space::XL - DOCK_HEIGHT),
                vec2(360.0, DOCK_HEIGHT),
            );
            (button, dock_top - space::XL, text_w)
        } else {
            let button = Rect::from_min_size(
                pos2(mx, dock_top - space::XL - DOCK_HEIGHT),
                vec2(360.0, DOCK_HEIGHT),
            );
            (button, button.top() - space::L, content_w.min(1200.0))
        };
        return SectionLayout {
            text_column: Rect::from_min_max(pos2(mx, 40.0), pos2(mx + text_w, body_bottom)),
            body_bottom,
            map_button,
            picture: None,
            figures: Vec::new(),
            timeline: None,
            reading_column: true,
            timeline_in_body: true,
        };
    }
    if frame.portrait || frame.compact() {
        // One column: picture, text (the timeline runs down it after the body, visual.md
        // §5), figures, then a row for "Show on map" and the pager (the dock has no room
        // for the pager on a narrow screen), then the dock.
        let mut bottom = dock_top - space::XL;
        let map_button =
            Rect::from_min_size(pos2(mx, bottom - DOCK_HEIGHT), vec2(360.0, DOCK_HEIGHT));
        bottom = map_button.top() - space::XL;
        let figure_h = if frame.portrait { 212.0 } else { 180.0 };
        let figures = if cards > 0 {
            let row = grid(
                mx,
                bottom - figure_h,
                content_w,
                figure_h,
                cards,
                MAX_FIGURE_CARDS,
            );
            bottom -= figure_h + space::XL;
            row
        } else {
            Vec::new()
        };
        let picture_h = if frame.portrait { 420.0 } else { 0.0 };
        let picture = (parts.picture && frame.portrait)
            .then(|| Rect::from_min_size(pos2(mx, size::MARGIN_TOP), vec2(content_w, picture_h)));
        // Room for a two-line caption and the credit under the picture.
        let text_top = picture.map_or(size::MARGIN_TOP, |p| p.bottom() + 136.0);
        return SectionLayout {
            text_column: Rect::from_min_max(
                pos2(mx, text_top),
                pos2(mx + content_w.min(952.0), bottom),
            ),
            body_bottom: bottom,
            map_button,
            picture,
            figures,
            timeline: None,
            reading_column: false,
            timeline_in_body: true,
        };
    }
    let column_w = 840.0_f32.min(content_w * 0.49);
    let right_x = mx + column_w + 72.0;
    let right_w = mx + content_w - right_x;
    let timeline = parts.timeline.then(|| {
        Rect::from_min_max(
            pos2(mx, dock_top - 148.0),
            pos2(mx + content_w, dock_top - 36.0),
        )
    });
    let lower_limit = timeline.map_or(dock_top - space::XXL, |t| t.top() - 40.0);
    let map_button = Rect::from_min_size(
        pos2(mx, lower_limit - DOCK_HEIGHT),
        vec2(320.0, DOCK_HEIGHT),
    );
    let body_bottom = if parts.map_button {
        map_button.top() - space::L
    } else {
        lower_limit
    };
    let figure_h = 236.0;
    let figures = if cards > 0 {
        grid(
            right_x,
            lower_limit - figure_h,
            right_w,
            figure_h,
            cards,
            cards,
        )
    } else {
        Vec::new()
    };
    let picture_bottom = if cards > 0 {
        lower_limit - figure_h - space::GIANT
    } else {
        lower_limit - space::HUGE
    };
    let picture = parts.picture.then(|| {
        Rect::from_min_max(
            pos2(right_x, size::MARGIN_TOP),
            pos2(right_x + right_w, picture_bottom.max(200.0)),
        )
    });
    SectionLayout {
        text_column: Rect::from_min_max(
            pos2(mx, size::MARGIN_TOP),
            pos2(mx + column_w, body_bottom),
        ),
        body_bottom,
        map_button,
        picture,
        figures,
        timeline,
        reading_column: false,
        timeline_in_body: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{accessible, frame};
    use super::*;

    #[test]
    fn with_the_pager_in_the_dock_a_wide_short_screen_reads_the_full_height() {
        let parts = SectionParts {
            picture: true,
            figures: 3,
            timeline: true,
            map_button: true,
            pager_in_dock: true,
        };
        let f = accessible(1920.0, 1080.0, 1.5, 128.0);
        let layout = section_layout(&f, parts);
        assert!(layout.reading_column, "one column");
        assert!(
            layout.map_button.left() > layout.text_column.right(),
            "Show on map beside the text: {layout:?}"
        );
        assert!(
            (layout.body_bottom - layout.map_button.bottom()).abs() < 1e-3,
            "the text down to the button's foot"
        );
        let portrait = section_layout(&accessible(1080.0, 1920.0, 1.5, 224.0), parts);
        assert!(
            portrait.body_bottom <= portrait.map_button.top(),
            "a narrow screen keeps the button's own row"
        );
    }

    #[test]
    fn short_screens_read_a_section_as_one_column_above_the_map_button() {
        let parts = SectionParts {
            picture: true,
            figures: 3,
            timeline: true,
            map_button: true,
            pager_in_dock: false,
        };
        for f in [
            accessible(1920.0, 1080.0, 1.5, 128.0),
            accessible(1080.0, 1920.0, 1.5, 224.0),
        ] {
            let layout = section_layout(&f, parts);
            assert!(layout.reading_column, "{f:?}: one column");
            assert!(
                layout.picture.is_none() && layout.figures.is_empty() && layout.timeline.is_none(),
                "{f:?}: figures and timeline join the column"
            );
            assert!(
                layout.body_bottom <= layout.map_button.top(),
                "{f:?}: body above the map button"
            );
            assert!(
                layout.map_button.bottom() <= f.dock().top(),
                "{f:?}: map button above the dock"
            );
            assert!(
                layout.body_bottom - layout.text_column.top() >= 250.0,
                "{f:?}: the column has room to read"
            );
        }
        let full = section_layout(&frame(1920.0, 1080.0), parts);
        assert!(
            !full.reading_column && full.picture.is_some(),
            "full screen"
        );
    }

    #[test]
    fn section_parts_do_not_overlap_and_stay_above_the_dock() {
        let parts = SectionParts {
            picture: true,
            figures: 3,
            timeline: true,
            map_button: true,
            pager_in_dock: false,
        };
        for (w, h) in [
            (1280.0, 720.0),
            (1920.0, 1080.0),
            (3840.0, 2160.0),
            (1080.0, 1920.0),
        ] {
            let f = frame(w, h);
            let layout = section_layout(&f, parts);
            let dock = f.dock();
            let mut rects = layout.figures.clone();
            rects.extend(layout.picture);
            rects.extend(layout.timeline);
            rects.push(layout.map_button);
            for r in &rects {
                assert!(r.bottom() <= dock.top(), "{w}x{h}: {r:?} over the dock");
                assert!(
                    r.left() >= 0.0 && r.right() <= f.size.x,
                    "{w}x{h}: {r:?} off screen"
                );
            }
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    assert!(!a.intersects(*b), "{w}x{h}: {a:?} overlaps {b:?}");
                }
            }
            assert!(
                layout.body_bottom - layout.text_column.top() > 250.0,
                "{w}x{h}: room to read"
            );
        }
    }
}
