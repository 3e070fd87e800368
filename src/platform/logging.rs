//! Logging: readable lines on stderr and, for the kiosk, a daily log file.
//!
//! The code base, eframe and egui log through the `log` crate; tracing-subscriber's
//! `tracing-log` bridge (installed by `try_init`) carries those records into tracing, so no
//! call site changes. `RUST_LOG` filters as before (default `info`). The file is
//! `<logdir>/vitrina.log.YYYY-MM-DD` (UTC dates, like the line stamps), written by
//! tracing-appender's background thread; the oldest files beyond [`KEPT_LOG_FILES`] go.
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
                let (writer, guard) = tracing_appender::non_blocking(appender);
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
}
