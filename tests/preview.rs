//! `vitrina preview` renders every screen without a display: each planned file exists, has
//! the requested size and is not blank. Runs the binary (`VITRINA_BIN`, else the one cargo
//! built) with no DISPLAY or `WAYLAND_DISPLAY`.

use std::path::PathBuf;
use std::process::Command;

fn binary() -> PathBuf {
    std::env::var_os("VITRINA_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_vitrina")),
        PathBuf::from,
    )
}

/// Number of distinct colours among a sample of pixels: 1 means a blank picture.
fn distinct_colours(image: &image::RgbaImage) -> usize {
    let mut colours: Vec<[u8; 4]> = image.pixels().step_by(97).map(|p| p.0).collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}

#[test]
fn preview_writes_every_screen_at_the_requested_size_without_a_display() {
    let out = tempfile::tempdir().expect("a temp dir");
    let output = Command::new(binary())
        .args(["preview", "--size", "1280x720", "--lang", "lt", "--out"])
        .arg(out.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("vitrina runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "preview failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let loaded = vitrina::content::load_content(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron"),
    )
    .expect("the shipped content loads");
    let planned = vitrina::preview::plan(&loaded, "lt");
    assert!(planned.len() >= 10, "{} screens planned", planned.len());
    for shot in &planned {
        let path = out.path().join(&shot.file);
        assert!(
            stdout.contains(&path.display().to_string()),
            "{} is reported",
            shot.file
        );
        let image = image::open(&path)
            .unwrap_or_else(|err| panic!("{}: {err}", shot.file))
            .to_rgba8();
        assert_eq!(image.dimensions(), (1280, 720), "{} size", shot.file);
        let colours = distinct_colours(&image);
        assert!(colours > 20, "{} is blank ({colours} colours)", shot.file);
    }
    // Screens differ from one another (each shows what it should, not the same frame).
    let home = image::open(out.path().join("home.png"))
        .expect("home")
        .to_rgba8();
    let map = image::open(out.path().join("map.png"))
        .expect("map")
        .to_rgba8();
    let differing = home
        .pixels()
        .zip(map.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 24))
        .count();
    // Both are mostly ink; the map adds land, routes and panels over a tenth of the screen.
    assert!(
        differing > 1280 * 720 / 10,
        "Home and the map differ: {differing} pixels"
    );
}

#[test]
fn preview_refuses_a_language_the_content_does_not_have() {
    let out = tempfile::tempdir().expect("a temp dir");
    let output = Command::new(binary())
        .args(["preview", "--lang", "xx", "--out"])
        .arg(out.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("vitrina runs");
    assert_eq!(output.status.code(), Some(2), "exit code");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("\"xx\" is not a language of this content; it has en, lt"),
        "{stdout}"
    );
}
