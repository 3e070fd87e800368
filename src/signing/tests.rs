//! The trusted loader on every bad case of issue 15: each refused with a clear message.

use std::path::{Path, PathBuf};

use super::manifest::{MANIFEST_FILE, SIGNATURE_FILE};
use super::sign::sign_folder;
use super::*;
use crate::content::{LoadError, load_content};

/// A signed copy of the small valid fixture (content.ron, assets/picture.png).
struct Signed {
    dir: tempfile::TempDir,
    pair: minisign::KeyPair,
    trust: Trust,
}

impl Signed {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        std::fs::copy(fixtures.join("valid.ron"), dir.path().join("content.ron")).expect("copy");
        std::fs::create_dir(dir.path().join("assets")).expect("assets");
        std::fs::copy(
            fixtures.join("assets/picture.png"),
            dir.path().join("assets/picture.png"),
        )
        .expect("copy");
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("key pair");
        let trust = Trust::new(&[pair.pk.to_base64()]).expect("trusted");
        let signed = Self { dir, pair, trust };
        signed.sign();
        signed
    }

    fn sign(&self) {
        sign_folder(self.dir.path(), &self.pair.sk).expect("signed");
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn content(&self) -> PathBuf {
        self.path("content.ron")
    }

    fn load(&self) -> Result<crate::content::LoadedContent, LoadError> {
        load_content_trusted(&self.content(), &self.trust)
    }

    /// The load's error, as the one text staff and the log see.
    fn refused(&self) -> (LoadError, String) {
        match self.load() {
            Ok(_) => panic!("should be refused"),
            Err(err) => {
                let text = err.to_string();
                (err, text)
            }
        }
    }

    /// Flips one byte of `name` at `at` (from the end when negative).
    fn flip(&self, name: &str, at: isize) {
        let path = self.path(name);
        let mut bytes = std::fs::read(&path).expect("read");
        let len = isize::try_from(bytes.len()).expect("small");
        let index = usize::try_from(if at < 0 { len + at } else { at }).expect("inside");
        bytes[index] ^= 0x01;
        std::fs::write(&path, bytes).expect("write");
    }
}

#[test]
fn signed_content_loads_with_its_key_and_provenance() {
    let signed = Signed::new();
    let loaded = signed.load().expect("loads");
    let manifest = std::fs::read(signed.path(MANIFEST_FILE)).expect("manifest");
    assert_eq!(
        loaded.provenance.sha256,
        crate::content::provenance::to_hex(&crate::content::provenance::sha256(&manifest)),
        "the manifest's hash"
    );
    assert_eq!(
        loaded.provenance.signed_by,
        Some(key_id(signed.pair.pk.keynum())),
        "the key"
    );
    let verified = loaded.provenance.verified.expect("hashes kept");
    let picture = signed
        .path("assets/picture.png")
        .canonicalize()
        .expect("real");
    assert!(verified.expected(&picture).is_some(), "the picture's hash");
    assert_eq!(
        verified.files().len(),
        2,
        "content.ron and the picture: {verified:?}"
    );
}

#[test]
fn without_keys_it_is_the_plain_loader_with_content_ron_s_hash() {
    let signed = Signed::new();
    std::fs::remove_file(signed.path(SIGNATURE_FILE)).expect("unsigned");
    let loaded = load_content_trusted(&signed.content(), &Trust::none()).expect("loads");
    let plain = load_content(&signed.content()).expect("loads");
    let bytes = std::fs::read(signed.content()).expect("read");
    assert_eq!(
        loaded.provenance.sha256,
        crate::content::provenance::to_hex(&crate::content::provenance::sha256(&bytes)),
        "content.ron's hash"
    );
    assert_eq!(
        loaded.provenance, plain.provenance,
        "same as the plain loader"
    );
    assert_eq!(loaded.dir, plain.dir, "same folder");
    assert!(loaded.provenance.signed_by.is_none(), "unsigned");
}

#[test]
fn a_changed_byte_in_content_ron_is_a_hash_mismatch_that_may_be_a_sync() {
    let signed = Signed::new();
    signed.flip("content.ron", -3);
    let (err, text) = signed.refused();
    assert!(err.is_signing(), "{err:?}");
    assert!(
        text.contains("content.manifest:2:1: hash mismatch for content.ron")
            && text.contains("may still be syncing"),
        "{text}"
    );
}

