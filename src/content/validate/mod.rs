//! Semantic checks of parsed content: ids, references, coordinates, languages, colours
//! and asset paths. Pure: asset files are checked through the `check_asset` callback.
//!
//! This file runs the checks and owns what they share; each rule group has its own file.

mod map;
mod problem;
mod refs;
mod sections;
mod settings;
mod text;

pub use problem::{FieldPath, PathSegment, Problem, Severity};
pub use settings::parse_hex_colour;

use super::model::Content;
use super::paths::AssetPathError;

/// Checks `content`. `check_asset` is asked about every file path the content names.
pub fn validate(
    content: &Content,
    check_asset: &dyn Fn(&str) -> Result<(), AssetPathError>,
) -> Vec<Problem> {
    let mut validator = Validator {
        content,
        check_asset,
        problems: Vec::new(),
        lang_codes: content
            .languages
            .iter()
            .map(|lang| lang.code.clone())
            .collect(),
        default_lang: content.default_lang_code().to_owned(),
    };
    validator.run();
    validator.problems
}

struct Validator<'a> {
    content: &'a Content,
    check_asset: &'a dyn Fn(&str) -> Result<(), AssetPathError>,
    problems: Vec<Problem>,
    lang_codes: Vec<String>,
    default_lang: String,
}

/// Whether a text must be given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
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
        self.story();
        self.theme();
        self.kiosk();
        self.labels();
        self.sections();
        self.map();
        self.slides();
    }

    fn asset(&mut self, path: &FieldPath, file: &str) {
        if let Err(err) = (self.check_asset)(file) {
            self.error(path.clone(), err.to_string());
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
    fn diagnostics(source: &str) -> Vec<Diagnostic> {
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
