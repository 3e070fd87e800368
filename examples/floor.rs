//! The floor of the attract loop's cost: a minimal eframe program that shows one full-screen
//! picture with the loop's slow zoom at the loop's calm rate (15 frames a second), nothing
//! else. It measures its own CPU over a window and prints it, so the kiosk's figure can be
//! held against what any eframe program pays to move one picture on this machine.
//!
//! ```sh
//! cargo run --release --example floor -- egui|gl SECS SIDE WxH   # under DISPLAY
//! ```
//! `egui` draws the picture as egui's textured mesh; `gl` with Vitrina's OpenGL painter
//! (`platform::gl_picture`, the software renderer's fast path). SIDE: the picture's longer
//! side after decoding, as the kiosk decodes to the screen's (1920 at 1080p; the shipped
//! 2560 px pictures stay 2560 at 4K). See docs/performance.md.

#![expect(clippy::print_stdout, reason = "a measurement reports to the terminal")]

use std::time::{Duration, Instant};

use eframe::egui;
use vitrina::platform::gl_picture;
use vitrina::platform::images::decode;

const FPS: f64 = 15.0;
const SETTLE: Duration = Duration::from_secs(5);
const PICTURE: &str = "assets/illustrations/energy.png";

struct Floor {
    texture: egui::TextureHandle,
    gl: bool,
    started: Instant,
    measured_from: Option<(Instant, Duration, u32)>,
    window: Duration,
    frames: u32,
    done: bool,
}

/// This process's CPU time (user and system), from /proc.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|field| field.parse::<u64>().ok())
        .sum();
    // Linux's USER_HZ is 100 on every architecture eframe runs on.
    Duration::from_millis(ticks * 10)
}

impl eframe::App for Floor {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let rect = ui.ctx().content_rect();
        let secs = self.started.elapsed().as_secs_f32();
        // The loop's zoom: 1.00 → 1.08 over 12 s, toward the centre, repeating.
        let scale = 1.0 + 0.08 * (secs % 12.0) / 12.0;
        let half = 0.5 / scale;
        let uv = egui::Rect::from_min_max(
            egui::pos2(0.5 - half, 0.5 - half),
            egui::pos2(0.5 + half, 0.5 + half),
        );
        let draw = gl_picture::PictureDraw {
            texture: self.texture.id(),
            uv,
        };
        let shape = self
            .gl
            .then(|| gl_picture::picture_shape(ui.ctx(), rect, draw))
            .flatten()
            .unwrap_or_else(|| {
                egui::epaint::RectShape::filled(rect, 0.0, egui::Color32::WHITE)
                    .with_texture(self.texture.id(), uv)
                    .into()
            });
        ui.painter().add(shape);
        self.frames += 1;
        let elapsed = self.started.elapsed();
        match self.measured_from {
            None if elapsed >= SETTLE => {
                self.measured_from = Some((Instant::now(), cpu_time(), self.frames));
            }
            Some((since, cpu, frames)) if since.elapsed() >= self.window && !self.done => {
                self.done = true;
                let secs = since.elapsed().as_secs_f64();
                let share = cpu_time().saturating_sub(cpu).as_secs_f64() / secs;
                println!(
                    "floor ({}, {:.0}×{:.0} px, {:.1} frames/s): {:.1} % of a core",
                    if self.gl { "gl" } else { "egui" },
                    rect.width() * ui.ctx().pixels_per_point(),
                    rect.height() * ui.ctx().pixels_per_point(),
                    f64::from(self.frames - frames) / secs,
                    share * 100.0
                );
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            _ => {}
        }
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64(1.0 / FPS));
    }
}

fn main() -> eframe::Result {
    let mut args = std::env::args().skip(1);
    let gl = args.next().is_some_and(|mode| mode == "gl");
    let window = Duration::from_secs(args.next().and_then(|s| s.parse().ok()).unwrap_or(20));
    let side: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1920);
    let size = args
        .next()
        .and_then(|s| {
            let (w, h) = s.split_once('x')?;
            Some([w.parse::<f32>().ok()?, h.parse::<f32>().ok()?])
        })
        .unwrap_or([1920.0, 1080.0]);
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        dithering: false,
        // The whole screen without a window manager's help (Xvfb has none).
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(size)
            .with_position([0.0, 0.0])
            .with_decorations(false),
        ..Default::default()
    };
    eframe::run_native(
        "floor",
        options,
        Box::new(move |cc| {
            gl_picture::install(&cc.egui_ctx, cc.gl.as_ref());
            let image = decode(std::path::Path::new(PICTURE), side)?;
            let texture = cc
                .egui_ctx
                .load_texture("picture", image, egui::TextureOptions::LINEAR);
            Ok(Box::new(Floor {
                texture,
                gl,
                started: Instant::now(),
                measured_from: None,
                window,
                frames: 0,
                done: false,
            }))
        }),
    )
}
