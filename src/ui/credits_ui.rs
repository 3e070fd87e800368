//! The credits page: the story's credit lines, every picture's credit, the map's data and the
//! fonts, in the visitor's language, in one column that scrolls under a drag.

use std::sync::Arc;

use egui::{Galley, Id, Rect, Role, Sense, Ui, pos2, vec2};

use super::view::{View, text_node};
use super::widgets::{ScrollHint, galley, text_at, upper};
use crate::content::credits::{Credits, credits};
use crate::tokens::{size, space};
use crate::ui::theme::{BODY_S, CAPTION, EYEBROW, H1};

/// The column's widest measure (design points): lines of about 70 characters.
const MEASURE: f32 = 1100.0;

/// Height of the fade at the foot while more lies below (design points).
const FADE_HEIGHT: f32 = 96.0;

/// The credits page's scroll (design points from the top).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CreditsView {
    /// How far the column is scrolled.
    pub scroll: f32,
}

/// One block of the column: a group's heading, or a credit with what it is for.
enum Block {
    Heading(Arc<Galley>),
    Credit {
        subject: Option<Arc<Galley>>,
        credit: Arc<Galley>,
    },
}

impl Block {
    fn height(&self, view: &View<'_>) -> f32 {
        let frame = &view.frame;
        match self {
            Self::Heading(g) => space::L + frame.design_len(g.size().y),
            Self::Credit { subject, credit } => {
                subject
                    .as_ref()
                    .map_or(0.0, |s| frame.design_len(s.size().y))
                    + frame.design_len(credit.size().y)
            }
        }
    }
}

/// Draws the credits page above the dock.
pub fn credits_ui(ui: &mut Ui, view: &View<'_>, state: &mut CreditsView) {
    let frame = &view.frame;
    let colours = view.colours;
    let content = view.content;
    let labels = &content.labels;
    let left = frame.margin_x();
    let width = frame.content_width().min(MEASURE);
    let mut y = size::MARGIN_TOP;
    let eyebrow = upper(view.t(&content.story.title));
    y += text_at(
        ui,
        frame,
        pos2(left, y),
        &eyebrow,
        EYEBROW,
        colours.accent,
        width,
        1,
    ) + space::XS;
    let title = view.t(&labels.credits);
    let title_h = text_at(ui, frame, pos2(left, y), title, H1, colours.text, width, 2);
    text_node(
        ui,
        view,
        Rect::from_min_size(pos2(left, y), vec2(width, title_h)),
        Id::unique("credits-title"),
        title,
        Role::Label,
    );
    y += title_h + space::L;

    let viewport = Rect::from_min_max(
        pos2(left, y),
        pos2(left + width, frame.dock().top() - space::XL),
    );
    let blocks = blocks(ui, view, &credits(content, &view.map_names.credit), width);
    let content_h = blocks
        .iter()
        .map(|b| b.height(view) + space::M)
        .sum::<f32>()
        - space::M;
    let max_scroll = (content_h - viewport.height()).max(0.0);
    let drag = ui.interact(
        frame.rect(viewport),
        Id::unique("credits-drag"),
        Sense::drag(),
    );
    state.scroll = (state.scroll - drag.drag_delta().y / frame.scale).clamp(0.0, max_scroll);

    let mut clipped = ui.new_child(egui::UiBuilder::new());
    clipped.set_clip_rect(frame.rect(viewport));
    let mut at = viewport.top() - state.scroll;
    let mut words = Vec::new();
    for block in blocks {
        let h = block.height(view);
        let visible = at + h > viewport.top() && at < viewport.bottom();
        match block {
            Block::Heading(g) => {
                words.push(g.text().to_owned());
                if visible {
                    clipped.painter().galley(
                        frame.pos(pos2(left, at + space::L)),
                        g,
                        colours.accent,
                    );
                }
            }
            Block::Credit { subject, credit } => {
                let mut line_y = at;
                let mut said = String::new();
                if let Some(subject) = subject {
                    let sh = frame.design_len(subject.size().y);
                    said.push_str(subject.text());
                    said.push_str(": ");
                    if visible {
                        clipped.painter().galley(
                            frame.pos(pos2(left, line_y)),
                            subject,
                            colours.text_secondary,
                        );
                    }
                    line_y += sh;
                }
                said.push_str(credit.text());
                words.push(said);
                if visible {
                    clipped
                        .painter()
                        .galley(frame.pos(pos2(left, line_y)), credit, colours.text);
                }
            }
        }
        at += h + space::M;
    }
    text_node(
        ui,
        view,
        viewport,
        Id::unique("credits-list"),
        &words.join("\n"),
        Role::Label,
    );
    if max_scroll > 0.0 {
        ScrollHint {
            viewport,
            track_left: viewport.right() + space::M,
            fade_height: FADE_HEIGHT,
            scroll: state.scroll,
            max_scroll,
        }
        .ui(ui, frame, colours);
    }
}

/// The column's blocks, `width` design points wide: the story's lines, then pictures, map
/// and fonts, each under its heading.
fn blocks(ui: &Ui, view: &View<'_>, credits: &Credits, width: f32) -> Vec<Block> {
    let frame = &view.frame;
    let colours = view.colours;
    let labels = &view.content.labels;
    let heading = |text: &str| {
        Block::Heading(galley(
            ui,
            frame,
            &upper(text),
            EYEBROW,
            colours.accent,
            width,
            0,
        ))
    };
    let line = |subject: Option<&str>, credit: &str| Block::Credit {
        subject: subject.map(|s| galley(ui, frame, s, CAPTION, colours.text_secondary, width, 0)),
        credit: galley(ui, frame, credit, BODY_S, colours.text, width, 0),
    };
    let mut blocks: Vec<Block> = credits
        .story
        .iter()
        .map(|credit| line(None, view.t(credit)))
        .collect();
    if !credits.pictures.is_empty() {
        blocks.push(heading(view.t(&labels.credits_pictures)));
        blocks.extend(credits.pictures.iter().map(|l| {
            let subjects = l.subjects_in(view.lang_code, view.content.default_lang_code());
            line(subjects.as_deref(), view.t(&l.credit))
        }));
    }
    if let Some(map) = &credits.map {
        blocks.push(heading(view.t(&labels.credits_map)));
        blocks.push(line(None, view.t(map)));
    }
    if !credits.fonts.is_empty() {
        blocks.push(heading(view.t(&labels.credits_fonts)));
        blocks.extend(credits.fonts.iter().map(|font| line(None, font)));
    }
    blocks
}
