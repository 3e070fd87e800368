//! Map labels: what each label says and where it may go, in priority order, painted; the
//! placement itself is pure, in `placer`.

use std::sync::Arc;

use egui::{
    Align2, Color32, CornerRadius, Galley, Id, Painter, Pos2, Rect, Role, Stroke, Ui, vec2,
};

use super::projection::{Lambert, LonLat};
use super::scene::{LayerLook, ScenePlace, SceneRoute, along, marker_for, marker_radius};
use super::state::{MapState, Selection};
use super::style::MapStyle;
use crate::content::map_names::{CountryName, in_language};
use crate::ui::layout::Frame;
use crate::ui::theme::{LABEL, TypeStyle};
use crate::ui::view::{View, text_node};
use crate::ui::widgets::{galley, radius, upper};

mod placer;

pub(super) use placer::LabelPlacer;
use placer::{beside, nudged};

/// A label as placed, in design points: its rectangle, words, the point it names with the
/// other markers of the same place, and its leader if it stands off.
type Node = (Rect, String, Option<(Pos2, Vec<Pos2>)>, Option<[Pos2; 2]>);

/// Places this close (km) are one place: a city and the sites at its very spot.
const SAME_PLACE_KM: f64 = 2.0;

/// Where the map's labels went in a frame, for the layout audit (screen points).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelReport {
    /// Every label placed.
    pub labels: Vec<PlacedLabel>,
    /// Every place marker drawn, as the points a label could be read as naming.
    pub points: Vec<Pos2>,
}

/// One placed label: its text, its rectangle and the point it names (none for countries,
/// seas and routes).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// The words.
    pub text: String,
    /// Where they are drawn.
    pub rect: Rect,
    /// The marker they name.
    pub point: Option<Pos2>,
    /// Markers of the same place (sites fanned out around a city): the label names them too.
    pub same_place: Vec<Pos2>,
    /// A label standing off a crowded point: the thin line joining it to its marker (from the
    /// label's edge to the marker's).
    pub leader: Option<[Pos2; 2]>,
}

/// Paints a galley with a halo of the sea colour (the text drawn 8× offset, then on top).
fn halo_text(
    painter: &Painter,
    frame: &Frame,
    min: Pos2,
    galley: Arc<Galley>,
    colour: Color32,
    sea: Color32,
) {
    let halo = sea.gamma_multiply(0.7);
    let r = frame.pt(1.5);
    let pos = frame.pos(min);
    for (dx, dy) in [
        (1.0, 0.0),
        (-1.0, 0.0),
        (0.0, 1.0),
        (0.0, -1.0),
        (0.7, 0.7),
        (-0.7, 0.7),
        (0.7, -0.7),
        (-0.7, -0.7),
    ] {
        painter.galley_with_override_text_color(pos + vec2(dx, dy) * r, Arc::clone(&galley), halo);
    }
    painter.galley(pos, galley, colour);
}

/// A route's short name: the part before a colon (`"GIPL"`), else the whole name.
fn short_name(name: &str) -> &str {
    name.split_once(':').map_or(name, |(short, _)| short.trim())
}

