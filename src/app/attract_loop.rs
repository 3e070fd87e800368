//! The app's side of idleness: feeding input and time to the idle machine, resetting the
//! visitor's state, drawing the attract loop and the prompt, and scheduling repaints so a
//! still screen costs nothing and the loop runs at its capped frame rate.

use std::time::Duration;

use egui::{Event, Ui};

use super::VitrinaApp;
use super::logic::Entry;
use crate::content::hours::OpeningHours;
use crate::content::{Content, Picture, Slide};
use crate::map::MapScreen;
use crate::state::idle::{IdleEvent, IdleMachine, Phase};
use crate::state::slideshow::{Slideshow, flies, is_lively, tour_stop};
use crate::state::{AppState, Screen};
use crate::ui::attract_ui::{attract_ui, closed_ui};
use crate::ui::layout::Frame;
use crate::ui::prompt_ui::still_there_ui;
use crate::ui::view::View;

/// State of the attract loop kept by the app.
#[derive(Default)]
pub struct AttractState {
    /// Created on the first frame, when input time is known.
    pub idle: Option<IdleMachine>,
    /// The loop's timing, from content.
    pub slideshow: Option<Slideshow>,
    /// Input time the loop started.
    pub since: f64,
    /// Ignore pointer activations until every finger has lifted (the touch that woke the
    /// kiosk or dismissed the prompt must not press what lies under it).
    pub swallow_until_release: bool,
    /// Idle timeout from the command line, overriding content.
    pub timeout_override: Option<u32>,
    /// The map that map-tour slides fly over (its own camera, apart from the map screen's).
    pub tour_map: MapScreen,
    /// Outside opening hours: the loop rests on the closed screen.
    pub closed: bool,
    /// The slide shown last frame (logged when it changes).
    pub showing: Option<usize>,
    /// Seconds the loop's last frame stays still to within a physical pixel (the pictures'
    /// drift and the touch hint), from `attract_ui`: the next calm frame waits that long.
    pub still_for: f64,
    /// Frames drawn in the loop since `counted_since` (input time), logged each second at
    /// debug level.
    pub frames: u32,
    pub counted_since: f64,
}

/// The slow drift of pictures never runs above half the frame-rate cap (under 1.5 px a
/// frame at 4K); it runs slower when a pixel's move takes longer (`AttractState::still_for`).
fn drift_fps(attract_fps: u32) -> f64 {
    f64::from((attract_fps / 2).max(1))
}

/// Seconds to the next calm frame of the loop: when the drawing has moved a pixel, never
/// sooner than the drift's frame rate allows.
fn calm_frame_secs(attract_fps: u32, still_for: f64) -> f64 {
    still_for.max(1.0 / drift_fps(attract_fps))
}

/// How long before its slide the loop asks for the next picture (a decode takes a few
/// hundred milliseconds on a slow PC).
const PREFETCH_SECS: f64 = 3.0;

/// The picture a slide shows full-screen, if any.
fn slide_picture<'a>(content: &'a Content, slide: &'a Slide) -> Option<&'a Picture> {
    match slide {
        Slide::Hero { section, .. } | Slide::Figure { section, .. } => {
            content.section(section)?.pictures.first()
        }
        Slide::Picture { picture, .. } => Some(picture),
        Slide::MapTour { .. } => None,
    }
}

/// Whether this frame had input that counts as a visitor's presence.
pub(super) fn input_seen(ctx: &egui::Context) -> bool {
    ctx.input(|i| {
        i.events.iter().any(|event| {
            matches!(
                event,
                Event::PointerButton { pressed: true, .. }
                    | Event::Touch { .. }
                    | Event::Key { pressed: true, .. }
                    | Event::MouseWheel { .. }
                    | Event::Zoom(_)
            )
        })
    })
}

