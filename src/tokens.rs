//! Design tokens of visual.md §2 and §6: spacing, radii, sizes (design points) and motion (seconds).

/// The spacing scale, 4 · 8 · 12 · 16 · 24 · 32 · 48 · 64 · 96 · 128 design points (visual.md §2 "Spacing").
pub mod space {
    /// 4 design points: hairline gaps, a caption under its figure (visual.md §2 "Spacing").
    pub const XXS: f32 = 4.0;
    /// 8 design points: small gaps, the hit area beyond a drawn shape (visual.md §2 "Spacing").
    pub const XS: f32 = 8.0;
    /// 12 design points (visual.md §2 "Spacing").
    pub const S: f32 = 12.0;
    /// 16 design points: the least gap between touch targets (visual.md §2 "Spacing", "Touch").
    pub const M: f32 = 16.0;
    /// 24 design points: the gutter and the smaller card padding (visual.md §2 "Spacing").
    pub const L: f32 = 24.0;
    /// 32 design points: the larger card padding (visual.md §2 "Spacing").
    pub const XL: f32 = 32.0;
    /// 48 design points (visual.md §2 "Spacing").
    pub const XXL: f32 = 48.0;
    /// 64 design points: the top safe margin (visual.md §2 "Spacing", "Safe margins").
    pub const XXXL: f32 = 64.0;
    /// 96 design points: the side safe margin (visual.md §2 "Spacing", "Safe margins").
    pub const HUGE: f32 = 96.0;
    /// 128 design points (visual.md §2 "Spacing").
    pub const GIANT: f32 = 128.0;

    /// The whole scale, ascending, in design points (visual.md §2 "Spacing").
    pub const SCALE: [f32; 10] = [XXS, XS, S, M, L, XL, XXL, XXXL, HUGE, GIANT];

    /// Gap between tiles and cards, 24 design points (visual.md §2 "Spacing": gutter 24).
    pub const GUTTER: f32 = L;
    /// Padding inside a card or floating panel, 32 design points (visual.md §2 "Spacing": card padding 24–32).
    pub const CARD_PAD: f32 = XL;
}

/// Corner radii in design points, each a whole number that fits the `u8` of
/// `egui::CornerRadius` once scaled (visual.md §2 "Radii").
pub mod radii {
    /// 4 design points: markers and swatches (visual.md §2 "Radii").
    pub const MARKER: f32 = 4.0;
    /// 8 design points: chips (visual.md §2 "Radii").
    pub const CHIP: f32 = 8.0;
    /// 16 design points: tiles, cards and picture frames (visual.md §2 "Radii").
    pub const TILE: f32 = 16.0;
    /// 24 design points: floating panels and the "Still there?" prompt (visual.md §2 "Radii").
    pub const PANEL: f32 = 24.0;
    /// 40 design points: the pill of an 80-high button, height / 2 (visual.md §2 "Radii").
    pub const PILL_BUTTON: f32 = super::size::BUTTON / 2.0;
    /// 18 design points: the pill of a 36-high toggle, height / 2 (visual.md §2 "Radii": toggles 18).
    pub const PILL_TOGGLE: f32 = 18.0;

    /// Every radius token, in design points (visual.md §2 "Radii").
    pub const ALL: [f32; 6] = [MARKER, CHIP, TILE, PANEL, PILL_BUTTON, PILL_TOGGLE];

    /// The pill radius of a shape `height` design points high: height / 2 (visual.md §2 "Radii").
    #[must_use]
    pub fn pill(height: f32) -> f32 {
        height / 2.0
    }
}

/// Sizes of touch targets, bands and margins, in design points (visual.md §2 "Touch", "Safe margins").
pub mod size {
    /// 80 design points: dock controls and primary buttons, high (and wide when square) (visual.md §2 "Touch").
    pub const BUTTON: f32 = 80.0;
    /// 72 design points: the standard touch target, rows, close and arrows (visual.md §2 "Touch").
    pub const TOUCH: f32 = 72.0;
    /// 56 design points: the arrow disc at a tile's bottom right (visual.md §5 "Home").
    pub const ARROW_DISC: f32 = 56.0;
    /// 48 design points: the absolute minimum touch target (visual.md §2 "Touch").
    pub const TOUCH_MIN: f32 = 48.0;
    /// The height of the dock band's controls, 80 design points (visual.md §2 "Safe margins": dock y 960–1040).
    pub const DOCK_HEIGHT: f32 = BUTTON;
    /// The dock's distance from the bottom edge, 40 design points (visual.md §2 "Safe margins").
    pub const DOCK_BOTTOM: f32 = CONTROL_EDGE;
    /// A hit area may reach 8 design points beyond the drawn shape (visual.md §2 "Touch").
    pub const HIT_SLOP: f32 = super::space::XS;
    /// Controls keep 40 design points from every edge (visual.md §2 "Safe margins").
    pub const CONTROL_EDGE: f32 = 40.0;
    /// Text and pictures keep 96 design points from the sides (visual.md §2 "Safe margins").
    pub const MARGIN_SIDE: f32 = super::space::HUGE;
    /// Text and pictures keep 64 design points from the top (visual.md §2 "Safe margins").
    pub const MARGIN_TOP: f32 = super::space::XXXL;
    /// The side margins in portrait, for text, pictures and the dock, 64 design points
    /// (visual.md §5 "Portrait 1080×1920").
    pub const MARGIN_PORTRAIT: f32 = super::space::XXXL;
    /// The widest the content grows, 1728 design points: 12 columns of 122 with 24 gutters
    /// (visual.md §2 "Spacing").
    pub const MAX_CONTENT_WIDTH: f32 = 1728.0;

