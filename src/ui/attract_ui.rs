//! The attract loop: full-screen slides that cross-fade, a slow pan and zoom on pictures,
//! big key figures, a calm touch hint that needs no words, and slide progress.

use crate::tokens::{radii, size, space};
use egui::{Pos2, Rect, Ui, pos2, vec2};

use super::attract_motion::{Drift, backdrop_ui, touch_hint_ui};
use super::home_ui::{figure_height, figure_ui};
use super::theme::{EYEBROW, H1, HERO, LEAD, TypeStyle};
use super::view::View;
use super::widgets::{FadeFrom, fade, galley, signature, text_at, upper};
use crate::content::Slide;
use crate::content::hours::{ClosedScreen, OpeningHours};
use crate::platform::images::Pictures;
use crate::state::count_up::{COUNT_UP_DELAY_SECS, count_up};
use crate::state::slideshow::{SlideAt, Slideshow, tour_stop};

/// Draws a map tour stop on an attract slide. The map screen implements it, so the loop
/// draws the map without `ui` importing `map` (which builds on `ui`).
pub trait TourMap {
    /// Draws the map without panels or gestures, flying to `presets[stop]` whenever `stop`
    /// changes.
    fn tour_ui(&mut self, ui: &mut Ui, view: &View<'_>, presets: &[String], stop: usize);
}

/// `wanted` design points of measure, or the screen's width inside its margins when that is
/// narrower (portrait): lines wrap instead of running off the right edge.
fn text_measure(view: &View<'_>, wanted: f32) -> f32 {
    wanted.min(view.frame.size.x - 2.0 * size::MARGIN_SIDE)
}

/// Where a slide's words end (design points from the top): 280 above the foot, clear of
/// the touch hint and the progress (800 on a 1080 screen, so a theme's larger base size
/// keeps them on screen); on a taller screen half the extra height higher, so a portrait
/// block sits mid-screen instead of against the foot.
fn text_bottom(view: &View<'_>) -> f32 {
    let height = view.frame.size.y;
    height - 280.0 - (height - 1080.0).max(0.0) / 2.0
}

/// Figure size on key-figure slides (figure xl, visual.md §2).
const FIGURE_XL: TypeStyle = TypeStyle {
    size: 200.0,
    line: 200.0,
    face: super::theme::Face::Serif,
    tracking: -2.0,
};

/// Draws the loop at `secs` seconds after it started. Returns how long the drawing stays
/// still to within about a physical pixel (the picture's drift and the touch hint), for the
/// frame pacing; quick motion (cross-fades, counting, map tours) is
/// `state::slideshow::is_lively`.
pub fn attract_ui(
    ui: &mut Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    tour_map: &mut dyn TourMap,
    show: &Slideshow,
    secs: f64,
    now: f64,
) -> f64 {
    let slides = &view.content.slides;
    let Some(at) = show.at(secs) else {
        // No slides: the story's title on the ink, and the hint.
        title_slide_ui(ui, view);
        return touch_hint_ui(ui, view, now);
    };
    let mut still_for = f64::INFINITY;
    if let Some((previous, opacity)) = at.fading_from {
        let previous_duration = slides.get(previous).map_or(1.0, |s| f64::from(s.secs()));
        // The slide underneath stays fully drawn, so no frame is ever blank.
        if let Some(slide) = slides.get(previous) {
            slide_ui(
                ui,
                view,
                pictures,
                tour_map,
                slide,
                previous_duration + at.elapsed,
                previous_duration,
                Opacity {
                    picture: 1.0,
                    words: (1.0 - 2.0 * opacity).max(0.0),
                },
            );
        }
        if let Some(slide) = slides.get(at.index) {
            slide_ui(
                ui,
                view,
                pictures,
                tour_map,
                slide,
                at.elapsed,
                at.duration,
                Opacity {
                    picture: opacity,
                    words: (2.0 * opacity - 1.0).max(0.0),
                },
            );
        }
    } else if let Some(slide) = slides.get(at.index) {
        still_for = slide_ui(
            ui,
            view,
            pictures,
            tour_map,
            slide,
            at.elapsed,
            at.duration,
            Opacity::all(1.0),
        );
    }
    chrome_ui(ui, view, show, &at);
    still_for.min(touch_hint_ui(ui, view, now))
}

/// How opaque a slide's picture and its words are drawn. In a cross-fade the pictures
/// blend throughout while the words hand over at the middle: the outgoing words are gone
/// before the incoming ones appear.
#[derive(Clone, Copy, Debug)]
struct Opacity {
    picture: f32,
    words: f32,
}

impl Opacity {
    fn all(opacity: f32) -> Self {
        Self {
            picture: opacity,
            words: opacity,
        }
    }
}

/// One slide at `elapsed` seconds of its `duration`, drawn at `opacity`; returns how long
/// its picture stays still to within a physical pixel.
#[expect(
    clippy::too_many_arguments,
    reason = "a slide needs its time and its resources"
)]
fn slide_ui(
    ui: &mut Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    tour_map: &mut dyn TourMap,
    slide: &Slide,
    elapsed: f64,
    duration: f64,
    opacity: Opacity,
) -> f64 {
    let content = view.content;
    let mut painter_ui = ui.new_child(egui::UiBuilder::new());
    painter_ui.multiply_opacity(opacity.picture);
    let ui = &mut painter_ui;
    // Words are drawn after the backdrop, at their own opacity.
    let words = if opacity.picture > 0.0 {
        opacity.words / opacity.picture
    } else {
        0.0
    };
    let screen = Rect::from_min_size(Pos2::ZERO, view.frame.size);
    #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1")]
    let progress = (elapsed / duration.max(0.1)).clamp(0.0, 1.0) as f32;
    let drift = Drift { progress, duration };
    let mut still_for = f64::INFINITY;
    match slide {
        Slide::Hero { section, .. } => {
            let Some(section) = content.section(section) else {
                return still_for;
            };
            still_for = backdrop_ui(ui, view, pictures, section.pictures.first(), screen, drift);
            ui.multiply_opacity(words);
            let frame = &view.frame;
            let colours = view.colours;
            // The text block ends near y 800; measure it to place it from the bottom up.
            let title = galley(
                ui,
                frame,
                view.t(&section.title),
                HERO,
                colours.text,
                text_measure(view, 1300.0),
                // A narrow portrait measure takes a row more rather than eliding.
                if frame.portrait { 4 } else { 3 },
            );
            let lead = galley(
                ui,
                frame,
                view.t(&section.summary),
                LEAD,
                // Parchment like the other slides' lead (visual.md §1, mockups/attract.png):
                // secondary grey-blue is for Home's intro, not the loop's one line of story.
                colours.text,
                text_measure(view, 820.0),
                3,
            );
            let (title_h, lead_h) = (
                frame.design_len(title.size().y),
                frame.design_len(lead.size().y),
            );
            let mut y = text_bottom(view) - lead_h - space::M - title_h - space::M - EYEBROW.line;
            text_at(
                ui,
                frame,
                pos2(size::MARGIN_SIDE, y),
                &upper(view.t(&section.eyebrow)),
                EYEBROW,
                colours.accent,
                text_measure(view, 1000.0),
                1,
            );
            y += EYEBROW.line + space::M;
            ui.painter()
                .galley(frame.pos(pos2(size::MARGIN_SIDE, y)), title, colours.text);
            y += title_h + space::M;
            ui.painter()
                .galley(frame.pos(pos2(size::MARGIN_SIDE, y)), lead, colours.text);
        }
        Slide::Figure {
            section, figure, ..
        } => {
            let Some(section) = content.section(section) else {
                return still_for;
            };
            let Some(figure) = section.figures.get(figure.saturating_sub(1)) else {
                return still_for;
            };
            still_for = backdrop_ui(ui, view, pictures, section.pictures.first(), screen, drift);
            ui.multiply_opacity(words);
            let figure_h = figure_height(
                ui,
                view,
                view.t(&figure.value),
                view.t(&figure.unit),
                FIGURE_XL,
                text_measure(view, 1100.0),
            );
            let top =
                text_bottom(view) - LEAD.line * 3.0 - figure_h - space::L - EYEBROW.line - space::M;
            text_at(
                ui,
                &view.frame,
                pos2(size::MARGIN_SIDE, top),
                &upper(view.t(&section.eyebrow)),
                EYEBROW,
                view.colours.accent,
                text_measure(view, 1000.0),
                1,
            );
            let figure_top = top + EYEBROW.line + space::M;
            figure_ui(
                ui,
                view,
                pos2(size::MARGIN_SIDE, figure_top),
                &count_up(
                    view.t(&figure.value),
                    view.numbers.get(view.t(&figure.value)),
                    elapsed - COUNT_UP_DELAY_SECS,
                ),
                view.t(&figure.unit),
                FIGURE_XL,
                text_measure(view, 1100.0),
            );
            text_at(
                ui,
                &view.frame,
                pos2(size::MARGIN_SIDE, figure_top + figure_h + space::L),
                view.t(&figure.label),
                LEAD,
                view.colours.text,
                text_measure(view, 820.0),
                3,
            );
        }
        Slide::Picture { picture, .. } => {
            still_for = backdrop_ui(ui, view, pictures, Some(picture), screen, drift);
            // A clip plays over its poster, under a scrim for the caption.
            crate::ui::video_ui::attract_video_ui(ui, view, picture, screen);
            ui.multiply_opacity(words);
            let y = text_bottom(view) - LEAD.line * 3.0;
            text_at(
                ui,
                &view.frame,
                pos2(size::MARGIN_SIDE, y),
                view.t(&picture.caption),
                LEAD,
                view.colours.text,
                text_measure(view, 820.0),
                3,
            );
        }
        Slide::MapTour { presets, .. } => {
            let stop = tour_stop(presets.len(), elapsed, duration);
            tour_map.tour_ui(ui, view, presets, stop);
            // The tour flies: paced as lively, never still.
            still_for = 0.0;
            ui.multiply_opacity(words);
            if let Some(preset) = presets
                .get(stop)
                .and_then(|id| content.map.presets.iter().find(|p| &p.id == id))
            {
                // The stop's name over a soft scrim at the left, like the other slides' text.
                let scrim = Rect::from_min_size(
                    Pos2::ZERO,
                    vec2(900.0_f32.min(screen.width()), screen.height()),
                );
                fade(
                    ui,
                    view.frame.rect(scrim),
                    view.colours.ink.gamma_multiply(0.8),
                    FadeFrom::Left,
                );
                let name = galley(
                    ui,
                    &view.frame,
                    view.t(&preset.name),
                    H1,
                    view.colours.text,
                    text_measure(view, 720.0),
                    2,
                );
                let y = text_bottom(view) - view.frame.design_len(name.size().y);
                ui.painter().galley(
                    view.frame.pos(pos2(size::MARGIN_SIDE, y)),
                    name,
                    view.colours.text,
                );
            }
        }
    }
    still_for
}

