//! A kiosk that restarts while content.ron is broken shows the last good content, in a real
//! window under Xvfb: the first run keeps a copy in the data folder, the second run (with a
//! broken file) starts on it and logs the file's error; with no copy it exits non-zero.
//! Needs Xvfb; without it the test is skipped with a hint, except when `CI` is set.
//!
//! `VITRINA_BIN` picks the binary (scripts/test.sh passes the release build).

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

#[path = "support/files.rs"]
mod files;
#[path = "support/xvfb.rs"]
mod xvfb;

use xvfb::{
    Guard, logged as log, screenshot, start_xvfb, tools_present, wait_while_running, windowed_kiosk,
};

fn kiosk(content: &Path, data: &Path, display: &str) -> Child {
    windowed_kiosk(content, data, display)
        .spawn()
        .expect("vitrina starts")
}

/// Waits up to 90 s for `ready`, failing early if the kiosk exits.
fn wait_for(app: &mut Guard, what: &str, ready: impl FnMut() -> bool) {
    wait_while_running(app, what, Duration::from_secs(90), ready);
}

#[test]
fn a_restart_with_a_broken_content_file_shows_the_last_good_content() {
    if !tools_present(&["Xvfb", "import"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let site = files::shipped_copy();
    let content = site.path().join("content.ron");
    let data = site.path().join("data");
    let copy = data.join("last-good-content.ron");

    // A run on good content keeps a copy.
    let mut first = Guard(kiosk(&content, &data, &display));
    wait_for(&mut first, "the first frame", || {
        log(&data).contains("first frame drawn")
    });
    wait_for(&mut first, "the copy", || copy.is_file());
    drop(first);

    // The file breaks (an edit half-saved when the power went): the next start shows the copy.
    std::fs::write(&content, "(languages: [(code: \"en\"").expect("break the file");
    let mut second = Guard(kiosk(&content, &data, &display));
    wait_for(&mut second, "the first frame", || {
        log(&data).matches("first frame drawn").count() >= 2
    });
    let text = log(&data);
    assert!(
        text.contains("showing the last good content"),
        "the fallback is logged:\n{text}"
    );
    assert!(
        text.contains("content.ron:1:"),
        "with the file's error and its place:\n{text}"
    );
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        second.0.try_wait().expect("waits").is_none(),
        "the kiosk keeps running"
    );
    // The attract loop is on screen: a picture, not an empty window.
    let shot = screenshot(&display, &site.path().join("shot.ppm"));
    let mut colours: Vec<[u8; 3]> = shot.pixels().map(|p| p.0).collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        colours.len() > 200,
        "the screen shows the story ({} colours)",
        colours.len()
    );
    drop(second);

    // Without a copy there is nothing to show: a clear error and a non-zero exit.
    std::fs::remove_file(&copy).expect("remove the copy");
    let mut third = kiosk(&content, &data, &display);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = third.try_wait().expect("waits") {
            break status;
        }
        assert!(start.elapsed() < Duration::from_mins(1), "it did not exit");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(!status.success(), "exit code {status:?}");
    assert!(
        log(&data).contains("there is no last good copy"),
        "the reason is logged"
    );
}
