//! Dated content: sections and attract slides shown only between two dates (`show: (from:
//! "2026-12-01", until: "2027-01-06")`, the kiosk's local date, both ends inclusive, either
//! optional). Pure: today's date is passed in; the app reads the clock.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::model::{Content, Slide};

/// When a section or slide is shown, as written in content: dates `"YYYY-MM-DD"`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Show {
    /// The first day it is shown. None: from always.
    #[serde(default)]
    pub from: Option<String>,
    /// The last day it is shown. None: for ever.
    #[serde(default)]
    pub until: Option<String>,
}

/// What is wrong with a written date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Form,
    /// Of that form, but no such day (`2026-02-30`, month 13).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Form => "is not a date; write YYYY-MM-DD, such as \"2026-12-24\"",
            Self::NoSuchDay => "is not a day of the calendar; check the month and the day",
        })
    }
}

/// Reads a date written `YYYY-MM-DD` (four, two and two digits; nothing else).
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| text[range].parse::<i16>().ok())
            .flatten()
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(DateError::Form);
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(DateError::Form);
    };
    let month = i8::try_from(month).map_err(|_| DateError::NoSuchDay)?;
    let day = i8::try_from(day).map_err(|_| DateError::NoSuchDay)?;
    // jiff's years start at -9999; four digits never go below 0.
    Date::new(year, month, day).map_err(|_| DateError::NoSuchDay)
}

/// The days something is shown, both ends inclusive (None: open at that end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The first day.
    pub from: Option<Date>,
    /// The last day.
    pub until: Option<Date>,
}

impl Span {
    /// Every day.
    pub const ALWAYS: Self = Self {
        from: None,
        until: None,
    };

    /// Whether `today` is one of its days.
    pub fn contains(self, today: Date) -> bool {
        self.from.is_none_or(|from| from <= today) && self.until.is_none_or(|until| today <= until)
    }

    /// Whether every day of `inner` is one of its days.
    pub fn covers(self, inner: Self) -> bool {
        let from_ok = match (self.from, inner.from) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(outer), Some(inner)) => outer <= inner,
        };
        let until_ok = match (self.until, inner.until) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(outer), Some(inner)) => inner <= outer,
        };
        from_ok && until_ok
    }

    /// Whether it is shown on some day (`from` not after `until`).
    pub fn is_empty(self) -> bool {
        matches!((self.from, self.until), (Some(from), Some(until)) if from > until)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.until) {
            (None, None) => f.write_str("every day"),
            (Some(from), None) => write!(f, "from {from}"),
            (None, Some(until)) => write!(f, "until {until}"),
            (Some(from), Some(until)) => write!(f, "from {from} until {until}"),
        }
    }
}

impl Show {
    /// Its days; a date that cannot be read leaves that end open (validation reports it,
    /// and content with errors never reaches the screen).
    pub fn span(&self) -> Span {
        let read = |date: &Option<String>| date.as_deref().and_then(|d| parse_date(d).ok());
        Span {
            from: read(&self.from),
            until: read(&self.until),
        }
    }
}

/// The days of an optional `show` (None: every day).
pub fn span_of(show: Option<&Show>) -> Span {
    show.map_or(Span::ALWAYS, Show::span)
}

/// Whether the content dates anything: only then the app watches the date.
pub fn has_dates(content: &Content) -> bool {
    content.sections.iter().any(|s| s.show.is_some())
        || content.slides.iter().any(|s| s.show().is_some())
}

/// Whether `slide` shows on `today`: its own dates, and its section's when it has one.
fn slide_shown(content: &Content, slide: &Slide, today: Date) -> bool {
    span_of(slide.show()).contains(today)
        && slide.section_id().is_none_or(|id| {
            content
                .section(id)
                .is_none_or(|section| span_of(section.show.as_ref()).contains(today))
        })
}

