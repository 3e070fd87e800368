//! Logging: readable lines on stderr and, for the kiosk, a daily log file.
//!
//! The code base, eframe and egui log through the `log` crate; tracing-subscriber's
//! `tracing-log` bridge (installed by `try_init`) carries those records into tracing, so no
//! call site changes. `RUST_LOG` filters as before (default `info`). The file is
//! `<logdir>/vitrina.log.YYYY-MM-DD` (UTC dates, like the line stamps), written by
//! tracing-appender's background thread; the oldest files beyond [`KEPT_LOG_FILES`] go.
//! tracing-appender 0.2 has no size limit, so [`Capped`] sits in front of it: a day's file
//! stops at [`MAX_LOG_FILE_BYTES`] with one "log file full" line, and no line is longer than
//! [`MAX_LOG_LINE_BYTES`]; the folder thus stays under [`MAX_LOG_BYTES`] whatever is logged.
//!
//! Under systemd, when stderr is the journal (`JOURNAL_STREAM` names it), each stderr line
//! starts with its level as sd-daemon(3)'s `<N>` prefix, so `journalctl -p err` finds the
//! errors; the file's lines stay as they are.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use tracing::{Event, Level, Subscriber};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::{Format, Writer};
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt as _;

/// Daily log files kept: two weeks, enough to look back over an event.
pub const KEPT_LOG_FILES: usize = 14;

/// The log file's name before its date.
pub const LOG_FILE_PREFIX: &str = "vitrina.log";

/// Most bytes of one day's log file; later lines that day are dropped (a normal day writes
/// a few hundred kilobytes at most).
pub const MAX_LOG_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Longest line kept in the file; a longer one is cut with a note of its size.
pub const MAX_LOG_LINE_BYTES: usize = 64 * 1024;

/// Most bytes all the kiosk's log files take together.
pub const MAX_LOG_BYTES: u64 = KEPT_LOG_FILES as u64 * MAX_LOG_FILE_BYTES;

/// The file writer's guard: dropping it writes out what is queued. Global so the panic hook
/// can flush before the process exits.
static FILE_GUARD: Mutex<Option<WorkerGuard>> = Mutex::new(None);

/// Where log lines go.
#[derive(Clone, Copy, Debug)]
pub enum Output<'a> {
    /// stderr only (the command-line tools).
    Stderr,
    /// stderr and daily files in this folder (the kiosk).
    StderrAndFiles(&'a Path),
}

/// Keeps the file writer running; dropping it flushes the file.
#[derive(Debug)]
#[must_use = "dropping the guard stops the log file"]
pub struct LogGuard {
    /// The folder the file is written to, when there is one.
    pub log_dir: Option<PathBuf>,
}

impl Drop for LogGuard {
    fn drop(&mut self) {
        flush();
    }
}

/// Installs the global logger. When the log folder cannot be made or opened, says so on
/// stderr and logs to stderr only: the kiosk must start anyway.
#[expect(
    clippy::print_stderr,
    reason = "without a logger, stderr is the only place to warn"
)]
pub fn init(output: Output<'_>) -> LogGuard {
    let filter = EnvFilter::builder()
        .with_default_directive(LevelFilter::INFO.into())
        .from_env_lossy();
    let stderr = tracing_subscriber::fmt::layer()
        .event_format(LevelPrefix {
            journal: stderr_is_journal(),
            inner: tracing_subscriber::fmt::format(),
        })
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let mut log_dir = None;
    let file = match output {
        Output::Stderr => None,
        Output::StderrAndFiles(dir) => match open_daily_file(dir) {
            Ok(appender) => {
                let capped = Capped::new(appender, dir, MAX_LOG_FILE_BYTES, utc_date);
                let (writer, guard) = tracing_appender::non_blocking(capped);
                *FILE_GUARD.lock().unwrap_or_else(PoisonError::into_inner) = Some(guard);
                log_dir = Some(dir.to_path_buf());
                Some(
                    tracing_subscriber::fmt::layer()
                        .with_writer(writer)
                        .with_ansi(false),
                )
            }
            Err(err) => {
                eprintln!(
                    "warning: cannot write logs to {}: {err}; logging to stderr only",
                    dir.display()
                );
                None
            }
        },
    };
    let installed = tracing_subscriber::registry()
        .with(filter)
        .with(stderr)
        .with(file)
        .try_init();
    if let Err(err) = installed {
        eprintln!("warning: logging not set up: {err}");
    }
    if let Some(dir) = &log_dir {
        log::info!("logging to {}", dir.display());
    }
    LogGuard { log_dir }
}

