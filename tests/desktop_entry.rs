//! The shipped autostart entry passes `desktop-file-validate` (Debian's `desktop-file-utils`):
//! desktop sessions skip an entry they cannot parse, and the Desktop Entry specification
//! allows only double quotes in `Exec=`. Without the validator the test is skipped with a
//! hint, except when `CI` is set.

use std::path::Path;
use std::process::Command;

const ENTRY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/packaging/linux/vitrina-autostart.desktop"
);

/// `desktop-file-validate` on `path`: whether it passed, and what it said.
fn validate(path: &Path) -> Option<(bool, String)> {
    let output = Command::new("desktop-file-validate")
        .arg(path)
        .output()
        .ok()?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some((output.status.success() && said.trim().is_empty(), said))
}

#[test]
#[expect(clippy::print_stderr, reason = "the test reports a skip")]
fn the_autostart_entry_validates() {
    let Some((ok, said)) = validate(Path::new(ENTRY)) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but desktop-file-validate is missing: scripts/install-deps.sh installs desktop-file-utils"
        );
        eprintln!("skipped: desktop-file-validate not found; apt-get install desktop-file-utils");
        return;
    };
    assert!(ok, "{ENTRY}:\n{said}");

    // The validator is heard: the single quotes the entry once had are refused.
    let dir = tempfile::tempdir().expect("dir");
    let broken = dir.path().join("broken.desktop");
    let text = std::fs::read_to_string(ENTRY).expect("the entry");
    let exec = text
        .lines()
        .find(|line| line.starts_with("Exec="))
        .expect("an Exec line");
    std::fs::write(&broken, text.replace(exec, "Exec=sh -c 'true; true'")).expect("write");
    let (ok, said) = validate(&broken).expect("it ran a moment ago");
    assert!(
        !ok && said.contains("reserved character"),
        "single quotes are refused:\n{said}"
    );
}
