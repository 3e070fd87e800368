//! A speaker that lives on its own thread. Connecting to a speech service can block for a
//! long time (Speech Dispatcher's autospawn waits for a daemon that may never answer), and
//! the UI thread must never wait: until the service answers, the speaker reports itself
//! unavailable, and every call only sends a message.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::reader::{SpeakError, Speaker};

/// How often the worker looks for the end of an utterance.
const POLL: Duration = Duration::from_millis(50);

enum Command {
    Speak {
        text: String,
        lang: String,
        generation: u64,
    },
    Stop {
        generation: u64,
    },
}

/// What the worker reports back.
#[derive(Debug, Default)]
struct Shared {
    available: bool,
    voices: Vec<String>,
    /// Generation of the utterance that ended by itself last.
    finished: Option<u64>,
}

/// A [`Speaker`] whose real speaker is made and driven on a worker thread.
pub struct ThreadedSpeaker {
    commands: Sender<Command>,
    shared: Arc<Mutex<Shared>>,
    /// Counts speak and stop calls, so a late "finished" of an older utterance is ignored.
    generation: u64,
}

impl ThreadedSpeaker {
    /// Starts the worker, which makes its speaker with `make` and asks it which of `langs`
    /// have voices.
    pub fn spawn(
        langs: Vec<String>,
        make: impl FnOnce() -> Box<dyn Speaker> + Send + 'static,
    ) -> Self {
        let (commands, receiver) = mpsc::channel::<Command>();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let reports = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("speech".to_owned())
            .spawn(move || {
                let mut speaker = make();
                {
                    let mut shared = reports.lock().unwrap_or_else(PoisonError::into_inner);
                    shared.available = speaker.is_available();
                    shared.voices = langs
                        .into_iter()
                        .filter(|lang| speaker.has_voice(lang))
                        .collect();
                }
                let mut current = 0;
                loop {
                    match receiver.recv_timeout(POLL) {
                        Ok(Command::Speak {
                            text,
                            lang,
                            generation,
                        }) => {
                            current = generation;
                            if let Err(err) = speaker.speak(&text, &lang) {
                                log::warn!("read aloud: {err}");
                            }
                        }
                        Ok(Command::Stop { generation }) => {
                            current = generation;
                            speaker.stop();
                        }
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => {
                            speaker.stop();
                            break;
                        }
                    }
                    if speaker.poll_finished() {
                        reports
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .finished = Some(current);
                    }
                }
            });
        if let Err(err) = spawned {
            log::error!("read aloud: cannot start the speech thread: {err}");
        }
        Self {
            commands,
            shared,
            generation: 0,
        }
    }

    fn shared(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Speaker for ThreadedSpeaker {
    fn speak(&mut self, text: &str, lang: &str) -> Result<(), SpeakError> {
        if !self.shared().available {
            return Err(SpeakError::Unavailable);
        }
        self.generation += 1;
        self.commands
            .send(Command::Speak {
                text: text.to_owned(),
                lang: lang.to_owned(),
                generation: self.generation,
            })
            .map_err(|_| SpeakError::Unavailable)
    }

    fn stop(&mut self) {
        self.generation += 1;
        let _ = self.commands.send(Command::Stop {
            generation: self.generation,
        });
    }

    fn poll_finished(&mut self) -> bool {
        let generation = self.generation;
        let mut shared = self.shared();
        if shared.finished == Some(generation) {
            shared.finished = None;
            return true;
        }
        false
    }

    fn has_voice(&self, lang: &str) -> bool {
        self.shared().voices.iter().any(|voice| voice == lang)
    }

    fn is_available(&self) -> bool {
        self.shared().available
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::a11y::reader::FakeSpeaker;

    /// A speaker that takes a long time to connect, then finishes each utterance at once.
    struct Slow(FakeSpeaker);

    impl Speaker for Slow {
        fn speak(&mut self, text: &str, lang: &str) -> Result<(), SpeakError> {
            self.0.speak(text, lang)?;
            self.0.finish_utterance();
            Ok(())
        }
        fn stop(&mut self) {
            self.0.stop();
        }
        fn poll_finished(&mut self) -> bool {
            self.0.poll_finished()
        }
        fn has_voice(&self, lang: &str) -> bool {
            self.0.has_voice(lang)
        }
        fn is_available(&self) -> bool {
            self.0.is_available()
        }
    }

    fn wait_until(mut done: impl FnMut() -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if done() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    #[test]
    fn a_slow_service_never_blocks_the_caller_and_is_unavailable_until_it_answers() {
        let started = Instant::now();
        let mut speaker = ThreadedSpeaker::spawn(vec!["en".to_owned(), "lt".to_owned()], || {
            std::thread::sleep(Duration::from_millis(300));
            Box::new(Slow(FakeSpeaker::with_voices(&["en"])))
        });
        assert!(!speaker.is_available(), "not yet connected");
        assert_eq!(
            speaker.speak("hello", "en"),
            Err(SpeakError::Unavailable),
            "refused while connecting"
        );
        assert!(
            started.elapsed() < Duration::from_millis(200),
            "no call waited for the connection"
        );
        assert!(wait_until(|| speaker.is_available()), "connects");
        assert!(
            speaker.has_voice("en") && !speaker.has_voice("lt"),
            "voices"
        );
        assert_eq!(speaker.speak("hello", "en"), Ok(()), "speaks");
        assert!(
            wait_until(|| speaker.poll_finished()),
            "the end of the utterance arrives"
        );
    }

    #[test]
    fn a_finish_of_an_older_utterance_is_ignored_after_stop() {
        let mut speaker = ThreadedSpeaker::spawn(vec!["en".to_owned()], || {
            Box::new(Slow(FakeSpeaker::with_voices(&["en"])))
        });
        assert!(wait_until(|| speaker.is_available()), "connects");
        speaker.speak("one", "en").expect("speaks");
        speaker.stop();
        std::thread::sleep(Duration::from_millis(200));
        assert!(
            !speaker.poll_finished(),
            "the stopped utterance does not count"
        );
    }

    #[test]
    fn no_service_stays_unavailable() {
        let mut speaker = ThreadedSpeaker::spawn(vec!["en".to_owned()], || {
            Box::new(FakeSpeaker::unavailable())
        });
        std::thread::sleep(Duration::from_millis(100));
        assert!(!speaker.is_available(), "unavailable");
        assert_eq!(
            speaker.speak("x", "en"),
            Err(SpeakError::Unavailable),
            "refused"
        );
    }
}