/// Every label that fits, in priority order: the selected route's pill, capitals, the story's
/// country, sites off the routes, other countries, towns, route names, seas.
pub(super) fn paint_labels(
    ui: &mut Ui,
    view: &View<'_>,
    state: &MapState,
    routes: &[SceneRoute<'_>],
    places: &[ScenePlace<'_>],
    looks: &[LayerLook],
    placer: &mut LabelPlacer,
) -> LabelReport {
    let frame = view.frame;
    let content = view.content;
    let painter = ui.painter().clone();
    let style = MapStyle::for_colours(view.colours);
    let names = view.map_names;
    let sea = style.palette.sea;
    let mut nodes: Vec<Node> = Vec::new();

    // 1. The selected route's pill.
    if let Some(Selection::Route(key)) = state.selection
        && let Some(route) = routes.iter().find(|r| r.line.key == key)
        && let Some(data) = content.map.routes.get(key)
        && let Some(look) = looks.get(route.line.layer)
    {
        let text = format!(
            "{} {}",
            short_name(view.t(&data.name)),
            view.t(&data.length)
        )
        .trim()
        .to_owned();
        let g = galley(ui, &frame, &text, LABEL, view.colours.ink, f32::INFINITY, 1);
        let size = frame.design_len(1.0) * g.size() + vec2(32.0, 14.0);
        let candidates = [0.5_f32, 0.35, 0.65, 0.2, 0.8].into_iter().flat_map(|f| {
            along(&route.points, f).into_iter().flat_map(move |(p, n)| {
                [1.0_f32, -1.0].map(|side| {
                    let n = n * side;
                    let off = 20.0 + (n.x.abs() * size.x + n.y.abs() * size.y) / 2.0;
                    Rect::from_center_size(p + n * off, size)
                })
            })
        });
        if let Some(rect) = placer.place_area(candidates, false) {
            let screen = frame.rect(rect);
            painter.rect_filled(
                screen,
                CornerRadius::same(radius(&frame, size.y / 2.0)),
                look.colour,
            );
            let pos = Align2::CENTER_CENTER.anchor_size(screen.center(), g.size());
            painter.galley(pos.min, g, view.colours.ink);
            nodes.push((rect, text, None, None));
        }
    }

    // Country names: centred on their point, or nudged a little (a name moved far reads as
    // its neighbour's), or left out.
    let projection = Lambert::baltic();
    let lang = view.lang_code;
    let country_label =
        |ui: &Ui, placer: &mut LabelPlacer, name: &CountryName, nodes: &mut Vec<Node>| {
            let text = upper(in_language(&name.names, lang));
            let home = names.is_home(&name.iso);
            let palette = &style.palette;
            let colour = if home {
                palette.home_name
            } else {
                palette.country_name
            };
            let type_style = if home {
                style.type_styles.home_country
            } else {
                style.type_styles.country
            };
            let at = state
                .camera
                .pos_design(projection.forward(LonLat::new(name.lon, name.lat)));
            let g = galley(ui, &frame, &text, type_style, colour, f32::INFINITY, 1);
            let size = g.size() / frame.scale;
            if let Some(rect) = placer.place_area(nudged(at, size, 1), false) {
                halo_text(&painter, &frame, rect.min, g, colour, sea);
                nodes.push((rect, text, None, None));
            }
        };

    // 2. Capitals, 3. the story's country, 4. sites off the routes, 5. other countries,
    // 6. towns (a visitor finds their way by them), 7. route names (they can move along their
    // line), 8. seas.
    let point_label = |ui: &Ui,
                       placer: &mut LabelPlacer,
                       place: &ScenePlace<'_>,
                       style: TypeStyle,
                       colour: Color32,
                       nodes: &mut Vec<Node>| {
        // A marker not drawn yet has no label (it could not be read as naming it).
        let Some(data) = content
            .map
            .places
            .get(place.point.key)
            .filter(|_| place.alpha > 0.0)
        else {
            return;
        };
        let name = view.t(&data.name);
        let g = galley(ui, &frame, name, style, colour, 360.0, 2);
        let size = g.size() / frame.scale;
        let look = place.point.layer.and_then(|l| looks.get(l).copied());
        let r = marker_radius(marker_for(place.point, look));
        // Sites at the very spot of this place (fanned out around it) are the same place.
        let same: Vec<Pos2> = places
            .iter()
            .filter(|o| {
                o.point.key != place.point.key
                    && o.point.pos.distance(place.point.pos) < SAME_PLACE_KM
            })
            .map(|o| o.pos)
            .collect();
        let beside_it = placer.place_at_among(place.pos, &same, beside(place.pos, r, size));
        // A city crowded by the sites fanned out around it stands off on a leader.
        let (rect, leader) = match beside_it {
            Some(rect) => (rect, None),
            None if place.point.city => match placer.place_on_leader(place.pos, r, size) {
                Some((rect, leader)) => (rect, Some(leader)),
                None => return,
            },
            None => return,
        };
        let colour = colour.gamma_multiply(place.alpha);
        if let Some(leader) = leader {
            painter.line_segment(
                leader.map(|p| frame.pos(p)),
                Stroke::new(frame.pt(1.0), colour.gamma_multiply(0.7)),
            );
        }
        halo_text(&painter, &frame, rect.min, g, colour, sea);
        nodes.push((rect, name.to_owned(), Some((place.pos, same)), leader));
    };
    for place in places.iter().filter(|p| p.point.capital) {
        point_label(
            ui,
            placer,
            place,
            style.type_styles.capital,
            view.colours.text,
            &mut nodes,
        );
    }
    for name in names.countries.iter().filter(|n| names.is_home(&n.iso)) {
        country_label(ui, placer, name, &mut nodes);
    }
    if let Some(Selection::Place(key)) = state.selection
        && let Some(place) = places.iter().find(|p| p.point.key == key)
    {
        point_label(
            ui,
            placer,
            place,
            style.type_styles.site,
            view.colours.text,
            &mut nodes,
        );
    }
    for place in places.iter().filter(|p| {
        !p.point.city && !p.point.on_route && state.selection != Some(Selection::Place(p.point.key))
    }) {
        point_label(
            ui,
            placer,
            place,
            style.type_styles.site,
            view.colours.text,
            &mut nodes,
        );
    }
    for name in names.countries.iter().filter(|n| !names.is_home(&n.iso)) {
        country_label(ui, placer, name, &mut nodes);
    }
    for place in places.iter().filter(|p| p.point.city && !p.point.capital) {
        point_label(
            ui,
            placer,
            place,
            style.type_styles.town,
            view.colours.text,
            &mut nodes,
        );
    }
    for route in routes {
        if state.selection == Some(Selection::Route(route.line.key)) || route.progress < 1.0 {
            continue;
        }
        let (Some(data), Some(look)) = (
            content.map.routes.get(route.line.key),
            looks.get(route.line.layer),
        ) else {
            continue;
        };
        let length = view.t(&data.length);
        let name = short_name(view.t(&data.name));
        let text = if length.is_empty() {
            name.to_owned()
        } else {
            format!("{name} · {length}")
        };
        let g = galley(
            ui,
            &frame,
            &text,
            style.type_styles.site,
            look.colour,
            420.0,
            2,
        );
        let size = g.size() / frame.scale;
        // Beside the line, a little and then farther off, never across a route (its own
        // included): a name over its line reads as neither.
        let candidates = [0.5_f32, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]
            .into_iter()
            .flat_map(|f| {
                along(&route.points, f).into_iter().flat_map(move |(p, n)| {
                    [(1.0_f32, 12.0_f32), (-1.0, 12.0), (1.0, 28.0), (-1.0, 28.0)].map(
                        |(side, gap)| {
                            let n = n * side;
                            let off = gap + (n.x.abs() * size.x + n.y.abs() * size.y) / 2.0;
                            Rect::from_center_size(p + n * off, size)
                        },
                    )
                })
            });
        if let Some(rect) = placer.place_area(candidates, true) {
            halo_text(&painter, &frame, rect.min, g, look.colour, sea);
            nodes.push((rect, text, None, None));
        }
    }
    for sea_name in &names.seas {
        let text = upper(in_language(&sea_name.names, lang));
        let at = state
            .camera
            .pos_design(projection.forward(LonLat::new(sea_name.lon, sea_name.lat)));
        let g = galley(
            ui,
            &frame,
            &text,
            style.type_styles.sea,
            style.palette.sea_name,
            f32::INFINITY,
            1,
        );
        let size = g.size() / frame.scale;
        if let Some(rect) = placer.place_area(nudged(at, size, 2), false) {
            painter.galley(frame.pos(rect.min), g, style.palette.sea_name);
            nodes.push((rect, text, None, None));
        }
    }
    let mut report = LabelReport {
        labels: Vec::with_capacity(nodes.len()),
        points: places
            .iter()
            .filter(|p| p.alpha > 0.0)
            .map(|p| frame.pos(p.pos))
            .collect(),
    };
    for (i, (rect, text, point, leader)) in nodes.into_iter().enumerate() {
        text_node(
            ui,
            view,
            rect,
            Id::unique(("map-label", i)),
            &text,
            Role::Label,
        );
        report.labels.push(PlacedLabel {
            text,
            rect: frame.rect(rect),
            same_place: point
                .as_ref()
                .map(|(_, same)| same.iter().map(|&p| frame.pos(p)).collect())
                .unwrap_or_default(),
            point: point.map(|(p, _)| frame.pos(p)),
            leader: leader.map(|l| l.map(|p| frame.pos(p))),
        });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_stop_at_the_colon() {
        assert_eq!(short_name("GIPL: Gas Interconnection"), "GIPL", "colon");
        assert_eq!(short_name("Baltic Way, 1989"), "Baltic Way, 1989", "none");
    }
}
