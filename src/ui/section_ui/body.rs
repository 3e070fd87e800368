//! A section's scrolling column: body paragraphs, the key figures that have no card (all
//! of them in a reading column) with their notes, and in a reading column the headline,
//! every picture (one after each paragraph, with caption and credit) and the timeline, then
//! its links' QR codes; clipped, scrolled, with its fade and scroll track.

use crate::tokens::space;
use std::sync::Arc;

use egui::{Galley, Id, Pos2, Rect, Role, Stroke, Ui, pos2, vec2};

use super::links::LinkBlock;
use super::page::note_text;
use super::{ParagraphKind, Section};
use crate::platform::images::Pictures;
use crate::tokens::radii;
use crate::ui::home_ui::{figure_height, figure_ui};
use crate::ui::layout::{Frame, SectionLayout};
use crate::ui::theme::{BODY, CAPTION, CREDIT, EYEBROW, FIGURE_S, LABEL};
use crate::ui::view::picture_ui;
use crate::ui::view::{View, spoken_text_mark, text_node};
use crate::ui::widgets::radius;
use crate::ui::widgets::{ScrollHint, galley, upper};

/// Gap between body paragraphs.
const PARAGRAPH_GAP: f32 = 21.0;

/// Height of the fade at the foot of an overflowing body.
const FADE_HEIGHT: f32 = 126.0;

/// One block of the scrolling column.
enum Block {
    /// A body paragraph.
    Text(Arc<Galley>),
    /// A key figure without a card (by index): its height, its label and its note.
    Figure(usize, f32, Arc<Galley>, Option<Arc<Galley>>),
    /// A timeline entry's date and text, down the column; `last` ends the rail.
    Event {
        date: Arc<Galley>,
        text: Arc<Galley>,
        last: bool,
    },
    /// The links' heading ("Take it with you").
    Heading(Arc<Galley>),
    /// A link's QR code with its label and short address.
    Link(LinkBlock),
    /// A picture of the section (by index) in a reading column: its frame's height, then
    /// its caption and credit under it.
    Picture {
        index: usize,
        height: f32,
        caption: Arc<Galley>,
        credit: Arc<Galley>,
    },
}

/// The tallest a picture stands in a reading column (design points), so that a visitor
/// scrolling larger text meets the next words soon.
const READING_PICTURE_MAX_H: f32 = 480.0;

/// How far a vertical timeline's dates and texts stand in from its rail.
const EVENT_INDENT: f32 = 40.0;

impl Block {
    fn height(&self, frame: &Frame) -> f32 {
        match self {
            Self::Text(text) => frame.design_len(text.size().y),
            Self::Figure(_, figure_h, label, note) => {
                figure_h
                    + space::XXS
                    + frame.design_len(label.size().y)
                    + note
                        .as_ref()
                        .map_or(0.0, |note| space::XS + frame.design_len(note.size().y))
            }
            Self::Event { date, text, .. } => {
                frame.design_len(date.size().y + text.size().y) + space::XXS
            }
            Self::Heading(heading) => frame.design_len(heading.size().y),
            Self::Link(link) => link.height(frame),
            Self::Picture {
                height,
                caption,
                credit,
                ..
            } => {
                height
                    + space::S
                    + frame.design_len(caption.size().y)
                    + space::XXS
                    + frame.design_len(credit.size().y)
            }
        }
    }

