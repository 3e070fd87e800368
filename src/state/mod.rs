//! The kiosk's pure state, beneath everything that draws: where the visitor is (`Screen`,
//! `AppState`) and what they asked for (`Intent`), idleness, the attract loop's timing, the
//! staff gate, swipe physics, a section's gallery and count-up. No egui context, no files,
//! no clock: time is passed in as seconds. Imports only `content`.

mod app_state;
pub mod count_up;
pub mod gallery;
pub mod idle;
pub mod navigation;
mod reload;
mod shot;
pub mod slideshow;
pub mod staff;

pub use app_state::{AppState, Intent, Screen};
pub use reload::ReloadStatus;
pub use shot::Shot;
