//! Hit testing on the map, pure: which place or route a finger meant, and spreading out
//! places that share a position so each stays tappable. Works in design points.

use crate::tokens::size;
use egui::{Pos2, Vec2, vec2};

/// How far from a tap a place or route still counts as touched, in design points. The target
/// is then 56 across, above the 48-point minimum for a finger (visual.md §2).
pub const FINGER_RADIUS: f32 = 28.0;

// A finger's target is at least 48 design points across.
const _: () = assert!(FINGER_RADIUS * 2.0 >= size::TOUCH_MIN, "finger-sized");

/// Markers closer than this (design points) would overlap: they are fanned out.
pub const SHARED_DISTANCE: f32 = 32.0;

/// How far fanned-out places move from their shared position (visual.md §3: "fan out by 24").
pub const FAN_OUT: f32 = 24.0;

/// What a tap touched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A place, by the caller's key.
    Place(usize),
    /// A route, by the caller's key.
    Route(usize),
}

/// A place as drawn: its key and marker position (design points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceTarget {
    /// The caller's key (an index into the content's places).
    pub key: usize,
    /// Where its marker is drawn.
    pub pos: Pos2,
}

/// A route as drawn: its key and polyline (design points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RouteTarget<'a> {
    /// The caller's key (an index into the content's routes).
    pub key: usize,
    /// Its points in order.
    pub points: &'a [Pos2],
}

