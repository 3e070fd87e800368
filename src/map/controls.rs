//! The map controls: zoom out, zoom in, Reset view (and Layers on sheets).

use egui::{Id, Rect, Ui, Vec2, pos2, vec2};

use crate::tokens::{size, space};

use super::camera::zoomed_about;
use super::layout::MapLayout;
use super::state::MapState;
use super::style::MapStyle;
use crate::ui::layout::DOCK_HEIGHT;
use crate::ui::view::View;
use crate::ui::widgets::{Button, ButtonKind, Icon, pill_width};

/// How wide the controls are in one row on a sheet screen (design points): Layers, zoom −,
/// zoom +, Reset view; the layout splits them in two rows when the screen is narrower.
pub(super) fn sheet_controls_width(ui: &Ui, view: &View<'_>) -> f32 {
    let labels = &view.content.labels;
    pill_width(ui, &view.frame, view.t(&labels.map_layers), true)
        + space::M
        + 2.0 * (size::BUTTON + space::M)
        + pill_width(ui, &view.frame, view.t(&labels.reset_view), true)
}

/// Zoom −, zoom +, Reset view (and Layers on portrait): centred in the dock, or on a row above
/// it where the dock has no room (two rows, Layers above, where one is too wide).
pub(super) fn controls_ui(
    ui: &mut Ui,
    view: &View<'_>,
    state: &mut MapState,
    layout: &MapLayout,
    now: f64,
) {
    let frame = view.frame;
    let labels = &view.content.labels;
    let reset_label = view.t(&labels.reset_view);
    let layers_label = view.t(&labels.map_layers);
    // Joined to the dock row the labelled pills become round icons (names stay for screen
    // readers).
    let pill_w = |label: &str| {
        if layout.icons {
            size::BUTTON
        } else {
            pill_width(ui, &frame, label, true)
        }
    };
    let reset_w = pill_w(reset_label);
    let layers_w = if layout.sheets {
        pill_w(layers_label) + space::M
    } else {
        0.0
    };
    let zooms_w = size::BUTTON + space::M + size::BUTTON + space::M + reset_w;
    let total = layers_w + zooms_w;
    let mut top = layout.controls_top;
    let mut x = if layout.joined {
        crate::ui::dock_ui::joined_row_start(ui, view, total)
    } else if layout.two_rows {
        frame.size.x / 2.0 - (layers_w - space::M) / 2.0
    } else {
        frame.size.x / 2.0 - total / 2.0
    };
    if layout.sheets {
        let rect = Rect::from_min_size(pos2(x, top), vec2(layers_w - space::M, DOCK_HEIGHT));
        if Button::pill(layers_label)
            .icon(Icon::Layers)
            .kind(if state.legend_open {
                ButtonKind::Selected
            } else {
                ButtonKind::Secondary
            })
            .ui(
                ui,
                &view.frame,
                view.colours,
                rect,
                Id::unique("map-layers"),
            )
            .clicked()
        {
            state.legend_open = !state.legend_open;
            if state.legend_open {
                state.selection = None;
            }
        }
        x += layers_w;
        if layout.two_rows {
            top += DOCK_HEIGHT + space::M;
            x = frame.size.x / 2.0 - zooms_w / 2.0;
        }
    }
    let zoom = MapStyle::for_colours(view.colours).zoom;
    let secs = MapStyle::for_colours(view.colours).motion.zoom_button_secs;
    let about = layout.free.center();
    let zoom_to = |state: &mut MapState, factor: f64| {
        let camera = &state.camera;
        let to = zoomed_about(
            camera.pose,
            camera.limits,
            (camera.viewport / 2.0).to_pos2(),
            factor,
            about,
        );
        state.camera.fly_to_in(to, now, secs);
    };
    let zoom_buttons = [
        (
            &labels.zoom_out,
            Icon::Minus,
            "map-zoom-out",
            1.0 / zoom.step,
        ),
        (&labels.zoom_in, Icon::Plus, "map-zoom-in", zoom.step),
    ];
    for (label, icon, id, factor) in zoom_buttons {
        let rect = Rect::from_min_size(pos2(x, top), Vec2::splat(size::BUTTON));
        if Button::round(view.t(label), icon)
            .on_panel()
            .icon_size(28.0)
            .ui(ui, &view.frame, view.colours, rect, Id::unique(id))
            .clicked()
        {
            zoom_to(state, factor);
        }
        x += size::BUTTON + space::M;
    }
    if Button::pill(reset_label)
        .icon(Icon::Target)
        .ui(
            ui,
            &view.frame,
            view.colours,
            Rect::from_min_size(pos2(x, top), vec2(reset_w, DOCK_HEIGHT)),
            Id::unique("map-reset"),
        )
        .clicked()
    {
        state.selection = None;
        let home = state.home;
        state.camera.fly_to(home, now);
    }
}
