//! Painting the map itself (base map, edge fade, routes, markers): painting only.

use crate::tokens::radii;
use egui::{Color32, Mesh, Painter, Pos2, Rect, Shape, Stroke, Vec2};

use super::basemap::{Basemap, CLIP_BOX};
use super::camera::Camera;
use super::labels::LabelPlacer;
use super::projection::{Lambert, LonLat};
use super::scene::{LayerLook, Marker, ScenePlace, SceneRoute, marker_for, marker_radius, partial};
use super::state::{MapState, Selection};
use super::style::{MapPalette, MapStyle};
use crate::content::LineStyle;
use crate::content::map_names::MapNames;
use crate::ui::layout::Frame;
use crate::ui::view::View;
use crate::ui::widgets::radius;

/// The countries (the story's lighter, outlined) and the borders between them.
pub(super) fn paint_basemap(
    painter: &Painter,
    frame: &Frame,
    camera: &Camera,
    basemap: &Basemap,
    palette: &MapPalette,
    names: &MapNames,
) {
    let t = camera.transform().then_scale(frame.scale, frame.origin);
    let visible = camera.visible_map_rect();
    let mut mesh = Mesh::default();
    let mut coasts = Vec::new();
    for country in basemap
        .countries
        .iter()
        .filter(|c| c.bounds.intersects(&visible))
    {
        let fill = if names.is_home(&country.iso_a3) {
            palette.home_land
        } else {
            palette.land
        };
        let Ok(base) = u32::try_from(mesh.vertices.len()) else {
            break;
        };
        mesh.reserve_vertices(country.vertices.len());
        for &v in &country.vertices {
            mesh.colored_vertex(t.apply(v), fill);
        }
        mesh.indices
            .extend(country.indices.iter().map(|&i| base + i));
        // A hairline of the land's own colour smooths the mesh's jagged coast.
        for ring in &country.rings {
            coasts.push(Shape::closed_line(
                ring.iter().map(|&p| t.apply(p)).collect(),
                Stroke::new(1.0, fill),
            ));
        }
    }
    painter.add(Shape::mesh(mesh));
    painter.extend(coasts);
    let border = Stroke::new(frame.pt(palette.border_width), palette.border);
    for line in &basemap.borders {
        if line.iter().any(|&p| visible.contains(p)) {
            painter.add(Shape::line(
                line.iter().map(|&p| t.apply(p)).collect(),
                border,
            ));
        }
    }
    if let Some(home) = basemap.country(&names.home) {
        let outline = Stroke::new(frame.pt(2.0), palette.home_outline);
        for ring in &home.rings {
            painter.add(Shape::closed_line(
                ring.iter().map(|&p| t.apply(p)).collect(),
                outline,
            ));
        }
    }
}

/// Fades the land into the sea along the edges of the data's clip box, so the cut never shows
/// as a straight coast.
pub(super) fn paint_region_fade(painter: &Painter, frame: &Frame, camera: &Camera, sea: Color32) {
    let projection = Lambert::baltic();
    let t = camera.transform().then_scale(frame.scale, frame.origin);
    let [west, south, east, north] = CLIP_BOX;
    let (fade_lon, fade_lat) = super::state::EDGE_FADE;
    let mut mesh = Mesh::default();
    let clear = Color32::TRANSPARENT;
    let mut strip = |edge: &dyn Fn(f64) -> LonLat, inner: &dyn Fn(f64) -> LonLat| {
        const STEPS: u32 = 24;
        let Ok(base) = u32::try_from(mesh.vertices.len()) else {
            return;
        };
        for i in 0..=STEPS {
            let s = f64::from(i) / f64::from(STEPS);
            mesh.colored_vertex(t.apply(projection.forward(edge(s))), sea);
            mesh.colored_vertex(t.apply(projection.forward(inner(s))), clear);
        }
        for i in 0..STEPS {
            let k = base + 2 * i;
            mesh.add_triangle(k, k + 1, k + 2);
            mesh.add_triangle(k + 1, k + 3, k + 2);
        }
    };
    let lat = |s: f64| south + (north - south) * s;
    let lon = |s: f64| west + (east - west) * s;
    strip(&|s| LonLat::new(west, lat(s)), &|s| {
        LonLat::new(west + fade_lon, lat(s))
    });
    strip(&|s| LonLat::new(east, lat(s)), &|s| {
        LonLat::new(east - fade_lon, lat(s))
    });
    strip(&|s| LonLat::new(lon(s), south), &|s| {
        LonLat::new(lon(s), south + fade_lat)
    });
    strip(&|s| LonLat::new(lon(s), north), &|s| {
        LonLat::new(lon(s), north - fade_lat)
    });
    painter.add(Shape::mesh(mesh));
}

