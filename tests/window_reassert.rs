//! The kiosk window under a real window manager (openbox on Xvfb): it is fullscreen and on
//! top, and when minimised (a shortcut, `xdotool windowminimize`) it comes back by itself
//! within a few seconds. Before, a minimised kiosk stayed away until someone restarted it,
//! and the on-top level asked for at creation was not applied.

#[path = "support/files.rs"]
mod files;
#[path = "support/xvfb.rs"]
mod xvfb;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use xvfb::{Guard, binary, logged, start_xvfb, tools_present, wait_while_running};

/// The output of `tool args` on `display` (empty when it fails).
fn output(display: &str, tool: &str, args: &[&str]) -> String {
    Command::new(tool)
        .args(args)
        .env("DISPLAY", display)
        .stderr(Stdio::null())
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default()
}

/// The window's `_NET_WM_STATE` and `WM_STATE`, as xprop prints them.
fn window_state(display: &str, window: &str) -> String {
    output(
        display,
        "xprop",
        &["-id", window, "_NET_WM_STATE", "WM_STATE"],
    )
}

/// Waits up to `limit` for the window's state to satisfy `wanted`; its last state.
fn wait_for_state(
    app: &mut Guard,
    display: &str,
    window: &str,
    what: &str,
    limit: Duration,
    wanted: impl Fn(&str) -> bool,
) -> String {
    let mut last = String::new();
    wait_while_running(app, what, limit, || {
        last = window_state(display, window);
        wanted(&last)
    });
    last
}

fn shown(state: &str) -> bool {
    state.contains("_NET_WM_STATE_FULLSCREEN")
        && !state.contains("_NET_WM_STATE_HIDDEN")
        && state.contains("window state: Normal")
}

#[test]
fn a_minimised_kiosk_window_comes_back_fullscreen_and_on_top() {
    if !tools_present(&["Xvfb", "xdotool", "xprop", "openbox"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let _wm = Guard(
        Command::new("openbox")
            .arg("--sm-disable")
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openbox starts"),
    );
    // openbox owns the WM selection once it manages the screen.
    let started = Instant::now();
    while !output(&display, "xprop", &["-root", "_NET_SUPPORTING_WM_CHECK"]).contains("window id") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "openbox did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    let site = files::shipped_copy();
    let data = tempfile::tempdir().expect("temp dir");
    // Kiosk mode: no --windowed.
    let mut app = Guard(
        Command::new(binary())
            .arg("--content")
            .arg(site.path().join("content.ron"))
            .arg("--data-dir")
            .arg(data.path())
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the kiosk starts"),
    );
    let mut window = String::new();
    wait_while_running(&mut app, "its window", Duration::from_secs(60), || {
        window = output(
            &display,
            "xdotool",
            &["search", "--onlyvisible", "--name", "^Vitrina$"],
        )
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
        !window.is_empty()
    });
    let state = wait_for_state(
        &mut app,
        &display,
        &window,
        "fullscreen and on top",
        Duration::from_secs(20),
        |state| shown(state) && state.contains("_NET_WM_STATE_ABOVE"),
    );
    assert!(shown(&state), "fullscreen at start: {state}");

    for round in 0..2 {
        xvfb::xdotool(&display, &["windowminimize", &window]);
        let gone = wait_for_state(
            &mut app,
            &display,
            &window,
            "the window minimised",
            Duration::from_secs(5),
            |state| state.contains("window state: Iconic"),
        );
        assert!(gone.contains("Iconic"), "round {round}: minimised: {gone}");
        let minimised_at = Instant::now();
        let back = wait_for_state(
            &mut app,
            &display,
            &window,
            "the window back",
            Duration::from_secs(15),
            |state| shown(state) && state.contains("_NET_WM_STATE_ABOVE"),
        );
        let took = minimised_at.elapsed();
        assert!(
            took < Duration::from_secs(10),
            "round {round}: back in {took:?}: {back}"
        );
    }
    let log = logged(data.path());
    assert!(
        log.contains("kiosk window: [Minimized(false)"),
        "the restore is logged: {log}"
    );
}
