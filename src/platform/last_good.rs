//! The last good content, kept on disk in the data folder: a kiosk that restarts (a power cut,
//! a reboot) while `content.ron` is broken shows the story it last showed instead of nothing.
//! The copy holds the parsed content and the folder its assets are relative to, so pictures
//! still come from the content's own `assets/`.
//!
//! Signed content keeps its provenance too (the manifest's hash, the key, the files' hashes),
//! so pictures are still checked when decoded after a restart; with trusted keys only a copy
//! signed by one of them is shown.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::limits::MAX_CONTENT_BYTES;
use crate::content::provenance::{Provenance, to_hex};
use crate::content::read::read_regular;
use crate::content::{Content, LoadError, LoadedContent};
use crate::signing::{Trust, load_content_trusted, verified_files};

/// What the copy holds.
#[derive(Deserialize, Serialize)]
struct Saved {
    /// The folder asset paths are relative to.
    dir: PathBuf,
    /// The content as it was shown.
    content: Content,
    /// Where it came from (copies written before signing existed have none).
    #[serde(default)]
    provenance: Option<SavedProvenance>,
}

/// [`Provenance`] in the copy: hashes as hex, paths relative to `dir`.
#[derive(Deserialize, Serialize)]
struct SavedProvenance {
    sha256: String,
    signed_by: Option<String>,
    /// Relative path → SHA-256 (hex) of each file the signed manifest listed.
    files: Option<BTreeMap<String, String>>,
}

impl SavedProvenance {
    fn of(provenance: &Provenance) -> Self {
        Self {
            sha256: provenance.sha256.clone(),
            signed_by: provenance.signed_by.clone(),
            files: provenance.verified.as_ref().map(|verified| {
                verified
                    .files()
                    .iter()
                    .map(|(path, digest)| (path.clone(), to_hex(digest)))
                    .collect()
            }),
        }
    }

    /// Back to a [`Provenance`] for the folder `dir`; `None` when a hash is damaged.
    fn restore(self, dir: &Path) -> Option<Provenance> {
        let verified = match self.files {
            None => None,
            Some(files) => {
                let mut digests = BTreeMap::new();
                for (path, hex) in files {
                    digests.insert(path, from_hex(&hex)?);
                }
                Some(Arc::new(verified_files(dir, digests)))
            }
        };
        Some(Provenance {
            sha256: self.sha256,
            signed_by: self.signed_by,
            verified,
        })
    }
}

fn from_hex(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    let mut digest = [0u8; 32];
    for (byte, pair) in digest.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(digest)
}

/// Writes `loaded` to `path`, through a temporary file and a rename, so a crash mid-write
/// leaves the previous copy whole.
pub fn save(path: &Path, loaded: &LoadedContent) -> std::io::Result<()> {
    let dir = std::path::absolute(&loaded.dir).unwrap_or_else(|_| loaded.dir.clone());
    let saved = Saved {
        dir,
        content: loaded.content.clone(),
        provenance: Some(SavedProvenance::of(&loaded.provenance)),
    };
    let text = ron::ser::to_string_pretty(&saved, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    crate::atomic_file::write_atomically(path, text.as_bytes())
}

/// Largest copy read back: the copy is the content re-written with indentation, so it may
/// be a few times the content file's limit; a FIFO or a huge file there is refused.
pub const MAX_COPY_BYTES: u64 = 4 * MAX_CONTENT_BYTES;

/// Reads the copy at `path` (a regular file, at most [`MAX_COPY_BYTES`]).
pub fn load(path: &Path) -> Result<LoadedContent, String> {
    let bytes =
        read_regular(path, MAX_COPY_BYTES).map_err(|err| format!("{}: {err}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: the copy is not UTF-8 text", path.display()))?;
    let saved: Saved = ron::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))?;
    let provenance = match saved.provenance {
        None => Provenance::default(),
        Some(provenance) => provenance
            .restore(&saved.dir)
            .ok_or_else(|| format!("{}: a file hash is damaged", path.display()))?,
    };
    Ok(LoadedContent::new(
        saved.content,
        saved.dir,
        Vec::new(),
        provenance,
    ))
}

/// What start-up shows: the content, with the file's error when it is the last good copy.
pub type Startup = (LoadedContent, Option<LoadError>);

/// Why start-up has nothing to show: the file's error, and why the copy cannot be read.
pub type NothingToShow = Box<(LoadError, String)>;

/// The content to start with: the file at `content_path` (loaded with `trust`, see
/// [`crate::signing`]), else the last good copy at `last_good_path` together with the file's
/// error (to log and to show staff). With trusted keys, a copy not signed by one of them is
/// not shown. Fails only when neither can be shown.
pub fn startup_content(
    content_path: &Path,
    last_good_path: &Path,
    trust: &Trust,
) -> Result<Startup, NothingToShow> {
    match load_content_trusted(content_path, trust) {
        Ok(loaded) => Ok((loaded, None)),
        Err(err) => match load(last_good_path) {
            Ok(copy) if trusted_copy(&copy, trust) => Ok((copy, Some(err))),
            Ok(copy) => {
                let why = format!(
                    "{}: the copy is {}, not by a trusted key",
                    last_good_path.display(),
                    copy.provenance
                        .signed_by
                        .as_ref()
                        .map_or_else(|| "unsigned".to_owned(), |id| format!("signed by key {id}"))
                );
                Err(Box::new((err, why)))
            }
            Err(why) => Err(Box::new((err, why))),
        },
    }
}

