//! An MP4 file's H.264 track: opened with the `mp4` crate within the limits of
//! [`crate::content::limits`], its samples read one at a time and turned from MP4's
//! length-prefixed NAL units (AVCC) into the start-code form (Annex B) the decoder reads.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use mp4::{MediaType, Mp4Reader, TrackType};

use crate::content::limits;

/// Why a clip cannot be played. Each message says what to do.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum VideoError {
    /// The file could not be opened or read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// Over [`limits::MAX_VIDEO_BYTES`].
    #[error(
        "the file is {0} MB; videos may be at most {max} MB (see docs/limits.md): make it shorter or smaller",
        max = limits::MAX_VIDEO_BYTES / 1_048_576
    )]
    TooLarge(u64),
    /// Not an MP4 file, or a broken one.
    #[error("it is not a readable MP4 file ({0}): export it again as H.264 in MP4")]
    NotMp4(String),
    /// An MP4 file without a video track.
    #[error("the MP4 file has no video track: export it again as H.264 in MP4")]
    NoVideo,
    /// A video track in another codec.
    #[error("the video is {0}, not H.264 (avc1): export it again as H.264 in MP4")]
    Codec(String),
    /// Too wide or tall.
    #[error(
        "the video is {0} × {1} pixels; at most {w} × {h} are allowed (see docs/limits.md): make it smaller",
        w = limits::MAX_VIDEO_WIDTH,
        h = limits::MAX_VIDEO_HEIGHT
    )]
    Dimensions(u32, u32),
    /// Too long.
    #[error(
        "the video lasts {0} seconds; at most {max} are allowed (see docs/limits.md): cut it shorter",
        max = limits::MAX_VIDEO_SECS
    )]
    Duration(u64),
    /// Damaged inside: a sample that cannot be read or decoded.
    #[error("the video is damaged ({0}): export it again")]
    Corrupt(String),
}

/// What opening a clip found out about it (see [`probe`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClipInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames (samples) in the track.
    pub frames: u32,
    /// Length in seconds.
    pub secs: f64,
}

/// An opened clip: the reader and its H.264 track.
pub struct Clip {
    reader: Mp4Reader<BufReader<File>>,
    track: u32,
    timescale: u32,
    /// SPS and PPS with start codes, put before the first sample and after each seek.
    parameter_sets: Vec<u8>,
    /// Bytes of each NAL unit's length prefix (1, 2 or 4).
    length_size: usize,
    /// The file's size: no sample may claim more.
    file_bytes: u64,
    /// What the clip is.
    pub info: ClipInfo,
}

/// One sample ready for the decoder.
pub struct Sample {
    /// Annex B bytes (start codes), with the parameter sets first when asked.
    pub annex_b: Vec<u8>,
    /// Presentation time from the clip's start, seconds.
    pub pts: f64,
}

/// The Annex B start code.
const START: [u8; 4] = [0, 0, 0, 1];

impl Clip {
    /// Opens `path` and checks it: an MP4 file within the size limit, with an H.264 track
    /// within the dimension and duration limits. The `mp4` crate may panic on a hostile
    /// file: that is caught and reported as a damaged file.
    pub fn open(path: &Path) -> Result<Self, VideoError> {
        let meta = std::fs::metadata(path).map_err(|e| VideoError::Io(e.to_string()))?;
        if !meta.is_file() {
            return Err(VideoError::Io("it is not a file".to_owned()));
        }
        let bytes = meta.len();
        if bytes > limits::MAX_VIDEO_BYTES {
            return Err(VideoError::TooLarge(bytes.div_ceil(1_048_576)));
        }
        let file = File::open(path).map_err(|e| VideoError::Io(e.to_string()))?;
        let reader = caught(|| Mp4Reader::read_header(BufReader::new(file), bytes))?
            .map_err(|e| VideoError::NotMp4(e.to_string()))?;
        Self::from_reader(reader, bytes)
    }

