//! Hostile and careless content (issue 21, items 1, 2 and 7's duplicate id): what the
//! checks say stays small and to the point, however large or broken the file.

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::tests::{SOURCE, has, problems};
use super::{Kind, Validator};
use crate::content::limits::{self, MAX_CONTENT_BYTES, MAX_DIAGNOSTIC_BYTES, MAX_SHOWN_PROBLEMS};
use crate::content::{
    AssetPathError, LoadError, Severity, Text, check_content, check_relative_path, parse_content,
};

/// Most bytes of a whole error report: every shown line at its longest, and the count line.
const MAX_REPORT_BYTES: usize = 64 * 1024;

/// Every relative path exists.
fn any_asset(file: &str) -> Result<(), AssetPathError> {
    check_relative_path(file)
}

/// What the kiosk makes of `source`: `None` when it is fine, else the error it logs and
/// shows.
fn load(source: &str) -> Option<LoadError> {
    let file = Path::new("content.ron");
    match parse_content(source, file) {
        Err(err) => Some(err),
        Ok(content) => check_content(&content, source, file, &any_asset)
            .err()
            .map(LoadError::Invalid),
    }
}

/// Asserts that what `err` says is bounded: each line, the whole, and `check`'s lines.
fn assert_bounded(err: &LoadError) {
    let text = err.to_string();
    assert!(
        text.len() <= MAX_REPORT_BYTES,
        "the report is {} bytes",
        text.len()
    );
    for line in text.lines() {
        assert!(
            line.len() <= MAX_DIAGNOSTIC_BYTES,
            "a line of {} bytes: {}",
            line.len(),
            limits::cut_middle(line, 300)
        );
    }
    let diagnostics = err.diagnostics();
    assert!(
        diagnostics.len() <= MAX_SHOWN_PROBLEMS + 1,
        "{} diagnostics",
        diagnostics.len()
    );
    for diagnostic in &diagnostics {
        let line = diagnostic.to_string();
        assert!(
            line.len() <= MAX_DIAGNOSTIC_BYTES && !line.contains('\n'),
            "a diagnostic of {} bytes",
            line.len()
        );
    }
}

/// The shipped content.
const SHIPPED: &str = include_str!("../../../content.ron");

#[test]
fn the_shipped_content_is_well_within_every_limit() {
    let content = parse_content(SHIPPED, Path::new("content.ron")).expect("parses");
    let mut validator = Validator::new(&content, &any_asset);
    validator.run();
    assert!(
        validator.problems.is_empty(),
        "{:?}",
        validator.problems.first()
    );
    for kind in Kind::ALL {
        let longest = validator.longest[kind as usize];
        assert!(
            longest * 2 <= kind.max_chars(),
            "the longest {kind:?} text ({longest}) is within half its limit ({})",
            kind.max_chars()
        );
    }
    let sections = content.sections.len();
    assert!(sections * 2 <= limits::MAX_SECTIONS, "{sections} sections");
    let places = content.map.places.len();
    assert!(places * 2 <= limits::MAX_PLACES, "{places} places");
    let slides = content.slides.len();
    assert!(slides * 2 <= limits::MAX_SLIDES, "{slides} slides");
    let longest_route = content.map.routes.iter().map(|r| r.waypoints.len()).max();
    assert!(
        longest_route.unwrap_or(0) * 2 <= limits::MAX_WAYPOINTS,
        "{longest_route:?} waypoints"
    );
    let most = |counts: &mut dyn Iterator<Item = usize>| counts.max().unwrap_or(0);
    let paragraphs = most(&mut content.sections.iter().map(|s| s.body.len()));
    assert!(paragraphs * 2 <= limits::MAX_PARAGRAPHS, "{paragraphs}");
    let figures = most(&mut content.sections.iter().map(|s| s.figures.len()));
    assert!(figures * 2 <= limits::MAX_FIGURES, "{figures}");
    let pictures = most(&mut content.sections.iter().map(|s| s.pictures.len()));
    assert!(pictures * 2 <= limits::MAX_SECTION_PICTURES, "{pictures}");
}

