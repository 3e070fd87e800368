//! Checks of ids and references: unique, well-formed ids and references that name
//! an existing section, map preset or layer.

use std::collections::HashSet;

use super::{FieldPath, Validator};

impl Validator<'_> {
    pub(super) fn unique_ids<'b>(
        &mut self,
        root: &FieldPath,
        ids: impl Iterator<Item = &'b str>,
        what: &str,
    ) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !is_id(id) {
                self.error(
                    root.index(i).field("id"),
                    format!(
                        "\"{id}\" is not a usable {what} id; use lower-case letters, digits, - and _, such as \"energy\""
                    ),
                );
            } else if !seen.insert(id) {
                self.error(
                    root.index(i).field("id"),
                    format!("the {what} id \"{id}\" is used twice; give each {what} its own id"),
                );
            }
        }
    }

    pub(super) fn section_ref(&mut self, path: &FieldPath, id: &str) {
        if self.content.section(id).is_none() {
            let known = join_ids(self.content.sections.iter().map(|s| s.id.as_str()));
            self.error(
                path.clone(),
                format!("there is no section \"{id}\"; write one of: {known}"),
            );
        }
    }

    pub(super) fn preset_ref(&mut self, path: &FieldPath, id: &str) {
        let presets = &self.content.map.presets;
        if !presets.iter().any(|p| p.id == id) {
            let known = join_ids(presets.iter().map(|p| p.id.as_str()));
            self.error(
                path.clone(),
                format!("there is no map preset \"{id}\"; write one of: {known}"),
            );
        }
    }

    pub(super) fn layer_ref(&mut self, path: &FieldPath, id: &str) {
        let layers = &self.content.map.layers;
        if !layers.iter().any(|l| l.id == id) {
            let known = join_ids(layers.iter().map(|l| l.id.as_str()));
            self.error(
                path.clone(),
                format!("there is no map layer \"{id}\"; write one of: {known}"),
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

fn join_ids<'b>(ids: impl Iterator<Item = &'b str>) -> String {
    let ids: Vec<String> = ids.map(|id| format!("\"{id}\"")).collect();
    if ids.is_empty() {
        "(none defined yet)".to_owned()
    } else {
        ids.join(", ")
    }
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
    }
}
