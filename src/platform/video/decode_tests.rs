//! Demuxing and decoding a clip made here, the bounded queue, loops, and broken files.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::*;
use crate::platform::video::clip::probe;
use crate::platform::video::encode::{colour_frames, encode_mp4, hevc_mp4};

/// A 64 × 48 clip of 10 frames at 10 fps, each a different colour, written into `dir`.
fn clip_in(dir: &Path) -> PathBuf {
    let bytes = encode_mp4(64, 48, 10, &colour_frames(64, 48, 10)).expect("the clip encodes");
    let path = dir.join("clip.mp4");
    std::fs::write(&path, bytes).expect("the clip is written");
    path
}

/// The next frame within `wait`, or why there is none.
fn next_within(decoding: &Decoding, wait: Duration) -> Next {
    let start = Instant::now();
    loop {
        match decoding.next() {
            Next::NotYet if start.elapsed() < wait => std::thread::sleep(Duration::from_millis(2)),
            other => return other,
        }
    }
}

/// Every frame's time until the clip ends or `max` frames came.
fn frame_times(decoding: &Decoding, max: usize) -> (Vec<f64>, Vec<ColorImage>, Next) {
    let mut times = Vec::new();
    let mut images = Vec::new();
    loop {
        match next_within(decoding, Duration::from_secs(60)) {
            Next::Frame(frame) => {
                times.push(frame.time);
                images.push(frame.image);
                if times.len() >= max {
                    return (times, images, Next::NotYet);
                }
            }
            other => return (times, images, other),
        }
    }
}

#[test]
fn a_made_clip_probes_as_h264_with_its_size_and_length() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = clip_in(dir.path());
    let info = probe(&path, true).expect("the clip is fine");
    assert_eq!((info.width, info.height), (64, 48), "its size: {info:?}");
    assert_eq!(info.frames, 10, "its frames: {info:?}");
    assert!((info.secs - 1.0).abs() < 0.01, "one second long: {info:?}");
}

#[test]
fn played_once_it_gives_every_frame_at_its_time_then_ends() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let decoding = Decoding::start(clip_in(dir.path()), Play::Once, [64, 48]);
    let (times, images, end) = frame_times(&decoding, 100);
    assert!(
        matches!(end, Next::Finished),
        "the thread ends after one lap"
    );
    assert_eq!(times.len(), 10, "ten frames: {times:?}");
    for (i, time) in times.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a frame number")]
        let want = i as f64 / 10.0;
        assert!(
            (time - want).abs() < 1e-6,
            "frame {i} at {want} s: {times:?}"
        );
    }
    // The frames change: each differs from the one before.
    for pair in images.windows(2) {
        assert_ne!(pair[0].pixels, pair[1].pixels, "consecutive frames differ");
    }
    assert_eq!(
        images[0].size,
        [64, 48],
        "shown at its own size when it fits"
    );
}

#[test]
fn a_loop_goes_on_past_its_end_along_one_timeline() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let decoding = Decoding::start(clip_in(dir.path()), Play::Loop, [64, 48]);
    let (times, images, _) = frame_times(&decoding, 25);
    assert_eq!(times.len(), 25, "a loop does not end: {times:?}");
    assert!(
        times.windows(2).all(|t| t[1] > t[0]),
        "times keep rising across laps: {times:?}"
    );
    assert!(
        (times[10] - 1.0).abs() < 1e-6,
        "the second lap starts at 1 s: {times:?}"
    );
    assert_eq!(
        images[10].pixels, images[0].pixels,
        "and shows the first frame again"
    );
}

#[test]
fn frames_are_shrunk_to_the_size_shown() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let decoding = Decoding::start(clip_in(dir.path()), Play::Once, [32, 24]);
    let Next::Frame(frame) = next_within(&decoding, Duration::from_secs(60)) else {
        panic!("a frame comes");
    };
    assert_eq!(frame.image.size, [32, 24], "halved to fit");
}

