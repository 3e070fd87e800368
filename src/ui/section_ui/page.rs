//! One section page: headline, the scrolling body (see `body`), "Show on map", picture,
//! key-figure cards and timeline, drawn in that order at the rectangles of [`section_layout`].

use crate::tokens::{radii, space};
use std::sync::Arc;

use egui::{CornerRadius, Galley, Id, Rect, Role, Stroke, Ui, pos2, vec2};

use super::body::body_ui;
use super::{Intent, ParagraphKind, Section};
use crate::platform::images::Pictures;
use crate::ui::home_ui::figure_ui;
use crate::ui::layout::{MAX_FIGURE_CARDS, SectionLayout, SectionParts, section_layout};
use crate::ui::theme::{CAPTION, CREDIT, EYEBROW, FIGURE_M, H1, LABEL};
use crate::ui::view::{View, card, picture_ui, spoken_card_mark, spoken_text_mark, text_node};
use crate::ui::widgets::{
    Button, ButtonKind, Icon, galley, narrow_dock, pill_width, radius, text_at, upper,
};

/// What drawing a page found.
pub(super) struct PageDrawn {
    /// A button's intent.
    pub(super) intent: Option<Intent>,
    /// How far the body can scroll (design points).
    pub(super) max_scroll: f32,
    /// Where the paragraph being read aloud starts in the scrolling column, if it is there.
    pub(super) spoken_top: Option<f32>,
}

/// Draws one section page; returns a button's intent and how far the body can scroll.
pub(super) fn page_ui(
    ui: &mut Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    section: &Section,
    index: usize,
    scroll: f32,
) -> PageDrawn {
    let parts = SectionParts {
        picture: !section.pictures.is_empty(),
        figures: section.figures.len(),
        timeline: !section.timeline.is_empty(),
        map_button: section.map_preset.is_some(),
        pager_in_dock: view.controls_join_dock(),
    };
    let layout = section_layout(&view.frame, parts);
    let (body_top, title_block) = header_ui(ui, view, section, index, &layout);
    let body = body_ui(
        ui,
        view,
        section,
        index,
        &layout,
        body_top,
        title_block,
        scroll,
    );
    let intent = map_button_ui(ui, view, section, index, &layout);
    if let Some(picture_rect) = layout.picture {
        hero_picture_ui(ui, view, pictures, section, picture_rect);
    }
    figure_cards_ui(ui, view, section, index, &layout);
    if let Some(band) = layout.timeline {
        timeline_ui(ui, view, section, band);
    }
    PageDrawn {
        intent,
        max_scroll: body.max_scroll,
        spoken_top: body.spoken_top,
    }
}

/// Eyebrow and headline. Returns where the body starts (design y) and, in a reading
/// column, the headline's galley: there it scrolls with the body instead.
fn header_ui(
    ui: &mut Ui,
    view: &View<'_>,
    section: &Section,
    index: usize,
    layout: &SectionLayout,
) -> (f32, Option<Arc<Galley>>) {
    let frame = &view.frame;
    let colours = view.colours;
    let column = layout.text_column;
    let eyebrow = format!("{:02} · {}", index + 1, upper(view.t(&section.eyebrow)));
    let mut y = column.top();
    y += text_at(
        ui,
        frame,
        pos2(column.left(), y),
        eyebrow.trim_end_matches(" · "),
        EYEBROW,
        colours.accent,
        column.width(),
        1,
    ) + space::XS;
    let title = view.t(&section.title);
    // Two lines at most beside the parts; all of it where it scrolls with the body.
    let title_rows = if layout.reading_column { 0 } else { 2 };
    let title_galley = galley(
        ui,
        frame,
        title,
        H1,
        colours.text,
        column.width(),
        title_rows,
    );
    let title_h = frame.design_len(title_galley.size().y);
    let title_rect = Rect::from_min_size(pos2(column.left(), y), vec2(column.width(), title_h));
    text_node(
        ui,
        view,
        title_rect,
        Id::unique(("section-title", index)),
        title,
        Role::Label,
    );
    // In a reading column the headline scrolls with the body, which gets the height.
    if layout.reading_column {
        return (y, Some(title_galley));
    }
    if view.is_spoken(ParagraphKind::Headline) {
        let size = vec2(frame.design_len(title_galley.size().x), title_h);
        spoken_text_mark(ui, view, Rect::from_min_size(title_rect.min, size));
    }
    ui.painter()
        .galley(frame.pos(title_rect.min), title_galley, colours.text);
    (y + title_h + space::L, None)
}

/// "Show on map": the screen's one amber action. Returns its intent when pressed.
fn map_button_ui(
    ui: &mut Ui,
    view: &View<'_>,
    section: &Section,
    index: usize,
    layout: &SectionLayout,
) -> Option<Intent> {
    let frame = &view.frame;
    let preset = section.map_preset.as_ref()?;
    let label = view.t(&view.content.labels.show_on_map);
    let width = if narrow_dock(frame) {
        pill_width(ui, frame, label, true)
    } else {
        pill_width(ui, frame, label, true).max(layout.map_button.width())
    };
    let rect = Rect::from_min_size(
        layout.map_button.min,
        vec2(width, layout.map_button.height()),
    );
    Button::pill(label)
        .icon(Icon::Map)
        .kind(ButtonKind::Primary)
        .ui(
            ui,
            frame,
            view.colours,
            rect,
            Id::unique(("show-on-map", index)),
        )
        .clicked()
        .then(|| Intent::ShowOnMap(Some(preset.clone())))
}

