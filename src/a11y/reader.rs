//! The read-aloud player: which paragraph is spoken, play and pause, next and previous, and
//! moving on when the voice finishes. Pure: speech goes through the [`Speaker`] trait.

use super::script::Script;

/// Why speaking failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpeakError {
    /// There is no speech service on this computer (or this build has none).
    #[error("no speech service is available")]
    Unavailable,
    /// The service refused the text.
    #[error("speech failed: {0}")]
    Failed(String),
}

/// A speech service: the system's ([`super::speech::SystemSpeaker`]) or a fake for tests.
pub trait Speaker {
    /// Starts saying `text` with a voice for `lang` (the service's default voice when it has
    /// none), cutting off anything still being said.
    fn speak(&mut self, text: &str, lang: &str) -> Result<(), SpeakError>;

    /// Stops speaking at once. The cut-off utterance does not count as finished.
    fn stop(&mut self);

    /// True once after the utterance of the last [`Speaker::speak`] ended by itself.
    fn poll_finished(&mut self) -> bool;

    /// Whether a voice for the language code (`"lt"`) is installed.
    fn has_voice(&self, lang: &str) -> bool;

    /// Whether a speech service answered at all.
    fn is_available(&self) -> bool;
}

impl<S: Speaker + ?Sized> Speaker for Box<S> {
    fn speak(&mut self, text: &str, lang: &str) -> Result<(), SpeakError> {
        (**self).speak(text, lang)
    }
    fn stop(&mut self) {
        (**self).stop();
    }
    fn poll_finished(&mut self) -> bool {
        (**self).poll_finished()
    }
    fn has_voice(&self, lang: &str) -> bool {
        (**self).has_voice(lang)
    }
    fn is_available(&self) -> bool {
        (**self).is_available()
    }
}

/// Whether the reader is speaking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlayState {
    /// Nothing is read; nothing is highlighted.
    Stopped,
    /// The current paragraph is being read.
    Playing,
    /// Paused on the current paragraph (still highlighted).
    Paused,
}

/// Reads a [`Script`] paragraph by paragraph through a [`Speaker`].
///
/// Pause stops the voice and resume says the current paragraph again from its start: the
/// platform services (through the `tts` crate) cannot pause mid-sentence, and paragraphs are
/// short.
#[derive(Debug)]
pub struct Reader<S: Speaker> {
    speaker: S,
    script: Script,
    current: usize,
    state: PlayState,
    default_lang: String,
    /// Languages already reported as having no voice (the notice shows once each).
    noticed: Vec<String>,
    /// A language without a voice, not yet shown to the visitor.
    notice: Option<String>,
}

impl<S: Speaker> Reader<S> {
    /// A stopped reader with nothing to read; `default_lang` is the content's default
    /// language, whose voice stands in for a missing one.
    pub fn new(speaker: S, default_lang: &str) -> Self {
        Self {
            speaker,
            script: Script::default(),
            current: 0,
            state: PlayState::Stopped,
            default_lang: default_lang.to_owned(),
            noticed: Vec::new(),
            notice: None,
        }
    }

    /// The speaker (tests inspect the fake through this).
    pub fn speaker(&self) -> &S {
        &self.speaker
    }

    /// The speaker, mutably (tests end utterances through this).
    pub fn speaker_mut(&mut self) -> &mut S {
        &mut self.speaker
    }

    /// Call every frame with the current screen's script: a different script (another
    /// screen, language or card) stops reading and starts again from the top.
    pub fn set_script(&mut self, script: Script) {
        if script != self.script {
            self.stop();
            self.script = script;
        }
    }

    /// Sets the default language (content reloaded with another default).
    pub fn set_default_lang(&mut self, lang: &str) {
        lang.clone_into(&mut self.default_lang);
    }

    /// The script being read.
    pub fn script(&self) -> &Script {
        &self.script
    }

    /// Playing, paused or stopped.
    pub fn state(&self) -> PlayState {
        self.state
    }

