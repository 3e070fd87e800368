//! Appends usage records to the usage file from a thread of its own, so the UI never waits
//! for the disk. The file rotates by size: `usage.jsonl` becomes `usage.1.jsonl`, the
//! older ones move up a number, and the oldest beyond the kept count goes.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;

use super::event::Record;

/// Records waiting for the writer before new ones are dropped (a stalled disk must not grow
/// memory without bound; a visitor makes a few records a minute).
const QUEUE: usize = 4096;

/// When the usage file rotates and how many rotated files stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rotation {
    /// Size in bytes past which the file rotates before the next line.
    pub max_bytes: u64,
    /// Rotated files kept (`usage.1.jsonl` … `usage.N.jsonl`).
    pub kept: usize,
}

impl Default for Rotation {
    /// 5 MB a file (tens of thousands of records), four older files kept.
    fn default() -> Self {
        Self {
            max_bytes: 5 * 1024 * 1024,
            kept: 4,
        }
    }
}

/// The writer thread's handle: records sent here are appended in order.
#[derive(Debug)]
pub struct UsageWriter {
    sender: Option<SyncSender<Record>>,
    thread: Option<JoinHandle<()>>,
}

impl UsageWriter {
    /// Starts the writer thread appending to `path` (its folder is created when needed).
    /// When the thread cannot start, the error is logged and records are dropped.
    pub fn spawn(path: PathBuf, rotation: Rotation) -> Self {
        let (sender, receiver) = sync_channel(QUEUE);
        let spawned = std::thread::Builder::new()
            .name("usage-writer".to_owned())
            .spawn(move || write_loop(&path, rotation, &receiver));
        match spawned {
            Ok(thread) => Self {
                sender: Some(sender),
                thread: Some(thread),
            },
            Err(err) => {
                log::error!("usage figures are not recorded: cannot start the writer: {err}");
                Self {
                    sender: None,
                    thread: None,
                }
            }
        }
    }

    /// Queues a record; never blocks. A full queue drops the record with a warning.
    pub fn send(&self, record: Record) {
        let Some(sender) = &self.sender else {
            return;
        };
        match sender.try_send(record) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                log::warn!("usage: the writer is behind; a record was dropped");
            }
            Err(TrySendError::Disconnected(_)) => {
                log::warn!("usage: the writer has stopped; a record was dropped");
            }
        }
    }
}

impl Drop for UsageWriter {
    /// Writes what is queued before the app goes.
    fn drop(&mut self) {
        drop(self.sender.take());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            log::error!("usage: the writer thread panicked");
        }
    }
}

/// The writer thread: append each record as a line, rotating by size. An error is logged
/// once until writing works again; the record in hand is lost, the next one tries afresh.
fn write_loop(path: &Path, rotation: Rotation, receiver: &Receiver<Record>) {
    let mut file: Option<File> = None;
    let mut failing = false;
    for record in receiver {
        let mut line = record.to_json_line();
        line.push('\n');
        match append(path, rotation, &mut file, line.as_bytes()) {
            Ok(()) => {
                if failing {
                    log::info!("usage: writing {} again", path.display());
                }
                failing = false;
            }
            Err(err) => {
                file = None;
                if !failing {
                    log::warn!("usage: cannot write {}: {err}", path.display());
                }
                failing = true;
            }
        }
    }
}

fn append(
    path: &Path,
    rotation: Rotation,
    file: &mut Option<File>,
    line: &[u8],
) -> std::io::Result<()> {
    let size = match file {
        Some(open) => open.metadata()?.len(),
        None => std::fs::metadata(path).map_or(0, |m| m.len()),
    };
    let after = size.saturating_add(u64::try_from(line.len()).unwrap_or(u64::MAX));
    if size > 0 && after > rotation.max_bytes {
        // Close before renaming: Windows does not rename an open file.
        *file = None;
        rotate(path, rotation.kept)?;
    }
    if file.is_none() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        *file = Some(OpenOptions::new().create(true).append(true).open(path)?);
    }
    // One write per line: a crash leaves whole lines, at worst one torn last line.
    match file {
        Some(open) => open.write_all(line),
        None => Ok(()),
    }
}

