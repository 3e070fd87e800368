//! Kiosk behaviour: idle timeout, attract loop, staff PIN, opening hours, screen mount.

use serde::{Deserialize, Serialize};

use crate::content::hours::OpeningHours;

/// How the kiosk behaves when nobody touches it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct KioskSettings {
    /// Seconds without a touch before the kiosk resets and the attract loop starts.
    pub idle_timeout_secs: u32,

    /// Seconds before the reset that the "still there?" prompt appears.
    pub warning_secs: u32,

    /// Start in the attract loop rather than on Home.
    pub attract_on_start: bool,

    /// The first touch in the attract loop opens the slide's section rather than Home.
    pub wake_into_section: bool,

    /// Highest frame rate of the attract loop, to keep weak PCs cool.
    pub attract_fps: u32,

    /// Digits that open the staff panel. None: no PIN.
    pub staff_pin: Option<String>,

    /// The kiosk has a mouse: keep the cursor visible.
    pub has_mouse: bool,

    /// When visitors come (local time); outside these hours the screen rests and a touch
    /// still wakes it. None: always open.
    pub opening_hours: Option<OpeningHours>,

    /// How high the screen hangs, so controls stay within reach (below 1220 mm) in
    /// accessibility mode. None: the controls use the lower 40 % of the screen.
    pub screen: Option<ScreenMount>,
}

/// Where the screen is mounted, in millimetres.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScreenMount {
    /// Height of the lower edge of the picture above the floor.
    pub mounting_height_mm: u32,
    /// Height of the picture (the visible area, without the frame).
    pub height_mm: u32,
}

impl ScreenMount {
    /// The first value out of range, as the field and what to write instead.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if self.mounting_height_mm > 3000 {
            Some((
                "mounting_height_mm",
                format!(
                    "mounting_height_mm {} is out of range; write the height of the picture's lower edge above the floor in millimetres, such as 800",
                    self.mounting_height_mm
                ),
            ))
        } else if !(100..=3000).contains(&self.height_mm) {
            Some((
                "height_mm",
                format!(
                    "height_mm {} is out of range; write the height of the visible picture in millimetres, such as 680",
                    self.height_mm
                ),
            ))
        } else {
            None
        }
    }
}

impl Default for KioskSettings {
    fn default() -> Self {
        Self {
            idle_timeout_secs: 90,
            warning_secs: 15,
            attract_on_start: true,
            wake_into_section: false,
            attract_fps: 30,
            staff_pin: None,
            has_mouse: false,
            opening_hours: None,
            screen: None,
        }
    }
}
