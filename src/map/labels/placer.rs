//! Where map labels go, pure: candidates around a point, and a greedy placer that takes the
//! first candidate clear of the panels, markers, routes and labels placed before it (design
//! points). Callers ask in priority order, so a lower-priority label gives way.

use egui::{Pos2, Rect, Vec2, pos2};

use crate::tokens::size::TOUCH_MIN;

/// How far a label may be from the point it names: a finger (the layout audit's rule).
pub(crate) const FINGER: f32 = TOUCH_MIN;

/// Kept under the audit's limits, so rounding never tips a label over them (design points).
const MARGIN: f32 = 1.0;

/// Space kept between a label and anything placed or blocked before it (design points).
const PAD: f32 = 4.0;

/// Half the width a route's line (with its casing) takes (design points).
const ROUTE_HALF_WIDTH: f32 = 6.0;

/// The gap between a marker's edge and its label, nearest first (design points).
const GAPS: [f32; 4] = [6.0, 14.0, 24.0, 36.0];

/// How far from its point a label on a leader may stand, nearest first (design points):
/// past the ring of sites fanned out around a city (`FAN_OUT` plus a marker).
const LEADER_REACH: [f32; 3] = [56.0, 76.0, 96.0];

/// Half a finger: a label on a leader keeps this far from every other marker, and its leader
/// this far from their centres less a marker, so it reads as naming only its own point.
const LEADER_CLEAR: f32 = FINGER / 2.0;

/// The radius of the largest marker (design points): a leader keeps off other markers.
const MARKER_RADIUS: f32 = 12.0;

/// Places labels where nothing else is (greedy, in priority order).
pub(in crate::map) struct LabelPlacer {
    bounds: Rect,
    taken: Vec<Rect>,
    /// The panels and words over the map: a point under one is hidden, so not named.
    covers: Vec<Rect>,
    /// Every marker drawn: what a label could be read as naming.
    points: Vec<Pos2>,
    /// The routes' segments, and the leaders drawn.
    lines: Vec<[Pos2; 2]>,
    /// The labels placed.
    labels: Vec<Rect>,
}

impl LabelPlacer {
    /// A placer that keeps labels inside `bounds`.
    pub fn new(bounds: Rect) -> Self {
        Self {
            bounds,
            taken: Vec::new(),
            covers: Vec::new(),
            points: Vec::new(),
            lines: Vec::new(),
            labels: Vec::new(),
        }
    }

    /// Keeps labels off `rect` (a panel, the attract loop's words).
    pub fn block(&mut self, rect: Rect) {
        self.taken.push(rect);
        self.covers.push(rect);
    }

    /// A marker of radius `r` drawn at `at`: labels keep off it, and one naming another
    /// point must be nearer that point than this one.
    pub fn marker(&mut self, at: Pos2, r: f32) {
        self.taken
            .push(Rect::from_center_size(at, Vec2::splat(2.0 * (r + 1.0))));
        self.points.push(at);
    }

    /// A route's line: labels keep off it where they can.
    pub fn route(&mut self, points: &[Pos2]) {
        self.lines.extend(points.windows(2).map(|w| [w[0], w[1]]));
    }

    /// Inside the bounds and clear of everything placed or blocked.
    fn free(&self, rect: Rect) -> bool {
        self.bounds.contains_rect(rect)
            && !self.taken.iter().any(|t| t.expand(PAD).intersects(rect))
    }

    /// Clear of every route's line.
    fn off_routes(&self, rect: Rect) -> bool {
        let wide = rect.expand(ROUTE_HALF_WIDTH);
        !self.lines.iter().any(|&[a, b]| segment_hits(a, b, wide))
    }

    /// Whether a label at `rect` reads as naming `point`: within a finger of it, and nearer
    /// to it than to any other marker. A marker almost on top of its own point (a shared
    /// place) need only be no nearer, or no side would do.
    #[cfg(test)]
    pub fn names(&self, point: Pos2, rect: Rect) -> bool {
        self.names_among(point, &[], rect)
    }

