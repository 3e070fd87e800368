//! The "still there?" prompt before an idle reset: a countdown ring that needs no
//! language, the question in the visitor's language, and a Continue button.

use crate::tokens::{size, space};
use egui::{Align2, Id, Rect, Role, Shape, Stroke, Ui, pos2, vec2};

use super::theme::{BODY_S, FIGURE_S, H2};
use super::view::{View, text_node};
use super::widgets::{Button, ButtonKind, Elevation, elevated, galley, pill_width, text_at};

/// Draws the prompt over the screen with `seconds_left` of `warning_secs`.
/// Returns true when Continue was tapped (any touch also continues; the app sees that).
pub fn still_there_ui(ui: &mut Ui, view: &View<'_>, seconds_left: f64, warning_secs: f64) -> bool {
    let frame = &view.frame;
    let colours = view.colours;
    let labels = &view.content.labels;
    let screen = Rect::from_min_size(pos2(0.0, 0.0), frame.size);
    // High contrast has no translucency: the solid panel's white outline sets it apart.
    if !colours.high_contrast {
        ui.painter()
            .rect_filled(frame.rect(screen), 0.0, colours.ink.gamma_multiply(0.6));
    }
    let panel = Rect::from_center_size(screen.center(), vec2(720.0, 360.0));
    elevated(ui, frame, panel, colours.raised, Elevation::Panel);
    if colours.high_contrast {
        super::view::outline(ui, view, panel);
    }

    // Countdown ring: the amber arc shrinks as the seconds run out.
    let centre = pos2(
        panel.right() - space::XXL - space::XXL,
        panel.top() + space::XXL + space::XXL,
    );
    ui.painter().circle_stroke(
        frame.pos(centre),
        frame.pt(44.0),
        Stroke::new(frame.pt(6.0), colours.line),
    );
    #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1")]
    let share = (seconds_left / warning_secs.max(0.1)).clamp(0.0, 1.0) as f32;
    let steps = 64;
    let points: Vec<_> = (0..=steps)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "64 steps")]
            let angle = -std::f32::consts::FRAC_PI_2
                + std::f32::consts::TAU * share * i as f32 / steps as f32;
            frame.pos(centre + vec2(angle.cos(), angle.sin()) * 44.0)
        })
        .collect();
    ui.painter().add(Shape::line(
        points,
        Stroke::new(frame.pt(6.0), colours.accent),
    ));
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "seconds"
    )]
    let seconds = seconds_left.ceil().max(0.0) as u32;
    let number = galley(
        ui,
        frame,
        &seconds.to_string(),
        FIGURE_S,
        colours.text,
        f32::INFINITY,
        1,
    );
    let pos = Align2::CENTER_CENTER.anchor_size(frame.pos(centre), number.size());
    ui.painter().galley(pos.min, number, colours.text);

    let left = panel.left() + space::XXL;
    let title = view.t(&labels.still_there);
    let title_h = text_at(
        ui,
        frame,
        pos2(left, panel.top() + space::XXL),
        title,
        H2,
        colours.text,
        460.0,
        2,
    );
    text_node(
        ui,
        view,
        Rect::from_min_size(pos2(left, panel.top() + space::XXL), vec2(460.0, title_h)),
        Id::unique("still-there"),
        title,
        Role::Label,
    );
    text_at(
        ui,
        frame,
        pos2(left, panel.top() + space::XXL + title_h + space::S),
        view.t(&labels.touch_to_continue),
        BODY_S,
        colours.text_secondary,
        460.0,
        2,
    );
    let label = view.t(&labels.continue_);
    let button = Rect::from_min_size(
        pos2(left, panel.bottom() - space::XXL - size::BUTTON),
        vec2(pill_width(ui, frame, label, false).max(220.0), size::BUTTON),
    );
    Button::pill(label)
        .kind(ButtonKind::Primary)
        .ui(ui, frame, colours, button, Id::unique("continue"))
        .clicked()
}
