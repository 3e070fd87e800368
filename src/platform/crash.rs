//! The kiosk's panic hook: a panic on the UI thread is logged with its place and a
//! backtrace, the log file is flushed, and the process exits with [`PANIC_EXIT_CODE`] so a
//! service manager (systemd `Restart=always`, a Windows task) starts it again.
//!
//! Panics on other threads are logged and then unwind as usual: the picture decoders catch
//! theirs so a hostile file cannot take the kiosk down.

use std::backtrace::Backtrace;
use std::panic::PanicHookInfo;

/// Exit code after a panic on the UI thread (Rust's own panic code).
pub const PANIC_EXIT_CODE: i32 = 101;

/// Installs the hook; call it on the UI thread (the one that will run the window).
pub fn install_panic_hook() {
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        let fatal = thread.id() == ui_thread;
        // A backtrace always for the fatal panic; for the others only when RUST_BACKTRACE asks.
        let backtrace = if fatal {
            Backtrace::force_capture()
        } else {
            Backtrace::capture()
        };
        let report = panic_report(
            thread.name().unwrap_or("unnamed"),
            &message(info),
            info.location().map(ToString::to_string).as_deref(),
            &backtrace.to_string(),
        );
        if fatal {
            log::error!("{report}\nexiting with code {PANIC_EXIT_CODE} to be restarted");
            super::logging::flush();
            std::process::exit(PANIC_EXIT_CODE);
        }
        log::error!("{report}");
    }));
}

/// The panic's message (a `&str` or `String` payload, as `panic!` makes).
fn message(info: &PanicHookInfo<'_>) -> String {
    info.payload_as_str()
        .unwrap_or("(a panic without a message)")
        .to_owned()
}

/// The log entry for a panic: what, where, then the backtrace.
pub fn panic_report(
    thread: &str,
    message: &str,
    location: Option<&str>,
    backtrace: &str,
) -> String {
    let location = location.unwrap_or("an unknown place");
    let backtrace = backtrace.trim_end();
    if backtrace.is_empty() || backtrace == "disabled backtrace" {
        format!("panic in thread '{thread}' at {location}: {message}")
    } else {
        format!("panic in thread '{thread}' at {location}: {message}\nbacktrace:\n{backtrace}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_names_the_thread_the_place_the_message_and_the_backtrace() {
        let report = panic_report(
            "main",
            "boom",
            Some("src/app/mod.rs:10:5"),
            "   0: vitrina::app::draw\n",
        );
        assert_eq!(
            report,
            "panic in thread 'main' at src/app/mod.rs:10:5: boom\nbacktrace:\n   0: vitrina::app::draw",
            "report"
        );
        assert_eq!(
            panic_report("decoder", "bad", None, "disabled backtrace"),
            "panic in thread 'decoder' at an unknown place: bad",
            "no backtrace"
        );
    }
}