    /// The paragraph to highlight: the one being read or paused on.
    pub fn highlighted(&self) -> Option<usize> {
        (self.state != PlayState::Stopped).then_some(self.current)
    }

    /// Whether there is a speech service: if not, the button says read aloud is unavailable.
    pub fn is_available(&self) -> bool {
        self.speaker.is_available()
    }

    /// A language that had no voice and was read with the default language's voice, once
    /// per language: the UI says so on screen.
    pub fn take_voice_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Starts reading, or resumes the paused paragraph.
    pub fn play(&mut self) {
        if self.state != PlayState::Playing
            && !self.script.is_empty()
            && self.speaker.is_available()
        {
            self.speak_current();
        }
    }

    /// Pauses on the current paragraph.
    pub fn pause(&mut self) {
        if self.state == PlayState::Playing {
            self.speaker.stop();
            self.state = PlayState::Paused;
        }
    }

    /// The play/pause button.
    pub fn toggle(&mut self) {
        if self.state == PlayState::Playing {
            self.pause();
        } else {
            self.play();
        }
    }

    /// Stops and returns to the first paragraph.
    pub fn stop(&mut self) {
        if self.state == PlayState::Playing {
            self.speaker.stop();
        }
        self.state = PlayState::Stopped;
        self.current = 0;
    }

    /// The next paragraph: read it if reading, else only highlight it.
    pub fn next(&mut self) {
        if self.current + 1 < self.script.len() {
            self.go_to(self.current + 1);
        }
    }

    /// The previous paragraph: read it if reading, else only highlight it.
    pub fn previous(&mut self) {
        if self.current > 0 && !self.script.is_empty() {
            self.go_to(self.current - 1);
        }
    }

    /// Call every frame: moves on when the voice finished a paragraph, and stops after the
    /// last one. Returns true while reading (keep repainting to poll).
    pub fn update(&mut self) -> bool {
        if self.state == PlayState::Playing && self.speaker.poll_finished() {
            if self.current + 1 < self.script.len() {
                self.current += 1;
                self.speak_current();
            } else {
                self.state = PlayState::Stopped;
                self.current = 0;
            }
        }
        self.state == PlayState::Playing
    }

    fn go_to(&mut self, index: usize) {
        if !self.speaker.is_available() {
            return;
        }
        self.current = index;
        match self.state {
            PlayState::Playing => {
                self.speaker.stop();
                self.speak_current();
            }
            // Moving while paused or stopped shows where play will start.
            PlayState::Paused | PlayState::Stopped => self.state = PlayState::Paused,
        }
    }

    fn speak_current(&mut self) {
        let Some(paragraph) = self.script.get(self.current) else {
            self.state = PlayState::Stopped;
            return;
        };
        let lang = if self.speaker.has_voice(&paragraph.lang) {
            paragraph.lang.as_str()
        } else {
            if !self.noticed.contains(&paragraph.lang) {
                self.noticed.push(paragraph.lang.clone());
                self.notice = Some(paragraph.lang.clone());
            }
            self.default_lang.as_str()
        };
        match self.speaker.speak(&paragraph.text, lang) {
            Ok(()) => self.state = PlayState::Playing,
            Err(err) => {
                log::warn!("read aloud: {err}");
                self.state = PlayState::Stopped;
            }
        }
    }
}

/// What a [`FakeSpeaker`] was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpeakerCall {
    /// `speak(text, lang)`.
    Speak {
        /// The text.
        text: String,
        /// The voice's language.
        lang: String,
    },
    /// `stop()`.
    Stop,
}

/// A speaker for tests: records calls, and an utterance ends when the test says so.
#[derive(Clone, Debug, Default)]
pub struct FakeSpeaker {
    /// Every call, in order.
    pub calls: Vec<SpeakerCall>,
    /// Languages with a voice.
    pub voices: Vec<String>,
    /// False: behaves as a computer without a speech service.
    pub available: bool,
    speaking: bool,
    finished: bool,
}

