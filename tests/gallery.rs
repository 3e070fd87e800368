//! A section's gallery and its key figures as a visitor meets them: a swipe across the
//! picture shows the next picture, a dot picks one, the gallery starts over when the section
//! is entered again, every key figure is on screen or a scroll away, and a figure's note
//! shows. On the fixture `tests/fixtures/gallery/content.ron` (three pictures, notes) and the
//! shipped content; the fixture's section screen is also audited like every shipped screen.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{drag, painted_text, settle, shipped, tap};
use egui::{Pos2, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use vitrina::a11y::reader::{FakeSpeaker, SpeakError, Speaker};
use vitrina::app::show::Shot;
use vitrina::app::{Screen, VitrinaApp};
use vitrina::content::{LoadedContent, load_content};
use vitrina::preview::audit::{Rules, audit, controls};

const SIZES: [[f32; 2]; 4] = [
    [1280.0, 720.0],
    [1920.0, 1080.0],
    [3840.0, 2160.0],
    [1080.0, 1920.0],
];

const CAPTIONS: [&str; 3] = [
    "Ships bring gas by sea",
    "The terminal at Klaipėda",
    "Wind turbines in the fields",
];

fn fixture() -> LoadedContent {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gallery/content.ron");
    load_content(&path).expect("the gallery fixture loads")
}

/// The whole app on `loaded` at `size`, showing section `index` in English.
fn on_section(loaded: LoadedContent, size: [f32; 2], index: usize) -> Harness<'static, VitrinaApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(64)
        .build_eframe(move |cc| {
            VitrinaApp::new(&cc.egui_ctx, loaded).with_idle_timeout(Some(86_400))
        });
    harness.state_mut().show(Shot::Screen {
        screen: Screen::Section(index),
        lang: "en".to_owned(),
    });
    settle(&mut harness);
    harness
}

/// The rectangle of the node labelled `label`.
fn rect_of(harness: &Harness<'static, VitrinaApp>, label: &str) -> Rect {
    harness.get_by_label(label).rect()
}

/// Where the painted text starting with `prefix` lies (screen points).
fn painted_rect(harness: &Harness<'static, VitrinaApp>, prefix: &str) -> Option<Rect> {
    harness
        .output()
        .shapes
        .iter()
        .find_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text) if text.galley.text().starts_with(prefix) => {
                Some(Rect::from_min_size(text.pos, text.galley.size()))
            }
            _ => None,
        })
}

