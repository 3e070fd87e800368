//! Pure layout: from the screen size to design rectangles (visual.md §5).
//!
//! The design is drawn on a 1920×1080 reference (1080×1920 in portrait). A [`Frame`]
//! maps design points to screen points, so the same layout is sharp at any size.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

/// Maps design points to screen points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Screen points per design point.
    pub scale: f32,
    /// Screen position of the design origin.
    pub origin: Pos2,
    /// Size of the screen in design points.
    pub size: Vec2,
    /// Taller than wide.
    pub portrait: bool,
}

/// The widest the content grows, in design points.
pub const MAX_CONTENT_WIDTH: f32 = 1728.0;

/// Gap between tiles and cards.
pub const GUTTER: f32 = 24.0;

/// Height of dock controls.
pub const DOCK_HEIGHT: f32 = 80.0;

impl Frame {
    /// The frame for a screen rectangle (in screen points) and the theme's base size.
    pub fn new(screen: Rect, base_size: f32) -> Self {
        let portrait = screen.height() > screen.width();
        let reference = if portrait {
            vec2(1080.0, 1920.0)
        } else {
            vec2(1920.0, 1080.0)
        };
        let fit = (screen.width() / reference.x).min(screen.height() / reference.y);
        let scale = (fit * base_size).max(0.05);
        Self {
            scale,
            origin: screen.min,
            size: screen.size() / scale,
            portrait,
        }
    }

    /// A design rectangle in screen points.
    pub fn rect(&self, design: Rect) -> Rect {
        Rect::from_min_size(self.pos(design.min), design.size() * self.scale)
    }

    /// A design position in screen points.
    pub fn pos(&self, design: Pos2) -> Pos2 {
        self.origin + design.to_vec2() * self.scale
    }

    /// A design length in screen points.
    pub fn pt(&self, design: f32) -> f32 {
        design * self.scale
    }

    /// A screen length in design points.
    pub fn design_len(&self, screen: f32) -> f32 {
        screen / self.scale
    }

    /// Left and right margin: 96 (64 in portrait), more on wide screens so content stays ≤ 1728.
    pub fn margin_x(&self) -> f32 {
        let minimum: f32 = if self.portrait { 64.0 } else { 96.0 };
        minimum.max((self.size.x - MAX_CONTENT_WIDTH) / 2.0)
    }

    /// Width of the content between the margins.
    pub fn content_width(&self) -> f32 {
        self.size.x - 2.0 * self.margin_x()
    }

    /// The dock band: controls 80 high, 40 above the bottom edge.
    pub fn dock(&self) -> Rect {
        let controls_margin: f32 = if self.portrait { 64.0 } else { 40.0 };
        let x = controls_margin.max((self.size.x - MAX_CONTENT_WIDTH) / 2.0);
        Rect::from_min_max(
            pos2(x, self.size.y - 40.0 - DOCK_HEIGHT),
            pos2(self.size.x - x, self.size.y - 40.0),
        )
    }

    /// The same mapping over a screen `design` points shorter at the bottom (the visitor's
    /// screens above the accessibility bar): same scale, so they reflow rather than shrink.
    #[must_use]
    pub fn without_bottom(self, design: f32) -> Self {
        Self {
            size: Vec2::new(self.size.x, (self.size.y - design).max(1.0)),
            ..self
        }
    }

    /// A narrow landscape screen (such as 1280×720 at base size 1.2) uses compact layouts.
    pub fn compact(&self) -> bool {
        !self.portrait && self.size.x < 1700.0
    }
}

/// Where Home's parts go, in design points.
#[derive(Clone, Debug, PartialEq)]
pub struct HomeLayout {
    /// Signature bars and eyebrow line.
    pub eyebrow: Pos2,
    /// Top-left of the title and its wrap width.
    pub title: Rect,
    /// The introduction's box (its height is a limit); `None` when the screen is too short
    /// for it and the tiles (it is still read aloud and in the accessibility tree).
    pub intro: Option<Rect>,
    /// One rectangle per section tile.
    pub tiles: Vec<Rect>,
    /// Height of the picture at the top of each tile; 0 when the tiles have no room for one.
    pub tile_picture_height: f32,
}

/// A landscape screen too short for the usual layouts: larger text, or the reading bar on
/// a small panel. Home sets its title smaller and moves up; a section reads as one column.
pub fn is_short(frame: &Frame) -> bool {
    !frame.portrait && frame.size.y < 760.0
}

/// Wrap widths of Home's title and introduction, in design points.
pub fn home_text_widths(frame: &Frame) -> (f32, f32) {
    let content_w = frame.content_width();
    if frame.portrait || frame.compact() {
        (content_w, content_w.min(900.0))
    } else {
        (
            (content_w - HOME_INTRO_WIDTH - 48.0).min(1200.0),
            HOME_INTRO_WIDTH,
        )
    }
}

