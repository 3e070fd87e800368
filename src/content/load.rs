//! Reading `content.ron`: parse with RON's positions, validate, and attach
//! `FILE:LINE:COLUMN` to every problem.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

pub use super::encoding::content_text;
use super::figures::FigureNumbers;
use super::limits;
use super::locate::{Position, SourceMap};
use super::map_names::MapNames;
use super::model::Content;
use super::paths::resolve_asset_path;
use super::provenance::{Provenance, sha256, to_hex};
use super::resolved::ResolvedAssets;
use super::validate::{Problem, Severity, validate};

/// One message for staff, with where it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The content file.
    pub file: PathBuf,
    /// Line and column in the file, when known.
    pub position: Option<Position>,
    /// The item concerned (`sections[energy].title`), when known.
    pub item: Option<String>,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    /// One line of at most [`limits::MAX_DIAGNOSTIC_BYTES`] bytes, whatever the file held.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Position { line, column } = self.position.unwrap_or(Position { line: 1, column: 1 });
        let file = limits::cut_middle(&self.file.display().to_string(), MAX_FILE_BYTES);
        let mut text = format!("{file}:{line}:{column}: ");
        if self.severity == Severity::Warning {
            text.push_str("warning: ");
        }
        if let Some(item) = &self.item {
            text.push_str(&limits::bound_message(item, MAX_ITEM_BYTES));
            text.push_str(": ");
        }
        let room = limits::MAX_DIAGNOSTIC_BYTES.saturating_sub(text.len());
        text.push_str(&limits::bound_message(&self.message, room));
        f.write_str(&text)
    }
}

/// Most bytes of the file name at the start of a diagnostic line.
const MAX_FILE_BYTES: usize = 200;
/// Most bytes of the item named in a diagnostic line.
const MAX_ITEM_BYTES: usize = 160;

/// Content that loaded, with the warnings found (missing translations).
#[derive(Clone, Debug)]
pub struct LoadedContent {
    /// The content.
    pub content: Content,
    /// The folder asset paths are relative to.
    pub dir: PathBuf,
    /// Warnings, sorted by position.
    pub warnings: Vec<Diagnostic>,
    /// Its fingerprint and, when signed, the key and the verified file hashes.
    pub provenance: Provenance,
    /// Its picture paths, resolved and checked once (see [`ResolvedAssets`]).
    pub assets: ResolvedAssets,
    /// The numbers inside its key figures, found once (see [`FigureNumbers`]).
    pub numbers: FigureNumbers,
    /// The map's country, sea and credit names (see [`MapNames::resolve`]).
    pub map_names: MapNames,
}

impl LoadedContent {
    /// Content from `dir` with its asset paths resolved (this reads the file system).
    pub fn new(
        content: Content,
        dir: PathBuf,
        warnings: Vec<Diagnostic>,
        provenance: Provenance,
    ) -> Self {
        let assets = ResolvedAssets::resolve(&content, &dir);
        let numbers = FigureNumbers::resolve(&content);
        let mut loaded = Self {
            content,
            dir,
            warnings,
            provenance,
            assets,
            numbers,
            map_names: MapNames::default(),
        };
        loaded.resolve_map_names();
        loaded
    }

    /// Resolves the asset paths and figure numbers again, after `content` was edited or its
    /// files changed.
    pub fn resolve_assets(&mut self) {
        self.assets = ResolvedAssets::resolve(&self.content, &self.dir);
        self.numbers = FigureNumbers::resolve(&self.content);
        self.resolve_map_names();
    }

    /// Reads the map's names again; a warning about the names file replaces the last one.
    fn resolve_map_names(&mut self) {
        let (names, warning) = MapNames::resolve(&self.dir, self.provenance.verified.as_deref());
        self.map_names = names;
        let names_file = self.dir.join(super::map_names::NAMES_FILE);
        self.warnings.retain(|warning| warning.file != names_file);
        self.warnings.extend(warning);
    }
}

/// Why content could not be loaded. Each problem has its own line.
///
/// What it says is bounded, however large or broken the file: at most
/// [`limits::MAX_SHOWN_PROBLEMS`] lines (errors first), each at most
/// [`limits::MAX_DIAGNOSTIC_BYTES`] bytes, then one line counting the rest. Its Display is what
/// the log and the staff panel show; [`LoadError::diagnostics`] is what `vitrina check` prints.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}", render(&[read_diagnostic(path, source)]))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },

    /// The file is not valid RON, or does not fit the content model.
    #[error("{}", render(std::slice::from_ref(.0)))]
    Parse(Diagnostic),

    /// The file parsed but has errors (and maybe warnings), sorted by position.
    #[error("{}", render(.0))]
    Invalid(Vec<Diagnostic>),

    /// Signed content whose signature, manifest or files do not hold (see
    /// [`crate::signing`]); possibly a folder still being synced.
    #[error("{}", render(.0))]
    Signing(Vec<Diagnostic>),
}

