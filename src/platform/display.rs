//! Turning the display off and on (`display: (off_when_closed: true)`): DPMS through the X
//! server on X11 (the `x11rb` crate, already used by winit), `SC_MONITORPOWER` on Windows.
//! Wayland has no common protocol that cage implements, so there the dark closed screen stays.
//!
//! The work runs on a small thread fed by a bounded channel: an X server or a hung Windows
//! program must never stall a frame. Failures are logged once and never end the kiosk.

use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};

/// Commands waiting for the worker; more are dropped (they are a few a day).
const QUEUE: usize = 4;

/// Where the kiosk's window lives, as far as display power goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Session {
    /// An X server (`DISPLAY`): DPMS.
    X11(String),
    /// A Wayland compositor (`WAYLAND_DISPLAY`), such as cage.
    Wayland,
    /// Windows: `SC_MONITORPOWER`.
    Windows,
    /// No display server known (a console, a test without one).
    Unknown,
}

impl Session {
    /// The session from the environment's `WAYLAND_DISPLAY` and `DISPLAY`. Wayland wins, as
    /// with winit: a kiosk under cage draws through Wayland even when Xwayland sets `DISPLAY`.
    pub fn detect(wayland_display: Option<&str>, display: Option<&str>) -> Self {
        fn set(value: Option<&str>) -> Option<&str> {
            value.map(str::trim).filter(|v| !v.is_empty())
        }
        if cfg!(windows) {
            return Self::Windows;
        }
        if set(wayland_display).is_some() {
            Self::Wayland
        } else if let Some(display) = set(display) {
            Self::X11(display.to_owned())
        } else {
            Self::Unknown
        }
    }

    /// The session of this process.
    pub fn current() -> Self {
        let var = |name| std::env::var(name).ok();
        Self::detect(var("WAYLAND_DISPLAY").as_deref(), var("DISPLAY").as_deref())
    }
}

/// Sends power commands to the display, off the UI thread.
pub struct DisplayControl {
    commands: Option<SyncSender<bool>>,
}

impl DisplayControl {
    /// Starts the worker for `session`; on Wayland or without a display server, logs once
    /// what stays as it is and ignores commands.
    #[cfg_attr(
        not(target_os = "linux"),
        expect(
            clippy::needless_pass_by_value,
            reason = "only the Linux build moves the X11 display name into its worker"
        )
    )]
    pub fn start(session: Session) -> Self {
        let worker: Box<dyn FnMut(bool) -> Result<(), String> + Send> = match session {
            #[cfg(target_os = "linux")]
            Session::X11(display) => Box::new(x11::Dpms::new(display).into_worker()),
            #[cfg(not(target_os = "linux"))]
            Session::X11(_) => return Self::inert("X11 display power is built on Linux only"),
            #[cfg(windows)]
            Session::Windows => Box::new(windows::set_power),
            #[cfg(not(windows))]
            Session::Windows => return Self::inert("not a Windows build"),
            Session::Wayland => {
                return Self::inert(
                    "a Wayland session: the kiosk cannot power the display off here (cage \
                     offers no output power protocol); the closed screen stays dark",
                );
            }
            Session::Unknown => return Self::inert("no X11 or Wayland display found"),
        };
        let (send, receive) = mpsc::sync_channel(QUEUE);
        let spawned = std::thread::Builder::new()
            .name("display-power".to_owned())
            .spawn(move || run(&receive, worker));
        match spawned {
            Ok(_) => Self {
                commands: Some(send),
            },
            Err(err) => Self::inert(&format!("no worker thread ({err})")),
        }
    }

    fn inert(why: &str) -> Self {
        log::info!("display power: {why}");
        Self { commands: None }
    }

    /// Turns the display on (`true`) or off (`false`), without waiting.
    pub fn set(&self, on: bool) {
        let Some(commands) = &self.commands else {
            return;
        };
        match commands.try_send(on) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => log::warn!("display power: busy, command dropped"),
            Err(TrySendError::Disconnected(_)) => {
                log::warn!("display power: the worker has stopped");
            }
        }
    }
}

/// The worker's loop: carries out each command, logging a failure once until it changes.
fn run(commands: &Receiver<bool>, mut set: Box<dyn FnMut(bool) -> Result<(), String> + Send>) {
    let mut last_error: Option<String> = None;
    for on in commands {
        match set(on) {
            Ok(()) => {
                log::info!("display power: {}", if on { "on" } else { "off" });
                last_error = None;
            }
            Err(err) => {
                if last_error.as_ref() != Some(&err) {
                    log::warn!(
                        "display power: cannot turn the display {}: {err}",
                        if on { "on" } else { "off" }
                    );
                }
                last_error = Some(err);
            }
        }
    }
}

/// DPMS through the X server.
#[cfg(target_os = "linux")]
mod x11 {
    use x11rb::connection::RequestConnection as _;
    use x11rb::protocol::dpms::{self, ConnectionExt as _, DPMSMode};
    use x11rb::rust_connection::RustConnection;

    /// One connection to the X server, made on first use and again after an error.
    pub struct Dpms {
        display: String,
        connection: Option<RustConnection>,
        /// DPMS was disabled and the kiosk enabled it to turn the display off: disabled
        /// again when it turns on, so the server's own blanking timeouts stay as they were.
        enabled_by_us: bool,
    }

