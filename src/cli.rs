//! The command line: `vitrina`, `vitrina check [PATH]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::content::{LoadError, load_content};

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
pub fn preview(content: &Path, out: &Path, size: [u32; 2], lang: Option<&str>) -> ExitCode {
    let loaded = match load_content(content) {
        Ok(loaded) => loaded,
        Err(err) => {
            print_load_error(&err);
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    match crate::preview::preview(loaded, out, size, lang, |path| {
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
