//! The app's side of the display schedule: touches and local time in, power commands out to
//! the platform (see `display_power` for the rules, `platform::display` for the systems).

use std::time::Duration;

use super::VitrinaApp;
use super::attract_loop::input_seen;
use super::display_power::{DisplaySchedule, Power};
use crate::platform::display::{DisplayControl, Session};
use crate::settings::DisplaySettings;

/// The schedule and, in a real window, the platform's control.
pub(super) struct DisplayState {
    pub schedule: DisplaySchedule,
    /// Carry the commands out on this system (the kiosk); off in tests and previews, where
    /// commands are decided but go nowhere.
    pub on_this_system: bool,
    /// Started with the first command, so a kiosk without `off_when_closed` starts nothing.
    control: Option<DisplayControl>,
}

impl Default for DisplayState {
    fn default() -> Self {
        Self {
            schedule: DisplaySchedule::new(DisplaySettings::default(), 0),
            on_this_system: false,
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
            crate::state::idle::IdleMachine::timeout_secs,
        );
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "seconds; the cast saturates and the schedule bounds it"
        )]
        let awake_secs = awake.max(0.0) as u32;
        self.display.schedule.set_awake_secs(awake_secs);
        let touched = input_seen(ctx);
        if touched {
            self.display.schedule.touch(now);
        }
        let step = self
            .display
            .schedule
            .step(self.machine.opening_hours.as_ref(), now);
        if let Some(power) = step.command {
            let (word, why) = match power {
                Power::On if touched => ("on", "a touch"),
                Power::On => ("on", "open, or display.off_when_closed turned off"),
                Power::Off => ("off", "closed, display.off_when_closed"),
            };
            log::info!("display: {word} at {now} ({why})");
            if self.display.on_this_system {
                self.display
                    .control
                    .get_or_insert_with(|| DisplayControl::start(Session::current()))
                    .set(power == Power::On);
            }
        }
        if let Some(secs) = step.next_check_secs {
            ctx.request_repaint_after(Duration::from_secs_f64(secs.clamp(0.05, 3600.0)));
        }
    }
}
