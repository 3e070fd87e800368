//! Country, sea and credit names per language, from the compiled-in `assets/map/names.ron`.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::content::Text;

/// The shipped names, compiled in.
pub const SHIPPED_NAMES: &str = include_str!("../../assets/map/names.ron");

/// The language shown where a name lacks the visitor's.
const FALLBACK_LANG_CODE: &str = "en";

/// The map's own names.
#[derive(Clone, Debug, Default, Deserialize)]
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
#[derive(Clone, Debug, Deserialize)]
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
#[derive(Clone, Debug, Deserialize)]
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

    /// Whether `iso` is the story's country.
    pub fn is_home(&self, iso: &str) -> bool {
        self.home == iso
    }
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
