//! Decoding a picture file within limits (size, memory, signed hash) to premultiplied texels.

use std::path::Path;

use egui::{Color32, ColorImage};

use crate::content::VerifiedFiles;
use crate::content::provenance::sha256;
use crate::content::read::open_regular;

/// Largest side of a decoded picture, in pixels: enough for a full-bleed 4K screen.
pub const MAX_PICTURE_SIDE: u32 = 3840;

/// Largest width or height a file may declare; larger ones are refused before decoding.
pub const MAX_DECLARED_SIDE: u32 = 20_000;

/// Most memory one decode may allocate (a decompression bomb is refused before it happens).
pub const MAX_DECODE_ALLOC: u64 = 512 * 1024 * 1024;

/// Largest picture file read to be checked against its signed hash.
pub const MAX_VERIFIED_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Decodes `path` (PNG, JPEG or WebP, whatever its name says) and downscales it so that its
/// longer side is at most `max_side`. Refuses files beyond [`MAX_DECLARED_SIDE`] or
/// [`MAX_DECODE_ALLOC`] before decoding them. Never panics on bad input.
pub fn decode(path: &Path, max_side: u32) -> Result<ColorImage, String> {
    // Never a blocking open: a FIFO or device at a picture path is refused at once.
    let file = open_regular(path).map_err(|err| format!("cannot open: {err}"))?;
    let mut reader = image::ImageReader::new(std::io::BufReader::new(file));
    // As ImageReader::open does: the name's format until the bytes say otherwise.
    if let Ok(format) = image::ImageFormat::from_path(path) {
        reader.set_format(format);
    }
    decode_reader(reader, path, max_side)
}

/// Decodes from `reader` (a file or bytes already read); `path` names it in the log.
fn decode_reader<R: std::io::BufRead + std::io::Seek>(
    reader: image::ImageReader<R>,
    path: &Path,
    max_side: u32,
) -> Result<ColorImage, String> {
    let started = std::time::Instant::now();
    let reader = reader
        .with_guessed_format()
        .map_err(|err| format!("cannot read: {err}"))?;
    if reader.format().is_none() {
        return Err("not a PNG, JPEG or WebP picture".to_owned());
    }
    let mut reader = reader;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DECLARED_SIDE);
    limits.max_image_height = Some(MAX_DECLARED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    // A decoder that panics on a hostile file must not take the kiosk down with it.
    let (decoded, orientation) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode_oriented(reader)))
            .map_err(|_| "the decoder failed on this file".to_owned())?
            .map_err(|err| format!("cannot decode: {err}"))?;
    let (width, height) = (decoded.width(), decoded.height());
    // Both limits hold for either side, so a picture turned upright stays within them.
    let mut image = if width.max(height) > max_side {
        // Area averaging in integers: several times quicker than a filtered resize of a
        // camera photo, and as good for shrinking.
        decoded.thumbnail(max_side, max_side)
    } else {
        decoded
    };
    // Turned after shrinking: the same result, on fewer pixels.
    image.apply_orientation(orientation);
    let image = into_color_image(image);
    log::debug!(
        "picture {}: {width}×{height} decoded to {}×{} in {} ms",
        path.display(),
        image.size[0],
        image.size[1],
        started.elapsed().as_millis()
    );
    Ok(image)
}

