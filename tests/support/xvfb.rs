//! Xvfb, xdotool and child-process helpers shared by the real-window tests and the
//! kiosk benchmarks (included with `#[path]`, so each user compiles only what it calls).

#![allow(dead_code, reason = "each includer uses part of it")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The kiosk binary: `VITRINA_BIN` (scripts/test.sh passes the release build), else Cargo's.
pub fn binary() -> PathBuf {
    std::env::var_os("VITRINA_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_vitrina")),
        PathBuf::from,
    )
}

/// The kiosk in a 1280×720 window on `display` showing `content`, with its data and logs
/// under `data`, its output silenced and `RUST_LOG` cleared: the command every real-window
/// test starts from (add arguments or environment before spawning it).
pub fn windowed_kiosk(content: &Path, data: &Path, display: &str) -> Command {
    let mut command = Command::new(binary());
    command
        .args(["--windowed", "--size", "1280x720", "--content"])
        .arg(content)
        .arg("--data-dir")
        .arg(data)
        .arg("--log-dir")
        .arg(data.join("logs"))
        .env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Whether `tools` are installed: false with a hint outside CI; a failure when `CI` is set,
/// where `.ci/run` must install them.
#[allow(clippy::print_stderr, reason = "the test reports a skip")]
pub fn tools_present(tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|tool| {
            Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .stdout(Stdio::null())
                .status()
                .map_or(true, |status| !status.success())
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but {missing:?} are missing: .ci/run must install xvfb xdotool imagemagick"
    );
    eprintln!(
        "skipped: {missing:?} not found; install them with `apt-get install -y xvfb xdotool imagemagick`"
    );
    false
}

/// Kills the child when dropped, so a failing test leaves no process behind.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn start_xvfb(size: &str) -> (Guard, String) {
    use std::io::Read as _;
    // Let Xvfb pick a free display and tell us its number.
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            &format!("{size}x24"),
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut number = String::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).is_ok_and(|n| n == 1) && byte[0] != b'\n' {
        number.push(byte[0] as char);
    }
    assert!(!number.is_empty(), "Xvfb gave no display number");
    (Guard(child), format!(":{}", number.trim()))
}

pub fn xdotool(display: &str, args: &[&str]) {
    let status = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .status()
        .expect("xdotool runs");
    assert!(status.success(), "xdotool {args:?}");
}

/// A tap: move there, press, release.
pub fn tap(display: &str, x: u32, y: u32) {
    xdotool(display, &["mousemove", &x.to_string(), &y.to_string()]);
    std::thread::sleep(Duration::from_millis(50));
    xdotool(display, &["mousedown", "1"]);
    std::thread::sleep(Duration::from_millis(60));
    xdotool(display, &["mouseup", "1"]);
}

/// The whole screen, captured as raw 8-bit PPM (no compression: a 1080p capture takes a
/// fraction of a second even on a loaded machine, so frames of an animation can be filmed).
pub fn screenshot(display: &str, out: &Path) -> image::RgbImage {
    let ppm = out.with_extension("ppm");
    let status = Command::new("import")
        .args(["-window", "root", "-depth", "8"])
        .arg(format!("ppm:{}", ppm.display()))
        .env("DISPLAY", display)
        .status()
        .expect("import runs");
    assert!(status.success(), "import failed");
    let bytes = std::fs::read(&ppm).expect("the capture is readable");
    decode_ppm(&bytes).expect("the capture is an 8-bit PPM")
}

/// Decodes a binary (P6) PPM with 8-bit samples.
pub fn decode_ppm(bytes: &[u8]) -> Option<image::RgbImage> {
    // Header: "P6", width, height, maxval, separated by whitespace, then one whitespace byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).ok()?);
    }
    let [magic, width, height, maxval] = fields[..] else {
        return None;
    };
    if magic != "P6" || maxval != "255" {
        return None;
    }
    let (width, height): (u32, u32) = (width.parse().ok()?, height.parse().ok()?);
    let data = bytes.get(at + 1..)?.to_vec();
    image::RgbImage::from_raw(width, height, data)
}

/// Everything the kiosk logged so far in `data`'s log folder (`--data-dir`).
pub fn logged(data: &Path) -> String {
    std::fs::read_dir(data.join("logs"))
        .into_iter()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .collect()
}

/// Polls `ready` every 100 ms for up to `limit`, failing early (with `what`) if the kiosk
/// exits first.
pub fn wait_while_running(
    app: &mut Guard,
    what: &str,
    limit: Duration,
    mut ready: impl FnMut() -> bool,
) {
    let start = std::time::Instant::now();
    while !ready() {
        if let Some(status) = app.0.try_wait().expect("waits") {
            panic!("the kiosk exited ({status:?}) before {what}");
        }
        assert!(start.elapsed() < limit, "no {what} in {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}
