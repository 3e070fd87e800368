//! The credits page as a visitor reaches it: "Credits" on Home and on the map opens a page
//! that lists every credit of the shipped content in the visitor's language, scrolls under
//! a drag, and Back leads where they came from.

mod common;

use common::{app, buttons, drag, painted_text, settle, shipped, tap};
use egui::pos2;
use egui_kittest::kittest::Queryable as _;
use vitrina::app::Screen;
use vitrina::content::{MapNames, Text};

/// Taps the button labelled `label`.
fn tap_button(harness: &mut egui_kittest::Harness<'static, vitrina::app::VitrinaApp>, label: &str) {
    let rect = buttons(harness)
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("a {label:?} button: {:?}", buttons(harness)))
        .1;
    tap(harness, rect.center());
}

/// Every credit the page must list in `lang`: the story's lines, each picture's credit, the
/// map's credit line and the fonts.
fn expected(lang: &str) -> Vec<String> {
    let content = shipped().content;
    let map = MapNames::shipped();
    let mut lines: Vec<String> = content
        .story
        .credits
        .iter()
        .map(|t| t.resolve(lang, "en").to_owned())
        .collect();
    for section in &content.sections {
        for picture in &section.pictures {
            lines.push(picture.credit.resolve(lang, "en").to_owned());
        }
    }
    lines.push(map.credit.resolve(lang, "en").to_owned());
    lines.push("Inter (SIL Open Font License 1.1)".to_owned());
    lines.push("Source Serif 4 (SIL Open Font License 1.1)".to_owned());
    lines
}

#[test]
fn credits_on_home_open_a_page_listing_every_credit_in_the_visitor_s_language() {
    for lang in ["en", "lt"] {
        let mut harness = app([1920.0, 1080.0]);
        if lang == "lt" {
            tap_button(&mut harness, "Lietuvių");
        }
        let link = if lang == "lt" {
            "Šaltiniai"
        } else {
            "Credits"
        };
        tap_button(&mut harness, link);
        assert_eq!(
            harness.state().state().screen,
            Screen::Credits,
            "{lang}: the credits page"
        );
        for line in expected(lang) {
            assert!(!line.is_empty(), "{lang}: a credit to look for");
            assert!(
                harness.query_by_label_contains(&line).is_some(),
                "{lang}: {line:?} is listed"
            );
        }
        let back = if lang == "lt" { "Atgal" } else { "Back" };
        tap_button(&mut harness, back);
        assert_eq!(
            harness.state().state().screen,
            Screen::Home,
            "{lang}: Back leads Home"
        );
    }
}

#[test]
fn credits_on_the_map_open_the_page_and_back_returns_to_the_map() {
    let mut harness = app([1920.0, 1080.0]);
    tap_button(&mut harness, "Explore the map");
    tap_button(&mut harness, "Credits");
    assert_eq!(
        harness.state().state().screen,
        Screen::Credits,
        "from the map"
    );
    tap_button(&mut harness, "Back");
    assert_eq!(
        harness.state().state().screen,
        Screen::Map { preset: None },
        "Back returns to the map"
    );
}

/// Where the painted text `text` starts, if it was painted in the last frame.
fn painted_at(
    harness: &egui_kittest::Harness<'static, vitrina::app::VitrinaApp>,
    text: &str,
) -> Option<egui::Pos2> {
    harness
        .output()
        .shapes
        .iter()
        .find_map(|clipped| match &clipped.shape {
            egui::Shape::Text(shape) if shape.galley.text() == text => Some(shape.pos),
            _ => None,
        })
}

#[test]
fn a_long_credits_page_scrolls_under_a_drag_to_its_last_line() {
    // Portrait with larger text, every picture credited by another photographer: the list
    // runs well past the dock.
    let mut loaded = shipped();
    let pictures = loaded
        .content
        .sections
        .iter_mut()
        .flat_map(|s| s.pictures.iter_mut());
    for (n, picture) in pictures.enumerate() {
        picture.credit = Text::same(format!("Photo: Photographer number {n}"));
    }
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1080.0, 1920.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            vitrina::app::VitrinaApp::new(&cc.egui_ctx, loaded).with_idle_timeout(Some(86_400))
        });
    settle(&mut harness);
    // It starts in the attract loop: a tap wakes it to Home.
    tap(&mut harness, pos2(540.0, 960.0));
    for label in ["Accessibility", "Larger text"] {
        harness.get_by_label(label).click();
        harness.step();
        settle(&mut harness);
    }
    tap_button(&mut harness, "Credits");
    assert_eq!(harness.state().state().screen, Screen::Credits, "the page");
    let first = shipped().content.story.credits[0]
        .resolve("en", "en")
        .to_owned();
    let last = "Source Serif 4 (SIL Open Font License 1.1)";
    let before = painted_at(&harness, &first).expect("the first line is painted");
    assert!(
        painted_at(&harness, last).is_none(),
        "the last line is below the fold at first"
    );
    for _ in 0..3 {
        drag(&mut harness, pos2(540.0, 1300.0), pos2(540.0, 500.0), 8);
    }
    settle(&mut harness);
    assert!(
        painted_at(&harness, &first).is_none_or(|after| after.y < before.y - 400.0),
        "the first line went up"
    );
    assert!(
        painted_at(&harness, last).is_some(),
        "a drag brings the last line up: {}",
        painted_text(&harness)
    );
}
