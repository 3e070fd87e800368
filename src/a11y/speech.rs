//! The system's speech service behind [`Speaker`]: Speech Dispatcher (with espeak-ng) on
//! Linux, the WinRT voices on Windows, through the `tts` crate.
//!
//! Built without the `speech` feature, or on a computer without a speech service, the
//! speaker reports itself unavailable and every call is a no-op: read aloud then says it is
//! unavailable and nothing else changes.

use super::reader::{SpeakError, Speaker};

/// The primary language subtag of a voice's language tag, lower case ("en-GB" → "en").
fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The system's speech service, or nothing.
pub struct SystemSpeaker {
    #[cfg(feature = "speech")]
    inner: Option<backend::TtsSpeaker>,
    /// Why there is no service (for the log and the staff).
    reason: Option<String>,
}

impl std::fmt::Debug for SystemSpeaker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SystemSpeaker")
            .field("available", &self.is_available())
            .field("reason", &self.reason)
            .finish_non_exhaustive()
    }
}

impl SystemSpeaker {
    /// Connects to the speech service. Never panics: without one, the speaker is unavailable.
    /// Call on the UI thread (the `tts` handle is not meant to move between threads).
    pub fn connect() -> Self {
        #[cfg(feature = "speech")]
        {
            match backend::TtsSpeaker::connect() {
                Ok(inner) => {
                    log::info!("read aloud: voices for {}", inner.langs().join(", "));
                    Self {
                        inner: Some(inner),
                        reason: None,
                    }
                }
                Err(reason) => {
                    log::warn!("read aloud unavailable: {reason}");
                    Self {
                        inner: None,
                        reason: Some(reason),
                    }
                }
            }
        }
        #[cfg(not(feature = "speech"))]
        {
            Self {
                reason: Some("this build has no speech support (feature `speech`)".to_owned()),
            }
        }
    }

    /// Why read aloud is unavailable, if it is.
    pub fn unavailable_reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The language codes that have a voice (`["en", "lt", …]`), sorted.
    pub fn langs(&self) -> Vec<String> {
        #[cfg(feature = "speech")]
        if let Some(inner) = &self.inner {
            return inner.langs();
        }
        Vec::new()
    }
}

impl Speaker for SystemSpeaker {
    fn speak(&mut self, text: &str, lang: &str) -> Result<(), SpeakError> {
        #[cfg(feature = "speech")]
        if let Some(inner) = &mut self.inner {
            return inner.speak(text, lang);
        }
        let _ = (text, lang);
        Err(SpeakError::Unavailable)
    }

    fn stop(&mut self) {
        #[cfg(feature = "speech")]
        if let Some(inner) = &mut self.inner {
            inner.stop();
        }
    }

    fn poll_finished(&mut self) -> bool {
        #[cfg(feature = "speech")]
        if let Some(inner) = &mut self.inner {
            return inner.poll_finished();
        }
        false
    }

    fn has_voice(&self, lang: &str) -> bool {
        let lang = primary_subtag(lang);
        self.langs().contains(&lang)
    }

    fn is_available(&self) -> bool {
        self.reason.is_none()
    }
}

#[cfg(feature = "speech")]
mod backend {
    use std::sync::{Arc, Mutex};

    use tts::{Tts, UtteranceId, Voice};

    use super::primary_subtag;
    use crate::a11y::reader::SpeakError;

    /// A `tts` handle with the voices it offers and the end of the last utterance.
    pub(super) struct TtsSpeaker {
        tts: Tts,
        voices: Vec<Voice>,
        /// The voice set last, by id, so it is not set again for every paragraph.
        voice_id: Option<String>,
        /// The utterance the reader waits for.
        current: Option<UtteranceId>,
        /// Written by the service's thread when an utterance ends by itself.
        ended: Arc<Mutex<Option<UtteranceId>>>,
        /// The service has no end callbacks: poll `is_speaking` instead.
        poll_speaking: bool,
        seen_speaking: bool,
    }

