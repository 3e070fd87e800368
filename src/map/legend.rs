//! The legend: a switch row per layer, as a panel or a sheet; its rectangle is pure.

use crate::tokens::{radii, size, space};
use egui::{
    Align2, Color32, Id, Pos2, Rect, Role, Sense, Shape, Stroke, Ui, WidgetInfo, pos2, vec2,
};

use super::chrome::{block_map, close_button, panel};
use super::layout::MapLayout;
use super::model::PlacePoint;
use super::paint::paint_marker;
use super::projection::MapPos;
use super::scene::{LayerLook, Marker, marker_for};
use super::state::MapState;
use super::style::MapStyle;
use crate::content::LineStyle;
use crate::ui::layout::Frame;
use crate::ui::theme::{EYEBROW, H3};
use crate::ui::view::{View, text_node};
use crate::ui::widgets::{FadeFrom, fade, galley, mix, outline_rect, press_amount, radius, upper};

/// Height of a legend row: the standard touch target.
const ROW_H: f32 = size::TOUCH;

/// A layer row's height as it would like it, and the least it may shrink to (its name's
/// lines, and never under 56).
#[derive(Clone, Copy, Debug, PartialEq)]
struct RowHeight {
    ideal: f32,
    least: f32,
}

/// Each layer row's height: the touch target, or taller when its name takes more lines
/// (a long translation wraps rather than being cut).
fn row_heights(ui: &Ui, view: &View<'_>, layout: &MapLayout) -> Vec<RowHeight> {
    let frame = view.frame;
    let style = MapStyle::for_colours(view.colours).type_styles.legend_name;
    let w = layout.legend.width() - 2.0 * space::CARD_PAD;
    view.content
        .map
        .layers
        .iter()
        .map(|layer| {
            let g = galley(
                ui,
                &frame,
                view.t(&layer.name),
                style,
                view.colours.text,
                name_width(w),
                0,
            );
            #[expect(clippy::cast_precision_loss, reason = "a few lines")]
            let lines = g.rows.len().min(MAX_NAME_LINES) as f32;
            RowHeight {
                ideal: ROW_H.max(lines * style.line + space::M),
                least: MIN_ROW_H.max(lines * style.line),
            }
        })
        .collect()
}

/// The widest a layer's name may be in a panel `w` wide inside its padding: beside the
/// swatch and the toggle.
fn name_width(w: f32) -> f32 {
    w - 44.0 - space::M - 64.0 - space::M
}

/// The least a row shrinks to when the panel is short (above the 48 minimum target).
const MIN_ROW_H: f32 = 56.0;

/// A layer's name wraps to at most this many lines.
const MAX_NAME_LINES: usize = 3;

/// The legend's height for rows of `heights`: title, group headings, rows, padding.
pub(super) fn legend_height(view: &View<'_>, heights: &[f32]) -> f32 {
    let layers = &view.content.map.layers;
    let mut h = HEAD_H;
    let mut last_group: Option<&str> = None;
    for (index, layer) in layers.iter().enumerate() {
        let group = view.t(&layer.group);
        if !group.is_empty() && last_group != Some(group) {
            h += GROUP_H;
        }
        last_group = Some(group);
        h += heights.get(index).copied().unwrap_or(ROW_H);
    }
    h + space::M
}

/// The legend panel's rectangle (landscape: standing on its column's foot, so its switches
/// are within reach), or the sheet's (portrait, when open, growing over the map rather
/// than dropping rows), or an empty one when it is folded away.
pub(super) fn legend_rect(ui: &Ui, view: &View<'_>, state: &MapState, layout: &MapLayout) -> Rect {
    let ideal: Vec<f32> = row_heights(ui, view, layout)
        .iter()
        .map(|r| r.ideal)
        .collect();
    let h = legend_height(view, &ideal);
    if layout.sheets {
        if state.legend_open {
            let h = h.min(layout.card.height());
            Rect::from_min_max(
                pos2(layout.legend.left(), layout.legend.bottom() - h),
                layout.legend.max,
            )
        } else {
            Rect::NOTHING
        }
    } else {
        // The title may stand in the top third (it is read); the switches start below it.
        let top = layout.legend.top().max(reach_line(view) - HEAD_H - GROUP_H);
        let h = h.min(layout.legend.bottom() - top);
        Rect::from_min_max(
            pos2(layout.legend.left(), layout.legend.bottom() - h),
            layout.legend.max,
        )
    }
}

