//! A section's pictures: the one shown (following a finger dragging it sideways, its
//! neighbour sliding in), its caption and credit, and, for a gallery of several, the row of
//! dots that picks a picture (each a named touch target, "Picture 2 of 3"; a gallery too
//! long for its dots gets previous and next buttons round a count).
//!
//! Which picture is shown is pure state (`state::gallery::Gallery`); the drag itself is
//! sensed with the page's gestures in `section_ui`. Pictures load through the `Pictures`
//! cache, so only the ones on screen are asked for and decoded textures stay within its
//! byte bound, however many pictures a gallery has.

use crate::tokens::{radii, space};

use egui::{CornerRadius, Id, Rect, Role, Ui, UiBuilder, pos2, vec2};

use super::{ParagraphKind, Section};
use crate::platform::images::Pictures;
use crate::state::gallery::Gallery;
use crate::ui::layout::SectionLayout;
use crate::ui::theme::{CAPTION, CREDIT, LABEL};
use crate::ui::view::{View, picture_ui, spoken_card_mark, text_node};
use crate::ui::widgets::{Button, Icon, galley, radius, text_at, touch_target};

/// Space between the dots' hit areas (design points).
const DOT_GAP: f32 = space::XS;

/// The accessible name of dot `n` (from 1) of `count`, from the content's label.
pub(super) fn dot_name(view: &View<'_>, n: usize, count: usize) -> String {
    view.t(&view.content.labels.picture_of)
        .replace("{n}", &n.to_string())
        .replace("{count}", &count.to_string())
}

/// Draws the section's picture shown by `gallery` (the first for one picture) at the
/// layout's picture rectangle, with its dots, caption and credit. Returns the picture a dot
/// was tapped for.
pub(super) fn gallery_ui(
    ui: &mut Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    section: &Section,
    index: usize,
    layout: &SectionLayout,
    gallery: &Gallery,
) -> Option<usize> {
    let picture_rect = layout.picture?;
    let frame = &view.frame;
    let colours = view.colours;
    let count = section.pictures.len();
    let current = gallery.current(count);
    let corners = CornerRadius::same(radius(frame, radii::TILE));
    if (0..count.max(1)).any(|i| view.is_spoken(ParagraphKind::Caption(i))) {
        spoken_card_mark(ui, view, picture_rect);
    }
    let offset = gallery.offset();
    if offset == 0.0 {
        picture_ui(
            ui,
            view,
            pictures,
            section.pictures.get(current),
            picture_rect,
            corners,
        );
        // A clip in the picture's place plays over its poster (posters alone while swiped).
        crate::ui::video_ui::video_ui(
            ui,
            view,
            section.pictures.get(current),
            picture_rect,
            corners,
        );
    } else {
        // The picture follows the finger, its neighbour beside it, both cut at the frame.
        let mut clipped = ui.new_child(UiBuilder::new());
        clipped.set_clip_rect(frame.rect(picture_rect));
        let step = picture_rect.width() + space::L;
        let neighbour = if offset < 0.0 {
            Some((current + 1, step))
        } else {
            current.checked_sub(1).map(|before| (before, -step))
        };
        picture_ui(
            &clipped,
            view,
            pictures,
            section.pictures.get(current),
            picture_rect.translate(vec2(offset, 0.0)),
            corners,
        );
        if let Some((i, shift)) = neighbour.filter(|(i, _)| *i < count) {
            picture_ui(
                &clipped,
                view,
                pictures,
                section.pictures.get(i),
                picture_rect.translate(vec2(offset + shift, 0.0)),
                corners,
            );
        }
        ui.ctx().request_repaint();
    }
    let tapped = layout
        .dots
        .and_then(|row| dots_ui(ui, view, index, row, current, count));
    let Some(picture) = section.pictures.get(current) else {
        return tapped;
    };
    let mut cy = layout
        .dots
        .map_or(picture_rect.bottom(), |row| row.bottom())
        + space::M;
    let caption = view.t(&picture.caption);
    let caption_h = text_at(
        ui,
        frame,
        pos2(picture_rect.left(), cy),
        caption,
        CAPTION,
        colours.text_secondary,
        picture_rect.width(),
        2,
    );
    if !caption.is_empty() {
        text_node(
            ui,
            view,
            Rect::from_min_size(
                pos2(picture_rect.left(), cy),
                vec2(picture_rect.width(), caption_h),
            ),
            Id::unique(("picture-caption", index)),
            caption,
            Role::Label,
        );
    }
    cy += caption_h;
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
    tapped
}

