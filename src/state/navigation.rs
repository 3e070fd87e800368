//! Touch navigation, pure: which way a drag goes, the page swipe between sections,
//! and momentum scrolling. Time is passed in as seconds (egui's input time).

/// Movement (in design points) before a drag picks its axis; below it a touch may still be a tap.
pub const AXIS_LOCK_DIST: f32 = 14.0;

/// A swipe commits past this fraction of the page width…
pub const COMMIT_FRACTION: f32 = 0.25;

/// …or above this release speed, in design points per second.
pub const COMMIT_SPEED: f32 = 600.0;

/// Duration of the settle animation after release, in seconds.
pub const SETTLE_SECS: f64 = crate::tokens::motion::SWIPE_SETTLE;

/// How far past the first or last page the page follows the finger (resistance).
const EDGE_RESISTANCE: f32 = 0.25;

/// The axis a drag moves along.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// Left and right: page swipe.
    Horizontal,
    /// Up and down: scroll.
    Vertical,
}

/// Decides the axis of a drag from its total movement, or `None` while it is still short.
pub fn decide_axis(total_dx: f32, total_dy: f32) -> Option<Axis> {
    if total_dx.hypot(total_dy) < AXIS_LOCK_DIST {
        None
    } else if total_dx.abs() > total_dy.abs() {
        Some(Axis::Horizontal)
    } else {
        Some(Axis::Vertical)
    }
}

/// Ease-out cubic on `t` in 0..1.
pub fn ease_out_cubic(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    1.0 - (1.0 - t).powi(3)
}

/// Where a finished swipe goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwipeOutcome {
    /// To the previous section.
    Previous,
    /// To the next section.
    Next,
    /// Back to where it was.
    Stay,
}

/// The horizontal page swipe between sections.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum PageSwipe {
    /// Nothing moves.
    #[default]
    Idle,
    /// The page follows the finger by `offset` design points (positive: to the right).
    Dragging {
        /// Offset of the page.
        offset: f32,
    },
    /// The page eases from `from` to where `outcome` puts it.
    Settling {
        /// Offset at release.
        from: f32,
        /// Where it goes.
        outcome: SwipeOutcome,
        /// Input time of the release, seconds.
        start: f64,
        /// Page width at release.
        width: f32,
    },
}

impl PageSwipe {
    /// The finger moved by `dx`; `has_previous`/`has_next` say whether there is a page that way.
    pub fn drag(&mut self, dx: f32, has_previous: bool, has_next: bool) {
        let offset = match *self {
            Self::Dragging { offset } => offset,
            _ => 0.0,
        };
        // Past an end the page resists: it moves a quarter of the finger's way.
        let blocked = (offset + dx > 0.0 && !has_previous) || (offset + dx < 0.0 && !has_next);
        let step = if blocked { dx * EDGE_RESISTANCE } else { dx };
        *self = Self::Dragging {
            offset: offset + step,
        };
    }

    /// The finger lifted at `now` moving at `velocity` (design points per second).
    pub fn release(
        &mut self,
        now: f64,
        velocity: f32,
        width: f32,
        has_previous: bool,
        has_next: bool,
    ) {
        let Self::Dragging { offset } = *self else {
            return;
        };
        let far = offset.abs() > width * COMMIT_FRACTION;
        let fast = velocity.abs() > COMMIT_SPEED && velocity.signum() == offset.signum();
        let outcome = if (far || fast) && offset > 0.0 && has_previous {
            SwipeOutcome::Previous
        } else if (far || fast) && offset < 0.0 && has_next {
            SwipeOutcome::Next
        } else {
            SwipeOutcome::Stay
        };
        *self = Self::Settling {
            from: offset,
            outcome,
            start: now,
            width,
        };
    }

    /// Turns the page by a button rather than a finger: the same settle animation from rest.
    pub fn turn(now: f64, outcome: SwipeOutcome, width: f32) -> Self {
        Self::Settling {
            from: 0.0,
            outcome,
            start: now,
            width,
        }
    }

