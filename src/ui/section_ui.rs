//! A section: headline, scrolling body, picture, key figures, timeline, "Show on map";
//! swiped sideways to the neighbouring sections.

use std::sync::Arc;

use egui::{CornerRadius, Galley, Id, Pos2, Rect, Role, Sense, Stroke, Ui, pos2, vec2};

use super::home_ui::figure_ui;
use super::layout::{Frame, MAX_FIGURE_CARDS, SectionParts, TIMELINE_TALL, section_layout};
use super::theme::{BODY, CAPTION, CREDIT, EYEBROW, FIGURE_M, FIGURE_S, H1, LABEL};
use super::view::{View, card, picture_ui, spoken_card_mark, spoken_text_mark, text_node};
use super::widgets::{
    ButtonKind, FadeFrom, Icon, fade, galley, narrow_dock, pill_button, pill_width, radius,
    text_at, upper,
};
use crate::a11y::script::ParagraphKind;
use crate::content::Section;
use crate::platform::images::Pictures;
use crate::state::Intent;
use crate::state::navigation::{Axis, MomentumScroll, PageSwipe, SwipeOutcome, decide_axis};

/// Gap between body paragraphs.
const PARAGRAPH_GAP: f32 = 21.0;

/// Height of the fade at the foot of an overflowing body.
const FADE_HEIGHT: f32 = 126.0;

/// Gesture and scroll state of the section screen.
#[derive(Debug, Default)]
pub struct SectionView {
    /// The sideways page swipe.
    pub swipe: PageSwipe,
    /// The body's scroll.
    pub scroll: MomentumScroll,
    /// The axis the current drag moves along, once decided.
    axis: Option<Axis>,
    /// Movement of the current drag from where the finger went down, as applied so far
    /// (design points). Measured from the press origin rather than summed from per-frame
    /// deltas, which include a jump when the press and a move land in the same frame.
    applied: egui::Vec2,
    /// Where the finger went down (screen points).
    origin: Option<egui::Pos2>,
    /// How far the body can scroll, from the last frame (design points).
    max_scroll: f32,
    /// The paragraph read aloud that the body last scrolled to.
    followed: Option<ParagraphKind>,
}

impl SectionView {
    /// Back to the top with nothing moving (a new section, or a reset).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Whether something still moves and needs repaints.
    pub fn is_moving(&self) -> bool {
        self.swipe.is_moving() || self.scroll.velocity != 0.0
    }
}

/// What the section screen asks the app to do.
pub enum SectionOutcome {
    /// An intent from a button.
    Intent(Intent),
    /// The swipe ended on another section (by index).
    SwipedTo(usize),
}

