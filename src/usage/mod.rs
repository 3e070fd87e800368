//! Usage figures, private and local: what visitors open, read and switch, by content id,
//! with nothing about the visitor. The tracker derives events from the app's state after
//! each frame; a sink keeps them (the usage file, or memory in tests); `vitrina stats`
//! adds them up.

pub mod event;
pub mod stats;
pub mod table;
pub mod tracker;
pub mod writer;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

pub use event::{Event, Record};
pub use tracker::{MapObserved, Observed, Tracker};
pub use writer::{Rotation, UsageWriter};

use crate::content::Content;

/// Where usage records go.
#[derive(Debug)]
pub enum UsageSink {
    /// Appended to a file by a writer thread (the kiosk).
    File(UsageWriter),
    /// Kept in memory (tests read them through the [`MemoryLog`]).
    Memory(MemoryLog),
}

impl UsageSink {
    /// Appends to `path` (such as `<data>/usage.jsonl`) off the UI thread, rotating at 5 MB.
    pub fn file(path: PathBuf) -> Self {
        Self::File(UsageWriter::spawn(path, Rotation::default()))
    }

    /// Keeps records in memory; the returned log reads them.
    pub fn memory() -> (Self, MemoryLog) {
        let log = MemoryLog::default();
        (Self::Memory(log.clone()), log)
    }

    /// Hands a record over; never blocks on the disk.
    pub fn record(&self, record: Record) {
        match self {
            Self::File(writer) => writer.send(record),
            Self::Memory(log) => log
                .records
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(record),
        }
    }
}

/// Records kept in memory, shared with the sink that fills it.
#[derive(Clone, Debug, Default)]
pub struct MemoryLog {
    records: Arc<Mutex<Vec<Record>>>,
}

impl MemoryLog {
    /// The records so far, oldest first.
    pub fn records(&self) -> Vec<Record> {
        self.records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The events so far, without their times.
    pub fn events(&self) -> Vec<Event> {
        self.records().into_iter().map(|r| r.event).collect()
    }
}

/// The tracker and its sink, as the app holds them.
#[derive(Debug)]
pub struct Usage {
    tracker: Tracker,
    sink: UsageSink,
    /// Sessions started on one day (local time), for the fleet's status.
    sessions: (Option<jiff::civil::Date>, u32),
}

impl Usage {
    /// Tracks into `sink`.
    pub fn new(sink: UsageSink) -> Self {
        Self {
            tracker: Tracker::new(),
            sink,
            sessions: (None, 0),
        }
    }

    /// Visitor sessions started on `date` (local time), counted since the kiosk started.
    pub fn sessions_on(&self, date: jiff::civil::Date) -> u32 {
        match self.sessions {
            (Some(day), count) if day == date => count,
            _ => 0,
        }
    }

    /// Looks at the frame just drawn (input time `now`); `wall_clock` stamps the events
    /// and is read only when there are any.
    pub fn observe(
        &mut self,
        observed: &Observed<'_>,
        content: &Content,
        now: f64,
        wall_clock: &dyn Fn() -> jiff::civil::DateTime,
    ) {
        let events = self.tracker.observe(observed, content, now);
        if events.is_empty() {
            return;
        }
        let at = wall_clock();
        for event in events {
            log::debug!("usage: {event:?}");
            if event == Event::SessionStart {
                let day = at.date();
                self.sessions = match self.sessions {
                    (Some(d), count) if d == day => (Some(day), count.saturating_add(1)),
                    _ => (Some(day), 1),
                };
            }
            self.sink.record(Record::new(at, event));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Screen;

    #[test]
    fn sessions_are_counted_per_local_day() {
        let loaded =
            crate::content::load_content(std::path::Path::new("content.ron")).expect("shipped");
        let (sink, _log) = UsageSink::memory();
        let mut usage = Usage::new(sink);
        let day1: jiff::civil::DateTime = "2026-05-01T10:00".parse().expect("time");
        let day2: jiff::civil::DateTime = "2026-05-02T09:00".parse().expect("time");
        let frame = |usage: &mut Usage, screen: Screen, now: f64, at| {
            let observed = Observed {
                screen: &screen,
                lang_code: "en",
                map: None,
            };
            usage.observe(&observed, &loaded.content, now, &move || at);
        };
        frame(&mut usage, Screen::Home, 0.0, day1);
        frame(&mut usage, Screen::Attract, 10.0, day1);
        frame(&mut usage, Screen::Home, 20.0, day1);
        assert_eq!(usage.sessions_on(day1.date()), 2, "two on the first day");
        assert_eq!(usage.sessions_on(day2.date()), 0, "none yet on the next");
        frame(&mut usage, Screen::Attract, 30.0, day2);
        frame(&mut usage, Screen::Home, 40.0, day2);
        assert_eq!(usage.sessions_on(day2.date()), 1, "the count starts again");
        assert_eq!(usage.sessions_on(day1.date()), 0, "yesterday is gone");
    }
}
