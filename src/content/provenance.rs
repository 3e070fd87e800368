//! Where the content shown came from: its fingerprint, the key that signed it, and the
//! hashes of the files that were checked, so pictures can be checked again when decoded.
//!
//! Pure data; the checks themselves live in [`crate::signing`].

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest as _, Sha256};

/// A SHA-256 digest.
pub type Sha256Digest = [u8; 32];

/// The SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> Sha256Digest {
    Sha256::digest(bytes).into()
}

/// `bytes` as lowercase hex, as `sha256sum` prints digests.
pub fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

/// Where the content shown came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    /// SHA-256 (lowercase hex) of `content.manifest` when the content is signed, else of
    /// the content file's bytes: the version a fleet can compare.
    pub sha256: String,
    /// The key that verified the manifest (16 hex digits, as minisign prints key ids);
    /// `None` for unsigned content.
    pub signed_by: Option<String>,
    /// The hashes of every file the signed manifest lists; `None` for unsigned content.
    pub verified: Option<Arc<VerifiedFiles>>,
}

/// The files a verified manifest lists, with their hashes, under the folder checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedFiles {
    /// The content folder as it was checked (real path, links resolved).
    root: PathBuf,
    /// Relative path (`/` separators, as in the manifest) → hash.
    files: BTreeMap<String, Sha256Digest>,
}

impl VerifiedFiles {
    /// The files under `root` (a real path) with their hashes.
    pub fn new(root: PathBuf, files: BTreeMap<String, Sha256Digest>) -> Self {
        Self { root, files }
    }

    /// The folder checked.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Relative path → hash.
    pub fn files(&self) -> &BTreeMap<String, Sha256Digest> {
        &self.files
    }

    /// The hash the file at `real` (a real path, as pictures are keyed) must have; `None`
    /// when it is not a file the manifest lists.
    pub fn expected(&self, real: &Path) -> Option<&Sha256Digest> {
        let relative = real.strip_prefix(&self.root).ok()?;
        let mut key = String::new();
        for component in relative.components() {
            let Component::Normal(part) = component else {
                return None;
            };
            if !key.is_empty() {
                key.push('/');
            }
            key.push_str(part.to_str()?);
        }
        self.files.get(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lowercase_and_two_digits_a_byte() {
        assert_eq!(to_hex(&[0x00, 0x0f, 0xab]), "000fab", "hex");
        assert_eq!(
            to_hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "the SHA-256 of nothing"
        );
    }

    #[test]
    fn a_file_is_found_by_its_real_path_under_the_root_only() {
        let mut files = BTreeMap::new();
        files.insert("assets/a.png".to_owned(), [1; 32]);
        let verified = VerifiedFiles::new(PathBuf::from("/srv/content"), files);
        assert_eq!(
            verified.expected(Path::new("/srv/content/assets/a.png")),
            Some(&[1; 32]),
            "listed"
        );
        assert_eq!(
            verified.expected(Path::new("/srv/content/assets/b.png")),
            None,
            "not listed"
        );
        assert_eq!(
            verified.expected(Path::new("/srv/other/assets/a.png")),
            None,
            "another folder"
        );
    }
}
