//! Controls within reach: the band of the screen where a seated visitor or a child can touch
//! them. Pure; here beside the content, which validates screen mounts against it
//! (`a11y::reach` re-exports it).
//!
//! The band runs from [`REACH_HIGH_MM`] (1220 mm, the highest forward reach of the ADA and
//! EN 17210 reach ranges) down to [`REACH_LOW_MM`] (380 mm, the lowest) above the floor. Where
//! the content does not say how the screen is mounted, the band is the lower
//! [`DEFAULT_BAND_FRACTION`] of the screen: a 55" landscape panel (about 680 mm high) on a
//! floor stand with its lower edge near 900 mm has its lower 47 % within reach, the same
//! panel in portrait (1210 mm) from 700 mm its lower 43 %, so 40 % is safe for both.

use crate::content::ScreenMount;

/// The highest point a control may sit, in mm above the floor.
pub const REACH_HIGH_MM: f32 = 1220.0;

/// The lowest point a control may sit, in mm above the floor.
pub const REACH_LOW_MM: f32 = 380.0;

/// The share of the screen, from its bottom, used when the mounting is unknown.
pub const DEFAULT_BAND_FRACTION: f32 = 0.4;

/// A horizontal band of the screen, as fractions of its height from the top (0 = top edge,
/// 1 = bottom edge).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// Upper edge.
    pub top: f32,
    /// Lower edge.
    pub bottom: f32,
}

impl Band {
    /// The band in points (or pixels) on a screen `height` high: `(top, bottom)` y values.
    pub fn to_points(self, height: f32) -> (f32, f32) {
        (self.top * height, self.bottom * height)
    }

    /// Its height as a fraction of the screen.
    pub fn height(self) -> f32 {
        self.bottom - self.top
    }

    /// Whether a control spanning `top..bottom` (fractions) lies inside the band.
    pub fn contains(self, top: f32, bottom: f32) -> bool {
        top >= self.top - 1e-4 && bottom <= self.bottom + 1e-4
    }
}

/// Where the operable band is on a screen mounted as `mount` (None: unknown).
///
/// Returns None when no part of the screen is within reach (its lower edge is above 1220 mm
/// or its top below 380 mm); validation warns about such a mounting, and the UI then keeps
/// the controls at the very bottom.
pub fn reach_band(mount: Option<&ScreenMount>) -> Option<Band> {
    let Some(mount) = mount else {
        return Some(Band {
            top: 1.0 - DEFAULT_BAND_FRACTION,
            bottom: 1.0,
        });
    };
    if mount.height_mm == 0 {
        return None;
    }
    #[expect(clippy::cast_precision_loss, reason = "millimetres, far below 2^24")]
    let (mounting, height) = (mount.mounting_height_mm as f32, mount.height_mm as f32);
    // A fraction f from the top is (1 − f) · height + mounting above the floor.
    let fraction_at = |mm: f32| 1.0 - (mm - mounting) / height;
    let top = fraction_at(REACH_HIGH_MM).clamp(0.0, 1.0);
    let bottom = fraction_at(REACH_LOW_MM).clamp(0.0, 1.0);
    (bottom > top).then_some(Band { top, bottom })
}

/// The screen's shape, from its size in points or pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// Wider than high.
    Landscape,
    /// Higher than wide.
    Portrait,
}

impl Orientation {
    /// The orientation of a `width` × `height` screen (square counts as landscape).
    pub fn of(width: f32, height: f32) -> Self {
        if height > width {
            Self::Portrait
        } else {
            Self::Landscape
        }
    }
}

/// Whether navigation, the language switch and the map controls move into the reach band:
/// always in accessibility mode, and always on portrait screens (their top is out of reach).
pub fn controls_in_lower_band(accessibility: bool, orientation: Orientation) -> bool {
    accessibility || orientation == Orientation::Portrait
}