/// Whether the copy may be shown under `trust`: any copy without keys, else one signed by a
/// trusted key with its files' hashes.
fn trusted_copy(copy: &LoadedContent, trust: &Trust) -> bool {
    trust.is_empty()
        || (copy.provenance.verified.is_some()
            && copy
                .provenance
                .signed_by
                .as_ref()
                .is_some_and(|id| trust.key_ids().contains(id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_content;

    fn shipped_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron")
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("vitrina-last-good-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_saved_copy_reads_back_as_the_same_content_and_asset_folder() {
        let dir = temp_dir("round-trip");
        let loaded = load_content(&shipped_path()).expect("the shipped content loads");
        let copy = dir.join("data").join("last-good-content.ron");
        save(&copy, &loaded).expect("saved");
        let back = load(&copy).expect("read back");
        assert_eq!(
            ron::to_string(&back.content).ok(),
            ron::to_string(&loaded.content).ok(),
            "same content"
        );
        assert!(
            back.dir.is_absolute(),
            "the asset folder is absolute: {:?}",
            back.dir
        );
        assert!(
            back.dir.join("assets").is_dir(),
            "it is the content's folder: {:?}",
            back.dir
        );
        assert!(
            !crate::atomic_file::temporary_for(&copy).exists(),
            "no temporary file left"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_broken_content_file_starts_on_the_last_good_copy_with_its_error() {
        let dir = temp_dir("broken");
        let loaded = load_content(&shipped_path()).expect("the shipped content loads");
        let copy = dir.join("last-good-content.ron");
        save(&copy, &loaded).expect("saved");
        let broken = dir.join("content.ron");
        std::fs::write(&broken, "(languages: [oops").expect("write");

        let (shown, error) =
            startup_content(&broken, &copy, &Trust::none()).expect("the copy is shown");
        assert_eq!(shown.content.sections.len(), loaded.content.sections.len());
        let error = error.expect("the file's error comes along");
        assert!(
            error.to_string().contains("content.ron:1:"),
            "FILE:LINE:COLUMN of the broken file: {error}"
        );

        // A good file wins over the copy.
        let (shown, error) =
            startup_content(&shipped_path(), &copy, &Trust::none()).expect("the file");
        assert!(error.is_none(), "no error");
        assert_eq!(shown.dir, loaded.dir, "the file's own folder");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn without_a_copy_or_with_a_damaged_one_a_broken_file_still_fails_clearly() {
        let dir = temp_dir("none");
        let broken = dir.join("content.ron");
        std::fs::write(&broken, "(languages: [oops").expect("write");
        let missing = dir.join("last-good-content.ron");
        let Err(failed) = startup_content(&broken, &missing, &Trust::none()) else {
            panic!("nothing to show");
        };
        let (error, why) = *failed;
        assert!(error.to_string().contains("content.ron:1:"), "{error}");
        assert!(why.contains("last-good-content.ron"), "{why}");

        std::fs::write(&missing, "(dir: \"/x\", content: (").expect("write");
        assert!(
            startup_content(&broken, &missing, &Trust::none()).is_err(),
            "a damaged copy is not used"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn with_trusted_keys_a_restart_on_unsigned_content_shows_the_last_signed_copy_with_hashes() {
        let dir = temp_dir("signed");
        let content_dir = dir.join("content");
        std::fs::create_dir_all(content_dir.join("assets")).expect("dir");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        std::fs::copy(fixtures.join("valid.ron"), content_dir.join("content.ron")).expect("copy");
        std::fs::copy(
            fixtures.join("assets/picture.png"),
            content_dir.join("assets/picture.png"),
        )
        .expect("copy");
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("keys");
        let trust = Trust::new(&[pair.pk.to_base64()]).expect("trust");
        crate::signing::sign::sign_folder(&content_dir, &pair.sk).expect("signed");
        let content = content_dir.join("content.ron");
        let signed = load_content_trusted(&content, &trust).expect("signed content loads");
        let copy = dir.join("last-good-content.ron");
        save(&copy, &signed).expect("saved");

        // The signature goes away (an unsigned edit): the signed copy is shown, hashes and all.
        std::fs::remove_file(content_dir.join(crate::signing::SIGNATURE_FILE)).expect("rm");
        let (shown, error) = startup_content(&content, &copy, &trust).expect("the copy");
        assert!(
            error.is_some_and(|e| e.is_signing()),
            "the signing error comes along"
        );
        assert_eq!(
            shown.provenance, signed.provenance,
            "same provenance, hashes included"
        );

        // An unsigned copy is not shown when keys are trusted.
        let unsigned = load_content(&content).expect("loads unsigned");
        save(&copy, &unsigned).expect("saved");
        let Err(failed) = startup_content(&content, &copy, &trust) else {
            panic!("an unsigned copy is not shown under trusted keys");
        };
        assert!(failed.1.contains("unsigned"), "{}", failed.1);
        // Without keys it is.
        assert!(
            startup_content(&content, &copy, &Trust::none()).is_ok(),
            "no keys: the plain file"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
