//! The map camera, pure: where it looks, how close, and how it moves.
//!
//! The camera maps the projection plane (`pos_map`, kilometres, y north) to design points
//! (`pos_design`, the 1920×1080 reference, y down): its centre lands on the viewport's centre,
//! and its [`Zoom`] is design points per kilometre, so every screen size shows the same area.
//! Time is passed in (seconds of egui's input time); nothing here reads a clock.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

pub use super::motion::{FLY_SECS, ease_in_out_cubic, flight_pose, fly_duration};
use super::projection::{MapPos, MapRect};

/// Design points per kilometre: finite and above zero.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Zoom(f64);

/// A zoom that is not a finite positive number.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[error("a zoom must be a finite number above zero, not {0}")]
pub struct ZoomError(pub f64);

impl TryFrom<f64> for Zoom {
    type Error = ZoomError;

    fn try_from(value: f64) -> Result<Self, Self::Error> {
        if value.is_finite() && value > 0.0 {
            Ok(Self(value))
        } else {
            Err(ZoomError(value))
        }
    }
}

impl Zoom {
    /// One design point per kilometre.
    pub const ONE: Self = Self(1.0);

    /// Design points per kilometre.
    pub fn get(self) -> f64 {
        self.0
    }

    /// This zoom times `factor`, or unchanged when the result would be invalid.
    #[must_use]
    pub fn times(self, factor: f64) -> Self {
        Self::try_from(self.0 * factor).unwrap_or(self)
    }

    /// Clamped to `limits`.
    #[must_use]
    pub fn clamp(self, limits: ZoomLimits) -> Self {
        Self(self.0.clamp(limits.min.0, limits.max.0))
    }
}

/// The closest and the farthest the camera may zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoomLimits {
    /// Farthest out.
    pub min: Zoom,
    /// Closest in.
    pub max: Zoom,
}

impl ZoomLimits {
    /// Limits from two zooms in either order.
    pub fn new(a: Zoom, b: Zoom) -> Self {
        if a <= b {
            Self { min: a, max: b }
        } else {
            Self { min: b, max: a }
        }
    }
}

/// Where the camera looks and how close.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pose {
    /// The map point at the viewport's centre.
    pub centre: MapPos,
    /// Design points per kilometre.
    pub zoom: Zoom,
}

/// What the camera is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Motion {
    /// Nothing moves.
    #[default]
    Still,
    /// A finger holds the map at `grab` (the map point that was under it when it went down).
    Dragging {
        /// The map point that stays under the finger.
        grab: MapPos,
    },
    /// Gliding on after a drag, slowing down.
    Gliding {
        /// Design points per second (the map's movement on screen).
        velocity: Vec2,
        /// Input time of the last step.
        last: f64,
    },
    /// Flying from one pose to another.
    Flying {
        /// The pose at the start.
        from: Pose,
        /// The pose at the end.
        to: Pose,
        /// Input time of the start.
        start: f64,
        /// Seconds the flight takes.
        duration: f64,
    },
}

/// How long the glide after a drag takes to lose 63 % of its speed, in seconds.
const GLIDE_TIME_CONSTANT: f64 = 0.325;

/// Below this speed (design points per second) a glide stops.
const GLIDE_STOP_SPEED: f32 = 20.0;

/// The map camera.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The current pose.
    pub pose: Pose,
    /// What it is doing.
    pub motion: Motion,
    /// The part of the plane the view stays on.
    pub region: MapRect,
    /// How far it may zoom.
    pub limits: ZoomLimits,
    /// The viewport's size in design points (the whole map, under any panels).
    pub viewport: Vec2,
}

impl Camera {
    /// A still camera at `pose` (clamped) over `region`, with a viewport of `viewport` design points.
    pub fn new(pose: Pose, region: MapRect, limits: ZoomLimits, viewport: Vec2) -> Self {
        let mut camera = Self {
            pose,
            motion: Motion::Still,
            region,
            limits,
            viewport,
        };
        camera.pose = camera.clamped(pose);
        camera
    }

    /// The viewport's centre in design points.
    fn viewport_centre(&self) -> Pos2 {
        (self.viewport / 2.0).to_pos2()
    }

    /// Design position of a map position.
    pub fn pos_design(&self, pos_map: MapPos) -> Pos2 {
        self.transform().apply(pos_map)
    }

    /// Map position under a design position.
    pub fn pos_map(&self, pos_design: Pos2) -> MapPos {
        pos_map_at(self.pose, self.viewport_centre(), pos_design)
    }

