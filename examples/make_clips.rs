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
//! (the map at full screen, cut to the part the preset fills, [`PANEL_CUT`]), so its names
//! come out nearly twice as large against the frame and stay readable there. Each also writes
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
/// The part of a 1920 × 1080 map screen the panel clip shows, in points: `(left, top)` and
/// `(width, height)`. The landscape map fits a preset between its legend and card panels
/// (x 552 to 1336, their middle 944) and under the screen's top (y about 40 to 940); a tour
/// draws neither panel, and this cuts round where the preset's routes are (Riga to GIPL's
/// end in Poland), nearly as wide as a gallery's picture place (2.24 : 1), so that little of
/// it is cut off there.
const PANEL_CUT: Cut = Cut {
    at: [400.0, 290.0],
    size: [1120.0, 500.0],
};

/// A part of the screen, in points.
#[derive(Clone, Copy)]
struct Cut {
    at: [f32; 2],
    size: [f32; 2],
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["fixtures", dir] => fixtures(Path::new(dir)),
        ["gipl", out] => gipl(
            Path::new(out),
            Cut {
                at: [0.0, 0.0],
                size: [f32::from(SIZE[0]), f32::from(SIZE[1])],
            },
        ),
        ["gipl-panel", out] => gipl(Path::new(out), PANEL_CUT),
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

/// Renders the map tour to `out`: the part `cut` of a screen as large as the cut's right
/// and bottom edges need (at least 1920 × 1080 points), at [`SIZE`]'s width in pixels.
fn gipl(out: &Path, cut: Cut) -> Result<(), String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let loaded = load_content(&manifest.join("content.ron")).map_err(|e| e.to_string())?;
    let colours = Colours::from_palette(&loaded.content.theme.palette);
    let fonts = font_definitions(&loaded.content.theme, &manifest);
    // The attract loop's map tour alone (no words, hint or buttons): the map flies to the
    // energy preset and its routes draw as they come into view.
    let mut map = MapScreen::new();
    let presets = vec!["energy".to_owned()];
    // The cut is drawn at the clip's width: the screen at as many pixels per point.
    let ppp = f32::from(SIZE[0]) / cut.size[0];
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a few thousand pixels"
    )]
    let pixels = |points: f32| (points * ppp).round() as u32;
    // Even sizes, as H.264's colour planes need.
    let (clip_w, clip_h) = (pixels(cut.size[0]) & !1, pixels(cut.size[1]) & !1);
    let (w, h) = (clip_w as usize, clip_h as usize);
    let screen = [
        (cut.at[0] + cut.size[0]).max(1920.0),
        (cut.at[1] + cut.size[1]).max(1080.0),
    ];
    let screen = if cut.at == [0.0, 0.0] {
        cut.size
    } else {
        screen
    };
    let mut fonts_set = false;
    let mut harness = Harness::builder()
        .with_size(screen)
        .with_pixels_per_point(ppp)
        .with_step_dt(0.1)
        .with_max_steps(200)
        .wgpu()
        .build_ui(move |ui| {
            if !fonts_set {
                ui.ctx().set_fonts(fonts.clone());
                fonts_set = true;
            }
            let frame = Frame::new(ui.max_rect(), loaded.content.theme.base_size);
            let view = View::new(frame, &colours, &loaded, "en");
            ui.painter().rect_filled(ui.max_rect(), 0.0, colours.ink);
            map.tour_ui(ui, &view, &presets, 0);
        });
    harness.step();
    let mut frames = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        harness.step();
        let image = harness.render().map_err(|e| format!("render: {e}"))?;
        let image =
            image::imageops::crop_imm(&image, pixels(cut.at[0]), pixels(cut.at[1]), clip_w, clip_h)
                .to_image();
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
    let size = |n: u32| u16::try_from(n).map_err(|e| e.to_string());
    let bytes = encode_mp4(size(clip_w)?, size(clip_h)?, FPS, &frames)?;
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    write(out, &bytes)?;
    // The last frame, every route drawn, as the clip's poster beside it (OUT.jpg).
    let last = frames.last().ok_or("no frame")?;
    let poster = image::RgbImage::from_raw(clip_w, clip_h, last.clone())
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
