//! What is drawn this frame, pure: routes, places, markers and what a tap opens.

use egui::{Color32, Pos2, Vec2, vec2};

use super::camera::ease_in_out_cubic;
use super::hit_test::{
    FAN_OUT, FINGER_RADIUS, Hit, PlaceTarget, RouteTarget, SHARED_DISTANCE, fan_out, hit_test,
};
use super::model::{MapModel, PlacePoint, RouteLine};
use super::state::{MapState, Selection};
use super::style::MapMotion;
use crate::content::LineStyle;

/// A route as drawn this frame, in design points.
pub(super) struct SceneRoute<'a> {
    /// The route.
    pub line: &'a RouteLine,
    /// Its points in design points.
    pub points: Vec<Pos2>,
    /// How much of it is drawn, 0..1.
    pub progress: f32,
    /// Its end markers' opacity.
    pub ends: f32,
}

/// A place as drawn this frame.
pub(super) struct ScenePlace<'a> {
    /// The place.
    pub point: &'a PlacePoint,
    /// Its true position.
    pub at: Pos2,
    /// Where its marker is drawn (fanned out from others at the same spot).
    pub pos: Pos2,
    /// Opacity (route ends fade in once their route is drawn).
    pub alpha: f32,
}

/// A layer's look this frame: the model's, with the theme's colour where it has none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct LayerLook {
    /// Its colour.
    pub colour: Color32,
    /// How its routes are drawn.
    pub line: LineStyle,
    /// The layer has routes (else its swatch is its marker).
    pub has_routes: bool,
}

/// Every layer's look, in the order of `content.map.layers`; `fallback` stands in for a
/// colour the model lacks.
pub(super) fn layer_looks(model: &MapModel, fallback: Color32) -> Vec<LayerLook> {
    model
        .layers
        .iter()
        .map(|layer| LayerLook {
            colour: layer.colour.unwrap_or(fallback),
            line: layer.line,
            has_routes: layer.has_routes,
        })
        .collect()
}

/// The visible routes at input time `now`, drawing themselves over `motion.route_secs`.
pub(super) fn scene_routes<'a>(
    state: &'a MapState,
    motion: &MapMotion,
    now: f64,
) -> Vec<SceneRoute<'a>> {
    let transform = state.camera.transform();
    state
        .model
        .routes
        .iter()
        .zip(&state.drawn_from)
        .filter(|(line, _)| state.layer_visible(line.layer))
        .map(|(line, from)| {
            let elapsed = from.map_or(motion.route_secs + motion.marker_fade_secs, |from| {
                (now - from).max(0.0)
            });
            #[expect(clippy::cast_possible_truncation, reason = "a fraction")]
            let progress = ease_in_out_cubic(elapsed / motion.route_secs) as f32;
            #[expect(clippy::cast_possible_truncation, reason = "a fraction")]
            let ends =
                ((elapsed - motion.route_secs) / motion.marker_fade_secs).clamp(0.0, 1.0) as f32;
            SceneRoute {
                line,
                points: line.points.iter().map(|&p| transform.apply(p)).collect(),
                progress,
                ends,
            }
        })
        .collect()
}

/// The visible places, sites fanned out from each other, route ends fading in with `routes`.
pub(super) fn scene_places<'a>(
    state: &'a MapState,
    routes: &[SceneRoute<'_>],
) -> Vec<ScenePlace<'a>> {
    let transform = state.camera.transform();
    let shown: Vec<&PlacePoint> = state
        .model
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