/// Width of the introduction beside the title on landscape Home.
const HOME_INTRO_WIDTH: f32 = 480.0;

/// The smallest tile picture worth showing; below it the tiles are text only.
pub const MIN_TILE_PICTURE: f32 = 80.0;

/// Lays out Home for `sections` tiles, given the measured heights of the title and the
/// introduction at the widths from [`home_text_widths`] and the height a tile's text needs
/// (design points). When the tiles would be shorter than their text, the introduction
/// gives way; when they have no room for a picture, they are text only.
pub fn home_layout(
    frame: &Frame,
    sections: usize,
    title_h: f32,
    intro_h: f32,
    tile_text_h: f32,
) -> HomeLayout {
    let with_intro = home_layout_with(frame, sections, title_h, Some(intro_h));
    let fits = with_intro
        .tiles
        .first()
        .is_none_or(|tile| tile.height() >= tile_text_h);
    if fits {
        with_intro
    } else {
        home_layout_with(frame, sections, title_h, None)
    }
}

fn home_layout_with(
    frame: &Frame,
    sections: usize,
    title_h: f32,
    intro_h: Option<f32>,
) -> HomeLayout {
    let mx = frame.margin_x();
    let content_w = frame.content_width();
    let dock_top = frame.dock().top();
    let (title_w, intro_w) = home_text_widths(frame);
    let stacked = frame.portrait || frame.compact();
    let short = is_short(frame);
    let eyebrow_y = if frame.portrait {
        96.0
    } else if short {
        40.0
    } else {
        72.0
    };
    let eyebrow = pos2(mx, eyebrow_y);
    let title_gap = if short { 44.0 } else { 50.0 };
    let title = Rect::from_min_size(pos2(mx, eyebrow.y + title_gap), vec2(title_w, title_h));
    let (intro, text_bottom) = match intro_h {
        None => (None, title.bottom()),
        Some(intro_h) if stacked => {
            let intro =
                Rect::from_min_size(pos2(mx, title.bottom() + 24.0), vec2(intro_w, intro_h));
            (Some(intro), intro.bottom())
        }
        Some(intro_h) => {
            let intro = Rect::from_min_size(
                pos2(mx + content_w - intro_w, eyebrow_y - 8.0),
                vec2(intro_w, intro_h),
            );
            (Some(intro), title.bottom().max(intro.bottom()))
        }
    };
    let (columns, minimum_top) = if frame.portrait {
        // The design's tile line on a full-height portrait screen; none with larger text.
        (
            2,
            if frame.size.y >= 1600.0 {
                584.0_f32
            } else {
                0.0
            },
        )
    } else {
        let columns = match sections {
            0..=4 => sections.max(1),
            5 | 6 => 3,
            _ => 4,
        };
        (columns, if short { 0.0 } else { 312.0 })
    };
    let gap = if short { 32.0 } else { 40.0 };
    let tiles_top = minimum_top.max(text_bottom + gap);
    let tiles_bottom = dock_top
        - if frame.portrait {
            64.0
        } else if short {
            32.0
        } else {
            48.0
        };
    let tiles = grid(
        mx,
        tiles_top,
        content_w,
        tiles_bottom - tiles_top,
        sections,
        columns,
    );
    let picture: f32 = if sections > 4 { 180.0 } else { 296.0 };
    let picture_share = if frame.portrait { 0.48 } else { 0.5 };
    HomeLayout {
        eyebrow,
        title,
        intro,
        tile_picture_height: picture.min(
            tiles
                .first()
                .map_or(picture, |t| t.height() * picture_share),
        ),
        tiles,
    }
}

/// `count` cells in rows of `columns`, filling `width` × `height` with gutters.
fn grid(left: f32, top: f32, width: f32, height: f32, count: usize, columns: usize) -> Vec<Rect> {
    let columns = columns.max(1);
    let rows = count.div_ceil(columns).max(1);
    #[expect(clippy::cast_precision_loss, reason = "a handful of tiles")]
    let (cols_f, rows_f) = (columns as f32, rows as f32);
    let cell_w = (width - GUTTER * (cols_f - 1.0)) / cols_f;
    let cell_h = (height - GUTTER * (rows_f - 1.0)) / rows_f;
    (0..count)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "a handful of tiles")]
            let (col, row) = ((i % columns) as f32, (i / columns) as f32);
            Rect::from_min_size(
                pos2(
                    left + col * (cell_w + GUTTER),
                    top + row * (cell_h + GUTTER),
                ),
                vec2(cell_w, cell_h),
            )
        })
        .collect()
}

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
}

