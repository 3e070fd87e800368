//! Accessibility mode as a visitor meets it: the button turns it on, read aloud drives the
//! speaker (a fake behind the real trait), larger text reflows every screen inside the
//! screen, high contrast reaches 7:1, and the session's end turns it all off.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{buttons, painted_text, settle, shipped, step_until_attract, tap};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use vitrina::a11y::reader::{FakeSpeaker, SpeakError, Speaker};
use vitrina::app::{Screen, VitrinaApp};
use vitrina::content::{LoadedContent, Palette, ScreenMount};
use vitrina::ui::theme::{Colours, contrast_ratio};

/// A fake speaker the test can still look at after handing it to the app.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<FakeSpeaker>>);

impl Speaker for Shared {
    fn speak(&mut self, text: &str, lang: &str) -> Result<(), SpeakError> {
        self.0.borrow_mut().speak(text, lang)
    }
    fn stop(&mut self) {
        self.0.borrow_mut().stop();
    }
    fn poll_finished(&mut self) -> bool {
        self.0.borrow_mut().poll_finished()
    }
    fn has_voice(&self, lang: &str) -> bool {
        self.0.borrow().has_voice(lang)
    }
    fn is_available(&self) -> bool {
        self.0.borrow().is_available()
    }
}

fn kiosk(size: [f32; 2], speaker: FakeSpeaker) -> (Harness<'static, VitrinaApp>, Shared) {
    kiosk_on(size, speaker, shipped())
}

fn kiosk_on(
    size: [f32; 2],
    speaker: FakeSpeaker,
    loaded: LoadedContent,
) -> (Harness<'static, VitrinaApp>, Shared) {
    let shared = Shared(Rc::new(RefCell::new(speaker)));
    let handed = shared.clone();
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(64)
        .build_eframe(move |cc| {
            VitrinaApp::new(&cc.egui_ctx, loaded).with_speaker(Box::new(handed))
        });
    settle(&mut harness);
    tap(&mut harness, egui::pos2(size[0] / 2.0, size[1] / 2.0));
    (harness, shared)
}

fn press(harness: &mut Harness<'static, VitrinaApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.step();
    settle(harness);
}

#[test]
fn the_accessibility_button_turns_the_mode_on_and_off() {
    let (mut harness, _) = kiosk([1920.0, 1080.0], FakeSpeaker::with_voices(&["en", "lt"]));
    assert!(!harness.state().accessibility().on, "off at first");
    assert!(harness.query_by_label("Read aloud").is_none(), "no bar");
    press(&mut harness, "Accessibility");
    assert!(harness.state().accessibility().on, "on");
    harness.get_by_label("Read aloud");
    press(&mut harness, "Accessibility");
    assert!(!harness.state().accessibility().on, "off again");
    assert!(harness.query_by_label("Read aloud").is_none(), "bar gone");
}

#[test]
fn read_aloud_pause_and_next_drive_the_speaker() {
    let content = shipped().content;
    let (mut harness, speaker) = kiosk([1920.0, 1080.0], FakeSpeaker::with_voices(&["en", "lt"]));
    press(&mut harness, "Accessibility");
    press(&mut harness, "Read aloud");
    let first = speaker.0.borrow().spoken().first().map(|s| (*s).to_owned());
    assert_eq!(
        first.as_deref(),
        Some(content.story.title.resolve("en", "en")),
        "Home is read from its title"
    );
    // The bar shows the paragraph being read and offers Pause.
    harness.get_by_label("Pause");
    press(&mut harness, "Next paragraph");
    let spoken = speaker.0.borrow().spoken().len();
    assert_eq!(spoken, 2, "Next speaks the next paragraph");
    // The voice ends the paragraph: the reader moves on by itself.
    speaker.0.borrow_mut().finish_utterance();
    harness.step();
    settle(&mut harness);
    assert_eq!(speaker.0.borrow().spoken().len(), 3, "auto-advance");
    press(&mut harness, "Pause");
    assert!(!speaker.0.borrow().is_speaking(), "paused: silent");
    harness.get_by_label("Read aloud");
    // Opening a section reads that section from its headline.
    harness
        .get_by_label(content.sections[1].title.resolve("en", "en"))
        .click();
    harness.step();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(1),
        "section"
    );
    press(&mut harness, "Read aloud");
    let last = speaker.0.borrow().spoken().last().map(|s| (*s).to_owned());
    assert_eq!(
        last.as_deref(),
        Some(content.sections[1].title.resolve("en", "en")),
        "the section starts with its headline"
    );
}