/// The daily rotating file in `dir` (created if missing).
fn open_daily_file(dir: &Path) -> Result<tracing_appender::rolling::RollingFileAppender, String> {
    std::fs::create_dir_all(dir).map_err(|err| err.to_string())?;
    Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix(LOG_FILE_PREFIX)
        .max_log_files(KEPT_LOG_FILES)
        .build(dir)
        .map_err(|err| err.to_string())
}

/// Today's date in UTC as tracing-appender names its daily files (`2026-03-01`).
fn utc_date() -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// A log file writer that keeps each day's file under a size limit: it counts what goes
/// into the file of the day `today` names (starting from the size already on disk, for a
/// restart the same day), cuts over-long lines, and once the limit would be passed writes
/// one "log file full" line and drops the rest of the day.
pub struct Capped<W> {
    inner: W,
    dir: PathBuf,
    limit: u64,
    today: fn() -> String,
    /// The day counted, and the bytes its file holds.
    day: Option<(String, u64)>,
    /// Lines dropped today since the file filled.
    dropped: u64,
}

impl<W: std::io::Write> Capped<W> {
    /// Wraps `inner`, which writes `<dir>/vitrina.log.<today()>`, at `limit` bytes a day.
    pub fn new(inner: W, dir: &Path, limit: u64, today: fn() -> String) -> Self {
        Self {
            inner,
            dir: dir.to_path_buf(),
            limit,
            today,
            day: None,
            dropped: 0,
        }
    }

    /// The bytes today's file holds, counted from disk on a new day.
    fn used_today(&mut self) -> &mut u64 {
        let today = (self.today)();
        if self.day.as_ref().is_none_or(|(day, _)| *day != today) {
            let file = self.dir.join(format!("{LOG_FILE_PREFIX}.{today}"));
            let on_disk = std::fs::metadata(file).map_or(0, |meta| meta.len());
            self.day = Some((today, on_disk));
            self.dropped = 0;
        }
        match &mut self.day {
            Some((_, used)) => used,
            None => unreachable!("set above"),
        }
    }
}

/// The note that ends a full day's file.
fn full_note(limit: u64) -> String {
    format!(
        "log file full ({} MiB); the rest of today's lines are dropped (stderr still has \
         them)\n",
        limit / (1024 * 1024)
    )
}

/// `line` cut to [`MAX_LOG_LINE_BYTES`] at a character boundary, with a note of its size.
fn cut_line(line: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if line.len() <= MAX_LOG_LINE_BYTES {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut end = MAX_LOG_LINE_BYTES;
    // Back off UTF-8 continuation bytes, so the cut leaves whole characters.
    while end > 0 && line.get(end).is_some_and(|b| b & 0xC0 == 0x80) {
        end -= 1;
    }
    let mut cut = line.get(..end).unwrap_or_default().to_vec();
    cut.extend_from_slice(format!(" … (line cut: {} bytes)\n", line.len()).as_bytes());
    std::borrow::Cow::Owned(cut)
}

impl<W: std::io::Write> std::io::Write for Capped<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let line = cut_line(bytes);
        let limit = self.limit;
        let note = full_note(limit);
        let used = *self.used_today();
        let fits = used + line.len() as u64 + note.len() as u64 <= limit;
        if fits {
            self.inner.write_all(&line)?;
            *self.used_today() += line.len() as u64;
        } else {
            if self.dropped == 0 && used + note.len() as u64 <= limit {
                self.inner.write_all(note.as_bytes())?;
                *self.used_today() += note.len() as u64;
            }
            self.dropped += 1;
        }
        // The whole line is taken (kept or dropped), or the writer would retry it.
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes out every queued line and stops the file writer; later lines reach stderr only.
/// The panic hook calls it before exiting, so the panic is on disk.
pub fn flush() {
    let guard = FILE_GUARD
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    drop(guard);
}

/// The sd-daemon(3) prefix journald reads as a line's priority: `<3>` error, `<4>` warning,
/// `<6>` info, `<7>` debug and trace.
pub fn journal_prefix(level: Level) -> &'static str {
    match level {
        Level::ERROR => "<3>",
        Level::WARN => "<4>",
        Level::INFO => "<6>",
        Level::DEBUG | Level::TRACE => "<7>",
    }
}