/// Height of the timeline band on one-column screens, where captions take four lines.
pub const TIMELINE_TALL: f32 = 188.0;

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
        let map_button = Rect::from_min_size(
            pos2(mx, dock_top - 32.0 - DOCK_HEIGHT),
            vec2(360.0, DOCK_HEIGHT),
        );
        let body_bottom = map_button.top() - 24.0;
        return SectionLayout {
            text_column: Rect::from_min_max(
                pos2(mx, 40.0),
                pos2(mx + content_w.min(1200.0), body_bottom),
            ),
            body_bottom,
            map_button,
            picture: None,
            figures: Vec::new(),
            timeline: None,
            reading_column: true,
        };
    }
    if frame.portrait || frame.compact() {
        // One column: picture, text, figures, timeline, then a row for "Show on map" and the
        // pager (the dock has no room for the pager on a narrow screen), then the dock.
        let mut bottom = dock_top - 32.0;
        let map_button =
            Rect::from_min_size(pos2(mx, bottom - DOCK_HEIGHT), vec2(360.0, DOCK_HEIGHT));
        bottom = map_button.top() - 32.0;
        let timeline = parts.timeline.then(|| {
            let band = Rect::from_min_max(
                pos2(mx, bottom - TIMELINE_TALL),
                pos2(mx + content_w, bottom),
            );
            bottom = band.top() - 32.0;
            band
        });
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
            bottom -= figure_h + 32.0;
            row
        } else {
            Vec::new()
        };
        let picture_h = if frame.portrait { 420.0 } else { 0.0 };
        let picture = (parts.picture && frame.portrait)
            .then(|| Rect::from_min_size(pos2(mx, 64.0), vec2(content_w, picture_h)));
        // Room for a two-line caption and the credit under the picture.
        let text_top = picture.map_or(64.0, |p| p.bottom() + 136.0);
        return SectionLayout {
            text_column: Rect::from_min_max(
                pos2(mx, text_top),
                pos2(mx + content_w.min(952.0), bottom),
            ),
            body_bottom: bottom,
            map_button,
            picture,
            figures,
            timeline,
            reading_column: false,
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
    let lower_limit = timeline.map_or(dock_top - 48.0, |t| t.top() - 40.0);
    let map_button = Rect::from_min_size(
        pos2(mx, lower_limit - DOCK_HEIGHT),
        vec2(320.0, DOCK_HEIGHT),
    );
    let body_bottom = if parts.map_button {
        map_button.top() - 24.0
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
        lower_limit - figure_h - 128.0
    } else {
        lower_limit - 96.0
    };
    let picture = parts.picture.then(|| {
        Rect::from_min_max(
            pos2(right_x, 64.0),
            pos2(right_x + right_w, picture_bottom.max(200.0)),
        )
    });
    SectionLayout {
        text_column: Rect::from_min_max(pos2(mx, 64.0), pos2(mx + column_w, body_bottom)),
        body_bottom,
        map_button,
        picture,
        figures,
        timeline,
        reading_column: false,
    }
}

