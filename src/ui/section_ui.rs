//! A section: headline, scrolling body, picture or gallery, key figures, timeline, "Show
//! on map"; swiped sideways to the neighbouring sections, or across a gallery's picture to
//! the next picture.
//!
//! This file owns the gestures (swipe, scroll) and which pages are drawn; `page` draws one,
//! `gallery` its pictures.

mod body;
mod gallery;
mod links;
mod page;

use crate::tokens::space;
use egui::{Id, Rect, Sense, Ui, pos2};

use super::view::View;
use crate::a11y::script::ParagraphKind;
use crate::content::Section;
use crate::platform::images::Pictures;
use crate::state::Intent;
use crate::state::gallery::Gallery;
use crate::state::navigation::{Axis, MomentumScroll, PageSwipe, SwipeOutcome, decide_axis};

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
    /// Which picture of the section's gallery is shown (the first when entered).
    pub gallery: Gallery,
    /// The gallery's picture frame from the last frame (screen points), if it has one.
    gallery_rect: Option<Rect>,
    /// The current drag started on the gallery's picture: sideways it moves the gallery.
    on_gallery: bool,
}

impl SectionView {
    /// Back to the top with nothing moving (a new section, or a reset).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Whether something still moves and needs repaints.
    pub fn is_moving(&self) -> bool {
        self.swipe.is_moving() || self.scroll.velocity != 0.0 || self.gallery.offset() != 0.0
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
    let pictures_count = view.content.sections[index].pictures.len();

    // The whole page above the dock takes drags; buttons on it still take taps.
    let page = Rect::from_min_max(
        pos2(0.0, 0.0),
        pos2(page_width, view.frame.dock().top() - space::XS),
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
        state.on_gallery = state
            .gallery_rect
            .zip(state.origin)
            .is_some_and(|(rect, origin)| rect.contains(origin));
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
                Some(Axis::Horizontal) if state.on_gallery => {
                    state.gallery.drag(total.x, pictures_count);
                }
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
            Some(Axis::Horizontal) if state.on_gallery => {
                let width = state
                    .gallery_rect
                    .map_or(page_width, |r| r.width() / view.frame.scale);
                let dx = state.applied.x;
                state.gallery.release(dx, velocity.x, width, pictures_count);
            }
            Some(Axis::Horizontal) => {
                state
                    .swipe
                    .release(now, velocity.x, page_width, has_previous, has_next);
            }
            Some(Axis::Vertical) => state.scroll.release(velocity.y, now),
            None => {}
        }
        state.axis = None;
        state.on_gallery = false;
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
            page::page_ui(
                ui,
                &view.shifted(offset - page_width),
                pictures,
                neighbour,
                index - 1,
                0.0,
                &Gallery::default(),
            );
        } else if offset < 0.0 && has_next {
            let neighbour = &view.content.sections[index + 1];
            page::page_ui(
                ui,
                &view.shifted(offset + page_width),
                pictures,
                neighbour,
                index + 1,
                0.0,
                &Gallery::default(),
            );
        }
        let section = &view.content.sections[index];
        let drawn = page::page_ui(
            ui,
            &view.shifted(offset),
            pictures,
            section,
            index,
            state.scroll.offset,
            &state.gallery,
        );
        state.max_scroll = drawn.max_scroll;
        state.gallery_rect = drawn.gallery;
        if let Some(dot) = drawn.dot {
            state.gallery.select(dot, pictures_count);
            ui.ctx().request_repaint();
        }
        // A new paragraph read aloud scrolls into view (from the next frame); a picture's
        // caption turns the gallery to its picture.
        if view.spoken != state.followed {
            state.followed = view.spoken;
            if let Some(ParagraphKind::Caption(picture)) = view.spoken {
                state.gallery.select(picture, pictures_count);
                ui.ctx().request_repaint();
            }
            if let Some(top) = drawn.spoken_top {
                state.scroll.offset = (top - space::M).clamp(0.0, drawn.max_scroll);
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