    fn from_reader(reader: Mp4Reader<BufReader<File>>, bytes: u64) -> Result<Self, VideoError> {
        if reader.is_fragmented() {
            return Err(VideoError::NotMp4(
                "a fragmented (streaming) MP4 file".to_owned(),
            ));
        }
        let mut video = reader
            .tracks()
            .values()
            .filter(|t| matches!(t.track_type(), Ok(TrackType::Video)))
            .collect::<Vec<_>>();
        video.sort_by_key(|t| t.track_id());
        let track = video.first().ok_or(VideoError::NoVideo)?;
        match track.media_type() {
            Ok(MediaType::H264) => {}
            Ok(MediaType::H265) => return Err(VideoError::Codec("H.265 (HEVC)".to_owned())),
            Ok(MediaType::VP9) => return Err(VideoError::Codec("VP9".to_owned())),
            Ok(other) => return Err(VideoError::Codec(other.to_string())),
            Err(_) => {
                let fourcc = track
                    .trak
                    .mdia
                    .minf
                    .stbl
                    .stsd
                    .hev1
                    .as_ref()
                    .map_or("another codec", |_| "H.265 (HEVC)");
                return Err(VideoError::Codec(fourcc.to_owned()));
            }
        }
        let (width, height) = (u32::from(track.width()), u32::from(track.height()));
        if width == 0
            || height == 0
            || width > limits::MAX_VIDEO_WIDTH
            || height > limits::MAX_VIDEO_HEIGHT
        {
            return Err(VideoError::Dimensions(width, height));
        }
        let timescale = track.timescale();
        if timescale == 0 {
            return Err(VideoError::Corrupt("its time scale is 0".to_owned()));
        }
        let length = track.duration();
        if length > std::time::Duration::from_secs(limits::MAX_VIDEO_SECS) {
            let whole = length.as_secs() + u64::from(length.subsec_nanos() > 0);
            return Err(VideoError::Duration(whole));
        }
        let secs = length.as_secs_f64();
        let frames = track.sample_count();
        if frames == 0 {
            return Err(VideoError::Corrupt("it has no frames".to_owned()));
        }
        if frames > limits::MAX_VIDEO_SAMPLES {
            return Err(VideoError::Corrupt(format!("{frames} frames")));
        }
        let sps = track
            .sequence_parameter_set()
            .map_err(|e| VideoError::Corrupt(e.to_string()))?;
        let pps = track
            .picture_parameter_set()
            .map_err(|e| VideoError::Corrupt(e.to_string()))?;
        let mut parameter_sets = Vec::with_capacity(sps.len() + pps.len() + 8);
        for set in [sps, pps] {
            parameter_sets.extend_from_slice(&START);
            parameter_sets.extend_from_slice(set);
        }
        let length_size = track
            .trak
            .mdia
            .minf
            .stbl
            .stsd
            .avc1
            .as_ref()
            .map_or(4, |avc1| {
                usize::from(avc1.avcc.length_size_minus_one & 3) + 1
            });
        let track_id = track.track_id();
        Ok(Self {
            reader,
            track: track_id,
            timescale,
            parameter_sets,
            length_size,
            file_bytes: bytes,
            info: ClipInfo {
                width,
                height,
                frames,
                secs,
            },
        })
    }

    /// Sample `index` (from 0) as Annex B, with the parameter sets first when `with_sets`.
    pub fn sample(&mut self, index: u32, with_sets: bool) -> Result<Sample, VideoError> {
        let id = index + 1;
        self.check_sample_size(id)?;
        let (track, timescale) = (self.track, self.timescale);
        let reader = &mut self.reader;
        let sample = caught(move || reader.read_sample(track, id))?
            .map_err(|e| VideoError::Corrupt(e.to_string()))?
            .ok_or_else(|| VideoError::Corrupt(format!("frame {id} is missing")))?;
        let mut annex_b = Vec::with_capacity(sample.bytes.len() + self.parameter_sets.len() + 8);
        if with_sets {
            annex_b.extend_from_slice(&self.parameter_sets);
        }
        avcc_to_annex_b(&sample.bytes, self.length_size, &mut annex_b)?;
        let at = i128::from(sample.start_time) + i128::from(sample.rendering_offset);
        #[expect(
            clippy::cast_precision_loss,
            reason = "times within ten minutes at any time scale fit an f64 exactly enough"
        )]
        let pts = at.max(0) as f64 / f64::from(timescale);
        Ok(Sample { annex_b, pts })
    }

    /// Refuses a sample whose size the tables put beyond the file (it would be read into a
    /// buffer of that size).
    fn check_sample_size(&self, id: u32) -> Result<(), VideoError> {
        let stsz = &self
            .reader
            .tracks()
            .get(&self.track)
            .ok_or(VideoError::NoVideo)?
            .trak
            .mdia
            .minf
            .stbl
            .stsz;
        let size = if stsz.sample_size > 0 {
            stsz.sample_size
        } else {
            let at = usize::try_from(id - 1).unwrap_or(usize::MAX);
            *stsz
                .sample_sizes
                .get(at)
                .ok_or_else(|| VideoError::Corrupt(format!("frame {id} has no size")))?
        };
        if u64::from(size) > self.file_bytes {
            return Err(VideoError::Corrupt(format!(
                "frame {id} claims {size} bytes, more than the file"
            )));
        }
        Ok(())
    }
}