impl VitrinaApp {
    /// Feeds this frame's input and time to the idle machine and acts on what it says.
    pub(super) fn idle_logic(&mut self, ctx: &egui::Context, now: f64) {
        let kiosk = &self.loaded.content.kiosk;
        let slides = &self.loaded.content.slides;
        let attract = &mut self.attract;
        let idle = attract.idle.get_or_insert_with(|| {
            let timeout = attract.timeout_override.unwrap_or(kiosk.idle_timeout_secs);
            let start_in_attract = kiosk.attract_on_start && !slides.is_empty();
            IdleMachine::new(
                f64::from(timeout),
                f64::from(kiosk.warning_secs),
                now,
                start_in_attract,
            )
        });
        if attract.slideshow.is_none() {
            attract.slideshow = Some(Slideshow::new(slides.iter().map(|s| f64::from(s.secs()))));
        }
        let start_in_loop = matches!(idle.phase(), Phase::Attract { .. })
            && !matches!(self.state.screen, Screen::Attract);
        let mut events = Vec::new();
        if input_seen(ctx) {
            events.extend(idle.input(now));
        }
        events.extend(idle.tick(now));
        if start_in_loop {
            let mut looping = self.state.clone();
            looping.screen = Screen::Attract;
            self.enter_screen(looping, now, Entry::Cut);
            self.attract.since = now;
        }
        for event in events {
            log::info!("idle: {event:?} at {now:.1} s");
            match event {
                IdleEvent::Warn => self.warn_aloud(),
                IdleEvent::Continue => self.attract.swallow_until_release = true,
                IdleEvent::Wake => {
                    let showing = self.showing_slide(now);
                    let woken = AppState::woken(&self.loaded.content, showing);
                    self.enter_screen(woken, now, Entry::Fade);
                    self.attract.swallow_until_release = true;
                }
                IdleEvent::Reset => {
                    self.reset_accessibility();
                    let mut reset = AppState::new(&self.loaded.content);
                    reset.screen = Screen::Attract;
                    self.enter_screen(reset, now, Entry::Fade);
                    self.attract.since = now;
                }
            }
        }
        if self.attract.swallow_until_release
            && !ctx.input(|i| i.pointer.any_down())
            && !input_seen(ctx)
        {
            self.attract.swallow_until_release = false;
        }
    }

    /// The slide the loop shows at `now` (and the map tour's stop), for waking into it.
    fn showing_slide(&self, now: f64) -> Option<(&Slide, Option<usize>)> {
        let at = self
            .attract
            .slideshow
            .as_ref()?
            .at(now - self.attract.since)?;
        let slide = self.loaded.content.slides.get(at.index)?;
        let stop = match slide {
            Slide::MapTour { presets, .. } => {
                Some(tour_stop(presets.len(), at.elapsed, at.duration))
            }
            _ => None,
        };
        Some((slide, stop))
    }

    /// Whether intents from this frame's views must be dropped (see `swallow_until_release`).
    pub(super) fn swallowing(&self) -> bool {
        self.attract.swallow_until_release
    }

    /// Draws the attract loop (on the attract screen) or the "still there?" prompt (while
    /// the idle machine warns).
    pub(super) fn attract_and_prompt_ui(&mut self, ui: &mut Ui, frame: Frame, now: f64) {
        let hours = self.machine.opening_hours.as_ref();
        if self.state.screen == Screen::Attract {
            // The loop speaks to passers-by at the theme's size; larger text is one
            // visitor's choice and ends with their visit.
            let frame = Frame::new(ui.max_rect(), self.loaded.content.theme.base_size);
            let view = View::new(frame, &self.colours, &self.loaded, &self.state.lang_code);
            if let (true, Some(hours)) = (self.attract.closed, hours) {
                closed_ui(ui, &view, hours);
            } else if let Some(show) = &self.attract.slideshow {
                self.attract.still_for = attract_ui(
                    ui,
                    &view,
                    &mut self.pictures,
                    &mut self.attract.tour_map,
                    show,
                    now - self.attract.since,
                    now,
                );
                let index = show.at(now - self.attract.since).map(|at| at.index);
                if index != self.attract.showing {
                    log::debug!(
                        "attract: slide {} at {:.2} s of the loop",
                        index.map_or(0, |i| i + 1),
                        now - self.attract.since
                    );
                    self.attract.showing = index;
                }
                let (screen, ink) = (view.frame.size, view.colours.ink);
                self.count_frame(now);
                self.budget_pictures(now, screen, ink);
            }
        } else if let Some(idle) = &mut self.attract.idle
            && let Some(left) = idle.seconds_left(now)
        {
            let view = View::new(frame, &self.colours, &self.loaded, &self.state.lang_code);
            if still_there_ui(ui, &view, left, f64::from(view.content.kiosk.warning_secs)) {
                idle.input(now);
            }
        }
    }

