//! The map screen [`MapScreen`] and one frame's pipeline: model → layout → scene → paint → panels.

use crate::tokens::{size, space};
use std::sync::Arc;

use egui::{Id, Pos2, Rect, Role, Sense, Ui, pos2, vec2};

use super::basemap::{Basemap, BasemapError};
use super::card::{card_ui, measured_card};
use super::controls::{controls_ui, sheet_controls_width};
use super::footer::{paint_scrim, scale_and_credits};
use super::gestures::{gestures, item_nodes};
use super::labels::{LabelPlacer, LabelReport, paint_labels};
use super::layout::MapLayout;
use super::legend::{legend_rect, legend_ui};
use super::paint::{paint_basemap, paint_markers, paint_region_fade, paint_routes};
use super::projection::Lambert;
use super::scene::{layer_looks, scene_places, scene_routes, tapped};
use super::state::{MapState, new_state};
use super::style::MapStyle;
use crate::state::Intent;
use crate::ui::theme::{CREDIT, EYEBROW, H1};
use crate::ui::view::{View, quiet_node};
use crate::ui::widgets::{galley, upper};

/// How far above the credits line markers fade out (design points).
const MARKER_FADE: f32 = 40.0;

/// The map screen's long-lived part: the base map (loaded once) and the current visit.
#[derive(Default)]
pub struct MapScreen {
    basemap: Option<Result<Arc<Basemap>, BasemapError>>,
    state: Option<MapState>,
    /// In a map tour: the preset (by position in the tour) the camera flies to.
    tour_stop: Option<usize>,
    /// Where the last frame put its labels (for the layout audit).
    labels: LabelReport,
}

impl std::fmt::Debug for MapScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MapScreen")
            .field("basemap_loaded", &self.basemap.as_ref().map(Result::is_ok))
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl MapScreen {
    /// A map screen that loads its base map when first shown.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets the visit: the next frame starts afresh on its preset (the base map stays loaded).
    pub fn reset(&mut self) {
        self.state = None;
    }

    /// The current visit, once the screen has been drawn.
    pub fn state(&self) -> Option<&MapState> {
        self.state.as_ref()
    }

    /// Where the last map frame put its labels and markers (screen points).
    pub fn label_report(&self) -> &LabelReport {
        &self.labels
    }

    /// The current visit, to steer it (map tours, benchmarks).
    pub fn state_mut(&mut self) -> Option<&mut MapState> {
        self.state.as_mut()
    }

    /// Flies the current visit to the preset `id` (its bounds and layers) starting at `now`;
    /// false when there is no visit yet or no such preset. Map tours use this.
    pub fn fly_to_preset(&mut self, view: &View<'_>, id: &str, now: f64) -> bool {
        let layout = MapLayout::new(view);
        let Some(state) = self.state.as_mut() else {
            return false;
        };
        let Some(preset) = view.content.map.presets.iter().find(|p| p.id == id) else {
            return false;
        };
        let b = preset.bounds;
        let target = Lambert::baltic().bounds_of_box(b.south, b.west, b.north, b.east);
        let pose = state.camera.fit(target, layout.free);
        for (index, layer) in view.content.map.layers.iter().enumerate() {
            let on = preset.layers.is_empty() || preset.layers.contains(&layer.id);
            state.set_layer_visible(index, on, now);
        }
        state.selection = None;
        state.camera.fly_to(pose, now);
        true
    }

    /// The base map, loading and triangulating it on first use. A broken base map is logged
    /// once and the map shows routes and places on the sea colour.
    pub fn basemap(&mut self) -> Option<Arc<Basemap>> {
        let loaded = self.basemap.get_or_insert_with(|| {
            let started = std::time::Instant::now();
            let loaded = Basemap::shipped(&Lambert::baltic()).map(Arc::new);
            match &loaded {
                Ok(map) => log::info!(
                    "base map: {} countries, {} triangle vertices, loaded in {:.1} ms",
                    map.countries.len(),
                    map.vertex_count(),
                    started.elapsed().as_secs_f64() * 1000.0
                ),
                Err(err) => log::error!("the base map cannot be shown: {err}"),
            }
            loaded
        });
        loaded.as_ref().ok().map(Arc::clone)
    }

    /// Draws the map screen for `preset`; returns what the visitor asked for.
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, preset: Option<&str>) -> Option<Intent> {
        let basemap = self.basemap();
        let now = ui.input(|i| i.time);
        let layout = MapLayout::with_controls(view, sheet_controls_width(ui, view));
        let state = self
            .state
            .get_or_insert_with(|| new_state(view, layout.free, basemap.as_deref(), preset, now));
        let (intent, labels) = map_ui(ui, view, state, basemap.as_deref(), &layout, now, None);
        self.labels = labels;
        intent
    }

    /// Draws an attract-loop map tour: the map without panels or gestures, flying to
    /// `presets[stop]` whenever `stop` changes, its routes drawing as they appear.
    pub fn tour_ui(&mut self, ui: &mut Ui, view: &View<'_>, presets: &[String], stop: usize) {
        let basemap = self.basemap();
        let now = ui.input(|i| i.time);
        let layout = MapLayout::new(view);
        let preset = presets.get(stop).map(String::as_str);
        if self.state.is_none() {
            self.state = Some(new_state(
                view,
                layout.free,
                basemap.as_deref(),
                preset,
                now,
            ));
            self.tour_stop = Some(stop);
        }
        if self.tour_stop != Some(stop) {
            self.tour_stop = Some(stop);
            if let Some(preset) = preset {
                self.fly_to_preset(view, preset, now);
            }
        }
        let caption = preset
            .and_then(|id| view.content.map.presets.iter().find(|p| p.id == id))
            .map(|p| view.t(&p.name));
        let words = tour_words(ui, view, caption);
        if let Some(state) = self.state.as_mut() {
            let (_, labels) = map_ui(
                ui,
                view,
                state,
                basemap.as_deref(),
                &layout,
                now,
                Some(&words),
            );
            self.labels = labels;
        }
    }
}

