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
fn a_section_whose_days_have_passed_is_a_warning_at_its_until() {
    let (code, stdout) = check("tests/fixtures/ended.ron");
    assert_eq!(code, 0, "a warning, not an error: {stdout}");
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ended.ron"),
    )
    .expect("the fixture");
    let line = source
        .lines()
        .position(|l| l.contains("until: \"2001-12-31\""))
        .expect("the until line")
        + 1;
    let column = source
        .lines()
        .nth(line - 1)
        .expect("the line")
        .find("\"2001-12-31\"")
        .expect("the date")
        + 1;
    let first = stdout.lines().next().unwrap_or_default();
    let today = jiff::Zoned::now().date();
    assert_eq!(
        first,
        format!(
            "tests/fixtures/ended.ron:{line}:{column}: warning: sections[advent].show.until: this \
             section was shown until 2001-12-31, which has passed (today is {today}): visitors no \
             longer see it; remove it from the story, or change the date to show it again"
        ),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with("1 warning"), "{stdout}");
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

/// A content folder made from the valid fixture whose one picture is `name`, holding `bytes`.
fn folder_with_picture(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.ron"),
    )
    .expect("the valid fixture");
    let file = dir.path().join("content.ron");
    std::fs::write(
        &file,
        source.replace("assets/picture.png", &format!("assets/{name}")),
    )
    .expect("write");
    std::fs::create_dir_all(dir.path().join("assets")).expect("mkdir");
    std::fs::write(dir.path().join("assets").join(name), bytes).expect("write");
    (dir, file)
}

/// A PNG of `width`×`height` grey pixels, encoded for real.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::GrayImage::from_pixel(width, height, image::Luma([128]))
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encodes");
    bytes.into_inner()
}

/// A JPEG of a 200×150 gradient.
fn jpeg() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(200, 150, |x, y| {
        let [x, y] = [x, y].map(|v| u8::try_from(v % 256).expect("below 256"));
        image::Rgb([x, y, x ^ y])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("encodes");
    bytes.into_inner()
}

/// The start of a PNG declaring `width`×`height` (signature and IHDR only): a
/// decompression bomb's header.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut crc = !0_u32;
    for &byte in &ihdr {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13_u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&(!crc).to_be_bytes());
    png
}

#[test]
fn each_bad_picture_fails_check_at_the_place_that_names_it() {
    let whole = jpeg();
    let bad: [(&str, Vec<u8>, &str); 5] = [
        ("empty.png", Vec::new(), "the file is empty"),
        (
            "text.png",
            b"Only a note, saved with the wrong name.\n".to_vec(),
            "not a PNG, JPEG or WebP picture",
        ),
        (
            "truncated.jpg",
            whole[..whole.len() * 2 / 3].to_vec(),
            "the file ends before the picture does",
        ),
        ("bomb.png", png_header(100_000, 100_000), "limit"),
        // Real and tiny, but wider than any picture the kiosk decodes (20,000 pixels).
        ("wide.png", png(25_000, 1), "limit"),
    ];
    for (name, bytes, reason) in bad {
        let (_dir, file) = folder_with_picture(name, &bytes);
        let file = file.to_str().expect("UTF-8 path");
        for quick in [false, true] {
            let args: &[&str] = if quick {
                &["check", "--quick", file]
            } else {
                &["check", file]
            };
            let (code, stdout) = run(args);
            assert_eq!(code, 1, "{name} (quick: {quick}) fails:\n{stdout}");
            let lines: Vec<&str> = stdout.lines().collect();
            assert_eq!(lines.len(), 2, "{name}: one error and the count:\n{stdout}");
            assert!(
                lines[0].starts_with(&format!(
                    "{file}:18:31: sections[energy].pictures[1].path: \"assets/{name}\" cannot be shown: "
                )),
                "{name}: placed at its path in the file:\n{stdout}"
            );
            assert!(lines[0].contains(reason), "{name}: says why:\n{stdout}");
            assert_eq!(lines[1], "1 error, 0 warnings", "{name}: counted");
        }
    }
}

#[test]
fn the_good_pictures_pass_and_only_a_full_decode_finds_damage_inside_the_data() {
    let (_dir, file) = folder_with_picture("photo.jpg", &jpeg());
    let file = file.to_str().expect("UTF-8 path");
    let (code, stdout) = run(&["check", file]);
    assert_eq!(code, 0, "a good JPEG passes: {stdout}");
    assert!(stdout.contains("fine: 1 sections"), "{stdout}");

    // A PNG whose header is sound but whose compressed data are damaged.
    let mut damaged = png(300, 200);
    let end = damaged.len() - 20;
    for byte in &mut damaged[60..end] {
        *byte ^= 0x5A;
    }
    let (_dir, file) = folder_with_picture("damaged.png", &damaged);
    let file = file.to_str().expect("UTF-8 path");
    let (code, stdout) = run(&["check", "--quick", file]);
    assert_eq!(code, 0, "the header alone looks fine: {stdout}");
    let (code, stdout) = run(&["check", file]);
    assert_eq!(code, 1, "decoding finds the damage: {stdout}");
    assert!(
        stdout.contains("\"assets/damaged.png\" cannot be shown: cannot decode"),
        "{stdout}"
    );
}

