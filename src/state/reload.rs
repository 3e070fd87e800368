//! How the last content reload went, as the staff panel shows it. Pure data.

use std::time::{Duration, SystemTime};

use crate::content::Diagnostic;

/// How the last reload went, for the staff panel (visitors never see it).
#[derive(Clone, Debug, Default)]
pub struct ReloadStatus {
    /// Whether the content file is being watched.
    pub watching: bool,
    /// Reloads applied since start.
    pub applied: u64,
    /// When the content shown was last replaced.
    pub last_applied: Option<SystemTime>,
    /// The current problem with the content file (`FILE:LINE:COLUMN: message` lines), while
    /// the last good content stays on screen; `None` when the file shown is the file on disk.
    pub error: Option<String>,
    /// The same problem, one entry per diagnostic.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings of the content shown.
    pub warnings: Vec<Diagnostic>,
    /// Time the last reload took to read, parse and validate.
    pub last_took: Option<Duration>,
    /// The current problem with `kiosk.ron`, while the settings in effect stay.
    pub settings_error: Option<String>,
}
