//! The hint that a column scrolls: its foot fades while more lies below, and a thin track
//! beside it carries a thumb for how far it has scrolled.

use egui::{Rect, Ui, pos2, vec2};

use super::{FadeFrom, fade};
use crate::ui::layout::Frame;
use crate::ui::theme::Colours;

/// A scrolled column's hint, in design points.
pub struct ScrollHint {
    /// What the column shows.
    pub viewport: Rect,
    /// Where the 4-wide track stands (its left edge).
    pub track_left: f32,
    /// How tall the fade at the foot is.
    pub fade_height: f32,
    /// How far the column is scrolled.
    pub scroll: f32,
    /// How far it can scroll (more than 0).
    pub max_scroll: f32,
}

impl ScrollHint {
    /// Draws the fade and the track.
    pub fn ui(&self, ui: &Ui, frame: &Frame, colours: &Colours) {
        let viewport = self.viewport;
        // High contrast has no scrims (visual.md §3): text stays solid to the viewport's foot
        // and the scroll track alone says there is more.
        if self.scroll < self.max_scroll - 1.0 && !colours.high_contrast {
            let foot = Rect::from_min_max(
                pos2(viewport.left(), viewport.bottom() - self.fade_height),
                viewport.max,
            );
            fade(ui, frame.rect(foot), colours.ink, FadeFrom::Bottom);
        }
        let track = Rect::from_min_max(
            pos2(self.track_left, viewport.top()),
            pos2(self.track_left + 4.0, viewport.bottom()),
        );
        // High contrast's line colour is white, like its text: the track steps back to the
        // pressed grey so the white thumb shows how far the text runs.
        let (track_colour, thumb_colour) = if colours.high_contrast {
            (colours.pressed, colours.text)
        } else {
            (colours.line, colours.text_secondary)
        };
        ui.painter()
            .rect_filled(frame.rect(track), 2.0, track_colour);
        let content_h = viewport.height() + self.max_scroll;
        let thumb_h = (viewport.height() * viewport.height() / content_h).max(48.0);
        let thumb_y =
            track.top() + (track.height() - thumb_h) * (self.scroll / self.max_scroll.max(1e-3));
        let thumb = Rect::from_min_size(pos2(track.left(), thumb_y), vec2(4.0, thumb_h));
        ui.painter()
            .rect_filled(frame.rect(thumb), 2.0, thumb_colour);
    }
}
