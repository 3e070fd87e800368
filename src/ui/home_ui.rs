//! Home: the story's title, its introduction and one large tile per section.

use crate::tokens::{radii, size, space};
use std::sync::Arc;

use egui::{CornerRadius, Galley, Id, Rect, Role, Ui, pos2, vec2};

use super::layout::{MIN_TILE_PICTURE, home_layout, home_text_widths, is_short};
use super::theme::{BODY_S, CAPTION, DISPLAY, EYEBROW, FIGURE_S, Face, H1, H2, H3, TypeStyle};
use super::view::{View, card, picture_ui, spoken_card_mark, spoken_text_mark, text_node};
use super::widgets::{
    Icon, galley, icon, mix, outline_circle, press_amount, radius, signature, text_at,
    touch_target, upper,
};
use crate::a11y::script::ParagraphKind;
use crate::platform::images::Pictures;
use crate::state::Intent;

/// Draws Home; returns what the visitor asked for.
pub fn home_ui(ui: &mut Ui, view: &View<'_>, pictures: &mut Pictures) -> Option<Intent> {
    let content = view.content;
    let frame = &view.frame;
    let colours = view.colours;
    let (title_w, intro_w) = home_text_widths(frame);
    let title = view.t(&content.story.title);
    // Display size needs the height and the width of a full screen; larger text gets H1.
    let title_style = if is_short(frame) || frame.content_width() < 800.0 {
        H1
    } else {
        DISPLAY
    };
    let mut title_galley = galley(ui, frame, title, title_style, colours.text, title_w, 2);
    if title_galley.elided {
        // A word longer than the narrow column (larger text in portrait): the next step
        // down the scale, rather than a cut or a word broken in two.
        title_galley = galley(ui, frame, title, H2, colours.text, title_w, 3);
    }
    let intro_text = view.t(&content.story.intro);
    let intro_galley = galley(
        ui,
        frame,
        intro_text,
        BODY_S,
        colours.text_secondary,
        intro_w,
        7,
    );
    let tiles = TileText::measure(ui, view);
    let layout = home_layout(
        frame,
        content.sections.len(),
        frame.design_len(title_galley.size().y),
        frame.design_len(intro_galley.size().y),
        tiles.need(true),
    );

    signature(
        ui,
        frame,
        colours,
        pos2(layout.eyebrow.x, layout.eyebrow.y + 11.0),
    );
    let eyebrow = upper(view.t(&content.story.eyebrow));
    text_at(
        ui,
        frame,
        pos2(layout.eyebrow.x + 104.0, layout.eyebrow.y),
        &eyebrow,
        EYEBROW,
        colours.text_secondary,
        900.0,
        1,
    );
    if view.is_spoken(ParagraphKind::Headline) {
        let size = vec2(
            frame.design_len(title_galley.size().x),
            layout.title.height(),
        );
        spoken_text_mark(ui, view, Rect::from_min_size(layout.title.min, size));
    }
    ui.painter()
        .galley(frame.pos(layout.title.min), title_galley, colours.text);
    text_node(
        ui,
        view,
        layout.title,
        Id::unique("story-title"),
        title,
        Role::Label,
    );
    if let Some(intro) = layout.intro {
        if view.is_spoken(ParagraphKind::Intro) {
            spoken_text_mark(ui, view, intro);
        }
        ui.painter()
            .galley(frame.pos(intro.min), intro_galley, colours.text_secondary);
    }

    let mut intent = None;
    let picture_h = layout.tiles.first().map_or(0.0, |tile| {
        let room = layout
            .tile_picture_height
            .min(tile.height() - tiles.need(true));
        if room >= MIN_TILE_PICTURE { room } else { 0.0 }
    });
    for (index, (section, rect)) in content.sections.iter().zip(&layout.tiles).enumerate() {
        let title = view.t(&section.title);
        let response = touch_target(ui, frame, *rect, Id::unique(("tile", index)), title);
        let press = press_amount(ui, &response);
        card(
            ui,
            view,
            *rect,
            mix(colours.surface, colours.pressed, press),
        );
        if view.is_spoken(ParagraphKind::Tile(index)) {
            spoken_card_mark(ui, view, *rect);
        }
        tile_ui(ui, view, pictures, &tiles, index, *rect, picture_h, press);
        if response.clicked() {
            intent = Some(Intent::OpenSection(index));
        }
    }
    intent
}

/// Most lines of a tile headline (four only on the narrow tiles of larger text).
const TILE_TITLE_ROWS: usize = 4;

