//! When a decoded frame is shown: pure, so its tests bring their own clock.
//!
//! Frames carry their time on the clip's own timeline (seconds from the first frame of the
//! first lap; each lap of a loop continues where the last one ended). The first frame shown
//! fixes the clock time of that timeline's zero; each later frame is due at zero plus its
//! time. A frame that is late is shown at once (the latest due one wins, the others are
//! skipped); one far behind (the window was not drawn for a while) sets the zero anew, so
//! the clip goes on from there instead of racing to catch up.

/// How late a frame may be, in seconds, before the timeline is set anew.
pub const MAX_LATE_SECS: f64 = 0.5;

/// What to do with the next frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// It is due: show it (or a later one that is due too).
    Show,
    /// It is due in this many seconds: keep it and wake then.
    Wait(f64),
}

/// The clock of one playing clip.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pacer {
    /// Clock time (seconds) of the clip timeline's zero; None before the first frame.
    origin: Option<f64>,
}

impl Pacer {
    /// Whether the frame at clip time `time` is due at clock time `now`.
    pub fn decide(&mut self, time: f64, now: f64) -> Decision {
        let origin = *self.origin.get_or_insert(now - time);
        let due = origin + time;
        if due > now {
            return Decision::Wait(due - now);
        }
        if now - due > MAX_LATE_SECS {
            self.origin = Some(now - time);
        }
        Decision::Show
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_frame_is_due_at_once() {
        let mut pacer = Pacer::default();
        assert_eq!(pacer.decide(0.0, 100.0), Decision::Show, "first frame");
    }

    #[test]
    fn later_frames_wait_for_their_time() {
        let mut pacer = Pacer::default();
        pacer.decide(0.0, 100.0);
        match pacer.decide(0.1, 100.04) {
            Decision::Wait(secs) => assert!((secs - 0.06).abs() < 1e-9, "0.06 s left: {secs}"),
            Decision::Show => panic!("0.1 s frame shown at 0.04 s"),
        }
        assert_eq!(pacer.decide(0.1, 100.1), Decision::Show, "due on time");
    }

    #[test]
    fn a_loop_goes_on_along_the_same_timeline() {
        let mut pacer = Pacer::default();
        pacer.decide(0.0, 10.0);
        // A 1 s clip's second lap starts at 1.0 on the timeline.
        assert!(
            matches!(pacer.decide(1.0, 10.9), Decision::Wait(_)),
            "the next lap waits for its time"
        );
        assert_eq!(pacer.decide(1.0, 11.0), Decision::Show, "and then shows");
    }

    #[test]
    fn a_long_stall_sets_the_clock_anew() {
        let mut pacer = Pacer::default();
        pacer.decide(0.0, 0.0);
        assert_eq!(
            pacer.decide(0.1, 5.0),
            Decision::Show,
            "late: shown at once"
        );
        // From here the clip runs at its rate again instead of showing every frame at once.
        assert!(
            matches!(pacer.decide(0.2, 5.01), Decision::Wait(_)),
            "the next frame waits again"
        );
    }

    #[test]
    fn a_little_late_keeps_the_clock() {
        let mut pacer = Pacer::default();
        pacer.decide(0.0, 0.0);
        assert_eq!(pacer.decide(0.1, 0.2), Decision::Show, "late by 0.1 s");
        assert_eq!(
            pacer.decide(0.2, 0.2),
            Decision::Show,
            "the next one is due too: the clock was kept"
        );
    }
}