    /// Turns an X error into the log's words.
    fn fail<E: std::fmt::Display>(what: &'static str) -> impl Fn(E) -> String {
        move |err| format!("{what}: {err}")
    }

    impl Dpms {
        pub fn new(display: String) -> Self {
            Self {
                display,
                connection: None,
                enabled_by_us: false,
            }
        }

        pub fn into_worker(mut self) -> impl FnMut(bool) -> Result<(), String> + Send {
            move |on| {
                let result = self.set(on);
                if result.is_err() {
                    // Reconnect next time: the server may have restarted.
                    self.connection = None;
                }
                result
            }
        }

        fn set(&mut self, on: bool) -> Result<(), String> {
            if self.connection.is_none() {
                let (connection, _screen) = x11rb::connect(Some(&self.display))
                    .map_err(|err| format!("cannot reach the X server {}: {err}", self.display))?;
                self.connection = Some(connection);
            }
            let Some(conn) = &self.connection else {
                return Err("no connection".to_owned());
            };
            let present = conn
                .extension_information(dpms::X11_EXTENSION_NAME)
                .map_err(fail("asking for DPMS"))?
                .is_some();
            if !present {
                return Err(format!(
                    "the X server {} has no DPMS extension (a virtual server such as Xvfb \
                     or Xwayland has no monitor to power)",
                    self.display
                ));
            }
            let info = conn
                .dpms_info()
                .map_err(fail("DPMS info"))?
                .reply()
                .map_err(fail("DPMS info"))?;
            if on {
                if info.state {
                    conn.dpms_force_level(DPMSMode::ON)
                        .map_err(fail("DPMS on"))?
                        .check()
                        .map_err(fail("DPMS on"))?;
                }
                if self.enabled_by_us {
                    conn.dpms_disable()
                        .map_err(fail("DPMS disable"))?
                        .check()
                        .map_err(fail("DPMS disable"))?;
                    self.enabled_by_us = false;
                }
            } else {
                if !info.state {
                    // Force level needs DPMS enabled (`xset -dpms` is common on kiosks).
                    conn.dpms_enable()
                        .map_err(fail("DPMS enable"))?
                        .check()
                        .map_err(fail("DPMS enable"))?;
                    self.enabled_by_us = true;
                }
                conn.dpms_force_level(DPMSMode::OFF)
                    .map_err(fail("DPMS off"))?
                    .check()
                    .map_err(fail("DPMS off"))?;
            }
            Ok(())
        }
    }
}

/// `SC_MONITORPOWER` on Windows.
#[cfg(windows)]
mod windows {
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        HWND_BROADCAST, SC_MONITORPOWER, SMTO_ABORTIFHUNG, SendMessageTimeoutW, WM_SYSCOMMAND,
    };

    /// How long one window may take to handle the broadcast, in milliseconds.
    const TIMEOUT_MS: u32 = 2000;

    /// Broadcasts `WM_SYSCOMMAND`/`SC_MONITORPOWER`: 2 turns the display off, -1 on. With a
    /// timeout, so a hung program never stalls the worker for long.
    #[expect(
        unsafe_code,
        reason = "SendMessageTimeoutW is a Win32 call. It is sound here: HWND_BROADCAST is a \
                  constant handle, the message carries two integers and no pointers, and the \
                  result slot is a local that outlives the call."
    )]
    pub fn set_power(on: bool) -> Result<(), String> {
        let level: isize = if on { -1 } else { 2 };
        let mut result: usize = 0;
        // SAFETY: see the reason on this function's `expect`.
        let ok = unsafe {
            SendMessageTimeoutW(
                HWND_BROADCAST,
                WM_SYSCOMMAND,
                SC_MONITORPOWER as usize,
                level,
                SMTO_ABORTIFHUNG,
                TIMEOUT_MS,
                &raw mut result,
            )
        };
        if ok == 0 {
            Err(format!(
                "SendMessageTimeoutW failed ({})",
                std::io::Error::last_os_error()
            ))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_comes_from_the_environment() {
        if cfg!(windows) {
            assert_eq!(Session::detect(None, None), Session::Windows, "always");
            return;
        }
        assert_eq!(
            Session::detect(Some("wayland-0"), Some(":0")),
            Session::Wayland,
            "Wayland wins over Xwayland's DISPLAY"
        );
        assert_eq!(
            Session::detect(Some(" "), Some(":1")),
            Session::X11(":1".to_owned()),
            "an empty WAYLAND_DISPLAY is no session"
        );
        assert_eq!(Session::detect(None, Some("")), Session::Unknown);
        assert_eq!(Session::detect(None, None), Session::Unknown);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_unreachable_x_server_fails_without_a_panic_and_reconnects() {
        // A display number nobody serves: each command fails with a message, none panics.
        let mut set = x11::Dpms::new(":4094".to_owned()).into_worker();
        for on in [false, true, false] {
            let err = set(on).expect_err("no server");
            assert!(err.contains("cannot reach the X server :4094"), "{err}");
        }
        // Commands to an inert control are ignored.
        let inert = DisplayControl::start(Session::Unknown);
        assert!(inert.commands.is_none(), "no worker");
        inert.set(false);
    }

    #[test]
    fn the_worker_takes_commands_without_blocking() {
        let control = DisplayControl::start(Session::X11(":4094".to_owned()));
        for _ in 0..100 {
            // More than the queue holds: the extra ones are dropped, never waited for.
            control.set(false);
        }
    }
}
