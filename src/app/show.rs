//! Putting the app on a given screen or attract slide without a visitor: for
//! `vitrina preview` and the frame benchmarks. The request is applied at the start of the
//! next frame, when input time is known.

use super::VitrinaApp;
use super::logic::Entry;
pub use crate::state::Shot;
use crate::state::idle::IdleMachine;
use crate::state::slideshow::Slideshow;
use crate::state::{AppState, Screen};

/// Screens shown one after another without a visitor (the memory benchmark's tour).
#[derive(Clone, Debug, Default)]
pub struct Tour {
    /// Shots still to show, next first.
    shots: std::collections::VecDeque<Shot>,
    /// Seconds each one stays.
    every: f64,
    /// Input time of the next one.
    next_at: Option<f64>,
}

impl VitrinaApp {
    /// Shows `shot` from the next frame on.
    pub fn show(&mut self, shot: Shot) {
        self.pending_shot = Some(shot);
    }

    /// Shows each of `shots` for `every` seconds, then Home (for benchmarks).
    #[must_use]
    pub fn with_tour(mut self, shots: Vec<Shot>, every: f64) -> Self {
        self.tour = Tour {
            shots: shots.into(),
            every,
            next_at: None,
        };
        self
    }

    /// Moves the tour on when its time comes; asks for a frame then.
    fn tour_step(&mut self, ctx: &egui::Context, now: f64) {
        if self.tour.shots.is_empty() && self.tour.next_at.is_none() {
            return;
        }
        let due = self.tour.next_at.is_none_or(|at| now >= at);
        if due {
            if let Some(shot) = self.tour.shots.pop_front() {
                log::info!("tour: {shot:?}");
                self.pending_shot = Some(shot);
                self.tour.next_at = Some(now + self.tour.every);
            } else {
                log::info!("tour: done");
                self.pending_shot = Some(Shot::Screen {
                    screen: Screen::Home,
                    lang: self.loaded.content.default_lang_code().to_owned(),
                });
                self.tour.next_at = None;
                return;
            }
        }
        if let Some(at) = self.tour.next_at {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64((at - now).max(0.0)));
        }
    }

    /// Applies a requested shot at input time `now` (called first thing in a frame).
    pub(super) fn apply_shot(&mut self, ctx: &egui::Context, now: f64) {
        self.tour_step(ctx, now);
        let Some(shot) = self.pending_shot.take() else {
            return;
        };
        let kiosk = &self.loaded.content.kiosk;
        let timeout = self
            .attract
            .timeout_override
            .unwrap_or(kiosk.idle_timeout_secs);
        let attract = matches!(shot, Shot::Slide { .. });
        self.attract.idle = Some(IdleMachine::new(
            f64::from(timeout),
            f64::from(kiosk.warning_secs),
            now,
            attract,
        ));
        self.attract.swallow_until_release = false;
        self.staff.close();
        let mut state = AppState::new(&self.loaded.content);
        match &shot {
            Shot::Staff => {}
            Shot::Screen { screen, lang } => {
                state.screen = screen.clone();
                state.lang_code.clone_from(lang);
            }
            Shot::Prompt { lang } => state.lang_code.clone_from(lang),
            Shot::Slide { .. } => state.screen = Screen::Attract,
        }
        self.enter_screen(state, now, Entry::Shot);
        match shot {
            Shot::Staff => self.staff.summon(now, false),
            Shot::Screen { .. } => {}
            Shot::Prompt { .. } => {
                // The last touch as long ago as puts the prompt halfway through its
                // countdown (with this session's timeout, doubled in accessibility mode).
                self.apply_idle_timeout();
                if let Some(idle) = &mut self.attract.idle {
                    let ago = idle.timeout_secs() - idle.warning_secs() / 2.0;
                    idle.input(now - ago);
                }
            }
            Shot::Slide { index, fraction } => {
                let slides = &self.loaded.content.slides;
                let show = self.attract.slideshow.get_or_insert_with(|| {
                    Slideshow::new(slides.iter().map(|s| f64::from(s.secs())))
                });
                let at = show
                    .start_of(index)
                    .zip(show.duration_of(index))
                    .map_or(0.0, |(start, duration)| start + duration * fraction);
                // In the loop's second pass, so the slide fades in from the one before it as
                // it does in the running loop.
                self.attract.since = now - show.cycle() - at;
            }
        }
    }
}
