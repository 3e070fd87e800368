//! Watches this machine's `kiosk.ron` and reloads it on a thread of its own.
//!
//! A settings file is a few hundred bytes that changes a few times a year, so the thread
//! compares the file's identity (which file applies, its real path, inode, size and time)
//! once a [`POLL`] instead of subscribing to events: that follows every way of saving,
//! including a file that appears where there was none (the system location is chosen over
//! the user's as soon as it exists), at the cost of one `stat` a second off the UI thread.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, SystemTime};

use crate::content::LoadError;
use crate::settings::{KioskConfig, Source, choose_source, load_kiosk_config};

/// How often the file's identity is compared.
pub const POLL: Duration = Duration::from_secs(1);

/// What the watcher tells the UI thread.
#[derive(Debug)]
pub enum SettingsEvent {
    /// The settings file changed and is valid (or went away: the defaults apply).
    Loaded(Box<KioskConfig>, Source),
    /// The settings file changed and has errors: keep the settings in effect.
    Failed(LoadError),
}

/// Watches the settings file; dropping it stops the thread.
pub struct SettingsWatcher {
    events: Receiver<SettingsEvent>,
    _stop: Sender<()>,
}

/// Identity of the file that applies.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    source: Source,
    real: Option<PathBuf>,
    inode: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn now(given: Option<&Path>) -> Self {
        let source = choose_source(
            given,
            crate::settings::system_path(),
            crate::settings::user_path(),
            Path::is_file,
        );
        let meta = source.path().and_then(|path| std::fs::metadata(path).ok());
        #[cfg(unix)]
        let inode = meta.as_ref().map_or(0, std::os::unix::fs::MetadataExt::ino);
        #[cfg(not(unix))]
        let inode = 0;
        Self {
            real: source.path().and_then(|path| path.canonicalize().ok()),
            inode,
            len: meta.as_ref().map_or(0, std::fs::Metadata::len),
            modified: meta.and_then(|meta| meta.modified().ok()),
            source,
        }
    }
}

impl SettingsWatcher {
    /// Starts watching. `given` is `--kiosk-config`; `wake` is called after each event.
    pub fn start(given: Option<&Path>, wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        Self::start_with_poll(given, POLL, wake)
    }

    /// As [`Self::start`], comparing every `poll` (tests use a short one).
    pub fn start_with_poll(
        given: Option<&Path>,
        poll: Duration,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let (events_tx, events) = channel();
        let (stop_tx, stop) = channel::<()>();
        let given = given.map(Path::to_path_buf);
        let mut stamp = Stamp::now(given.as_deref());
        std::thread::Builder::new()
            .name("settings-watcher".to_owned())
            .spawn(move || {
                loop {
                    match stop.recv_timeout(poll) {
                        Err(RecvTimeoutError::Timeout) => {}
                        // Stopped, or the app is gone.
                        Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
                    }
                    let now = Stamp::now(given.as_deref());
                    if now == stamp {
                        continue;
                    }
                    stamp = now;
                    let event = match stamp.source.path() {
                        None => {
                            log::info!("kiosk.ron is gone: the safe defaults apply");
                            SettingsEvent::Loaded(Box::default(), Source::Defaults)
                        }
                        Some(path) => match load_kiosk_config(path) {
                            Ok(config) => {
                                SettingsEvent::Loaded(Box::new(config), stamp.source.clone())
                            }
                            Err(err) => {
                                log::error!(
                                    "kiosk.ron has errors; the settings in effect stay:\n{err}"
                                );
                                SettingsEvent::Failed(err)
                            }
                        },
                    };
                    if events_tx.send(event).is_err() {
                        return;
                    }
                    wake();
                }
            })?;
        Ok(Self {
            events,
            _stop: stop_tx,
        })
    }

    /// The next event, if one is waiting.
    pub fn try_next(&self) -> Option<SettingsEvent> {
        self.events.try_recv().ok()
    }

    /// The next event, waiting up to `timeout` (tests).
    pub fn next_timeout(&self, timeout: Duration) -> Option<SettingsEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAIT: Duration = Duration::from_secs(5);

    #[test]
    fn an_edit_is_loaded_a_broken_one_reported_and_a_fix_loaded_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("kiosk.ron");
        std::fs::write(&file, "(has_mouse: true)").expect("write");
        let watcher =
            SettingsWatcher::start_with_poll(Some(&file), Duration::from_millis(20), || {})
                .expect("starts");
        std::fs::write(&file, "(has_mouse: false, renderer: Wgpu)").expect("edit");
        match watcher.next_timeout(WAIT) {
            Some(SettingsEvent::Loaded(config, Source::Given(_))) => {
                assert_eq!(config.has_mouse, Some(false), "the edit is read");
            }
            other => panic!("expected the edit, got {other:?}"),
        }
        std::fs::write(&file, "(has_mouse: tru").expect("break");
        match watcher.next_timeout(WAIT) {
            Some(SettingsEvent::Failed(err)) => {
                assert!(err.to_string().contains("kiosk.ron:1:"), "{err}");
            }
            other => panic!("expected the failure, got {other:?}"),
        }
        // Saved through a temporary file and a rename, as editors do.
        let temporary = dir.path().join(".kiosk.ron.swp");
        std::fs::write(&temporary, "(has_mouse: true)").expect("write temp");
        std::fs::rename(&temporary, &file).expect("rename");
        match watcher.next_timeout(WAIT) {
            Some(SettingsEvent::Loaded(config, _)) => {
                assert_eq!(config.has_mouse, Some(true), "the fix is read");
            }
            other => panic!("expected the fix, got {other:?}"),
        }
    }
}