/// Draws section `index` (and its neighbour while swiping); handles drags.
pub fn section_ui(
    ui: &mut Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    state: &mut SectionView,
    index: usize,
) -> Option<SectionOutcome> {
    let count = view.content.sections.len();
    let now = ui.input(|i| i.time);
    let has_previous = index > 0;
    let has_next = index + 1 < count;
    let page_width = view.frame.size.x;

    // The whole page above the dock takes drags; buttons on it still take taps.
    let page = Rect::from_min_max(
        pos2(0.0, 0.0),
        pos2(page_width, view.frame.dock().top() - 8.0),
    );
    let drag = ui.interact(
        view.frame.rect(page),
        Id::unique("section-page"),
        Sense::drag(),
    );
    let mut outcome = None;
    if drag.drag_started() {
        state.axis = None;
        state.applied = egui::Vec2::ZERO;
        state.origin = ui.input(|i| i.pointer.press_origin());
    }
    // The release frame may carry the last moves too: apply them before releasing.
    let travel = state
        .origin
        .and_then(|origin| Some(ui.input(|i| i.pointer.latest_pos())? - origin));
    if (drag.dragged() || drag.drag_stopped())
        && let Some(travel) = travel
    {
        let total = travel / view.frame.scale;
        if state.axis.is_none() {
            state.axis = decide_axis(total.x, total.y);
        }
        // Until the axis is known nothing moves; then the whole way so far applies at once.
        if state.axis.is_some() {
            let delta = total - state.applied;
            state.applied = total;
            match state.axis {
                Some(Axis::Horizontal) => state.swipe.drag(delta.x, has_previous, has_next),
                Some(Axis::Vertical) => state.scroll.drag(delta.y, state.max_scroll),
                None => {}
            }
        }
    }
    if drag.drag_stopped() {
        state.origin = None;
        let velocity = ui.input(|i| i.pointer.velocity()) / view.frame.scale;
        match state.axis {
            Some(Axis::Horizontal) => {
                state
                    .swipe
                    .release(now, velocity.x, page_width, has_previous, has_next);
            }
            Some(Axis::Vertical) => state.scroll.release(velocity.y, now),
            None => {}
        }
        state.axis = None;
    }
    if let Some(done) = state.swipe.finish(now) {
        match done {
            SwipeOutcome::Next => outcome = Some(SectionOutcome::SwipedTo(index + 1)),
            SwipeOutcome::Previous => outcome = Some(SectionOutcome::SwipedTo(index - 1)),
            SwipeOutcome::Stay => {}
        }
    }
    let max_scroll = state.max_scroll;
    state.scroll.tick(now, max_scroll);

    let offset = if outcome.is_some() {
        0.0
    } else {
        state.swipe.offset(now)
    };
    if outcome.is_none() {
        if offset > 0.0 && has_previous {
            let neighbour = &view.content.sections[index - 1];
            page_ui(
                ui,
                &view.shifted(offset - page_width),
                pictures,
                neighbour,
                index - 1,
                0.0,
            );
        } else if offset < 0.0 && has_next {
            let neighbour = &view.content.sections[index + 1];
            page_ui(
                ui,
                &view.shifted(offset + page_width),
                pictures,
                neighbour,
                index + 1,
                0.0,
            );
        }
        let section = &view.content.sections[index];
        let drawn = page_ui(
            ui,
            &view.shifted(offset),
            pictures,
            section,
            index,
            state.scroll.offset,
        );
        state.max_scroll = drawn.max_scroll;
        // A new paragraph read aloud scrolls into view (from the next frame).
        if view.spoken != state.followed {
            state.followed = view.spoken;
            if let Some(top) = drawn.spoken_top {
                state.scroll.offset = (top - 16.0).clamp(0.0, drawn.max_scroll);
                state.scroll.velocity = 0.0;
                ui.ctx().request_repaint();
            }
        }
        if let Some(intent) = drawn.intent {
            outcome = Some(SectionOutcome::Intent(intent));
        }
    }
    if state.is_moving() {
        ui.ctx().request_repaint();
    }
    outcome
}

/// One block of the scrolling column.
enum Block {
    /// A body paragraph.
    Text(Arc<Galley>),
    /// A key figure (by index) and its label, in a reading column.
    Figure(usize, Arc<Galley>),
    /// A timeline entry's date and text, in a reading column.
    Event(Arc<Galley>, Arc<Galley>),
}

impl Block {
    fn height(&self, frame: &Frame) -> f32 {
        match self {
            Self::Text(text) => frame.design_len(text.size().y),
            Self::Figure(_, label) => FIGURE_S.line + 4.0 + frame.design_len(label.size().y),
            Self::Event(date, text) => frame.design_len(date.size().y + text.size().y) + 4.0,
        }
    }

    fn draw(self, ui: &Ui, view: &View<'_>, section: &Section, at: Pos2) {
        let frame = &view.frame;
        let colours = view.colours;
        match self {
            Self::Text(text) => ui.painter().galley(frame.pos(at), text, colours.text),
            Self::Figure(index, label) => {
                let figure = &section.figures[index];
                figure_ui(
                    ui,
                    view,
                    at,
                    view.t(&figure.value),
                    view.t(&figure.unit),
                    FIGURE_S,
                    frame.design_len(label.size().x).max(480.0),
                );
                ui.painter().galley(
                    frame.pos(at + vec2(0.0, FIGURE_S.line + 4.0)),
                    label,
                    colours.text_secondary,
                );
            }
            Self::Event(date, text) => {
                let date_h = frame.design_len(date.size().y);
                ui.painter().galley(frame.pos(at), date, colours.accent);
                ui.painter().galley(
                    frame.pos(at + vec2(0.0, date_h + 4.0)),
                    text,
                    colours.text_secondary,
                );
            }
        }
    }
}

