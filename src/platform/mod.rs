//! What touches the operating system: pictures on disk and the content watcher.

pub mod images;
pub mod watch;