    const _: () = assert!(
        TOUCH_MIN <= TOUCH && TOUCH <= BUTTON,
        "touch sizes in order"
    );
}

/// Durations of the motion table, in seconds (visual.md §6 "Motion").
pub mod motion {
    /// A new screen fading in, 0.24 s (visual.md §6: screen cross-fade 240).
    pub const SCREEN_FADE: f64 = 0.24;
    /// A page swipe settling, 0.32 s (visual.md §6: page swipe, settle 320).
    pub const SWIPE_SETTLE: f64 = 0.32;
    /// Attract slides cross-fading, 1.2 s (visual.md §6: attract cross-fade 1200).
    pub const ATTRACT_CROSSFADE: f64 = 1.2;
    /// A route drawing itself, 1.6 s (visual.md §6: route drawing 1600 per route).
    pub const ROUTE_DRAW: f64 = 1.6;
    /// A drawn route's end markers fading in, 0.18 s (visual.md §6: end markers 180).
    pub const MARKER_FADE: f64 = 0.18;
    /// The shortest fly-to, 1.2 s (visual.md §6: fly-to 1200–1800 by distance).
    pub const FLY_MIN: f64 = 1.2;
    /// The longest fly-to, 1.8 s (visual.md §6: fly-to 1200–1800 by distance).
    pub const FLY_MAX: f64 = 1.8;
    /// A card or panel appearing, 0.25 s (visual.md §6: panels, prompt, sheets 200–300).
    pub const CARD: f64 = 0.25;
    /// How far a panel, prompt or sheet rises while it fades in, 16 design points
    /// (visual.md §6: panels, prompt, sheets "fade + 16 rise").
    pub const PANEL_RISE: f32 = super::space::M;
    /// A zoom button's flight, 0.3 s (visual.md §6: panels, prompt, sheets 200–300, its upper end).
    pub const ZOOM_BUTTON: f64 = 0.3;
    /// A picture just decoded fading in, 0.2 s (visual.md §6: panels, prompt, sheets 200–300, its lower end).
    pub const PICTURE_FADE: f64 = 0.2;
    /// A switch's knob sliding, 0.15 s; f32 as egui's `animate_bool_with_time` takes
    /// (visual.md §6: the 150 fades of reduce motion).
    pub const TOGGLE: f32 = 0.15;
    /// The touch hint's ripple, 2.4 s (visual.md §6: touch hint 2400 ripple + 1200 rest).
    pub const HINT_RIPPLE: f64 = 2.4;
    /// The touch hint's rest between ripples, 1.2 s (visual.md §6: touch hint 2400 ripple + 1200 rest).
    pub const HINT_REST: f64 = 1.2;
    /// One touch hint cycle, ripple then rest, 3.6 s (visual.md §6: touch hint 2400 ripple + 1200 rest).
    pub const HINT_CYCLE: f64 = 3.6;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `value` is one of `scale`, exactly (the tokens are whole numbers).
    fn on(scale: &[f32], value: f32) -> bool {
        scale
            .iter()
            .any(|token| (token - value).abs() < f32::EPSILON)
    }

    #[test]
    fn the_spacing_scale_is_the_visual_md_scale() {
        let designed = [4.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0, 64.0, 96.0, 128.0];
        assert_eq!(space::SCALE.len(), designed.len(), "ten steps");
        assert!(
            space::SCALE.windows(2).all(|pair| pair[0] < pair[1]),
            "ascending: {:?}",
            space::SCALE
        );
        for value in designed {
            assert!(on(&space::SCALE, value), "{value} is in the scale");
        }
        for named in [
            space::GUTTER,
            space::CARD_PAD,
            size::MARGIN_SIDE,
            size::MARGIN_TOP,
        ] {
            assert!(on(&space::SCALE, named), "{named} is on the scale");
        }
    }

    #[test]
    fn every_radius_is_a_whole_number_that_fits_a_u8() {
        for value in radii::ALL {
            assert!(
                (0.0..=f32::from(u8::MAX)).contains(&value) && value.fract().abs() < f32::EPSILON,
                "radius {value} fits the u8 of egui::CornerRadius"
            );
        }
        assert!(
            (radii::pill(size::BUTTON) - radii::PILL_BUTTON).abs() < f32::EPSILON,
            "a button pill is half its height"
        );
    }

    #[test]
    fn the_dock_band_is_y_960_to_1040_on_the_reference_screen() {
        let bottom = 1080.0 - size::DOCK_BOTTOM;
        assert!(
            (bottom - 1040.0).abs() < f32::EPSILON
                && (bottom - size::DOCK_HEIGHT - 960.0).abs() < f32::EPSILON,
            "dock band"
        );
        assert!(
            (motion::HINT_RIPPLE + motion::HINT_REST - motion::HINT_CYCLE).abs() < 1e-9,
            "hint cycle 3.6 s"
        );
    }
}
