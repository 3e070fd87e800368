//! `<data>/status.json`: what a fleet collects about one kiosk (docs/fleet-status.md lists
//! the fields). The model is pure and serialisable. The UI thread takes a [`Snapshot`] (a
//! few small copies); a writer thread adds what it can learn without the UI (host name,
//! memory), and replaces the file atomically (temporary file + rename), so a sync tool or a
//! script never reads half a file. The kiosk opens no port: sync tools carry the file away.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// The file's layout version: raised when a field changes meaning or goes away (new fields
/// may come without a change).
pub const SCHEMA: u32 = 1;

/// At most this many characters of the reload error (its first line) are kept.
pub const ERROR_MAX_CHARS: usize = 300;

/// At most this many characters of a screen name or a path (content ids are short; a path
/// could be anything).
const TEXT_MAX_CHARS: usize = 1000;

/// The largest content file whose SHA-256 is computed (content.ron is tens of kilobytes).
const HASH_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Snapshots waiting for the writer; when it lags, newer ones are dropped (the next tick
/// brings another) rather than making the UI thread wait.
const QUEUE: usize = 4;

/// What the UI thread knows about the kiosk at one moment: cheap to take.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// When it was taken: the heartbeat. A frozen UI thread takes no more.
    pub at: Timestamp,
    /// When the kiosk started.
    pub started_at: Timestamp,
    /// What the screen shows: `attract`, `home`, `section:<id>`, `map`, `map:<preset>`, `staff`.
    pub screen: String,
    /// The content shown.
    pub content: ContentSnapshot,
    /// Reloads applied since start.
    pub reloads_applied: u64,
    /// The content file's current problem (the last good content shows meanwhile).
    pub reload_error: Option<String>,
    /// Visitor sessions started today (local time); None when usage is not tracked.
    pub sessions_today: Option<u32>,
    /// CPU time of the last frame.
    pub frame_cpu: Option<Duration>,
}

/// The content part of a [`Snapshot`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentSnapshot {
    /// The content file.
    pub path: Option<PathBuf>,
    /// SHA-256 (hex) of the manifest or of content.ron.
    pub sha256: Option<String>,
    /// Key id of the signature the content was applied with.
    pub signed_by: Option<String>,
    /// When the content shown was applied.
    pub applied_at: Option<Timestamp>,
}

/// `status.json`, as written. Every field is always present (`null` when unknown), so a
/// script can rely on the keys.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Status {
    /// The layout version, [`SCHEMA`].
    pub schema: u32,
    /// Vitrina's version.
    pub version: String,
    /// When the UI thread last reported, RFC 3339 in UTC: older than a few minutes means a
    /// frozen or stopped kiosk.
    pub heartbeat: Timestamp,
    /// The machine's host name.
    pub host: String,
    /// When the kiosk started, RFC 3339 in UTC.
    pub started_at: Timestamp,
    /// Seconds since the start.
    pub uptime_secs: u64,
    /// What the screen shows.
    pub screen: String,
    /// The content shown.
    pub content: ContentStatus,
    /// How the last reload of the content went.
    pub last_reload: ReloadStatus,
    /// Visitor sessions started today, local time (null: usage not tracked).
    pub sessions_today: Option<u32>,
    /// The process's resident memory in bytes.
    pub memory_bytes: Option<u64>,
    /// CPU time of the last frame, in milliseconds.
    pub frame_cpu_ms: Option<f64>,
}

/// The content part of [`Status`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentStatus {
    /// The content file.
    pub path: Option<String>,
    /// SHA-256 (hex) of the signed manifest, else of content.ron.
    pub sha256: Option<String>,
    /// The id of the key that signed it (null: unsigned).
    pub signed_by: Option<String>,
    /// When it was applied (start or reload), RFC 3339 in UTC.
    pub applied_at: Option<Timestamp>,
}

/// The reload part of [`Status`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReloadStatus {
    /// `none` (none since start), `applied`, or `failed` (the last good content shows).
    pub outcome: ReloadOutcome,
    /// The first line of the error, at most [`ERROR_MAX_CHARS`] characters.
    pub error: Option<String>,
    /// Reloads applied since start.
    pub applied: u64,
}

/// How the last reload went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReloadOutcome {
    /// The content shown is the one the kiosk started with.
    None,
    /// The last change was applied.
    Applied,
    /// The content file has errors: the last good content shows.
    Failed,
}

