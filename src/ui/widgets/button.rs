//! The one touch button of every screen, the map's included: a pill with a label and an
//! optional icon, or a round icon alone, built like egui's own widgets.

use egui::{Align2, Color32, CornerRadius, Id, Rect, Response, pos2};

use super::{
    Icon, galley, icon, mix, outline_circle, outline_rect, press_amount, radius, touch_target,
};
use crate::tokens::space;
use crate::ui::layout::Frame;
use crate::ui::theme::{Colours, LABEL};

/// The look of a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonKind {
    /// The screen's one amber action.
    Primary,
    /// Everything else.
    Secondary,
    /// On, like a pressed key: an open legend (reads the same to screen readers).
    Selected,
    /// Shown but not available (screen readers hear it is disabled).
    Disabled,
}

/// What the button sits on, which sets its resting and pressed fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Surface {
    /// The ink background of a screen or the dock: a raised fill.
    Screen,
    /// A raised panel or card: a fill one step lighter again.
    Panel,
}

/// Where a pill's icon sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IconPlace {
    /// Before the label (dock buttons).
    Leading,
    /// After the label ("Read the story →").
    Trailing,
}

/// Gap between a pill's icon and its label, in design points.
pub(super) const ICON_GAP: f32 = space::S;

/// Width of the box a leading icon takes in a pill, in design points.
pub(super) const LEADING_ICON_BOX: f32 = space::XL;

/// Padding at each end of a pill, in design points.
pub(super) const PILL_PADDING: f32 = 28.0;

/// A touch button, configured with builder methods and drawn by [`Button::ui`]:
/// `Button::pill(label).icon(Icon::Map).ui(ui, frame, colours, rect, id)`.
#[derive(Clone, Copy, Debug)]
#[must_use = "a button is drawn by calling .ui()"]
pub struct Button<'a> {
    label: &'a str,
    icon: Option<(Icon, IconPlace)>,
    round: bool,
    kind: ButtonKind,
    surface: Surface,
    icon_size: f32,
    dimmed: bool,
}

impl<'a> Button<'a> {
    /// A pill with `label` (also its accessible name), secondary, on a screen.
    pub fn pill(label: &'a str) -> Self {
        Self {
            label,
            icon: None,
            round: false,
            kind: ButtonKind::Secondary,
            surface: Surface::Screen,
            icon_size: 28.0,
            dimmed: false,
        }
    }

    /// A round button showing `icon` alone; `label` is its accessible name.
    pub fn round(label: &'a str, icon: Icon) -> Self {
        Self {
            icon: Some((icon, IconPlace::Leading)),
            round: true,
            icon_size: 30.0,
            ..Self::pill(label)
        }
    }

    /// An icon before the label. A pill no wider than it is high shows the icon alone.
    pub fn icon(mut self, icon: Icon) -> Self {
        self.icon = Some((icon, IconPlace::Leading));
        self
    }

    /// A small icon after the label, such as the arrow of "Read the story →".
    pub fn trailing_icon(mut self, icon: Icon) -> Self {
        self.icon = Some((icon, IconPlace::Trailing));
        self.icon_size = 24.0;
        self
    }

    /// The button's look (default [`ButtonKind::Secondary`]).
    pub fn kind(mut self, kind: ButtonKind) -> Self {
        self.kind = kind;
        self
    }

    /// Sits on a raised panel or card instead of the screen.
    pub fn on_panel(mut self) -> Self {
        self.surface = Surface::Panel;
        self
    }

    /// The icon's size in design points (round buttons 30, pills 28 by default).
    pub fn icon_size(mut self, size: f32) -> Self {
        self.icon_size = size;
        self
    }

    /// Draws the icon in the line colour, for a pager arrow at its end. It stays a
    /// button to screen readers (the caller ignores its taps).
    pub fn dimmed(mut self, dimmed: bool) -> Self {
        self.dimmed = dimmed;
        self
    }

