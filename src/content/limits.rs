//! Every limit on what a content folder may hold, in one place, so validation, `vitrina
//! check`, the loaders and the staff documentation agree. A file, a sync tool or a careless
//! edit must never make the kiosk use unbounded memory, disk or time.

/// Largest content file read (signed or not): about 70 times the shipped story. The file
/// is held in memory to be parsed, so this bounds the memory one reload can take.
pub const MAX_CONTENT_BYTES: u64 = 4 * 1024 * 1024;