/// Runs `f`, turning a panic inside the `mp4` crate into a damaged-file error.
fn caught<T>(f: impl FnOnce() -> T) -> Result<T, VideoError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| VideoError::Corrupt("the MP4 reader could not make sense of it".to_owned()))
}

/// Appends `avcc`'s NAL units (each after a big-endian length of `length_size` bytes) to `out`
/// with start codes.
pub fn avcc_to_annex_b(
    avcc: &[u8],
    length_size: usize,
    out: &mut Vec<u8>,
) -> Result<(), VideoError> {
    let mut rest = avcc;
    while !rest.is_empty() {
        if rest.len() < length_size {
            return Err(VideoError::Corrupt("a frame is cut short".to_owned()));
        }
        let (len, tail) = rest.split_at(length_size);
        let len = len.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b));
        if len > tail.len() {
            return Err(VideoError::Corrupt("a frame is cut short".to_owned()));
        }
        out.extend_from_slice(&START);
        out.extend_from_slice(&tail[..len]);
        rest = &tail[len..];
    }
    Ok(())
}

/// Opens `path` as the kiosk would and reports what it is, for `vitrina check`. With
/// `decode`, every frame is also decoded (a fault inside the compressed data is found).
pub fn probe(path: &Path, decode: bool) -> Result<ClipInfo, VideoError> {
    let mut clip = Clip::open(path)?;
    let info = clip.info;
    if decode {
        let mut decoder = super::decode::H264::new()?;
        for index in 0..info.frames {
            let sample = clip.sample(index, index == 0)?;
            decoder.decode(&sample.annex_b, None)?;
        }
    } else {
        clip.sample(0, true)?;
    }
    Ok(info)
}

/// Every `every`-th frame of `path` as the kiosk decodes it, shrunk to fit `fit` (for
/// looking at a clip without a video player: `examples/make_clips.rs look`).
pub fn sample_frames(
    path: &Path,
    fit: [usize; 2],
    every: u32,
) -> Result<Vec<egui::ColorImage>, VideoError> {
    let mut clip = Clip::open(path)?;
    let mut decoder = super::decode::H264::new()?;
    let mut frames = Vec::new();
    for index in 0..clip.info.frames {
        let sample = clip.sample(index, index == 0)?;
        let image = decoder.decode(&sample.annex_b, Some(fit))?;
        if index % every.max(1) == 0 {
            frames.extend(image);
        }
    }
    Ok(frames)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avcc_lengths_become_start_codes() {
        let mut out = Vec::new();
        avcc_to_annex_b(&[0, 0, 0, 2, 9, 8, 0, 0, 0, 1, 7], 4, &mut out).expect("well formed");
        assert_eq!(out, [0, 0, 0, 1, 9, 8, 0, 0, 0, 1, 7], "two NAL units");
    }

    #[test]
    fn a_cut_nal_unit_is_an_error() {
        let mut out = Vec::new();
        let err = avcc_to_annex_b(&[0, 0, 0, 9, 1, 2], 4, &mut out).expect_err("cut short");
        assert!(err.to_string().contains("damaged"), "{err}");
    }
}