/// Filled rectangles in `colour` narrower than `max_w` and taller than `min_h` (screen points):
/// the amber rule that marks the paragraph read aloud.
fn rules(harness: &Harness<'static, VitrinaApp>, colour: egui::Color32) -> Vec<egui::Rect> {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Rect(r)
                if r.fill == colour && r.rect.width() < 12.0 && r.rect.height() > 20.0 =>
            {
                Some(r.rect.intersect(clipped.clip_rect))
            }
            _ => None,
        })
        .filter(egui::Rect::is_positive)
        .collect()
}

#[test]
fn the_paragraph_read_aloud_is_marked_on_the_page_and_scrolled_into_view() {
    let content = shipped().content;
    let accent = Colours::from_palette(&content.theme.palette).accent;
    let (mut harness, _speaker) = kiosk([1920.0, 1080.0], FakeSpeaker::with_voices(&["en", "lt"]));
    press(&mut harness, "Accessibility");
    press(&mut harness, "Larger text");
    assert!(
        rules(&harness, accent).is_empty(),
        "nothing marked before reading"
    );
    press(&mut harness, "Read aloud");
    let title = harness
        .get_by_label(content.story.title.resolve("en", "en"))
        .rect();
    let marked = rules(&harness, accent);
    assert!(
        marked.iter().any(|r| r.right() <= title.left()
            && r.top() <= title.center().y
            && r.bottom() >= title.center().y),
        "Home's title is marked at its left: {marked:?}, title {title:?}"
    );
    press(&mut harness, "Pause");

    let section = 1;
    harness
        .get_by_label(content.sections[section].title.resolve("en", "en"))
        .click();
    harness.step();
    settle(&mut harness);
    press(&mut harness, "Read aloud");
    assert!(
        harness.state().section_scroll().abs() < 0.5,
        "headline first, at the top"
    );
    for _ in 0..content.sections[section].body.len() {
        press(&mut harness, "Next paragraph");
    }
    settle(&mut harness);
    assert!(
        harness.state().section_scroll() > 100.0,
        "the body scrolled to the last paragraph read: {}",
        harness.state().section_scroll()
    );
    let marked = rules(&harness, accent);
    assert_eq!(marked.len(), 1, "one paragraph marked: {marked:?}");
    let bar = harness.get_by_label("Pause").rect();
    assert!(
        marked[0].bottom() < bar.top(),
        "the mark is on the page above the bar: {marked:?}"
    );
}

#[test]
fn without_a_speech_service_the_bar_says_so_and_nothing_breaks() {
    let (mut harness, speaker) = kiosk([1920.0, 1080.0], FakeSpeaker::unavailable());
    press(&mut harness, "Accessibility");
    assert!(
        harness
            .get_by_label("Read aloud")
            .accesskit_node()
            .is_disabled(),
        "the button says it is unavailable"
    );
    press(&mut harness, "Read aloud");
    assert!(speaker.0.borrow().spoken().is_empty(), "nothing spoken");
    let painted = painted_text(&harness);
    assert!(
        painted.contains("Reading aloud is not available on this kiosk"),
        "the bar says so:\n{painted}"
    );
}

fn all_inside(harness: &Harness<'static, VitrinaApp>, size: [f32; 2], what: &str) {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0], size[1]));
    for (label, rect) in buttons(harness) {
        assert!(
            screen.expand(0.5).contains_rect(rect),
            "{what}: \"{label}\" at {rect:?} leaves the {size:?} screen"
        );
    }
}

/// Every control (buttons and toggles) with its name and rectangle.
fn controls(harness: &Harness<'static, VitrinaApp>) -> Vec<(String, egui::Rect)> {
    let mut all = buttons(harness);
    all.extend(harness.query_all_by_role(Role::CheckBox).map(|node| {
        (
            node.accesskit_node().label().unwrap_or_default(),
            node.rect(),
        )
    }));
    all
}

