//! The idle warning's tone: a short, soft two-note chime. The samples and the WAV encoding
//! are pure; `sound::play_chime` plays them.

use std::f32::consts::TAU;

/// Sample rate of the chime.
pub const CHIME_RATE: u32 = 44_100;

/// The two notes (Hz, start s): E5 then C5, a gentle falling third, like a doorbell.
const NOTES: [(f32, f32); 2] = [(659.25, 0.0), (523.25, 0.28)];

/// How long each note rings, in seconds.
const NOTE_SECS: f32 = 0.6;

/// Peak level (full scale 1.0): soft, so it does not startle.
const PEAK: f32 = 0.3;

/// The chime as mono samples in −1..1 at `rate` Hz: each note with a 10 ms attack (no
/// click), a soft second partial, and an exponential fade to silence.
pub fn chime_samples(rate: u32) -> Vec<f32> {
    #[expect(
        clippy::cast_precision_loss,
        reason = "sample rates are far below 2^24"
    )]
    let rate_f = rate as f32;
    let total_secs = NOTES[NOTES.len() - 1].1 + NOTE_SECS;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a positive length of under a second"
    )]
    let len = (total_secs * rate_f).ceil() as usize;
    let mut samples = vec![0.0_f32; len];
    for (freq, start) in NOTES {
        for (i, sample) in samples.iter_mut().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "under a million samples")]
            let t = i as f32 / rate_f - start;
            if !(0.0..NOTE_SECS).contains(&t) {
                continue;
            }
            let attack = (t / 0.01).min(1.0);
            // Falls to about 1 % by the note's end, then a short linear tail to exact zero.
            let decay = (-t * 7.5).exp() * (1.0 - t / NOTE_SECS).min(1.0);
            let tone = (TAU * freq * t).sin() + 0.25 * (TAU * 2.0 * freq * t).sin();
            *sample += PEAK / 1.25 * attack * decay * tone;
        }
    }
    samples
}

/// Mono 16-bit PCM WAV bytes of `samples` (clamped to −1..1) at `rate` Hz.
pub fn wav_bytes(samples: &[f32], rate: u32) -> Vec<u8> {
    let data_len = u32::try_from(samples.len() * 2).unwrap_or(u32::MAX - 36);
    let mut out = Vec::with_capacity(44 + samples.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16_u32.to_le_bytes());
    out.extend_from_slice(&1_u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1_u16.to_le_bytes()); // mono
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2_u16.to_le_bytes());
    out.extend_from_slice(&16_u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for sample in samples {
        #[expect(clippy::cast_possible_truncation, reason = "clamped to the i16 range")]
        let value = (sample.clamp(-1.0, 1.0) * f32::from(i16::MAX)).round() as i16;
        out.extend_from_slice(&value.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rms(samples: &[f32]) -> f32 {
        #[expect(clippy::cast_precision_loss, reason = "test sizes")]
        let n = samples.len() as f32;
        (samples.iter().map(|s| s * s).sum::<f32>() / n).sqrt()
    }

    #[test]
    fn the_chime_is_short_soft_and_ends_in_silence() {
        let samples = chime_samples(CHIME_RATE);
        #[expect(clippy::cast_precision_loss, reason = "test sizes")]
        let secs = samples.len() as f32 / CHIME_RATE as f32;
        assert!((0.8..1.0).contains(&secs), "{secs} s long");
        let peak = samples.iter().fold(0.0_f32, |m, s| m.max(s.abs()));
        assert!(
            (0.1..=0.35).contains(&peak),
            "soft but audible: peak {peak}"
        );
        assert!(samples[0].abs() < 1e-3, "starts without a click");
        assert!(samples[samples.len() - 1].abs() < 1e-3, "ends in silence");
        assert!(rms(&samples) > 0.03, "real sound: rms {}", rms(&samples));
    }

    #[test]
    fn the_second_note_is_lower_than_the_first() {
        let samples = chime_samples(CHIME_RATE);
        // Count zero crossings in 100 ms of each note alone (the first has faded by then).
        let crossings = |from: f32| {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "test offsets"
            )]
            let at = |secs: f32| (secs * CHIME_RATE as f32) as usize;
            samples[at(from)..at(from + 0.1)]
                .windows(2)
                .filter(|w| w[0] < 0.0 && w[1] >= 0.0)
                .count()
        };
        let first = crossings(0.05);
        let second = crossings(0.75);
        assert!(first > second, "E5 {first} vs C5 {second} crossings");
        assert!((60..=70).contains(&first), "about 66 cycles of E5: {first}");
    }

    #[test]
    fn the_wav_has_a_valid_header_and_every_sample() {
        let wav = wav_bytes(&[0.0, 1.0, -1.0, 2.0], 8000);
        assert_eq!(&wav[0..4], b"RIFF");
        assert_eq!(&wav[8..16], b"WAVEfmt ");
        assert_eq!(
            u32::from_le_bytes([wav[24], wav[25], wav[26], wav[27]]),
            8000
        );
        assert_eq!(
            u32::from_le_bytes([wav[40], wav[41], wav[42], wav[43]]),
            8,
            "data bytes"
        );
        assert_eq!(i16::from_le_bytes([wav[46], wav[47]]), i16::MAX);
        assert_eq!(i16::from_le_bytes([wav[50], wav[51]]), i16::MAX, "clamped");
        assert_eq!(wav.len(), 44 + 8);
    }
}