/// Outside opening hours: the signature, the story's title and the hours, dim on the ink;
/// or the ink alone. Numbers and the title need no translation.
pub fn closed_ui(ui: &Ui, view: &View<'_>, hours: &OpeningHours) {
    if hours.closed_screen == ClosedScreen::Blank {
        return;
    }
    let frame = &view.frame;
    let colours = view.colours;
    let centre_x = frame.size.x / 2.0;
    let title = galley(
        ui,
        frame,
        view.t(&view.content.story.title),
        H1,
        colours.text_secondary,
        text_measure(view, 1200.0),
        2,
    );
    let title_size = title.size();
    let top = frame.size.y / 2.0 - frame.design_len(title_size.y);
    let title_pos = frame.pos(pos2(centre_x, top)) - vec2(title_size.x / 2.0, 0.0);
    ui.painter()
        .galley(title_pos, title, colours.text_secondary);
    let times = format!("{}\u{2009}–\u{2009}{}", hours.open, hours.close);
    let times = galley(
        ui,
        frame,
        &times,
        LEAD,
        colours.text_secondary.gamma_multiply(0.8),
        f32::INFINITY,
        1,
    );
    let y = top + frame.design_len(title_size.y) + space::XL;
    let times_pos = frame.pos(pos2(centre_x, y)) - vec2(times.size().x / 2.0, 0.0);
    ui.painter()
        .galley(times_pos, times, colours.text_secondary);
    signature(ui, frame, colours, pos2(size::MARGIN_SIDE, 72.0 + 11.0));
}