/// Height of the panel's title band, above the rows.
const HEAD_H: f32 = 28.0 + 40.0 + space::XS;

/// Height of a group heading: its gap, its eyebrow line and the gap under it.
const GROUP_H: f32 = space::M + 28.0 + space::XXS;

/// The line controls keep below (design points): the screen's reach band where it has one,
/// else the top third, which is for reading (visual.md §1).
fn reach_line(view: &View<'_>) -> f32 {
    view.reach_top.unwrap_or(view.frame.size.y / 3.0)
}

/// The legend's title, close button (sheets) and a switch row per layer under its group.
pub(super) fn legend_ui(
    ui: &mut Ui,
    view: &View<'_>,
    state: &mut MapState,
    layout: &MapLayout,
    rect: Rect,
    looks: &[LayerLook],
    now: f64,
) {
    if !rect.is_positive() {
        return;
    }
    let frame = view.frame;
    let colours = view.colours;
    panel(ui, view, rect);
    let drag = block_map(ui, &frame, rect, "map-legend");
    let x = rect.left() + space::CARD_PAD;
    let w = rect.width() - 2.0 * space::CARD_PAD;
    let title = view.t(&view.content.labels.map_layers);
    // On a sheet the close button takes the title's right end.
    let title_w = if layout.sheets { w - 80.0 } else { w };
    let g = galley(ui, &frame, title, H3, colours.text, title_w, 1);
    ui.painter()
        .galley(frame.pos(pos2(x, rect.top() + 28.0)), g, colours.text);
    text_node(
        ui,
        view,
        Rect::from_min_size(pos2(x, rect.top() + 28.0), vec2(title_w, 40.0)),
        Id::unique("map-legend-title"),
        title,
        Role::Heading,
    );
    if layout.sheets {
        close_button(
            ui,
            view,
            pos2(rect.right() - 20.0 - size::TOUCH, rect.top() + space::M),
            "map-legend-close",
        )
        .clicked()
        .then(|| state.legend_open = false);
    }
    // Rows shrink (not below 56) when the panel has less room than it needs; past that
    // the rows scroll under a drag, so no layer is ever left out.
    let sizes = row_heights(ui, view, layout);
    let ideal: Vec<f32> = sizes.iter().map(|r| r.ideal).collect();
    #[expect(clippy::cast_precision_loss, reason = "a handful of layers")]
    let shrink = (legend_height(view, &ideal) - rect.height()).max(0.0) / sizes.len().max(1) as f32;
    let heights: Vec<f32> = sizes
        .iter()
        .map(|r| (r.ideal - shrink).max(r.least))
        .collect();
    let viewport = Rect::from_min_max(
        pos2(rect.left(), rect.top() + HEAD_H),
        pos2(rect.right(), rect.bottom() - space::M),
    );
    let max_scroll =
        (legend_height(view, &heights) - HEAD_H - space::M - viewport.height()).max(0.0);
    if let Some(drag) = drag {
        state.legend_scroll -= drag.drag_delta().y / frame.scale;
    }
    state.legend_scroll = state.legend_scroll.clamp(0.0, max_scroll);
    let mut rows_ui = ui.new_child(egui::UiBuilder::new());
    rows_ui.set_clip_rect(frame.rect(viewport));
    let ui = &mut rows_ui;
    let mut y = viewport.top() - state.legend_scroll;
    let mut last_group: Option<&str> = None;
    for (index, layer) in view.content.map.layers.iter().enumerate() {
        let group = view.t(&layer.group);
        if !group.is_empty() && last_group != Some(group) {
            y += space::M;
            let g = galley(
                ui,
                &frame,
                &upper(group),
                EYEBROW,
                colours.text_secondary,
                w,
                1,
            );
            ui.painter()
                .galley(frame.pos(pos2(x, y)), g, colours.text_secondary);
            y += 28.0 + space::XXS;
        }
        last_group = Some(group);
        let row_h = heights.get(index).copied().unwrap_or(ROW_H);
        let row = Rect::from_min_size(
            pos2(rect.left() + space::M, y),
            vec2(rect.width() - 2.0 * space::M, row_h),
        );
        y += row_h;
        // A row scrolled half out of view is not a target until it comes back.
        if !viewport.contains(row.center()) {
            if row.intersects(viewport) {
                row_look(ui, view, row, index, state.layer_visible(index), looks);
            }
            continue;
        }
        let on = state.layer_visible(index);
        let name = view.t(&layer.name);
        let response = ui.interact(
            frame.rect(row),
            Id::unique(("map-layer", index)),
            Sense::click(),
        );
        response.widget_info(|| WidgetInfo::selected(Role::Switch, true, on, name));
        let press = press_amount(ui, &response);
        if press > 0.0 {
            ui.painter().rect_filled(
                frame.rect(row),
                radius(&frame, radii::TILE),
                colours.pressed.gamma_multiply(press),
            );
        }
        row_look(ui, view, row, index, on, looks);
        if response.clicked() {
            state.set_layer(index, !on, now);
        }
    }
    if max_scroll > 0.0 {
        if state.legend_scroll < max_scroll - 1.0
            && MapStyle::for_colours(colours).palette.translucent
        {
            // More rows below: they sink into the panel (high contrast has the track alone).
            let foot = Rect::from_min_max(
                pos2(viewport.left(), viewport.bottom() - 48.0),
                viewport.max,
            );
            fade(ui, frame.rect(foot), colours.raised, FadeFrom::Bottom);
        }
        super::chrome::scroll_track(ui, view, viewport, state.legend_scroll, max_scroll);
    }
}