    /// [`Self::names`], where the markers at `same` mark the same place as `point` (a city
    /// and the sites fanned out around it): the label names them all, so it may sit nearer
    /// one of them.
    pub fn names_among(&self, point: Pos2, same: &[Pos2], rect: Rect) -> bool {
        let own = rect.distance_to_pos(point);
        own <= FINGER - MARGIN
            && self.points.iter().filter(|p| !same.contains(p)).all(|p| {
                let apart = p.distance(point);
                let margin = if apart > 2.0 * MARGIN { MARGIN } else { 0.0 };
                apart < 1e-3 || rect.distance_to_pos(*p) >= own + margin
            })
    }

    fn take(&mut self, rect: Option<Rect>) -> Option<Rect> {
        if let Some(rect) = rect {
            self.taken.push(rect);
            self.labels.push(rect);
        }
        rect
    }

    /// The first free candidate off the routes, else (when `strict` is false) the first free
    /// one (and takes it).
    pub fn place_area(
        &mut self,
        candidates: impl IntoIterator<Item = Rect> + Clone,
        strict: bool,
    ) -> Option<Rect> {
        let found = candidates
            .clone()
            .into_iter()
            .find(|c| self.free(*c) && self.off_routes(*c))
            .or_else(|| {
                (!strict)
                    .then(|| candidates.into_iter().find(|c| self.free(*c)))
                    .flatten()
            });
        self.take(found)
    }

    /// A label naming `point`: the first free candidate that names it, off the routes if one
    /// is (and takes it); none when no candidate names it.
    #[cfg(test)]
    pub fn place_at(
        &mut self,
        point: Pos2,
        candidates: impl IntoIterator<Item = Rect> + Clone,
    ) -> Option<Rect> {
        self.place_at_among(point, &[], candidates)
    }

    /// [`Self::place_at`] for a place also marked at `same` (see [`Self::names_among`]).
    pub fn place_at_among(
        &mut self,
        point: Pos2,
        same: &[Pos2],
        candidates: impl IntoIterator<Item = Rect> + Clone,
    ) -> Option<Rect> {
        // A point off the map's bounds or under a panel is not seen: a label would name
        // nothing (or the panel's edge).
        if !self.bounds.contains(point) || self.covers.iter().any(|c| c.contains(point)) {
            return None;
        }
        let fits = |c: &Rect| self.free(*c) && self.names_among(point, same, *c);
        let found = candidates
            .clone()
            .into_iter()
            .find(|c| fits(c) && self.off_routes(*c))
            .or_else(|| candidates.into_iter().find(fits));
        self.take(found)
    }

    /// A label naming `point` (a marker of radius `r`) from farther off, joined to it by a thin
    /// leader: for a point so crowded by other markers (a capital inside the ring of sites
    /// fanned out around it) that no spot beside it is nearer it than them. The label keeps
    /// half a finger from every other marker, and its leader crosses no marker and no label
    /// (and, where a spot allows, no route). Returns the label and the leader (from the
    /// label's edge to the marker's), and takes both; none when no spot fits.
    pub fn place_on_leader(
        &mut self,
        point: Pos2,
        r: f32,
        size: Vec2,
    ) -> Option<(Rect, [Pos2; 2])> {
        if !self.bounds.contains(point) || self.covers.iter().any(|c| c.contains(point)) {
            return None;
        }
        let d = std::f32::consts::FRAC_1_SQRT_2;
        let directions = [
            Vec2::new(1.0, 0.0),
            Vec2::new(-1.0, 0.0),
            Vec2::new(0.0, -1.0),
            Vec2::new(0.0, 1.0),
            Vec2::new(d, -d),
            Vec2::new(d, d),
            Vec2::new(-d, -d),
            Vec2::new(-d, d),
        ];
        let candidates = LEADER_REACH.into_iter().flat_map(|reach| {
            directions.map(|dir| {
                // The label's near edge `reach` from the point along `dir`.
                let half = (dir.x.abs() * size.x + dir.y.abs() * size.y) / 2.0;
                let rect = Rect::from_center_size(point + dir * (reach + half), size);
                let from = rect.clamp(point);
                let to = point + (from - point).normalized() * (r + 2.0);
                (rect, [from, to])
            })
        });
        let fits = |(rect, [from, to]): &(Rect, [Pos2; 2])| {
            self.free(*rect)
                && self.points.iter().all(|p| {
                    p.distance(point) < 1e-3
                        || (rect.distance_to_pos(*p) >= LEADER_CLEAR
                            && distance_to_segment(*p, *from, *to) >= MARKER_RADIUS + 2.0)
                })
                && !self
                    .labels
                    .iter()
                    .any(|l| segment_hits(*from, *to, l.expand(PAD)))
        };
        let found = candidates
            .clone()
            .find(|c| fits(c) && self.off_routes(c.0))
            .or_else(|| candidates.clone().find(fits));
        let (rect, leader) = found?;
        self.take(Some(rect));
        self.lines.push(leader);
        Some((rect, leader))
    }
}

