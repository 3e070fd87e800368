//! The staff panel: a PIN keypad, then the kiosk's health and the only way out.
//!
//! It covers the whole screen, so nothing of the visitors' screens can be touched through
//! it. Staff read it in English: it is a service screen, not part of the story.

use crate::tokens::{size, space};
use std::path::Path;
use std::time::{Duration, SystemTime};

use egui::{Color32, FontId, Id, Rect, Ui, pos2, vec2};

use super::layout::Frame;
use super::theme::{BODY, BODY_S, CAPTION, Colours, EYEBROW, H2, LABEL};
use super::widgets::{Button, ButtonKind, signature, text_at, upper};
use crate::state::ReloadStatus;
use crate::state::staff::{PinOutcome, StaffGate};

/// What the panel reports about the kiosk.
pub struct StaffInfo<'a> {
    /// The content file shown (or its folder when no file is watched).
    pub content_path: &'a Path,
    /// How the last reload went.
    pub reload: &'a ReloadStatus,
    /// CPU time of the last frame.
    pub frame_time: Option<Duration>,
    /// Resident memory of the process, in bytes.
    pub memory: Option<usize>,
    /// Time since the kiosk started.
    pub uptime: Duration,
}

/// What staff pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffAction {
    /// A keypad digit.
    Digit(char),
    /// Delete the last digit.
    Erase,
    /// Check the PIN.
    Submit,
    /// Load content.ron again now.
    ReloadNow,
    /// End the kiosk.
    Exit,
    /// Back to the visitors' screens.
    Back,
}

/// The panel's column width and left edge, in design points.
fn column(frame: &Frame) -> (f32, f32) {
    let width = (frame.size.x - 2.0 * frame.margin_x()).min(1200.0);
    ((frame.size.x - width) / 2.0, width)
}

/// The panel's heading; returns the y below it.
fn heading(ui: &Ui, frame: &Frame, colours: &Colours, left: f32, width: f32, title: &str) -> f32 {
    let top = 72.0;
    // As on Home: the bars, then the eyebrow 104 points on, on the same centre line.
    signature(ui, frame, colours, pos2(left, top + 11.0));
    let version = format!("VITRINA {}", env!("CARGO_PKG_VERSION"));
    text_at(
        ui,
        frame,
        pos2(left + 104.0, top),
        &upper(&version),
        EYEBROW,
        colours.text_secondary,
        width,
        1,
    );
    let h = text_at(
        ui,
        frame,
        pos2(left, top + 40.0),
        title,
        H2,
        colours.text,
        width,
        1,
    );
    top + 40.0 + h + space::XL
}

/// Draws the keypad or the panel for `gate`; returns what staff pressed.
pub fn staff_ui(
    ui: &mut Ui,
    frame: &Frame,
    colours: &Colours,
    gate: &StaffGate,
    info: &StaffInfo<'_>,
    now: f64,
) -> Option<StaffAction> {
    let screen = frame.rect(Rect::from_min_size(pos2(0.0, 0.0), frame.size));
    ui.painter().rect_filled(screen, 0.0, colours.ink);
    match gate.phase() {
        crate::state::staff::Phase::Closed => None,
        crate::state::staff::Phase::Pin { entered } => {
            keypad_ui(ui, frame, colours, gate, entered.len(), now)
        }
        crate::state::staff::Phase::Open => panel_ui(ui, frame, colours, gate, info, now),
    }
}

