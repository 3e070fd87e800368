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
    // The format comes from the bytes (see `prepare`), not from the name.
    let reader = image::ImageReader::new(std::io::BufReader::new(file));
    decode_reader(reader, path, max_side)
}

/// Decodes from `reader` (a file or bytes already read); `path` names it in the log.
fn decode_reader<R: std::io::BufRead + std::io::Seek>(
    reader: image::ImageReader<R>,
    path: &Path,
    max_side: u32,
) -> Result<ColorImage, String> {
    let started = std::time::Instant::now();
    let reader = prepare(reader)?;
    // A decoder that panics on a hostile file must not take the kiosk down with it.
    let (decoded, orientation) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode_oriented(reader)))
            .map_err(|_| "the decoder failed on this file".to_owned())?
            .map_err(decode_error)?;
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

/// What a picture file says about itself, read from its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureHeader {
    /// PNG, JPEG or WebP.
    pub format: image::ImageFormat,
    /// Width and height as stored, in pixels.
    pub size: [u32; 2],
}

/// Reads the header of the picture at `path` and checks it as [`decode`] would before
/// decoding: a known format, within [`MAX_DECLARED_SIDE`] and [`MAX_DECODE_ALLOC`], and (a
/// JPEG) not cut short. Much quicker than decoding; a fault in the compressed data passes.
pub fn inspect(path: &Path) -> Result<PictureHeader, String> {
    use image::ImageDecoder as _;
    let reader = prepare(open_for_check(path)?)?;
    let format = reader.format().ok_or_else(not_a_picture)?;
    let decoder = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let decoder = reader.into_decoder()?;
        if decoder.total_bytes() > MAX_DECODE_ALLOC {
            return Err(too_large());
        }
        Ok(decoder.dimensions())
    }));
    let (width, height) = decoder
        .map_err(|_| "the decoder failed on this file".to_owned())?
        .map_err(decode_error)?;
    Ok(PictureHeader {
        format,
        size: [width, height],
    })
}

/// Decodes the picture at `path` in full, as [`decode`] does, without shrinking it or
/// converting it to texels: whether the kiosk could show it (for `vitrina check`).
pub fn decode_to_check(path: &Path) -> Result<PictureHeader, String> {
    let reader = prepare(open_for_check(path)?)?;
    let format = reader.format().ok_or_else(not_a_picture)?;
    let (decoded, _) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode_oriented(reader)))
            .map_err(|_| "the decoder failed on this file".to_owned())?
            .map_err(decode_error)?;
    Ok(PictureHeader {
        format,
        size: [decoded.width(), decoded.height()],
    })
}

/// The picture at `path` for [`inspect`] and [`decode_to_check`], opened as the kiosk opens
/// it: never a blocking open, so a FIFO swapped in after validation cannot hang `check`.
fn open_for_check(
    path: &Path,
) -> Result<image::ImageReader<std::io::BufReader<std::fs::File>>, String> {
    let file = open_regular(path).map_err(|err| format!("cannot open: {err}"))?;
    Ok(image::ImageReader::new(std::io::BufReader::new(file)))
}

/// A decoder's error for staff: the limits in words, anything else as the decoder says it.
fn decode_error(err: image::ImageError) -> String {
    match err {
        image::ImageError::Limits(_) => format!(
            "cannot decode: larger than the kiosk decodes (the limit is {MAX_DECLARED_SIDE} pixels \
             a side and {} MB decoded); export it at 2000 to 4000 pixels wide",
            MAX_DECODE_ALLOC >> 20
        ),
        other => format!("cannot decode: {other}"),
    }
}

fn not_a_picture() -> String {
    "not a PNG, JPEG or WebP picture (whatever its name says); save it as one of those".to_owned()
}

fn too_large() -> image::ImageError {
    image::ImageError::Limits(image::error::LimitError::from_kind(
        image::error::LimitErrorKind::InsufficientMemory,
    ))
}

