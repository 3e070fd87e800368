//! "Take it with you": a section's links as QR codes at the end of its text. The label and
//! short address are shown, the code drawn on screen reads back as the address (decoded
//! from the rendered pixels as a phone would), and the scrolled-to-the-end section lays out
//! cleanly at every size, in both languages, plain and with larger text and high contrast.

mod common;

use common::{painted_text, settle};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use vitrina::app::show::Shot;
use vitrina::app::{Screen, VitrinaApp};
use vitrina::content::{Link, LoadedContent, Text};
use vitrina::preview::A11yLook;
use vitrina::preview::audit::{Rules, audit, controls};

const SIZES: [[f32; 2]; 4] = [
    [1280.0, 720.0],
    [1920.0, 1080.0],
    [3840.0, 2160.0],
    [1080.0, 1920.0],
];

/// The longest address a link may have (`limits::MAX_LINK_URL_BYTES`).
const LONGEST: &str = "https://www.example.lt/en/news/energy-independence-from-the-lng-terminal-to-synchronisation-with-europe?from=kiosk-entry";

/// The shipped content with two links at the end of the first section.
fn with_links() -> LoadedContent {
    assert_eq!(
        LONGEST.len(),
        vitrina::content::limits::MAX_LINK_URL_BYTES,
        "the longest address allowed"
    );
    let mut loaded = common::shipped();
    loaded.content.sections[0].links = vec![
        Link {
            label: Text::from_pairs([
                ("en", "The Ministry of Foreign Affairs"),
                ("lt", "Užsienio reikalų ministerija"),
            ]),
            url: Text::same("https://www.urm.lt/en/"),
        },
        Link {
            label: Text::from_pairs([
                ("en", "Energy independence, the whole story"),
                ("lt", "Energetinė nepriklausomybė: visa istorija"),
            ]),
            url: Text::same(LONGEST),
        },
    ];
    loaded
}

/// The app on the first section with links, at `size`, in `lang` with `look`.
fn section_with_links(size: [f32; 2], lang: &str, look: A11yLook) -> Harness<'static, VitrinaApp> {
    section_of(with_links(), size, lang, look)
}

/// The app on the first section of `loaded`, at `size`, in `lang` with `look`.
fn section_of(
    loaded: LoadedContent,
    size: [f32; 2],
    lang: &str,
    look: A11yLook,
) -> Harness<'static, VitrinaApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(1.0)
        .with_step_dt(0.1)
        .with_max_steps(200)
        .build_eframe(move |cc| {
            let app = VitrinaApp::new(&cc.egui_ctx, loaded).with_idle_timeout(Some(86_400));
            if look.large_text || look.high_contrast {
                app.with_accessibility(look.large_text, look.high_contrast)
            } else {
                app
            }
        });
    harness.state_mut().show(Shot::Screen {
        screen: Screen::Section(0),
        lang: lang.to_owned(),
    });
    harness.step();
    settle(&mut harness);
    harness
}

/// Scrolls the section's text to its end with upward drags.
fn scroll_to_end(harness: &mut Harness<'static, VitrinaApp>, size: [f32; 2]) {
    let x = size[0] * 0.3;
    let mut last = -1.0;
    for _ in 0..20 {
        common::drag(
            harness,
            egui::pos2(x, size[1] * 0.55),
            egui::pos2(x, size[1] * 0.2),
            6,
        );
        let scroll = harness.state().section_scroll();
        if scroll <= last {
            break;
        }
        last = scroll;
    }
    assert!(last > 0.0, "{size:?}: the text scrolled");
    assert_eq!(
        harness.state().state().screen,
        Screen::Section(0),
        "{size:?}: still on the section"
    );
}

#[test]
fn a_section_with_links_shows_each_label_and_short_address() {
    let size = [1920.0, 1080.0];
    for (lang, label) in [
        ("en", "The Ministry of Foreign Affairs"),
        ("lt", "Užsienio reikalų ministerija"),
    ] {
        let mut harness = section_with_links(size, lang, A11yLook::default());
        assert!(
            !painted_text(&harness).contains("urm.lt/en"),
            "{lang}: the links wait at the end of the text"
        );
        scroll_to_end(&mut harness, size);
        let text = painted_text(&harness);
        for words in [label, "urm.lt/en", "example.lt/en/news/energy-independence"] {
            assert!(text.contains(words), "{lang}: {words:?} is shown:\n{text}");
        }
        assert!(!text.contains("https://"), "{lang}: no scheme shown");
        // Named for screen readers as text, not as a button: the kiosk opens nothing.
        let name = format!("{label}, urm.lt/en");
        let node = harness.get_by_label(&name);
        assert_eq!(
            node.accesskit_node().role(),
            egui::accesskit::Role::Label,
            "{lang}: a label"
        );
    }
}

/// Every QR code decoded from the rendered screen.
fn decoded(harness: &mut Harness<'static, VitrinaApp>) -> Vec<String> {
    let image = harness.render().expect("renders");
    let grey = image::imageops::grayscale(&image);
    let (w, h) = grey.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
            #[expect(clippy::cast_possible_truncation, reason = "inside the image")]
            grey.get_pixel(x as u32, y as u32).0[0]
        });
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}

