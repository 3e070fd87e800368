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

/// Where a code of `modules` (quiet zone included) is drawn in a square of `side_px` pixels
/// centred on `centre_px`: the top-left pixel and a module's size, both whole pixels. The
/// code is as near `side_px` as whole modules allow, and never under `min_px`.
pub fn code_pixels(centre_px: Pos2, side_px: f32, min_px: f32, modules: usize) -> (Pos2, f32) {
    #[expect(clippy::cast_precision_loss, reason = "a few dozen modules")]
    let count = modules.max(1) as f32;
    let mut module = (side_px / count).round().max(1.0);
    while module * count < min_px {
        module += 1.0;
    }
    let side = module * count;
    let min = (centre_px - vec2(side, side) / 2.0).round();
    (min, module)
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

/// Draws the QR code of `text` centred in `rect` (screen points), as wide as `rect` allows in
/// whole pixels per module and at least `min_side` points; the light square's corners are
/// rounded by `radius` points (within the quiet zone). Returns the square drawn.
pub fn qr_ui(
    ui: &Ui,
    rect: Rect,
    min_side: f32,
    text: &str,
    colours: QrColours,
    radius: f32,
) -> Rect {
    let modules = ui
        .ctx()
        .memory_mut(|memory| memory.caches.cache::<QrCache>().get(text).clone());
    let ppp = ui.ctx().pixels_per_point();
    let side = rect.width().min(rect.height());
    let count = modules
        .as_ref()
        .map_or(21 + 2 * QUIET_ZONE, |m| m.width_with_quiet_zone());
    let (min_px, module_px) = code_pixels(
        (rect.center().to_vec2() * ppp).to_pos2(),
        side * ppp,
        min_side * ppp,
        count,
    );
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
    use egui::pos2;

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
        assert!(QrModules::encode(&"a".repeat(5_000)).is_none(), "too long for any code");
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
    fn a_code_takes_whole_pixels_per_module_and_never_less_than_its_minimum() {
        // 1280x720: 264 design points are 176 pixels, 53 modules with the quiet zone.
        let (min, module) = code_pixels(pos2(300.0, 300.0), 176.0, 133.4, 53);
        assert!((module - module.round()).abs() < f32::EPSILON, "{module}");
        assert!(module * 53.0 >= 133.4, "at least the minimum: {module}");
        assert_eq!(min, min.round(), "on the pixel grid");
        let (_, tiny) = code_pixels(pos2(0.0, 0.0), 20.0, 100.0, 53);
        assert!(tiny * 53.0 >= 100.0, "grown to the minimum: {tiny}");
    }
}
