//! The staff panel and kiosk mode as staff meet them: the chord and the corner hold summon
//! the panel, the PIN keeps visitors out, Exit is the only way out, and close requests are
//! refused in kiosk mode.

mod common;

use common::{settle, shipped, tap};
use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use vitrina::app::staff::{Phase, PinOutcome};
use vitrina::app::{Screen, VitrinaApp};

const PIN: &str = "2468";

/// The app on the shipped content with `pin` as the staff PIN, in kiosk mode or not, woken
/// onto Home.
fn kiosk(pin: Option<&str>, kiosk_mode: bool) -> Harness<'static, VitrinaApp> {
    let mut loaded = shipped();
    loaded.content.kiosk.staff_pin = pin.map(str::to_owned);
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| VitrinaApp::new(&cc.egui_ctx, loaded).with_kiosk_mode(kiosk_mode));
    settle(&mut harness);
    tap(&mut harness, egui::pos2(960.0, 540.0));
    assert_eq!(harness.state().state().screen, Screen::Home, "woke on Home");
    harness
}

fn chord(harness: &mut Harness<'static, VitrinaApp>) {
    harness.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT, Key::S);
    harness.step();
    settle(harness);
}

fn type_pin(harness: &mut Harness<'static, VitrinaApp>, digits: &str) {
    for digit in digits.chars() {
        harness.get_by_label(&digit.to_string()).click();
        harness.step();
    }
    harness.get_by_label("OK").click();
    harness.step();
    settle(harness);
}

/// The commands the app sent to its window in the last frame.
fn commands(harness: &Harness<'static, VitrinaApp>) -> Vec<ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|out| out.commands.clone())
        .unwrap_or_default()
}

/// Asks to close the window, as Alt+F4 or the window manager would.
fn close_request(harness: &mut Harness<'static, VitrinaApp>) -> Vec<ViewportCommand> {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
    commands(harness)
}

/// A salted hash of `pin`, as `vitrina pin` prints it.
fn hash(pin: &str) -> String {
    vitrina::settings::pin::hash_pin(pin).expect("a valid PIN")
}

/// The app in kiosk mode on the shipped content with `kiosk_ron` as this machine's settings.
fn with_kiosk_ron(kiosk_ron: &str) -> Harness<'static, VitrinaApp> {
    let config =
        vitrina::settings::parse_kiosk_config(kiosk_ron, std::path::Path::new("kiosk.ron"))
            .expect("valid kiosk.ron");
    let loaded = shipped();
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            VitrinaApp::new(&cc.egui_ctx, loaded)
                .with_kiosk_config(config)
                .with_kiosk_mode(true)
        });
    settle(&mut harness);
    tap(&mut harness, egui::pos2(960.0, 540.0));
    harness
}

#[test]
fn in_kiosk_mode_without_a_pin_the_panel_stays_closed() {
    let mut harness = kiosk(None, true);
    chord(&mut harness);
    assert_eq!(harness.state().staff().phase(), &Phase::Closed, "refused");
    assert!(
        harness.query_by_label("Exit Vitrina").is_none(),
        "no way out for a visitor who finds the chord"
    );
}

#[test]
fn the_pin_of_kiosk_ron_is_checked_against_its_hash_typed_or_tapped() {
    let mut harness = with_kiosk_ron(&format!("(staff_pin_hash: {:?})", hash(PIN)));
    chord(&mut harness);
    assert!(
        matches!(harness.state().staff().phase(), Phase::Pin { .. }),
        "the keypad"
    );
    type_pin(&mut harness, "1357");
    assert_eq!(
        harness.state().staff().last_outcome(),
        Some(PinOutcome::Wrong { tries_left: 2 }),
        "a wrong PIN"
    );
    // On a keyboard: digits and Enter.
    harness.event(egui::Event::Text(PIN.to_owned()));
    harness.key_press(Key::Enter);
    harness.step();
    settle(&mut harness);
    assert_eq!(
        harness.state().staff().phase(),
        &Phase::Open,
        "the right PIN, typed"
    );
}

#[test]
fn kiosk_ron_s_pin_wins_over_an_old_content_pin() {
    let mut loaded = shipped();
    loaded.content.kiosk.staff_pin = Some("1111".to_owned());
    let config = vitrina::settings::parse_kiosk_config(
        &format!("(staff_pin_hash: {:?})", hash(PIN)),
        std::path::Path::new("kiosk.ron"),
    )
    .expect("valid");
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            VitrinaApp::new(&cc.egui_ctx, loaded)
                .with_kiosk_config(config)
                .with_kiosk_mode(true)
        });
    settle(&mut harness);
    chord(&mut harness);
    type_pin(&mut harness, "1111");
    assert_ne!(
        harness.state().staff().phase(),
        &Phase::Open,
        "the old PIN no longer opens"
    );
    type_pin(&mut harness, PIN);
    assert_eq!(
        harness.state().staff().phase(),
        &Phase::Open,
        "kiosk.ron's PIN does"
    );
}

