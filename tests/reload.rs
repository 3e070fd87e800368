//! Hot reload with real files in temporary folders: every way a content file gets replaced,
//! broken edits, bursts of edits, pictures changing, and the app swapping content while the
//! visitor stays on their section.

mod common;

use common::files::copy_dir;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use vitrina::app::{Screen, VitrinaApp};
use vitrina::content::{LoadedContent, load_content};
use vitrina::platform::watch::{ContentWatcher, ReloadEvent, SETTLE};

/// How long any change may take to arrive (generous for a loaded machine; the usual is
/// well under 300 ms).
const DEADLINE: Duration = Duration::from_secs(5);

fn fixture(title: &str) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.ron"),
    )
    .expect("test setup");
    assert!(text.contains("Test story"), "the fixture has its title");
    text.replace("Test story", title)
}

/// A content folder with the valid fixture titled `title` and its picture.
fn make_site(dir: &Path, title: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("assets")).expect("test setup");
    std::fs::write(dir.join("assets/picture.png"), b"not decoded by the loader")
        .expect("test setup");
    let path = dir.join("content.ron");
    std::fs::write(&path, fixture(title)).expect("test setup");
    path
}

fn start(path: &Path) -> ContentWatcher {
    ContentWatcher::start(path, vitrina::signing::Trust::none(), || {}).expect("the watcher starts")
}

fn title_of(event: &ReloadEvent) -> Option<String> {
    match event {
        ReloadEvent::Loaded { loaded, .. } => {
            Some(loaded.content.story.title.resolve("en", "en").to_owned())
        }
        _ => None,
    }
}

/// Every event until one loads content titled `title` (panics after [`DEADLINE`]).
fn wait_for_title(watcher: &ContentWatcher, title: &str) -> Vec<ReloadEvent> {
    let deadline = Instant::now() + DEADLINE;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Some(event) = watcher.next_timeout(Duration::from_millis(50)) {
            let done = title_of(&event).as_deref() == Some(title);
            seen.push(event);
            if done {
                return seen;
            }
        }
    }
    panic!("no content titled {title:?} within {DEADLINE:?}; saw {seen:#?}");
}

/// Every event for `span`.
fn events_during(watcher: &ContentWatcher, span: Duration) -> Vec<ReloadEvent> {
    let deadline = Instant::now() + span;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Some(event) = watcher.next_timeout(Duration::from_millis(20)) {
            seen.push(event);
        }
    }
    seen
}

fn failures(events: &[ReloadEvent]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|event| match event {
            ReloadEvent::Failed { message, .. } => Some(message.as_str()),
            _ => None,
        })
        .collect()
}

/// Writes through a temporary file and a rename, as most editors and sync tools do.
fn write_by_rename(path: &Path, text: &str) {
    let temp = path.with_extension("ron.tmp~");
    std::fs::write(&temp, text).expect("test setup");
    std::fs::rename(&temp, path).expect("test setup");
}

#[test]
fn an_in_place_write_in_several_steps_loads_once_complete() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = make_site(dir.path(), "First");
    let watcher = start(&path);
    let text = fixture("Second");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .expect("test setup");
    let (head, tail) = text.split_at(text.len() / 2);
    for part in [head, tail] {
        file.write_all(part.as_bytes()).expect("test setup");
        file.flush().expect("test setup");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(file);
    let seen = wait_for_title(&watcher, "Second");
    assert!(
        failures(&seen).is_empty(),
        "a half-written file is not reported: {seen:#?}"
    );
}

#[test]
fn a_save_from_notepad_with_a_bom_or_as_utf16_reloads() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = make_site(dir.path(), "First");
    let watcher = start(&path);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(fixture("Second").as_bytes());
    std::fs::write(&path, with_bom).expect("test setup");
    let seen = wait_for_title(&watcher, "Second");
    assert!(failures(&seen).is_empty(), "a BOM is no error: {seen:#?}");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in fixture("Third").encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&path, utf16).expect("test setup");
    let seen = wait_for_title(&watcher, "Third");
    assert!(failures(&seen).is_empty(), "UTF-16 is no error: {seen:#?}");
}

#[test]
fn a_write_to_a_temporary_file_and_a_rename_loads_and_watching_goes_on() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = make_site(dir.path(), "First");
    let watcher = start(&path);
    write_by_rename(&path, &fixture("Second"));
    wait_for_title(&watcher, "Second");
    write_by_rename(&path, &fixture("Third"));
    wait_for_title(&watcher, "Third");
}

#[test]
fn the_file_deleted_and_created_again_loads_and_watching_goes_on() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = make_site(dir.path(), "First");
    let watcher = start(&path);
    std::fs::remove_file(&path).expect("test setup");
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&path, fixture("Second")).expect("test setup");
    let seen = wait_for_title(&watcher, "Second");
    assert!(
        failures(&seen).is_empty(),
        "a short absence is not an error: {seen:#?}"
    );
    // Still watching the new file.
    std::fs::write(&path, fixture("Third")).expect("test setup");
    wait_for_title(&watcher, "Third");
}

