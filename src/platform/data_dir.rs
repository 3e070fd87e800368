//! Where the kiosk keeps what it writes: the data folder (usage figures) and the log folder.
//!
//! The data folder is the per-user local data folder of the `directories` crate:
//! `~/.local/share/vitrina` on Linux, `%LOCALAPPDATA%\Vitrina\data` on Windows. `--data-dir`
//! overrides it; the logs go to `<data>/logs` unless `--log-dir` says otherwise.

use std::path::{Path, PathBuf};

/// The usage file's name in the data folder.
pub const USAGE_FILE: &str = "usage.jsonl";

/// The fleet status file's name in the data folder (see [`crate::platform::status`]).
pub const STATUS_FILE: &str = "status.json";

/// The fleet screenshot's name in the data folder (see [`crate::platform::screenshot`]).
pub const SCREENSHOT_FILE: &str = "screen.png";

/// The log folder's name in the data folder.
const LOG_FOLDER: &str = "logs";

/// The folders the kiosk writes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dirs {
    /// The data folder (usage figures).
    pub data: PathBuf,
    /// The log folder (daily log files).
    pub logs: PathBuf,
}

impl Dirs {
    /// The folders for the command line's overrides, else the platform's defaults.
    pub fn resolve(data_dir: Option<&Path>, log_dir: Option<&Path>) -> Self {
        Self::choose(data_dir, log_dir, default_data_dir)
    }

    /// Pure choice: an override wins; the default is asked for only when needed.
    fn choose(
        data_dir: Option<&Path>,
        log_dir: Option<&Path>,
        default: impl FnOnce() -> PathBuf,
    ) -> Self {
        let data = data_dir.map_or_else(default, Path::to_path_buf);
        let logs = log_dir.map_or_else(|| data.join(LOG_FOLDER), Path::to_path_buf);
        Self { data, logs }
    }

    /// The usage file, `<data>/usage.jsonl`.
    pub fn usage_file(&self) -> PathBuf {
        self.data.join(USAGE_FILE)
    }

    /// The copy of the last content shown (see [`crate::platform::last_good`]).
    pub fn last_good_file(&self) -> PathBuf {
        self.data.join("last-good-content.ron")
    }

    /// The copy of the last good `kiosk.ron`.
    pub fn last_good_settings_file(&self) -> PathBuf {
        self.data.join("last-good-kiosk.ron")
    }
}

/// The platform's per-user local data folder for Vitrina; a `vitrina-data` folder in the
/// working directory when the system knows no home folder (a bare service account).
fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "Vitrina").map_or_else(
        || PathBuf::from("vitrina-data"),
        |dirs| dirs.data_local_dir().to_path_buf(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win_and_the_logs_default_to_a_folder_in_the_data_folder() {
        let default = || PathBuf::from("default");
        let data = Path::new("d");
        let logs = Path::new("l");
        assert_eq!(
            Dirs::choose(None, None, default),
            Dirs {
                data: PathBuf::from("default"),
                logs: Path::new("default").join("logs"),
            },
            "defaults"
        );
        assert_eq!(
            Dirs::choose(Some(data), None, || unreachable!("not asked")),
            Dirs {
                data: PathBuf::from("d"),
                logs: Path::new("d").join("logs"),
            },
            "logs follow --data-dir"
        );
        let both = Dirs::choose(Some(data), Some(logs), default);
        assert_eq!(both.logs, PathBuf::from("l"), "--log-dir");
        assert_eq!(
            both.usage_file(),
            Path::new("d").join("usage.jsonl"),
            "usage"
        );
    }

    #[test]
    fn the_platform_default_ends_in_the_app_s_own_folder() {
        let data = default_data_dir();
        let text = data.to_string_lossy().to_lowercase();
        assert!(text.contains("vitrina"), "{}", data.display());
    }
}
