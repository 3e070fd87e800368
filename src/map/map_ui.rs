//! The map screen: the base map full-bleed, routes and places from content, the legend with
//! layer toggles, a card for the tapped route or place, zoom and reset controls, and the
//! gestures (drag with momentum, pinch, wheel). Rebuilt every frame from a long-lived
//! [`MapScreen`]; the pure parts live in `camera.rs`, `hit_test.rs` and `projection.rs`.

use std::sync::Arc;

use egui::{
    Align2, Color32, CornerRadius, Galley, Id, Mesh, Painter, Pos2, Rect, Response, Role, Sense,
    Shape, Stroke, Ui, UiBuilder, Vec2, WidgetInfo, pos2, vec2,
};

use super::basemap::{Basemap, BasemapError, CLIP_BOX};
use super::camera::{Camera, Pose, Zoom, ZoomLimits, ease_in_out_cubic};
use super::hit_test::{
    FAN_OUT, FINGER_RADIUS, Hit, PlaceTarget, RouteTarget, SHARED_DISTANCE, fan_out, hit_test,
};
use super::projection::{Lambert, LonLat, MapPos, MapRect};
use crate::content::{LineStyle, MapContent, PlaceKind, Text, Waypoint};
use crate::state::Intent;
use crate::ui::home_ui::figure_ui;
use crate::ui::layout::{DOCK_HEIGHT, Frame};
use crate::ui::theme::{BODY_S, CAPTION, CREDIT, EYEBROW, Face, H2, H3, LABEL, TypeStyle, hex};
use crate::ui::view::{View, quiet_node, text_node};
use crate::ui::widgets::{
    Elevation, Icon, elevated, galley, icon, mix, pill_width, press_amount, radius, touch_target,
    upper,
};

// ----- Colours of the map (visual.md §3) ---------------------------------------------------

/// The base map's colours: the designed ones, or high contrast.
struct MapPalette {
    /// Sea, and everything outside the data.
    sea: Color32,
    /// Neighbouring land.
    land: Color32,
    /// The story's country.
    home_land: Color32,
    /// Its outline.
    home_outline: Color32,
    /// Borders between countries, and their width in design points.
    border: Color32,
    border_width: f32,
    /// Country names.
    country_name: Color32,
    /// The story's country's name.
    home_name: Color32,
    /// Sea names.
    sea_name: Color32,
    /// Toggle knob when off.
    knob_off: Color32,
    /// Fades, scrims and see-through panels (high contrast has none).
    translucent: bool,
}

const DESIGNED: MapPalette = MapPalette {
    sea: Color32::from_rgb(0x0A, 0x13, 0x19),
    land: Color32::from_rgb(0x1C, 0x2B, 0x35),
    home_land: Color32::from_rgb(0x2E, 0x45, 0x52),
    // Amber at 45 %.
    home_outline: Color32::from_rgba_premultiplied(0x72, 0x53, 0x09, 0x73),
    border: Color32::from_rgb(0x3E, 0x55, 0x66),
    border_width: 1.5,
    country_name: Color32::from_rgb(0x8F, 0xA0, 0xAB),
    home_name: Color32::from_rgb(0xC9, 0xD3, 0xD9),
    sea_name: Color32::from_rgb(0x6A, 0x84, 0x94),
    knob_off: Color32::from_rgb(0x8C, 0x9A, 0xA4),
    translucent: true,
};

/// visual.md's high-contrast map: black sea, grey land, light borders, white labels.
const HIGH_CONTRAST: MapPalette = MapPalette {
    sea: Color32::BLACK,
    land: Color32::from_rgb(0x26, 0x26, 0x26),
    home_land: Color32::from_rgb(0x3D, 0x3D, 0x3D),
    home_outline: Color32::from_rgb(0xFF, 0xD4, 0x00),
    border: Color32::from_rgb(0xBF, 0xBF, 0xBF),
    border_width: 2.0,
    country_name: Color32::WHITE,
    home_name: Color32::WHITE,
    sea_name: Color32::WHITE,
    knob_off: Color32::from_rgb(0xC8, 0xC8, 0xC8),
    translucent: false,
};

fn map_palette(colours: &crate::ui::theme::Colours) -> &'static MapPalette {
    if colours.high_contrast {
        &HIGH_CONTRAST
    } else {
        &DESIGNED
    }
}

/// The story's country, drawn lighter with an amber outline.
const HOME_COUNTRY: &str = "LTU";

// ----- Type (visual.md §2, map labels) ------------------------------------------------------

const CAPITAL_LABEL: TypeStyle = TypeStyle {
    size: 22.0,
    line: 28.0,
    face: Face::Strong,
    tracking: 0.0,
};
const TOWN_LABEL: TypeStyle = TypeStyle {
    size: 20.0,
    line: 26.0,
    face: Face::Regular,
    tracking: 0.0,
};
const SITE_LABEL: TypeStyle = TypeStyle {
    size: 20.0,
    line: 26.0,
    face: Face::Strong,
    tracking: 0.0,
};
const COUNTRY_LABEL: TypeStyle = TypeStyle {
    size: 18.0,
    line: 24.0,
    face: Face::Strong,
    tracking: 3.0,
};
const SEA_LABEL: TypeStyle = TypeStyle {
    size: 20.0,
    line: 26.0,
    face: Face::Regular,
    tracking: 6.0,
};
const FIGURE_L: TypeStyle = TypeStyle {
    size: 88.0,
    line: 92.0,
    face: Face::Serif,
    tracking: 0.0,
};
/// Two-line legend names.
const LEGEND_NAME: TypeStyle = TypeStyle {
    size: 24.0,
    line: 30.0,
    face: Face::Regular,
    tracking: 0.0,
};

// ----- Motion (visual.md §6) ----------------------------------------------------------------

/// Seconds a route takes to draw.
const ROUTE_SECS: f64 = 1.6;
/// Seconds the end markers of a route take to fade in once it is drawn.
const MARKER_FADE_SECS: f64 = 0.18;
/// Seconds a card takes to appear.
const CARD_SECS: f64 = 0.25;
/// Seconds the zoom buttons take.
const ZOOM_BUTTON_SECS: f64 = 0.3;
/// Zoom factor of one press of a zoom button.
const ZOOM_STEP: f64 = 1.6;
/// Closest zoom, design points per kilometre.
const MAX_ZOOM: f64 = 6.0;

// ----- Names the content does not carry ----------------------------------------------------

/// A country's name on the map, in English and Lithuanian, at a hand-placed point.
struct CountryName {
    iso: &'static str,
    en: &'static str,
    lt: &'static str,
    lon: f64,
    lat: f64,
}

const fn country(
    iso: &'static str,
    en: &'static str,
    lt: &'static str,
    lon: f64,
    lat: f64,
) -> CountryName {
    CountryName {
        iso,
        en,
        lt,
        lon,
        lat,
    }
}

/// Country names, most important first (they give way to each other in this order).
const COUNTRY_NAMES: &[CountryName] = &[
    country("LTU", "Lithuania", "Lietuva", 23.9, 55.45),
    country("LVA", "Latvia", "Latvija", 25.9, 56.85),
    country("EST", "Estonia", "Estija", 25.9, 58.75),
    country("POL", "Poland", "Lenkija", 19.4, 52.3),
    country("BLR", "Belarus", "Baltarusija", 27.9, 53.35),
    country("RUS", "Russia", "Rusija", 21.45, 54.72),
    country("RUS", "Russia", "Rusija", 33.5, 56.6),
    country("UKR", "Ukraine", "Ukraina", 31.2, 49.1),
    country("SWE", "Sweden", "Švedija", 15.0, 58.9),
    country("FIN", "Finland", "Suomija", 26.5, 62.1),
    country("DEU", "Germany", "Vokietija", 10.6, 51.2),
    country("DNK", "Denmark", "Danija", 9.2, 56.1),
    country("NOR", "Norway", "Norvegija", 9.6, 61.2),
    country("CZE", "Czechia", "Čekija", 15.4, 49.8),
    country("SVK", "Slovakia", "Slovakija", 19.6, 48.75),
    country("HUN", "Hungary", "Vengrija", 19.3, 47.1),
    country("ROU", "Romania", "Rumunija", 24.9, 45.9),
    country("MDA", "Moldova", "Moldova", 28.6, 47.3),
];

/// Sea names: English, Lithuanian, longitude, latitude.
const SEA_NAMES: &[(&str, &str, f64, f64)] = &[
    ("Baltic Sea", "Baltijos jūra", 18.8, 55.15),
    ("Black Sea", "Juodoji jūra", 32.6, 44.2),
];

/// Capitals (longitude, latitude): a city place within 15 km of one gets the capital style.
const CAPITALS: &[(f64, f64)] = &[
    (25.2798, 54.6892),
    (24.1059, 56.9460),
    (24.7535, 59.4370),
    (21.0118, 52.2298),
    (27.5667, 53.9000),
    (18.0687, 59.3294),
    (24.9354, 60.1695),
    (30.5238, 50.4547),
    (37.6176, 55.7558),
    (13.4050, 52.5200),
    (12.5683, 55.6761),
    (10.7522, 59.9139),
];

/// The credit line on the map (English, Lithuanian).
const CREDIT_LINE: (&str, &str) = (
    "Map data: Natural Earth · Place coordinates: GeoNames (CC BY 4.0)",
    "Žemėlapio duomenys: Natural Earth · Vietovių koordinatės: GeoNames (CC BY 4.0)",
);

fn in_language(lang: &str, en: &'static str, lt: &'static str) -> &'static str {
    if lang == "lt" { lt } else { en }
}

// ----- State ---------------------------------------------------------------------------------

/// What the visitor tapped: its card is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// A route, by its index in `content.map.routes`.
    Route(usize),
    /// A place, by its index in `content.map.places`.
    Place(usize),
}

/// A place the map can show: content resolved and checked.
#[derive(Clone, Debug)]
struct PlacePoint {
    /// Index in `content.map.places`.
    key: usize,
    /// Index of its layer in `content.map.layers` (None: always shown).
    layer: Option<usize>,
    pos: MapPos,
    city: bool,
    capital: bool,
    /// First or last point of a route.
    route_end: bool,
    /// Named by some route (its end or a waypoint).
    on_route: bool,
    /// It has a card (text).
    has_card: bool,
}

/// A route the map can show: content resolved and checked.
#[derive(Clone, Debug)]
struct RouteLine {
    /// Index in `content.map.routes`.
    key: usize,
    /// Index of its layer in `content.map.layers`.
    layer: usize,
    /// Points in map kilometres (a schematic link is drawn as a gentle arc).
    points: Vec<MapPos>,
}

/// The map's content, resolved once per visit: unknown layers and places, bad coordinates and
/// routes with fewer than two points are left out (`vitrina check` reports them).
#[derive(Clone, Debug, Default)]
struct Resolved {
    places: Vec<PlacePoint>,
    routes: Vec<RouteLine>,
}