    /// The loop's texture budget: the picture shown and the next one (asked for
    /// [`PREFETCH_SECS`] before its slide, so it is decoded when the cross-fade starts), and
    /// nothing else at full size.
    fn budget_pictures(&mut self, now: f64, screen: egui::Vec2, ink: egui::Color32) {
        let Some(show) = &self.attract.slideshow else {
            return;
        };
        let secs = now - self.attract.since;
        let content = &self.loaded.content;
        let next = show
            .next_change(secs)
            .filter(|at| at - secs <= PREFETCH_SECS)
            .and_then(|at| show.at(at + 1e-6))
            .and_then(|at| content.slides.get(at.index))
            .and_then(|slide| slide_picture(content, slide))
            .and_then(|picture| Some((self.loaded.assets.picture(&picture.path)?, picture.focus)));
        if let Some((path, focus)) = next {
            let scrim = crate::ui::attract_scrim(screen, focus, ink);
            self.pictures.prefetch_scrimmed(path, scrim);
        }
        self.pictures.keep_only_recent();
    }

    /// Counts a frame of the loop and logs the count each second (debug level).
    fn count_frame(&mut self, now: f64) {
        let attract = &mut self.attract;
        attract.frames += 1;
        let span = now - attract.counted_since;
        if span >= 1.0 {
            log::debug!(
                "attract: {} frames in {span:.2} s (still for {:.3} s)",
                attract.frames,
                attract.still_for
            );
            attract.frames = 0;
            attract.counted_since = now;
        }
    }

    /// Whether the loop rests on the closed screen: only the loop rests outside opening
    /// hours, so the clock is read only while it shows.
    pub(super) fn update_closed(&mut self) {
        let hours = self.machine.opening_hours.as_ref();
        self.attract.closed = self.state.screen == Screen::Attract
            && hours.is_some_and(|hours| !hours.is_open((self.wall_clock)()));
    }

    /// Asks for the next frame only when something will change: the attract loop at its
    /// frame-rate cap, the prompt's countdown each second, else the idle deadline.
    pub(super) fn schedule_repaint(&self, ctx: &egui::Context, now: f64) {
        let Some(idle) = &self.attract.idle else {
            return;
        };
        let cap = self.loaded.content.kiosk.attract_fps.max(1);
        let fps = f64::from(cap);
        let after = match idle.phase() {
            // Closed: look again when the minute turns, for the opening time.
            Phase::Attract { .. } if self.attract.closed => {
                OpeningHours::secs_to_next_check((self.wall_clock)())
            }
            Phase::Attract { .. } => {
                let secs = now - self.attract.since;
                let lively = self.attract.slideshow.as_ref().is_some_and(|show| {
                    let loaded = &self.loaded;
                    is_lively(
                        show,
                        &loaded.content,
                        &loaded.numbers,
                        &self.state.lang_code,
                        secs,
                    )
                });
                // A map tour flies at the cap; a cross-fade or a count-up at the drift's
                // rate; the drift itself when it has moved a pixel.
                let quick = lively
                    && self
                        .attract
                        .slideshow
                        .as_ref()
                        .is_some_and(|show| flies(show, &self.loaded.content, secs));
                let frame = if quick {
                    1.0 / fps
                } else if lively {
                    1.0 / drift_fps(cap)
                } else {
                    calm_frame_secs(cap, self.attract.still_for)
                };
                // Land a frame on the next slide's first instant, so a slide is on screen
                // for its own duration however low the frame rate.
                let to_next_slide = self
                    .attract
                    .slideshow
                    .as_ref()
                    .and_then(|show| show.next_change(secs))
                    .map_or(f64::INFINITY, |at| at - secs);
                frame.min(to_next_slide)
            }
            Phase::Warning { .. } => 1.0 / fps,
            Phase::Interactive => idle.next_deadline().map_or(60.0, |at| at - now),
        };
        ctx.request_repaint_after(Duration::from_secs_f64(after.clamp(0.0, 3600.0)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calm_frames_wait_for_a_pixel_but_never_come_quicker_than_the_drift_rate() {
        assert!(
            (calm_frame_secs(30, 0.0) - 1.0 / 15.0).abs() < 1e-12,
            "at most half the cap"
        );
        assert!(
            (calm_frame_secs(30, 0.2) - 0.2).abs() < 1e-12,
            "a slow drift waits for its pixel"
        );
        assert!(
            (calm_frame_secs(1, 0.0) - 1.0).abs() < 1e-12,
            "a cap of 1 still draws once a second"
        );
    }
}
