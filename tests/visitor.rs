//! The kiosk as a visitor uses it: taps, swipes, scrolling, Back and Home, languages,
//! at the four screen sizes. Drives the whole app through `egui_kittest`.

mod common;

use common::{app, buttons, drag, labelled, settle, shipped, tap_with_drift};
use egui::{Rect, pos2, vec2};
use egui_kittest::kittest::Queryable as _;
use vitrina::app::Screen;
use vitrina::app::navigation::PageSwipe;

const SIZES: [[f32; 2]; 4] = [
    [1280.0, 720.0],
    [1920.0, 1080.0],
    [3840.0, 2160.0],
    [1080.0, 1920.0],
];

fn title(content: &vitrina::content::Content, index: usize, lang: &str) -> String {
    content.sections[index].title.resolve(lang, "en").to_owned()
}

#[test]
fn home_shows_the_story_title_and_a_tile_for_every_section() {
    let content = shipped().content;
    let harness = app([1920.0, 1080.0]);
    harness.get_by_label(content.story.title.resolve("en", "en"));
    for index in 0..content.sections.len() {
        harness.get_by_label(&title(&content, index, "en"));
    }
    assert_eq!(
        harness.state().state().screen,
        Screen::Home,
        "starts on Home"
    );
}

#[test]
fn tapping_each_tile_opens_its_section_and_home_returns() {
    let content = shipped().content;
    let mut harness = app([1920.0, 1080.0]);
    for index in 0..content.sections.len() {
        harness.get_by_label(&title(&content, index, "en")).click();
        settle(&mut harness);
        assert_eq!(
            harness.state().state().screen,
            Screen::Section(index),
            "tile {index}"
        );
        harness.get_by_label("Home").click();
        settle(&mut harness);
        assert_eq!(
            harness.state().state().screen,
            Screen::Home,
            "home from {index}"
        );
    }
}

#[test]
fn a_tap_that_drifts_a_few_millimetres_still_opens_the_tile() {
    let content = shipped().content;
    let mut harness = app([1920.0, 1080.0]);
    let tile = harness.get_by_label(&title(&content, 1, "en")).rect();
    // 10 points is about 2.7 mm on a 24-inch 1080p panel: egui's default (6) would drop this tap.
    tap_with_drift(&mut harness, tile.center(), vec2(8.0, 6.0));
    assert_eq!(harness.state().state().screen, Screen::Section(1), "opened");
}

#[test]
fn swiping_moves_between_sections_and_stops_at_the_ends() {
    let content = shipped().content;
    let last = content.sections.len() - 1;
    let mut harness = app([1920.0, 1080.0]);
    harness.get_by_label(&title(&content, 0, "en")).click();
    settle(&mut harness);

    // A right swipe on the first section stays there.
    drag(&mut harness, pos2(400.0, 500.0), pos2(1400.0, 520.0), 8);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(0),
        "no section before the first"
    );

    for index in 1..=last {
        drag(&mut harness, pos2(1500.0, 500.0), pos2(700.0, 510.0), 8);
        assert_eq!(
            harness.state().state().screen,
            Screen::Section(index),
            "swiped to {index}"
        );
        harness.get_by_label(&title(&content, index, "en"));
    }
    drag(&mut harness, pos2(1500.0, 500.0), pos2(700.0, 510.0), 8);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(last),
        "no section after the last"
    );

    drag(&mut harness, pos2(500.0, 500.0), pos2(1300.0, 490.0), 8);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(last - 1),
        "swiped back"
    );

    // Back leads where the visitor came from (Home), not through every swiped page.
    harness.get_by_label("Back").click();
    settle(&mut harness);
    assert_eq!(harness.state().state().screen, Screen::Home, "back to home");
}

#[test]
fn a_short_sideways_drag_settles_back_on_the_same_section() {
    let content = shipped().content;
    let mut harness = app([1920.0, 1080.0]);
    harness.get_by_label(&title(&content, 1, "en")).click();
    settle(&mut harness);
    drag(&mut harness, pos2(1000.0, 500.0), pos2(880.0, 500.0), 12);
    assert_eq!(harness.state().state().screen, Screen::Section(1), "stayed");
}

#[test]
fn a_vertical_drag_scrolls_long_text() {
    let content = shipped().content;
    let mut harness = app([1920.0, 1080.0]);
    // The section with the most text overflows its viewport.
    let longest = (0..content.sections.len())
        .max_by_key(|&i| {
            content.sections[i]
                .body
                .iter()
                .map(|p| p.resolve("en", "en").len())
                .sum::<usize>()
        })
        .unwrap();
    harness
        .get_by_label(&title(&content, longest, "en"))
        .click();
    settle(&mut harness);
    assert!(
        harness.state().section_scroll().abs() < f32::EPSILON,
        "starts at the top"
    );
    drag(&mut harness, pos2(400.0, 600.0), pos2(405.0, 350.0), 8);
    let scrolled = harness.state().section_scroll();
    assert!(scrolled > 100.0, "scrolled by {scrolled}");
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(longest),
        "same section"
    );
}