    /// The page's offset at `now`, in design points.
    pub fn offset(&self, now: f64) -> f32 {
        match *self {
            Self::Idle => 0.0,
            Self::Dragging { offset } => offset,
            Self::Settling {
                from,
                outcome,
                start,
                width,
            } => {
                let to = match outcome {
                    SwipeOutcome::Previous => width,
                    SwipeOutcome::Next => -width,
                    SwipeOutcome::Stay => 0.0,
                };
                #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1")]
                let t = ((now - start) / SETTLE_SECS) as f32;
                from + (to - from) * ease_out_cubic(t)
            }
        }
    }

    /// When the settle animation has ended at `now`: its outcome, and the swipe is idle again.
    pub fn finish(&mut self, now: f64) -> Option<SwipeOutcome> {
        let Self::Settling { outcome, start, .. } = *self else {
            return None;
        };
        if now - start >= SETTLE_SECS {
            *self = Self::Idle;
            Some(outcome)
        } else {
            None
        }
    }

    /// Whether the page is moving (needs repaints).
    pub fn is_moving(&self) -> bool {
        !matches!(self, Self::Idle)
    }
}

/// Vertical scrolling that follows the finger and glides on after release.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MomentumScroll {
    /// Scroll offset in design points (0 = top).
    pub offset: f32,
    /// Glide speed after release, design points per second (positive: scrolls down).
    pub velocity: f32,
    /// Input time of the last step, seconds.
    last_time: Option<f64>,
}

/// How fast a glide slows down: the speed falls by e every this many seconds.
const GLIDE_TIME_CONSTANT: f64 = 0.325;

/// Below this speed (design points per second) a glide stops.
const GLIDE_STOP_SPEED: f32 = 8.0;

impl MomentumScroll {
    /// The finger moved the text by `dy` (positive: finger down, so the text goes back up).
    pub fn drag(&mut self, dy: f32, max_offset: f32) {
        self.velocity = 0.0;
        self.last_time = None;
        self.offset = (self.offset - dy).clamp(0.0, max_offset.max(0.0));
    }

    /// The finger lifted while moving at `finger_velocity` (design points per second, positive: down).
    pub fn release(&mut self, finger_velocity: f32, now: f64) {
        self.velocity = -finger_velocity;
        self.last_time = Some(now);
    }

    /// Advances the glide to `now`. Returns whether it still moves.
    pub fn tick(&mut self, now: f64, max_offset: f32) -> bool {
        let max_offset = max_offset.max(0.0);
        let Some(last) = self.last_time else {
            self.offset = self.offset.clamp(0.0, max_offset);
            return false;
        };
        let dt = (now - last).max(0.0);
        // Exact integral of an exponentially decaying speed: frame rate does not matter.
        let decay = (-dt / GLIDE_TIME_CONSTANT).exp();
        #[expect(clippy::cast_possible_truncation, reason = "distances in points")]
        let travelled = (f64::from(self.velocity) * GLIDE_TIME_CONSTANT * (1.0 - decay)) as f32;
        self.offset += travelled;
        #[expect(clippy::cast_possible_truncation, reason = "a factor 0..1")]
        let decay = decay as f32;
        self.velocity *= decay;
        self.last_time = Some(now);
        if self.offset < 0.0 || self.offset > max_offset {
            self.offset = self.offset.clamp(0.0, max_offset);
            self.velocity = 0.0;
        }
        if self.velocity.abs() < GLIDE_STOP_SPEED {
            self.velocity = 0.0;
            self.last_time = None;
            return false;
        }
        true
    }

