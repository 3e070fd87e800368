//! Home: the story's title, its introduction and one large tile per section.

use egui::{Align2, CornerRadius, Id, Rect, Role, Ui, pos2, vec2};

use super::layout::{home_layout, home_text_widths};
use super::theme::{BODY_S, CAPTION, DISPLAY, EYEBROW, FIGURE_S, Face, H3, TypeStyle};
use super::view::{View, card, picture_ui, text_node};
use super::widgets::{
    Icon, galley, icon, mix, press_amount, radius, signature, text_at, touch_target, upper,
};
use crate::app::Intent;
use crate::platform::images::Pictures;

/// Draws Home; returns what the visitor asked for.
pub fn home_ui(ui: &mut Ui, view: &View<'_>, pictures: &mut Pictures) -> Option<Intent> {
    let content = view.content;
    let frame = &view.frame;
    let colours = view.colours;
    let (title_w, intro_w) = home_text_widths(frame);
    let title = view.t(&content.story.title);
    let title_galley = galley(ui, frame, title, DISPLAY, colours.text, title_w, 2);
    let intro_galley = galley(
        ui,
        frame,
        view.t(&content.story.intro),
        BODY_S,
        colours.text_secondary,
        intro_w,
        7,
    );
    let layout = home_layout(
        frame,
        content.sections.len(),
        frame.design_len(title_galley.size().y),
        frame.design_len(intro_galley.size().y),
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
    ui.painter().galley(
        frame.pos(layout.intro.min),
        intro_galley,
        colours.text_secondary,
    );

    let mut intent = None;
    // One picture height and one figure row for every tile, leaving room for the longest
    // headline and figure caption.
    let pad = 28.0;
    let mut title_need = 0.0_f32;
    let mut caption_need = 0.0_f32;
    for (section, rect) in content.sections.iter().zip(&layout.tiles) {
        let inner_w = rect.width() - 2.0 * pad;
        let title = galley(
            ui,
            frame,
            view.t(&section.title),
            H3,
            colours.text,
            inner_w,
            3,
        );
        title_need = title_need.max(frame.design_len(title.size().y));
        if let Some(figure) = section.figures.first() {
            let caption = galley(
                ui,
                frame,
                view.t(&figure.label),
                CAPTION,
                colours.text,
                inner_w,
                2,
            );
            caption_need = caption_need.max(frame.design_len(caption.size().y));
        }
    }
    let figure_block = if caption_need > 0.0 {
        caption_need + FIGURE_S.line + 4.0
    } else {
        0.0
    };
    let text_need = 24.0 + EYEBROW.line + 4.0 + title_need + 16.0 + figure_block + pad;
    let picture_h = layout
        .tiles
        .first()
        .map_or(layout.tile_picture_height, |tile| {
            layout
                .tile_picture_height
                .min(tile.height() - text_need)
                .max(120.0)
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

        let picture_rect = Rect::from_min_size(rect.min, vec2(rect.width(), picture_h));
        let r = radius(frame, 16.0);
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

        let inner_w = rect.width() - 2.0 * pad;
        let mut y = picture_rect.bottom() + 24.0;
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
        y += EYEBROW.line + 4.0;
        y += text_at(
            ui,
            frame,
            pos2(rect.left() + pad, y),
            title,
            H3,
            colours.text,
            inner_w,
            3,
        ) + 12.0;

        // Teaser figure and its caption pinned to the bottom; the summary between, when it fits whole.
        let bottom = rect.bottom() - pad - figure_block;
        if let Some(figure) = section.figures.first() {
            figure_ui(
                ui,
                view,
                pos2(rect.left() + pad, bottom),
                view.t(&figure.value),
                view.t(&figure.unit),
                FIGURE_S,
                inner_w - 72.0,
            );
            let caption_y = bottom + FIGURE_S.line + 4.0;
            text_at(
                ui,
                frame,
                pos2(rect.left() + pad, caption_y),
                view.t(&figure.label),
                CAPTION,
                colours.text_secondary,
                inner_w,
                2,
            );
        }
        let disc = pos2(rect.right() - pad - 28.0, bottom + FIGURE_S.line / 2.0);
        ui.painter().circle_filled(
            frame.pos(disc),
            frame.pt(28.0),
            mix(colours.raised, colours.accent, press),
        );
        icon(ui, frame, Icon::Forward, disc, 22.0, colours.text);
        let summary = galley(
            ui,
            frame,
            view.t(&section.summary),
            BODY_S,
            colours.text_secondary,
            inner_w,
            0,
        );
        if y + frame.design_len(summary.size().y) <= bottom - 16.0 {
            ui.painter().galley(
                frame.pos(pos2(rect.left() + pad, y)),
                summary,
                colours.text_secondary,
            );
        }

        if response.clicked() {
            intent = Some(Intent::OpenSection(index));
        }
    }
    intent
}

/// A key figure: the value in the accent colour, the unit at half size after it, sitting on
/// the value's baseline. A figure wider than `max_width` is drawn smaller to fit.
pub fn figure_ui(
    ui: &Ui,
    view: &View<'_>,
    pos: egui::Pos2,
    value: &str,
    unit: &str,
    style: TypeStyle,
    max_width: f32,
) {
    let frame = &view.frame;
    let colour = view.colours.accent;
    let unit_style = |style: TypeStyle| TypeStyle {
        size: style.size / 2.0,
        line: style.line / 2.0,
        face: Face::Serif,
        tracking: 0.0,
    };
    let measure = |style: TypeStyle| {
        let value = galley(ui, frame, value, style, colour, f32::INFINITY, 1);
        let unit = galley(ui, frame, unit, unit_style(style), colour, f32::INFINITY, 1);
        let gap = if unit.is_empty() { 0.0 } else { 8.0 };
        (
            frame.design_len(value.size().x + unit.size().x) + gap,
            value,
            unit,
        )
    };
    let (mut width, mut value_galley, mut unit_galley) = measure(style);
    let mut fitted = style;
    if width > max_width && width > 0.0 {
        let factor = (max_width / width).max(0.5);
        fitted = TypeStyle {
            size: style.size * factor,
            line: style.line * factor,
            ..style
        };
        (width, value_galley, unit_galley) = measure(fitted);
    }
    let _ = width;
    // Keep the line box of the full-size style; sit the smaller figure on its baseline.
    let top = pos.y + (style.line - fitted.line);
    let value_w = frame.design_len(value_galley.size().x);
    ui.painter()
        .galley(frame.pos(pos2(pos.x, top)), value_galley, colour);
    if !unit.is_empty() {
        let baseline_y = frame.pos(pos2(0.0, top + fitted.line)).y;
        let unit_size = unit_galley.size();
        let unit_pos = pos2(
            frame.pos(pos2(pos.x + value_w + 8.0, 0.0)).x,
            baseline_y - unit_size.y - frame.pt(fitted.size * 0.12),
        );
        ui.painter().galley(
            Align2::LEFT_TOP.anchor_size(unit_pos, unit_size).min,
            unit_galley,
            colour,
        );
    }
}
