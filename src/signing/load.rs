//! Loading signed content: the signature, then every listed hash, then the content parsed
//! from the very bytes that were hashed, with every file it names required in the manifest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::provenance::{Provenance, VerifiedFiles, sha256, to_hex};
use crate::content::read::{NOT_REGULAR, is_not_regular, read_regular};
use crate::content::{
    AssetPathError, Diagnostic, LoadError, LoadedContent, Position, Severity, check_content,
    content_dir, content_text, load_content, parse_content, resolve_asset_path,
};

use super::manifest::{
    self, MANIFEST_FILE, MAX_MANIFEST_BYTES, MAX_TOTAL_BYTES, SIGNATURE_FILE, hash_file,
    manifest_key,
};
use super::trust::{MAX_SIGNATURE_BYTES, Trust};

pub use crate::content::limits::MAX_CONTENT_BYTES;

/// Most hash mismatches listed in one error (the rest are counted).
const MAX_LISTED: usize = 10;

/// What a manifest/file disagreement may mean, said in every such message.
const SYNCING: &str = "the folder may still be syncing";

/// Loads the content file at `path`. Without trusted keys this is [`load_content`]. With
/// keys, the content is accepted only when `content.manifest.minisig` verifies with one of
/// them, every file `content.manifest` lists has its hash, the content file is listed, and
/// every file the content names is listed.
pub fn load_content_trusted(path: &Path, trust: &Trust) -> Result<LoadedContent, LoadError> {
    if trust.is_empty() {
        return load_content(path);
    }
    // Everything is read through the real folder, so a link flipped meanwhile cannot mix
    // two versions.
    let dir = content_dir(path)
        .canonicalize()
        .map_err(|source| LoadError::Read {
            path: path.to_path_buf(),
            source,
        })?;
    let content_name = path
        .file_name()
        .and_then(|name| name.to_str())
        .map(str::to_owned)
        .ok_or_else(|| LoadError::Read {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the content path names no file",
            ),
        })?;
    let shown_dir = content_dir(path);
    let manifest_path = shown_dir.join(MANIFEST_FILE);
    let signature_path = shown_dir.join(SIGNATURE_FILE);

    let signature = read_bounded(&dir.join(SIGNATURE_FILE), MAX_SIGNATURE_BYTES)
        .map_err(|why| signing(&signature_path, None, format!("{why}; the content must be signed (vitrina sign, or minisign -S -m content.manifest)")))?;
    let manifest_bytes = read_bounded(&dir.join(MANIFEST_FILE), MAX_MANIFEST_BYTES)
        .map_err(|why| signing(&manifest_path, None, why))?;
    let signature = String::from_utf8(signature).map_err(|_| {
        signing(
            &signature_path,
            None,
            "not a minisign signature (not text): the file is damaged".to_owned(),
        )
    })?;
    let signed_by = trust
        .verify(&manifest_bytes, &signature)
        .map_err(|problem| signing(&signature_path, None, problem.to_string()))?;
    let manifest = manifest::parse(&manifest_bytes).map_err(|problems| {
        LoadError::Signing(
            problems
                .into_iter()
                .map(|p| {
                    diagnostic(
                        &manifest_path,
                        Some(Position {
                            line: p.line,
                            column: p.column,
                        }),
                        p.message,
                    )
                })
                .collect(),
        )
    })?;
    let Some(content_entry) = manifest.get(&content_name) else {
        return Err(signing(
            &manifest_path,
            None,
            format!(
                "{content_name} is not listed, so the signature does not cover it; sign the folder again"
            ),
        ));
    };
    let content_line = content_entry.line;

    // Every listed file, hashed; the content file's bytes kept to be parsed.
    let mut budget = MAX_TOTAL_BYTES;
    let mut source_bytes = Vec::new();
    let mut problems = Vec::new();
    let mut mismatches = 0usize;
    for entry in manifest.entries() {
        let at = Some(Position {
            line: entry.line,
            column: 1,
        });
        let file = dir.join(&entry.path);
        let keep = (entry.line == content_line).then_some((&mut source_bytes, MAX_CONTENT_BYTES));
        let problem = match inside(&dir, &file) {
            Err(why) => Some(why),
            Ok(()) => match hash_file(&file, &mut budget, keep) {
                Ok(digest) if digest == entry.digest => None,
                Ok(_) => Some(format!(
                    "hash mismatch for {}: the file is not the one signed ({SYNCING})",
                    entry.path
                )),
                Err(manifest::ListError::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::NotFound =>
                {
                    Some(format!("{} is listed but missing ({SYNCING})", entry.path))
                }
                Err(err) => Some(format!("{}: cannot be checked: {err}", entry.path)),
            },
        };
        if let Some(message) = problem {
            mismatches += 1;
            if problems.len() < MAX_LISTED {
                problems.push(diagnostic(&manifest_path, at, message));
            }
        }
    }
    if !problems.is_empty() {
        if mismatches > problems.len() {
            problems.push(diagnostic(
                &manifest_path,
                None,
                format!(
                    "and {} more files do not match",
                    mismatches - problems.len()
                ),
            ));
        }
        return Err(LoadError::Signing(problems));
    }

    // Parsed from the bytes hashed above: a write after the check cannot slip in.
    let source = content_text(&source_bytes, path)?;
    let content = parse_content(&source, path)?;
    let listed = manifest.digests();
    let check_asset = |file: &str| {
        resolve_asset_path(&dir, file)?;
        match manifest_key(file) {
            Some(key) if listed.contains_key(&key) => Ok(()),
            _ => Err(AssetPathError::NotInManifest(file.to_owned())),
        }
    };
    let warnings =
        check_content(&content, &source, path, &check_asset).map_err(LoadError::Invalid)?;
    let provenance = Provenance {
        sha256: to_hex(&sha256(&manifest_bytes)),
        signed_by: Some(signed_by),
        verified: Some(Arc::new(VerifiedFiles::new(dir.clone(), listed))),
    };
    Ok(LoadedContent::new(content, dir, warnings, provenance))
}

/// Reads at most `max` bytes of `path`; a longer file, or anything but a plain file (a FIFO
/// would block), is refused.
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    read_regular(path, max).map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            format!("{name} is missing ({SYNCING})")
        } else if is_not_regular(&err) {
            format!("{name} is {NOT_REGULAR}")
        } else if err.kind() == std::io::ErrorKind::FileTooLarge {
            format!("{name} is larger than {max} bytes")
        } else {
            format!("cannot read {name}: {err}")
        }
    })
}

/// Checks that `file` (following links) stays inside `dir` (a real path).
fn inside(dir: &Path, file: &Path) -> Result<(), String> {
    match file.canonicalize() {
        Ok(real) if real.starts_with(dir) => Ok(()),
        Ok(_) => Err(format!(
            "{} is a link that leads outside the content folder",
            file.display()
        )),
        // Missing: reported by the hashing with the syncing hint.
        Err(_) => Ok(()),
    }
}

fn diagnostic(file: &Path, position: Option<Position>, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position,
        item: None,
        message,
    }
}

fn signing(file: &Path, position: Option<Position>, message: String) -> LoadError {
    LoadError::Signing(vec![diagnostic(file, position, message)])
}

/// The verified files of a saved copy, rebuilt for the folder `dir` (its real path now).
pub fn verified_files(dir: &Path, files: BTreeMap<String, [u8; 32]>) -> VerifiedFiles {
    let root: PathBuf = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    VerifiedFiles::new(root, files)
}
