//! Checks of ids and references: unique, well-formed ids and references that name
//! an existing section, map preset or layer.

use std::collections::HashSet;

use super::{FieldPath, Validator};
use crate::content::limits::{self, quoted_list, shorten};

impl Validator<'_> {
    /// The ids of every kind of item, checked before anything refers to them.
    pub(super) fn ids(&mut self) {
        let content = self.content;
        let map = &content.map;
        let root = FieldPath::default();
        self.unique_ids(
            &root.field("sections"),
            content.sections.iter().map(|s| s.id.as_str()),
            "section",
            limits::MAX_SECTIONS,
        );
        let map_root = root.field("map");
        self.unique_ids(
            &map_root.field("layers"),
            map.layers.iter().map(|l| l.id.as_str()),
            "layer",
            limits::MAX_LAYERS,
        );
        self.unique_ids(
            &map_root.field("places"),
            map.places.iter().map(|p| p.id.as_str()),
            "place",
            limits::MAX_PLACES,
        );
        self.unique_ids(
            &map_root.field("routes"),
            map.routes.iter().map(|r| r.id.as_str()),
            "route",
            limits::MAX_ROUTES,
        );
        self.unique_ids(
            &map_root.field("presets"),
            map.presets.iter().map(|p| p.id.as_str()),
            "preset",
            limits::MAX_PRESETS,
        );
    }

    fn unique_ids<'b>(
        &mut self,
        root: &FieldPath,
        ids: impl Iterator<Item = &'b str>,
        what: &'static str,
        max: usize,
    ) {
        let mut seen = HashSet::new();
        // Items past their count limit are reported once, at the list.
        for (i, id) in ids.enumerate().take(max) {
            let chars = id.chars().count();
            if chars > limits::MAX_ID_CHARS {
                self.error(
                    root.index(i).field("id"),
                    format!(
                        "this {what} id is {chars} characters long; ids may have at most {} \
                         (see docs/limits.md), such as \"energy\"",
                        limits::MAX_ID_CHARS
                    ),
                );
            } else if !is_id(id) {
                self.error(
                    root.index(i).field("id"),
                    format!(
                        "\"{}\" is not a usable {what} id; use lower-case letters, digits, - and _, such as \"energy\"",
                        shorten(id)
                    ),
                );
            } else if !seen.insert(id) {
                // Reported once; references to the id it replaced are not reported again.
                self.duplicated.insert(what);
                self.error(
                    root.index(i).field("id"),
                    format!("the {what} id \"{id}\" is used twice; give each {what} its own id"),
                );
            }
        }
    }

    pub(super) fn section_ref(&mut self, path: &FieldPath, id: &str) {
        if !self.ids.sections.contains(id) && !self.duplicated.contains("section") {
            let known = join_ids(self.content.sections.iter().map(|s| s.id.as_str()));
            self.error(
                path.clone(),
                format!(
                    "there is no section \"{}\"; write one of: {known}",
                    shorten(id)
                ),
            );
        }
    }

    pub(super) fn preset_ref(&mut self, path: &FieldPath, id: &str) {
        if !self.ids.presets.contains(id) && !self.duplicated.contains("preset") {
            let known = join_ids(self.content.map.presets.iter().map(|p| p.id.as_str()));
            self.error(
                path.clone(),
                format!(
                    "there is no map preset \"{}\"; write one of: {known}",
                    shorten(id)
                ),
            );
        }
    }

    pub(super) fn layer_ref(&mut self, path: &FieldPath, id: &str) {
        if !self.ids.layers.contains(id) && !self.duplicated.contains("layer") {
            let known = join_ids(self.content.map.layers.iter().map(|l| l.id.as_str()));
            self.error(
                path.clone(),
                format!(
                    "there is no map layer \"{}\"; write one of: {known}",
                    shorten(id)
                ),
            );
        }
    }

    pub(super) fn place_ref(&mut self, path: &FieldPath, id: &str) {
        if !self.ids.places.contains(id) && !self.duplicated.contains("place") {
            self.error(
                path.clone(),
                format!(
                    "there is no place \"{}\"; add it under map.places or write a coordinate such as At(54.689, 25.280)",
                    shorten(id)
                ),
            );
        }
    }
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// The ids staff may write, each once, the first few of them.
fn join_ids<'b>(ids: impl Iterator<Item = &'b str>) -> String {
    let mut seen = HashSet::new();
    quoted_list(ids.filter(|id| seen.insert(*id)), "(none defined yet)")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, problems};
    use super::*;
    use crate::content::Severity;

    #[test]
    fn a_duplicate_section_id_is_an_error() {
        let found = problems(|c| {
            let copy = c.sections[0].clone();
            c.sections.push(copy);
        });
        assert!(
            has(&found, Severity::Error, "sections[2].id", "is used twice"),
            "{found:?}"
        );
    }

    #[test]
    fn an_id_with_capitals_or_spaces_is_an_error() {
        let found = problems(|c| c.map.layers[0].id = "Gas pipes".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "map.layers[1].id",
                "is not a usable layer id"
            ),
            "{found:?}"
        );
        assert!(is_id("gas-2_x"), "letters, digits, - and _");
        assert!(!is_id(""), "empty");
    }

    #[test]
    fn a_reference_to_an_unknown_preset_lists_the_known_ones() {
        let found = problems(|c| c.sections[0].map_preset = Some("energi".to_owned()));
        assert!(
            has(
                &found,
                Severity::Error,
                "sections[energy].map_preset",
                "there is no map preset \"energi\"; write one of: \"energy\""
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_reference_when_none_are_defined_says_so() {
        assert_eq!(join_ids(std::iter::empty()), "(none defined yet)", "none");
        assert_eq!(join_ids(["a", "b"].into_iter()), "\"a\", \"b\"", "two");
        assert_eq!(join_ids(["a", "a"].into_iter()), "\"a\"", "each once");
    }
}
