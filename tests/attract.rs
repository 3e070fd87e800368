//! The attract loop and the idle reset as visitors meet them: the kiosk starts in the
//! loop, the first touch only wakes it, idling warns and then resets.

mod common;

use common::{app_in_attract, settle, shipped, step_until_attract, tap};
use egui_kittest::kittest::Queryable as _;
use vitrina::app::Screen;
use vitrina::app::idle::Phase;

#[test]
fn the_kiosk_starts_in_the_attract_loop() {
    let harness = app_in_attract([1920.0, 1080.0], None);
    assert_eq!(harness.state().state().screen, Screen::Attract, "attract");
    assert!(
        matches!(harness.state().idle_phase(), Some(Phase::Attract { .. })),
        "idle phase"
    );
}

#[test]
fn the_first_tap_in_attract_lands_on_home_and_opens_nothing() {
    let mut harness = app_in_attract([1920.0, 1080.0], None);
    // Where the second tile lies on Home: the waking tap must not open it.
    tap(&mut harness, egui::pos2(743.0, 600.0));
    assert_eq!(harness.state().state().screen, Screen::Home, "woke on Home");
    // The next tap there is a normal tap.
    tap(&mut harness, egui::pos2(743.0, 600.0));
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(1),
        "then taps work"
    );
}

#[test]
fn idling_warns_then_resets_language_and_screen_and_starts_the_loop() {
    let content = shipped().content;
    let mut harness = app_in_attract([1920.0, 1080.0], Some(60));
    tap(&mut harness, egui::pos2(960.0, 540.0));
    harness.get_by_label("Lietuvių").click();
    settle(&mut harness);
    harness
        .get_by_label(content.sections[0].title.resolve("lt", "en"))
        .click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(0),
        "reading"
    );

    // Let time pass without input (each step is a quarter second of input time). The
    // timeout is long enough that waiting for pictures to decode never reaches it.
    let mut warned = false;
    for _ in 0..400 {
        harness.step();
        if matches!(harness.state().idle_phase(), Some(Phase::Warning { .. })) {
            warned = true;
            break;
        }
    }
    assert!(warned, "the warning came");
    harness.get_by_label(content.labels.still_there.resolve("lt", "en"));
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(0),
        "still on the section while warned"
    );

    step_until_attract(&mut harness, 400);
    assert_eq!(
        harness.state().state().screen,
        Screen::Attract,
        "reset to the loop"
    );
    assert_eq!(
        harness.state().state().lang_code,
        "en",
        "language back to the default"
    );
    assert!(
        harness.state().state().history.is_empty(),
        "no way back into the old visit"
    );
}

#[test]
fn a_touch_during_the_warning_keeps_the_visitor_where_they_are() {
    let content = shipped().content;
    let mut harness = app_in_attract([1920.0, 1080.0], Some(60));
    tap(&mut harness, egui::pos2(960.0, 540.0));
    harness
        .get_by_label(content.sections[2].title.resolve("en", "en"))
        .click();
    settle(&mut harness);
    for _ in 0..400 {
        harness.step();
        if matches!(harness.state().idle_phase(), Some(Phase::Warning { .. })) {
            break;
        }
    }
    assert!(
        matches!(harness.state().idle_phase(), Some(Phase::Warning { .. })),
        "warned"
    );
    // A touch anywhere (here on the body text) continues; it presses nothing.
    tap(&mut harness, egui::pos2(300.0, 400.0));
    assert_eq!(
        harness.state().idle_phase(),
        Some(Phase::Interactive),
        "continued"
    );
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(2),
        "same screen"
    );
    assert!(
        harness.query_by_label("Still there?").is_none(),
        "prompt gone"
    );
}

/// The app on the shipped content changed by `edit`, in the loop, reading local time from
/// `clock`.
fn app_with(
    edit: impl FnOnce(&mut vitrina::content::Content),
    clock: std::rc::Rc<std::cell::Cell<jiff::civil::DateTime>>,
) -> egui_kittest::Harness<'static, vitrina::app::VitrinaApp> {
    let mut loaded = shipped();
    edit(&mut loaded.content);
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            vitrina::app::VitrinaApp::new(&cc.egui_ctx, loaded).with_wall_clock(move || clock.get())
        });
    settle(&mut harness);
    harness
}

