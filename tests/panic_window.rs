//! The kiosk's panic hook in a real window under Xvfb: `--test-panic` panics in the first
//! frame; the process must exit with a non-zero code (so a service manager restarts it) and
//! the log file must hold the panic message and a backtrace. Needs Xvfb; without it the test
//! is skipped with a hint, except when `CI` is set, where it fails.
//!
//! `VITRINA_BIN` picks the binary (scripts/test.sh passes the release build).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/xvfb.rs"]
mod xvfb;

use xvfb::{Guard, binary, start_xvfb, tools_present};

#[test]
fn a_panic_in_the_first_frame_is_logged_with_a_backtrace_and_exits_non_zero() {
    if !tools_present(&["Xvfb"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    let data = dir.path().join("data");
    let app = Command::new(binary())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--windowed", "--size", "1280x720", "--test-panic"])
        .arg("--log-dir")
        .arg(&logs)
        .arg("--data-dir")
        .arg(&data)
        .env("DISPLAY", &display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("vitrina starts");
    let mut app = Guard(app);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = app.0.try_wait().expect("waits") {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_mins(2),
            "the kiosk did not exit within 120 s of its panic"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status.code(), Some(101), "exit code {status:?}");

    let files: Vec<PathBuf> = std::fs::read_dir(&logs)
        .expect("the log folder was made")
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one log file: {files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    let date = name
        .strip_prefix("vitrina.log.")
        .expect("named vitrina.log.DATE");
    assert!(
        date.parse::<jiff::civil::Date>().is_ok(),
        "dated YYYY-MM-DD: {name}"
    );
    let log = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        log.contains("test panic requested by --test-panic"),
        "the panic message is on disk:\n{log}"
    );
    assert!(
        log.contains("panic in thread 'main' at src/app/mod.rs:"),
        "its place:\n{log}"
    );
    assert!(log.contains("backtrace:"), "a backtrace heading:\n{log}");
    // Frames of a captured backtrace are numbered lines such as `   3: vitrina::…`.
    let frames = log
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            line.split_once(": ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .count();
    assert!(frames >= 3, "backtrace frames in the log:\n{log}");
    assert!(
        log.contains("exiting with code 101"),
        "the exit is explained:\n{log}"
    );
}
