//! Colour and type tokens (visual.md §2–3): colours from content, the type scale, fonts.
//! Spacing, radii, sizes and motion are in [`crate::tokens`].

use std::path::Path;
use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId};

use crate::content::provenance::sha256;
use crate::content::{Palette, Theme as ContentTheme, VerifiedFiles, parse_hex_colour};

/// The shipped fonts, compiled in so the kiosk starts with no file access
/// and a theme can still point at other files.
/// Largest theme font file read: a full CJK font is about 20 MiB.
const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;
const INTER_REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
const INTER_SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");
const SERIF_SUBSETS: [(&str, &[u8]); 4] = [
    (
        "serif-latin",
        include_bytes!("../../assets/fonts/SourceSerif4-SemiBold-latin.ttf"),
    ),
    (
        "serif-latin-ext",
        include_bytes!("../../assets/fonts/SourceSerif4-SemiBold-latin-ext.ttf"),
    ),
    (
        "serif-cyrillic",
        include_bytes!("../../assets/fonts/SourceSerif4-SemiBold-cyrillic.ttf"),
    ),
    (
        "serif-cyrillic-ext",
        include_bytes!("../../assets/fonts/SourceSerif4-SemiBold-cyrillic-ext.ttf"),
    ),
];

/// The font family for labels and buttons (Inter SemiBold).
pub fn strong_family() -> FontFamily {
    FontFamily::Name("strong".into())
}

/// The font family for headlines and figures (Source Serif 4 SemiBold).
pub fn serif_family() -> FontFamily {
    FontFamily::Name("serif".into())
}

/// The three families, from the shipped fonts or the theme's font files
/// (paths already resolved inside the content folder; unreadable files keep the shipped font).
pub fn font_definitions(theme: &ContentTheme, content_dir: &Path) -> FontDefinitions {
    font_definitions_checked(theme, content_dir, None)
}

/// [`font_definitions`] for signed content: a font file whose bytes are not the ones the
/// verified manifest lists (swapped after the check) keeps the shipped font.
pub fn font_definitions_checked(
    theme: &ContentTheme,
    content_dir: &Path,
    verified: Option<&VerifiedFiles>,
) -> FontDefinitions {
    let check = |path: &Path, bytes: Vec<u8>| match verified {
        None => Ok(bytes),
        Some(verified) if verified.expected(path) == Some(&sha256(&bytes)) => Ok(bytes),
        Some(_) => {
            Err("the file is not the one the content's signature covers; not used".to_owned())
        }
    };
    let mut fonts = FontDefinitions::empty();
    let mut add = |name: &str, shipped: &'static [u8], custom: &str| {
        let data = if custom.is_empty() {
            FontData::from_static(shipped)
        } else {
            match crate::content::resolve_asset_path(content_dir, custom)
                .map_err(|err| err.to_string())
                .and_then(|path| {
                    // Never a blocking read on the UI thread: a FIFO swapped in is refused.
                    let bytes = crate::content::read::read_regular(&path, MAX_FONT_BYTES)
                        .map_err(|err| err.to_string())?;
                    check(&path, bytes)
                }) {
                Ok(bytes) => FontData::from_owned(bytes),
                Err(err) => {
                    log::warn!("theme font {custom}: {err}; using the shipped font");
                    FontData::from_static(shipped)
                }
            }
        };
        fonts.font_data.insert(name.to_owned(), Arc::new(data));
    };
    add("regular", INTER_REGULAR, &theme.font_regular);
    add("strong", INTER_SEMIBOLD, &theme.font_strong);
    let mut serif: Vec<String> = Vec::new();
    if theme.font_serif.is_empty() {
        for (name, bytes) in SERIF_SUBSETS {
            fonts
                .font_data
                .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
            serif.push(name.to_owned());
        }
    } else {
        add("serif-custom", SERIF_SUBSETS[0].1, &theme.font_serif);
        serif.push("serif-custom".to_owned());
    }
    // Fallbacks: every family can draw every glyph the others can.
    serif.push("strong".to_owned());
    fonts.families.insert(
        FontFamily::Proportional,
        vec!["regular".to_owned(), "strong".to_owned()],
    );
    fonts
        .families
        .insert(FontFamily::Monospace, vec!["regular".to_owned()]);
    fonts.families.insert(
        strong_family(),
        vec!["strong".to_owned(), "regular".to_owned()],
    );
    fonts.families.insert(serif_family(), serif);
    fonts
}

