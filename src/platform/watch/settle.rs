//! When a failed load may be called broken: a file saved slowly (a sync tool writing in
//! chunks, an editor flushing as it goes) fails to parse while it is half written. A failure
//! is reported only once the file has stayed the same (its size, time and identity) for
//! [`SETTLE`]; a file that changed meanwhile is loaded again instead. A file that keeps
//! changing is reported after [`MAX_SETTLE`] all the same, so nothing waits for ever.
//!
//! Pure: the caller passes the time and the file's stamp, so tests need no clock.

use std::time::{Duration, Instant};

/// How long a file that failed to load must stay unchanged before the failure is reported.
pub const SETTLE: Duration = Duration::from_secs(1);

/// Longest a run of failures waits for the file to settle before one is reported anyway.
pub const MAX_SETTLE: Duration = Duration::from_secs(10);

/// What to do with a held failure when its time comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The file has not settled yet: look again then.
    Wait(Instant),
    /// The file changed since it failed: load it again.
    Reload,
    /// The file stayed the same (or kept changing for too long): report the failure.
    Report,
}

/// The settle state of one file's run of failed loads; `S` is the file's stamp (size,
/// modification time, identity; anything that changes with a write).
#[derive(Debug)]
pub struct Settle<S> {
    stable_for: Duration,
    max_wait: Duration,
    /// The first failure of the current run (none: the last load was fine or reported).
    failing_since: Option<Instant>,
    /// The stamp when the last load failed, and when that was.
    failed: Option<(S, Instant)>,
}

impl<S: PartialEq> Settle<S> {
    /// Waits `stable_for` for a stable file, at most `max_wait` in all.
    pub fn new(stable_for: Duration, max_wait: Duration) -> Self {
        Self {
            stable_for,
            max_wait,
            failing_since: None,
            failed: None,
        }
    }

    /// A load failed at `now` with the file as `stamp`: returns when to decide.
    pub fn failed(&mut self, now: Instant, stamp: S) -> Instant {
        let since = *self.failing_since.get_or_insert(now);
        self.failed = Some((stamp, now));
        (now + self.stable_for).min(since + self.max_wait).max(now)
    }

    /// The held failure's time came at `now`, and the file is now `stamp`.
    pub fn check(&mut self, now: Instant, stamp: &S) -> Verdict {
        let (Some(since), Some((failed, at))) = (self.failing_since, self.failed.as_ref()) else {
            return Verdict::Report;
        };
        let out_of_time = now >= since + self.max_wait;
        if out_of_time {
            return self.reported();
        }
        if failed != stamp {
            return Verdict::Reload;
        }
        let settled_at = *at + self.stable_for;
        if now >= settled_at {
            self.reported()
        } else {
            Verdict::Wait(settled_at)
        }
    }

    /// A load succeeded: the next failure starts a new run.
    pub fn succeeded(&mut self) {
        self.failing_since = None;
        self.failed = None;
    }

    /// Reports, and starts a new run for the next failure.
    fn reported(&mut self) -> Verdict {
        self.succeeded();
        Verdict::Report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    fn settle() -> Settle<u64> {
        Settle::new(SETTLE, MAX_SETTLE)
    }

    /// Three chunks 300 ms apart (the slow saver of issue 21): each half-written state fails,
    /// but the file changes before it settles, so nothing is reported; the last chunk loads.
    #[test]
    fn a_file_saved_in_three_chunks_300_ms_apart_is_never_reported() {
        let t0 = Instant::now();
        let mut s = settle();
        // Chunk 1 (100 bytes) fails to parse.
        let first = s.failed(t0 + 40 * MS, 100);
        assert!(
            first >= t0 + 300 * MS,
            "held past the next chunk: {first:?}"
        );
        // Chunk 2 came at 300 ms: the file is not the one that failed.
        assert_eq!(
            s.check(t0 + 300 * MS, &200),
            Verdict::Reload,
            "a changed file is loaded again, not reported"
        );
        let second = s.failed(t0 + 340 * MS, 200);
        assert_eq!(
            s.check(t0 + 600 * MS, &300),
            Verdict::Reload,
            "chunk 3 changed it again"
        );
        assert!(second > t0 + 600 * MS, "still held when chunk 3 came");
        // Chunk 3 completes the file: it loads.
        s.succeeded();
        assert_eq!(
            s.check(t0 + 2000 * MS, &300),
            Verdict::Report,
            "nothing is held any more (the caller holds nothing to report)"
        );
    }

    #[test]
    fn a_broken_file_that_stays_the_same_is_reported_once_it_has_settled() {
        let t0 = Instant::now();
        let mut s = settle();
        let at = s.failed(t0, 7);
        assert_eq!(at, t0 + SETTLE, "decided when the settle time is over");
        assert_eq!(
            s.check(t0 + 500 * MS, &7),
            Verdict::Wait(t0 + SETTLE),
            "asked early: wait on"
        );
        assert_eq!(
            s.check(at, &7),
            Verdict::Report,
            "stable and broken: reported"
        );
    }

    #[test]
    fn a_file_that_never_stops_changing_is_reported_after_the_longest_wait() {
        let t0 = Instant::now();
        let mut s = settle();
        let mut now = t0;
        let mut stamp = 0u64;
        let mut verdicts = Vec::new();
        // A write every 300 ms for ever: each load fails, each check finds it changed.
        while now < t0 + 2 * MAX_SETTLE {
            let at = s.failed(now, stamp);
            assert!(
                at <= t0 + MAX_SETTLE,
                "never held past the longest wait: {at:?}"
            );
            now += 300 * MS;
            stamp += 1;
            let verdict = s.check(now, &stamp);
            verdicts.push((now - t0, verdict));
            if verdict == Verdict::Report {
                break;
            }
        }
        let (when, last) = verdicts.last().copied().expect("at least one check");
        assert_eq!(last, Verdict::Report, "reported in the end: {verdicts:?}");
        assert!(
            when >= MAX_SETTLE && when <= MAX_SETTLE + SETTLE,
            "after the longest wait, not before and not much later: {when:?}"
        );
    }

    #[test]
    fn after_a_report_the_next_failure_settles_again() {
        let t0 = Instant::now();
        let mut s = settle();
        let at = s.failed(t0, 1);
        assert_eq!(s.check(at, &1), Verdict::Report, "reported");
        let later = t0 + 60 * SETTLE;
        assert_eq!(
            s.failed(later, 2),
            later + SETTLE,
            "a new run waits the settle time again"
        );
    }

    #[test]
    fn the_decision_is_never_later_than_the_longest_wait() {
        let t0 = Instant::now();
        let mut s = settle();
        let _ = s.failed(t0, 1);
        let late = t0
            + MAX_SETTLE
                .checked_sub(200 * MS)
                .expect("the longest wait is over 200 ms");
        assert_eq!(
            s.failed(late, 2),
            t0 + MAX_SETTLE,
            "held no longer than the run's longest wait"
        );
    }
}
