//! Chrome the map's panels share: the close button, the panel, the touch blocker.

use egui::{Id, Pos2, Rect, Response, Role, Sense, Ui, Vec2, pos2, vec2};

use super::style::MapStyle;
use crate::tokens::{size, space};
use crate::ui::layout::Frame;
use crate::ui::view::{View, quiet_node};
use crate::ui::widgets::{Button, Elevation, Icon, elevated};

/// A round 72 close button at `min`, named with the content's "Close".
pub(super) fn close_button(ui: &mut Ui, view: &View<'_>, min: Pos2, id: &str) -> Response {
    let label = view.t(&view.content.labels.close);
    let rect = Rect::from_min_size(min, Vec2::splat(size::TOUCH));
    Button::round(label, Icon::Close)
        .on_panel()
        .icon_size(28.0)
        .ui(ui, &view.frame, view.colours, rect, Id::unique(id))
}

/// A floating panel: raised at 94 %, radius 24, the e2 shadow.
pub(super) fn panel(ui: &Ui, view: &View<'_>, rect: Rect) {
    let colours = view.colours;
    if MapStyle::for_colours(colours).palette.translucent {
        let fill = colours.raised.gamma_multiply(0.94);
        elevated(ui, &view.frame, rect, fill, Elevation::Panel);
    } else {
        // High contrast: a solid panel with an outline.
        elevated(ui, &view.frame, rect, colours.raised, Elevation::Panel);
        crate::ui::view::outline(ui, view, rect);
    }
}

/// A blocker over a panel: drags and taps on it never reach the map (a panel that scrolls
/// reads the drag from the response).
pub(super) fn block_map(ui: &Ui, frame: &Frame, rect: Rect, id: &str) -> Option<Response> {
    rect.is_positive().then(|| {
        let response = ui.interact(frame.rect(rect), Id::unique(id), Sense::click_and_drag());
        quiet_node(ui, response.id, Role::Pane);
        response
    })
}

/// A thin track at the panel's right edge with a thumb for `scroll` of `max_scroll`: the rows
/// go on beyond the panel (a fade would be a translucency high contrast does without).
pub(super) fn scroll_track(ui: &Ui, view: &View<'_>, viewport: Rect, scroll: f32, max_scroll: f32) {
    let frame = view.frame;
    let track = Rect::from_min_max(
        pos2(viewport.right() - 10.0, viewport.top() + space::XS),
        pos2(viewport.right() - 6.0, viewport.bottom() - space::XS),
    );
    ui.painter()
        .rect_filled(frame.rect(track), 2.0, view.colours.line);
    let content = track.height() + max_scroll;
    let thumb_h = (track.height() * track.height() / content).max(48.0);
    let thumb_y = track.top() + (track.height() - thumb_h) * (scroll / max_scroll);
    let thumb = Rect::from_min_size(pos2(track.left(), thumb_y), vec2(4.0, thumb_h));
    ui.painter()
        .rect_filled(frame.rect(thumb), 2.0, view.colours.text_secondary);
}
