//! Semantic checks of parsed content: ids, references, coordinates, languages, colours
//! and asset paths. Pure: asset files are checked through the `check_asset` callback.
//!
//! This file runs the checks and owns what they share; each rule group has its own file.

mod dates;
#[cfg(test)]
mod hostile_tests;
mod links;
mod map;
mod problem;
mod refs;
mod sections;
mod settings;
mod text;
mod video;

pub use dates::ended_by;
pub use problem::{FieldPath, PathSegment, Problem, Severity};
pub use settings::parse_hex_colour;

use std::collections::HashSet;

use super::limits;
use super::model::Content;
use super::paths::AssetPathError;

/// Checks `content`. `check_asset` is asked about every file path the content names.
///
/// The work and the problems are bounded by the limits of [`crate::content::limits`]: items
/// past a count limit are reported once and not checked one by one, each message quotes
/// content values shortened, and a broken item does not add follow-on errors elsewhere.
pub fn validate(
    content: &Content,
    check_asset: &dyn Fn(&str) -> Result<(), AssetPathError>,
) -> Vec<Problem> {
    let mut validator = Validator::new(content, check_asset);
    validator.run();
    validator.problems
}

impl<'a> Validator<'a> {
    fn new(
        content: &'a Content,
        check_asset: &'a dyn Fn(&str) -> Result<(), AssetPathError>,
    ) -> Self {
        let map = &content.map;
        Validator {
            content,
            check_asset,
            problems: Vec::new(),
            lang_codes: content
                .languages
                .iter()
                .map(|lang| lang.code.clone())
                .collect(),
            default_lang: content.default_lang_code().to_owned(),
            languages_ok: true,
            ids: Ids {
                sections: content.sections.iter().map(|s| s.id.as_str()).collect(),
                layers: map.layers.iter().map(|l| l.id.as_str()).collect(),
                places: map.places.iter().map(|p| p.id.as_str()).collect(),
                presets: map.presets.iter().map(|p| p.id.as_str()).collect(),
            },
            duplicated: HashSet::new(),
            longest: [0; 3],
        }
    }
}

/// The ids of each kind of item, looked up once per reference.
struct Ids<'a> {
    sections: HashSet<&'a str>,
    layers: HashSet<&'a str>,
    places: HashSet<&'a str>,
    presets: HashSet<&'a str>,
}

struct Validator<'a> {
    content: &'a Content,
    check_asset: &'a dyn Fn(&str) -> Result<(), AssetPathError>,
    problems: Vec<Problem>,
    lang_codes: Vec<String>,
    default_lang: String,
    /// False when the languages themselves are wrong: the texts are then not checked
    /// against them (every text would repeat the same mistake).
    languages_ok: bool,
    ids: Ids<'a>,
    /// Kinds of item ("section", "layer", ...) with an id used twice: a reference to a
    /// missing one of them is most likely the id that was overwritten, so it is not
    /// reported again.
    duplicated: HashSet<&'static str>,
    /// The longest text seen of each [`Kind`], in characters (for the limits' own test).
    longest: [usize; 3],
}

/// Whether a text must be given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
}

/// How long a text may be (see [`crate::content::limits`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Titles, names, labels, figure values, dates.
    Short,
    /// Summaries, captions, credits, notes, timeline entries, map texts.
    Caption,
    /// Body paragraphs.
    Paragraph,
}

impl Kind {
    #[cfg(test)]
    const ALL: [Self; 3] = [Self::Short, Self::Caption, Self::Paragraph];

    fn max_chars(self) -> usize {
        match self {
            Self::Short => limits::MAX_SHORT_TEXT_CHARS,
            Self::Caption => limits::MAX_CAPTION_TEXT_CHARS,
            Self::Paragraph => limits::MAX_PARAGRAPH_CHARS,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Short => "title, name or label",
            Self::Caption => "caption, summary or note",
            Self::Paragraph => "paragraph",
        }
    }
}

