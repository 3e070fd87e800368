//! A section screen's layout: text column, picture (or gallery), key-figure cards in rows,
//! timeline, map button.

use crate::tokens::{size, space};
use egui::{Rect, pos2, vec2};

use super::{DOCK_HEIGHT, Frame, GUTTER, grid, is_short};

/// Where a section's parts go, in design points (page offset not applied).
#[derive(Clone, Debug, PartialEq)]
pub struct SectionLayout {
    /// Eyebrow, headline and body share this column; the headline starts at its top.
    pub text_column: Rect,
    /// Bottom of the body viewport (the body starts below the headline).
    pub body_bottom: f32,
    /// The "Show on map" button.
    pub map_button: Rect,
    /// The picture frame (of the gallery when the section has several pictures).
    pub picture: Option<Rect>,
    /// A gallery's row of dots, under its picture and above the caption.
    pub dots: Option<Rect>,
    /// Key-figure cards, for the section's first figures in order; the figures beyond
    /// them scroll with the body, after its text, so every figure is seen.
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
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SectionParts {
    /// It has a picture.
    pub picture: bool,
    /// It has several pictures: a gallery, whose dots are controls and stay in reach.
    pub gallery: bool,
    /// Number of key figures (a row of cards, two rows on a portrait screen; the rest
    /// scroll with the body).
    pub figures: usize,
    /// The height the tallest card's text needs (value, label and note, with padding),
    /// in design points: the cards grow to it rather than cut or shrink type. 0: the usual.
    pub card_height: f32,
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

/// Key-figure cards in one row.
pub const MAX_FIGURE_CARDS: usize = 3;

/// The least height of a picture beside the text on a wide screen: below it the cards
/// stay one row and further figures scroll with the body.
const MIN_PICTURE_H: f32 = 240.0;

/// The height of a gallery's row of dots: each dot's hit area is this square, the least
/// touch target (visual.md §2 "Touch").
pub const GALLERY_DOTS_H: f32 = size::TOUCH_MIN;

/// The row of dots under a gallery's `picture`.
fn dots_under(picture: Rect) -> Rect {
    Rect::from_min_size(
        pos2(picture.left(), picture.bottom() + space::XS),
        vec2(picture.width(), GALLERY_DOTS_H),
    )
}

/// Lays out a section screen.
pub fn section_layout(frame: &Frame, parts: SectionParts) -> SectionLayout {
    let mx = frame.margin_x();
    let content_w = frame.content_width();
    let dock_top = frame.dock().top();
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
            dots: None,
            figures: Vec::new(),
            timeline: None,
            reading_column: true,
            timeline_in_body: true,
        };
    }
    if frame.portrait || frame.compact() {
        return one_column(frame, parts);
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
    // One row of cards under the picture (the rest scroll with the body), grown to the
    // tallest card's text; the picture gives up the height. A gallery's dots sit in a
    // row under its picture, above the caption.
    let dots_h = if parts.gallery { GALLERY_DOTS_H } else { 0.0 };
    let figure_h = parts
        .card_height
        .max(236.0)
        .min(lower_limit - size::MARGIN_TOP - space::GIANT - dots_h - MIN_PICTURE_H);
    let mut cards = parts.figures.min(MAX_FIGURE_CARDS);
    // The dots stay out of the top third (the reach rule of a plain screen): when the
    // cards would push them up there, every figure scrolls with the body instead.
    let dots_centre = lower_limit - figure_h - space::GIANT - dots_h / 2.0;
    if parts.gallery && parts.picture && dots_centre < frame.size.y / 3.0 + space::M {
        cards = 0;
    }
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
        lower_limit - figure_h - space::GIANT - dots_h
    } else {
        lower_limit - space::HUGE - dots_h
    };
    let picture = parts.picture.then(|| {
        Rect::from_min_max(
            pos2(right_x, size::MARGIN_TOP),
            pos2(right_x + right_w, picture_bottom.max(200.0)),
        )
    });
    let dots = picture.filter(|_| parts.gallery).map(dots_under);
    SectionLayout {
        text_column: Rect::from_min_max(
            pos2(mx, size::MARGIN_TOP),
            pos2(mx + column_w, body_bottom),
        ),
        body_bottom,
        map_button,
        picture,
        dots,
        figures,
        timeline,
        reading_column: false,
        timeline_in_body: false,
    }
}

