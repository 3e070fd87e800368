//! Writing a file so that a reader (the kiosk at its next start, a sync tool carrying it
//! away) sees the old file or the new one, never half of one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The hidden temporary file beside `path` that [`write_atomically`] writes first (hidden,
/// so manifests and sync tools that skip dot files leave it out).
pub fn temporary_for(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".tmp");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` through a temporary file, flushed to disk and renamed over it;
/// makes the folder when missing. On failure the temporary file is removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = temporary_for(path);
    let written = std::fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&temporary, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_is_left() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub/status.json");
        write_atomically(&path, b"one").expect("first write makes the folder");
        write_atomically(&path, b"two").expect("second write replaces");
        assert_eq!(std::fs::read(&path).expect("read"), b"two", "the new file");
        assert!(!temporary_for(&path).exists(), "no temporary left");
        assert_eq!(
            temporary_for(&path).file_name().and_then(|n| n.to_str()),
            Some(".status.json.tmp"),
            "hidden, beside the file"
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kept.ron");
        write_atomically(&path, b"old").expect("write");
        // A folder where the temporary file would go makes the write fail.
        std::fs::create_dir(temporary_for(&path)).expect("block the temporary");
        assert!(write_atomically(&path, b"new").is_err(), "fails");
        assert_eq!(
            std::fs::read(&path).expect("read"),
            b"old",
            "old file intact"
        );
    }
}
