//! Hot reload: watches the content file and its assets, and reloads on a worker thread.
//!
//! Files are replaced in many ways (written in place in several steps, written to a temporary
//! file and renamed, deleted and created again, the whole folder renamed or a symbolic link
//! flipped, missing for a while). The watcher never watches the file itself, whose inode goes
//! away with a rename: it watches
//! - the content file's folder (non-recursive) and its `assets/` folder (recursive), by their
//!   real paths;
//! - the folder above the content folder as it was named (non-recursive), so that renaming the
//!   content folder or flipping a link to it is seen at once;
//! - and, as a fallback for what events miss (a link flipped further up, an unusual file
//!   system), the file's and folders' identity (real path, inode, size, modification time)
//!   every [`RESTAT_INTERVAL`]; a change re-establishes the watches and reloads.
//!
//! Folders are compared by identity (device and inode), not by path: after
//! `mv site site.prev && mv site.next site` the path is the same but the folder is not, and
//! the watches are set again on the new one (on the folder above's events, and by the
//! periodic check). The pictures the content shows are also compared by size, time and
//! identity with the periodic check, so a replaced picture is shown even if no event came.
//!
//! Events are debounced: a reload starts [`QUIET`] after the last event of a burst, and at
//! most [`MAX_DELAY`] after its first, so 200 quick saves end on the last one. A load that
//! fails is only reported once the file has stayed the same for [`SETTLE`] (a file saved
//! slowly, in chunks, is not an error while half written; see [`settle`]), at most
//! [`MAX_SETTLE`] after the first failure; a missing file only after [`MISSING_GRACE`].
//!
//! Every file is read through [`crate::content::read`]: a FIFO or device at the content path
//! is refused at once, so this thread never blocks on one.
//!
//! With trusted keys the content is loaded through [`crate::signing`]: `content.manifest`
//! and its signature are watched like the content file, and a signature or hash failure
//! (a folder being synced has the new manifest before the new files, or the reverse) waits
//! [`SIGNING_GRACE`] before it is reported. A failure is never applied.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::content::{Diagnostic, LoadError, LoadedContent, content_dir};
use crate::signing::{MANIFEST_FILE, SIGNATURE_FILE, Trust, load_content_trusted};

/// Quiet time after the last event before reloading.
pub const QUIET: Duration = Duration::from_millis(40);

/// Longest wait after the first event of a burst before reloading anyway.
pub const MAX_DELAY: Duration = Duration::from_millis(200);

mod identity;
pub mod settle;

use identity::{Fingerprint, Folder, Pictures, Watched};
pub use settle::{MAX_SETTLE, SETTLE};
use settle::{Settle, Verdict};

/// How long a signature or hash failure waits for further writes before it is reported: a
/// sync tool may take this long to bring the manifest and the files together.
pub const SIGNING_GRACE: Duration = Duration::from_secs(30);

/// How long the content file may be missing before that is reported.
pub const MISSING_GRACE: Duration = Duration::from_secs(2);

/// How often the files' identity is compared, whatever the events say.
pub const RESTAT_INTERVAL: Duration = Duration::from_secs(1);

/// What the watcher tells the UI thread.
#[derive(Debug)]
pub enum ReloadEvent {
    /// The content file changed and loaded.
    Loaded {
        /// The new content.
        loaded: Box<LoadedContent>,
        /// Time to read, parse and validate.
        took: Duration,
        /// When the file was last written, if known.
        written: Option<SystemTime>,
    },
    /// The content file changed and has errors (or cannot be read); keep the last good one.
    Failed {
        /// `FILE:LINE:COLUMN: message` lines.
        message: String,
        /// The same, one per problem.
        diagnostics: Vec<Diagnostic>,
        /// Time to read, parse and validate.
        took: Duration,
    },
    /// Picture or font files changed, appeared or went away (real paths; a folder stands for
    /// everything under it).
    AssetsChanged(Vec<PathBuf>),
}