/// Which of the fixture's captions is painted (exactly one should be).
fn captions_shown(harness: &Harness<'static, VitrinaApp>) -> Vec<&'static str> {
    let painted = painted_text(harness);
    CAPTIONS
        .into_iter()
        .filter(|caption| painted.lines().any(|line| line == *caption))
        .collect()
}

/// A point on the gallery's picture: just above its row of dots, at its middle.
fn on_picture(harness: &Harness<'static, VitrinaApp>) -> Pos2 {
    let dots = rect_of(harness, "Picture 1 of 3");
    let scale = harness
        .state()
        .design_scale(harness.ctx.content_rect().size());
    pos2(dots.center().x, dots.top() - 60.0 * scale)
}

#[test]
fn a_swipe_across_the_picture_shows_the_next_picture_and_stays_on_the_section() {
    for size in SIZES {
        let mut harness = on_section(fixture(), size, 0);
        assert_eq!(
            captions_shown(&harness),
            [CAPTIONS[0]],
            "{size:?}: the first"
        );
        let at = on_picture(&harness);
        let scale = harness
            .state()
            .design_scale(harness.ctx.content_rect().size());
        let travel = 360.0 * scale;
        drag(&mut harness, at, at - egui::vec2(travel, 0.0), 8);
        assert_eq!(
            captions_shown(&harness),
            [CAPTIONS[1]],
            "{size:?}: a left swipe shows the second picture's caption"
        );
        assert_eq!(
            harness.state().state().screen,
            Screen::Section(0),
            "{size:?}: the page did not turn"
        );
        drag(&mut harness, at, at + egui::vec2(travel, 0.0), 8);
        assert_eq!(
            captions_shown(&harness),
            [CAPTIONS[0]],
            "{size:?}: a right swipe goes back"
        );
        // On the text a swipe still turns the page.
        let text = painted_rect(&harness, "Lithuania brings gas").expect("the body's text");
        let beside = pos2(text.center().x + travel * 0.75, text.center().y);
        drag(
            &mut harness,
            beside,
            beside - egui::vec2(travel * 1.5, 0.0),
            8,
        );
        assert_eq!(
            harness.state().state().screen,
            Screen::Section(1),
            "{size:?}: the text still turns the page"
        );
    }
}

#[test]
fn a_tapped_dot_shows_its_picture_and_the_section_entered_again_starts_at_the_first() {
    let mut harness = on_section(fixture(), [1920.0, 1080.0], 0);
    for n in 1..=3 {
        let dot = rect_of(&harness, &format!("Picture {n} of 3"));
        assert!(
            dot.width() >= 48.0 && dot.height() >= 48.0,
            "dot {n}: a hit area of at least 48 points: {dot:?}"
        );
    }
    let third = rect_of(&harness, "Picture 3 of 3").center();
    tap(&mut harness, third);
    assert_eq!(captions_shown(&harness), [CAPTIONS[2]], "the third picture");
    assert!(
        painted_text(&harness).contains("Photo: third credit"),
        "its own credit"
    );
    let home = rect_of(&harness, "Home").center();
    tap(&mut harness, home);
    assert_eq!(harness.state().state().screen, Screen::Home, "Home");
    let tile = rect_of(&harness, "Energy from many places").center();
    tap(&mut harness, tile);
    assert_eq!(harness.state().state().screen, Screen::Section(0), "again");
    assert_eq!(
        captions_shown(&harness),
        [CAPTIONS[0]],
        "entered again: the first picture"
    );
}

#[test]
fn a_figure_s_note_shows_under_it_and_every_figure_is_seen() {
    for size in SIZES {
        let mut harness = on_section(fixture(), size, 0);
        let painted = painted_text(&harness);
        assert!(
            painted.contains("Source: Amber Grid, 2022"),
            "{size:?}: the first figure's note: {painted}"
        );
        assert_every_figure_reached(&mut harness, 0, &fixture(), size);
    }
}

#[test]
fn every_figure_of_the_longest_shipped_section_is_on_screen_or_a_scroll_away() {
    let loaded = shipped();
    let sections = &loaded.content.sections;
    let index = loaded.content.section_index("energy").expect("energy");
    assert!(
        sections
            .iter()
            .all(|s| s.figures.len() <= sections[index].figures.len()),
        "energy has the most figures"
    );
    for size in SIZES {
        let mut harness = on_section(shipped(), size, index);
        assert_every_figure_reached(&mut harness, index, &loaded, size);
    }
}

#[test]
fn with_larger_text_every_picture_follows_a_paragraph_in_the_scrolling_column() {
    for size in [[1920.0, 1080.0], [1080.0, 1920.0]] {
        let loaded = fixture();
        let mut harness = Harness::builder()
            .with_size(size)
            .with_max_steps(64)
            .build_eframe(move |cc| {
                VitrinaApp::new(&cc.egui_ctx, loaded)
                    .with_idle_timeout(Some(86_400))
                    .with_accessibility(true, false)
            });
        harness.state_mut().show(Shot::Screen {
            screen: Screen::Section(0),
            lang: "en".to_owned(),
        });
        settle(&mut harness);
        let textured = |harness: &Harness<'static, VitrinaApp>| {
            harness.output().shapes.iter().any(|clipped| {
                matches!(&clipped.shape, egui::Shape::Rect(rect)
                    if rect.fill_texture_id() != egui::TextureId::default())
            })
        };
        let mut seen = [false; 3];
        let mut pictures_painted = false;
        for _ in 0..30 {
            let painted = painted_text(&harness);
            for (caption, seen) in CAPTIONS.iter().zip(&mut seen) {
                *seen |= painted.contains(caption);
            }
            pictures_painted |= textured(&harness);
            if seen.iter().all(|s| *s) && pictures_painted {
                break;
            }
            let x = size[0] * 0.3;
            drag(
                &mut harness,
                pos2(x, size[1] * 0.5),
                pos2(x, size[1] * 0.3),
                6,
            );
        }
        assert_eq!(seen, [true; 3], "{size:?}: every caption is reached");
        assert!(pictures_painted, "{size:?}: the pictures are drawn");
        assert_eq!(
            harness.state().state().screen,
            Screen::Section(0),
            "{size:?}: still on the section"
        );
    }
}

/// Every figure label of section `index` is painted, scrolling the body down as needed.
fn assert_every_figure_reached(
    harness: &mut Harness<'static, VitrinaApp>,
    index: usize,
    loaded: &LoadedContent,
    size: [f32; 2],
) {
    let labels: Vec<String> = loaded.content.sections[index]
        .figures
        .iter()
        .map(|f| f.label.resolve("en", "en").to_owned())
        .collect();
    let mut seen = vec![false; labels.len()];
    let first = loaded.content.sections[index].body[0].resolve("en", "en");
    let body = painted_rect(harness, first).expect("the body's text");
    for _ in 0..12 {
        let painted = painted_text(harness);
        for (label, seen) in labels.iter().zip(&mut seen) {
            *seen |= painted.contains(label.as_str());
        }
        if seen.iter().all(|s| *s) {
            return;
        }
        // Scroll the body on (a vertical drag anywhere on the page scrolls it).
        let from = pos2(body.center().x, body.top() + size[1] * 0.25);
        let to = pos2(body.center().x, body.top());
        drag(harness, from, to, 6);
    }
    let missing: Vec<&String> = labels
        .iter()
        .zip(&seen)
        .filter(|(_, s)| !**s)
        .map(|(l, _)| l)
        .collect();
    panic!("{size:?}: figures never seen: {missing:?}");
}