/// Inner padding of a tile: less on the narrow tiles of larger text, where a long word
/// would otherwise break.
fn tile_pad(tile: &Rect) -> f32 {
    if tile.width() < 300.0 { 20.0 } else { 28.0 }
}

/// The tallest tile headline and figure caption, so every tile shares one picture height
/// and one figure row.
struct TileText {
    title: f32,
    caption: f32,
}

impl TileText {
    fn measure(ui: &Ui, view: &View<'_>) -> Self {
        let frame = &view.frame;
        let layout_w = |rect: &Rect| rect.width() - 2.0 * tile_pad(rect);
        // Measured at the widths the tiles get (their widths do not depend on heights).
        let probe = home_layout(frame, view.content.sections.len(), 0.0, 0.0, 0.0);
        let mut need = Self {
            title: 0.0,
            caption: 0.0,
        };
        for (section, rect) in view.content.sections.iter().zip(&probe.tiles) {
            let inner_w = layout_w(rect);
            let title = galley(
                ui,
                frame,
                view.t(&section.title),
                H3,
                view.colours.text,
                inner_w,
                TILE_TITLE_ROWS,
            );
            need.title = need.title.max(frame.design_len(title.size().y));
            if let Some(figure) = section.figures.first() {
                let caption = galley(
                    ui,
                    frame,
                    view.t(&figure.label),
                    CAPTION,
                    view.colours.text,
                    inner_w,
                    2,
                );
                need.caption = need.caption.max(frame.design_len(caption.size().y));
            }
        }
        need
    }

    /// The figure block: the figure and, `with_caption`, its caption under it.
    fn figure_block(&self, with_caption: bool) -> f32 {
        match (self.caption > 0.0, with_caption) {
            (false, _) => 0.0,
            (true, true) => FIGURE_S.line + space::XXS + self.caption,
            (true, false) => FIGURE_S.line,
        }
    }

    /// Height of a tile's text: number, headline and figure block, with its padding.
    fn need(&self, with_caption: bool) -> f32 {
        space::L
            + EYEBROW.line
            + space::XXS
            + self.title
            + space::M
            + self.figure_block(with_caption)
            + 28.0
    }
}

/// One tile's picture and text. What does not fit gives way: the picture first (see
/// `picture_h`), then the figure's caption, then the figure.
#[expect(clippy::too_many_arguments, reason = "one tile's drawing inputs")]
fn tile_ui(
    ui: &Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    tiles: &TileText,
    index: usize,
    rect: Rect,
    picture_h: f32,
    press: f32,
) {
    let frame = &view.frame;
    let colours = view.colours;
    let section = &view.content.sections[index];
    let pad = tile_pad(&rect);
    let mut y = rect.top() + space::L;
    if picture_h > 0.0 {
        let picture_rect = Rect::from_min_size(rect.min, vec2(rect.width(), picture_h));
        let r = radius(frame, radii::TILE);
        let corners = CornerRadius {
            nw: r,
            ne: r,
            sw: 0,
            se: 0,
        };
        picture_ui(
            ui,
            view,
            pictures,
            section.pictures.first(),
            picture_rect,
            corners,
        );
        y = picture_rect.bottom() + space::L;
    }

    let inner_w = rect.width() - 2.0 * pad;
    text_at(
        ui,
        frame,
        pos2(rect.left() + pad, y),
        &format!("{:02}", index + 1),
        EYEBROW,
        colours.text_secondary,
        inner_w,
        1,
    );
    y += EYEBROW.line + space::XXS;
    y += text_at(
        ui,
        frame,
        pos2(rect.left() + pad, y),
        view.t(&section.title),
        H3,
        colours.text,
        inner_w,
        TILE_TITLE_ROWS,
    ) + space::S;

    // Teaser figure and its caption pinned to the bottom; the summary between, when it fits whole.
    let room = rect.bottom() - pad - (y + space::XXS);
    // A unit too long to sit beside its value goes under it: the block grows by that line.
    let unit_line = section.figures.first().map_or(0.0, |f| {
        figure_height(
            ui,
            view,
            view.t(&f.value),
            view.t(&f.unit),
            FIGURE_S,
            inner_w - 72.0,
        ) - FIGURE_S.line
    });
    let with_caption = tiles.figure_block(true) + unit_line <= room;
    let block = tiles.figure_block(with_caption) + unit_line;
    let bottom = rect.bottom() - pad - block;
    let figure = section.figures.first().filter(|_| block <= room);
    if let Some(figure) = figure {
        figure_ui(
            ui,
            view,
            pos2(rect.left() + pad, bottom),
            view.t(&figure.value),
            view.t(&figure.unit),
            FIGURE_S,
            inner_w - 72.0,
        );
        if with_caption {
            text_at(
                ui,
                frame,
                pos2(
                    rect.left() + pad,
                    bottom + FIGURE_S.line + unit_line + space::XXS,
                ),
                view.t(&figure.label),
                CAPTION,
                colours.text_secondary,
                inner_w,
                2,
            );
        }
    }
    // The arrow sits beside the figure, or at the tile's foot without one.
    let disc_y = if figure.is_some() {
        bottom + FIGURE_S.line / 2.0
    } else {
        rect.bottom() - pad - size::ARROW_DISC / 2.0
    };
    let disc = pos2(rect.right() - pad - size::ARROW_DISC / 2.0, disc_y);
    if disc_y - size::ARROW_DISC / 2.0 >= y - space::S {
        ui.painter().circle_filled(
            frame.pos(disc),
            frame.pt(size::ARROW_DISC / 2.0),
            mix(colours.raised, colours.accent, press),
        );
        outline_circle(ui, frame, colours, disc, size::ARROW_DISC / 2.0);
        icon(ui, frame, Icon::Forward, disc, 22.0, colours.text);
    }
    let summary = galley(
        ui,
        frame,
        view.t(&section.summary),
        BODY_S,
        colours.text_secondary,
        inner_w,
        0,
    );
    if y + frame.design_len(summary.size().y) <= bottom - space::M {
        ui.painter().galley(
            frame.pos(pos2(rect.left() + pad, y)),
            summary,
            colours.text_secondary,
        );
    }
}