/// Portrait and compact screens: one column. Picture, text (the timeline runs down it
/// after the body, visual.md §5), figures, then a row for "Show on map" and the pager (the
/// dock has no room for the pager on a narrow screen), then the dock. A gallery's picture
/// comes after the text, just above the figures, so its dots are in reach.
fn one_column(frame: &Frame, parts: SectionParts) -> SectionLayout {
    let mx = frame.margin_x();
    let content_w = frame.content_width();
    let mut bottom = frame.dock().top() - space::XL;
    let map_button = Rect::from_min_size(pos2(mx, bottom - DOCK_HEIGHT), vec2(360.0, DOCK_HEIGHT));
    bottom = map_button.top() - space::XL;
    // Portrait has the height for two rows of cards; a compact screen keeps one, and so
    // does a gallery, whose picture and dots take the second row's height (the other
    // figures scroll with the body, which would otherwise keep only a few lines).
    let rows_max = if frame.portrait && !parts.gallery {
        2
    } else {
        1
    };
    let cards = parts.figures.min(MAX_FIGURE_CARDS * rows_max);
    let rows = cards.div_ceil(MAX_FIGURE_CARDS);
    let row_h = parts
        .card_height
        .max(if frame.portrait { 212.0 } else { 180.0 });
    let figures = if cards > 0 {
        #[expect(clippy::cast_precision_loss, reason = "one or two rows")]
        let height = row_h * rows as f32 + GUTTER * (rows - 1) as f32;
        let cells = grid(
            mx,
            bottom - height,
            content_w,
            height,
            cards,
            MAX_FIGURE_CARDS,
        );
        bottom -= height + space::XL;
        cells
    } else {
        Vec::new()
    };
    let picture_h = if frame.portrait { 420.0 } else { 0.0 };
    // Room for a two-line caption and the credit under the picture (and a gallery's dots).
    let caption_h = 136.0 + if parts.gallery { GALLERY_DOTS_H } else { 0.0 };
    let (picture, text_top) = if parts.picture && frame.portrait && parts.gallery {
        let picture = Rect::from_min_size(
            pos2(mx, bottom - caption_h - picture_h),
            vec2(content_w, picture_h),
        );
        bottom = picture.top() - space::XL;
        (Some(picture), size::MARGIN_TOP)
    } else if parts.picture && frame.portrait {
        let picture = Rect::from_min_size(pos2(mx, size::MARGIN_TOP), vec2(content_w, picture_h));
        (Some(picture), picture.bottom() + caption_h)
    } else {
        (None, size::MARGIN_TOP)
    };
    SectionLayout {
        text_column: Rect::from_min_max(
            pos2(mx, text_top),
            pos2(mx + content_w.min(952.0), bottom),
        ),
        body_bottom: bottom,
        map_button,
        picture,
        dots: picture.filter(|_| parts.gallery).map(dots_under),
        figures,
        timeline: None,
        reading_column: false,
        timeline_in_body: true,
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
            gallery: false,
            figures: 3,
            card_height: 0.0,
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
            gallery: false,
            figures: 3,
            card_height: 0.0,
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
            gallery: false,
            figures: 3,
            card_height: 0.0,
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

    /// A section with `figures` key figures, a picture or a gallery, a timeline and a map
    /// button, the cards needing `card_height`.
    fn parts_with(figures: usize, gallery: bool, card_height: f32) -> SectionParts {
        SectionParts {
            picture: true,
            gallery,
            figures,
            card_height,
            timeline: true,
            map_button: true,
            pager_in_dock: false,
        }
    }

    #[test]
    fn portrait_cards_wrap_onto_a_second_row_and_wide_screens_keep_one_row() {
        let portrait = section_layout(&frame(1080.0, 1920.0), parts_with(5, false, 0.0));
        assert_eq!(portrait.figures.len(), 5, "every figure a card in portrait");
        let rows: Vec<f32> = portrait.figures.iter().map(Rect::top).collect();
        assert!(
            (rows[0] - rows[2]).abs() < 1e-3 && rows[3] > rows[2] + 200.0,
            "three in the first row, the rest below: {rows:?}"
        );
        assert!(
            portrait.text_column.bottom() <= portrait.figures[0].top(),
            "the text above the cards"
        );
        let wide = section_layout(&frame(1920.0, 1080.0), parts_with(5, false, 0.0));
        assert_eq!(
            wide.figures.len(),
            MAX_FIGURE_CARDS,
            "one row beside the text; the other two scroll with the body"
        );
        let many = section_layout(&frame(1080.0, 1920.0), parts_with(9, false, 0.0));
        assert_eq!(many.figures.len(), 6, "two rows at most in portrait");
    }

    #[test]
    fn cards_grow_to_their_text_and_the_picture_gives_up_the_height() {
        for (w, h) in [(1920.0, 1080.0), (1080.0, 1920.0)] {
            let usual = section_layout(&frame(w, h), parts_with(5, false, 0.0));
            let tall = section_layout(&frame(w, h), parts_with(5, false, 300.0));
            assert!(
                (tall.figures[0].height() - 300.0).abs() < 1e-3,
                "{w}x{h}: the card grows to 300: {:?}",
                tall.figures[0]
            );
            assert!(
                tall.figures[0].height() > usual.figures[0].height(),
                "{w}x{h}: taller than the usual"
            );
            let picture = tall.picture.expect("a picture");
            assert!(
                picture.height() >= 200.0,
                "{w}x{h}: the picture keeps a height"
            );
        }
    }

    #[test]
    fn every_part_keeps_apart_with_wrapped_cards_and_a_gallery() {
        for (w, h) in [
            (1280.0, 720.0),
            (1920.0, 1080.0),
            (3840.0, 2160.0),
            (1080.0, 1920.0),
        ] {
            for parts in [
                parts_with(5, true, 0.0),
                parts_with(6, true, 280.0),
                parts_with(4, false, 260.0),
            ] {
                let f = frame(w, h);
                let layout = section_layout(&f, parts);
                let mut rects = layout.figures.clone();
                rects.extend(layout.picture);
                rects.extend(layout.dots);
                rects.extend(layout.timeline);
                rects.push(layout.map_button);
                rects.push(layout.text_column);
                assert_eq!(
                    layout.dots.is_some(),
                    parts.gallery && layout.picture.is_some(),
                    "{w}x{h} {parts:?}: a gallery's dots under its picture"
                );
                if let Some(dots) = layout.dots {
                    assert!(
                        dots.center().y > f.size.y / 3.0,
                        "{w}x{h} {parts:?}: the dots out of the top third: {dots:?}"
                    );
                }
                for (i, a) in rects.iter().enumerate() {
                    assert!(
                        a.bottom() <= f.dock().top() && a.left() >= 0.0 && a.right() <= f.size.x,
                        "{w}x{h} {parts:?}: {a:?} off the page"
                    );
                    for b in &rects[i + 1..] {
                        assert!(!a.intersects(*b), "{w}x{h} {parts:?}: {a:?} overlaps {b:?}");
                    }
                }
                assert!(
                    layout.body_bottom - layout.text_column.top() > 250.0,
                    "{w}x{h} {parts:?}: room to read"
                );
            }
        }
    }

    #[test]
    fn a_gallery_in_portrait_sits_low_so_its_dots_are_in_reach() {
        let f = frame(1080.0, 1920.0);
        let gallery = section_layout(&f, parts_with(5, true, 0.0));
        let picture = gallery.picture.expect("a picture");
        let dots = gallery.dots.expect("dots");
        assert!(
            dots.top() >= picture.bottom() && dots.center().y > f.size.y / 3.0 + 48.0,
            "the dots under the picture, well below the top third: {dots:?}"
        );
        assert!(
            gallery.text_column.bottom() <= picture.top(),
            "the text above the gallery"
        );
        let single = section_layout(&f, parts_with(5, false, 0.0));
        assert!(
            single.picture.expect("a picture").top() < single.text_column.top(),
            "one picture stays at the top"
        );
        assert_eq!(
            gallery.figures.len(),
            3,
            "one row of cards beside a gallery"
        );
        assert_eq!(single.figures.len(), 5, "two rows beside one picture");
        assert!(
            gallery.text_column.height() > 600.0,
            "the text keeps room to read: {:?}",
            gallery.text_column
        );
    }
}
