//! `vitrina stats`: reading usage lines and adding them up. Pure: text in, figures out;
//! the command reads the files and prints [`super::table::render`] of the result.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::event::{Event, Record};

/// A line that is not a record, skipped with a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Line number, from 1.
    pub line: usize,
    /// Why it was skipped.
    pub reason: String,
}

/// Longest usage line read, in bytes. A record is about a hundred bytes; a line beyond
/// this is not one the kiosk wrote, and is skipped without being held in memory. Generous,
/// so that a record with an odd long name still counts (its name shortened in the tables).
pub const MAX_LINE_BYTES: usize = 128 * 1024;

/// Longest reason kept for a skipped line, in characters (the JSON parser's message may
/// quote the line).
const MAX_REASON_CHARS: usize = 200;

/// Skipped lines kept with their reason; more are only counted, so a file of garbage
/// costs no more memory than a short one.
pub const MAX_SKIPPED_KEPT: usize = 100;

/// What a usage file held.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadLines {
    /// The records, in file order.
    pub records: Vec<Record>,
    /// The first [`MAX_SKIPPED_KEPT`] lines skipped, with why.
    pub skipped: Vec<Skipped>,
    /// Every line skipped, kept or not.
    pub skipped_count: usize,
}

/// Parses JSON lines; blank lines are ignored, broken ones reported.
pub fn parse_lines(text: &str) -> (Vec<Record>, Vec<Skipped>) {
    // Reading from memory cannot fail.
    let read = read_lines(text.as_bytes()).unwrap_or_default();
    (read.records, read.skipped)
}

/// Reads JSON lines from `reader`, holding at most [`MAX_LINE_BYTES`] of a line at a
/// time: a longer line, invalid UTF-8 or a line that is not a record is skipped and
/// reported; blank lines are ignored.
///
/// # Errors
/// A read error of `reader`.
pub fn read_lines<R: std::io::BufRead>(mut reader: R) -> std::io::Result<ReadLines> {
    let mut read = ReadLines::default();
    let mut line = Vec::with_capacity(256);
    let mut number = 0;
    loop {
        line.clear();
        let Some(too_long) = read_bounded_line(&mut reader, &mut line)? else {
            break;
        };
        number += 1;
        let reason = if too_long {
            format!("longer than {MAX_LINE_BYTES} bytes; not a usage record")
        } else {
            match std::str::from_utf8(&line) {
                Err(_) => "not UTF-8 text (a torn write?)".to_owned(),
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => match Record::from_json_line(text) {
                    Ok(record) => {
                        read.records.push(record);
                        continue;
                    }
                    Err(reason) => shorten(&reason, MAX_REASON_CHARS),
                },
            }
        };
        read.skipped_count += 1;
        if read.skipped.len() < MAX_SKIPPED_KEPT {
            read.skipped.push(Skipped {
                line: number,
                reason,
            });
        }
    }
    Ok(read)
}

/// Reads one line (without its `\n`) into `line`, keeping at most [`MAX_LINE_BYTES`]; the
/// rest of a longer line is read and dropped. `None` at the end of the input, else whether
/// the line was too long.
fn read_bounded_line<R: std::io::BufRead>(
    reader: &mut R,
    line: &mut Vec<u8>,
) -> std::io::Result<Option<bool>> {
    let mut read_any = false;
    let mut too_long = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if buffer.is_empty() {
            return Ok(read_any.then_some(too_long));
        }
        read_any = true;
        let (chunk, used, ended) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..end], end + 1, true),
            None => (buffer, buffer.len(), false),
        };
        if !too_long {
            if line.len() + chunk.len() > MAX_LINE_BYTES {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        reader.consume(used);
        if ended {
            return Ok(Some(too_long));
        }
    }
}

/// `text` cut to at most `max` characters, an ellipsis marking the cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((cut, _)) if text[cut..].chars().nth(1).is_some() => format!("{}…", &text[..cut]),
        _ => text.to_owned(),
    }
}