/// The routes, drawn as far as they have come, the selected one glowing and other layers'
/// dimmed while a card is open.
pub(super) fn paint_routes(
    painter: &Painter,
    view: &View<'_>,
    state: &MapState,
    routes: &[SceneRoute<'_>],
    looks: &[LayerLook],
    focus_layer: Option<usize>,
) {
    let frame = &view.frame;
    let pt = |v: f32| frame.pt(v);
    let palette = &MapStyle::for_colours(view.colours).palette;
    let casing = palette.sea.gamma_multiply(0.6);
    // High contrast draws no glows (visual.md §3): the routes' own colours carry them.
    let glows = palette.translucent;
    for route in routes {
        let Some(look) = looks.get(route.line.layer).copied() else {
            continue;
        };
        let selected = state.selection == Some(Selection::Route(route.line.key));
        let dim = focus_layer.is_some_and(|l| l != route.line.layer);
        let colour = if dim {
            look.colour.gamma_multiply(0.5)
        } else {
            look.colour
        };
        // Links no longer used are never animated.
        let fraction = if look.line == LineStyle::Dotted {
            1.0
        } else {
            route.progress
        };
        let points: Vec<Pos2> = partial(&route.points, fraction)
            .into_iter()
            .map(|p| frame.pos(p))
            .collect();
        if points.len() < 2 {
            continue;
        }
        let glow = |width: f32, alpha: f32| {
            if glows {
                Shape::line(
                    points.clone(),
                    Stroke::new(pt(width), look.colour.gamma_multiply(alpha)),
                )
            } else {
                Shape::Noop
            }
        };
        match look.line {
            LineStyle::Solid => {
                if selected {
                    painter.add(glow(22.0, 0.22));
                }
                let w = if selected { 7.0 } else { 5.0 };
                painter.add(Shape::line(
                    points.clone(),
                    Stroke::new(pt(w + 3.0), casing),
                ));
                painter.add(Shape::line(points, Stroke::new(pt(w), colour)));
            }
            LineStyle::Dashed => {
                if selected {
                    painter.add(glow(22.0, 0.22));
                }
                let w = if selected { 5.0 } else { 4.0 };
                painter.add(Shape::line(
                    points.clone(),
                    Stroke::new(pt(w + 3.0), casing),
                ));
                painter.extend(Shape::dashed_line(
                    &points,
                    Stroke::new(pt(w), colour),
                    pt(14.0),
                    pt(8.0),
                ));
            }
            LineStyle::Dotted => {
                if selected {
                    painter.add(glow(16.0, 0.18));
                }
                painter.extend(Shape::dotted_line(&points, casing, pt(10.0), pt(3.0)));
                painter.extend(Shape::dotted_line(&points, colour, pt(10.0), pt(1.5)));
            }
            LineStyle::Chain => {
                painter.add(glow(
                    24.0,
                    if selected {
                        0.26
                    } else if dim {
                        0.07
                    } else {
                        0.14
                    },
                ));
                painter.extend(Shape::dotted_line(&points, casing, pt(11.0), pt(5.0)));
                painter.extend(Shape::dotted_line(&points, colour, pt(11.0), pt(3.5)));
            }
        }
    }
}

/// One marker centred at `centre` (design points) on a halo of the sea.
pub(super) fn paint_marker(
    painter: &Painter,
    frame: &Frame,
    centre: Pos2,
    marker: Marker,
    colour: Color32,
    text: Color32,
    sea: Color32,
) {
    let c = frame.pos(centre);
    let pt = |v: f32| frame.pt(v);
    match marker {
        Marker::Ring { r, w, dot } => {
            painter.circle_filled(c, pt(r + w / 2.0 + 1.5), sea.gamma_multiply(0.6));
            painter.circle(c, pt(r), sea, Stroke::new(pt(w), colour));
            if dot {
                painter.circle_filled(c, pt(4.5), colour);
            }
        }
        Marker::Square { size, w } => {
            let rect = Rect::from_center_size(c, Vec2::splat(pt(size)));
            painter.rect_filled(
                rect.expand(pt(w / 2.0 + 1.5)),
                radius(frame, 6.0),
                sea.gamma_multiply(0.6),
            );
            painter.rect(
                rect,
                radius(frame, radii::MARKER),
                sea,
                Stroke::new(pt(w), colour),
                egui::StrokeKind::Middle,
            );
        }
        Marker::City => {
            painter.circle(c, pt(4.5), text, Stroke::new(pt(2.0), sea));
        }
    }
}

/// The places' markers, cities under sites; each blocks its labels' spot.
pub(super) fn paint_markers(
    painter: &Painter,
    view: &View<'_>,
    state: &MapState,
    places: &[ScenePlace<'_>],
    looks: &[LayerLook],
    focus_layer: Option<usize>,
    placer: &mut LabelPlacer,
) {
    let frame = &view.frame;
    // Cities under sites.
    let mut order: Vec<&ScenePlace<'_>> = places.iter().collect();
    order.sort_by_key(|p| !p.point.city);
    for place in order {
        let look = place.point.layer.and_then(|l| looks.get(l).copied());
        let marker = marker_for(place.point, look);
        let dim = focus_layer.is_some_and(|l| Some(l) != place.point.layer) && !place.point.city;
        let alpha = place.alpha * if dim { 0.5 } else { 1.0 };
        if alpha <= 0.0 {
            continue;
        }
        let colour = look
            .map_or(view.colours.text, |l| l.colour)
            .gamma_multiply(alpha);
        if place.pos != place.at {
            // A fanned-out marker keeps a thin leader to where it really is.
            painter.line_segment(
                [frame.pos(place.at), frame.pos(place.pos)],
                Stroke::new(frame.pt(1.5), colour.gamma_multiply(0.6)),
            );
        }
        if state.selection == Some(Selection::Place(place.point.key)) {
            painter.circle_filled(
                frame.pos(place.pos),
                frame.pt(24.0),
                colour.gamma_multiply(0.22),
            );
        }
        paint_marker(
            painter,
            frame,
            place.pos,
            marker,
            colour,
            view.colours.text.gamma_multiply(alpha),
            MapStyle::for_colours(view.colours).palette.sea,
        );
        placer.marker(place.pos, marker_radius(marker));
    }
}