#[test]
fn a_changed_byte_in_a_picture_is_a_hash_mismatch_naming_it() {
    let signed = Signed::new();
    signed.flip("assets/picture.png", 40);
    let (err, text) = signed.refused();
    assert!(err.is_signing(), "{err:?}");
    assert!(
        text.contains("content.manifest:1:1: hash mismatch for assets/picture.png"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "one line: {text}");
}

#[test]
fn a_changed_byte_in_the_manifest_breaks_the_signature() {
    let signed = Signed::new();
    signed.flip(MANIFEST_FILE, 5);
    let (err, text) = signed.refused();
    assert!(err.is_signing(), "{err:?}");
    assert!(
        text.starts_with(&format!(
            "{}:1:1: the signature by a trusted key does not match content.manifest",
            signed.path(SIGNATURE_FILE).display()
        )),
        "{text}"
    );
}

#[test]
fn a_changed_byte_in_the_signature_is_refused() {
    let signed = Signed::new();
    // A character inside the signature's base64 line (line 2), past the key id.
    let text = std::fs::read_to_string(signed.path(SIGNATURE_FILE)).expect("read");
    let second_line_start = text.find('\n').expect("two lines") + 1;
    let at = second_line_start + 40;
    let mut bytes = text.into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(signed.path(SIGNATURE_FILE), bytes).expect("write");
    let (err, text) = signed.refused();
    assert!(err.is_signing(), "{err:?}");
    assert!(text.contains(SIGNATURE_FILE), "{text}");
    assert!(text.contains("does not match"), "{text}");
}

#[test]
fn a_signature_by_an_untrusted_key_is_refused_naming_it() {
    let signed = Signed::new();
    let other = minisign::KeyPair::generate_unencrypted_keypair().expect("key pair");
    sign_folder(signed.dir.path(), &other.sk).expect("signed by another key");
    let (err, text) = signed.refused();
    assert!(err.is_signing(), "{err:?}");
    assert!(
        text.contains(&format!(
            "signed by key {}, which is not a trusted key (trusted: {})",
            key_id(other.pk.keynum()),
            key_id(signed.pair.pk.keynum())
        )),
        "{text}"
    );
}

#[test]
fn a_truncated_or_missing_signature_is_refused() {
    let signed = Signed::new();
    let full = std::fs::read(signed.path(SIGNATURE_FILE)).expect("read");
    std::fs::write(signed.path(SIGNATURE_FILE), &full[..full.len() / 2]).expect("write");
    let (err, text) = signed.refused();
    assert!(err.is_signing(), "{err:?}");
    assert!(
        text.contains("content.manifest.minisig:1:1: not a complete minisign signature")
            && text.contains("truncated"),
        "{text}"
    );
    std::fs::remove_file(signed.path(SIGNATURE_FILE)).expect("remove");
    let (_, text) = signed.refused();
    assert!(
        text.contains("content.manifest.minisig is missing"),
        "{text}"
    );
    std::fs::write(signed.path(SIGNATURE_FILE), vec![b'x'; 5000]).expect("write");
    let (_, text) = signed.refused();
    assert!(text.contains("larger than 4096 bytes"), "{text}");
}

#[test]
fn a_file_the_content_names_but_the_manifest_lacks_is_refused_at_its_reference() {
    let signed = Signed::new();
    // A second picture, referenced by the content, added after signing; the manifest is
    // signed again without it (as if written before the file was copied in).
    let manifest = std::fs::read_to_string(signed.path(MANIFEST_FILE)).expect("read");
    let content = std::fs::read_to_string(signed.content()).expect("read");
    let content = content.replace(
        "pictures: [(path: \"assets/picture.png\")]",
        "pictures: [(path: \"assets/picture.png\"), (path: \"assets/new.png\")]",
    );
    std::fs::write(signed.content(), &content).expect("write");
    std::fs::copy(
        signed.path("assets/picture.png"),
        signed.path("assets/new.png"),
    )
    .expect("copy");
    // The manifest as it was plus content.ron's new hash, new.png left out.
    let hash =
        crate::content::provenance::to_hex(&crate::content::provenance::sha256(content.as_bytes()));
    let manifest: String = manifest
        .lines()
        .map(|line| {
            if line.ends_with("  content.ron") {
                format!("{hash}  content.ron\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let signature =
        minisign::sign(None, &signed.pair.sk, manifest.as_bytes(), None, None).expect("signed");
    std::fs::write(signed.path(MANIFEST_FILE), &manifest).expect("write");
    std::fs::write(signed.path(SIGNATURE_FILE), signature.into_string()).expect("write");
    let (err, text) = signed.refused();
    assert!(matches!(err, LoadError::Invalid(_)), "{err:?}");
    assert!(
        text.contains("content.ron:18:")
            && text.contains("\"assets/new.png\" is not listed in content.manifest"),
        "{text}"
    );
}

#[test]
fn manifest_paths_with_parent_or_absolute_paths_are_refused_even_when_signed() {
    for bad in ["../outside.png", "/etc/passwd"] {
        let signed = Signed::new();
        let manifest = std::fs::read_to_string(signed.path(MANIFEST_FILE)).expect("read");
        let manifest = format!("{manifest}{}  {bad}\n", "0".repeat(64));
        let signature =
            minisign::sign(None, &signed.pair.sk, manifest.as_bytes(), None, None).expect("signed");
        std::fs::write(signed.path(MANIFEST_FILE), &manifest).expect("write");
        std::fs::write(signed.path(SIGNATURE_FILE), signature.into_string()).expect("write");
        let (err, text) = signed.refused();
        assert!(err.is_signing(), "{err:?}");
        assert!(
            text.contains(&format!("content.manifest:3:67: \"{bad}\"")),
            "{bad}: {text}"
        );
    }
}

#[test]
fn content_ron_must_be_listed() {
    let signed = Signed::new();
    let manifest = std::fs::read_to_string(signed.path(MANIFEST_FILE)).expect("read");
    let manifest: String = manifest
        .lines()
        .filter(|line| !line.ends_with("content.ron"))
        .fold(String::new(), |text, line| text + line + "\n");
    let signature =
        minisign::sign(None, &signed.pair.sk, manifest.as_bytes(), None, None).expect("signed");
    std::fs::write(signed.path(MANIFEST_FILE), &manifest).expect("write");
    std::fs::write(signed.path(SIGNATURE_FILE), signature.into_string()).expect("write");
    let (_, text) = signed.refused();
    assert!(
        text.contains("content.manifest:1:1: content.ron is not listed"),
        "{text}"
    );
}

#[test]
fn a_listed_file_that_is_missing_may_be_a_sync() {
    let signed = Signed::new();
    std::fs::remove_file(signed.path("assets/picture.png")).expect("remove");
    let (err, text) = signed.refused();
    assert!(err.is_signing(), "{err:?}");
    assert!(
        text.contains("assets/picture.png is listed but missing (the folder may still be syncing)"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn a_listed_link_leading_outside_the_folder_is_refused() {
    let signed = Signed::new();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("x.png"), b"x").expect("write");
    std::os::unix::fs::symlink(outside.path().join("x.png"), signed.path("assets/x.png"))
        .expect("link");
    signed.sign();
    let (err, text) = signed.refused();
    assert!(err.is_signing(), "{err:?}");
    assert!(text.contains("leads outside the content folder"), "{text}");
}

#[test]
fn a_good_resign_after_a_change_loads_again() {
    let signed = Signed::new();
    signed.flip("assets/picture.png", 40);
    assert!(signed.load().is_err(), "refused");
    signed.sign();
    assert!(signed.load().is_ok(), "signed again: accepted");
}

#[test]
fn signed_content_saved_with_a_bom_loads_like_the_plain_loader() {
    let signed = Signed::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&std::fs::read(signed.content()).expect("read"));
    std::fs::write(signed.content(), &bytes).expect("write");
    signed.sign();
    let loaded = signed
        .load()
        .expect("a BOM is not an error when signed either");
    let plain = load_content(&signed.content()).expect("loads unsigned");
    assert_eq!(loaded.content, plain.content, "the same content");
}