/// How the watcher loads.
#[derive(Clone, Debug)]
pub struct WatchOptions {
    /// Keys the content must be signed with (none: not checked).
    pub trust: Trust,
    /// How long a signature or hash failure waits before it is reported.
    pub signing_grace: Duration,
    /// Load once at start (after new keys: the content shown may no longer be trusted).
    pub load_at_start: bool,
}

impl Default for WatchOptions {
    fn default() -> Self {
        Self {
            trust: Trust::none(),
            signing_grace: SIGNING_GRACE,
            load_at_start: false,
        }
    }
}

/// Watches a content file; dropping it stops the watcher thread.
pub struct ContentWatcher {
    events: Receiver<ReloadEvent>,
    /// Dropped with the watcher: the thread sees the channel close and ends.
    _stop: Sender<Signal>,
}

enum Signal {
    Fs(notify::Result<notify::Event>),
}

impl ContentWatcher {
    /// Starts watching `content` (the content file), loading it with `trust`; `wake` is
    /// called after each event is sent (the app asks egui for a repaint).
    pub fn start(
        content: &Path,
        trust: Trust,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        Self::start_with(
            content,
            WatchOptions {
                trust,
                ..WatchOptions::default()
            },
            wake,
        )
    }

    /// [`ContentWatcher::start`] with every option.
    pub fn start_with(
        content: &Path,
        options: WatchOptions,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let (events_tx, events) = channel();
        let (signals_tx, signals) = channel();
        let fs_tx = signals_tx.clone();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = fs_tx.send(Signal::Fs(event));
        })
        .map_err(std::io::Error::other)?;
        let content = content.to_path_buf();
        let mut worker = Worker {
            watched: Watched::default(),
            fingerprint: Fingerprint::of(&content),
            pictures: Pictures::default(),
            settle: Settle::new(SETTLE, MAX_SETTLE),
            content,
            watcher,
            events: events_tx,
            wake: Box::new(wake),
            last_failure: None,
            trust: options.trust,
            signing_grace: options.signing_grace,
        };
        worker.rewatch();
        let load_at_start = options.load_at_start;
        std::thread::Builder::new()
            .name("content-watcher".to_owned())
            .spawn(move || worker.run(&signals, load_at_start))?;
        Ok(Self {
            events,
            _stop: signals_tx,
        })
    }

    /// The next event, if one is waiting.
    pub fn try_next(&self) -> Option<ReloadEvent> {
        self.events.try_recv().ok()
    }

    /// The next event, waiting up to `timeout` (for tests and tools).
    pub fn next_timeout(&self, timeout: Duration) -> Option<ReloadEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

/// `path` made absolute against the working folder (without resolving links).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A load whose failure waits (see [`settle`]) before being reported.
struct HeldFailure {
    message: String,
    diagnostics: Vec<Diagnostic>,
    took: Duration,
    report_at: Instant,
    /// A signature or hash failure (logged as one line).
    signing: bool,
}

struct Worker {
    content: PathBuf,
    watcher: notify::RecommendedWatcher,
    watched: Watched,
    fingerprint: Fingerprint,
    /// The pictures the content last loaded shows, as they were.
    pictures: Pictures,
    /// When a failed load may be reported.
    settle: Settle<Option<identity::Stat>>,
    events: Sender<ReloadEvent>,
    wake: Box<dyn Fn() + Send>,
    /// The last failure reported, so that the same one is logged once.
    last_failure: Option<String>,
    trust: Trust,
    signing_grace: Duration,
}

/// What the events since the last reload call for.
#[derive(Default)]
struct Dirty {
    content: bool,
    /// Something changed that may be anything (a folder moved): re-stat now.
    restat: bool,
    assets: BTreeSet<PathBuf>,
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Dirty {
    fn any(&self) -> bool {
        self.content || self.restat || !self.assets.is_empty()
    }

    fn due(&self) -> Option<Instant> {
        let (first, last) = (self.first?, self.last?);
        Some((last + QUIET).min(first + MAX_DELAY))
    }

    fn touched(&mut self, now: Instant) {
        self.first.get_or_insert(now);
        self.last = Some(now);
    }
}

impl Worker {
    fn send(&self, event: ReloadEvent) -> bool {
        let sent = self.events.send(event).is_ok();
        (self.wake)();
        sent
    }