/// The distance from `p` to the segment `a`–`b`.
fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}

/// Whether the segment `a`–`b` touches `rect` (Liang–Barsky clipping).
fn segment_hits(a: Pos2, b: Pos2, rect: Rect) -> bool {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
    ] {
        if p.abs() < f32::EPSILON {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Candidate rectangles for a label of `size` beside a marker at `at` of radius `r`: right,
/// left, above, below, then the four diagonals, each at the marker's edge plus a gap, then
/// the same farther out (never beyond a finger).
pub(in crate::map) fn beside(at: Pos2, r: f32, size: Vec2) -> impl Iterator<Item = Rect> + Clone {
    let d = std::f32::consts::FRAC_1_SQRT_2;
    GAPS.into_iter()
        .map(move |g| r + g)
        .filter(|g| *g <= FINGER - MARGIN)
        .flat_map(move |g| {
            let (w, h) = (size.x, size.y);
            let k = g * d;
            [
                pos2(at.x + g, at.y - h / 2.0),
                pos2(at.x - g - w, at.y - h / 2.0),
                pos2(at.x - w / 2.0, at.y - g - h),
                pos2(at.x - w / 2.0, at.y + g),
                pos2(at.x + k, at.y - k - h),
                pos2(at.x + k, at.y + k),
                pos2(at.x - k - w, at.y - k - h),
                pos2(at.x - k - w, at.y + k),
            ]
            .map(|min| Rect::from_min_size(min, size))
        })
}

/// Candidates for an area's name (a country, a sea) centred around `at`: the spot itself,
/// then nudged up, down, sideways and diagonally, `steps` times farther out.
pub(in crate::map) fn nudged(
    at: Pos2,
    size: Vec2,
    steps: u8,
) -> impl Iterator<Item = Rect> + Clone {
    (0..=steps).flat_map(move |step| {
        let (dx, dy) = (60.0 * f32::from(step), 30.0 * f32::from(step));
        let offsets: &[(f32, f32)] = if step == 0 {
            &[(0.0, 0.0)]
        } else {
            &[
                (0.0, 1.0),
                (0.0, -1.0),
                (1.0, 0.0),
                (-1.0, 0.0),
                (1.0, 1.0),
                (-1.0, 1.0),
                (1.0, -1.0),
                (-1.0, -1.0),
            ]
        };
        offsets
            .iter()
            .map(move |&(x, y)| Rect::from_center_size(at + Vec2::new(x * dx, y * dy), size))
    })
}

#[cfg(test)]
mod tests {
    use egui::vec2;

    use super::*;

    fn placer() -> LabelPlacer {
        LabelPlacer::new(Rect::from_min_max(pos2(0.0, 0.0), pos2(1000.0, 1000.0)))
    }

    #[test]
    fn a_label_takes_the_first_free_candidate_inside_the_bounds() {
        let mut placer = LabelPlacer::new(Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0)));
        placer.block(Rect::from_min_max(pos2(0.0, 0.0), pos2(50.0, 50.0)));
        let blocked = Rect::from_min_size(pos2(10.0, 10.0), vec2(20.0, 10.0));
        let outside = Rect::from_min_size(pos2(90.0, 90.0), vec2(20.0, 10.0));
        let free = Rect::from_min_size(pos2(60.0, 60.0), vec2(20.0, 10.0));
        assert_eq!(
            placer.place_area([blocked, outside, free], false),
            Some(free),
            "the free one"
        );
        assert_eq!(placer.place_area([free], false), None, "now taken");
    }

    #[test]
    fn labels_go_right_left_above_below_then_diagonal_then_farther_out() {
        let size = vec2(40.0, 10.0);
        let at = pos2(100.0, 100.0);
        let candidates: Vec<Rect> = beside(at, 10.0, size).collect();
        assert_eq!(
            candidates.len(),
            32,
            "eight places at four gaps within a finger"
        );
        assert!(
            (candidates[0].left() - 116.0).abs() < 1e-4,
            "right, past the marker and a gap"
        );
        assert!((candidates[1].right() - 84.0).abs() < 1e-4, "left");
        assert!((candidates[2].bottom() - 84.0).abs() < 1e-4, "above");
        assert!((candidates[3].top() - 116.0).abs() < 1e-4, "below");
        for c in &candidates[..8] {
            assert!(
                (c.distance_to_pos(at) - 16.0).abs() < 1e-3,
                "all eight at the same gap: {c:?}"
            );
        }
        assert!(
            (candidates[8].left() - 124.0).abs() < 1e-4,
            "then farther out"
        );
        assert!(
            candidates.iter().all(|c| c.distance_to_pos(at) <= FINGER),
            "never beyond a finger"
        );
        assert!(
            candidates.iter().all(|c| (c.size() - size).length() < 1e-6),
            "all of the label's size"
        );
    }

    #[test]
    fn a_candidate_nearer_another_point_is_refused() {
        let mut placer = placer();
        let own = pos2(100.0, 100.0);
        let other = pos2(150.0, 100.0);
        placer.marker(own, 6.0);
        placer.marker(other, 6.0);
        // To the right, between the two: nearer the other point.
        let right = Rect::from_min_size(pos2(128.0, 95.0), vec2(40.0, 10.0));
        assert!(!placer.names(own, right), "nearer the other");
        let left = Rect::from_min_size(pos2(48.0, 95.0), vec2(40.0, 10.0));
        assert_eq!(
            placer.place_at(own, [right, left]),
            Some(left),
            "the left one"
        );
    }

    #[test]
    fn a_point_under_a_panel_gets_no_label() {
        let mut placer = placer();
        let hidden = pos2(100.0, 100.0);
        placer.marker(hidden, 6.0);
        placer.block(Rect::from_min_size(pos2(0.0, 0.0), vec2(105.0, 300.0)));
        let beside = Rect::from_min_size(pos2(112.0, 95.0), vec2(40.0, 10.0));
        assert_eq!(
            placer.place_at(hidden, [beside]),
            None,
            "its point is not seen"
        );
    }

    #[test]
    fn a_candidate_beyond_a_finger_is_refused() {
        let mut placer = placer();
        let own = pos2(100.0, 100.0);
        placer.marker(own, 6.0);
        let far = Rect::from_min_size(pos2(100.0 + FINGER + 2.0, 95.0), vec2(40.0, 10.0));
        assert!(!placer.names(own, far), "too far");
        assert_eq!(placer.place_at(own, [far]), None, "left out");
        let near = Rect::from_min_size(pos2(100.0 + FINGER - 2.0, 95.0), vec2(40.0, 10.0));
        assert!(placer.names(own, near), "within a finger");
    }

    #[test]
    fn the_label_asked_first_keeps_its_place_and_the_next_gives_way() {
        let mut placer = placer();
        let (a, b) = (pos2(100.0, 100.0), pos2(100.0, 140.0));
        placer.marker(a, 6.0);
        placer.marker(b, 6.0);
        let size = vec2(60.0, 20.0);
        let first = placer
            .place_at(a, beside(a, 6.0, size))
            .expect("the first is placed");
        assert_eq!(
            first,
            beside(a, 6.0, size).next().expect("a candidate"),
            "its first choice"
        );
        let second = placer
            .place_at(b, beside(b, 6.0, size))
            .expect("the second fits elsewhere");
        assert!(!second.intersects(first), "never over the first");
        assert!(placer.names(b, second), "and still names its own point");
    }

    #[test]
    fn a_label_keeps_off_a_route_where_it_can() {
        let mut placer = placer();
        let at = pos2(100.0, 100.0);
        placer.marker(at, 6.0);
        // A route leaving the marker to the right.
        placer.route(&[at, pos2(300.0, 100.0)]);
        let size = vec2(40.0, 10.0);
        let placed = placer.place_at(at, beside(at, 6.0, size)).expect("placed");
        assert!(
            placed.right() < at.x,
            "to the left, off the route: {placed:?}"
        );
        // An area's name that only fits on the route: left out when strict.
        let on_route = Rect::from_center_size(pos2(200.0, 100.0), size);
        assert_eq!(placer.place_area([on_route], true), None, "strict");
        assert_eq!(
            placer.place_area([on_route], false),
            Some(on_route),
            "lenient"
        );
    }

    #[test]
    fn a_crowded_point_is_named_on_a_leader_clear_of_its_neighbours() {
        let mut placer = placer();
        let city = pos2(500.0, 500.0);
        placer.marker(city, 4.0);
        // A ring of sites around the city, as fanned out: no spot beside it names it.
        let ring: Vec<Pos2> = (0..5_u8)
            .map(|i| city + Vec2::angled(std::f32::consts::TAU * f32::from(i) / 5.0) * 40.0)
            .collect();
        for &site in &ring {
            placer.marker(site, 10.0);
        }
        let size = vec2(60.0, 20.0);
        assert_eq!(
            placer.place_at(city, beside(city, 4.0, size)),
            None,
            "no spot beside the city is nearer it than the ring"
        );
        let (rect, [from, to]) = placer
            .place_on_leader(city, 4.0, size)
            .expect("a spot past the ring");
        assert!(
            (rect.distance_to_pos(from)) < 1e-3,
            "the leader starts at the label"
        );
        assert!(
            (to.distance(city) - 6.0).abs() < 1e-3,
            "and ends at the marker's edge"
        );
        for &site in &ring {
            assert!(
                rect.distance_to_pos(site) >= LEADER_CLEAR,
                "half a finger from every site"
            );
            assert!(
                distance_to_segment(site, from, to) >= MARKER_RADIUS,
                "the leader passes between the sites"
            );
        }
        let beside_it = Rect::from_center_size(rect.center(), size);
        assert_eq!(
            placer.place_area([beside_it], false),
            None,
            "the label is taken"
        );
    }

    #[test]
    fn a_leader_never_crosses_a_label() {
        let mut placer = placer();
        let city = pos2(500.0, 500.0);
        // Labels placed all round the city, nearer than the leader's reach.
        for rect in [
            Rect::from_min_max(pos2(400.0, 410.0), pos2(600.0, 450.0)),
            Rect::from_min_max(pos2(400.0, 550.0), pos2(600.0, 590.0)),
            Rect::from_min_max(pos2(410.0, 456.0), pos2(450.0, 544.0)),
            Rect::from_min_max(pos2(550.0, 456.0), pos2(590.0, 544.0)),
        ] {
            assert!(placer.place_area([rect], false).is_some(), "placed");
        }
        assert_eq!(
            placer.place_on_leader(city, 4.0, vec2(60.0, 20.0)),
            None,
            "every leader would cross a label"
        );
    }

    #[test]
    fn segments_touch_rectangles_they_cross() {
        let rect = Rect::from_min_max(pos2(10.0, 10.0), pos2(20.0, 20.0));
        assert!(
            segment_hits(pos2(0.0, 15.0), pos2(30.0, 15.0), rect),
            "across"
        );
        assert!(
            segment_hits(pos2(12.0, 12.0), pos2(14.0, 14.0), rect),
            "inside"
        );
        assert!(
            !segment_hits(pos2(0.0, 0.0), pos2(30.0, 5.0), rect),
            "above"
        );
        assert!(
            !segment_hits(
                pos2(0.0, 30.0),
                pos2(30.0, 0.0),
                Rect::from_min_max(pos2(20.0, 20.0), pos2(25.0, 25.0))
            ),
            "past the corner"
        );
    }

    #[test]
    fn an_area_s_name_is_tried_on_its_spot_first_then_nudged_each_way() {
        let size = vec2(100.0, 20.0);
        let at = pos2(500.0, 500.0);
        let near: Vec<Rect> = nudged(at, size, 1).collect();
        assert_eq!(near.len(), 9, "the spot and eight nudges");
        assert_eq!(near[0].center(), at, "the spot first");
        assert_eq!(nudged(at, size, 2).count(), 17, "and eight more, farther");
    }
}