/// Moves `usage.jsonl` to `usage.1.jsonl`, each `usage.N.jsonl` to N+1, dropping the oldest.
fn rotate(path: &Path, kept: usize) -> std::io::Result<()> {
    if kept == 0 {
        return std::fs::remove_file(path);
    }
    let oldest = rotated_path(path, kept);
    if oldest.exists() {
        std::fs::remove_file(&oldest)?;
    }
    for n in (1..kept).rev() {
        let from = rotated_path(path, n);
        if from.exists() {
            std::fs::rename(&from, rotated_path(path, n + 1))?;
        }
    }
    std::fs::rename(path, rotated_path(path, 1))
}

/// The `n`th rotated file of `path`: `usage.jsonl` → `usage.n.jsonl`.
pub fn rotated_path(path: &Path, n: usize) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let stem = stem.as_deref().unwrap_or("usage");
    let name = match path.extension() {
        Some(ext) => format!("{stem}.{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}.{n}"),
    };
    path.with_file_name(name)
}

/// The rotation number of `file_name` as a rotated file of `base_name` (`usage.3.jsonl` of
/// `usage.jsonl` is 3).
pub fn rotation_number(base_name: &str, file_name: &str) -> Option<usize> {
    let (stem, ext) = base_name.rsplit_once('.').unwrap_or((base_name, ""));
    let middle = file_name.strip_prefix(stem)?.strip_prefix('.')?;
    let number = if ext.is_empty() {
        middle
    } else {
        middle.strip_suffix(ext)?.strip_suffix('.')?
    };
    number.parse().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage::event::Event;

    #[test]
    fn rotated_files_are_numbered_before_the_extension() {
        let base = Path::new("data").join("usage.jsonl");
        assert_eq!(
            rotated_path(&base, 2),
            Path::new("data").join("usage.2.jsonl"),
            "path"
        );
        assert_eq!(
            rotation_number("usage.jsonl", "usage.2.jsonl"),
            Some(2),
            "number"
        );
        assert_eq!(
            rotation_number("usage.jsonl", "usage.jsonl"),
            None,
            "the base"
        );
        assert_eq!(
            rotation_number("usage.jsonl", "usage.x.jsonl"),
            None,
            "not a number"
        );
        assert_eq!(
            rotation_number("usage.jsonl", "other.1.jsonl"),
            None,
            "other stem"
        );
    }

    #[test]
    fn the_writer_appends_lines_and_rotates_by_size_keeping_a_few_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("usage.jsonl");
        let at = jiff::civil::date(2026, 5, 4).at(10, 0, 0, 0);
        let record = |n: usize| {
            Record::new(
                at,
                Event::LanguageChosen {
                    lang: format!("l{n:02}"),
                },
            )
        };
        let line_len = record(0).to_json_line().len() as u64 + 1;
        // Three lines a file, two rotated files kept.
        let rotation = Rotation {
            max_bytes: line_len * 3,
            kept: 2,
        };
        let writer = UsageWriter::spawn(path.clone(), rotation);
        for n in 0..11 {
            writer.send(record(n));
        }
        drop(writer);
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        let langs = |text: String| {
            text.lines()
                .map(|l| match Record::from_json_line(l).unwrap().event {
                    Event::LanguageChosen { lang } => lang,
                    other => panic!("{other:?}"),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(langs(read(&path)), ["l09", "l10"], "current");
        assert_eq!(
            langs(read(&rotated_path(&path, 1))),
            ["l06", "l07", "l08"],
            "1"
        );
        assert_eq!(
            langs(read(&rotated_path(&path, 2))),
            ["l03", "l04", "l05"],
            "2"
        );
        assert!(!rotated_path(&path, 3).exists(), "the oldest went");
    }

    #[test]
    fn an_unwritable_file_is_logged_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        // The path is a folder: opening it for appending fails.
        let writer = UsageWriter::spawn(dir.path().to_path_buf(), Rotation::default());
        writer.send(Record::new(
            jiff::civil::date(2026, 5, 4).at(10, 0, 0, 0),
            Event::SessionStart,
        ));
        drop(writer);
        assert!(dir.path().is_dir(), "still a folder");
    }
}