/// One frame of the map: gestures, then the scene painted, then the panels (`tour_words`
/// given: a tour, without panels or gestures, whose labels keep off the attract loop's words
/// there); returns what the visitor asked for and where the
/// labels went.
fn map_ui(
    ui: &mut Ui,
    view: &View<'_>,
    state: &mut MapState,
    basemap: Option<&Basemap>,
    layout: &MapLayout,
    now: f64,
    tour_words: Option<&[Rect]>,
) -> (Option<Intent>, LabelReport) {
    let panels = tour_words.is_none();
    let frame = view.frame;
    let style = MapStyle::for_colours(view.colours);
    state.camera.set_viewport(frame.size);
    let looks = layer_looks(&state.model, view.colours.text);

    // Panels first measured, so gestures know where the map is uncovered.
    let legend_rect = if panels {
        legend_rect(ui, view, state, layout)
    } else {
        Rect::NOTHING
    };
    let mut card_rect = measured_card(ui, view, state, layout).map(|(_, card)| card.rect);

    // The whole screen takes gestures; panels and buttons, registered later, sit on top.
    // A tour (no panels) takes none: the attract loop wakes on any touch.
    let screen = Rect::from_min_size(Pos2::ZERO, frame.size);
    let tap = if panels {
        let response = ui.interact(
            frame.rect(screen),
            Id::unique("map-area"),
            Sense::click_and_drag(),
        );
        // For screen readers the map is a picture; its routes and places are buttons of
        // their own (`item_nodes`).
        quiet_node(ui, response.id, Role::Canvas);
        gestures(ui, view, state, &response, legend_rect, card_rect, now)
    } else {
        None
    };
    state.camera.tick(now);

    if let Some(tap) = tap {
        let selection = {
            let routes = scene_routes(state, &style.motion, now);
            let places = scene_places(state, &routes);
            tapped(tap, &routes, &places)
        };
        state.select(selection, now);
        card_rect = measured_card(ui, view, state, layout).map(|(_, card)| card.rect);
    }
    let scene_routes = scene_routes(state, &style.motion, now);
    let mut scene_places = scene_places(state, &scene_routes);
    // Markers fade out as they near the credits and the dock: the band under the map is
    // for the controls (a marker panned there reappears when panned back).
    for place in &mut scene_places {
        let into_band = (place.pos.y - (layout.credits_y - MARKER_FADE)) / MARKER_FADE;
        place.alpha *= (1.0 - into_band).clamp(0.0, 1.0);
    }

    let painter = ui.painter_at(frame.rect(screen));
    let palette = &style.palette;
    painter.rect_filled(frame.rect(screen), 0.0, palette.sea);
    if let Some(basemap) = basemap {
        paint_basemap(
            &painter,
            &frame,
            &state.camera,
            basemap,
            palette,
            view.map_names,
        );
    }
    paint_region_fade(&painter, &frame, &state.camera, palette.sea);

    // Labels give way to the panels, the controls, the routes and each other; they stop
    // above the credit line even when it wraps to a second row (larger text).
    let mut placer = LabelPlacer::new(Rect::from_min_max(
        pos2(space::XS, space::XS),
        pos2(
            frame.size.x - space::XS,
            layout.credits_y - CREDIT.line - space::XS,
        ),
    ));
    if panels {
        placer.block(legend_rect);
    }
    for words in tour_words.unwrap_or_default() {
        placer.block(*words);
    }
    if let Some(card) = card_rect {
        placer.block(card);
    }
    for route in &scene_routes {
        placer.route(&route.points);
    }

    let dim_other_layers = state.selection_layer();
    paint_routes(
        &painter,
        view,
        state,
        &scene_routes,
        &looks,
        dim_other_layers,
    );
    paint_markers(
        &painter,
        view,
        state,
        &scene_places,
        &looks,
        dim_other_layers,
        &mut placer,
    );
    let labels = paint_labels(
        ui,
        view,
        state,
        &scene_routes,
        &scene_places,
        &looks,
        &mut placer,
    );

    if panels && let Some(selection) = item_nodes(ui, view, &scene_routes, &scene_places) {
        state.select(Some(selection), now);
        ui.ctx().request_repaint();
    }

    let mut intent = None;
    if panels {
        if palette.translucent {
            paint_scrim(ui, &frame, layout, palette);
        }
        if scale_and_credits(ui, view, state, layout) {
            intent = Some(Intent::ShowCredits);
        }
        legend_ui(ui, view, state, layout, legend_rect, &looks, now);
        if let Some(card_intent) = card_ui(ui, view, state, layout, now) {
            intent = Some(card_intent);
        }
        // An open card is what the map reads aloud: outline it while it is read.
        if let (Some(card), Some(_), Some(_)) = (card_rect, state.selection, view.spoken) {
            crate::ui::view::spoken_card_mark(ui, view, card);
        }
        controls_ui(ui, view, state, layout, now);
    }

    // The attract loop's tour (no panels) runs at the loop's capped frame rate instead.
    if panels && state.is_animating(&style.motion, now) {
        ui.ctx().request_repaint();
    }
    (intent, labels)
}

