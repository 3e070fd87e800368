//! The staff panel's gate, pure: how it is summoned (a keyboard chord or a long hold on a
//! screen corner), the PIN with its lock-out, and closing by itself when left alone.
//!
//! Times are the app's input time in seconds, so tests drive it with their own clock.
//!
//! Every [`MAX_TRIES`] wrong PINs in a row lock the keypad, first for [`LOCKOUT_SECS`], then
//! twice as long each time up to [`MAX_LOCKOUT_SECS`]; only the right PIN starts over. At a
//! fixed minute per three tries a 4-digit PIN falls in about 55 hours of tapping; doubling
//! to an hour makes that about 4½ months. [`Backoff`] is what survives a restart (see
//! [`crate::platform::pin_backoff`]).

use crate::content::pin::PinCheck;

/// How long a finger must rest on the corner to summon the panel.
pub const CORNER_HOLD_SECS: f64 = 5.0;
/// Wrong PINs in a row before the keypad locks.
pub const MAX_TRIES: u32 = 3;
/// How long the keypad stays locked after the first [`MAX_TRIES`] wrong PINs.
pub const LOCKOUT_SECS: f64 = 60.0;
/// The longest lock-out: each further round of wrong PINs doubles it up to this.
pub const MAX_LOCKOUT_SECS: f64 = 3600.0;
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

/// The PIN's back-off, as kept across a restart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backoff {
    /// Wrong PINs since the last right one.
    pub failures: u32,
    /// Seconds the keypad stays locked from now (0: not locked).
    pub locked_for: f64,
}

/// How long the keypad locks after `failures` wrong PINs in a row (None: it does not lock
/// now): every [`MAX_TRIES`]th failure locks, doubling from [`LOCKOUT_SECS`] up to
/// [`MAX_LOCKOUT_SECS`].
pub fn lockout_after(failures: u32) -> Option<f64> {
    if failures == 0 || !failures.is_multiple_of(MAX_TRIES) {
        return None;
    }
    // 2^6 minutes is past the hour already: a small exponent cannot overflow.
    let rounds = (failures / MAX_TRIES - 1).min(6);
    Some((LOCKOUT_SECS * f64::from(1_u32 << rounds)).min(MAX_LOCKOUT_SECS))
}

/// The keypad's wait as staff read it: "45 s", "2 min 5 s", "1 h".
pub fn wait_text(secs: f64) -> String {
    // Whole seconds, rounded up so it never shows 0 while still locked.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..=MAX_LOCKOUT_SECS first"
    )]
    let total = secs.clamp(0.0, MAX_LOCKOUT_SECS).ceil() as u32;
    let (h, min, s) = (total / 3600, total % 3600 / 60, total % 60);
    match (h, min, s) {
        (0, 0, s) => format!("{s} s"),
        (0, min, 0) => format!("{min} min"),
        (0, min, s) => format!("{min} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, min, _) => format!("{h} h {min} min"),
    }
}

/// The staff panel's gate.
#[derive(Clone, Debug)]
pub struct StaffGate {
    phase: Phase,
    /// Wrong PINs since the last right one; kept across summons (closing the keypad does
    /// not reset it) and restarts (see [`Backoff`]).
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

    /// The back-off to keep across a restart, at `now`.
    pub fn backoff(&self, now: f64) -> Backoff {
        Backoff {
            failures: self.wrong,
            locked_for: self.locked_for(now).unwrap_or(0.0),
        }
    }

