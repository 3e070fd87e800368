//! The `vitrina` binary: parse the command line, set up logging (and for the kiosk the log
//! file and the panic hook), then call the library.

use std::process::ExitCode;

use clap::Parser as _;
use vitrina::cli::{Cli, Command};
use vitrina::platform::logging::{self, Output};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dirs = cli.dirs();
    match &cli.command {
        Some(Command::Check {
            path,
            quick,
            trusted_keys,
        }) => {
            let _log = logging::init(Output::Stderr);
            vitrina::cli::check(
                path.as_deref().unwrap_or(&cli.content),
                cli.kiosk_config.as_deref(),
                trusted_keys,
                if *quick {
                    vitrina::cli::Depth::Headers
                } else {
                    vitrina::cli::Depth::Decode
                },
            )
        }
        Some(Command::Sign { key, dir }) => {
            let _log = logging::init(Output::Stderr);
            let dir = vitrina::cli::signing_dir(dir.as_deref(), &cli.content);
            vitrina::cli::sign(&dir, key, std::env::var("VITRINA_SIGN_PASSWORD").ok())
        }
        Some(Command::Manifest { dir }) => {
            let _log = logging::init(Output::Stderr);
            vitrina::cli::manifest(&vitrina::cli::signing_dir(dir.as_deref(), &cli.content))
        }
        Some(Command::Preview {
            out,
            size,
            lang,
            accessibility,
            large_text,
            high_contrast,
        }) => {
            let _log = logging::init(Output::Stderr);
            let look = vitrina::preview::A11yLook {
                on: *accessibility || *large_text || *high_contrast,
                large_text: *large_text,
                high_contrast: *high_contrast,
            };
            vitrina::cli::preview(&cli.content, out, *size, lang.as_deref(), look)
        }
        Some(Command::Pin) => vitrina::cli::pin(),
        Some(Command::Stats { since, file }) => {
            let _log = logging::init(Output::Stderr);
            vitrina::cli::stats(file.as_deref(), &dirs, *since)
        }
        None => {
            // The guard flushes the log file when the kiosk closes.
            let _log = logging::init(Output::StderrAndFiles(&dirs.logs));
            vitrina::platform::crash::install_panic_hook();
            vitrina::launch::run(&cli)
        }
    }
}
