//! H.264 decoding with OpenH264, and the decoder thread of one playing clip.
//!
//! The thread reads a sample, decodes it, shrinks the picture to the size it is shown at and
//! sends it with its time through a channel that holds [`QUEUED_FRAMES`] frames: when the
//! player has that many waiting, the thread blocks, so memory stays at a few frames whatever
//! the clip's length. Each lap of a loop opens the file anew, so a changed clip plays from its
//! next lap (one rewritten under a playing lap starts over with the new file). Dropping the
//! [`Decoding`] ends the thread at its next frame.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use egui::ColorImage;
use openh264::formats::YUVSource;

use super::clip::{Clip, VideoError};
use crate::content::Play;

/// Decoded frames waiting in the channel (one more may be held by the player, one by the
/// thread while it waits): "a few frames ahead", never the whole clip.
pub const QUEUED_FRAMES: usize = 2;

/// Decoder threads running now, in this process (for tests and the log).
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Decoder threads running now.
pub fn running_decoders() -> usize {
    RUNNING.load(Ordering::SeqCst)
}

/// One decoded frame, shrunk to the size it is shown at.
pub struct Frame {
    /// Seconds on the clip's timeline (laps of a loop add up).
    pub time: f64,
    /// The pixels.
    pub image: ColorImage,
    /// The clip's last frame, when it plays once.
    pub last: bool,
}

/// OpenH264's decoder, with the conversion to shrunk RGBA.
pub struct H264 {
    decoder: openh264::decoder::Decoder,
}

impl H264 {
    /// A new decoder.
    pub fn new() -> Result<Self, VideoError> {
        openh264::decoder::Decoder::new()
            .map(|decoder| Self { decoder })
            .map_err(|e| VideoError::Corrupt(format!("the decoder did not start: {e}")))
    }

    /// Decodes one sample (Annex B); a picture that comes out is returned as RGBA, shrunk by
    /// a whole factor to fit `fit` (width, height) when it is larger. `None` for `fit`:
    /// decoded, not converted (a check).
    pub fn decode(
        &mut self,
        annex_b: &[u8],
        fit: Option<[usize; 2]>,
    ) -> Result<Option<ColorImage>, VideoError> {
        let yuv = self
            .decoder
            .decode(annex_b)
            .map_err(|e| VideoError::Corrupt(e.to_string()))?;
        let (Some(yuv), Some(fit)) = (yuv, fit) else {
            return Ok(None);
        };
        Ok(Some(to_rgba(&yuv, fit)))
    }
}

/// `yuv` as an image shrunk by the largest whole factor that still covers `fit` (the clip
/// is cropped to cover its place, so it must not get smaller than that on either side).
/// Nearest sample: cheap, and a clip is shown at about its own size or smaller.
fn to_rgba(yuv: &openh264::decoder::DecodedYUV<'_>, fit: [usize; 2]) -> ColorImage {
    let (w, h) = yuv.dimensions();
    let step = (w / fit[0].max(1)).min(h / fit[1].max(1)).max(1);
    if step == 1 {
        // At its own size: OpenH264's own converter, with SIMD.
        let mut rgba = vec![0; w * h * 4];
        yuv.write_rgba8(&mut rgba);
        return ColorImage::from_rgba_premultiplied([w, h], &rgba);
    }
    let (ow, oh) = (w.div_ceil(step), h.div_ceil(step));
    let (ys, us, vs) = yuv.strides();
    let (yp, up, vp) = (yuv.y(), yuv.u(), yuv.v());
    let mut rgba = Vec::with_capacity(ow * oh * 4);
    for oy in 0..oh {
        let y = oy * step;
        for ox in 0..ow {
            let x = ox * step;
            let luma = f32::from(yp.get(y * ys + x).copied().unwrap_or(16));
            let cb = f32::from(up.get((y / 2) * us + x / 2).copied().unwrap_or(128));
            let cr = f32::from(vp.get((y / 2) * vs + x / 2).copied().unwrap_or(128));
            // BT.601, video range: what OpenH264's own converter uses.
            let l = 1.164 * (luma - 16.0);
            let (cb, cr) = (cb - 128.0, cr - 128.0);
            for value in [l + 1.596 * cr, l - 0.813 * cr - 0.391 * cb, l + 2.018 * cb] {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "clamped to 0..=255 first"
                )]
                rgba.push(value.clamp(0.0, 255.0) as u8);
            }
            rgba.push(255);
        }
    }
    ColorImage::from_rgba_premultiplied([ow, oh], &rgba)
}

/// The decoder thread of one playing clip, seen from the player.
pub struct Decoding {
    /// Frames, or the one error that ended the thread.
    frames: Mutex<Receiver<Result<Frame, VideoError>>>,
    stop: Arc<AtomicBool>,
    /// What the thread did: frames sent, and whether it still runs.
    progress: Arc<Progress>,
}

/// What a decoder thread did, shared with its player.
#[derive(Debug, Default)]
pub struct Progress {
    /// Frames put in the channel.
    pub sent: AtomicUsize,
    /// The thread ended.
    pub ended: AtomicBool,
}

