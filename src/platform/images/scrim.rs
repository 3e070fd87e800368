//! The attract loop's scrim baked into a picture's texels when it is decoded: the text's
//! side darkened toward the ink, so the loop draws one opaque picture and no gradient layer
//! over it (on software graphics a full-screen blended layer costs as much as the picture).
//!
//! The scrim is fixed to where each column of the picture lands on the screen when its
//! slide starts; the slow zoom (8 % over a slide) then carries it a little with the picture.

use egui::{Color32, ColorImage, Pos2, Rect, Vec2, pos2, vec2};

/// The 8×8 ordered-dither matrix (Bayer): thresholds 0..64 spread evenly over every tile.
/// The baked scrim and the screen's fades both round with it.
pub const BAYER: [[u8; 8]; 8] = [
    [0, 32, 8, 40, 2, 34, 10, 42],
    [48, 16, 56, 24, 50, 18, 58, 26],
    [12, 44, 4, 36, 14, 46, 6, 38],
    [60, 28, 52, 20, 62, 30, 54, 22],
    [3, 35, 11, 43, 1, 33, 9, 41],
    [51, 19, 59, 27, 49, 17, 57, 25],
    [15, 47, 7, 39, 13, 45, 5, 37],
    [63, 31, 55, 23, 61, 29, 53, 21],
];

/// The crop (0..1 each way) of a picture of `image_size` that covers `frame_size` with
/// `focus` as near the centre as the picture allows.
pub fn cover_uv(image_size: Vec2, frame_size: Vec2, focus: (f32, f32)) -> Rect {
    if image_size.x <= 0.0 || image_size.y <= 0.0 || frame_size.x <= 0.0 || frame_size.y <= 0.0 {
        return Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
    }
    let image_aspect = image_size.x / image_size.y;
    let frame_aspect = frame_size.x / frame_size.y;
    let (w, h) = if image_aspect > frame_aspect {
        (frame_aspect / image_aspect, 1.0)
    } else {
        (1.0, image_aspect / frame_aspect)
    };
    let x = (focus.0 - w / 2.0).clamp(0.0, 1.0 - w);
    let y = (focus.1 - h / 2.0).clamp(0.0, 1.0 - h);
    Rect::from_min_size(pos2(x, y), vec2(w, h))
}

/// A left scrim of `ink` for a picture covering a frame: `alpha` of ink at the frame's left
/// edge, clearing linearly to nothing at `share` of its width. Kept as bits so it can key
/// the picture cache (one texture per look).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Scrim {
    frame_size: [u32; 2],
    focus: [u32; 2],
    share: u32,
    alpha: u32,
    ink: [u8; 4],
}

impl Scrim {
    /// The scrim of a picture with `focus` covering `frame_size` (any unit).
    pub fn new(frame_size: Vec2, focus: (f32, f32), share: f32, alpha: f32, ink: Color32) -> Self {
        Self {
            frame_size: [frame_size.x.to_bits(), frame_size.y.to_bits()],
            focus: [focus.0.to_bits(), focus.1.to_bits()],
            share: share.to_bits(),
            alpha: alpha.to_bits(),
            ink: ink.to_array(),
        }
    }

    /// How much of the picture shows (0..1) at `x` (0 left, 1 right of the frame).
    fn weight(&self, x: f32) -> f32 {
        let share = f32::from_bits(self.share).max(1e-3);
        let alpha = f32::from_bits(self.alpha).clamp(0.0, 1.0);
        let cleared = (x / share).clamp(0.0, 1.0);
        1.0 - alpha * (1.0 - cleared)
    }