/// What drawing a page found.
struct PageDrawn {
    /// A button's intent.
    intent: Option<Intent>,
    /// How far the body can scroll (design points).
    max_scroll: f32,
    /// Where the paragraph being read aloud starts in the scrolling column, if it is there.
    spoken_top: Option<f32>,
}

/// Draws one section page; returns a button's intent and how far the body can scroll.
fn page_ui(
    ui: &mut Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    section: &Section,
    index: usize,
    scroll: f32,
) -> PageDrawn {
    let frame = &view.frame;
    let colours = view.colours;
    let parts = SectionParts {
        picture: !section.pictures.is_empty(),
        figures: section.figures.len(),
        timeline: !section.timeline.is_empty(),
        map_button: section.map_preset.is_some(),
    };
    let layout = section_layout(frame, parts);
    let column = layout.text_column;
    let mut intent = None;

    // Eyebrow and headline.
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
    ) + 8.0;
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
    let mut title_block = None;
    if layout.reading_column {
        title_block = Some(title_galley);
    } else {
        if view.is_spoken(ParagraphKind::Headline) {
            let size = vec2(frame.design_len(title_galley.size().x), title_h);
            spoken_text_mark(ui, view, Rect::from_min_size(title_rect.min, size));
        }
        ui.painter()
            .galley(frame.pos(title_rect.min), title_galley, colours.text);
        y += title_h + 24.0;
    }

    // Body, clipped to its viewport and scrolled; in a reading column the key figures and
    // the timeline follow it.
    let viewport = Rect::from_min_max(
        pos2(column.left(), y),
        pos2(column.right(), layout.body_bottom),
    );
    let width = column.width() - 24.0;
    let mut blocks: Vec<(ParagraphKind, Block)> = section
        .body
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = galley(ui, frame, view.t(p), BODY, colours.text, width, 0);
            (ParagraphKind::Body(i), Block::Text(text))
        })
        .collect();
    if let Some(title) = title_block {
        blocks.insert(0, (ParagraphKind::Headline, Block::Text(title)));
    }
    if layout.reading_column {
        for (i, figure) in section.figures.iter().enumerate() {
            let label = galley(
                ui,
                frame,
                view.t(&figure.label),
                BODY,
                colours.text_secondary,
                width,
                0,
            );
            blocks.push((ParagraphKind::Figure(i), Block::Figure(i, label)));
        }
        for (i, entry) in section.timeline.iter().enumerate() {
            let date = galley(
                ui,
                frame,
                view.t(&entry.date),
                LABEL,
                colours.text,
                width,
                0,
            );
            let text = galley(
                ui,
                frame,
                view.t(&entry.text),
                BODY,
                colours.text_secondary,
                width,
                0,
            );
            blocks.push((ParagraphKind::Timeline(i), Block::Event(date, text)));
        }
    }
    let heights: Vec<f32> = blocks
        .iter()
        .map(|(_, block)| block.height(frame))
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "a few paragraphs")]
    let content_h: f32 =
        heights.iter().sum::<f32>() + PARAGRAPH_GAP * blocks.len().saturating_sub(1) as f32;
    let max_scroll = (content_h - viewport.height()).max(0.0);
    let scroll = scroll.min(max_scroll);
    let mut clipped = ui.new_child(egui::UiBuilder::new());
    clipped.set_clip_rect(frame.rect(viewport.expand2(vec2(24.0, 0.0))));
    let mut offset = 0.0;
    let mut spoken_top = None;
    for ((kind, block), h) in blocks.into_iter().zip(heights) {
        let py = viewport.top() - scroll + offset;
        if view.is_spoken(kind) {
            spoken_top = Some(offset);
        }
        if py + h > viewport.top() - 8.0 && py < viewport.bottom() + 8.0 {
            let rect = Rect::from_min_size(pos2(viewport.left(), py), vec2(width, h));
            if view.is_spoken(kind) {
                spoken_text_mark(&clipped, view, rect);
            }
            block.draw(&clipped, view, section, rect.min);
        }
        offset += h + PARAGRAPH_GAP;
    }
    let body_text = section
        .body
        .iter()
        .map(|p| view.t(p))
        .collect::<Vec<_>>()
        .join("\n\n");
    text_node(
        ui,
        view,
        viewport,
        Id::unique(("section-body", index)),
        &body_text,
        Role::Label,
    );
    if max_scroll > 0.0 {
        // Fade at the foot while more text lies below, and a thin scroll track.
        if scroll < max_scroll - 1.0 {
            let fade_rect = Rect::from_min_max(
                pos2(viewport.left(), viewport.bottom() - FADE_HEIGHT),
                viewport.max,
            );
            fade(ui, frame.rect(fade_rect), colours.ink, FadeFrom::Bottom);
        }
        let track = Rect::from_min_max(
            pos2(column.right() + 16.0, viewport.top()),
            pos2(column.right() + 20.0, viewport.bottom()),
        );
        ui.painter()
            .rect_filled(frame.rect(track), 2.0, colours.line);
        let thumb_h = (viewport.height() * viewport.height() / content_h).max(48.0);
        let thumb_y = track.top() + (track.height() - thumb_h) * (scroll / max_scroll);
        let thumb = Rect::from_min_size(pos2(track.left(), thumb_y), vec2(4.0, thumb_h));
        ui.painter()
            .rect_filled(frame.rect(thumb), 2.0, colours.text_secondary);
    }

    // "Show on map": the screen's one amber action.
    if let Some(preset) = &section.map_preset {
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
        if pill_button(
            ui,
            frame,
            colours,
            rect,
            Id::unique(("show-on-map", index)),
            label,
            Some(Icon::Map),
            ButtonKind::Primary,
        )
        .clicked()
        {
            intent = Some(Intent::ShowOnMap(Some(preset.clone())));
        }
    }

    // Picture with caption and credit.
    if let Some(picture_rect) = layout.picture {
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
            CornerRadius::same(radius(frame, 16.0)),
        );
        if let Some(picture) = picture {
            let mut cy = picture_rect.bottom() + 16.0;
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
                pos2(picture_rect.left(), cy + 4.0),
                view.t(&picture.credit),
                CREDIT,
                colours.text_tertiary,
                picture_rect.width(),
                1,
            );
        }
    }

    // Key-figure cards.
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
        let pad = 24.0;
        figure_ui(
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
            pos2(rect.left() + pad, rect.top() + 20.0 + FIGURE_M.line + 8.0),
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
            Id::unique(("figure", index, rect.left() as i32)),
            &spoken,
            Role::Label,
        );
    }

    // Timeline: a rail with evenly spaced nodes, the date above, the text below.
    if let Some(band) = layout.timeline {
        let n = section.timeline.len().max(1);
        #[expect(clippy::cast_precision_loss, reason = "a few events")]
        let step = band.width() / n as f32;
        let rail_y = band.top() + 48.0;
        let caption_rows = if band.height() >= TIMELINE_TALL { 4 } else { 2 };
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
                    Rect::from_min_size(pos2(x, band.top()), vec2(step - 24.0, band.height()));
                spoken_text_mark(ui, view, entry_rect);
            }
            text_at(
                ui,
                frame,
                pos2(x, band.top()),
                view.t(&entry.date),
                LABEL,
                colours.text,
                step - 24.0,
                1,
            );
            ui.painter().circle(
                frame.pos(pos2(x + 8.0, rail_y)),
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
    PageDrawn {
        intent,
        max_scroll,
        spoken_top,
    }
}