/// The fixture with the gallery's three pictures repeated to `count`.
fn fixture_with_pictures(count: usize) -> LoadedContent {
    let mut loaded = fixture();
    let pictures = &mut loaded.content.sections[0].pictures;
    let three = pictures.clone();
    pictures.clear();
    pictures.extend(three.iter().cycle().take(count).cloned());
    loaded
}

/// The layout audit's defects of the fixture's gallery section (with `loaded`'s pictures)
/// at every size, in both languages, plain and with larger text and high contrast.
/// `control` is the name of a gallery control that must be there on a plain screen.
fn audit_gallery(loaded: &LoadedContent, control: [&str; 2]) -> Vec<String> {
    let mut defects = Vec::new();
    for size in SIZES {
        for (lang, control) in ["en", "lt"].into_iter().zip(control) {
            for accessible in [false, true] {
                let loaded = loaded.clone();
                let mut harness = Harness::builder()
                    .with_size(size)
                    .with_pixels_per_point(1.0)
                    .with_max_steps(200)
                    .build_eframe(move |cc| {
                        let app =
                            VitrinaApp::new(&cc.egui_ctx, loaded).with_idle_timeout(Some(86_400));
                        if accessible {
                            app.with_accessibility(true, true)
                        } else {
                            app
                        }
                    });
                harness.state_mut().show(Shot::Screen {
                    screen: Screen::Section(0),
                    lang: lang.to_owned(),
                });
                settle(&mut harness);
                harness.step();
                let screen = Rect::from_min_size(Pos2::ZERO, egui::Vec2::from(size));
                let rules = Rules {
                    screen,
                    scale: harness.state().design_scale(screen.size()),
                    reach_top: Some(screen.height() / 3.0),
                };
                let output = harness.output().clone();
                let controls = controls(&harness.ctx, &output);
                if !accessible {
                    assert!(
                        harness.query_by_label(control).is_some(),
                        "{size:?} {lang}: the gallery's {control:?}: {controls:?}"
                    );
                }
                for defect in audit(&output.shapes, &controls, None, rules) {
                    defects.push(format!("{size:?} {lang} accessible={accessible}: {defect}"));
                }
            }
        }
    }
    defects
}

#[test]
fn the_gallery_section_lays_out_cleanly_at_every_size() {
    let defects = audit_gallery(&fixture(), ["Picture 2 of 3", "Paveikslėlis 2 iš 3"]);
    assert!(
        defects.is_empty(),
        "{} defects:\n{}",
        defects.len(),
        defects.join("\n")
    );
}

#[test]
fn a_long_gallery_steps_with_previous_and_next_round_a_count() {
    let defects = audit_gallery(
        &fixture_with_pictures(30),
        ["Picture 2 of 30", "Paveikslėlis 2 iš 30"],
    );
    assert!(
        defects.is_empty(),
        "{} defects:\n{}",
        defects.len(),
        defects.join("\n")
    );
    let mut harness = on_section(fixture_with_pictures(30), [1920.0, 1080.0], 0);
    assert!(
        harness.query_by_label("Picture 30 of 30").is_none(),
        "no dot for each picture"
    );
    assert!(painted_text(&harness).contains("1 / 30"), "the count");
    let next = rect_of(&harness, "Picture 2 of 30").center();
    tap(&mut harness, next);
    assert!(
        painted_text(&harness).contains("2 / 30"),
        "the next picture"
    );
    assert_eq!(captions_shown(&harness), [CAPTIONS[1]], "its caption");
}

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

#[test]
fn reading_a_picture_s_caption_aloud_turns_the_gallery_to_it() {
    let speaker = Shared(Rc::new(RefCell::new(FakeSpeaker::with_voices(&[
        "en", "lt",
    ]))));
    let handed = speaker.clone();
    let loaded = fixture();
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            VitrinaApp::new(&cc.egui_ctx, loaded)
                .with_idle_timeout(Some(86_400))
                .with_speaker(Box::new(handed))
        });
    harness.state_mut().show(Shot::Screen {
        screen: Screen::Section(0),
        lang: "en".to_owned(),
    });
    settle(&mut harness);
    for label in ["Accessibility", "Read aloud"] {
        harness.get_by_label(label).click();
        harness.step();
        settle(&mut harness);
    }
    assert_eq!(captions_shown(&harness), [CAPTIONS[0]], "the first picture");
    let mut reached = false;
    for _ in 0..20 {
        let last = speaker.0.borrow().spoken().last().map(|s| (*s).to_owned());
        if last.as_deref() == Some(CAPTIONS[1]) {
            reached = true;
            break;
        }
        harness.get_by_label("Next paragraph").click();
        harness.step();
        settle(&mut harness);
    }
    assert!(
        reached,
        "the second picture's caption is read: {:?}",
        speaker.0.borrow().spoken()
    );
    assert_eq!(
        captions_shown(&harness),
        [CAPTIONS[1]],
        "the gallery shows the picture whose caption is read"
    );
}
