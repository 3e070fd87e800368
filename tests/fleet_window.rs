//! The fleet layer in a real window under Xvfb, one kiosk process for all of it: systemd's
//! notify messages arrive on a test `NOTIFY_SOCKET` (READY=1 after the first frame, STATUS=
//! with the screen and content, WATCHDOG=1 again and again while the screen stands still on
//! Home: the content's `attract_on_start` is turned off and `--idle-timeout` is a day, so no
//! attract loop animates and nothing asks for frames but the fleet layer), status.json is written
//! with its fields and its heartbeat advances, and screen.png shows the screen.
//! Needs Xvfb; without it the test is skipped with a hint, except when `CI` is set.
//!
//! `VITRINA_BIN` picks the binary (scripts/test.sh passes the release build).

use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/files.rs"]
mod files;
#[path = "support/xvfb.rs"]
mod xvfb;

use xvfb::{Guard, binary, start_xvfb, tools_present};

/// How long the kiosk gets to start (a loaded CI machine compiles shaders in software).
const START_LIMIT: Duration = Duration::from_secs(90);

/// One notify message and when it came.
struct Heard {
    at: Instant,
    text: String,
}

/// Collects the messages on `socket` until `until` says stop or `limit` passes.
fn listen(
    socket: &UnixDatagram,
    app: &mut Guard,
    heard: &mut Vec<Heard>,
    limit: Duration,
    mut until: impl FnMut(&[Heard]) -> bool,
) {
    let start = Instant::now();
    let mut buffer = [0_u8; 4096];
    while start.elapsed() < limit && !until(heard) {
        if let Some(status) = app.0.try_wait().expect("waits") {
            panic!("the kiosk exited ({status:?})");
        }
        match socket.recv(&mut buffer) {
            Ok(n) => {
                let text = String::from_utf8_lossy(&buffer[..n]).into_owned();
                for line in text.lines() {
                    heard.push(Heard {
                        at: Instant::now(),
                        text: line.to_owned(),
                    });
                }
            }
            Err(err)
                if matches!(
                    err.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(err) => panic!("the socket fails: {err}"),
        }
    }
}

/// status.json as JSON, once it parses.
fn status(data: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(data.join("status.json")).ok()?;
    Some(serde_json::from_str(&text).expect("status.json is always whole JSON"))
}

/// Polls `ready` every 100 ms for up to `limit`.
fn wait_for<T>(what: &str, limit: Duration, mut ready: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = ready() {
            return value;
        }
        assert!(start.elapsed() < limit, "no {what} in {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_kiosk_reports_to_systemd_and_writes_its_status_files() {
    if !tools_present(&["Xvfb"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let site = files::shipped_copy();
    let content = site.path().join("content.ron");
    let text = std::fs::read_to_string(&content).expect("content");
    let still = text.replacen(
        "wake_into_section: false,",
        "wake_into_section: false, attract_on_start: false,",
        1,
    );
    assert_ne!(
        still, text,
        "the shipped content's kiosk settings changed: update the test"
    );
    std::fs::write(&content, still).expect("content starting on Home");
    let data = site.path().join("data");
    let socket_path = site.path().join("notify.sock");
    let socket = UnixDatagram::bind(&socket_path).expect("the test's notify socket");
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");

    let mut app = Guard(
        Command::new(binary())
            .args(["--windowed", "--size", "1280x720", "--content"])
            .arg(&content)
            .arg("--data-dir")
            .arg(&data)
            .args([
                "--idle-timeout",
                "86400",
                "--status-every-secs",
                "1",
                "--screenshot-every-secs",
                "2",
            ])
            .env("DISPLAY", &display)
            .env("NOTIFY_SOCKET", &socket_path)
            .env("WATCHDOG_USEC", "2000000")
            .env_remove("WATCHDOG_PID")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("vitrina starts"),
    );

    // READY=1 after the first frame, and the status line with it.
    let mut heard = Vec::new();
    listen(&socket, &mut app, &mut heard, START_LIMIT, |heard| {
        heard.iter().any(|h| h.text == "READY=1")
    });
    let texts = |heard: &[Heard]| heard.iter().map(|h| h.text.clone()).collect::<Vec<_>>();
    assert!(
        heard.iter().any(|h| h.text == "READY=1"),
        "READY=1 within {START_LIMIT:?}: {:?}",
        texts(&heard)
    );

    // Home stands still: only the watchdog's own frames run. WATCHDOG_USEC is 2 s, so a
    // ping comes at least every second; a quarter period (0.5 s) is what the kiosk aims at.
    let ready_at = Instant::now();
    listen(
        &socket,
        &mut app,
        &mut heard,
        Duration::from_secs(5),
        |_| false,
    );
    let pings: Vec<Instant> = heard
        .iter()
        .filter(|h| h.text == "WATCHDOG=1" && h.at >= ready_at)
        .map(|h| h.at)
        .collect();
    assert!(
        pings.len() >= 3,
        "WATCHDOG=1 again and again on a still screen: {} in 5 s",
        pings.len()
    );
    let longest = pings
        .windows(2)
        .map(|pair| pair[1] - pair[0])
        .max()
        .unwrap_or_default();
    assert!(
        longest <= Duration::from_millis(1500),
        "no gap near the 2 s limit: {longest:?}"
    );
    let lines: Vec<&str> = heard
        .iter()
        .filter_map(|h| h.text.strip_prefix("STATUS="))
        .collect();
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("screen home; content ")),
        "STATUS= names the screen and the content: {lines:?}"
    );

    // status.json: the fields, and a heartbeat that advances.
    let first = wait_for("status.json with the content hash", START_LIMIT, || {
        status(&data).filter(|s| s["content"]["sha256"].is_string())
    });
    assert_eq!(first["schema"], 1, "schema: {first}");
    assert_eq!(first["version"], env!("CARGO_PKG_VERSION"), "version");
    assert_eq!(first["screen"], "home", "screen: {first}");
    assert!(
        first["host"].as_str().is_some_and(|h| !h.is_empty()),
        "host"
    );
    assert!(first["uptime_secs"].is_u64(), "uptime");
    assert!(
        first["memory_bytes"].as_u64().is_some_and(|m| m > 0),
        "memory"
    );
    assert_eq!(first["last_reload"]["outcome"], "none", "no reload");
    let hash = first["content"]["sha256"].as_str().expect("hash");
    assert!(
        hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "SHA-256 hex: {hash}"
    );
    assert!(
        first["content"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("content.ron")),
        "path: {first}"
    );
    for key in ["heartbeat", "started_at"] {
        let text = first[key].as_str().expect("a time");
        assert!(
            text.ends_with('Z') && text.parse::<jiff::Timestamp>().is_ok(),
            "{key} is RFC 3339 UTC: {text}"
        );
    }
    assert!(
        first["content"]["applied_at"].is_string(),
        "applied_at: {first}"
    );
    let beat = |s: &serde_json::Value| {
        s["heartbeat"]
            .as_str()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
    };
    let first_beat = beat(&first).expect("heartbeat");
    let later = wait_for("a newer heartbeat", Duration::from_secs(15), || {
        status(&data).filter(|s| beat(s).is_some_and(|b| b > first_beat))
    });
    assert_eq!(later["screen"], "home", "still home");

    // screen.png: Home as drawn, not an empty window.
    let shot = wait_for("screen.png", Duration::from_secs(30), || {
        image::open(data.join("screen.png")).ok()
    });
    assert_eq!(shot.width(), 640, "the default width");
    assert_eq!(shot.height(), 360, "in proportion");
    let mut colours: Vec<[u8; 3]> = shot.to_rgb8().pixels().map(|p| p.0).collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        colours.len() > 50,
        "screen.png shows the screen ({} colours)",
        colours.len()
    );
    assert!(
        app.0.try_wait().expect("waits").is_none(),
        "the kiosk keeps running"
    );
}
