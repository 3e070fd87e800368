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

fn run(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .expect("vitrina runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn old_per_machine_settings_in_content_are_warnings_that_name_their_new_home() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.ron"),
    )
    .unwrap();
    let old = source.replacen(
        "    sections: [",
        "    kiosk: (\n        staff_pin: \"4821\",\n        has_mouse: true,\n    ),\n    sections: [",
        1,
    );
    assert_ne!(old, source, "the fixture has sections");
    let file = dir.path().join("content.ron");
    std::fs::write(&file, &old).unwrap();
    std::fs::create_dir_all(dir.path().join("assets")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assets/picture.png"),
        dir.path().join("assets/picture.png"),
    )
    .unwrap();
    let line = old.lines().position(|l| l.contains("staff_pin")).unwrap() + 1;
    let (code, stdout) = run(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "old settings still work: {stdout}");
    let pin = stdout
        .lines()
        .find(|l| l.contains("kiosk.staff_pin"))
        .unwrap_or_else(|| panic!("a staff_pin warning: {stdout}"));
    assert!(
        pin.starts_with(&format!(
            "{}:{line}:20: warning: kiosk.staff_pin: ",
            file.display()
        )),
        "position of the old PIN: {pin}"
    );
    assert!(
        pin.contains("kiosk.ron") && pin.contains("vitrina pin"),
        "says where it moves and how: {pin}"
    );
    assert!(
        stdout.lines().any(
            |l| l.starts_with(&format!("{}:{}:", file.display(), line + 1))
                && l.contains("has_mouse")
        ),
        "has_mouse warned on its own line: {stdout}"
    );
}

#[test]
fn check_validates_the_kiosk_settings_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let kiosk = dir.path().join("kiosk.ron");
    std::fs::write(
        &kiosk,
        "(\n    has_mouse: true,\n    staff_pin_hash: \"4821\",\n)\n",
    )
    .unwrap();
    let (code, stdout) = run(&[
        "check",
        "content.ron",
        "--kiosk-config",
        kiosk.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "a plain PIN in kiosk.ron is an error: {stdout}");
    assert!(
        stdout.starts_with(&format!("{}:3:21: staff_pin_hash: ", kiosk.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains("content.ron: fine"),
        "the content is still checked: {stdout}"
    );

    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/kiosk.ron");
    let (code, stdout) = run(&["check", "--kiosk-config", example.to_str().unwrap()]);
    assert_eq!(code, 0, "the shipped example is valid: {stdout}");
    assert!(stdout.contains("kiosk.ron: fine: no staff PIN"), "{stdout}");
}

#[test]
fn pin_prints_a_hash_line_that_check_accepts() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .arg("pin")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"4821\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let line = String::from_utf8(output.stdout).unwrap();
    assert!(line.starts_with("staff_pin_hash: \"$argon2id$"), "{line}");
    assert!(!line.contains("4821"), "the PIN is not in the line: {line}");
    let dir = tempfile::tempdir().unwrap();
    let kiosk = dir.path().join("kiosk.ron");
    std::fs::write(&kiosk, format!("(\n    {line})\n")).unwrap();
    let (code, stdout) = run(&["check", "--kiosk-config", kiosk.to_str().unwrap()]);
    assert_eq!(code, 0, "the pasted line is valid: {stdout}");
    assert!(stdout.contains("staff PIN set"), "{stdout}");

    let mut child = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .arg("pin")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"12ab\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "not digits: {output:?}");
    assert!(output.stdout.is_empty(), "nothing to paste");
}

/// `vitrina check` of `source` written as content.ron beside the fixtures' picture: exit code,
/// output and how long it took.
fn check_source(source: &str) -> (i32, String, std::time::Duration) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("assets")).expect("assets folder");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assets/picture.png"),
        dir.path().join("assets/picture.png"),
    )
    .expect("picture copied");
    let file = dir.path().join("content.ron");
    std::fs::write(&file, source).expect("content written");
    let started = std::time::Instant::now();
    let (code, stdout) = run(&["check", file.to_str().expect("a UTF-8 temp path")]);
    (code, stdout, started.elapsed())
}

fn valid_fixture() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.ron"))
        .expect("the valid fixture")
}

/// Most bytes of one line `check` prints (`content::limits::MAX_DIAGNOSTIC_BYTES`).
const MAX_LINE_BYTES: usize = 600;

#[test]
fn a_two_megabyte_language_code_is_one_short_error_at_once() {
    // Issue 21, item 1: each message repeated the code; 1.28 GB printed in 16.7 s.
    let huge = "x".repeat(2 * 1024 * 1024);
    let source = valid_fixture().replacen("code: \"en\"", &format!("code: \"{huge}\""), 1);
    let (code, stdout, took) = check_source(&source);
    assert_eq!(code, 1, "refused: {}", &stdout[..stdout.len().min(2000)]);
    assert!(stdout.len() < 2048, "{} bytes printed", stdout.len());
    assert!(
        stdout.lines().all(|line| line.len() <= MAX_LINE_BYTES),
        "{stdout}"
    );
    assert!(
        stdout.contains(":4:16: languages[1].code: \"xxxx")
            && stdout.contains("…\" is not a language code"),
        "at the code, quoted short: {stdout}"
    );
    assert!(
        stdout.ends_with("1 error, 0 warnings\n"),
        "no cascade: {stdout}"
    );
    assert!(took.as_secs_f64() < 5.0, "took {took:?}");
}

#[test]
fn a_megabyte_paragraph_is_refused_at_its_line_with_the_limit() {
    // Issue 21, item 2: any length passed as fine, and one frame then took seconds.
    let huge = "Long words. ".repeat(90_000);
    let source = valid_fixture().replace("One paragraph.", &huge);
    let (code, stdout, _) = check_source(&source);
    assert_eq!(code, 1, "refused: {}", &stdout[..stdout.len().min(2000)]);
    let line = stdout.lines().next().expect("a line");
    assert!(
        line.ends_with(
            "content.ron:14:20: sections[energy].body[1]: this text is 1080000 characters long; \
             a paragraph may have at most 20000 (see docs/limits.md): shorten it or split it"
        ),
        "{stdout}"
    );
    assert!(stdout.ends_with("1 error, 0 warnings\n"), "{stdout}");
}

#[test]
fn a_thousand_sections_are_one_error_at_the_list() {
    // Issue 21, item 2: 1,000 sections passed, and Home became unreadable.
    let fixture = valid_fixture();
    let start = fixture
        .find("        (\n            id: \"energy\"")
        .expect("the section");
    let end = start + fixture[start..].find("\n        ),\n").expect("its end") + 12;
    let section = &fixture[start..end];
    let more: String = (0..999)
        .map(|i| section.replace("id: \"energy\"", &format!("id: \"s{i}\"")))
        .collect();
    let source = format!("{}{more}{}", &fixture[..end], &fixture[end..]);
    let (code, stdout, _) = check_source(&source);
    assert_eq!(code, 1, "refused: {stdout}");
    assert!(
        stdout.contains(": sections: there are 1000 sections here; at most 24 are allowed"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 error, 0 warnings\n"),
        "one error: {stdout}"
    );
}