fn resolve(map: &MapContent, projection: &Lambert) -> Resolved {
    let layer_index = |id: &str| map.layers.iter().position(|l| l.id == id);
    let place_pos = |id: &str| {
        map.places
            .iter()
            .find(|p| p.id == id)
            .map(|p| LonLat::new(p.lon, p.lat))
            .filter(|p| p.is_valid())
    };
    let mut routes = Vec::new();
    for (key, route) in map.routes.iter().enumerate() {
        let Some(layer) = layer_index(&route.layer) else {
            continue;
        };
        let lonlats: Vec<LonLat> = route
            .waypoints
            .iter()
            .filter_map(|w| match w {
                Waypoint::Place(id) => place_pos(id),
                Waypoint::At(lat, lon) => Some(LonLat::new(*lon, *lat)).filter(|p| p.is_valid()),
            })
            .collect();
        if lonlats.len() < 2 {
            continue;
        }
        let mut points: Vec<MapPos> = lonlats.iter().map(|&p| projection.forward(p)).collect();
        if route.schematic && points.len() == 2 {
            points = arc(points[0], points[1]);
        }
        routes.push(RouteLine { key, layer, points });
    }
    let mut places = Vec::new();
    for (key, place) in map.places.iter().enumerate() {
        let lonlat = LonLat::new(place.lon, place.lat);
        if !lonlat.is_valid() {
            continue;
        }
        let layer = match &place.layer {
            Some(id) => match layer_index(id) {
                Some(index) => Some(index),
                None => continue,
            },
            None => None,
        };
        let named = |route: &crate::content::Route| {
            route
                .waypoints
                .iter()
                .any(|w| matches!(w, Waypoint::Place(id) if *id == place.id))
        };
        let at_end = |route: &crate::content::Route| {
            [route.waypoints.first(), route.waypoints.last()]
                .into_iter()
                .flatten()
                .any(|w| matches!(w, Waypoint::Place(id) if *id == place.id))
        };
        let city = place.kind == PlaceKind::City;
        places.push(PlacePoint {
            key,
            layer,
            pos: projection.forward(lonlat),
            city,
            capital: city
                && CAPITALS.iter().any(|&(lon, lat)| {
                    projection
                        .forward(LonLat::new(lon, lat))
                        .distance(projection.forward(lonlat))
                        < 15.0
                }),
            route_end: map.routes.iter().any(at_end),
            on_route: map.routes.iter().any(named),
            has_card: !place.text.is_empty(),
        });
    }
    Resolved { places, routes }
}

/// A gentle arc from `a` to `b`, for links whose course is not known (schematic).
fn arc(a: MapPos, b: MapPos) -> Vec<MapPos> {
    let mid = a.lerp(b, 0.5);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    // Bend to the left of the direction of travel by 12 % of the length.
    let control = MapPos::new(mid.x - dy * 0.12, mid.y + dx * 0.12);
    (0..=24)
        .map(|i| {
            let t = f64::from(i) / 24.0;
            let u = 1.0 - t;
            MapPos::new(
                u * u * a.x + 2.0 * u * t * control.x + t * t * b.x,
                u * u * a.y + 2.0 * u * t * control.y + t * t * b.y,
            )
        })
        .collect()
}

/// The map's state during one visit to the screen.
#[derive(Clone, Debug)]
pub struct MapState {
    camera: Camera,
    /// The view the visit started with (Reset returns to it).
    home: Pose,
    /// Visibility of each layer of `content.map.layers`.
    layers: Vec<bool>,
    /// When each resolved route started drawing (None: hidden).
    drawn_from: Vec<Option<f64>>,
    selection: Option<Selection>,
    /// Input time the card opened.
    selected_at: f64,
    /// Portrait and compact: the legend sheet is open.
    legend_open: bool,
    /// Two fingers were down last frame.
    pinching: bool,
    resolved: Resolved,
    /// The preset the visit opened on.
    preset: Option<String>,
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
        }
    }

    fn set_layer(&mut self, layer: usize, on: bool, now: f64) {
        if let Some(slot) = self.layers.get_mut(layer) {
            *slot = on;
        }
        for (route, from) in self.resolved.routes.iter().zip(&mut self.drawn_from) {
            if route.layer == layer {
                *from = on.then_some(now);
            }
        }
        if !on && self.selection_layer().is_some_and(|l| l == layer) {
            self.selection = None;
        }
    }

    /// The layer of the selected item (content index).
    fn selection_layer(&self) -> Option<usize> {
        match self.selection? {
            Selection::Route(key) => self
                .resolved
                .routes
                .iter()
                .find(|r| r.key == key)
                .map(|r| r.layer),
            Selection::Place(key) => self.resolved.places.iter().find(|p| p.key == key)?.layer,
        }
    }
}

/// The map screen's long-lived part: the base map (loaded once) and the current visit.
#[derive(Default)]
pub struct MapScreen {
    basemap: Option<Result<Arc<Basemap>, BasemapError>>,
    state: Option<MapState>,
    /// In a map tour: the preset (by position in the tour) the camera flies to.
    tour_stop: Option<usize>,
}

impl std::fmt::Debug for MapScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MapScreen")
            .field("basemap_loaded", &self.basemap.as_ref().map(Result::is_ok))
            .field("state", &self.state)
            .finish()
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
        let layout = MapLayout::new(view);
        let state = self
            .state
            .get_or_insert_with(|| new_state(view, &layout, basemap.as_deref(), preset, now));
        map_ui(ui, view, state, basemap.as_deref(), &layout, now, true)
    }

    /// Draws an attract-loop map tour: the map without panels or gestures, flying to
    /// `presets[stop]` whenever `stop` changes, its routes drawing as they appear.
    pub fn tour_ui(&mut self, ui: &mut Ui, view: &View<'_>, presets: &[String], stop: usize) {
        let basemap = self.basemap();
        let now = ui.input(|i| i.time);
        let layout = MapLayout::new(view);
        let preset = presets.get(stop).map(String::as_str);
        if self.state.is_none() {
            self.state = Some(new_state(view, &layout, basemap.as_deref(), preset, now));
            self.tour_stop = Some(stop);
        }
        if self.tour_stop != Some(stop) {
            self.tour_stop = Some(stop);
            if let Some(preset) = preset {
                self.fly_to_preset(view, preset, now);
            }
        }
        if let Some(state) = self.state.as_mut() {
            let _ = map_ui(ui, view, state, basemap.as_deref(), &layout, now, false);
        }
    }
}

/// The part of the plane the view may show: the clip box of the data, inset so that its
/// slanted edges stay out of a zoomed-in view.
fn region(projection: &Lambert) -> MapRect {
    let [west, south, east, north] = CLIP_BOX;
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

/// The camera's zoom limits: out to the whole region in the free area, in to `MAX_ZOOM`.
fn zoom_limits(region: MapRect, free: Rect) -> ZoomLimits {
    let fit =
        (f64::from(free.width()) / region.width()).min(f64::from(free.height()) / region.height());
    let min = Zoom::try_from(fit * 0.9).unwrap_or(Zoom::ONE);
    let max = Zoom::try_from(MAX_ZOOM).unwrap_or(min);
    ZoomLimits::new(min, max)
}

/// A visit's first state: a preset fits its bounds and shows its layers; without one the map
/// shows the story's country amid its neighbours (its box grown by 60 % of its size all round),
/// or everything on the visible layers when there is no base map.
fn new_state(
    view: &View<'_>,
    layout: &MapLayout,
    basemap: Option<&Basemap>,
    preset_id: Option<&str>,
    now: f64,
) -> MapState {
    let projection = Lambert::baltic();
    let map = &view.content.map;
    let resolved = resolve(map, &projection);
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
    let limits = zoom_limits(region, layout.free);
    let start = Pose {
        centre: region.center(),
        zoom: limits.min,
    };
    let camera = Camera::new(start, region, limits, view.frame.size);
    // A preset fits its bounds; the whole map fits everything its visible layers hold.
    let target = match preset {
        Some(p) => {
            let b = p.bounds;
            projection.bounds_of_box(b.south, b.west, b.north, b.east)
        }
        None => match basemap.and_then(|b| b.country(HOME_COUNTRY)) {
            Some(home) => {
                let b = home.bounds;
                MapRect {
                    min: MapPos::new(b.min.x - 0.6 * b.width(), b.min.y - 0.6 * b.height()),
                    max: MapPos::new(b.max.x + 0.6 * b.width(), b.max.y + 0.6 * b.height()),
                }
            }
            None => MapRect::around(
                resolved
                    .routes
                    .iter()
                    .filter(|r| layers.get(r.layer).copied().unwrap_or(false))
                    .flat_map(|r| r.points.iter().copied())
                    .chain(
                        resolved
                            .places
                            .iter()
                            .filter(|p| {
                                p.layer
                                    .is_some_and(|l| layers.get(l).copied().unwrap_or(false))
                            })
                            .map(|p| p.pos),
                    ),
            ),
        },
    };
    let home = if target.is_valid() {
        camera.fit(target, layout.free)
    } else {
        camera.pose
    };
    let mut camera = camera;
    camera.pose = home;
    let drawn_from = resolved
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
        pinching: false,
        resolved,
        preset: preset.map(|p| p.id.clone()),
    }
}

// ----- Layout ----------------------------------------------------------------------------------

/// Where the map's panels and controls go, in design points (visual.md §5).
#[derive(Clone, Copy, Debug)]
struct MapLayout {
    /// Portrait and compact: legend and card are sheets above the controls.
    sheets: bool,
    /// Landscape: the legend panel's column (its height is a limit). Sheets: the sheet area.
    legend: Rect,
    /// Landscape: the card's column. Sheets: the sheet area.
    card: Rect,
    /// Where presets fit.
    free: Rect,
    /// Top of the row of map controls.
    controls_top: f32,
    /// The controls sit in the dock row as icons, between its buttons and the accessibility
    /// button (their own row would be out of reach).
    joined: bool,
    /// Top of the band under the credits where panels stop.
    credits_y: f32,
}

impl MapLayout {
    fn new(view: &View<'_>) -> Self {
        let frame = &view.frame;
        let mx = frame.margin_x();
        let dock = frame.dock();
        let size = frame.size;
        if frame.portrait || frame.compact() {
            // A row of their own above the dock, or the dock row when that is out of reach.
            let joined = view.controls_join_dock();
            let controls_top = if joined {
                dock.top()
            } else {
                dock.top() - 32.0 - DOCK_HEIGHT
            };
            let credits_y = controls_top - 40.0;
            let bottom = credits_y - 16.0;
            let sheet_h = (size.y * 0.45).min(bottom - 64.0);
            let sheet = Rect::from_min_max(pos2(mx, bottom - sheet_h), pos2(size.x - mx, bottom));
            Self {
                sheets: true,
                legend: sheet,
                card: sheet,
                free: Rect::from_min_max(pos2(mx, 64.0), pos2(size.x - mx, bottom)),
                controls_top,
                joined,
                credits_y,
            }
        } else {
            let bottom = dock.top() - 24.0;
            let legend = Rect::from_min_max(pos2(mx, 64.0), pos2(mx + 456.0, bottom));
            let card =
                Rect::from_min_max(pos2(size.x - mx - 488.0, 64.0), pos2(size.x - mx, bottom));
            Self {
                sheets: false,
                legend,
                card,
                free: Rect::from_min_max(
                    pos2(legend.right(), 40.0),
                    pos2(card.left(), dock.top() - 20.0),
                ),
                controls_top: dock.top(),
                joined: false,
                credits_y: dock.top() - 52.0,
            }
        }
    }
}

