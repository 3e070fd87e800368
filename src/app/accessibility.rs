//! Accessibility mode for one visitor's session: read aloud, large text, high contrast and
//! twice the idle time. It ends with the session (the idle reset).

use std::time::Duration;

use egui::Ui;

use super::VitrinaApp;
use crate::a11y::reader::{PlayState, Reader, Speaker};
use crate::a11y::script::{MapCard, ParagraphKind, ScriptScreen, build_script};
use crate::map::Selection;
use crate::state::Screen;
use crate::ui::a11y_ui::{A11yAction, A11yBar, a11y_bar_ui, a11y_button_ui};
use crate::ui::layout::Frame;
use crate::ui::theme::Colours;
use crate::ui::view::View;

/// Type grows by this much with large text (the design canvas shrinks by it, so every
/// screen reflows as it does on a smaller panel).
pub const LARGE_TEXT_SCALE: f32 = 1.5;

/// Makes the speaker on first use: connecting starts the speech service, which the kiosk
/// does not need until a visitor asks for speech.
type SpeakerFactory = Box<dyn FnOnce() -> Box<dyn Speaker>>;

/// The visitor's accessibility choices and the reader.
#[derive(Default)]
pub struct Accessibility {
    /// Accessibility mode is on for this session.
    pub on: bool,
    /// Type about 1.5 times larger.
    pub large_text: bool,
    /// The high-contrast palette.
    pub high_contrast: bool,
    reader: Option<Reader<Box<dyn Speaker>>>,
    factory: Option<SpeakerFactory>,
    /// A language without a voice, said on screen once.
    notice: Option<String>,
    /// What the reader's script was built from (screen, language, reload count): it is
    /// rebuilt only when one of them changes, not every frame.
    script_of: Option<(ScriptScreen, String, u64)>,
}

impl Accessibility {
    /// The reader, once speech has been asked for.
    pub fn reader(&self) -> Option<&Reader<Box<dyn Speaker>>> {
        self.reader.as_ref()
    }
}

impl VitrinaApp {
    /// Speaks through `speaker` instead of the system's speech service (tests).
    #[must_use]
    pub fn with_speaker(mut self, speaker: Box<dyn Speaker>) -> Self {
        self.a11y.factory = Some(Box::new(move || speaker));
        self
    }

    /// Starts in accessibility mode with these choices and a silent speaker (previews: the
    /// screens as a visitor in accessibility mode sees them, without connecting to speech).
    #[must_use]
    pub fn with_accessibility(mut self, large_text: bool, high_contrast: bool) -> Self {
        let langs: Vec<String> = self
            .loaded
            .content
            .languages
            .iter()
            .map(|lang| lang.code.clone())
            .collect();
        self.a11y.factory = Some(Box::new(move || {
            let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
            Box::new(crate::a11y::reader::FakeSpeaker::with_voices(&langs))
        }));
        self.a11y.on = true;
        self.a11y.large_text = large_text;
        self.a11y.high_contrast = high_contrast;
        self.colours = self.current_colours();
        self
    }

    /// The visitor's accessibility state (for tests).
    pub fn accessibility(&self) -> &Accessibility {
        &self.a11y
    }

    /// The design scale factor of the visitor's text size.
    /// Screen points per design point on a screen of `size` points, as the screen shown
    /// now is laid out (the theme's base size, and larger text except in the attract loop):
    /// the layout audit's type scale.
    pub fn design_scale(&self, size: egui::Vec2) -> f32 {
        let text_scale = if self.state.screen == Screen::Attract {
            1.0
        } else {
            self.text_scale()
        };
        Frame::new(
            egui::Rect::from_min_size(egui::Pos2::ZERO, size),
            self.loaded.content.theme.base_size * text_scale,
        )
        .scale
    }

    pub(super) fn text_scale(&self) -> f32 {
        if self.a11y.large_text {
            LARGE_TEXT_SCALE
        } else {
            1.0
        }
    }

    /// The colours of the visitor's choice.
    pub(super) fn current_colours(&self) -> Colours {
        let theme = &self.loaded.content.theme;
        if self.a11y.high_contrast {
            Colours {
                high_contrast: true,
                ..Colours::from_palette(&theme.high_contrast)
            }
        } else {
            Colours::from_palette(&theme.palette)
        }
    }

    /// The idle timeout for this session: doubled in accessibility mode.
    pub(super) fn apply_idle_timeout(&mut self) {
        let kiosk = &self.loaded.content.kiosk;
        let base = f64::from(
            self.attract
                .timeout_override
                .unwrap_or(kiosk.idle_timeout_secs),
        );
        let factor = if self.a11y.on { 2.0 } else { 1.0 };
        if let Some(idle) = &mut self.attract.idle {
            idle.set_timeout_secs(base * factor);
        }
    }

    /// The session ended: everything back to the defaults, silence.
    pub(super) fn reset_accessibility(&mut self) {
        if let Some(reader) = &mut self.a11y.reader {
            reader.stop();
        }
        let changed = self.a11y.high_contrast;
        self.a11y.on = false;
        self.a11y.large_text = false;
        self.a11y.high_contrast = false;
        self.a11y.notice = None;
        self.a11y.script_of = None;
        if changed {
            self.colours = self.current_colours();
        }
        self.apply_idle_timeout();
    }

    /// The reader, connecting the speaker on first use.
    fn reader_mut(&mut self) -> &mut Reader<Box<dyn Speaker>> {
        let default_lang = self.loaded.content.default_lang_code().to_owned();
        let langs = self
            .loaded
            .content
            .languages
            .iter()
            .map(|lang| lang.code.clone())
            .collect::<Vec<_>>();
        let factory = &mut self.a11y.factory;
        self.a11y.reader.get_or_insert_with(|| {
            let speaker = factory
                .take()
                .map_or_else(|| system_speaker(langs), |make| make());
            Reader::new(speaker, &default_lang)
        })
    }

