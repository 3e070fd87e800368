//! The app's draw pass: the current screen, the dock, the accessibility bar, the attract
//! loop or the prompt, and the fade between screens. It returns intents to `logic`.

use egui::Ui;

use super::VitrinaApp;
use super::logic::Asked;
use crate::content::reach::{Orientation, controls_band};
use crate::state::Screen;
use crate::tokens::motion;
use crate::ui::credits_ui::credits_ui;
use crate::ui::dock_ui::dock_ui;
use crate::ui::home_ui::home_ui;
use crate::ui::layout::Frame;
use crate::ui::section_ui::{SectionOutcome, section_ui};
use crate::ui::view::View;

/// Movement in screen points that still counts as a tap. egui's default (6) loses taps
/// whose finger drifts a little (egui issue #5495); about 3 mm on a 24″ 1080p panel.
const TAP_SLOP_DESIGN: f32 = 12.0;

impl VitrinaApp {
    /// A new screen fades in from the ink over 240 ms (ease in-out).
    fn screen_fade_ui(&mut self, ui: &Ui, now: f64) {
        let Some(start) = self.screen_changed_at else {
            return;
        };
        #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1")]
        let t = ((now - start) / motion::SCREEN_FADE) as f32;
        if t >= 1.0 {
            self.screen_changed_at = None;
            return;
        }
        let eased = t * t * (3.0 - 2.0 * t);
        let veil = self.colours.ink.gamma_multiply(0.6 * (1.0 - eased));
        ui.painter().rect_filled(ui.max_rect(), 0.0, veil);
        ui.ctx().request_repaint();
    }

    /// Draws the current screen (the staff panel over it while it shows) and applies what
    /// the visitor asked for after the pass. `frame_logic` runs first in each frame.
    pub fn draw(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        let full = Frame::new(
            ui.max_rect(),
            self.loaded.content.theme.base_size * self.text_scale(),
        );
        if self.staff_ui(ui, full, now) {
            return;
        }
        let asked = self.screens_ui(ui, full);
        self.apply_asked(asked, now);
        self.attract_and_prompt_ui(ui, full, now);
        self.screen_fade_ui(ui, now);
        self.drawn_at = Some(now);
    }

    /// Draws the visitor's screen, the dock and the accessibility bar; returns what the
    /// visitor asked for.
    fn screens_ui(&mut self, ui: &mut Ui, full: Frame) -> Asked {
        let screen_rect = ui.max_rect();
        // Controls within reach: in accessibility mode and on portrait screens they keep to
        // the band the screen's mounting allows (above a foot too low to reach, and below
        // `reach_top`).
        let visitor = self.state.screen != Screen::Attract;
        let band = controls_band(
            self.machine.screen.as_ref(),
            self.a11y.on,
            Orientation::of(screen_rect.width(), screen_rect.height()),
        )
        .filter(|_| visitor);
        let base = band.map_or(full, |band| {
            full.without_bottom((1.0 - band.bottom) * full.size.y)
        });
        let reach_top = band.map(|band| band.top * full.size.y);
        // In accessibility mode the reading bar takes the bottom; the screens reflow above it.
        let frame = if self.a11y.on && visitor {
            base.without_bottom(crate::ui::a11y_ui::bar_space(&base))
        } else {
            base
        };
        ui.ctx().options_mut(|options| {
            options.input_options.max_click_dist = frame.pt(TAP_SLOP_DESIGN).max(6.0);
        });
        if self.state.screen != Screen::Attract {
            // The attract loop covers the screen itself: one full-screen layer less for
            // software renderers, where every layer costs.
            ui.painter().rect_filled(screen_rect, 0.0, self.colours.ink);
        }
        let spoken = self.spoken_kind();
        let view = View {
            spoken,
            reach_top,
            ..View::new(frame, &self.colours, &self.loaded, &self.state.lang_code)
        };
        let mut intents = Vec::new();
        let mut swiped_to = None;
        match self.state.screen.clone() {
            Screen::Home => intents.extend(home_ui(ui, &view, &mut self.pictures)),
            Screen::Attract => {}
            Screen::Section(index) => {
                match section_ui(ui, &view, &mut self.pictures, &mut self.section_view, index) {
                    Some(SectionOutcome::Intent(intent)) => intents.push(intent),
                    Some(SectionOutcome::SwipedTo(next)) => swiped_to = Some(next),
                    None => {}
                }
            }
            Screen::Map { preset } => intents.extend(self.map.ui(ui, &view, preset.as_deref())),
            Screen::Credits => credits_ui(ui, &view, &mut self.credits_view),
        }
        intents.extend(dock_ui(ui, &view, &self.state.screen));
        let swallow = self.swallowing();
        self.accessibility_ui(ui, frame, base, swallow);
        Asked {
            intents,
            swiped_to,
            page_width: frame.size.x,
        }
    }
}
