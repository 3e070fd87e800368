//! `kiosk.ron`: what belongs to one machine, apart from the shared content. Pure.

use serde::{Deserialize, Serialize};

use crate::content::ScreenMount;
use crate::content::hours::OpeningHours;

/// The per-machine settings of one kiosk, as read from `kiosk.ron`.
///
/// Fields that older content files carried under `kiosk:` (`staff_pin`, `has_mouse`,
/// `screen`, `opening_hours`) are options here: when `kiosk.ron` leaves one out, the
/// content's old value still applies (with a warning from `vitrina check`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct KioskConfig {
    /// The staff PIN as a salted hash (a PHC string, as printed by `vitrina pin`).
    /// None: no PIN (the staff panel opens only in `--windowed` development runs).
    pub staff_pin_hash: Option<String>,

    /// The kiosk has a mouse: keep the cursor visible.
    pub has_mouse: Option<bool>,

    /// How high the screen hangs, so controls stay within reach in accessibility mode.
    pub screen: Option<ScreenMount>,

    /// When visitors come (local time); outside these hours the screen rests.
    pub opening_hours: Option<OpeningHours>,

    /// Graphics back end; `--renderer` overrides it. None: glow.
    pub renderer: Option<RendererChoice>,

    /// Minisign public keys (the base64 line of each `.pub` file). When any is listed, only
    /// content whose `content.manifest.minisig` verifies with one of them is shown.
    pub trusted_keys: Vec<String>,

    /// `status.json` and `screen.png` in the data folder, for a fleet to collect.
    pub status: StatusSettings,

    /// What happens to the display itself.
    pub display: DisplaySettings,
}

/// Graphics back ends the kiosk can draw with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum RendererChoice {
    /// OpenGL through glow: the lightest on old or software graphics.
    #[default]
    Glow,
    /// wgpu (Vulkan, Metal, DirectX 12 or OpenGL).
    Wgpu,
}

/// What the kiosk reports about itself, as files in its data folder.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct StatusSettings {
    /// Write `status.json` (every minute and after every reload or error).
    pub write_status: bool,
    /// Minutes between two `screen.png` captures; 0: never.
    pub screenshot_every_mins: u32,
    /// Width of `screen.png` in pixels (the height follows the screen's shape).
    pub screenshot_width: u32,
}

impl Default for StatusSettings {
    fn default() -> Self {
        Self {
            write_status: true,
            screenshot_every_mins: 10,
            screenshot_width: 640,
        }
    }
}

/// The display's power.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct DisplaySettings {
    /// Outside opening hours, turn the display off (on again at opening or on a touch).
    pub off_when_closed: bool,
}
