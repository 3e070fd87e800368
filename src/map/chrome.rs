//! Chrome the map's panels share: round and pill buttons with the shared icons, the close
//! button, the panel.

use egui::{Align2, Id, Pos2, Rect, Response, Role, Sense, Ui, pos2, vec2};

use super::style::MapStyle;
use crate::ui::layout::Frame;
use crate::ui::theme::LABEL;
use crate::ui::view::{View, quiet_node};
use crate::ui::widgets::{
    Elevation, Icon, elevated, galley, icon, mix, press_amount, radius, touch_target,
};

/// A round 72 (card) or 80 (dock) button with a glyph; its accessible name is `label`.
pub(super) fn round_icon_button(
    ui: &mut Ui,
    view: &View<'_>,
    rect: Rect,
    id: &str,
    label: &str,
    g: Icon,
) -> Response {
    let frame = &view.frame;
    let response = touch_target(ui, frame, rect, Id::unique(id), label);
    let press = press_amount(ui, &response);
    let fill = mix(view.colours.pressed, view.colours.line, press);
    ui.painter().circle_filled(
        frame.pos(rect.center()),
        frame.pt(rect.height() / 2.0),
        fill,
    );
    icon(ui, frame, g, rect.center(), 28.0, view.colours.text);
    response
}

/// A round 72 close button at `min`, named with the content's "Close".
pub(super) fn close_button(ui: &mut Ui, view: &View<'_>, min: Pos2, id: &str) -> Response {
    let label = view.t(&view.content.labels.close);
    round_icon_button(
        ui,
        view,
        Rect::from_min_size(min, vec2(72.0, 72.0)),
        id,
        label,
        Icon::Close,
    )
}

/// A raised pill with a glyph and a label, 80 high (dock controls).
pub(super) fn pill_icon_button(
    ui: &mut Ui,
    view: &View<'_>,
    rect: Rect,
    id: &str,
    label: &str,
    g: Icon,
    selected: bool,
) -> Response {
    let frame = &view.frame;
    let colours = view.colours;
    let response = touch_target(ui, frame, rect, Id::unique(id), label);
    let press = press_amount(ui, &response);
    let base = if selected {
        colours.pressed
    } else {
        colours.raised
    };
    ui.painter().rect_filled(
        frame.rect(rect),
        radius(frame, rect.height() / 2.0),
        mix(base, colours.pressed, press),
    );
    if rect.width() <= rect.height() {
        // Round: the glyph alone.
        icon(ui, frame, g, rect.center(), 28.0, colours.text);
        return response;
    }
    let text = galley(ui, frame, label, LABEL, colours.text, f32::INFINITY, 1);
    let text_w = frame.design_len(text.size().x);
    let left = rect.center().x - (text_w + 44.0) / 2.0;
    icon(
        ui,
        frame,
        g,
        pos2(left + 16.0, rect.center().y),
        28.0,
        colours.text,
    );
    let pos =
        Align2::LEFT_CENTER.anchor_size(frame.pos(pos2(left + 44.0, rect.center().y)), text.size());
    ui.painter().galley(pos.min, text, colours.text);
    response
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

/// A blocker over a panel: drags and taps on it never reach the map.
pub(super) fn block_map(ui: &Ui, frame: &Frame, rect: Rect, id: &str) {
    if rect.is_positive() {
        let response = ui.interact(frame.rect(rect), Id::unique(id), Sense::click_and_drag());
        quiet_node(ui, response.id, Role::Pane);
    }
}

/// "Read the story →": a secondary pill with a trailing arrow.
pub(super) fn story_button(ui: &mut Ui, view: &View<'_>, rect: Rect, label: &str) -> Response {
    let frame = &view.frame;
    let colours = view.colours;
    let response = touch_target(ui, frame, rect, Id::unique("map-read-the-story"), label);
    let press = press_amount(ui, &response);
    let fill = mix(colours.pressed, colours.line, press);
    ui.painter()
        .rect_filled(frame.rect(rect), radius(frame, rect.height() / 2.0), fill);
    let g = galley(ui, frame, label, LABEL, colours.text, f32::INFINITY, 1);
    let text_w = frame.design_len(g.size().x);
    let left = rect.center().x - (text_w + 12.0 + 28.0) / 2.0;
    let pos = Align2::LEFT_CENTER.anchor_size(frame.pos(pos2(left, rect.center().y)), g.size());
    ui.painter().galley(pos.min, g, colours.text);
    icon(
        ui,
        frame,
        Icon::Forward,
        pos2(left + text_w + 12.0 + 14.0, rect.center().y),
        24.0,
        colours.text,
    );
    response
}