    /// Watches the folders where they are now; forgets the ones that moved. Folders are
    /// compared by identity, so a folder swapped in under the same name is watched anew.
    /// Returns whether the watches were set again.
    fn rewatch(&mut self) -> bool {
        let dir = content_dir(&self.content);
        let wanted = Watched {
            content_dir: Folder::of(&dir),
            assets_dir: Folder::of(&dir.join("assets")),
            above: absolute(&dir).parent().and_then(Folder::of),
        };
        if wanted.same(&self.watched) {
            return false;
        }
        let old = std::mem::take(&mut self.watched);
        for folder in [old.content_dir, old.assets_dir, old.above]
            .into_iter()
            .flatten()
        {
            // The watch is on the folder that was there (maybe moved away): drop it.
            let _ = self.watcher.unwatch(&folder.real);
        }
        let mut armed = Vec::new();
        let mut watch = |folder: &Option<Folder>, mode| {
            let path = &folder.as_ref()?.real;
            match self.watcher.watch(path, mode) {
                Ok(()) => armed.push(path.clone()),
                Err(err) => {
                    log::warn!(
                        "cannot watch {}: {err}; checking it every second",
                        path.display()
                    );
                }
            }
            Some(())
        };
        watch(&wanted.content_dir, RecursiveMode::NonRecursive);
        watch(&wanted.assets_dir, RecursiveMode::Recursive);
        watch(&wanted.above, RecursiveMode::NonRecursive);
        log::debug!("watching {armed:?}");
        // Keep the wanted set even where a watch failed, so that it is not retried every event;
        // the periodic check notices when the folders change.
        self.watched = wanted;
        true
    }

