//! Whole-process figures of the release kiosk in a real window under Xvfb, read from /proc
//! (all threads, software rendering included), for each renderer:
//!
//! - first frame: launch to the first screenshot that covers the screen and is not uniform
//!   (screenshots are polled, so the figure is late by up to one capture, about 0.1 s);
//! - memory (PSS, RSS, peak) after a tour of every screen and attract slide;
//! - CPU in the attract loop and on a static Home, over `VITRINA_BENCH_SECS` (60) seconds.
//!
//! Run with `bash scripts/bench-kiosk.sh` (or `cargo bench --bench kiosk`).
//! `VITRINA_BENCH_RUNS` (3 for first frames, 1 for the rest by default) repeats and reports
//! medians; `VITRINA_BENCH_RENDERERS` (glow,wgpu) and `VITRINA_BENCH_SIZE` (1920x1080)
//! choose what runs. Linux only.

#![expect(clippy::print_stdout, reason = "a benchmark reports to the terminal")]

#[path = "../tests/support/xvfb.rs"]
mod xvfb;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use xvfb::{Guard, screenshot, start_xvfb, tap};

/// CPU time of process `pid` (user + system, all threads) in seconds.
fn cpu_secs(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the kiosk runs");
    // Fields after the command name (which is in parentheses and may hold spaces).
    let after = &stat[stat.rfind(')').expect("a stat line") + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 =
        fields[11].parse::<f64>().expect("utime") + fields[12].parse::<f64>().expect("stime");
    ticks / clock_ticks_per_sec()
}

fn clock_ticks_per_sec() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(100.0)
}

/// A memory figure (`key` such as "`VmRSS`:" or "Pss:") from a /proc file of the process, in MiB.
fn proc_mib(pid: u32, file: &str, key: &str) -> f64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap_or_default();
    text.lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

struct Sample {
    cpu_percent: f64,
    rss_mib: f64,
    peak_mib: f64,
    pss_mib: f64,
}

/// Starts the kiosk on a fresh Xvfb screen of `size`, lets `prepare` act on it, waits for
/// it to settle, then measures for `secs` seconds.
fn measure(
    renderer: &str,
    extra: &[&str],
    size: &str,
    secs: u64,
    prepare: impl Fn(&str),
) -> Sample {
    let (_xvfb, display) = start_xvfb(size);
    let app = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["--idle-timeout", "86400", "--renderer", renderer])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DISPLAY", &display)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("vitrina starts");
    let pid = app.id();
    let _app = Guard(app);
    // Start-up, first pictures decoded, window sized to the screen.
    std::thread::sleep(Duration::from_secs(8));
    prepare(&display);
    std::thread::sleep(Duration::from_secs(3));
    let (cpu_before, at) = (cpu_secs(pid), Instant::now());
    std::thread::sleep(Duration::from_secs(secs));
    let cpu = cpu_secs(pid) - cpu_before;
    Sample {
        cpu_percent: 100.0 * cpu / at.elapsed().as_secs_f64(),
        rss_mib: proc_mib(pid, "status", "VmRSS:"),
        peak_mib: proc_mib(pid, "status", "VmHWM:"),
        // Proportional set size: shared pages split between their sharers.
        pss_mib: proc_mib(pid, "smaps_rollup", "Pss:"),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn report(name: &str, samples: &[Sample]) {
    let pick = |f: fn(&Sample) -> f64| median(samples.iter().map(f).collect());
    println!(
        "{name:<28} cpu {:>6.1} % of one core   rss {:>5.0} MiB   peak {:>5.0} MiB   pss {:>5.0} MiB   (median of {})",
        pick(|s| s.cpu_percent),
        pick(|s| s.rss_mib),
        pick(|s| s.peak_mib),
        pick(|s| s.pss_mib),
        samples.len()
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs benches as tests: skip then.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    let env_u64 = |key: &str, default: u64| {
        std::env::var(key)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let secs = env_u64("VITRINA_BENCH_SECS", 60);
    let runs = env_u64("VITRINA_BENCH_RUNS", 1).max(1);
    let size = std::env::var("VITRINA_BENCH_SIZE").unwrap_or_else(|_| "1920x1080".to_owned());
    let renderers =
        std::env::var("VITRINA_BENCH_RENDERERS").unwrap_or_else(|_| "glow,wgpu".to_owned());
    let (width, height) = size.split_once('x').expect("VITRINA_BENCH_SIZE is WxH");
    let centre = |n: &str| n.parse::<u32>().expect("a size") / 2;
    let (cx, cy) = (centre(width), centre(height));
    println!(
        "kiosk under Xvfb {size}, release build, {} core(s); medians of {runs} run(s), {secs} s CPU windows",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    for renderer in renderers.split(',') {
        println!("--- renderer {renderer}");
        let firsts: Vec<f64> = (0..runs.max(3))
            .map(|_| first_frame_secs(renderer, &size))
            .collect();
        println!(
            "{:<28} {:>6.0} ms   (median of {}; each {:?} ms)",
            "first frame",
            1000.0 * median(firsts.clone()),
            firsts.len(),
            firsts
                .iter()
                .map(|s| (s * 1000.0).round())
                .collect::<Vec<_>>()
        );
        // Every screen and slide 1.5 s each (about 35 s), then Home for the reading.
        let toured: Vec<Sample> = (0..runs)
            .map(|_| {
                measure(renderer, &["--bench-tour", "1.5"], &size, 5, |_| {
                    std::thread::sleep(Duration::from_secs(30));
                })
            })
            .collect();
        report("after touring every screen", &toured);
        let attract: Vec<Sample> = (0..runs)
            .map(|_| measure(renderer, &[], &size, secs, |_| {}))
            .collect();
        report("attract loop", &attract);
        let home: Vec<Sample> = (0..runs)
            .map(|_| measure(renderer, &[], &size, secs, |display| tap(display, cx, cy)))
            .collect();
        report("static Home (after a tap)", &home);
    }
}

/// Seconds from launch to the first screenshot that covers the screen and is not uniform.
fn first_frame_secs(renderer: &str, size: &str) -> f64 {
    let (_xvfb, display) = start_xvfb(size);
    let dir = std::env::temp_dir().join(format!("vitrina-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let out = dir.join("shot.ppm");
    let launched = Instant::now();
    let app = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["--renderer", renderer])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DISPLAY", &display)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("vitrina starts");
    let _app = Guard(app);
    loop {
        let shot = screenshot(&display, &out);
        let corner = shot.get_pixel(shot.width() - 4, shot.height() - 4).0;
        let first = shot.get_pixel(0, 0).0;
        let uniform = shot.pixels().step_by(97).all(|p| p.0 == first);
        if !uniform && corner != [0, 0, 0] {
            return launched.elapsed().as_secs_f64();
        }
        assert!(
            launched.elapsed() < Duration::from_mins(1),
            "no frame in 60 s"
        );
    }
}