    /// The map-to-design mapping of the current pose, for drawing many points.
    pub fn transform(&self) -> MapTransform {
        MapTransform::of(self.pose, self.viewport_centre())
    }

    /// The part of the plane the viewport shows.
    pub fn visible_map_rect(&self) -> MapRect {
        MapRect::around([
            self.pos_map(Pos2::ZERO),
            self.pos_map(self.viewport.to_pos2()),
        ])
    }

    /// A new viewport size (the window changed); keeps the centre.
    pub fn set_viewport(&mut self, viewport: Vec2) {
        if self.viewport != viewport {
            self.viewport = viewport;
            self.pose = self.clamped(self.pose);
        }
    }

    /// `pose` moved and zoomed so the view stays on the region: where the viewport is smaller
    /// than the region it stays inside it; where it is larger the region stays inside the viewport.
    pub fn clamped(&self, pose: Pose) -> Pose {
        let zoom = pose.zoom.clamp(self.limits);
        let half = self.viewport / 2.0;
        let axis = |centre: f64, min: f64, max: f64, half_km: f64| {
            let (lo, hi) = if max - min >= 2.0 * half_km {
                (min + half_km, max - half_km)
            } else {
                (max - half_km, min + half_km)
            };
            if centre.is_finite() {
                centre.clamp(lo, hi)
            } else {
                (min + max) / 2.0
            }
        };
        if !self.region.is_valid() {
            return Pose { zoom, ..pose };
        }
        let z = zoom.get();
        Pose {
            centre: MapPos::new(
                axis(
                    pose.centre.x,
                    self.region.min.x,
                    self.region.max.x,
                    f64::from(half.x) / z,
                ),
                axis(
                    pose.centre.y,
                    self.region.min.y,
                    self.region.max.y,
                    f64::from(half.y) / z,
                ),
            ),
            zoom,
        }
    }

    /// Moves the map by `delta` design points (as a finger would), clamped.
    pub fn pan_by(&mut self, delta: Vec2) {
        let z = self.pose.zoom.get();
        let centre = MapPos::new(
            self.pose.centre.x - f64::from(delta.x) / z,
            self.pose.centre.y + f64::from(delta.y) / z,
        );
        self.pose = self.clamped(Pose {
            centre,
            ..self.pose
        });
    }

    /// Zooms by `factor` keeping the map point under `about` (design points) where it is,
    /// unless the region's edge stops it.
    pub fn zoom_about(&mut self, factor: f64, about: Pos2) {
        self.pose = self.clamped(zoomed_about(
            self.pose,
            self.limits,
            self.viewport_centre(),
            factor,
            about,
        ));
    }

    /// A finger went down at `pos_design`: the map under it follows it from now on.
    pub fn drag_start(&mut self, pos_design: Pos2) {
        self.motion = Motion::Dragging {
            grab: self.pos_map(pos_design),
        };
    }

    /// The finger is at `pos_design`: the grabbed map point moves under it (clamped).
    pub fn drag_to(&mut self, pos_design: Pos2) {
        let Motion::Dragging { grab } = self.motion else {
            self.drag_start(pos_design);
            return;
        };
        let z = self.pose.zoom.get();
        let offset = pos_design - self.viewport_centre();
        let centre = MapPos::new(
            grab.x - f64::from(offset.x) / z,
            grab.y + f64::from(offset.y) / z,
        );
        self.pose = self.clamped(Pose {
            centre,
            ..self.pose
        });
    }

    /// The finger lifted at `now` moving at `velocity` design points per second: glide on.
    pub fn release(&mut self, velocity: Vec2, now: f64) {
        self.motion = if velocity.is_finite() && velocity.length() > GLIDE_STOP_SPEED {
            Motion::Gliding {
                velocity,
                last: now,
            }
        } else {
            Motion::Still
        };
    }

    /// Stops any motion where it is (a touch interrupts a flight or a glide).
    pub fn stop(&mut self) {
        self.motion = Motion::Still;
    }

    /// Flies to `to` (clamped) starting at `now`, taking 1.2–1.8 s by distance.
    pub fn fly_to(&mut self, to: Pose, now: f64) {
        let to = self.clamped(to);
        let duration = fly_duration(self.pose, to, self.viewport);
        self.fly_to_in(to, now, duration);
    }

    /// Flies to `to` (clamped) starting at `now`, taking `duration` seconds (0: jump).
    pub fn fly_to_in(&mut self, to: Pose, now: f64, duration: f64) {
        let to = self.clamped(to);
        if duration > 0.0 && duration.is_finite() {
            self.motion = Motion::Flying {
                from: self.pose,
                to,
                start: now,
                duration,
            };
        } else {
            self.pose = to;
            self.motion = Motion::Still;
        }
    }

