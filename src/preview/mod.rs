//! `vitrina preview`: every screen rendered to PNG files without a display, so staff can
//! review an edit and tests and benchmarks can look at pixels. The app runs in egui_kittest's
//! harness (the egui authors' headless runner) and is drawn by wgpu on whatever adapter
//! exists, Mesa's software rasterisers included.

pub mod audit;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;

use crate::app::{Screen, VitrinaApp};
use crate::content::LoadedContent;
use crate::state::Shot;

/// Input time per harness step: short, so a slide does not run on while pictures decode.
const STEP_SECS: f32 = 0.1;

/// How far into each slide the preview shows it: after its cross-fade and count-up.
const SLIDE_FRACTION: f64 = 0.3;

/// Longest real time to wait for pictures to decode, per screen.
const PICTURE_WAIT: Duration = Duration::from_secs(20);

/// One file to write: its name and what it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedShot {
    /// File name, such as `section-energy.png`.
    pub file: String,
    /// What the app shows.
    pub shot: Shot,
}

/// The files a preview writes for `loaded` in language `lang`: Home, each section, the map
/// and each map preset, the credits page, each attract slide, the "Still there?" prompt and
/// the staff panel.
pub fn plan(loaded: &LoadedContent, lang: &str) -> Vec<PlannedShot> {
    let content = &loaded.content;
    let screen = |file: String, screen: Screen| PlannedShot {
        file,
        shot: Shot::Screen {
            screen,
            lang: lang.to_owned(),
        },
    };
    let mut shots = vec![screen("home.png".to_owned(), Screen::Home)];
    for (index, section) in content.sections.iter().enumerate() {
        shots.push(screen(
            format!("section-{}.png", section.id),
            Screen::Section(index),
        ));
    }
    shots.push(screen("map.png".to_owned(), Screen::Map { preset: None }));
    for preset in &content.map.presets {
        shots.push(screen(
            format!("map-{}.png", preset.id),
            Screen::Map {
                preset: Some(preset.id.clone()),
            },
        ));
    }
    shots.push(screen("credits.png".to_owned(), Screen::Credits));
    for index in 0..content.slides.len() {
        shots.push(PlannedShot {
            file: format!("attract-{}.png", index + 1),
            shot: Shot::Slide {
                index,
                fraction: SLIDE_FRACTION,
            },
        });
    }
    shots.push(PlannedShot {
        file: "prompt.png".to_owned(),
        shot: Shot::Prompt {
            lang: lang.to_owned(),
        },
    });
    shots.push(PlannedShot {
        file: "staff.png".to_owned(),
        shot: Shot::Staff,
    });
    shots
}

/// How accessibility mode looks in a preview: off, or on with the visitor's choices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct A11yLook {
    /// Accessibility mode on: the reading bar, screens above it.
    pub on: bool,
    /// Larger text.
    pub large_text: bool,
    /// The high-contrast palette.
    pub high_contrast: bool,
}

/// Why a preview failed.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    /// The language is not one of the content's.
    #[error("\"{0}\" is not a language of this content; it has {1}")]
    UnknownLanguage(String, String),
    /// The output folder cannot be made.
    #[error("cannot create {0}: {1}")]
    OutDir(PathBuf, std::io::Error),
    /// Drawing failed (no graphics adapter, or the renderer failed).
    #[error("cannot render {0}: {1}")]
    Render(String, String),
    /// A file cannot be written.
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, image::ImageError),
}

/// Renders every planned screen of `loaded` at `size` pixels in `lang` (default: the
/// content's) into `out`; `written` is called with each file as it is saved.
pub fn preview(
    loaded: LoadedContent,
    out: &Path,
    size: [u32; 2],
    lang: Option<&str>,
    look: A11yLook,
    mut written: impl FnMut(&Path),
) -> Result<Vec<PathBuf>, PreviewError> {
    let lang = lang.map_or_else(
        || loaded.content.default_lang_code().to_owned(),
        str::to_owned,
    );
    if !loaded.content.languages.iter().any(|l| l.code == lang) {
        let codes: Vec<&str> = loaded
            .content
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        return Err(PreviewError::UnknownLanguage(lang, codes.join(", ")));
    }
    std::fs::create_dir_all(out).map_err(|err| PreviewError::OutDir(out.to_path_buf(), err))?;
    let shots = plan(&loaded, &lang);
    #[expect(clippy::cast_precision_loss, reason = "screen sizes")]
    let points = [size[0] as f32, size[1] as f32];
    let mut harness = Harness::builder()
        .with_size(points)
        .with_pixels_per_point(1.0)
        .with_step_dt(STEP_SECS)
        .with_max_steps(200)
        .with_accessibility_check(false)
        .wgpu()
        .build_eframe(move |cc| {
            // Every section and slide, whatever its dates: a preview reviews the whole edit.
            let app = VitrinaApp::new(&cc.egui_ctx, loaded)
                .with_idle_timeout(Some(86_400))
                .with_every_date();
            if look.on || look.large_text || look.high_contrast {
                app.with_accessibility(look.large_text, look.high_contrast)
            } else {
                app
            }
        });
    let mut files = Vec::new();
    for PlannedShot { file, shot } in shots {
        let still = matches!(shot, Shot::Screen { .. } | Shot::Staff);
        harness.state_mut().show(shot);
        settle(&mut harness, still);
        let mut image = harness
            .render()
            .map_err(|err| PreviewError::Render(file.clone(), err))?;
        let ink = eframe::App::clear_color(harness.state(), &egui::Visuals::dark());
        over_clear_colour(&mut image, ink);
        let path = out.join(&file);
        image
            .save(&path)
            .map_err(|err| PreviewError::Write(path.clone(), err))?;
        written(&path);
        files.push(path);
    }
    Ok(files)
}

