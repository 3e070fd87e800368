//! The map projection, pure: Lambert conformal conic on a sphere.
//!
//! Standard parallels 50° N and 60° N, central meridian 24° E, origin latitude 55° N,
//! R = 6371 km (Snyder 1987, eqs. 15-1 to 15-5) — the projection the shipped illustrations
//! use (`scripts/make_illustrations.py`), so the map and the pictures agree.
//!
//! Everything is `f64`. Positions name their space: `pos_lonlat` (degrees), `pos_map`
//! (kilometres on the projection plane, x east, y north). Screen positions come from the
//! camera (`camera.rs`), which converts to `f32` last.

use std::f64::consts::FRAC_PI_4;

/// Radius of the sphere, in kilometres.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// A longitude and latitude in degrees (east and north positive).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
}

impl LonLat {
    /// A position from longitude and latitude in degrees.
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// Whether both are finite and within −180..180 and −90..90.
    pub fn is_valid(self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && (-180.0..=180.0).contains(&self.lon)
            && (-90.0..=90.0).contains(&self.lat)
    }
}

/// A position on the projection plane in kilometres (x east, y north).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MapPos {
    /// Kilometres east of the central meridian at the origin.
    pub x: f64,
    /// Kilometres north of the origin.
    pub y: f64,
}

impl MapPos {
    /// A position from kilometres east and north.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// Straight-line distance on the plane, in kilometres.
    pub fn distance(self, other: Self) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The point `t` of the way from `self` to `other`.
    #[must_use]
    pub fn lerp(self, other: Self, t: f64) -> Self {
        Self::new(
            self.x + (other.x - self.x) * t,
            self.y + (other.y - self.y) * t,
        )
    }
}

/// An axis-aligned rectangle on the projection plane, in kilometres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapRect {
    /// South-west corner (smallest x and y).
    pub min: MapPos,
    /// North-east corner (largest x and y).
    pub max: MapPos,
}

impl MapRect {
    /// An empty rectangle that any point extends.
    pub const NOTHING: Self = Self {
        min: MapPos::new(f64::INFINITY, f64::INFINITY),
        max: MapPos::new(f64::NEG_INFINITY, f64::NEG_INFINITY),
    };

    /// The smallest rectangle holding every point (`NOTHING` for none).
    pub fn around(points: impl IntoIterator<Item = MapPos>) -> Self {
        let mut rect = Self::NOTHING;
        for p in points {
            rect.extend(p);
        }
        rect
    }

    /// Grows to hold `p`.
    pub fn extend(&mut self, p: MapPos) {
        self.min.x = self.min.x.min(p.x);
        self.min.y = self.min.y.min(p.y);
        self.max.x = self.max.x.max(p.x);
        self.max.y = self.max.y.max(p.y);
    }

    /// Whether it holds at least one point.
    pub fn is_valid(&self) -> bool {
        self.min.x <= self.max.x && self.min.y <= self.max.y
    }

    /// Width in kilometres.
    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    /// Height in kilometres.
    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    /// The centre.
    pub fn center(&self) -> MapPos {
        self.min.lerp(self.max, 0.5)
    }

    /// Whether the two overlap.
    pub fn intersects(&self, other: &Self) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }

    /// Whether `p` is inside (edges included).
    pub fn contains(&self, p: MapPos) -> bool {
        (self.min.x..=self.max.x).contains(&p.x) && (self.min.y..=self.max.y).contains(&p.y)
    }
}

/// A spherical Lambert conformal conic projection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lambert {
    /// Cone constant.
    n: f64,
    /// R · F of Snyder's equations.
    r_f: f64,
    /// Radius of the origin's parallel on the plane.
    rho0: f64,
    /// Central meridian, radians.
    lam0: f64,
}

impl Default for Lambert {
    fn default() -> Self {
        Self::baltic()
    }
}

impl Lambert {
    /// The kiosk's projection: standard parallels 50° and 60° N, central meridian 24° E,
    /// origin latitude 55° N.
    pub fn baltic() -> Self {
        Self::new(50.0, 60.0, 55.0, 24.0)
    }

    /// A projection with standard parallels `phi1` and `phi2`, origin latitude `phi0` and
    /// central meridian `lam0` (all degrees; the parallels must differ and lie north of the equator).
    pub fn new(phi1: f64, phi2: f64, phi0: f64, lam0: f64) -> Self {
        let t = |phi: f64| (FRAC_PI_4 + phi.to_radians() / 2.0).tan();
        let n = (phi1.to_radians().cos() / phi2.to_radians().cos()).ln() / (t(phi2) / t(phi1)).ln();
        let f = phi1.to_radians().cos() * t(phi1).powf(n) / n;
        let r_f = EARTH_RADIUS_KM * f;
        Self {
            n,
            r_f,
            rho0: r_f / t(phi0).powf(n),
            lam0: lam0.to_radians(),
        }
    }