    /// Advances a glide or a flight to `now`.
    pub fn tick(&mut self, now: f64) {
        match self.motion {
            Motion::Still | Motion::Dragging { .. } => {}
            Motion::Gliding { velocity, last } => {
                let dt = (now - last).max(0.0);
                let decay = (-dt / GLIDE_TIME_CONSTANT).exp();
                // The exact distance of an exponentially slowing glide over dt.
                #[expect(clippy::cast_possible_truncation, reason = "a screen distance")]
                let travelled = velocity * (GLIDE_TIME_CONSTANT * (1.0 - decay)) as f32;
                let before = self.pose.centre;
                self.pan_by(travelled);
                #[expect(clippy::cast_possible_truncation, reason = "a factor in 0..1")]
                let mut velocity = velocity * decay as f32;
                // An edge stops the glide along its axis.
                let z = self.pose.zoom.get();
                let expected = (
                    before.x - f64::from(travelled.x) / z,
                    before.y + f64::from(travelled.y) / z,
                );
                if (self.pose.centre.x - expected.0).abs() > 1e-6 {
                    velocity.x = 0.0;
                }
                if (self.pose.centre.y - expected.1).abs() > 1e-6 {
                    velocity.y = 0.0;
                }
                self.motion = if velocity.length() > GLIDE_STOP_SPEED {
                    Motion::Gliding {
                        velocity,
                        last: now,
                    }
                } else {
                    Motion::Still
                };
            }
            Motion::Flying {
                from,
                to,
                start,
                duration,
            } => {
                let t = ((now - start) / duration).clamp(0.0, 1.0);
                if t >= 1.0 {
                    self.pose = to;
                    self.motion = Motion::Still;
                } else {
                    self.pose = flight_pose(from, to, t, self.viewport);
                }
            }
        }
    }

    /// Whether the camera moves by itself (a glide or a flight) and needs repaints.
    pub fn is_animating(&self) -> bool {
        matches!(self.motion, Motion::Gliding { .. } | Motion::Flying { .. })
    }

    /// The pose that fits `rect` into `area` (design points), clamped to this camera's limits and region.
    pub fn fit(&self, rect: MapRect, area: Rect) -> Pose {
        self.clamped(fit_pose(rect, area, self.viewport, self.limits))
    }
}

/// The map-to-design mapping of one pose: `x = ox + s·x_map`, `y = oy − s·y_map`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapTransform {
    /// Design points per kilometre.
    pub scale: f64,
    /// Design x of the map origin.
    pub ox: f64,
    /// Design y of the map origin.
    pub oy: f64,
}

impl MapTransform {
    /// The mapping that puts `pose.centre` at `viewport_centre`.
    pub fn of(pose: Pose, viewport_centre: Pos2) -> Self {
        let s = pose.zoom.get();
        Self {
            scale: s,
            ox: f64::from(viewport_centre.x) - pose.centre.x * s,
            oy: f64::from(viewport_centre.y) + pose.centre.y * s,
        }
    }

    /// Design position of a map position (converted to `f32` last).
    #[expect(clippy::cast_possible_truncation, reason = "design points fit f32")]
    pub fn apply(&self, pos_map: MapPos) -> Pos2 {
        pos2(
            (self.ox + self.scale * pos_map.x) as f32,
            (self.oy - self.scale * pos_map.y) as f32,
        )
    }

    /// The same mapping followed by a design-to-screen scale and offset.
    #[must_use]
    pub fn then_scale(&self, scale: f32, origin: Pos2) -> Self {
        let k = f64::from(scale);
        Self {
            scale: self.scale * k,
            ox: f64::from(origin.x) + self.ox * k,
            oy: f64::from(origin.y) + self.oy * k,
        }
    }
}

/// The map position under `pos_design` for `pose`.
fn pos_map_at(pose: Pose, viewport_centre: Pos2, pos_design: Pos2) -> MapPos {
    let z = pose.zoom.get();
    let offset = pos_design - viewport_centre;
    MapPos::new(
        pose.centre.x + f64::from(offset.x) / z,
        pose.centre.y - f64::from(offset.y) / z,
    )
}

