//! Pure layout: from the screen size to design rectangles (visual.md §5).
//!
//! The design is drawn on a 1920×1080 reference (1080×1920 in portrait). A [`Frame`]
//! maps design points to screen points, so the same layout is sharp at any size.
//!
//! This file owns the frame and what every screen shares; Home and the section screen
//! have their own files.

mod home;
mod section;

pub use home::{HomeLayout, MIN_TILE_PICTURE, home_layout, home_text_widths};
pub use section::{MAX_FIGURE_CARDS, SectionLayout, SectionParts, section_layout};

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

use crate::tokens::size;
pub use crate::tokens::size::{DOCK_HEIGHT, MAX_CONTENT_WIDTH};
pub use crate::tokens::space::GUTTER;

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
        let minimum = if self.portrait {
            size::MARGIN_PORTRAIT
        } else {
            size::MARGIN_SIDE
        };
        minimum.max((self.size.x - MAX_CONTENT_WIDTH) / 2.0)
    }

    /// Width of the content between the margins.
    pub fn content_width(&self) -> f32 {
        self.size.x - 2.0 * self.margin_x()
    }

    /// The dock band: controls 80 high, 40 above the bottom edge.
    pub fn dock(&self) -> Rect {
        let controls_margin = if self.portrait {
            size::MARGIN_PORTRAIT
        } else {
            size::CONTROL_EDGE
        };
        let x = controls_margin.max((self.size.x - MAX_CONTENT_WIDTH) / 2.0);
        Rect::from_min_max(
            pos2(x, self.size.y - size::DOCK_BOTTOM - DOCK_HEIGHT),
            pos2(self.size.x - x, self.size.y - size::DOCK_BOTTOM),
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

/// A landscape screen too short for the usual layouts: larger text, or the reading bar on
/// a small panel. Home sets its title smaller and moves up; a section reads as one column.
pub fn is_short(frame: &Frame) -> bool {
    !frame.portrait && frame.size.y < 760.0
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

pub use crate::platform::images::cover_uv;

#[cfg(test)]
mod tests {
    use super::*;

    /// The frame of a `w` × `h` screen at base size 1.
    pub(super) fn frame(w: f32, h: f32) -> Frame {
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

    /// The frame of accessibility mode: type `scale` times larger, `bar` points given up.
    pub(super) fn accessible(w: f32, h: f32, scale: f32, bar: f32) -> Frame {
        Frame::new(Rect::from_min_size(Pos2::ZERO, vec2(w, h)), scale).without_bottom(bar)
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
