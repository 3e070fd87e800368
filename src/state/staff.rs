//! The staff panel's gate, pure: how it is summoned (a keyboard chord or a long hold on a
//! screen corner), the PIN with its lock-out, and closing by itself when left alone.
//!
//! Times are the app's input time in seconds, so tests drive it with their own clock.

use crate::content::pin::PinCheck;

/// How long a finger must rest on the corner to summon the panel.
pub const CORNER_HOLD_SECS: f64 = 5.0;
/// Wrong PINs in a row before the keypad locks.
pub const MAX_TRIES: u32 = 3;
/// How long the keypad stays locked after too many wrong PINs.
pub const LOCKOUT_SECS: f64 = 60.0;
/// The panel (or its keypad) closes after this long without a touch or a key.
pub const LEAVE_AFTER_SECS: f64 = 60.0;
/// Most digits a PIN can have (content validation allows 4 to 8).
const MAX_DIGITS: usize = 8;

/// What the staff panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Visitors' screens; the panel is hidden.
    Closed,
    /// The keypad, with the digits typed so far.
    Pin {
        /// Digits typed.
        entered: String,
    },
    /// The panel itself.
    Open,
}

/// What the last PIN attempt did, for the keypad's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinOutcome {
    /// The PIN was right: the panel is open.
    Accepted,
    /// Wrong; this many tries are left before the lock-out.
    Wrong {
        /// Tries left.
        tries_left: u32,
    },
    /// Wrong too often, or tried while locked: the keypad is locked.
    Locked,
}

/// The staff panel's gate.
#[derive(Clone, Debug)]
pub struct StaffGate {
    phase: Phase,
    /// Wrong PINs in a row; kept across summons, so closing the keypad does not reset it.
    wrong: u32,
    locked_until: Option<f64>,
    last_activity: f64,
    hold_started: Option<f64>,
    last_outcome: Option<PinOutcome>,
}

impl Default for StaffGate {
    fn default() -> Self {
        Self {
            phase: Phase::Closed,
            wrong: 0,
            locked_until: None,
            last_activity: 0.0,
            hold_started: None,
            last_outcome: None,
        }
    }
}

impl StaffGate {
    /// What the panel shows now.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// Whether the panel or its keypad covers the visitors' screens.
    pub fn is_showing(&self) -> bool {
        self.phase != Phase::Closed
    }

    /// The last PIN attempt's outcome (cleared when the keypad opens anew).
    pub fn last_outcome(&self) -> Option<PinOutcome> {
        self.last_outcome
    }

    /// Seconds the keypad stays locked, if it is locked at `now`.
    pub fn locked_for(&self, now: f64) -> Option<f64> {
        self.locked_until
            .map(|until| until - now)
            .filter(|left| *left > 0.0)
    }

    /// The chord was pressed or the corner held: show the keypad, or the panel when
    /// content sets no PIN.
    pub fn summon(&mut self, now: f64, asks_pin: bool) {
        if self.phase != Phase::Closed {
            return;
        }
        self.last_activity = now;
        self.phase = if asks_pin {
            self.last_outcome = None;
            Phase::Pin {
                entered: String::new(),
            }
        } else {
            Phase::Open
        };
    }

    /// Feeds the corner hold: `held` is whether a finger pressed inside the corner and is
    /// still down there this frame. Returns true on the frame the hold completes.
    pub fn corner_hold(&mut self, now: f64, held: bool) -> bool {
        if !held || self.phase != Phase::Closed {
            self.hold_started = None;
            return false;
        }
        let started = *self.hold_started.get_or_insert(now);
        if now - started >= CORNER_HOLD_SECS {
            // Summoned once per hold: lift the finger to hold again.
            self.hold_started = Some(f64::INFINITY);
            return true;
        }
        false
    }

    /// Seconds until the current corner hold completes (for scheduling the next frame).
    pub fn hold_remaining(&self, now: f64) -> Option<f64> {
        self.hold_started
            .filter(|started| started.is_finite())
            .map(|started| (started + CORNER_HOLD_SECS - now).max(0.0))
    }

