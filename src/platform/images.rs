//! Pictures: decoded on a worker thread, downscaled to what the screen can show,
//! uploaded as textures on the UI thread. Failures show the placeholder and log once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{ColorImage, TextureHandle, TextureOptions};

/// Largest side of a decoded picture, in pixels: enough for a full-bleed 4K screen.
pub const MAX_PICTURE_SIDE: u32 = 3840;

/// The state of one picture.
enum Slot {
    Pending,
    Ready(TextureHandle),
    Failed,
}

struct Decoded {
    path: PathBuf,
    result: Result<ColorImage, String>,
}

/// Decodes pictures off the UI thread and keeps their textures.
pub struct Pictures {
    slots: HashMap<PathBuf, Slot>,
    requests: Sender<(PathBuf, u32)>,
    decoded: Receiver<Decoded>,
    /// Largest side to decode to: the screen's longer side, within the GPU's texture limit.
    max_side: u32,
}

impl Pictures {
    /// Starts the decoding thread.
    pub fn new(ctx: &egui::Context) -> Self {
        let (requests, request_rx) = channel::<(PathBuf, u32)>();
        let (decoded_tx, decoded) = channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("picture-decoder".to_owned())
            .spawn(move || {
                for (path, max_side) in request_rx {
                    let result = decode(&path, max_side);
                    if decoded_tx.send(Decoded { path, result }).is_err() {
                        return;
                    }
                    ctx.request_repaint();
                }
            });
        if let Err(err) = spawned {
            log::error!("cannot start the picture decoder: {err}; pictures show placeholders");
        }
        Self {
            slots: HashMap::new(),
            requests,
            decoded,
            max_side: MAX_PICTURE_SIDE,
        }
    }

    /// Uploads pictures decoded since the last frame. Call once per frame.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let (texture_limit, screen_px) = ctx.input(|i| {
            let screen = i.content_rect().size() * i.pixels_per_point();
            (i.max_texture_side, screen.x.max(screen.y))
        });
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "screen pixels"
        )]
        let screen_px = screen_px.ceil().max(256.0) as usize;
        let side = MAX_PICTURE_SIDE as usize;
        self.max_side =
            u32::try_from(side.min(texture_limit).min(screen_px)).unwrap_or(MAX_PICTURE_SIDE);
        while let Ok(Decoded { path, result }) = self.decoded.try_recv() {
            let slot = match result {
                Ok(image) => Slot::Ready(ctx.load_texture(
                    path.to_string_lossy(),
                    image,
                    TextureOptions::LINEAR,
                )),
                Err(err) => {
                    log::warn!("picture {}: {err}; showing the placeholder", path.display());
                    Slot::Failed
                }
            };
            self.slots.insert(path, slot);
        }
    }

    /// The texture for `path` when it is ready; asks for it to be decoded otherwise.
    pub fn texture(&mut self, path: &Path) -> Option<&TextureHandle> {
        if !self.slots.contains_key(path) {
            self.slots.insert(path.to_path_buf(), Slot::Pending);
            if self
                .requests
                .send((path.to_path_buf(), self.max_side))
                .is_err()
            {
                self.slots.insert(path.to_path_buf(), Slot::Failed);
            }
        }
        match self.slots.get(path) {
            Some(Slot::Ready(texture)) => Some(texture),
            _ => None,
        }
    }

    /// Whether any picture is still being decoded.
    pub fn pending(&self) -> bool {
        self.slots
            .values()
            .any(|slot| matches!(slot, Slot::Pending))
    }

    /// Forgets every picture (after new content), freeing their textures.
    pub fn clear(&mut self) {
        self.slots.clear();
    }
}

/// Decodes and downscales one picture file.
fn decode(path: &Path, max_side: u32) -> Result<ColorImage, String> {
    let mut reader = image::ImageReader::open(path)
        .map_err(|err| err.to_string())?
        .with_guessed_format()
        .map_err(|err| err.to_string())?;
    let mut limits = image::Limits::default();
    // Refuse absurd sizes (decompression bombs) before decoding.
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    // Decoded RGBA of the largest allowed picture, plus working room.
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|err| err.to_string())?;
    let image = if image.width().max(image.height()) > max_side {
        image.resize(max_side, max_side, image::imageops::FilterType::Triangle)
    } else {
        image
    };
    let rgba = image.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()))
}