/// The PIN keypad: dots for the digits typed, a message, 1–9, Delete, 0, OK.
fn keypad_ui(
    ui: &mut Ui,
    frame: &Frame,
    colours: &Colours,
    gate: &StaffGate,
    typed: usize,
    now: f64,
) -> Option<StaffAction> {
    let (left, width) = column(frame);
    let mut y = heading(ui, frame, colours, left, width, "Staff PIN");
    let mut action = None;

    let key = vec2(144.0, 88.0);
    let gap = space::M;
    let pad_width = 3.0 * key.x + 2.0 * gap;
    let pad_left = (frame.size.x - pad_width) / 2.0;

    // One dot per digit typed, in a row as wide as the keypad.
    let dot_y = y + space::L;
    for i in 0..typed {
        #[expect(clippy::cast_precision_loss, reason = "at most eight dots")]
        let x = pad_left + 12.0 + i as f32 * 40.0;
        ui.painter()
            .circle_filled(frame.pos(pos2(x, dot_y)), frame.pt(10.0), colours.text);
    }
    if typed == 0 {
        ui.painter().line_segment(
            [
                frame.pos(pos2(pad_left, dot_y + 20.0)),
                frame.pos(pos2(pad_left + pad_width, dot_y + 20.0)),
            ],
            egui::Stroke::new(frame.pt(2.0), colours.line),
        );
    }
    y += 72.0;

    let message = match (gate.locked_for(now), gate.last_outcome()) {
        (Some(left), _) => {
            format!(
                "Too many wrong PINs. Try again in {}.",
                crate::state::staff::wait_text(left)
            )
        }
        (None, Some(PinOutcome::Wrong { tries_left })) => format!(
            "Wrong PIN. {tries_left} {} left.",
            if tries_left == 1 { "try" } else { "tries" }
        ),
        _ => "Type the staff PIN from content.ron.".to_owned(),
    };
    let locked = gate.locked_for(now).is_some();
    let message_colour = if locked || gate.last_outcome().is_some() {
        colours.accent
    } else {
        colours.text_secondary
    };
    text_at(
        ui,
        frame,
        pos2(pad_left, y),
        &message,
        BODY_S,
        message_colour,
        pad_width,
        2,
    );
    y += space::XXXL;

    let keys = [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", "OK",
    ];
    for (i, label) in keys.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "twelve keys")]
        let (col, row) = ((i % 3) as f32, (i / 3) as f32);
        let rect = Rect::from_min_size(
            pos2(pad_left + col * (key.x + gap), y + row * (key.y + gap)),
            key,
        );
        let kind = if *label == "OK" {
            ButtonKind::Primary
        } else {
            ButtonKind::Secondary
        };
        let id = Id::unique("staff-key").with(label);
        if Button::pill(label)
            .kind(kind)
            .ui(ui, frame, colours, rect, id)
            .clicked()
        {
            action = Some(match *label {
                "Delete" => StaffAction::Erase,
                "OK" => StaffAction::Submit,
                digit => StaffAction::Digit(digit.chars().next().unwrap_or('0')),
            });
        }
    }
    y += 4.0 * (key.y + gap) + space::L;
    let back = Rect::from_min_size(pos2(pad_left, y), vec2(pad_width, key.y));
    if Button::pill("Back to visitors")
        .ui(ui, frame, colours, back, Id::unique("staff-back"))
        .clicked()
    {
        action = Some(StaffAction::Back);
    }
    action
}

