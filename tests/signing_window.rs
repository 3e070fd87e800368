//! Signed content in a real window under Xvfb: the kiosk starts on signed content with its
//! key trusted, refuses a changed byte in content.ron (one log line naming the file and the
//! check; the content is not applied), then applies the same change once it is signed again.
//! Then each other bad case of the issue, one after the other, from that good state: a changed
//! byte in a picture, in the manifest, in the signature; a truncated signature; a signature by
//! an untrusted key; a picture the content uses that the manifest lacks. Each is refused with
//! its own line and nothing is applied; putting the good files back is applied again.
//! One kiosk process. Needs Xvfb; without it the test is skipped with a hint, except when
//! `CI` is set.
//!
//! `VITRINA_BIN` picks the binary (scripts/test.sh passes the release build).

use std::path::Path;
use std::time::Duration;

#[path = "support/files.rs"]
mod files;
#[path = "support/xvfb.rs"]
mod xvfb;

use vitrina::signing::sign::sign_folder;
use xvfb::{Guard, logged as log, start_xvfb, tools_present, wait_while_running, windowed_kiosk};

/// Waits up to 60 s for `ready` (given the log so far), failing early if the kiosk exits.
fn wait_for(app: &mut Guard, data: &Path, what: &str, mut ready: impl FnMut(&str) -> bool) {
    wait_while_running(app, what, Duration::from_mins(1), || ready(&log(data)));
}

#[test]
fn a_changed_byte_is_refused_and_a_re_signed_change_is_applied() {
    if !tools_present(&["Xvfb"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let site = files::shipped_copy();
    let content = site.path().join("content.ron");
    let data = tempfile::tempdir().expect("temp dir");
    let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("keys");
    sign_folder(site.path(), &pair.sk).expect("signed");
    let public = pair.pk.to_base64();
    let id = vitrina::signing::key_id(pair.pk.keynum());

    // This machine trusts the key, as its kiosk.ron says.
    let kiosk_ron = data.path().join("kiosk.ron");
    std::fs::write(&kiosk_ron, format!("(trusted_keys: [{public:?}])")).expect("kiosk.ron");

    let mut app = Guard(
        windowed_kiosk(&content, data.path(), &display)
            .arg("--kiosk-config")
            .arg(&kiosk_ron)
            .args(["--signing-grace", "2"])
            .spawn()
            .expect("vitrina starts"),
    );
    wait_for(&mut app, data.path(), "the first frame", |log| {
        log.contains("first frame drawn")
    });
    let started = log(data.path());
    assert!(
        started.contains(&format!(
            "content must be signed by one of the keys [\"{id}\"]"
        )),
        "{started}"
    );
    assert!(
        !started.contains("refused"),
        "signed content is accepted:\n{started}"
    );

    // One changed byte in content.ron (in a comment: still valid content, only the hash
    // can tell): refused after the grace, one line, not applied.
    let original = std::fs::read_to_string(&content).expect("read");
    let changed = original.replacen("// ", "//X ", 1);
    assert_ne!(changed, original, "a byte changed");
    std::fs::write(&content, &changed).expect("write");
    wait_for(&mut app, data.path(), "the refusal", |log| {
        log.contains("content refused, not applied (signature check)")
    });
    let text = log(data.path());
    let refusals: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("content refused"))
        .collect();
    assert_eq!(refusals.len(), 1, "logged once:\n{text}");
    assert!(
        refusals[0].contains("content.manifest:")
            && refusals[0].contains("hash mismatch for content.ron")
            && refusals[0].contains("still showing the last good content"),
        "which file and which check: {}",
        refusals[0]
    );
    assert!(
        !text.contains("content reloaded: applied"),
        "nothing applied:\n{text}"
    );
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        log(data.path()).matches("content refused").count(),
        1,
        "still logged once"
    );

    // Signed again: applied.
    sign_folder(site.path(), &pair.sk).expect("signed again");
    wait_for(&mut app, data.path(), "the re-signed content", |log| {
        log.contains("content reloaded: applied")
    });

    every_other_bad_case(&mut app, site.path(), data.path(), &pair.sk);
    assert!(
        app.0.try_wait().expect("waits").is_none(),
        "the kiosk keeps running"
    );
}