/// The dots in `row`, centred: the shown one a wide amber pill, the others small rounds,
/// each in a square hit area the row's height. A gallery with more pictures than dots fit
/// in the row gets previous and next buttons round a "3 / 40" count instead. Returns the
/// picture picked.
fn dots_ui(
    ui: &mut Ui,
    view: &View<'_>,
    index: usize,
    row: Rect,
    current: usize,
    count: usize,
) -> Option<usize> {
    let frame = &view.frame;
    let colours = view.colours;
    let hit = row.height();
    #[expect(clippy::cast_precision_loss, reason = "a handful of pictures")]
    let total = count as f32 * hit + count.saturating_sub(1) as f32 * DOT_GAP;
    if total > row.width() {
        return stepper_ui(ui, view, index, row, current, count);
    }
    let mut x = row.center().x - total / 2.0;
    let mut tapped = None;
    for i in 0..count {
        let target = Rect::from_min_size(pos2(x, row.top()), vec2(hit, hit));
        let name = dot_name(view, i + 1, count);
        let response = touch_target(
            ui,
            frame,
            target,
            Id::unique(("gallery-dot", index, i)),
            &name,
        );
        if response.clicked() && i != current {
            tapped = Some(i);
        }
        let (w, colour) = if i == current {
            (32.0, colours.accent)
        } else if response.is_pointer_button_down_on() {
            (12.0, colours.text)
        } else {
            (12.0, colours.text_tertiary)
        };
        let dot = Rect::from_center_size(target.center(), vec2(w, 12.0));
        ui.painter()
            .rect_filled(frame.rect(dot), frame.pt(radii::pill(12.0)), colour);
        x += hit + DOT_GAP;
    }
    tapped
}

/// Previous and next round buttons (named for the picture they show) round "3 / 40".
fn stepper_ui(
    ui: &mut Ui,
    view: &View<'_>,
    index: usize,
    row: Rect,
    current: usize,
    count: usize,
) -> Option<usize> {
    let frame = &view.frame;
    let colours = view.colours;
    let hit = row.height();
    let counter = format!("{} / {count}", current + 1);
    let counter_galley = galley(ui, frame, &counter, LABEL, colours.text, f32::INFINITY, 1);
    let counter_w = frame.design_len(counter_galley.size().x);
    let counter_h = frame.design_len(counter_galley.size().y);
    let total = 2.0 * hit + 2.0 * space::M + counter_w;
    let left = row.center().x - total / 2.0;
    let mut picked = None;
    let steps = [
        (current.checked_sub(1), left, Icon::ChevronLeft, "previous"),
        (
            Some(current + 1).filter(|n| *n < count),
            left + total - hit,
            Icon::ChevronRight,
            "next",
        ),
    ];
    for (target, x, glyph, id) in steps {
        // At an end the button stays (dimmed) so the row does not jump; it names the
        // picture shown.
        let shows = target.unwrap_or(current);
        let name = dot_name(view, shows + 1, count);
        let rect = Rect::from_min_size(pos2(x, row.top()), vec2(hit, hit));
        if Button::round(&name, glyph)
            .dimmed(target.is_none())
            .ui(
                ui,
                frame,
                colours,
                rect,
                Id::unique(("gallery-step", index, id)),
            )
            .clicked()
        {
            picked = target;
        }
    }
    ui.painter().galley(
        frame.pos(pos2(
            left + hit + space::M,
            row.center().y - counter_h / 2.0,
        )),
        counter_galley,
        colours.text,
    );
    picked
}