#[test]
fn a_file_missing_for_a_while_is_reported_and_its_return_loads() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = make_site(dir.path(), "First");
    let watcher = start(&path);
    std::fs::remove_file(&path).expect("test setup");
    let seen = events_during(&watcher, Duration::from_millis(3500));
    let failed = failures(&seen);
    assert_eq!(failed.len(), 1, "reported once: {seen:#?}");
    assert!(
        failed[0].contains("content.ron:1:1: cannot read"),
        "says the file cannot be read: {}",
        failed[0]
    );
    std::fs::write(&path, fixture("Back")).expect("test setup");
    wait_for_title(&watcher, "Back");
}

#[test]
fn a_content_folder_swapped_by_renames_loads_and_watching_goes_on() {
    let root = tempfile::tempdir().expect("test setup");
    let site = root.path().join("site");
    let path = make_site(&site, "First");
    let watcher = start(&path);
    let next = root.path().join("site.new");
    make_site(&next, "Second");
    std::fs::rename(&site, root.path().join("site.old")).expect("test setup");
    std::fs::rename(&next, &site).expect("test setup");
    wait_for_title(&watcher, "Second");
    // The watch follows the new folder, not the old one.
    std::fs::write(root.path().join("site.old/content.ron"), fixture("Old")).expect("test setup");
    std::fs::write(&path, fixture("Third")).expect("test setup");
    let seen = wait_for_title(&watcher, "Third");
    assert!(
        seen.iter().all(|e| title_of(e).as_deref() != Some("Old")),
        "the old folder is no longer watched: {seen:#?}"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_flipped_to_a_new_folder_loads_and_watching_goes_on() {
    let root = tempfile::tempdir().expect("test setup");
    make_site(&root.path().join("v1"), "First");
    make_site(&root.path().join("v2"), "Second");
    let current = root.path().join("current");
    std::os::unix::fs::symlink("v1", &current).expect("test setup");
    let watcher = start(&current.join("content.ron"));
    // Flip atomically, as deployment tools do: a new link renamed over the old one.
    let flip = root.path().join("current.flip");
    std::os::unix::fs::symlink("v2", &flip).expect("test setup");
    std::fs::rename(&flip, &current).expect("test setup");
    wait_for_title(&watcher, "Second");
    std::fs::write(root.path().join("v2/content.ron"), fixture("Third")).expect("test setup");
    wait_for_title(&watcher, "Third");
}

#[test]
fn a_broken_edit_is_reported_once_with_its_position_and_the_next_good_edit_loads() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = make_site(dir.path(), "First");
    let watcher = start(&path);
    // A missing comma after the story: line 9 of the fixture.
    let broken = fixture("Broken").replacen("    ),\n    sections", "    )\n    sections", 1);
    assert_ne!(broken, fixture("Broken"), "the edit breaks the file");
    std::fs::write(&path, &broken).expect("test setup");
    let seen = events_during(&watcher, Duration::from_millis(1500));
    let failed = failures(&seen);
    assert_eq!(failed.len(), 1, "one report: {seen:#?}");
    assert!(
        failed[0].contains("content.ron:10:5:"),
        "FILE:LINE:COLUMN of the problem: {}",
        failed[0]
    );
    assert!(
        seen.iter().all(|e| title_of(e).is_none()),
        "nothing loads: {seen:#?}"
    );
    std::fs::write(&path, fixture("Fixed")).expect("test setup");
    wait_for_title(&watcher, "Fixed");
}

#[test]
fn two_hundred_quick_edits_end_on_the_last() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = make_site(dir.path(), "First");
    let watcher = start(&path);
    for i in 0..200 {
        if i % 2 == 0 {
            std::fs::write(&path, fixture(&format!("Edit {i}"))).expect("test setup");
        } else {
            write_by_rename(&path, &fixture(&format!("Edit {i}")));
        }
    }
    let seen = wait_for_title(&watcher, "Edit 199");
    assert!(
        failures(&seen).is_empty(),
        "no half-written file is reported: {:?}",
        failures(&seen)
    );
    let later = events_during(&watcher, Duration::from_millis(600));
    assert!(
        later
            .iter()
            .all(|e| title_of(e).is_none_or(|t| t == "Edit 199")),
        "nothing older comes after the last: {later:#?}"
    );
}

