//! Video in a real window under Xvfb: the release binary (or Cargo's) plays a clip made here
//! on an attract-loop picture slide, so the screen changes at the clip's pace; a broken clip
//! leaves its poster on screen and one log line, and the kiosk runs on.

use std::path::Path;
use std::time::Duration;

#[path = "support/files.rs"]
mod files;
#[path = "support/xvfb.rs"]
mod xvfb;

use vitrina::platform::video::encode::{colour_frames, encode_mp4};
use xvfb::{
    Guard, logged, screenshot, start_xvfb, tools_present, wait_while_running, windowed_kiosk,
};

/// The shipped content with one slide: a picture slide whose picture plays `clip`.
fn content_with_clip_slide(dir: &Path, clip: &[u8]) {
    std::fs::create_dir_all(dir.join("assets/video")).expect("test setup");
    std::fs::write(dir.join("assets/video/clip.mp4"), clip).expect("test setup");
    let path = dir.join("content.ron");
    let source = std::fs::read_to_string(&path).expect("test setup");
    let start = source
        .find("    slides: [")
        .expect("the shipped content has slides");
    let end = source[start..].find("    ],").expect("the slides end") + start + "    ],".len();
    let slide = "    slides: [\n        Picture(picture: (path: \"assets/illustrations/energy.png\", \
                 video: (path: \"assets/video/clip.mp4\")), secs: 60.0),\n    ],";
    let edited = format!("{}{slide}{}", &source[..start], &source[end..]);
    std::fs::write(&path, edited).expect("test setup");
}

/// The colour at a point right of the caption's scrim, in each of `count` screenshots
/// `every` apart.
fn colours(display: &str, dir: &Path, count: usize, every: Duration) -> Vec<[u8; 3]> {
    (0..count)
        .map(|i| {
            std::thread::sleep(every);
            let shot = screenshot(display, &dir.join(format!("shot-{i}.ppm")));
            shot.get_pixel(1180, 120).0
        })
        .collect()
}

fn changes(colours: &[[u8; 3]]) -> usize {
    colours
        .windows(2)
        .filter(|pair| {
            let diff: i32 = (0..3)
                .map(|c| (i32::from(pair[0][c]) - i32::from(pair[1][c])).abs())
                .sum();
            diff > 30
        })
        .count()
}

#[test]
fn a_clip_plays_in_a_real_window_and_a_broken_one_keeps_its_poster() {
    if !tools_present(&["Xvfb", "import"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let limit = Duration::from_secs(90);

    // A 2 s clip of 20 colours at 10 fps.
    let site = files::shipped_copy();
    let clip = encode_mp4(160, 90, 10, &colour_frames(160, 90, 20)).expect("the clip encodes");
    content_with_clip_slide(site.path(), &clip);
    let data = site.path().join("data");
    let mut app = Guard(
        windowed_kiosk(&site.path().join("content.ron"), &data, &display)
            .spawn()
            .expect("vitrina starts"),
    );
    wait_while_running(&mut app, "the window", limit, || {
        logged(&data).contains("vitrina")
    });
    std::thread::sleep(Duration::from_secs(3));
    let seen = colours(&display, site.path(), 8, Duration::from_millis(300));
    assert!(
        changes(&seen) >= 4,
        "the clip's frames change on screen: {seen:?}"
    );
    assert!(
        !logged(&data).contains("cannot play"),
        "no error:\n{}",
        logged(&data)
    );
    drop(app);

    // The same slide with a broken clip: the poster stays, one line is logged.
    let broken = files::shipped_copy();
    content_with_clip_slide(broken.path(), b"\0\0\0\x18ftypisom and nothing more");
    let data = broken.path().join("data");
    let mut app = Guard(
        windowed_kiosk(&broken.path().join("content.ron"), &data, &display)
            .spawn()
            .expect("vitrina starts"),
    );
    wait_while_running(&mut app, "the broken clip's log line", limit, || {
        logged(&data).contains("cannot play")
    });
    std::thread::sleep(Duration::from_secs(2));
    let seen = colours(&display, broken.path(), 4, Duration::from_millis(300));
    assert_eq!(changes(&seen), 0, "the poster stays still: {seen:?}");
    assert!(
        app.0.try_wait().expect("waits").is_none(),
        "the kiosk runs on"
    );
    let lines = logged(&data).matches("cannot play").count();
    assert_eq!(lines, 1, "one log line:\n{}", logged(&data));
}
