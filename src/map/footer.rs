//! The bottom of the map: the scrim under the credits, the scale bar and the credit line.

use crate::tokens::space;
use egui::{Color32, Id, Mesh, Rect, Role, Shape, Stroke, Ui, pos2};

use super::layout::MapLayout;
use super::state::MapState;
use super::style::MapPalette;
use crate::content::map_names::in_language;
use crate::ui::layout::Frame;
use crate::ui::theme::CREDIT;
use crate::ui::view::{View, text_node};
use crate::ui::widgets::{galley, link_ui, link_width};

/// A fade to the scrim colour under the credits, so they read over any map.
pub(super) fn paint_scrim(ui: &Ui, frame: &Frame, layout: &MapLayout, palette: &MapPalette) {
    let top = layout.credits_y - 60.0;
    let rect = frame.rect(Rect::from_min_max(
        pos2(0.0, top),
        pos2(frame.size.x, frame.size.y),
    ));
    let ink = palette.scrim;
    let mut mesh = Mesh::default();
    mesh.colored_vertex(rect.left_top(), Color32::TRANSPARENT);
    mesh.colored_vertex(rect.right_top(), Color32::TRANSPARENT);
    mesh.colored_vertex(rect.left_bottom(), ink.gamma_multiply(0.92));
    mesh.colored_vertex(rect.right_bottom(), ink.gamma_multiply(0.92));
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(1, 3, 2);
    ui.painter().add(Shape::mesh(mesh));
}

/// The scale bar (the longest round length under 160 design points), the credit line and
/// the link to the credits page after it; returns whether the link was tapped.
pub(super) fn scale_and_credits(
    ui: &mut Ui,
    view: &View<'_>,
    state: &MapState,
    layout: &MapLayout,
) -> bool {
    let frame = view.frame;
    let colour = view.colours.text_tertiary;
    let y = layout.credits_y;
    // Scale bar: the longest round length under 160 design points.
    let z = state.camera.pose.zoom.get();
    let km = [
        1000.0, 500.0, 250.0, 200.0, 100.0, 50.0, 25.0, 20.0, 10.0, 5.0, 2.0, 1.0,
    ]
    .into_iter()
    .find(|km| km * z <= 160.0)
    .unwrap_or(1.0_f64);
    #[expect(clippy::cast_possible_truncation, reason = "a short bar")]
    let bar_w = (km * z) as f32;
    let x = if layout.sheets {
        layout.free.left()
    } else {
        layout.free.left() + space::XXL
    };
    let stroke = Stroke::new(frame.pt(1.5), colour);
    let painter = ui.painter();
    painter.line_segment(
        [frame.pos(pos2(x, y)), frame.pos(pos2(x + bar_w, y))],
        stroke,
    );
    for end in [x, x + bar_w] {
        painter.line_segment(
            [frame.pos(pos2(end, y - 6.0)), frame.pos(pos2(end, y))],
            stroke,
        );
    }
    let text = format!("{km} km");
    let g = galley(ui, &frame, &text, CREDIT, colour, f32::INFINITY, 1);
    painter.galley(frame.pos(pos2(x, y + space::XXS)), g, colour);

    let credit = in_language(&view.map_names.credit, view.lang_code);
    let link = view.t(&view.content.labels.credits);
    let link_w = link_width(ui, &frame, link);
    let link_left = frame.size.x - frame.margin_x() - link_w;
    let right = link_left - space::XS;
    let max_w = if layout.sheets {
        right - x - bar_w - space::XL
    } else {
        right - layout.free.left() - 240.0
    };
    let g = galley(ui, &frame, credit, CREDIT, colour, max_w, 3);
    let size = g.size() / frame.scale;
    let rect = Rect::from_min_size(pos2(right - size.x, y + space::XXS - (size.y - 24.0)), size);
    ui.painter().galley(frame.pos(rect.min), g, colour);
    text_node(
        ui,
        view,
        rect,
        Id::unique("map-credits"),
        credit,
        Role::Label,
    );
    // An open card stands over the corner: the link waits until it closes.
    state.selection.is_none()
        && link_ui(
            ui,
            &frame,
            view.colours,
            link,
            link_left,
            y + space::XXS + 12.0,
            Id::unique("map-credits-link"),
        )
        .clicked()
}