    /// Draws the button over `rect` (design points) and senses its taps.
    pub fn ui(
        self,
        ui: &mut egui::Ui,
        frame: &Frame,
        colours: &Colours,
        rect: Rect,
        id: Id,
    ) -> Response {
        let response = touch_target(ui, frame, rect, id, self.label);
        let press = press_amount(ui, &response);
        let (fill, ink) = self.colours(colours, press);
        if self.kind == ButtonKind::Disabled {
            let owned = self.label.to_owned();
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, false, &owned));
        }
        let painter = ui.painter();
        if self.round {
            painter.circle_filled(
                frame.pos(rect.center()),
                frame.pt(rect.height() / 2.0),
                fill,
            );
            outline_circle(ui, frame, colours, rect.center(), rect.height() / 2.0);
        } else {
            let corner = CornerRadius::same(radius(frame, rect.height() / 2.0));
            painter.rect_filled(frame.rect(rect), corner, fill);
            outline_rect(ui, frame, colours, rect, rect.height() / 2.0);
        }
        let alone = self.round || rect.width() <= rect.height();
        match self.icon {
            Some((glyph, _)) if alone => {
                icon(ui, frame, glyph, rect.center(), self.icon_size, ink);
            }
            _ => self.label_ui(ui, frame, rect, ink),
        }
        response
    }

    /// The fill and the colour of text and icon, `press` of the way into a press.
    fn colours(self, colours: &Colours, press: f32) -> (Color32, Color32) {
        let (rest, pressed) = match self.surface {
            // High contrast: every control is outlined, so one on a panel needs no lighter
            // fill (and its line colour is white, which would hide a pressed label).
            Surface::Screen => (colours.raised, colours.pressed),
            Surface::Panel if colours.high_contrast => (colours.raised, colours.pressed),
            Surface::Panel => (colours.pressed, colours.line),
        };
        // High contrast's line colour is white like its text: a dimmed icon steps down to
        // the pressed grey instead, so the pager's end still reads.
        let ink = match (self.dimmed, colours.high_contrast) {
            (false, _) => colours.text,
            (true, false) => colours.line,
            (true, true) => colours.pressed,
        };
        match self.kind {
            ButtonKind::Primary => (
                mix(colours.accent, colours.accent_pressed, press),
                colours.ink,
            ),
            ButtonKind::Secondary => (mix(rest, pressed, press), ink),
            ButtonKind::Selected => (mix(pressed, pressed, press), ink),
            ButtonKind::Disabled => (rest, colours.text_tertiary),
        }
    }

    /// The label with its icon, centred together in `rect`.
    fn label_ui(self, ui: &egui::Ui, frame: &Frame, rect: Rect, ink: Color32) {
        let text = galley(ui, frame, self.label, LABEL, ink, f32::INFINITY, 1);
        let text_w = frame.design_len(text.size().x);
        let y = rect.center().y;
        let text_left = match self.icon {
            Some((glyph, IconPlace::Leading)) => {
                let left = rect.center().x - (text_w + LEADING_ICON_BOX + ICON_GAP) / 2.0;
                let centre = pos2(left + LEADING_ICON_BOX / 2.0, y);
                icon(ui, frame, glyph, centre, self.icon_size, ink);
                left + LEADING_ICON_BOX + ICON_GAP
            }
            Some((glyph, IconPlace::Trailing)) => {
                let left = rect.center().x - (text_w + ICON_GAP + 28.0) / 2.0;
                let centre = pos2(left + text_w + ICON_GAP + 14.0, y);
                icon(ui, frame, glyph, centre, self.icon_size, ink);
                left
            }
            None => rect.center().x - text_w / 2.0,
        };
        let anchored = Align2::LEFT_CENTER.anchor_size(frame.pos(pos2(text_left, y)), text.size());
        ui.painter().galley(anchored.min, text, ink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Palette;

    fn colours() -> Colours {
        Colours::from_palette(&Palette::default())
    }

    #[test]
    fn a_screen_button_rests_raised_and_presses_to_the_pressed_fill() {
        let c = colours();
        let button = Button::pill("Home");
        assert_eq!(button.colours(&c, 0.0), (c.raised, c.text), "at rest");
        assert_eq!(button.colours(&c, 1.0).0, c.pressed, "pressed");
    }

    #[test]
    fn a_panel_button_is_one_step_lighter_than_its_panel() {
        let c = colours();
        let button = Button::round("Close", Icon::Close).on_panel();
        assert_eq!(button.colours(&c, 0.0).0, c.pressed, "at rest on a panel");
        assert_eq!(button.colours(&c, 1.0).0, c.line, "pressed on a panel");
    }

    #[test]
    fn primary_selected_disabled_and_dimmed_buttons_read_apart() {
        let c = colours();
        let primary = Button::pill("Start").kind(ButtonKind::Primary);
        assert_eq!(primary.colours(&c, 0.0), (c.accent, c.ink), "primary");
        let selected = Button::pill("Legend").kind(ButtonKind::Selected);
        assert_eq!(selected.colours(&c, 0.0).0, c.pressed, "selected");
        let disabled = Button::pill("Read aloud").kind(ButtonKind::Disabled);
        assert_eq!(
            disabled.colours(&c, 1.0),
            (c.raised, c.text_tertiary),
            "disabled"
        );
        let dimmed = Button::round("Next", Icon::ChevronRight).dimmed(true);
        assert_eq!(dimmed.colours(&c, 0.0).1, c.line, "dimmed icon");
    }

    fn high_contrast() -> Colours {
        Colours {
            high_contrast: true,
            ..Colours::from_palette(&Palette::high_contrast())
        }
    }

    #[test]
    fn in_high_contrast_a_control_has_a_two_point_white_outline() {
        let stroke = super::super::control_outline(&high_contrast()).expect("outlined");
        assert!(
            (stroke.width - 2.0).abs() < f32::EPSILON,
            "2 points: {}",
            stroke.width
        );
        assert_eq!(stroke.color, Color32::WHITE, "white");
        assert!(
            super::super::control_outline(&colours()).is_none(),
            "the designed palette draws no outline"
        );
    }

    #[test]
    fn in_high_contrast_a_dimmed_icon_still_reads_apart_from_a_live_one() {
        let c = high_contrast();
        let live = Button::round("Next", Icon::ChevronRight).colours(&c, 0.0).1;
        let dimmed = Button::round("Next", Icon::ChevronRight)
            .dimmed(true)
            .colours(&c, 0.0)
            .1;
        assert_ne!(live, dimmed, "dimmed differs from live");
        assert!(
            crate::ui::theme::contrast_ratio(live, dimmed) > 3.0,
            "clearly apart"
        );
    }

    #[test]
    fn in_high_contrast_a_pressed_panel_button_keeps_its_label_readable() {
        let c = high_contrast();
        let button = Button::pill("Read the story").on_panel();
        let (fill, ink) = button.colours(&c, 1.0);
        let ratio = crate::ui::theme::contrast_ratio(fill, ink);
        assert!(ratio >= 7.0, "label on the pressed fill {ratio}");
    }
}
