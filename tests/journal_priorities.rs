//! Under systemd the journal reads each stderr line's priority from its `<N>` prefix: the
//! real binary, its stderr a file that `JOURNAL_STREAM` names (as systemd sets it), marks
//! errors `<3>` and information `<6>`; its log file and a stderr that is not the named one
//! carry no prefix. (No journald here: systemd is not running in the test container.)

#![cfg(unix)]

use std::os::unix::fs::MetadataExt as _;
use std::path::Path;
use std::process::Command;

#[path = "support/xvfb.rs"]
mod xvfb;

/// Runs the kiosk on a missing content file (it logs an error and exits before opening a
/// window) with stderr in `err`; `journal_stream` names `err` when true. Returns stderr and
/// the log file's text.
fn run(dir: &Path, journal_stream: bool) -> (String, String) {
    let err = dir.join("stderr.txt");
    let file = std::fs::File::create(&err).expect("test setup");
    let meta = file.metadata().expect("test setup");
    let data = dir.join("data");
    let mut command = Command::new(xvfb::binary());
    command
        .arg("--content")
        .arg(dir.join("missing/content.ron"))
        .arg("--data-dir")
        .arg(&data)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("RUST_LOG")
        .stderr(file);
    if journal_stream {
        command.env("JOURNAL_STREAM", format!("{}:{}", meta.dev(), meta.ino()));
    } else {
        // Inherited from a unit, but stderr was sent elsewhere: not the journal.
        command.env(
            "JOURNAL_STREAM",
            format!("{}:{}", meta.dev(), meta.ino() + 1),
        );
    }
    let status = command.status().expect("the kiosk runs");
    assert!(!status.success(), "no content: it stops with an error");
    (
        std::fs::read_to_string(&err).expect("stderr"),
        xvfb::logged(&data),
    )
}

#[test]
fn with_stderr_as_the_journal_each_line_carries_its_priority_and_the_log_file_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (stderr, file) = run(dir.path(), true);
    let logged: Vec<&str> = stderr.lines().filter(|l| l.starts_with('<')).collect();
    assert!(
        logged
            .iter()
            .any(|l| l.starts_with("<3>") && l.contains("ERROR") && l.contains("cannot start")),
        "the error at priority 3:\n{stderr}"
    );
    assert!(
        logged
            .iter()
            .any(|l| l.starts_with("<6>") && l.contains("INFO")),
        "information at priority 6:\n{stderr}"
    );
    assert!(
        stderr
            .lines()
            .filter(|l| l.contains(" INFO ") || l.contains(" ERROR ") || l.contains(" WARN "))
            .all(|l| l.starts_with('<')),
        "every log line prefixed:\n{stderr}"
    );
    assert!(
        file.contains("cannot start"),
        "the file has the error:\n{file}"
    );
    assert!(
        file.lines().all(|l| !l.starts_with('<')),
        "the file is unchanged:\n{file}"
    );
}

#[test]
fn with_stderr_elsewhere_lines_carry_no_prefix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (stderr, _) = run(dir.path(), false);
    assert!(stderr.contains("cannot start"), "logged:\n{stderr}");
    assert!(
        stderr.lines().all(|l| !l.starts_with('<')),
        "no prefix:\n{stderr}"
    );
}
