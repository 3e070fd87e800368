//! The CPU cost of one whole frame of each screen (the app's egui pass plus tessellation,
//! no GPU): Home, the longest section, the map with every layer on, an attract slide in the
//! middle of its cross-fade; at 1920×1080 and 3840×2160. And loading plus validating the
//! shipped content.
//!
//! Run with `cargo bench --bench frames`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use vitrina::app::show::Shot;
use vitrina::app::{Screen, VitrinaApp};
use vitrina::content::{LoadedContent, load_content};

fn shipped_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron")
}

fn shipped() -> LoadedContent {
    match load_content(&shipped_path()) {
        Ok(loaded) => loaded,
        Err(err) => panic!("the shipped content loads: {err}"),
    }
}

/// One frame of the whole app at input time `time`; returns the number of tessellated
/// primitives.
fn frame(ctx: &egui::Context, app: &mut VitrinaApp, size: [f32; 2], time: f64) -> usize {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(size[0], size[1]))),
        time: Some(time),
        ..RawInput::default()
    };
    app.poll_pictures(ctx);
    let mut output = ctx.run_ui(input, |ui| {
        app.frame_logic(ui.ctx());
        app.draw(ui);
    });
    // No GPU to upload textures to: drop the deltas on purpose.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// The section with the most body text.
fn longest_section(loaded: &LoadedContent) -> usize {
    let length = |index: &usize| {
        loaded.content.sections[*index]
            .body
            .iter()
            .map(|paragraph| paragraph.resolve("en", "en").len())
            .sum::<usize>()
    };
    (0..loaded.content.sections.len())
        .max_by_key(length)
        .unwrap_or(0)
}

fn screen_frames(c: &mut Criterion) {
    let loaded = shipped();
    let longest = longest_section(&loaded);
    let screen = |screen: Screen| Shot::Screen {
        screen,
        lang: "en".to_owned(),
    };
    let shots = [
        ("home", screen(Screen::Home)),
        ("section", screen(Screen::Section(longest))),
        ("map", screen(Screen::Map { preset: None })),
        (
            // Slide 2, 0.6 s into its 1.2 s cross-fade from slide 1.
            "attract_crossfade",
            Shot::Slide {
                index: 1,
                fraction: 0.6 / f64::from(loaded.content.slides[1].secs()),
            },
        ),
    ];
    for (size_name, size) in [
        ("1920x1080", [1920.0, 1080.0]),
        ("3840x2160", [3840.0, 2160.0]),
    ] {
        for (name, shot) in &shots {
            let ctx = egui::Context::default();
            let mut app = VitrinaApp::new(&ctx, shipped()).with_idle_timeout(Some(86_400));
            app.show(shot.clone());
            // Warm up: fonts, pictures decoded, the map's layers on and its animations over.
            let mut time = 0.0;
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                frame(&ctx, &mut app, size, time);
                if !app.pictures_pending() || Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            if let Some(state) = app.map_mut().state_mut() {
                for layer in 0..loaded.content.map.layers.len() {
                    state.set_layer_visible(layer, true, time);
                }
            }
            if !matches!(shot, Shot::Slide { .. }) {
                // Let the map's route drawing and any fade finish.
                time += 10.0;
            }
            for _ in 0..3 {
                frame(&ctx, &mut app, size, time);
            }
            // Time stands still: the same frame each iteration (the cross-fade stays mid-way).
            c.bench_function(&format!("frame_{name}_{size_name}"), |b| {
                b.iter(|| black_box(frame(&ctx, &mut app, size, time)));
            });
        }
    }
}

fn content_load(c: &mut Criterion) {
    let path = shipped_path();
    c.bench_function("content_load_and_validate", |b| {
        b.iter(|| black_box(load_content(&path).map(|l| l.content.sections.len())));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = screen_frames, content_load
}
criterion_main!(benches);