// ----- The frame -------------------------------------------------------------------------------

/// A route as drawn this frame, in design points.
struct SceneRoute<'a> {
    line: &'a RouteLine,
    points: Vec<Pos2>,
    /// How much of it is drawn, 0..1.
    progress: f32,
    /// Its end markers' opacity.
    ends: f32,
}

/// A place as drawn this frame.
struct ScenePlace<'a> {
    point: &'a PlacePoint,
    /// Its true position.
    at: Pos2,
    /// Where its marker is drawn (fanned out from others at the same spot).
    pos: Pos2,
    /// Opacity (route ends fade in once their route is drawn).
    alpha: f32,
}

/// Per-layer look resolved from content.
#[derive(Clone, Copy)]
struct LayerLook {
    colour: Color32,
    line: LineStyle,
    /// The layer has routes (else its swatch is its marker).
    has_routes: bool,
}

fn map_ui(
    ui: &mut Ui,
    view: &View<'_>,
    state: &mut MapState,
    basemap: Option<&Basemap>,
    layout: &MapLayout,
    now: f64,
    panels: bool,
) -> Option<Intent> {
    let frame = view.frame;
    let content = view.content;
    state.camera.set_viewport(frame.size);
    let looks: Vec<LayerLook> = content
        .map
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| LayerLook {
            colour: hex(&layer.colour, view.colours.text),
            line: layer.line,
            has_routes: state.resolved.routes.iter().any(|r| r.layer == i),
        })
        .collect();

    // Panels first measured, so gestures know where the map is uncovered.
    let legend_rect = if panels {
        legend_rect(view, state, layout)
    } else {
        Rect::NOTHING
    };
    let mut card_rect = card_layout(ui, view, state, layout).map(|c| c.rect);

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
            let routes = scene_routes(state, now);
            let places = scene_places(state, &routes);
            tapped(tap, &routes, &places)
        };
        state.select(selection, now);
        card_rect = card_layout(ui, view, state, layout).map(|c| c.rect);
    }
    let scene_routes = scene_routes(state, now);
    let scene_places = scene_places(state, &scene_routes);

    let painter = ui.painter_at(frame.rect(screen));
    let palette = map_palette(view.colours);
    painter.rect_filled(frame.rect(screen), 0.0, palette.sea);
    if let Some(basemap) = basemap {
        paint_basemap(&painter, &frame, &state.camera, basemap, palette);
    }
    paint_region_fade(&painter, &frame, &state.camera, palette.sea);

    // Labels give way to the panels, the controls and each other.
    let mut placer = LabelPlacer::new(Rect::from_min_max(
        pos2(8.0, 8.0),
        pos2(frame.size.x - 8.0, layout.credits_y - 8.0),
    ));
    if panels {
        placer.block(legend_rect);
    }
    if let Some(card) = card_rect {
        placer.block(card);
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
    paint_labels(
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
            paint_scrim(ui, &frame, layout);
        }
        scale_and_credits(ui, view, state, layout);
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

    let drawing = state
        .drawn_from
        .iter()
        .flatten()
        .any(|&from| now - from < ROUTE_SECS + MARKER_FADE_SECS);
    let card_moving = state.selection.is_some() && now - state.selected_at < CARD_SECS;
    // The attract loop's tour (no panels) runs at the loop's capped frame rate instead.
    if panels && (state.camera.is_animating() || drawing || card_moving) {
        ui.ctx().request_repaint();
    }
    intent
}

/// Every route and place with a card as a button for screen readers, named and placed where
/// it is drawn. They sense no touches (the map's gestures handle those); a screen reader's
/// press opens the item's card, as a tap on it does.
fn item_nodes(
    ui: &Ui,
    view: &View<'_>,
    routes: &[SceneRoute<'_>],
    places: &[ScenePlace<'_>],
) -> Option<Selection> {
    let frame = &view.frame;
    let map = &view.content.map;
    let screen = Rect::from_min_size(Pos2::ZERO, frame.size);
    let routes = routes.iter().filter_map(|r| {
        let (at, _) = along(&r.points, 0.5)?;
        let name = view.t(&map.routes.get(r.line.key)?.name);
        Some((at, name, Selection::Route(r.line.key)))
    });
    let places = places
        .iter()
        .filter(|p| p.point.has_card && !p.point.city)
        .filter_map(|p| {
            let name = view.t(&map.places.get(p.point.key)?.name);
            Some((p.pos, name, Selection::Place(p.point.key)))
        });
    let mut pressed = None;
    for (at, name, selection) in routes.chain(places) {
        let rect = Rect::from_center_size(at, Vec2::splat(2.0 * FINGER_RADIUS)).intersect(screen);
        if !rect.is_positive() {
            continue;
        }
        let id = Id::unique(("map-item", selection));
        let response = ui.interact(frame.rect(rect), id, Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, name));
        ui.ctx().accesskit_node_builder(id, |node| {
            node.add_action(egui::accesskit::Action::Click);
        });
        if ui.input(|i| i.has_accesskit_action_request(id, egui::accesskit::Action::Click)) {
            pressed = Some(selection);
        }
    }
    pressed
}

/// What a tap at `tap` (design points) opens: the nearest place with a card or route.
fn tapped(tap: Pos2, routes: &[SceneRoute<'_>], places: &[ScenePlace<'_>]) -> Option<Selection> {
    let place_targets: Vec<PlaceTarget> = places
        .iter()
        .filter(|p| p.point.has_card && !p.point.city)
        .map(|p| PlaceTarget {
            key: p.point.key,
            pos: p.pos,
        })
        .collect();
    let route_targets: Vec<RouteTarget<'_>> = routes
        .iter()
        .map(|r| RouteTarget {
            key: r.line.key,
            points: &r.points,
        })
        .collect();
    hit_test(tap, &place_targets, &route_targets, FINGER_RADIUS).map(|hit| match hit {
        Hit::Place(key) => Selection::Place(key),
        Hit::Route(key) => Selection::Route(key),
    })
}

/// Design position of a screen position.
fn to_design(frame: &Frame, pos: Pos2) -> Pos2 {
    ((pos - frame.origin) / frame.scale).to_pos2()
}

/// Drag, pinch and wheel; returns a tap's design position.
fn gestures(
    ui: &Ui,
    view: &View<'_>,
    state: &mut MapState,
    response: &Response,
    legend: Rect,
    card: Option<Rect>,
    now: f64,
) -> Option<Pos2> {
    let frame = view.frame;
    let camera = &mut state.camera;
    if response.is_pointer_button_down_on()
        && matches!(
            camera.motion,
            super::camera::Motion::Flying { .. } | super::camera::Motion::Gliding { .. }
        )
    {
        // Any touch stops a flight or a glide.
        camera.stop();
    }
    let touch = ui.input(|i| i.multi_touch()).filter(|t| t.num_touches >= 2);
    if let Some(touch) = touch {
        state.pinching = true;
        camera.stop();
        camera.zoom_about(
            f64::from(touch.zoom_delta),
            to_design(&frame, touch.center_pos),
        );
        camera.pan_by(touch.translation_delta / frame.scale);
        return None;
    }
    if state.pinching {
        // One finger left: it holds the map from here.
        state.pinching = false;
        camera.stop();
        if let Some(pos) = ui
            .input(|i| i.pointer.latest_pos())
            .filter(|_| response.dragged())
        {
            camera.drag_start(to_design(&frame, pos));
        }
    }
    if response.drag_started() {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        if let Some(origin) = origin {
            camera.drag_start(to_design(&frame, origin));
        }
    }
    if (response.dragged() || response.drag_stopped())
        && let Some(pos) = ui.input(|i| i.pointer.latest_pos())
    {
        camera.drag_to(to_design(&frame, pos));
    }
    if response.drag_stopped() {
        let velocity = ui.input(|i| i.pointer.velocity()) / frame.scale;
        camera.release(velocity, now);
    }
    // Wheel and trackpad zoom, about the pointer, where no panel covers the map.
    if let Some(hover) = ui.input(|i| i.pointer.hover_pos()) {
        let at = to_design(&frame, hover);
        let covered = legend.contains(at)
            || card.is_some_and(|c| c.contains(at))
            || at.y > frame.dock().top() - 8.0;
        if !covered {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta.y));
            let factor = f64::from(zoom) * (f64::from(scroll) / frame.scale as f64 * 0.0025).exp();
            if (factor - 1.0).abs() > 1e-4 {
                if !matches!(camera.motion, super::camera::Motion::Dragging { .. }) {
                    camera.stop();
                }
                camera.zoom_about(factor, at);
            }
        }
    }
    if response.clicked() {
        return response
            .interact_pointer_pos()
            .map(|p| to_design(&frame, p));
    }
    None
}

fn scene_routes(state: &MapState, now: f64) -> Vec<SceneRoute<'_>> {
    let transform = state.camera.transform();
    state
        .resolved
        .routes
        .iter()
        .zip(&state.drawn_from)
        .filter(|(line, _)| state.layer_visible(line.layer))
        .map(|(line, from)| {
            let elapsed = from.map_or(ROUTE_SECS + MARKER_FADE_SECS, |from| (now - from).max(0.0));
            #[expect(clippy::cast_possible_truncation, reason = "a fraction")]
            let progress = ease_in_out_cubic(elapsed / ROUTE_SECS) as f32;
            #[expect(clippy::cast_possible_truncation, reason = "a fraction")]
            let ends = ((elapsed - ROUTE_SECS) / MARKER_FADE_SECS).clamp(0.0, 1.0) as f32;
            SceneRoute {
                line,
                points: line.points.iter().map(|&p| transform.apply(p)).collect(),
                progress,
                ends,
            }
        })
        .collect()
}