/// The place or route under a tap at `tap`, within `radius` design points. Places win over
/// routes (their markers are drawn on top); among each, the nearest wins.
pub fn hit_test(
    tap: Pos2,
    places: &[PlaceTarget],
    routes: &[RouteTarget<'_>],
    radius: f32,
) -> Option<Hit> {
    let nearest_place = places
        .iter()
        .map(|place| (place.key, place.pos.distance(tap)))
        .filter(|&(_, d)| d <= radius)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((key, _)) = nearest_place {
        return Some(Hit::Place(key));
    }
    routes
        .iter()
        .map(|route| (route.key, distance_to_polyline(tap, route.points)))
        .filter(|&(_, d)| d <= radius)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(key, _)| Hit::Route(key))
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// Distance from `p` to the nearest point of a polyline (infinite for no points).
pub fn distance_to_polyline(p: Pos2, points: &[Pos2]) -> f32 {
    match points {
        [] => f32::INFINITY,
        [only] => p.distance(*only),
        _ => points
            .windows(2)
            .map(|w| distance_to_segment(p, w[0], w[1]))
            .fold(f32::INFINITY, f32::min),
    }
}

/// Positions for markers at `points` where those closer than `shared` to each other (directly or
/// through a chain) are spread around their common centre, `spread` apart at least twice over:
/// two side by side, three or more on a circle whose neighbours are `2 · spread` apart.
/// Lone points keep their position. The order of the output matches the input.
pub fn fan_out(points: &[Pos2], shared: f32, spread: f32) -> Vec<Pos2> {
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Union–find over the few points on screen.
    let mut parent: Vec<usize> = (0..points.len()).collect();
    for i in 0..points.len() {
        for j in i + 1..points.len() {
            if points[i].distance(points[j]) < shared {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                if a != b {
                    parent[b.max(a)] = a.min(b);
                }
            }
        }
    }
    let mut out = points.to_vec();
    for cluster_root in 0..points.len() {
        let members: Vec<usize> = (0..points.len())
            .filter(|&i| root(&mut parent, i) == cluster_root)
            .collect();
        if members.len() < 2 {
            continue;
        }
        #[expect(clippy::cast_precision_loss, reason = "a handful of markers")]
        let k = members.len() as f32;
        let centre = members
            .iter()
            .fold(Vec2::ZERO, |sum, &i| sum + points[i].to_vec2())
            / k;
        let offsets: Vec<Vec2> = if members.len() == 2 {
            vec![vec2(-spread, 0.0), vec2(spread, 0.0)]
        } else {
            // Neighbours on the circle are 2·spread apart: chord = 2 r sin(π / k).
            let r = spread / (std::f32::consts::PI / k).sin();
            (0..members.len())
                .map(|n| {
                    #[expect(clippy::cast_precision_loss, reason = "a handful of markers")]
                    let angle = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * n as f32 / k;
                    vec2(angle.cos(), angle.sin()) * r
                })
                .collect()
        };
        for (&i, offset) in members.iter().zip(offsets) {
            out[i] = centre.to_pos2() + offset;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use egui::pos2;

    use super::*;

    #[test]
    fn a_finger_near_a_place_touches_it() {
        let places = [PlaceTarget {
            key: 7,
            pos: pos2(500.0, 500.0),
        }];
        assert_eq!(
            hit_test(pos2(520.0, 510.0), &places, &[], FINGER_RADIUS),
            Some(Hit::Place(7)),
            "22 points away"
        );
        assert_eq!(
            hit_test(pos2(540.0, 500.0), &places, &[], FINGER_RADIUS),
            None,
            "40 points away"
        );
    }

    #[test]
    fn a_finger_near_a_route_touches_it_and_places_win() {
        let line = [pos2(100.0, 100.0), pos2(400.0, 100.0), pos2(400.0, 400.0)];
        let routes = [RouteTarget {
            key: 3,
            points: &line,
        }];
        assert_eq!(
            hit_test(pos2(250.0, 124.0), &[], &routes, FINGER_RADIUS),
            Some(Hit::Route(3)),
            "24 points off the first segment"
        );
        assert_eq!(
            hit_test(pos2(420.0, 300.0), &[], &routes, FINGER_RADIUS),
            Some(Hit::Route(3)),
            "beside the second segment"
        );
        assert_eq!(
            hit_test(pos2(250.0, 140.0), &[], &routes, FINGER_RADIUS),
            None,
            "40 points off"
        );
        assert_eq!(
            hit_test(pos2(60.0, 100.0), &[], &routes, FINGER_RADIUS),
            None,
            "past the end"
        );
        let places = [PlaceTarget {
            key: 1,
            pos: pos2(100.0, 100.0),
        }];
        assert_eq!(
            hit_test(pos2(105.0, 100.0), &places, &routes, FINGER_RADIUS),
            Some(Hit::Place(1)),
            "the end marker wins over the line"
        );
    }

    #[test]
    fn the_nearest_of_two_routes_wins() {
        let a = [pos2(0.0, 100.0), pos2(500.0, 100.0)];
        let b = [pos2(0.0, 130.0), pos2(500.0, 130.0)];
        let routes = [
            RouteTarget { key: 0, points: &a },
            RouteTarget { key: 1, points: &b },
        ];
        assert_eq!(
            hit_test(pos2(250.0, 120.0), &[], &routes, FINGER_RADIUS),
            Some(Hit::Route(1)),
            "closer to the second"
        );
    }

    #[test]
    fn places_that_share_a_position_fan_out_and_each_stays_tappable() {
        let town = pos2(800.0, 600.0);
        let lone = pos2(300.0, 300.0);
        for count in 2..=5 {
            let mut points = vec![lone];
            points.extend(std::iter::repeat_n(town, count));
            let fanned = fan_out(&points, SHARED_DISTANCE, FAN_OUT);
            assert_eq!(fanned[0], lone, "a lone place keeps its position");
            let targets: Vec<PlaceTarget> = fanned
                .iter()
                .enumerate()
                .map(|(key, &pos)| PlaceTarget { key, pos })
                .collect();
            for (i, a) in fanned.iter().enumerate().skip(1) {
                assert!(
                    a.distance(town) >= FAN_OUT - 1e-3,
                    "{count}: moved away from the town"
                );
                for b in &fanned[i + 1..] {
                    assert!(
                        a.distance(*b) >= 2.0 * FAN_OUT - 1e-3,
                        "{count}: {a:?} and {b:?} too close"
                    );
                }
                assert_eq!(
                    hit_test(*a, &targets, &[], FINGER_RADIUS),
                    Some(Hit::Place(i)),
                    "{count}: each one is tappable"
                );
            }
        }
    }

    #[test]
    fn nearly_shared_points_join_the_same_fan() {
        let points = [pos2(100.0, 100.0), pos2(104.0, 101.0), pos2(108.0, 99.0)];
        let fanned = fan_out(&points, SHARED_DISTANCE, FAN_OUT);
        for (i, a) in fanned.iter().enumerate() {
            for b in &fanned[i + 1..] {
                assert!(a.distance(*b) >= 2.0 * FAN_OUT - 1e-3, "{fanned:?}");
            }
        }
    }

    #[test]
    fn polyline_distance_handles_short_lines() {
        assert!(
            distance_to_polyline(pos2(0.0, 0.0), &[]).is_infinite(),
            "empty"
        );
        let d = distance_to_polyline(pos2(3.0, 4.0), &[pos2(0.0, 0.0)]);
        assert!((d - 5.0).abs() < 1e-6, "one point: {d}");
        let d = distance_to_segment(pos2(3.0, 4.0), pos2(0.0, 0.0), pos2(0.0, 0.0));
        assert!((d - 5.0).abs() < 1e-6, "degenerate segment: {d}");
    }
}