/// A layer row's swatch, name and toggle (the row itself is the touch target).
fn row_look(ui: &Ui, view: &View<'_>, row: Rect, index: usize, on: bool, looks: &[LayerLook]) {
    let (Some(look), Some(layer)) = (
        looks.get(index).copied(),
        view.content.map.layers.get(index),
    ) else {
        return;
    };
    let frame = view.frame;
    let colours = view.colours;
    let style = MapStyle::for_colours(colours);
    let x = row.left() - space::M + space::CARD_PAD;
    let w = row.width() + 2.0 * space::M - 2.0 * space::CARD_PAD;
    swatch(
        ui,
        &frame,
        pos2(x + 22.0, row.center().y),
        look,
        colours.text,
        style.palette.sea,
    );
    let text_colour = if on {
        colours.text
    } else {
        colours.text_secondary
    };
    let g = galley(
        ui,
        &frame,
        view.t(&layer.name),
        style.type_styles.legend_name,
        text_colour,
        name_width(w),
        MAX_NAME_LINES,
    );
    let pos = Align2::LEFT_CENTER.anchor_size(
        frame.pos(pos2(x + 44.0 + space::M, row.center().y)),
        g.size(),
    );
    ui.painter().galley(pos.min, g, text_colour);
    toggle(
        ui,
        view,
        Rect::from_min_size(pos2(x + w - 64.0, row.center().y - 18.0), vec2(64.0, 36.0)),
        on,
        Id::unique(("map-layer", index)),
    );
}