/// The content as visitors see it on `today`: the sections and slides outside their dates
/// left out, and with them a slide of a hidden section. Home, the pager, the attract loop,
/// waking into a slide's section and the map card's "Read the story" all read this copy,
/// so a hidden section cannot be reached. On a day when no section would be left the
/// content is kept whole (an empty Home would look broken; `vitrina check` warns of it).
pub fn content_on(content: &Content, today: Date) -> Content {
    let mut shown = content.clone();
    shown
        .sections
        .retain(|section| span_of(section.show.as_ref()).contains(today));
    if shown.sections.is_empty() {
        return content.clone();
    }
    shown
        .slides
        .retain(|slide| slide_shown(content, slide, today));
    shown
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn show(from: Option<&str>, until: Option<&str>) -> Show {
        Show {
            from: from.map(str::to_owned),
            until: until.map(str::to_owned),
        }
    }

    #[test]
    fn dates_are_read_only_as_yyyy_mm_dd() {
        assert_eq!(parse_date("2026-12-24"), Ok(date(2026, 12, 24)), "a date");
        assert_eq!(
            parse_date("2028-02-29"),
            Ok(date(2028, 2, 29)),
            "a leap day"
        );
        for form in [
            "",
            "2026-1-24",
            "24.12.2026",
            "2026/12/24",
            "2026-12-24 ",
            " 2026-12-24",
            "+026-12-24",
            "2026-12-2x",
            "2026-12-024",
            "２０２６-12-24",
        ] {
            assert_eq!(parse_date(form), Err(DateError::Form), "{form:?}");
        }
        for day in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-12-00",
        ] {
            assert_eq!(parse_date(day), Err(DateError::NoSuchDay), "{day:?}");
        }
    }

    #[test]
    fn both_ends_are_inclusive_and_either_may_be_left_out() {
        let span = show(Some("2026-12-01"), Some("2026-12-31")).span();
        assert!(!span.contains(date(2026, 11, 30)), "the day before");
        assert!(span.contains(date(2026, 12, 1)), "the first day");
        assert!(span.contains(date(2026, 12, 31)), "the last day");
        assert!(!span.contains(date(2027, 1, 1)), "the day after");
        let from = show(Some("2026-12-01"), None).span();
        assert!(from.contains(date(2099, 1, 1)), "no end");
        assert!(!from.contains(date(2026, 11, 30)), "not before");
        let until = show(None, Some("2026-12-01")).span();
        assert!(until.contains(date(2000, 1, 1)), "no start");
        assert!(!until.contains(date(2026, 12, 2)), "not after");
        assert!(
            Show::default().span().contains(date(2026, 1, 1)),
            "no dates"
        );
        assert!(span_of(None).contains(date(2026, 1, 1)), "no show");
    }

    #[test]
    fn a_span_covers_the_spans_inside_it() {
        let december = show(Some("2026-12-01"), Some("2026-12-31")).span();
        let christmas = show(Some("2026-12-24"), Some("2026-12-26")).span();
        assert!(december.covers(christmas), "inside");
        assert!(!christmas.covers(december), "larger");
        assert!(
            !december.covers(Span::ALWAYS),
            "every day is not inside December"
        );
        assert!(Span::ALWAYS.covers(december), "every day covers December");
        assert!(
            !december.covers(show(Some("2026-12-24"), None).span()),
            "open end"
        );
        assert!(
            show(Some("2026-12-26"), Some("2026-12-24"))
                .span()
                .is_empty(),
            "backwards"
        );
        assert!(!christmas.is_empty(), "three days");
    }

    fn content() -> Content {
        crate::content::parse_content(
            r#"(
                languages: [(code: "en", name: "English", default: true)],
                story: (title: "T"),
                sections: [
                    (id: "always", title: "A"),
                    (id: "advent", title: "B", show: (from: "2026-12-01", until: "2026-12-24")),
                ],
                slides: [
                    Hero(section: "always"),
                    Hero(section: "advent"),
                    Hero(section: "always", show: (until: "2026-11-30")),
                    MapTour(presets: ["p"], show: (from: "2026-12-25")),
                ],
            )"#,
            std::path::Path::new("test.ron"),
        )
        .expect("the test content parses")
    }

    fn ids(content: &Content) -> (Vec<&str>, usize) {
        (
            content.sections.iter().map(|s| s.id.as_str()).collect(),
            content.slides.len(),
        )
    }

    #[test]
    fn the_content_of_a_day_leaves_out_what_is_not_shown_that_day() {
        let content = content();
        assert!(has_dates(&content), "dated");
        let november = content_on(&content, date(2026, 11, 30));
        assert_eq!(ids(&november), (vec!["always"], 2), "advent hidden");
        assert_eq!(
            november.slides[1].show().and_then(|s| s.until.as_deref()),
            Some("2026-11-30"),
            "the advent hero is left out with its section"
        );
        let advent = content_on(&content, date(2026, 12, 1));
        assert_eq!(ids(&advent), (vec!["always", "advent"], 2), "advent shown");
        let christmas = content_on(&content, date(2026, 12, 25));
        assert_eq!(ids(&christmas), (vec!["always"], 2), "the tour");
        assert!(
            matches!(christmas.slides[1], Slide::MapTour { .. }),
            "the tour from Christmas"
        );
    }

    #[test]
    fn a_day_without_any_section_keeps_the_whole_content() {
        let mut content = content();
        content.sections.remove(0);
        let before = content_on(&content, date(2026, 1, 1));
        assert_eq!(before, content, "kept whole rather than an empty Home");
        let advent = content_on(&content, date(2026, 12, 2));
        assert_eq!(ids(&advent), (vec!["advent"], 2), "filtered on its days");
    }
}
