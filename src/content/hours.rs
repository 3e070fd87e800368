//! Opening hours: when the attract loop runs, and when the screen rests. Pure: the local
//! time is passed in, so tests can walk a simulated week minute by minute.

use std::fmt;

use jiff::civil::{DateTime, Weekday};
use serde::{Deserialize, Serialize};

/// A time of day, written "HH:MM" (24-hour) in content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClockTime {
    /// Minutes since midnight, 0..1440.
    minutes: u16,
}

impl ClockTime {
    /// The time `hour`:`minute`, if it exists.
    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        (hour < 24 && minute < 60).then(|| Self {
            minutes: u16::from(hour) * 60 + u16::from(minute),
        })
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.minutes
    }

    fn of(at: DateTime) -> Self {
        #[expect(clippy::cast_sign_loss, reason = "jiff keeps hour and minute in range")]
        let minutes = (i16::from(at.hour()) * 60 + i16::from(at.minute())) as u16;
        Self { minutes }
    }
}

impl TryFrom<String> for ClockTime {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let bad =
            || format!("\"{text}\" is not a time of day; write 24-hour HH:MM, such as \"09:30\"");
        let (hour, minute) = text.trim().split_once(':').ok_or_else(bad)?;
        let hour: u8 = hour.parse().map_err(|_| bad())?;
        let minute: u8 = minute.parse().map_err(|_| bad())?;
        Self::new(hour, minute).ok_or_else(bad)
    }
}

impl From<ClockTime> for String {
    fn from(time: ClockTime) -> Self {
        time.to_string()
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

/// A day of the week, as written in content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Day {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Day {
    fn of(weekday: Weekday) -> Self {
        match weekday {
            Weekday::Monday => Self::Mon,
            Weekday::Tuesday => Self::Tue,
            Weekday::Wednesday => Self::Wed,
            Weekday::Thursday => Self::Thu,
            Weekday::Friday => Self::Fri,
            Weekday::Saturday => Self::Sat,
            Weekday::Sunday => Self::Sun,
        }
    }
}

/// What the screen shows outside opening hours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum ClosedScreen {
    /// A calm dark screen with the story's title and the opening hours.
    #[default]
    Notice,
    /// Nothing: the ink alone.
    Blank,
}

/// When the kiosk is open, in local time. `close` before `open` runs past midnight (an
/// evening event from 18:00 to 02:00); `open` equal to `close` is open all day.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    /// Opening time.
    pub open: ClockTime,
    /// Closing time.
    pub close: ClockTime,
    /// Days it opens (a session past midnight belongs to the day it opened). Default: all.
    #[serde(default = "every_day")]
    pub days: Vec<Day>,
    /// What shows while closed.
    #[serde(default)]
    pub closed_screen: ClosedScreen,
}

fn every_day() -> Vec<Day> {
    vec![
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ]
}

impl OpeningHours {
    /// Whether the kiosk is open at local time `at`.
    pub fn is_open(&self, at: DateTime) -> bool {
        let now = ClockTime::of(at);
        let opens_today = self.days.contains(&Day::of(at.weekday()));
        let opened_yesterday = self.days.contains(&Day::of(at.weekday().previous()));
        match self.open.cmp(&self.close) {
            std::cmp::Ordering::Less => opens_today && self.open <= now && now < self.close,
            std::cmp::Ordering::Greater => {
                (opens_today && now >= self.open) || (opened_yesterday && now < self.close)
            }
            std::cmp::Ordering::Equal => opens_today,
        }
    }

    /// Seconds from `at` to the next minute, when opening or closing can next happen.
    pub fn secs_to_next_check(at: DateTime) -> f64 {
        let into_minute = f64::from(at.second()) + f64::from(at.subsec_nanosecond()) / 1e9;
        (60.0 - into_minute).max(0.05)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn hours(open: &str, close: &str, days: Vec<Day>) -> OpeningHours {
        OpeningHours {
            open: ClockTime::try_from(open.to_owned()).expect("a time"),
            close: ClockTime::try_from(close.to_owned()).expect("a time"),
            days,
            closed_screen: ClosedScreen::Notice,
        }
    }

    /// Every minute of the week from Monday 2026-11-30 at which `hours` changes, as
    /// (day, "HH:MM", now open).
    fn changes(hours: &OpeningHours) -> Vec<(Weekday, String, bool)> {
        let start = date(2026, 11, 30).at(0, 0, 0, 0);
        let mut was = hours.is_open(start - jiff::Span::new().minutes(1));
        let mut out = Vec::new();
        for minute in 0..7 * 24 * 60 {
            let at = start + jiff::Span::new().minutes(minute);
            let open = hours.is_open(at);
            if open != was {
                out.push((at.weekday(), ClockTime::of(at).to_string(), open));
                was = open;
            }
        }
        out
    }

    #[test]
    fn opens_and_closes_at_the_right_minute() {
        let office = hours("09:00", "18:00", vec![Day::Mon, Day::Tue]);
        assert_eq!(
            changes(&office),
            vec![
                (Weekday::Monday, "09:00".to_owned(), true),
                (Weekday::Monday, "18:00".to_owned(), false),
                (Weekday::Tuesday, "09:00".to_owned(), true),
                (Weekday::Tuesday, "18:00".to_owned(), false),
            ]
        );
        let at = |h, m, s| date(2026, 11, 30).at(h, m, s, 0);
        assert!(!office.is_open(at(8, 59, 59)), "a second before opening");
        assert!(office.is_open(at(9, 0, 0)), "on the minute");
        assert!(office.is_open(at(17, 59, 59)), "a second before closing");
        assert!(!office.is_open(at(18, 0, 0)), "closed on the minute");
    }

    #[test]
    fn an_evening_session_runs_across_midnight_into_the_next_day() {
        let evening = hours("18:00", "02:00", vec![Day::Fri, Day::Sat]);
        assert_eq!(
            changes(&evening),
            vec![
                (Weekday::Friday, "18:00".to_owned(), true),
                (Weekday::Saturday, "02:00".to_owned(), false),
                (Weekday::Saturday, "18:00".to_owned(), true),
                (Weekday::Sunday, "02:00".to_owned(), false),
            ]
        );
    }

    #[test]
    fn equal_times_mean_all_day_and_every_day_is_the_default() {
        let all_day = hours("00:00", "00:00", every_day());
        assert!(changes(&all_day).is_empty(), "never closes");
        let weekend_only = hours("07:30", "07:30", vec![Day::Sat, Day::Sun]);
        assert_eq!(
            changes(&weekend_only),
            vec![
                (Weekday::Monday, "00:00".to_owned(), false),
                (Weekday::Saturday, "00:00".to_owned(), true),
            ],
            "open all Saturday and Sunday"
        );
        let parsed: OpeningHours =
            ron::from_str(r#"(open: "9:05", close: "17:00")"#).expect("parses");
        assert_eq!(parsed.days.len(), 7, "every day by default");
        assert_eq!(parsed.open.to_string(), "09:05");
    }

    #[test]
    fn bad_times_are_refused_with_a_readable_message() {
        for text in ["24:00", "9", "09:60", "nine", "-1:00", ""] {
            let err = ClockTime::try_from(text.to_owned()).expect_err(text);
            assert!(err.contains("HH:MM"), "{text}: {err}");
        }
    }

    #[test]
    fn the_next_check_is_at_the_next_minute() {
        let at = date(2026, 11, 30).at(9, 0, 45, 500_000_000);
        let secs = OpeningHours::secs_to_next_check(at);
        assert!((secs - 14.5).abs() < 1e-9, "{secs}");
    }
}