/// A 44-wide sample of a layer: its line, or its marker when it has no routes.
fn swatch(ui: &Ui, frame: &Frame, centre: Pos2, look: LayerLook, text: Color32, sea: Color32) {
    let painter = ui.painter();
    let a = frame.pos(centre - vec2(18.0, 0.0));
    let b = frame.pos(centre + vec2(18.0, 0.0));
    let pt = |v: f32| frame.pt(v);
    if !look.has_routes {
        let point = PlacePoint {
            key: 0,
            layer: Some(0),
            pos: MapPos::default(),
            city: false,
            capital: false,
            route_end: false,
            on_route: false,
            has_card: false,
        };
        let marker = match marker_for(&point, Some(look)) {
            Marker::Ring { dot, .. } => Marker::Ring {
                r: 8.0,
                w: 3.0,
                dot,
            },
            Marker::Square { .. } => Marker::Square { size: 14.0, w: 3.0 },
            Marker::City => Marker::City,
        };
        paint_marker(painter, frame, centre, marker, look.colour, text, sea);
        return;
    }
    match look.line {
        LineStyle::Solid => {
            painter.line_segment([a, b], Stroke::new(pt(5.0), look.colour));
        }
        LineStyle::Dashed => {
            painter.extend(Shape::dashed_line(
                &[a, b],
                Stroke::new(pt(4.0), look.colour),
                pt(11.0),
                pt(6.0),
            ));
        }
        LineStyle::Dotted => {
            painter.extend(Shape::dotted_line(&[a, b], look.colour, pt(7.0), pt(1.5)));
        }
        LineStyle::Chain => {
            painter.extend(Shape::dotted_line(&[a, b], look.colour, pt(8.0), pt(3.0)));
        }
    }
}

/// A 64×36 switch: amber with an ink knob when on, pressed colour with a grey knob when off.
fn toggle(ui: &Ui, view: &View<'_>, rect: Rect, on: bool, id: Id) {
    let frame = &view.frame;
    let style = MapStyle::for_colours(view.colours);
    let t = ui
        .ctx()
        .animate_bool_with_time(id.with("knob"), on, style.motion.toggle_secs);
    let fill = mix(view.colours.pressed, view.colours.accent, t);
    let knob = mix(style.palette.knob_off, view.colours.ink, t);
    let screen = frame.rect(rect);
    ui.painter()
        .rect_filled(screen, radius(frame, radii::PILL_TOGGLE), fill);
    outline_rect(ui, frame, view.colours, rect, radii::PILL_TOGGLE);
    let x = rect.left() + radii::PILL_TOGGLE + (rect.width() - 2.0 * radii::PILL_TOGGLE) * t;
    ui.painter()
        .circle_filled(frame.pos(pos2(x, rect.center().y)), frame.pt(13.0), knob);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::testing;

    #[test]
    fn the_legend_is_as_tall_as_its_rows_within_its_column() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let state = testing::visit(&view, 0.0);
        let layout = MapLayout::new(&view);
        // Title and gap, then two ungrouped rows and the bottom padding.
        let expected = 28.0 + 40.0 + 8.0 + 2.0 * ROW_H + 16.0;
        let (heights, rect) = testing::with_ui(&content, |ui| {
            (
                row_heights(ui, &view, &layout),
                legend_rect(ui, &view, &state, &layout),
            )
        });
        let ideal: Vec<f32> = heights.iter().map(|r| r.ideal).collect();
        assert_eq!(
            ideal,
            vec![ROW_H, ROW_H],
            "short names: one touch target each"
        );
        assert!(
            heights.iter().all(|r| (r.least - MIN_ROW_H).abs() < 1e-3),
            "a one-line row may shrink to 56: {heights:?}"
        );
        assert!(
            (legend_height(&view, &ideal) - expected).abs() < 1e-3,
            "two rows"
        );
        assert_eq!(
            rect.max, layout.legend.max,
            "on the column's foot, within reach"
        );
        assert!((rect.height() - expected).abs() < 1e-3, "{rect:?}");
        assert!(
            (legend_height(&view, &[ROW_H, 124.0]) - expected - 52.0).abs() < 1e-3,
            "a long name's taller row adds to the panel"
        );
    }

    #[test]
    fn the_legend_sheet_shows_only_when_open() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1080.0, 1920.0);
        let mut state = testing::visit(&view, 0.0);
        let layout = MapLayout::new(&view);
        assert!(
            !testing::with_ui(&content, |ui| legend_rect(ui, &view, &state, &layout)).is_positive(),
            "folded away"
        );
        state.legend_open = true;
        let rect = testing::with_ui(&content, |ui| legend_rect(ui, &view, &state, &layout));
        assert!(rect.is_positive(), "open");
        assert_eq!(rect.max, layout.legend.max, "a sheet sits at the bottom");
    }
}
