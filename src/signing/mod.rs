//! Signed content: `content.manifest` (the `sha256sum` list of the content folder's files)
//! signed with a standard minisign key as `content.manifest.minisig`.
//!
//! With trusted keys, content is applied only when the signature verifies with one of them,
//! every listed hash matches, and every file the content names is listed; the verified
//! hashes travel with the content so pictures are checked again when decoded.

mod load;
pub mod manifest;
pub mod sign;
pub mod trust;

pub use load::{MAX_CONTENT_BYTES, load_content_trusted, verified_files};
pub use manifest::{MANIFEST_FILE, SIGNATURE_FILE};
pub use trust::{SignatureProblem, Trust, TrustError, key_id};

#[cfg(test)]
mod tests;