/// No two controls overlap: a finger meant for one would press the other. (The map's
/// routes and places are buttons for screen readers that may lie close together; a finger
/// picks the nearest, see `map::hit_test`.)
fn none_overlap(harness: &Harness<'static, VitrinaApp>, size: [f32; 2], what: &str) {
    let map = shipped().content.map;
    let on_map = |name: &str| {
        let names = map.routes.iter().map(|r| &r.name);
        names
            .chain(map.places.iter().map(|p| &p.name))
            .any(|text| text.resolve("en", "en") == name)
    };
    let all: Vec<_> = controls(harness)
        .into_iter()
        .filter(|(name, _)| !on_map(name))
        .collect();
    for (i, (a, ra)) in all.iter().enumerate() {
        for (b, rb) in &all[i + 1..] {
            let overlap = ra.intersect(*rb);
            assert!(
                !overlap.is_positive() || overlap.area() < 1.0,
                "{size:?} {what}: \"{a}\" {ra:?} overlaps \"{b}\" {rb:?}"
            );
        }
    }
}

fn larger_text_reflows_every_screen_inside(size: [f32; 2]) {
    let content = shipped().content;
    {
        let (mut harness, _) = kiosk(size, FakeSpeaker::with_voices(&["en", "lt"]));
        press(&mut harness, "Accessibility");
        let before = harness.get_by_label("Larger text").rect();
        press(&mut harness, "Larger text");
        assert!(harness.state().accessibility().large_text, "large text on");
        let after = harness.get_by_label("Larger text").rect();
        assert!(
            after.height() > before.height() * 1.4,
            "{size:?}: controls grow with the text ({before:?} -> {after:?})"
        );
        all_inside(&harness, size, "Home");
        none_overlap(&harness, size, "Home");
        for index in 0..content.sections.len() {
            harness
                .get_by_label(content.sections[index].title.resolve("en", "en"))
                .click();
            harness.step();
            settle(&mut harness);
            assert_eq!(
                harness.state().state().screen,
                Screen::Section(index),
                "{size:?}: tile {index} opens its section; buttons: {:?}",
                buttons(&harness)
            );
            all_inside(&harness, size, &format!("section {index}"));
            none_overlap(&harness, size, &format!("section {index}"));
            press(&mut harness, "Home");
        }
        press(&mut harness, "Explore the map");
        all_inside(&harness, size, "map");
    }
}

#[test]
fn larger_text_reflows_every_screen_inside_a_portrait_screen() {
    larger_text_reflows_every_screen_inside([1080.0, 1920.0]);
}

#[test]
fn larger_text_reflows_every_screen_inside_a_landscape_screen() {
    larger_text_reflows_every_screen_inside([1920.0, 1080.0]);
}

#[test]
fn the_high_contrast_palette_reaches_seven_to_one_for_text() {
    for (name, palette) in [
        ("default", Palette::high_contrast()),
        ("shipped", shipped().content.theme.high_contrast),
    ] {
        let c = Colours::from_palette(&palette);
        for (text_name, text) in [
            ("text", c.text),
            ("text_secondary", c.text_secondary),
            ("text_tertiary", c.text_tertiary),
            ("accent", c.accent),
        ] {
            for (ground_name, ground) in
                [("ink", c.ink), ("surface", c.surface), ("raised", c.raised)]
            {
                let ratio = contrast_ratio(text, ground);
                assert!(
                    ratio >= 7.0,
                    "{name}: {text_name} on {ground_name} is {ratio:.1}:1"
                );
            }
        }
        let on_accent = contrast_ratio(c.ink, c.accent);
        assert!(on_accent >= 7.0, "{name}: ink on accent {on_accent:.1}:1");
    }
}

#[test]
fn high_contrast_switches_the_colours_and_the_idle_reset_ends_the_mode() {
    let (mut harness, _) = kiosk([1920.0, 1080.0], FakeSpeaker::with_voices(&["en", "lt"]));
    press(&mut harness, "Accessibility");
    press(&mut harness, "High contrast");
    press(&mut harness, "Larger text");
    let a11y = harness.state().accessibility();
    assert!(a11y.high_contrast && a11y.large_text, "both on");
    // The screen's ink is black now.
    let black = harness.output().shapes.iter().any(
        |clipped| matches!(&clipped.shape, egui::Shape::Rect(r) if r.fill == egui::Color32::BLACK),
    );
    assert!(black, "the high-contrast ink is painted");

    // Idle time is doubled: at 90 s (the shipped timeout) nothing has happened yet.
    for _ in 0..(100 * 4) {
        harness.step();
    }
    assert_ne!(
        harness.state().state().screen,
        Screen::Attract,
        "still the visitor's after 100 s"
    );
    step_until_attract(&mut harness, 100 * 4);
    assert_eq!(
        harness.state().state().screen,
        Screen::Attract,
        "reset within twice the timeout"
    );
    let a11y = harness.state().accessibility();
    assert!(
        !a11y.on && !a11y.high_contrast && !a11y.large_text,
        "the next visitor starts without the mode"
    );
}