/// The part of a picture (as UV fractions) that covers a frame of `frame_size`,
/// cropping around `focus` (fractions of the picture).
pub fn cover_uv(image_size: Vec2, frame_size: Vec2, focus: (f32, f32)) -> Rect {
    if image_size.x <= 0.0 || image_size.y <= 0.0 || frame_size.x <= 0.0 || frame_size.y <= 0.0 {
        return Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
    }
    let image_aspect = image_size.x / image_size.y;
    let frame_aspect = frame_size.x / frame_size.y;
    let (w, h) = if image_aspect > frame_aspect {
        (frame_aspect / image_aspect, 1.0)
    } else {
        (1.0, image_aspect / frame_aspect)
    };
    let x = (focus.0 - w / 2.0).clamp(0.0, 1.0 - w);
    let y = (focus.1 - h / 2.0).clamp(0.0, 1.0 - h);
    Rect::from_min_size(pos2(x, y), vec2(w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(w: f32, h: f32) -> Frame {
        Frame::new(Rect::from_min_size(Pos2::ZERO, vec2(w, h)), 1.0)
    }

    #[test]
    fn the_reference_size_maps_one_to_one_and_4k_doubles() {
        assert!((frame(1920.0, 1080.0).scale - 1.0).abs() < 1e-6, "1080p");
        assert!((frame(3840.0, 2160.0).scale - 2.0).abs() < 1e-6, "4K");
        let portrait = frame(1080.0, 1920.0);
        assert!(
            portrait.portrait && (portrait.scale - 1.0).abs() < 1e-6,
            "portrait"
        );
    }

    #[test]
    fn wide_screens_give_the_extra_space_to_the_margins() {
        let wide = frame(2560.0, 1080.0);
        assert!(
            (wide.content_width() - MAX_CONTENT_WIDTH).abs() < 1e-3,
            "content capped"
        );
        assert!(wide.margin_x() > 96.0, "margins grow");
    }

    #[test]
    fn four_tiles_match_the_design_at_the_reference_size() {
        let layout = home_layout(&frame(1920.0, 1080.0), 4, 104.0, 144.0, 300.0);
        assert_eq!(layout.tiles.len(), 4, "four tiles");
        let first = layout.tiles[0];
        assert!(
            (first.width() - 414.0).abs() < 0.5,
            "width {}",
            first.width()
        );
        assert!(
            (first.height() - 600.0).abs() < 0.5,
            "height {}",
            first.height()
        );
        assert!(
            (first.left() - 96.0).abs() < 1e-3 && (first.top() - 312.0).abs() < 1e-3,
            "origin"
        );
    }

    #[test]
    fn tiles_and_dock_stay_on_screen_at_every_size() {
        for (w, h) in [
            (1280.0, 720.0),
            (1920.0, 1080.0),
            (3840.0, 2160.0),
            (1080.0, 1920.0),
            (2560.0, 1080.0),
        ] {
            let f = frame(w, h);
            let screen = Rect::from_min_size(Pos2::ZERO, f.size);
            let layout = home_layout(&f, 4, 208.0, 144.0, 300.0);
            for tile in &layout.tiles {
                assert!(screen.contains_rect(*tile), "{w}x{h}: tile {tile:?}");
                assert!(
                    tile.bottom() <= f.dock().top(),
                    "{w}x{h}: tile over the dock"
                );
                assert!(tile.width() >= 300.0, "{w}x{h}: tile too narrow {tile:?}");
            }
            assert!(screen.contains_rect(f.dock()), "{w}x{h}: dock");
        }
    }

    #[test]
    fn portrait_home_has_two_by_two_tiles() {
        let layout = home_layout(&frame(1080.0, 1920.0), 4, 208.0, 108.0, 300.0);
        assert!(
            (layout.tiles[0].top() - layout.tiles[1].top()).abs() < 1e-3,
            "same row"
        );
        assert!(
            layout.tiles[2].top() > layout.tiles[0].bottom(),
            "second row"
        );
    }

    /// The frame of accessibility mode: type `scale` times larger, `bar` points given up.
    fn accessible(w: f32, h: f32, scale: f32, bar: f32) -> Frame {
        Frame::new(Rect::from_min_size(Pos2::ZERO, vec2(w, h)), scale).without_bottom(bar)
    }

    #[test]
    fn with_larger_text_home_drops_the_introduction_before_the_tiles_get_too_short() {
        let f = accessible(1920.0, 1080.0, 1.5, 128.0);
        assert!(is_short(&f), "larger text on a landscape screen is short");
        let tile_text = 240.0;
        let layout = home_layout(&f, 4, 72.0, 252.0, tile_text);
        assert!(layout.intro.is_none(), "the introduction gives way");
        for tile in &layout.tiles {
            assert!(tile.height() >= tile_text, "tile {tile:?} holds its text");
            assert!(
                tile.bottom() <= f.dock().top(),
                "tile {tile:?} over the dock"
            );
        }
        // With room, the introduction stays.
        let roomy = home_layout(&frame(1920.0, 1080.0), 4, 104.0, 252.0, tile_text);
        assert!(roomy.intro.is_some(), "a full screen keeps it");
        assert!(
            !is_short(&frame(1920.0, 1080.0)),
            "a full screen is not short"
        );
        assert!(
            !is_short(&accessible(1920.0, 1080.0, 1.0, 128.0)),
            "the reading bar alone leaves a 1080p screen its layouts"
        );
    }

    #[test]
    fn short_screens_read_a_section_as_one_column_above_the_map_button() {
        let parts = SectionParts {
            picture: true,
            figures: 3,
            timeline: true,
            map_button: true,
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

    #[test]
    fn cover_crops_the_long_side_around_the_focus() {
        let uv = cover_uv(vec2(1600.0, 900.0), vec2(400.0, 400.0), (0.5, 0.5));
        assert!(
            (uv.width() - 0.5625).abs() < 1e-4 && (uv.height() - 1.0).abs() < 1e-6,
            "{uv:?}"
        );
        assert!((uv.center().x - 0.5).abs() < 1e-4, "centred");
        let right = cover_uv(vec2(1600.0, 900.0), vec2(400.0, 400.0), (1.0, 0.5));
        assert!((right.right() - 1.0).abs() < 1e-6, "clamped to the edge");
    }
}
