//! Drawing pieces shared by the screens: text blocks, buttons, icons, the language switch.
//!
//! Every control reacts on touch-down (no hover), names itself for AccessKit, and
//! takes its size in design points through a [`Frame`].

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{
    Align2, Color32, CornerRadius, Galley, Id, Pos2, Rect, Response, Role, Sense, Shape, Stroke,
    Ui, WidgetInfo, pos2, vec2,
};

use super::layout::Frame;
use super::theme::{Colours, LABEL, TypeStyle};
use crate::platform::images::BAYER;
use crate::tokens::{radii, size};

mod button;
mod link;
pub mod qr;
mod scroll;

pub use button::{Button, ButtonKind};
pub use link::{link_ui, link_width};
pub use scroll::ScrollHint;

/// Lays out `text` in `style`, wrapped at `wrap_width` design points, at most `max_rows` lines
/// (0: no limit; longer text ends with "…").
pub fn galley(
    ui: &Ui,
    frame: &Frame,
    text: &str,
    style: TypeStyle,
    colour: Color32,
    wrap_width: f32,
    max_rows: usize,
) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(
        super::typeset::bind_units(text).into_owned(),
        TextFormat {
            font_id: style.font(frame.scale),
            color: colour,
            line_height: Some(frame.pt(style.line)),
            extra_letter_spacing: frame.pt(style.tracking),
            ..TextFormat::default()
        },
    );
    job.wrap.max_width = frame.pt(wrap_width).max(1.0);
    if max_rows > 0 {
        job.wrap.max_rows = max_rows;
        job.wrap.break_anywhere = false;
        job.wrap.overflow_character = Some('…');
    }
    ui.ctx().fonts_mut(|fonts| fonts.layout_job(job))
}

/// Paints `text` with its top-left at `pos` (design points); returns its height in design points.
#[expect(
    clippy::too_many_arguments,
    reason = "a text block has this many properties"
)]
pub fn text_at(
    ui: &Ui,
    frame: &Frame,
    pos: Pos2,
    text: &str,
    style: TypeStyle,
    colour: Color32,
    wrap_width: f32,
    max_rows: usize,
) -> f32 {
    let galley = galley(ui, frame, text, style, colour, wrap_width, max_rows);
    let height = frame.design_len(galley.size().y);
    ui.painter().galley(frame.pos(pos), galley, colour);
    height
}

/// Fill strength of a control's press: full on the touch-down frame (and on the frame of a
/// tap too quick to be seen down), then fading out over 120 ms after release.
pub fn press_amount(ui: &Ui, response: &Response) -> f32 {
    let id = response.id.with("press");
    let pressed = response.is_pointer_button_down_on() || response.clicked();
    let fade_secs = if pressed { 0.0 } else { 0.12 };
    ui.ctx().animate_bool_with_time(id, pressed, fade_secs)
}

/// Mixes two colours: `t` = 0 gives `a`, 1 gives `b`.
pub fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    a.lerp_to_gamma(b, t.clamp(0.0, 1.0))
}

/// A touch target over `rect` (design points), named `label` for AccessKit and tests.
pub fn touch_target(ui: &mut Ui, frame: &Frame, rect: Rect, id: Id, label: &str) -> Response {
    let response = ui.interact(frame.rect(rect), id, Sense::click());
    let label = label.to_owned();
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    response
}

/// Small line icons drawn with strokes, so no icon font is needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    /// A house.
    Home,
    /// An arrow to the left.
    Back,
    /// An arrow to the right.
    Forward,
    /// A chevron to the left.
    ChevronLeft,
    /// A chevron to the right.
    ChevronRight,
    /// A folded map.
    Map,
    /// Zoom out.
    Minus,
    /// Zoom in.
    Plus,
    /// Close a panel.
    Close,
    /// Reset the view.
    Target,
    /// Open the legend.
    Layers,
}