    /// Darkens `image` toward the ink as the scrim would over it on screen, in gamma space
    /// as egui blends: `picture · w + ink · (1 − w)`.
    pub fn apply(&self, image: &mut ColorImage) {
        let [width, height] = image.size;
        if width == 0 || height == 0 {
            return;
        }
        #[expect(
            clippy::cast_precision_loss,
            reason = "picture sides are far below 2^24"
        )]
        let size = vec2(width as f32, height as f32);
        let frame = vec2(
            f32::from_bits(self.frame_size[0]),
            f32::from_bits(self.frame_size[1]),
        );
        let focus = (f32::from_bits(self.focus[0]), f32::from_bits(self.focus[1]));
        let crop = cover_uv(size, frame, focus);
        // The weight of each column, in 1/4096 (finer than a level, so the ramp is smooth).
        let weights: Vec<u32> = (0..width)
            .map(|column| {
                #[expect(clippy::cast_precision_loss, reason = "picture sides are small")]
                let u = (column as f32 + 0.5) / size.x;
                let x = (u - crop.left()) / crop.width().max(1e-6);
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "0..=4096"
                )]
                let weight = (self.weight(x) * 4096.0).round().clamp(0.0, 4096.0) as u32;
                weight
            })
            .collect();
        let ink = self.ink.map(u32::from);
        for (y, row) in image.pixels.chunks_exact_mut(width).enumerate() {
            for (x, (pixel, &w)) in row.iter_mut().zip(&weights).enumerate() {
                if w == 4096 {
                    continue;
                }
                // Rounded with an ordered (Bayer) threshold instead of one half, so a wide
                // dark ramp has no vertical bands a level apart.
                let threshold = u32::from(BAYER[y % 8][x % 8]) * 64 + 32;
                let mix = |p: u8, ink: u32| {
                    let mixed = (u32::from(p) * w + ink * (4096 - w) + threshold) >> 12;
                    u8::try_from(mixed).unwrap_or(u8::MAX)
                };
                let [r, g, b, a] = pixel.to_array();
                *pixel = Color32::from_rgba_premultiplied(
                    mix(r, ink[0]),
                    mix(g, ink[1]),
                    mix(b, ink[2]),
                    mix(a, ink[3]),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `w` × `h` picture of one colour.
    fn plain(w: usize, h: usize, colour: Color32) -> ColorImage {
        ColorImage::new([w, h], vec![colour; w * h])
    }

    #[test]
    fn the_baked_scrim_is_the_scrim_layer_over_the_picture() {
        let ink = Color32::from_rgb(14, 20, 27);
        let picture = Color32::from_rgb(200, 150, 90);
        // A picture of the frame's own shape: column x lands at x on screen.
        let mut image = plain(1000, 10, picture);
        Scrim::new(vec2(1000.0, 10.0), (0.5, 0.5), 0.5, 0.92, ink).apply(&mut image);
        for (column, x) in [(0, 0.0005), (250, 0.2505), (499, 0.4995), (700, 0.7005)] {
            // The layer egui drew: ink at 0.92 · (1 − x / 0.5) over the picture.
            let a = 0.92 * (1.0 - (x / 0.5_f32).min(1.0));
            let layered = [200.0, 150.0, 90.0]
                .iter()
                .zip([14.0, 20.0, 27.0])
                .map(|(p, i)| p * (1.0 - a) + i * a)
                .collect::<Vec<f32>>();
            let baked = image.pixels[column].to_array();
            for channel in 0..3 {
                assert!(
                    (f32::from(baked[channel]) - layered[channel]).abs() <= 1.5,
                    "column {column} channel {channel}: baked {baked:?}, layered {layered:?}"
                );
            }
            assert_eq!(baked[3], 255, "still opaque");
        }
    }

    #[test]
    fn a_wide_dark_ramp_is_dithered_not_banded() {
        // A grey picture under the scrim's slow ramp: rounded alike, whole runs of columns
        // sit up to half a level off the ramp (the bands); dithered, every 8×8 tile averages
        // to the ramp itself.
        let mut image = plain(1000, 8, Color32::from_gray(60));
        Scrim::new(vec2(1000.0, 8.0), (0.5, 0.5), 0.5, 0.92, Color32::BLACK).apply(&mut image);
        let mut worst = 0.0_f32;
        for tile in 0..125_usize {
            let mut sum = 0.0;
            let mut wanted = 0.0;
            for column in tile * 8..tile * 8 + 8 {
                #[expect(clippy::cast_precision_loss, reason = "a small column number")]
                let x = (column as f32 + 0.5) / 1000.0;
                let a = 0.92 * (1.0 - (x / 0.5_f32).min(1.0));
                wanted += 8.0 * 60.0 * (1.0 - a);
                for row in 0..8 {
                    sum += f32::from(image.pixels[row * 1000 + column].r());
                }
            }
            worst = worst.max((sum - wanted).abs() / 64.0);
        }
        assert!(
            worst < 0.2,
            "every tile on the ramp: {worst} levels off at worst"
        );
    }

    #[test]
    fn the_scrim_follows_the_crop_of_a_wider_picture() {
        let ink = Color32::BLACK;
        // Twice as wide as the frame, focus at the right: the left half is cropped away.
        let mut image = plain(2000, 10, Color32::WHITE);
        Scrim::new(vec2(1000.0, 10.0), (1.0, 0.5), 0.5, 0.92, ink).apply(&mut image);
        let level = |column: usize| image.pixels[column].r();
        // The dither moves single pixels by a level; eight columns average it out.
        let mean = |from: usize| (from..from + 8).map(|c| f32::from(level(c))).sum::<f32>() / 8.0;
        assert!(
            (mean(496) - mean(992)).abs() < 0.2,
            "cropped away: as dark as the left edge"
        );
        assert!(
            (mean(992) - 0.08 * 255.0).abs() < 0.3,
            "8 % left of the frame's left edge (0.08 × 255): {}",
            mean(992)
        );
        assert!(
            level(1000).abs_diff(20) <= 1,
            "8 % at the frame's left edge (column 1000)"
        );
        assert_eq!(level(1999), 255, "clear at the right");
        assert!(level(1400) > level(1200), "clearing toward the right");
    }

    #[test]
    fn looks_differ_as_keys() {
        let ink = Color32::BLACK;
        let a = Scrim::new(vec2(1920.0, 1080.0), (0.5, 0.5), 0.57, 0.92, ink);
        let b = Scrim::new(vec2(1080.0, 1920.0), (0.5, 0.5), 0.57, 0.92, ink);
        assert_ne!(a, b, "another screen shape is another texture");
        assert_eq!(
            a,
            Scrim::new(vec2(1920.0, 1080.0), (0.5, 0.5), 0.57, 0.92, ink)
        );
    }
}
