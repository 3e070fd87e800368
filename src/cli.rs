//! The command line: `vitrina`, `vitrina check [PATH]`, `vitrina preview`, `vitrina stats`,
//! `vitrina sign`, `vitrina manifest`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod pictures;

pub use pictures::{Depth, MAX_PICTURE_ERRORS, PictureReport, check_pictures};

use crate::content::{Diagnostic, LoadError, content_dir, load_content};
use crate::platform::data_dir::Dirs;
use crate::signing::{Trust, load_content_trusted};
use crate::usage::stats::{aggregate, read_lines};
use crate::usage::writer::rotation_number;

/// Vitrina: a fullscreen exhibition kiosk that tells a story from content.ron.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// What to do; without a command the kiosk runs.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The content file to show.
    #[arg(long, default_value = "content.ron", global = true)]
    pub content: PathBuf,

    /// Run in a normal window instead of fullscreen kiosk mode (for development).
    #[arg(long)]
    pub windowed: bool,

    /// Window size in pixels, such as 1280x720 (implies --windowed).
    #[arg(long, value_parser = parse_size)]
    pub size: Option<[u32; 2]>,

    /// Seconds without a touch before the kiosk resets to the attract loop (overrides content).
    #[arg(long, value_parser = clap::value_parser!(u32).range(5..=86_400))]
    pub idle_timeout: Option<u32>,

    /// Graphics back end: glow (OpenGL, lightest on old or software graphics) or wgpu
    /// (Vulkan, Metal, DirectX 12 or OpenGL). Default: kiosk.ron's `renderer`, else glow.
    #[arg(long, value_enum)]
    pub renderer: Option<Renderer>,

    /// This machine's settings file (default: /etc/vitrina/kiosk.ron, or
    /// %ProgramData%\Vitrina\kiosk.ron on Windows, else kiosk.ron in the user's config folder).
    #[arg(long, value_name = "PATH", global = true)]
    pub kiosk_config: Option<PathBuf>,

    /// Benchmarks: show every screen and slide in turn, SECS each, then Home.
    #[arg(long, value_name = "SECS", hide = true)]
    pub bench_tour: Option<f64>,

    /// The folder for usage figures (default: the user's local data folder,
    /// ~/.local/share/vitrina on Linux, %LOCALAPPDATA%\Vitrina\data on Windows).
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// The folder for the daily log files (default: `logs` in the data folder).
    #[arg(long, value_name = "DIR", global = true)]
    pub log_dir: Option<PathBuf>,

    /// Tests of the fleet status: write status.json every SECS seconds instead of 60.
    #[arg(long, value_name = "SECS", hide = true, value_parser = clap::value_parser!(u32).range(1..=86_400))]
    pub status_every_secs: Option<u32>,

    /// Tests of the fleet status: capture screen.png every SECS seconds instead of the
    /// settings' minutes.
    #[arg(long, value_name = "SECS", hide = true, value_parser = clap::value_parser!(u32).range(1..=86_400))]
    pub screenshot_every_secs: Option<u32>,

    /// Tests of the panic hook: panic in the first frame.
    #[arg(long, hide = true)]
    pub test_panic: bool,

    /// Tests: seconds a signature or hash failure waits for a sync before it is reported.
    #[arg(long, value_name = "SECS", hide = true, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub signing_grace: Option<u64>,
}

impl Cli {
    /// The data and log folders: the options, else the platform's defaults.
    pub fn dirs(&self) -> Dirs {
        Dirs::resolve(self.data_dir.as_deref(), self.log_dir.as_deref())
    }
}

/// Graphics back ends the kiosk can draw with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Renderer {
    /// OpenGL through glow.
    Glow,
    /// wgpu (Vulkan, Metal, DirectX 12 or OpenGL).
    Wgpu,
}

