//! Input on the map: drag, pinch and wheel move the camera; taps and screen-reader presses.

use crate::tokens::size;
use egui::{Id, Pos2, Rect, Response, Role, Sense, Ui, Vec2, WidgetInfo};

use super::camera::Motion;
use super::hit_test::FINGER_RADIUS;
use super::scene::{ScenePlace, SceneRoute, along};
use super::state::{MapState, Selection};
use crate::ui::layout::Frame;
use crate::ui::view::View;

/// Design position of a screen position.
fn to_design(frame: &Frame, pos: Pos2) -> Pos2 {
    ((pos - frame.origin) / frame.scale).to_pos2()
}

/// Drag, pinch and wheel; returns a tap's design position.
pub(super) fn gestures(
    ui: &Ui,
    view: &View<'_>,
    state: &mut MapState,
    response: &Response,
    legend: Rect,
    card: Option<Rect>,
    now: f64,
) -> Option<Pos2> {
    let frame = view.frame;
    let camera = &mut state.camera;
    if response.is_pointer_button_down_on()
        && matches!(
            camera.motion,
            Motion::Flying { .. } | Motion::Gliding { .. }
        )
    {
        // Any touch stops a flight or a glide.
        camera.stop();
    }
    let touch = ui
        .input(egui::InputState::multi_touch)
        .filter(|t| t.num_touches >= 2);
    if let Some(touch) = touch {
        state.pinching = true;
        camera.stop();
        camera.zoom_about(
            f64::from(touch.zoom_delta),
            to_design(&frame, touch.center_pos),
        );
        camera.pan_by(touch.translation_delta / frame.scale);
        return None;
    }
    if state.pinching {
        // One finger left: it holds the map from here.
        state.pinching = false;
        camera.stop();
        if let Some(pos) = ui
            .input(|i| i.pointer.latest_pos())
            .filter(|_| response.dragged())
        {
            camera.drag_start(to_design(&frame, pos));
        }
    }
    if response.drag_started() {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        if let Some(origin) = origin {
            camera.drag_start(to_design(&frame, origin));
        }
    }
    if (response.dragged() || response.drag_stopped())
        && let Some(pos) = ui.input(|i| i.pointer.latest_pos())
    {
        camera.drag_to(to_design(&frame, pos));
    }
    if response.drag_stopped() {
        let velocity = ui.input(|i| i.pointer.velocity()) / frame.scale;
        camera.release(velocity, now);
    }
    // Wheel and trackpad zoom, about the pointer, where no panel covers the map.
    if let Some(hover) = ui.input(|i| i.pointer.hover_pos()) {
        let at = to_design(&frame, hover);
        let covered = legend.contains(at)
            || card.is_some_and(|c| c.contains(at))
            || at.y > frame.dock().top() - size::HIT_SLOP;
        if !covered {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta.y));
            let factor =
                f64::from(zoom) * (f64::from(scroll) / f64::from(frame.scale) * 0.0025).exp();
            if (factor - 1.0).abs() > 1e-4 {
                if !matches!(camera.motion, Motion::Dragging { .. }) {
                    camera.stop();
                }
                camera.zoom_about(factor, at);
            }
        }
    }
    if response.clicked() {
        return response
            .interact_pointer_pos()
            .map(|p| to_design(&frame, p));
    }
    None
}

/// Every route and place with a card as a button for screen readers, named and placed where
/// it is drawn. They sense no touches (the map's gestures handle those); a screen reader's
/// press opens the item's card, as a tap on it does.
pub(super) fn item_nodes(
    ui: &Ui,
    view: &View<'_>,
    routes: &[SceneRoute<'_>],
    places: &[ScenePlace<'_>],
) -> Option<Selection> {
    let frame = &view.frame;
    let map = &view.content.map;
    let screen = Rect::from_min_size(Pos2::ZERO, frame.size);
    let routes = routes.iter().filter_map(|r| {
        let (at, _) = along(&r.points, 0.5)?;
        let name = view.t(&map.routes.get(r.line.key)?.name);
        Some((at, name, Selection::Route(r.line.key)))
    });
    let places = places
        .iter()
        .filter(|p| p.point.has_card && !p.point.city)
        .filter_map(|p| {
            let name = view.t(&map.places.get(p.point.key)?.name);
            Some((p.pos, name, Selection::Place(p.point.key)))
        });
    let mut pressed = None;
    for (at, name, selection) in routes.chain(places) {
        let rect = Rect::from_center_size(at, Vec2::splat(2.0 * FINGER_RADIUS)).intersect(screen);
        if !rect.is_positive() {
            continue;
        }
        let id = Id::unique(("map-item", selection));
        let response = ui.interact(frame.rect(rect), id, Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, name));
        ui.ctx().accesskit_node_builder(id, |node| {
            node.add_action(egui::accesskit::Action::Click);
        });
        if ui.input(|i| i.has_accesskit_action_request(id, egui::accesskit::Action::Click)) {
            pressed = Some(selection);
        }
    }
    pressed
}
