//! Video in a section, in the whole app: a clip made here plays at its rate in the energy
//! section's picture place, loops, stops when the section leaves the screen, and a broken
//! clip shows its poster and logs one line.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use vitrina::app::VitrinaApp;
use vitrina::content::{Play, ResolvedAssets, Slide, Video};
use vitrina::platform::video::encode::{colour_frames, encode_mp4};
use vitrina::platform::video::{Status, video_status};
use vitrina::state::Screen;
use vitrina::ui::video_ui::video_id;

mod common;
use common::{settle, shipped};

/// Collects warnings so the tests can count them.
struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Warn
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            self.0
                .lock()
                .expect("test setup")
                .push(record.args().to_string());
        }
    }

    fn flush(&self) {}
}

static LOG: Capture = Capture(Mutex::new(Vec::new()));

fn log_lines_about(name: &str) -> Vec<String> {
    LOG.0
        .lock()
        .expect("test setup")
        .iter()
        .filter(|line| line.contains(name))
        .cloned()
        .collect()
}

/// Simulated seconds per frame of the harness: three frames to each of the clip's.
const STEP: f32 = 1.0 / 30.0;

/// The app on the shipped content whose energy section's first picture plays
/// `video/<name>` (written with `bytes` into a content folder of its own), opened on that
/// section.
fn app_with_clip(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    play: Play,
) -> (Harness<'static, VitrinaApp>, String) {
    let _ = log::set_logger(&LOG);
    log::set_max_level(log::LevelFilter::Warn);
    // The content folder: the shipped pictures (the posters) and the clip.
    let illustrations = dir.join("assets/illustrations");
    std::fs::create_dir_all(&illustrations).expect("test setup");
    let shipped_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/illustrations");
    for entry in std::fs::read_dir(shipped_dir).expect("test setup") {
        let entry = entry.expect("test setup");
        std::fs::copy(entry.path(), illustrations.join(entry.file_name())).expect("test setup");
    }
    std::fs::create_dir_all(dir.join("video")).expect("test setup");
    std::fs::write(dir.join("video").join(name), bytes).expect("test setup");
    let written = format!("video/{name}");
    let mut loaded = shipped();
    let energy = loaded
        .content
        .sections
        .iter()
        .position(|s| s.id == "energy")
        .expect("the shipped content has an energy section");
    loaded.content.sections[energy].pictures[0].video = Some(Video {
        path: written.clone(),
        play,
    });
    loaded.assets = ResolvedAssets::resolve(&loaded.content, dir);
    let title = loaded.content.sections[energy]
        .title
        .resolve("en", "en")
        .to_owned();
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .with_step_dt(STEP)
        .build_eframe(move |cc| VitrinaApp::new(&cc.egui_ctx, loaded));
    settle(&mut harness);
    let centre = egui::pos2(960.0, 540.0);
    common::tap(&mut harness, centre);
    harness.get_by_label(&title).click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(energy),
        "the energy section is open"
    );
    (harness, written)
}

/// The app in its attract loop whose only slide is a picture slide playing `video/<name>`.
fn attract_with_clip(
    dir: &Path,
    name: &str,
    bytes: &[u8],
) -> (Harness<'static, VitrinaApp>, String) {
    std::fs::create_dir_all(dir.join("video")).expect("test setup");
    std::fs::write(dir.join("video").join(name), bytes).expect("test setup");
    let written = format!("video/{name}");
    let mut loaded = shipped();
    let mut picture = loaded.content.sections[0].pictures[0].clone();
    picture.video = Some(Video {
        path: written.clone(),
        play: Play::Loop,
    });
    loaded.content.slides = vec![Slide::Picture {
        picture,
        section: None,
        secs: Some(30.0),
        show: None,
    }];
    loaded.assets = ResolvedAssets::resolve(&loaded.content, dir);
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .with_step_dt(STEP)
        .build_eframe(move |cc| VitrinaApp::new(&cc.egui_ctx, loaded));
    settle(&mut harness);
    (harness, written)
}

/// One frame, after giving the decoder thread a moment (it works in real time, the
/// harness's clock is simulated).
fn step(harness: &mut Harness<'static, VitrinaApp>) {
    std::thread::sleep(Duration::from_millis(8));
    harness.step();
}

fn status(harness: &Harness<'static, VitrinaApp>, written: &str) -> Option<Status> {
    video_status(&harness.ctx, video_id(written))
}

