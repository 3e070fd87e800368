//! `vitrina sign` and `vitrina manifest`: write the manifest of a content folder and sign it
//! with a minisign secret key (the `minisign` crate, so the tool verifies it).

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::manifest::{self, MANIFEST_FILE, SIGNATURE_FILE, write_atomically};
use super::trust::key_id;

/// Largest secret key file read (the tool's are about 350 bytes).
const MAX_SECRET_KEY_BYTES: u64 = 16 * 1024;

/// Why signing failed.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// The folder's files could not be listed or hashed.
    #[error("{0}")]
    List(#[from] manifest::ListError),
    /// The secret key could not be read or opened.
    #[error("{}: {message}", path.display())]
    Key {
        /// The key file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// Signing itself failed.
    #[error("cannot sign: {0}")]
    Sign(String),
    /// The manifest or signature could not be written.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// What was written.
#[derive(Clone, Debug)]
pub struct Written {
    /// The manifest.
    pub manifest: PathBuf,
    /// The signature, when signed.
    pub signature: Option<PathBuf>,
    /// Files listed.
    pub files: usize,
    /// The signing key's id, when signed.
    pub key_id: Option<String>,
}

/// Writes `content.manifest` for the folder `dir` (atomically).
pub fn write_manifest(dir: &Path) -> Result<Written, SignError> {
    let (text, files) = manifest::build(dir)?;
    let path = write_atomically(dir, MANIFEST_FILE, text.as_bytes()).map_err(|source| {
        SignError::Write {
            path: dir.join(MANIFEST_FILE),
            source,
        }
    })?;
    Ok(Written {
        manifest: path,
        signature: None,
        files,
        key_id: None,
    })
}

/// Opens the secret key at `key` with `password` (`None`: asked on the terminal).
pub fn open_secret_key(
    key: &Path,
    password: Option<String>,
) -> Result<minisign::SecretKey, SignError> {
    let fail = |message: String| SignError::Key {
        path: key.to_path_buf(),
        message,
    };
    let file = std::fs::File::open(key).map_err(|err| fail(format!("cannot read: {err}")))?;
    let mut text = String::new();
    file.take(MAX_SECRET_KEY_BYTES)
        .read_to_string(&mut text)
        .map_err(|err| fail(format!("cannot read: {err}")))?;
    minisign::SecretKeyBox::from_string(&text)
        .and_then(|sk_box| sk_box.into_secret_key(password))
        .map_err(|err| {
            fail(format!(
                "cannot open the secret key ({err}); check the password. A key made with \
                 `minisign -G -W` (no password) cannot be opened here: write the manifest with \
                 `vitrina manifest` and sign it with `minisign -S -m content.manifest`"
            ))
        })
}

/// Writes `content.manifest` for `dir` and its signature `content.manifest.minisig` made
/// with `secret` (each file atomically, the manifest first).
pub fn sign_folder(dir: &Path, secret: &minisign::SecretKey) -> Result<Written, SignError> {
    let (text, files) = manifest::build(dir)?;
    let public = minisign::PublicKey::from_secret_key(secret)
        .map_err(|err| SignError::Sign(err.to_string()))?;
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let trusted_comment = format!("timestamp:{timestamp}\tfile:{MANIFEST_FILE}\thashed");
    let untrusted_comment = format!("signature from vitrina, key {}", key_id(public.keynum()));
    let signature = minisign::sign(
        Some(&public),
        secret,
        text.as_bytes(),
        Some(trusted_comment.as_str()),
        Some(untrusted_comment.as_str()),
    )
    .map_err(|err| SignError::Sign(err.to_string()))?;
    let write = |name: &str, bytes: &[u8]| {
        write_atomically(dir, name, bytes).map_err(|source| SignError::Write {
            path: dir.join(name),
            source,
        })
    };
    let manifest_path = write(MANIFEST_FILE, text.as_bytes())?;
    let signature_path = write(SIGNATURE_FILE, signature.into_string().as_bytes())?;
    Ok(Written {
        manifest: manifest_path,
        signature: Some(signature_path),
        files,
        key_id: Some(key_id(public.keynum())),
    })
}
