//! Pictures: decoded on worker threads, downscaled to what the screen can show,
//! uploaded as textures on the UI thread and kept in a cache bounded in bytes.
//!
//! A picture that cannot be decoded (missing, empty, corrupt, truncated, not an image,
//! beyond the decoding limits) shows the placeholder and is logged once, never a panic.
//! A changed or removed file is forgotten with [`Pictures::invalidate`] and decoded again.
//!
//! For signed content ([`Pictures::set_verified`]) the decoder hashes the bytes it decodes
//! and refuses a file that is not the one the manifest's signature covers (swapped after
//! the check): the placeholder shows and one line is logged.
//!
//! This file owns the loader: requests, texture upload and the cache; the decoder threads
//! are in `worker`, decoding and its limits in `decode` (a JPEG cut short is found by
//! `complete`), the byte-bounded LRU in `lru`.

mod complete;
mod decode;
mod lru;
mod scrim;
mod worker;

pub use decode::{
    MAX_DECLARED_SIDE, MAX_DECODE_ALLOC, MAX_PICTURE_SIDE, MAX_VERIFIED_FILE_BYTES, PictureHeader,
    decode, decode_to_check, decode_verified, inspect,
};
pub use lru::ByteLru;
pub use scrim::{BAYER, Scrim, cover_uv};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use egui::{Color32, ColorImage, TextureHandle, TextureOptions};

use crate::content::VerifiedFiles;
use worker::{Decoded, Request, decoder_loop};

/// Default bound of the texture cache, in bytes of RGBA texels: two 4K pictures and a
/// screenful of smaller ones.
pub const DEFAULT_CACHE_BYTES: usize = 128 * 1024 * 1024;

/// How long a picture takes to fade in once decoded, in seconds.
pub const FADE_SECS: f64 = crate::tokens::motion::PICTURE_FADE;

/// Decoding threads.
const DECODER_THREADS: usize = 2;

/// What a picture looks like to the screens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PictureStatus {
    /// Never asked for, or forgotten.
    Unknown,
    /// Being decoded: the placeholder shows.
    Pending,
    /// Decoded and uploaded, `[width, height]` in pixels.
    Ready([usize; 2]),
    /// Cannot be shown (the reason was logged): the placeholder shows.
    Failed(String),
}

/// The state of one picture.
enum Slot {
    /// Decoding; the result of request `generation` is expected.
    Pending {
        generation: u64,
    },
    /// Uploaded. `shown_at` is the input time it was first drawn (for the fade).
    Ready {
        texture: TextureHandle,
        shown_at: Option<f64>,
    },
    Failed(String),
    /// Evicted while on screen (the screen needs more than the cache): placeholder until
    /// it leaves the screen for a frame, so that two pictures do not evict each other forever.
    Starved {
        last_frame: u64,
    },
}

/// One texture: a picture file as it is, or with the attract loop's scrim baked in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    path: PathBuf,
    scrim: Option<Scrim>,
}

impl Key {
    fn plain(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            scrim: None,
        }
    }
}

/// Decodes pictures off the UI thread and keeps their textures.
pub struct Pictures {
    slots: HashMap<Key, Slot>,
    /// Uploaded textures by size; evicted ones are dropped, which frees them in egui.
    cache: ByteLru<Key>,
    /// Frame of each picture's last use (for the starvation guard).
    used_in_frame: HashMap<Key, u64>,
    requests: Sender<Request>,
    decoded: Receiver<Decoded>,
    /// Largest side to decode to: the screen's longer side, within the GPU's texture limit.
    max_side: u32,
    generation: u64,
    frame: u64,
    /// Input time of the current frame.
    now: f64,
    /// The signed content's file hashes; `None` for unsigned content.
    verified: Option<Arc<VerifiedFiles>>,
    /// A picture was uploaded last frame: its pixels were freed after the frame, and the
    /// allocator is trimmed at the next poll.
    trim_pending: bool,
}

impl Pictures {
    /// Starts the decoding threads, with the default cache bound.
    pub fn new(ctx: &egui::Context) -> Self {
        Self::with_cache_bytes(ctx, DEFAULT_CACHE_BYTES)
    }