    fn run(mut self, signals: &Receiver<Signal>, load_at_start: bool) {
        let mut dirty = Dirty::default();
        if load_at_start {
            dirty.content = true;
            dirty.touched(Instant::now());
        }
        let mut held: Option<HeldFailure> = None;
        let mut missing_since: Option<Instant> = None;
        let mut next_restat = Instant::now() + RESTAT_INTERVAL;
        loop {
            let now = Instant::now();
            let mut wake_at = next_restat;
            if let Some(due) = dirty.due() {
                wake_at = wake_at.min(due);
            }
            if let Some(failure) = &held {
                wake_at = wake_at.min(failure.report_at);
            }
            match signals.recv_timeout(wake_at.saturating_duration_since(now)) {
                Ok(Signal::Fs(Ok(event))) => {
                    self.classify(&event, &mut dirty);
                    // Take everything already queued before deciding.
                    loop {
                        match signals.try_recv() {
                            Ok(Signal::Fs(Ok(event))) => self.classify(&event, &mut dirty),
                            Ok(Signal::Fs(Err(err))) => {
                                log::warn!("watching the content: {err}");
                                dirty.restat = true;
                            }
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Disconnected) => return,
                        }
                    }
                    if dirty.any() {
                        dirty.touched(Instant::now());
                    }
                }
                Ok(Signal::Fs(Err(err))) => {
                    log::warn!("watching the content: {err}");
                    dirty.restat = true;
                    dirty.touched(Instant::now());
                }
                Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => {}
            }
            let now = Instant::now();
            if dirty.content && held.is_some() {
                // A further write came: the held failure may have been a half-written file.
                held = None;
            }
            let restat_due = now >= next_restat;
            let burst_over = dirty.due().is_some_and(|due| now >= due);
            if restat_due || burst_over {
                if restat_due {
                    next_restat = now + RESTAT_INTERVAL;
                }
                let fingerprint = Fingerprint::of(&self.content);
                let moved = fingerprint.folders_changed(&self.fingerprint);
                // Something happened in or above the content folder: the watches follow
                // whatever folder is there now. On Unix, folders have an identity and
                // rewatch() re-arms only when it changed; elsewhere it always re-arms, and
                // only a move seen by path invalidates the pictures (the picture
                // fingerprints below catch a replaced one within a second).
                let rearmed = (moved || dirty.restat) && self.rewatch();
                if rearmed && (moved || cfg!(unix)) {
                    log::info!("the content folder was moved or replaced; watching it anew");
                    // Every picture may be a different file now.
                    for stat in [&self.fingerprint.dir, &fingerprint.dir]
                        .into_iter()
                        .flatten()
                    {
                        dirty.assets.insert(stat.real.clone());
                    }
                }
                if fingerprint != self.fingerprint {
                    dirty.content = true;
                }
                if restat_due {
                    // A picture replaced without an event (or with one missed) is seen here.
                    let pictures = self.pictures.again();
                    for path in pictures.changed_since(&self.pictures) {
                        log::debug!("{} changed (periodic check)", path.display());
                        dirty.assets.insert(path);
                    }
                    self.pictures = pictures;
                }
                // Load when the burst is over, or when only the periodic check found a change.
                let found = dirty.content || !dirty.assets.is_empty();
                if burst_over || (found && dirty.first.is_none()) {
                    let assets = std::mem::take(&mut dirty.assets);
                    let reload = dirty.content || !assets.is_empty();
                    dirty = Dirty::default();
                    if !assets.is_empty() {
                        // Seen now: the periodic check must not report them again.
                        self.pictures = self.pictures.again();
                        if !self.send(ReloadEvent::AssetsChanged(assets.into_iter().collect())) {
                            return;
                        }
                    }
                    if reload {
                        // Take the identity before reading: a write after it is seen next time.
                        self.fingerprint = fingerprint;
                        held = self.load(&mut missing_since);
                    } else {
                        self.fingerprint = fingerprint;
                    }
                }
            }
            if let Some(failure) = held.take_if(|f| Instant::now() >= f.report_at) {
                let now = Instant::now();
                let verdict = if failure.signing {
                    Verdict::Report
                } else {
                    self.settle.check(now, &identity::Stat::of(&self.content))
                };
                match verdict {
                    Verdict::Report => {
                        if !self.report(failure) {
                            return;
                        }
                    }
                    // Written again since it failed (maybe with no event): load it again.
                    Verdict::Reload => {
                        dirty.content = true;
                        dirty.touched(now);
                    }
                    Verdict::Wait(report_at) => {
                        held = Some(HeldFailure {
                            report_at,
                            ..failure
                        });
                    }
                }
            }
            if let Some(since) = missing_since
                && since.elapsed() >= MISSING_GRACE
                && held.is_none()
                && self.fingerprint.file.is_none()
            {
                missing_since = None;
                let err = load_content_trusted(&self.content, &self.trust).err();
                if let Some(err) = err
                    && !self.report(HeldFailure {
                        message: err.to_string(),
                        diagnostics: err.diagnostics(),
                        took: Duration::ZERO,
                        report_at: Instant::now(),
                        signing: err.is_signing(),
                    })
                {
                    return;
                }
            }
        }
    }

