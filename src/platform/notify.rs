//! systemd's notify protocol (`sd_notify(3)`) through the `sd-notify` crate: `READY=1` after
//! the first frame, `WATCHDOG=1` from the UI thread, `STATUS=` with what the screen shows.
//! Only when systemd (or a test) sets `NOTIFY_SOCKET`; elsewhere, and on Windows, nothing.

use std::time::Duration;

/// The longest `STATUS=` text sent (systemctl shows one line).
const STATUS_MAX_CHARS: usize = 200;

/// Messages to the service manager.
#[derive(Debug)]
pub struct Notifier {
    /// `WATCHDOG_USEC`: the service manager kills the kiosk when no ping comes for this long.
    watchdog: Option<Duration>,
    /// A send failed already (logged once, not every ping).
    failed: bool,
}

impl Notifier {
    /// The notifier when `NOTIFY_SOCKET` is set (the kiosk runs as a `Type=notify` unit).
    pub fn from_env() -> Option<Self> {
        #[cfg(unix)]
        {
            std::env::var_os("NOTIFY_SOCKET")?;
            let watchdog = sd_notify::watchdog_enabled();
            match watchdog {
                Some(limit) => log::info!(
                    "systemd notify socket set; watchdog every {} ms",
                    limit.as_millis()
                ),
                None => log::info!("systemd notify socket set; no watchdog"),
            }
            Some(Self {
                watchdog,
                failed: false,
            })
        }
        #[cfg(not(unix))]
        None
    }

    /// `WATCHDOG_USEC`, when the service manager watches the kiosk.
    pub fn watchdog_limit(&self) -> Option<Duration> {
        self.watchdog
    }

    /// `READY=1`: the first frame is drawn.
    pub fn ready(&mut self) {
        self.send(&Message::Ready);
    }

    /// `WATCHDOG=1`: the UI thread is alive.
    pub fn watchdog(&mut self) {
        self.send(&Message::Watchdog);
    }

    /// `STATUS=text` (one line, bounded), shown by `systemctl status`.
    pub fn status(&mut self, text: &str) {
        let line = super::status::bounded_line(text, STATUS_MAX_CHARS);
        self.send(&Message::Status(line));
    }

    fn send(&mut self, message: &Message) {
        match send(message) {
            Ok(()) => {
                if self.failed {
                    log::info!("systemd notify: sent again");
                    self.failed = false;
                }
            }
            Err(err) if !self.failed => {
                log::warn!("systemd notify: cannot send {}: {err}", message.name());
                self.failed = true;
            }
            Err(_) => {}
        }
    }
}

/// One message, owned (the crate's `NotifyState` borrows its text).
#[cfg_attr(
    not(unix),
    expect(
        dead_code,
        reason = "systemd is Unix only: the status text is never sent"
    )
)]
enum Message {
    Ready,
    Watchdog,
    Status(String),
}

impl Message {
    fn name(&self) -> &'static str {
        match self {
            Self::Ready => "READY=1",
            Self::Watchdog => "WATCHDOG=1",
            Self::Status(_) => "STATUS=",
        }
    }
}

#[cfg(unix)]
fn send(message: &Message) -> std::io::Result<()> {
    use sd_notify::NotifyState;
    let state = match message {
        Message::Ready => NotifyState::Ready,
        Message::Watchdog => NotifyState::Watchdog,
        Message::Status(text) => NotifyState::Status(text),
    };
    sd_notify::notify(&[state])
}

#[cfg(not(unix))]
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the Unix `send`, which can fail"
)]
fn send(_message: &Message) -> std::io::Result<()> {
    Ok(())
}