#[test]
fn a_clip_in_a_section_plays_at_its_rate_and_loops() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let clip = encode_mp4(64, 48, 10, &colour_frames(64, 48, 10)).expect("the clip encodes");
    let (mut harness, written) = app_with_clip(dir.path(), "clip.mp4", &clip, Play::Loop);
    // Wait (in real time) for the first frame.
    let deadline = Instant::now() + Duration::from_secs(60);
    while status(&harness, &written).is_none_or(|s| s.frames_shown == 0) {
        assert!(Instant::now() < deadline, "the first frame comes");
        step(&mut harness);
    }
    let first = status(&harness, &written).expect("a player");
    let start = harness.ctx.input(|i| i.time);
    // Three simulated seconds: thirty frames of a 10 fps clip, three laps of a 1 s clip.
    let mut seen = vec![first.frames_shown];
    while harness.ctx.input(|i| i.time) - start < 3.0 {
        step(&mut harness);
        seen.push(status(&harness, &written).expect("a player").frames_shown);
    }
    let last = status(&harness, &written).expect("a player");
    let shown = last.frames_shown - first.frames_shown;
    assert!(
        (27..=31).contains(&shown),
        "about 30 frames in 3 s at 10 fps, not one per repaint ({} repaints): {shown}",
        seen.len()
    );
    assert!(
        last.time > 2.5,
        "the clip looped past its 1 s end: at {}",
        last.time
    );
    assert!(last.error.is_none(), "no error: {last:?}");
    assert!(last.decoding, "a loop keeps decoding");

    // Off screen it stops: Home leaves the section, and the player with its thread goes.
    harness.get_by_label("Home").click();
    settle(&mut harness);
    harness.step();
    assert!(
        status(&harness, &written).is_none(),
        "no player once the section left the screen"
    );
}

#[test]
fn a_clip_played_once_stops_on_its_last_frame() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let clip = encode_mp4(64, 48, 10, &colour_frames(64, 48, 10)).expect("the clip encodes");
    let (mut harness, written) = app_with_clip(dir.path(), "once.mp4", &clip, Play::Once);
    let deadline = Instant::now() + Duration::from_secs(60);
    while status(&harness, &written).is_none_or(|s| s.decoding || s.frames_shown < 10) {
        assert!(Instant::now() < deadline, "the clip plays through");
        step(&mut harness);
    }
    for _ in 0..30 {
        step(&mut harness);
    }
    let last = status(&harness, &written).expect("a player");
    assert_eq!(last.frames_shown, 10, "each frame once: {last:?}");
    assert!(
        (last.time - 0.9).abs() < 1e-6,
        "its last frame stays: {last:?}"
    );
}

#[test]
fn a_broken_clip_shows_its_poster_and_logs_one_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (mut harness, written) = app_with_clip(
        dir.path(),
        "broken-clip.mp4",
        b"\0\0\0\x18ftypisom but then nothing a video needs",
        Play::Loop,
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while status(&harness, &written).is_none_or(|s| s.error.is_none()) {
        assert!(Instant::now() < deadline, "the clip is found broken");
        step(&mut harness);
    }
    for _ in 0..20 {
        step(&mut harness);
    }
    let last = status(&harness, &written).expect("a player");
    assert_eq!(last.frames_shown, 0, "no frame: {last:?}");
    assert!(!last.decoding, "no thread left: {last:?}");
    let lines = log_lines_about("broken-clip.mp4");
    assert_eq!(lines.len(), 1, "one log line: {lines:?}");
    assert!(
        lines[0].contains("poster"),
        "it says the poster shows: {lines:?}"
    );
    // The poster: the section still shows its picture (decoded, not the placeholder).
    assert!(
        !harness.state().pictures_pending(),
        "the poster picture is decoded and shown"
    );
}

#[test]
fn a_picture_slide_of_the_attract_loop_plays_its_clip() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let clip = encode_mp4(64, 48, 10, &colour_frames(64, 48, 10)).expect("the clip encodes");
    let (mut harness, written) = attract_with_clip(dir.path(), "slide.mp4", &clip);
    assert_eq!(
        harness.state().state().screen,
        Screen::Attract,
        "the app starts in its attract loop"
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while status(&harness, &written).is_none_or(|s| s.frames_shown < 15) {
        assert!(Instant::now() < deadline, "the slide's clip plays on");
        step(&mut harness);
    }
    let playing = status(&harness, &written).expect("a player");
    assert!(playing.time >= 1.4, "past its first lap: {playing:?}");
    assert!(playing.error.is_none(), "no error: {playing:?}");
}
