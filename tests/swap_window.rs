//! Issue 21, item 3: a content folder swapped by rename (`mv site site.prev && mv site.next
//! site`, the sync-tool pattern the README promises), then a picture replaced in the new
//! folder: the real kiosk, in a real window under Xvfb, shows the new picture. Before the
//! watches compared folder identities they stayed on the moved-away folder, and the replaced
//! picture was never shown or logged until a restart.
//!
//! Needs Xvfb; without it the test is skipped with a hint, except when `CI` is set.
//! `VITRINA_BIN` picks the binary (scripts/test.sh passes the release build).

use std::path::Path;
use std::process::Child;
use std::time::Duration;

#[path = "support/files.rs"]
mod files;
#[path = "support/xvfb.rs"]
mod xvfb;

use xvfb::{
    Guard, logged, screenshot, start_xvfb, tools_present, wait_while_running, windowed_kiosk,
};

/// The picture the first screen shows (the shipped story's opening picture).
const SHOWN: &str = "assets/illustrations/freedom.png";

/// The replacement's size: no shipped picture has it, so its decode line is unmistakable.
const NEW_SIZE: (u32, u32) = (64, 48);

fn kiosk(content: &Path, data: &Path, display: &str) -> Child {
    windowed_kiosk(content, data, display)
        // The picture cache logs each decode (with the file's size) at debug level.
        .env("RUST_LOG", "info,vitrina::platform::images=debug")
        .spawn()
        .expect("vitrina starts")
}

/// How many times the log says `picture` was decoded at its shipped size.
fn decodes(data: &Path, picture: &Path, size: &str) -> usize {
    let needle = format!("picture {}: {size} decoded", picture.display());
    logged(data).matches(&needle).count()
}

#[test]
fn a_picture_replaced_after_the_folder_was_swapped_by_rename_is_shown() {
    if !tools_present(&["Xvfb", "import"]) {
        return;
    }
    let (_xvfb, display) = start_xvfb("1280x720");
    let root = tempfile::tempdir().expect("temp dir");
    let site = root.path().join("site");
    let next = root.path().join("site.next");
    let shipped = files::shipped_copy();
    files::copy_dir(shipped.path(), &site);
    files::copy_dir(shipped.path(), &next);
    let data = root.path().join("data");
    let content = site.join("content.ron");
    // The real path, as the kiosk logs it (the temporary folder may be behind a link).
    let picture = site
        .canonicalize()
        .expect("the site's real path")
        .join(SHOWN);
    let shipped_size = {
        let (w, h) = image::image_dimensions(&picture).expect("the shipped picture");
        format!("{w}×{h}")
    };

    let mut app = Guard(kiosk(&content, &data, &display));
    let limit = Duration::from_secs(90);
    wait_while_running(&mut app, "the first picture", limit, || {
        decodes(&data, &picture, &shipped_size) >= 1
    });

    // The sync tool's swap: the old folder moved aside, the new one renamed into place.
    std::fs::rename(&site, root.path().join("site.prev")).expect("mv site site.prev");
    std::fs::rename(&next, &site).expect("mv site.next site");
    // The kiosk notices the swap and shows the pictures of the new folder.
    wait_while_running(&mut app, "the swap noticed", limit, || {
        decodes(&data, &picture, &shipped_size) >= 2
    });

    // Then a picture is replaced in the new folder (written aside and renamed, as tools do).
    let red = image::RgbImage::from_pixel(NEW_SIZE.0, NEW_SIZE.1, image::Rgb([230, 20, 20]));
    let temp = site.join("assets/illustrations/.freedom.png.part");
    red.save_with_format(&temp, image::ImageFormat::Png)
        .expect("write the new picture");
    std::fs::rename(&temp, site.join(SHOWN)).expect("rename it into place");

    let new_size = format!("{}×{}", NEW_SIZE.0, NEW_SIZE.1);
    // The watcher reacts within a second; 30 s is for a loaded machine.
    let soon = Duration::from_secs(30);
    wait_while_running(&mut app, "the new picture decoded", soon, || {
        decodes(&data, &picture, &new_size) >= 1
    });
    let text = logged(&data);
    assert!(
        text.contains(&format!("{} changed; it is shown anew", picture.display())),
        "the change is logged:\n{text}"
    );
    // And it is on screen: the red picture fills a good part of the window.
    std::thread::sleep(Duration::from_millis(500));
    let shot = screenshot(&display, &root.path().join("shot.ppm"));
    let red_pixels = shot
        .pixels()
        .filter(|p| p.0[0] > 150 && p.0[1] < 80 && p.0[2] < 80)
        .count();
    let total = (shot.width() * shot.height()) as usize;
    assert!(
        red_pixels * 10 > total,
        "the new (red) picture is shown: {red_pixels} of {total} pixels red"
    );
    assert!(
        app.0.try_wait().expect("waits").is_none(),
        "the kiosk keeps running"
    );
}

/// The same swap against the watcher alone (no window): after the folder is swapped by
/// rename, a picture replaced in the new folder is reported as changed within seconds.
#[test]
fn the_watcher_reports_a_picture_replaced_after_the_folder_was_swapped() {
    use vitrina::platform::watch::{ContentWatcher, ReloadEvent};
    let root = tempfile::tempdir().expect("temp dir");
    let site = root.path().join("site");
    let next = root.path().join("site.next");
    let shipped = files::shipped_copy();
    files::copy_dir(shipped.path(), &site);
    files::copy_dir(shipped.path(), &next);
    let content = site.join("content.ron");
    let watcher = ContentWatcher::start(&content, vitrina::signing::Trust::none(), || {})
        .expect("the watcher starts");
    // The first load gives the watcher the pictures to fingerprint.
    let _ = watcher.next_timeout(Duration::from_millis(300));

    std::fs::rename(&site, root.path().join("site.prev")).expect("mv site site.prev");
    std::fs::rename(&next, &site).expect("mv site.next site");
    // Let the watcher see the swap (a burst, then its identity check).
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    while std::time::Instant::now() < deadline {
        let _ = watcher.next_timeout(Duration::from_millis(50));
    }

    let picture = site.join(SHOWN);
    let real = picture.canonicalize().expect("the picture's real path");
    image::RgbImage::from_pixel(NEW_SIZE.0, NEW_SIZE.1, image::Rgb([230, 20, 20]))
        .save_with_format(&picture, image::ImageFormat::Png)
        .expect("replace the picture in place");
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let mut seen = Vec::new();
    while std::time::Instant::now() < deadline {
        if let Some(event) = watcher.next_timeout(Duration::from_millis(50)) {
            let found =
                matches!(&event, ReloadEvent::AssetsChanged(paths) if paths.contains(&real));
            seen.push(event);
            if found {
                return;
            }
        }
    }
    panic!(
        "the replaced picture {} was never reported; saw {seen:#?}",
        real.display()
    );
}
