//! The app's side of the display schedule: touches and local time in, power commands out to
//! the platform (see `display_power` for the rules, `platform::display` for the systems).

use std::time::Duration;

use super::VitrinaApp;
use super::attract_loop::input_seen;
use super::display_power::{DisplaySchedule, Power};
use crate::platform::display::DisplayControl;
use crate::settings::DisplaySettings;

/// The schedule and, in a real window, the platform's control.
pub(super) struct DisplayState {
    pub schedule: DisplaySchedule,
    /// None in tests and previews: commands are decided but go nowhere.
    pub control: Option<DisplayControl>,
}

impl Default for DisplayState {
    fn default() -> Self {
        Self {
            schedule: DisplaySchedule::new(DisplaySettings::default(), 0),
            control: None,
        }
    }
}

impl VitrinaApp {
    /// Turns the display off outside opening hours and on at opening or on a touch (only
    /// with `display.off_when_closed`). Runs in `logic`, so staff touches count too.
    pub(super) fn display_logic(&mut self, ctx: &egui::Context) {
        if !self.display.schedule.is_active() {
            return;
        }
        let now = (self.wall_clock)();
        let kiosk = &self.loaded.content.kiosk;
        // A touch while closed keeps the display lit as long as a visitor's session lasts.
        let awake = self.attract.idle.as_ref().map_or_else(
            || {
                f64::from(
                    self.attract
                        .timeout_override
                        .unwrap_or(kiosk.idle_timeout_secs),
                )
            },
            super::idle::IdleMachine::timeout_secs,
        );
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "seconds; the cast saturates and the schedule bounds it"
        )]
        let awake_secs = awake.max(0.0) as u32;
        self.display.schedule.set_awake_secs(awake_secs);
        if input_seen(ctx) {
            self.display.schedule.touch(now);
        }
        let step = self
            .display
            .schedule
            .step(kiosk.opening_hours.as_ref(), now);
        if let Some(power) = step.command {
            log::info!(
                "display: {} at {now} (opening hours, display.off_when_closed)",
                match power {
                    Power::On => "on",
                    Power::Off => "off",
                }
            );
            if let Some(control) = &self.display.control {
                control.set(power == Power::On);
            }
        }
        if let Some(secs) = step.next_check_secs {
            ctx.request_repaint_after(Duration::from_secs_f64(secs.clamp(0.05, 3600.0)));
        }
    }
}