/// `pose` zoomed by `factor` (within `limits`) about the design point `about`.
pub fn zoomed_about(
    pose: Pose,
    limits: ZoomLimits,
    viewport_centre: Pos2,
    factor: f64,
    about: Pos2,
) -> Pose {
    let fixed = pos_map_at(pose, viewport_centre, about);
    let zoom = pose.zoom.times(factor).clamp(limits);
    let z = zoom.get();
    let offset = about - viewport_centre;
    Pose {
        centre: MapPos::new(
            fixed.x - f64::from(offset.x) / z,
            fixed.y + f64::from(offset.y) / z,
        ),
        zoom,
    }
}

/// The pose that shows all of `rect` inside `area` (design points) of a `viewport`, centred there.
pub fn fit_pose(rect: MapRect, area: Rect, viewport: Vec2, limits: ZoomLimits) -> Pose {
    let fallback = Pose {
        centre: rect.center(),
        zoom: limits.min,
    };
    if !rect.is_valid() || area.width() <= 0.0 || area.height() <= 0.0 {
        return fallback;
    }
    // A point or a line still gets a sensible zoom: at least 10 km across.
    let w = rect.width().max(10.0);
    let h = rect.height().max(10.0);
    let z = (f64::from(area.width()) / w).min(f64::from(area.height()) / h);
    let Ok(zoom) = Zoom::try_from(z) else {
        return fallback;
    };
    let zoom = zoom.clamp(limits);
    let z = zoom.get();
    // The rectangle's centre lands on the area's centre, not the viewport's.
    let offset = area.center() - (viewport / 2.0).to_pos2();
    let c = rect.center();
    Pose {
        centre: MapPos::new(c.x - f64::from(offset.x) / z, c.y + f64::from(offset.y) / z),
        zoom,
    }
}

