//! Plays the idle chime through the system's own sound player, on a background thread.
//!
//! Why no audio crate: cpal or rodio need the ALSA development files to build on Linux and
//! add a second audio stack beside the speech service for one sound a minute. Every Debian
//! desktop has `pw-play` (PipeWire), `paplay` (PulseAudio) or `aplay` (ALSA, alsa-utils);
//! Windows has PowerShell's `Media.SoundPlayer`. Their start-up (tens of ms; about half a
//! second for PowerShell) does not matter for a warning with a 15 s countdown. Without a
//! player the chime is skipped with one log line and the warning shows (and, in
//! accessibility mode, speaks) as usual.

use std::io::Write as _;
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

/// Plays WAV bytes through PowerShell's `Media.SoundPlayer`, waiting until it ends.
#[cfg(windows)]
pub fn play_wav(wav: &[u8]) -> Result<(), String> {
    let path = std::env::temp_dir().join("vitrina-chime.wav");
    std::fs::File::create(&path)
        .and_then(|mut file| file.write_all(wav))
        .map_err(|err| format!("{}: {err}", path.display()))?;
    let script = format!(
        "(New-Object Media.SoundPlayer '{}').PlaySync()",
        path.display().to_string().replace('\'', "''")
    );
    let status = Command::new("powershell")
        .args(["-NoProfile", "-NonInteractive", "-Command", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|err| format!("powershell: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("powershell: {status}"))
    }
}
