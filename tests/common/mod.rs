//! Shared helpers for the UI tests: the shipped content and a whole-app harness.

#![allow(dead_code, reason = "each test file uses a part of the helpers")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use vitrina::app::VitrinaApp;
use vitrina::content::{LoadedContent, load_content};

#[path = "../support/files.rs"]
pub mod files;

/// The shipped content.ron.
pub fn shipped_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron")
}

/// The shipped content, loaded and validated.
pub fn shipped() -> LoadedContent {
    load_content(&shipped_path()).expect("the shipped content loads")
}

/// The whole app on the shipped content, at `size` screen points, woken from the attract
/// loop it starts in, so it is on Home.
pub fn app(size: [f32; 2]) -> Harness<'static, VitrinaApp> {
    let mut harness = app_in_attract(size, None);
    let centre = egui::pos2(size[0] / 2.0, size[1] / 2.0);
    tap(&mut harness, centre);
    harness
}

/// The whole app as it starts: in the attract loop. `idle_secs` overrides the idle timeout.
pub fn app_in_attract(size: [f32; 2], idle_secs: Option<u32>) -> Harness<'static, VitrinaApp> {
    let loaded = shipped();
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(64)
        .build_eframe(move |cc| VitrinaApp::new(&cc.egui_ctx, loaded).with_idle_timeout(idle_secs));
    settle(&mut harness);
    harness
}

/// A tap (press and release without moving) at `pos`.
pub fn tap(harness: &mut Harness<'static, VitrinaApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.step();
    harness.drag_at(pos);
    harness.step();
    harness.drop_at(pos);
    harness.step();
    settle(harness);
}

/// Runs frames until nothing moves and every picture is decoded (at most 10 s real time).
pub fn settle(harness: &mut Harness<'static, VitrinaApp>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        harness.run_ok();
        if !harness.state().pictures_pending() || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run_ok();
}

/// Drags with the primary pointer from `from` to `to` in `steps` moves, one frame each.
pub fn drag(
    harness: &mut Harness<'static, VitrinaApp>,
    from: egui::Pos2,
    to: egui::Pos2,
    steps: usize,
) {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for i in 1..=steps {
        #[expect(clippy::cast_precision_loss, reason = "a few steps")]
        let t = i as f32 / steps as f32;
        harness.hover_at(from + (to - from) * t);
        harness.step();
    }
    harness.drop_at(to);
    harness.step();
    settle(harness);
}

/// A tap at `pos` that drifts by `drift` before the finger lifts.
pub fn tap_with_drift(
    harness: &mut Harness<'static, VitrinaApp>,
    pos: egui::Pos2,
    drift: egui::Vec2,
) {
    harness.hover_at(pos);
    harness.step();
    harness.drag_at(pos);
    harness.step();
    harness.hover_at(pos + drift * 0.5);
    harness.step();
    harness.hover_at(pos + drift);
    harness.step();
    harness.drop_at(pos + drift);
    harness.step();
    settle(harness);
}

/// Every button's rectangle (screen points) with its label.
pub fn buttons(harness: &Harness<'static, VitrinaApp>) -> Vec<(String, egui::Rect)> {
    harness
        .get_all_by_role(Role::Button)
        .map(|node| {
            (
                node.accesskit_node().label().unwrap_or_default(),
                node.rect(),
            )
        })
        .collect()
}

/// Every labelled node's rectangle (buttons and text) with its label.
pub fn labelled(harness: &Harness<'static, VitrinaApp>) -> Vec<(String, egui::Rect)> {
    harness
        .root()
        .children_recursive()
        .filter_map(|node| {
            let label = node.accesskit_node().label()?;
            Some((label, node.rect()))
        })
        .collect()
}

/// Every text painted in the last frame, a line each (for texts that are drawn, not widgets).
pub fn painted_text(harness: &Harness<'static, VitrinaApp>) -> String {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            // A number and its unit are bound by a no-break space when laid out; the words
            // are compared as written.
            egui::Shape::Text(text) => Some(text.galley.text().replace('\u{a0}', " ")),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs up to `steps` frames, stopping once the kiosk is back in the attract loop.
pub fn step_until_attract(harness: &mut Harness<'static, VitrinaApp>, steps: usize) {
    for _ in 0..steps {
        harness.step();
        if harness.state().state().screen == vitrina::app::Screen::Attract {
            break;
        }
    }
}
