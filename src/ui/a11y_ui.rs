//! The accessibility button (on every visitor screen, beside the language switch in the
//! dock) and, in accessibility mode, the reading bar just above the dock: read aloud and
//! pause, previous and next paragraph, larger text and high contrast in one row, with
//! notices and the paragraph being spoken (as a subtitle) between them. The spoken
//! paragraph is also highlighted where it sits on the screen.

use crate::tokens::{radii, size, space};
use egui::{Color32, Id, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::layout::Frame;
use super::theme::{CAPTION, Colours, LABEL};
use super::view::View;
use super::widgets::{
    Button, ButtonKind, Elevation, Icon, elevated, language_switch_width, mix, outline_circle,
    outline_rect, pill_width, press_amount, touch_target,
};

/// What the visitor pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum A11yAction {
    /// The accessibility button: mode on or off.
    Toggle,
    /// Read aloud, or pause.
    PlayPause,
    /// The next paragraph.
    Next,
    /// The previous paragraph.
    Previous,
    /// Larger text on or off.
    LargeText,
    /// High contrast on or off.
    HighContrast,
}

/// What the reading bar shows.
pub struct A11yBar<'a> {
    /// A speech service answered.
    pub available: bool,
    /// Reading now.
    pub playing: bool,
    /// The paragraph being read (or the one to read next).
    pub spoken: Option<&'a str>,
    /// A language without a voice (said once).
    pub no_voice_for: Option<&'a str>,
    /// Larger text is on.
    pub large_text: bool,
    /// High contrast is on.
    pub high_contrast: bool,
}

/// The accessibility button's rectangle: rightmost in the dock (visual.md §5), the language
/// switch to its left.
pub fn a11y_button_rect(view: &View<'_>) -> Rect {
    let dock = view.frame.dock();
    Rect::from_min_size(
        pos2(dock.right() - size::BUTTON, dock.top()),
        vec2(size::BUTTON, size::BUTTON),
    )
}

/// Where the dock's right-hand group (the language switch and the accessibility button)
/// starts, design points.
pub fn dock_right_group_left(ui: &Ui, view: &View<'_>) -> f32 {
    let switch = language_switch_width(ui, &view.frame, &view.language_choices());
    let gap = if switch > 0.0 { space::L } else { 0.0 };
    a11y_button_rect(view).left() - gap - switch
}

/// The accessibility button: the international symbol (a figure with open arms in a
/// circle), lit (parchment, like the chosen language) while the mode is on: the screen's one
/// amber fill stays its own primary action (visual.md §1).
pub fn a11y_button_ui(ui: &mut Ui, view: &View<'_>, on: bool) -> Option<A11yAction> {
    let frame = &view.frame;
    let colours = view.colours;
    let rect = a11y_button_rect(view);
    let label = view.t(&view.content.labels.accessibility);
    let response = touch_target(ui, frame, rect, Id::unique("accessibility"), label);
    let press = press_amount(ui, &response);
    let (fill, ink) = if on {
        (
            mix(colours.text, colours.text_secondary, press),
            colours.ink,
        )
    } else {
        (mix(colours.raised, colours.pressed, press), colours.text)
    };
    let centre = frame.pos(rect.center());
    ui.painter()
        .circle_filled(centre, frame.pt(rect.height() / 2.0), fill);
    outline_circle(ui, frame, colours, rect.center(), rect.height() / 2.0);
    accessibility_symbol(ui, frame, rect.center(), 46.0, ink);
    response.clicked().then_some(A11yAction::Toggle)
}

/// The accessibility symbol (after the UN's): a ring, a head, open arms, a body, legs.
fn accessibility_symbol(ui: &Ui, frame: &Frame, centre: egui::Pos2, size: f32, colour: Color32) {
    let painter = ui.painter();
    let p = |x: f32, y: f32| frame.pos(centre + vec2(x, y) * size / 2.0);
    let stroke = Stroke::new(frame.pt(2.5), colour);
    painter.circle_stroke(p(0.0, 0.0), frame.pt(size / 2.0), stroke);
    painter.circle_filled(p(0.0, -0.52), frame.pt(size * 0.08), colour);
    let line = |points: Vec<egui::Pos2>| {
        painter.add(Shape::line(points, stroke));
    };
    line(vec![p(-0.55, -0.28), p(0.0, -0.2), p(0.55, -0.28)]);
    line(vec![p(0.0, -0.2), p(0.0, 0.18)]);
    line(vec![p(-0.3, 0.62), p(0.0, 0.18), p(0.3, 0.62)]);
}