impl FakeSpeaker {
    /// A working service with voices for these languages.
    pub fn with_voices(langs: &[&str]) -> Self {
        Self {
            voices: langs.iter().map(|&lang| lang.to_owned()).collect(),
            available: true,
            ..Self::default()
        }
    }

    /// No speech service.
    pub fn unavailable() -> Self {
        Self::default()
    }

    /// The voice finishes the current utterance.
    pub fn finish_utterance(&mut self) {
        if self.speaking {
            self.speaking = false;
            self.finished = true;
        }
    }

    /// Whether an utterance is under way.
    pub fn is_speaking(&self) -> bool {
        self.speaking
    }

    /// The texts spoken so far, in order.
    pub fn spoken(&self) -> Vec<&str> {
        self.calls
            .iter()
            .filter_map(|call| match call {
                SpeakerCall::Speak { text, .. } => Some(text.as_str()),
                SpeakerCall::Stop => None,
            })
            .collect()
    }
}

impl Speaker for FakeSpeaker {
    fn speak(&mut self, text: &str, lang: &str) -> Result<(), SpeakError> {
        if !self.available {
            return Err(SpeakError::Unavailable);
        }
        self.calls.push(SpeakerCall::Speak {
            text: text.to_owned(),
            lang: lang.to_owned(),
        });
        self.speaking = true;
        self.finished = false;
        Ok(())
    }

    fn stop(&mut self) {
        self.calls.push(SpeakerCall::Stop);
        self.speaking = false;
        self.finished = false;
    }

    fn poll_finished(&mut self) -> bool {
        std::mem::take(&mut self.finished)
    }

    fn has_voice(&self, lang: &str) -> bool {
        self.voices.iter().any(|voice| voice == lang)
    }