/// A count of something named by its id.
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    /// The content id (or language code).
    pub id: String,
    /// How many times.
    pub count: usize,
}

/// How often a section was read and for how long.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionFigure {
    /// The section's id.
    pub id: String,
    /// Times it was opened.
    pub opened: usize,
    /// Median seconds on it.
    pub median_dwell_secs: f64,
}

/// How often a layer was switched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerFigure {
    /// The layer's id.
    pub id: String,
    /// Times switched on.
    pub on: usize,
    /// Times switched off.
    pub off: usize,
}

/// A route or a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A route.
    Route,
    /// A place.
    Place,
}

/// Taps on one map item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemFigure {
    /// Route or place.
    pub kind: ItemKind,
    /// Its id.
    pub id: String,
    /// Times tapped.
    pub taps: usize,
}

/// The figures of a usage file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    /// First and last day with a record.
    pub span: Option<(Date, Date)>,
    /// Sessions started per day, oldest first.
    pub sessions_per_day: Vec<(Date, usize)>,
    /// Sessions started in all.
    pub sessions: usize,
    /// Median length of the sessions that ended, in seconds.
    pub median_session_secs: Option<f64>,
    /// Sections, most opened first.
    pub sections: Vec<SectionFigure>,
    /// Languages chosen, most chosen first.
    pub languages: Vec<Count>,
    /// Map layers, most switched first.
    pub layers: Vec<LayerFigure>,
    /// Map items, most tapped first.
    pub items: Vec<ItemFigure>,
}

/// Adds up `records` on or after `since`.
pub fn aggregate<'r>(records: impl IntoIterator<Item = &'r Record>, since: Option<Date>) -> Stats {
    let mut stats = Stats::default();
    let mut per_day: BTreeMap<Date, usize> = BTreeMap::new();
    let mut session_secs = Vec::new();
    let mut dwell: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut languages: BTreeMap<&str, usize> = BTreeMap::new();
    let mut layers: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut items: BTreeMap<(ItemKind, &str), usize> = BTreeMap::new();
    for record in records {
        let day = record.at.date();
        if since.is_some_and(|since| day < since) {
            continue;
        }
        stats.span = Some(match stats.span {
            None => (day, day),
            Some((first, last)) => (first.min(day), last.max(day)),
        });
        match &record.event {
            Event::SessionStart => {
                *per_day.entry(day).or_default() += 1;
                stats.sessions += 1;
            }
            Event::SessionEnd { secs } => session_secs.push(*secs),
            Event::SectionViewed {
                section,
                dwell_secs,
            } => dwell.entry(section).or_default().push(*dwell_secs),
            Event::LanguageChosen { lang } => *languages.entry(lang).or_default() += 1,
            Event::LayerToggled { layer, on } => {
                let entry = layers.entry(layer).or_default();
                if *on {
                    entry.0 += 1;
                } else {
                    entry.1 += 1;
                }
            }
            Event::RouteTapped { route } => {
                *items.entry((ItemKind::Route, route.as_str())).or_default() += 1;
            }
            Event::PlaceTapped { place } => {
                *items.entry((ItemKind::Place, place.as_str())).or_default() += 1;
            }
        }
    }
    stats.sessions_per_day = per_day.into_iter().collect();
    stats.median_session_secs = median(&mut session_secs);
    stats.sections = dwell
        .into_iter()
        .map(|(id, mut secs)| SectionFigure {
            id: id.to_owned(),
            opened: secs.len(),
            median_dwell_secs: median(&mut secs).unwrap_or(0.0),
        })
        .collect();
    // Most first; the id breaks ties so the order never depends on the file's order.
    stats
        .sections
        .sort_by(|a, b| b.opened.cmp(&a.opened).then_with(|| a.id.cmp(&b.id)));
    stats.languages = languages
        .into_iter()
        .map(|(id, count)| Count {
            id: id.to_owned(),
            count,
        })
        .collect();
    stats
        .languages
        .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    stats.layers = layers
        .into_iter()
        .map(|(id, (on, off))| LayerFigure {
            id: id.to_owned(),
            on,
            off,
        })
        .collect();
    stats.layers.sort_by(|a, b| {
        (b.on + b.off)
            .cmp(&(a.on + a.off))
            .then_with(|| a.id.cmp(&b.id))
    });
    stats.items = items
        .into_iter()
        .map(|((kind, id), taps)| ItemFigure {
            kind,
            id: id.to_owned(),
            taps,
        })
        .collect();
    stats.items.sort_by(|a, b| {
        b.taps
            .cmp(&a.taps)
            .then_with(|| (a.kind, &a.id).cmp(&(b.kind, &b.id)))
    });
    stats
}

