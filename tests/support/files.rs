//! Files for tests: a private copy of the shipped content to edit.

#![allow(dead_code, reason = "each test file uses a part of the helpers")]

use std::path::Path;

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("test setup");
    for entry in std::fs::read_dir(from).expect("test setup") {
        let entry = entry.expect("test setup");
        if entry.file_type().expect("test setup").is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("test setup");
        }
    }
}

/// A copy of the shipped content.ron and assets/ in a new temporary folder.
pub fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(shipped.join("content.ron"), dir.path().join("content.ron"))
        .expect("copy content.ron");
    copy_dir(&shipped.join("assets"), &dir.path().join("assets"));
    dir
}