/// Lays a rendered frame over the window's clear colour, as the window shows it: the
/// headless renderer clears to transparent, and the attract loop leaves the ink to the
/// clear colour (its scrim darkens toward it). Pixels are premultiplied; opaque ones stay.
fn over_clear_colour(image: &mut image::RgbaImage, clear: [f32; 4]) {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "colour channels 0..=255"
    )]
    let clear = clear.map(|c| (c.clamp(0.0, 1.0) * 255.0).round() as u16);
    for pixel in image.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        let under = 255 - u16::from(a);
        let mix = |c: u8, k: u16| {
            let sum = u32::from(c) * 255 + u32::from(k) * u32::from(under) + 127;
            u8::try_from(sum / 255).unwrap_or(u8::MAX)
        };
        pixel.0 = [
            mix(r, clear[0]),
            mix(g, clear[1]),
            mix(b, clear[2]),
            mix(a, 255),
        ];
    }
}

/// Runs frames until the pictures on screen are decoded and, for a `still` screen, until
/// nothing moves; an attract slide only gets a few frames so it stays where it was put.
fn settle(harness: &mut Harness<'_, VitrinaApp>, still: bool) {
    harness.step();
    let deadline = Instant::now() + PICTURE_WAIT;
    while harness.state().pictures_pending() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(30));
        if still {
            harness.step();
        } else {
            // Upload without moving the slide on: the app polls decoded pictures each frame.
            let ctx = harness.ctx.clone();
            harness.state_mut().poll_pictures(&ctx);
        }
    }
    if still {
        let _ = harness.run_ok();
    } else {
        // Let pictures fade in (a few tenths of a second of input time).
        harness.run_steps(4);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_names_every_screen_and_slide_once() {
        let loaded = crate::content::load_content(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron"),
        )
        .expect("the shipped content loads");
        let shots = plan(&loaded, "en");
        let files: Vec<&str> = shots.iter().map(|s| s.file.as_str()).collect();
        let content = &loaded.content;
        assert_eq!(
            files.len(),
            1 + content.sections.len()
                + 1
                + content.map.presets.len()
                + 1
                + content.slides.len()
                + 2,
            "{files:?}"
        );
        assert!(files.contains(&"staff.png"), "the staff panel: {files:?}");
        assert!(files.contains(&"prompt.png"), "the prompt: {files:?}");
        assert!(files.contains(&"credits.png"), "the credits: {files:?}");
        assert!(
            files.contains(&"home.png") && files.contains(&"map.png"),
            "{files:?}"
        );
        assert!(files.contains(&"section-energy.png"), "{files:?}");
        assert!(files.contains(&"attract-1.png"), "{files:?}");
        let mut unique = files.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), files.len(), "no file written twice");
    }

    #[test]
    fn a_translucent_frame_is_laid_over_the_clear_colour_and_an_opaque_one_kept() {
        let mut image = image::RgbaImage::from_raw(
            3,
            1,
            vec![
                200, 100, 50, 255, // opaque: kept
                0, 0, 0, 0, // nothing drawn: the clear colour
                20, 10, 5, 26, // a picture at 10 % (premultiplied) over the clear colour
            ],
        )
        .expect("three pixels");
        over_clear_colour(&mut image, [0.0, 0.5, 1.0, 1.0]);
        assert_eq!(image.get_pixel(0, 0).0, [200, 100, 50, 255], "opaque kept");
        assert_eq!(
            image.get_pixel(1, 0).0,
            [0, 128, 255, 255],
            "the clear colour"
        );
        assert_eq!(
            image.get_pixel(2, 0).0,
            [20, 125, 234, 255],
            "the picture's share plus the clear colour's"
        );
    }
}
