//! The shipped systemd units pass `systemd-analyze verify` and use the notify protocol with
//! a watchdog. Needs systemd-analyze (Debian's `systemd`); without it the test is skipped
//! with a hint, except when `CI` is set.
//!
//! `verify` refuses a unit whose `ExecStart` program is missing, and a test machine may lack
//! /usr/bin/vitrina (the package's) and cage: the test checks a copy in which /usr/bin/vitrina
//! is the binary under test and /usr/bin/cage, when cage is not installed, a stand-in script.
//! Everything else in the units is checked as shipped.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/xvfb.rs"]
mod xvfb;

const UNITS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/linux");

/// `systemd-analyze verify` on `unit`; its exit status and everything it printed.
fn verify(unit: &Path, user: bool, runtime: &Path) -> (bool, String) {
    let mut command = Command::new("systemd-analyze");
    if user {
        command.arg("--user");
    }
    let output = command
        .args(["verify", "--man=no"])
        .arg(unit)
        // The user manager's lookup paths need a runtime folder, which a test machine may lack.
        .env("XDG_RUNTIME_DIR", runtime)
        .env("SYSTEMD_LOG_LEVEL", "notice")
        .output()
        .expect("systemd-analyze runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// A copy of the unit `name` in `dir` with the programs pointed at ones that exist here.
fn testable_copy(name: &str, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(Path::new(UNITS).join(name)).expect("the unit");
    let vitrina = xvfb::binary();
    assert!(
        vitrina.is_file(),
        "the binary under test: {}",
        vitrina.display()
    );
    let pull = Path::new(UNITS).join("vitrina-content-pull");
    let mut copy = text
        .replace("/usr/bin/vitrina-content-pull", &pull.to_string_lossy())
        .replace("/usr/bin/vitrina", &vitrina.to_string_lossy());
    if !Path::new("/usr/bin/cage").is_file() {
        let stand_in = dir.join("cage");
        std::fs::write(&stand_in, "#!/bin/sh\nexec \"$@\"\n").expect("stand-in");
        std::fs::set_permissions(&stand_in, std::fs::Permissions::from_mode(0o755))
            .expect("executable");
        copy = copy.replace("/usr/bin/cage", &stand_in.to_string_lossy());
    }
    let path = dir.join(name);
    std::fs::write(&path, copy).expect("the copy");
    path
}

/// The lines of `verify`'s output about `unit` (a warning such as an unknown key).
fn complaints(text: &str, unit: &str) -> Vec<String> {
    text.lines()
        .filter(|line| line.contains(unit) || line.contains("ignoring"))
        .map(str::to_owned)
        .collect()
}

/// The value of `key=` in the unit's [Service] section (the last one set).
fn service_setting(unit: &str, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(Path::new(UNITS).join(unit)).expect("the unit");
    let mut in_service = false;
    let mut value = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_service = line == "[Service]";
        } else if in_service && let Some(rest) = line.strip_prefix(&format!("{key}=")) {
            value = Some(rest.to_owned());
        }
    }
    value
}

#[test]
fn the_shipped_units_verify_and_use_the_watchdog() {
    for (unit, notify_access) in [("vitrina.service", "main"), ("vitrina-cage.service", "all")] {
        assert_eq!(
            service_setting(unit, "Type").as_deref(),
            Some("notify"),
            "{unit}"
        );
        assert_eq!(
            service_setting(unit, "WatchdogSec").as_deref(),
            Some("30"),
            "{unit}"
        );
        assert_eq!(
            service_setting(unit, "Restart").as_deref(),
            Some("always"),
            "{unit}"
        );
        assert_eq!(
            service_setting(unit, "NotifyAccess").as_deref(),
            Some(notify_access),
            "{unit}"
        );
    }
    // cage is the main process: the watchdog is handed on to Vitrina.
    let cage_start = service_setting("vitrina-cage.service", "ExecStart").expect("ExecStart");
    assert!(
        cage_start.contains("env -u WATCHDOG_PID /usr/bin/vitrina"),
        "{cage_start}"
    );

    if !xvfb::tools_present(&["systemd-analyze"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let runtime = dir.path().join("runtime");
    std::fs::create_dir(&runtime).expect("runtime folder");
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).expect("mode");

    // The checker is heard: a misspelt setting is reported.
    let broken = dir.path().join("broken.service");
    std::fs::write(
        &broken,
        "[Service]\nType=notify\nWatchdogSecs=30\nExecStart=/bin/true\n",
    )
    .expect("write");
    let (_, text) = verify(&broken, false, &runtime);
    assert!(
        !complaints(&text, "broken.service").is_empty(),
        "a misspelt key is reported:\n{text}"
    );

    for (unit, user) in [
        ("vitrina.service", true),
        ("vitrina-cage.service", false),
        ("vitrina-content-pull.service", false),
        ("vitrina-content-pull.timer", false),
    ] {
        let copy = testable_copy(unit, dir.path());
        let (ok, text) = verify(&copy, user, &runtime);
        assert!(ok, "{unit} verifies:\n{text}");
        let said = complaints(&text, unit);
        assert!(
            said.is_empty(),
            "{unit} without warnings:\n{}",
            said.join("\n")
        );
    }
}