#[test]
fn a_changed_or_removed_picture_is_reported() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = make_site(dir.path(), "First");
    let watcher = start(&path);
    let picture = dir.path().join("assets/picture.png");
    let real = picture.canonicalize().expect("test setup");
    std::fs::write(&picture, b"new picture").expect("test setup");
    let changed = |seen: &[ReloadEvent]| {
        seen.iter()
            .any(|e| matches!(e, ReloadEvent::AssetsChanged(paths) if paths.contains(&real)))
    };
    assert!(
        changed(&events_during(&watcher, Duration::from_millis(800))),
        "a changed picture is reported"
    );
    std::fs::remove_file(&picture).expect("test setup");
    // The failure is reported once the file has settled (a slow save is not an error).
    let seen = events_during(&watcher, SETTLE + Duration::from_millis(800));
    assert!(changed(&seen), "a removed picture is reported: {seen:#?}");
    // The content names it: reloading it now fails (for staff), the shown content stays.
    assert!(
        failures(&seen).iter().any(|m| m.contains("picture.png")),
        "the missing picture is reported: {seen:#?}"
    );
}

/// A copy of the shipped content and its assets in a temporary folder.
fn shipped_copy(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("assets"), &dir.join("assets"));
    let path = dir.join("content.ron");
    std::fs::copy(root.join("content.ron"), &path).expect("test setup");
    path
}

/// Runs frames until `done` or [`DEADLINE`].
fn step_until(
    harness: &mut Harness<'static, VitrinaApp>,
    mut done: impl FnMut(&Harness<'static, VitrinaApp>) -> bool,
) -> bool {
    let deadline = Instant::now() + DEADLINE;
    while Instant::now() < deadline {
        harness.step();
        if done(harness) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// The whole app on `loaded`, watching `path` for edits, woken from the attract loop.
fn woken_app_watching(
    path: &std::path::Path,
    loaded: LoadedContent,
) -> Harness<'static, VitrinaApp> {
    let watched = path.to_path_buf();
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            VitrinaApp::new(&cc.egui_ctx, loaded).with_hot_reload(&cc.egui_ctx, &watched)
        });
    common::settle(&mut harness);
    common::tap(&mut harness, egui::pos2(960.0, 540.0));
    harness
}

#[test]
fn the_app_swaps_content_and_keeps_the_visitor_on_their_section() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = shipped_copy(dir.path());
    let loaded = load_content(&path).expect("test setup");
    let original = loaded.content.sections[1]
        .title
        .resolve("en", "en")
        .to_owned();
    let mut harness = woken_app_watching(&path, loaded);
    harness.get_by_label(&original).click();
    common::settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(1),
        "on the second section"
    );

    // A broken edit: nothing changes for the visitor; the staff status says where.
    let text = std::fs::read_to_string(&path).expect("test setup");
    std::fs::write(&path, text.replacen("sections: [", "sections: [[", 1)).expect("test setup");
    assert!(
        step_until(&mut harness, |h| h.state().reload_status().error.is_some()),
        "the broken edit is reported"
    );
    let error = harness
        .state()
        .reload_status()
        .error
        .clone()
        .expect("test setup");
    assert!(error.contains("content.ron:"), "with its position: {error}");
    assert!(
        harness.query_by_label(&original).is_some(),
        "the last good content stays"
    );

    // A good edit of the section's title: the new title shows on the same section.
    let renamed = text.replacen(&original, "A renamed section", 1);
    std::fs::write(&path, renamed).expect("test setup");
    assert!(
        step_until(&mut harness, |h| h
            .query_by_label("A renamed section")
            .is_some()),
        "the new title shows"
    );
    let app = harness.state();
    assert_eq!(app.state().screen, Screen::Section(1), "still on it");
    assert!(app.reload_status().error.is_none(), "recovered");
    assert_eq!(app.reload_status().applied, 1, "one reload applied");
}

#[test]
fn a_reload_while_on_the_map_starts_the_map_visit_over_on_the_new_content() {
    let dir = tempfile::tempdir().expect("test setup");
    let path = shipped_copy(dir.path());
    let loaded = load_content(&path).expect("test setup");
    let gas = loaded
        .content
        .map
        .layers
        .iter()
        .position(|l| l.id == "gas")
        .expect("the shipped map has a gas layer");
    let section = loaded.content.sections[1]
        .title
        .resolve("en", "en")
        .to_owned();
    let mut harness = woken_app_watching(&path, loaded);
    harness.get_by_label("Explore the map").click();
    common::settle(&mut harness);
    harness.get_by_label("Gas").click();
    common::settle(&mut harness);
    let gas_visible = |h: &Harness<'static, VitrinaApp>| {
        h.state()
            .map()
            .state()
            .is_some_and(|map| map.layer_visible(gas))
    };
    assert!(!gas_visible(&harness), "the visitor hid the gas layer");

    let text = std::fs::read_to_string(&path).expect("test setup");
    std::fs::write(&path, text.replacen(&section, "A renamed section", 1)).expect("test setup");
    assert!(
        step_until(&mut harness, |h| h.state().reload_status().applied == 1),
        "the edit is applied"
    );
    common::settle(&mut harness);
    let app = harness.state();
    assert_eq!(
        app.state().screen,
        Screen::Map { preset: None },
        "the visitor stays on the map"
    );
    assert!(
        gas_visible(&harness),
        "the visit started over on the new content, every layer shown"
    );
}