/// Height of the reading bar in design points: one row of 80-point controls, two on a
/// portrait screen (too narrow for one).
pub fn bar_height(frame: &Frame) -> f32 {
    let rows = if frame.portrait { 2.0 } else { 1.0 };
    rows * size::BUTTON + (rows - 1.0) * BAR_ROW_GAP + 2.0 * BAR_PAD
}

/// Gap between the bar's rows.
const BAR_ROW_GAP: f32 = space::M;

/// Padding inside the reading bar.
const BAR_PAD: f32 = space::M;

/// Design points the visitor's screens give up at the bottom for the bar.
pub fn bar_space(frame: &Frame) -> f32 {
    bar_height(frame) + space::M
}

/// The reading bar's rectangle: the dock's width, in the dock's place at the bottom of the
/// whole screen (the visitor's screens sit above it, see [`bar_space`]).
pub fn a11y_bar_rect(frame: &Frame) -> Rect {
    let dock = frame.dock();
    Rect::from_min_max(
        pos2(dock.left(), dock.bottom() - bar_height(frame)),
        pos2(dock.right(), dock.bottom()),
    )
}

/// The reading bar; returns what the visitor pressed.
pub fn a11y_bar_ui(ui: &mut Ui, view: &View<'_>, bar: &A11yBar<'_>) -> Vec<A11yAction> {
    let frame = &view.frame;
    let colours: &Colours = view.colours;
    let labels = &view.content.labels;
    let rect = a11y_bar_rect(frame);
    // The bar takes the touches that land on it, so nothing underneath is tapped through it.
    let bar_id = Id::unique("a11y-bar");
    ui.interact(frame.rect(rect), bar_id, Sense::click_and_drag());
    // For screen readers it is a toolbar, not a button itself.
    super::view::quiet_node(ui, bar_id, egui::accesskit::Role::Toolbar);
    elevated(ui, frame, rect, colours.surface, Elevation::Panel);
    if colours.high_contrast {
        super::view::outline(ui, view, rect);
    }
    let inner = rect.shrink(BAR_PAD);
    let mut actions = Vec::new();
    let row_top = inner.top();
    let mut x = inner.left();
    let play_label = if bar.playing {
        view.t(&labels.pause)
    } else {
        view.t(&labels.read_aloud)
    };
    let play_w = pill_width(ui, frame, play_label, false);
    let play = Rect::from_min_size(pos2(x, row_top), vec2(play_w, size::BUTTON));
    if Button::pill(play_label)
        // Not amber: the screen under the bar has its own primary action.
        .kind(if bar.available {
            ButtonKind::Secondary
        } else {
            ButtonKind::Disabled
        })
        .ui(ui, frame, colours, play, Id::unique("a11y-play"))
        .clicked()
        && bar.available
    {
        actions.push(A11yAction::PlayPause);
    }
    x += play_w + space::M;
    for (label, icon, action, id) in [
        (
            &labels.previous_paragraph,
            Icon::ChevronLeft,
            A11yAction::Previous,
            "a11y-previous",
        ),
        (
            &labels.next_paragraph,
            Icon::ChevronRight,
            A11yAction::Next,
            "a11y-next",
        ),
    ] {
        let r = Rect::from_min_size(pos2(x, row_top), vec2(size::BUTTON, size::BUTTON));
        if Button::round(view.t(label), icon)
            .dimmed(!bar.available)
            .ui(ui, frame, colours, r, Id::unique(id))
            .clicked()
            && bar.available
        {
            actions.push(action);
        }
        x += size::BUTTON + space::M;
    }

    // The toggles, right-aligned (on a second row in portrait); an on toggle is drawn as
    // the selected (light) pill.
    let two_rows = frame.portrait;
    let toggles_top = if two_rows {
        row_top + size::BUTTON + BAR_ROW_GAP
    } else {
        row_top
    };
    let mut right = inner.right();
    for (label, on, action, id) in [
        (
            &labels.high_contrast,
            bar.high_contrast,
            A11yAction::HighContrast,
            "a11y-contrast",
        ),
        (
            &labels.larger_text,
            bar.large_text,
            A11yAction::LargeText,
            "a11y-larger",
        ),
    ] {
        let text = view.t(label);
        let mut w = pill_width(ui, frame, text, false) + 48.0;
        if two_rows {
            // Two toggles share their row; a long label is set smaller to fit.
            w = w.min((inner.width() - space::M) / 2.0);
        }
        right -= w;
        let r = Rect::from_min_size(pos2(right, toggles_top), vec2(w, size::BUTTON));
        if toggle_pill(ui, frame, colours, r, Id::unique(id), text, on) {
            actions.push(action);
        }
        right -= space::M;
    }

    // Between the buttons: a notice, the hint, or the paragraph being read as a subtitle
    // (it is also highlighted where it sits on the screen).
    let hint = bar.available && bar.no_voice_for.is_none() && bar.spoken.is_none();
    let (message, colour) = if !bar.available {
        (view.t(&labels.speech_unavailable), colours.text)
    } else if bar.no_voice_for.is_some() {
        (view.t(&labels.no_voice), colours.text)
    } else if let Some(spoken) = bar.spoken {
        (spoken, colours.text_secondary)
    } else {
        (view.t(&labels.read_aloud_hint), colours.text_secondary)
    };
    let room_right = if two_rows {
        inner.right()
    } else {
        right - space::XS
    };
    let room = Rect::from_min_max(
        pos2(x + space::XS, row_top),
        pos2(room_right, row_top + size::BUTTON),
    );
    // Three caption lines fit the row and the bar's padding. A hint too long for them is
    // left out rather than cut (the buttons carry their names); a subtitle may end in "…"
    // (the paragraph itself is marked on the screen).
    let text = super::widgets::galley(ui, frame, message, CAPTION, colour, room.width(), 3);
    if room.width() >= 160.0 && !(hint && text.elided) {
        let h = frame.design_len(text.size().y);
        ui.painter().galley(
            frame.pos(pos2(room.left(), room.center().y - h / 2.0)),
            text,
            colour,
        );
    }
    actions
}