    /// Takes up the back-off kept from before a restart, at `now`. A lock is never longer
    /// than [`MAX_LOCKOUT_SECS`], whatever the file said or the clock did.
    pub fn restore(&mut self, now: f64, kept: Backoff) {
        self.wrong = kept.failures;
        let left = kept.locked_for.clamp(0.0, MAX_LOCKOUT_SECS);
        self.locked_until = (left > 0.0).then_some(now + left);
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
                self.wrong = self.wrong.saturating_add(1);
                if let Some(secs) = lockout_after(self.wrong) {
                    self.locked_until = Some(now + secs);
                    PinOutcome::Locked
                } else {
                    PinOutcome::Wrong {
                        tries_left: MAX_TRIES - self.wrong % MAX_TRIES,
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

    /// Three wrong PINs at `now`, the keypad summoned afresh.
    fn three_wrong(gate: &mut StaffGate, now: f64) -> PinOutcome {
        gate.close();
        gate.summon(now, true);
        let mut last = PinOutcome::Accepted;
        for _ in 0..MAX_TRIES {
            typed(gate, now, "0000");
            last = gate.submit(now, &plain("2468"));
        }
        last
    }

    #[test]
    fn each_round_of_wrong_pins_doubles_the_lock_up_to_an_hour() {
        let mut gate = StaffGate::default();
        let mut now = 0.0;
        let mut locks = Vec::new();
        for _ in 0..9 {
            assert_eq!(
                three_wrong(&mut gate, now),
                PinOutcome::Locked,
                "round locks"
            );
            let left = gate.locked_for(now).expect("locked");
            locks.push(left);
            now += left;
        }
        assert_eq!(
            locks,
            [
                60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 3600.0, 3600.0, 3600.0
            ],
            "doubling from a minute, capped at an hour"
        );
        // The old rule (a minute per three tries) would have let this round in after 60 s.
        assert!(
            gate.locked_for(now - 3600.0 + 61.0).is_some(),
            "still locked"
        );
    }

    #[test]
    fn tries_left_count_down_within_each_round() {
        let mut gate = StaffGate::default();
        three_wrong(&mut gate, 0.0);
        typed(&mut gate, 61.0, "1111");
        assert_eq!(
            gate.submit(61.0, &plain("2468")),
            PinOutcome::Wrong { tries_left: 2 },
            "a new round after the lock"
        );
    }

    #[test]
    fn the_right_pin_resets_the_back_off() {
        let mut gate = StaffGate::default();
        three_wrong(&mut gate, 0.0);
        three_wrong(&mut gate, 60.0);
        assert_eq!(gate.locked_for(60.0), Some(120.0), "second round: 2 min");
        typed(&mut gate, 180.0, "2468");
        assert_eq!(
            gate.submit(180.0, &plain("2468")),
            PinOutcome::Accepted,
            "right"
        );
        assert_eq!(gate.backoff(180.0).failures, 0, "reset");
        three_wrong(&mut gate, 200.0);
        assert_eq!(gate.locked_for(200.0), Some(60.0), "a minute again");
    }

    #[test]
    fn the_back_off_restored_after_a_restart_keeps_the_lock_and_the_round() {
        let mut gate = StaffGate::default();
        three_wrong(&mut gate, 0.0);
        three_wrong(&mut gate, 60.0);
        let kept = gate.backoff(100.0);
        assert_eq!(
            kept,
            Backoff {
                failures: 6,
                locked_for: 80.0
            },
            "kept"
        );
        // A new process: its input time starts near zero.
        let mut restarted = StaffGate::default();
        restarted.restore(0.5, kept);
        assert_eq!(restarted.locked_for(0.5), Some(80.0), "still locked");
        restarted.summon(1.0, true);
        typed(&mut restarted, 1.0, "2468");
        assert_eq!(
            restarted.submit(1.0, &plain("2468")),
            PinOutcome::Locked,
            "even the right PIN waits"
        );
        assert_eq!(
            three_wrong(&mut restarted, 81.0),
            PinOutcome::Locked,
            "round 3"
        );
        assert_eq!(
            restarted.locked_for(81.0),
            Some(240.0),
            "the doubling went on"
        );
        // A clock or a file that says more than the cap is held to it.
        restarted.restore(
            0.0,
            Backoff {
                failures: 3,
                locked_for: 1e12,
            },
        );
        assert_eq!(restarted.locked_for(0.0), Some(MAX_LOCKOUT_SECS), "capped");
    }

    #[test]
    fn the_wait_reads_in_hours_minutes_and_seconds() {
        assert_eq!(wait_text(44.2), "45 s", "rounded up");
        assert_eq!(wait_text(120.0), "2 min", "minutes");
        assert_eq!(wait_text(125.0), "2 min 5 s", "minutes and seconds");
        assert_eq!(wait_text(3600.0), "1 h", "an hour");
        assert_eq!(wait_text(1e9), "1 h", "never more than the cap");
    }
}