/// The median (mean of the middle two for an even count); None for no values.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        f64::midpoint(values[mid - 1], values[mid])
    } else {
        values[mid]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: i8, hour: i8) -> jiff::civil::DateTime {
        jiff::civil::date(2026, 5, day).at(hour, 0, 0, 0)
    }

    fn record(day: i8, event: Event) -> Record {
        Record::new(at(day, 10), event)
    }

    fn viewed(section: &str, dwell_secs: f64) -> Event {
        Event::SectionViewed {
            section: section.to_owned(),
            dwell_secs,
        }
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0), "odd");
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5), "even");
        assert_eq!(median(&mut []), None, "none");
    }

    #[test]
    fn records_add_up_per_day_section_language_layer_and_item() {
        let records = vec![
            record(1, Event::SessionStart),
            record(1, viewed("energy", 10.0)),
            record(1, viewed("energy", 30.0)),
            record(1, viewed("security", 5.0)),
            record(1, Event::SessionEnd { secs: 100.0 }),
            record(2, Event::SessionStart),
            record(
                2,
                Event::LanguageChosen {
                    lang: "lt".to_owned(),
                },
            ),
            record(2, viewed("energy", 20.0)),
            record(
                2,
                Event::LayerToggled {
                    layer: "gas".to_owned(),
                    on: false,
                },
            ),
            record(
                2,
                Event::LayerToggled {
                    layer: "gas".to_owned(),
                    on: true,
                },
            ),
            record(
                2,
                Event::LayerToggled {
                    layer: "oil".to_owned(),
                    on: false,
                },
            ),
            record(
                2,
                Event::RouteTapped {
                    route: "gipl".to_owned(),
                },
            ),
            record(
                2,
                Event::PlaceTapped {
                    place: "riga".to_owned(),
                },
            ),
            record(
                2,
                Event::RouteTapped {
                    route: "gipl".to_owned(),
                },
            ),
            record(2, Event::SessionEnd { secs: 300.0 }),
            record(2, Event::SessionStart),
        ];
        let stats = aggregate(&records, None);
        assert_eq!(stats.span, Some((at(1, 0).date(), at(2, 0).date())), "span");
        assert_eq!(
            stats.sessions_per_day,
            vec![(at(1, 0).date(), 1), (at(2, 0).date(), 2)],
            "per day"
        );
        assert_eq!(stats.sessions, 3, "sessions");
        assert_eq!(
            stats.median_session_secs,
            Some(200.0),
            "median of the two that ended"
        );
        assert_eq!(
            stats.sections,
            vec![
                SectionFigure {
                    id: "energy".to_owned(),
                    opened: 3,
                    median_dwell_secs: 20.0
                },
                SectionFigure {
                    id: "security".to_owned(),
                    opened: 1,
                    median_dwell_secs: 5.0
                },
            ],
            "sections"
        );
        assert_eq!(
            stats.languages,
            vec![Count {
                id: "lt".to_owned(),
                count: 1
            }],
            "languages"
        );
        assert_eq!(
            stats.layers,
            vec![
                LayerFigure {
                    id: "gas".to_owned(),
                    on: 1,
                    off: 1
                },
                LayerFigure {
                    id: "oil".to_owned(),
                    on: 0,
                    off: 1
                },
            ],
            "layers"
        );
        assert_eq!(
            stats.items,
            vec![
                ItemFigure {
                    kind: ItemKind::Route,
                    id: "gipl".to_owned(),
                    taps: 2
                },
                ItemFigure {
                    kind: ItemKind::Place,
                    id: "riga".to_owned(),
                    taps: 1
                },
            ],
            "items"
        );

        let since = aggregate(&records, Some(at(2, 0).date()));
        assert_eq!(since.sessions, 2, "--since leaves the first day out");
        assert_eq!(since.sections[0].opened, 1, "one energy visit on day 2");
    }

    #[test]
    fn broken_lines_are_reported_by_number_and_the_rest_is_kept() {
        let text = "{\"at\":\"2026-05-01T10:00:00\",\"event\":\"session_start\"}\n\
                    \n\
                    {\"at\":\"2026-05-01T10:00:05\",\"event\":\n\
                    {\"at\":\"2026-05-01T10:01:00\",\"event\":\"session_end\",\"secs\":60.0}\n";
        let (records, skipped) = parse_lines(text);
        assert_eq!(records.len(), 2, "two good lines");
        assert_eq!(skipped.len(), 1, "one broken: {skipped:?}");
        assert_eq!(skipped[0].line, 3, "its line number");
        assert!(!skipped[0].reason.is_empty(), "a reason");
    }

    #[test]
    fn long_names_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("energy", 6), "energy", "fits");
        assert_eq!(shorten("energy!", 6), "energ…", "cut to six characters");
        assert_eq!(shorten("ąčęėįš", 3), "ąč…", "counted in characters");
        assert_eq!(shorten("", 3), "", "empty");
    }

    #[test]
    fn an_over_long_line_is_skipped_without_being_held_and_the_next_line_counts() {
        let good = "{\"at\":\"2026-05-01T10:00:00\",\"event\":\"session_start\"}";
        let long = format!(
            "{{\"at\":\"2026-05-01T10:00:00\",\"event\":\"language_chosen\",\"lang\":\"{}\"}}",
            "x".repeat(3 * MAX_LINE_BYTES)
        );
        let mut bytes = format!("{good}\n{long}\n").into_bytes();
        bytes.extend_from_slice(b"\xff\xfe\n");
        bytes.extend_from_slice(good.as_bytes());
        // A reader with a tiny buffer: the long line arrives in many pieces.
        let reader = std::io::BufReader::with_capacity(7, bytes.as_slice());
        let ReadLines {
            records, skipped, ..
        } = read_lines(reader).expect("reads from memory");
        assert_eq!(records.len(), 2, "both good lines: {skipped:?}");
        assert_eq!(
            skipped.len(),
            2,
            "the long line and the torn one: {skipped:?}"
        );
        assert_eq!(skipped[0].line, 2, "its number");
        assert!(
            skipped[0].reason.contains("longer than"),
            "{:?}",
            skipped[0]
        );
        assert_eq!(skipped[1].line, 3, "the torn line's number");
        assert!(skipped[1].reason.contains("UTF-8"), "{:?}", skipped[1]);
    }

    #[test]
    fn a_file_of_garbage_keeps_a_bounded_list_of_skipped_lines_and_counts_the_rest() {
        let text = "x\n".repeat(10 * MAX_SKIPPED_KEPT);
        let read = read_lines(text.as_bytes()).expect("reads from memory");
        assert_eq!(read.skipped.len(), MAX_SKIPPED_KEPT, "kept");
        assert_eq!(read.skipped_count, 10 * MAX_SKIPPED_KEPT, "counted");
    }

    #[test]
    fn a_reason_quoting_a_long_name_is_shortened() {
        let line = format!(
            "{{\"at\":\"2026-05-01T10:00:00\",\"event\":\"{}\"}}",
            "y".repeat(3000)
        );
        let (records, skipped) = parse_lines(&line);
        assert!(records.is_empty(), "an unknown event");
        assert!(
            skipped[0].reason.chars().count() <= MAX_REASON_CHARS,
            "{}",
            skipped[0].reason.len()
        );
    }
}
