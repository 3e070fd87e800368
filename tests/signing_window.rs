//! Signed content in a real window under Xvfb: the kiosk starts on signed content with its
//! key trusted, refuses a changed byte in content.ron (one log line naming the file and the
//! check; the content is not applied), then applies the same change once it is signed again.
//! One kiosk process. Needs Xvfb; without it the test is skipped with a hint, except when
//! `CI` is set.
//!
//! `VITRINA_BIN` picks the binary (scripts/test.sh passes the release build).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/files.rs"]
mod files;
#[path = "support/xvfb.rs"]
mod xvfb;

use vitrina::signing::sign::sign_folder;
use xvfb::{Guard, binary, start_xvfb, tools_present};

/// Everything logged so far in `data`'s log folder.
fn log(data: &Path) -> String {
    std::fs::read_dir(data.join("logs"))
        .into_iter()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .collect()
}

/// Waits up to 60 s for `ready`, failing early if the kiosk exits.
fn wait_for(app: &mut Guard, data: &Path, what: &str, mut ready: impl FnMut(&str) -> bool) {
    let start = Instant::now();
    loop {
        let text = log(data);
        if ready(&text) {
            return;
        }
        if let Some(status) = app.0.try_wait().expect("waits") {
            panic!("the kiosk exited ({status:?}) before {what}:\n{text}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no {what} in 60 s:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
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
        Command::new(binary())
            .arg("--kiosk-config")
            .arg(&kiosk_ron)
            .args(["--windowed", "--size", "1280x720", "--content"])
            .arg(&content)
            .arg("--data-dir")
            .arg(data.path())
            .arg("--log-dir")
            .arg(data.path().join("logs"))
            .args(["--signing-grace", "2"])
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
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
    assert!(
        app.0.try_wait().expect("waits").is_none(),
        "the kiosk keeps running"
    );
}
