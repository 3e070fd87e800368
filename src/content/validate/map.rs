//! Checks of the map: layers, places, routes, presets, coordinates and bounds.

use super::{FieldPath, Kind, Need, Validator};
use crate::content::limits;
use crate::content::model::{Bounds, Waypoint};

impl Validator<'_> {
    pub(super) fn map(&mut self) {
        let root = FieldPath::default().field("map");
        let map = &self.content.map;
        let layers = self.count(
            &root.field("layers"),
            map.layers.len(),
            limits::MAX_LAYERS,
            "layers",
        );
        for (i, layer) in map.layers.iter().enumerate().take(layers) {
            let path = root.field("layers").item(i, &layer.id);
            self.text(
                &path.field("name"),
                &layer.name,
                Need::Required,
                Kind::Short,
            );
            self.text(
                &path.field("group"),
                &layer.group,
                Need::Optional,
                Kind::Short,
            );
            self.colour(&path.field("colour"), &layer.colour);
        }
        let places = self.count(
            &root.field("places"),
            map.places.len(),
            limits::MAX_PLACES,
            "places",
        );
        for (i, place) in map.places.iter().enumerate().take(places) {
            let path = root.field("places").item(i, &place.id);
            self.coordinate(&path.field("lat"), place.lat, place.lon);
            self.text(
                &path.field("name"),
                &place.name,
                Need::Required,
                Kind::Short,
            );
            self.text(
                &path.field("text"),
                &place.text,
                Need::Optional,
                Kind::Caption,
            );
            if let Some(layer) = &place.layer {
                self.layer_ref(&path.field("layer"), layer);
            }
            if let Some(section) = &place.section {
                self.section_ref(&path.field("section"), section);
            }
        }
        let routes = self.count(
            &root.field("routes"),
            map.routes.len(),
            limits::MAX_ROUTES,
            "routes",
        );
        for (i, route) in map.routes.iter().enumerate().take(routes) {
            let path = root.field("routes").item(i, &route.id);
            self.layer_ref(&path.field("layer"), &route.layer);
            self.text(
                &path.field("name"),
                &route.name,
                Need::Required,
                Kind::Short,
            );
            self.text(
                &path.field("length"),
                &route.length,
                Need::Optional,
                Kind::Short,
            );
            self.text(
                &path.field("text"),
                &route.text,
                Need::Optional,
                Kind::Caption,
            );
            let parts = self.count(
                &path.field("parts"),
                route.parts.len(),
                limits::MAX_ROUTE_PARTS,
                "parts",
            );
            for (j, part) in route.parts.iter().enumerate().take(parts) {
                let part_path = path.field("parts").index(j);
                self.text(
                    &part_path.field("label"),
                    &part.label,
                    Need::Required,
                    Kind::Short,
                );
                if !(part.value.is_finite() && part.value > 0.0) {
                    self.error(
                        part_path.field("value"),
                        format!(
                            "{} is not a positive length; write the part's length, such as 165.0",
                            part.value
                        ),
                    );
                }
            }
            if route.waypoints.len() < 2 {
                self.error(
                    path.field("waypoints"),
                    "a route needs at least two waypoints, such as [Place(\"vilnius\"), At(56.946, 24.106)]",
                );
            }
            let waypoints = self.count(
                &path.field("waypoints"),
                route.waypoints.len(),
                limits::MAX_WAYPOINTS,
                "waypoints",
            );
            for (j, waypoint) in route.waypoints.iter().enumerate().take(waypoints) {
                let wp = path.field("waypoints").index(j);
                match waypoint {
                    Waypoint::Place(id) => self.place_ref(&wp, id),
                    Waypoint::At(lat, lon) => self.coordinate(&wp, *lat, *lon),
                }
            }
            if let Some(section) = &route.section {
                self.section_ref(&path.field("section"), section);
            }
        }
        let presets = self.count(
            &root.field("presets"),
            map.presets.len(),
            limits::MAX_PRESETS,
            "presets",
        );
        for (i, preset) in map.presets.iter().enumerate().take(presets) {
            let path = root.field("presets").item(i, &preset.id);
            self.text(
                &path.field("name"),
                &preset.name,
                Need::Optional,
                Kind::Short,
            );
            self.bounds(&path.field("bounds"), preset.bounds);
            let layers = self.count(
                &path.field("layers"),
                preset.layers.len(),
                limits::MAX_LAYERS,
                "layers",
            );
            for (j, layer) in preset.layers.iter().enumerate().take(layers) {
                self.layer_ref(&path.field("layers").index(j), layer);
            }
        }
    }

    pub(super) fn coordinate(&mut self, path: &FieldPath, lat: f64, lon: f64) {
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            self.error(
                path.clone(),
                format!(
                    "latitude {lat} is out of range; write degrees from -90 to 90 (north positive), such as 54.68916"
                ),
            );
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            self.error(
                path.clone(),
                format!(
                    "longitude {lon} is out of range; write degrees from -180 to 180 (east positive), such as 25.27980"
                ),
            );
        }
    }

    pub(super) fn bounds(&mut self, path: &FieldPath, bounds: Bounds) {
        self.coordinate(path, bounds.south, bounds.west);
        self.coordinate(path, bounds.north, bounds.east);
        if bounds.south >= bounds.north || bounds.west >= bounds.east {
            self.error(
                path.clone(),
                "the bounds are empty; south must be less than north and west less than east, such as (south: 53.0, west: 20.0, north: 57.0, east: 27.0)",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, problems};
    use super::*;
    use crate::content::Severity;

    #[test]
    fn a_latitude_or_longitude_out_of_range_is_an_error() {
        let found = problems(|c| c.map.places[0].lat = 95.0);
        assert!(
            has(
                &found,
                Severity::Error,
                "map.places[vilnius].lat",
                "latitude 95 is out of range"
            ),
            "{found:?}"
        );
        let found = problems(|c| c.map.places[0].lon = f64::NAN);
        assert!(
            has(
                &found,
                Severity::Error,
                "map.places[vilnius].lat",
                "longitude NaN"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_route_needs_two_waypoints_that_exist() {
        let found = problems(|c| c.map.routes[0].waypoints.truncate(1));
        assert!(
            has(
                &found,
                Severity::Error,
                "map.routes[gipl].waypoints",
                "at least two waypoints"
            ),
            "{found:?}"
        );
        let found = problems(|c| c.map.routes[0].waypoints[0] = Waypoint::Place("riga".to_owned()));
        assert!(
            has(
                &found,
                Severity::Error,
                "map.routes[gipl].waypoints[1]",
                "there is no place \"riga\""
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_route_of_an_unknown_layer_is_an_error() {
        let found = problems(|c| c.map.routes[0].layer = "oil".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "map.routes[gipl].layer",
                "there is no map layer \"oil\""
            ),
            "{found:?}"
        );
    }

    #[test]
    fn empty_preset_bounds_are_an_error() {
        let found = problems(|c| {
            c.map.presets[0].bounds = Bounds {
                south: 57.0,
                west: 20.0,
                north: 52.0,
                east: 27.0,
            };
        });
        assert!(
            has(
                &found,
                Severity::Error,
                "map.presets[energy].bounds",
                "the bounds are empty"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_layer_colour_that_is_not_hex_is_an_error() {
        let found = problems(|c| c.map.layers[0].colour = "orange".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "map.layers[gas].colour",
                "is not a colour"
            ),
            "{found:?}"
        );
    }
}
