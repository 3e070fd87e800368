//! The content model (`content.ron`), its loading and validation.
//!
//! Everything here except `load` and the file checks in `paths` is pure.

pub mod credits;
pub mod dated;
mod encoding;
mod figures;
pub mod hours;
pub mod limits;
pub mod links;
mod load;
mod locate;
pub mod map_names;
mod model;
mod paths;
pub mod pin;
pub mod provenance;
pub mod reach;
pub mod read;
mod resolved;
mod text;
mod validate;

pub use figures::{FigureNumber, FigureNumbers};
pub use load::{
    Diagnostic, LoadError, LoadedContent, check_content, content_dir, content_text, load_content,
    parse_content, place_problems, ron_error,
};
pub use locate::{Position, SourceMap};
pub use map_names::MapNames;
pub use model::*;
pub use paths::{AssetPathError, check_relative_path, resolve_asset_path};
pub use provenance::{Provenance, VerifiedFiles};
pub use resolved::ResolvedAssets;
pub use text::Text;
pub use validate::{
    FieldPath, PathSegment, Problem, Severity, ended_by, parse_hex_colour, validate,
};