#[test]
fn the_chord_opens_the_panel_without_a_pin_and_back_returns_to_visitors() {
    let mut harness = kiosk(None, false);
    chord(&mut harness);
    assert_eq!(harness.state().staff().phase(), &Phase::Open, "open");
    harness.get_by_label("Reload now");
    harness.get_by_label("Exit Vitrina");
    // The visitors' screens are not drawn under it: their buttons are gone.
    assert!(
        harness.query_by_label("Explore the map").is_none(),
        "Home is covered"
    );
    harness.get_by_label("Back to visitors").click();
    harness.step();
    settle(&mut harness);
    assert!(!harness.state().staff_showing(), "closed");
    assert_eq!(
        harness.state().state().screen,
        Screen::Home,
        "still on Home"
    );
}

#[test]
fn holding_the_top_left_corner_five_seconds_opens_the_keypad() {
    let mut harness = kiosk(Some(PIN), true);
    let corner = egui::pos2(30.0, 30.0);
    harness.hover_at(corner);
    harness.step();
    harness.drag_at(corner);
    // Each step is a quarter second of input time: 19 steps are under five seconds.
    for _ in 0..19 {
        harness.step();
    }
    assert!(!harness.state().staff_showing(), "not before five seconds");
    for _ in 0..3 {
        harness.step();
    }
    assert!(
        matches!(harness.state().staff().phase(), Phase::Pin { .. }),
        "the keypad after five seconds: {:?}",
        harness.state().staff().phase()
    );
    harness.drop_at(corner);
    harness.step();
    settle(&mut harness);
    assert!(
        matches!(harness.state().staff().phase(), Phase::Pin { .. }),
        "lifting the finger keeps the keypad"
    );
}

#[test]
fn a_short_hold_or_a_hold_elsewhere_does_not_open_it() {
    let mut harness = kiosk(None, false);
    for at in [egui::pos2(30.0, 30.0), egui::pos2(1890.0, 30.0)] {
        harness.hover_at(at);
        harness.step();
        harness.drag_at(at);
        let steps = if at.x < 100.0 { 12 } else { 30 };
        for _ in 0..steps {
            harness.step();
        }
        harness.drop_at(at);
        harness.step();
        settle(&mut harness);
        assert!(!harness.state().staff_showing(), "held at {at:?}");
    }
}

#[test]
fn a_wrong_pin_does_not_open_it_and_the_right_one_does() {
    let mut harness = kiosk(Some(PIN), true);
    chord(&mut harness);
    type_pin(&mut harness, "1357");
    assert_eq!(
        harness.state().staff().last_outcome(),
        Some(PinOutcome::Wrong { tries_left: 2 }),
        "wrong"
    );
    assert!(
        harness.query_by_label("Exit Vitrina").is_none(),
        "no Exit behind a wrong PIN"
    );
    type_pin(&mut harness, PIN);
    assert_eq!(harness.state().staff().phase(), &Phase::Open, "right PIN");
    harness.get_by_label("Exit Vitrina");
}

#[test]
fn three_wrong_pins_lock_the_keypad_for_a_minute() {
    let mut harness = kiosk(Some(PIN), true);
    chord(&mut harness);
    for _ in 0..3 {
        type_pin(&mut harness, "0000");
    }
    assert_eq!(
        harness.state().staff().last_outcome(),
        Some(PinOutcome::Locked),
        "locked after three"
    );
    type_pin(&mut harness, PIN);
    assert!(
        matches!(harness.state().staff().phase(), Phase::Pin { .. }),
        "the right PIN is refused while locked"
    );
    // A minute later (quarter-second steps, touching the keypad so it stays up).
    for i in 0..250 {
        harness.step();
        if i % 40 == 0 {
            harness.get_by_label("Delete").click();
        }
    }
    type_pin(&mut harness, PIN);
    assert_eq!(harness.state().staff().phase(), &Phase::Open, "unlocked");
}

#[test]
fn the_panel_closes_itself_after_a_minute_alone() {
    let mut harness = kiosk(None, false);
    chord(&mut harness);
    assert!(harness.state().staff_showing(), "open");
    for _ in 0..250 {
        harness.step();
    }
    assert!(!harness.state().staff_showing(), "closed by itself");
}