    fn draw(
        self,
        ui: &Ui,
        view: &View<'_>,
        pictures: &mut Pictures,
        section: &Section,
        at: Pos2,
        width: f32,
    ) {
        let frame = &view.frame;
        let colours = view.colours;
        match self {
            Self::Text(text) => ui.painter().galley(frame.pos(at), text, colours.text),
            Self::Figure(index, _, label, note) => {
                let figure = &section.figures[index];
                let figure_h = figure_ui(
                    ui,
                    view,
                    at,
                    view.t(&figure.value),
                    view.t(&figure.unit),
                    FIGURE_S,
                    frame.design_len(label.size().x).max(480.0),
                );
                let label_h = frame.design_len(label.size().y);
                ui.painter().galley(
                    frame.pos(at + vec2(0.0, figure_h + space::XXS)),
                    label,
                    colours.text_secondary,
                );
                if let Some(note) = note {
                    ui.painter().galley(
                        frame.pos(at + vec2(0.0, figure_h + space::XXS + label_h + space::XS)),
                        note,
                        colours.text_tertiary,
                    );
                }
            }
            Self::Event { date, text, last } => {
                // A vertical timeline: the amber ring by the date, the rail down to the next.
                let date_h = frame.design_len(date.size().y);
                let height = date_h + frame.design_len(text.size().y) + space::XXS;
                let node = at + vec2(8.0, date_h / 2.0);
                if !last {
                    ui.painter().line_segment(
                        [
                            frame.pos(node),
                            frame.pos(node + vec2(0.0, height + PARAGRAPH_GAP)),
                        ],
                        Stroke::new(frame.pt(2.0), colours.line),
                    );
                }
                ui.painter().circle(
                    frame.pos(node),
                    frame.pt(7.0),
                    colours.ink,
                    Stroke::new(frame.pt(2.5), colours.accent),
                );
                let at = at + vec2(EVENT_INDENT, 0.0);
                ui.painter().galley(frame.pos(at), date, colours.text);
                ui.painter().galley(
                    frame.pos(at + vec2(0.0, date_h + space::XXS)),
                    text,
                    colours.text_secondary,
                );
            }
            Self::Heading(heading) => {
                ui.painter().galley(frame.pos(at), heading, colours.accent);
            }
            Self::Link(link) => link.draw(ui, view, section, at),
            Self::Picture {
                index,
                height,
                caption,
                credit,
            } => {
                let rect = Rect::from_min_size(at, vec2(width, height));
                let corners = egui::CornerRadius::same(radius(frame, radii::TILE));
                let picture = section.pictures.get(index);
                picture_ui(ui, view, pictures, picture, rect, corners);
                crate::ui::video_ui::video_ui(ui, view, picture, rect, corners);
                let caption_at = at + vec2(0.0, height + space::S);
                let caption_h = frame.design_len(caption.size().y);
                ui.painter()
                    .galley(frame.pos(caption_at), caption, colours.text_secondary);
                ui.painter().galley(
                    frame.pos(caption_at + vec2(0.0, caption_h + space::XXS)),
                    credit,
                    colours.text_tertiary,
                );
            }
        }
    }
}

/// What the body drew: how far it can scroll, and where the paragraph read aloud starts.
pub(super) struct BodyDrawn {
    /// How far the body can scroll (design points).
    pub(super) max_scroll: f32,
    /// Where the paragraph being read aloud starts in the scrolling column.
    pub(super) spoken_top: Option<f32>,
}