impl LoadError {
    /// The messages to show, one per problem, sorted by position: at most
    /// [`limits::MAX_SHOWN_PROBLEMS`] of them (errors before warnings), and when there are
    /// more, a last one that counts the rest.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Self::Read { path, source } => vec![read_diagnostic(path, source)],
            Self::Parse(diagnostic) => vec![diagnostic.clone()],
            Self::Invalid(diagnostics) | Self::Signing(diagnostics) => {
                let (shown, rest) = shown(diagnostics);
                shown.into_iter().cloned().chain(rest).collect()
            }
        }
    }

    /// Whether the signature, the manifest or a file's hash failed (rather than the content
    /// itself): a folder still being synced looks like this for a while.
    pub fn is_signing(&self) -> bool {
        matches!(self, Self::Signing(_))
    }

    /// Number of errors among [`LoadError::diagnostics`] (warnings not counted; the line
    /// counting problems not shown counts as one error when it counts errors).
    pub fn error_count(&self) -> usize {
        self.diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Every error and warning found, shown or not: `(errors, warnings)`.
    pub fn totals(&self) -> (usize, usize) {
        match self {
            Self::Read { .. } | Self::Parse(_) => (1, 0),
            Self::Invalid(diagnostics) | Self::Signing(diagnostics) => {
                let errors = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                (errors, diagnostics.len() - errors)
            }
        }
    }
}

fn read_diagnostic(path: &Path, source: &std::io::Error) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: path.to_path_buf(),
        position: None,
        item: None,
        message: format!("cannot read the content file: {source}"),
    }
}

/// The diagnostics to show (errors first, at most [`limits::MAX_SHOWN_PROBLEMS`], kept in
/// their order) and, when some are left out, a last line that counts them.
fn shown(diagnostics: &[Diagnostic]) -> (Vec<&Diagnostic>, Option<Diagnostic>) {
    let max = limits::MAX_SHOWN_PROBLEMS;
    if diagnostics.len() <= max {
        return (diagnostics.iter().collect(), None);
    }
    let is_error = |d: &&Diagnostic| d.severity == Severity::Error;
    let errors = diagnostics.iter().filter(is_error).count();
    let error_room = errors.min(max);
    let mut errors_taken = 0;
    let mut warnings_taken = 0;
    let shown: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            if is_error(d) {
                errors_taken += 1;
                errors_taken <= error_room
            } else {
                warnings_taken += 1;
                warnings_taken <= max - error_room
            }
        })
        .collect();
    let hidden_errors = errors - error_room;
    let hidden = diagnostics.len() - shown.len();
    let hidden_warnings = hidden - hidden_errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let summary = Diagnostic {
        severity: if hidden_errors > 0 {
            Severity::Error
        } else {
            Severity::Warning
        },
        file: diagnostics
            .first()
            .map(|d| d.file.clone())
            .unwrap_or_default(),
        position: None,
        item: None,
        message: format!(
            "… and {} more not shown ({}, {}); fix the ones above and check again",
            plural(hidden, "problem"),
            plural(hidden_errors, "error"),
            plural(hidden_warnings, "warning"),
        ),
    };
    (shown, Some(summary))
}

