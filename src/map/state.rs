//! A visit to the map, pure: [`MapState`], [`Selection`], how a visit starts, zoom limits.

use egui::{Pos2, Rect};

use super::basemap::{Basemap, CLIP_BOX};
use super::camera::{Camera, Pose, Zoom, ZoomLimits};
use super::model::{MapModel, resolve};
use super::projection::{Lambert, LonLat, MapPos, MapRect};
use super::style::{MapMotion, MapStyle, MapZoom};
use crate::ui::layout::Frame;
use crate::ui::view::View;

/// What the visitor tapped: its card is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// A route, by its index in `content.map.routes`.
    Route(usize),
    /// A place, by its index in `content.map.places`.
    Place(usize),
}

/// The map's state during one visit to the screen.
#[derive(Clone, Debug)]
pub struct MapState {
    /// Where the map looks and how it moves.
    pub(super) camera: Camera,
    /// The view the visit started with (Reset returns to it).
    pub(super) home: Pose,
    /// Visibility of each layer of `content.map.layers`.
    pub(super) layers: Vec<bool>,
    /// When each resolved route started drawing (None: hidden).
    pub(super) drawn_from: Vec<Option<f64>>,
    /// The open card.
    pub(super) selection: Option<Selection>,
    /// Input time the card opened.
    pub(super) selected_at: f64,
    /// Portrait and compact: the legend sheet is open.
    pub(super) legend_open: bool,
    /// How far the legend's rows are scrolled, design points (when they do not all fit).
    pub(super) legend_scroll: f32,
    /// How far the open card's words are scrolled, design points (when they do not all fit).
    pub(super) card_scroll: f32,
    /// Two fingers were down last frame.
    pub(super) pinching: bool,
    /// The content in map kilometres, resolved when the visit started.
    pub(super) model: MapModel,
    /// The preset the visit opened on.
    pub(super) preset: Option<String>,
}

impl MapState {
    /// The camera.
    pub fn camera(&self) -> &Camera {
        &self.camera
    }

    /// The view Reset returns to.
    pub fn home_pose(&self) -> Pose {
        self.home
    }

    /// The open card, if any.
    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    /// The preset this visit opened on.
    pub fn preset(&self) -> Option<&str> {
        self.preset.as_deref()
    }

    /// Visibility of every layer, in the order of `content.map.layers`.
    pub fn layers_visible(&self) -> &[bool] {
        &self.layers
    }

    /// Whether the layer at `index` of `content.map.layers` is shown.
    pub fn layer_visible(&self, index: usize) -> bool {
        self.layers.get(index).copied().unwrap_or(false)
    }

    /// Screen position of a longitude/latitude for a screen of `frame`.
    pub fn pos_screen(&self, frame: &Frame, pos_lonlat: LonLat) -> Pos2 {
        let design = self
            .camera
            .pos_design(Lambert::baltic().forward(pos_lonlat));
        frame.pos(design)
    }

    /// Shows or hides the layer at `index` of `content.map.layers` at input time `now`
    /// (a layer that appears draws its routes).
    pub fn set_layer_visible(&mut self, index: usize, on: bool, now: f64) {
        if self.layer_visible(index) != on {
            self.set_layer(index, on, now);
        }
    }

    /// Opens the card of `selection` (None closes it) at input time `now`.
    pub fn select(&mut self, selection: Option<Selection>, now: f64) {
        if self.selection != selection {
            self.selection = selection;
            self.selected_at = now;
            self.card_scroll = 0.0;
        }
    }

    /// Shows or hides layer `layer` at `now`: its routes draw again from `now`, and hiding it
    /// closes the card of one of its items.
    pub(super) fn set_layer(&mut self, layer: usize, on: bool, now: f64) {
        if let Some(slot) = self.layers.get_mut(layer) {
            *slot = on;
        }
        for (route, from) in self.model.routes.iter().zip(&mut self.drawn_from) {
            if route.layer == layer {
                *from = on.then_some(now);
            }
        }
        if !on && self.selection_layer().is_some_and(|l| l == layer) {
            self.selection = None;
        }
    }

    /// Whether something still moves at input time `now`: the camera, a route drawing (or its
    /// ends fading in) or the card appearing.
    pub(super) fn is_animating(&self, motion: &MapMotion, now: f64) -> bool {
        let drawing = self
            .drawn_from
            .iter()
            .flatten()
            .any(|&from| now - from < motion.route_secs + motion.marker_fade_secs);
        let card_moving = self.selection.is_some() && now - self.selected_at < motion.card_secs;
        self.camera.is_animating() || drawing || card_moving
    }

