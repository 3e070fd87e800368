//! Reading a file that may be anything: a FIFO, a device or a folder at a content path must
//! be refused, never waited on. Opening a FIFO for reading blocks until a writer comes (for
//! ever, at start-up or in the watcher thread), and a device such as `/dev/zero` never ends.
//!
//! So every file the kiosk reads from a content folder or a settings path goes through
//! here: its metadata first (following links: a link to a plain file is fine), then an open
//! that cannot block (`O_NONBLOCK` on Unix), then the opened handle checked again (a FIFO
//! swapped in between the two is caught), then a read of at most the limit.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// What the error says when the path is not a plain file.
pub const NOT_REGULAR: &str =
    "not a regular file (a pipe, device or folder); it must be a plain file";

/// The error for a path that is not a plain file (kind [`io::ErrorKind::InvalidInput`]).
pub fn not_regular() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR)
}

/// Whether `err` says a path is not a plain file (see [`not_regular`]).
pub fn is_not_regular(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::InvalidInput && err.to_string() == NOT_REGULAR
}

/// The error for a file larger than `max` bytes (kind [`io::ErrorKind::FileTooLarge`]).
pub fn too_large(len: Option<u64>, max: u64) -> io::Error {
    let size = len.map_or_else(
        || "more than".to_owned(),
        |len| format!("{len} bytes, more than"),
    );
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("the file is {size} the {} allowed", describe_bytes(max)),
    )
}

/// `bytes` for people: "4 MiB", "64 KiB", "300 bytes".
fn describe_bytes(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Opens `path` for reading only if it is a regular file (links followed), without ever
/// blocking: a FIFO, socket, device or folder gives [`not_regular`] at once.
pub fn open_regular(path: &Path) -> io::Result<File> {
    // Metadata first: a FIFO is refused before any open.
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = open_nonblocking(path)?;
    // The path may have been replaced between the check and the open.
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (and has no
    // effect on reading a regular file). O_NOCTTY: a terminal never becomes ours.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads the regular file at `path` (see [`open_regular`]), at most `max` bytes: a longer
/// file gives [`too_large`] without being read past the limit.
pub fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > max {
        return Err(too_large(Some(len), max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // max + 1: a file that grew since its metadata was read is still caught.
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(None, max));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Far below a hang, far above the few microseconds a refusal takes.
    const QUICK: Duration = Duration::from_secs(1);

    #[test]
    fn a_plain_file_is_read_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("content.ron");
        std::fs::write(&file, b"(languages: [])").expect("write");
        let bytes = read_regular(&file, 100).expect("a plain file reads");
        assert_eq!(bytes, b"(languages: [])", "every byte");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("content.ron");
        std::fs::write(&file, vec![b' '; 2048]).expect("write");
        let err = read_regular(&file, 1024).expect_err("over the limit");
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge, "kind: {err}");
        assert_eq!(
            err.to_string(),
            "the file is 2048 bytes, more than the 1 KiB allowed",
            "the message says both sizes"
        );
        assert!(
            read_regular(&file, 2048).is_ok(),
            "exactly the limit is fine"
        );
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = read_regular(dir.path(), 100).expect_err("a folder");
        assert!(is_not_regular(&err), "refused as not regular: {err}");
    }

    #[test]
    fn a_missing_file_keeps_not_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = read_regular(&dir.path().join("gone.ron"), 100).expect_err("missing");
        assert_eq!(
            err.kind(),
            io::ErrorKind::NotFound,
            "callers wait for it: {err}"
        );
    }

    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo made the FIFO");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_without_a_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("content.ron");
        mkfifo(&fifo);
        let started = Instant::now();
        let err = read_regular(&fifo, 100).expect_err("a FIFO");
        assert!(is_not_regular(&err), "refused as not regular: {err}");
        assert!(
            started.elapsed() < QUICK,
            "no wait: {:?}",
            started.elapsed()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_fifo_is_refused_and_a_link_to_a_file_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        let to_fifo = dir.path().join("to-pipe.ron");
        std::os::unix::fs::symlink(&fifo, &to_fifo).expect("link");
        let err = read_regular(&to_fifo, 100).expect_err("a link to a FIFO");
        assert!(is_not_regular(&err), "refused: {err}");

        let plain = dir.path().join("plain.ron");
        std::fs::write(&plain, b"()").expect("write");
        let to_plain = dir.path().join("to-plain.ron");
        std::os::unix::fs::symlink(&plain, &to_plain).expect("link");
        assert_eq!(
            read_regular(&to_plain, 100).expect("a link to a file reads"),
            b"()",
            "read through the link"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_that_never_ends_is_refused() {
        let started = Instant::now();
        let err = read_regular(Path::new("/dev/zero"), 100).expect_err("a device");
        assert!(is_not_regular(&err), "refused: {err}");
        assert!(
            started.elapsed() < QUICK,
            "no read: {:?}",
            started.elapsed()
        );
    }

    /// The race the second check closes: the handle itself is checked, so whatever the path
    /// names by the time it is opened, only a regular file is read. Opening a FIFO
    /// non-blocking returns at once, and its handle is refused.
    #[cfg(unix)]
    #[test]
    fn an_opened_fifo_handle_is_refused_and_did_not_block() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        let started = Instant::now();
        let file = open_nonblocking(&fifo).expect("a non-blocking open returns");
        assert!(
            started.elapsed() < QUICK,
            "no wait: {:?}",
            started.elapsed()
        );
        assert!(
            !file.metadata().expect("metadata").is_file(),
            "the handle says it is no regular file, so open_regular refuses it"
        );
    }
}
