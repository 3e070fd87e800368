//! Whether the display should be powered: from the opening hours, `display.off_when_closed`,
//! local time and the last touch. Pure: local time is passed in, so tests walk a simulated
//! week; the platform (`platform::display`) carries the commands out.

use jiff::civil::DateTime;

use crate::content::hours::OpeningHours;
use crate::settings::DisplaySettings;

/// The longest a touch keeps a closed kiosk's display lit, whatever the idle timeout says.
const MAX_AWAKE_SECS: u32 = 24 * 60 * 60;

/// The display's power.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Power {
    /// Lit.
    On,
    /// Asleep (DPMS off, `SC_MONITORPOWER` off).
    Off,
}

/// What one step decided.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// A command for the platform, only when the wanted power changes.
    pub command: Option<Power>,
    /// Seconds until the decision can next change (the next minute, for opening or closing,
    /// or the end of a touch's wake time); None: only a touch or new settings change it.
    pub next_check_secs: Option<f64>,
}

/// The display schedule: decides on or off, and sends each change once.
#[derive(Clone, Debug, PartialEq)]
pub struct DisplaySchedule {
    settings: DisplaySettings,
    /// How long a touch keeps the display lit while closed (the idle timeout).
    awake_secs: u32,
    /// Local time of the last touch.
    last_touch: Option<DateTime>,
    /// The last command sent; None before the first step with `off_when_closed`.
    sent: Option<Power>,
}

impl DisplaySchedule {
    /// A schedule with `settings`, where a touch while closed keeps the display lit for
    /// `awake_secs` (the kiosk's idle timeout).
    pub fn new(settings: DisplaySettings, awake_secs: u32) -> Self {
        Self {
            settings,
            awake_secs: awake_secs.min(MAX_AWAKE_SECS),
            last_touch: None,
            // Without `off_when_closed` the display is the system's: never send anything.
            // With it, the first step says what it wants (a kiosk restarted at noon after
            // a night off must light the display).
            sent: (!settings.off_when_closed).then_some(Power::On),
        }
    }

    /// New settings (kiosk.ron edited): turning `off_when_closed` off lights a sleeping
    /// display at the next step.
    pub fn set_settings(&mut self, settings: DisplaySettings) {
        if settings.off_when_closed && !self.settings.off_when_closed {
            self.sent = None;
        }
        self.settings = settings;
    }

    /// Changes how long a touch keeps the display lit while closed.
    pub fn set_awake_secs(&mut self, secs: u32) {
        self.awake_secs = secs.min(MAX_AWAKE_SECS);
    }

    /// A visitor or staff touched the kiosk at local time `now`.
    pub fn touch(&mut self, now: DateTime) {
        self.last_touch = Some(now);
    }

    /// Whether the schedule needs the clock at all (it may have to send something).
    pub fn is_active(&self) -> bool {
        self.settings.off_when_closed || self.sent == Some(Power::Off)
    }

    /// The last command sent (tests and the staff panel).
    pub fn sent(&self) -> Option<Power> {
        self.sent
    }

    /// Seconds the display stays lit after the last touch, at `now`; None when no touch
    /// keeps it lit.
    fn awake_left(&self, now: DateTime) -> Option<f64> {
        let touch = self.last_touch?;
        // A clock set back (daylight saving, a correction) leaves the touch in the future:
        // count from now, so it never keeps the display lit for longer than `awake_secs`.
        let elapsed = now.duration_since(touch).as_secs_f64().max(0.0);
        let left = f64::from(self.awake_secs) - elapsed;
        (left > 0.0).then_some(left)
    }

    /// The power wanted at local time `now` with opening `hours` (None: always open).
    pub fn wanted(&self, hours: Option<&OpeningHours>, now: DateTime) -> Power {
        let closed = hours.is_some_and(|hours| !hours.is_open(now));
        if self.settings.off_when_closed && closed && self.awake_left(now).is_none() {
            Power::Off
        } else {
            Power::On
        }
    }

