//! Country, sea and credit names per language for the map: `assets/map/names.ron` in the
//! content folder, read when content loads, else the copy compiled into the program.

use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;

use super::load::Diagnostic;
use super::locate::Position;
use super::paths::resolve_asset_path;
use super::provenance::{VerifiedFiles, sha256};
use super::read::read_regular;
use super::text::Text;
use super::validate::Severity;

/// The shipped names, compiled in.
pub const SHIPPED_NAMES: &str = include_str!("../../assets/map/names.ron");

/// Where staff keep the map's names, relative to the content folder.
pub const NAMES_FILE: &str = "assets/map/names.ron";

/// A names file larger than this is refused (the shipped one is under 3 KB).
const MAX_NAMES_BYTES: u64 = 256 * 1024;

/// The language shown where a name lacks the visitor's.
const FALLBACK_LANG_CODE: &str = "en";

/// The map's own names.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapNames {
    /// The story's country (ISO alpha-3), drawn lighter with an amber outline.
    pub home: String,
    /// Country names, most important first (they give way to each other in this order).
    pub countries: Vec<CountryName>,
    /// Sea names.
    pub seas: Vec<SeaName>,
    /// The credit line on the map.
    pub credit: Text,
}

/// A country's name at a hand-placed point.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryName {
    /// ISO alpha-3 code, as in the base map.
    pub iso: String,
    /// The name per language.
    pub names: Text,
    /// Longitude of the name's centre, degrees east.
    pub lon: f64,
    /// Latitude of the name's centre, degrees north.
    pub lat: f64,
}

/// A sea's name at a hand-placed point.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeaName {
    /// The name per language.
    pub names: Text,
    /// Longitude of the name's centre, degrees east.
    pub lon: f64,
    /// Latitude of the name's centre, degrees north.
    pub lat: f64,
}

static SHIPPED: LazyLock<MapNames> = LazyLock::new(|| match MapNames::parse(SHIPPED_NAMES) {
    Ok(names) => names,
    Err(err) => {
        // Logged once (the lock runs this once); the map then shows no names.
        log::error!("the map's names cannot be read: {err}");
        MapNames::default()
    }
});

impl MapNames {
    /// Parses names in the form of `assets/map/names.ron`.
    pub fn parse(source: &str) -> Result<Self, ron::error::SpannedError> {
        ron::from_str(source)
    }

    /// The shipped names, parsed on first use.
    pub fn shipped() -> &'static Self {
        &SHIPPED
    }

    /// The names in `dir`'s `assets/map/names.ron`, or the shipped ones when the folder has
    /// none. A file that cannot be used (not a regular file, too large, not the one a signed
    /// content's manifest lists, or not valid) leaves the shipped names and a warning with
    /// its line and column. Reads the file system: call it when content loads.
    pub fn resolve(dir: &Path, verified: Option<&VerifiedFiles>) -> (Self, Option<Diagnostic>) {
        let file = dir.join(NAMES_FILE);
        if !file.exists() {
            return (Self::shipped().clone(), None);
        }
        let warning = |position: Option<Position>, message: String| Diagnostic {
            severity: Severity::Warning,
            file: file.clone(),
            position,
            item: None,
            message: format!("{message}; the map shows its built-in names"),
        };
        match read_names(dir, verified) {
            Ok(source) => match Self::parse(&source) {
                Ok(names) => (names, None),
                Err(err) => {
                    let position = Position {
                        line: err.span.start.line,
                        column: err.span.start.col,
                    };
                    let diagnostic = warning(Some(position), err.code.to_string());
                    (Self::shipped().clone(), Some(diagnostic))
                }
            },
            Err(message) => (Self::shipped().clone(), Some(warning(None, message))),
        }
    }

    /// Whether `iso` is the story's country.
    pub fn is_home(&self, iso: &str) -> bool {
        self.home == iso
    }
}

/// The text of the names file in `dir`: inside the folder, a regular file (checked before
/// opening, and opened without blocking, so a FIFO cannot block), at most [`MAX_NAMES_BYTES`], and for signed content
/// the bytes its manifest lists.
fn read_names(dir: &Path, verified: Option<&VerifiedFiles>) -> Result<String, String> {
    let real = resolve_asset_path(dir, NAMES_FILE).map_err(|err| err.to_string())?;
    let bytes = read_regular(&real, MAX_NAMES_BYTES).map_err(|err| err.to_string())?;
    if let Some(verified) = verified
        && verified.expected(&real) != Some(&sha256(&bytes))
    {
        return Err("the file is not the one the content's signature covers".to_owned());
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())
}