    /// What the current screen reads.
    fn script_screen(&self) -> Option<ScriptScreen> {
        match &self.state.screen {
            Screen::Home => Some(ScriptScreen::Home),
            Screen::Section(index) => Some(ScriptScreen::Section(*index)),
            Screen::Map { preset } => Some(ScriptScreen::Map {
                preset: preset.clone(),
                card: self
                    .map
                    .state()
                    .and_then(crate::map::MapState::selection)
                    .map(|selection| match selection {
                        Selection::Route(i) => MapCard::Route(i),
                        Selection::Place(i) => MapCard::Place(i),
                    }),
            }),
            Screen::Credits => Some(ScriptScreen::Credits {
                map: self.loaded.map_names.credit.clone(),
            }),
            Screen::Attract => None,
        }
    }

    /// The element of the current screen being read aloud, to highlight where it sits.
    pub(super) fn spoken_kind(&self) -> Option<ParagraphKind> {
        if !self.a11y.on {
            return None;
        }
        let (screen, ..) = self.a11y.script_of.as_ref()?;
        if Some(screen) != self.script_screen().as_ref() {
            return None;
        }
        let reader = self.a11y.reader.as_ref()?;
        reader
            .highlighted()
            .and_then(|i| reader.script().get(i))
            .map(|paragraph| paragraph.kind)
    }

    /// The idle warning came: a short chime for everyone, and in accessibility mode the
    /// prompt is read aloud.
    pub(super) fn warn_aloud(&mut self) {
        if self.sounds {
            crate::a11y::sound::play_chime();
        }
        if self.a11y.on {
            let script = build_script(
                &self.loaded.content,
                &self.state.lang_code,
                &ScriptScreen::IdleWarning,
            );
            // The screen's script comes back after the warning.
            self.a11y.script_of = None;
            let reader = self.reader_mut();
            reader.set_script(script);
            reader.play();
        }
    }

    /// The accessibility button on every visitor screen and, in accessibility mode, the
    /// reading bar; feeds the reader the current screen.
    /// `frame` is the visitor's screens' frame (above the bar), `full` the whole screen's.
    pub(super) fn accessibility_ui(
        &mut self,
        ui: &mut Ui,
        frame: Frame,
        full: Frame,
        swallow: bool,
    ) {
        if self.state.screen == Screen::Attract {
            return;
        }
        let mut actions = Vec::new();
        {
            let view = View::new(frame, &self.colours, &self.loaded, &self.state.lang_code);
            actions.extend(a11y_button_ui(ui, &view, self.a11y.on));
        }
        if self.a11y.on {
            if let Some(screen) = self.script_screen()
                && !self.warning_showing()
            {
                let key = (
                    screen,
                    self.state.lang_code.clone(),
                    self.reload_status().applied,
                );
                if self.a11y.script_of.as_ref() != Some(&key) {
                    let script = build_script(&self.loaded.content, &key.1, &key.0);
                    self.reader_mut().set_script(script);
                    self.a11y.script_of = Some(key);
                }
            }
            let reader = self.reader_mut();
            if reader.update() {
                // Poll for the end of the utterance to move on.
                ui.ctx().request_repaint_after(Duration::from_millis(100));
            }
            if let Some(lang) = reader.take_voice_notice() {
                self.a11y.notice = Some(lang);
            }
            let reader = self.a11y.reader.as_ref();
            let bar = A11yBar {
                available: reader.is_some_and(Reader::is_available),
                playing: reader.is_some_and(|r| r.state() == PlayState::Playing),
                spoken: reader
                    .and_then(|r| r.highlighted().and_then(|i| r.script().get(i)))
                    .map(|p| p.text.as_str()),
                no_voice_for: self.a11y.notice.as_deref(),
                large_text: self.a11y.large_text,
                high_contrast: self.a11y.high_contrast,
            };
            let view = View::new(full, &self.colours, &self.loaded, &self.state.lang_code);
            actions.extend(a11y_bar_ui(ui, &view, &bar));
        }
        if swallow {
            return;
        }
        if !actions.is_empty() {
            // The change shows from the next frame.
            ui.ctx().request_repaint();
        }
        for action in actions {
            self.act(action);
        }
    }

    fn warning_showing(&self) -> bool {
        matches!(
            self.idle_phase(),
            Some(crate::state::idle::Phase::Warning { .. })
        )
    }

    fn act(&mut self, action: A11yAction) {
        log::info!("accessibility: {action:?}");
        match action {
            A11yAction::Toggle => {
                if self.a11y.on {
                    self.reset_accessibility();
                } else {
                    self.a11y.on = true;
                    self.apply_idle_timeout();
                }
            }
            A11yAction::PlayPause => self.reader_mut().toggle(),
            A11yAction::Next => self.reader_mut().next(),
            A11yAction::Previous => self.reader_mut().previous(),
            A11yAction::LargeText => self.a11y.large_text = !self.a11y.large_text,
            A11yAction::HighContrast => {
                self.a11y.high_contrast = !self.a11y.high_contrast;
                self.colours = self.current_colours();
            }
        }
    }
}

/// The platform's speech service (without the `speech` feature: one that is unavailable),
/// connected and driven on its own thread: connecting can block for a long time.
fn system_speaker(langs: Vec<String>) -> Box<dyn Speaker> {
    Box::new(crate::a11y::threaded::ThreadedSpeaker::spawn(langs, || {
        Box::new(crate::a11y::speech::SystemSpeaker::connect())
    }))
}