#[test]
fn the_pager_buttons_turn_pages() {
    let content = shipped().content;
    let mut harness = app([1920.0, 1080.0]);
    harness.get_by_label(&title(&content, 0, "en")).click();
    settle(&mut harness);
    harness.get_by_label("Next").click();
    settle(&mut harness);
    assert_eq!(harness.state().state().screen, Screen::Section(1), "next");
    harness.get_by_label("Previous").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(0),
        "previous"
    );
}

#[test]
fn back_and_home_work_from_the_map() {
    let content = shipped().content;
    let mut harness = app([1920.0, 1080.0]);
    harness.get_by_label(&title(&content, 1, "en")).click();
    settle(&mut harness);
    harness.get_by_label("Show on map").click();
    settle(&mut harness);
    assert!(
        matches!(harness.state().state().screen, Screen::Map { .. }),
        "map"
    );
    harness.get_by_label("Back").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(1),
        "back to the section"
    );
    harness.get_by_label("Home").click();
    settle(&mut harness);
    harness.get_by_label("Explore the map").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Map { preset: None },
        "whole map from Home"
    );
    harness.get_by_label("Home").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Home,
        "home from the map"
    );
}

#[test]
fn the_language_switch_changes_every_text_and_keeps_the_screen() {
    let content = shipped().content;
    let mut harness = app([1920.0, 1080.0]);
    harness.get_by_label(&title(&content, 2, "en")).click();
    settle(&mut harness);
    harness.get_by_label("Lietuvių").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(2),
        "kept the screen"
    );
    assert_eq!(harness.state().state().lang_code, "lt", "lt");
    harness.get_by_label(&title(&content, 2, "lt"));
    assert!(
        harness.query_by_label(&title(&content, 2, "en")).is_none(),
        "no English title left"
    );
    harness.get_by_label("Pradžia").click();
    settle(&mut harness);
    harness.get_by_label(content.story.title.resolve("lt", "en"));
    harness.get_by_label("English").click();
    settle(&mut harness);
    harness.get_by_label(content.story.title.resolve("en", "en"));
}

#[test]
fn every_screen_keeps_its_widgets_on_screen_at_every_size() {
    let content = shipped().content;
    for size in SIZES {
        let mut harness = app(size);
        let screen = Rect::from_min_size(pos2(0.0, 0.0), vec2(size[0], size[1]));
        let check = |harness: &egui_kittest::Harness<'static, _>, name: &str| {
            for (label, rect) in labelled(harness) {
                assert!(
                    screen.expand(0.5).contains_rect(rect),
                    "{size:?} {name}: {label:?} at {rect:?} is off screen"
                );
            }
        };
        check(&harness, "home");
        for index in 0..content.sections.len() {
            harness.get_by_label(&title(&content, index, "en")).click();
            settle(&mut harness);
            check(&harness, &format!("section {index}"));
            harness.get_by_label("Home").click();
            settle(&mut harness);
        }
    }
}

#[test]
fn touch_targets_are_at_least_48_points_at_the_reference_size() {
    let content = shipped().content;
    for size in SIZES {
        let mut harness = app(size);
        let scale = (size[0] / 1920.0)
            .min(size[1] / 1080.0)
            .min(if size[1] > size[0] {
                size[0] / 1080.0
            } else {
                f32::INFINITY
            });
        let minimum = 48.0 * scale - 0.5;
        let check = |harness: &egui_kittest::Harness<'static, _>| {
            for (label, rect) in buttons(harness) {
                assert!(
                    rect.width() >= minimum && rect.height() >= minimum,
                    "{size:?}: {label:?} is {rect:?}, under {minimum}"
                );
            }
        };
        check(&harness);
        harness.get_by_label(&title(&content, 0, "en")).click();
        settle(&mut harness);
        check(&harness);
    }
}

#[test]
fn a_swipe_counts_from_the_press_point_to_the_release_point() {
    // Under X (xdotool, some touch drivers) the pointer can jump to the press point in the
    // same frame as the press, and the last moves can arrive with the release: the swipe
    // must count from the press to the release, not sum per-frame deltas.
    let content = shipped().content;
    let mut harness = app([1920.0, 1080.0]);
    harness.get_by_label(&title(&content, 1, "en")).click();
    settle(&mut harness);
    harness.hover_at(pos2(300.0, 600.0));
    harness.step();
    harness.hover_at(pos2(1500.0, 500.0));
    harness.drag_at(pos2(1500.0, 500.0));
    harness.step();
    for x in [1450.0, 1400.0] {
        harness.hover_at(pos2(x, 505.0));
        harness.step();
    }
    // The page follows the finger from the press point: 100 points to the left.
    let PageSwipe::Dragging { offset } = harness.state().section_swipe() else {
        panic!("dragging: {:?}", harness.state().section_swipe());
    };
    assert!((offset + 100.0).abs() < 1.0, "offset {offset}");
    // The last moves and the release arrive in one frame.
    harness.hover_at(pos2(1000.0, 505.0));
    harness.hover_at(pos2(700.0, 505.0));
    harness.drop_at(pos2(700.0, 505.0));
    harness.step();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(2),
        "swiped to the next section"
    );
}
