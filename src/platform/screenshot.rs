//! `<data>/screen.png`: what the screen shows, downscaled, for a fleet to collect. egui
//! reads the pixels after a frame is painted (`Context::request_screenshot`); this thread
//! downscales, encodes and replaces the file atomically, so no frame waits for it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use egui::ColorImage;

use super::status::write_atomically;

/// The narrowest and widest `screen.png` (the setting is clamped to these).
pub const WIDTH_RANGE: std::ops::RangeInclusive<u32> = 16..=3840;

/// Screenshots the UI hands over and the writer takes.
#[derive(Clone, Debug)]
pub struct ScreenshotWriter {
    sender: SyncSender<Arc<ColorImage>>,
}

impl ScreenshotWriter {
    /// Starts the thread that writes `path` (such as `<data>/screen.png`) `width` pixels wide.
    pub fn spawn(path: PathBuf, width: u32) -> std::io::Result<Self> {
        // One waiting capture is enough: a second is dropped, the next period brings another.
        let (sender, receiver) = sync_channel(1);
        std::thread::Builder::new()
            .name("screenshot".to_owned())
            .spawn(move || write_loop(&path, width, &receiver))?;
        Ok(Self { sender })
    }

    /// Hands `image` over; never waits.
    pub fn send(&self, image: Arc<ColorImage>) {
        match self.sender.try_send(image) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => log::debug!("screen.png: the writer is busy; skipped"),
            Err(TrySendError::Disconnected(_)) => log::warn!("screen.png: the writer stopped"),
        }
    }
}

fn write_loop(path: &Path, width: u32, receiver: &Receiver<Arc<ColorImage>>) {
    while let Ok(image) = receiver.recv() {
        let small = downscale(&image, width);
        drop(image);
        let written = encode_png(&small).and_then(|png| write_atomically(path, &png));
        match written {
            Ok(()) => log::debug!("{} written", path.display()),
            Err(err) => log::warn!("cannot write {}: {err}", path.display()),
        }
    }
}

/// `image` scaled to `width` pixels (clamped to [`WIDTH_RANGE`], never wider than the
/// screen), the height in proportion; opaque RGB (the screen has no see-through parts).
pub fn downscale(image: &ColorImage, width: u32) -> image::RgbImage {
    let [w, h] = image.size;
    let (w, h) = (
        u32::try_from(w).unwrap_or(u32::MAX),
        u32::try_from(h).unwrap_or(u32::MAX),
    );
    let rgb: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|pixel| {
            let [r, g, b, _] = pixel.to_array();
            [r, g, b]
        })
        .collect();
    let Some(full) = image::RgbImage::from_raw(w, h, rgb) else {
        return image::RgbImage::new(1, 1);
    };
    let target_w = width
        .clamp(*WIDTH_RANGE.start(), *WIDTH_RANGE.end())
        .min(w.max(1));
    if target_w >= w {
        return full;
    }
    let target_h = (u64::from(h) * u64::from(target_w) / u64::from(w.max(1))).max(1);
    let target_h = u32::try_from(target_h).unwrap_or(1);
    // Area averaging: fast, and sharp enough for a glance at what the screen shows.
    image::imageops::thumbnail(&full, target_w, target_h)
}

/// The PNG file of `image`.
pub fn encode_png(image: &image::RgbImage) -> std::io::Result<Vec<u8>> {
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(std::io::Error::other)?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 400×200 test card: a colour ramp, so scaling keeps many colours.
    fn card() -> ColorImage {
        let (w, h) = (400_usize, 200_usize);
        let pixels = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                #[expect(clippy::cast_possible_truncation, reason = "below 256")]
                egui::Color32::from_rgb((x * 255 / w) as u8, (y * 255 / h) as u8, 90)
            })
            .collect();
        ColorImage::new([w, h], pixels)
    }

    #[test]
    fn the_screen_is_scaled_to_the_width_in_proportion() {
        let small = downscale(&card(), 100);
        assert_eq!(small.dimensions(), (100, 50), "in proportion");
        let mut colours: Vec<[u8; 3]> = small.pixels().map(|p| p.0).collect();
        colours.sort_unstable();
        colours.dedup();
        assert!(
            colours.len() > 100,
            "the picture survives: {}",
            colours.len()
        );
        assert_eq!(
            downscale(&card(), 4000).dimensions(),
            (400, 200),
            "never wider than the screen"
        );
        assert_eq!(downscale(&card(), 1).width(), 16, "clamped");
    }

    #[test]
    fn the_writer_thread_writes_a_png() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("screen.png");
        let writer = ScreenshotWriter::spawn(path.clone(), 200).expect("spawn");
        writer.send(Arc::new(card()));
        let start = std::time::Instant::now();
        let image = loop {
            if let Ok(image) = image::open(&path) {
                break image;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(10),
                "written in time"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        assert_eq!((image.width(), image.height()), (200, 100), "scaled");
    }
}