/// The design rectangle of the whole viewport.
pub fn viewport_rect(viewport: Vec2) -> Rect {
    Rect::from_min_size(Pos2::ZERO, vec2(viewport.x.max(0.0), viewport.y.max(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zoom(z: f64) -> Zoom {
        Zoom::try_from(z).expect("a valid zoom")
    }

    fn region() -> MapRect {
        MapRect {
            min: MapPos::new(-800.0, -1100.0),
            max: MapPos::new(800.0, 900.0),
        }
    }

    fn camera(z: f64) -> Camera {
        Camera::new(
            Pose {
                centre: MapPos::new(0.0, 0.0),
                zoom: zoom(z),
            },
            region(),
            ZoomLimits::new(zoom(0.3), zoom(6.0)),
            vec2(1920.0, 1080.0),
        )
    }

    fn close(a: Pos2, b: Pos2) -> bool {
        (a - b).length() < 1e-3
    }

    #[test]
    fn zoom_refuses_nonsense() {
        assert!(Zoom::try_from(0.0).is_err(), "zero");
        assert!(Zoom::try_from(-1.0).is_err(), "negative");
        assert!(Zoom::try_from(f64::NAN).is_err(), "nan");
        assert!(Zoom::try_from(f64::INFINITY).is_err(), "infinite");
        assert_eq!(zoom(2.0).times(0.0), zoom(2.0), "a zero factor is ignored");
    }

    #[test]
    fn design_and_map_positions_round_trip() {
        let mut cam = camera(1.5);
        cam.pan_by(vec2(130.0, -70.0));
        for p in [pos2(0.0, 0.0), pos2(960.0, 540.0), pos2(1700.0, 90.0)] {
            let back = cam.pos_design(cam.pos_map(p));
            assert!(close(back, p), "{p:?} -> {back:?}");
        }
        // North is up: a point north of the centre is above it on screen.
        let north = cam.pos_design(MapPos::new(cam.pose.centre.x, cam.pose.centre.y + 10.0));
        assert!(north.y < 540.0, "{north:?}");
    }

    #[test]
    fn zooming_about_a_point_keeps_that_point_fixed() {
        let mut cam = camera(2.0);
        let finger = pos2(700.0, 400.0);
        let under = cam.pos_map(finger);
        cam.zoom_about(1.8, finger);
        assert!((cam.pose.zoom.get() - 3.6).abs() < 1e-9, "zoomed in");
        assert!(
            close(cam.pos_design(under), finger),
            "fixed after zooming in"
        );
        cam.zoom_about(0.7, finger);
        assert!(
            close(cam.pos_design(under), finger),
            "fixed after zooming out"
        );
    }

    #[test]
    fn zoom_stays_within_its_limits() {
        let mut cam = camera(1.0);
        cam.zoom_about(1000.0, pos2(960.0, 540.0));
        assert!((cam.pose.zoom.get() - 6.0).abs() < 1e-9, "closest");
        cam.zoom_about(1e-6, pos2(960.0, 540.0));
        assert!((cam.pose.zoom.get() - 0.3).abs() < 1e-9, "farthest");
    }

    #[test]
    fn panning_is_clamped_to_the_region() {
        // Zoomed in, the viewport stays inside the region.
        let mut cam = camera(3.0);
        cam.pan_by(vec2(-1e7, 1e7));
        let visible = cam.visible_map_rect();
        let r = region();
        assert!(
            (visible.max.x - r.max.x).abs() < 1e-6 && (visible.max.y - r.max.y).abs() < 1e-6,
            "stopped at the north-east corner: {visible:?}"
        );
        // Zoomed out, the region stays inside the viewport.
        let mut cam = camera(0.3);
        cam.pan_by(vec2(1e7, 0.0));
        let visible = cam.visible_map_rect();
        assert!(
            visible.min.x <= r.min.x + 1e-6 && visible.max.x >= r.max.x - 1e-6,
            "region kept in view: {visible:?}"
        );
    }

    #[test]
    fn a_drag_keeps_the_grabbed_point_under_the_finger() {
        let mut cam = camera(1.0);
        let start = pos2(900.0, 500.0);
        let grabbed = cam.pos_map(start);
        cam.drag_start(start);
        cam.drag_to(pos2(1000.0, 450.0));
        assert!(
            close(cam.pos_design(grabbed), pos2(1000.0, 450.0)),
            "followed the finger"
        );
    }

    #[test]
    fn a_glide_slows_down_and_stops() {
        let mut cam = camera(2.0);
        let before = cam.pose.centre;
        cam.release(vec2(800.0, 0.0), 10.0);
        assert!(cam.is_animating(), "gliding");
        cam.tick(10.1);
        let after_first = cam.pose.centre;
        assert!(
            after_first.x < before.x,
            "the map moved right, so the centre went west"
        );
        cam.tick(12.0);
        cam.tick(14.0);
        assert!(!cam.is_animating(), "stopped");
        // Total glide ≈ v·τ = 260 design points.
        let travelled = (before.x - cam.pose.centre.x) * cam.pose.zoom.get();
        assert!((travelled - 260.0).abs() < 5.0, "travelled {travelled}");
        // Big time steps do not overshoot.
        let mut big = camera(2.0);
        big.release(vec2(800.0, 0.0), 0.0);
        big.tick(100.0);
        let travelled = (before.x - big.pose.centre.x) * big.pose.zoom.get();
        assert!(travelled <= 260.1, "travelled {travelled}");
    }

    #[test]
    fn fit_puts_a_box_inside_the_free_area() {
        let cam = camera(1.0);
        let rect = MapRect {
            min: MapPos::new(-200.0, -300.0),
            max: MapPos::new(300.0, 200.0),
        };
        let area = Rect::from_min_max(pos2(552.0, 40.0), pos2(1336.0, 940.0));
        let pose = cam.fit(rect, area);
        let mut fitted = cam;
        fitted.pose = pose;
        for corner in [rect.min, rect.max] {
            let p = fitted.pos_design(corner);
            assert!(area.expand(0.01).contains(p), "{corner:?} at {p:?}");
        }
        let centre = fitted.pos_design(rect.center());
        assert!(close(centre, area.center()), "centred: {centre:?}");
        // The tighter side touches the area's edges.
        assert!(
            (pose.zoom.get() - (784.0 / 500.0_f64).min(900.0 / 500.0)).abs() < 1e-9,
            "{pose:?}"
        );
    }

    #[test]
    fn a_flight_starts_and_ends_at_its_poses_and_zooms_out_for_far_jumps() {
        let mut cam = camera(3.0);
        let from = cam.pose;
        let to = Pose {
            centre: MapPos::new(500.0, 600.0),
            zoom: zoom(3.0),
        };
        cam.fly_to(to, 5.0);
        let Motion::Flying { duration, .. } = cam.motion else {
            panic!("flying: {:?}", cam.motion);
        };
        assert!((FLY_SECS.0..=FLY_SECS.1).contains(&duration), "{duration}");
        cam.tick(5.0);
        assert!(
            cam.pose.centre.distance(from.centre) < 1e-9
                && (cam.pose.zoom.get() - from.zoom.get()).abs() < 1e-9,
            "starts where it was"
        );
        cam.tick(5.0 + duration / 2.0);
        assert!(
            cam.pose.zoom < to.zoom,
            "zoomed out half way: {:?}",
            cam.pose
        );
        cam.tick(5.0 + duration + 1e-6);
        assert_eq!(cam.pose, cam.clamped(to), "lands");
        assert!(!cam.is_animating(), "still");
    }
}