/// The story's title on the ink (no slides, or until the map tour exists).
fn title_slide_ui(ui: &Ui, view: &View<'_>) {
    text_at(
        ui,
        &view.frame,
        pos2(size::MARGIN_SIDE, 480.0),
        view.t(&view.content.story.title),
        HERO,
        view.colours.text,
        text_measure(view, 1400.0),
        2,
    );
}

/// Signature and story title at the top left, progress at the bottom left, language names
/// at the bottom right.
fn chrome_ui(ui: &Ui, view: &View<'_>, show: &Slideshow, at: &SlideAt) {
    let frame = &view.frame;
    let colours = view.colours;
    signature(ui, frame, colours, pos2(size::MARGIN_SIDE, 72.0 + 11.0));
    let title = upper(view.t(&view.content.story.title));
    text_at(
        ui,
        frame,
        pos2(200.0, 72.0),
        &title,
        EYEBROW,
        colours.text_secondary,
        text_measure(view, 1200.0),
        1,
    );
    let bottom = frame.size.y - space::XXXL;
    for i in 0..show.len() {
        #[expect(clippy::cast_precision_loss, reason = "a handful of slides")]
        let x = size::MARGIN_SIDE + i as f32 * (56.0 + space::XS);
        let segment = Rect::from_min_size(pos2(x, bottom), vec2(56.0, 4.0));
        ui.painter().rect_filled(
            frame.rect(segment),
            frame.pt(radii::pill(4.0)),
            colours.line,
        );
        if i == at.index {
            #[expect(clippy::cast_possible_truncation, reason = "a fraction 0..1")]
            let done = (at.elapsed / at.duration).clamp(0.0, 1.0) as f32;
            let filled = Rect::from_min_size(segment.min, vec2(56.0 * done, 4.0));
            ui.painter().rect_filled(
                frame.rect(filled),
                frame.pt(radii::pill(4.0)),
                colours.accent,
            );
        }
    }
    let names: Vec<&str> = view
        .content
        .languages
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    let names = names.join("   ");
    let galley = super::widgets::galley(
        ui,
        frame,
        &names,
        super::theme::LABEL,
        colours.text.gamma_multiply(0.85),
        f32::INFINITY,
        1,
    );
    let pos = frame.pos(pos2(frame.size.x - size::MARGIN_SIDE, bottom - 14.0))
        - vec2(galley.size().x, 0.0);
    ui.painter().galley(pos, galley, colours.text);
}