/// What only the writer thread looks up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Machine {
    /// The host name.
    pub host: String,
    /// Resident memory in bytes.
    pub memory_bytes: Option<u64>,
}

impl Machine {
    /// The host name and memory now.
    pub fn now() -> Self {
        Self {
            host: bounded_line(&gethostname::gethostname().to_string_lossy(), 255),
            memory_bytes: memory_stats::memory_stats()
                .and_then(|m| u64::try_from(m.physical_mem).ok()),
        }
    }
}

impl Status {
    /// The status of `snapshot` on `machine`. Pure.
    pub fn new(snapshot: &Snapshot, machine: &Machine) -> Self {
        let heartbeat = seconds(snapshot.at);
        let started_at = seconds(snapshot.started_at);
        let uptime_secs =
            u64::try_from(heartbeat.duration_since(started_at).as_secs()).unwrap_or(0);
        let error = snapshot
            .reload_error
            .as_deref()
            .map(|text| bounded_line(text, ERROR_MAX_CHARS));
        let outcome = match (&error, snapshot.reloads_applied) {
            (Some(_), _) => ReloadOutcome::Failed,
            (None, 0) => ReloadOutcome::None,
            (None, _) => ReloadOutcome::Applied,
        };
        let content = &snapshot.content;
        Self {
            schema: SCHEMA,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            heartbeat,
            host: machine.host.clone(),
            started_at,
            uptime_secs,
            screen: bounded_line(&snapshot.screen, TEXT_MAX_CHARS),
            content: ContentStatus {
                path: content
                    .path
                    .as_ref()
                    .map(|p| bounded_line(&p.to_string_lossy(), TEXT_MAX_CHARS)),
                sha256: content.sha256.as_deref().map(|s| bounded_line(s, 128)),
                signed_by: content.signed_by.as_deref().map(|s| bounded_line(s, 128)),
                applied_at: Some(seconds(content.applied_at.unwrap_or(snapshot.started_at))),
            },
            last_reload: ReloadStatus {
                outcome,
                error,
                applied: snapshot.reloads_applied,
            },
            sessions_today: snapshot.sessions_today,
            memory_bytes: machine.memory_bytes,
            // Hundredths of a millisecond are plenty.
            frame_cpu_ms: snapshot
                .frame_cpu
                .map(|d| (d.as_secs_f64() * 100_000.0).round() / 100.0),
        }
    }

    /// The file's text: pretty JSON, one field a line, for people and diffs alike.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|err| {
            // Only a non-finite float could fail; the frame time never is one.
            log::warn!("status.json: {err}");
            String::from("{}")
        });
        text.push('\n');
        text
    }
}

/// A time to the second: whole seconds read better and compare easily in scripts.
fn seconds(at: Timestamp) -> Timestamp {
    Timestamp::from_second(at.as_second()).unwrap_or(at)
}

/// The first non-empty line of `text`, at most `max` characters (an ellipsis marks a cut).
pub fn bounded_line(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("");
    if line.chars().count() <= max {
        return line.to_owned();
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

pub use crate::atomic_file::write_atomically;

/// Hands snapshots to a thread that writes `status.json`.
#[derive(Debug)]
pub struct StatusWriter {
    sender: SyncSender<Snapshot>,
}

impl StatusWriter {
    /// Starts the writer thread for `path` (such as `<data>/status.json`).
    pub fn spawn(path: PathBuf) -> std::io::Result<Self> {
        let (sender, receiver) = sync_channel(QUEUE);
        std::thread::Builder::new()
            .name("status".to_owned())
            .spawn(move || write_loop(&path, &receiver))?;
        Ok(Self { sender })
    }

    /// Queues `snapshot`; never waits for the disk.
    pub fn send(&self, snapshot: Snapshot) {
        match self.sender.try_send(snapshot) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => log::debug!("status.json: the writer lags; skipped"),
            Err(TrySendError::Disconnected(_)) => log::warn!("status.json: the writer stopped"),
        }
    }
}

/// Writes each snapshot (the newest of those waiting) until the app drops the writer.
fn write_loop(path: &Path, receiver: &Receiver<Snapshot>) {
    let mut failing = false;
    while let Ok(mut snapshot) = receiver.recv() {
        while let Ok(newer) = receiver.try_recv() {
            snapshot = newer;
        }
        // Operators read the path on another machine: make it absolute (off the UI thread).
        snapshot.content.path = snapshot
            .content
            .path
            .map(|p| std::path::absolute(&p).unwrap_or(p));
        let status = Status::new(&snapshot, &Machine::now());
        match write_atomically(path, status.to_json().as_bytes()) {
            Ok(()) if failing => {
                log::info!("{} is written again", path.display());
                failing = false;
            }
            // Once per run of failures: a full disk would otherwise log every minute.
            Err(err) if !failing => {
                log::warn!("cannot write {}: {err}", path.display());
                failing = true;
            }
            Ok(()) | Err(_) => {}
        }
    }
}

/// The SHA-256 of `path` in lowercase hex, computed on a thread; the receiver gets it (None
/// when the file cannot be read or is over 64 MB).
pub fn sha256_in_background(path: PathBuf) -> Receiver<Option<String>> {
    let (sender, receiver) = sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("content-hash".to_owned())
        .spawn(move || {
            let _ = sender.send(sha256_of_file(&path));
        });
    if let Err(err) = spawned {
        log::warn!("cannot hash the content file: {err}");
    }
    receiver
}

/// The SHA-256 of the file at `path` in lowercase hex.
fn sha256_of_file(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, HASH_MAX_BYTES + 1),
        &mut bytes,
    )
    .ok()?;
    let within = u64::try_from(bytes.len()).is_ok_and(|n| n <= HASH_MAX_BYTES);
    within.then(|| hex(Sha256::digest(&bytes).as_slice()))
}