    /// Decides at local time `now`: a command when the wanted power changed since the last
    /// one, and when to look again.
    pub fn step(&mut self, hours: Option<&OpeningHours>, now: DateTime) -> Step {
        if let Some(touch) = self.last_touch
            && touch > now
        {
            self.last_touch = Some(now);
        }
        let wanted = self.wanted(hours, now);
        let command = (self.sent != Some(wanted)).then_some(wanted);
        if command.is_some() {
            self.sent = Some(wanted);
        }
        let next_check_secs = match hours {
            Some(_) if self.settings.off_when_closed => {
                let minute = OpeningHours::secs_to_next_check(now);
                Some(self.awake_left(now).map_or(minute, |left| left.min(minute)))
            }
            _ => None,
        };
        Step {
            command,
            next_check_secs,
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::{Weekday, date};
    use jiff::{SignedDuration, Span};

    use super::*;
    use crate::content::hours::{ClockTime, ClosedScreen, Day};

    const ON: DisplaySettings = DisplaySettings {
        off_when_closed: true,
    };

    fn hours(open: &str, close: &str, days: Vec<Day>) -> OpeningHours {
        OpeningHours {
            open: ClockTime::try_from(open.to_owned()).expect("a time"),
            close: ClockTime::try_from(close.to_owned()).expect("a time"),
            days,
            closed_screen: ClosedScreen::Notice,
        }
    }

    fn weekdays() -> Vec<Day> {
        vec![Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri]
    }

    /// Monday 2026-11-30 at `h`:`m`.
    fn monday(h: i8, m: i8) -> DateTime {
        date(2026, 11, 30).at(h, m, 0, 0)
    }

    /// Steps `schedule` every `step_secs` for a week from Monday 00:00, touching at the
    /// listed times; returns each command as (day, "HH:MM:SS", power).
    fn walk(
        schedule: &mut DisplaySchedule,
        hours: Option<&OpeningHours>,
        touches: &[DateTime],
        step_secs: i64,
    ) -> Vec<(Weekday, String, Power)> {
        let start = monday(0, 0);
        let mut out = Vec::new();
        let mut at = start;
        while at < start + Span::new().days(7) {
            if touches.contains(&at) {
                schedule.touch(at);
            }
            let step = schedule.step(hours, at);
            if let Some(power) = step.command {
                out.push((at.weekday(), at.time().to_string(), power));
            }
            if let Some(secs) = step.next_check_secs {
                assert!(
                    secs > 0.0 && secs <= 60.0,
                    "looks again within the minute: {secs}"
                );
            }
            at += SignedDuration::from_secs(step_secs);
        }
        out
    }

    #[test]
    fn a_week_of_office_hours_sends_each_change_once() {
        let office = hours("09:00", "18:00", weekdays());
        let mut schedule = DisplaySchedule::new(ON, 90);
        let commands = walk(&mut schedule, Some(&office), &[], 15);
        let mut expected = vec![(Weekday::Monday, "00:00:00".to_owned(), Power::Off)];
        for day in [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ] {
            expected.push((day, "09:00:00".to_owned(), Power::On));
            expected.push((day, "18:00:00".to_owned(), Power::Off));
        }
        assert_eq!(commands, expected, "off at night and all weekend");
    }

    #[test]
    fn a_touch_at_night_lights_the_display_for_the_idle_timeout() {
        let office = hours("09:00", "18:00", weekdays());
        let mut schedule = DisplaySchedule::new(ON, 90);
        let tuesday_night = date(2026, 12, 1).at(2, 30, 0, 0);
        let later = date(2026, 12, 1).at(2, 31, 0, 0);
        let commands = walk(&mut schedule, Some(&office), &[tuesday_night, later], 15);
        let night: Vec<_> = commands
            .iter()
            .filter(|(day, time, _)| *day == Weekday::Tuesday && time.as_str() < "09:00")
            .cloned()
            .collect();
        assert_eq!(
            night,
            vec![
                (Weekday::Tuesday, "02:30:00".to_owned(), Power::On),
                // The second touch at 02:31 renews the 90 s: off at 02:32:30, not 02:31:30.
                (Weekday::Tuesday, "02:32:30".to_owned(), Power::Off),
            ]
        );

        // The next look is when the wake time ends, not a minute later.
        let mut schedule = DisplaySchedule::new(ON, 20);
        schedule.touch(monday(2, 0));
        let step = schedule.step(Some(&office), monday(2, 0));
        assert_eq!(step.command, Some(Power::On), "lit by the touch");
        let next = step.next_check_secs.expect("a next check");
        assert!((next - 20.0).abs() < 1e-9, "{next}");
    }

    #[test]
    fn a_touch_before_closing_keeps_the_visitor_s_display_lit() {
        let office = hours("09:00", "18:00", weekdays());
        let mut schedule = DisplaySchedule::new(ON, 120);
        assert_eq!(
            schedule.step(Some(&office), monday(17, 0)).command,
            Some(Power::On)
        );
        schedule.touch(monday(17, 59));
        assert_eq!(schedule.step(Some(&office), monday(18, 0)).command, None);
        assert_eq!(
            schedule.step(Some(&office), monday(18, 1)).command,
            Some(Power::Off),
            "off two minutes after the last touch"
        );
    }

    #[test]
    fn evening_hours_run_past_midnight() {
        let evening = hours("18:00", "02:00", vec![Day::Fri, Day::Sat]);
        let mut schedule = DisplaySchedule::new(ON, 90);
        let commands = walk(&mut schedule, Some(&evening), &[], 60);
        assert_eq!(
            commands,
            vec![
                (Weekday::Monday, "00:00:00".to_owned(), Power::Off),
                (Weekday::Friday, "18:00:00".to_owned(), Power::On),
                (Weekday::Saturday, "02:00:00".to_owned(), Power::Off),
                (Weekday::Saturday, "18:00:00".to_owned(), Power::On),
                (Weekday::Sunday, "02:00:00".to_owned(), Power::Off),
            ]
        );
    }

    #[test]
    fn without_hours_the_display_stays_on() {
        let mut schedule = DisplaySchedule::new(ON, 90);
        let commands = walk(&mut schedule, None, &[monday(3, 0)], 60);
        assert_eq!(
            commands,
            vec![(Weekday::Monday, "00:00:00".to_owned(), Power::On)],
            "lit once at start, never off"
        );
    }

    #[test]
    fn without_off_when_closed_nothing_is_ever_sent() {
        let office = hours("09:00", "18:00", weekdays());
        let mut schedule = DisplaySchedule::new(DisplaySettings::default(), 90);
        assert!(!schedule.is_active(), "no clock needed");
        let commands = walk(&mut schedule, Some(&office), &[monday(3, 0)], 60);
        assert!(commands.is_empty(), "{commands:?}");
    }

    #[test]
    fn settings_changed_while_asleep_light_the_display() {
        let office = hours("09:00", "18:00", weekdays());
        let mut schedule = DisplaySchedule::new(ON, 90);
        assert_eq!(
            schedule.step(Some(&office), monday(3, 0)).command,
            Some(Power::Off)
        );
        schedule.set_settings(DisplaySettings::default());
        assert!(schedule.is_active(), "still has to light it");
        assert_eq!(
            schedule.step(Some(&office), monday(3, 1)).command,
            Some(Power::On)
        );
        assert!(!schedule.is_active(), "then leaves the display alone");
        assert_eq!(schedule.step(Some(&office), monday(3, 2)).command, None);
        schedule.set_settings(ON);
        assert_eq!(
            schedule.step(Some(&office), monday(3, 3)).command,
            Some(Power::Off),
            "on again: off at once"
        );
    }

    #[test]
    fn a_clock_set_back_does_not_keep_the_display_lit_for_long() {
        let office = hours("09:00", "18:00", weekdays());
        let mut schedule = DisplaySchedule::new(ON, 60);
        schedule.touch(monday(3, 0));
        assert_eq!(
            schedule.step(Some(&office), monday(3, 0)).command,
            Some(Power::On)
        );
        // The clock goes back an hour: the touch counts from now, 60 s at most.
        assert_eq!(schedule.step(Some(&office), monday(2, 0)).command, None);
        assert_eq!(
            schedule
                .step(Some(&office), date(2026, 11, 30).at(2, 1, 0, 0))
                .command,
            Some(Power::Off)
        );
        // A huge idle timeout is bounded.
        schedule.set_awake_secs(u32::MAX);
        assert_eq!(schedule.awake_secs, MAX_AWAKE_SECS, "bounded");
    }
}
