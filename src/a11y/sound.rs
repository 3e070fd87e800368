//! Plays the idle chime through the system's own sound player, on a background thread.
//!
//! Why no audio crate: cpal or rodio need the ALSA development files to build on Linux and
//! add a second audio stack beside the speech service for one sound a minute. Every Debian
//! desktop has `pw-play` (PipeWire), `paplay` (PulseAudio) or `aplay` (ALSA, alsa-utils);
//! their start-up (tens of ms) does not matter for a warning with a 15 s countdown. Windows
//! plays the WAV from memory with the system's own `PlaySound` (winmm), no program started.
//! Without a player the chime is skipped with one log line and the warning shows (and, in
//! accessibility mode, speaks) as usual.

#[cfg(not(windows))]
use std::io::Write as _;
#[cfg(not(windows))]
use std::process::{Command, Stdio};

use super::chime::{CHIME_RATE, chime_samples, wav_bytes};

/// Players tried in order, each reading a WAV file from standard input.
#[cfg(not(windows))]
const PLAYERS: [(&str, &[&str]); 3] = [
    ("pw-play", &["-"]),
    ("paplay", &[]),
    ("aplay", &["-q", "-"]),
];

/// Plays the chime without blocking. Failures are logged, never raised.
pub fn play_chime() {
    let wav = wav_bytes(&chime_samples(CHIME_RATE), CHIME_RATE);
    let spawned = std::thread::Builder::new()
        .name("chime".to_owned())
        .spawn(move || {
            if let Err(err) = play_wav(&wav) {
                log::warn!("idle chime not played: {err}");
            }
        });
    if let Err(err) = spawned {
        log::warn!("idle chime not played: {err}");
    }
}

/// Plays WAV bytes with the first sound player that works, waiting until it ends.
#[cfg(not(windows))]
pub fn play_wav(wav: &[u8]) -> Result<(), String> {
    let mut tried = Vec::new();
    for (player, args) in PLAYERS {
        let child = Command::new(player)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let Ok(mut child) = child else {
            tried.push(format!("{player}: not installed"));
            continue;
        };
        if let Some(mut stdin) = child.stdin.take() {
            // A player that cannot open the sound card exits early: a broken pipe here.
            let _ = stdin.write_all(wav);
        }
        match child.wait() {
            Ok(status) if status.success() => return Ok(()),
            Ok(status) => tried.push(format!("{player}: {status}")),
            Err(err) => tried.push(format!("{player}: {err}")),
        }
    }
    Err(tried.join("; "))
}

/// Plays WAV bytes with the Windows API's `PlaySound`, waiting until it ends.
///
/// Synchronous on purpose: this runs on the chime thread, and with `SND_ASYNC` the sound
/// would read `wav` after this function returned. `SND_NODEFAULT`: when the WAV cannot be
/// played, no default system sound instead.
#[cfg(windows)]
pub fn play_wav(wav: &[u8]) -> Result<(), String> {
    use windows_sys::Win32::Media::Audio::{PlaySoundW, SND_MEMORY, SND_NODEFAULT, SND_SYNC};

    // PlaySound trusts the RIFF header's length: it must not reach past the buffer.
    let riff_len = wav
        .get(4..8)
        .and_then(|len| <[u8; 4]>::try_from(len).ok())
        .map(|len| u64::from(u32::from_le_bytes(len)) + 8);
    if wav.get(..4) != Some(b"RIFF".as_slice())
        || riff_len.is_none_or(|len| len > u64::try_from(wav.len()).unwrap_or(u64::MAX))
    {
        return Err("not a whole WAV file".to_owned());
    }
    // SAFETY: with SND_MEMORY the first argument points to a whole WAV image in memory, which
    // `wav` is (the length in its RIFF header, checked above, lies within the slice); it stays
    // borrowed and unchanged for the whole call, since SND_SYNC returns only once the sound
    // has ended. The module handle may be null when SND_RESOURCE is not given.
    #[expect(unsafe_code, reason = "one call into winmm's PlaySoundW")]
    let played = unsafe {
        PlaySoundW(
            wav.as_ptr().cast(),
            std::ptr::null_mut(),
            SND_MEMORY | SND_SYNC | SND_NODEFAULT,
        )
    };
    if played == 0 {
        Err(format!(
            "PlaySound failed: {}",
            std::io::Error::last_os_error()
        ))
    } else {
        Ok(())
    }
}