/// Whether `journal_stream` (the `JOURNAL_STREAM` variable, `DEVICE:INODE`) names the file
/// stderr is, whose device and inode are given: systemd sets it for a unit's own stderr, and
/// a child whose stderr was sent elsewhere may still inherit it (sd_journal_stream_fd(3)).
pub fn journal_stream_is(journal_stream: &str, device: u64, inode: u64) -> bool {
    let mut parts = journal_stream.trim().splitn(2, ':');
    let number = |part: Option<&str>| part.and_then(|p| p.parse::<u64>().ok());
    matches!(
        (number(parts.next()), number(parts.next())),
        (Some(d), Some(i)) if d == device && i == inode
    )
}

/// Whether stderr is connected to the journal (see [`journal_stream_is`]).
#[cfg(unix)]
fn stderr_is_journal() -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let Some(stream) = std::env::var_os("JOURNAL_STREAM") else {
        return false;
    };
    // stat(2) through the descriptor's link gives the socket's own device and inode.
    std::fs::metadata("/proc/self/fd/2").is_ok_and(|stderr| {
        journal_stream_is(&stream.to_string_lossy(), stderr.dev(), stderr.ino())
    })
}

#[cfg(not(unix))]
fn stderr_is_journal() -> bool {
    false
}

/// tracing-subscriber's line format, led by the level's journal prefix when `journal`.
struct LevelPrefix {
    journal: bool,
    inner: Format,
}

