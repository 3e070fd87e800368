//! A QR code drawn as egui shapes: dark modules on a light square with the standard quiet
//! zone of four modules, each module a whole number of pixels so the code stays crisp at any
//! size. It is a picture, not a control: nothing on the kiosk opens a link.

use std::sync::Arc;

use egui::cache::{ComputerMut, FrameCache};
use egui::{Color32, CornerRadius, Mesh, Pos2, Rect, Shape, Ui, vec2};
use qrcode::{Color, EcLevel, QrCode};

/// Modules of blank margin on each side, as the QR standard asks (ISO/IEC 18004 §6.3.8).
pub const QUIET_ZONE: usize = 4;

/// A QR code's modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrModules {
    /// Modules a side (21 for version 1, 4 more per version).
    pub width: usize,
    /// Row by row from the top, `true` for a dark module.
    pub dark: Vec<bool>,
}

impl QrModules {
    /// The code of `text` at error correction level M (15 % of it may be lost to glare or
    /// a smudge on the glass), in the smallest version that holds it. `None` when `text` is
    /// too long for any QR code (validation refuses such links long before).
    pub fn encode(text: &str) -> Option<Self> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        Some(Self {
            width: code.width(),
            dark: code
                .into_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Modules a side with the quiet zone.
    pub fn width_with_quiet_zone(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// Whether the module at column `x`, row `y` (quiet zone excluded) is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The dark modules as horizontal runs `(row, first column, length)`: one rectangle
    /// each instead of one per module.
    pub fn dark_runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for (y, row) in self.dark.chunks(self.width.max(1)).enumerate() {
            let mut x = 0;
            while x < row.len() {
                if row[x] {
                    let start = x;
                    while x < row.len() && row[x] {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }
}

/// A module's size in whole pixels for a code of `modules` (quiet zone included) drawn
/// about `side_px` pixels wide: the nearest to `side_px`, at most `slack_px` over it, and
/// never under `min_px` in all.
pub fn module_pixels(side_px: f32, slack_px: f32, min_px: f32, modules: usize) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a few dozen modules")]
    let count = modules.max(1) as f32;
    let mut module = (side_px / count).round().max(1.0);
    if module * count > side_px + slack_px {
        module -= 1.0;
    }
    while module * count < min_px {
        module += 1.0;
    }
    module
}

/// Encodes each text once and keeps the code while it is drawn frame after frame.
#[derive(Default)]
struct Encoder;

impl ComputerMut<&str, Option<Arc<QrModules>>> for Encoder {
    fn compute(&mut self, text: &str) -> Option<Arc<QrModules>> {
        QrModules::encode(text).map(Arc::new)
    }
}

type QrCache = FrameCache<Option<Arc<QrModules>>, Encoder>;

/// The colours of a code: dark modules on a light square (phones read dark on light, not
/// the other way round).
#[derive(Clone, Copy, Debug)]
pub struct QrColours {
    /// The modules.
    pub dark: Color32,
    /// The square and its quiet zone.
    pub light: Color32,
}

/// How big a code is drawn, in screen points.
#[derive(Clone, Copy, Debug)]
pub struct QrSize {
    /// The side aimed at, quiet zone included.
    pub side: f32,
    /// How far whole pixels per module may take it over `side`.
    pub slack: f32,
    /// The least side it may have.
    pub min_side: f32,
}

/// Draws the QR code of `text` with its top-left at `at` (screen points, on the pixel grid)
/// at `size` in whole pixels per module; the light square's corners are rounded by `radius`
/// points (within the quiet zone). Returns the square drawn.
pub fn qr_ui(ui: &Ui, at: Pos2, size: QrSize, text: &str, colours: QrColours, radius: f32) -> Rect {
    let modules = ui
        .ctx()
        .memory_mut(|memory| memory.caches.cache::<QrCache>().get(text).clone());
    let ppp = ui.ctx().pixels_per_point();
    let count = modules
        .as_ref()
        .map_or(21 + 2 * QUIET_ZONE, |m| m.width_with_quiet_zone());
    let module_px = module_pixels(
        size.side * ppp,
        size.slack * ppp,
        size.min_side * ppp,
        count,
    );
    let min_px = (at.to_vec2() * ppp).round().to_pos2();
    #[expect(clippy::cast_precision_loss, reason = "a few dozen modules")]
    let square = Rect::from_min_size(
        (min_px.to_vec2() / ppp).to_pos2(),
        vec2(module_px, module_px) * count as f32 / ppp,
    );
    let corner = CornerRadius::from(radius.min(module_px * 2.0 / ppp));
    ui.painter().rect_filled(square, corner, colours.light);
    let Some(modules) = modules else {
        return square;
    };
    let mut mesh = Mesh::default();
    let module = module_px / ppp;
    #[expect(clippy::cast_precision_loss, reason = "four modules")]
    let quiet = square.min + vec2(module, module) * QUIET_ZONE as f32;
    for (y, x, len) in modules.dark_runs() {
        #[expect(clippy::cast_precision_loss, reason = "a few dozen modules")]
        let run = Rect::from_min_size(
            quiet + vec2(x as f32, y as f32) * module,
            vec2(len as f32 * module, module),
        );
        mesh.add_colored_rect(run, colours.dark);
    }
    ui.painter().add(Shape::mesh(mesh));
    square
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_url_is_a_small_code_and_a_long_one_a_larger_one() {
        let short = QrModules::encode("https://urm.lt").expect("encodes");
        assert_eq!(short.width, 21, "version 1");
        let longest = "https://urm.lt/".to_owned()
            + &"a".repeat(crate::content::limits::MAX_LINK_URL_BYTES - 15);
        let long = QrModules::encode(&longest).expect("encodes");
        assert!(
            long.width <= 45,
            "the longest link is version 7 or less: {}",
            long.width
        );
        assert!(
            QrModules::encode(&"a".repeat(5_000)).is_none(),
            "too long for any code"
        );
    }

    #[test]
    fn a_code_reads_back_as_its_text() {
        let url = "https://www.urm.lt/en";
        let code = QrModules::encode(url).expect("encodes");
        let grid = rqrr::SimpleGrid::from_func(code.width, |x, y| code.is_dark(x, y));
        let (_, text) = rqrr::Grid::new(grid).decode().expect("decodes");
        assert_eq!(text, url, "the code holds the address");
    }

    #[test]
    fn dark_runs_cover_exactly_the_dark_modules() {
        let code = QrModules::encode("https://www.urm.lt/en").expect("encodes");
        let mut drawn = vec![false; code.dark.len()];
        for (y, x, len) in code.dark_runs() {
            for dx in 0..len {
                let i = y * code.width + x + dx;
                assert!(!drawn[i], "each module once");
                drawn[i] = true;
            }
        }
        assert_eq!(drawn, code.dark, "the runs are the dark modules");
    }

    #[test]
    fn a_code_takes_whole_pixels_per_module_near_its_side_and_never_under_its_minimum() {
        // 1920x1080: 264 points, 53 modules with the quiet zone: 5 pixels each, 1 over.
        assert!(
            (module_pixels(264.0, 8.0, 200.0, 53) - 5.0).abs() < f32::EPSILON,
            "5 px"
        );
        // 37 modules: 7.1 rounds to 7 (259 px).
        assert!(
            (module_pixels(264.0, 8.0, 200.0, 37) - 7.0).abs() < f32::EPSILON,
            "7 px"
        );
        // 1280x720: 176 pixels aimed at, 5.4 px per module for 33 modules; 5 is 165 px.
        assert!(
            (module_pixels(176.0, 5.3, 133.4, 33) - 5.0).abs() < f32::EPSILON,
            "5 px"
        );
        for modules in 21..=53 {
            for side in [176.0_f32, 264.0, 396.0, 528.0] {
                let module = module_pixels(side, side * 0.03, side * 0.757, modules);
                #[expect(clippy::cast_precision_loss, reason = "a few dozen modules")]
                let drawn = module * modules as f32;
                assert!(module.fract() == 0.0, "whole pixels: {module}");
                assert!(
                    drawn <= side * 1.03 + 0.01,
                    "{modules} in {side}: {drawn} too big"
                );
                assert!(
                    drawn >= side * 0.757 - 0.01,
                    "{modules} in {side}: {drawn} too small"
                );
            }
        }
        let tiny = module_pixels(20.0, 0.0, 100.0, 53);
        assert!(tiny * 53.0 >= 100.0, "grown to the minimum: {tiny}");
    }
}
