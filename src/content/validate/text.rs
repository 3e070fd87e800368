//! Checks of languages and texts: declared codes, the default language, translations.

use std::collections::HashSet;

use super::{FieldPath, Need, Validator};
use crate::content::text::Text;

impl Validator<'_> {
    pub(super) fn languages(&mut self) {
        let root = FieldPath::default().field("languages");
        let content = self.content;
        if content.languages.is_empty() {
            self.error(
                root,
                "no language is declared; add one, such as (code: \"en\", name: \"English\", default: true)",
            );
            return;
        }
        let mut seen = HashSet::new();
        for (i, lang) in content.languages.iter().enumerate() {
            let path = root.index(i);
            if !is_lang_code(&lang.code) {
                self.error(
                    path.field("code"),
                    format!(
                        "\"{}\" is not a language code; write 2 to 8 lower-case letters, such as \"en\" or \"lt\"",
                        lang.code
                    ),
                );
            } else if !seen.insert(lang.code.as_str()) {
                self.error(
                    path.field("code"),
                    format!("the language \"{}\" is declared twice; keep one", lang.code),
                );
            }
            if lang.name.trim().is_empty() {
                self.error(
                    path.field("name"),
                    "the language has no name; write its own name, such as \"Lietuvių\"",
                );
            }
        }
        let defaults = content.languages.iter().filter(|lang| lang.default).count();
        if defaults != 1 {
            self.error(
                root,
                format!(
                    "{defaults} languages are marked default; mark exactly one with default: true"
                ),
            );
        }
    }

    /// Checks one text: declared languages, complete in the default language,
    /// warnings for other missing translations.
    pub(super) fn text(&mut self, path: &FieldPath, text: &Text, need: Need) {
        for code in text.lang_codes() {
            if !self.lang_codes.iter().any(|declared| declared == code) {
                let declared = self.lang_codes.join(", ");
                self.error(
                    path.clone(),
                    format!(
                        "the language \"{code}\" is not declared in languages (declared: {declared}); add it there or fix the code"
                    ),
                );
            }
        }
        if text.is_empty() {
            if need == Need::Required {
                let default = &self.default_lang;
                self.error(
                    path.clone(),
                    format!(
                        "this text is empty; write it at least in the default language, such as {{\"{default}\": \"…\"}}"
                    ),
                );
            }
            return;
        }
        if text.exact(&self.default_lang).is_none() {
            let default = self.default_lang.clone();
            self.error(
                path.clone(),
                format!(
                    "the text has no \"{default}\" version, the default language; add \"{default}\": \"…\""
                ),
            );
        }
        let missing: Vec<String> = self
            .lang_codes
            .iter()
            .filter(|code| **code != self.default_lang && text.exact(code).is_none())
            .cloned()
            .collect();
        for code in missing {
            self.warning(
                path.clone(),
                format!(
                    "no \"{code}\" translation; visitors who chose \"{code}\" see the default language here"
                ),
            );
        }
    }

    pub(super) fn story(&mut self) {
        let root = FieldPath::default().field("story");
        let story = &self.content.story;
        self.text(&root.field("eyebrow"), &story.eyebrow, Need::Optional);
        self.text(&root.field("title"), &story.title, Need::Required);
        self.text(&root.field("intro"), &story.intro, Need::Optional);
        for (i, credit) in story.credits.iter().enumerate() {
            self.text(&root.field("credits").index(i), credit, Need::Required);
        }
    }

    pub(super) fn labels(&mut self) {
        let root = FieldPath::default().field("labels");
        let labels = &self.content.labels;
        let all = [
            ("home", &labels.home),
            ("back", &labels.back),
            ("previous", &labels.previous),
            ("next", &labels.next),
            ("show_on_map", &labels.show_on_map),
            ("explore_map", &labels.explore_map),
            ("map_layers", &labels.map_layers),
            ("reset_view", &labels.reset_view),
            ("zoom_in", &labels.zoom_in),
            ("zoom_out", &labels.zoom_out),
            ("read_the_story", &labels.read_the_story),
            ("close", &labels.close),
            ("still_there", &labels.still_there),
            ("touch_to_continue", &labels.touch_to_continue),
            ("continue_", &labels.continue_),
            ("accessibility", &labels.accessibility),
            ("language", &labels.language),
            ("touch_to_explore", &labels.touch_to_explore),
            ("read_aloud", &labels.read_aloud),
            ("pause", &labels.pause),
            ("larger_text", &labels.larger_text),
            ("high_contrast", &labels.high_contrast),
            ("speech_unavailable", &labels.speech_unavailable),
            ("no_voice", &labels.no_voice),
            ("read_aloud_hint", &labels.read_aloud_hint),
            ("previous_paragraph", &labels.previous_paragraph),
            ("next_paragraph", &labels.next_paragraph),
        ];
        for (name, text) in all {
            // Built-in labels are written in en and lt only; other languages fall back.
            self.text(&root.field(name), text, Need::Required);
        }
    }
}

fn is_lang_code(code: &str) -> bool {
    (2..=8).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, problems};
    use super::*;
    use crate::content::Severity;

    #[test]
    fn content_without_languages_is_an_error() {
        let found = problems(|c| c.languages.clear());
        assert!(
            has(
                &found,
                Severity::Error,
                "languages",
                "no language is declared"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn exactly_one_language_is_the_default() {
        let found = problems(|c| c.languages[1].default = true);
        assert!(
            has(
                &found,
                Severity::Error,
                "languages",
                "2 languages are marked default"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_badly_written_or_repeated_language_code_is_an_error() {
        let found = problems(|c| c.languages[1].code = "Lithuanian".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "languages[2].code",
                "is not a language code"
            ),
            "{found:?}"
        );
        let found = problems(|c| c.languages[1].code = "en".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "languages[2].code",
                "declared twice"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_text_in_an_undeclared_language_is_an_error() {
        let found = problems(|c| {
            c.story.title = Text::from_pairs([("en", "Story"), ("lt", "Istorija"), ("de", "X")]);
        });
        assert!(
            has(
                &found,
                Severity::Error,
                "story.title",
                "\"de\" is not declared"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_text_without_the_default_language_is_an_error() {
        let found = problems(|c| c.story.title = Text::from_pairs([("lt", "Istorija")]));
        assert!(
            has(&found, Severity::Error, "story.title", "no \"en\" version"),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_translation_is_only_a_warning() {
        let found = problems(|c| c.story.title = Text::from_pairs([("en", "Story")]));
        assert!(
            has(
                &found,
                Severity::Warning,
                "story.title",
                "no \"lt\" translation"
            ),
            "{found:?}"
        );
        assert!(
            found.iter().all(|p| p.severity == Severity::Warning),
            "nothing else: {found:?}"
        );
    }

    #[test]
    fn an_empty_label_is_an_error() {
        let found = problems(|c| c.labels.home = Text::default());
        assert!(
            has(&found, Severity::Error, "labels.home", "this text is empty"),
            "{found:?}"
        );
    }
}
