//! The map's own design tokens (palette, label type, zoom) through [`MapStyle::for_colours`];
//! its durations come from [`crate::tokens::motion`].

use egui::Color32;

use crate::tokens::motion;
use crate::ui::theme::{Colours, Face, TypeStyle};

/// The map's design tokens for one palette.
#[derive(Clone, Copy, Debug)]
pub struct MapStyle {
    /// The base map's and panels' colours.
    pub palette: MapPalette,
    /// Label and figure type.
    pub type_styles: MapTypeStyles,
    /// Durations of the map's animations.
    pub motion: MapMotion,
    /// Zoom steps and limits.
    pub zoom: MapZoom,
}

/// The base map's colours: the designed ones, or high contrast.
#[derive(Clone, Copy, Debug)]
pub struct MapPalette {
    /// Sea, and everything outside the data.
    pub sea: Color32,
    /// Neighbouring land.
    pub land: Color32,
    /// The story's country.
    pub home_land: Color32,
    /// Its outline.
    pub home_outline: Color32,
    /// Borders between countries.
    pub border: Color32,
    /// Width of the borders, in design points.
    pub border_width: f32,
    /// Country names.
    pub country_name: Color32,
    /// The story's country's name.
    pub home_name: Color32,
    /// Sea names.
    pub sea_name: Color32,
    /// Toggle knob when off.
    pub knob_off: Color32,
    /// The scrim under the credits fades to this colour (at 92 %).
    pub scrim: Color32,
    /// Fades, scrims and see-through panels (high contrast has none).
    pub translucent: bool,
}

/// The map's label and figure type (visual.md §2, map labels).
#[derive(Clone, Copy, Debug)]
pub struct MapTypeStyles {
    /// Capital cities.
    pub capital: TypeStyle,
    /// Other towns.
    pub town: TypeStyle,
    /// Sites and route names.
    pub site: TypeStyle,
    /// Country names.
    pub country: TypeStyle,
    /// The story's country's name.
    pub home_country: TypeStyle,
    /// Sea names.
    pub sea: TypeStyle,
    /// A route's length on its card.
    pub figure: TypeStyle,
    /// Two-line legend names.
    pub legend_name: TypeStyle,
}

/// Durations of the map's animations, in seconds (visual.md §6).
#[derive(Clone, Copy, Debug)]
pub struct MapMotion {
    /// A route drawing itself.
    pub route_secs: f64,
    /// The end markers of a drawn route fading in.
    pub marker_fade_secs: f64,
    /// A card appearing.
    pub card_secs: f64,
    /// A zoom button's flight.
    pub zoom_button_secs: f64,
    /// A legend switch's knob sliding.
    pub toggle_secs: f32,
}

/// Zoom steps and limits.
#[derive(Clone, Copy, Debug)]
pub struct MapZoom {
    /// Zoom factor of one press of a zoom button.
    pub step: f64,
    /// Closest zoom, design points per kilometre.
    pub max: f64,
}

const COUNTRY_LABEL: TypeStyle = TypeStyle {
    size: 18.0,
    line: 24.0,
    face: Face::Strong,
    tracking: 3.0,
};

const TYPE_STYLES: MapTypeStyles = MapTypeStyles {
    capital: TypeStyle {
        size: 22.0,
        line: 28.0,
        face: Face::Strong,
        tracking: 0.0,
    },
    town: TypeStyle {
        size: 20.0,
        line: 26.0,
        face: Face::Regular,
        tracking: 0.0,
    },
    site: TypeStyle {
        size: 20.0,
        line: 26.0,
        face: Face::Strong,
        tracking: 0.0,
    },
    country: COUNTRY_LABEL,
    home_country: TypeStyle {
        size: 20.0,
        line: 26.0,
        tracking: 5.0,
        ..COUNTRY_LABEL
    },
    sea: TypeStyle {
        size: 20.0,
        line: 26.0,
        face: Face::Regular,
        tracking: 6.0,
    },
    figure: TypeStyle {
        size: 88.0,
        line: 92.0,
        face: Face::Serif,
        tracking: 0.0,
    },
    legend_name: TypeStyle {
        size: 24.0,
        line: 30.0,
        face: Face::Regular,
        tracking: 0.0,
    },
};

const MOTION: MapMotion = MapMotion {
    route_secs: motion::ROUTE_DRAW,
    marker_fade_secs: motion::MARKER_FADE,
    card_secs: motion::CARD,
    zoom_button_secs: motion::ZOOM_BUTTON,
    toggle_secs: motion::TOGGLE,
};

const ZOOM: MapZoom = MapZoom {
    step: 1.6,
    max: 6.0,
};

/// The designed map.
const DESIGNED: MapStyle = MapStyle {
    palette: MapPalette {
        sea: Color32::from_rgb(0x0A, 0x13, 0x19),
        land: Color32::from_rgb(0x1C, 0x2B, 0x35),
        home_land: Color32::from_rgb(0x2E, 0x45, 0x52),
        // Amber at 45 %.
        home_outline: Color32::from_rgba_premultiplied(0x72, 0x53, 0x09, 0x73),
        border: Color32::from_rgb(0x3E, 0x55, 0x66),
        border_width: 1.5,
        country_name: Color32::from_rgb(0x8F, 0xA0, 0xAB),
        home_name: Color32::from_rgb(0xC9, 0xD3, 0xD9),
        sea_name: Color32::from_rgb(0x6A, 0x84, 0x94),
        knob_off: Color32::from_rgb(0x8C, 0x9A, 0xA4),
        scrim: Color32::from_rgb(0x0E, 0x18, 0x20),
        translucent: true,
    },
    type_styles: TYPE_STYLES,
    motion: MOTION,
    zoom: ZOOM,
};

/// visual.md's high-contrast map: black sea, grey land, light borders, white labels.
const HIGH_CONTRAST: MapStyle = MapStyle {
    palette: MapPalette {
        sea: Color32::BLACK,
        land: Color32::from_rgb(0x26, 0x26, 0x26),
        home_land: Color32::from_rgb(0x3D, 0x3D, 0x3D),
        home_outline: Color32::from_rgb(0xFF, 0xD4, 0x00),
        border: Color32::from_rgb(0xBF, 0xBF, 0xBF),
        border_width: 2.0,
        country_name: Color32::WHITE,
        home_name: Color32::WHITE,
        sea_name: Color32::WHITE,
        knob_off: Color32::from_rgb(0xC8, 0xC8, 0xC8),
        // Never painted: high contrast has no scrim.
        scrim: Color32::BLACK,
        translucent: false,
    },
    type_styles: TYPE_STYLES,
    motion: MOTION,
    zoom: ZOOM,
};

impl MapStyle {
    /// The map's tokens for the screen's `colours` (high contrast or designed).
    pub fn for_colours(colours: &Colours) -> &'static Self {
        if colours.high_contrast {
            &HIGH_CONTRAST
        } else {
            &DESIGNED
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn high_contrast_colours_get_the_opaque_high_contrast_map() {
        let designed = Colours::from_palette(&crate::content::Palette::default());
        let high = Colours {
            high_contrast: true,
            ..designed
        };
        assert!(
            MapStyle::for_colours(&designed).palette.translucent,
            "designed is translucent"
        );
        let style = MapStyle::for_colours(&high);
        assert!(!style.palette.translucent, "high contrast is opaque");
        assert_eq!(style.palette.sea, Color32::BLACK, "a black sea");
    }
}