    /// Back to the top, not moving.
    pub fn reset(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_drift_picks_no_axis_so_it_can_still_be_a_tap() {
        assert_eq!(decide_axis(5.0, 6.0), None, "8 pt drift");
        assert_eq!(decide_axis(30.0, 4.0), Some(Axis::Horizontal), "sideways");
        assert_eq!(decide_axis(-3.0, -40.0), Some(Axis::Vertical), "up");
    }

    #[test]
    fn a_swipe_past_a_quarter_of_the_width_goes_to_the_next_page() {
        let mut swipe = PageSwipe::default();
        swipe.drag(-600.0, true, true);
        swipe.release(10.0, 0.0, 1920.0, true, true);
        assert_eq!(swipe.finish(10.1), None, "still settling");
        assert!(swipe.offset(10.1) < -600.0, "moving on toward -1920");
        assert_eq!(
            swipe.finish(10.0 + SETTLE_SECS),
            Some(SwipeOutcome::Next),
            "next"
        );
        assert_eq!(swipe, PageSwipe::Idle, "idle after");
    }

    #[test]
    fn a_short_slow_swipe_settles_back() {
        let mut swipe = PageSwipe::default();
        swipe.drag(200.0, true, true);
        swipe.release(0.0, 100.0, 1920.0, true, true);
        assert!((swipe.offset(SETTLE_SECS)).abs() < 1e-3, "back at 0");
        assert_eq!(swipe.finish(1.0), Some(SwipeOutcome::Stay), "stay");
    }

    #[test]
    fn a_fast_flick_commits_even_when_short() {
        let mut swipe = PageSwipe::default();
        swipe.drag(120.0, true, true);
        swipe.release(0.0, 900.0, 1920.0, true, true);
        assert_eq!(swipe.finish(1.0), Some(SwipeOutcome::Previous), "previous");
    }

    #[test]
    fn the_first_page_resists_and_never_goes_before_the_start() {
        let mut swipe = PageSwipe::default();
        swipe.drag(800.0, false, true);
        assert!(
            (swipe.offset(0.0) - 200.0).abs() < 1e-3,
            "quarter of the way"
        );
        swipe.release(0.0, 2000.0, 1920.0, false, true);
        assert_eq!(
            swipe.finish(1.0),
            Some(SwipeOutcome::Stay),
            "stays on first"
        );
    }

    #[test]
    fn the_settle_eases_out_without_overshoot() {
        let mut swipe = PageSwipe::default();
        swipe.drag(-1000.0, true, true);
        swipe.release(0.0, 0.0, 1920.0, true, true);
        let mut last = swipe.offset(0.0);
        for i in 1..=32 {
            let now = f64::from(i) * 0.01;
            let offset = swipe.offset(now);
            assert!(
                offset <= last && offset >= -1920.0,
                "monotonic at {now}: {offset}"
            );
            last = offset;
        }
    }

    #[test]
    fn a_button_turn_slides_the_whole_page_and_then_reports_its_outcome() {
        let mut swipe = PageSwipe::turn(5.0, SwipeOutcome::Next, 1920.0);
        assert!(swipe.offset(5.0).abs() < 1e-3, "starts at rest");
        assert!(
            swipe.offset(5.0 + SETTLE_SECS / 2.0) < -1000.0,
            "eases out fast"
        );
        assert_eq!(
            swipe.finish(5.0 + SETTLE_SECS),
            Some(SwipeOutcome::Next),
            "next"
        );
    }

    #[test]
    fn momentum_glides_the_same_distance_at_any_frame_rate() {
        let run = |fps: u32| {
            let mut scroll = MomentumScroll::default();
            scroll.release(-1500.0, 0.0);
            let mut now = 0.0;
            while scroll.tick(now, 10_000.0) {
                now += 1.0 / f64::from(fps);
            }
            scroll.offset
        };
        let (slow, fast) = (run(20), run(120));
        assert!(slow > 300.0, "it glides: {slow}");
        assert!((slow - fast).abs() < 5.0, "20 fps {slow} vs 120 fps {fast}");
    }

    #[test]
    fn momentum_stops_at_the_ends() {
        let mut scroll = MomentumScroll::default();
        scroll.drag(-100.0, 120.0);
        assert!((scroll.offset - 100.0).abs() < 1e-3, "dragged");
        scroll.release(-5000.0, 0.0);
        scroll.tick(1.0, 120.0);
        assert!((scroll.offset - 120.0).abs() < 1e-3, "clamped at the end");
        assert!(!scroll.tick(1.1, 120.0), "stopped");
    }
}
