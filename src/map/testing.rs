//! Test helpers for the map's pure parts: a small content, a view of it and a visit.

use egui::{Pos2, Rect, vec2};

use super::state::{MapState, new_state};
use crate::content::{Content, Palette, parse_content};
use crate::ui::layout::Frame;
use crate::ui::theme::Colours;
use crate::ui::view::View;

/// A gas layer with a route and a site, a site layer without routes (its colour is not a
/// colour) and a city.
pub(super) fn content() -> Content {
    parse_content(
        r##"(
            languages: [(code: "en", name: "English", default: true), (code: "lt", name: "Lietuvių")],
            story: (title: "T"),
            sections: [(id: "intro", title: "Intro"), (id: "gas", title: "Gas")],
            map: (
                layers: [
                    (id: "gas", name: {"en": "Gas", "lt": "Dujos"}, colour: "#FF9B42"),
                    (id: "sites", name: "Sites", colour: "amber", line: Dotted),
                ],
                places: [
                    (id: "vilnius", kind: City, lat: 54.6872, lon: 25.2797, name: "Vilnius"),
                    (id: "station", kind: Site, layer: "gas", lat: 55.3, lon: 21.0, name: "Station", text: "A station"),
                    (id: "hill", kind: Site, layer: "sites", lat: 56.0, lon: 23.3, name: "Hill", text: "A hill", section: "gas"),
                ],
                routes: [
                    (
                        id: "gipl",
                        layer: "gas",
                        name: "GIPL: Gas Interconnection",
                        length: "508 km",
                        parts: [(label: "in Lithuania", value: 165.0), (label: "in Poland", value: 343.0), (label: "nowhere", value: 0.0)],
                        waypoints: [At(54.0, 23.0), At(55.5, 25.5)],
                        text: "A pipeline",
                        section: "gas",
                    ),
                ],
            ),
        )"##,
        std::path::Path::new("test.ron"),
    )
    .expect("the test content parses")
}

/// The designed colours.
pub(super) fn colours() -> Colours {
    Colours::from_palette(&Palette::default())
}

/// A view of `content` on a screen of `width` × `height` points, in English.
pub(super) fn view<'a>(
    content: &'a Content,
    colours: &'a Colours,
    width: f32,
    height: f32,
) -> View<'a> {
    View {
        frame: Frame::new(Rect::from_min_size(Pos2::ZERO, vec2(width, height)), 1.0),
        colours,
        content,
        // Tests of the map draw no pictures: an empty set of resolved assets.
        assets: Box::leak(Box::default()),
        numbers: Box::leak(Box::default()),
        map_names: crate::content::MapNames::shipped(),
        lang_code: "en",
        spoken: None,
        reach_top: None,
    }
}

/// A visit to the map of `view` at input time `now`, without a base map.
pub(super) fn visit(view: &View<'_>, now: f64) -> MapState {
    let layout = super::layout::MapLayout::new(view);
    new_state(view, layout.free, None, None, now)
}

/// Runs `f` with a `Ui` whose context has the kiosk's fonts (for parts that measure text).
pub(super) fn with_ui<R>(content: &Content, f: impl FnOnce(&egui::Ui) -> R) -> R {
    let ctx = egui::Context::default();
    ctx.set_fonts(crate::ui::theme::font_definitions(
        &content.theme,
        std::path::Path::new("."),
    ));
    let mut f = Some(f);
    let mut result = None;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        if let Some(f) = f.take() {
            result = Some(f(ui));
        }
    });
    output.textures_delta.clear();
    result.expect("the pass ran once")
}