/// The lines of `diagnostics` as [`LoadError`]'s Display shows them: bounded in number and
/// in length.
fn render(diagnostics: &[Diagnostic]) -> String {
    let (shown, rest) = shown(diagnostics);
    shown
        .into_iter()
        .map(ToString::to_string)
        .chain(rest.map(|summary| summary.to_string()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// RON options used for content: `implicit_some` lets staff write `map_preset: "energy"`.
fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

/// Parses the text of a content file. `file` is only used in messages.
pub fn parse_content(source: &str, file: &Path) -> Result<Content, LoadError> {
    ron_options()
        .from_str::<Content>(source)
        .map_err(|err| ron_error(&err, file, explain_ron_error(&err.code)))
}

/// A RON syntax or shape error as one diagnostic at its position, saying `message`.
pub fn ron_error(err: &ron::error::SpannedError, file: &Path, message: String) -> LoadError {
    LoadError::Parse(Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position: Some(Position {
            line: err.span.start.line.max(1),
            column: err.span.start.col.max(1),
        }),
        item: None,
        // RON's messages may quote the file (a field name, a string in the wrong place).
        message: match limits::bound_message(&message, limits::MAX_DIAGNOSTIC_BYTES) {
            Cow::Borrowed(_) => message,
            Cow::Owned(bounded) => bounded,
        },
    })
}

/// RON's messages, with a hint added for the mistakes staff make most.
fn explain_ron_error(error: &ron::Error) -> String {
    let hint = match error {
        ron::Error::ExpectedComma
        | ron::Error::ExpectedArrayEnd
        | ron::Error::ExpectedStructLikeEnd => {
            "; check for a missing comma, bracket or closing quote just before this point"
        }
        ron::Error::ExpectedStringEnd | ron::Error::ExpectedString => {
            "; texts are written in double quotes, such as \"Vilnius\""
        }
        ron::Error::NoSuchStructField { .. } => {
            "; check the spelling of the field name against the comments in the shipped content.ron"
        }
        ron::Error::MissingStructField { .. } => "; add the field (see the shipped content.ron)",
        ron::Error::ExpectedNamedStructLike(_)
        | ron::Error::ExpectedStructLike
        | ron::Error::ExpectedDifferentStructName { .. } => {
            "; a content file starts with ( and lists languages, story and sections, as in the shipped content.ron"
        }
        _ => "",
    };
    format!("{error}{hint}")
}

/// Validates parsed content and places each problem in `source`.
///
/// Returns the warnings on success, or every problem (errors and warnings) on failure.
pub fn check_content(
    content: &Content,
    source: &str,
    file: &Path,
    check_asset: &dyn Fn(&str) -> Result<(), super::paths::AssetPathError>,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let problems = validate(content, check_asset);
    if problems.is_empty() {
        // Placing problems needs a scan of the whole file: only when there are some.
        return Ok(Vec::new());
    }
    let diagnostics = place_problems(problems, source, file);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(diagnostics)
    } else {
        // Content that loads keeps its warnings, and the kiosk logs each on every reload:
        // at most the ones shown, and a line counting the rest.
        let (shown, rest) = shown(&diagnostics);
        Ok(shown.into_iter().cloned().chain(rest).collect())
    }
}

/// Places each of `problems` in `source` (the content file `file`), in the order of the file,
/// an error before a warning at the same place.
pub fn place_problems(problems: Vec<Problem>, source: &str, file: &Path) -> Vec<Diagnostic> {
    let source_map = SourceMap::new(source);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(
            |Problem {
                 severity,
                 path,
                 message,
             }| Diagnostic {
                severity,
                file: file.to_path_buf(),
                position: source_map.locate(&path),
                item: Some(path.to_string()).filter(|item| !item.is_empty()),
                message,
            },
        )
        .collect();
    diagnostics.sort_by(|a, b| {
        (a.position, std::cmp::Reverse(a.severity))
            .cmp(&(b.position, std::cmp::Reverse(b.severity)))
    });
    diagnostics
}

/// Reads, parses and validates the content file at `path`; assets are resolved
/// against its folder.
pub fn load_content(path: &Path) -> Result<LoadedContent, LoadError> {
    let bytes =
        super::read::read_regular(path, super::limits::MAX_CONTENT_BYTES).map_err(|source| {
            LoadError::Read {
                path: path.to_path_buf(),
                source,
            }
        })?;
    let source = content_text(&bytes, path)?;
    let dir = content_dir(path);
    let content = parse_content(&source, path)?;
    let check_asset = |file: &str| resolve_asset_path(&dir, file).map(|_| ());
    let warnings =
        check_content(&content, &source, path, &check_asset).map_err(LoadError::Invalid)?;
    let provenance = Provenance {
        sha256: to_hex(&sha256(&bytes)),
        signed_by: None,
        verified: None,
    };
    Ok(LoadedContent::new(content, dir, warnings, provenance))
}

/// The folder that asset paths in the content file at `path` are relative to.
pub fn content_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::encoding::tests::utf16;

    fn valid() -> String {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.ron"),
        )
        .expect("fixture")
    }

    /// The valid fixture and its picture in a temp folder, `content.ron` written as `bytes`.
    fn site(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        std::fs::create_dir(dir.path().join("assets")).expect("assets");
        std::fs::copy(
            fixtures.join("assets/picture.png"),
            dir.path().join("assets/picture.png"),
        )
        .expect("copy");
        let path = dir.path().join("content.ron");
        std::fs::write(&path, bytes).expect("write");
        (dir, path)
    }

    #[test]
    fn content_saved_as_utf8_with_a_bom_loads_like_the_same_file_without_it() {
        let text = valid();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        let (_dir, path) = site(&bytes);
        let with_bom = load_content(&path).expect("a BOM is not an error");
        let (_plain_dir, plain_path) = site(text.as_bytes());
        let plain = load_content(&plain_path).expect("loads");
        assert_eq!(with_bom.content, plain.content, "the same content");
        assert_eq!(
            with_bom.provenance.sha256,
            to_hex(&sha256(&bytes)),
            "the fingerprint is the file's own bytes"
        );
    }

    #[test]
    fn an_error_in_a_file_with_a_bom_is_placed_where_an_editor_shows_it() {
        let text = valid().replacen("Test story", "Test story\" oops", 1);
        let plain = load_content(&site(text.as_bytes()).1).expect_err("broken");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        let with_bom = load_content(&site(&bytes).1).expect_err("broken");
        let at = |err: &LoadError| err.diagnostics()[0].position;
        assert!(at(&plain).is_some(), "placed: {plain}");
        assert_eq!(
            at(&with_bom),
            at(&plain),
            "same line and column: {with_bom}"
        );
    }

    #[test]
    fn content_saved_as_utf16_either_byte_order_loads() {
        for big_endian in [false, true] {
            let (_dir, path) = site(&utf16(&valid(), big_endian));
            let loaded = load_content(&path)
                .unwrap_or_else(|err| panic!("UTF-16 (big endian {big_endian}) loads: {err}"));
            assert_eq!(
                loaded.content.story.title.resolve("en", "en"),
                "Test story",
                "the text decoded"
            );
        }
    }
}
