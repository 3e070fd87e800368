//! The `vitrina` binary: parse the command line, then call the library.

use std::process::ExitCode;

use clap::Parser as _;
use vitrina::cli::{Cli, Command};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Check { path }) => {
            vitrina::cli::check(path.as_deref().unwrap_or(&cli.content))
        }
        Some(Command::Preview { out, size, lang }) => {
            vitrina::cli::preview(&cli.content, out, *size, lang.as_deref())
        }
        None => vitrina::app::run(&cli),
    }
}
