//! Per-kiosk settings (`kiosk.ron`): staff PIN hash, pointer, screen mounting, opening hours,
//! renderer, trusted signing keys, status files and the display schedule. Apart from the
//! shared content, so that every kiosk of a fleet has its own.

pub mod keys;
mod load;
mod machine;
mod model;
pub use crate::content::pin;

pub use load::{
    MAX_CONFIG_BYTES, Source, choose_source, load_kiosk_config, locate_and_load,
    parse_kiosk_config, save_copy, startup_config, system_path, user_path,
};
pub use machine::Machine;
pub use model::*;
