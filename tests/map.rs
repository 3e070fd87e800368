//! The map screen as a visitor uses it: drag, pinch, wheel, the legend, route cards, reset and
//! "Show on map", driven through `egui_kittest` on the shipped content.

mod common;

use common::{app, drag, settle, shipped, tap_with_drift};
use egui::epaint::Primitive;
use egui::{Color32, Event, Pos2, Rect, TouchDeviceId, TouchId, TouchPhase, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use vitrina::app::{Screen, VitrinaApp};
use vitrina::map::projection::{Lambert, LonLat, MapPos};
use vitrina::map::{MapState, Selection};
use vitrina::ui::layout::Frame;

const SIZE: [f32; 2] = [1920.0, 1080.0];

fn frame() -> Frame {
    Frame::new(Rect::from_min_size(Pos2::ZERO, vec2(SIZE[0], SIZE[1])), 1.0)
}

fn map_state<'h>(harness: &'h Harness<'static, VitrinaApp>) -> &'h MapState {
    harness
        .state()
        .map()
        .state()
        .expect("the map screen has been drawn")
}

/// The app on the map screen opened from Home ("Explore the map").
fn on_the_map() -> Harness<'static, VitrinaApp> {
    let mut harness = app(SIZE);
    harness.get_by_label("Explore the map").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Map { preset: None },
        "on the map"
    );
    harness
}

/// The map position under a screen position.
fn map_under(harness: &Harness<'static, VitrinaApp>, pos: Pos2) -> MapPos {
    let f = frame();
    let design = ((pos - f.origin) / f.scale).to_pos2();
    map_state(harness).camera().pos_map(design)
}

/// Screen position of a map position.
fn screen_of(harness: &Harness<'static, VitrinaApp>, pos: MapPos) -> Pos2 {
    frame().pos(map_state(harness).camera().pos_design(pos))
}

fn zoom(harness: &Harness<'static, VitrinaApp>) -> f64 {
    map_state(harness).camera().pose.zoom.get()
}

fn layer_index(id: &str) -> usize {
    shipped()
        .content
        .map
        .layers
        .iter()
        .position(|l| l.id == id)
        .expect("a shipped layer")
}

fn route_index(id: &str) -> usize {
    shipped()
        .content
        .map
        .routes
        .iter()
        .position(|r| r.id == id)
        .expect("a shipped route")
}

/// A point half way along GIPL's segment between two of its Polish waypoints, away from markers.
fn a_point_on_gipl() -> MapPos {
    let lambert = Lambert::baltic();
    let a = lambert.forward(LonLat::new(22.15427, 53.46588));
    let b = lambert.forward(LonLat::new(22.02836, 53.30385));
    a.lerp(b, 0.5)
}

#[test]
fn dragging_pans_the_map_with_the_finger() {
    let mut harness = on_the_map();
    // Zoomed in, so the region's edge is far away.
    harness.hover_at(pos2(944.0, 490.0));
    harness.step();
    harness.event(Event::Zoom(2.0));
    harness.step();
    let from = pos2(1000.0, 600.0);
    let grabbed = map_under(&harness, from);
    let centre = map_state(&harness).camera().pose.centre;
    drag(&mut harness, from, pos2(1160.0, 680.0), 8);
    let moved = map_state(&harness).camera().pose.centre;
    assert!(
        moved.x < centre.x,
        "dragging right shows the west: {centre:?} -> {moved:?}"
    );
    assert!(
        moved.y > centre.y,
        "dragging down shows the north: {centre:?} -> {moved:?}"
    );
    // The grabbed point followed the finger (and glided a little further on release).
    let now_at = screen_of(&harness, grabbed);
    assert!(
        now_at.x >= 1150.0 && now_at.y >= 670.0,
        "the grabbed point is at {now_at:?}"
    );
    assert_eq!(
        map_state(&harness).selection(),
        None,
        "a drag opens no card"
    );
}