/// The controls that must be within reach: navigation, languages, the map's and the bar's.
const REACHABLE: &[&str] = &[
    "Home",
    "Back",
    "Previous",
    "Next",
    "Explore the map",
    "English",
    "Lietuvių",
    "Accessibility",
    "Map layers",
    "Zoom in",
    "Zoom out",
    "Reset view",
    "Read aloud",
    "Previous paragraph",
    "Next paragraph",
    "Larger text",
    "High contrast",
];

/// Every reachable control on Home, a section and the map lies between `top` and `bottom`
/// (fractions of the screen height from its top), and none overlap.
fn controls_within(harness: &mut Harness<'static, VitrinaApp>, size: [f32; 2], band: (f32, f32)) {
    let (top, bottom) = (band.0 * size[1], band.1 * size[1]);
    let content = shipped().content;
    let check = |harness: &Harness<'static, VitrinaApp>, what: &str| {
        let found: Vec<_> = controls(harness)
            .into_iter()
            .filter(|(name, _)| REACHABLE.contains(&name.as_str()))
            .collect();
        assert!(
            found.len() >= 4,
            "{what}: the controls are there: {found:?}"
        );
        for (name, rect) in found {
            assert!(
                rect.top() >= top - 0.5 && rect.bottom() <= bottom + 0.5,
                "{size:?} {what}: \"{name}\" at {rect:?} is outside the reach band {top}..{bottom}"
            );
        }
        none_overlap(harness, size, what);
    };
    check(harness, "Home");
    harness
        .get_by_label(content.sections[1].title.resolve("en", "en"))
        .click();
    harness.step();
    settle(harness);
    check(harness, "section");
    press(harness, "Home");
    press(harness, "Explore the map");
    check(harness, "map");
}

#[test]
fn in_accessibility_mode_the_controls_sit_in_the_lower_band_of_the_screen() {
    for size in [[1920.0, 1080.0], [1080.0, 1920.0], [3840.0, 2160.0]] {
        for larger in [false, true] {
            let (mut harness, _) = kiosk(size, FakeSpeaker::with_voices(&["en", "lt"]));
            press(&mut harness, "Accessibility");
            if larger {
                press(&mut harness, "Larger text");
            }
            // Unknown mounting: the lower 40 %.
            controls_within(&mut harness, size, (0.6, 1.0));
        }
    }
}

#[test]
fn a_portrait_screen_keeps_its_controls_within_reach_even_without_accessibility_mode() {
    let (mut harness, _) = kiosk([1080.0, 1920.0], FakeSpeaker::with_voices(&["en", "lt"]));
    controls_within(&mut harness, [1080.0, 1920.0], (0.6, 1.0));
}

#[test]
fn the_screens_mounting_moves_the_controls_above_a_foot_too_low_to_reach() {
    // A 1210 mm high portrait panel from 200 mm: its lowest 180 mm are below 380 mm.
    let mut loaded = shipped();
    loaded.content.kiosk.screen = Some(ScreenMount {
        mounting_height_mm: 200,
        height_mm: 1210,
    });
    let size = [1080.0, 1920.0];
    let (mut harness, _) = kiosk_on(size, FakeSpeaker::with_voices(&["en", "lt"]), loaded);
    press(&mut harness, "Accessibility");
    let band = (1.0 - 1020.0 / 1210.0, 1.0 - 180.0 / 1210.0);
    controls_within(&mut harness, size, band);
}

/// Nodes a screen reader can press that lack a name or a role.
fn unnamed_actions(harness: &Harness<'static, VitrinaApp>) -> Vec<String> {
    harness
        .root()
        .children_recursive()
        .filter(|node| {
            node.accesskit_node()
                .data()
                .supports_action(egui::accesskit::Action::Click)
        })
        .filter_map(|node| {
            let ak = node.accesskit_node();
            let name = ak.label().unwrap_or_default();
            let role = ak.role();
            let vague = matches!(role, Role::Unknown | Role::GenericContainer);
            (name.trim().is_empty() || vague)
                .then(|| format!("{role:?} \"{name}\" at {:?}", node.rect()))
        })
        .collect()
}

