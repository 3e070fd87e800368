//! Theme: the palette as `"#RRGGBB"` strings, font files and the base size.

use serde::{Deserialize, Serialize};

/// Colours, fonts and sizes, so another event can rebrand without code.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    /// Colours as `"#RRGGBB"`.
    pub palette: Palette,

    /// Reading font (regular weight), a TTF or OTF file under the content folder.
    /// Empty: the shipped Inter Regular.
    pub font_regular: String,

    /// Font for labels and buttons (semi-bold). Empty: the shipped Inter SemiBold.
    pub font_strong: String,

    /// Font for headlines and figures. Empty: the shipped Source Serif 4 SemiBold.
    pub font_serif: String,

    /// Multiplies every size (1.0 = the design at 1920×1080). Use 1.2 on small panels.
    pub base_size: f32,

    /// Colours of the high-contrast mode visitors can turn on in accessibility mode; text
    /// on ink and on surfaces should reach 7:1 (the default does).
    pub high_contrast: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            palette: Palette::default(),
            font_regular: String::new(),
            font_strong: String::new(),
            font_serif: String::new(),
            base_size: 1.0,
            high_contrast: Palette::high_contrast(),
        }
    }
}

/// The colours of the kiosk, as `"#RRGGBB"` strings.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Palette {
    /// Page background.
    pub ink: String,
    /// Tiles and cards.
    pub surface: String,
    /// Buttons and panels.
    pub raised: String,
    /// Pressed and selected controls.
    pub pressed: String,
    /// Hairlines, rails, pager dots.
    pub line: String,
    /// Main text.
    pub text: String,
    /// Secondary text.
    pub text_secondary: String,
    /// Credits only.
    pub text_tertiary: String,
    /// The one attention colour: key figures, the primary action, the current page.
    pub accent: String,
    /// The three signature bars, left to right.
    pub signature: [String; 3],
}

impl Palette {
    /// White and amber on black: every text colour at least 7:1 on ink, surfaces and raised.
    pub fn high_contrast() -> Self {
        Self {
            ink: "#000000".to_owned(),
            surface: "#0B0B0B".to_owned(),
            raised: "#1F1F1F".to_owned(),
            pressed: "#3A3A3A".to_owned(),
            line: "#FFFFFF".to_owned(),
            text: "#FFFFFF".to_owned(),
            text_secondary: "#F0F0F0".to_owned(),
            text_tertiary: "#D9D9D9".to_owned(),
            accent: "#FFD42A".to_owned(),
            signature: [
                "#FDB913".to_owned(),
                "#00A36C".to_owned(),
                "#FF4D4D".to_owned(),
            ],
        }
    }
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            ink: "#0E1820".to_owned(),
            surface: "#15232D".to_owned(),
            raised: "#1C2D39".to_owned(),
            pressed: "#243847".to_owned(),
            line: "#2E4552".to_owned(),
            text: "#F5F0E6".to_owned(),
            text_secondary: "#B8C4CC".to_owned(),
            text_tertiary: "#93A3AE".to_owned(),
            accent: "#FDB913".to_owned(),
            signature: [
                "#FDB913".to_owned(),
                "#006A44".to_owned(),
                "#C1272D".to_owned(),
            ],
        }
    }
}