/// Draws `icon` centred at `centre`, `size` design points wide.
pub fn icon(ui: &Ui, frame: &Frame, icon: Icon, centre: Pos2, size: f32, colour: Color32) {
    let painter = ui.painter();
    let stroke = Stroke::new(frame.pt(2.5), colour);
    let p = |x: f32, y: f32| frame.pos(centre + vec2(x, y) * size / 2.0);
    let line = |points: Vec<Pos2>| {
        painter.add(Shape::line(points, stroke));
    };
    match icon {
        Icon::Home => {
            line(vec![p(-0.9, -0.05), p(0.0, -0.85), p(0.9, -0.05)]);
            line(vec![
                p(-0.65, -0.25),
                p(-0.65, 0.85),
                p(0.65, 0.85),
                p(0.65, -0.25),
            ]);
            line(vec![p(-0.2, 0.85), p(-0.2, 0.3), p(0.2, 0.3), p(0.2, 0.85)]);
        }
        Icon::Back | Icon::Forward => {
            let s = if icon == Icon::Back { 1.0 } else { -1.0 };
            line(vec![p(0.85 * s, 0.0), p(-0.85 * s, 0.0)]);
            line(vec![
                p(-0.1 * s, -0.75),
                p(-0.85 * s, 0.0),
                p(-0.1 * s, 0.75),
            ]);
        }
        Icon::ChevronLeft | Icon::ChevronRight => {
            let s = if icon == Icon::ChevronLeft { 1.0 } else { -1.0 };
            line(vec![p(0.3 * s, -0.7), p(-0.35 * s, 0.0), p(0.3 * s, 0.7)]);
        }
        Icon::Map => {
            line(vec![
                p(-0.9, -0.6),
                p(-0.3, -0.85),
                p(0.3, -0.6),
                p(0.9, -0.85),
                p(0.9, 0.6),
                p(0.3, 0.85),
                p(-0.3, 0.6),
                p(-0.9, 0.85),
                p(-0.9, -0.6),
            ]);
            line(vec![p(-0.3, -0.85), p(-0.3, 0.6)]);
            line(vec![p(0.3, -0.6), p(0.3, 0.85)]);
        }
        Icon::Minus => {
            painter.line_segment([p(-0.7, 0.0), p(0.7, 0.0)], stroke);
        }
        Icon::Plus => {
            painter.line_segment([p(-0.7, 0.0), p(0.7, 0.0)], stroke);
            painter.line_segment([p(0.0, -0.7), p(0.0, 0.7)], stroke);
        }
        Icon::Close => {
            painter.line_segment([p(-0.6, -0.6), p(0.6, 0.6)], stroke);
            painter.line_segment([p(-0.6, 0.6), p(0.6, -0.6)], stroke);
        }
        Icon::Target => {
            painter.circle_stroke(frame.pos(centre), frame.pt(size * 0.3), stroke);
            painter.circle_filled(frame.pos(centre), frame.pt(size * 0.09), colour);
            for (a, b) in [
                ((0.0, -0.95), (0.0, -0.6)),
                ((0.0, 0.6), (0.0, 0.95)),
                ((-0.95, 0.0), (-0.6, 0.0)),
                ((0.6, 0.0), (0.95, 0.0)),
            ] {
                painter.line_segment([p(a.0, a.1), p(b.0, b.1)], stroke);
            }
        }
        Icon::Layers => {
            for dy in [-0.35, 0.05, 0.45] {
                painter.add(Shape::closed_line(
                    vec![
                        p(0.0, dy - 0.35),
                        p(0.85, dy),
                        p(0.0, dy + 0.35),
                        p(-0.85, dy),
                    ],
                    stroke,
                ));
            }
        }
    }
}

/// Width in design points of the outline high contrast draws round surfaces and controls.
pub const HIGH_CONTRAST_OUTLINE: f32 = 2.0;

/// The outline of a control or surface in `colours`, width in design points: 2 points of the
/// text colour (white) in high contrast, where a `#1F1F1F` fill on black is no edge at all
/// (visual.md §3), none in the designed palette (depth reads from the surface steps).
pub fn control_outline(colours: &Colours) -> Option<Stroke> {
    colours
        .high_contrast
        .then(|| Stroke::new(HIGH_CONTRAST_OUTLINE, colours.text))
}

/// [`control_outline`] drawn inside the pill or rounded rectangle `rect` (design points)
/// with corners of `corner` design points.
pub fn outline_rect(ui: &Ui, frame: &Frame, colours: &Colours, rect: Rect, corner: f32) {
    if let Some(stroke) = control_outline(colours) {
        ui.painter().rect_stroke(
            frame.rect(rect),
            CornerRadius::same(radius(frame, corner)),
            Stroke::new(frame.pt(stroke.width), stroke.color),
            egui::StrokeKind::Inside,
        );
    }
}

/// [`control_outline`] drawn inside the circle at `centre` of `r` design points.
pub fn outline_circle(ui: &Ui, frame: &Frame, colours: &Colours, centre: Pos2, r: f32) {
    if let Some(stroke) = control_outline(colours) {
        ui.painter().circle_stroke(
            frame.pos(centre),
            frame.pt(r - stroke.width / 2.0),
            Stroke::new(frame.pt(stroke.width), stroke.color),
        );
    }
}