    /// Any touch or key while the panel shows keeps it open.
    pub fn touched(&mut self, now: f64) {
        self.last_activity = now;
    }

    /// A digit on the keypad (ignored while locked).
    pub fn digit(&mut self, now: f64, digit: char) {
        self.last_activity = now;
        if self.locked_for(now).is_some() || !digit.is_ascii_digit() {
            return;
        }
        if let Phase::Pin { entered } = &mut self.phase
            && entered.len() < MAX_DIGITS
        {
            entered.push(digit);
        }
    }

    /// Removes the last digit.
    pub fn erase(&mut self, now: f64) {
        self.last_activity = now;
        if let Phase::Pin { entered } = &mut self.phase {
            entered.pop();
        }
    }

    /// Checks the typed digits against `pin`.
    pub fn submit(&mut self, now: f64, pin: &PinCheck) -> PinOutcome {
        self.last_activity = now;
        let outcome = if self.locked_for(now).is_some() {
            PinOutcome::Locked
        } else if let Phase::Pin { entered } = &self.phase {
            if pin.matches(entered) {
                self.wrong = 0;
                self.locked_until = None;
                self.phase = Phase::Open;
                PinOutcome::Accepted
            } else {
                self.wrong += 1;
                if self.wrong >= MAX_TRIES {
                    self.wrong = 0;
                    self.locked_until = Some(now + LOCKOUT_SECS);
                    PinOutcome::Locked
                } else {
                    PinOutcome::Wrong {
                        tries_left: MAX_TRIES - self.wrong,
                    }
                }
            }
        } else {
            return PinOutcome::Accepted;
        };
        if let Phase::Pin { entered } = &mut self.phase {
            entered.clear();
        }
        self.last_outcome = Some(outcome);
        outcome
    }

    /// Back to visitors.
    pub fn close(&mut self) {
        self.phase = Phase::Closed;
        self.hold_started = None;
    }

    /// Closes the panel when it has been left alone; returns true when it did.
    pub fn tick(&mut self, now: f64) -> bool {
        if self.phase != Phase::Closed && now - self.last_activity >= LEAVE_AFTER_SECS {
            self.close();
            return true;
        }
        false
    }

