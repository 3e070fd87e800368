//! Reading `kiosk.ron`: parse with RON's positions, validate, and attach `FILE:LINE:COLUMN`
//! to every problem, as for the content.

use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use super::model::KioskConfig;
use crate::content::read::{NOT_REGULAR, is_not_regular, read_regular};
use crate::content::{Diagnostic, FieldPath, LoadError, Severity, SourceMap, ron_error};

/// The largest `kiosk.ron` read: a few settings and keys fit in a few KiB.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Most trusted keys one kiosk lists.
pub const MAX_TRUSTED_KEYS: usize = 32;

/// One problem, before it is placed in the file.
struct Problem {
    path: FieldPath,
    message: String,
}

/// Reads, parses and validates the settings file at `path`.
pub fn load_kiosk_config(path: &Path) -> Result<KioskConfig, LoadError> {
    let source = read_bounded(path)?;
    parse_kiosk_config(&source, path)
}

/// Parses and validates the text of a settings file; `file` is only used in messages.
pub fn parse_kiosk_config(source: &str, file: &Path) -> Result<KioskConfig, LoadError> {
    // Notepad and PowerShell 5 save UTF-8 with a byte order mark.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let config: KioskConfig = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(32)
        .from_str(source)
        .map_err(|err| {
            let message = format!(
                "{}; kiosk.ron is one ( … ) with fields such as staff_pin_hash, has_mouse, \
                 opening_hours (see packaging/kiosk.ron)",
                err.code
            );
            ron_error(&err, file, message)
        })?;
    let problems = validate(&config);
    if problems.is_empty() {
        return Ok(config);
    }
    let map = SourceMap::new(source);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|problem| Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: map.locate(&problem.path),
            item: Some(problem.path.to_string()),
            message: problem.message,
        })
        .collect();
    diagnostics.sort_by_key(|d| d.position);
    Err(LoadError::Invalid(diagnostics))
}

/// Reads at most [`MAX_CONFIG_BYTES`] of a regular file (a FIFO or a device would block or
/// never end).
fn read_bounded(path: &Path) -> Result<String, LoadError> {
    let fail = |message: String| {
        LoadError::Invalid(vec![Diagnostic {
            severity: Severity::Error,
            file: path.to_path_buf(),
            position: None,
            item: None,
            message,
        }])
    };
    let bytes = read_regular(path, MAX_CONFIG_BYTES).map_err(|err| {
        if is_not_regular(&err) {
            fail(format!("the kiosk settings file is {NOT_REGULAR}"))
        } else if err.kind() == std::io::ErrorKind::FileTooLarge {
            fail(format!(
                "the kiosk settings file is too large: {err}; at most {MAX_CONFIG_BYTES} bytes are read"
            ))
        } else {
            fail(format!("cannot read the kiosk settings file: {err}"))
        }
    })?;
    String::from_utf8(bytes).map_err(|err| {
        fail(format!(
            "the kiosk settings file is not UTF-8 text (byte {}); save it as UTF-8",
            err.utf8_error().valid_up_to()
        ))
    })
}