fn scene_places<'a>(state: &'a MapState, routes: &[SceneRoute<'_>]) -> Vec<ScenePlace<'a>> {
    let transform = state.camera.transform();
    let shown: Vec<&PlacePoint> = state
        .resolved
        .places
        .iter()
        .filter(|p| p.layer.is_none_or(|l| state.layer_visible(l)))
        .collect();
    let at: Vec<Pos2> = shown.iter().map(|p| transform.apply(p.pos)).collect();
    // Sites fan out from each other; cities keep their place under them.
    let sites: Vec<usize> = (0..shown.len()).filter(|&i| !shown[i].city).collect();
    let site_points: Vec<Pos2> = sites.iter().map(|&i| at[i]).collect();
    let fanned = fan_out(&site_points, SHARED_DISTANCE, FAN_OUT);
    let mut pos = at.clone();
    for (&i, p) in sites.iter().zip(fanned) {
        pos[i] = p;
    }
    shown
        .iter()
        .enumerate()
        .map(|(i, point)| {
            // A route's end marker appears once the route has drawn to it.
            let alpha = if point.route_end {
                routes
                    .iter()
                    .filter(|r| Some(r.line.layer) == point.layer)
                    .map(|r| r.ends)
                    .fold(1.0_f32, f32::min)
            } else {
                1.0
            };
            ScenePlace {
                point,
                at: at[i],
                pos: pos[i],
                alpha,
            }
        })
        .collect()
}

// ----- Base map ----------------------------------------------------------------------------

fn paint_basemap(
    painter: &Painter,
    frame: &Frame,
    camera: &Camera,
    basemap: &Basemap,
    palette: &MapPalette,
) {
    let t = camera.transform().then_scale(frame.scale, frame.origin);
    let visible = camera.visible_map_rect();
    let mut mesh = Mesh::default();
    let mut coasts = Vec::new();
    for country in basemap
        .countries
        .iter()
        .filter(|c| c.bounds.intersects(&visible))
    {
        let fill = if country.iso_a3 == HOME_COUNTRY {
            palette.home_land
        } else {
            palette.land
        };
        let Ok(base) = u32::try_from(mesh.vertices.len()) else {
            break;
        };
        mesh.reserve_vertices(country.vertices.len());
        for &v in &country.vertices {
            mesh.colored_vertex(t.apply(v), fill);
        }
        mesh.indices
            .extend(country.indices.iter().map(|&i| base + i));
        // A hairline of the land's own colour smooths the mesh's jagged coast.
        for ring in &country.rings {
            coasts.push(Shape::closed_line(
                ring.iter().map(|&p| t.apply(p)).collect(),
                Stroke::new(1.0, fill),
            ));
        }
    }
    painter.add(Shape::mesh(mesh));
    painter.extend(coasts);
    let border = Stroke::new(frame.pt(palette.border_width), palette.border);
    for line in &basemap.borders {
        if line.iter().any(|&p| visible.contains(p)) {
            painter.add(Shape::line(
                line.iter().map(|&p| t.apply(p)).collect(),
                border,
            ));
        }
    }
    if let Some(home) = basemap.country(HOME_COUNTRY) {
        let outline = Stroke::new(frame.pt(2.0), palette.home_outline);
        for ring in &home.rings {
            painter.add(Shape::closed_line(
                ring.iter().map(|&p| t.apply(p)).collect(),
                outline,
            ));
        }
    }
}

/// Fades the land into the sea along the edges of the data's clip box, so the cut never shows
/// as a straight coast.
fn paint_region_fade(painter: &Painter, frame: &Frame, camera: &Camera, sea: Color32) {
    let projection = Lambert::baltic();
    let t = camera.transform().then_scale(frame.scale, frame.origin);
    let [west, south, east, north] = CLIP_BOX;
    let (fade_lon, fade_lat) = (2.5, 1.4);
    let mut mesh = Mesh::default();
    let clear = Color32::TRANSPARENT;
    let mut strip = |edge: &dyn Fn(f64) -> LonLat, inner: &dyn Fn(f64) -> LonLat| {
        const STEPS: u32 = 24;
        let Ok(base) = u32::try_from(mesh.vertices.len()) else {
            return;
        };
        for i in 0..=STEPS {
            let s = f64::from(i) / f64::from(STEPS);
            mesh.colored_vertex(t.apply(projection.forward(edge(s))), sea);
            mesh.colored_vertex(t.apply(projection.forward(inner(s))), clear);
        }
        for i in 0..STEPS {
            let k = base + 2 * i;
            mesh.add_triangle(k, k + 1, k + 2);
            mesh.add_triangle(k + 1, k + 3, k + 2);
        }
    };
    let lat = |s: f64| south + (north - south) * s;
    let lon = |s: f64| west + (east - west) * s;
    strip(&|s| LonLat::new(west, lat(s)), &|s| {
        LonLat::new(west + fade_lon, lat(s))
    });
    strip(&|s| LonLat::new(east, lat(s)), &|s| {
        LonLat::new(east - fade_lon, lat(s))
    });
    strip(&|s| LonLat::new(lon(s), south), &|s| {
        LonLat::new(lon(s), south + fade_lat)
    });
    strip(&|s| LonLat::new(lon(s), north), &|s| {
        LonLat::new(lon(s), north - fade_lat)
    });
    painter.add(Shape::mesh(mesh));
}

// ----- Routes and markers ------------------------------------------------------------------------

/// The first `fraction` of a polyline by length.
fn partial(points: &[Pos2], fraction: f32) -> Vec<Pos2> {
    if fraction >= 1.0 {
        return points.to_vec();
    }
    let total: f32 = points.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut left = total * fraction.max(0.0);
    let mut out = Vec::with_capacity(points.len());
    let Some(&first) = points.first() else {
        return out;
    };
    out.push(first);
    for w in points.windows(2) {
        let d = w[0].distance(w[1]);
        if d >= left {
            if d > 0.0 {
                out.push(w[0] + (w[1] - w[0]) * (left / d));
            }
            break;
        }
        left -= d;
        out.push(w[1]);
    }
    out
}

/// The point `fraction` of the way along a polyline and the unit normal there.
fn along(points: &[Pos2], fraction: f32) -> Option<(Pos2, Vec2)> {
    let total: f32 = points.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut left = total * fraction;
    for w in points.windows(2) {
        let d = w[0].distance(w[1]);
        if d >= left && d > 0.0 {
            let dir = (w[1] - w[0]) / d;
            return Some((w[0] + dir * left, vec2(-dir.y, dir.x)));
        }
        left -= d;
    }
    None
}

fn paint_routes(
    painter: &Painter,
    view: &View<'_>,
    state: &MapState,
    routes: &[SceneRoute<'_>],
    looks: &[LayerLook],
    focus_layer: Option<usize>,
) {
    let frame = &view.frame;
    let pt = |v: f32| frame.pt(v);
    let casing = map_palette(view.colours).sea.gamma_multiply(0.6);
    for route in routes {
        let Some(look) = looks.get(route.line.layer).copied() else {
            continue;
        };
        let selected = state.selection == Some(Selection::Route(route.line.key));
        let dim = focus_layer.is_some_and(|l| l != route.line.layer);
        let colour = if dim {
            look.colour.gamma_multiply(0.5)
        } else {
            look.colour
        };
        // Links no longer used are never animated.
        let fraction = if look.line == LineStyle::Dotted {
            1.0
        } else {
            route.progress
        };
        let points: Vec<Pos2> = partial(&route.points, fraction)
            .into_iter()
            .map(|p| frame.pos(p))
            .collect();
        if points.len() < 2 {
            continue;
        }
        let glow = |width: f32, alpha: f32| {
            Shape::line(
                points.clone(),
                Stroke::new(pt(width), look.colour.gamma_multiply(alpha)),
            )
        };
        match look.line {
            LineStyle::Solid => {
                if selected {
                    painter.add(glow(22.0, 0.22));
                }
                let w = if selected { 7.0 } else { 5.0 };
                painter.add(Shape::line(
                    points.clone(),
                    Stroke::new(pt(w + 3.0), casing),
                ));
                painter.add(Shape::line(points, Stroke::new(pt(w), colour)));
            }
            LineStyle::Dashed => {
                if selected {
                    painter.add(glow(22.0, 0.22));
                }
                let w = if selected { 5.0 } else { 4.0 };
                painter.add(Shape::line(
                    points.clone(),
                    Stroke::new(pt(w + 3.0), casing),
                ));
                painter.extend(Shape::dashed_line(
                    &points,
                    Stroke::new(pt(w), colour),
                    pt(14.0),
                    pt(8.0),
                ));
            }
            LineStyle::Dotted => {
                if selected {
                    painter.add(glow(16.0, 0.18));
                }
                painter.extend(Shape::dotted_line(&points, casing, pt(10.0), pt(3.0)));
                painter.extend(Shape::dotted_line(&points, colour, pt(10.0), pt(1.5)));
            }
            LineStyle::Chain => {
                painter.add(glow(
                    24.0,
                    if selected {
                        0.26
                    } else if dim {
                        0.07
                    } else {
                        0.14
                    },
                ));
                painter.extend(Shape::dotted_line(&points, casing, pt(11.0), pt(5.0)));
                painter.extend(Shape::dotted_line(&points, colour, pt(11.0), pt(3.5)));
            }
        }
    }
}

/// How a place's marker looks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Marker {
    /// A ring of radius `r` and stroke `w`, with a centre dot when `dot`.
    Ring { r: f32, w: f32, dot: bool },
    /// A rounded square `size` across with stroke `w`.
    Square { size: f32, w: f32 },
    /// A city: a small parchment dot.
    City,
}

fn marker_for(point: &PlacePoint, look: Option<LayerLook>) -> Marker {
    let Some(look) = look.filter(|_| !point.city) else {
        return Marker::City;
    };
    match look.line {
        LineStyle::Dotted => Marker::Square { size: 18.0, w: 4.0 },
        LineStyle::Dashed => Marker::Ring {
            r: 7.0,
            w: 3.0,
            dot: false,
        },
        LineStyle::Chain => Marker::Ring {
            r: 9.0,
            w: 3.0,
            dot: false,
        },
        LineStyle::Solid if point.route_end => Marker::Ring {
            r: 11.0,
            w: 4.0,
            dot: false,
        },
        LineStyle::Solid => Marker::Ring {
            r: 11.0,
            w: 4.0,
            dot: true,
        },
    }
}

fn marker_radius(marker: Marker) -> f32 {
    match marker {
        Marker::Ring { r, w, .. } => r + w / 2.0,
        Marker::Square { size, w } => size / 2.0 + w / 2.0,
        Marker::City => 6.0,
    }
}

fn paint_marker(
    painter: &Painter,
    frame: &Frame,
    centre: Pos2,
    marker: Marker,
    colour: Color32,
    text: Color32,
    sea: Color32,
) {
    let c = frame.pos(centre);
    let pt = |v: f32| frame.pt(v);
    match marker {
        Marker::Ring { r, w, dot } => {
            painter.circle_filled(c, pt(r + w / 2.0 + 1.5), sea.gamma_multiply(0.6));
            painter.circle(c, pt(r), sea, Stroke::new(pt(w), colour));
            if dot {
                painter.circle_filled(c, pt(4.5), colour);
            }
        }
        Marker::Square { size, w } => {
            let rect = Rect::from_center_size(c, Vec2::splat(pt(size)));
            painter.rect_filled(
                rect.expand(pt(w / 2.0 + 1.5)),
                radius(frame, 6.0),
                sea.gamma_multiply(0.6),
            );
            painter.rect(
                rect,
                radius(frame, 4.0),
                sea,
                Stroke::new(pt(w), colour),
                egui::StrokeKind::Middle,
            );
        }
        Marker::City => {
            painter.circle(c, pt(4.5), text, Stroke::new(pt(2.0), sea));
        }
    }
}

fn paint_markers(
    painter: &Painter,
    view: &View<'_>,
    state: &MapState,
    places: &[ScenePlace<'_>],
    looks: &[LayerLook],
    focus_layer: Option<usize>,
    placer: &mut LabelPlacer,
) {
    let frame = &view.frame;
    // Cities under sites.
    let mut order: Vec<&ScenePlace<'_>> = places.iter().collect();
    order.sort_by_key(|p| !p.point.city);
    for place in order {
        let look = place.point.layer.and_then(|l| looks.get(l).copied());
        let marker = marker_for(place.point, look);
        let dim = focus_layer.is_some_and(|l| Some(l) != place.point.layer) && !place.point.city;
        let alpha = place.alpha * if dim { 0.5 } else { 1.0 };
        if alpha <= 0.0 {
            continue;
        }
        let colour = look
            .map_or(view.colours.text, |l| l.colour)
            .gamma_multiply(alpha);
        if place.pos != place.at {
            // A fanned-out marker keeps a thin leader to where it really is.
            painter.line_segment(
                [frame.pos(place.at), frame.pos(place.pos)],
                Stroke::new(frame.pt(1.5), colour.gamma_multiply(0.6)),
            );
        }
        if state.selection == Some(Selection::Place(place.point.key)) {
            painter.circle_filled(
                frame.pos(place.pos),
                frame.pt(24.0),
                colour.gamma_multiply(0.22),
            );
        }
        paint_marker(
            painter,
            frame,
            place.pos,
            marker,
            colour,
            view.colours.text.gamma_multiply(alpha),
            map_palette(view.colours).sea,
        );
        let r = marker_radius(marker) + 2.0;
        placer.block(Rect::from_center_size(place.pos, Vec2::splat(2.0 * r)));
    }
}

// ----- Labels -------------------------------------------------------------------------------

/// Places labels where nothing else is (greedy, in priority order).
struct LabelPlacer {
    bounds: Rect,
    taken: Vec<Rect>,
}

impl LabelPlacer {
    fn new(bounds: Rect) -> Self {
        Self {
            bounds,
            taken: Vec::new(),
        }
    }

    fn block(&mut self, rect: Rect) {
        self.taken.push(rect);
    }

    /// The first candidate inside the bounds that overlaps nothing placed (and takes it).
    fn place(&mut self, candidates: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        let found = candidates.into_iter().find(|c| {
            self.bounds.contains_rect(*c) && !self.taken.iter().any(|t| t.intersects(*c))
        })?;
        self.taken.push(found);
        Some(found)
    }
}

/// Paints a galley with a halo of the sea colour (the text drawn 8× offset, then on top).
fn halo_text(
    painter: &Painter,
    frame: &Frame,
    min: Pos2,
    galley: Arc<Galley>,
    colour: Color32,
    sea: Color32,
) {
    let halo = sea.gamma_multiply(0.7);
    let r = frame.pt(1.5);
    let pos = frame.pos(min);
    for (dx, dy) in [
        (1.0, 0.0),
        (-1.0, 0.0),
        (0.0, 1.0),
        (0.0, -1.0),
        (0.7, 0.7),
        (-0.7, 0.7),
        (0.7, -0.7),
        (-0.7, -0.7),
    ] {
        painter.galley_with_override_text_color(pos + vec2(dx, dy) * r, Arc::clone(&galley), halo);
    }
    painter.galley(pos, galley, colour);
}

/// Candidate rectangles for a label of `size` beside a marker at `at` of radius `r`: right,
/// left, above, below, then the same a little farther out.
fn beside(at: Pos2, r: f32, size: Vec2) -> impl Iterator<Item = Rect> {
    [0.0_f32, 20.0, 40.0].into_iter().flat_map(move |extra| {
        let gap = r + 8.0 + extra;
        [
            Rect::from_min_size(pos2(at.x + gap, at.y - size.y / 2.0), size),
            Rect::from_min_size(pos2(at.x - gap - size.x, at.y - size.y / 2.0), size),
            Rect::from_min_size(pos2(at.x - size.x / 2.0, at.y - gap - size.y), size),
            Rect::from_min_size(pos2(at.x - size.x / 2.0, at.y + gap), size),
        ]
    })
}

/// A route's short name: the part before a colon (`"GIPL"`), else the whole name.
fn short_name(name: &str) -> &str {
    name.split_once(':').map_or(name, |(short, _)| short.trim())
}

fn paint_labels(
    ui: &mut Ui,
    view: &View<'_>,
    state: &MapState,
    routes: &[SceneRoute<'_>],
    places: &[ScenePlace<'_>],
    looks: &[LayerLook],
    placer: &mut LabelPlacer,
) {
    let frame = view.frame;
    let content = view.content;
    let painter = ui.painter().clone();
    let sea = map_palette(view.colours).sea;
    let mut nodes: Vec<(Rect, String)> = Vec::new();

    // 1. The selected route's pill.
    if let Some(Selection::Route(key)) = state.selection
        && let Some(route) = routes.iter().find(|r| r.line.key == key)
        && let Some(data) = content.map.routes.get(key)
        && let Some(look) = looks.get(route.line.layer)
    {
        let text = format!(
            "{} {}",
            short_name(view.t(&data.name)),
            view.t(&data.length)
        )
        .trim()
        .to_owned();
        let g = galley(ui, &frame, &text, LABEL, view.colours.ink, f32::INFINITY, 1);
        let size = frame.design_len(1.0) * g.size() + vec2(32.0, 14.0);
        let candidates = [0.5_f32, 0.35, 0.65, 0.2, 0.8].into_iter().flat_map(|f| {
            along(&route.points, f).into_iter().flat_map(move |(p, n)| {
                [1.0_f32, -1.0].map(|side| {
                    let n = n * side;
                    let off = 20.0 + (n.x.abs() * size.x + n.y.abs() * size.y) / 2.0;
                    Rect::from_center_size(p + n * off, size)
                })
            })
        });
        if let Some(rect) = placer.place(candidates) {
            let screen = frame.rect(rect);
            painter.rect_filled(
                screen,
                CornerRadius::same(radius(&frame, size.y / 2.0)),
                look.colour,
            );
            let pos = Align2::CENTER_CENTER.anchor_size(screen.center(), g.size());
            painter.galley(pos.min, g, view.colours.ink);
            nodes.push((rect, text));
        }
    }

    // Country names: centred on their point, or nudged a little, or left out.
    let projection = Lambert::baltic();
    let lang = view.lang_code;
    let country_label =
        |ui: &Ui, placer: &mut LabelPlacer, name: &CountryName, nodes: &mut Vec<(Rect, String)>| {
            let text = upper(in_language(lang, name.en, name.lt));
            let home = name.iso == HOME_COUNTRY;
            let palette = map_palette(view.colours);
            let colour = if home {
                palette.home_name
            } else {
                palette.country_name
            };
            let style = if home {
                TypeStyle {
                    size: 20.0,
                    line: 26.0,
                    tracking: 5.0,
                    ..COUNTRY_LABEL
                }
            } else {
                COUNTRY_LABEL
            };
            let at = state
                .camera
                .pos_design(projection.forward(LonLat::new(name.lon, name.lat)));
            let g = galley(ui, &frame, &text, style, colour, f32::INFINITY, 1);
            let size = g.size() / frame.scale;
            let nudges = [
                vec2(0.0, 0.0),
                vec2(0.0, 30.0),
                vec2(0.0, -30.0),
                vec2(60.0, 0.0),
                vec2(-60.0, 0.0),
            ];
            if let Some(rect) = placer.place(nudges.map(|d| Rect::from_center_size(at + d, size))) {
                halo_text(&painter, &frame, rect.min, g, colour, sea);
                nodes.push((rect, text));
            }
        };

    // 2. Capitals, 3. the story's country, 4. sites off the routes, 5. other countries,
    // 6. route names, 7. towns, 8. seas.
    let point_label = |ui: &Ui,
                       placer: &mut LabelPlacer,
                       place: &ScenePlace<'_>,
                       style: TypeStyle,
                       colour: Color32,
                       nodes: &mut Vec<(Rect, String)>| {
        let Some(data) = content.map.places.get(place.point.key) else {
            return;
        };
        let name = view.t(&data.name);
        let g = galley(ui, &frame, name, style, colour, 360.0, 2);
        let size = g.size() / frame.scale;
        let look = place.point.layer.and_then(|l| looks.get(l).copied());
        let r = marker_radius(marker_for(place.point, look));
        if let Some(rect) = placer.place(beside(place.pos, r, size)) {
            halo_text(
                &painter,
                &frame,
                rect.min,
                g,
                colour.gamma_multiply(place.alpha),
                sea,
            );
            nodes.push((rect, name.to_owned()));
        }
    };
    for place in places.iter().filter(|p| p.point.capital) {
        point_label(
            ui,
            placer,
            place,
            CAPITAL_LABEL,
            view.colours.text,
            &mut nodes,
        );
    }
    for name in COUNTRY_NAMES.iter().filter(|n| n.iso == HOME_COUNTRY) {
        country_label(ui, placer, name, &mut nodes);
    }
    if let Some(Selection::Place(key)) = state.selection
        && let Some(place) = places.iter().find(|p| p.point.key == key)
    {
        point_label(ui, placer, place, SITE_LABEL, view.colours.text, &mut nodes);
    }
    for place in places.iter().filter(|p| {
        !p.point.city && !p.point.on_route && state.selection != Some(Selection::Place(p.point.key))
    }) {
        point_label(ui, placer, place, SITE_LABEL, view.colours.text, &mut nodes);
    }
    for name in COUNTRY_NAMES.iter().filter(|n| n.iso != HOME_COUNTRY) {
        country_label(ui, placer, name, &mut nodes);
    }
    for route in routes {
        if state.selection == Some(Selection::Route(route.line.key)) || route.progress < 1.0 {
            continue;
        }
        let (Some(data), Some(look)) = (
            content.map.routes.get(route.line.key),
            looks.get(route.line.layer),
        ) else {
            continue;
        };
        let length = view.t(&data.length);
        let name = short_name(view.t(&data.name));
        let text = if length.is_empty() {
            name.to_owned()
        } else {
            format!("{name} · {length}")
        };
        let g = galley(ui, &frame, &text, SITE_LABEL, look.colour, 420.0, 2);
        let size = g.size() / frame.scale;
        let candidates = [0.5_f32, 0.4, 0.6, 0.3, 0.7].into_iter().flat_map(|f| {
            along(&route.points, f).into_iter().flat_map(move |(p, n)| {
                [1.0_f32, -1.0].map(|side| {
                    let n = n * side;
                    let off = 12.0 + (n.x.abs() * size.x + n.y.abs() * size.y) / 2.0;
                    Rect::from_center_size(p + n * off, size)
                })
            })
        });
        if let Some(rect) = placer.place(candidates) {
            halo_text(&painter, &frame, rect.min, g, look.colour, sea);
            nodes.push((rect, text));
        }
    }
    for place in places.iter().filter(|p| p.point.city && !p.point.capital) {
        point_label(ui, placer, place, TOWN_LABEL, view.colours.text, &mut nodes);
    }
    for &(en, lt, lon, lat) in SEA_NAMES {
        let text = upper(in_language(lang, en, lt));
        let at = state
            .camera
            .pos_design(projection.forward(LonLat::new(lon, lat)));
        let g = galley(
            ui,
            &frame,
            &text,
            SEA_LABEL,
            map_palette(view.colours).sea_name,
            f32::INFINITY,
            1,
        );
        let size = g.size() / frame.scale;
        let nudges = [0.0_f32, 40.0, -40.0, 80.0, -80.0].map(|dy| vec2(0.0, dy));
        if let Some(rect) = placer.place(nudges.map(|d| Rect::from_center_size(at + d, size))) {
            painter.galley(frame.pos(rect.min), g, map_palette(view.colours).sea_name);
            nodes.push((rect, text));
        }
    }
    for (i, (rect, text)) in nodes.into_iter().enumerate() {
        text_node(
            ui,
            view,
            rect,
            Id::unique(("map-label", i)),
            &text,
            Role::Label,
        );
    }
}

// ----- Scrim, scale bar, credits -------------------------------------------------------------

fn paint_scrim(ui: &Ui, frame: &Frame, layout: &MapLayout) {
    let top = layout.credits_y - 60.0;
    let rect = frame.rect(Rect::from_min_max(
        pos2(0.0, top),
        pos2(frame.size.x, frame.size.y),
    ));
    let ink = Color32::from_rgb(0x0E, 0x18, 0x20);
    let mut mesh = Mesh::default();
    mesh.colored_vertex(rect.left_top(), Color32::TRANSPARENT);
    mesh.colored_vertex(rect.right_top(), Color32::TRANSPARENT);
    mesh.colored_vertex(rect.left_bottom(), ink.gamma_multiply(0.92));
    mesh.colored_vertex(rect.right_bottom(), ink.gamma_multiply(0.92));
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(1, 3, 2);
    ui.painter().add(Shape::mesh(mesh));
}

fn scale_and_credits(ui: &mut Ui, view: &View<'_>, state: &MapState, layout: &MapLayout) {
    let frame = view.frame;
    let colour = view.colours.text_tertiary;
    let y = layout.credits_y;
    // Scale bar: the longest round length under 160 design points.
    let z = state.camera.pose.zoom.get();
    let km = [
        1000.0, 500.0, 250.0, 200.0, 100.0, 50.0, 25.0, 20.0, 10.0, 5.0, 2.0, 1.0,
    ]
    .into_iter()
    .find(|km| km * z <= 160.0)
    .unwrap_or(1.0_f64);
    #[expect(clippy::cast_possible_truncation, reason = "a short bar")]
    let bar_w = (km * z) as f32;
    let x = if layout.sheets {
        layout.free.left()
    } else {
        layout.free.left() + 48.0
    };
    let stroke = Stroke::new(frame.pt(1.5), colour);
    let painter = ui.painter();
    painter.line_segment(
        [frame.pos(pos2(x, y)), frame.pos(pos2(x + bar_w, y))],
        stroke,
    );
    for end in [x, x + bar_w] {
        painter.line_segment(
            [frame.pos(pos2(end, y - 6.0)), frame.pos(pos2(end, y))],
            stroke,
        );
    }
    let text = format!("{km} km");
    let g = galley(ui, &frame, &text, CREDIT, colour, f32::INFINITY, 1);
    painter.galley(frame.pos(pos2(x, y + 4.0)), g, colour);

    let credit = in_language(view.lang_code, CREDIT_LINE.0, CREDIT_LINE.1);
    let right = frame.size.x - frame.margin_x();
    let max_w = if layout.sheets {
        right - x - bar_w - 32.0
    } else {
        right - layout.free.left() - 240.0
    };
    let g = galley(ui, &frame, credit, CREDIT, colour, max_w, 2);
    let size = g.size() / frame.scale;
    let rect = Rect::from_min_size(pos2(right - size.x, y + 4.0 - (size.y - 24.0)), size);
    ui.painter().galley(frame.pos(rect.min), g, colour);
    text_node(
        ui,
        view,
        rect,
        Id::unique("map-credits"),
        credit,
        Role::Label,
    );
}

// ----- Legend ----------------------------------------------------------------------------------

/// Height of a legend row.
const ROW_H: f32 = 72.0;

/// The legend's rows: group headings and layers, with their heights.
fn legend_height(view: &View<'_>) -> f32 {
    let layers = &view.content.map.layers;
    let mut h = 28.0 + 40.0 + 8.0;
    let mut last_group: Option<&str> = None;
    for layer in layers {
        let group = view.t(&layer.group);
        if !group.is_empty() && last_group != Some(group) {
            h += 16.0 + 28.0 + 4.0;
        }
        last_group = Some(group);
        h += ROW_H;
    }
    h + 16.0
}

/// The legend panel's rectangle (landscape), or the sheet's (portrait, when open), or an
/// empty one when it is folded away.
fn legend_rect(view: &View<'_>, state: &MapState, layout: &MapLayout) -> Rect {
    let h = legend_height(view);
    if layout.sheets {
        if state.legend_open {
            let h = h.min(layout.legend.height());
            Rect::from_min_max(
                pos2(layout.legend.left(), layout.legend.bottom() - h),
                layout.legend.max,
            )
        } else {
            Rect::NOTHING
        }
    } else {
        Rect::from_min_size(
            layout.legend.min,
            vec2(layout.legend.width(), h.min(layout.legend.height())),
        )
    }
}

/// A floating panel: raised at 94 %, radius 24, the e2 shadow.
fn panel(ui: &Ui, view: &View<'_>, rect: Rect) {
    let colours = view.colours;
    if map_palette(colours).translucent {
        let fill = colours.raised.gamma_multiply(0.94);
        elevated(ui, &view.frame, rect, fill, Elevation::Panel);
    } else {
        // High contrast: a solid panel with an outline.
        elevated(ui, &view.frame, rect, colours.raised, Elevation::Panel);
        crate::ui::view::outline(ui, view, rect);
    }
}

/// A blocker over a panel: drags and taps on it never reach the map.
fn block_map(ui: &Ui, frame: &Frame, rect: Rect, id: &str) {
    if rect.is_positive() {
        let response = ui.interact(frame.rect(rect), Id::unique(id), Sense::click_and_drag());
        quiet_node(ui, response.id, Role::Pane);
    }
}

fn legend_ui(
    ui: &mut Ui,
    view: &View<'_>,
    state: &mut MapState,
    layout: &MapLayout,
    rect: Rect,
    looks: &[LayerLook],
    now: f64,
) {
    if !rect.is_positive() {
        return;
    }
    let frame = view.frame;
    let colours = view.colours;
    panel(ui, view, rect);
    block_map(ui, &frame, rect, "map-legend");
    let x = rect.left() + 32.0;
    let w = rect.width() - 64.0;
    let title = view.t(&view.content.labels.map_layers);
    // On a sheet the close button takes the title's right end.
    let title_w = if layout.sheets { w - 80.0 } else { w };
    let g = galley(ui, &frame, title, H3, colours.text, title_w, 1);
    ui.painter()
        .galley(frame.pos(pos2(x, rect.top() + 28.0)), g, colours.text);
    text_node(
        ui,
        view,
        Rect::from_min_size(pos2(x, rect.top() + 28.0), vec2(title_w, 40.0)),
        Id::unique("map-legend-title"),
        title,
        Role::Heading,
    );
    if layout.sheets {
        close_button(
            ui,
            view,
            pos2(rect.right() - 20.0 - 72.0, rect.top() + 16.0),
            "map-legend-close",
        )
        .clicked()
        .then(|| state.legend_open = false);
    }
    // Rows shrink (not below 56) when the panel has less room than it needs.
    let rows = view.content.map.layers.len().max(1);
    #[expect(clippy::cast_precision_loss, reason = "a handful of layers")]
    let row_h = (ROW_H - (legend_height(view) - rect.height()).max(0.0) / rows as f32).max(56.0);
    let mut y = rect.top() + 28.0 + 40.0 + 8.0;
    let mut last_group: Option<&str> = None;
    for (index, layer) in view.content.map.layers.iter().enumerate() {
        let group = view.t(&layer.group);
        if !group.is_empty() && last_group != Some(group) {
            y += 16.0;
            let g = galley(
                ui,
                &frame,
                &upper(group),
                EYEBROW,
                colours.text_secondary,
                w,
                1,
            );
            ui.painter()
                .galley(frame.pos(pos2(x, y)), g, colours.text_secondary);
            y += 28.0 + 4.0;
        }
        last_group = Some(group);
        let row = Rect::from_min_size(
            pos2(rect.left() + 16.0, y),
            vec2(rect.width() - 32.0, row_h),
        );
        y += row_h;
        if row.bottom() > rect.bottom() + 0.5 {
            continue;
        }
        let on = state.layer_visible(index);
        let name = view.t(&layer.name);
        let response = ui.interact(
            frame.rect(row),
            Id::unique(("map-layer", index)),
            Sense::click(),
        );
        response.widget_info(|| WidgetInfo::selected(Role::Switch, true, on, name));
        let press = press_amount(ui, &response);
        if press > 0.0 {
            ui.painter().rect_filled(
                frame.rect(row),
                radius(&frame, 16.0),
                colours.pressed.gamma_multiply(press),
            );
        }
        let Some(look) = looks.get(index).copied() else {
            continue;
        };
        swatch(
            ui,
            &frame,
            pos2(x + 22.0, row.center().y),
            look,
            colours.text,
            map_palette(colours).sea,
        );
        let text_colour = if on {
            colours.text
        } else {
            colours.text_secondary
        };
        let name_w = w - 44.0 - 16.0 - 64.0 - 16.0;
        let g = galley(ui, &frame, name, LEGEND_NAME, text_colour, name_w, 2);
        let pos = Align2::LEFT_CENTER
            .anchor_size(frame.pos(pos2(x + 44.0 + 16.0, row.center().y)), g.size());
        ui.painter().galley(pos.min, g, text_colour);
        toggle(
            ui,
            view,
            Rect::from_min_size(pos2(x + w - 64.0, row.center().y - 18.0), vec2(64.0, 36.0)),
            on,
            response.id,
        );
        if response.clicked() {
            state.set_layer(index, !on, now);
        }
    }
}

/// A 44-wide sample of a layer: its line, or its marker when it has no routes.
fn swatch(ui: &Ui, frame: &Frame, centre: Pos2, look: LayerLook, text: Color32, sea: Color32) {
    let painter = ui.painter();
    let a = frame.pos(centre - vec2(18.0, 0.0));
    let b = frame.pos(centre + vec2(18.0, 0.0));
    let pt = |v: f32| frame.pt(v);
    if !look.has_routes {
        let point = PlacePoint {
            key: 0,
            layer: Some(0),
            pos: MapPos::default(),
            city: false,
            capital: false,
            route_end: false,
            on_route: false,
            has_card: false,
        };
        let marker = match marker_for(&point, Some(look)) {
            Marker::Ring { dot, .. } => Marker::Ring {
                r: 8.0,
                w: 3.0,
                dot,
            },
            Marker::Square { .. } => Marker::Square { size: 14.0, w: 3.0 },
            Marker::City => Marker::City,
        };
        paint_marker(painter, frame, centre, marker, look.colour, text, sea);
        return;
    }
    match look.line {
        LineStyle::Solid => {
            painter.line_segment([a, b], Stroke::new(pt(5.0), look.colour));
        }
        LineStyle::Dashed => {
            painter.extend(Shape::dashed_line(
                &[a, b],
                Stroke::new(pt(4.0), look.colour),
                pt(11.0),
                pt(6.0),
            ));
        }
        LineStyle::Dotted => {
            painter.extend(Shape::dotted_line(&[a, b], look.colour, pt(7.0), pt(1.5)));
        }
        LineStyle::Chain => {
            painter.extend(Shape::dotted_line(&[a, b], look.colour, pt(8.0), pt(3.0)));
        }
    }
}

/// A 64×36 switch: amber with an ink knob when on, pressed colour with a grey knob when off.
fn toggle(ui: &Ui, view: &View<'_>, rect: Rect, on: bool, id: Id) {
    let frame = &view.frame;
    let t = ui.ctx().animate_bool_with_time(id.with("knob"), on, 0.15);
    let fill = mix(view.colours.pressed, view.colours.accent, t);
    let knob = mix(map_palette(view.colours).knob_off, view.colours.ink, t);
    let screen = frame.rect(rect);
    ui.painter().rect_filled(screen, radius(frame, 18.0), fill);
    let x = rect.left() + 18.0 + (rect.width() - 36.0) * t;
    ui.painter()
        .circle_filled(frame.pos(pos2(x, rect.center().y)), frame.pt(13.0), knob);
}

// ----- Card ------------------------------------------------------------------------------------

/// What the card shows, resolved from content.
struct CardData<'a> {
    eyebrow: String,
    colour: Color32,
    title: &'a str,
    length: &'a str,
    parts: Vec<(f64, &'a str)>,
    text: &'a str,
    section: Option<usize>,
}

fn card_data<'a>(view: &View<'a>, state: &MapState) -> Option<CardData<'a>> {
    let content = view.content;
    let layer_of = |id: &str| content.map.layers.iter().find(|l| l.id == id);
    let t = |text: &'a Text| text.resolve(view.lang_code, content.default_lang_code());
    match state.selection? {
        Selection::Route(key) => {
            let route = content.map.routes.get(key)?;
            let layer = layer_of(&route.layer)?;
            Some(CardData {
                eyebrow: upper(t(&layer.name)),
                colour: hex(&layer.colour, view.colours.accent),
                title: t(&route.name),
                length: t(&route.length),
                parts: route
                    .parts
                    .iter()
                    .filter(|p| p.value.is_finite() && p.value > 0.0)
                    .map(|p| (p.value, t(&p.label)))
                    .collect(),
                text: t(&route.text),
                section: route
                    .section
                    .as_deref()
                    .and_then(|id| content.section_index(id)),
            })
        }
        Selection::Place(key) => {
            let place = content.map.places.get(key)?;
            let layer = place.layer.as_deref().and_then(layer_of);
            Some(CardData {
                eyebrow: layer.map(|l| upper(t(&l.name))).unwrap_or_default(),
                colour: layer.map_or(view.colours.accent, |l| hex(&l.colour, view.colours.accent)),
                title: t(&place.name),
                length: "",
                parts: Vec::new(),
                text: t(&place.text),
                section: place
                    .section
                    .as_deref()
                    .and_then(|id| content.section_index(id)),
            })
        }
    }
}

/// The card's measured layout.
struct CardLayout {
    rect: Rect,
    title_h: f32,
    body_rows: usize,
}

const CARD_PAD: f32 = 32.0;

/// Splits `"508 km"` into value and unit (`"508"`, `"km"`).
fn split_figure(length: &str) -> (&str, &str) {
    match length.trim().rsplit_once(' ') {
        Some((value, unit)) if !unit.chars().any(|c| c.is_ascii_digit()) => (value.trim(), unit),
        _ => (length.trim(), ""),
    }
}

fn card_layout(
    ui: &Ui,
    view: &View<'_>,
    state: &MapState,
    layout: &MapLayout,
) -> Option<CardLayout> {
    let data = card_data(view, state)?;
    let frame = view.frame;
    let area = layout.card;
    let w = area.width() - 2.0 * CARD_PAD;
    let title = galley(ui, &frame, data.title, H2, view.colours.text, w, 4);
    let title_h = frame.design_len(title.size().y);
    let mut h = 100.0 + title_h;
    if !data.length.is_empty() {
        h += 16.0 + FIGURE_L.line;
    }
    if data.parts.len() >= 2 {
        h += 24.0 + 14.0 + 12.0 + 28.0;
    }
    let button = if data.section.is_some() {
        32.0 + 72.0
    } else {
        0.0
    };
    let fixed = h + 24.0 + button + CARD_PAD;
    let body = galley(ui, &frame, data.text, BODY_S, view.colours.text, w, 0);
    let rows_needed = body.rows.len();
    let room = ((area.height() - fixed) / BODY_S.line).floor().max(0.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a few rows"
    )]
    let body_rows = rows_needed.min(room as usize);
    #[expect(clippy::cast_precision_loss, reason = "a few rows")]
    let height = fixed + body_rows as f32 * BODY_S.line;
    let rect = if layout.sheets {
        Rect::from_min_max(
            pos2(area.left(), area.bottom() - height.min(area.height())),
            area.max,
        )
    } else {
        Rect::from_min_size(area.min, vec2(area.width(), height.min(area.height())))
    };
    Some(CardLayout {
        rect,
        title_h,
        body_rows,
    })
}

fn card_ui(
    ui: &mut Ui,
    view: &View<'_>,
    state: &mut MapState,
    layout: &MapLayout,
    now: f64,
) -> Option<Intent> {
    let data = card_data(view, state)?;
    let measured = card_layout(ui, view, state, layout)?;
    let frame = view.frame;
    let colours = view.colours;
    // Fade in and rise 16 over 250 ms, ease-out.
    #[expect(clippy::cast_possible_truncation, reason = "a fraction")]
    let t = ((now - state.selected_at) / CARD_SECS).clamp(0.0, 1.0) as f32;
    let appear = 1.0 - (1.0 - t).powi(3);
    let rect = measured.rect.translate(vec2(0.0, 16.0 * (1.0 - appear)));
    let mut card_ui = ui.new_child(UiBuilder::new().max_rect(ui.max_rect()));
    card_ui.multiply_opacity(appear);
    let ui = &mut card_ui;
    panel(ui, view, rect);
    block_map(ui, &frame, measured.rect, "map-card");
    let x = rect.left() + CARD_PAD;
    let w = rect.width() - 2.0 * CARD_PAD;
    let mut intent = None;
    if close_button(
        ui,
        view,
        pos2(rect.right() - 20.0 - 72.0, rect.top() + 20.0),
        "map-card-close",
    )
    .clicked()
    {
        state.selection = None;
    }
    let mut y = rect.top() + 36.0;
    if !data.eyebrow.is_empty() {
        let g = galley(ui, &frame, &data.eyebrow, EYEBROW, data.colour, w - 96.0, 1);
        ui.painter().galley(frame.pos(pos2(x, y)), g, data.colour);
    }
    y = rect.top() + 100.0;
    let g = galley(ui, &frame, data.title, H2, colours.text, w, 4);
    ui.painter().galley(frame.pos(pos2(x, y)), g, colours.text);
    text_node(
        ui,
        view,
        Rect::from_min_size(pos2(x, y), vec2(w, measured.title_h)),
        Id::unique("map-card-title"),
        data.title,
        Role::Heading,
    );
    y += measured.title_h;
    if !data.length.is_empty() {
        y += 16.0;
        let (value, unit) = split_figure(data.length);
        figure_ui(ui, view, pos2(x, y), value, unit, FIGURE_L, w);
        y += FIGURE_L.line;
    }
    if data.parts.len() >= 2 {
        y += 24.0;
        let total: f64 = data.parts.iter().map(|p| p.0).sum();
        let (_, unit) = split_figure(data.length);
        let mut left = x;
        let count = data.parts.len();
        for (i, &(value, label)) in data.parts.iter().enumerate() {
            #[expect(clippy::cast_possible_truncation, reason = "a bar width")]
            let part_w = (f64::from(w) * value / total) as f32;
            let shade = if i % 2 == 0 {
                data.colour
            } else {
                mix(data.colour, colours.raised, 0.55)
            };
            let bar = Rect::from_min_size(pos2(left, y), vec2(part_w, 14.0));
            let corners = CornerRadius {
                nw: if i == 0 { radius(&frame, 7.0) } else { 0 },
                sw: if i == 0 { radius(&frame, 7.0) } else { 0 },
                ne: if i + 1 == count {
                    radius(&frame, 7.0)
                } else {
                    0
                },
                se: if i + 1 == count {
                    radius(&frame, 7.0)
                } else {
                    0
                },
            };
            ui.painter().rect_filled(frame.rect(bar), corners, shade);
            // "165 km in Lithuania": first part left-aligned, last right-aligned.
            let number = if value.fract() == 0.0 {
                format!("{value:.0}")
            } else {
                format!("{value}")
            };
            let strong = if unit.is_empty() {
                number
            } else {
                format!("{number} {unit}")
            };
            let mut job = egui::text::LayoutJob::default();
            let format = |style: TypeStyle, colour: Color32| egui::text::TextFormat {
                font_id: style.font(frame.scale),
                color: colour,
                line_height: Some(frame.pt(style.line)),
                ..Default::default()
            };
            job.append(
                &strong,
                0.0,
                format(
                    TypeStyle {
                        face: Face::Strong,
                        ..CAPTION
                    },
                    colours.text,
                ),
            );
            job.append(
                &format!(" {label}"),
                0.0,
                format(CAPTION, colours.text_secondary),
            );
            let g = ui.ctx().fonts_mut(|f| f.layout_job(job));
            let size = g.size() / frame.scale;
            let label_x = if i == 0 {
                left
            } else if i + 1 == count {
                left + part_w - size.x
            } else {
                left + part_w / 2.0 - size.x / 2.0
            };
            if count <= 3 {
                ui.painter()
                    .galley(frame.pos(pos2(label_x, y + 14.0 + 12.0)), g, colours.text);
            }
            left += part_w;
        }
        y += 14.0 + 12.0 + 28.0;
    }
    y += 24.0;
    if measured.body_rows > 0 {
        let g = galley(
            ui,
            &frame,
            data.text,
            BODY_S,
            colours.text,
            w,
            measured.body_rows,
        );
        let h = frame.design_len(g.size().y);
        ui.painter().galley(frame.pos(pos2(x, y)), g, colours.text);
        text_node(
            ui,
            view,
            Rect::from_min_size(pos2(x, y), vec2(w, h)),
            Id::unique("map-card-text"),
            data.text,
            Role::Label,
        );
        #[expect(clippy::cast_precision_loss, reason = "a few rows")]
        let rows_h = measured.body_rows as f32 * BODY_S.line;
        y += rows_h;
    }
    if let Some(section) = data.section {
        y += 32.0;
        let label = view.t(&view.content.labels.read_the_story);
        let bw = pill_width(ui, &frame, label, true);
        if story_button(
            ui,
            view,
            Rect::from_min_size(pos2(x, y), vec2(bw, 72.0)),
            label,
        )
        .clicked()
        {
            intent = Some(Intent::OpenSection(section));
        }
    }
    intent
}

/// "Read the story →": a secondary pill with a trailing arrow.
fn story_button(ui: &mut Ui, view: &View<'_>, rect: Rect, label: &str) -> Response {
    let frame = &view.frame;
    let colours = view.colours;
    let response = touch_target(ui, frame, rect, Id::unique("map-read-the-story"), label);
    let press = press_amount(ui, &response);
    let fill = mix(colours.pressed, colours.line, press);
    ui.painter()
        .rect_filled(frame.rect(rect), radius(frame, rect.height() / 2.0), fill);
    let g = galley(ui, frame, label, LABEL, colours.text, f32::INFINITY, 1);
    let text_w = frame.design_len(g.size().x);
    let left = rect.center().x - (text_w + 12.0 + 28.0) / 2.0;
    let pos = Align2::LEFT_CENTER.anchor_size(frame.pos(pos2(left, rect.center().y)), g.size());
    ui.painter().galley(pos.min, g, colours.text);
    icon(
        ui,
        frame,
        Icon::Forward,
        pos2(left + text_w + 12.0 + 14.0, rect.center().y),
        24.0,
        colours.text,
    );
    response
}

// ----- Controls --------------------------------------------------------------------------------

/// Glyphs the shared icon set does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Glyph {
    Minus,
    Plus,
    Close,
    Target,
    Layers,
}