/// The sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a content file and its assets, every picture decoded as the kiosk would;
    /// prints FILE:LINE:COLUMN: message per problem.
    Check {
        /// The content file (default: ./content.ron, or --content).
        path: Option<PathBuf>,
        /// Only read each picture's header (format, size, limits, a JPEG's end) instead of
        /// decoding it: quicker, but a fault inside the picture data passes.
        #[arg(long)]
        quick: bool,
        /// A trusted minisign public key (the second line of its .pub file, RW…); repeat
        /// for several. With any, the signature and every file's hash are checked too.
        #[arg(long = "trusted-key", value_name = "KEY")]
        trusted_keys: Vec<String>,
    },
    /// Write content.manifest for the content folder and sign it as content.manifest.minisig
    /// with a minisign secret key (password from VITRINA_SIGN_PASSWORD, else asked).
    Sign {
        /// The minisign secret key file (made with `minisign -G`).
        #[arg(long, value_name = "SECRET")]
        key: PathBuf,
        /// The content folder (default: the folder of --content).
        dir: Option<PathBuf>,
    },
    /// Write content.manifest for the content folder, to sign with the minisign tool
    /// (`minisign -S -m content.manifest`).
    Manifest {
        /// The content folder (default: the folder of --content).
        dir: Option<PathBuf>,
    },
    /// Render every screen to PNG files without a display (Home, each section, the map and
    /// each preset, each attract slide), to review an edit.
    Preview {
        /// Folder for the PNG files (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Screen size in pixels.
        #[arg(long, value_parser = parse_size, default_value = "1920x1080")]
        size: [u32; 2],
        /// Language code of the visitor's screens (default: the content's default).
        #[arg(long)]
        lang: Option<String>,
        /// Show the screens in accessibility mode, with the reading bar.
        #[arg(long)]
        accessibility: bool,
        /// Accessibility mode with larger text.
        #[arg(long)]
        large_text: bool,
        /// Accessibility mode with the high-contrast palette.
        #[arg(long)]
        high_contrast: bool,
    },
    /// Print a salted hash of a staff PIN, as the line to paste into kiosk.ron. The PIN is
    /// asked for without echo (or read from standard input when that is not a terminal).
    Pin,
    /// Add up the usage figures: sessions per day, median session length, the most opened
    /// sections, languages, map layers and items.
    Stats {
        /// Only days from this date on, such as 2026-05-01.
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<jiff::civil::Date>,
        /// The usage file (default: usage.jsonl in the data folder and its rotated files).
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
    },
}

/// Parses `WxH`, such as `1920x1080`.
pub fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(|| {
        format!("\"{text}\" is not a size; write WIDTHxHEIGHT, such as 1920x1080")
    })?;
    let parse = |part: &str| {
        part.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (64..=16384).contains(n))
            .ok_or_else(|| format!("\"{text}\": width and height must be 64 to 16384 pixels"))
    };
    Ok([parse(w)?, parse(h)?])
}