    /// The layer of the selected item (content index).
    pub(super) fn selection_layer(&self) -> Option<usize> {
        match self.selection? {
            Selection::Route(key) => self
                .model
                .routes
                .iter()
                .find(|r| r.key == key)
                .map(|r| r.layer),
            Selection::Place(key) => self.model.places.iter().find(|p| p.key == key)?.layer,
        }
    }
}

/// How far inside the data's clip box the map fades to the sea (degrees of longitude and
/// latitude): the camera never shows it.
pub(super) const EDGE_FADE: (f64, f64) = (2.5, 1.4);

/// The part of the plane the view may show: the clip box of the data less its fading edge,
/// inset so that its slanted edges stay out of a zoomed-in view.
pub(super) fn region(projection: &Lambert) -> MapRect {
    let [west, south, east, north] = CLIP_BOX;
    let (west, south, east, north) = (
        west + EDGE_FADE.0,
        south + EDGE_FADE.1,
        east - EDGE_FADE.0,
        north - EDGE_FADE.1,
    );
    let samples = |f: &dyn Fn(f64) -> LonLat| -> Vec<MapPos> {
        (0..=20)
            .map(|i| projection.forward(f(f64::from(i) / 20.0)))
            .collect()
    };
    let lat = |t: f64| south + (north - south) * t;
    let lon = |t: f64| west + (east - west) * t;
    let left = samples(&|t| LonLat::new(west, lat(t)))
        .iter()
        .map(|p| p.x)
        .fold(f64::NEG_INFINITY, f64::max);
    let right = samples(&|t| LonLat::new(east, lat(t)))
        .iter()
        .map(|p| p.x)
        .fold(f64::INFINITY, f64::min);
    let bottom = samples(&|t| LonLat::new(lon(t), south))
        .iter()
        .map(|p| p.y)
        .fold(f64::NEG_INFINITY, f64::max);
    let top = samples(&|t| LonLat::new(lon(t), north))
        .iter()
        .map(|p| p.y)
        .fold(f64::INFINITY, f64::min);
    MapRect {
        min: MapPos::new(left, bottom),
        max: MapPos::new(right, top),
    }
}

/// The camera's zoom limits: out to the whole region in the free area, in to `zoom.max`.
pub(super) fn zoom_limits(region: MapRect, free: Rect, zoom: &MapZoom) -> ZoomLimits {
    let fit =
        (f64::from(free.width()) / region.width()).min(f64::from(free.height()) / region.height());
    let min = Zoom::try_from(fit * 0.9).unwrap_or(Zoom::ONE);
    let max = Zoom::try_from(zoom.max).unwrap_or(min);
    ZoomLimits::new(min, max)
}

