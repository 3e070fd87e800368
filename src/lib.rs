//! Vitrina: a native fullscreen exhibition kiosk.
//!
//! The library holds everything; `main.rs` only parses the command line and calls in.

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
pub mod ui;
pub mod usage;