#[test]
fn a_two_finger_pinch_zooms_about_the_fingers() {
    let mut harness = on_the_map();
    let centre = pos2(1000.0, 560.0);
    let under = map_under(&harness, centre);
    let before = zoom(&harness);
    harness.hover_at(centre);
    harness.step();
    let touch = |id: u64, phase: TouchPhase, pos: Pos2| Event::Touch {
        device_id: TouchDeviceId(1),
        id: TouchId(id),
        phase,
        pos,
        force: None,
    };
    harness.event(touch(0, TouchPhase::Start, centre - vec2(60.0, 0.0)));
    harness.event(touch(1, TouchPhase::Start, centre + vec2(60.0, 0.0)));
    harness.step();
    for i in 1..=6_u8 {
        let half = 60.0 + 10.0 * f32::from(i);
        harness.event(touch(0, TouchPhase::Move, centre - vec2(half, 0.0)));
        harness.event(touch(1, TouchPhase::Move, centre + vec2(half, 0.0)));
        harness.step();
    }
    harness.event(touch(0, TouchPhase::End, centre - vec2(120.0, 0.0)));
    harness.event(touch(1, TouchPhase::End, centre + vec2(120.0, 0.0)));
    harness.step();
    settle(&mut harness);
    let ratio = zoom(&harness) / before;
    assert!(
        (ratio - 2.0).abs() < 0.05,
        "fingers twice as far apart: zoom ×{ratio}"
    );
    let now_at = screen_of(&harness, under);
    assert!(
        now_at.distance(centre) < 2.0,
        "the point between the fingers stayed: {now_at:?}"
    );
}

#[test]
fn the_wheel_zooms_about_the_pointer() {
    let mut harness = on_the_map();
    let pointer = pos2(900.0, 500.0);
    let under = map_under(&harness, pointer);
    let before = zoom(&harness);
    harness.hover_at(pointer);
    harness.step();
    harness.event(Event::Zoom(1.5));
    harness.step();
    settle(&mut harness);
    let ratio = zoom(&harness) / before;
    assert!((ratio - 1.5).abs() < 1e-3, "zoomed ×{ratio}");
    assert!(
        screen_of(&harness, under).distance(pointer) < 1.0,
        "the point under the pointer stayed"
    );
    // Over the legend the wheel does nothing.
    harness.hover_at(pos2(300.0, 300.0));
    harness.step();
    harness.event(Event::Zoom(1.5));
    harness.step();
    settle(&mut harness);
    assert!(
        (zoom(&harness) / before - 1.5).abs() < 1e-3,
        "not over the legend"
    );
}

#[test]
fn the_zoom_buttons_zoom_in_and_out() {
    let mut harness = on_the_map();
    let before = zoom(&harness);
    harness.get_by_label("Zoom in").click();
    settle(&mut harness);
    assert!(zoom(&harness) > before * 1.5, "zoomed in");
    harness.get_by_label("Zoom out").click();
    settle(&mut harness);
    assert!((zoom(&harness) / before - 1.0).abs() < 1e-6, "back out");
}

#[test]
fn tapping_the_legend_hides_and_shows_a_layer() {
    let mut harness = on_the_map();
    let gas = layer_index("gas");
    assert!(map_state(&harness).layer_visible(gas), "gas starts visible");
    harness.get_by_label("GIPL · 508 km");
    harness.get_by_label("Gas").click();
    settle(&mut harness);
    assert!(!map_state(&harness).layer_visible(gas), "hidden");
    assert!(
        harness.query_by_label("GIPL · 508 km").is_none(),
        "its route label went with it"
    );
    harness.get_by_label("Gas").click();
    settle(&mut harness);
    assert!(map_state(&harness).layer_visible(gas), "shown again");
    harness.get_by_label("GIPL · 508 km");
}

#[test]
fn tapping_a_route_opens_its_card_and_read_the_story_opens_its_section() {
    let mut harness = on_the_map();
    let content = shipped().content;
    let at = screen_of(&harness, a_point_on_gipl());
    // A finger lands a little off the line and drifts: still the route.
    tap_with_drift(&mut harness, at + vec2(12.0, 10.0), vec2(4.0, 3.0));
    assert_eq!(
        map_state(&harness).selection(),
        Some(Selection::Route(route_index("gipl"))),
        "GIPL's card"
    );
    // The card's title (the route is also a button of that name for screen readers).
    harness.get_by(|node| {
        node.role() == egui::accesskit::Role::Heading
            && node.label().as_deref() == Some("GIPL: Gas Interconnection Poland–Lithuania")
    });
    harness.get_by_label("Read the story").click();
    settle(&mut harness);
    let energy = content.section_index("energy").expect("an energy section");
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(energy),
        "the route's section"
    );
}

