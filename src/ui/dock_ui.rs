//! The dock: the band of controls at the bottom of every screen but attract.

use crate::tokens::{radii, size, space};
use egui::{Id, Rect, Ui, pos2, vec2};

use super::a11y_ui::{a11y_button_rect, dock_right_group_left};
use super::view::View;
use super::widgets::{Button, ButtonKind, Icon, language_switch, link_ui, narrow_dock, pill_width};
use crate::state::{Intent, Screen};

/// Draws the dock for `screen`; returns what the visitor asked for.
pub fn dock_ui(ui: &mut Ui, view: &View<'_>, screen: &Screen) -> Option<Intent> {
    let frame = &view.frame;
    let colours = view.colours;
    let labels = &view.content.labels;
    let dock = frame.dock();
    let mut intent = None;
    let mut left = dock.left();
    // The row above the dock may be out of reach: its controls join the dock, which then
    // shows its own buttons as icons when their labels leave no room.
    let joined = view.controls_join_dock() && !matches!(screen, Screen::Home);
    let icons_only = narrow_dock(frame) || (joined && !home_back_width(ui, view, screen).1);
    let mut button = |ui: &mut Ui, label: &str, icon: Icon, id: &str, kind: ButtonKind| {
        if icons_only {
            let rect =
                Rect::from_min_size(pos2(left, dock.top()), vec2(size::BUTTON, size::BUTTON));
            left += size::BUTTON + space::M;
            return Button::round(label, icon)
                .ui(ui, frame, colours, rect, Id::unique(id))
                .clicked();
        }
        let width = pill_width(ui, frame, label, true);
        let rect = Rect::from_min_size(pos2(left, dock.top()), vec2(width, dock.height()));
        left += width + space::M;
        Button::pill(label)
            .icon(icon)
            .kind(kind)
            .ui(ui, frame, colours, rect, Id::unique(id))
            .clicked()
    };
    match screen {
        Screen::Home => {
            if button(
                ui,
                view.t(&labels.explore_map),
                Icon::Map,
                "explore-map",
                ButtonKind::Secondary,
            ) {
                intent = Some(Intent::ShowOnMap(None));
            }
        }
        Screen::Section(_) | Screen::Map { .. } | Screen::Credits => {
            if button(
                ui,
                view.t(&labels.home),
                Icon::Home,
                "home",
                ButtonKind::Secondary,
            ) {
                intent = Some(Intent::Home);
            }
            if button(
                ui,
                view.t(&labels.back),
                Icon::Back,
                "back",
                ButtonKind::Secondary,
            ) {
                intent = Some(Intent::Back);
            }
        }
        Screen::Attract => return None,
    }
    if *screen == Screen::Home
        && link_ui(
            ui,
            frame,
            colours,
            view.t(&labels.credits),
            left + space::XS,
            dock.center().y,
            Id::unique("credits-link"),
        )
        .clicked()
    {
        intent = Some(Intent::ShowCredits);
    }

    if let Screen::Section(index) = *screen
        && let Some(pager) = pager_ui(ui, view, index, left)
    {
        intent = Some(pager);
    }

    let languages = view.language_choices();
    if languages.len() > 1
        && let Some(code) = language_switch(
            ui,
            frame,
            colours,
            a11y_button_rect(view).left() - space::L,
            dock.top(),
            &languages,
            view.lang_code,
        )
    {
        intent = Some(Intent::SetLanguage(code));
    }
    intent
}

/// Where a row of controls `width` design points wide starts when it joins the dock row (see
/// [`View::controls_join_dock`]): centred between Home and Back, shown as icons, and the
/// accessibility button.
pub fn joined_row_start(ui: &Ui, view: &View<'_>, width: f32) -> f32 {
    let left_end = view.frame.dock().left() + home_back_width_for(ui, view, width).0 + space::M;
    let right_end = dock_right_group_left(ui, view) - space::L;
    (f32::midpoint(left_end, right_end) - width / 2.0).max(left_end + space::XS)
}

