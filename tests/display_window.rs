//! The display sleeps outside opening hours, in a real window under Xvfb: with hours that are
//! closed now and `display: (off_when_closed: true)` in kiosk.ron, the kiosk turns the display off, a touch turns it on, and it
//! goes off again after the idle timeout. One kiosk process.
//!
//! Xvfb has no DPMS extension (since X server 21.1 the extension exists only when a screen
//! can power a monitor, and Xvfb's cannot; `+extension DPMS` does not change that), so
//! under Xvfb the test checks the commands and the single log line saying DPMS is missing.
//! On a server with DPMS (`xset q` shows "Monitor is …") it also checks the monitor's state.
//! Needs Xvfb, xset and xdotool; without them the test is skipped with a hint, except in CI.

use std::process::{Command, Stdio};
use std::time::Duration;

#[path = "support/files.rs"]
mod files;
#[path = "support/xvfb.rs"]
mod xvfb;

use xvfb::{Guard, binary, logged as log, start_xvfb, tools_present, wait_while_running, xdotool};

/// `xset q` on `display`.
fn xset_q(display: &str) -> String {
    let out = Command::new("xset")
        .arg("q")
        .env("DISPLAY", display)
        .output()
        .expect("xset runs");
    assert!(out.status.success(), "xset q failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits up to `secs` for `ready`, failing early if the kiosk exits.
fn wait_for(app: &mut Guard, what: &str, secs: u64, ready: impl FnMut() -> bool) {
    wait_while_running(app, what, Duration::from_secs(secs), ready);
}

/// Opening hours, as written in kiosk.ron, that are closed now: they open in two hours, for an
/// hour, every day (past midnight when the clock wraps).
fn hours_closed_now() -> String {
    let now = jiff::Zoned::now().datetime();
    let at = |hours: i64| {
        let time = (now + jiff::SignedDuration::from_hours(hours)).time();
        format!("{:02}:{:02}", time.hour(), time.minute())
    };
    format!(r#"opening_hours: (open: "{}", close: "{}"),"#, at(2), at(3))
}

#[test]
fn outside_opening_hours_the_display_sleeps_and_a_touch_wakes_it() {
    if !tools_present(&["Xvfb", "xset", "xdotool"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let site = files::shipped_copy();
    let content = site.path().join("content.ron");
    let data = site.path().join("data");
    // This machine's settings: closed now, and the display sleeps when closed.
    let kiosk_ron = site.path().join("kiosk.ron");
    std::fs::write(
        &kiosk_ron,
        format!(
            "(\n    {}\n    display: (off_when_closed: true),\n)\n",
            hours_closed_now()
        ),
    )
    .expect("write kiosk.ron");
    let dpms = !xset_q(&display).contains("does not have the DPMS Extension");

    let mut app = Guard(
        Command::new(binary())
            .args(["--windowed", "--size", "1280x720", "--idle-timeout", "6"])
            .arg("--kiosk-config")
            .arg(&kiosk_ron)
            .arg("--content")
            .arg(&content)
            .arg("--data-dir")
            .arg(&data)
            .arg("--log-dir")
            .arg(data.join("logs"))
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("vitrina starts"),
    );
    wait_for(&mut app, "the first frame", 90, || {
        log(&data).contains("first frame drawn")
    });

    // Closed: off within a few seconds of the first frame, asked once.
    wait_for(&mut app, "the display turned off", 5, || {
        log(&data).contains("display: off at")
    });
    if dpms {
        wait_for(&mut app, "Monitor is Off", 5, || {
            xset_q(&display).contains("Monitor is Off")
        });
    } else {
        wait_for(&mut app, "the missing DPMS logged", 5, || {
            log(&data).contains("has no DPMS extension")
        });
    }
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        log(&data).matches("display: off at").count(),
        1,
        "off is asked once, not every frame"
    );

    // A touch lights it.
    xdotool(&display, &["mousemove", "640", "360", "click", "1"]);
    wait_for(&mut app, "the display turned on", 5, || {
        log(&data).contains("display: on at")
    });
    if dpms {
        wait_for(&mut app, "Monitor is On", 5, || {
            xset_q(&display).contains("Monitor is On")
        });
    }

    // The idle timeout (6 s) passes without a touch: off again.
    wait_for(&mut app, "the display off again", 15, || {
        log(&data).matches("display: off at").count() == 2
    });
    if dpms {
        wait_for(&mut app, "Monitor is Off again", 5, || {
            xset_q(&display).contains("Monitor is Off")
        });
    }
    let text = log(&data);
    assert_eq!(
        text.matches("display: on at").count(),
        1,
        "on once:\n{text}"
    );
    assert!(
        text.matches("cannot turn the display").count() <= 1,
        "a failure is logged once, not per command:\n{text}"
    );
    assert!(
        app.0.try_wait().expect("waits").is_none(),
        "the kiosk keeps running"
    );
}
