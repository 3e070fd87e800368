//! The command line: `vitrina`, `vitrina check [PATH]`, `vitrina preview`, `vitrina stats`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::content::{LoadError, load_content};
use crate::platform::data_dir::Dirs;
use crate::usage::stats::{aggregate, parse_lines};
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
    /// (Vulkan, Metal, DirectX 12 or OpenGL).
    #[arg(long, value_enum, default_value_t = Renderer::Glow)]
    pub renderer: Renderer,

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

    /// Tests of the panic hook: panic in the first frame.
    #[arg(long, hide = true)]
    pub test_panic: bool,

    /// Tests of display power: `display: (off_when_closed: true)` until kiosk.ron is read.
    #[arg(long, hide = true)]
    pub test_display_off_when_closed: bool,
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
    /// Check a content file and its assets; prints FILE:LINE:COLUMN: message per problem.
    Check {
        /// The content file (default: ./content.ron, or --content).
        path: Option<PathBuf>,
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

/// `vitrina check`: exit 0 when the content is fine (warnings printed), 1 otherwise.
#[expect(clippy::print_stdout, reason = "check reports to the terminal")]
pub fn check(path: &Path) -> ExitCode {
    match load_content(path) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                println!("{warning}");
            }
            let sections = loaded.content.sections.len();
            let warnings = loaded.warnings.len();
            println!(
                "{}: fine: {sections} sections, {warnings} warning{}",
                path.display(),
                if warnings == 1 { "" } else { "s" }
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            print_load_error(&err);
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

/// `vitrina stats`: exit 0 with the tables, 1 when no usage file can be read. A broken line
/// is skipped with a `FILE:LINE: skipped: reason` warning on stderr.
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
    for path in &files {
        let text = match std::fs::read(path) {
            // A torn write may leave invalid UTF-8: that line is reported, not the file.
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(err) => {
                eprintln!("{}: cannot read: {err}", path.display());
                continue;
            }
        };
        read_any = true;
        let (mut read, skipped) = parse_lines(&text);
        for skip in skipped {
            eprintln!("{}:{}: skipped: {}", path.display(), skip.line, skip.reason);
        }
        records.append(&mut read);
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
    let errors = err.error_count();
    let warnings = diagnostics.len() - errors;
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
