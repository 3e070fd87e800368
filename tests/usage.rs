//! Usage figures end to end: a scripted visit through the whole app records exactly the
//! expected events, and `vitrina stats` adds up a committed usage file into its tables.

mod common;

use std::path::Path;
use std::process::Command;

use common::shipped;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use vitrina::app::{Screen, VitrinaApp};
use vitrina::usage::event::tenths;
use vitrina::usage::{Event, MemoryLog, UsageSink};

fn noon() -> jiff::civil::DateTime {
    jiff::civil::date(2026, 11, 30).at(12, 0, 0, 0)
}

/// The app in the attract loop, recording usage in memory, with a 60 s idle timeout (long
/// enough that no step of the script reaches it by accident).
fn app_recording() -> (Harness<'static, VitrinaApp>, MemoryLog) {
    let loaded = shipped();
    let (sink, log) = UsageSink::memory();
    let harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            VitrinaApp::new(&cc.egui_ctx, loaded)
                .with_idle_timeout(Some(60))
                .with_wall_clock(noon)
                .with_usage(sink)
        });
    (harness, log)
}

/// Steps one frame at a time until `done` holds; returns that frame's input time.
fn step_until(
    harness: &mut Harness<'static, VitrinaApp>,
    what: &str,
    done: impl Fn(&VitrinaApp) -> bool,
) -> f64 {
    for _ in 0..1000 {
        harness.step();
        if done(harness.state()) {
            return harness.ctx.input(|i| i.time);
        }
    }
    panic!("never reached: {what}");
}

fn steps(harness: &mut Harness<'static, VitrinaApp>, n: usize) {
    for _ in 0..n {
        harness.step();
    }
}

#[test]
fn a_scripted_visit_records_its_session_section_language_and_layer() {
    let content = shipped().content;
    let gas = content
        .map
        .layers
        .iter()
        .position(|l| l.id == "gas")
        .expect("a gas layer");
    let (mut harness, log) = app_recording();
    steps(&mut harness, 4);
    assert_eq!(
        harness.state().state().screen,
        Screen::Attract,
        "starts in the loop"
    );
    assert!(log.events().is_empty(), "nothing while the loop runs");

    // Wake: the press leaves the loop.
    let centre = egui::pos2(960.0, 540.0);
    harness.hover_at(centre);
    harness.step();
    harness.drag_at(centre);
    let woke = step_until(&mut harness, "woke", |app| {
        app.state().screen == Screen::Home
    });
    harness.drop_at(centre);
    steps(&mut harness, 4);

    // Read the first section for a while, then go Home.
    harness
        .get_by_label(content.sections[0].title.resolve("en", "en"))
        .click();
    let opened = step_until(&mut harness, "section", |app| {
        app.state().screen == Screen::Section(0)
    });
    steps(&mut harness, 20);
    harness.get_by_label("Home").click();
    let left = step_until(&mut harness, "home", |app| {
        app.state().screen == Screen::Home
    });
    steps(&mut harness, 4);

    // Lithuanian, then the map, and the gas layer off.
    harness.get_by_label("Lietuvių").click();
    step_until(&mut harness, "lt", |app| app.state().lang_code == "lt");
    steps(&mut harness, 4);
    harness
        .get_by_label(content.labels.explore_map.resolve("lt", "en"))
        .click();
    step_until(&mut harness, "map drawn", |app| {
        matches!(app.state().screen, Screen::Map { .. }) && app.map().state().is_some()
    });
    steps(&mut harness, 4);
    harness
        .get_by_label(content.map.layers[gas].name.resolve("lt", "en"))
        .click();
    let toggled = step_until(&mut harness, "gas off", |app| {
        app.map().state().is_some_and(|map| !map.layer_visible(gas))
    });

    // Nobody touches it: the warning, then the reset to the loop.
    let reset = step_until(&mut harness, "reset", |app| {
        app.state().screen == Screen::Attract
    });
    steps(&mut harness, 8);

    assert_eq!(
        log.events(),
        vec![
            Event::SessionStart,
            Event::SectionViewed {
                section: content.sections[0].id.clone(),
                dwell_secs: tenths(left - opened),
            },
            Event::LanguageChosen {
                lang: "lt".to_owned()
            },
            Event::LayerToggled {
                layer: "gas".to_owned(),
                on: false
            },
            Event::SessionEnd {
                secs: tenths(reset - woke),
            },
        ],
        "the visit's events"
    );
    assert!(
        left - opened >= 5.0,
        "read for 20 frames: {}",
        left - opened
    );
    // The reset comes the idle timeout (60 s, the warning included) after the last touch.
    assert!(
        (reset - toggled - 60.0).abs() < 1.0,
        "reset {} s after the last touch",
        reset - toggled
    );
    assert!(
        log.records().iter().all(|r| r.at == noon()),
        "stamped by the injected wall clock"
    );
}

