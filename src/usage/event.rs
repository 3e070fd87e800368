//! The usage event model and its JSON-lines form. Pure.
//!
//! Events name content by its ids (section, layer, route, place, language code) and carry
//! nothing about the visitor: no touch positions, no pictures, no free text.

use serde::{Deserialize, Serialize};

/// What happened, in the terms of the content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A touch left the attract loop.
    SessionStart,
    /// The idle reset ended the session after `secs` seconds (from the waking touch).
    SessionEnd {
        /// Length of the session in seconds.
        secs: f64,
    },
    /// The visitor left a section after reading it for `dwell_secs` seconds.
    SectionViewed {
        /// The section's id.
        section: String,
        /// Seconds on the section.
        dwell_secs: f64,
    },
    /// The visitor switched the language.
    LanguageChosen {
        /// The language code.
        lang: String,
    },
    /// The visitor switched a map layer on or off in the legend.
    LayerToggled {
        /// The layer's id.
        layer: String,
        /// Whether it is now shown.
        on: bool,
    },
    /// The visitor tapped a route on the map (its card opened).
    RouteTapped {
        /// The route's id.
        route: String,
    },
    /// The visitor tapped a place on the map (its card opened).
    PlaceTapped {
        /// The place's id.
        place: String,
    },
}

/// An event with the local wall-clock time it was recorded at: one line of the usage file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Local date and time, to the second.
    pub at: jiff::civil::DateTime,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

impl Record {
    /// `event` at `at`, rounded to the second (finer times say nothing more about use).
    pub fn new(at: jiff::civil::DateTime, event: Event) -> Self {
        // Rounding fails only at the end of the representable range.
        let at = at.round(jiff::Unit::Second).unwrap_or(at);
        Self { at, event }
    }

    /// The record as one JSON line, without the line break.
    pub fn to_json_line(&self) -> String {
        // A struct of strings, numbers and a date cannot fail to serialise.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses one JSON line.
    ///
    /// # Errors
    /// The reason the line is not a record, as serde_json words it.
    pub fn from_json_line(line: &str) -> Result<Self, String> {
        serde_json::from_str(line).map_err(|err| err.to_string())
    }
}

/// Seconds rounded to a tenth, as stored (input time has float noise).
pub fn tenths(secs: f64) -> f64 {
    (secs * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_one_flat_json_line_and_reads_back() {
        let at = jiff::civil::date(2026, 5, 4).at(10, 15, 30, 600_000_000);
        let record = Record::new(
            at,
            Event::SectionViewed {
                section: "energy".to_owned(),
                dwell_secs: 12.5,
            },
        );
        let line = record.to_json_line();
        assert_eq!(
            line,
            r#"{"at":"2026-05-04T10:15:31","event":"section_viewed","section":"energy","dwell_secs":12.5}"#,
            "the line"
        );
        assert_eq!(Record::from_json_line(&line), Ok(record), "round trip");
        assert_eq!(
            Record::from_json_line(r#"{"at":"2026-05-04T10:15:31","event":"session_start"}"#)
                .map(|r| r.event),
            Ok(Event::SessionStart),
            "unit variant"
        );
        assert!(
            Record::from_json_line(r#"{"at":"2026-05-04T10:15:31","event":"dance"}"#).is_err(),
            "unknown event"
        );
    }
}