/// The section's first picture at `picture_rect`, with its caption and credit below.
fn hero_picture_ui(
    ui: &Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    section: &Section,
    picture_rect: Rect,
) {
    let frame = &view.frame;
    let colours = view.colours;
    let picture = section.pictures.first();
    if view.is_spoken(ParagraphKind::Caption) {
        spoken_card_mark(ui, view, picture_rect);
    }
    picture_ui(
        ui,
        view,
        pictures,
        picture,
        picture_rect,
        CornerRadius::same(radius(frame, radii::TILE)),
    );
    // A clip in the picture's place plays over its poster.
    crate::ui::video_ui::video_ui(
        ui,
        view,
        picture,
        picture_rect,
        CornerRadius::same(radius(frame, radii::TILE)),
    );
    let Some(picture) = picture else {
        return;
    };
    let mut cy = picture_rect.bottom() + space::M;
    cy += text_at(
        ui,
        frame,
        pos2(picture_rect.left(), cy),
        view.t(&picture.caption),
        CAPTION,
        colours.text_secondary,
        picture_rect.width(),
        2,
    );
    text_at(
        ui,
        frame,
        pos2(picture_rect.left(), cy + space::XXS),
        view.t(&picture.credit),
        CREDIT,
        colours.text_tertiary,
        picture_rect.width(),
        1,
    );
}

/// The key-figure cards at the layout's figure rectangles (at most [`MAX_FIGURE_CARDS`]).
fn figure_cards_ui(
    ui: &mut Ui,
    view: &View<'_>,
    section: &Section,
    index: usize,
    layout: &SectionLayout,
) {
    let frame = &view.frame;
    let colours = view.colours;
    for (i, (figure, rect)) in section
        .figures
        .iter()
        .take(MAX_FIGURE_CARDS)
        .zip(&layout.figures)
        .enumerate()
    {
        card(ui, view, *rect, colours.surface);
        if view.is_spoken(ParagraphKind::Figure(i)) {
            spoken_card_mark(ui, view, *rect);
        }
        let pad = space::L;
        let figure_h = figure_ui(
            ui,
            view,
            pos2(rect.left() + pad, rect.top() + 20.0),
            view.t(&figure.value),
            view.t(&figure.unit),
            FIGURE_M,
            rect.width() - 2.0 * pad,
        );
        let label = view.t(&figure.label);
        text_at(
            ui,
            frame,
            pos2(rect.left() + pad, rect.top() + 20.0 + figure_h + space::XS),
            label,
            CAPTION,
            colours.text_secondary,
            rect.width() - 2.0 * pad,
            4,
        );
        let spoken = format!(
            "{}{} {}",
            view.t(&figure.value),
            view.t(&figure.unit),
            label
        );
        text_node(
            ui,
            view,
            *rect,
            Id::unique(("figure", index, rect.left().to_bits())),
            &spoken,
            Role::Label,
        );
    }
}

/// The timeline in `band`: a rail with evenly spaced nodes, the date above, the text below.
fn timeline_ui(ui: &Ui, view: &View<'_>, section: &Section, band: Rect) {
    let frame = &view.frame;
    let colours = view.colours;
    let n = section.timeline.len().max(1);
    #[expect(clippy::cast_precision_loss, reason = "a few events")]
    let step = band.width() / n as f32;
    let rail_y = band.top() + space::XXL;
    // The band is only on wide screens, where two caption lines are the design.
    let caption_rows = 2;
    let rail = [
        frame.pos(pos2(band.left(), rail_y)),
        frame.pos(pos2(band.right(), rail_y)),
    ];
    ui.painter()
        .line_segment(rail, Stroke::new(frame.pt(2.0), colours.line));
    for (i, entry) in section.timeline.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few events")]
        let x = band.left() + step * i as f32;
        if view.is_spoken(ParagraphKind::Timeline(i)) {
            let entry_rect =
                Rect::from_min_size(pos2(x, band.top()), vec2(step - space::L, band.height()));
            spoken_text_mark(ui, view, entry_rect);
        }
        text_at(
            ui,
            frame,
            pos2(x, band.top()),
            view.t(&entry.date),
            LABEL,
            colours.text,
            step - space::L,
            1,
        );
        ui.painter().circle(
            frame.pos(pos2(x + space::XS, rail_y)),
            frame.pt(7.0),
            colours.ink,
            Stroke::new(frame.pt(2.5), colours.accent),
        );
        text_at(
            ui,
            frame,
            pos2(x, rail_y + 20.0),
            view.t(&entry.text),
            CAPTION,
            colours.text_secondary,
            step - 20.0,
            caption_rows,
        );
    }
}
