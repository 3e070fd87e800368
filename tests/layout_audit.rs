//! Every screen at every size, in every language, plain and with larger text and high
//! contrast, checked with its layout data (`vitrina::preview::audit`): no text clipped or
//! elided, no two texts or a text and a control over one another, controls inside the screen
//! and the reach band, map labels by their own points, no type below the smallest size.

use std::fmt::Write as _;

use egui_kittest::Harness;
use vitrina::app::show::Shot;
use vitrina::app::{Screen, VitrinaApp};
use vitrina::content::{LoadedContent, load_content};
use vitrina::map::Selection;
use vitrina::preview::audit::{Defect, Rules, audit, controls};
use vitrina::preview::{A11yLook, plan};

const SIZES: [[f32; 2]; 4] = [
    [1280.0, 720.0],
    [1920.0, 1080.0],
    [3840.0, 2160.0],
    [1080.0, 1920.0],
];

fn shipped() -> LoadedContent {
    load_content(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron"))
        .expect("the shipped content loads")
}

/// What is checked on one screen: its name and the shot that shows it, plus whether a map
/// card is opened on it.
struct Case {
    name: String,
    shot: Shot,
    open_card: bool,
}

fn cases(loaded: &LoadedContent, lang: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = plan(loaded, lang)
        .into_iter()
        .map(|planned| Case {
            name: planned.file,
            shot: planned.shot,
            open_card: false,
        })
        .collect();
    for preset in &loaded.content.map.presets {
        cases.push(Case {
            name: format!("map-{}-card", preset.id),
            shot: Shot::Screen {
                screen: Screen::Map {
                    preset: Some(preset.id.clone()),
                },
                lang: lang.to_owned(),
            },
            open_card: true,
        });
    }
    cases
}

/// The first route the preset shows: the card a visitor most likely opens.
fn first_route(loaded: &LoadedContent, preset: &str) -> Option<usize> {
    let map = &loaded.content.map;
    let preset = map.presets.iter().find(|p| p.id == preset)?;
    map.routes
        .iter()
        .position(|r| preset.layers.is_empty() || preset.layers.contains(&r.layer))
}

/// Every defect of every screen at `size` in `lang` with `look`, one line each.
fn audit_all(size: [f32; 2], lang: &str, look: A11yLook) -> Vec<String> {
    let loaded = shipped();
    let cases = cases(&loaded, lang);
    let routes: Vec<Option<usize>> = cases
        .iter()
        .map(|case| match &case.shot {
            Shot::Screen {
                screen: Screen::Map {
                    preset: Some(preset),
                },
                ..
            } if case.open_card => first_route(&loaded, preset.as_str()),
            _ => None,
        })
        .collect();
    let loaded_for_app = loaded.clone();
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(1.0)
        .with_step_dt(0.1)
        .with_max_steps(200)
        .build_eframe(move |cc| {
            let app = VitrinaApp::new(&cc.egui_ctx, loaded_for_app).with_idle_timeout(Some(86_400));
            if look.large_text || look.high_contrast {
                app.with_accessibility(look.large_text, look.high_contrast)
            } else {
                app
            }
        });
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::Vec2::from(size));
    let mut lines = Vec::new();
    for (case, route) in cases.into_iter().zip(routes) {
        let still = matches!(case.shot, Shot::Screen { .. } | Shot::Staff);
        let staff = matches!(case.shot, Shot::Staff);
        let prompt = matches!(case.shot, Shot::Prompt { .. });
        let map = matches!(
            case.shot,
            Shot::Screen {
                screen: Screen::Map { .. },
                ..
            }
        );
        harness.state_mut().show(case.shot);
        harness.step();
        if let Some(route) = route {
            let now = harness.ctx.input(|i| i.time);
            if let Some(state) = harness.state_mut().map_mut().state_mut() {
                state.select(Some(Selection::Route(route)), now);
            }
        }
        if still {
            let _ = harness.run_ok();
        } else {
            harness.run_steps(4);
        }
        // One more frame, so the widgets and shapes read below are the same frame's.
        harness.step();
        if prompt {
            assert!(
                matches!(
                    harness.state().idle_phase(),
                    Some(vitrina::state::idle::Phase::Warning { .. })
                ),
                "{}: the prompt shows",
                case.name
            );
        }
        let scale = harness.state().design_scale(screen.size());
        let rules = Rules {
            screen,
            scale,
            reach_top: (!staff).then(|| screen.height() / 3.0),
        };
        let output = harness.output().clone();
        let mut controls = controls(&harness.ctx, &output);
        if prompt {
            // Under the prompt a touch anywhere only continues (the app swallows it until
            // it is released), so the screen's own controls are not there to be touched.
            controls.retain(|c| c.label.contains("continue"));
            assert_eq!(controls.len(), 1, "{}: the Continue button", case.name);
        }
        if std::env::var_os("AUDIT_DUMP").is_some() {
            dump(&format!("{} {size:?} {lang}: {controls:?}", case.name));
        }
        let labels = map.then(|| harness.state().map().label_report().clone());
        for defect in audit(&output.shapes, &controls, labels.as_ref(), rules) {
            lines.push(describe(size, lang, look, &case.name, &defect));
        }
    }
    lines
}

#[expect(
    clippy::print_stderr,
    reason = "AUDIT_DUMP=1 lists each screen's controls for whoever mends a layout"
)]
fn dump(line: &str) {
    eprintln!("{line}");
}

fn describe(size: [f32; 2], lang: &str, look: A11yLook, name: &str, defect: &Defect) -> String {
    let mut line = format!("{}x{} {lang}", size[0], size[1]);
    if look.large_text {
        line.push_str(" large");
    }
    if look.high_contrast {
        line.push_str(" contrast");
    }
    let _ = write!(line, " {name}: {defect}");
    line
}

fn check(size: [f32; 2]) {
    let mut all = Vec::new();
    for lang in ["en", "lt"] {
        for look in [
            A11yLook::default(),
            A11yLook {
                on: true,
                large_text: true,
                high_contrast: true,
            },
        ] {
            all.extend(audit_all(size, lang, look));
        }
    }
    assert!(all.is_empty(), "{} defects:\n{}", all.len(), all.join("\n"));
}

#[test]
fn every_screen_at_1280x720_lays_out_cleanly() {
    check(SIZES[0]);
}

#[test]
fn every_screen_at_1920x1080_lays_out_cleanly() {
    check(SIZES[1]);
}

#[test]
fn every_screen_at_3840x2160_lays_out_cleanly() {
    check(SIZES[2]);
}

#[test]
fn every_screen_at_1080x1920_lays_out_cleanly() {
    check(SIZES[3]);
}