/// The format guessed from the first bytes, the decoding limits set, and a JPEG checked to
/// be whole (see [`super::complete`]): what every decode and inspection starts with.
fn prepare<R: std::io::BufRead + std::io::Seek>(
    reader: image::ImageReader<R>,
) -> Result<image::ImageReader<R>, String> {
    let mut inner = reader.into_inner();
    if inner
        .fill_buf()
        .map_err(|err| format!("cannot read: {err}"))?
        .is_empty()
    {
        return Err("the file is empty (a copy or sync not finished?)".to_owned());
    }
    // The format from the bytes alone: a name ending in .png says nothing about them.
    let reader = image::ImageReader::new(inner)
        .with_guessed_format()
        .map_err(|err| format!("cannot read: {err}"))?;
    // GIF, BMP and the like are recognised but not built in: the same answer as for text.
    let Some(format) = reader.format().filter(|format| {
        matches!(
            format,
            image::ImageFormat::Png | image::ImageFormat::Jpeg | image::ImageFormat::WebP
        )
    }) else {
        return Err(not_a_picture());
    };
    let mut reader = if format == image::ImageFormat::Jpeg {
        let mut inner = reader.into_inner();
        let start = inner
            .stream_position()
            .map_err(|err| format!("cannot read: {err}"))?;
        let complete = super::complete::jpeg_is_complete(&mut inner)
            .map_err(|err| format!("cannot read: {err}"))?;
        if !complete {
            return Err(
                "the file ends before the picture does (a copy or sync cut short?); copy it \
                 again"
                    .to_owned(),
            );
        }
        inner
            .seek(std::io::SeekFrom::Start(start))
            .map_err(|err| format!("cannot read: {err}"))?;
        image::ImageReader::with_format(inner, format)
    } else {
        reader
    };
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DECLARED_SIDE);
    limits.max_image_height = Some(MAX_DECLARED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    Ok(reader)
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
        return Err(too_large());
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

    /// A 64×48 picture of a gradient in `format`.
    fn encoded(format: image::ImageFormat) -> Vec<u8> {
        let picture = image::RgbImage::from_fn(64, 48, |x, y| {
            #[expect(clippy::cast_possible_truncation, reason = "small coordinates")]
            image::Rgb([(x * 4) as u8, (y * 5) as u8, ((x + y) * 2) as u8])
        });
        let mut bytes = std::io::Cursor::new(Vec::new());
        picture.write_to(&mut bytes, format).expect("encodes");
        bytes.into_inner()
    }

    #[test]
    fn a_picture_cut_short_is_refused_in_every_format() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (format, name) in [
            (image::ImageFormat::Jpeg, "cut.jpg"),
            (image::ImageFormat::Png, "cut.png"),
            (image::ImageFormat::WebP, "cut.webp"),
        ] {
            let bytes = encoded(format);
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).expect("write");
            assert!(decode(&path, 64).is_ok(), "{name}: whole, it decodes");
            std::fs::write(&path, &bytes[..bytes.len() * 2 / 3]).expect("write");
            let err = decode(&path, 64).expect_err("cut short");
            assert!(!err.is_empty(), "{name}: a reason");
        }
        // The JPEG decoder alone would fill the missing part with grey: this reason is ours.
        let err = decode(&dir.path().join("cut.jpg"), 64).expect_err("cut short");
        assert!(err.contains("ends before the picture does"), "{err}");
    }

    /// A PNG declaring `width`×`height` that holds almost nothing: signature, IHDR, a tiny
    /// IDAT and IEND, each chunk with its CRC.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        fn chunk(png: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) {
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            png.extend_from_slice(&u32::try_from(data.len()).expect("small").to_be_bytes());
            png.extend_from_slice(&body);
            png.extend_from_slice(&crc32(&body).to_be_bytes());
        }
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        chunk(&mut png, *b"IHDR", &ihdr);
        chunk(&mut png, *b"IDAT", &[0x78, 0x9C, 0x03, 0x00]);
        chunk(&mut png, *b"IEND", &[]);
        png
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0_u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn inspecting_reads_the_header_and_refuses_what_decoding_would() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            path
        };
        let good = write("good.jpg", &encoded(image::ImageFormat::Jpeg));
        assert_eq!(
            inspect(&good),
            Ok(PictureHeader {
                format: image::ImageFormat::Jpeg,
                size: [64, 48]
            }),
            "a good JPEG"
        );
        let refused = [
            ("empty.png", Vec::new(), "the file is empty"),
            ("text.png", b"hello, not a picture\n".to_vec(), "not a PNG"),
            ("bomb.png", png_header(100_000, 100_000), "limit"),
            // Within the side limit, beyond the memory one: 19,000² RGBA is 1.4 GB.
            ("huge.png", png_header(19_000, 19_000), "limit"),
        ];
        for (name, bytes, reason) in refused {
            let err = inspect(&write(name, &bytes)).expect_err(name);
            assert!(err.contains(reason), "{name}: {err}");
            let err = decode(&dir.path().join(name), 64).expect_err(name);
            assert!(err.contains(reason), "{name} decoded: {err}");
        }
        let jpeg = encoded(image::ImageFormat::Jpeg);
        let cut = write("cut.jpg", &jpeg[..jpeg.len() / 2]);
        let err = inspect(&cut).expect_err("cut short");
        assert!(err.contains("ends before"), "{err}");
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