/// A visit's first state: a preset fits its bounds and shows its layers; without one the map
/// shows the story's country amid its neighbours (its box grown by 60 % of its size all round),
/// or everything on the visible layers when there is no base map.
pub(super) fn new_state(
    view: &View<'_>,
    free: Rect,
    basemap: Option<&Basemap>,
    preset_id: Option<&str>,
    now: f64,
) -> MapState {
    let projection = Lambert::baltic();
    let map = &view.content.map;
    let model = resolve(map, &projection);
    let preset = preset_id.and_then(|id| map.presets.iter().find(|p| p.id == id));
    let layers: Vec<bool> = map
        .layers
        .iter()
        .map(|layer| match preset {
            Some(p) if !p.layers.is_empty() => p.layers.contains(&layer.id),
            _ => layer.visible,
        })
        .collect();
    let region = region(&projection);
    let limits = zoom_limits(region, free, &MapStyle::for_colours(view.colours).zoom);
    let start = Pose {
        centre: region.center(),
        zoom: limits.min,
    };
    let camera = Camera::new(start, region, limits, view.frame.size);
    // Everything the visible layers hold (without a base map, the whole map fits it).
    let visible = MapRect::around(
        model
            .routes
            .iter()
            .filter(|r| layers.get(r.layer).copied().unwrap_or(false))
            .flat_map(|r| r.points.iter().copied())
            .chain(
                model
                    .places
                    .iter()
                    .filter(|p| {
                        p.layer
                            .is_some_and(|l| layers.get(l).copied().unwrap_or(false))
                    })
                    .map(|p| p.pos),
            ),
    );
    // A preset fits its bounds; the whole map fits the story's country amid its neighbours
    // (markers beyond the free area fade out before the dock, see `view.rs`).
    let target = match preset {
        Some(p) => {
            let b = p.bounds;
            projection.bounds_of_box(b.south, b.west, b.north, b.east)
        }
        None => match basemap.and_then(|b| b.country(&view.map_names.home)) {
            Some(home) => {
                let b = home.bounds;
                MapRect {
                    min: MapPos::new(b.min.x - 0.6 * b.width(), b.min.y - 0.6 * b.height()),
                    max: MapPos::new(b.max.x + 0.6 * b.width(), b.max.y + 0.6 * b.height()),
                }
            }
            None => visible,
        },
    };
    let home = if target.is_valid() {
        camera.fit(target, free)
    } else {
        camera.pose
    };
    let mut camera = camera;
    camera.pose = home;
    let drawn_from = model
        .routes
        .iter()
        .map(|r| layers.get(r.layer).copied().unwrap_or(false).then_some(now))
        .collect();
    MapState {
        camera,
        home,
        layers,
        drawn_from,
        selection: None,
        selected_at: now,
        legend_open: false,
        legend_scroll: 0.0,
        card_scroll: 0.0,
        pinching: false,
        model,
        preset: preset.map(|p| p.id.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::testing;

    #[test]
    fn the_region_lies_inside_the_clip_box() {
        let projection = Lambert::baltic();
        let region = region(&projection);
        for corner in [
            region.min,
            region.max,
            MapPos::new(region.min.x, region.max.y),
            MapPos::new(region.max.x, region.min.y),
        ] {
            let p = projection.inverse(corner);
            assert!(
                (CLIP_BOX[0]..=CLIP_BOX[2]).contains(&p.lon)
                    && (CLIP_BOX[1]..=CLIP_BOX[3]).contains(&p.lat),
                "{corner:?} is {p:?}"
            );
        }
    }

    #[test]
    fn the_zoom_limits_fit_the_region_and_stop_at_the_closest_zoom() {
        let region = region(&Lambert::baltic());
        let free = Rect::from_min_size(Pos2::ZERO, egui::vec2(1000.0, 800.0));
        let zoom = MapZoom {
            step: 1.6,
            max: 6.0,
        };
        let limits = zoom_limits(region, free, &zoom);
        let fit = (1000.0 / region.width()).min(800.0 / region.height());
        assert!((limits.min.get() - fit * 0.9).abs() < 1e-9, "{limits:?}");
        assert!((limits.max.get() - 6.0).abs() < 1e-9, "{limits:?}");
    }

    #[test]
    fn a_visit_starts_with_the_visible_layers_drawing_and_no_card() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let state = testing::visit(&view, 2.0);
        assert_eq!(state.layers_visible(), &[true, true], "both layers");
        assert_eq!(state.drawn_from, vec![Some(2.0)], "GIPL draws from now");
        assert_eq!(state.selection(), None, "no card");
        assert_eq!(state.preset(), None, "no preset");
    }

    #[test]
    fn a_visit_animates_while_its_routes_draw_and_its_card_appears() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let mut state = testing::visit(&view, 0.0);
        let motion = MapStyle::for_colours(&colours).motion;
        assert!(state.is_animating(&motion, 1.0), "GIPL draws");
        let drawn = motion.route_secs + motion.marker_fade_secs;
        assert!(!state.is_animating(&motion, drawn), "drawn");
        state.select(Some(Selection::Route(0)), drawn);
        assert!(state.is_animating(&motion, drawn + 0.1), "the card appears");
        assert!(
            !state.is_animating(&motion, drawn + motion.card_secs),
            "the card is in place"
        );
    }

    #[test]
    fn hiding_a_layer_closes_the_card_of_its_route() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let mut state = testing::visit(&view, 0.0);
        state.select(Some(Selection::Route(0)), 1.0);
        state.set_layer_visible(1, false, 2.0);
        assert_eq!(
            state.selection(),
            Some(Selection::Route(0)),
            "another layer"
        );
        state.set_layer_visible(0, false, 3.0);
        assert_eq!(state.selection(), None, "its own layer");
        assert_eq!(state.drawn_from, vec![None], "hidden");
        state.set_layer_visible(0, true, 4.0);
        assert_eq!(state.drawn_from, vec![Some(4.0)], "draws again from now");
    }
}