#[test]
fn kiosk_mode_refuses_close_requests_and_exit_is_honoured() {
    let mut harness = with_kiosk_ron(&format!("(staff_pin_hash: {:?})", hash(PIN)));
    let sent = close_request(&mut harness);
    assert!(
        sent.contains(&ViewportCommand::CancelClose),
        "kiosk mode cancels the close: {sent:?}"
    );
    chord(&mut harness);
    type_pin(&mut harness, PIN);
    harness.get_by_label("Exit Vitrina").click();
    harness.step();
    assert!(
        commands(&harness).contains(&ViewportCommand::Close),
        "Exit asks the window to close"
    );
    let sent = close_request(&mut harness);
    assert!(
        !sent.contains(&ViewportCommand::CancelClose),
        "after Exit the close goes through: {sent:?}"
    );
}

#[test]
fn windowed_mode_lets_the_window_close() {
    let mut harness = kiosk(None, false);
    let sent = close_request(&mut harness);
    assert!(
        !sent.contains(&ViewportCommand::CancelClose),
        "windowed: the close goes through: {sent:?}"
    );
}

#[test]
fn the_cursor_is_hidden_in_kiosk_mode_unless_content_has_a_mouse() {
    let harness = kiosk(None, true);
    assert_eq!(
        harness.output().platform_output.cursor_icon,
        egui::CursorIcon::None,
        "hidden on a touch kiosk"
    );
    let harness = kiosk(None, false);
    assert_ne!(
        harness.output().platform_output.cursor_icon,
        egui::CursorIcon::None,
        "shown in windowed mode"
    );
    let mut loaded = shipped();
    loaded.content.kiosk.has_mouse = true;
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .build_eframe(move |cc| VitrinaApp::new(&cc.egui_ctx, loaded).with_kiosk_mode(true));
    harness.run_ok();
    assert_ne!(
        harness.output().platform_output.cursor_icon,
        egui::CursorIcon::None,
        "shown when content says the kiosk has a mouse"
    );
}

#[test]
fn a_broken_reload_shows_its_error_in_the_panel() {
    let dir = common::files::shipped_copy();
    let content = dir.path().join("content.ron");
    let loaded = vitrina::content::load_content(&content).expect("loads");
    let path = content.clone();
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            // A development run: the panel opens without a PIN.
            VitrinaApp::new(&cc.egui_ctx, loaded)
                .with_kiosk_mode(false)
                .with_hot_reload(&cc.egui_ctx, &path)
        });
    settle(&mut harness);
    chord(&mut harness);
    // Break the file, then press Reload now.
    std::fs::write(&content, "(languages: [oops").expect("write");
    harness.get_by_label("Reload now").click();
    harness.step();
    settle(&mut harness);
    let error = harness
        .state()
        .reload_status()
        .error
        .clone()
        .expect("the reload failed");
    assert!(error.contains("content.ron:1:"), "file and line: {error}");
    assert!(
        harness.state().loaded().content.sections.len() > 1,
        "the last good content stays"
    );
    // The panel shows the full error text (drawn, so look for it in the painted shapes).
    let painted = common::painted_text(&harness);
    assert!(
        painted.contains(error.lines().next().unwrap_or_default()),
        "the error's first line is on the panel:\n{painted}"
    );
}

/// Quarter-second steps for `secs`, touching the keypad so it stays up.
fn wait_on_keypad(harness: &mut Harness<'static, VitrinaApp>, secs: u32) {
    for i in 0..secs * 4 {
        harness.step();
        if i % 40 == 0 {
            harness.get_by_label("Delete").click();
        }
    }
}

#[test]
fn each_round_of_wrong_pins_doubles_the_wait_the_keypad_shows() {
    let mut harness = kiosk(Some(PIN), true);
    chord(&mut harness);
    for _ in 0..3 {
        type_pin(&mut harness, "0000");
    }
    let painted = common::painted_text(&harness);
    assert!(
        painted.contains("Try again in 1 min."),
        "the first lock: a minute: {painted}"
    );
    wait_on_keypad(&mut harness, 62);
    for _ in 0..3 {
        type_pin(&mut harness, "0000");
    }
    let painted = common::painted_text(&harness);
    assert!(
        painted.contains("Try again in 2 min."),
        "the second lock: two minutes: {painted}"
    );
    // A minute on (the old rule's whole lock), the right PIN still waits.
    wait_on_keypad(&mut harness, 62);
    type_pin(&mut harness, PIN);
    assert!(
        matches!(harness.state().staff().phase(), Phase::Pin { .. }),
        "still locked after a minute"
    );
    let painted = common::painted_text(&harness);
    let waits = painted.contains("Try again in ") && painted.contains(" s.");
    assert!(
        waits && !painted.contains(" min."),
        "under a minute left, in seconds: {painted}"
    );
}
