//! Vitrina: a native fullscreen exhibition kiosk.
//!
//! The library holds everything; `main.rs` only parses the command line and calls in.
//!
//! Floors, lowest first, each importing only what lies below it (`tests/module_graph.rs`
//! fails on any cycle): `content`, `signing`, `settings` (the model and its files); `state`
//! (pure kiosk state); `platform` (the operating system); `a11y`, `ui`, `map`, `usage`
//! (speech, drawing, usage figures, in that order); `app` (eframe glue); `preview`, `cli`,
//! `launch` (commands).

pub mod a11y;
pub mod app;
pub mod atomic_file;
pub mod cli;
pub mod content;
pub mod launch;
pub mod map;
pub mod platform;
pub mod preview;
pub mod settings;
pub mod signing;
pub mod state;
pub mod tokens;
pub mod ui;
pub mod usage;
