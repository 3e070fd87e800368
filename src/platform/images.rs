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

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use egui::{Color32, ColorImage, TextureHandle, TextureOptions};

use crate::content::VerifiedFiles;
use crate::content::provenance::sha256;

/// Largest side of a decoded picture, in pixels: enough for a full-bleed 4K screen.
pub const MAX_PICTURE_SIDE: u32 = 3840;

/// Largest width or height a file may declare; larger ones are refused before decoding.
pub const MAX_DECLARED_SIDE: u32 = 20_000;

/// Most memory one decode may allocate (a decompression bomb is refused before it happens).
pub const MAX_DECODE_ALLOC: u64 = 512 * 1024 * 1024;

/// Default bound of the texture cache, in bytes of RGBA texels: two 4K pictures and a
/// screenful of smaller ones.
pub const DEFAULT_CACHE_BYTES: usize = 128 * 1024 * 1024;

/// How long a picture takes to fade in once decoded, in seconds.
pub const FADE_SECS: f64 = 0.2;

/// Largest picture file read to be checked against its signed hash.
pub const MAX_VERIFIED_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Decoding threads.
const DECODER_THREADS: usize = 2;

/// A least-recently-used set of keys with a size each, bounded by the sum of the sizes.
///
/// Pure bookkeeping (no egui): the caller drops whatever [`ByteLru::insert`] evicts.
#[derive(Debug)]
pub struct ByteLru<K> {
    /// Size and last use of each key.
    entries: HashMap<K, (usize, u64)>,
    /// Keys by last use, oldest first.
    order: BTreeMap<u64, K>,
    tick: u64,
    total: usize,
    budget: usize,
}

impl<K: Eq + Hash + Clone> ByteLru<K> {
    /// An empty cache holding at most `budget` bytes.
    pub fn new(budget: usize) -> Self {
        Self {
            entries: HashMap::new(),
            order: BTreeMap::new(),
            tick: 0,
            total: 0,
            budget,
        }
    }

    /// The bound, in bytes.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Bytes held now (never more than the budget).
    pub fn total_bytes(&self) -> usize {
        self.total
    }

    /// Number of keys held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `key` is held.
    pub fn contains<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.entries.contains_key(key)
    }

    /// Marks `key` as just used.
    pub fn touch<Q: Hash + Eq + ?Sized>(&mut self, key: &Q)
    where
        K: Borrow<Q>,
    {
        let Some((_, used)) = self.entries.get_mut(key) else {
            return;
        };
        let old = *used;
        self.tick += 1;
        *used = self.tick;
        if let Some(key) = self.order.remove(&old) {
            self.order.insert(self.tick, key);
        }
    }

    /// Adds (or replaces) `key` with `bytes`, most recently used, and evicts the least
    /// recently used keys until the total fits the budget. Returns the evicted keys; when
    /// `key` alone is larger than the budget it is not kept and is returned too.
    pub fn insert(&mut self, key: K, bytes: usize) -> Vec<K> {
        self.remove(&key);
        if bytes > self.budget {
            return vec![key];
        }
        let mut evicted = Vec::new();
        while self.total + bytes > self.budget {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            if let Some((size, _)) = self.entries.remove(&oldest) {
                self.total -= size;
            }
            evicted.push(oldest);
        }
        self.tick += 1;
        self.entries.insert(key.clone(), (bytes, self.tick));
        self.order.insert(self.tick, key);
        self.total += bytes;
        evicted
    }

    /// Forgets `key`; returns whether it was held.
    pub fn remove<Q: Hash + Eq + ?Sized>(&mut self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        match self.entries.remove(key) {
            Some((size, used)) => {
                self.order.remove(&used);
                self.total -= size;
                true
            }
            None => false,
        }
    }

    /// Forgets every key.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.order.clear();
        self.total = 0;
    }
}

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

struct Request {
    path: PathBuf,
    max_side: u32,
    generation: u64,
    /// The signed hashes the file must match, for signed content.
    verified: Option<Arc<VerifiedFiles>>,
}

struct Decoded {
    path: PathBuf,
    generation: u64,
    result: Result<ColorImage, String>,
}

