//! What a validation problem is: its severity, message and the item it concerns.

use std::fmt;

/// One step of a path to an item of the content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A named field (`.title`).
    Field(String),
    /// A list element by its position, counting from 0 (shown from 1).
    Index(usize),
    /// A list element by its `id` (`[energy]`).
    Id(String),
}

/// Where an item stands in the content file, such as `sections[energy].figures[2].value`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<PathSegment>);

impl FieldPath {
    /// This path with one more field.
    #[must_use]
    pub fn field(&self, name: &str) -> Self {
        self.with(PathSegment::Field(name.to_owned()))
    }

    /// This path with one more list index (from 0).
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        self.with(PathSegment::Index(index))
    }

    /// This path with one more list element named by id.
    #[must_use]
    pub fn id(&self, id: &str) -> Self {
        self.with(PathSegment::Id(id.to_owned()))
    }

    fn with(&self, segment: PathSegment) -> Self {
        let mut segments = self.0.clone();
        segments.push(segment);
        Self(segments)
    }

    /// A list element: by id when it has a usable one, else by position.
    /// An id over the length limit is not copied into every path below it.
    pub(super) fn item(&self, index: usize, id: &str) -> Self {
        if id.is_empty() || id.len() > crate::content::limits::MAX_ID_CHARS {
            self.index(index)
        } else {
            self.id(id)
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                PathSegment::Field(name) if i == 0 => write!(f, "{name}")?,
                PathSegment::Field(name) => write!(f, ".{name}")?,
                PathSegment::Index(index) => write!(f, "[{}]", index + 1)?,
                // Ids come from the file: a long one is shortened (it is reported on its own).
                PathSegment::Id(id) => write!(f, "[{}]", crate::content::limits::shorten(id))?,
            }
        }
        Ok(())
    }
}

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The content still works (for example a missing translation, which falls back).
    Warning,
    /// The content cannot be shown as written.
    Error,
}

/// One problem found in the content, with the item it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The item concerned.
    pub path: FieldPath,
    /// What is wrong and what to write instead.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_path_reads_as_written_with_positions_counted_from_one() {
        let path = FieldPath::default()
            .field("sections")
            .id("energy")
            .field("figures")
            .index(1)
            .field("value");
        assert_eq!(
            path.to_string(),
            "sections[energy].figures[2].value",
            "ids in brackets, positions from 1"
        );
    }

    #[test]
    fn an_item_without_an_id_is_named_by_its_position() {
        let root = FieldPath::default().field("layers");
        assert_eq!(root.item(0, "").to_string(), "layers[1]", "no id");
        assert_eq!(root.item(0, "gas").to_string(), "layers[gas]", "an id");
        let long = "g".repeat(100_000);
        assert_eq!(
            root.item(2, &long).to_string(),
            "layers[3]",
            "an overlong id"
        );
    }

    #[test]
    fn errors_sort_after_warnings() {
        assert!(
            Severity::Error > Severity::Warning,
            "errors are more serious"
        );
    }
}
