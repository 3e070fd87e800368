//! `vitrina check` on good and broken content files: exit codes and the exact
//! `FILE:LINE:COLUMN: message` lines staff see.
//!
//! Expected output lives beside each broken file as `<name>.expected`;
//! `UPDATE_EXPECTED=1 cargo test --test check_cli` rewrites them (then read the diff).

use std::path::Path;
use std::process::Command;

fn check(path: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", path])
        .env("RUST_LOG", "off")
        .output()
        .expect("vitrina runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn the_shipped_content_passes_with_no_warnings() {
    let (code, stdout) = check("content.ron");
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.trim_end().ends_with("0 warnings"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "only the summary line: {stdout}");
}

#[test]
fn the_valid_fixture_passes() {
    let (code, stdout) = check("tests/fixtures/valid.ron");
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn a_missing_translation_is_a_warning_and_still_passes() {
    let (code, stdout) = check("tests/fixtures/missing-translation.ron");
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stdout.lines().next(),
        Some(
            "tests/fixtures/missing-translation.ron:13:20: warning: sections[energy].title: \
             no \"lt\" translation; visitors who chose \"lt\" see the default language here"
        ),
        "{stdout}"
    );
}

#[test]
fn a_missing_file_is_one_clear_error() {
    let (code, stdout) = check("tests/fixtures/no-such-file.ron");
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with("tests/fixtures/no-such-file.ron:1:1: cannot read the content file"),
        "{stdout}"
    );
}

#[test]
fn every_broken_fixture_fails_with_its_expected_lines() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".ron").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "fixtures found: {names:?}");
    for name in names {
        let (code, stdout) = check(&format!("tests/fixtures/broken/{name}.ron"));
        assert_eq!(code, 1, "{name} must fail:\n{stdout}");
        let expected_path = dir.join(format!("{name}.expected"));
        if update {
            std::fs::write(&expected_path, &stdout).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} is missing; run with UPDATE_EXPECTED=1",
                expected_path.display()
            )
        });
        assert_eq!(stdout, expected, "{name}");
        // Lines are sorted by position.
        let positions: Vec<(usize, usize)> = stdout
            .lines()
            .filter_map(|line| {
                let mut parts = line.splitn(4, ':');
                parts.next()?;
                Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
            })
            .collect();
        let mut sorted = positions.clone();
        sorted.sort_unstable();
        assert_eq!(positions, sorted, "{name}: sorted by position");
    }
}