/// What a tap at `tap` (design points) opens: the nearest place with a card or route.
pub(super) fn tapped(
    tap: Pos2,
    routes: &[SceneRoute<'_>],
    places: &[ScenePlace<'_>],
) -> Option<Selection> {
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

/// The first `fraction` of a polyline by length.
pub(super) fn partial(points: &[Pos2], fraction: f32) -> Vec<Pos2> {
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
pub(super) fn along(points: &[Pos2], fraction: f32) -> Option<(Pos2, Vec2)> {
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

/// How a place's marker looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Marker {
    /// A ring of radius `r` and stroke `w`, with a centre dot when `dot`.
    Ring { r: f32, w: f32, dot: bool },
    /// A rounded square `size` across with stroke `w`.
    Square { size: f32, w: f32 },
    /// A city: a small parchment dot.
    City,
}

/// The marker of `point` on a layer of `look` (a city, or a place without a layer look, is
/// a city dot).
pub(super) fn marker_for(point: &PlacePoint, look: Option<LayerLook>) -> Marker {
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

/// How far a marker reaches from its centre, design points.
pub(super) fn marker_radius(marker: Marker) -> f32 {
    match marker {
        Marker::Ring { r, w, .. } => r + w / 2.0,
        Marker::Square { size, w } => size / 2.0 + w / 2.0,
        Marker::City => 6.0,
    }
}

#[cfg(test)]
mod tests {
    use egui::pos2;

    use super::*;
    use crate::map::style::MapStyle;
    use crate::map::testing;

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
    fn the_point_along_a_line_has_a_unit_normal() {
        let line = [pos2(0.0, 0.0), pos2(10.0, 0.0), pos2(10.0, 10.0)];
        let (at, normal) = along(&line, 0.75).expect("on the line");
        assert!((at - pos2(10.0, 5.0)).length() < 1e-4, "{at:?}");
        assert!((normal - vec2(-1.0, 0.0)).length() < 1e-4, "{normal:?}");
        assert_eq!(along(&[pos2(1.0, 1.0)], 0.5), None, "a single point");
    }

    #[test]
    fn a_route_draws_itself_and_then_fades_in_its_ends() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let state = testing::visit(&view, 0.0);
        let motion = MapStyle::for_colours(&colours).motion;
        let start = scene_routes(&state, &motion, 0.0);
        assert_eq!(start.len(), 1, "GIPL");
        assert!(
            start[0].progress < 1e-6 && start[0].ends < 1e-6,
            "not drawn yet"
        );
        let half = scene_routes(&state, &motion, motion.route_secs / 2.0);
        assert!((half[0].progress - 0.5).abs() < 1e-3, "half way");
        let done = scene_routes(&state, &motion, motion.route_secs + motion.marker_fade_secs);
        assert!((done[0].progress - 1.0).abs() < 1e-6, "drawn");
        assert!((done[0].ends - 1.0).abs() < 1e-6, "ends shown");
        assert_eq!(done[0].points.len(), 2, "two waypoints");
    }

    #[test]
    fn hidden_layers_leave_their_routes_and_places_out_of_the_scene() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let mut state = testing::visit(&view, 0.0);
        let motion = MapStyle::for_colours(&colours).motion;
        state.set_layer_visible(0, false, 1.0);
        let routes = scene_routes(&state, &motion, 10.0);
        let places = scene_places(&state, &routes);
        assert!(routes.is_empty(), "no GIPL");
        let keys: Vec<usize> = places.iter().map(|p| p.point.key).collect();
        assert_eq!(keys, vec![0, 2], "the city and the hill stay");
    }

    #[test]
    fn a_tap_on_a_route_selects_it_and_a_tap_on_a_site_selects_the_site() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let state = testing::visit(&view, 0.0);
        let motion = MapStyle::for_colours(&colours).motion;
        let routes = scene_routes(&state, &motion, 10.0);
        let places = scene_places(&state, &routes);
        let (middle, _) = along(&routes[0].points, 0.5).expect("GIPL's middle");
        assert_eq!(
            tapped(middle, &routes, &places),
            Some(Selection::Route(0)),
            "the route"
        );
        let hill = places.iter().find(|p| p.point.key == 2).expect("the hill");
        assert_eq!(
            tapped(hill.pos, &routes, &places),
            Some(Selection::Place(2)),
            "the site"
        );
        assert_eq!(
            tapped(pos2(-500.0, -500.0), &routes, &places),
            None,
            "off the map"
        );
    }

    #[test]
    fn a_tap_on_a_city_opens_no_card() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let state = testing::visit(&view, 0.0);
        let places = scene_places(&state, &[]);
        let vilnius = places.iter().find(|p| p.point.city).expect("Vilnius");
        assert_eq!(
            tapped(vilnius.pos, &[], &places),
            None,
            "cities have no card"
        );
    }

    #[test]
    fn markers_follow_the_layer_s_line_and_cities_are_dots() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let state = testing::visit(&view, 0.0);
        let looks = layer_looks(&state.model, colours.text);
        let [vilnius, station, hill] = &state.model.places[..] else {
            panic!("three places: {:?}", state.model.places);
        };
        assert_eq!(marker_for(vilnius, None), Marker::City, "a city");
        assert_eq!(
            marker_for(station, looks.first().copied()),
            Marker::Ring {
                r: 11.0,
                w: 4.0,
                dot: true
            },
            "solid, not a route end"
        );
        let square = marker_for(hill, looks.get(1).copied());
        assert_eq!(square, Marker::Square { size: 18.0, w: 4.0 }, "dotted");
        assert!((marker_radius(square) - 11.0).abs() < 1e-6, "9 + 2");
        assert_eq!(looks[1].colour, colours.text, "a bad colour falls back");
    }
}