/// Where the attract loop writes over a map tour (design points, with room to spare): the
/// signature and the story's title at the top left, and the stop's `caption` (H1, two rows
/// at most) ending at the slides' text bottom at the left. The loop draws these over the map
/// after it (`TourMap` is told neither), so they are measured here as `ui::attract_ui` lays
/// them out; keep the two in step.
fn tour_words(ui: &Ui, view: &View<'_>, caption: Option<&str>) -> [Rect; 2] {
    let frame = &view.frame;
    let measured = |text: &str, style, width, rows| {
        let g = galley(ui, frame, text, style, view.colours.text, width, rows);
        g.size() / frame.scale
    };
    let title = measured(
        &upper(view.t(&view.content.story.title)),
        EYEBROW,
        f32::INFINITY,
        1,
    );
    let top = Rect::from_min_max(
        Pos2::ZERO,
        pos2(
            (200.0 + title.x + space::L).min(frame.size.x),
            72.0 + EYEBROW.line + space::L,
        ),
    );
    let text_bottom = 800.0 + (frame.size.y - 1080.0).max(0.0) / 2.0;
    let measure = 720.0_f32.min(frame.size.x - 2.0 * size::MARGIN_SIDE);
    let name = caption.map_or(vec2(measure, 2.0 * H1.line), |c| {
        measured(c, H1, measure, 2)
    });
    let caption = Rect::from_min_max(
        pos2(size::MARGIN_SIDE, text_bottom - name.y),
        pos2(size::MARGIN_SIDE + name.x, text_bottom),
    )
    .expand(space::L);
    [top, caption]
}