fn stats(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("stats")
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .expect("vitrina runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The table of tests/fixtures/usage.jsonl, line by line.
const FIXTURE_TABLE: &str = "\
usage from 2026-05-01 to 2026-05-02
3 sessions, median length 3 min 35 s

sessions per day
  day         sessions
  2026-05-01         2
  2026-05-02         1

most opened sections
  section  opened  median dwell
  energy        3        40.0 s
  cyber         1        30.0 s
  freedom       1        48.5 s

languages chosen
  language  chosen
  lt             1

map layers switched
  layer  on  off
  gas     1    2

map items tapped
  item  kind   taps
  gipl  route     2
  riga  place     1
";

#[test]
fn stats_on_the_fixture_prints_the_tables() {
    let (code, stdout, stderr) = stats(&["--file", "tests/fixtures/usage.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "", "no warnings");
    for (got, want) in stdout.lines().zip(FIXTURE_TABLE.lines()) {
        assert_eq!(got, want, "line of\n{stdout}");
    }
    assert_eq!(stdout, FIXTURE_TABLE, "whole output");
}

#[test]
fn stats_since_a_day_leaves_the_earlier_days_out() {
    let (code, stdout, stderr) = stats(&[
        "--file",
        "tests/fixtures/usage.jsonl",
        "--since",
        "2026-05-02",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "usage from 2026-05-02 to 2026-05-02", "{stdout}");
    assert_eq!(lines[1], "1 session, median length 5 min 00 s", "{stdout}");
    assert!(
        lines.contains(&"  energy        1    1 min 05 s"),
        "{stdout}"
    );
    assert!(!stdout.contains("freedom"), "{stdout}");
}

#[test]
fn a_corrupt_line_is_skipped_with_a_warning_and_the_rest_still_counts() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/usage.jsonl");
    let mut lines: Vec<String> = std::fs::read_to_string(&fixture)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    // A torn last write and a line of something else, at lines 3 and 8.
    lines.insert(2, r#"{"at":"2026-05-01T10:00:40","event":"sect"#.to_owned());
    lines.insert(7, "not json".to_owned());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usage.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();

    let (code, stdout, stderr) = stats(&["--file", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        warnings[0].starts_with(&format!("{}:3: skipped: ", path.display())),
        "{stderr}"
    );
    assert!(
        warnings[1].starts_with(&format!("{}:8: skipped: ", path.display())),
        "{stderr}"
    );
    assert_eq!(stdout, FIXTURE_TABLE, "every good line still counts");
}

#[test]
fn stats_reads_the_data_folder_s_usage_file_and_its_rotated_files() {
    let fixture = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/usage.jsonl"),
    )
    .unwrap();
    let lines: Vec<&str> = fixture.lines().collect();
    let dir = tempfile::tempdir().unwrap();
    // The oldest in usage.2, then usage.1, the newest in usage.jsonl.
    std::fs::write(dir.path().join("usage.2.jsonl"), lines[..7].join("\n")).unwrap();
    std::fs::write(dir.path().join("usage.1.jsonl"), lines[7..10].join("\n")).unwrap();
    std::fs::write(dir.path().join("usage.jsonl"), lines[10..].join("\n")).unwrap();
    let (code, stdout, stderr) = stats(&["--data-dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, FIXTURE_TABLE, "all three files");

    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = stats(&["--data-dir", empty.path().to_str().unwrap()]);
    assert_eq!(code, 1, "no usage file");
    assert!(stderr.contains("usage.jsonl: cannot read"), "{stderr}");
}

#[test]
fn stats_survives_a_seventy_thousand_character_name_and_a_ten_megabyte_line() {
    let fixture = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/usage.jsonl"),
    )
    .expect("the fixture");
    let long_name = "n".repeat(70_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("usage.jsonl");
    let mut text = fixture.clone();
    // A valid record naming a section of 70,000 characters: it panicked the table.
    text.push_str(
        "{\"at\":\"2026-05-02T11:00:00\",\"event\":\"section_viewed\",\"dwell_secs\":3.0,\"section\":\"",
    );
    text.push_str(&long_name);
    text.push_str("\"}\n");
    // A line of 10 MB, and a thousand lines of garbage after it.
    text.push_str("{\"at\":\"2026-05-02T11:00:01\",\"event\":\"language_chosen\",\"lang\":\"");
    text.push_str(&"x".repeat(10 * 1024 * 1024));
    text.push_str("\"}\n");
    text.push_str(&"not json\n".repeat(1000));
    std::fs::write(&path, text).expect("write");

    let (code, stdout, stderr) = stats(&["--file", path.to_str().expect("UTF-8 path")]);
    assert_eq!(code, 0, "stats survives: {stderr}");
    assert!(
        stdout.len() < 4096,
        "bounded tables: {} bytes",
        stdout.len()
    );
    assert!(
        stderr.len() < 8192,
        "bounded warnings: {} bytes",
        stderr.len()
    );
    assert!(
        stdout.contains(&format!("{}…", "n".repeat(59))),
        "the long name shortened: {stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("  energy ") && l.contains(" 3 ")),
        "the rest still counts: {stdout}"
    );
    let fixture_lines = fixture.lines().count();
    assert!(
        stderr.starts_with(&format!(
            "{}:{}: skipped: longer than",
            path.display(),
            fixture_lines + 2
        )),
        "the 10 MB line skipped by number: {stderr}"
    );
    assert!(
        stderr.trim_end().ends_with("… and 981 more lines skipped"),
        "the garbage counted, not listed: {stderr}"
    );
}
