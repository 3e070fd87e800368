//! Checks of the theme (colours, fonts, base size) and the kiosk settings.

use super::{FieldPath, Validator};
use crate::content::model::KioskSettings;
use crate::content::reach::REACH_HIGH_MM;

impl Validator<'_> {
    pub(super) fn theme(&mut self) {
        let root = FieldPath::default().field("theme");
        let theme = &self.content.theme;
        for (field, palette) in [
            ("palette", &theme.palette),
            ("high_contrast", &theme.high_contrast),
        ] {
            let path = root.field(field);
            let colours = [
                ("ink", &palette.ink),
                ("surface", &palette.surface),
                ("raised", &palette.raised),
                ("pressed", &palette.pressed),
                ("line", &palette.line),
                ("text", &palette.text),
                ("text_secondary", &palette.text_secondary),
                ("text_tertiary", &palette.text_tertiary),
                ("accent", &palette.accent),
            ];
            for (name, colour) in colours {
                self.colour(&path.field(name), colour);
            }
            for (i, colour) in palette.signature.iter().enumerate() {
                self.colour(&path.field("signature").index(i), colour);
            }
        }
        for (name, font) in [
            ("font_regular", &theme.font_regular),
            ("font_strong", &theme.font_strong),
            ("font_serif", &theme.font_serif),
        ] {
            if !font.is_empty() {
                self.asset(&root.field(name), font);
            }
        }
        if !(0.5..=3.0).contains(&theme.base_size) {
            self.error(
                root.field("base_size"),
                format!(
                    "base_size {} is out of range; write a number from 0.5 to 3.0, such as 1.0 (1.2 for small screens)",
                    theme.base_size
                ),
            );
        }
    }

    pub(super) fn colour(&mut self, path: &FieldPath, colour: &str) {
        if parse_hex_colour(colour).is_none() {
            self.error(
                path.clone(),
                format!(
                    "\"{}\" is not a colour; write # and six hex digits, such as \"#FDB913\"",
                    crate::content::limits::shorten(colour)
                ),
            );
        }
    }

    /// Settings of one machine that older content files carry: they still apply, but belong
    /// in each kiosk's own `kiosk.ron` (every kiosk of a fleet would share one PIN).
    pub(super) fn per_machine_settings(&mut self, kiosk: &KioskSettings, root: &FieldPath) {
        let moved = [
            (
                "staff_pin",
                // A malformed PIN is already an error of its own.
                kiosk
                    .staff_pin
                    .as_deref()
                    .is_some_and(crate::content::pin::is_valid_pin),
                "write its hash there as staff_pin_hash (make the line with `vitrina pin`)",
            ),
            ("has_mouse", kiosk.has_mouse, "write has_mouse: true there"),
            (
                "opening_hours",
                kiosk.opening_hours.is_some(),
                "move the opening_hours line there as it is",
            ),
            (
                "screen",
                kiosk.screen.is_some(),
                "move the screen line there as it is",
            ),
        ];
        for (field, present, how) in moved {
            if present {
                self.warning(
                    root.field(field),
                    format!(
                        "{field} is a setting of one machine and moves to kiosk.ron \
                         (/etc/vitrina/kiosk.ron, or --kiosk-config); {how}. It still applies \
                         where kiosk.ron does not set it"
                    ),
                );
            }
        }
    }

    pub(super) fn kiosk(&mut self) {
        let root = FieldPath::default().field("kiosk");
        let kiosk = &self.content.kiosk;
        if kiosk.idle_timeout_secs < 20 {
            self.error(
                root.field("idle_timeout_secs"),
                format!(
                    "an idle timeout of {} s resets the kiosk while people read; write 20 or more, such as 90",
                    kiosk.idle_timeout_secs
                ),
            );
        }
        if kiosk.warning_secs >= kiosk.idle_timeout_secs {
            self.error(
                root.field("warning_secs"),
                format!(
                    "the warning ({} s) must be shorter than the idle timeout ({} s); write for example 15",
                    kiosk.warning_secs, kiosk.idle_timeout_secs
                ),
            );
        }
        if !(1..=120).contains(&kiosk.attract_fps) {
            self.error(
                root.field("attract_fps"),
                format!(
                    "attract_fps {} is out of range; write 1 to 120, such as 30",
                    kiosk.attract_fps
                ),
            );
        }
        if let Some(pin) = &kiosk.staff_pin
            && !crate::content::pin::is_valid_pin(pin)
        {
            self.error(
                root.field("staff_pin"),
                "the staff PIN must be 4 to 8 digits, such as \"4821\"",
            );
        }
        if let Some(hours) = &kiosk.opening_hours
            && hours.days.is_empty()
        {
            self.error(
                root.field("opening_hours").field("days"),
                "no opening days: the kiosk would never open; list days such as [Mon, Tue, Wed, Thu, Fri], or remove opening_hours",
            );
        }
        self.per_machine_settings(kiosk, &root);
        if let Some(screen) = kiosk.screen {
            let path = root.field("screen");
            if let Some((field, message)) = screen.problem() {
                self.error(path.field(field), message);
            } else if f64::from(screen.mounting_height_mm) >= f64::from(REACH_HIGH_MM) {
                self.warning(
                    path.field("mounting_height_mm"),
                    format!(
                        "the screen starts {} mm above the floor: no control can be within reach (below {} mm) of a seated visitor; mount it lower",
                        screen.mounting_height_mm,
                        REACH_HIGH_MM
                    ),
                );
            }
        }
    }
}