impl Decoding {
    /// Starts decoding `path` on a thread of its own, frames shrunk to fit `fit` pixels.
    pub fn start(path: PathBuf, play: Play, fit: [usize; 2]) -> Self {
        let (tx, rx) = sync_channel(QUEUED_FRAMES);
        let stop = Arc::new(AtomicBool::new(false));
        let thread_stop = Arc::clone(&stop);
        let progress = Arc::new(Progress::default());
        let thread_progress = Arc::clone(&progress);
        RUNNING.fetch_add(1, Ordering::SeqCst);
        let spawned = std::thread::Builder::new()
            .name("vitrina-video".to_owned())
            .spawn(move || {
                let _running = Running(Arc::clone(&thread_progress));
                run(&path, play, fit, &tx, &thread_stop, &thread_progress);
            });
        if let Err(err) = spawned {
            RUNNING.fetch_sub(1, Ordering::SeqCst);
            progress.ended.store(true, Ordering::SeqCst);
            log::warn!("a video decoder thread could not start: {err}");
        }
        Self {
            frames: Mutex::new(rx),
            stop,
            progress,
        }
    }

    /// What the thread did so far.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    /// The next frame if one is ready, or why there is none.
    pub fn next(&self) -> Next {
        let Ok(frames) = self.frames.lock() else {
            return Next::Finished;
        };
        match frames.try_recv() {
            Ok(Ok(frame)) => Next::Frame(frame),
            Ok(Err(err)) => Next::Failed(err),
            Err(std::sync::mpsc::TryRecvError::Empty) => Next::NotYet,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Next::Finished,
        }
    }
}

impl Drop for Decoding {
    fn drop(&mut self) {
        // The thread sees this within one frame's decoding, or at once when it waits to send
        // (the receiver goes with `self`).
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// What the decoder has for the player.
pub enum Next {
    /// A frame.
    Frame(Frame),
    /// Nothing yet: the thread is decoding.
    NotYet,
    /// The clip cannot play (logged by the player).
    Failed(VideoError),
    /// The thread ended: the clip played once, or it stopped.
    Finished,
}

/// Counts a running thread down when it ends, however it ends.
struct Running(Arc<Progress>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.ended.store(true, Ordering::SeqCst);
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The thread: laps of the clip until stopped, or once.
fn run(
    path: &std::path::Path,
    play: Play,
    fit: [usize; 2],
    tx: &SyncSender<Result<Frame, VideoError>>,
    stop: &AtomicBool,
    progress: &Progress,
) {
    let mut offset = 0.0;
    let mut retries = 0;
    loop {
        let before = stat(path);
        match lap(path, play, fit, tx, stop, offset, progress) {
            Ok(Some(length)) if play == Play::Loop => {
                offset += length;
                retries = 0;
            }
            Ok(_) => return,
            // Saved anew while it played (an editor or sync tool rewriting it in place):
            // start over with the new file, after a moment for the writer to finish.
            Err(_) if retries < MAX_RETRIES && stat(path) != before => {
                retries += 1;
                std::thread::sleep(RETRY_WAIT);
            }
            Err(err) => {
                // The player logs it and shows the poster; the thread ends.
                let _ = send(tx, stop, Err(err));
                return;
            }
        }
    }
}

/// Laps started over in a row because the file changed under them.
const MAX_RETRIES: u32 = 5;

/// How long to let a writer finish before reading a changed clip again.
const RETRY_WAIT: std::time::Duration = std::time::Duration::from_millis(200);

/// The file's size and time of change, to see that it was saved anew.
fn stat(path: &std::path::Path) -> Option<(u64, Option<std::time::SystemTime>)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// One lap of the clip from its start, frames timed from `offset`. Returns the lap's
/// length in seconds, or None when stopped.
fn lap(
    path: &std::path::Path,
    play: Play,
    fit: [usize; 2],
    tx: &SyncSender<Result<Frame, VideoError>>,
    stop: &AtomicBool,
    offset: f64,
    progress: &Progress,
) -> Result<Option<f64>, VideoError> {
    let mut clip = Clip::open(path)?;
    let mut decoder = H264::new()?;
    let frames = clip.info.frames;
    let mut last_pts: f64 = 0.0;
    let mut sent = 0u32;
    for index in 0..frames {
        if stop.load(Ordering::SeqCst) {
            return Ok(None);
        }
        let sample = clip.sample(index, index == 0)?;
        last_pts = last_pts.max(sample.pts);
        if let Some(image) = decoder.decode(&sample.annex_b, Some(fit))? {
            sent += 1;
            let frame = Frame {
                time: offset + sample.pts,
                image,
                last: play == Play::Once && index + 1 == frames,
            };
            if !send(tx, stop, Ok(frame)) {
                return Ok(None);
            }
            progress.sent.fetch_add(1, Ordering::SeqCst);
        }
    }
    if sent == 0 {
        return Err(VideoError::Corrupt("no frame could be decoded".to_owned()));
    }
    // The lap lasts its track's length, or one frame past its last one.
    let frame_secs = if frames > 1 {
        last_pts / f64::from(frames - 1)
    } else {
        0.1
    };
    Ok(Some(clip.info.secs.max(last_pts + frame_secs).max(0.04)))
}

/// Sends `item`, waiting while the channel is full; false when the player is gone (its
/// receiver dropped, which wakes a waiting send at once) or asked the thread to stop.
fn send(
    tx: &SyncSender<Result<Frame, VideoError>>,
    stop: &AtomicBool,
    item: Result<Frame, VideoError>,
) -> bool {
    !stop.load(Ordering::SeqCst) && tx.send(item).is_ok()
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