impl Validator<'_> {
    fn error(&mut self, path: FieldPath, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Error,
            path,
            message: message.into(),
        });
    }

    fn warning(&mut self, path: FieldPath, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Warning,
            path,
            message: message.into(),
        });
    }

    fn run(&mut self) {
        self.languages();
        self.ids();
        self.story();
        self.theme();
        self.kiosk();
        self.labels();
        self.sections();
        self.links();
        self.map();
        self.slides();
        self.dates();
        self.picture_count();
    }

    fn asset(&mut self, path: &FieldPath, file: &str) {
        let chars = file.chars().count();
        if chars > limits::MAX_PATH_CHARS {
            self.error(
                path.clone(),
                format!(
                    "this file path is {chars} characters long; paths may have at most {} \
                     (see docs/limits.md): use shorter folder and file names",
                    limits::MAX_PATH_CHARS
                ),
            );
        } else if let Err(err) = (self.check_asset)(file) {
            let message =
                limits::bound_message(&err.to_string(), limits::MAX_DIAGNOSTIC_BYTES).into_owned();
            self.error(path.clone(), message);
        }
    }

    /// At most `max` items of a list of `len`: more is one error at the list, and only the
    /// first `max` are checked one by one.
    fn count(&mut self, path: &FieldPath, len: usize, max: usize, what: &str) -> usize {
        if len > max {
            self.error(
                path.clone(),
                format!(
                    "there are {len} {what} here; at most {max} are allowed (see docs/limits.md): \
                     remove or merge some"
                ),
            );
        }
        len.min(max)
    }

    /// The whole content's pictures, sections and slides together.
    fn picture_count(&mut self) {
        let content = self.content;
        // Only lists within their own limits count: a list over its limit is reported already.
        let in_sections: usize = content
            .sections
            .iter()
            .take(limits::MAX_SECTIONS)
            .map(|s| s.pictures.len().min(limits::MAX_SECTION_PICTURES))
            .sum();
        let in_slides = content
            .slides
            .iter()
            .take(limits::MAX_SLIDES)
            .filter(|slide| matches!(slide, crate::content::model::Slide::Picture { .. }))
            .count();
        let total = in_sections + in_slides;
        if total > limits::MAX_PICTURES {
            self.error(
                FieldPath::default().field("sections"),
                format!(
                    "the content names {total} pictures in its sections and slides; at most {} \
                     are allowed (see docs/limits.md): remove some",
                    limits::MAX_PICTURES
                ),
            );
        }
    }
}

/// What the rule groups' tests share: a small valid content and a fake asset check.
#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::{Diagnostic, check_content, parse_content};

    /// A small valid content file (`tests/fixtures/valid.ron`).
    pub(super) const SOURCE: &str = include_str!("../../../tests/fixtures/valid.ron");

    /// The one asset file that exists for these tests.
    const PICTURE: &str = "assets/picture.png";

    /// Only [`PICTURE`] exists.
    fn check_asset(file: &str) -> Result<(), AssetPathError> {
        crate::content::check_relative_path(file)?;
        if file == PICTURE {
            Ok(())
        } else {
            Err(AssetPathError::NotFound(file.to_owned()))
        }
    }

    /// The small valid content, parsed.
    pub(super) fn content() -> Content {
        parse_content(SOURCE, Path::new("content.ron")).expect("the fixture parses")
    }

    /// The problems of the small valid content changed by `edit`.
    pub(super) fn problems(edit: impl FnOnce(&mut Content)) -> Vec<Problem> {
        let mut content = content();
        edit(&mut content);
        validate(&content, &check_asset)
    }

    /// Whether `problems` has one of `severity` at `item` whose message contains `words`.
    pub(super) fn has(problems: &[Problem], severity: Severity, item: &str, words: &str) -> bool {
        problems.iter().any(|p| {
            p.severity == severity && p.path.to_string() == item && p.message.contains(words)
        })
    }

    /// The diagnostics of `source` (the fixture with one line replaced).
    pub(super) fn diagnostics(source: &str) -> Vec<Diagnostic> {
        let content = parse_content(source, Path::new("content.ron")).expect("still parses");
        match check_content(&content, source, Path::new("content.ron"), &check_asset) {
            Ok(warnings) | Err(warnings) => warnings,
        }
    }

    /// The line (from 1) of `SOURCE` that contains `words`.
    fn line_of(words: &str) -> usize {
        SOURCE
            .lines()
            .position(|line| line.contains(words))
            .expect("the fixture has the line")
            + 1
    }

    #[test]
    fn the_small_valid_content_has_no_problems() {
        let problems = problems(|_| {});
        assert!(problems.is_empty(), "no problems: {problems:?}");
    }

    #[test]
    fn an_empty_section_title_is_an_error_at_its_line() {
        let title = r#"title: {"en": "Energy", "lt": "Energetika"}"#;
        let source = SOURCE.replace(title, "title: {}");
        let found = diagnostics(&source);
        let error = found
            .iter()
            .find(|d| d.item.as_deref() == Some("sections[energy].title"))
            .expect("the empty title is reported");
        assert_eq!(error.severity, Severity::Error, "an error: {error}");
        assert!(error.message.contains("this text is empty"), "{error}");
        let line = error.position.map(|p| p.line);
        assert_eq!(line, Some(line_of(title)), "at the title's line: {error}");
    }

    #[test]
    fn a_missing_picture_is_an_error_at_its_line() {
        let source = SOURCE.replace(PICTURE, "assets/missing.png");
        let found = diagnostics(&source);
        let error = found
            .iter()
            .find(|d| d.item.as_deref() == Some("sections[energy].pictures[1].path"))
            .expect("the missing picture is reported");
        assert_eq!(error.severity, Severity::Error, "an error: {error}");
        assert!(error.message.contains("does not exist"), "{error}");
        let line = error.position.map(|p| p.line);
        assert_eq!(
            line,
            Some(line_of(PICTURE)),
            "at the picture's line: {error}"
        );
    }

    #[test]
    fn a_picture_path_leaving_the_folder_is_an_error() {
        let found = problems(|c| c.sections[0].pictures[0].path = "../secret.png".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "sections[energy].pictures[1].path",
                "leaves the content folder"
            ),
            "{found:?}"
        );
    }
}
