//! The app's per-frame logic, apart from drawing: applying intents, the one place a screen
//! changes (`enter_screen`), and what `App::logic` runs each frame before the draw.

use super::VitrinaApp;
use crate::state::navigation::{PageSwipe, SwipeOutcome};
use crate::state::{AppState, Intent, Screen};

/// What the visitor asked for in one frame's draw, applied after the pass.
#[must_use]
pub(super) struct Asked {
    /// The views' intents, in order.
    pub intents: Vec<Intent>,
    /// The section page a swipe slid into place.
    pub swiped_to: Option<usize>,
    /// The section page's width in design points (for the page-turn animation).
    pub page_width: f32,
}

/// How a new screen comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Entry {
    /// A visitor's step or the idle machine's: the new screen fades in from the ink.
    Fade,
    /// No fade: a swipe already slid the page into place, or the kiosk starts in the loop.
    Cut,
    /// New content: as `Fade`, and both maps start over whatever the screen, since their
    /// views hold indices into the old content.
    NewContent,
    /// A preview or benchmark shot: every view starts over, without a fade.
    Shot,
}

impl VitrinaApp {
    /// Puts the visitor in `state` at input time `now`: the one place the screen changes.
    /// On a new screen the section view starts over, the map's visit when the map is
    /// entered and the tour map when the loop starts.
    pub(super) fn enter_screen(&mut self, state: AppState, now: f64, entry: Entry) {
        let changed = state.screen != self.state.screen || entry == Entry::Shot;
        self.state = state;
        if matches!(entry, Entry::NewContent | Entry::Shot) {
            self.map.reset();
            self.attract.tour_map.reset();
        }
        if !changed {
            return;
        }
        self.section_view.reset();
        self.credits_view = crate::ui::credits_ui::CreditsView::default();
        match self.state.screen {
            Screen::Map { .. } => self.map.reset(),
            Screen::Attract => self.attract.tour_map.reset(),
            Screen::Home | Screen::Section(_) | Screen::Credits => {}
        }
        match entry {
            Entry::Fade | Entry::NewContent => self.screen_changed_at = Some(now),
            Entry::Shot => self.screen_changed_at = None,
            Entry::Cut => {}
        }
    }

    /// Applies an intent at input time `now`; `page_width` is the section page's width in
    /// design points (for the page-turn animation).
    pub(super) fn apply(&mut self, intent: Intent, now: f64, page_width: f32) {
        // The pager turns to a neighbour with the swipe's own animation; the section screen
        // reports `SwipedTo` when it ends.
        if let (Intent::TurnTo(target), Screen::Section(current)) = (&intent, &self.state.screen)
            && !self.section_view.swipe.is_moving()
        {
            let outcome = if *target == current + 1 {
                Some(SwipeOutcome::Next)
            } else if *target + 1 == *current {
                Some(SwipeOutcome::Previous)
            } else {
                None
            };
            if let Some(outcome) = outcome {
                self.section_view.swipe = PageSwipe::turn(now, outcome, page_width);
                return;
            }
        }
        let mut next = self.state.clone();
        next.apply(intent, &self.loaded.content);
        self.enter_screen(next, now, Entry::Fade);
    }

    /// Applies what the visitor asked for in this frame's draw, at input time `now`.
    pub(super) fn apply_asked(&mut self, asked: Asked, now: f64) {
        let Asked {
            mut intents,
            swiped_to,
            page_width,
        } = asked;
        if self.swallowing() {
            // The touch that woke the kiosk or dismissed the prompt activates nothing.
            intents.clear();
        }
        if let Some(next) = swiped_to {
            // The page already slid into place: no fade, no second animation.
            let mut swiped = self.state.clone();
            swiped.swipe_to(next, &self.loaded.content);
            self.enter_screen(swiped, now, Entry::Cut);
        }
        for intent in intents {
            self.apply(intent, now, page_width);
        }
    }

    /// What runs each frame before the draw (`App::logic`): the usage of the frame drawn
    /// last, a preview's shot, the staff panel's gate, the idle machine, and when the next
    /// frame is needed. Benchmarks that drive frames without eframe call it before `draw`.
    pub fn frame_logic(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Some(drawn_at) = self.drawn_at.take() {
            // What the last frame showed once its intents were applied, at its own time.
            self.track_usage(drawn_at);
        }
        self.apply_shot(ctx, now);
        if self.kiosk {
            // Before the early return below: a minimised window's input time stands still.
            let steady = self.started.elapsed().as_secs_f64();
            let state = ctx.input(|i| crate::platform::window::WindowState::of(i.viewport()));
            let commands = self.kiosk_window.commands(steady, state);
            if !commands.is_empty() && self.kiosk_window.worth_logging() {
                log::info!("kiosk window: {commands:?} (it was {state:?})");
            }
            for command in commands {
                ctx.send_viewport_cmd(command);
            }
            if self.kiosk_window.wants_ticks(state) {
                ctx.request_repaint_after(std::time::Duration::from_secs(1));
            }
        }
        if self.logic_at == Some(now) {
            // No time passed: eframe ticks the logic of a hidden window with the last
            // frame's input, which must not reach the idle machine twice.
            return;
        }
        self.logic_at = Some(now);
        if let Some(file) = &mut self.pin_backoff {
            file.sync(&mut self.staff, now, std::time::SystemTime::now());
        }
        if self.staff_logic(ctx, now) {
            // The panel covers the visitors' screens; their idle timer waits.
            return;
        }
        self.date_logic(ctx, now);
        self.idle_logic(ctx, now);
        self.update_closed();
        self.schedule_repaint(ctx, now);
        if self.pictures.pending() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }
}
