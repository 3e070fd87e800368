//! The idle machine: interactive → "still there?" warning → reset → attract, and waking.
//! Pure: time is input time in seconds, passed in.

/// What the kiosk is doing about idleness.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    /// A visitor is (or was recently) using it.
    Interactive,
    /// Nobody touched it for a while: the prompt counts down to the reset at `reset_at`.
    Warning {
        /// Input time of the reset.
        reset_at: f64,
    },
    /// The attract loop runs since `since`.
    Attract {
        /// Input time the loop started.
        since: f64,
    },
}

/// What a tick or an input asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdleEvent {
    /// Show the "still there?" prompt.
    Warn,
    /// Reset the visitor's state (language, screen, map, scroll) and start the attract loop.
    Reset,
    /// The prompt was dismissed: the visitor stays where they are.
    Continue,
    /// The first touch in the attract loop: go Home and ignore this touch otherwise.
    Wake,
}

/// Idle timing with an injected clock.
#[derive(Clone, Debug, PartialEq)]
pub struct IdleMachine {
    timeout_secs: f64,
    warning_secs: f64,
    last_input: f64,
    phase: Phase,
}

impl IdleMachine {
    /// A machine that resets after `timeout_secs` without input and warns `warning_secs`
    /// before. `attract_now` starts in the attract loop (start-up with attract on).
    pub fn new(timeout_secs: f64, warning_secs: f64, now: f64, attract_now: bool) -> Self {
        let timeout_secs = timeout_secs.max(1.0);
        Self {
            timeout_secs,
            // A short timeout (such as --idle-timeout 6 in tests) keeps a third of it to read.
            warning_secs: warning_secs.clamp(0.0, timeout_secs / 3.0),
            last_input: now,
            phase: if attract_now {
                Phase::Attract { since: now }
            } else {
                Phase::Interactive
            },
        }
    }

    /// Changes the timeout from now on (accessibility mode doubles it); the warning keeps
    /// its length.
    pub fn set_timeout_secs(&mut self, timeout_secs: f64) {
        self.timeout_secs = timeout_secs.max(1.0);
    }

    /// The timeout in seconds.
    pub fn timeout_secs(&self) -> f64 {
        self.timeout_secs
    }

    /// How long the warning shows before the reset, in seconds.
    pub fn warning_secs(&self) -> f64 {
        self.warning_secs
    }

    /// The current phase.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Seconds left before the reset while the warning shows.
    pub fn seconds_left(&self, now: f64) -> Option<f64> {
        match self.phase {
            Phase::Warning { reset_at } => Some((reset_at - now).max(0.0)),
            _ => None,
        }
    }

    /// A touch, click, key or wheel at `now`.
    pub fn input(&mut self, now: f64) -> Option<IdleEvent> {
        self.last_input = now;
        match self.phase {
            Phase::Interactive => None,
            Phase::Warning { .. } => {
                self.phase = Phase::Interactive;
                Some(IdleEvent::Continue)
            }
            Phase::Attract { .. } => {
                self.phase = Phase::Interactive;
                Some(IdleEvent::Wake)
            }
        }
    }

    /// Advances to `now`; returns what changed.
    pub fn tick(&mut self, now: f64) -> Option<IdleEvent> {
        let reset_at = self.last_input + self.timeout_secs;
        match self.phase {
            Phase::Interactive if now >= reset_at => {
                self.phase = Phase::Attract { since: reset_at };
                Some(IdleEvent::Reset)
            }
            Phase::Interactive if now >= reset_at - self.warning_secs => {
                self.phase = Phase::Warning { reset_at };
                Some(IdleEvent::Warn)
            }
            Phase::Warning { reset_at } if now >= reset_at => {
                self.phase = Phase::Attract { since: reset_at };
                Some(IdleEvent::Reset)
            }
            _ => None,
        }
    }