fn glyph(ui: &Ui, frame: &Frame, glyph: Glyph, centre: Pos2, size: f32, colour: Color32) {
    let painter = ui.painter();
    let stroke = Stroke::new(frame.pt(2.5), colour);
    let p = |x: f32, y: f32| frame.pos(centre + vec2(x, y) * size / 2.0);
    match glyph {
        Glyph::Minus => {
            painter.line_segment([p(-0.7, 0.0), p(0.7, 0.0)], stroke);
        }
        Glyph::Plus => {
            painter.line_segment([p(-0.7, 0.0), p(0.7, 0.0)], stroke);
            painter.line_segment([p(0.0, -0.7), p(0.0, 0.7)], stroke);
        }
        Glyph::Close => {
            painter.line_segment([p(-0.6, -0.6), p(0.6, 0.6)], stroke);
            painter.line_segment([p(-0.6, 0.6), p(0.6, -0.6)], stroke);
        }
        Glyph::Target => {
            painter.circle_stroke(frame.pos(centre), frame.pt(size * 0.3), stroke);
            painter.circle_filled(frame.pos(centre), frame.pt(size * 0.09), colour);
            for (a, b) in [
                ((0.0, -0.95), (0.0, -0.6)),
                ((0.0, 0.6), (0.0, 0.95)),
                ((-0.95, 0.0), (-0.6, 0.0)),
                ((0.6, 0.0), (0.95, 0.0)),
            ] {
                painter.line_segment([p(a.0, a.1), p(b.0, b.1)], stroke);
            }
        }
        Glyph::Layers => {
            for dy in [-0.35, 0.05, 0.45] {
                painter.add(Shape::closed_line(
                    vec![
                        p(0.0, dy - 0.35),
                        p(0.85, dy),
                        p(0.0, dy + 0.35),
                        p(-0.85, dy),
                    ],
                    stroke,
                ));
            }
        }
    }
}