/// A figure's value and unit as set in `max_width`: the unit at half size beside the value,
/// or on a line of its own under it when the two do not fit side by side (type never
/// shrinks to fit, visual.md §5).
struct FigureSet {
    value: Arc<Galley>,
    unit: Arc<Galley>,
    /// The unit sits under the value.
    wrapped: bool,
    /// Height of the whole figure, design points.
    height: f32,
}

fn set_figure(
    ui: &Ui,
    view: &View<'_>,
    value: &str,
    unit: &str,
    style: TypeStyle,
    max_width: f32,
) -> FigureSet {
    let frame = &view.frame;
    let colour = view.colours.accent;
    let unit_style = TypeStyle {
        size: style.size / 2.0,
        line: style.line / 2.0,
        face: Face::Serif,
        tracking: 0.0,
    };
    let value = galley(ui, frame, value, style, colour, f32::INFINITY, 1);
    let unit = galley(ui, frame, unit, unit_style, colour, max_width, 0);
    let gap = if unit.is_empty() { 0.0 } else { space::XS };
    let width = frame.design_len(value.size().x + unit.size().x) + gap;
    let wrapped = !unit.is_empty() && width > max_width;
    let height = if wrapped {
        style.line + frame.design_len(unit.size().y)
    } else {
        style.line
    };
    FigureSet {
        value,
        unit,
        wrapped,
        height,
    }
}

/// The height a figure takes in `max_width` (design points): one line, or more when its
/// unit goes under the value.
pub fn figure_height(
    ui: &Ui,
    view: &View<'_>,
    value: &str,
    unit: &str,
    style: TypeStyle,
    max_width: f32,
) -> f32 {
    set_figure(ui, view, value, unit, style, max_width).height
}

/// Draws a key figure at `pos` (its line box's top left): the value in amber, the unit at
/// half size on its baseline, or under it when both do not fit `max_width`; returns the
/// height it took (design points).
pub fn figure_ui(
    ui: &Ui,
    view: &View<'_>,
    pos: egui::Pos2,
    value: &str,
    unit: &str,
    style: TypeStyle,
    max_width: f32,
) -> f32 {
    let frame = &view.frame;
    let colour = view.colours.accent;
    let set = set_figure(ui, view, value, unit, style, max_width);
    let value_w = frame.design_len(set.value.size().x);
    ui.painter().galley(frame.pos(pos), set.value, colour);
    if !set.unit.is_empty() {
        let unit_pos = if set.wrapped {
            frame.pos(pos2(pos.x, pos.y + style.line))
        } else {
            // On the value's baseline.
            let baseline_y = frame.pos(pos2(0.0, pos.y + style.line)).y;
            pos2(
                frame.pos(pos2(pos.x + value_w + space::XS, 0.0)).x,
                baseline_y - set.unit.size().y - frame.pt(style.size * 0.12),
            )
        };
        ui.painter().galley(unit_pos, set.unit, colour);
    }
    set.height
}