/// Decodes pictures off the UI thread and keeps their textures.
pub struct Pictures {
    slots: HashMap<PathBuf, Slot>,
    /// Uploaded textures by size; evicted ones are dropped, which frees them in egui.
    cache: ByteLru<PathBuf>,
    /// Frame of each picture's last use (for the starvation guard).
    used_in_frame: HashMap<PathBuf, u64>,
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
        }
    }

    /// The file hashes of the signed content shown (`None`: unsigned, pictures not
    /// checked). Pictures whose expected hash changed are decoded again.
    pub fn set_verified(&mut self, verified: Option<Arc<VerifiedFiles>>) {
        let expected = |set: &Option<Arc<VerifiedFiles>>, path: &Path| {
            set.as_ref().map(|set| set.expected(path).copied())
        };
        let stale: Vec<PathBuf> = self
            .slots
            .keys()
            .filter(|path| expected(&self.verified, path) != expected(&verified, path))
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
            path,
            generation,
            result,
        }) = self.decoded.try_recv()
        {
            let expected = matches!(
                self.slots.get(&path),
                Some(Slot::Pending { generation: g }) if *g == generation
            );
            if !expected {
                // Invalidated or forgotten while it decoded: a newer request is on its way.
                continue;
            }
            let slot = match result {
                Ok(image) => self.upload(ctx, &path, image),
                Err(err) => {
                    log::warn!("picture {}: {err}; showing the placeholder", path.display());
                    Slot::Failed(err)
                }
            };
            self.slots.insert(path, slot);
        }
    }

    fn upload(&mut self, ctx: &egui::Context, path: &Path, image: ColorImage) -> Slot {
        let bytes = image.pixels.len() * std::mem::size_of::<Color32>();
        let size = image.size;
        let texture = ctx.load_texture(path.to_string_lossy(), image, TextureOptions::LINEAR);
        for evicted in self.cache.insert(path.to_path_buf(), bytes) {
            if evicted == path {
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
                    evicted.display(),
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
        match self.used_in_frame.get_mut(path) {
            Some(frame) => *frame = self.frame,
            None => {
                self.used_in_frame.insert(path.to_path_buf(), self.frame);
            }
        }
        let request = match self.slots.get_mut(path) {
            None => true,
            Some(Slot::Starved { last_frame }) => {
                let left_the_screen = *last_frame + 1 < self.frame;
                *last_frame = self.frame;
                left_the_screen
            }
            Some(_) => false,
        };
        if request {
            self.request(path);
        }
        let now = self.now;
        match self.slots.get_mut(path) {
            Some(Slot::Ready { texture, shown_at }) => {
                let start = *shown_at.get_or_insert(now);
                #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1")]
                let opacity = ((now - start) / FADE_SECS).clamp(0.0, 1.0) as f32;
                self.cache.touch(path);
                Some((texture, opacity))
            }
            _ => None,
        }
    }

    fn request(&mut self, path: &Path) {
        self.generation += 1;
        let generation = self.generation;
        let request = Request {
            path: path.to_path_buf(),
            max_side: self.max_side,
            generation,
            verified: self.verified.clone(),
        };
        let slot = if self.requests.send(request).is_ok() {
            Slot::Pending { generation }
        } else {
            Slot::Failed("no picture decoder runs".to_owned())
        };
        self.slots.insert(path.to_path_buf(), slot);
    }

    /// What `path` looks like now.
    pub fn status(&self, path: &Path) -> PictureStatus {
        match self.slots.get(path) {
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
        let stale: Vec<PathBuf> = self
            .slots
            .keys()
            .filter(|key| key.starts_with(path))
            .cloned()
            .collect();
        for key in stale {
            self.cache.remove(&key);
            self.slots.remove(&key);
        }
    }

    /// Keeps only the pictures for which `keep` is true (the ones new content still shows).
    pub fn retain(&mut self, keep: impl Fn(&Path) -> bool) {
        let gone: Vec<PathBuf> = self
            .slots
            .keys()
            .filter(|key| !keep(key))
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

fn decoder_loop(
    requests: &Mutex<Receiver<Request>>,
    decoded: &Sender<Decoded>,
    ctx: &egui::Context,
) {
    loop {
        let request = {
            let Ok(requests) = requests.lock() else {
                return;
            };
            match requests.recv() {
                Ok(request) => request,
                Err(_) => return,
            }
        };
        let result = match &request.verified {
            None => decode(&request.path, request.max_side),
            Some(verified) => decode_verified(&request.path, request.max_side, verified),
        };
        let sent = decoded.send(Decoded {
            path: request.path,
            generation: request.generation,
            result,
        });
        if sent.is_err() {
            return;
        }
        ctx.request_repaint();
    }
}

/// Decodes `path` (PNG, JPEG or WebP, whatever its name says) and downscales it so that its
/// longer side is at most `max_side`. Refuses files beyond [`MAX_DECLARED_SIDE`] or
/// [`MAX_DECODE_ALLOC`] before decoding them. Never panics on bad input.
pub fn decode(path: &Path, max_side: u32) -> Result<ColorImage, String> {
    let reader = image::ImageReader::open(path).map_err(|err| format!("cannot open: {err}"))?;
    decode_reader(reader, path, max_side)
}

/// Decodes from `reader` (a file or bytes already read); `path` names it in the log.
fn decode_reader<R: std::io::BufRead + std::io::Seek>(
    reader: image::ImageReader<R>,
    path: &Path,
    max_side: u32,
) -> Result<ColorImage, String> {
    let started = std::time::Instant::now();
    let reader = reader
        .with_guessed_format()
        .map_err(|err| format!("cannot read: {err}"))?;
    if reader.format().is_none() {
        return Err("not a PNG, JPEG or WebP picture".to_owned());
    }
    let mut reader = reader;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DECLARED_SIDE);
    limits.max_image_height = Some(MAX_DECLARED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    // A decoder that panics on a hostile file must not take the kiosk down with it.
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.decode()))
        .map_err(|_| "the decoder failed on this file".to_owned())?
        .map_err(|err| format!("cannot decode: {err}"))?;
    let (width, height) = (decoded.width(), decoded.height());
    let image = if width.max(height) > max_side {
        // Area averaging in integers: several times quicker than a filtered resize of a
        // camera photo, and as good for shrinking.
        decoded.thumbnail(max_side, max_side)
    } else {
        decoded
    };
    let image = into_color_image(image);
    log::debug!(
        "picture {}: {width}×{height} decoded to {}×{} in {} ms",
        path.display(),
        image.size[0],
        image.size[1],
        started.elapsed().as_millis()
    );
    Ok(image)
}

/// Like [`decode`], for signed content: reads the file once, checks its SHA-256 against the
/// hash the verified manifest lists, and decodes those same bytes.
pub fn decode_verified(
    path: &Path,
    max_side: u32,
    verified: &VerifiedFiles,
) -> Result<ColorImage, String> {
    use std::io::Read as _;
    let Some(expected) = verified.expected(path) else {
        return Err("not listed in the signed content.manifest; not shown".to_owned());
    };
    let file = std::fs::File::open(path).map_err(|err| format!("cannot open: {err}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_VERIFIED_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| format!("cannot read: {err}"))?;
    if bytes.len() as u64 > MAX_VERIFIED_FILE_BYTES {
        return Err(format!("larger than {} MiB", MAX_VERIFIED_FILE_BYTES >> 20));
    }
    if sha256(&bytes) != *expected {
        return Err(
            "the file changed after its signature was checked (its SHA-256 is not the one in \
             content.manifest); not shown until signed content with it is applied"
                .to_owned(),
        );
    }
    decode_reader(
        image::ImageReader::new(std::io::Cursor::new(bytes)),
        path,
        max_side,
    )
}

/// Converts to egui's premultiplied texels, reusing the RGBA buffer (no second copy of a
/// screen-sized picture).
fn into_color_image(image: image::DynamicImage) -> ColorImage {
    let rgba = image.into_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    let mut raw = rgba.into_raw();
    for px in raw.chunks_exact_mut(4) {
        if px[3] != 255 {
            let c = Color32::from_rgba_unmultiplied(px[0], px[1], px[2], px[3]);
            px.copy_from_slice(&c.to_array());
        }
    }
    let pixels: Vec<Color32> = bytemuck::allocation::try_cast_vec(raw).unwrap_or_else(
        |(_, raw): (bytemuck::PodCastError, Vec<u8>)| {
            raw.chunks_exact(4)
                .map(|p| Color32::from_rgba_premultiplied(p[0], p[1], p[2], p[3]))
                .collect()
        },
    );
    ColorImage::new(size, pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_picture_is_decoded_only_while_its_bytes_match_the_signed_hash() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assets/picture.png");
        let bytes = std::fs::read(&fixture).expect("fixture");
        let root = dir.path().canonicalize().expect("real");
        let path = root.join("picture.png");
        std::fs::write(&path, &bytes).expect("write");
        let mut files = BTreeMap::new();
        files.insert("picture.png".to_owned(), sha256(&bytes));
        let verified = VerifiedFiles::new(root.clone(), files);
        let image = decode_verified(&path, 64, &verified).expect("the signed bytes decode");
        assert_eq!(image.size, [16, 9], "decoded");

        // Swapped after the check: another valid picture, but not the one signed.
        let mut other = bytes.clone();
        let last = other.len() - 5;
        other[last] ^= 1;
        std::fs::write(&path, &other).expect("write");
        let err = decode_verified(&path, 64, &verified).expect_err("refused");
        assert!(
            err.contains("changed after its signature was checked"),
            "{err}"
        );

        let unlisted = root.join("other.png");
        std::fs::write(&unlisted, &bytes).expect("write");
        let err = decode_verified(&unlisted, 64, &verified).expect_err("refused");
        assert!(err.contains("not listed"), "{err}");
    }

    #[test]
    fn the_cache_evicts_the_least_recently_used() {
        let mut lru = ByteLru::new(100);
        assert!(lru.insert("a", 40).is_empty(), "a fits");
        assert!(lru.insert("b", 40).is_empty(), "b fits");
        lru.touch(&"a");
        assert_eq!(lru.insert("c", 40), vec!["b"], "b was used least recently");
        assert!(lru.contains(&"a") && lru.contains(&"c"), "a and c stay");
        assert_eq!(lru.total_bytes(), 80, "sizes add up");
    }

    #[test]
    fn an_entry_larger_than_the_bound_is_not_kept() {
        let mut lru = ByteLru::new(100);
        assert!(lru.insert("a", 40).is_empty(), "a fits");
        assert_eq!(lru.insert("big", 101), vec!["big"], "refused");
        assert!(lru.contains(&"a"), "a stays");
        assert_eq!(lru.total_bytes(), 40, "nothing added");
    }

    #[test]
    fn replacing_and_removing_keep_the_total_right() {
        let mut lru = ByteLru::new(100);
        let _ = lru.insert("a", 40);
        let _ = lru.insert("a", 70);
        assert_eq!((lru.len(), lru.total_bytes()), (1, 70), "replaced");
        assert!(lru.remove(&"a"), "removed");
        assert!(!lru.remove(&"a"), "already gone");
        assert_eq!((lru.len(), lru.total_bytes()), (0, 0), "empty");
    }

    #[test]
    fn translucent_texels_are_premultiplied_and_opaque_ones_kept() {
        let mut image = image::RgbaImage::new(2, 1);
        image.put_pixel(0, 0, image::Rgba([200, 100, 50, 255]));
        image.put_pixel(1, 0, image::Rgba([200, 100, 50, 0]));
        let color = into_color_image(image::DynamicImage::ImageRgba8(image));
        assert_eq!(color.size, [2, 1], "size");
        assert_eq!(
            color.pixels[0],
            Color32::from_rgb(200, 100, 50),
            "opaque kept"
        );
        assert_eq!(color.pixels[1], Color32::TRANSPARENT, "transparent");
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::ByteLru;

    proptest! {
        /// Whatever the sequence of inserts, touches and removals, the total never
        /// exceeds the bound and equals the sum of what is held.
        #[test]
        fn the_bound_always_holds(ops in proptest::collection::vec((0u8..3, 0u8..16, 0usize..60), 1..200)) {
            let mut lru = ByteLru::new(100);
            let mut sizes = std::collections::HashMap::new();
            for (op, key, bytes) in ops {
                match op {
                    0 => {
                        for evicted in lru.insert(key, bytes) {
                            sizes.remove(&evicted);
                        }
                        if lru.contains(&key) {
                            sizes.insert(key, bytes);
                        }
                    }
                    1 => lru.touch(&key),
                    _ => {
                        lru.remove(&key);
                        sizes.remove(&key);
                    }
                }
                prop_assert!(lru.total_bytes() <= 100, "bound");
                prop_assert_eq!(lru.total_bytes(), sizes.values().sum::<usize>(), "sum");
                prop_assert_eq!(lru.len(), sizes.len(), "count");
            }
        }
    }
}