#[test]
fn the_card_closes_with_its_button_and_with_a_tap_on_empty_map() {
    let mut harness = on_the_map();
    let at = screen_of(&harness, a_point_on_gipl());
    tap_with_drift(&mut harness, at, vec2(0.0, 0.0));
    assert!(map_state(&harness).selection().is_some(), "opened");
    harness.get_by_label("Close").click();
    settle(&mut harness);
    assert_eq!(
        map_state(&harness).selection(),
        None,
        "closed by its button"
    );
    tap_with_drift(&mut harness, at, vec2(0.0, 0.0));
    assert!(map_state(&harness).selection().is_some(), "opened again");
    // Open sea west of Denmark's islands: nothing there.
    let sea = Lambert::baltic().forward(LonLat::new(18.0, 57.0));
    let sea = screen_of(&harness, sea);
    tap_with_drift(&mut harness, sea, vec2(0.0, 0.0));
    assert_eq!(
        map_state(&harness).selection(),
        None,
        "closed by a tap on the sea"
    );
}

#[test]
fn reset_view_flies_back_to_the_start() {
    let mut harness = on_the_map();
    let home = map_state(&harness).home_pose();
    drag(&mut harness, pos2(1000.0, 600.0), pos2(800.0, 400.0), 6);
    harness.hover_at(pos2(1000.0, 500.0));
    harness.step();
    harness.event(Event::Zoom(2.0));
    harness.step();
    settle(&mut harness);
    assert!(map_state(&harness).camera().pose != home, "moved away");
    harness.get_by_label("Reset view").click();
    settle(&mut harness);
    settle(&mut harness);
    let pose = map_state(&harness).camera().pose;
    assert!(
        pose.centre.distance(home.centre) < 1e-6
            && (pose.zoom.get() - home.zoom.get()).abs() < 1e-9,
        "back home: {pose:?} vs {home:?}"
    );
}

#[test]
fn show_on_map_from_a_section_opens_its_preset() {
    let content = shipped().content;
    let mut harness = app(SIZE);
    let energy = content.section_index("energy").expect("an energy section");
    harness
        .get_by_label(content.sections[energy].title.resolve("en", "en"))
        .click();
    settle(&mut harness);
    harness.get_by_label("Show on map").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Map {
            preset: Some("energy".to_owned())
        },
        "the energy preset"
    );
    let state = map_state(&harness);
    assert_eq!(state.preset(), Some("energy"), "opened on it");
    let preset = content
        .map
        .presets
        .iter()
        .find(|p| p.id == "energy")
        .expect("the energy preset");
    for (index, layer) in content.map.layers.iter().enumerate() {
        assert_eq!(
            state.layer_visible(index),
            preset.layers.contains(&layer.id),
            "layer {}",
            layer.id
        );
    }
    // The preset's box fills the free area between the legend and the card.
    let b = preset.bounds;
    let f = frame();
    for (lon, lat) in [
        (b.west, b.south),
        (b.east, b.north),
        (b.west, b.north),
        (b.east, b.south),
    ] {
        let p = state.pos_screen(&f, LonLat::new(lon, lat));
        assert!(
            Rect::from_min_max(pos2(552.0, 40.0), pos2(1336.0, 940.0))
                .expand(1.0)
                .contains(p),
            "corner ({lon}, {lat}) at {p:?}"
        );
    }
    let centre = state.pos_screen(
        &f,
        Lambert::baltic().inverse(
            Lambert::baltic()
                .bounds_of_box(b.south, b.west, b.north, b.east)
                .center(),
        ),
    );
    assert!(
        centre.distance(pos2(944.0, 490.0)) < 1.0,
        "centred in the free area: {centre:?}"
    );
    // A new visit starts afresh: Back, then "Explore the map" from Home shows every default layer.
    harness.get_by_label("Home").click();
    settle(&mut harness);
    harness.get_by_label("Explore the map").click();
    settle(&mut harness);
    let state = map_state(&harness);
    assert_eq!(state.preset(), None, "no preset");
    assert!(
        state.layer_visible(layer_index("baltic_way_1989")),
        "every default layer"
    );
}