#[test]
fn the_decoder_waits_a_few_frames_ahead_and_stops_when_dropped() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let decoding = Decoding::start(clip_in(dir.path()), Play::Loop, [64, 48]);
    let progress = decoding.progress();
    // Nothing is taken: the thread fills the queue and waits.
    std::thread::sleep(Duration::from_millis(500));
    let sent = progress.sent.load(Ordering::SeqCst);
    assert_eq!(
        sent, QUEUED_FRAMES,
        "only {QUEUED_FRAMES} frames ahead, not the clip"
    );
    assert!(!progress.ended.load(Ordering::SeqCst), "it still runs");
    drop(decoding);
    let start = Instant::now();
    while !progress.ended.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(
        progress.ended.load(Ordering::SeqCst),
        "the thread ends when its player goes"
    );
    assert!(
        // Promptly: not after the clip's length. The bound is loose, as a shared machine may
        // stall any thread for a while.
        start.elapsed() < Duration::from_secs(10),
        "promptly: {:?}",
        start.elapsed()
    );
}

#[test]
fn a_truncated_clip_is_a_clear_error_not_a_crash() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = clip_in(dir.path());
    let bytes = std::fs::read(&path).expect("read back");
    for keep in [bytes.len() / 2, bytes.len() - 40, 100, 8] {
        std::fs::write(&path, &bytes[..keep]).expect("cut");
        let err = probe(&path, true).expect_err("a cut clip is refused");
        assert!(
            matches!(err, VideoError::NotMp4(_) | VideoError::Corrupt(_)),
            "cut to {keep} bytes: {err}"
        );
        let decoding = Decoding::start(path.clone(), Play::Loop, [64, 48]);
        let mut failed = false;
        for _ in 0..20 {
            match next_within(&decoding, Duration::from_secs(60)) {
                Next::Failed(_) => {
                    failed = true;
                    break;
                }
                Next::Frame(_) => {}
                Next::NotYet | Next::Finished => break,
            }
        }
        assert!(
            failed,
            "the player is told the clip failed (cut to {keep} bytes)"
        );
    }
}

#[test]
fn damaged_frames_are_an_error_or_decode_without_a_crash() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = clip_in(dir.path());
    let mut bytes = std::fs::read(&path).expect("read back");
    // Scribble over the middle of the sample data (the moov box is at the end).
    let mid = bytes.len() / 3;
    for (i, b) in bytes.iter_mut().enumerate().skip(mid).take(200) {
        *b ^= u8::try_from(i % 251).unwrap_or(0x5a) | 1;
    }
    std::fs::write(&path, &bytes).expect("scribbled");
    // Either refused or decoded: never a panic or a hang.
    let _ = probe(&path, true);
}

#[test]
fn not_an_mp4_file_is_named_so() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("notes.mp4");
    std::fs::write(&path, "these are notes, not a video").expect("written");
    let err = probe(&path, false).expect_err("refused");
    assert!(err.to_string().contains("not a readable MP4"), "{err}");
}

#[test]
fn another_codec_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("hevc.mp4");
    std::fs::write(&path, hevc_mp4(64, 48, 3).expect("written")).expect("written");
    let err = probe(&path, false).expect_err("refused");
    assert!(matches!(err, VideoError::Codec(_)), "{err}");
    assert!(err.to_string().contains("not H.264"), "{err}");
    assert!(err.to_string().contains("export it again"), "{err}");
}

#[test]
fn a_missing_file_is_an_error() {
    let err = probe(Path::new("/nonexistent/clip.mp4"), false).expect_err("refused");
    assert!(matches!(err, VideoError::Io(_)), "{err}");
}

#[test]
fn a_changed_clip_plays_from_its_next_lap() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = clip_in(dir.path());
    let decoding = Decoding::start(path.clone(), Play::Loop, [64, 48]);
    let (_, first, _) = frame_times(&decoding, 3);
    assert_eq!(first[0].size, [64, 48], "the first clip");
    // Saved anew as another clip (here: another size) while the first lap plays.
    let other = encode_mp4(32, 24, 10, &colour_frames(32, 24, 5)).expect("the clip encodes");
    std::fs::write(&path, other).expect("replaced");
    let (_, images, _) = frame_times(&decoding, 30);
    assert!(
        images.iter().any(|image| image.size == [32, 24]),
        "the new clip plays within a lap and a half"
    );
}

#[test]
fn a_frame_is_never_shrunk_below_what_covers_its_place() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // A wide place, 40 × 10: halving the 64 × 48 clip would leave it 32 wide, short of 40.
    let decoding = Decoding::start(clip_in(dir.path()), Play::Once, [40, 10]);
    let Next::Frame(frame) = next_within(&decoding, Duration::from_secs(60)) else {
        panic!("a frame comes");
    };
    assert_eq!(
        frame.image.size,
        [64, 48],
        "halving would leave 32 < 40 wide"
    );
}
