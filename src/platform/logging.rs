//! Logging: readable lines on stderr and, for the kiosk, a daily log file.
//!
//! The code base, eframe and egui log through the `log` crate; tracing-subscriber's
//! `tracing-log` bridge (installed by `try_init`) carries those records into tracing, so no
//! call site changes. `RUST_LOG` filters as before (default `info`). The file is
//! `<logdir>/vitrina.log.YYYY-MM-DD` (UTC dates, like the line stamps), written by
//! tracing-appender's background thread; the oldest files beyond [`KEPT_LOG_FILES`] go.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::SubscriberExt as _;
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