/// Width of the controls that join the dock row on `screen` (design points): the pager, or
/// the map's Layers, zoom and Reset view as round buttons.
fn joined_row_width(view: &View<'_>, screen: &Screen) -> f32 {
    match screen {
        Screen::Section(_) => pager_width(view),
        Screen::Map { .. } => 4.0 * size::BUTTON + 3.0 * space::M,
        Screen::Home | Screen::Attract | Screen::Credits => 0.0,
    }
}

/// Home and Back beside the row joined to the dock on `screen`: their width, and whether
/// they keep their labels (icons carry a label wherever there is room, visual.md §1).
fn home_back_width(ui: &Ui, view: &View<'_>, screen: &Screen) -> (f32, bool) {
    home_back_width_for(ui, view, joined_row_width(view, screen))
}

fn home_back_width_for(ui: &Ui, view: &View<'_>, row_w: f32) -> (f32, bool) {
    let frame = &view.frame;
    let labels = &view.content.labels;
    let labelled = pill_width(ui, frame, view.t(&labels.home), true)
        + space::M
        + pill_width(ui, frame, view.t(&labels.back), true);
    let room = dock_right_group_left(ui, view) - frame.dock().left();
    if !narrow_dock(frame) && labelled + space::L + row_w + space::L <= room {
        (labelled, true)
    } else {
        (2.0 * size::BUTTON + space::M, false)
    }
}

/// Width of the pager: the arrows, and the dots where the dock has room for them.
fn pager_width(view: &View<'_>) -> f32 {
    let count = view.content.sections.len();
    #[expect(clippy::cast_precision_loss, reason = "a handful of sections")]
    let dots_w = if narrow_dock(&view.frame) {
        -8.0
    } else {
        (count.saturating_sub(1)) as f32 * 20.0 + 40.0
    };
    size::BUTTON + space::L + dots_w + space::L + size::BUTTON
}

/// ‹ dots ›: previous and next section, and where the visitor is.
fn pager_ui(ui: &mut Ui, view: &View<'_>, index: usize, left_end: f32) -> Option<Intent> {
    let frame = &view.frame;
    let colours = view.colours;
    let labels = &view.content.labels;
    let dock = frame.dock();
    let count = view.content.sections.len();
    // On a narrow dock the row has room for the arrows alone.
    let dots = !narrow_dock(frame);
    let total = pager_width(view);
    // Centred in the dock; on narrow screens (portrait) the dock has no room for it, so it
    // sits right-aligned on the row above, beside "Show on map" (see `section_layout`).
    let narrow = frame.portrait || frame.compact();
    let (start, top) = if view.controls_join_dock() {
        (joined_row_start(ui, view, total), dock.top())
    } else if narrow {
        (dock.right() - total, dock.top() - space::XL - size::BUTTON)
    } else {
        (
            (frame.size.x / 2.0 - total / 2.0).max(left_end + space::L),
            dock.top(),
        )
    };
    let mut intent = None;
    let previous = Rect::from_min_size(pos2(start, top), vec2(size::BUTTON, size::BUTTON));
    let has_previous = index > 0;
    if Button::round(view.t(&labels.previous), Icon::ChevronLeft)
        .dimmed(!has_previous)
        .ui(ui, frame, colours, previous, Id::unique("pager-previous"))
        .clicked()
        && has_previous
    {
        intent = Some(Intent::TurnTo(index - 1));
    }
    let mut x = start + size::BUTTON + space::L;
    let cy = top + size::BUTTON / 2.0;
    for i in (0..count).filter(|_| dots) {
        let (w, colour) = if i == index {
            (40.0, colours.accent)
        } else {
            (12.0, colours.line)
        };
        let dot = Rect::from_min_size(pos2(x, cy - 6.0), vec2(w, 12.0));
        ui.painter()
            .rect_filled(frame.rect(dot), frame.pt(radii::pill(12.0)), colour);
        x += w + space::XS;
    }
    let next = Rect::from_min_size(
        pos2(start + total - size::BUTTON, top),
        vec2(size::BUTTON, size::BUTTON),
    );
    let has_next = index + 1 < count;
    if Button::round(view.t(&labels.next), Icon::ChevronRight)
        .dimmed(!has_next)
        .ui(ui, frame, colours, next, Id::unique("pager-next"))
        .clicked()
        && has_next
    {
        intent = Some(Intent::TurnTo(index + 1));
    }
    intent
}