#[test]
fn every_control_a_screen_reader_can_press_has_a_name_and_a_role() {
    let content = shipped().content;
    let (mut harness, _) = kiosk([1920.0, 1080.0], FakeSpeaker::with_voices(&["en", "lt"]));
    let check = |harness: &Harness<'static, VitrinaApp>, what: &str| {
        let bad = unnamed_actions(harness);
        assert!(bad.is_empty(), "{what}: {bad:#?}");
    };
    check(&harness, "Home");
    press(&mut harness, "Accessibility");
    check(&harness, "Home with the reading bar");
    harness
        .get_by_label(content.sections[0].title.resolve("en", "en"))
        .click();
    harness.step();
    settle(&mut harness);
    check(&harness, "section");
    press(&mut harness, "Show on map");
    check(&harness, "map");
    press(&mut harness, "Map layers");
    check(&harness, "map with its legend");
    press(&mut harness, "Map layers");
    press(&mut harness, "Home");
    press(&mut harness, "Explore the map");

    // A screen reader presses a route by its name: its card opens, as for a tap.
    let gipl = content
        .map
        .routes
        .iter()
        .position(|r| r.name.resolve("en", "en").starts_with("GIPL"))
        .expect("the shipped map has GIPL");
    let name = content.map.routes[gipl].name.resolve("en", "en");
    harness.get_by_label(name).click_accesskit();
    harness.step();
    settle(&mut harness);
    let selection = harness
        .state()
        .map()
        .state()
        .and_then(vitrina::map::MapState::selection);
    assert_eq!(
        selection,
        Some(vitrina::map::Selection::Route(gipl)),
        "the card of {name}"
    );
    check(&harness, "map with a card");
}

#[test]
fn a_map_card_read_aloud_is_outlined() {
    let content = shipped().content;
    let (mut harness, _) = kiosk([1920.0, 1080.0], FakeSpeaker::with_voices(&["en", "lt"]));
    press(&mut harness, "Accessibility");
    press(&mut harness, "Explore the map");
    let place = content
        .map
        .places
        .iter()
        .find(|p| !p.text.resolve("en", "en").is_empty())
        .expect("a place with a card");
    let name = place.name.resolve("en", "en");
    harness
        .get_by(|node| node.role() == Role::Button && node.label().as_deref() == Some(name))
        .click_accesskit();
    harness.step();
    settle(&mut harness);
    let accent = Colours::from_palette(&content.theme.palette).accent;
    let outlined = |harness: &Harness<'static, VitrinaApp>| {
        harness.output().shapes.iter().any(|clipped| {
            matches!(&clipped.shape, egui::Shape::Rect(r)
                if r.stroke.color == accent && r.stroke.width >= 3.0)
        })
    };
    assert!(!outlined(&harness), "no outline before reading");
    press(&mut harness, "Read aloud");
    assert!(outlined(&harness), "the card read aloud is outlined");
}

#[test]
fn high_contrast_reaches_the_map_and_outlines_the_surfaces() {
    let (mut harness, _) = kiosk([1920.0, 1080.0], FakeSpeaker::with_voices(&["en", "lt"]));
    let sea_is_black = |harness: &Harness<'static, VitrinaApp>| {
        harness.output().shapes.iter().any(|clipped| {
            matches!(&clipped.shape, egui::Shape::Rect(r)
                if r.fill == egui::Color32::BLACK && r.rect.width() >= 1900.0)
        })
    };
    let white_outlines = |harness: &Harness<'static, VitrinaApp>| {
        harness
            .output()
            .shapes
            .iter()
            .filter(|clipped| {
                matches!(&clipped.shape, egui::Shape::Rect(r)
                    if r.stroke.color == egui::Color32::WHITE && r.stroke.width >= 2.0)
            })
            .count()
    };
    press(&mut harness, "Accessibility");
    press(&mut harness, "Explore the map");
    assert!(!sea_is_black(&harness), "the designed sea is blue-black");
    press(&mut harness, "High contrast");
    assert!(sea_is_black(&harness), "the high-contrast sea is black");
    press(&mut harness, "Map layers");
    assert!(
        white_outlines(&harness) >= 2,
        "the legend panel and the reading bar are outlined"
    );
    press(&mut harness, "Home");
    assert!(
        white_outlines(&harness) >= 5,
        "four tiles and the reading bar are outlined"
    );
}