#[test]
fn a_two_megabyte_language_code_gives_one_short_error_quickly() {
    // Issue 21, item 1: each message repeated the code; 1.28 GB of output for one save.
    let huge = "x".repeat(2 * 1024 * 1024);
    let source = SHIPPED.replacen("code: \"en\"", &format!("code: \"{huge}\""), 1);
    let started = Instant::now();
    let err = load(&source).expect("refused");
    let took = started.elapsed();
    assert_bounded(&err);
    let text = err.to_string();
    assert_eq!(err.error_count(), 1, "one error, no cascade: {text}");
    assert!(
        text.contains("languages[1].code: \"xxxxxxxx")
            && text.contains("…\" is not a language code"),
        "the code quoted short: {text}"
    );
    assert!(text.len() < 1024, "{} bytes: {text}", text.len());
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_megabyte_paragraph_is_refused_at_its_position() {
    let huge = "Long words. ".repeat(90_000);
    let source = SOURCE.replace("One paragraph.", &huge);
    let err = load(&source).expect("refused");
    assert_bounded(&err);
    let diagnostics = err.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{err}");
    let error = &diagnostics[0];
    assert_eq!(
        error.item.as_deref(),
        Some("sections[energy].body[1]"),
        "{error}"
    );
    assert_eq!(
        error.position.map(|p| (p.line, p.column)),
        Some((14, 20)),
        "at the paragraph: {error}"
    );
    assert!(
        error
            .message
            .contains("this text is 1080000 characters long; a paragraph may have at most 20000"),
        "{error}"
    );
}

#[test]
fn texts_are_limited_by_their_kind() {
    let long = |chars: usize| "a".repeat(chars);
    let found = problems(|c| {
        c.sections[0].title = Text::same(long(limits::MAX_SHORT_TEXT_CHARS + 1));
        c.sections[0].pictures[0].caption = Text::same(long(limits::MAX_CAPTION_TEXT_CHARS + 1));
        c.sections[0].body[0] = Text::same(long(limits::MAX_PARAGRAPH_CHARS));
    });
    assert!(
        has(
            &found,
            Severity::Error,
            "sections[energy].title",
            "a title, name or label may have at most 400"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            Severity::Error,
            "sections[energy].pictures[1].caption",
            "a caption, summary or note may have at most 4000"
        ),
        "{found:?}"
    );
    assert_eq!(
        found.len(),
        2,
        "a paragraph at its limit is fine: {found:?}"
    );
}

#[test]
fn a_thousand_sections_are_one_error_at_the_list() {
    let found = problems(|c| {
        let first = c.sections[0].clone();
        c.sections = (0..1000)
            .map(|i| {
                let mut section = first.clone();
                section.id = format!("s{i}");
                section
            })
            .collect();
        c.sections[0].id = "energy".to_owned();
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        has(
            &found,
            Severity::Error,
            "sections",
            "there are 1000 sections here; at most 24 are allowed"
        ),
        "{found:?}"
    );
}

#[test]
fn counts_over_their_limits_are_errors() {
    let found = problems(|c| {
        let place = c.map.places[0].clone();
        c.map.places = vec![place; limits::MAX_PLACES + 1];
        let waypoint = c.map.routes[0].waypoints[1].clone();
        c.map.routes[0].waypoints = vec![waypoint; limits::MAX_WAYPOINTS + 1];
        c.slides = vec![c.slides[0].clone(); limits::MAX_SLIDES + 1];
    });
    for (item, words) in [
        ("map.places", "there are 1001 places here"),
        (
            "map.routes[gipl].waypoints",
            "there are 2001 waypoints here",
        ),
        ("slides", "there are 101 slides here"),
    ] {
        assert!(
            has(&found, Severity::Error, item, words),
            "{item}: {found:?}"
        );
    }
}

#[test]
fn a_duplicate_section_id_is_exactly_one_error() {
    // Issue 21, item 7: renaming a section to an id in use added 18 dangling references.
    let source = SHIPPED.replacen("id: \"energy\"", "id: \"freedom\"", 1);
    let err = load(&source).expect("refused");
    let diagnostics = err.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{err}");
    assert!(
        diagnostics[0]
            .message
            .contains("the section id \"freedom\" is used twice"),
        "{err}"
    );
}

#[test]
fn a_duplicate_layer_or_place_id_is_exactly_one_error() {
    for (from, to, words) in [
        (
            "(id: \"cyber\", name:",
            "(id: \"gas\", name:",
            "layer id \"gas\"",
        ),
        ("(id: \"vilnius\"", "(id: \"kaunas\"", "place id \"kaunas\""),
    ] {
        let source = SHIPPED.replacen(from, to, 1);
        let err = load(&source).expect("refused");
        assert_eq!(err.diagnostics().len(), 1, "{err}");
        assert!(err.to_string().contains(words), "{err}");
    }
}

#[test]
fn a_wrong_language_code_does_not_repeat_at_every_text() {
    let found = problems(|c| c.languages[0].code = "English".to_owned());
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn many_problems_show_the_errors_first_and_count_the_rest() {
    let source = SHIPPED.replace("\"lt\": \"", "\"de\": \"");
    let err = load(&source).expect("refused");
    assert_bounded(&err);
    let diagnostics = err.diagnostics();
    assert_eq!(diagnostics.len(), MAX_SHOWN_PROBLEMS + 1, "{err}");
    let last = diagnostics.last().expect("a count line");
    assert!(
        last.message.starts_with("… and ") && last.message.contains("more not shown"),
        "{last}"
    );
    let (errors, _) = err.totals();
    assert!(errors > MAX_SHOWN_PROBLEMS, "{errors} errors in all");
}

#[test]
fn a_huge_unknown_field_name_is_quoted_short() {
    let name = "z".repeat(500_000);
    let source = SOURCE.replacen("story: (", &format!("{name}: 1, story: ("), 1);
    let err = load(&source).expect("refused");
    assert_bounded(&err);
}

#[test]
fn a_huge_string_where_a_number_belongs_is_quoted_short() {
    let huge = "9".repeat(1_000_000);
    let source = SOURCE.replacen("figure: 1", &format!("figure: \"{huge}\""), 1);
    let err = load(&source).expect("refused");
    assert_bounded(&err);
    assert!(err.to_string().len() < 1024, "{err}");
}

/// One hostile edit of the small valid file.
#[derive(Clone, Debug)]
enum Edit {
    /// The `nth` string's text replaced by `len` copies of `fill`.
    String { nth: usize, fill: char, len: usize },
    /// `text` inserted at about `at` (a fraction of the file).
    Insert { at: f64, text: String },
    /// The `nth` parenthesised item repeated `times` times.
    Repeat { nth: usize, times: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let fill = prop_oneof![
        Just('x'),
        Just('é'),
        Just(' '),
        Just('"'),
        Just('\n'),
        Just('\\'),
        Just('€'),
        Just('A'),
    ];
    let len = prop_oneof![0..100usize, 100..30_000usize, 500_000..1_200_000usize];
    let huge = (
        prop_oneof![Just('z'), Just('"'), Just('('), Just(',')],
        1..400_000usize,
    )
        .prop_map(|(c, n)| c.to_string().repeat(n));
    prop_oneof![
        (0..60usize, fill, len).prop_map(|(nth, fill, len)| Edit::String { nth, fill, len }),
        (0.0..1.0f64, huge).prop_map(|(at, text)| Edit::Insert { at, text }),
        (0..30usize, 1..5_000usize).prop_map(|(nth, times)| Edit::Repeat { nth, times }),
    ]
}

/// `source` with `edit` applied.
fn apply(source: &str, edit: &Edit) -> String {
    match edit {
        Edit::String { nth, fill, len } => {
            let quotes: Vec<usize> = source.match_indices('"').map(|(i, _)| i).collect();
            let pairs: Vec<(usize, usize)> = quotes.chunks_exact(2).map(|p| (p[0], p[1])).collect();
            let Some(&(open, close)) = pairs.get(nth % pairs.len().max(1)) else {
                return source.to_owned();
            };
            let text = if *fill == '"' || *fill == '\\' {
                format!("\\{fill}").repeat(*len)
            } else {
                fill.to_string().repeat(*len)
            };
            format!("{}{text}{}", &source[..=open], &source[close..])
        }
        Edit::Insert { at, text } => {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "a fraction of a short file"
            )]
            let mut at = (at * source.len() as f64) as usize;
            while !source.is_char_boundary(at) {
                at -= 1;
            }
            format!("{}{text}{}", &source[..at], &source[at..])
        }
        Edit::Repeat { nth, times } => {
            let opens: Vec<usize> = source
                .match_indices("\n            (")
                .map(|(i, _)| i)
                .collect();
            let Some(&start) = opens.get(nth % opens.len().max(1)) else {
                return source.to_owned();
            };
            let Some(len) = source[start + 1..].find("),").map(|end| end + 3) else {
                return source.to_owned();
            };
            let item = &source[start..start + len];
            format!(
                "{}{}{}",
                &source[..start],
                item.repeat(*times),
                &source[start..]
            )
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// No line of what the kiosk says about hostile content is longer than
    /// MAX_DIAGNOSTIC_BYTES (600), and the whole is under 64 KiB, for any file up to the
    /// content file limit.
    #[test]
    fn what_is_said_about_any_file_is_bounded(edits in prop::collection::vec(edit(), 1..4)) {
        let mut source = SOURCE.to_owned();
        for edit in &edits {
            let next = apply(&source, edit);
            if next.len() as u64 <= MAX_CONTENT_BYTES {
                source = next;
            }
        }
        if let Some(err) = load(&source) {
            assert_bounded(&err);
        }
    }
}

#[test]
fn content_that_loads_keeps_a_bounded_number_of_warnings() {
    // A new language without translations yet: one warning at every text, and the kiosk
    // logs each warning at every reload.
    let mut content = parse_content(SHIPPED, Path::new("content.ron")).expect("parses");
    content.languages.push(crate::content::Language {
        code: "lv".to_owned(),
        name: "Latviešu".to_owned(),
        default: false,
    });
    let warnings = check_content(&content, SHIPPED, Path::new("content.ron"), &any_asset)
        .expect("only warnings");
    assert_eq!(warnings.len(), MAX_SHOWN_PROBLEMS + 1, "shown and a count");
    let last = warnings.last().expect("a count line");
    assert!(
        last.severity == Severity::Warning && last.message.contains("more not shown"),
        "{last}"
    );
}
