//! Text given per language, with fallback to the default language.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A visible text, given per language code (`{"en": "Energy", "lt": "Energetika"}`).
///
/// A plain string (`"508"`) means the same text in every language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(BTreeMap<String, String>);

/// The key used when a plain string stands for every language.
const ALL_LANGUAGES: &str = "*";

impl Text {
    /// The same text in every language.
    pub fn same(text: impl Into<String>) -> Self {
        Self(BTreeMap::from([(ALL_LANGUAGES.to_owned(), text.into())]))
    }

    /// A text with one entry per `(lang_code, text)` pair.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self(
            pairs
                .into_iter()
                .map(|(code, text)| (code.to_owned(), text.to_owned()))
                .collect(),
        )
    }

    /// The text in `lang_code`, else in `default_lang_code`, else any text there is.
    ///
    /// Returns `""` only for an empty `Text`, which validation reports.
    pub fn resolve<'a>(&'a self, lang_code: &str, default_lang_code: &str) -> &'a str {
        self.exact(lang_code)
            .or_else(|| self.exact(default_lang_code))
            .or_else(|| self.0.values().next().map(String::as_str))
            .unwrap_or("")
    }

    /// The text written for `lang_code` (or for every language), without fallback.
    pub fn exact(&self, lang_code: &str) -> Option<&str> {
        self.0
            .get(lang_code)
            .or_else(|| self.0.get(ALL_LANGUAGES))
            .map(String::as_str)
            .filter(|text| !text.trim().is_empty())
    }

    /// Whether the text is the same in every language (written as a plain string).
    pub fn is_language_neutral(&self) -> bool {
        self.0.contains_key(ALL_LANGUAGES)
    }

    /// The language codes this text is written in (not `*`).
    pub fn lang_codes(&self) -> impl Iterator<Item = &str> {
        self.0
            .keys()
            .map(String::as_str)
            .filter(|code| *code != ALL_LANGUAGES)
    }

    /// Each language code (`*` for every language) with its text, as written.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(code, text)| (code.as_str(), text.as_str()))
    }

    /// Every text as written, in each language (and the one for every language).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }

    /// True when no language has any text.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|text| text.trim().is_empty())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a text, either "same in every language" or {"en": "English text", "lt": "Lietuviškas tekstas"}"#)
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::same(text))
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Text, M::Error> {
                let mut texts = BTreeMap::new();
                while let Some((code, text)) = map.next_entry::<String, String>()? {
                    if texts.insert(code.clone(), text).is_some() {
                        return Err(de::Error::custom(format!(
                            "the language \"{code}\" is given twice in one text; keep one"
                        )));
                    }
                }
                Ok(Text(texts))
            }
        }

        deserializer.deserialize_any(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_translation_falls_back_to_the_default_language() {
        let text = Text::from_pairs([("en", "Energy")]);
        assert_eq!(text.resolve("lt", "en"), "Energy", "falls back to en");
        assert_eq!(text.exact("lt"), None, "no exact lt text");
    }

    #[test]
    fn the_current_language_wins_over_the_default() {
        let text = Text::from_pairs([("en", "Energy"), ("lt", "Energetika")]);
        assert_eq!(text.resolve("lt", "en"), "Energetika", "lt chosen");
        assert_eq!(text.resolve("en", "en"), "Energy", "en chosen");
    }

    #[test]
    fn a_plain_string_is_the_same_in_every_language() {
        let text: Text = ron::from_str(r#""508""#).unwrap();
        assert_eq!(text.resolve("lt", "en"), "508", "lt");
        assert_eq!(text.exact("uk"), Some("508"), "any language");
        assert!(text.is_language_neutral(), "neutral");
    }

    #[test]
    fn a_blank_translation_counts_as_missing() {
        let text: Text = ron::from_str(r#"{"en": "Home", "lt": "  "}"#).unwrap();
        assert_eq!(text.resolve("lt", "en"), "Home", "blank lt falls back");
    }

    #[test]
    fn a_language_given_twice_is_an_error() {
        let err = ron::from_str::<Text>(r#"{"en": "A", "en": "B"}"#).unwrap_err();
        assert!(err.to_string().contains("given twice"), "{err}");
    }
}