    /// Seconds until the panel closes by itself, while it shows.
    pub fn leaves_in(&self, now: f64) -> Option<f64> {
        self.is_showing()
            .then(|| (self.last_activity + LEAVE_AFTER_SECS - now).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(pin: &str) -> PinCheck {
        PinCheck::Plain(pin.to_owned())
    }

    fn typed(gate: &mut StaffGate, now: f64, digits: &str) {
        for digit in digits.chars() {
            gate.digit(now, digit);
        }
    }

    #[test]
    fn without_a_pin_the_panel_opens_at_once() {
        let mut gate = StaffGate::default();
        gate.summon(10.0, false);
        assert_eq!(gate.phase(), &Phase::Open, "no PIN, no keypad");
    }

    #[test]
    fn the_right_pin_opens_and_a_wrong_one_does_not() {
        let mut gate = StaffGate::default();
        gate.summon(0.0, true);
        typed(&mut gate, 1.0, "1234");
        assert_eq!(
            gate.submit(2.0, &plain("2468")),
            PinOutcome::Wrong { tries_left: 2 },
            "wrong PIN"
        );
        assert_eq!(
            gate.phase(),
            &Phase::Pin {
                entered: String::new()
            },
            "still on the keypad, digits cleared"
        );
        typed(&mut gate, 3.0, "2468");
        assert_eq!(
            gate.submit(4.0, &plain("2468")),
            PinOutcome::Accepted,
            "right PIN"
        );
        assert_eq!(gate.phase(), &Phase::Open, "open");
    }

    #[test]
    fn three_wrong_pins_lock_the_keypad_for_a_minute() {
        let mut gate = StaffGate::default();
        gate.summon(0.0, true);
        for (i, expected) in [
            PinOutcome::Wrong { tries_left: 2 },
            PinOutcome::Wrong { tries_left: 1 },
            PinOutcome::Locked,
        ]
        .into_iter()
        .enumerate()
        {
            typed(&mut gate, 1.0, "0000");
            assert_eq!(gate.submit(1.0, &plain("2468")), expected, "try {i}");
        }
        assert!(gate.locked_for(1.0).is_some(), "locked");
        // Even the right PIN is refused while locked, and digits are not taken.
        typed(&mut gate, 30.0, "2468");
        assert_eq!(
            gate.submit(30.0, &plain("2468")),
            PinOutcome::Locked,
            "still locked"
        );
        assert_ne!(gate.phase(), &Phase::Open, "not open while locked");
        // Closing and summoning again does not reset the lock.
        gate.close();
        gate.summon(40.0, true);
        assert!(
            gate.locked_for(40.0).is_some(),
            "lock survives a new summon"
        );
        // After the minute the right PIN works.
        assert_eq!(gate.locked_for(61.0), None, "unlocked after 60 s");
        typed(&mut gate, 61.0, "2468");
        assert_eq!(
            gate.submit(61.0, &plain("2468")),
            PinOutcome::Accepted,
            "accepted"
        );
    }

    #[test]
    fn wrong_tries_count_across_summons() {
        let mut gate = StaffGate::default();
        for at in [0.0, 10.0, 20.0] {
            gate.summon(at, true);
            typed(&mut gate, at, "1111");
            gate.submit(at, &plain("2468"));
            gate.close();
        }
        assert!(
            gate.locked_for(20.5).is_some(),
            "three wrong tries lock even when the keypad was closed in between"
        );
    }

    #[test]
    fn the_corner_must_be_held_five_seconds() {
        let mut gate = StaffGate::default();
        assert!(!gate.corner_hold(0.0, true), "just pressed");
        assert!(!gate.corner_hold(4.9, true), "not yet");
        assert!(gate.corner_hold(5.0, true), "five seconds");
        assert!(!gate.corner_hold(9.0, true), "once per hold");
        // A lift restarts the count.
        assert!(!gate.corner_hold(10.0, false), "lifted");
        assert!(!gate.corner_hold(11.0, true), "pressed again");
        assert!(!gate.corner_hold(15.9, true), "4.9 s into the new hold");
        assert!(gate.corner_hold(16.0, true), "the new hold completes");
    }

    #[test]
    fn a_hold_interrupted_before_five_seconds_does_nothing() {
        let mut gate = StaffGate::default();
        gate.corner_hold(0.0, true);
        gate.corner_hold(3.0, false);
        assert!(
            !gate.corner_hold(5.5, true),
            "the count started again at 5.5"
        );
        assert_eq!(gate.hold_remaining(6.5), Some(4.0), "four seconds to go");
    }

    #[test]
    fn the_panel_closes_itself_when_left_alone() {
        let mut gate = StaffGate::default();
        gate.summon(100.0, false);
        assert!(!gate.tick(150.0), "50 s: still open");
        gate.touched(150.0);
        assert!(!gate.tick(200.0), "a touch at 150 s keeps it open at 200 s");
        assert_eq!(gate.leaves_in(200.0), Some(10.0), "ten seconds left");
        assert!(gate.tick(210.0), "closed after 60 s alone");
        assert_eq!(gate.phase(), &Phase::Closed, "closed");
    }

    #[test]
    fn the_keypad_takes_digits_only_and_at_most_eight() {
        let mut gate = StaffGate::default();
        gate.summon(0.0, true);
        typed(&mut gate, 0.0, "12a3456789");
        assert_eq!(
            gate.phase(),
            &Phase::Pin {
                entered: "12345678".to_owned()
            },
            "digits only, eight at most"
        );
        gate.erase(0.0);
        assert_eq!(
            gate.phase(),
            &Phase::Pin {
                entered: "1234567".to_owned()
            },
            "erased one"
        );
    }
}