fn validate(config: &KioskConfig) -> Vec<Problem> {
    let root = FieldPath::default();
    let mut problems = Vec::new();
    let mut error = |path: FieldPath, message: String| problems.push(Problem { path, message });
    if let Some(hash) = &config.staff_pin_hash
        && let Err(why) = super::pin::check_hash(hash)
    {
        error(root.field("staff_pin_hash"), why);
    }
    if let Some(hours) = &config.opening_hours
        && hours.days.is_empty()
    {
        error(
            root.field("opening_hours").field("days"),
            "no opening days: the kiosk would never open; list days such as [Mon, Tue, Wed, \
             Thu, Fri], or remove opening_hours"
                .to_owned(),
        );
    }
    if let Some(screen) = config.screen
        && let Some((field, message)) = screen.problem()
    {
        error(root.field("screen").field(field), message);
    }
    if config.trusted_keys.len() > MAX_TRUSTED_KEYS {
        error(
            root.field("trusted_keys"),
            format!(
                "{} keys listed; a kiosk trusts at most {MAX_TRUSTED_KEYS}",
                config.trusted_keys.len()
            ),
        );
    }
    for (index, key) in config.trusted_keys.iter().enumerate() {
        if let Err(why) = super::keys::check_public_key(key) {
            error(root.field("trusted_keys").index(index), why);
        }
    }
    let status = &config.status;
    if status.screenshot_every_mins > 24 * 60 {
        error(
            root.field("status").field("screenshot_every_mins"),
            format!(
                "screenshot_every_mins {} is out of range; write 0 (never) to 1440, such as 10",
                status.screenshot_every_mins
            ),
        );
    }
    if !(64..=3840).contains(&status.screenshot_width) {
        error(
            root.field("status").field("screenshot_width"),
            format!(
                "screenshot_width {} is out of range; write 64 to 3840 pixels, such as 640",
                status.screenshot_width
            ),
        );
    }
    if config.display.off_when_closed && config.opening_hours.is_none() {
        error(
            root.field("display").field("off_when_closed"),
            "off_when_closed needs opening_hours in kiosk.ron (when is the venue closed?); \
             add them, such as opening_hours: (open: \"09:00\", close: \"18:00\")"
                .to_owned(),
        );
    }
    problems
}

/// Where the settings came from, for the log and `vitrina check`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--kiosk-config PATH`.
    Given(PathBuf),
    /// The system location (`/etc/vitrina/kiosk.ron`, `%ProgramData%\Vitrina\kiosk.ron`).
    System(PathBuf),
    /// The user's config folder.
    User(PathBuf),
    /// No file: safe defaults.
    Defaults,
}

impl Source {
    /// Where the settings came from, for the log.
    pub fn describe(&self) -> String {
        match self {
            Self::Given(path) => format!("{} (--kiosk-config)", path.display()),
            Self::System(path) => format!("{} (system)", path.display()),
            Self::User(path) => format!("{} (user)", path.display()),
            Self::Defaults => "no kiosk.ron: safe defaults".to_owned(),
        }
    }

    /// The file, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::Given(path) | Self::System(path) | Self::User(path) => Some(path),
            Self::Defaults => None,
        }
    }
}

/// Which settings file applies: `given`, else the system location, else the user's config
/// folder, else none. `exists` is asked about candidates (tests pass their own).
pub fn choose_source(
    given: Option<&Path>,
    system: Option<PathBuf>,
    user: Option<PathBuf>,
    exists: impl Fn(&Path) -> bool,
) -> Source {
    if let Some(given) = given {
        // Named on the command line: used even when missing, so the mistake is reported.
        return Source::Given(given.to_path_buf());
    }
    if let Some(system) = system.filter(|p| exists(p)) {
        return Source::System(system);
    }
    if let Some(user) = user.filter(|p| exists(p)) {
        return Source::User(user);
    }
    Source::Defaults
}

/// The system-wide settings file of this platform.
pub fn system_path() -> Option<PathBuf> {
    #[cfg(windows)]
    {
        std::env::var_os("ProgramData")
            .map(|data| PathBuf::from(data).join("Vitrina").join("kiosk.ron"))
    }
    #[cfg(not(windows))]
    {
        Some(PathBuf::from("/etc/vitrina/kiosk.ron"))
    }
}

/// The settings file in the user's config folder (`~/.config/vitrina/kiosk.ron`,
/// `%APPDATA%\Vitrina\config\kiosk.ron`).
pub fn user_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Vitrina")
        .map(|dirs| dirs.config_dir().join("kiosk.ron"))
}

/// The settings that apply: the file chosen by [`choose_source`], loaded.
pub fn locate_and_load(given: Option<&Path>) -> (Source, Result<KioskConfig, LoadError>) {
    let source = choose_source(given, system_path(), user_path(), Path::is_file);
    let config = match source.path() {
        Some(path) => load_kiosk_config(path),
        None => Ok(KioskConfig::default()),
    };
    (source, config)
}

/// What start-up runs with: where the settings came from, the settings, and the file's error
/// when they are the last good copy.
pub type StartupSettings = (Source, KioskConfig, Option<LoadError>);