    /// Starts the decoding threads; textures are kept up to `cache_bytes`.
    pub fn with_cache_bytes(ctx: &egui::Context, cache_bytes: usize) -> Self {
        let (requests, request_rx) = channel::<Request>();
        let (decoded_tx, decoded) = channel();
        let request_rx = Arc::new(Mutex::new(request_rx));
        let mut started = 0;
        for n in 0..DECODER_THREADS {
            let request_rx = Arc::clone(&request_rx);
            let decoded_tx = decoded_tx.clone();
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("picture-decoder-{n}"))
                .spawn(move || decoder_loop(&request_rx, &decoded_tx, &ctx));
            match spawned {
                Ok(_) => started += 1,
                Err(err) => log::error!("cannot start a picture decoder: {err}"),
            }
        }
        if started == 0 {
            log::error!("no picture decoder runs; pictures show placeholders");
        }
        Self {
            slots: HashMap::new(),
            cache: ByteLru::new(cache_bytes),
            used_in_frame: HashMap::new(),
            requests,
            decoded,
            max_side: MAX_PICTURE_SIDE,
            generation: 0,
            frame: 0,
            now: 0.0,
            verified: None,
            trim_pending: false,
        }
    }

    /// The file hashes of the signed content shown (`None`: unsigned, pictures not
    /// checked). Pictures whose expected hash changed are decoded again.
    pub fn set_verified(&mut self, verified: Option<Arc<VerifiedFiles>>) {
        let expected = |set: &Option<Arc<VerifiedFiles>>, path: &Path| {
            set.as_ref().map(|set| set.expected(path).copied())
        };
        let stale: Vec<Key> = self
            .slots
            .keys()
            .filter(|key| expected(&self.verified, &key.path) != expected(&verified, &key.path))
            .cloned()
            .collect();
        for key in stale {
            self.cache.remove(&key);
            self.slots.remove(&key);
        }
        self.verified = verified;
    }

    /// Uploads pictures decoded since the last frame. Call once per frame, before drawing.
    pub fn poll(&mut self, ctx: &egui::Context) {
        self.frame += 1;
        if std::mem::take(&mut self.trim_pending) {
            crate::platform::memory::trim();
        }
        let (texture_limit, screen_px, now) = ctx.input(|i| {
            let screen = i.content_rect().size() * i.pixels_per_point();
            (i.max_texture_side, screen.x.max(screen.y), i.time)
        });
        self.now = now;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "screen pixels"
        )]
        let screen_px = screen_px.ceil().max(256.0) as usize;
        let side = MAX_PICTURE_SIDE as usize;
        self.max_side =
            u32::try_from(side.min(texture_limit).min(screen_px)).unwrap_or(MAX_PICTURE_SIDE);
        while let Ok(Decoded {
            key,
            generation,
            result,
        }) = self.decoded.try_recv()
        {
            let expected = matches!(
                self.slots.get(&key),
                Some(Slot::Pending { generation: g }) if *g == generation
            );
            if !expected {
                // Invalidated or forgotten while it decoded: a newer request is on its way.
                continue;
            }
            let slot = match result {
                Ok(image) => self.upload(ctx, &key, image),
                Err(err) => {
                    log::warn!(
                        "picture {}: {err}; showing the placeholder",
                        key.path.display()
                    );
                    Slot::Failed(err)
                }
            };
            self.slots.insert(key, slot);
        }
    }

    fn upload(&mut self, ctx: &egui::Context, key: &Key, image: ColorImage) -> Slot {
        let path = &key.path;
        let bytes = image.pixels.len() * std::mem::size_of::<Color32>();
        let size = image.size;
        let texture = ctx.load_texture(path.to_string_lossy(), image, TextureOptions::LINEAR);
        self.trim_pending = true;
        for evicted in self.cache.insert(key.clone(), bytes) {
            if evicted == *key {
                let err = format!(
                    "{}×{} pixels need {} MB, more than the picture cache holds ({} MB)",
                    size[0],
                    size[1],
                    bytes >> 20,
                    self.cache.budget() >> 20
                );
                log::warn!("picture {}: {err}; showing the placeholder", path.display());
                return Slot::Failed(err);
            }
            let on_screen = self
                .used_in_frame
                .get(&evicted)
                .is_some_and(|frame| *frame + 1 >= self.frame);
            if on_screen {
                log::warn!(
                    "picture {}: the screen shows more pictures than the cache holds ({} MB); \
                     it shows the placeholder for now",
                    evicted.path.display(),
                    self.cache.budget() >> 20
                );
                self.slots.insert(
                    evicted,
                    Slot::Starved {
                        last_frame: self.frame,
                    },
                );
            } else {
                // Dropping the handle frees the texture.
                self.slots.remove(&evicted);
            }
        }
        Slot::Ready {
            texture,
            shown_at: None,
        }
    }

    /// The texture for `path` when it is ready; asks for it to be decoded otherwise.
    pub fn texture(&mut self, path: &Path) -> Option<&TextureHandle> {
        self.texture_and_opacity(path).map(|(texture, _)| texture)
    }

    /// The texture for `path` when it is ready, with its opacity while it fades in (0..=1);
    /// asks for it to be decoded otherwise.
    pub fn texture_and_opacity(&mut self, path: &Path) -> Option<(&TextureHandle, f32)> {
        self.lookup(&Key::plain(path))
    }

    /// The texture for `path` with `scrim` baked in (the attract loop's look) when it is
    /// ready; asks for it to be decoded otherwise.
    pub fn scrimmed_texture(&mut self, path: &Path, scrim: Scrim) -> Option<&TextureHandle> {
        let key = Key {
            path: path.to_path_buf(),
            scrim: Some(scrim),
        };
        self.lookup(&key).map(|(texture, _)| texture)
    }

    fn lookup(&mut self, key: &Key) -> Option<(&TextureHandle, f32)> {
        // Called for each picture each frame: no key copy once it is known.
        match self.used_in_frame.get_mut(key) {
            Some(frame) => *frame = self.frame,
            None => {
                self.used_in_frame.insert(key.clone(), self.frame);
            }
        }
        let request = match self.slots.get_mut(key) {
            None => true,
            Some(Slot::Starved { last_frame }) => {
                let left_the_screen = *last_frame + 1 < self.frame;
                *last_frame = self.frame;
                left_the_screen
            }
            Some(_) => false,
        };
        if request {
            self.request(key);
        }
        let now = self.now;
        match self.slots.get_mut(key) {
            Some(Slot::Ready { texture, shown_at }) => {
                let start = *shown_at.get_or_insert(now);
                #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1")]
                let opacity = ((now - start) / FADE_SECS).clamp(0.0, 1.0) as f32;
                self.cache.touch(key);
                Some((texture, opacity))
            }
            _ => None,
        }
    }

    fn request(&mut self, key: &Key) {
        self.generation += 1;
        let generation = self.generation;
        let request = Request {
            key: key.clone(),
            max_side: self.max_side,
            generation,
            verified: self.verified.clone(),
        };
        let slot = if self.requests.send(request).is_ok() {
            Slot::Pending { generation }
        } else {
            Slot::Failed("no picture decoder runs".to_owned())
        };
        self.slots.insert(key.clone(), slot);
    }

    /// What `path` looks like now.
    pub fn status(&self, path: &Path) -> PictureStatus {
        match self.slots.get(&Key::plain(path)) {
            None => PictureStatus::Unknown,
            Some(Slot::Pending { .. }) => PictureStatus::Pending,
            Some(Slot::Ready { texture, .. }) => PictureStatus::Ready(texture.size()),
            Some(Slot::Failed(err)) => PictureStatus::Failed(err.clone()),
            Some(Slot::Starved { .. }) => {
                PictureStatus::Failed("evicted while on screen".to_owned())
            }
        }
    }

    /// Whether any picture is still being decoded.
    pub fn pending(&self) -> bool {
        self.slots
            .values()
            .any(|slot| matches!(slot, Slot::Pending { .. }))
    }

    /// Bytes of texels held by the cache now.
    pub fn cached_bytes(&self) -> usize {
        self.cache.total_bytes()
    }

    /// Number of textures alive.
    pub fn texture_count(&self) -> usize {
        self.slots
            .values()
            .filter(|slot| matches!(slot, Slot::Ready { .. }))
            .count()
    }

    /// Forgets `path` (its file changed or went away): it is decoded again when next shown.
    /// Paths under a forgotten folder are forgotten too.
    pub fn invalidate(&mut self, path: &Path) {
        let stale: Vec<Key> = self
            .slots
            .keys()
            .filter(|key| key.path.starts_with(path))
            .cloned()
            .collect();
        for key in stale {
            self.cache.remove(&key);
            self.slots.remove(&key);
        }
    }

    /// Asks for `path` ahead of its first frame on screen (the attract loop's next picture)
    /// and counts it as used this frame, so [`Pictures::keep_only_recent`] keeps it.
    pub fn prefetch(&mut self, path: &Path) {
        let _ = self.texture(path);
    }

    /// [`Pictures::prefetch`] for the look with `scrim` baked in.
    pub fn prefetch_scrimmed(&mut self, path: &Path, scrim: Scrim) {
        let _ = self.scrimmed_texture(path, scrim);
    }

    /// Drops every texture neither drawn nor prefetched in this frame or the last: the
    /// attract loop keeps the picture it shows and the next one, and nothing else at full
    /// size (pictures of the other screens are decoded again when next shown).
    pub fn keep_only_recent(&mut self) {
        let frame = self.frame;
        let stale: Vec<Key> = self
            .slots
            .iter()
            .filter(|(key, slot)| {
                matches!(slot, Slot::Ready { .. })
                    && self
                        .used_in_frame
                        .get(*key)
                        .is_none_or(|used| used + 1 < frame)
            })
            .map(|(key, _)| key.clone())
            .collect();
        for key in stale {
            self.cache.remove(&key);
            self.slots.remove(&key);
            self.used_in_frame.remove(&key);
        }
    }

    /// Keeps only the pictures for which `keep` is true (the ones new content still shows).
    pub fn retain(&mut self, keep: impl Fn(&Path) -> bool) {
        let gone: Vec<Key> = self
            .slots
            .keys()
            .filter(|key| !keep(&key.path))
            .cloned()
            .collect();
        for key in gone {
            self.cache.remove(&key);
            self.slots.remove(&key);
            self.used_in_frame.remove(&key);
        }
    }

    /// Forgets every picture (after new content), freeing their textures.
    pub fn clear(&mut self) {
        self.slots.clear();
        self.cache.clear();
        self.used_in_frame.clear();
    }
}
