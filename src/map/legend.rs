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
use crate::ui::widgets::{galley, mix, press_amount, radius, upper};

/// Height of a legend row: the standard touch target.
const ROW_H: f32 = size::TOUCH;

/// The legend's rows: group headings and layers, with their heights.
pub(super) fn legend_height(view: &View<'_>) -> f32 {
    let layers = &view.content.map.layers;
    let mut h = 28.0 + 40.0 + space::XS;
    let mut last_group: Option<&str> = None;
    for layer in layers {
        let group = view.t(&layer.group);
        if !group.is_empty() && last_group != Some(group) {
            h += space::M + 28.0 + space::XXS;
        }
        last_group = Some(group);
        h += ROW_H;
    }
    h + space::M
}

/// The legend panel's rectangle (landscape), or the sheet's (portrait, when open), or an
/// empty one when it is folded away.
pub(super) fn legend_rect(view: &View<'_>, state: &MapState, layout: &MapLayout) -> Rect {
    let h = legend_height(view);
    if layout.sheets {
        if state.legend_open {
            let h = h.min(layout.legend.height());
            Rect::from_min_max(
                pos2(layout.legend.left(), layout.legend.bottom() - h),
                layout.legend.max,
            )
        } else {
            Rect::NOTHING
        }
    } else {
        Rect::from_min_size(
            layout.legend.min,
            vec2(layout.legend.width(), h.min(layout.legend.height())),
        )
    }
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
    block_map(ui, &frame, rect, "map-legend");
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
    // Rows shrink (not below 56) when the panel has less room than it needs.
    let rows = view.content.map.layers.len().max(1);
    #[expect(clippy::cast_precision_loss, reason = "a handful of layers")]
    let row_h = (ROW_H - (legend_height(view) - rect.height()).max(0.0) / rows as f32).max(56.0);
    let mut y = rect.top() + 28.0 + 40.0 + space::XS;
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
        let row = Rect::from_min_size(
            pos2(rect.left() + space::M, y),
            vec2(rect.width() - 2.0 * space::M, row_h),
        );
        y += row_h;
        if row.bottom() > rect.bottom() + 0.5 {
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
        let Some(look) = looks.get(index).copied() else {
            continue;
        };
        swatch(
            ui,
            &frame,
            pos2(x + 22.0, row.center().y),
            look,
            colours.text,
            MapStyle::for_colours(colours).palette.sea,
        );
        let text_colour = if on {
            colours.text
        } else {
            colours.text_secondary
        };
        let name_w = w - 44.0 - space::M - 64.0 - space::M;
        let g = galley(
            ui,
            &frame,
            name,
            MapStyle::for_colours(colours).type_styles.legend_name,
            text_colour,
            name_w,
            2,
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
            response.id,
        );
        if response.clicked() {
            state.set_layer(index, !on, now);
        }
    }
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
        assert!((legend_height(&view) - expected).abs() < 1e-3, "two rows");
        let rect = legend_rect(&view, &state, &layout);
        assert_eq!(rect.min, layout.legend.min, "at the column's top");
        assert!((rect.height() - expected).abs() < 1e-3, "{rect:?}");
    }

    #[test]
    fn the_legend_sheet_shows_only_when_open() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1080.0, 1920.0);
        let mut state = testing::visit(&view, 0.0);
        let layout = MapLayout::new(&view);
        assert!(
            !legend_rect(&view, &state, &layout).is_positive(),
            "folded away"
        );
        state.legend_open = true;
        let rect = legend_rect(&view, &state, &layout);
        assert!(rect.is_positive(), "open");
        assert_eq!(rect.max, layout.legend.max, "a sheet sits at the bottom");
    }
}
