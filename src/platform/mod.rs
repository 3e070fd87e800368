//! What touches the operating system: pictures on disk, the content watcher, the data and
//! log folders, logging, the panic hook, the fleet's status files and systemd's notify socket,
//! the last good content kept on disk, the staff PIN's back-off, the window's settings (and Windows' own), and the
//! display's power.

pub mod crash;
pub mod data_dir;
pub mod display;
pub mod gl_picture;
pub mod images;
pub mod last_good;
pub mod logging;
pub mod memory;
pub mod notify;
pub mod pin_backoff;
pub mod screenshot;
pub mod settings_watch;
pub mod status;
pub mod video;
pub mod watch;
pub mod window;
#[cfg(windows)]
mod windows;

/// Turns off Windows' press-and-hold feedback on the kiosk window (it would clash with the
/// kiosk's own hold gestures). Does nothing on other systems.
pub fn disable_press_and_hold(cc: &eframe::CreationContext<'_>) {
    #[cfg(windows)]
    windows::disable_press_and_hold(cc);
    #[cfg(not(windows))]
    let _ = cc;
}
