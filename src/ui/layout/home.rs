//! Home's layout: the title, the introduction and the grid of section tiles.

use crate::tokens::space;
use egui::{Pos2, Rect, pos2, vec2};

use super::{Frame, grid, is_short};

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

/// Wrap widths of Home's title and introduction, in design points.
pub fn home_text_widths(frame: &Frame) -> (f32, f32) {
    let content_w = frame.content_width();
    if frame.portrait || frame.compact() {
        (content_w, content_w.min(900.0))
    } else {
        (
            (content_w - HOME_INTRO_WIDTH - space::XXL).min(1200.0),
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
        space::HUGE
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
                Rect::from_min_size(pos2(mx, title.bottom() + space::L), vec2(intro_w, intro_h));
            (Some(intro), intro.bottom())
        }
        Some(intro_h) => {
            let intro = Rect::from_min_size(
                pos2(mx + content_w - intro_w, eyebrow_y - space::XS),
                vec2(intro_w, intro_h),
            );
            (Some(intro), title.bottom().max(intro.bottom()))
        }
    };
    let (columns, minimum_top) = if frame.portrait {
        // The design's tile line (584 of 1920): the top 30 % is for reading, the tiles
        // are touched below it (visual.md §1, strict in portrait), larger text included.
        (2, (frame.size.y * 584.0 / 1920.0).round())
    } else {
        let columns = match sections {
            0..=4 => sections.max(1),
            5 | 6 => 3,
            _ => 4,
        };
        (columns, if short { 0.0 } else { 312.0 })
    };
    let gap = if short { space::XL } else { 40.0 };
    let tiles_top = minimum_top.max(text_bottom + gap);
    let tiles_bottom = dock_top
        - if frame.portrait {
            space::XXXL
        } else if short {
            space::XL
        } else {
            space::XXL
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

#[cfg(test)]
mod tests {
    use super::super::tests::{accessible, frame};
    use super::*;

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
}