/// Width in design points that a pill button with this label and icon needs.
pub fn pill_width(ui: &Ui, frame: &Frame, label: &str, with_icon: bool) -> f32 {
    let text = galley(ui, frame, label, LABEL, Color32::WHITE, f32::INFINITY, 1);
    let icon_w = if with_icon {
        button::LEADING_ICON_BOX + button::ICON_GAP
    } else {
        0.0
    };
    frame.design_len(text.size().x) + icon_w + 2.0 * button::PILL_PADDING
}

/// A corner radius of `design` points on screen.
pub fn radius(frame: &Frame, design: f32) -> u8 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to u8"
    )]
    let r = frame.pt(design).round().clamp(0.0, 255.0) as u8;
    r
}

/// One language of the switch.
pub struct LanguageChoice<'a> {
    /// Its code.
    pub code: &'a str,
    /// Its own name.
    pub name: &'a str,
}

const LANGUAGE_SWITCH_PAD: f32 = 6.0;

/// A dock too narrow for every label (a portrait screen with larger text): its buttons
/// show their icons alone and the language switch shows language codes. Screen readers
/// still get the full names.
pub fn narrow_dock(frame: &Frame) -> bool {
    frame.dock().width() < 700.0
}

/// What the language switch shows for `lang`: its name, or its code on a narrow dock.
fn language_face(frame: &Frame, lang: &LanguageChoice<'_>) -> String {
    if narrow_dock(frame) {
        lang.code.to_uppercase()
    } else {
        lang.name.to_owned()
    }
}

fn language_widths(ui: &Ui, frame: &Frame, languages: &[LanguageChoice<'_>]) -> Vec<f32> {
    let minimum = if narrow_dock(frame) { 96.0 } else { 120.0 };
    languages
        .iter()
        .map(|lang| pill_width(ui, frame, &language_face(frame, lang), false).max(minimum))
        .collect()
}

/// Width in design points of the language switch (0 with one language: it is not shown).
pub fn language_switch_width(ui: &Ui, frame: &Frame, languages: &[LanguageChoice<'_>]) -> f32 {
    if languages.len() < 2 {
        return 0.0;
    }
    language_widths(ui, frame, languages).iter().sum::<f32>() + 2.0 * LANGUAGE_SWITCH_PAD
}

/// The segmented language switch, right-aligned to `right` (design x) in the dock band
/// `top`..`top + 80`. Returns the code of a newly chosen language.
pub fn language_switch(
    ui: &mut Ui,
    frame: &Frame,
    colours: &Colours,
    right: f32,
    top: f32,
    languages: &[LanguageChoice<'_>],
    current: &str,
) -> Option<String> {
    let pad = LANGUAGE_SWITCH_PAD;
    let widths = language_widths(ui, frame, languages);
    let total: f32 = widths.iter().sum::<f32>() + 2.0 * pad;
    let outer = Rect::from_min_size(pos2(right - total, top), vec2(total, size::BUTTON));
    ui.painter().rect_filled(
        frame.rect(outer),
        CornerRadius::same(radius(frame, radii::PILL_BUTTON)),
        colours.raised,
    );
    outline_rect(ui, frame, colours, outer, radii::PILL_BUTTON);
    let mut chosen = None;
    let mut x = outer.left() + pad;
    for (lang, width) in languages.iter().zip(widths) {
        let rect = Rect::from_min_size(pos2(x, top + pad), vec2(width, 80.0 - 2.0 * pad));
        x += width;
        let selected = lang.code == current;
        let response = touch_target(
            ui,
            frame,
            rect,
            Id::unique(("language", lang.code)),
            lang.name,
        );
        let press = press_amount(ui, &response);
        let base = if selected {
            colours.text
        } else {
            colours.raised
        };
        let fill = mix(
            base,
            colours.pressed,
            press * if selected { 0.3 } else { 1.0 },
        );
        ui.painter().rect_filled(
            frame.rect(rect),
            CornerRadius::same(radius(frame, rect.height() / 2.0)),
            fill,
        );
        let text_colour = if selected {
            colours.ink
        } else {
            colours.text_secondary
        };
        let face = language_face(frame, lang);
        let text = galley(ui, frame, &face, LABEL, text_colour, f32::INFINITY, 1);
        let pos = Align2::CENTER_CENTER.anchor_size(frame.pos(rect.center()), text.size());
        ui.painter().galley(pos.min, text, text_colour);
        if response.clicked() && !selected {
            chosen = Some(lang.code.to_owned());
        }
    }
    chosen
}

/// The three signature bars (yellow, green, red) at `pos`, 28×6 each.
pub fn signature(ui: &Ui, frame: &Frame, colours: &Colours, pos: Pos2) {
    for (i, colour) in colours.signature.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "three bars")]
        let x = pos.x + i as f32 * 28.0;
        let bar = Rect::from_min_size(pos2(x, pos.y), vec2(28.0, 6.0));
        ui.painter().rect_filled(frame.rect(bar), 0.0, *colour);
    }
}