/// "2 d 3 h 12 min", "3 h 4 min", "12 min 5 s".
pub fn format_uptime(uptime: Duration) -> String {
    let secs = uptime.as_secs();
    let (days, hours, mins, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    if days > 0 {
        format!("{days} d {hours} h {mins} min")
    } else if hours > 0 {
        format!("{hours} h {mins} min")
    } else {
        format!("{mins} min {s} s")
    }
}

/// Local date and time of `at`, such as "2026-11-28 14:03:11".
fn local_time(at: SystemTime) -> String {
    jiff::Timestamp::try_from(at).map_or_else(
        |_| "?".to_owned(),
        |t| {
            t.to_zoned(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%d %H:%M:%S")
                .to_string()
        },
    )
}

/// The outcome of a content that loaded: fine, or fine with warnings.
fn content_outcome(reload: &ReloadStatus, colours: &Colours) -> (String, Color32) {
    if reload.warnings.is_empty() {
        ("Fine".to_owned(), colours.text)
    } else {
        (
            format!(
                "Fine, with {} warning{} (see vitrina check)",
                reload.warnings.len(),
                if reload.warnings.len() == 1 { "" } else { "s" }
            ),
            colours.text,
        )
    }
}

/// The rows of the panel: what each says and the colour of its value.
pub fn panel_rows(info: &StaffInfo<'_>, colours: &Colours) -> Vec<(&'static str, String, Color32)> {
    let reload = info.reload;
    let last_reload = match (reload.last_applied, reload.applied) {
        (Some(at), n) => format!(
            "{} ({n} reload{} since start{})",
            local_time(at),
            if n == 1 { "" } else { "s" },
            reload
                .last_took
                .map_or_else(String::new, |t| format!(", loaded in {} ms", t.as_millis()))
        ),
        (None, _) => "none since start: showing the content loaded at start".to_owned(),
    };
    let (outcome, outcome_colour) = match (&reload.error, &reload.settings_error) {
        (Some(_), _) => (
            "The file on disk has errors; visitors still see the last good content:".to_owned(),
            colours.accent,
        ),
        (None, Some(_)) => (
            "kiosk.ron has errors; this kiosk keeps its last good settings:".to_owned(),
            colours.accent,
        ),
        (None, None) => content_outcome(reload, colours),
    };
    let watching = if reload.watching {
        "on: edits show within a second"
    } else {
        "off: edits need Reload now or a restart"
    };
    vec![
        (
            "Content",
            info.content_path.display().to_string(),
            colours.text,
        ),
        ("Hot reload", watching.to_owned(), colours.text),
        ("Last reload", last_reload, colours.text),
        ("Outcome", outcome, outcome_colour),
        (
            "Frame time",
            info.frame_time.map_or_else(
                || "not measured yet".to_owned(),
                |t| {
                    format!(
                        "{:.2} ms of CPU for the last frame",
                        t.as_secs_f64() * 1000.0
                    )
                },
            ),
            colours.text,
        ),
        (
            "Memory",
            info.memory.map_or_else(
                || "unknown".to_owned(),
                #[expect(clippy::cast_precision_loss, reason = "megabytes for people")]
                |bytes| format!("{:.0} MB resident", bytes as f64 / 1_048_576.0),
            ),
            colours.text,
        ),
        ("Uptime", format_uptime(info.uptime), colours.text),
    ]
}

/// The panel: the kiosk's health, then Reload now, Back to visitors and Exit.
fn panel_ui(
    ui: &mut Ui,
    frame: &Frame,
    colours: &Colours,
    gate: &StaffGate,
    info: &StaffInfo<'_>,
    now: f64,
) -> Option<StaffAction> {
    let (left, width) = column(frame);
    let mut y = heading(ui, frame, colours, left, width, "Staff panel");
    let label_w = 240.0;
    let value_w = width - label_w;
    for (label, value, colour) in panel_rows(info, colours) {
        // The label's 32-point line sits on the value's 42-point line.
        text_at(
            ui,
            frame,
            pos2(left, y + 7.0),
            label,
            LABEL,
            colours.text_secondary,
            label_w,
            1,
        );
        let h = text_at(
            ui,
            frame,
            pos2(left + label_w, y),
            &value,
            BODY,
            colour,
            value_w,
            3,
        );
        y += h.max(32.0) + space::M;
        if label == "Outcome"
            && let Some(error) = info
                .reload
                .error
                .as_ref()
                .or(info.reload.settings_error.as_ref())
        {
            y += error_ui(ui, frame, colours, pos2(left + label_w, y), value_w, error) + space::M;
        }
    }

    let row_h = size::BUTTON;
    let buttons = [
        (
            "Reload now",
            ButtonKind::Primary,
            StaffAction::ReloadNow,
            260.0,
        ),
        (
            "Back to visitors",
            ButtonKind::Secondary,
            StaffAction::Back,
            320.0,
        ),
        (
            "Exit Vitrina",
            ButtonKind::Secondary,
            StaffAction::Exit,
            260.0,
        ),
    ];
    // The buttons wrap onto a second row on a narrow screen (portrait, larger text).
    let right = frame.size.x - left;
    let mut places = Vec::with_capacity(buttons.len());
    let (mut x, mut row) = (left, 0.0_f32);
    for &(.., w) in &buttons {
        if x + w > right && x > left {
            (x, row) = (left, row + 1.0);
        }
        places.push((x, row));
        x += w + space::L;
    }
    let rows_h = (row + 1.0) * row_h + row * space::M;
    // Under the rows, but never off the screen when an error is long.
    y = (y + 40.0).min(frame.size.y - rows_h - 72.0);
    let mut action = None;
    for ((label, kind, act, w), (x, row)) in buttons.into_iter().zip(places) {
        let rect = Rect::from_min_size(pos2(x, y + row * (row_h + space::M)), vec2(w, row_h));
        if Button::pill(label)
            .kind(kind)
            .ui(
                ui,
                frame,
                colours,
                rect,
                Id::unique("staff-action").with(label),
            )
            .clicked()
        {
            action = Some(act);
        }
    }
    let y = y + rows_h - row_h;
    if let Some(left_secs) = gate.leaves_in(now) {
        text_at(
            ui,
            frame,
            pos2(left, y + row_h + 20.0),
            &format!(
                "Closes by itself in {:.0} s without a touch.",
                left_secs.ceil()
            ),
            CAPTION,
            colours.text_tertiary,
            width,
            1,
        );
    }
    action
}

/// The full error text, in a monospace block on a raised panel; returns its height. A
/// long error shows its first lines and, always visible below them, how many more there are.
fn error_ui(
    ui: &Ui,
    frame: &Frame,
    colours: &Colours,
    at: egui::Pos2,
    width: f32,
    error: &str,
) -> f32 {
    let (shown, more) = panel_text(error);
    let pad = 20.0;
    let layout = |text: String, colour: Color32, max_rows: usize| {
        let mut job = egui::text::LayoutJob::single_section(
            text,
            egui::TextFormat {
                font_id: FontId::monospace(frame.pt(20.0)),
                color: colour,
                line_height: Some(frame.pt(28.0)),
                ..Default::default()
            },
        );
        job.wrap.max_width = frame.pt(width - 2.0 * pad);
        job.wrap.max_rows = max_rows;
        job.wrap.overflow_character = Some('…');
        ui.ctx().fonts_mut(|fonts| fonts.layout_job(job))
    };
    let galley = layout(shown, colours.text, 9);
    let count = (more > 0).then(|| {
        layout(
            format!("… and {more} more lines: run vitrina check for the whole list"),
            colours.text_secondary,
            2,
        )
    });
    let text_height = frame.design_len(galley.size().y);
    let count_height = count
        .as_ref()
        .map_or(0.0, |count| 8.0 + frame.design_len(count.size().y));
    let height = text_height + count_height + 2.0 * pad;
    let rect = Rect::from_min_size(at, vec2(width, height));
    ui.painter().rect_filled(
        frame.rect(rect),
        egui::CornerRadius::same(super::widgets::radius(frame, 12.0)),
        colours.raised,
    );
    ui.painter()
        .galley(frame.pos(at + vec2(pad, pad)), galley, colours.text);
    if let Some(count) = count {
        let y = pad + text_height + 8.0;
        ui.painter()
            .galley(frame.pos(at + vec2(pad, y)), count, colours.text_secondary);
    }
    height
}

/// Most lines of an error text laid out on the panel: three lines of at most
/// [`PANEL_LINE_BYTES`] fill its nine rows at 1920 pixels wide.
const PANEL_LINES: usize = 3;
/// Most bytes of one line of an error text on the panel.
const PANEL_LINE_BYTES: usize = 300;

/// The part of `error` the panel lays out (its first lines, each cut short) and how many
/// lines are left out, so that a huge error (from any source) costs no more than a screenful
/// to lay out and draw, and staff always see that there is more.
fn panel_text(error: &str) -> (String, usize) {
    let mut lines = error.lines();
    let text: Vec<String> = lines
        .by_ref()
        .take(PANEL_LINES)
        .map(|line| crate::content::limits::cut_middle(line, PANEL_LINE_BYTES))
        .collect();
    (text.join("\n"), lines.count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uptime_reads_in_the_largest_units() {
        assert_eq!(
            format_uptime(Duration::from_secs(65)),
            "1 min 5 s",
            "minutes"
        );
        assert_eq!(
            format_uptime(Duration::from_secs(3 * 3600 + 240)),
            "3 h 4 min",
            "hours"
        );
        assert_eq!(
            format_uptime(Duration::from_secs(2 * 86_400 + 3 * 3600 + 720)),
            "2 d 3 h 12 min",
            "days"
        );
    }

    #[test]
    fn a_failed_reload_shows_in_the_outcome_row() {
        let colours = Colours::from_palette(&crate::content::Palette::default());
        let reload = ReloadStatus {
            error: Some("content.ron:3:7: expected a string".to_owned()),
            ..ReloadStatus::default()
        };
        let info = StaffInfo {
            content_path: Path::new("/srv/kiosk/content.ron"),
            reload: &reload,
            frame_time: Some(Duration::from_micros(420)),
            memory: Some(150 * 1_048_576),
            uptime: Duration::from_secs(90),
        };
        let rows = panel_rows(&info, &colours);
        let row = |name: &str| {
            rows.iter()
                .find(|(label, ..)| *label == name)
                .map(|(_, value, colour)| (value.clone(), *colour))
                .unwrap_or_default()
        };
        assert!(
            row("Outcome").0.contains("errors"),
            "the outcome says errors"
        );
        assert_eq!(row("Outcome").1, colours.accent, "in the attention colour");
        assert_eq!(
            row("Frame time").0,
            "0.42 ms of CPU for the last frame",
            "frame"
        );
        assert_eq!(row("Memory").0, "150 MB resident", "memory");
        assert_eq!(row("Content").0, "/srv/kiosk/content.ron", "path");
        assert!(
            row("Last reload").0.starts_with("none since start"),
            "no reload yet"
        );
    }

    #[test]
    fn a_huge_error_is_cut_to_a_screenful_before_it_is_laid_out() {
        let line = format!(
            "content.ron:1:5: languages[1].code: \"{}\"",
            "x".repeat(10_000)
        );
        let error = vec![line; 400].join("\n");
        let (text, more) = panel_text(&error);
        assert_eq!(text.lines().count(), PANEL_LINES, "a screenful");
        assert_eq!(more, 400 - PANEL_LINES, "the rest counted");
        assert!(
            text.len() <= PANEL_LINES * (PANEL_LINE_BYTES + 1),
            "{} bytes",
            text.len()
        );
        assert!(
            text.starts_with("content.ron:1:5: languages[1].code"),
            "the start of each line stays: {text}"
        );
        assert_eq!(
            panel_text("one line"),
            ("one line".to_owned(), 0),
            "a short error as it is"
        );
    }
}