/// Where the controls go on this screen: the reach band when they move down, else None (the
/// normal layout). With a mounting that leaves nothing within reach, the bottom
/// [`DEFAULT_BAND_FRACTION`] stands in: the lowest place there is.
pub fn controls_band(
    mount: Option<&ScreenMount>,
    accessibility: bool,
    orientation: Orientation,
) -> Option<Band> {
    controls_in_lower_band(accessibility, orientation).then(|| {
        reach_band(mount).unwrap_or(Band {
            top: 1.0 - DEFAULT_BAND_FRACTION,
            bottom: 1.0,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(mounting_height_mm: u32, height_mm: u32) -> ScreenMount {
        ScreenMount {
            mounting_height_mm,
            height_mm,
        }
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn unknown_mounting_uses_the_lower_forty_percent() {
        let band = reach_band(None).expect("a band");
        assert!(close(band.top, 0.6) && close(band.bottom, 1.0), "{band:?}");
        assert_eq!(band.to_points(1080.0), (648.0, 1080.0));
    }

    #[test]
    fn a_landscape_panel_on_a_stand_reaches_its_lower_half() {
        // 55" landscape: 680 mm high, lower edge at 900 mm: up to 1220 mm is the lower 320 mm.
        let band = reach_band(Some(&mount(900, 680))).expect("a band");
        assert!(close(band.top, 1.0 - 320.0 / 680.0), "{band:?}");
        assert!(
            close(band.bottom, 1.0),
            "the whole lower part is above 380 mm"
        );
        let (top, _) = band.to_points(1080.0);
        assert!((top - 571.76).abs() < 0.1, "top at {top}");
    }

    #[test]
    fn a_tall_portrait_panel_from_low_down_excludes_its_foot() {
        // 1210 mm high from 200 mm: reach is 380–1220 mm, i.e. 180–1020 mm up the screen.
        let band = reach_band(Some(&mount(200, 1210))).expect("a band");
        assert!(close(band.top, 1.0 - 1020.0 / 1210.0), "{band:?}");
        assert!(close(band.bottom, 1.0 - 180.0 / 1210.0), "{band:?}");
        assert!(band.contains(0.5, 0.8), "the middle is within reach");
        assert!(!band.contains(0.9, 0.95), "the foot is too low");
    }

    #[test]
    fn a_screen_entirely_within_reach_is_all_band() {
        let band = reach_band(Some(&mount(500, 600))).expect("a band");
        assert!(close(band.top, 0.0) && close(band.bottom, 1.0), "{band:?}");
    }

    #[test]
    fn a_screen_above_reach_has_no_band_and_controls_go_to_the_bottom() {
        assert_eq!(reach_band(Some(&mount(1300, 700))), None);
        assert_eq!(reach_band(Some(&mount(1220, 700))), None, "the edge itself");
        assert_eq!(reach_band(Some(&mount(0, 0))), None, "no height");
        let band = controls_band(Some(&mount(1300, 700)), true, Orientation::Landscape)
            .expect("controls still placed");
        assert!(close(band.top, 0.6), "{band:?}");
    }

    #[test]
    fn controls_move_down_in_accessibility_mode_and_on_portrait_screens() {
        let landscape = Orientation::of(1920.0, 1080.0);
        let portrait = Orientation::of(1080.0, 1920.0);
        assert_eq!(landscape, Orientation::Landscape);
        assert_eq!(portrait, Orientation::Portrait);
        assert!(!controls_in_lower_band(false, landscape), "normal layout");
        assert!(
            controls_in_lower_band(true, landscape),
            "accessibility mode"
        );
        assert!(controls_in_lower_band(false, portrait), "portrait always");
        assert_eq!(controls_band(None, false, landscape), None);
        assert!(
            controls_band(None, false, portrait).is_some(),
            "portrait band"
        );
    }

    #[test]
    fn content_sets_the_mounting_and_validation_checks_it() {
        use crate::content::{Severity, parse_content, validate};
        let source = include_str!("../../content.ron").replace(
            "attract_fps: 30,\n",
            "attract_fps: 30,\n        screen: (mounting_height_mm: 1250, height_mm: 680),\n",
        );
        let content = parse_content(&source, std::path::Path::new("content.ron")).expect("parses");
        assert_eq!(content.kiosk.screen, Some(mount(1250, 680)));
        let problems = validate(&content, &|_| Ok(()));
        let screen: Vec<_> = problems
            .iter()
            .filter(|p| p.path.to_string().starts_with("kiosk.screen."))
            .collect();
        assert_eq!(screen.len(), 1, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.path.to_string() == "kiosk.screen" && p.message.contains("kiosk.ron")),
            "and where the setting moves: {problems:?}"
        );
        assert_eq!(
            screen[0].severity,
            Severity::Warning,
            "out of reach is a warning"
        );

        let mut bad = content.clone();
        bad.kiosk.screen = Some(mount(800, 5));
        let problems = validate(&bad, &|_| Ok(()));
        assert!(
            problems
                .iter()
                .any(|p| p.severity == Severity::Error
                    && p.path.to_string() == "kiosk.screen.height_mm"),
            "{problems:?}"
        );
    }
}
