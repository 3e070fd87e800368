//! What touches the operating system: pictures on disk, the content watcher, the data and
//! log folders, logging and the panic hook.

pub mod crash;
pub mod data_dir;
pub mod images;
pub mod logging;
pub mod watch;