    /// Notes what `event` calls for.
    fn classify(&self, event: &notify::Event, dirty: &mut Dirty) {
        let writes = match event.kind {
            // Our own reads (and the decoders') open and close files: not a change.
            EventKind::Access(notify::event::AccessKind::Close(
                notify::event::AccessMode::Write,
            )) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        if !writes {
            return;
        }
        let file_name = self.content.file_name();
        let is_signing_file = |path: &Path| {
            path.file_name()
                .is_some_and(|name| name == MANIFEST_FILE || name == SIGNATURE_FILE)
        };
        for path in &event.paths {
            let content_dir = self.watched.content_dir();
            if self
                .watched
                .assets_dir()
                .is_some_and(|dir| path.starts_with(dir))
            {
                dirty.assets.insert(path.clone());
                // The content may name a picture that just appeared (or went away).
                dirty.content = true;
            } else if content_dir.is_some()
                && content_dir == path.parent()
                && (path.file_name() == file_name || is_signing_file(path))
            {
                dirty.content = true;
            } else if content_dir == Some(path.as_path()) {
                // The folder itself moved or was deleted.
                dirty.restat = true;
            } else {
                // Something else in the content folder or above it (a link flipped, a folder
                // renamed, an editor's temporary file): the identity check decides.
                dirty.restat = true;
            }
        }
        if event.paths.is_empty() {
            dirty.restat = true;
        }
    }

    /// Loads the content and sends the result; a failure is held until the file settles
    /// (see [`settle`]), a signing failure for the signing grace.
    fn load(&mut self, missing_since: &mut Option<Instant>) -> Option<HeldFailure> {
        let started = Instant::now();
        let written = self
            .fingerprint
            .file
            .as_ref()
            .and_then(|stat| stat.modified);
        match load_content_trusted(&self.content, &self.trust) {
            Ok(loaded) => {
                *missing_since = None;
                self.settle.succeeded();
                self.pictures = Pictures::of(loaded.assets.paths());
                let took = started.elapsed();
                if self.last_failure.take().is_some() {
                    log::info!(
                        "{}: the content is fine again; reloaded in {} ms",
                        self.content.display(),
                        took.as_millis()
                    );
                }
                let _ = self.send(ReloadEvent::Loaded {
                    loaded: Box::new(loaded),
                    took,
                    written,
                });
                None
            }
            Err(LoadError::Read { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                // Being replaced (deleted then created, or its folder swapped): wait for it.
                if missing_since.is_none() {
                    log::info!(
                        "{} is missing; showing the last good content until it is back",
                        self.content.display()
                    );
                    *missing_since = Some(Instant::now());
                }
                None
            }
            Err(err) => {
                let signing = err.is_signing();
                if signing {
                    log::debug!(
                        "{}: the signed files do not agree yet; waiting up to {} s for the sync: {}",
                        self.content.display(),
                        self.signing_grace.as_secs(),
                        one_line(&err.diagnostics())
                    );
                }
                Some(HeldFailure {
                    message: err.to_string(),
                    diagnostics: err.diagnostics(),
                    took: started.elapsed(),
                    report_at: if signing {
                        Instant::now() + self.signing_grace
                    } else {
                        // Held until the file has stayed as it was when read.
                        let read_as = self.fingerprint.file.clone();
                        self.settle.failed(Instant::now(), read_as)
                    },
                    signing,
                })
            }
        }
    }

    /// Logs a failure (once while it stays the same) and sends it.
    fn report(&mut self, failure: HeldFailure) -> bool {
        if self.last_failure.as_ref() != Some(&failure.message) {
            if failure.signing {
                log::error!(
                    "content refused, not applied (signature check): {}; still showing the last good content",
                    one_line(&failure.diagnostics)
                );
            } else {
                log::error!(
                    "content reload failed after {} ms; still showing the last good content:\n{}",
                    failure.took.as_millis(),
                    failure.message
                );
            }
            self.last_failure = Some(failure.message.clone());
        }
        self.send(ReloadEvent::Failed {
            message: failure.message,
            diagnostics: failure.diagnostics,
            took: failure.took,
        })
    }
}

/// Problems on one line (the first few; the rest counted), for a signature failure's log line.
fn one_line(diagnostics: &[Diagnostic]) -> String {
    const SHOWN: usize = 3;
    let mut parts: Vec<String> = diagnostics
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    if diagnostics.len() > SHOWN {
        parts.push(format!("and {} more", diagnostics.len() - SHOWN));
    }
    parts.join("; ")
}
