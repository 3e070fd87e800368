//! Content → map, pure: places, routes and layer colours resolved once when a visit starts.

use egui::Color32;

use super::projection::{Lambert, LonLat, MapPos};
use crate::content::{LineStyle, MapContent, PlaceKind, Waypoint, parse_hex_colour};

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

/// A place the map can show: content resolved and checked.
#[derive(Clone, Debug)]
pub(super) struct PlacePoint {
    /// Index in `content.map.places`.
    pub key: usize,
    /// Index of its layer in `content.map.layers` (None: always shown).
    pub layer: Option<usize>,
    /// Where it is, in map kilometres.
    pub pos: MapPos,
    /// A city (drawn as a small dot, under the sites).
    pub city: bool,
    /// A city at a capital (labelled first, in the capital style).
    pub capital: bool,
    /// First or last point of a route.
    pub route_end: bool,
    /// Named by some route (its end or a waypoint).
    pub on_route: bool,
    /// It has a card (text).
    pub has_card: bool,
}

/// A route the map can show: content resolved and checked.
#[derive(Clone, Debug)]
pub(super) struct RouteLine {
    /// Index in `content.map.routes`.
    pub key: usize,
    /// Index of its layer in `content.map.layers`.
    pub layer: usize,
    /// Points in map kilometres (a schematic link is drawn as a gentle arc).
    pub points: Vec<MapPos>,
}

/// A layer's look, read from content once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct LayerModel {
    /// Its colour (None: not a `#RRGGBB` colour, which validation refuses; the frame uses the
    /// theme's colour instead).
    pub colour: Option<Color32>,
    /// How its routes are drawn.
    pub line: LineStyle,
    /// The layer has routes (else its legend swatch is its marker).
    pub has_routes: bool,
}

/// The map's content, resolved once per visit: unknown layers and places, bad coordinates and
/// routes with fewer than two points are left out (`vitrina check` reports them).
#[derive(Clone, Debug, Default)]
pub(super) struct MapModel {
    /// The places that can be shown.
    pub places: Vec<PlacePoint>,
    /// The routes that can be shown.
    pub routes: Vec<RouteLine>,
    /// Every layer of `content.map.layers`, in its order.
    pub layers: Vec<LayerModel>,
}

impl MapModel {
    /// Layer `index`'s colour, or `fallback` when it has none.
    pub fn layer_colour(&self, index: usize, fallback: Color32) -> Color32 {
        self.layers
            .get(index)
            .and_then(|layer| layer.colour)
            .unwrap_or(fallback)
    }
}

/// The map's content in map kilometres for `projection`.
pub(super) fn resolve(map: &MapContent, projection: &Lambert) -> MapModel {
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
    let layers = map
        .layers
        .iter()
        .enumerate()
        .map(|(index, layer)| LayerModel {
            colour: parse_hex_colour(&layer.colour).map(|[r, g, b]| Color32::from_rgb(r, g, b)),
            line: layer.line,
            has_routes: routes.iter().any(|r| r.layer == index),
        })
        .collect();
    MapModel {
        places,
        routes,
        layers,
    }
}

/// A gentle arc from `a` to `b`, for links whose course is not known (schematic).
pub(super) fn arc(a: MapPos, b: MapPos) -> Vec<MapPos> {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn layer_colours_are_parsed_once_and_a_bad_one_is_left_to_the_theme() {
        let content = crate::map::testing::content();
        let model = resolve(&content.map, &Lambert::baltic());
        assert_eq!(
            model.layers[0].colour,
            Some(Color32::from_rgb(0xFF, 0x9B, 0x42)),
            "#FF9B42"
        );
        assert_eq!(model.layers[1].colour, None, "\"amber\" is no colour");
        assert_eq!(
            model.layer_colour(1, Color32::WHITE),
            Color32::WHITE,
            "the fallback"
        );
        assert!(model.layers[0].has_routes, "gas has a route");
        assert!(!model.layers[1].has_routes, "sites have none");
    }

    #[test]
    fn a_city_at_a_capital_gets_the_capital_style_and_route_ends_are_marked() {
        let content = crate::map::testing::content();
        let model = resolve(&content.map, &Lambert::baltic());
        let vilnius = &model.places[0];
        assert!(vilnius.city && vilnius.capital, "Vilnius is a capital");
        assert!(!model.places[1].capital, "a site is not");
        assert!(model.places[1].has_card, "the station has a card");
        assert!(!model.places[1].route_end, "GIPL ends at coordinates");
    }

    #[test]
    fn a_schematic_link_bends_to_the_left_between_its_ends() {
        let (a, b) = (MapPos::new(0.0, 0.0), MapPos::new(100.0, 0.0));
        let points = arc(a, b);
        assert_eq!(points.len(), 25, "25 points");
        assert!(points[0].distance(a) < 1e-9, "starts at a");
        assert!(points[24].distance(b) < 1e-9, "ends at b");
        assert!(points[12].y > 5.0, "bends left (north): {:?}", points[12]);
    }
}
