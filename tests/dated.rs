//! Dated content in the running kiosk: a section with `show` dates comes onto Home at
//! midnight of its first day and leaves after its last, without a restart; the attract loop
//! skips a slide outside its dates. The local time comes from an injected clock.

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::{painted_text, settle, shipped, tap};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use jiff::civil::{DateTime, date};
use vitrina::app::{Screen, VitrinaApp};
use vitrina::content::dated::Show;
use vitrina::content::{Content, Slide, Text};

const ADVENT: &str = "Advent calendar";

#[expect(clippy::unnecessary_wraps, reason = "as the `show` field is written")]
fn show(from: Option<&str>, until: Option<&str>) -> Option<Show> {
    Some(Show {
        from: from.map(str::to_owned),
        until: until.map(str::to_owned),
    })
}

/// The app on the shipped content changed by `edit`, reading local time from `clock`.
fn app_with(
    edit: impl FnOnce(&mut Content),
    clock: &Rc<Cell<DateTime>>,
) -> Harness<'static, VitrinaApp> {
    let mut loaded = shipped();
    edit(&mut loaded.content);
    let clock = Rc::clone(clock);
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            VitrinaApp::new(&cc.egui_ctx, loaded).with_wall_clock(move || clock.get())
        });
    settle(&mut harness);
    harness
}

/// Sets the clock to `at` and runs frames until nothing moves.
fn set(harness: &mut Harness<'static, VitrinaApp>, clock: &Cell<DateTime>, at: DateTime) {
    clock.set(at);
    harness.step();
    settle(harness);
}

#[test]
fn a_dated_section_comes_onto_home_at_midnight_and_leaves_after_its_last_day() {
    let clock = Rc::new(Cell::new(date(2026, 12, 23).at(23, 59, 0, 0)));
    let mut harness = app_with(
        |content| {
            let mut advent = content.sections[1].clone();
            advent.id = "advent".to_owned();
            advent.title = Text::from_pairs([("en", ADVENT), ("lt", "Advento kalendorius")]);
            advent.show = show(Some("2026-12-24"), Some("2026-12-26"));
            content.sections.push(advent);
        },
        &clock,
    );
    tap(&mut harness, egui::pos2(960.0, 540.0));
    assert_eq!(harness.state().state().screen, Screen::Home, "woke on Home");
    assert!(
        harness.query_by_label(ADVENT).is_none(),
        "no advent tile the evening before"
    );

    set(&mut harness, &clock, date(2026, 12, 24).at(0, 0, 0, 0));
    harness.get_by_label(ADVENT).click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(4),
        "the tile at midnight of its first day opens its section"
    );

    set(&mut harness, &clock, date(2026, 12, 26).at(23, 59, 59, 0));
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(4),
        "still shown on its last day"
    );

    set(&mut harness, &clock, date(2026, 12, 27).at(0, 0, 0, 0));
    assert_eq!(
        harness.state().state().screen,
        Screen::Home,
        "the day after, its reader is led Home"
    );
    assert!(
        harness.query_by_label(ADVENT).is_none(),
        "and its tile is gone"
    );
    assert_eq!(
        harness.state().loaded().content.sections.len(),
        4,
        "the pager counts the four others"
    );
}

#[test]
fn the_attract_loop_skips_a_slide_outside_its_dates() {
    let clock = Rc::new(Cell::new(date(2026, 12, 23).at(12, 0, 0, 0)));
    let shipped = shipped().content;
    let freedom = shipped.sections[0].title.resolve("en", "en").to_owned();
    let energy = shipped.sections[1].title.resolve("en", "en").to_owned();
    let mut harness = app_with(
        |content| {
            content.kiosk.wake_into_section = true;
            content.slides = vec![
                Slide::Hero {
                    section: "freedom".to_owned(),
                    secs: None,
                    show: show(None, Some("2026-12-01")),
                },
                Slide::Hero {
                    section: "energy".to_owned(),
                    secs: None,
                    show: None,
                },
            ];
        },
        &clock,
    );
    assert_eq!(
        harness.state().state().screen,
        Screen::Attract,
        "in the loop"
    );
    let text = painted_text(&harness);
    assert!(
        text.contains(&energy) && !text.contains(&freedom),
        "the loop opens on the energy hero, the freedom hero being past its dates: {text}"
    );
    tap(&mut harness, egui::pos2(960.0, 540.0));
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(1),
        "woke into the energy section, the slide shown"
    );
}
