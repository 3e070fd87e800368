//! A text link: a few small words that open a page (the credits), underlined, on a
//! finger-sized hit area. Quieter than a button: it sits beside the screen's real actions.

use egui::{Id, Rect, Response, Stroke, Ui, pos2, vec2};

use super::{galley, mix, press_amount, radius, touch_target};
use crate::tokens::size::TOUCH_MIN;
use crate::ui::layout::Frame;
use crate::ui::theme::{CAPTION, Colours};

/// Space on each side of the words inside the hit area (design points).
const PAD: f32 = 12.0;

/// The hit area's width for `label` (design points).
pub fn link_width(ui: &Ui, frame: &Frame, label: &str) -> f32 {
    let g = galley(
        ui,
        frame,
        label,
        CAPTION,
        egui::Color32::WHITE,
        f32::INFINITY,
        1,
    );
    frame.design_len(g.size().x) + 2.0 * PAD
}

/// Draws the link `label` with its words' left edge `PAD` inside `left` and its hit area
/// centred on `centre_y`, a finger high (design points); senses its taps.
pub fn link_ui(
    ui: &mut Ui,
    frame: &Frame,
    colours: &Colours,
    label: &str,
    left: f32,
    centre_y: f32,
    id: Id,
) -> Response {
    let width = link_width(ui, frame, label);
    let rect = Rect::from_center_size(pos2(left + width / 2.0, centre_y), vec2(width, TOUCH_MIN));
    let response = touch_target(ui, frame, rect, id, label);
    let press = press_amount(ui, &response);
    if press > 0.0 {
        ui.painter().rect_filled(
            frame.rect(rect),
            radius(frame, TOUCH_MIN / 2.0),
            colours.pressed.gamma_multiply(press),
        );
    }
    let ink = mix(colours.text_secondary, colours.text, press);
    let g = galley(ui, frame, label, CAPTION, ink, f32::INFINITY, 1);
    let text_h = frame.design_len(g.size().y);
    let text_w = frame.design_len(g.size().x);
    let top = centre_y - text_h / 2.0;
    ui.painter()
        .galley(frame.pos(pos2(left + PAD, top)), g, ink);
    // The underline says it can be tapped without a button's weight.
    let underline_y = top + text_h - 2.0;
    ui.painter().line_segment(
        [
            frame.pos(pos2(left + PAD, underline_y)),
            frame.pos(pos2(left + PAD + text_w, underline_y)),
        ],
        Stroke::new(frame.pt(1.5), ink),
    );
    response
}