#[test]
fn the_map_speaks_the_visitor_s_language() {
    let mut harness = on_the_map();
    harness.get_by_label("Map layers");
    harness.get_by_label("Map data: Natural Earth · Place coordinates: GeoNames (CC BY 4.0)");
    harness.get_by_label("LITHUANIA");
    harness.get_by_label("Lietuvių").click();
    settle(&mut harness);
    harness.get_by_label("Žemėlapio sluoksniai");
    harness.get_by_label("LIETUVA");
    harness.get_by_label("Dujos");
    assert!(
        harness.query_by_label("Map layers").is_none(),
        "no English legend title left"
    );
}

/// Tessellated vertices of one colour near a screen position.
fn coloured_vertices_near(
    harness: &Harness<'static, VitrinaApp>,
    colour: Color32,
    at: Pos2,
    within: f32,
) -> usize {
    let output = harness.output();
    let primitives = harness
        .ctx
        .tessellate(output.shapes.clone(), output.pixels_per_point);
    primitives
        .iter()
        .filter_map(|p| match &p.primitive {
            Primitive::Mesh(mesh) => Some(mesh),
            Primitive::Callback(_) => None,
        })
        .flat_map(|mesh| mesh.vertices.iter())
        .filter(|v| v.color == colour && v.pos.distance(at) <= within)
        .count()
}

#[test]
fn route_paint_lies_on_the_projected_waypoints_and_goes_with_its_layer() {
    let mut harness = on_the_map();
    let gas = Color32::from_rgb(0xFF, 0x9B, 0x42);
    let waypoint = Lambert::baltic().forward(LonLat::new(22.78487, 53.98749));
    let at = screen_of(&harness, waypoint);
    assert!(
        coloured_vertices_near(&harness, gas, at, 4.0) > 0,
        "gas paint at GIPL's waypoint {at:?}"
    );
    let sea = screen_of(&harness, Lambert::baltic().forward(LonLat::new(18.0, 57.0)));
    assert_eq!(
        coloured_vertices_near(&harness, gas, sea, 20.0),
        0,
        "none at sea"
    );
    harness.get_by_label("Gas").click();
    settle(&mut harness);
    assert_eq!(
        coloured_vertices_near(&harness, gas, at, 4.0),
        0,
        "gone with its layer"
    );
}

#[test]
fn the_map_fits_every_screen_size() {
    for size in [[1280.0, 720.0], [3840.0, 2160.0], [1080.0, 1920.0]] {
        let mut harness = app(size);
        harness.get_by_label("Explore the map").click();
        settle(&mut harness);
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(size[0], size[1]));
        for (label, rect) in common::buttons(&harness) {
            assert!(
                screen.expand(0.5).contains_rect(rect),
                "{size:?}: {label:?} at {rect:?} is off screen"
            );
        }
        harness.get_by_label("Reset view");
        harness.get_by_label("Zoom in");
    }
}

/// The Ukraine preset shows only the base map's data, at every screen size: neither its
/// eastern edge nor its southern one, nor their fades (issue 19: it showed a hairline and a
/// fade over the right quarter of the screen).
#[test]
fn the_ukraine_preset_never_shows_the_base_maps_edge() {
    let [_, south, east, _] = vitrina::map::basemap::CLIP_BOX;
    // The fade is 2.5° of longitude and 1.4° of latitude inside the clip box.
    let inside = |p: LonLat| p.lon <= east - 2.5 + 0.01 && p.lat >= south + 1.4 - 0.01;
    for size in [
        [1280.0, 720.0],
        [1920.0, 1080.0],
        [3840.0, 2160.0],
        [1080.0, 1920.0],
    ] {
        let mut harness = app(size);
        let f = Frame::new(Rect::from_min_size(Pos2::ZERO, vec2(size[0], size[1])), 1.0);
        harness.state_mut().show(vitrina::app::show::Shot::Screen {
            screen: Screen::Map {
                preset: Some("ukraine".to_owned()),
            },
            lang: "en".to_owned(),
        });
        settle(&mut harness);
        let camera = map_state(&harness).camera();
        let (w, h) = (f.size.x, f.size.y);
        for i in 0..=20_u8 {
            let t = f32::from(i) / 20.0;
            for design in [
                pos2(t * w, 0.0),
                pos2(t * w, h),
                pos2(0.0, t * h),
                pos2(w, t * h),
            ] {
                let at = Lambert::baltic().inverse(camera.pos_map(design));
                assert!(
                    inside(at),
                    "{size:?}: the screen's edge at {design:?} shows {at:?}"
                );
            }
        }
    }
}
