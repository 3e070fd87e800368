//! One section page: headline, the scrolling body (see `body`), "Show on map", picture or
//! gallery (see `gallery`), key-figure cards with their notes and timeline, drawn in that
//! order at the rectangles of [`section_layout`].

use crate::tokens::space;
use std::sync::Arc;

use egui::{Galley, Id, Rect, Role, Stroke, Ui, pos2, vec2};

use super::body::body_ui;
use super::gallery::gallery_ui;
use super::{Intent, ParagraphKind, Section};
use crate::content::Figure;
use crate::platform::images::Pictures;
use crate::state::gallery::Gallery;
use crate::ui::home_ui::{figure_height, figure_ui};
use crate::ui::layout::{SectionLayout, SectionParts, section_layout};
use crate::ui::theme::{CAPTION, CREDIT, EYEBROW, FIGURE_M, H1, LABEL};
use crate::ui::view::{View, card, spoken_card_mark, spoken_text_mark, text_node};
use crate::ui::widgets::{
    Button, ButtonKind, Icon, galley, narrow_dock, pill_width, text_at, upper,
};

/// Padding inside a key-figure card: sides, above the value and below the last line.
const CARD_PAD: f32 = space::L;
const CARD_TOP: f32 = 20.0;
const CARD_FOOT: f32 = space::M;

/// What drawing a page found.
pub(super) struct PageDrawn {
    /// A button's intent.
    pub(super) intent: Option<Intent>,
    /// How far the body can scroll (design points).
    pub(super) max_scroll: f32,
    /// Where the paragraph being read aloud starts in the scrolling column, if it is there.
    pub(super) spoken_top: Option<f32>,
    /// The gallery's picture frame on screen (screen points), where a drag moves the
    /// gallery rather than the page; `None` without a gallery.
    pub(super) gallery: Option<Rect>,
    /// The picture whose dot was tapped.
    pub(super) dot: Option<usize>,
}

/// Draws one section page, its gallery at `gallery`'s picture; returns a button's intent,
/// how far the body can scroll and the gallery's frame.
pub(super) fn page_ui(
    ui: &mut Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    section: &Section,
    index: usize,
    scroll: f32,
    gallery: &Gallery,
) -> PageDrawn {
    let mut parts = SectionParts {
        picture: !section.pictures.is_empty(),
        gallery: section.pictures.len() > 1,
        figures: section.figures.len(),
        card_height: 0.0,
        timeline: !section.timeline.is_empty(),
        map_button: section.map_preset.is_some(),
        pager_in_dock: view.controls_join_dock(),
    };
    let mut layout = section_layout(&view.frame, parts);
    // The cards grow to the tallest card's text at the width they got.
    if let Some(first) = layout.figures.first() {
        parts.card_height = section
            .figures
            .iter()
            .take(layout.figures.len())
            .map(|figure| card_height(ui, view, figure, first.width()))
            .fold(0.0, f32::max);
        layout = section_layout(&view.frame, parts);
    }
    let (body_top, title_block) = header_ui(ui, view, section, index, &layout);
    let body = body_ui(
        ui,
        view,
        pictures,
        section,
        index,
        &layout,
        body_top,
        title_block,
        scroll,
    );
    let intent = map_button_ui(ui, view, section, index, &layout);
    let dot = gallery_ui(ui, view, pictures, section, index, &layout, gallery);
    figure_cards_ui(ui, view, section, index, &layout);
    if let Some(band) = layout.timeline {
        timeline_ui(ui, view, section, band);
    }
    PageDrawn {
        intent,
        max_scroll: body.max_scroll,
        spoken_top: body.spoken_top,
        gallery: layout
            .picture
            .filter(|_| parts.gallery)
            .map(|picture| view.frame.rect(picture)),
        dot,
    }
}

/// The height a key-figure card `width` wide needs for `figure`: value, label and note.
fn card_height(ui: &Ui, view: &View<'_>, figure: &Figure, width: f32) -> f32 {
    let frame = &view.frame;
    let inner = width - 2.0 * CARD_PAD;
    let value_h = figure_height(
        ui,
        view,
        view.t(&figure.value),
        view.t(&figure.unit),
        FIGURE_M,
        inner,
    );
    let label = galley(
        ui,
        frame,
        view.t(&figure.label),
        CAPTION,
        view.colours.text_secondary,
        inner,
        0,
    );
    let note_h = note_text(view, figure).map_or(0.0, |note| {
        let note = galley(
            ui,
            frame,
            note,
            CREDIT,
            view.colours.text_tertiary,
            inner,
            0,
        );
        space::S + frame.design_len(note.size().y)
    });
    CARD_TOP + value_h + space::XS + frame.design_len(label.size().y) + note_h + CARD_FOOT
}

/// A figure's note in the visitor's language, when it has one.
pub(super) fn note_text<'a>(view: &'a View<'_>, figure: &'a Figure) -> Option<&'a str> {
    figure
        .note
        .as_ref()
        .map(|note| view.t(note).trim())
        .filter(|note| !note.is_empty())
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

/// The key-figure cards at the layout's figure rectangles, each with its note under the
/// label; the section's further figures scroll with the body.
fn figure_cards_ui(
    ui: &mut Ui,
    view: &View<'_>,
    section: &Section,
    index: usize,
    layout: &SectionLayout,
) {
    let frame = &view.frame;
    let colours = view.colours;
    for (i, (figure, rect)) in section.figures.iter().zip(&layout.figures).enumerate() {
        card(ui, view, *rect, colours.surface);
        if view.is_spoken(ParagraphKind::Figure(i)) {
            spoken_card_mark(ui, view, *rect);
        }
        let inner = rect.width() - 2.0 * CARD_PAD;
        let left = rect.left() + CARD_PAD;
        let mut y = rect.top() + CARD_TOP;
        y += figure_ui(
            ui,
            view,
            pos2(left, y),
            view.t(&figure.value),
            view.t(&figure.unit),
            FIGURE_M,
            inner,
        ) + space::XS;
        let label = view.t(&figure.label);
        y += text_at(
            ui,
            frame,
            pos2(left, y),
            label,
            CAPTION,
            colours.text_secondary,
            inner,
            0,
        );
        let note = note_text(view, figure);
        if let Some(note) = note {
            text_at(
                ui,
                frame,
                pos2(left, y + space::S),
                note,
                CREDIT,
                colours.text_tertiary,
                inner,
                0,
            );
        }
        let mut spoken = format!(
            "{}{} {}",
            view.t(&figure.value),
            view.t(&figure.unit),
            label
        );
        if let Some(note) = note {
            spoken = format!("{spoken}. {note}");
        }
        text_node(
            ui,
            view,
            *rect,
            Id::unique(("figure", index, i)),
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
