//! The offline vector map (issue 4): a Lambert conformal conic view of the region from
//! Sweden to Ukraine, with the story's routes and places from content.
//!
//! Pure parts, unit-tested: [`projection`] (lon/lat ↔ map kilometres), [`camera`] (pan, zoom,
//! clamping, fit, fly-to, momentum) and [`hit_test`] (finger tolerance, fanning out shared
//! points). [`basemap`] loads the compiled-in base map and triangulates it once. The screen
//! itself is [`MapScreen`], drawn every frame from its long-lived state.

pub mod basemap;
pub mod camera;
pub mod hit_test;
mod map_ui;
pub mod motion;
pub mod names;
pub mod projection;
pub mod style;

pub use map_ui::{MapScreen, MapState, Selection};
