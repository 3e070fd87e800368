//! The players of the clips on screen: each owns a decoder thread and one texture that its
//! frames are written into (`TextureHandle::set`, no new texture per frame).
//!
//! They live in an egui plugin, so a frame's drawing code asks for a clip by its place and
//! path and gets the texture to draw. A player not drawn in a pass is dropped at the pass's
//! end, which stops its thread: a clip plays only while it is on screen, and starts from the
//! beginning when it comes back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Context, Id, TextureHandle, TextureOptions};

use super::clip::VideoError;
use super::decode::{Decoding, Frame, Next};
use super::pacing::{Decision, Pacer};
use crate::content::Play;

/// How soon to look again while the decoder has no frame ready (start-up, a slow machine).
const POLL_SECS: f32 = 0.02;

/// What a player shows now.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Frames put on screen since it started.
    pub frames_shown: u64,
    /// The clip time of the frame on screen (seconds; laps of a loop add up).
    pub time: f64,
    /// Why it cannot play, when it cannot (the poster shows).
    pub error: Option<VideoError>,
    /// Its decoder thread runs (false once a clip played once, or failed).
    pub decoding: bool,
}

/// One clip on screen.
struct Player {
    path: PathBuf,
    play: Play,
    decoding: Option<Decoding>,
    texture: Option<TextureHandle>,
    pending: Option<Frame>,
    pacer: Pacer,
    frames_shown: u64,
    time: f64,
    error: Option<VideoError>,
    /// The last pass it was drawn in.
    pass: u64,
}

impl Player {
    /// A player of `path` that has shown nothing yet, seen in pass `pass`.
    fn new(path: &Path, play: Play, pass: u64) -> Self {
        Self {
            path: path.to_path_buf(),
            play,
            decoding: None,
            texture: None,
            pending: None,
            pacer: Pacer::default(),
            frames_shown: 0,
            time: 0.0,
            error: None,
            pass,
        }
    }

    /// Whether its decoder thread has ended (or there is none).
    fn progress_ended(&self) -> bool {
        self.decoding.as_ref().is_none_or(|decoding| {
            decoding
                .progress()
                .ended
                .load(std::sync::atomic::Ordering::SeqCst)
        })
    }

    /// Takes the frames that are due at `now` and puts the latest on the texture. Returns
    /// when to look again (seconds), if ever.
    fn advance(&mut self, ctx: &Context, id: Id, now: f64) -> Option<f32> {
        let mut due: Option<Frame> = None;
        let wake = loop {
            let frame = match self.pending.take() {
                Some(frame) => frame,
                None => match self.decoding.as_ref().map(Decoding::next) {
                    Some(Next::Frame(frame)) => frame,
                    Some(Next::NotYet) => break Some(POLL_SECS),
                    Some(Next::Failed(err)) => {
                        log::warn!(
                            "video {} cannot play, its poster shows instead: {err}",
                            self.path.display()
                        );
                        self.error = Some(err);
                        self.decoding = None;
                        self.texture = None;
                        break None;
                    }
                    Some(Next::Finished) | None => {
                        self.decoding = None;
                        break None;
                    }
                },
            };
            match self.pacer.decide(frame.time, now) {
                Decision::Show => due = Some(frame),
                Decision::Wait(secs) => {
                    self.pending = Some(frame);
                    #[expect(clippy::cast_possible_truncation, reason = "seconds to wait")]
                    break Some(secs as f32);
                }
            }
        };
        if let Some(frame) = due {
            self.time = frame.time;
            self.frames_shown += 1;
            match &mut self.texture {
                Some(texture) => texture.set(frame.image, TextureOptions::LINEAR),
                None => {
                    self.texture = Some(ctx.load_texture(
                        format!("video-{id:?}"),
                        frame.image,
                        TextureOptions::LINEAR,
                    ));
                }
            }
            if frame.last {
                self.decoding = None;
            }
        }
        if self.error.is_some() {
            return None;
        }
        wake
    }
}

/// Every clip on screen, as an egui plugin (see the module's notes).
#[derive(Default)]
pub struct Videos {
    players: HashMap<Id, Player>,
}

impl egui::plugin::Plugin for Videos {
    fn debug_name(&self) -> &'static str {
        "vitrina-videos"
    }

    fn on_end_pass(&mut self, ui: &mut egui::Ui) {
        let pass = ui.ctx().cumulative_pass_nr();
        // Drawn this pass or the one before (a discarded pass may skip a clip): kept.
        self.players.retain(|_, player| player.pass + 1 >= pass);
    }
}

/// The texture of the clip at `path` (the checked real file) drawn at place `id` this pass,
/// decoded to fit `fit` pixels, at time `now` (seconds, the input's clock). None until its
/// first frame and when it cannot play: the caller shows the poster. Asks egui to repaint
/// when the next frame is due.
pub fn video_texture(
    ctx: &Context,
    id: Id,
    path: &Path,
    play: Play,
    fit: [usize; 2],
    now: f64,
) -> Option<TextureHandle> {
    let pass = ctx.cumulative_pass_nr();
    let videos = ctx.plugin_or_default::<Videos>();
    let mut videos = videos.lock();
    let player = videos
        .players
        .entry(id)
        .or_insert_with(|| Player::new(path, play, pass));
    if player.path != path || player.play != play {
        // Another clip in the same place (the content changed): start over.
        *player = Player::new(path, play, pass);
    }
    player.pass = pass;
    if player.decoding.is_none() && player.frames_shown == 0 && player.error.is_none() {
        player.decoding = Some(Decoding::start(path.to_path_buf(), play, fit));
    }
    if let Some(secs) = player.advance(ctx, id, now) {
        ctx.request_repaint_after_secs(secs);
    }
    player.texture.clone()
}

/// What the player at `id` shows, if there is one (for tests and the staff panel).
pub fn video_status(ctx: &Context, id: Id) -> Option<Status> {
    let videos = ctx.plugin_opt::<Videos>()?;
    let videos = videos.lock();
    videos.players.get(&id).map(|player| Status {
        frames_shown: player.frames_shown,
        time: player.time,
        error: player.error.clone(),
        decoding: player.decoding.is_some() && !player.progress_ended(),
    })
}

/// Every player's status (for tests).
pub fn video_statuses(ctx: &Context) -> Vec<Status> {
    let Some(videos) = ctx.plugin_opt::<Videos>() else {
        return Vec::new();
    };
    let videos = videos.lock();
    videos
        .players
        .values()
        .map(|player| Status {
            frames_shown: player.frames_shown,
            time: player.time,
            error: player.error.clone(),
            decoding: player.decoding.is_some() && !player.progress_ended(),
        })
        .collect()
}
