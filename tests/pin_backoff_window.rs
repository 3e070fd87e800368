//! The staff PIN's back-off survives a restart of the real binary under Xvfb: three wrong
//! PINs lock the keypad, the kiosk is killed (as a crash or a pulled plug would), and after
//! the restart even the right PIN is refused until the lock ends. Before, a restart gave a
//! guesser three fresh tries at once.

#[path = "support/xvfb.rs"]
mod xvfb;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use xvfb::{Guard, binary, logged, start_xvfb, tools_present, wait_while_running, xdotool};

const PIN: &str = "4821";

/// The kiosk.ron line `vitrina pin` prints for `pin`.
fn pin_line(pin: &str) -> String {
    let mut child = Command::new(binary())
        .arg("pin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("vitrina pin runs");
    let mut stdin = child.stdin.take().expect("a pipe to vitrina pin");
    std::io::Write::write_all(&mut stdin, format!("{pin}\n").as_bytes())
        .expect("the PIN is written");
    drop(stdin);
    let output = child.wait_with_output().expect("vitrina pin ends");
    assert!(output.status.success(), "vitrina pin: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The kiosk with this machine's PIN in `kiosk_ron`, logging into `data`, its window shown.
fn start(display: &str, kiosk_ron: &Path, data: &Path) -> Guard {
    let mut app = Guard(
        Command::new(binary())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["--windowed", "--size", "1280x720", "--kiosk-config"])
            .arg(kiosk_ron)
            .arg("--data-dir")
            .arg(data)
            .env("DISPLAY", display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the kiosk starts"),
    );
    let before = logged(data).matches("first frame").count();
    wait_while_running(&mut app, "the first frame", Duration::from_secs(60), || {
        logged(data).matches("first frame").count() > before
    });
    // No window manager gives it the keyboard: the test does, once the window is named.
    wait_while_running(&mut app, "the focus", Duration::from_secs(10), || {
        Command::new("xdotool")
            .args(["search", "--name", "^Vitrina$", "windowfocus", "--sync"])
            .env("DISPLAY", display)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    });
    xdotool(display, &["mousemove", "640", "360"]);
    std::thread::sleep(Duration::from_millis(300));
    app
}

/// Summons the keypad and types `pin` and Enter.
fn try_pin(display: &str, pin: &str) {
    xdotool(display, &["key", "ctrl+alt+s"]);
    std::thread::sleep(Duration::from_millis(300));
    for digit in pin.chars() {
        xdotool(display, &["key", &digit.to_string()]);
        std::thread::sleep(Duration::from_millis(60));
    }
    xdotool(display, &["key", "Return"]);
    std::thread::sleep(Duration::from_millis(300));
}

#[test]
fn the_pin_lock_survives_a_restart() {
    if !tools_present(&["Xvfb", "xdotool"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk_ron = dir.path().join("kiosk.ron");
    std::fs::write(&kiosk_ron, format!("(\n    {})\n", pin_line(PIN))).expect("kiosk.ron");
    let data = dir.path().join("data");

    let mut app = start(&display, &kiosk_ron, &data);
    for _ in 0..3 {
        try_pin(&display, "0000");
    }
    let locked = std::time::Instant::now();
    while !logged(&data).contains("staff PIN: Locked") {
        assert!(
            locked.elapsed() < Duration::from_secs(10),
            "no lock: {}",
            logged(&data)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let kept = data.join("pin-backoff.txt");
    wait_while_running(
        &mut app,
        "the kept back-off",
        Duration::from_secs(10),
        || std::fs::read_to_string(&kept).is_ok_and(|text| text.starts_with("failures 3\n")),
    );
    // Killed, as by a crash or a pulled plug: nothing is written on the way out.
    drop(app);

    let before = logged(&data).len();
    let mut app = start(&display, &kiosk_ron, &data);
    try_pin(&display, PIN);
    let after = |data: &Path| logged(data).get(before..).unwrap_or_default().to_owned();
    wait_while_running(
        &mut app,
        "the right PIN's outcome",
        Duration::from_secs(10),
        || after(&data).contains("staff PIN: "),
    );
    let log = after(&data);
    assert!(
        log.contains("staff PIN: 3 wrong since the last right one; locked for"),
        "the restart takes up the back-off: {log}"
    );
    assert!(
        log.contains("staff PIN: Locked") && !log.contains("staff PIN: Accepted"),
        "the right PIN waits for the lock to end: {log}"
    );
}
