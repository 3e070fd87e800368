//! CPU and memory of the release kiosk in a real window under Xvfb, read from /proc for
//! the whole process (all threads, software rendering included):
//!
//! - the attract loop, for `VITRINA_BENCH_SECS` (default 60) seconds;
//! - a static Home screen for as long, after a tap wakes the kiosk.
//!
//! Run with `cargo bench --bench kiosk_cpu`; `VITRINA_BENCH_RUNS` (default 1) repeats each
//! measurement and reports the median, since shared machines are noisy. Linux only.

#![expect(clippy::print_stdout, reason = "a benchmark reports to the terminal")]

#[path = "../tests/support/xvfb.rs"]
mod xvfb;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use xvfb::{Guard, start_xvfb, tap};

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

/// A memory figure from /proc/PID/status, in MiB.
fn status_mib(pid: u32, key: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the kiosk runs");
    status
        .lines()
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

/// Proportional set size (shared pages split between sharers), in MiB.
fn pss_mib(pid: u32) -> f64 {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
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
fn measure(size: &str, secs: u64, prepare: impl Fn(&str)) -> Sample {
    let (_xvfb, display) = start_xvfb(size);
    let app = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["--idle-timeout", "86400"])
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
        rss_mib: status_mib(pid, "VmRSS:"),
        peak_mib: status_mib(pid, "VmHWM:"),
        pss_mib: pss_mib(pid),
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
    println!("kiosk under Xvfb {size}, {secs} s per measurement, release build");
    let attract: Vec<Sample> = (0..runs).map(|_| measure(&size, secs, |_| {})).collect();
    report("attract loop", &attract);
    let home: Vec<Sample> = (0..runs)
        .map(|_| measure(&size, secs, |display| tap(display, 960, 540)))
        .collect();
    report("static Home (after a tap)", &home);
}