impl<S, N> FormatEvent<S, N> for LevelPrefix
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> std::fmt::Result {
        if self.journal {
            writer.write_str(journal_prefix(*event.metadata().level()))?;
        }
        self.inner.format_event(ctx, writer, event)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn each_level_has_the_sd_daemon_priority_journald_reads() {
        assert_eq!(journal_prefix(Level::ERROR), "<3>", "error is LOG_ERR");
        assert_eq!(journal_prefix(Level::WARN), "<4>", "warn is LOG_WARNING");
        assert_eq!(journal_prefix(Level::INFO), "<6>", "info is LOG_INFO");
        assert_eq!(journal_prefix(Level::DEBUG), "<7>", "debug is LOG_DEBUG");
        assert_eq!(journal_prefix(Level::TRACE), "<7>", "trace is LOG_DEBUG");
    }

    #[test]
    fn journal_stream_counts_only_when_it_names_stderr_itself() {
        assert!(journal_stream_is("8:12345", 8, 12345), "the same socket");
        assert!(journal_stream_is("8:12345\n", 8, 12345), "a stray newline");
        assert!(!journal_stream_is("8:12346", 8, 12345), "another socket");
        assert!(!journal_stream_is("", 8, 12345), "empty");
        assert!(!journal_stream_is("8", 8, 12345), "no inode");
        assert!(!journal_stream_is("x:y", 8, 12345), "not numbers");
    }

    /// The lines `journal` formatting writes for an error, a warning and an info event.
    fn lines(journal: bool) -> Vec<String> {
        #[derive(Clone, Default)]
        struct Buffer(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Buffer {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .event_format(LevelPrefix {
                    journal,
                    inner: tracing_subscriber::fmt::format(),
                })
                .with_writer(move || writer.clone())
                .with_ansi(false),
        );
        tracing::subscriber::with_default(subscriber, || {
            tracing::error!("broken");
            tracing::warn!("odd");
            tracing::info!("fine");
        });
        let bytes = buffer
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        String::from_utf8(bytes)
            .expect("text")
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn lines_to_the_journal_start_with_their_priority() {
        let lines = lines(true);
        assert_eq!(lines.len(), 3, "{lines:?}");
        for (line, (prefix, text)) in
            lines
                .iter()
                .zip([("<3>", "broken"), ("<4>", "odd"), ("<6>", "fine")])
        {
            assert!(line.starts_with(prefix), "{line}");
            assert!(line.ends_with(text), "{line}");
        }
    }

    #[test]
    fn lines_elsewhere_carry_no_prefix() {
        let lines = lines(false);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().all(|line| !line.starts_with('<')), "{lines:?}");
    }

    #[test]
    fn writing_far_past_the_limit_leaves_each_file_under_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let appender = open_daily_file(dir.path()).expect("appender");
        let limit = 64 * 1024;
        let mut capped = Capped::new(appender, dir.path(), limit, utc_date);
        let line = format!("{}\n", "x".repeat(999));
        // 10 MB into a 64 KiB file: 160 times the limit.
        for _ in 0..10_000 {
            std::io::Write::write_all(&mut capped, line.as_bytes()).expect("write");
        }
        std::io::Write::flush(&mut capped).expect("flush");
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|entry| entry.expect("entry").path())
            .collect();
        assert_eq!(files.len(), 1, "one day, one file: {files:?}");
        let text = std::fs::read_to_string(&files[0]).expect("read");
        assert!(text.len() as u64 <= limit, "{} bytes", text.len());
        assert!(
            text.len() as u64 > limit - 2000,
            "filled: {} bytes",
            text.len()
        );
        assert_eq!(text.matches("log file full").count(), 1, "said once");
        assert!(text.ends_with(&full_note(limit)), "the note ends the file");
        assert_eq!(MAX_LOG_BYTES, 14 * 10 * 1024 * 1024, "the folder's bound");
    }

    /// A day named by the test (a static, as `Capped` takes a plain function).
    static DAY: Mutex<&str> = Mutex::new("2026-01-01");

    fn test_day() -> String {
        (*DAY.lock().unwrap_or_else(PoisonError::into_inner)).to_owned()
    }

    #[test]
    fn a_restart_counts_what_the_days_file_holds_and_a_new_day_starts_afresh() {
        let dir = tempfile::tempdir().expect("temp dir");
        // The same day's file from before a restart, nearly full.
        std::fs::write(dir.path().join("vitrina.log.2026-01-01"), vec![b'.'; 750]).expect("write");
        let mut capped = Capped::new(Vec::new(), dir.path(), 1000, test_day);
        let line = [b'y'; 100];
        for _ in 0..5 {
            std::io::Write::write_all(&mut capped, &line).expect("write");
        }
        let note = full_note(1000).len();
        assert_eq!(
            capped.inner.len(),
            100 + note,
            "one line fits before the note; the rest are dropped"
        );
        *DAY.lock().unwrap_or_else(PoisonError::into_inner) = "2026-01-02";
        std::io::Write::write_all(&mut capped, &line).expect("write");
        assert_eq!(
            capped.inner.len(),
            200 + note,
            "a new day's file takes lines"
        );
    }

    #[test]
    fn an_over_long_line_is_cut_at_a_character_with_its_size() {
        let mut line = "é".repeat(MAX_LOG_LINE_BYTES).into_bytes();
        line.push(b'\n');
        let cut = cut_line(&line);
        let text = std::str::from_utf8(&cut).expect("whole characters");
        assert!(cut.len() < MAX_LOG_LINE_BYTES + 100, "{} bytes", cut.len());
        assert!(
            text.ends_with(&format!("(line cut: {} bytes)\n", line.len())),
            "says how long it was"
        );
        assert_eq!(
            cut_line(b"short\n").as_ref(),
            b"short\n",
            "short lines pass"
        );
    }
}