/// Each bad case from the good signed state in `site`: refused with one line that says
/// `expected`, nothing applied; the good files put back are applied again.
fn every_other_bad_case(app: &mut Guard, site: &Path, data: &Path, trusted: &minisign::SecretKey) {
    type Break<'a> = Box<dyn Fn() + 'a>;
    let manifest = site.join("content.manifest");
    let signature = site.join("content.manifest.minisig");
    let good_manifest = std::fs::read(&manifest).expect("manifest");
    let good_signature = std::fs::read(&signature).expect("signature");
    let manifest_text = String::from_utf8(good_manifest.clone()).expect("UTF-8");
    // A picture the content shows (the first listed under assets/illustrations).
    let picture_line = manifest_text
        .lines()
        .find(|line| {
            line.contains("assets/illustrations/")
                && std::path::Path::new(line)
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("png"))
        })
        .expect("a signed picture");
    let picture_rel = picture_line.split_once("  ").expect("hash  path").1;
    let picture = site.join(picture_rel);
    let good_picture = std::fs::read(&picture).expect("picture");
    let stranger = minisign::KeyPair::generate_unencrypted_keypair().expect("another key");

    let cases: Vec<(&str, &str, Break<'_>)> = vec![
        (
            "a changed byte in a picture",
            "hash mismatch for assets/illustrations/",
            {
                let (picture, good) = (picture.clone(), good_picture.clone());
                Box::new(move || {
                    let mut bytes = good.clone();
                    let last = bytes.len() - 1;
                    bytes[last] ^= 0x01;
                    std::fs::write(&picture, &bytes).expect("write");
                })
            },
        ),
        (
            "a changed byte in the manifest",
            "does not match content.manifest",
            {
                let (manifest, text) = (manifest.clone(), manifest_text.clone());
                Box::new(move || {
                    // A hash digit changed: the signature no longer covers the manifest.
                    let flipped = if text.starts_with('0') { "1" } else { "0" };
                    std::fs::write(&manifest, format!("{flipped}{}", &text[1..])).expect("write");
                })
            },
        ),
        (
            "a changed byte in the signature",
            "content.manifest.minisig",
            {
                let (signature, good) = (signature.clone(), good_signature.clone());
                Box::new(move || {
                    let text = String::from_utf8(good.clone()).expect("UTF-8");
                    // The second line is the signature itself, in base64.
                    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
                    let sig = &mut lines[1];
                    let middle = sig.len() / 2;
                    let swapped = if &sig[middle..=middle] == "A" {
                        "B"
                    } else {
                        "A"
                    };
                    sig.replace_range(middle..=middle, swapped);
                    std::fs::write(&signature, lines.join("\n") + "\n").expect("write");
                })
            },
        ),
        ("a truncated signature", "truncated or damaged", {
            let (signature, good) = (signature.clone(), good_signature.clone());
            Box::new(move || std::fs::write(&signature, &good[..good.len() / 3]).expect("write"))
        }),
        (
            "a signature by an untrusted key",
            "which is not a trusted key",
            {
                let site = site.to_path_buf();
                Box::new(move || {
                    sign_folder(&site, &stranger.sk).expect("signed by another key");
                })
            },
        ),
        (
            "a picture the manifest lacks",
            "is not listed in content.manifest",
            {
                let (site, manifest, text, rel) = (
                    site.to_path_buf(),
                    manifest.clone(),
                    manifest_text.clone(),
                    picture_rel.to_owned(),
                );
                Box::new(move || {
                    // The manifest without the picture's line, then signed by the trusted key:
                    // the signature is good, but it does not cover a file the content shows.
                    let without: String = text
                        .lines()
                        .filter(|line| !line.ends_with(&format!("  {rel}")))
                        .fold(String::new(), |text, line| text + line + "\n");
                    std::fs::write(&manifest, without).expect("write");
                    sign_manifest_only(&site, trusted);
                })
            },
        ),
    ];
    let restore = || {
        std::fs::write(&picture, &good_picture).expect("restore picture");
        std::fs::write(&manifest, &good_manifest).expect("restore manifest");
        std::fs::write(&signature, &good_signature).expect("restore signature");
    };
    // A refusal of the signature check, or (a file the manifest lacks) of the content itself,
    // which carries the content.ron FILE:LINE:COLUMN of the reference.
    let refusals = |log: &str| {
        log.matches("content refused").count() + log.matches("content reload failed").count()
    };
    for (what, expected, break_it) in cases {
        let before = log(data);
        let refused = refusals(&before);
        let applied = before.matches("content reloaded: applied").count();
        break_it();
        wait_for(app, data, what, |log| refusals(log) > refused);
        let text = log(data);
        let new = text.get(before.len()..).unwrap_or_default();
        assert!(
            new.contains(expected) && new.contains("still showing the last good content"),
            "{what}: a line naming the file and the check, got:\n{new}"
        );
        assert_eq!(refusals(new), 1, "{what}: logged once:\n{new}");
        assert_eq!(
            text.matches("content reloaded: applied").count(),
            applied,
            "{what}: nothing applied"
        );
        restore();
        wait_for(app, data, &format!("the good files after {what}"), |log| {
            log.matches("content reloaded: applied").count() > applied
        });
    }
}

/// Signs the folder's current `content.manifest` as it is, as `minisign -S` would.
fn sign_manifest_only(site: &Path, secret: &minisign::SecretKey) {
    let manifest = std::fs::read(site.join("content.manifest")).expect("manifest");
    let signature =
        minisign::sign(None, secret, std::io::Cursor::new(manifest), None, None).expect("signed");
    std::fs::write(site.join("content.manifest.minisig"), signature.to_string())
        .expect("signature written");
}