/// The blocks of the scrolling column, `width` design points wide: the headline when it
/// scrolls, the body, the key figures without a card and, in a reading column, the
/// timeline.
fn body_blocks(
    ui: &Ui,
    view: &View<'_>,
    section: &Section,
    layout: &SectionLayout,
    width: f32,
    title_block: Option<Arc<Galley>>,
) -> Vec<(ParagraphKind, Block)> {
    let frame = &view.frame;
    let colours = view.colours;
    let mut blocks: Vec<(ParagraphKind, Block)> = section
        .body
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = galley(ui, frame, view.t(p), BODY, colours.text, width, 0);
            (ParagraphKind::Body(i), Block::Text(text))
        })
        .collect();
    if layout.reading_column {
        // The pictures have no frame of their own: each follows a paragraph (the rest
        // after the last), so that none is out of sight with larger text.
        for (i, picture) in section.pictures.iter().enumerate().rev() {
            let caption = view.t(&picture.caption);
            let block = Block::Picture {
                index: i,
                height: (width * 9.0 / 16.0).min(READING_PICTURE_MAX_H),
                caption: galley(
                    ui,
                    frame,
                    caption,
                    CAPTION,
                    colours.text_secondary,
                    width,
                    0,
                ),
                credit: galley(
                    ui,
                    frame,
                    view.t(&picture.credit),
                    CREDIT,
                    colours.text_tertiary,
                    width,
                    0,
                ),
            };
            let at = (i + 1).min(blocks.len());
            blocks.insert(at, (ParagraphKind::Caption(i), block));
        }
    }
    if let Some(title) = title_block {
        blocks.insert(0, (ParagraphKind::Headline, Block::Text(title)));
    }
    // The figures without a card follow the text: all in a reading column, else those
    // beyond the cards' rows.
    for (i, figure) in section
        .figures
        .iter()
        .enumerate()
        .skip(layout.figures.len())
    {
        let label = galley(
            ui,
            frame,
            view.t(&figure.label),
            BODY,
            colours.text_secondary,
            width,
            0,
        );
        let figure_h = figure_height(
            ui,
            view,
            view.t(&figure.value),
            view.t(&figure.unit),
            FIGURE_S,
            frame.design_len(label.size().x).max(480.0),
        );
        let note = note_text(view, figure)
            .map(|note| galley(ui, frame, note, CREDIT, colours.text_tertiary, width, 0));
        blocks.push((
            ParagraphKind::Figure(i),
            Block::Figure(i, figure_h, label, note),
        ));
    }
    if layout.timeline_in_body {
        let last = section.timeline.len().saturating_sub(1);
        for (i, entry) in section.timeline.iter().enumerate() {
            let date = galley(
                ui,
                frame,
                view.t(&entry.date),
                LABEL,
                colours.text,
                width - EVENT_INDENT,
                0,
            );
            let text = galley(
                ui,
                frame,
                view.t(&entry.text),
                BODY,
                colours.text_secondary,
                width - EVENT_INDENT,
                0,
            );
            blocks.push((
                ParagraphKind::Timeline(i),
                Block::Event {
                    date,
                    text,
                    last: i == last,
                },
            ));
        }
    }
    if !section.links.is_empty() {
        let heading = upper(view.t(&view.content.labels.take_it_with_you));
        let heading = galley(ui, frame, &heading, EYEBROW, colours.accent, width, 0);
        blocks.push((ParagraphKind::Link(0), Block::Heading(heading)));
    }
    for (i, link) in section.links.iter().enumerate() {
        let block = LinkBlock::new(ui, view, link, i, width);
        blocks.push((ParagraphKind::Link(i), Block::Link(block)));
    }
    blocks
}

/// The body, clipped to its viewport (from `top` to the layout's body bottom) and scrolled
/// by `scroll`; in a reading column the key figures and the timeline follow it.
#[expect(
    clippy::too_many_arguments,
    reason = "one page's parts, passed through"
)]
pub(super) fn body_ui(
    ui: &mut Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    section: &Section,
    index: usize,
    layout: &SectionLayout,
    top: f32,
    title_block: Option<Arc<Galley>>,
    scroll: f32,
) -> BodyDrawn {
    let frame = &view.frame;
    let column = layout.text_column;
    let viewport = Rect::from_min_max(
        pos2(column.left(), top),
        pos2(column.right(), layout.body_bottom),
    );
    let width = column.width() - space::L;
    let blocks = body_blocks(ui, view, section, layout, width, title_block);
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
    clipped.set_clip_rect(frame.rect(viewport.expand2(vec2(space::L, 0.0))));
    let mut offset = 0.0;
    let mut spoken_top = None;
    for ((kind, block), h) in blocks.into_iter().zip(heights) {
        let py = viewport.top() - scroll + offset;
        if view.is_spoken(kind) {
            spoken_top = Some(offset);
        }
        if py + h > viewport.top() - space::XS && py < viewport.bottom() + space::XS {
            let rect = Rect::from_min_size(pos2(viewport.left(), py), vec2(width, h));
            if view.is_spoken(kind) {
                spoken_text_mark(&clipped, view, rect);
            }
            block.draw(&clipped, view, pictures, section, rect.min, width);
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
        ScrollHint {
            viewport,
            track_left: column.right() + space::M,
            fade_height: FADE_HEIGHT,
            scroll,
            max_scroll,
        }
        .ui(ui, frame, view.colours);
    }
    BodyDrawn {
        max_scroll,
        spoken_top,
    }
}