/// Upper-cases an eyebrow line (per language, never by font).
pub fn upper(text: &str) -> String {
    text.to_uppercase()
}

/// Where a [`fade`] is solid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FadeFrom {
    /// Solid at the left edge, clear at the right (scrims behind text on pictures).
    Left,
    /// Solid at the bottom edge, clear at the top (the foot of scrolling text).
    Bottom,
}

/// A linear gradient over `rect` (screen points) from `colour` at one edge to clear.
///
/// A wide fade over a dark picture spans only a dozen 8-bit levels, so a plain vertex
/// gradient shows each level as a vertical band tens of pixels wide. The gradient is
/// therefore a texture, one texel per physical pixel along it, its strength ordered-dithered
/// (8 × 8 Bayer) by [`FADE_DITHER`], which breaks the bands into a pattern too fine to see.
pub fn fade(ui: &Ui, rect: Rect, colour: Color32, from: FadeFrom) {
    if !rect.is_positive() || colour.a() == 0 {
        return;
    }
    let pixels_per_point = ui.ctx().pixels_per_point();
    let along_points = match from {
        FadeFrom::Left => rect.width(),
        FadeFrom::Bottom => rect.height(),
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a screen's width in pixels"
    )]
    let along = (along_points * pixels_per_point).round().clamp(1.0, 8192.0) as usize;
    let texture = fade_texture(ui.ctx(), along, colour, from);
    // Across the gradient the 8-texel dither tile repeats once per 8 physical pixels.
    let across = |points: f32| points * pixels_per_point / BAYER_SIZE_F32;
    let uv = match from {
        FadeFrom::Left => Rect::from_min_max(Pos2::ZERO, pos2(1.0, across(rect.height()))),
        FadeFrom::Bottom => Rect::from_min_max(Pos2::ZERO, pos2(across(rect.width()), 1.0)),
    };
    let mut mesh = egui::Mesh::with_texture(texture.id());
    mesh.add_rect_with_uv(rect, uv, Color32::WHITE);
    ui.painter().add(mesh);
}

/// Peak-to-peak strength of a fade's dither: one 8-bit level of the result wherever the
/// fade's colour and what it covers differ by up to 16 levels (the dark pictures and maps
/// the scrims lie on, where bands are widest); finer still over brighter content.
pub const FADE_DITHER: f32 = 1.0 / 16.0;

const BAYER_SIZE: usize = 8;
const BAYER_SIZE_F32: f32 = 8.0;

/// How much of `colour` a fade `along` texels long lays at texel `i` along it (0 at the
/// solid edge) and `j` across: the linear ramp plus the dither, 0..1.
pub fn fade_strength(along: usize, i: usize, j: usize) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a screen's width in pixels")]
    let ramp = 1.0 - (i as f32 + 0.5) / along.max(1) as f32;
    let threshold = (f32::from(BAYER[j % BAYER_SIZE][i % BAYER_SIZE]) + 0.5) / 64.0;
    (ramp + (threshold - 0.5) * FADE_DITHER).clamp(0.0, 1.0)
}

/// The premultiplied texels of a fade of `colour`, `along` texels long, solid at texel 0.
fn fade_texels(along: usize, colour: Color32) -> Vec<Color32> {
    let mut texels = Vec::with_capacity(along * BAYER_SIZE);
    for j in 0..BAYER_SIZE {
        for i in 0..along {
            texels.push(colour.gamma_multiply(fade_strength(along, i, j)));
        }
    }
    texels
}

/// The dithered gradient textures drawn so far, by length, colour and direction.
#[derive(Clone, Default)]
struct FadeTextures(std::collections::HashMap<(usize, [u8; 4], bool), egui::TextureHandle>);

