//! Fly-to motion, pure: how long a flight takes and where it is part way.

use egui::Vec2;

use super::camera::{Pose, Zoom};
use crate::tokens::motion;

/// Shortest and longest fly-to, in seconds (visual.md §6).
pub const FLY_SECS: (f64, f64) = (motion::FLY_MIN, motion::FLY_MAX);

/// Ease-in-out cubic on `t` in 0..1.
pub fn ease_in_out_cubic(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// How far apart two poses are, in viewport widths at the wider of their zooms.
fn flight_distance(from: Pose, to: Pose, viewport: Vec2) -> f64 {
    let z = from.zoom.get().min(to.zoom.get());
    let width = f64::from(viewport.x.max(1.0));
    from.centre.distance(to.centre) * z / width
}

/// Seconds a fly-to takes: 1.2 for near views, up to 1.8 for far jumps or big zoom changes.
pub fn fly_duration(from: Pose, to: Pose, viewport: Vec2) -> f64 {
    let far = flight_distance(from, to, viewport) / 1.5;
    let zooming = (to.zoom.get() / from.zoom.get()).ln().abs() / 8.0_f64.ln();
    FLY_SECS.0 + (FLY_SECS.1 - FLY_SECS.0) * far.max(zooming).clamp(0.0, 1.0)
}

/// The pose `t` (0..1, not yet eased) of the way through a flight: eased in and out, zoom
/// interpolated on a log scale, and for far jumps zoomed out on the way so both ends show.
pub fn flight_pose(from: Pose, to: Pose, t: f64, viewport: Vec2) -> Pose {
    let e = ease_in_out_cubic(t);
    let (l0, l1) = (from.zoom.get().ln(), to.zoom.get().ln());
    let distance_km = from.centre.distance(to.centre);
    // The zoom at which both centres fit in 80 % of the viewport's width.
    let both = f64::from(viewport.x.max(1.0)) * 0.8 / distance_km.max(1e-9);
    let dip = ((l0 + l1) / 2.0 - both.ln()).max(0.0);
    let log_zoom = l0 + (l1 - l0) * e - dip * 4.0 * e * (1.0 - e);
    Pose {
        centre: from.centre.lerp(to.centre, e),
        zoom: Zoom::try_from(log_zoom.exp()).unwrap_or(to.zoom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::projection::MapPos;

    fn pose(x: f64, zoom: f64) -> Pose {
        Pose {
            centre: MapPos::new(x, 0.0),
            zoom: Zoom::try_from(zoom).expect("a valid zoom"),
        }
    }

    #[test]
    fn easing_is_monotonic_from_zero_to_one() {
        let mut last = 0.0;
        for i in 0..=100 {
            let e = ease_in_out_cubic(f64::from(i) / 100.0);
            assert!(e >= last, "monotonic at {i}");
            last = e;
        }
        assert!((last - 1.0).abs() < 1e-12, "ends at one");
    }

    #[test]
    fn a_near_flight_is_short_and_a_far_one_long() {
        let viewport = egui::vec2(1920.0, 1080.0);
        let near = fly_duration(pose(0.0, 1.0), pose(10.0, 1.0), viewport);
        let far = fly_duration(pose(0.0, 1.0), pose(100_000.0, 1.0), viewport);
        assert!((near - FLY_SECS.0).abs() < 0.05, "near: {near}");
        assert!((far - FLY_SECS.1).abs() < 1e-9, "far: {far}");
    }
}