/// A pill that stays lit while `on`, with a check box drawn before its label; AccessKit
/// sees a toggle with its state.
fn toggle_pill(
    ui: &Ui,
    frame: &Frame,
    colours: &Colours,
    rect: Rect,
    id: Id,
    label: &str,
    on: bool,
) -> bool {
    let response = ui.interact(frame.rect(rect), id, Sense::click());
    let owned = label.to_owned();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &owned));
    let press = press_amount(ui, &response);
    let (fill, ink) = if on {
        (mix(colours.text, colours.pressed, press * 0.3), colours.ink)
    } else {
        (mix(colours.raised, colours.pressed, press), colours.text)
    };
    ui.painter()
        .rect_filled(frame.rect(rect), frame.pt(rect.height() / 2.0), fill);
    outline_rect(ui, frame, colours, rect, rect.height() / 2.0);
    let bx = Rect::from_center_size(pos2(rect.left() + 40.0, rect.center().y), vec2(24.0, 24.0));
    ui.painter().rect_stroke(
        frame.rect(bx),
        frame.pt(radii::MARKER),
        Stroke::new(frame.pt(2.5), ink),
        egui::StrokeKind::Inside,
    );
    if on {
        let p = |x: f32, y: f32| frame.pos(bx.center() + vec2(x, y));
        ui.painter().add(Shape::line(
            vec![p(-7.0, 0.0), p(-2.0, 6.0), p(8.0, -6.0)],
            Stroke::new(frame.pt(3.0), ink),
        ));
    }
    let room = rect.width() - 68.0 - 24.0;
    let mut text = super::widgets::galley(ui, frame, label, LABEL, ink, f32::INFINITY, 1);
    let natural = frame.design_len(text.size().x);
    if natural > room {
        let factor = (room / natural).max(0.7);
        let style = super::theme::TypeStyle {
            size: LABEL.size * factor,
            line: LABEL.line * factor,
            ..LABEL
        };
        text = super::widgets::galley(ui, frame, label, style, ink, room, 1);
    }
    let pos = frame.pos(pos2(rect.left() + 68.0, rect.center().y)) - vec2(0.0, text.size().y / 2.0);
    ui.painter().galley(pos, text, ink);
    response.clicked()
}