/// `vitrina check`: exit 0 when the content (and this machine's kiosk.ron, when there is one)
/// is fine (warnings printed), 1 otherwise. With trusted keys (kiosk.ron's `trusted_keys` and
/// any `--trusted-key`) the signature and every file's hash are checked too. Every picture
/// is opened to `depth` (see [`check_pictures`]).
#[expect(clippy::print_stdout, reason = "check reports to the terminal")]
pub fn check(
    path: &Path,
    kiosk_config: Option<&Path>,
    extra_keys: &[String],
    depth: Depth,
) -> ExitCode {
    let (source, config) = crate::settings::locate_and_load(kiosk_config);
    let mut keys = Vec::new();
    let config_fine = match (source.path(), config) {
        // No kiosk.ron on this machine: the safe defaults, nothing to report.
        (None, _) => true,
        (Some(file), Ok(config)) => {
            let count = config.trusted_keys.len();
            println!(
                "{}: fine: {}, {count} trusted key{}",
                file.display(),
                if config.staff_pin_hash.is_some() {
                    "staff PIN set"
                } else {
                    "no staff PIN"
                },
                if count == 1 { "" } else { "s" }
            );
            keys = config.trusted_keys;
            true
        }
        (Some(_), Err(err)) => {
            print_load_error(&err);
            false
        }
    };
    keys.extend(extra_keys.iter().cloned());
    let trust = match Trust::new(&keys) {
        Ok(trust) => trust,
        Err(err) => {
            println!("--trusted-key: {err}");
            return ExitCode::FAILURE;
        }
    };
    let content_fine = check_content_file(path, &trust, depth);
    if config_fine && content_fine {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[expect(clippy::print_stdout, reason = "check reports to the terminal")]
fn check_content_file(path: &Path, trust: &Trust, depth: Depth) -> bool {
    let loaded = match load_content_trusted(path, trust) {
        Ok(loaded) => loaded,
        Err(err) => {
            print_load_error(&err);
            return false;
        }
    };
    let pictures = check_pictures(&loaded, path, depth);
    let mut warnings = loaded.warnings.clone();
    warnings.extend(ended_today(&loaded.content, path));
    if pictures.error_count > 0 {
        // Warnings and picture errors in the order of the file, as load errors are.
        let mut lines: Vec<&Diagnostic> = warnings.iter().chain(&pictures.errors).collect();
        lines.sort_by_key(|d| d.position);
        for line in lines {
            println!("{line}");
        }
        let hidden = pictures.error_count - pictures.errors.len();
        if hidden > 0 {
            println!("… and {hidden} more picture errors");
        }
        print_counts(pictures.error_count, warnings.len());
        return false;
    }
    warnings.sort_by_key(|d| d.position);
    for warning in &warnings {
        println!("{warning}");
    }
    if let (Some(key), Some(files)) = (&loaded.provenance.signed_by, &loaded.provenance.verified) {
        println!(
            "{}: signed by key {key}, {} files verified",
            content_dir(path)
                .join(crate::signing::MANIFEST_FILE)
                .display(),
            files.files().len()
        );
    }
    let sections = loaded.content.sections.len();
    let warnings = warnings.len();
    println!(
        "{}: fine: {sections} sections, {warnings} warning{}",
        path.display(),
        if warnings == 1 { "" } else { "s" }
    );
    true
}

/// Warnings, placed in the file at `path`, for each section and slide whose `show.until` has
/// passed by the local date: nothing else in the check depends on the day it runs.
fn ended_today(content: &crate::content::Content, path: &Path) -> Vec<Diagnostic> {
    let today = jiff::Zoned::now().date();
    let problems = crate::content::ended_by(content, today);
    if problems.is_empty() {
        return Vec::new();
    }
    // The file loaded a moment ago; read again only to place the warnings (unplaced if not).
    let source =
        crate::content::read::read_regular(path, crate::content::limits::MAX_CONTENT_BYTES)
            .ok()
            .and_then(|bytes| {
                Some(
                    crate::content::content_text(&bytes, path)
                        .ok()?
                        .into_owned(),
                )
            })
            .unwrap_or_default();
    crate::content::place_problems(problems, &source, path)
}

/// `vitrina pin`: asks for a PIN twice on a terminal (once from a pipe) and prints the line
/// for kiosk.ron; exit 1 when the PINs differ or are not 4 to 8 digits.
#[expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "pin talks to the terminal"
)]
pub fn pin() -> ExitCode {
    use std::io::{BufRead as _, IsTerminal as _};
    let read = || -> std::io::Result<String> {
        if std::io::stdin().is_terminal() {
            let first = rpassword::prompt_password("Staff PIN (4 to 8 digits): ")?;
            let again = rpassword::prompt_password("The same PIN again: ")?;
            if first != again {
                return Err(std::io::Error::other("the two PINs differ"));
            }
            Ok(first)
        } else {
            let mut line = String::new();
            // A PIN is a few digits: read a bounded line.
            std::io::Read::take(std::io::stdin().lock(), 256).read_line(&mut line)?;
            Ok(line)
        }
    };
    match read()
        .map_err(|err| err.to_string())
        .and_then(|pin| crate::settings::pin::hash_pin(pin.trim()))
    {
        Ok(hash) => {
            println!("staff_pin_hash: \"{hash}\",");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("vitrina pin: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The folder `sign` and `manifest` work on: `dir`, else the content file's folder.
pub fn signing_dir(dir: Option<&Path>, content: &Path) -> PathBuf {
    dir.map_or_else(|| content_dir(content), Path::to_path_buf)
}

/// `vitrina manifest`: writes content.manifest; exit 0, or 1 with the reason.
#[expect(clippy::print_stdout, reason = "manifest reports to the terminal")]
pub fn manifest(dir: &Path) -> ExitCode {
    match crate::signing::sign::write_manifest(dir) {
        Ok(written) => {
            println!(
                "{}: {} files listed; sign it with: minisign -S -m {}",
                written.manifest.display(),
                written.files,
                written.manifest.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            println!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// `vitrina sign`: writes content.manifest and content.manifest.minisig with the secret key
/// at `key`; the password comes from `password` or is asked on the terminal. Exit 0, or 1
/// with the reason.
#[expect(clippy::print_stdout, reason = "sign reports to the terminal")]
pub fn sign(dir: &Path, key: &Path, password: Option<String>) -> ExitCode {
    let written = crate::signing::sign::open_secret_key(key, password)
        .and_then(|secret| crate::signing::sign::sign_folder(dir, &secret));
    match written {
        Ok(written) => {
            println!(
                "{}: {} files listed, signed by key {} in {}",
                written.manifest.display(),
                written.files,
                written.key_id.unwrap_or_default(),
                written
                    .signature
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            println!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// `vitrina preview`: exit 0 with one line per file written, 1 when the content has errors,
/// 2 when rendering fails.
#[expect(clippy::print_stdout, reason = "preview reports to the terminal")]
pub fn preview(
    content: &Path,
    out: &Path,
    size: [u32; 2],
    lang: Option<&str>,
    look: crate::preview::A11yLook,
) -> ExitCode {
    let loaded = match load_content(content) {
        Ok(loaded) => loaded,
        Err(err) => {
            print_load_error(&err);
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    match crate::preview::preview(loaded, out, size, lang, look, |path| {
        println!("{}", path.display());
    }) {
        Ok(files) => {
            println!(
                "{} screens at {}x{} in {:.1} s",
                files.len(),
                size[0],
                size[1],
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            println!("preview failed: {err}");
            ExitCode::from(2)
        }
    }
}

/// Skipped usage lines reported one by one; the rest are counted.
pub const MAX_SKIPPED_SHOWN: usize = 20;

/// `vitrina stats`: exit 0 with the tables, 1 when no usage file can be read. A broken line
/// is skipped with a `FILE:LINE: skipped: reason` warning on stderr (the first
/// [`MAX_SKIPPED_SHOWN`], then a count).
#[expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "stats reports to the terminal, warnings apart"
)]
pub fn stats(file: Option<&Path>, dirs: &Dirs, since: Option<jiff::civil::Date>) -> ExitCode {
    let files = match file {
        Some(file) => vec![file.to_path_buf()],
        None => usage_files(&dirs.usage_file()),
    };
    let mut records = Vec::new();
    let mut read_any = false;
    let (mut skipped, mut shown) = (0_usize, 0_usize);
    for path in &files {
        // Line by line, each bounded: a file of any size or shape is read in bounded memory
        // per line (a torn write may leave invalid UTF-8: that line is reported, not the file).
        let read = open_regular(path).and_then(|file| read_lines(std::io::BufReader::new(file)));
        let mut read = match read {
            Ok(read) => read,
            Err(err) => {
                eprintln!("{}: cannot read: {err}", path.display());
                continue;
            }
        };
        read_any = true;
        skipped += read.skipped_count;
        for skip in &read.skipped {
            if shown < MAX_SKIPPED_SHOWN {
                shown += 1;
                eprintln!("{}:{}: skipped: {}", path.display(), skip.line, skip.reason);
            }
        }
        records.append(&mut read.records);
    }
    if skipped > shown {
        eprintln!("… and {} more lines skipped", skipped - shown);
    }
    if !read_any {
        return ExitCode::FAILURE;
    }
    print!(
        "{}",
        crate::usage::table::render(&aggregate(&records, since))
    );
    ExitCode::SUCCESS
}

/// Opens `path` when it is a regular file: a FIFO or a device named by mistake would block
/// the open or never end.
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    std::fs::File::open(path)
}

/// The usage file and its rotated files, oldest first; the current file when it exists or
/// nothing else does (so its absence is reported).
fn usage_files(current: &Path) -> Vec<PathBuf> {
    let base = current
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = current.parent().unwrap_or_else(|| Path::new("."));
    let mut rotated: Vec<(usize, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let n = rotation_number(&base, &entry.file_name().to_string_lossy())?;
            Some((n, entry.path()))
        })
        .collect();
    // The highest number is the oldest.
    rotated.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let mut files: Vec<PathBuf> = rotated.into_iter().map(|(_, path)| path).collect();
    if files.is_empty() || current.exists() {
        files.push(current.to_path_buf());
    }
    files
}

#[expect(clippy::print_stdout, reason = "check reports to the terminal")]
fn print_load_error(err: &LoadError) {
    let diagnostics = err.diagnostics();
    for diagnostic in &diagnostics {
        println!("{diagnostic}");
    }
    // The true totals: the lines above show at most a bounded number of them.
    let (errors, warnings) = err.totals();
    print_counts(errors, warnings);
}

/// The last line of a failed check: `2 errors, 1 warning`.
#[expect(clippy::print_stdout, reason = "check reports to the terminal")]
fn print_counts(errors: usize, warnings: usize) {
    println!(
        "{errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_parsed_from_width_x_height() {
        assert_eq!(parse_size("1920x1080"), Ok([1920, 1080]), "x");
        assert_eq!(parse_size("1080X1920"), Ok([1080, 1920]), "X");
        assert!(parse_size("1920").is_err(), "no x");
        assert!(parse_size("0x10").is_err(), "too small");
    }
}