/// The colours of the kiosk, resolved from the content palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colours {
    /// Page background.
    pub ink: Color32,
    /// Tiles and cards.
    pub surface: Color32,
    /// Buttons and panels.
    pub raised: Color32,
    /// Pressed and selected.
    pub pressed: Color32,
    /// Hairlines and rails.
    pub line: Color32,
    /// Main text.
    pub text: Color32,
    /// Secondary text.
    pub text_secondary: Color32,
    /// Credits.
    pub text_tertiary: Color32,
    /// Attention colour.
    pub accent: Color32,
    /// Accent while pressed.
    pub accent_pressed: Color32,
    /// The three signature bars.
    pub signature: [Color32; 3],
    /// The high-contrast palette (accessibility): surfaces are outlined, the map uses its
    /// high-contrast colours, and nothing is translucent.
    pub high_contrast: bool,
}

/// `#RRGGBB` to a colour; validation has already refused bad values, so fall back quietly.
pub fn hex(colour: &str, fallback: Color32) -> Color32 {
    parse_hex_colour(colour).map_or(fallback, |[r, g, b]| Color32::from_rgb(r, g, b))
}

impl Colours {
    /// The colours of a content palette.
    pub fn from_palette(palette: &Palette) -> Self {
        let defaults = Palette::default();
        let pick = |value: &str, default: &str| hex(value, hex(default, Color32::GRAY));
        let accent = pick(&palette.accent, &defaults.accent);
        Self {
            ink: pick(&palette.ink, &defaults.ink),
            surface: pick(&palette.surface, &defaults.surface),
            raised: pick(&palette.raised, &defaults.raised),
            pressed: pick(&palette.pressed, &defaults.pressed),
            line: pick(&palette.line, &defaults.line),
            text: pick(&palette.text, &defaults.text),
            text_secondary: pick(&palette.text_secondary, &defaults.text_secondary),
            text_tertiary: pick(&palette.text_tertiary, &defaults.text_tertiary),
            accent,
            accent_pressed: lighten(accent, 0.25),
            signature: [
                pick(&palette.signature[0], &defaults.signature[0]),
                pick(&palette.signature[1], &defaults.signature[1]),
                pick(&palette.signature[2], &defaults.signature[2]),
            ],
            high_contrast: false,
        }
    }
}

/// Mixes `colour` toward white by `amount` (0..1).
pub fn lighten(colour: Color32, amount: f32) -> Color32 {
    let mix = |c: u8| {
        let c = f32::from(c);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "0..=255"
        )]
        let mixed = (c + (255.0 - c) * amount).round().clamp(0.0, 255.0) as u8;
        mixed
    };
    Color32::from_rgb(mix(colour.r()), mix(colour.g()), mix(colour.b()))
}

/// WCAG 2 contrast ratio between two opaque colours (1 to 21).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// One step of the type scale (visual.md §2): size and line height in design points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TypeStyle {
    /// Font size.
    pub size: f32,
    /// Line height.
    pub line: f32,
    /// Which family.
    pub face: Face,
    /// Extra letter spacing.
    pub tracking: f32,
}

/// The three faces of the design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    /// Inter Regular.
    Regular,
    /// Inter SemiBold.
    Strong,
    /// Source Serif 4 SemiBold.
    Serif,
}

impl Face {
    /// The egui family.
    pub fn family(self) -> FontFamily {
        match self {
            Self::Regular => FontFamily::Proportional,
            Self::Strong => strong_family(),
            Self::Serif => serif_family(),
        }
    }
}

const fn style(size: f32, line: f32, face: Face, tracking: f32) -> TypeStyle {
    TypeStyle {
        size,
        line,
        face,
        tracking,
    }
}

