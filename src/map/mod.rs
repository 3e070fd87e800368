//! The offline vector map (issue 4): a Lambert conformal conic view of the region from
//! Sweden to Ukraine, with the story's routes and places from content.
//!
//! Pure parts, unit-tested: [`projection`] (lon/lat ↔ map kilometres), [`camera`] (pan, zoom,
//! clamping, fit, momentum), [`motion`] (fly-to timing and path) and [`hit_test`] (finger
//! tolerance, fanning out shared points). [`basemap`] loads the compiled-in base map and
//! triangulates it once; the country and sea names per language come with the content
//! ([`crate::content::map_names`]);
//! [`style`] holds the map's design tokens.
//!
//! The screen itself is [`MapScreen`] (`view.rs`), drawn every frame from its long-lived state
//! in one pipeline, each step in its own file:
//! - `model.rs`: content → map, places and routes in projected kilometres (pure, once a visit)
//! - `state.rs`: [`MapState`], [`Selection`], how a visit starts, zoom limits (pure)
//! - `layout.rs`: panel and control rectangles for the frame (pure)
//! - `scene.rs`: what is drawn this frame, markers, and what a tap opens (pure)
//! - `gestures.rs`: drag, pinch, wheel and screen-reader presses
//! - `paint.rs`: base map, edge fade, routes and markers (painting only)
//! - `labels.rs`: label placement (pure) and painting
//! - `footer.rs`: scrim, scale bar and credit line
//! - `legend.rs`, `card.rs`, `controls.rs`: the panels, sharing `chrome.rs` (glyphs, buttons,
//!   the panel)

pub mod basemap;
pub mod camera;
mod card;
mod chrome;
mod controls;
mod footer;
mod gestures;
pub mod hit_test;
mod labels;
mod layout;
mod legend;
mod model;
pub mod motion;
mod paint;
pub mod projection;
mod scene;
mod state;
pub mod style;
mod view;

#[cfg(test)]
mod testing;

pub use labels::{LabelReport, PlacedLabel};
pub use state::{MapState, Selection};
pub use view::MapScreen;

impl crate::ui::attract_ui::TourMap for MapScreen {
    fn tour_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &crate::ui::view::View<'_>,
        presets: &[String],
        stop: usize,
    ) {
        Self::tour_ui(self, ui, view, presets, stop);
    }
}
