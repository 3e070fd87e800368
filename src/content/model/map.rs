//! Map content: layers, places, routes with their waypoints, and preset views.

use serde::{Deserialize, Serialize};

use crate::content::text::Text;

/// The map's layers, places, routes and preset views.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MapContent {
    /// Layers, in legend order.
    pub layers: Vec<MapLayer>,
    /// Points on the map.
    pub places: Vec<Place>,
    /// Lines on the map.
    pub routes: Vec<Route>,
    /// Named views: what "Show on map" and map tours open.
    pub presets: Vec<MapPreset>,
}

/// A group of routes and places that the legend toggles together.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MapLayer {
    /// Short unique name (`"gas"`).
    pub id: String,
    /// The name in the legend.
    pub name: Text,
    /// A heading in the legend that groups layers (`"Energy"`).
    #[serde(default)]
    pub group: Text,
    /// Line and marker colour, `"#RRGGBB"`.
    pub colour: String,
    /// How its routes are drawn.
    #[serde(default)]
    pub line: LineStyle,
    /// Shown when the map opens without a preset.
    #[serde(default = "yes")]
    pub visible: bool,
}

fn yes() -> bool {
    true
}

/// How a route is drawn.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum LineStyle {
    /// A solid line (pipelines).
    #[default]
    Solid,
    /// Long dashes (power links).
    Dashed,
    /// Small dots far apart (links no longer used).
    Dotted,
    /// A chain of dots close together (human chains).
    Chain,
}

/// What kind of place a point is: decides its marker.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum PlaceKind {
    /// A city or town label.
    City,
    /// A site of the story (terminal, station, memorial, project).
    Site,
}

/// A point on the map.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Short unique name (`"klaipeda_lng"`).
    pub id: String,
    /// City label or story site.
    pub kind: PlaceKind,
    /// The layer it belongs to (None: always shown, like city labels).
    #[serde(default)]
    pub layer: Option<String>,
    /// Latitude in degrees, −90 to 90 (north positive).
    pub lat: f64,
    /// Longitude in degrees, −180 to 180 (east positive).
    pub lon: f64,
    /// The name on the map and on its card.
    pub name: Text,
    /// The card's text. Empty: the place has no card.
    #[serde(default)]
    pub text: Text,
    /// The section its card's "Read the story" opens.
    #[serde(default)]
    pub section: Option<String>,
}

/// A point of a route: a place by id or a coordinate.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub enum Waypoint {
    /// The position of a place (`Place("vilnius")`).
    Place(String),
    /// A coordinate (`At(54.94, 25.011)`: latitude, longitude).
    At(f64, f64),
}

/// A line on the map: pipeline, power link or human chain.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Short unique name (`"gipl"`).
    pub id: String,
    /// The layer it belongs to.
    pub layer: String,
    /// Its name on the map and card.
    pub name: Text,
    /// The official length as written for visitors (`"508 km"`). Never measured from the drawing.
    #[serde(default)]
    pub length: Text,
    /// Parts of the length shown as a split bar (GIPL: 165 km in Lithuania, 343 km in Poland).
    #[serde(default)]
    pub parts: Vec<RoutePart>,
    /// Points in order, at least two.
    pub waypoints: Vec<Waypoint>,
    /// The line is drawn schematically (no exact coordinates): the card says so.
    #[serde(default)]
    pub schematic: bool,
    /// The card's text.
    #[serde(default)]
    pub text: Text,
    /// The section its card's "Read the story" opens.
    #[serde(default)]
    pub section: Option<String>,
}

/// One part of a route's length, for the split bar.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoutePart {
    /// What the part is (`"Lithuania"`).
    pub label: Text,
    /// Its share of the bar, in the route's unit (165.0).
    pub value: f64,
}

/// A named map view.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MapPreset {
    /// Short unique name (`"energy"`).
    pub id: String,
    /// Its name (map tours show it).
    #[serde(default)]
    pub name: Text,
    /// The area to fit on screen: south, west, north, east in degrees.
    pub bounds: Bounds,
    /// Layers shown in this view. Empty: every layer.
    #[serde(default)]
    pub layers: Vec<String>,
}

/// A latitude/longitude box in degrees.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Southern edge (latitude).
    pub south: f64,
    /// Western edge (longitude).
    pub west: f64,
    /// Northern edge (latitude).
    pub north: f64,
    /// Eastern edge (longitude).
    pub east: f64,
}
