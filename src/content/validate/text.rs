//! Checks of languages and texts: declared codes, the default language, translations.

use std::collections::HashSet;

use super::{FieldPath, Kind, Need, Validator};
use crate::content::limits::{self, quoted_list, shorten};
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
            self.languages_ok = false;
            return;
        }
        let count = self.count(
            &root,
            content.languages.len(),
            limits::MAX_LANGUAGES,
            "languages",
        );
        let mut codes_ok = count == content.languages.len();
        let mut seen = HashSet::new();
        for (i, lang) in content.languages.iter().enumerate().take(count) {
            let path = root.index(i);
            if !is_lang_code(&lang.code) {
                codes_ok = false;
                self.error(
                    path.field("code"),
                    format!(
                        "\"{}\" is not a language code; write 2 to 8 lower-case letters, such as \"en\" or \"lt\"",
                        shorten(&lang.code)
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
            let chars = lang.name.chars().count();
            if chars > limits::MAX_SHORT_TEXT_CHARS {
                self.error(
                    path.field("name"),
                    format!(
                        "this language name is {chars} characters long; a name may have at most \
                         {} (see docs/limits.md)",
                        limits::MAX_SHORT_TEXT_CHARS
                    ),
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
        // A wrong code would make every text repeat the mistake: texts are checked against
        // the languages once the codes are right.
        self.languages_ok = codes_ok;
    }

    /// Checks one text: not longer than its kind allows, declared languages, complete in
    /// the default language, one warning for missing translations.
    pub(super) fn text(&mut self, path: &FieldPath, text: &Text, need: Need, kind: Kind) {
        self.text_length(path, text, kind);
        if text.is_empty() {
            if need == Need::Required {
                let default = shorten(&self.default_lang).into_owned();
                self.error(
                    path.clone(),
                    format!(
                        "this text is empty; write it at least in the default language, such as {{\"{default}\": \"…\"}}"
                    ),
                );
            }
            return;
        }
        if !self.languages_ok {
            return;
        }
        let undeclared: Vec<&str> = text
            .lang_codes()
            .filter(|code| !self.lang_codes.iter().any(|declared| declared == code))
            .collect();
        if !undeclared.is_empty() {
            let declared = quoted_list(self.lang_codes.iter().map(String::as_str), "none");
            let (them, are, it, code) = if undeclared.len() == 1 {
                ("the language", "is", "it", "code")
            } else {
                ("the languages", "are", "them", "codes")
            };
            let codes = quoted_list(undeclared, "");
            self.error(
                path.clone(),
                format!(
                    "{them} {codes} {are} not declared in languages (declared: {declared}); add {it} there or fix the {code}"
                ),
            );
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
        let missing: Vec<&str> = self
            .lang_codes
            .iter()
            .filter(|code| **code != self.default_lang && text.exact(code).is_none())
            .map(String::as_str)
            .collect();
        let message = match missing.as_slice() {
            [] => None,
            [code] => Some(format!(
                "no \"{code}\" translation; visitors who chose \"{code}\" see the default language here"
            )),
            codes => Some(format!(
                "no {} translations; visitors who chose them see the default language here",
                quoted_list(codes.iter().copied(), "")
            )),
        };
        if let Some(message) = message {
            self.warning(path.clone(), message);
        }
    }

    /// One error when a language version of `text` is longer than `kind` allows.
    fn text_length(&mut self, path: &FieldPath, text: &Text, kind: Kind) {
        let max = kind.max_chars();
        let chars = text
            .texts()
            .map(|written| written.chars().count())
            .max()
            .unwrap_or(0);
        let longest = &mut self.longest[kind as usize];
        *longest = (*longest).max(chars);
        if chars > max {
            self.error(
                path.clone(),
                format!(
                    "this text is {chars} characters long; a {} may have at most {max} \
                     (see docs/limits.md): shorten it or split it",
                    kind.name()
                ),
            );
        }
    }

    pub(super) fn story(&mut self) {
        let root = FieldPath::default().field("story");
        let story = &self.content.story;
        self.text(
            &root.field("eyebrow"),
            &story.eyebrow,
            Need::Optional,
            Kind::Short,
        );
        self.text(
            &root.field("title"),
            &story.title,
            Need::Required,
            Kind::Short,
        );
        self.text(
            &root.field("intro"),
            &story.intro,
            Need::Optional,
            Kind::Caption,
        );
        let credits = root.field("credits");
        let count = self.count(
            &credits,
            story.credits.len(),
            limits::MAX_CREDITS,
            "credit lines",
        );
        for (i, credit) in story.credits.iter().enumerate().take(count) {
            self.text(&credits.index(i), credit, Need::Required, Kind::Caption);
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
            ("picture_of", &labels.picture_of),
            ("credits", &labels.credits),
            ("credits_pictures", &labels.credits_pictures),
            ("credits_map", &labels.credits_map),
            ("credits_fonts", &labels.credits_fonts),
            ("take_it_with_you", &labels.take_it_with_you),
        ];
        for (name, text) in all {
            // Built-in labels are written in en and lt only; other languages fall back.
            self.text(&root.field(name), text, Need::Required, Kind::Short);
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
    fn undeclared_languages_of_one_text_are_one_error() {
        let found = problems(|c| {
            c.story.title =
                Text::from_pairs([("en", "Story"), ("lt", "I"), ("de", "X"), ("fr", "Y")]);
        });
        let about_languages: Vec<_> = found
            .iter()
            .filter(|p| p.message.contains("not declared"))
            .collect();
        assert_eq!(about_languages.len(), 1, "{found:?}");
        assert!(
            about_languages[0]
                .message
                .starts_with("the languages \"de\", \"fr\" are not declared"),
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