    /// The next input time at which `tick` will change something (for a timed repaint).
    pub fn next_deadline(&self) -> Option<f64> {
        let reset_at = self.last_input + self.timeout_secs;
        match self.phase {
            Phase::Interactive => Some(reset_at - self.warning_secs),
            Phase::Warning { reset_at } => Some(reset_at),
            Phase::Attract { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_touching_leads_to_warning_then_reset_then_attract() {
        let mut idle = IdleMachine::new(90.0, 15.0, 0.0, false);
        assert_eq!(idle.tick(74.9), None, "still interactive");
        assert_eq!(idle.tick(75.0), Some(IdleEvent::Warn), "warns 15 s before");
        assert_eq!(idle.seconds_left(80.0), Some(10.0), "counts down");
        assert_eq!(idle.tick(89.9), None, "warning stays");
        assert_eq!(idle.tick(90.0), Some(IdleEvent::Reset), "resets at 90 s");
        assert_eq!(idle.phase(), Phase::Attract { since: 90.0 }, "attract");
        assert_eq!(idle.tick(1000.0), None, "attract stays");
    }

    #[test]
    fn a_doubled_timeout_warns_and_resets_twice_as_late() {
        let mut idle = IdleMachine::new(90.0, 15.0, 0.0, false);
        idle.set_timeout_secs(180.0);
        assert_eq!(idle.tick(90.0), None, "no reset at the old time");
        assert_eq!(idle.tick(164.9), None, "not warned yet");
        assert_eq!(
            idle.tick(165.0),
            Some(IdleEvent::Warn),
            "warns 15 s before 180"
        );
        assert_eq!(idle.tick(180.0), Some(IdleEvent::Reset), "resets at 180 s");
    }

    #[test]
    fn a_touch_during_the_warning_continues_and_extends_the_time() {
        let mut idle = IdleMachine::new(90.0, 15.0, 0.0, false);
        idle.tick(80.0);
        assert_eq!(idle.input(85.0), Some(IdleEvent::Continue), "continue");
        assert_eq!(idle.tick(100.0), None, "no reset at the old time");
        assert_eq!(
            idle.next_deadline(),
            Some(160.0),
            "next warning 75 s after the touch"
        );
    }

    #[test]
    fn any_input_while_interactive_restarts_the_timer() {
        let mut idle = IdleMachine::new(90.0, 15.0, 0.0, false);
        assert_eq!(idle.input(60.0), None, "nothing to say");
        assert_eq!(idle.tick(100.0), None, "timer restarted at 60");
        assert_eq!(idle.tick(135.0), Some(IdleEvent::Warn), "warns at 135");
    }

    #[test]
    fn the_first_touch_in_attract_only_wakes() {
        let mut idle = IdleMachine::new(90.0, 15.0, 0.0, true);
        assert_eq!(idle.input(5.0), Some(IdleEvent::Wake), "wake");
        assert_eq!(idle.phase(), Phase::Interactive, "interactive");
        assert_eq!(idle.input(6.0), None, "second touch is normal");
    }

    #[test]
    fn a_timeout_shorter_than_the_warning_still_leaves_time_before_the_prompt() {
        let mut idle = IdleMachine::new(6.0, 15.0, 0.0, false);
        assert_eq!(idle.tick(3.9), None, "no prompt in the first two thirds");
        assert_eq!(
            idle.tick(4.0),
            Some(IdleEvent::Warn),
            "prompt for the last third"
        );
    }

    #[test]
    fn a_late_tick_still_resets_once_at_the_right_time() {
        // A frame that arrives long after the deadline (a slow or sleeping PC) resets once.
        let mut idle = IdleMachine::new(90.0, 15.0, 0.0, false);
        assert_eq!(idle.tick(500.0), Some(IdleEvent::Reset), "reset");
        assert_eq!(
            idle.phase(),
            Phase::Attract { since: 90.0 },
            "loop starts at the deadline"
        );
        assert_eq!(idle.tick(501.0), None, "only once");
    }
}
