//! Home: the story's title, its introduction and one large tile per section.

use egui::{Align2, CornerRadius, Id, Rect, Role, Ui, pos2, vec2};

use super::layout::home_layout;
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
    let layout = home_layout(frame, content.sections.len());

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

    let title = view.t(&content.story.title);
    let title_galley = galley(
        ui,
        frame,
        title,
        DISPLAY,
        colours.text,
        layout.title.width(),
        2,
    );
    let title_rect = Rect::from_min_size(layout.title.min, title_galley.size() / frame.scale);
    ui.painter()
        .galley(frame.pos(layout.title.min), title_galley, colours.text);
    text_node(
        ui,
        view,
        title_rect,
        Id::unique("story-title"),
        title,
        Role::Label,
    );

    let intro_rows = (layout.intro.height() / BODY_S.line).floor().max(1.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a few rows"
    )]
    let intro_rows = intro_rows as usize;
    text_at(
        ui,
        frame,
        layout.intro.min,
        view.t(&content.story.intro),
        BODY_S,
        colours.text_secondary,
        layout.intro.width(),
        intro_rows,
    );

    let mut intent = None;
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

        let picture_rect =
            Rect::from_min_size(rect.min, vec2(rect.width(), layout.tile_picture_height));
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

        let pad = 28.0;
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

        // Teaser figure and its caption, pinned to the bottom; the summary fills the space between.
        let caption_y = rect.bottom() - pad - CAPTION.line;
        let figure_y = caption_y - FIGURE_S.line - 4.0;
        let summary_rows = ((figure_y - 16.0 - y) / BODY_S.line).floor();
        if summary_rows >= 1.0 {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a few rows"
            )]
            let rows = summary_rows as usize;
            text_at(
                ui,
                frame,
                pos2(rect.left() + pad, y),
                view.t(&section.summary),
                BODY_S,
                colours.text_secondary,
                inner_w,
                rows,
            );
        }
        if let Some(figure) = section.figures.first() {
            figure_ui(
                ui,
                view,
                pos2(rect.left() + pad, figure_y),
                view.t(&figure.value),
                view.t(&figure.unit),
                FIGURE_S,
            );
            text_at(
                ui,
                frame,
                pos2(rect.left() + pad, caption_y),
                view.t(&figure.label),
                CAPTION,
                colours.text_secondary,
                inner_w - 72.0,
                1,
            );
        }
        let disc = pos2(rect.right() - pad - 28.0, caption_y - 24.0);
        ui.painter().circle_filled(
            frame.pos(disc),
            frame.pt(28.0),
            mix(colours.raised, colours.accent, press),
        );
        icon(ui, frame, Icon::Forward, disc, 22.0, colours.text);

        if response.clicked() {
            intent = Some(Intent::OpenSection(index));
        }
    }
    intent
}

/// A key figure: the value in the accent colour, the unit at half size after it.
pub fn figure_ui(
    ui: &Ui,
    view: &View<'_>,
    pos: egui::Pos2,
    value: &str,
    unit: &str,
    style: TypeStyle,
) -> f32 {
    let frame = &view.frame;
    let value_galley = galley(
        ui,
        frame,
        value,
        style,
        view.colours.accent,
        f32::INFINITY,
        1,
    );
    let value_w = frame.design_len(value_galley.size().x);
    let baseline = frame.pos(pos2(pos.x, pos.y + style.line));
    ui.painter()
        .galley(frame.pos(pos), value_galley, view.colours.accent);
    if !unit.is_empty() {
        let unit_style = TypeStyle {
            size: style.size / 2.0,
            line: style.line / 2.0,
            face: Face::Serif,
            tracking: 0.0,
        };
        let unit_galley = galley(
            ui,
            frame,
            unit,
            unit_style,
            view.colours.accent,
            f32::INFINITY,
            1,
        );
        // Sit the unit on the value's baseline, a little after it.
        let unit_pos = pos2(
            frame.pos(pos2(pos.x + value_w + 8.0, 0.0)).x,
            baseline.y - unit_galley.size().y - frame.pt(style.size * 0.12),
        );
        let size = unit_galley.size();
        ui.painter().galley(
            Align2::LEFT_TOP.anchor_size(unit_pos, size).min,
            unit_galley,
            view.colours.accent,
        );
        return value_w + 8.0 + frame.design_len(size.x);
    }
    value_w
}