/// Why start-up has no settings: where the broken file is, and its error.
pub type NoSettings = Box<(Source, LoadError)>;

/// Keeps a copy of good settings at `path` (through a temporary file and a rename), so a
/// restart with a broken `kiosk.ron` keeps this machine's PIN and trusted keys.
pub fn save_copy(path: &Path, config: &KioskConfig) -> std::io::Result<()> {
    let text = ron::ser::to_string_pretty(config, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    crate::atomic_file::write_atomically(path, text.as_bytes())
}

/// The settings to start with: the file chosen, else (when it is broken) the copy of the last
/// good settings together with the file's error. Fails when the file is broken and there is
/// no copy: starting on the defaults would drop the trusted keys and show unsigned content.
pub fn startup_config(given: Option<&Path>, copy: &Path) -> Result<StartupSettings, NoSettings> {
    let (source, config) = locate_and_load(given);
    match config {
        Ok(config) => Ok((source, config, None)),
        Err(err) => match load_kiosk_config(copy) {
            Ok(kept) => Ok((source, kept, Some(err))),
            Err(_) => Err(Box::new((source, err))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<KioskConfig, LoadError> {
        parse_kiosk_config(source, Path::new("kiosk.ron"))
    }

    fn messages(err: &LoadError) -> Vec<String> {
        err.diagnostics().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn an_empty_file_gives_the_safe_defaults() {
        let config = parse("()").expect("() is valid");
        assert_eq!(config, KioskConfig::default(), "all defaults");
        assert!(config.staff_pin_hash.is_none(), "no PIN by default");
        assert!(config.trusted_keys.is_empty(), "no keys: content unsigned");
        assert_eq!(
            config.status.screenshot_every_mins, 10,
            "screenshots every 10 min"
        );
    }

    #[test]
    fn every_setting_is_read() {
        let hash = crate::settings::pin::hash_pin("4821").expect("hashing works");
        let source = format!(
            r#"(
    staff_pin_hash: "{hash}",
    has_mouse: true,
    screen: (mounting_height_mm: 800, height_mm: 680),
    opening_hours: (open: "09:00", close: "18:00", days: [Mon, Tue]),
    renderer: Wgpu,
    trusted_keys: ["RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"],
    status: (write_status: false, screenshot_every_mins: 0, screenshot_width: 320),
    display: (off_when_closed: true),
)"#
        );
        let config = parse(&source).expect("a full file is valid");
        assert_eq!(config.has_mouse, Some(true), "has_mouse");
        assert_eq!(
            config.renderer,
            Some(crate::settings::RendererChoice::Wgpu),
            "renderer"
        );
        assert_eq!(config.trusted_keys.len(), 1, "one key");
        assert!(!config.status.write_status, "status off");
        assert!(config.display.off_when_closed, "display off when closed");
        assert!(
            crate::settings::pin::verify_pin(
                config.staff_pin_hash.as_deref().expect("hash kept"),
                "4821"
            ),
            "the hash verifies the PIN it was made from"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        assert!(parse("\u{feff}(has_mouse: true)").is_ok(), "BOM skipped");
    }

    #[test]
    fn syntax_errors_carry_their_position() {
        let err = parse("(\n    has_mouse: true\n    renderer: Glow,\n)").expect_err("no comma");
        let lines = messages(&err);
        assert_eq!(lines.len(), 1, "one problem: {lines:?}");
        assert!(
            lines[0].starts_with("kiosk.ron:3:5: "),
            "position: {lines:?}"
        );
    }

    #[test]
    fn unknown_fields_are_refused_with_their_position() {
        let err =
            parse("(\n  staff_pin: \"1234\",\n)").expect_err("staff_pin is content's old name");
        let lines = messages(&err);
        assert!(lines[0].starts_with("kiosk.ron:2:"), "{lines:?}");
        assert!(lines[0].contains("staff_pin"), "names the field: {lines:?}");
    }

    #[test]
    fn bad_values_are_placed_on_their_line() {
        let source = "(\n  staff_pin_hash: \"1234\",\n  trusted_keys: [\"RWQnotakey\"],\n  \
                      status: (screenshot_width: 10),\n  display: (off_when_closed: true),\n)";
        let lines = messages(&parse(source).expect_err("four problems"));
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(
            lines[0].starts_with("kiosk.ron:2:19: staff_pin_hash: ")
                && lines[0].contains("vitrina pin"),
            "a plain PIN is refused and the fix named: {lines:?}"
        );
        assert!(
            lines[1].starts_with("kiosk.ron:3:18: trusted_keys[1]: "),
            "{lines:?}"
        );
        assert!(lines[2].starts_with("kiosk.ron:4:"), "{lines:?}");
        assert!(
            lines[3].starts_with("kiosk.ron:5:") && lines[3].contains("opening_hours"),
            "{lines:?}"
        );
    }

    #[test]
    fn the_given_file_wins_then_the_system_then_the_user_s() {
        let system = Some(PathBuf::from("/etc/vitrina/kiosk.ron"));
        let user = Some(PathBuf::from("/home/k/.config/vitrina/kiosk.ron"));
        let all = |_: &Path| true;
        let none = |_: &Path| false;
        assert_eq!(
            choose_source(Some(Path::new("k.ron")), system.clone(), user.clone(), none),
            Source::Given(PathBuf::from("k.ron")),
            "given, even when missing"
        );
        assert_eq!(
            choose_source(None, system.clone(), user.clone(), all),
            Source::System(PathBuf::from("/etc/vitrina/kiosk.ron")),
            "system before user"
        );
        let only_user = |p: &Path| p.starts_with("/home");
        assert_eq!(
            choose_source(None, system.clone(), user.clone(), only_user),
            Source::User(PathBuf::from("/home/k/.config/vitrina/kiosk.ron")),
            "user when no system file"
        );
        assert_eq!(
            choose_source(None, system, user, none),
            Source::Defaults,
            "defaults without any file"
        );
    }

    #[test]
    fn oversized_and_special_files_are_refused_without_reading_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let big = dir.path().join("big.ron");
        std::fs::write(&big, vec![b' '; 70_000]).expect("write");
        let lines = messages(&load_kiosk_config(&big).expect_err("too big"));
        assert!(lines[0].contains("at most"), "{lines:?}");
        let lines = messages(&load_kiosk_config(dir.path()).expect_err("a folder"));
        assert!(lines[0].contains("not a regular file"), "{lines:?}");
        let lines = messages(&load_kiosk_config(&dir.path().join("no.ron")).expect_err("missing"));
        assert!(lines[0].contains("cannot read"), "{lines:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_settings_path_is_refused_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("kiosk.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo made the FIFO");
        let started = std::time::Instant::now();
        let lines = messages(&load_kiosk_config(&fifo).expect_err("a FIFO"));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "no wait for a writer: {:?}",
            started.elapsed()
        );
        assert!(
            lines[0].contains("not a regular file (a pipe, device or folder)"),
            "{lines:?}"
        );
    }

    #[test]
    fn a_broken_file_at_start_falls_back_to_the_last_good_copy_else_fails() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("kiosk.ron");
        let copy = dir.path().join("data/last-good-kiosk.ron");
        let good = KioskConfig {
            has_mouse: Some(true),
            trusted_keys: vec![
                "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3".to_owned(),
            ],
            ..KioskConfig::default()
        };
        std::fs::write(&file, "(has_mouse: tru").expect("write");
        let (_, err) = *startup_config(Some(&file), &copy).expect_err("no copy yet");
        assert!(err.to_string().contains("kiosk.ron:1:"), "{err}");
        save_copy(&copy, &good).expect("copy kept");
        let (source, config, err) = startup_config(Some(&file), &copy).expect("the copy");
        assert_eq!(config, good, "the copy's keys stay in force");
        assert!(err.is_some(), "the file's error is reported");
        assert_eq!(source, Source::Given(file.clone()), "from the given file");
        std::fs::write(&file, "(has_mouse: false)").expect("fix");
        let (_, config, err) = startup_config(Some(&file), &copy).expect("the file");
        assert_eq!(config.has_mouse, Some(false), "the fixed file wins");
        assert!(err.is_none(), "no error");
    }
}