    fn is_available(&self) -> bool {
        self.available
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::script::{Paragraph, ParagraphKind};

    fn script(lang: &str, texts: &[&str]) -> Script {
        Script {
            paragraphs: texts
                .iter()
                .enumerate()
                .map(|(i, text)| Paragraph {
                    kind: ParagraphKind::Body(i),
                    text: (*text).to_owned(),
                    lang: lang.to_owned(),
                })
                .collect(),
        }
    }

    fn reader() -> Reader<FakeSpeaker> {
        let mut reader = Reader::new(FakeSpeaker::with_voices(&["en", "lt"]), "en");
        reader.set_script(script("lt", &["Vienas.", "Du.", "Trys."]));
        reader
    }

    fn speak(text: &str, lang: &str) -> SpeakerCall {
        SpeakerCall::Speak {
            text: text.to_owned(),
            lang: lang.to_owned(),
        }
    }

    #[test]
    fn play_speaks_the_first_paragraph_in_its_language() {
        let mut reader = reader();
        assert_eq!(
            reader.highlighted(),
            None,
            "nothing highlighted before play"
        );
        reader.play();
        assert_eq!(reader.speaker().calls, [speak("Vienas.", "lt")]);
        assert_eq!(reader.state(), PlayState::Playing);
        assert_eq!(
            reader.highlighted(),
            Some(0),
            "the first paragraph is highlighted"
        );
    }

    #[test]
    fn next_stops_and_speaks_the_next_paragraph() {
        let mut reader = reader();
        reader.play();
        reader.next();
        assert_eq!(
            reader.speaker().calls,
            [
                speak("Vienas.", "lt"),
                SpeakerCall::Stop,
                speak("Du.", "lt")
            ]
        );
        assert_eq!(reader.highlighted(), Some(1), "the second is highlighted");
        reader.previous();
        assert_eq!(
            reader.speaker().spoken().last(),
            Some(&"Vienas."),
            "back to the first"
        );
        reader.previous();
        assert_eq!(
            reader.highlighted(),
            Some(0),
            "no paragraph before the first"
        );
        assert_eq!(
            reader.speaker().spoken().len(),
            3,
            "previous on the first says nothing"
        );
    }

    #[test]
    fn pause_stops_the_voice_and_resume_says_the_paragraph_again() {
        let mut reader = reader();
        reader.play();
        reader.next();
        reader.toggle();
        assert_eq!(reader.state(), PlayState::Paused);
        assert_eq!(reader.speaker().calls.last(), Some(&SpeakerCall::Stop));
        assert_eq!(
            reader.highlighted(),
            Some(1),
            "still highlighted while paused"
        );
        assert!(!reader.update(), "nothing to poll while paused");
        reader.toggle();
        assert_eq!(reader.state(), PlayState::Playing);
        assert_eq!(reader.speaker().spoken(), ["Vienas.", "Du.", "Du."]);
    }

    #[test]
    fn the_end_of_an_utterance_moves_on_and_the_last_one_stops() {
        let mut reader = reader();
        reader.play();
        assert!(reader.update(), "still reading, nothing finished");
        assert_eq!(
            reader.speaker().spoken().len(),
            1,
            "no advance before the end"
        );
        reader.speaker_mut().finish_utterance();
        reader.update();
        assert_eq!(reader.highlighted(), Some(1));
        reader.speaker_mut().finish_utterance();
        reader.update();
        reader.speaker_mut().finish_utterance();
        assert!(!reader.update(), "stopped after the last paragraph");
        assert_eq!(reader.speaker().spoken(), ["Vienas.", "Du.", "Trys."]);
        assert_eq!(reader.state(), PlayState::Stopped);
        assert_eq!(reader.highlighted(), None, "no highlight once finished");
    }

    #[test]
    fn a_screen_change_stops_and_starts_again_from_the_top() {
        let mut reader = reader();
        reader.play();
        reader.next();
        reader.set_script(script("lt", &["Vienas.", "Du.", "Trys."]));
        assert_eq!(
            reader.state(),
            PlayState::Playing,
            "the same script changes nothing"
        );
        reader.set_script(script("en", &["One.", "Two."]));
        assert_eq!(reader.state(), PlayState::Stopped);
        assert_eq!(reader.speaker().calls.last(), Some(&SpeakerCall::Stop));
        assert_eq!(reader.highlighted(), None);
        reader.play();
        assert_eq!(reader.speaker().calls.last(), Some(&speak("One.", "en")));
    }

    #[test]
    fn moving_while_stopped_only_highlights() {
        let mut reader = reader();
        reader.next();
        assert!(reader.speaker().calls.is_empty(), "nothing spoken");
        assert_eq!(
            reader.highlighted(),
            Some(1),
            "the chosen paragraph is marked"
        );
        reader.play();
        assert_eq!(reader.speaker().spoken(), ["Du."], "play starts there");
    }

    #[test]
    fn a_language_without_a_voice_falls_back_and_is_noticed_once() {
        let mut reader = Reader::new(FakeSpeaker::with_voices(&["en"]), "en");
        reader.set_script(script("lt", &["Vienas.", "Du."]));
        reader.play();
        assert_eq!(reader.speaker().calls, [speak("Vienas.", "en")]);
        assert_eq!(reader.take_voice_notice().as_deref(), Some("lt"));
        reader.next();
        assert_eq!(reader.take_voice_notice(), None, "said once");
    }

    #[test]
    fn without_a_speech_service_nothing_plays_and_nothing_panics() {
        let mut reader = Reader::new(FakeSpeaker::unavailable(), "en");
        reader.set_script(script("en", &["One."]));
        assert!(!reader.is_available(), "the button shows unavailable");
        reader.play();
        reader.next();
        reader.update();
        assert_eq!(reader.state(), PlayState::Stopped);
        assert!(reader.speaker().spoken().is_empty(), "nothing spoken");
    }

    #[test]
    fn an_empty_script_does_not_play() {
        let mut reader = Reader::new(FakeSpeaker::with_voices(&["en"]), "en");
        reader.play();
        reader.next();
        reader.previous();
        assert_eq!(reader.state(), PlayState::Stopped);
        assert!(reader.speaker().calls.is_empty(), "no calls");
    }
}
