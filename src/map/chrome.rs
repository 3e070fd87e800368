//! Chrome the map's panels share: glyphs, glyph and pill buttons, close button, panel.

use egui::{Align2, Color32, Id, Pos2, Rect, Response, Role, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::style::MapStyle;
use crate::ui::layout::Frame;
use crate::ui::theme::LABEL;
use crate::ui::view::{View, quiet_node};
use crate::ui::widgets::{
    Elevation, Icon, elevated, galley, icon, mix, press_amount, radius, touch_target,
};

/// Glyphs the shared icon set does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Glyph {
    /// Zoom out.
    Minus,
    /// Zoom in.
    Plus,
    /// Close a panel.
    Close,
    /// Reset the view.
    Target,
    /// Open the legend.
    Layers,
}

/// Paints `glyph` `size` design points across at `centre`.
pub(super) fn glyph(
    ui: &Ui,
    frame: &Frame,
    glyph: Glyph,
    centre: Pos2,
    size: f32,
    colour: Color32,
) {
    let painter = ui.painter();
    let stroke = Stroke::new(frame.pt(2.5), colour);
    let p = |x: f32, y: f32| frame.pos(centre + vec2(x, y) * size / 2.0);
    match glyph {
        Glyph::Minus => {
            painter.line_segment([p(-0.7, 0.0), p(0.7, 0.0)], stroke);
        }
        Glyph::Plus => {
            painter.line_segment([p(-0.7, 0.0), p(0.7, 0.0)], stroke);
            painter.line_segment([p(0.0, -0.7), p(0.0, 0.7)], stroke);
        }
        Glyph::Close => {
            painter.line_segment([p(-0.6, -0.6), p(0.6, 0.6)], stroke);
            painter.line_segment([p(-0.6, 0.6), p(0.6, -0.6)], stroke);
        }
        Glyph::Target => {
            painter.circle_stroke(frame.pos(centre), frame.pt(size * 0.3), stroke);
            painter.circle_filled(frame.pos(centre), frame.pt(size * 0.09), colour);
            for (a, b) in [
                ((0.0, -0.95), (0.0, -0.6)),
                ((0.0, 0.6), (0.0, 0.95)),
                ((-0.95, 0.0), (-0.6, 0.0)),
                ((0.6, 0.0), (0.95, 0.0)),
            ] {
                painter.line_segment([p(a.0, a.1), p(b.0, b.1)], stroke);
            }
        }
        Glyph::Layers => {
            for dy in [-0.35, 0.05, 0.45] {
                painter.add(Shape::closed_line(
                    vec![
                        p(0.0, dy - 0.35),
                        p(0.85, dy),
                        p(0.0, dy + 0.35),
                        p(-0.85, dy),
                    ],
                    stroke,
                ));
            }
        }
    }
}

/// A round 72 (card) or 80 (dock) button with a glyph; its accessible name is `label`.
pub(super) fn round_glyph_button(
    ui: &mut Ui,
    view: &View<'_>,
    rect: Rect,
    id: &str,
    label: &str,
    g: Glyph,
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
    glyph(ui, frame, g, rect.center(), 28.0, view.colours.text);
    response
}

/// A round 72 close button at `min`, named with the content's "Close".
pub(super) fn close_button(ui: &mut Ui, view: &View<'_>, min: Pos2, id: &str) -> Response {
    let label = view.t(&view.content.labels.close);
    round_glyph_button(
        ui,
        view,
        Rect::from_min_size(min, vec2(72.0, 72.0)),
        id,
        label,
        Glyph::Close,
    )
}

/// A raised pill with a glyph and a label, 80 high (dock controls).
pub(super) fn pill_glyph_button(
    ui: &mut Ui,
    view: &View<'_>,
    rect: Rect,
    id: &str,
    label: &str,
    g: Glyph,
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
        glyph(ui, frame, g, rect.center(), 28.0, colours.text);
        return response;
    }
    let text = galley(ui, frame, label, LABEL, colours.text, f32::INFINITY, 1);
    let text_w = frame.design_len(text.size().x);
    let left = rect.center().x - (text_w + 44.0) / 2.0;
    glyph(
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