    /// Projects a longitude and latitude to the plane.
    pub fn forward(&self, pos_lonlat: LonLat) -> MapPos {
        // Keep away from the poles, where ρ runs off to zero or infinity.
        let lat = pos_lonlat.lat.clamp(-89.5, 89.5).to_radians();
        let rho = self.r_f / (FRAC_PI_4 + lat / 2.0).tan().powf(self.n);
        let theta = self.n * (pos_lonlat.lon.to_radians() - self.lam0);
        MapPos::new(rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    /// The longitude and latitude of a point of the plane.
    pub fn inverse(&self, pos_map: MapPos) -> LonLat {
        let dy = self.rho0 - pos_map.y;
        let rho = self.n.signum() * pos_map.x.hypot(dy);
        let theta = (self.n.signum() * pos_map.x).atan2(self.n.signum() * dy);
        let lat = 2.0 * (self.r_f / rho).powf(1.0 / self.n).atan() - std::f64::consts::FRAC_PI_2;
        LonLat::new((theta / self.n + self.lam0).to_degrees(), lat.to_degrees())
    }

    /// The rectangle on the plane that holds a latitude/longitude box (its edges are sampled,
    /// since parallels project to arcs).
    pub fn bounds_of_box(&self, south: f64, west: f64, north: f64, east: f64) -> MapRect {
        const STEPS: u32 = 16;
        let mut rect = MapRect::NOTHING;
        // Parallels bulge furthest on the central meridian.
        let lon0 = self.lam0.to_degrees();
        if (west..=east).contains(&lon0) {
            rect.extend(self.forward(LonLat::new(lon0, south)));
            rect.extend(self.forward(LonLat::new(lon0, north)));
        }
        for i in 0..=STEPS {
            let t = f64::from(i) / f64::from(STEPS);
            let lon = west + (east - west) * t;
            let lat = south + (north - south) * t;
            for p in [
                LonLat::new(lon, south),
                LonLat::new(lon, north),
                LonLat::new(west, lat),
                LonLat::new(east, lat),
            ] {
                rect.extend(self.forward(p));
            }
        }
        rect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VILNIUS: LonLat = LonLat::new(25.279_80, 54.689_16);
    const RIGA: LonLat = LonLat::new(24.105_89, 56.946_00);
    const TALLINN: LonLat = LonLat::new(24.753_53, 59.436_96);

    /// Great-circle distance on the same sphere, kilometres.
    fn great_circle(a: LonLat, b: LonLat) -> f64 {
        let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
        let dl = (b.lon - a.lon).to_radians();
        let h = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
    }

    #[test]
    fn forward_then_inverse_returns_the_same_point() {
        let lambert = Lambert::baltic();
        for lon in (8..=41).step_by(3) {
            for lat in (43..=63).step_by(2) {
                let p = LonLat::new(f64::from(lon) + 0.123, f64::from(lat) + 0.456);
                let back = lambert.inverse(lambert.forward(p));
                assert!(
                    (back.lon - p.lon).abs() < 1e-9 && (back.lat - p.lat).abs() < 1e-9,
                    "{p:?} came back as {back:?}"
                );
            }
        }
    }

    #[test]
    fn the_origin_projects_to_zero_and_north_is_up() {
        let lambert = Lambert::baltic();
        let origin = lambert.forward(LonLat::new(24.0, 55.0));
        assert!(
            origin.x.abs() < 1e-9 && origin.y.abs() < 1e-9,
            "origin {origin:?}"
        );
        let north = lambert.forward(LonLat::new(24.0, 56.0));
        assert!(north.y > 100.0 && north.x.abs() < 1e-9, "north {north:?}");
        let east = lambert.forward(LonLat::new(25.0, 55.0));
        assert!(east.x > 50.0, "east {east:?}");
    }

    #[test]
    fn matches_the_illustration_script() {
        // Values printed by scripts/make_illustrations.py's LCC.forward.
        let lambert = Lambert::baltic();
        let v = lambert.forward(VILNIUS);
        assert!(
            (v.x - 81.939_322_658).abs() < 1e-6 && (v.y + 33.681_863_490).abs() < 1e-6,
            "{v:?}"
        );
        let corner = lambert.forward(LonLat::new(8.0, 43.0));
        assert!(
            (corner.x + 1_311.648_567_739).abs() < 1e-6
                && (corner.y + 1_187.808_161_005).abs() < 1e-6,
            "{corner:?}"
        );
    }

    #[test]
    fn vilnius_riga_tallinn_lie_south_to_north_at_true_distance_ratios() {
        let lambert = Lambert::baltic();
        let (v, r, t) = (
            lambert.forward(VILNIUS),
            lambert.forward(RIGA),
            lambert.forward(TALLINN),
        );
        assert!(v.y < r.y && r.y < t.y, "south to north: {v:?} {r:?} {t:?}");
        // Riga lies west of both; Vilnius is the easternmost.
        assert!(r.x < t.x && t.x < v.x, "west to east: {v:?} {r:?} {t:?}");
        let plane = v.distance(r) / r.distance(t);
        let sphere = great_circle(VILNIUS, RIGA) / great_circle(RIGA, TALLINN);
        assert!(
            (plane / sphere - 1.0).abs() < 0.01,
            "ratio {plane} on the map, {sphere} on the globe"
        );
        // Conformal and true at 50°–60° N: distances within 1 % of the globe.
        let scale = v.distance(t) / great_circle(VILNIUS, TALLINN);
        assert!((scale - 1.0).abs() < 0.01, "scale {scale}");
    }

    #[test]
    fn a_box_holds_its_corners_and_the_bulge_of_its_parallels() {
        let lambert = Lambert::baltic();
        let rect = lambert.bounds_of_box(43.0, 8.0, 63.0, 41.0);
        for corner in [(8.0, 43.0), (41.0, 43.0), (8.0, 63.0), (41.0, 63.0)] {
            let p = lambert.forward(LonLat::new(corner.0, corner.1));
            assert!(rect.contains(p), "{corner:?}");
        }
        // The southern parallel bulges south at the central meridian.
        let bottom = lambert.forward(LonLat::new(24.0, 43.0));
        assert!((rect.min.y - bottom.y).abs() < 1e-6, "{rect:?}");
    }

    #[test]
    fn validity_of_coordinates() {
        assert!(VILNIUS.is_valid(), "vilnius");
        assert!(!LonLat::new(200.0, 0.0).is_valid(), "lon");
        assert!(!LonLat::new(0.0, f64::NAN).is_valid(), "nan");
    }
}