/// The texture of a fade `along` physical pixels long (made once, then kept).
fn fade_texture(
    ctx: &egui::Context,
    along: usize,
    colour: Color32,
    from: FadeFrom,
) -> egui::TextureHandle {
    let key = (along, colour.to_array(), from == FadeFrom::Left);
    let id = Id::unique("vitrina-fade-textures");
    if let Some(texture) = ctx.data(|d| {
        d.get_temp::<FadeTextures>(id)
            .and_then(|t| t.0.get(&key).cloned())
    }) {
        return texture;
    }
    let texels = fade_texels(along, colour);
    let image = match from {
        // Row-major, left to right: solid at the left.
        FadeFrom::Left => egui::ColorImage::new([along, BAYER_SIZE], texels),
        // Transposed, top to bottom: clear at the top, solid at the bottom.
        FadeFrom::Bottom => {
            let mut column = vec![Color32::TRANSPARENT; along * BAYER_SIZE];
            for j in 0..BAYER_SIZE {
                for i in 0..along {
                    column[(along - 1 - i) * BAYER_SIZE + j] = texels[j * along + i];
                }
            }
            egui::ColorImage::new([BAYER_SIZE, along], column)
        }
    };
    let texture = ctx.load_texture(
        format!("fade-{along}-{key:?}"),
        image,
        egui::TextureOptions::NEAREST_REPEAT,
    );
    ctx.data_mut(|d| {
        let cache = d.get_temp_mut_or_default::<FadeTextures>(id);
        // A resized window leaves old sizes behind: keep the cache small.
        if cache.0.len() >= 16 {
            cache.0.clear();
        }
        cache.0.insert(key, texture.clone());
    });
    texture
}

/// How far a surface floats above the ink (visual.md §2 elevation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elevation {
    /// e1: tiles and cards, radius 16.
    Card,
    /// e2: floating panels and the prompt, radius 24.
    Panel,
}

/// A surface at `rect` (design points) filled with `fill`, with its elevation's shadow.
pub fn elevated(ui: &Ui, frame: &Frame, rect: Rect, fill: Color32, elevation: Elevation) {
    let (corner_design, offset, blur, shadow_alpha) = match elevation {
        Elevation::Card => (16.0, 4.0, 16.0, 90),
        Elevation::Panel => (24.0, 12.0, 40.0, 128),
    };
    let screen = frame.rect(rect);
    let corner = CornerRadius::same(radius(frame, corner_design));
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "small sizes"
    )]
    let shadow = egui::Shadow {
        offset: [0, frame.pt(offset).round().min(127.0) as i8],
        blur: frame.pt(blur).round().min(255.0) as u8,
        spread: 0,
        color: Color32::from_black_alpha(shadow_alpha),
    };
    ui.painter().add(shadow.as_shape(screen, corner));
    ui.painter().rect_filled(screen, corner, fill);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[expect(clippy::cast_precision_loss, reason = "small numbers")]
    fn a_dithered_fade_averages_to_its_ramp_and_stays_within_the_dither() {
        let along = 900;
        for i in [0, 100, 450, 800, 899] {
            let ramp = 1.0 - (i as f32 + 0.5) / along as f32;
            let mut sum = 0.0;
            for j in 0..BAYER_SIZE {
                for di in 0..BAYER_SIZE {
                    let s = fade_strength(along, i, j);
                    let shifted = fade_strength(along, (i / 8) * 8 + di, j);
                    assert!(
                        (s - ramp).abs() <= FADE_DITHER / 2.0 + 1e-6,
                        "texel {i},{j}: {s} near {ramp}"
                    );
                    sum += shifted;
                }
            }
            let mean = sum / 64.0;
            let tile_ramp = 1.0 - ((i / 8) as f32 * 8.0 + 4.0) / along as f32;
            assert!(
                (mean - tile_ramp).abs() < 2e-3 || !(0.05..0.95).contains(&tile_ramp),
                "a tile averages to the ramp: {mean} vs {tile_ramp}"
            );
        }
        assert!(fade_strength(along, 0, 0) > 0.95, "solid at its edge");
        assert!(
            fade_strength(along, along - 1, 0) < 0.05,
            "clear at the other"
        );
    }

    #[test]
    fn the_dither_uses_every_threshold_once_per_tile() {
        let mut seen = [false; 64];
        for row in BAYER {
            for v in row {
                seen[usize::from(v)] = true;
            }
        }
        assert!(seen.iter().all(|s| *s), "0..64 each once");
    }
}
