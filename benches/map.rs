//! A full map frame on the CPU: the egui pass (base map, all layers, labels, legend and an open
//! card) plus tessellation, at 1920×1080 and 3840×2160; and loading the base map.
//!
//! Run with `cargo bench --bench map`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use vitrina::content::{LoadedContent, load_content};
use vitrina::map::basemap::Basemap;
use vitrina::map::projection::Lambert;
use vitrina::map::{MapScreen, Selection};
use vitrina::ui::layout::Frame;
use vitrina::ui::theme::{Colours, font_definitions};
use vitrina::ui::view::View;

fn shipped() -> LoadedContent {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron");
    match load_content(&path) {
        Ok(loaded) => loaded,
        Err(err) => panic!("the shipped content loads: {err}"),
    }
}

/// Runs one frame of the map screen at input time `time`; returns the tessellated primitives' count.
fn frame(
    ctx: &egui::Context,
    map: &mut MapScreen,
    loaded: &LoadedContent,
    colours: &Colours,
    size: [f32; 2],
    time: f64,
) -> usize {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(size[0], size[1]))),
        time: Some(time),
        ..RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        let frame = Frame::new(ui.max_rect(), loaded.content.theme.base_size);
        let view = View::new(frame, colours, loaded, "en");
        let _ = map.ui(ui, &view, None);
    });
    // A bench has no GPU to upload font atlas changes to: drop them on purpose.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn map_frames(c: &mut Criterion) {
    let loaded = shipped();
    let colours = Colours::from_palette(&loaded.content.theme.palette);
    let gipl = loaded
        .content
        .map
        .routes
        .iter()
        .position(|r| r.id == "gipl");
    for (name, size) in [
        ("map_frame_1920x1080", [1920.0, 1080.0]),
        ("map_frame_3840x2160", [3840.0, 2160.0]),
    ] {
        let ctx = egui::Context::default();
        ctx.set_fonts(font_definitions(&loaded.content.theme, &loaded.dir));
        let mut map = MapScreen::new();
        // Warm up: fonts, the base map, the visit; then every layer shown, the GIPL card open,
        // and the drawing animations over.
        frame(&ctx, &mut map, &loaded, &colours, size, 0.0);
        if let Some(state) = map.state_mut() {
            for layer in 0..loaded.content.map.layers.len() {
                state.set_layer_visible(layer, true, 0.0);
            }
            state.select(gipl.map(Selection::Route), 0.0);
        }
        let mut time = 10.0;
        for _ in 0..3 {
            frame(&ctx, &mut map, &loaded, &colours, size, time);
            time += 1.0 / 60.0;
        }
        c.bench_function(name, |b| {
            b.iter(|| {
                time += 1.0 / 60.0;
                black_box(frame(&ctx, &mut map, &loaded, &colours, size, time))
            });
        });
    }
}

fn basemap_load(c: &mut Criterion) {
    let projection = Lambert::baltic();
    c.bench_function("basemap_load_and_triangulate", |b| {
        b.iter(|| black_box(Basemap::shipped(&projection).map(|m| m.vertex_count())));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = map_frames, basemap_load
}
criterion_main!(benches);