/// Decodes as `reader.decode()` does (the reader's limits, the whole buffer reserved
/// against them first), with the orientation the file's EXIF data gives: phones store a
/// portrait photo sideways and say so there. An unreadable orientation counts as upright.
fn decode_oriented<R: std::io::BufRead + std::io::Seek>(
    reader: image::ImageReader<R>,
) -> image::ImageResult<(image::DynamicImage, image::metadata::Orientation)> {
    use image::ImageDecoder as _;
    let mut decoder = reader.into_decoder()?;
    if decoder.total_bytes() > MAX_DECODE_ALLOC {
        return Err(image::ImageError::Limits(
            image::error::LimitError::from_kind(image::error::LimitErrorKind::InsufficientMemory),
        ));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    Ok((image::DynamicImage::from_decoder(decoder)?, orientation))
}

/// Like [`decode`], for signed content: reads the file once, checks its SHA-256 against the
/// hash the verified manifest lists, and decodes those same bytes.
pub fn decode_verified(
    path: &Path,
    max_side: u32,
    verified: &VerifiedFiles,
) -> Result<ColorImage, String> {
    use std::io::Read as _;
    let Some(expected) = verified.expected(path) else {
        return Err("not listed in the signed content.manifest; not shown".to_owned());
    };
    let file = open_regular(path).map_err(|err| format!("cannot open: {err}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_VERIFIED_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| format!("cannot read: {err}"))?;
    if bytes.len() as u64 > MAX_VERIFIED_FILE_BYTES {
        return Err(format!("larger than {} MiB", MAX_VERIFIED_FILE_BYTES >> 20));
    }
    if sha256(&bytes) != *expected {
        return Err(
            "the file changed after its signature was checked (its SHA-256 is not the one in \
             content.manifest); not shown until signed content with it is applied"
                .to_owned(),
        );
    }
    decode_reader(
        image::ImageReader::new(std::io::Cursor::new(bytes)),
        path,
        max_side,
    )
}

/// Converts to egui's premultiplied texels, reusing the RGBA buffer (no second copy of a
/// screen-sized picture).
fn into_color_image(image: image::DynamicImage) -> ColorImage {
    let rgba = image.into_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    let mut raw = rgba.into_raw();
    for px in raw.chunks_exact_mut(4) {
        if px[3] != 255 {
            let c = Color32::from_rgba_unmultiplied(px[0], px[1], px[2], px[3]);
            px.copy_from_slice(&c.to_array());
        }
    }
    let pixels: Vec<Color32> = bytemuck::allocation::try_cast_vec(raw).unwrap_or_else(
        |(_, raw): (bytemuck::PodCastError, Vec<u8>)| {
            raw.chunks_exact(4)
                .map(|p| Color32::from_rgba_premultiplied(p[0], p[1], p[2], p[3]))
                .collect()
        },
    );
    ColorImage::new(size, pixels)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn a_signed_picture_is_decoded_only_while_its_bytes_match_the_signed_hash() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assets/picture.png");
        let bytes = std::fs::read(&fixture).expect("fixture");
        let root = dir.path().canonicalize().expect("real");
        let path = root.join("picture.png");
        std::fs::write(&path, &bytes).expect("write");
        let mut files = BTreeMap::new();
        files.insert("picture.png".to_owned(), sha256(&bytes));
        let verified = VerifiedFiles::new(root.clone(), files);
        let image = decode_verified(&path, 64, &verified).expect("the signed bytes decode");
        assert_eq!(image.size, [16, 9], "decoded");

        // Swapped after the check: another valid picture, but not the one signed.
        let mut other = bytes.clone();
        let last = other.len() - 5;
        other[last] ^= 1;
        std::fs::write(&path, &other).expect("write");
        let err = decode_verified(&path, 64, &verified).expect_err("refused");
        assert!(
            err.contains("changed after its signature was checked"),
            "{err}"
        );

        let unlisted = root.join("other.png");
        std::fs::write(&unlisted, &bytes).expect("write");
        let err = decode_verified(&unlisted, 64, &verified).expect_err("refused");
        assert!(err.contains("not listed"), "{err}");
    }

    /// A 32×16 JPEG, its left half red and its right half blue, whose EXIF says
    /// `orientation` (6: turn 90° clockwise to show it, as phones write a portrait photo).
    fn jpeg_with_orientation(orientation: u16) -> Vec<u8> {
        let picture = image::RgbImage::from_fn(32, 16, |x, _| {
            if x < 16 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        });
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
            .encode_image(&picture)
            .expect("encodes");
        // APP1 "Exif": a little-endian TIFF header and one IFD with one entry, 0x0112
        // (Orientation), type SHORT, count 1.
        let mut tiff = b"II*\0".to_vec();
        tiff.extend_from_slice(&8_u32.to_le_bytes());
        tiff.extend_from_slice(&1_u16.to_le_bytes());
        tiff.extend_from_slice(&0x0112_u16.to_le_bytes());
        tiff.extend_from_slice(&3_u16.to_le_bytes());
        tiff.extend_from_slice(&1_u32.to_le_bytes());
        tiff.extend_from_slice(&orientation.to_le_bytes());
        tiff.extend_from_slice(&[0, 0]);
        tiff.extend_from_slice(&0_u32.to_le_bytes());
        let mut app1 = vec![0xFF, 0xE1];
        let length = u16::try_from(2 + 6 + tiff.len()).expect("small");
        app1.extend_from_slice(&length.to_be_bytes());
        app1.extend_from_slice(b"Exif\0\0");
        app1.extend_from_slice(&tiff);
        assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "starts with SOI");
        jpeg.splice(2..2, app1);
        jpeg
    }

    fn is_red(c: Color32) -> bool {
        c.r() > 200 && c.g() < 60 && c.b() < 60
    }

    fn is_blue(c: Color32) -> bool {
        c.b() > 200 && c.r() < 60 && c.g() < 60
    }

    #[test]
    fn a_phone_photo_is_turned_upright_by_its_exif_orientation() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("portrait.jpg");
        std::fs::write(&path, jpeg_with_orientation(6)).expect("write");
        let image = decode(&path, 64).expect("decodes");
        assert_eq!(image.size, [16, 32], "width and height swapped");
        let at = |x: usize, y: usize| image.pixels[y * image.size[0] + x];
        // Turned clockwise, the stored left half (red) is now on top.
        assert!(is_red(at(8, 4)), "red on top: {:?}", at(8, 4));
        assert!(is_blue(at(8, 28)), "blue below: {:?}", at(8, 28));
    }

    #[test]
    fn a_turned_photo_is_shrunk_to_the_longest_side_allowed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("portrait.jpg");
        std::fs::write(&path, jpeg_with_orientation(6)).expect("write");
        let image = decode(&path, 16).expect("decodes");
        assert_eq!(image.size, [8, 16], "upright and within 16 pixels");
        assert!(is_red(image.pixels[2 * 8 + 4]), "red on top");
    }

    #[test]
    fn a_photo_marked_upright_is_left_as_it_is() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("landscape.jpg");
        std::fs::write(&path, jpeg_with_orientation(1)).expect("write");
        let image = decode(&path, 64).expect("decodes");
        assert_eq!(image.size, [32, 16], "as stored");
        assert!(is_red(image.pixels[8 * 32 + 4]), "red on the left");
    }

    #[test]
    fn translucent_texels_are_premultiplied_and_opaque_ones_kept() {
        let mut image = image::RgbaImage::new(2, 1);
        image.put_pixel(0, 0, image::Rgba([200, 100, 50, 255]));
        image.put_pixel(1, 0, image::Rgba([200, 100, 50, 0]));
        let color = into_color_image(image::DynamicImage::ImageRgba8(image));
        assert_eq!(color.size, [2, 1], "size");
        assert_eq!(
            color.pixels[0],
            Color32::from_rgb(200, 100, 50),
            "opaque kept"
        );
        assert_eq!(color.pixels[1], Color32::TRANSPARENT, "transparent");
    }
}