/// Attract headline.
pub const HERO: TypeStyle = style(112.0, 120.0, Face::Serif, -1.0);
/// Story title on Home.
pub const DISPLAY: TypeStyle = style(96.0, 104.0, Face::Serif, -1.0);
/// Section headline.
pub const H1: TypeStyle = style(64.0, 72.0, Face::Serif, -0.5);
/// Card and prompt titles.
pub const H2: TypeStyle = style(40.0, 48.0, Face::Serif, 0.0);
/// Tile headlines.
pub const H3: TypeStyle = style(32.0, 40.0, Face::Serif, 0.0);
/// Figures on section cards.
pub const FIGURE_M: TypeStyle = style(72.0, 80.0, Face::Serif, 0.0);
/// Figures on tiles.
pub const FIGURE_S: TypeStyle = style(48.0, 52.0, Face::Serif, 0.0);
/// Attract text.
pub const LEAD: TypeStyle = style(32.0, 46.0, Face::Regular, 0.0);
/// Section text.
pub const BODY: TypeStyle = style(28.0, 42.0, Face::Regular, 0.0);
/// Intro, card text.
pub const BODY_S: TypeStyle = style(24.0, 36.0, Face::Regular, 0.0);
/// Buttons, timeline dates.
pub const LABEL: TypeStyle = style(24.0, 32.0, Face::Strong, 0.0);
/// Section numbers, group headers (upper case).
pub const EYEBROW: TypeStyle = style(20.0, 28.0, Face::Strong, 2.0);
/// Captions and timeline text.
pub const CAPTION: TypeStyle = style(20.0, 28.0, Face::Regular, 0.0);
/// Credits.
pub const CREDIT: TypeStyle = style(18.0, 24.0, Face::Regular, 0.0);

impl TypeStyle {
    /// The egui font at `scale` screen points per design point.
    pub fn font(self, scale: f32) -> FontId {
        FontId::new(self.size * scale, self.face.family())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_theme_font_swapped_after_the_check_keeps_the_shipped_font() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("real");
        std::fs::write(root.join("font.otf"), INTER_SEMIBOLD).expect("write");
        let theme = ContentTheme {
            font_regular: "font.otf".to_owned(),
            ..ContentTheme::default()
        };
        let regular = |verified: Option<&VerifiedFiles>| {
            let fonts = font_definitions_checked(&theme, &root, verified);
            let bytes: &[u8] = (*fonts.font_data["regular"].font).as_ref();
            bytes.len()
        };
        let mut files = std::collections::BTreeMap::new();
        files.insert("font.otf".to_owned(), sha256(INTER_SEMIBOLD));
        let signed = VerifiedFiles::new(root.clone(), files);
        assert_eq!(
            regular(Some(&signed)),
            INTER_SEMIBOLD.len(),
            "the signed file"
        );
        assert_eq!(regular(None), INTER_SEMIBOLD.len(), "unsigned: the file");
        std::fs::write(root.join("font.otf"), &INTER_SEMIBOLD[..1000]).expect("swap");
        assert_eq!(regular(None), 1000, "unsigned: whatever the file holds");
        assert_eq!(
            regular(Some(&signed)),
            INTER_REGULAR.len(),
            "swapped: the shipped regular font"
        );
    }

    #[test]
    fn contrast_matches_the_design_table() {
        let c = Colours::from_palette(&Palette::default());
        let ratio = contrast_ratio(c.text, c.ink);
        assert!((ratio - 15.8).abs() < 0.2, "parchment on ink {ratio}");
        let ratio = contrast_ratio(c.text_tertiary, c.pressed);
        assert!((ratio - 4.7).abs() < 0.2, "tertiary on pressed {ratio}");
    }

    #[test]
    fn every_text_colour_of_the_default_theme_reads_on_every_surface() {
        let c = Colours::from_palette(&Palette::default());
        for text in [c.text, c.text_secondary, c.accent] {
            for background in [c.ink, c.surface, c.raised, c.pressed] {
                let ratio = contrast_ratio(text, background);
                assert!(ratio >= 4.5, "{text:?} on {background:?}: {ratio}");
            }
        }
        // Credits only appear on ink, surface and raised.
        for background in [c.ink, c.surface, c.raised] {
            let ratio = contrast_ratio(c.text_tertiary, background);
            assert!(ratio >= 4.5, "tertiary on {background:?}: {ratio}");
        }
        // Button text: ink on amber, ink on parchment (selected language).
        assert!(contrast_ratio(c.ink, c.accent) >= 4.5, "ink on accent");
        assert!(
            contrast_ratio(c.ink, c.accent_pressed) >= 4.5,
            "ink on pressed accent"
        );
        assert!(contrast_ratio(c.ink, c.text) >= 4.5, "ink on parchment");
    }
}