/// A round 72 (card) or 80 (dock) button with a glyph; its accessible name is `label`.
fn round_glyph_button(
    ui: &mut Ui,
    view: &View<'_>,
    rect: Rect,
    id: &str,
    label: &str,
    g: Glyph,
) -> Response {
    let frame = &view.frame;
    let response = touch_target(ui, frame, rect, Id::unique(id), label);
    let press = press_amount(ui, &response);
    let fill = mix(view.colours.pressed, view.colours.line, press);
    ui.painter().circle_filled(
        frame.pos(rect.center()),
        frame.pt(rect.height() / 2.0),
        fill,
    );
    glyph(ui, frame, g, rect.center(), 28.0, view.colours.text);
    response
}

fn close_button(ui: &mut Ui, view: &View<'_>, min: Pos2, id: &str) -> Response {
    let label = view.t(&view.content.labels.close);
    round_glyph_button(
        ui,
        view,
        Rect::from_min_size(min, vec2(72.0, 72.0)),
        id,
        label,
        Glyph::Close,
    )
}

/// A raised pill with a glyph and a label, 80 high (dock controls).
fn pill_glyph_button(
    ui: &mut Ui,
    view: &View<'_>,
    rect: Rect,
    id: &str,
    label: &str,
    g: Glyph,
    selected: bool,
) -> Response {
    let frame = &view.frame;
    let colours = view.colours;
    let response = touch_target(ui, frame, rect, Id::unique(id), label);
    let press = press_amount(ui, &response);
    let base = if selected {
        colours.pressed
    } else {
        colours.raised
    };
    ui.painter().rect_filled(
        frame.rect(rect),
        radius(frame, rect.height() / 2.0),
        mix(base, colours.pressed, press),
    );
    if rect.width() <= rect.height() {
        // Round: the glyph alone.
        glyph(ui, frame, g, rect.center(), 28.0, colours.text);
        return response;
    }
    let text = galley(ui, frame, label, LABEL, colours.text, f32::INFINITY, 1);
    let text_w = frame.design_len(text.size().x);
    let left = rect.center().x - (text_w + 44.0) / 2.0;
    glyph(
        ui,
        frame,
        g,
        pos2(left + 16.0, rect.center().y),
        28.0,
        colours.text,
    );
    let pos =
        Align2::LEFT_CENTER.anchor_size(frame.pos(pos2(left + 44.0, rect.center().y)), text.size());
    ui.painter().galley(pos.min, text, colours.text);
    response
}