fn monday(hour: i8, minute: i8) -> jiff::civil::DateTime {
    jiff::civil::date(2026, 11, 30).at(hour, minute, 0, 0)
}

#[test]
fn waking_into_the_slide_s_section_when_content_asks_for_it() {
    let clock = std::rc::Rc::new(std::cell::Cell::new(monday(12, 0)));
    let mut harness = app_with(|content| content.kiosk.wake_into_section = true, clock);
    // The loop opens on its first slide, the hero of the first section.
    tap(&mut harness, egui::pos2(960.0, 540.0));
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(0),
        "woke into the first slide's section"
    );
    assert_eq!(
        harness.state().state().history,
        vec![Screen::Home],
        "Back leads Home"
    );
}

#[test]
fn outside_opening_hours_the_screen_rests_and_a_touch_still_wakes_it() {
    use vitrina::content::hours::OpeningHours;
    let clock = std::rc::Rc::new(std::cell::Cell::new(monday(7, 59)));
    let mut harness = app_with(
        |content| {
            content.kiosk.opening_hours = Some(
                ron::from_str::<OpeningHours>(r#"(open: "08:00", close: "18:00")"#).expect("hours"),
            );
        },
        std::rc::Rc::clone(&clock),
    );
    assert!(harness.state().shows_closed(), "closed before 08:00");
    let closed = harness.render().expect("renders");

    // The minute turns: the loop runs.
    clock.set(monday(8, 0));
    harness.step();
    assert!(!harness.state().shows_closed(), "open at 08:00");
    assert_eq!(harness.state().state().screen, Screen::Attract, "the loop");
    let open = harness.render().expect("renders");
    let lit = |image: &image::RgbaImage| image.pixels().filter(|p| p.0[0] > 60).count();
    assert!(
        lit(&closed) * 4 < lit(&open),
        "the closed screen is dark: {} lit pixels against {} in the loop",
        lit(&closed),
        lit(&open)
    );

    // Closed again in the evening; a touch wakes it on Home, as in the loop.
    clock.set(monday(18, 0));
    harness.step();
    assert!(harness.state().shows_closed(), "closed at 18:00");
    tap(&mut harness, egui::pos2(960.0, 540.0));
    assert_eq!(harness.state().state().screen, Screen::Home, "woke on Home");
}

#[test]
fn with_off_when_closed_the_display_sleeps_at_closing_and_a_touch_lights_it() {
    use vitrina::app::display_power::Power;
    use vitrina::content::hours::OpeningHours;
    use vitrina::settings::DisplaySettings;
    let clock = std::rc::Rc::new(std::cell::Cell::new(monday(17, 59)));
    let mut loaded = shipped();
    loaded.content.kiosk.opening_hours =
        Some(ron::from_str::<OpeningHours>(r#"(open: "08:00", close: "18:00")"#).expect("hours"));
    let wall = std::rc::Rc::clone(&clock);
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            vitrina::app::VitrinaApp::new(&cc.egui_ctx, loaded)
                .with_wall_clock(move || wall.get())
                .with_display(DisplaySettings {
                    off_when_closed: true,
                })
        });
    settle(&mut harness);
    assert_eq!(
        harness.state().display_power(),
        Some(Power::On),
        "lit while open"
    );

    clock.set(monday(18, 0));
    harness.step();
    assert_eq!(
        harness.state().display_power(),
        Some(Power::Off),
        "off at closing"
    );

    tap(&mut harness, egui::pos2(960.0, 540.0));
    assert_eq!(
        harness.state().display_power(),
        Some(Power::On),
        "a touch lights it"
    );
    assert_eq!(
        harness.state().state().screen,
        Screen::Home,
        "and wakes the kiosk"
    );

    // The content's idle timeout (90 s) passes without a touch.
    clock.set(monday(18, 2));
    harness.step();
    assert_eq!(
        harness.state().display_power(),
        Some(Power::Off),
        "off again"
    );
}
