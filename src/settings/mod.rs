//! Per-kiosk settings (`kiosk.ron`): staff PIN hash, pointer, screen mounting, opening hours,
//! renderer, trusted signing keys, status files and the display schedule.

mod model;

pub use model::*;