/// Parses `"#RRGGBB"` into its three bytes.
pub fn parse_hex_colour(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, problems};
    use super::*;
    use crate::content::Severity;

    #[test]
    fn hex_colours_parse_only_as_hash_and_six_digits() {
        assert_eq!(
            parse_hex_colour("#FDB913"),
            Some([0xFD, 0xB9, 0x13]),
            "upper case"
        );
        assert_eq!(
            parse_hex_colour("#0e1820"),
            Some([0x0E, 0x18, 0x20]),
            "lower case"
        );
        for bad in ["FDB913", "#FDB91", "#FDB9133", "#GGGGGG", "", "#é12345"] {
            assert_eq!(parse_hex_colour(bad), None, "{bad:?} is refused");
        }
    }

    #[test]
    fn a_colour_that_is_not_hex_is_an_error() {
        let found = problems(|c| c.theme.palette.accent = "amber".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "theme.palette.accent",
                "is not a colour"
            ),
            "{found:?}"
        );
        let found = problems(|c| c.theme.high_contrast.signature[2] = "#12".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "theme.high_contrast.signature[3]",
                "is not a colour"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_base_size_out_of_range_is_an_error() {
        let found = problems(|c| c.theme.base_size = 5.0);
        assert!(
            has(&found, Severity::Error, "theme.base_size", "out of range"),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_font_file_is_an_error() {
        let found = problems(|c| c.theme.font_serif = "fonts/missing.otf".to_owned());
        assert!(
            has(
                &found,
                Severity::Error,
                "theme.font_serif",
                "does not exist"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn idle_timings_that_would_reset_readers_are_errors() {
        let found = problems(|c| c.kiosk.idle_timeout_secs = 10);
        assert!(
            has(
                &found,
                Severity::Error,
                "kiosk.idle_timeout_secs",
                "write 20 or more"
            ),
            "{found:?}"
        );
        let found = problems(|c| c.kiosk.warning_secs = c.kiosk.idle_timeout_secs);
        assert!(
            has(
                &found,
                Severity::Error,
                "kiosk.warning_secs",
                "must be shorter"
            ),
            "{found:?}"
        );
        let found = problems(|c| c.kiosk.attract_fps = 0);
        assert!(
            has(&found, Severity::Error, "kiosk.attract_fps", "out of range"),
            "{found:?}"
        );
    }

    #[test]
    fn a_malformed_staff_pin_is_an_error_and_a_good_one_a_warning_to_move() {
        let found = problems(|c| c.kiosk.staff_pin = Some("12".to_owned()));
        assert!(
            has(&found, Severity::Error, "kiosk.staff_pin", "4 to 8 digits"),
            "{found:?}"
        );
        let found = problems(|c| c.kiosk.staff_pin = Some("4821".to_owned()));
        assert!(
            has(
                &found,
                Severity::Warning,
                "kiosk.staff_pin",
                "moves to kiosk.ron"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_screen_hung_above_reach_is_a_warning() {
        let found = problems(|c| {
            c.kiosk.screen = Some(crate::content::ScreenMount {
                mounting_height_mm: 1300,
                height_mm: 680,
            });
        });
        assert!(
            has(
                &found,
                Severity::Warning,
                "kiosk.screen.mounting_height_mm",
                "no control can be within reach"
            ),
            "{found:?}"
        );
    }
}
