//! The staff PIN's back-off kept in the data folder, so a restart (a power cut, a crash,
//! pulling the plug) does not give a guesser fresh tries.
//!
//! The file, `pin-backoff.txt`, holds the wrong PINs since the last right one and the wall
//! clock time (Unix seconds) the keypad is locked until. It is written atomically through
//! [`crate::atomic_file`] each time the back-off changes, so a crash leaves the old file or
//! the new one, never half of one: crashing cannot reset it.
//!
//! What is safe when the file cannot be read:
//! - missing: no back-off (a first start; deleting it needs the kiosk's disk, and whoever has
//!   that can read `kiosk.ron` anyway);
//! - anything else (corrupt, too big, not a regular file, unreadable): the first lock-out,
//!   a minute from start, with a log line. Failing closed costs staff a minute once; failing
//!   open would let anything that spoils the file reset the back-off.
//!
//! A wall clock set back could make a lock look longer than it was set for; the gate holds
//! every lock to [`MAX_LOCKOUT_SECS`].

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::state::staff::{Backoff, LOCKOUT_SECS, MAX_LOCKOUT_SECS, MAX_TRIES, StaffGate};

/// The back-off file's name in the data folder.
pub const PIN_BACKOFF_FILE: &str = "pin-backoff.txt";

/// More than any file this module writes: a bigger one is not ours.
const MAX_FILE_BYTES: u64 = 256;

/// The back-off file and the last state written to it.
#[derive(Debug)]
pub struct BackoffFile {
    path: PathBuf,
    written: Option<(u32, u64)>,
    /// Whether the file was read into the gate yet.
    loaded: bool,
}

impl BackoffFile {
    /// The back-off file in `data_dir`.
    pub fn in_dir(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join(PIN_BACKOFF_FILE),
            written: None,
            loaded: false,
        }
    }

    /// Once a frame: the first time, gives `gate` the back-off kept from before (at input
    /// time `now` and wall clock time `wall`); after that, keeps the gate's back-off in the
    /// file whenever it changes.
    pub fn sync(&mut self, gate: &mut StaffGate, now: f64, wall: SystemTime) {
        if self.loaded {
            self.save(gate.backoff(now), wall);
        } else {
            self.loaded = true;
            let kept = self.load(wall);
            if kept.failures > 0 {
                log::info!(
                    "staff PIN: {} wrong since the last right one; locked for {:.0} s",
                    kept.failures,
                    kept.locked_for
                );
            }
            gate.restore(now, kept);
        }
    }

    /// The back-off kept in the file, as of the wall clock time `now`.
    pub fn load(&mut self, now: SystemTime) -> Backoff {
        match read(&self.path) {
            Ok(None) => {
                self.written = Some((0, 0));
                Backoff {
                    failures: 0,
                    locked_for: 0.0,
                }
            }
            Ok(Some((failures, until))) => {
                self.written = Some((failures, until));
                let left = until.saturating_sub(unix_secs(now));
                #[expect(clippy::cast_precision_loss, reason = "seconds, capped below")]
                let locked_for = (left as f64).min(MAX_LOCKOUT_SECS);
                Backoff {
                    failures,
                    locked_for,
                }
            }
            Err(why) => {
                log::warn!(
                    "the staff PIN's back-off file {} {why}; the keypad locks for a minute",
                    self.path.display()
                );
                Backoff {
                    failures: MAX_TRIES,
                    locked_for: LOCKOUT_SECS,
                }
            }
        }
    }

    /// Writes `backoff` (as of the wall clock time `now`) when it differs from what the
    /// file holds.
    pub fn save(&mut self, backoff: Backoff, now: SystemTime) {
        let until = if backoff.locked_for > 0.0 {
            let left = Duration::from_secs_f64(backoff.locked_for.min(MAX_LOCKOUT_SECS));
            // Rounded up: a restart never shortens the lock.
            unix_secs(now) + left.as_secs() + u64::from(left.subsec_nanos() > 0)
        } else {
            0
        };
        let state = (backoff.failures, until);
        // An unlocked state with the same count is the same file; a lock's end only moves
        // when a new lock starts (and then the count moved too).
        if self.written.map(|(failures, _)| failures) == Some(state.0) {
            return;
        }
        let text = format!("failures {}\nlocked_until {}\n", state.0, state.1);
        match crate::atomic_file::write_atomically(&self.path, text.as_bytes()) {
            Ok(()) => self.written = Some(state),
            Err(err) => log::warn!(
                "cannot keep the staff PIN's back-off in {}: {err}",
                self.path.display()
            ),
        }
    }
}

fn unix_secs(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// The failures and lock end in `path`; `Ok(None)` when there is no file; `Err` with why
/// it cannot be used otherwise.
fn read(path: &Path) -> Result<Option<(u32, u64)>, String> {
    // Metadata first: a FIFO or device here must not block the kiosk in `open`.
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(format!("cannot be read ({err})")),
    };
    if !meta.is_file() {
        return Err("is not a regular file".to_owned());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("is over {MAX_FILE_BYTES} bytes"));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES).read_to_string(&mut text))
        .map_err(|err| format!("cannot be read ({err})"))?;
    parse(&text)
        .map(Some)
        .ok_or_else(|| "is damaged".to_owned())
}