/// `text` in `lang_code`, else in English.
pub fn in_language<'a>(text: &'a Text, lang_code: &str) -> &'a str {
    text.resolve(lang_code, FALLBACK_LANG_CODE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> MapNames {
        MapNames::parse(SHIPPED_NAMES).expect("the shipped names parse")
    }

    #[test]
    fn the_shipped_names_parse_and_name_the_story_s_country() {
        let names = shipped();
        assert_eq!(names.home, "LTU", "Lithuania is home");
        assert!(
            names.countries.iter().any(|c| names.is_home(&c.iso)),
            "the story's country is named"
        );
        assert_eq!(names.countries.len(), 18, "18 country names");
        assert_eq!(names.seas.len(), 2, "two seas");
    }

    #[test]
    fn every_shipped_content_language_has_every_name() {
        let content = crate::content::parse_content(
            include_str!("../../content.ron"),
            std::path::Path::new("content.ron"),
        )
        .expect("the shipped content parses");
        let names = shipped();
        let texts = names
            .countries
            .iter()
            .map(|c| &c.names)
            .chain(names.seas.iter().map(|s| &s.names))
            .chain([&names.credit]);
        for text in texts {
            for language in &content.languages {
                assert!(
                    text.exact(&language.code).is_some(),
                    "{text:?} lacks {}",
                    language.code
                );
            }
        }
    }

    /// A content folder whose `assets/map/names.ron` holds `source`.
    fn folder_with(source: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join(NAMES_FILE);
        std::fs::create_dir_all(file.parent().expect("a parent")).expect("mkdir");
        std::fs::write(file, source).expect("write");
        dir
    }

    #[test]
    fn a_folder_without_names_uses_the_shipped_ones_quietly() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (names, warning) = MapNames::resolve(dir.path(), None);
        assert_eq!(&names, MapNames::shipped(), "the shipped names");
        assert!(warning.is_none(), "no warning: {warning:?}");
    }

    #[test]
    fn staff_add_a_language_by_editing_the_names_file() {
        let source = SHIPPED_NAMES.replace(
            r#""en": "Lithuania", "lt": "Lietuva""#,
            r#""en": "Lithuania", "lt": "Lietuva", "pl": "Litwa""#,
        );
        let dir = folder_with(&source);
        let (names, warning) = MapNames::resolve(dir.path(), None);
        assert!(warning.is_none(), "no warning: {warning:?}");
        let lithuania = names.countries.first().expect("a country");
        assert_eq!(
            in_language(&lithuania.names, "pl"),
            "Litwa",
            "the new language"
        );
    }

    #[test]
    fn a_broken_names_file_keeps_the_shipped_names_and_says_where() {
        let dir = folder_with("(\n    home: \"LTU\",\n    countries: [oops],\n)");
        let (names, warning) = MapNames::resolve(dir.path(), None);
        assert_eq!(&names, MapNames::shipped(), "the shipped names stay");
        let warning = warning.expect("a warning");
        assert_eq!(
            warning.severity,
            Severity::Warning,
            "a warning, not an error"
        );
        assert_eq!(warning.position.map(|p| p.line), Some(3), "{warning}");
        assert!(
            warning.to_string().contains("built-in names"),
            "says what the map shows: {warning}"
        );
    }

    #[test]
    fn a_folder_or_an_oversized_file_at_the_names_path_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join(NAMES_FILE)).expect("a folder there");
        let (names, warning) = MapNames::resolve(dir.path(), None);
        assert_eq!(&names, MapNames::shipped(), "the shipped names");
        assert!(
            warning
                .expect("a warning")
                .message
                .contains("not a regular file"),
            "a folder is refused"
        );
        let big = format!("{SHIPPED_NAMES}{}", " ".repeat(300 * 1024));
        let dir = folder_with(&big);
        let (_, warning) = MapNames::resolve(dir.path(), None);
        assert!(
            warning.expect("a warning").message.contains("more than"),
            "an oversized file is refused"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_names_path_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join(NAMES_FILE);
        std::fs::create_dir_all(file.parent().expect("a parent")).expect("mkdir");
        let made = std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo made the FIFO");
        let (names, warning) = MapNames::resolve(dir.path(), None);
        assert_eq!(&names, MapNames::shipped(), "the shipped names");
        assert!(warning.is_some(), "a FIFO is refused with a warning");
    }

    #[test]
    fn signed_content_uses_only_the_names_its_manifest_lists() {
        let dir = folder_with(SHIPPED_NAMES);
        let root = dir.path().canonicalize().expect("real path");
        let listed = |bytes: &[u8]| {
            VerifiedFiles::new(
                root.clone(),
                std::collections::BTreeMap::from([(NAMES_FILE.to_owned(), sha256(bytes))]),
            )
        };
        let (_, warning) = MapNames::resolve(dir.path(), Some(&listed(SHIPPED_NAMES.as_bytes())));
        assert!(warning.is_none(), "the listed file is used: {warning:?}");
        let (_, warning) = MapNames::resolve(dir.path(), Some(&listed(b"other bytes")));
        assert!(
            warning.expect("a warning").message.contains("signature"),
            "a file the manifest does not list is refused"
        );
    }

    #[test]
    fn a_missing_language_falls_back_to_english() {
        let names = shipped();
        let lithuania = names.countries.first().expect("a country");
        assert_eq!(in_language(&lithuania.names, "lt"), "Lietuva", "lt");
        assert_eq!(in_language(&lithuania.names, "en"), "Lithuania", "en");
        assert_eq!(
            in_language(&lithuania.names, "de"),
            "Lithuania",
            "de falls back"
        );
        assert_eq!(
            in_language(&names.credit, "pl"),
            "Map data: Natural Earth · Place coordinates: GeoNames (CC BY 4.0)",
            "the credit falls back"
        );
    }
}