    impl TtsSpeaker {
        pub(super) fn connect() -> Result<Self, String> {
            let tts = Tts::default().map_err(|err| format!("no speech service: {err}"))?;
            let voices = tts.voices().unwrap_or_default();
            let ended = Arc::new(Mutex::new(None));
            let writer = Arc::clone(&ended);
            let callback = tts.on_utterance_end(Some(Box::new(move |id| {
                if let Ok(mut ended) = writer.lock() {
                    *ended = Some(id);
                }
            })));
            Ok(Self {
                tts,
                voices,
                voice_id: None,
                current: None,
                ended,
                poll_speaking: callback.is_err(),
                seen_speaking: false,
            })
        }

        pub(super) fn langs(&self) -> Vec<String> {
            let mut langs: Vec<String> = self
                .voices
                .iter()
                .map(|voice| primary_subtag(voice.language().as_str()))
                .collect();
            langs.sort();
            langs.dedup();
            langs
        }

        pub(super) fn speak(&mut self, text: &str, lang: &str) -> Result<(), SpeakError> {
            let lang = primary_subtag(lang);
            // Prefer a voice for the exact language; the service's list order is its preference.
            let voice = self
                .voices
                .iter()
                .find(|voice| primary_subtag(voice.language().as_str()) == lang);
            if let Some(voice) = voice
                && self.voice_id.as_deref() != Some(voice.id().as_str())
            {
                self.tts
                    .set_voice(voice)
                    .map_err(|err| SpeakError::Failed(format!("voice {}: {err}", voice.name())))?;
                self.voice_id = Some(voice.id());
            }
            let id = self
                .tts
                .speak(text, true)
                .map_err(|err| SpeakError::Failed(err.to_string()))?;
            self.current = id;
            self.seen_speaking = false;
            Ok(())
        }

        pub(super) fn stop(&mut self) {
            self.current = None;
            if let Err(err) = self.tts.stop() {
                log::warn!("read aloud: stop failed: {err}");
            }
        }

        pub(super) fn poll_finished(&mut self) -> bool {
            let Some(current) = self.current else {
                return false;
            };
            let done = if self.poll_speaking {
                let speaking = self.tts.is_speaking().unwrap_or(false);
                self.seen_speaking |= speaking;
                self.seen_speaking && !speaking
            } else {
                self.ended.lock().is_ok_and(|ended| *ended == Some(current))
            };
            if done {
                self.current = None;
            }
            done
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_tags_match_by_their_primary_language() {
        assert_eq!(primary_subtag("en-GB"), "en");
        assert_eq!(primary_subtag("LT"), "lt");
        assert_eq!(primary_subtag("pt_BR"), "pt");
    }

    /// Real speech through the `tts` crate: `cargo test --lib a11y::speech -- --ignored`.
    /// Needs Speech Dispatcher and espeak-ng (scripts/install-deps.sh); without them it only
    /// checks that connecting fails softly.
    #[test]
    #[ignore = "talks to the system's speech service"]
    fn the_system_speaker_speaks_english_and_lithuanian() {
        let mut speaker = SystemSpeaker::connect();
        if !speaker.is_available() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI needs a speech service: {:?}",
                speaker.unavailable_reason()
            );
            assert!(
                speaker.speak("x", "en").is_err(),
                "unavailable fails softly"
            );
            return;
        }
        assert!(speaker.has_voice("en"), "voices: {:?}", speaker.langs());
        assert!(speaker.has_voice("lt"), "voices: {:?}", speaker.langs());
        for (text, lang) in [
            ("Lithuania is a reliable partner.", "en"),
            ("Lietuva yra patikima partnerė.", "lt"),
        ] {
            speaker.speak(text, lang).expect("speaks");
            let start = std::time::Instant::now();
            while !speaker.poll_finished() {
                assert!(
                    start.elapsed().as_secs() < 30,
                    "the {lang} utterance never ended"
                );
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
}
