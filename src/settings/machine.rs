//! The settings one kiosk runs with: `kiosk.ron`, with what older content files still carry
//! under `kiosk:` filling the gaps. Pure.

use super::model::{DisplaySettings, KioskConfig, RendererChoice, StatusSettings};
use super::pin::PinCheck;
use crate::content::hours::OpeningHours;
use crate::content::{KioskSettings, ScreenMount};

/// The per-machine settings in effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Machine {
    /// How the staff PIN is checked.
    pub pin: PinCheck,
    /// Keep the cursor visible.
    pub has_mouse: bool,
    /// Where the screen hangs.
    pub screen: Option<ScreenMount>,
    /// When visitors come.
    pub opening_hours: Option<OpeningHours>,
    /// The graphics back end.
    pub renderer: RendererChoice,
    /// Minisign keys content must be signed with (empty: unsigned content is shown).
    pub trusted_keys: Vec<String>,
    /// `status.json` and `screen.png`.
    pub status: StatusSettings,
    /// The display's power.
    pub display: DisplaySettings,
}

impl Default for Machine {
    fn default() -> Self {
        Self::merge(&KioskConfig::default(), &KioskSettings::default())
    }
}

impl Machine {
    /// `config` first; an older content file's value where `config` leaves the field out.
    pub fn merge(config: &KioskConfig, legacy: &KioskSettings) -> Self {
        let pin = match (&config.staff_pin_hash, &legacy.staff_pin) {
            (Some(hash), _) => PinCheck::Hash(hash.clone()),
            (None, Some(pin)) => PinCheck::Plain(pin.clone()),
            (None, None) => PinCheck::None,
        };
        Self {
            pin,
            has_mouse: config.has_mouse.unwrap_or(legacy.has_mouse),
            screen: config.screen.or(legacy.screen),
            opening_hours: config
                .opening_hours
                .clone()
                .or_else(|| legacy.opening_hours.clone()),
            renderer: config.renderer.unwrap_or_default(),
            trusted_keys: config.trusted_keys.clone(),
            status: config.status,
            display: config.display,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_ron_wins_and_old_content_fills_the_gaps() {
        let legacy = KioskSettings {
            staff_pin: Some("1234".to_owned()),
            has_mouse: true,
            screen: Some(ScreenMount {
                mounting_height_mm: 700,
                height_mm: 600,
            }),
            ..KioskSettings::default()
        };
        let from_content = Machine::merge(&KioskConfig::default(), &legacy);
        assert_eq!(
            from_content.pin,
            PinCheck::Plain("1234".to_owned()),
            "old PIN"
        );
        assert!(from_content.has_mouse, "old has_mouse");
        assert_eq!(from_content.screen, legacy.screen, "old screen");

        let config = KioskConfig {
            staff_pin_hash: Some("$argon2id$x".to_owned()),
            has_mouse: Some(false),
            screen: Some(ScreenMount {
                mounting_height_mm: 900,
                height_mm: 600,
            }),
            ..KioskConfig::default()
        };
        let own = Machine::merge(&config, &legacy);
        assert_eq!(
            own.pin,
            PinCheck::Hash("$argon2id$x".to_owned()),
            "hash wins"
        );
        assert!(!own.has_mouse, "kiosk.ron's false wins over content's true");
        assert_eq!(own.screen, config.screen, "kiosk.ron's screen");
    }

    #[test]
    fn without_either_there_is_no_pin_and_no_mouse() {
        let machine = Machine::default();
        assert_eq!(machine.pin, PinCheck::None, "no PIN");
        assert!(!machine.has_mouse, "touch only");
        assert_eq!(machine.renderer, RendererChoice::Glow, "glow");
        assert!(machine.trusted_keys.is_empty(), "unsigned content allowed");
    }
}