#[test]
fn picture_errors_are_bounded_with_a_count_of_the_rest() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.ron"),
    )
    .expect("the valid fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("assets")).expect("mkdir");
    // Five sections of five broken pictures each, and a picture slide: 26 errors.
    let start = source
        .find("        (\n            id: \"energy\"")
        .expect("the section");
    let end = source
        .find("    ],\n    map:")
        .expect("the end of the sections");
    let section = &source[start..end];
    let mut sections = String::new();
    for s in 0..5 {
        let pictures: Vec<String> = (0..5)
            .map(|p| {
                let name = format!("assets/{s}-{p}.png");
                std::fs::write(dir.path().join(&name), b"not a picture").expect("write");
                format!("(path: \"{name}\")")
            })
            .collect();
        sections.push_str(
            &section
                .replace("id: \"energy\"", &format!("id: \"s{s}\""))
                .replace(
                    "pictures: [(path: \"assets/picture.png\")]",
                    &format!("pictures: [{}]", pictures.join(", ")),
                ),
        );
    }
    std::fs::write(dir.path().join("assets/slide.png"), b"").expect("write");
    let text = format!("{}{sections}{}", &source[..start], &source[end..])
        .replace("section: \"energy\"", "section: \"s0\"")
        .replace(
            "slides: [",
            "slides: [Picture(picture: (path: \"assets/slide.png\")), ",
        );
    let file = dir.path().join("content.ron");
    std::fs::write(&file, text).expect("write");
    let (code, stdout) = run(&["check", file.to_str().expect("UTF-8 path")]);
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        22,
        "20 errors, the rest counted, the total:\n{stdout}"
    );
    assert!(
        lines[..20].iter().all(|l| l.contains("cannot be shown")),
        "{stdout}"
    );
    assert_eq!(lines[20], "… and 6 more picture errors", "{stdout}");
    assert_eq!(lines[21], "26 errors, 0 warnings", "{stdout}");
    assert!(
        stdout.len() < 20 * 300,
        "bounded output: {} bytes",
        stdout.len()
    );
}

#[test]
fn a_bad_picture_of_a_slide_is_placed_at_the_slide_and_long_names_are_shortened() {
    // The longest id and nearly the longest path the content limits allow (docs/limits.md).
    let id = "a".repeat(64);
    let folders = vec!["b".repeat(120); 2].join("/");
    let name = format!("{folders}/x.png");
    let (dir, file) = folder_with_picture("picture.png", &png(16, 9));
    let source = std::fs::read_to_string(&file).expect("read");
    let source = source.replace("\"energy\"", &format!("\"{id}\"")).replace(
        "slides: [",
        &format!("slides: [\n        Picture(picture: (path: \"assets/{name}\")),\n        "),
    );
    std::fs::write(&file, &source).expect("write");
    std::fs::create_dir_all(dir.path().join("assets").join(&folders)).expect("mkdir");
    std::fs::write(dir.path().join("assets").join(&name), b"GIF89a").expect("write");
    let line = source
        .lines()
        .position(|l| l.contains("Picture(picture"))
        .expect("the slide")
        + 1;
    // The section's picture, under its 64-character id, is broken too.
    std::fs::write(dir.path().join("assets/picture.png"), b"").expect("write");
    let file = file.to_str().expect("UTF-8 path");
    let (code, stdout) = run(&["check", file]);
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "two errors and the count: {stdout}");
    assert!(
        lines[0].starts_with(&format!("{file}:18:31: sections[aaa")),
        "the section's picture first, in file order: {stdout}"
    );
    assert!(
        lines[0].contains(
            "…].pictures[1].path: \"assets/picture.png\" cannot be shown: the file is empty"
        ),
        "the id in the item shortened, the reason kept: {stdout}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{file}:{line}:33: slides[1].picture.path: \"assets/bbb"
        )),
        "placed at the slide's path: {stdout}"
    );
    assert!(
        lines[1].contains("…\" cannot be shown: not a PNG, JPEG or WebP picture"),
        "the name shortened, the reason kept: {stdout}"
    );
    for line in &lines {
        assert!(line.len() < 1000, "a bounded line: {} bytes", line.len());
    }
    assert_eq!(lines[2], "2 errors, 0 warnings", "counted");
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
