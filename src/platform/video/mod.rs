//! Video clips in a picture's place: H.264 in MP4, muted, looping or played once.
//!
//! `clip` opens a file within the content limits and reads its H.264 samples; `decode` runs
//! OpenH264 on a thread per playing clip, a few frames ahead, shrunk to the size shown;
//! `pacing` decides when each frame is due (pure, tested with its own clock); `player` keeps
//! one texture per clip on screen and stops clips that went off screen; `encode` writes
//! small clips (tests, the shipped clip). A clip that is missing, damaged, too large or in
//! another codec logs one line and its poster (the picture) shows: never a panic.

mod clip;
mod decode;
pub mod encode;
pub mod pacing;
mod player;

pub use clip::{ClipInfo, VideoError, probe, sample_frames};
pub use decode::{QUEUED_FRAMES, running_decoders};
pub use player::{Status, Videos, video_status, video_statuses, video_texture};