/// Zoom −, zoom +, Reset view (and Layers on portrait): centred in the dock, or on a row above
/// it where the dock has no room.
fn controls_ui(ui: &mut Ui, view: &View<'_>, state: &mut MapState, layout: &MapLayout, now: f64) {
    let frame = view.frame;
    let labels = &view.content.labels;
    let reset_label = view.t(&labels.reset_view);
    let layers_label = view.t(&labels.map_layers);
    // Joined to the dock row the labelled pills become round icons (names stay for screen
    // readers).
    let pill_w = |label: &str| {
        if layout.joined {
            80.0
        } else {
            pill_width(ui, &frame, label, true)
        }
    };
    let reset_w = pill_w(reset_label);
    let layers_w = if layout.sheets {
        pill_w(layers_label) + 16.0
    } else {
        0.0
    };
    let total = layers_w + 80.0 + 16.0 + 80.0 + 16.0 + reset_w;
    let top = layout.controls_top;
    let mut x = if layout.joined {
        crate::ui::dock_ui::joined_row_start(ui, view, total)
    } else {
        frame.size.x / 2.0 - total / 2.0
    };
    if layout.sheets {
        let rect = Rect::from_min_size(pos2(x, top), vec2(layers_w - 16.0, DOCK_HEIGHT));
        if pill_glyph_button(
            ui,
            view,
            rect,
            "map-layers",
            layers_label,
            Glyph::Layers,
            state.legend_open,
        )
        .clicked()
        {
            state.legend_open = !state.legend_open;
            if state.legend_open {
                state.selection = None;
            }
        }
        x += layers_w;
    }
    let about = layout.free.center();
    let zoom_to = |state: &mut MapState, factor: f64| {
        let camera = &state.camera;
        let to = super::camera::zoomed_about(
            camera.pose,
            camera.limits,
            (camera.viewport / 2.0).to_pos2(),
            factor,
            about,
        );
        state.camera.fly_to_in(to, now, ZOOM_BUTTON_SECS);
    };
    if round_glyph_button(
        ui,
        view,
        Rect::from_min_size(pos2(x, top), Vec2::splat(80.0)),
        "map-zoom-out",
        view.t(&labels.zoom_out),
        Glyph::Minus,
    )
    .clicked()
    {
        zoom_to(state, 1.0 / ZOOM_STEP);
    }
    x += 96.0;
    if round_glyph_button(
        ui,
        view,
        Rect::from_min_size(pos2(x, top), Vec2::splat(80.0)),
        "map-zoom-in",
        view.t(&labels.zoom_in),
        Glyph::Plus,
    )
    .clicked()
    {
        zoom_to(state, ZOOM_STEP);
    }
    x += 96.0;
    if pill_glyph_button(
        ui,
        view,
        Rect::from_min_size(pos2(x, top), vec2(reset_w, DOCK_HEIGHT)),
        "map-reset",
        reset_label,
        Glyph::Target,
        false,
    )
    .clicked()
    {
        state.selection = None;
        let home = state.home;
        state.camera.fly_to(home, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_split_into_value_and_unit() {
        assert_eq!(split_figure("508 km"), ("508", "km"), "km");
        assert_eq!(split_figure("600"), ("600", ""), "no unit");
        assert_eq!(split_figure("1 600"), ("1 600", ""), "a thousands space");
    }

    #[test]
    fn short_names_stop_at_the_colon() {
        assert_eq!(short_name("GIPL: Gas Interconnection"), "GIPL", "colon");
        assert_eq!(short_name("Baltic Way, 1989"), "Baltic Way, 1989", "none");
    }

    #[test]
    fn partial_lines_stop_part_way() {
        let line = [pos2(0.0, 0.0), pos2(10.0, 0.0), pos2(10.0, 10.0)];
        let half = partial(&line, 0.5);
        assert_eq!(half.last().copied(), Some(pos2(10.0, 0.0)), "{half:?}");
        let quarter = partial(&line, 0.25);
        assert_eq!(quarter.last().copied(), Some(pos2(5.0, 0.0)), "{quarter:?}");
        assert_eq!(partial(&line, 1.0).len(), 3, "whole");
    }

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
    fn content_with_bad_references_is_left_out() {
        let content = crate::content::parse_content(
            r##"(
                languages: [(code: "en", name: "English", default: true)],
                story: (title: "T"),
                sections: [(id: "a", title: "A")],
                map: (
                    layers: [(id: "gas", name: "Gas", colour: "#FF9B42")],
                    places: [
                        (id: "a", kind: Site, layer: "gas", lat: 54.0, lon: 25.0, name: "A"),
                        (id: "b", kind: Site, layer: "nope", lat: 54.0, lon: 25.0, name: "B"),
                        (id: "c", kind: Site, lat: 154.0, lon: 25.0, name: "C"),
                    ],
                    routes: [
                        (id: "ok", layer: "gas", name: "OK", waypoints: [Place("a"), At(55.0, 24.0)]),
                        (id: "short", layer: "gas", name: "S", waypoints: [Place("a"), Place("missing")]),
                        (id: "layer", layer: "nope", name: "L", waypoints: [Place("a"), At(55.0, 24.0)]),
                    ],
                ),
            )"##,
            std::path::Path::new("test.ron"),
        );
        // Validation refuses this file; the map still copes with the parsed model.
        let content = match content {
            Ok(content) => content,
            Err(err) => panic!("parses: {err}"),
        };
        let resolved = resolve(&content.map, &Lambert::baltic());
        assert_eq!(resolved.places.len(), 1, "only the valid place");
        assert_eq!(resolved.routes.len(), 1, "only the valid route");
        assert_eq!(resolved.routes[0].key, 0, "the first route");
    }
}