#[test]
fn the_code_on_screen_reads_back_as_the_address() {
    for size in [[1920.0, 1080.0], [1280.0, 720.0]] {
        let mut harness = section_with_links(size, "en", A11yLook::default());
        scroll_to_end(&mut harness, size);
        let found = decoded(&mut harness);
        assert!(
            found.iter().any(|text| text == LONGEST),
            "{size:?}: the last code, fully in view, reads as its address: {found:?}"
        );
    }
}

#[test]
fn a_link_with_an_address_per_language_shows_the_visitor_s() {
    let size = [1920.0, 1080.0];
    let lithuanian = "https://www.urm.lt/lt/energetika";
    for (lang, address, other) in [("en", LONGEST, lithuanian), ("lt", lithuanian, LONGEST)] {
        let mut loaded = with_links();
        loaded.content.sections[0].links[1].url =
            Text::from_pairs([("en", LONGEST), ("lt", lithuanian)]);
        let mut harness = section_of(loaded, size, lang, A11yLook::default());
        scroll_to_end(&mut harness, size);
        let found = decoded(&mut harness);
        assert!(
            found.iter().any(|text| text == address),
            "{lang}: the code reads as this language's address: {found:?}"
        );
        assert!(
            !found.iter().any(|text| text == other),
            "{lang}: not the other's: {found:?}"
        );
    }
}

#[test]
fn in_high_contrast_the_code_is_still_dark_on_light_and_reads_back() {
    let size = [1920.0, 1080.0];
    let look = A11yLook {
        on: true,
        large_text: false,
        high_contrast: true,
    };
    let mut harness = section_with_links(size, "en", look);
    scroll_to_end(&mut harness, size);
    let found = decoded(&mut harness);
    assert!(
        found.iter().any(|text| text == LONGEST),
        "the code reads as its address: {found:?}"
    );
}

/// Every layout defect of the section scrolled to its links at `size`.
fn audit_links(size: [f32; 2]) {
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
            let mut harness = section_with_links(size, lang, look);
            scroll_to_end(&mut harness, size);
            harness.step();
            let text = painted_text(&harness);
            assert!(
                text.contains("example.lt/en/news"),
                "{size:?} {lang} {look:?}: the last link is in view:\n{text}"
            );
            let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::Vec2::from(size));
            let rules = Rules {
                screen,
                scale: harness.state().design_scale(screen.size()),
                reach_top: Some(screen.height() / 3.0),
            };
            let output = harness.output().clone();
            all.extend(
                code_defects(&output.shapes, rules.scale)
                    .into_iter()
                    .map(|d| format!("{size:?} {lang} {look:?}: {d}")),
            );
            let controls = controls(&harness.ctx, &output);
            for defect in audit(&output.shapes, &controls, None, rules) {
                all.push(format!("{size:?} {lang} {look:?}: {defect}"));
            }
        }
    }
    assert!(all.is_empty(), "{} defects:\n{}", all.len(), all.join("\n"));
}

/// The codes' light squares in view (points, clipped): square, opaque and light.
fn code_squares(
    shapes: &[egui::epaint::ClippedShape],
    scale: f32,
) -> Vec<(egui::Rect, egui::Rect)> {
    shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Rect(rect)
                if (rect.rect.width() - rect.rect.height()).abs() < 0.5
                    && rect.rect.width() >= 150.0 * scale
                    && rect.fill.a() == u8::MAX
                    && rect.fill.r() > 200 =>
            {
                Some((rect.rect, clipped.clip_rect))
            }
            _ => None,
        })
        .collect()
}

/// What the general audit does not see about codes: one drawn under 200 design points, or
/// text over one.
fn code_defects(shapes: &[egui::epaint::ClippedShape], scale: f32) -> Vec<String> {
    let squares = code_squares(shapes, scale);
    let mut defects = Vec::new();
    if squares.is_empty() {
        defects.push("no QR code in view".to_owned());
    }
    for (square, clip) in &squares {
        if square.width() < 200.0 * scale - 0.5 {
            defects.push(format!(
                "a QR code {:.0} design points wide, under 200",
                square.width() / scale
            ));
        }
        let seen = square.intersect(*clip);
        for clipped in shapes {
            if let egui::Shape::Text(text) = &clipped.shape {
                let rect = text.galley.rect.translate(text.pos.to_vec2());
                let over = rect.intersect(clipped.clip_rect).intersect(seen);
                if over.width() > 1.0 && over.height() > 1.0 {
                    defects.push(format!("text {:?} over a QR code", text.galley.text()));
                }
            }
        }
    }
    defects
}

#[test]
fn links_lay_out_cleanly_at_1280x720() {
    audit_links(SIZES[0]);
}

#[test]
fn links_lay_out_cleanly_at_1920x1080() {
    audit_links(SIZES[1]);
}

#[test]
fn links_lay_out_cleanly_at_3840x2160() {
    audit_links(SIZES[2]);
}

#[test]
fn links_lay_out_cleanly_at_1080x1920() {
    audit_links(SIZES[3]);
}
