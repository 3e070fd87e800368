//! The app's side of the staff panel: summoning it, feeding its gate, and acting on what
//! staff press (the drawing is `ui::staff_ui`).

use std::time::Duration;

use egui::{Key, Rect, Ui, pos2, vec2};

use super::VitrinaApp;
use super::attract_loop::input_seen;
use crate::state::idle::Phase;
use crate::ui::layout::Frame;
use crate::ui::staff_ui::{StaffAction, StaffInfo, staff_ui};

/// The corner that summons the panel when held, in design points from the top left.
const CORNER_DESIGN: f32 = 120.0;

/// Whether this frame has the staff chord, Ctrl+Alt+S. The modifiers are read from the key
/// event itself: a quick chord can be pressed and released within one frame.
fn chord_pressed(ctx: &egui::Context) -> bool {
    ctx.input(|i| {
        i.events.iter().any(|event| {
            matches!(
                event,
                egui::Event::Key { key: Key::S, pressed: true, modifiers, .. }
                    if modifiers.ctrl && modifiers.alt
            )
        })
    })
}

/// Whether a finger pressed inside the corner and is still down there.
fn corner_held(ctx: &egui::Context, frame: &Frame) -> bool {
    let corner = frame.rect(Rect::from_min_size(
        pos2(0.0, 0.0),
        vec2(CORNER_DESIGN, CORNER_DESIGN),
    ));
    ctx.input(|i| {
        i.pointer.primary_down()
            && i.pointer.press_origin().is_some_and(|p| corner.contains(p))
            && i.pointer.latest_pos().is_some_and(|p| corner.contains(p))
    })
}

/// Staff with a keyboard type the PIN: digits, Backspace and Enter, in the order typed
/// (several may come in one frame).
fn typed_on_keyboard(ui: &Ui) -> Vec<StaffAction> {
    ui.input(|i| {
        i.events
            .iter()
            .flat_map(|event| match event {
                egui::Event::Text(text) => text
                    .chars()
                    .filter(char::is_ascii_digit)
                    .map(StaffAction::Digit)
                    .collect(),
                egui::Event::Key {
                    key: Key::Backspace,
                    pressed: true,
                    ..
                } => vec![StaffAction::Erase],
                egui::Event::Key {
                    key: Key::Enter,
                    pressed: true,
                    ..
                } => vec![StaffAction::Submit],
                _ => Vec::new(),
            })
            .collect()
    })
}

impl VitrinaApp {
    /// Whether the staff panel (or its keypad) shows.
    pub fn staff_showing(&self) -> bool {
        self.staff.is_showing()
    }

    /// The staff panel's gate (for tests).
    pub fn staff(&self) -> &crate::state::staff::StaffGate {
        &self.staff
    }

    /// Summons the panel on the chord or the corner hold and feeds its gate this frame's
    /// input and time (it closes by itself when left alone); returns whether it shows.
    pub(super) fn staff_logic(&mut self, ctx: &egui::Context, now: f64) -> bool {
        let frame = Frame::new(
            ctx.content_rect(),
            self.loaded.content.theme.base_size * self.text_scale(),
        );
        let held = corner_held(ctx, &frame);
        if chord_pressed(ctx) || self.staff.corner_hold(now, held) {
            if self.kiosk && !self.machine.pin.is_set() {
                // Safe default: without a PIN of its own, a kiosk in front of visitors
                // never opens the panel; development runs (--windowed) do.
                log::warn!(
                    "staff panel refused: no staff PIN in kiosk.ron; make one with \
                     `vitrina pin` (development runs with --windowed open it without)"
                );
            } else {
                log::info!("staff panel summoned");
                self.staff.summon(now, self.machine.pin.is_set());
            }
        }
        if !self.staff.is_showing() {
            if let Some(left) = self.staff.hold_remaining(now) {
                // A resting finger sends no events: wake up when the hold completes.
                ctx.request_repaint_after(Duration::from_secs_f64(left + 0.01));
            }
            return false;
        }
        if input_seen(ctx) {
            self.staff.touched(now);
        }
        if self.staff.tick(now) {
            log::info!("staff panel closed itself after a minute alone");
            self.back_to_visitors(now);
            return false;
        }
        true
    }

    /// Draws the panel while it shows and does what staff press; returns true when it
    /// covers the screen this frame.
    pub(super) fn staff_ui(&mut self, ui: &mut Ui, frame: Frame, now: f64) -> bool {
        if !self.staff.is_showing() {
            return false;
        }
        let known = self.reload.content_path().unwrap_or(&self.loaded.dir);
        let content_path = std::path::absolute(known).unwrap_or_else(|_| known.to_path_buf());
        let info = StaffInfo {
            content_path: &content_path,
            reload: self.reload_status(),
            frame_time: self.frame_time,
            memory: memory_stats::memory_stats().map(|m| m.physical_mem),
            uptime: self.started.elapsed(),
        };
        let tapped = staff_ui(ui, &frame, &self.colours, &self.staff, &info, now);
        let typed = if matches!(self.staff.phase(), crate::state::staff::Phase::Pin { .. }) {
            typed_on_keyboard(ui)
        } else {
            Vec::new()
        };
        for action in tapped.into_iter().chain(typed) {
            self.staff_action(ui, now, action);
        }
        // Countdowns (lock-out, closing by itself) tick each second.
        ui.ctx().request_repaint_after(Duration::from_secs(1));
        self.staff.is_showing()
    }

    /// Does what staff pressed (or typed).
    fn staff_action(&mut self, ui: &Ui, now: f64, action: StaffAction) {
        match action {
            StaffAction::Digit(digit) => self.staff.digit(now, digit),
            StaffAction::Erase => self.staff.erase(now),
            StaffAction::Submit => {
                let outcome = self.staff.submit(now, &self.machine.pin);
                log::info!("staff PIN: {outcome:?}");
            }
            StaffAction::ReloadNow => self.reload_now(ui.ctx()),
            StaffAction::Exit => {
                log::info!("exit chosen in the staff panel");
                self.exiting = true;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            StaffAction::Back => {
                self.staff.close();
                self.back_to_visitors(now);
            }
        }
    }

    /// The visitors' screens come back with a fresh idle timer (the loop goes on as it was).
    fn back_to_visitors(&mut self, now: f64) {
        if let Some(idle) = &mut self.attract.idle
            && !matches!(idle.phase(), Phase::Attract { .. })
        {
            idle.input(now);
        }
        self.screen_changed_at = Some(now);
    }
}
