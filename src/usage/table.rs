//! `vitrina stats` as aligned text tables. Pure: figures in, text out.

use std::fmt::Write as _;

use super::stats::{ItemKind, Stats, shorten};

/// Longest name shown in a table, in characters; a longer one (not an id the content could
/// have, but the file may say anything) ends in an ellipsis, so columns stay readable and
/// within what the formatter can pad.
pub const MAX_NAME_CHARS: usize = 60;

/// A name as a table cell.
fn name(id: &str) -> String {
    shorten(id, MAX_NAME_CHARS)
}

/// Column alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

/// The figures as text: a heading and a table per part, parts without data left out.
pub fn render(stats: &Stats) -> String {
    let mut out = String::new();
    let Some((first, last)) = stats.span else {
        return "no usage recorded\n".to_owned();
    };
    let _ = writeln!(out, "usage from {first} to {last}");
    let median = stats
        .median_session_secs
        .map_or_else(|| "-".to_owned(), duration);
    let _ = writeln!(
        out,
        "{} session{}, median length {median}",
        stats.sessions,
        if stats.sessions == 1 { "" } else { "s" }
    );

    let days = stats
        .sessions_per_day
        .iter()
        .map(|(day, n)| vec![day.to_string(), n.to_string()])
        .collect();
    part(
        &mut out,
        "sessions per day",
        &[("day", Align::Left), ("sessions", Align::Right)],
        days,
    );

    let sections = stats
        .sections
        .iter()
        .map(|s| {
            vec![
                name(&s.id),
                s.opened.to_string(),
                duration(s.median_dwell_secs),
            ]
        })
        .collect();
    part(
        &mut out,
        "most opened sections",
        &[
            ("section", Align::Left),
            ("opened", Align::Right),
            ("median dwell", Align::Right),
        ],
        sections,
    );

    let languages = stats
        .languages
        .iter()
        .map(|l| vec![name(&l.id), l.count.to_string()])
        .collect();
    part(
        &mut out,
        "languages chosen",
        &[("language", Align::Left), ("chosen", Align::Right)],
        languages,
    );

    let layers = stats
        .layers
        .iter()
        .map(|l| vec![name(&l.id), l.on.to_string(), l.off.to_string()])
        .collect();
    part(
        &mut out,
        "map layers switched",
        &[
            ("layer", Align::Left),
            ("on", Align::Right),
            ("off", Align::Right),
        ],
        layers,
    );

    let items = stats
        .items
        .iter()
        .map(|i| {
            let kind = match i.kind {
                ItemKind::Route => "route",
                ItemKind::Place => "place",
            };
            vec![name(&i.id), kind.to_owned(), i.taps.to_string()]
        })
        .collect();
    part(
        &mut out,
        "map items tapped",
        &[
            ("item", Align::Left),
            ("kind", Align::Left),
            ("taps", Align::Right),
        ],
        items,
    );
    out
}

/// A blank line, the heading and the table; nothing when there are no rows.
fn part(out: &mut String, heading: &str, columns: &[(&str, Align)], rows: Vec<Vec<String>>) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    let header = columns.iter().map(|(name, _)| (*name).to_owned()).collect();
    let all: Vec<Vec<String>> = std::iter::once(header).chain(rows).collect();
    let widths: Vec<usize> = (0..columns.len())
        .map(|c| {
            all.iter()
                .map(|row| row.get(c).map_or(0, |t| t.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &all {
        let cells: Vec<String> = row
            .iter()
            .zip(columns)
            .zip(&widths)
            .map(|((text, (_, align)), &width)| match align {
                Align::Left => format!("{text:<width$}"),
                Align::Right => format!("{text:>width$}"),
            })
            .collect();
        let _ = writeln!(out, "  {}", cells.join("  ").trim_end());
    }
}

/// Seconds for people: `42.5 s`, `3 min 05 s`, `1 h 02 min`.
pub fn duration(secs: f64) -> String {
    if secs < 60.0 {
        return format!("{secs:.1} s");
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "whole seconds of a positive duration"
    )]
    let whole = secs.round() as u64;
    if whole < 3600 {
        format!("{} min {:02} s", whole / 60, whole % 60)
    } else {
        format!("{} h {:02} min", whole / 3600, whole % 3600 / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage::stats::{Count, SectionFigure};

    #[test]
    fn durations_read_as_seconds_minutes_or_hours() {
        assert_eq!(duration(7.5), "7.5 s", "seconds");
        assert_eq!(duration(125.0), "2 min 05 s", "minutes");
        assert_eq!(duration(3725.0), "1 h 02 min", "hours");
    }

    #[test]
    fn columns_line_up_and_empty_parts_are_left_out() {
        let day = jiff::civil::date(2026, 5, 1);
        let stats = Stats {
            span: Some((day, day)),
            sessions_per_day: vec![(day, 12)],
            sessions: 12,
            median_session_secs: Some(95.0),
            sections: vec![
                SectionFigure {
                    id: "energy".to_owned(),
                    opened: 10,
                    median_dwell_secs: 42.0,
                },
                SectionFigure {
                    id: "cyber".to_owned(),
                    opened: 2,
                    median_dwell_secs: 61.0,
                },
            ],
            languages: vec![Count {
                id: "lt".to_owned(),
                count: 3,
            }],
            ..Stats::default()
        };
        let text = render(&stats);
        assert_eq!(
            text,
            "usage from 2026-05-01 to 2026-05-01\n\
             12 sessions, median length 1 min 35 s\n\
             \n\
             sessions per day\n\
             \x20 day         sessions\n\
             \x20 2026-05-01        12\n\
             \n\
             most opened sections\n\
             \x20 section  opened  median dwell\n\
             \x20 energy       10        42.0 s\n\
             \x20 cyber         2    1 min 01 s\n\
             \n\
             languages chosen\n\
             \x20 language  chosen\n\
             \x20 lt             3\n",
            "the table"
        );
        assert_eq!(render(&Stats::default()), "no usage recorded\n", "empty");
    }

    #[test]
    fn a_name_of_seventy_thousand_characters_is_shown_shortened() {
        // Padding to 65,536 characters or more panicked ("Formatting argument out of range").
        let day = jiff::civil::date(2026, 5, 1);
        let long = "é".repeat(70_000);
        let stats = Stats {
            span: Some((day, day)),
            sections: vec![SectionFigure {
                id: long.clone(),
                opened: 1,
                median_dwell_secs: 1.0,
            }],
            languages: vec![Count { id: long, count: 1 }],
            ..Stats::default()
        };
        let text = render(&stats);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest < MAX_NAME_CHARS + 40, "lines stay short: {widest}");
        assert!(
            text.contains(&format!("{}…", "é".repeat(MAX_NAME_CHARS - 1))),
            "{text}"
        );
    }
}