fn parse(text: &str) -> Option<(u32, u64)> {
    let mut lines = text.lines();
    let failures = lines.next()?.strip_prefix("failures ")?.parse().ok()?;
    let until = lines.next()?.strip_prefix("locked_until ")?.parse().ok()?;
    lines.next().is_none().then_some((failures, until))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::pin::PinCheck;
    use crate::state::staff::PinOutcome;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn wrong_round(gate: &mut StaffGate, now: f64) {
        gate.close();
        gate.summon(now, true);
        for _ in 0..MAX_TRIES {
            for digit in "0000".chars() {
                gate.digit(now, digit);
            }
            gate.submit(now, &PinCheck::Plain("2468".to_owned()));
        }
    }

    #[test]
    fn a_lock_survives_a_restart_through_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut gate = StaffGate::default();
        let mut file = BackoffFile::in_dir(dir.path());
        assert_eq!(file.load(at(1_000)).failures, 0, "no file: no back-off");
        wrong_round(&mut gate, 0.0);
        file.save(gate.backoff(0.0), at(1_000));
        wrong_round(&mut gate, 60.0);
        file.save(gate.backoff(60.0), at(1_060));
        // Restarted 30 s later (wall clock), with a new input clock.
        let mut restarted = StaffGate::default();
        let kept = BackoffFile::in_dir(dir.path()).load(at(1_090));
        restarted.restore(0.0, kept);
        assert_eq!(
            restarted.locked_for(0.0),
            Some(90.0),
            "120 s lock, 30 s gone"
        );
        restarted.summon(1.0, true);
        for digit in "2468".chars() {
            restarted.digit(1.0, digit);
        }
        assert_eq!(
            restarted.submit(1.0, &PinCheck::Plain("2468".to_owned())),
            PinOutcome::Locked,
            "still locked after the restart"
        );
        wrong_round(&mut restarted, 90.0);
        assert_eq!(
            restarted.locked_for(90.0),
            Some(240.0),
            "the doubling goes on"
        );
    }

    #[test]
    fn a_damaged_or_special_file_locks_for_a_minute_instead_of_resetting() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(PIN_BACKOFF_FILE);
        for (what, bytes) in [
            ("garbage", b"\xFF\xFE junk".to_vec()),
            ("cut short", b"failures 1".to_vec()),
            ("too big", vec![b'1'; 10_000]),
        ] {
            std::fs::write(&path, bytes).expect("write");
            let kept = BackoffFile::in_dir(dir.path()).load(at(0));
            assert_eq!(
                kept,
                Backoff {
                    failures: MAX_TRIES,
                    locked_for: LOCKOUT_SECS
                },
                "{what}"
            );
        }
        let minute = Backoff {
            failures: MAX_TRIES,
            locked_for: LOCKOUT_SECS,
        };
        std::fs::remove_file(&path).expect("remove");
        std::fs::create_dir(&path).expect("a folder in its place");
        assert_eq!(
            BackoffFile::in_dir(dir.path()).load(at(0)),
            minute,
            "not a regular file"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_its_place_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(PIN_BACKOFF_FILE);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo");
        // Opening a FIFO for reading would block for ever with no writer.
        let kept = BackoffFile::in_dir(dir.path()).load(at(0));
        assert_eq!(
            kept,
            Backoff {
                failures: MAX_TRIES,
                locked_for: LOCKOUT_SECS
            },
            "refused, locked a minute"
        );
    }

    #[test]
    fn a_file_lock_longer_than_the_cap_is_held_to_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join(PIN_BACKOFF_FILE),
            "failures 3\nlocked_until 99999999999\n",
        )
        .expect("write");
        let kept = BackoffFile::in_dir(dir.path()).load(at(1_000));
        assert_eq!(
            kept,
            Backoff {
                failures: 3,
                locked_for: MAX_LOCKOUT_SECS
            },
            "capped (clock set back)"
        );
    }

    #[test]
    fn the_lock_end_rounds_up_and_a_right_pin_clears_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut file = BackoffFile::in_dir(dir.path());
        file.save(
            Backoff {
                failures: 3,
                locked_for: 59.5,
            },
            at(100),
        );
        let path = dir.path().join(PIN_BACKOFF_FILE);
        let text = std::fs::read_to_string(&path).expect("written");
        assert_eq!(text, "failures 3\nlocked_until 160\n", "rounded up");
        file.save(
            Backoff {
                failures: 0,
                locked_for: 0.0,
            },
            at(130),
        );
        let text = std::fs::read_to_string(&path).expect("written");
        assert_eq!(text, "failures 0\nlocked_until 0\n", "reset");
    }
}
