//! Makes the project's own video clips, so none is downloaded:
//!
//! ```sh
//! cargo run --release --example make_clips -- gipl assets/video/gipl.mp4
//! cargo run --release --example make_clips -- gipl-panel assets/video/gipl-panel.mp4
//! cargo run --example make_clips -- fixtures tests/fixtures/broken/assets
//! ```
//!
//! `gipl` renders the map drawing its energy routes (GIPL among them) with the kiosk's own
//! preview machinery (the attract loop's map tour over the `energy` preset, headless, at
//! 1280 × 720) and encodes it as H.264 in MP4. `gipl-panel` draws the same for a picture's
//! place in a section, about half the screen wide: the map laid out for a panel that size
//! (the theme's base size [`PANEL_BASE`]), so its names stay readable there. Each also writes
//! its last frame beside it (`OUT.jpg`) as its poster. `fixtures` writes the broken clips that
//! `vitrina check`'s tests refuse: another codec, not a video, and a clip cut short.

#![expect(clippy::print_stdout, reason = "a tool that says what it wrote")]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui_kittest::Harness;
use vitrina::content::load_content;
use vitrina::map::MapScreen;
use vitrina::platform::video::encode::{colour_frames, encode_mp4, hevc_mp4};
use vitrina::ui::layout::Frame;
use vitrina::ui::theme::{Colours, font_definitions};
use vitrina::ui::view::View;

/// Frames a second of the shipped clip.
const FPS: u32 = 10; // one frame per harness step of 0.1 s
/// Its length in frames: the route drawing takes about six seconds.
const FRAMES: usize = 60;
/// Its size in pixels.
const SIZE: [u16; 2] = [1280, 720];
/// The base size of the panel clip's layout: its map names come out this many times larger
/// against the frame, about the size of the section's own text where it is shown.
const PANEL_BASE: f32 = 1.8;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["fixtures", dir] => fixtures(Path::new(dir)),
        ["gipl", out] => gipl(Path::new(out), 1.0),
        ["gipl-panel", out] => gipl(Path::new(out), PANEL_BASE),
        ["look", clip, out] => look(Path::new(clip), Path::new(out)),
        _ => Err("usage: make_clips fixtures DIR | make_clips gipl|gipl-panel OUT.mp4 | make_clips look CLIP.mp4 OUT.png".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            println!("make_clips: {err}");
            ExitCode::FAILURE
        }
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{}: {} bytes", path.display(), bytes.len());
    Ok(())
}

fn fixtures(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    write(&dir.join("hevc.mp4"), &hevc_mp4(64, 48, 3)?)?;
    write(
        &dir.join("not-video.mp4"),
        b"These are notes, not a video.\n",
    )?;
    let good = encode_mp4(64, 48, 10, &colour_frames(64, 48, 10))?;
    write(&dir.join("cut.mp4"), &good[..good.len() / 2])?;
    Ok(())
}

/// Renders the map tour to `out` with the layout's base size multiplied by `base`.
fn gipl(out: &Path, base: f32) -> Result<(), String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let loaded = load_content(&manifest.join("content.ron")).map_err(|e| e.to_string())?;
    let colours = Colours::from_palette(&loaded.content.theme.palette);
    let fonts = font_definitions(&loaded.content.theme, &manifest);
    // The attract loop's map tour alone (no words, hint or buttons): the map flies to the
    // energy preset and its routes draw as they come into view.
    let mut map = MapScreen::new();
    let presets = vec!["energy".to_owned()];
    let (w, h) = (usize::from(SIZE[0]), usize::from(SIZE[1]));
    let mut fonts_set = false;
    let mut harness = Harness::builder()
        .with_size([f32::from(SIZE[0]), f32::from(SIZE[1])])
        .with_pixels_per_point(1.0)
        .with_step_dt(0.1)
        .with_max_steps(200)
        .wgpu()
        .build_ui(move |ui| {
            if !fonts_set {
                ui.ctx().set_fonts(fonts.clone());
                fonts_set = true;
            }
            let frame = Frame::new(ui.max_rect(), loaded.content.theme.base_size * base);
            let view = View::new(frame, &colours, &loaded, "en");
            ui.painter().rect_filled(ui.max_rect(), 0.0, colours.ink);
            map.tour_ui(ui, &view, &presets, 0);
        });
    harness.step();
    let mut frames = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        harness.step();
        let image = harness.render().map_err(|e| format!("render: {e}"))?;
        let clear = [0.0_f32; 4];
        let mut rgb = Vec::with_capacity(w * h * 3);
        for pixel in image.pixels() {
            let [r, g, b, a] = pixel.0;
            let under = 255 - u32::from(a);
            for (c, k) in [r, g, b].into_iter().zip(clear) {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "colour channels 0..=255"
                )]
                let k = (k.clamp(0.0, 1.0) * 255.0).round() as u32;
                rgb.push(u8::try_from((u32::from(c) * 255 + k * under + 127) / 255).unwrap_or(255));
            }
        }
        frames.push(rgb);
        println!("frame {}/{FRAMES}", i + 1);
    }
    let bytes = encode_mp4(SIZE[0], SIZE[1], FPS, &frames)?;
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    write(out, &bytes)?;
    // The last frame, every route drawn, as the clip's poster beside it (OUT.jpg).
    let last = frames.last().ok_or("no frame")?;
    let poster = image::RgbImage::from_raw(u32::from(SIZE[0]), u32::from(SIZE[1]), last.clone())
        .ok_or("a frame of the wrong size")?;
    let poster_path = out.with_extension("jpg");
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&poster)
        .map_err(|e| e.to_string())?;
    write(&poster_path, &jpeg)
}

/// Writes four frames of `clip` (its start, a third, two thirds, its end) one above the
/// other into `out`, a PNG, as the kiosk decodes them: a look at a clip without a player.
fn look(clip: &Path, out: &Path) -> Result<(), String> {
    let info = vitrina::platform::video::probe(clip, true).map_err(|e| e.to_string())?;
    println!("{}: {info:?}", clip.display());
    let every = (info.frames / 3).max(1);
    let frames = vitrina::platform::video::sample_frames(clip, [640, 360], every)
        .map_err(|e| e.to_string())?;
    let [w, h] = frames.first().ok_or("no frame")?.size;
    let count = u32::try_from(frames.len()).map_err(|e| e.to_string())?;
    let (w, h) = (
        u32::try_from(w).map_err(|e| e.to_string())?,
        u32::try_from(h).map_err(|e| e.to_string())?,
    );
    let mut strip = image::RgbaImage::new(w, h * count);
    for (n, frame) in (0..count).zip(&frames) {
        for (i, pixel) in (0..).zip(&frame.pixels) {
            strip.put_pixel(i % w, n * h + i / w, image::Rgba(pixel.to_array()));
        }
    }
    strip.save(out).map_err(|e| e.to_string())?;
    println!("{}: {count} frames", out.display());
    Ok(())
}