/// Lowercase hex.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot() -> Snapshot {
        let started: Timestamp = "2026-05-01T08:00:00.250Z".parse().expect("time");
        Snapshot {
            at: "2026-05-01T09:30:15.900Z".parse().expect("time"),
            started_at: started,
            screen: "section:energy".to_owned(),
            content: ContentSnapshot {
                path: Some(PathBuf::from("/srv/vitrina/content.ron")),
                sha256: Some("ab".repeat(32)),
                signed_by: None,
                applied_at: None,
            },
            reloads_applied: 0,
            reload_error: None,
            sessions_today: Some(12),
            frame_cpu: Some(Duration::from_micros(1234)),
        }
    }

    fn machine() -> Machine {
        Machine {
            host: "embassy-vilnius-1".to_owned(),
            memory_bytes: Some(123_456_789),
        }
    }

    #[test]
    fn every_documented_field_is_written_with_the_schema_number() {
        let json: serde_json::Value =
            serde_json::from_str(&Status::new(&snapshot(), &machine()).to_json()).expect("json");
        for key in [
            "schema",
            "version",
            "heartbeat",
            "host",
            "started_at",
            "uptime_secs",
            "screen",
            "content",
            "last_reload",
            "sessions_today",
            "memory_bytes",
            "frame_cpu_ms",
        ] {
            assert!(json.get(key).is_some(), "{key} missing: {json}");
        }
        for key in ["path", "sha256", "signed_by", "applied_at"] {
            assert!(json["content"].get(key).is_some(), "content.{key}: {json}");
        }
        assert_eq!(json["schema"], 1, "schema");
        assert_eq!(json["version"], env!("CARGO_PKG_VERSION"), "version");
        assert_eq!(json["host"], "embassy-vilnius-1", "host");
        assert_eq!(json["screen"], "section:energy", "screen");
        assert_eq!(
            json["content"]["signed_by"],
            serde_json::Value::Null,
            "unsigned"
        );
        assert_eq!(json["last_reload"]["outcome"], "none", "no reload yet");
        assert_eq!(json["sessions_today"], 12, "sessions");
        assert_eq!(json["memory_bytes"], 123_456_789, "memory");
        assert_eq!(json["frame_cpu_ms"], 1.23, "frame time in ms");
    }

    #[test]
    fn times_are_rfc_3339_in_utc_to_the_second() {
        let status = Status::new(&snapshot(), &machine());
        let json: serde_json::Value = serde_json::from_str(&status.to_json()).expect("json");
        assert_eq!(json["heartbeat"], "2026-05-01T09:30:15Z", "heartbeat");
        assert_eq!(json["started_at"], "2026-05-01T08:00:00Z", "start");
        assert_eq!(
            json["content"]["applied_at"], "2026-05-01T08:00:00Z",
            "applied at start"
        );
        assert_eq!(json["uptime_secs"], 5415, "uptime");
        let heartbeat = json["heartbeat"].as_str().expect("text");
        let parsed: Timestamp = heartbeat.parse().expect("RFC 3339");
        assert_eq!(parsed, status.heartbeat, "round trip");
        assert!(heartbeat.ends_with('Z'), "UTC: {heartbeat}");
    }

    #[test]
    fn the_reload_error_is_its_first_line_and_bounded() {
        let mut failed = snapshot();
        failed.reloads_applied = 3;
        failed.reload_error = Some(format!(
            "\n  content.ron:12:5: {}\ncontent.ron:40:1: second\n",
            "x".repeat(5000)
        ));
        let status = Status::new(&failed, &machine());
        assert_eq!(status.last_reload.outcome, ReloadOutcome::Failed, "failed");
        let error = status.last_reload.error.expect("error");
        assert!(error.starts_with("content.ron:12:5: xxx"), "{error}");
        assert!(!error.contains('\n'), "one line");
        assert_eq!(error.chars().count(), ERROR_MAX_CHARS, "bounded");
        assert!(error.ends_with('…'), "the cut shows");

        let mut applied = snapshot();
        applied.reloads_applied = 2;
        let status = Status::new(&applied, &machine());
        assert_eq!(
            status.last_reload.outcome,
            ReloadOutcome::Applied,
            "applied"
        );
        assert_eq!(status.last_reload.error, None, "no error");
        assert_eq!(bounded_line("ąžuolas", 3), "ąž…", "cut on characters");
        assert_eq!(bounded_line("short", 300), "short", "short stays");
    }

    #[test]
    fn the_machine_is_known() {
        let machine = Machine::now();
        assert!(!machine.host.is_empty(), "host name");
        assert!(machine.memory_bytes.is_some_and(|m| m > 0), "memory");
    }

    #[test]
    fn a_reader_never_sees_a_partial_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("status.json");
        let mut big = snapshot();
        // A larger file makes a torn read likelier, were the write not atomic.
        big.reload_error = Some("y".repeat(ERROR_MAX_CHARS));
        write_atomically(&path, Status::new(&big, &machine()).to_json().as_bytes())
            .expect("first write");
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = {
            let (path, done) = (path.clone(), std::sync::Arc::clone(&done));
            std::thread::Builder::new()
                .name("reader".to_owned())
                .spawn(move || {
                    let mut reads = 0;
                    while !done.load(std::sync::atomic::Ordering::Relaxed) {
                        let text =
                            std::fs::read_to_string(&path).expect("the file is always there");
                        let status: Status = serde_json::from_str(&text).expect("always whole");
                        assert_eq!(status.schema, SCHEMA, "schema");
                        reads += 1;
                    }
                    reads
                })
                .expect("spawn")
        };
        for n in 0..300 {
            big.sessions_today = Some(n);
            write_atomically(&path, Status::new(&big, &machine()).to_json().as_bytes())
                .expect("write");
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let reads = reader.join().expect("the reader saw only whole files");
        assert!(reads > 0, "the reader read");
        let last: Status =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        assert_eq!(last.sessions_today, Some(299), "the newest is kept");
        assert!(
            !crate::atomic_file::temporary_for(&dir.path().join("status.json")).exists(),
            "no temporary file left"
        );
    }

    #[test]
    fn the_writer_thread_writes_the_newest_snapshot() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("data").join("status.json");
        let writer = StatusWriter::spawn(path.clone()).expect("spawn");
        let mut sent = snapshot();
        sent.screen = "home".to_owned();
        writer.send(sent);
        let start = std::time::Instant::now();
        let status = loop {
            if let Ok(text) = std::fs::read_to_string(&path) {
                break serde_json::from_str::<Status>(&text).expect("json");
            }
            assert!(start.elapsed() < Duration::from_secs(10), "written in time");
            std::thread::sleep(Duration::from_millis(10));
        };
        assert_eq!(status.screen, "home", "the snapshot's screen");
        assert!(!status.host.is_empty(), "the host name is filled in");
    }

    #[test]
    fn the_content_hash_is_sha256_hex() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("content.ron");
        std::fs::write(&path, b"abc").expect("write");
        let hash = sha256_in_background(path)
            .recv_timeout(Duration::from_secs(10))
            .expect("answer");
        assert_eq!(
            hash.as_deref(),
            Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            "the SHA-256 of \"abc\""
        );
        let missing = sha256_in_background(dir.path().join("missing.ron"))
            .recv_timeout(Duration::from_secs(10))
            .expect("answer");
        assert_eq!(missing, None, "a missing file has no hash");
    }
}
