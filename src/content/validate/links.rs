//! Checks of sections' links ("Take it with you" QR codes): how many, their labels, and
//! that each address is an `https://` page a phone can open (see [`crate::content::links`]).

use super::{FieldPath, Kind, Need, Validator};
use crate::content::Text;
use crate::content::limits;
use crate::content::links::check_url;

impl Validator<'_> {
    /// Every section's links (the sections within their own count limit).
    pub(super) fn links(&mut self) {
        let root = FieldPath::default().field("sections");
        let content = self.content;
        for (i, section) in content
            .sections
            .iter()
            .enumerate()
            .take(limits::MAX_SECTIONS)
        {
            let path = root.item(i, &section.id).field("links");
            let count = self.count(
                &path,
                section.links.len(),
                limits::MAX_SECTION_LINKS,
                "links",
            );
            for (j, link) in section.links.iter().enumerate().take(count) {
                let item = path.index(j);
                self.text(
                    &item.field("label"),
                    &link.label,
                    Need::Required,
                    Kind::Short,
                );
                self.link_url(&item.field("url"), &link.url);
            }
        }
    }
}

impl Validator<'_> {
    /// A link's address, or each of its addresses per language: an error for each bad one
    /// (naming its language when there are several), and one for no address at all.
    fn link_url(&mut self, path: &FieldPath, url: &Text) {
        if url.is_empty() {
            if let Err(problem) = check_url("") {
                self.error(path.clone(), problem.to_string());
            }
            return;
        }
        // Languages as any text's: declared ones, the default's there (another language's
        // missing address is a warning: that visitor's code leads to the default's page).
        self.text(path, url, Need::Optional, Kind::Caption);
        let per_language = !url.is_language_neutral();
        // Undeclared languages are one error above; their addresses add none, so the errors
        // stay as few as the languages however many keys a file holds.
        let declared = |code: &str| code == "*" || self.lang_codes.iter().any(|c| c == code);
        let addresses: Vec<(&str, &str)> = url.pairs().filter(|(code, _)| declared(code)).collect();
        for (code, address) in addresses {
            if let Err(problem) = check_url(address) {
                let message = if per_language {
                    format!("the \"{}\" address: {problem}", limits::shorten(code))
                } else {
                    problem.to_string()
                };
                self.error(path.clone(), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::tests::{SOURCE, has, problems};
    use crate::content::{Diagnostic, Link, Severity, Text, check_content, parse_content};

    /// The small valid content with `links` written into its section, checked as a file.
    fn diagnostics(links: &str) -> (String, Vec<Diagnostic>) {
        let anchor = "map_preset: \"energy\",";
        let source = SOURCE.replacen(anchor, &format!("{anchor}\n            {links}"), 1);
        let content = parse_content(&source, Path::new("content.ron")).expect("still parses");
        let found = match check_content(&content, &source, Path::new("content.ron"), &|_| Ok(())) {
            Ok(found) | Err(found) => found,
        };
        (source, found)
    }

    /// The error at `item`, which must be there.
    fn error_at<'a>(found: &'a [Diagnostic], item: &str) -> &'a Diagnostic {
        let error = found
            .iter()
            .find(|d| d.item.as_deref() == Some(item))
            .unwrap_or_else(|| panic!("{item} is reported: {found:?}"));
        assert_eq!(error.severity, Severity::Error, "an error: {error}");
        error
    }

    /// Line and column (from 1) where `words` first stand in `source`.
    fn position_of(source: &str, words: &str) -> (usize, usize) {
        let at = source.find(words).expect("the source has the words");
        let line = source[..at].lines().count();
        let start = source[..at].rfind('\n').map_or(0, |n| n + 1);
        (line, source[start..at].chars().count() + 1)
    }

    fn link(url: &str) -> Link {
        Link {
            label: Text::same("The ministry"),
            url: Text::same(url),
        }
    }

    #[test]
    fn good_links_have_no_problems() {
        let (_, found) = diagnostics(
            r#"links: [(label: {"en": "Ministry", "lt": "Ministerija"}, url: "https://www.urm.lt/en")],"#,
        );
        assert!(found.is_empty(), "no problems: {found:?}");
    }

    #[test]
    fn an_http_link_is_an_error_at_its_url() {
        let (source, found) = diagnostics(
            r#"links: [(label: {"en": "Ministry", "lt": "Ministerija"}, url: "http://urm.lt")],"#,
        );
        let error = error_at(&found, "sections[energy].links[1].url");
        assert!(error.message.contains("write https://"), "{error}");
        let (line, column) = position_of(&source, "\"http://urm.lt\"");
        let position = error.position.map(|p| (p.line, p.column));
        assert_eq!(position, Some((line, column)), "at the url: {error}");
    }

    #[test]
    fn another_scheme_is_an_error_at_its_url() {
        let (source, found) = diagnostics(
            r#"links: [(label: "Mail", url: "https://urm.lt"), (label: "Mail", url: "mailto:info@urm.lt")],"#,
        );
        let error = error_at(&found, "sections[energy].links[2].url");
        assert!(error.message.contains("\"mailto:\" is not one"), "{error}");
        let (line, column) = position_of(&source, "\"mailto:");
        let position = error.position.map(|p| (p.line, p.column));
        assert_eq!(position, Some((line, column)), "at the url: {error}");
    }

    #[test]
    fn an_address_per_language_is_checked_in_each() {
        let (_, found) = diagnostics(
            r#"links: [(label: "Ministry", url: {"en": "https://urm.lt/en", "lt": "https://urm.lt"})],"#,
        );
        assert!(found.is_empty(), "two good addresses: {found:?}");
        let (source, found) = diagnostics(
            r#"links: [(label: "Ministry", url: {"en": "https://urm.lt/en", "lt": "http://urm.lt"})],"#,
        );
        let error = error_at(&found, "sections[energy].links[1].url");
        assert!(
            error
                .message
                .starts_with("the \"lt\" address: this address starts with http://"),
            "{error}"
        );
        let position = error.position.map(|p| (p.line, p.column));
        let expected = position_of(&source, "{\"en\": \"https://urm.lt/en\"");
        assert_eq!(position, Some(expected), "at the url: {error}");
        assert_eq!(found.len(), 1, "the English one is fine: {found:?}");
    }

    #[test]
    fn an_address_in_an_undeclared_language_or_without_the_default_is_an_error() {
        let (_, found) = diagnostics(
            r#"links: [(label: "Ministry", url: {"lt": "https://urm.lt", "de": "https://urm.lt/de"})],"#,
        );
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        let (_, many) = diagnostics(&format!(
            r#"links: [(label: "Ministry", url: {{"en": "https://urm.lt", {}}})],"#,
            (0..500)
                .map(|n| format!(r#""x{n}": "http://urm.lt""#))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let errors = many
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        assert_eq!(
            errors, 1,
            "500 undeclared languages are one error, not one per address: {many:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("\"de\" is not declared")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("no \"en\" version")),
            "{messages:?}"
        );
    }

    #[test]
    fn an_overlong_url_is_an_error_at_its_url() {
        let url = format!("https://urm.lt/{}", "a".repeat(200));
        let (source, found) =
            diagnostics(&format!(r#"links: [(label: "Ministry", url: "{url}")],"#));
        let error = error_at(&found, "sections[energy].links[1].url");
        assert!(error.message.contains("at most 120"), "{error}");
        let position = error.position.map(|p| (p.line, p.column));
        let expected = position_of(&source, &format!("\"{url}\""));
        assert_eq!(position, Some(expected), "at the url: {error}");
    }

    #[test]
    fn an_empty_label_is_an_error_at_its_label() {
        let (source, found) = diagnostics(r#"links: [(label: "", url: "https://urm.lt")],"#);
        let error = error_at(&found, "sections[energy].links[1].label");
        assert!(error.message.contains("this text is empty"), "{error}");
        let position = error.position.map(|p| (p.line, p.column));
        let expected = position_of(&source, "\"\", url");
        assert_eq!(position, Some(expected), "at the label: {error}");
    }

    #[test]
    fn too_many_links_is_one_error_at_the_list() {
        let one = r#"(label: "Ministry", url: "https://urm.lt")"#;
        let list = vec![one; limits_links() + 1].join(", ");
        let (source, found) = diagnostics(&format!("links: [{list}],"));
        let error = error_at(&found, "sections[energy].links");
        assert!(error.message.contains("at most 3"), "{error}");
        let position = error.position.map(|p| (p.line, p.column));
        let expected = position_of(&source, "[(label: \"Ministry\"");
        assert_eq!(position, Some(expected), "at the list: {error}");
        assert_eq!(found.len(), 1, "one error only: {found:?}");
    }

    fn limits_links() -> usize {
        crate::content::limits::MAX_SECTION_LINKS
    }

    #[test]
    fn a_missing_translation_of_a_label_is_a_warning() {
        let found = problems(|c| {
            let mut link = link("https://urm.lt");
            link.label = Text::from_pairs([("en", "Ministry")]);
            c.sections[0].links = vec![link];
        });
        assert!(
            has(
                &found,
                Severity::Warning,
                "sections[energy].links[1].label",
                "no \"lt\" translation"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_link_to_a_user_at_another_host_is_an_error() {
        let found = problems(|c| c.sections[0].links = vec![link("https://urm.lt@evil.example")]);
        assert!(
            has(
                &found,
                Severity::Error,
                "sections[energy].links[1].url",
                "hides where it leads"
            ),
            "{found:?}"
        );
    }
}
