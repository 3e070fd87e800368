//! What touches the operating system: pictures on disk (and later the watcher, logs).

pub mod images;
pub mod watch;
