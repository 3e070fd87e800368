//! Whether a picture file is whole: a JPEG cut short (a copy or a sync interrupted)
//! decodes without an error, its missing part grey, so its end is checked before decoding.
//!
//! The `image` crate's JPEG decoder (zune-jpeg, not strict) fills what is missing and
//! reports nothing. A JPEG ends with the end-of-image marker `FF D9`; the segments before
//! it are walked by their lengths (so a thumbnail's marker inside the EXIF data does not
//! count) and the scan data to their next marker (where `FF` is always followed by `00`,
//! a restart marker or another marker), streaming, without holding the file. PNG and WebP
//! decoders already fail on a file cut short.

use std::io::{self, BufRead};

/// Whether the JPEG read from `reader` reaches its end-of-image marker. Bytes after the
/// marker (some cameras append data) do not matter.
///
/// # Errors
/// A read error of `reader`.
pub fn jpeg_is_complete<R: BufRead>(reader: R) -> io::Result<bool> {
    let mut bytes = Bytes(reader);
    if bytes.next()? != Some(0xFF) || bytes.next()? != Some(0xD8) {
        return Ok(false);
    }
    let mut in_scan = false;
    loop {
        let Some(marker) = bytes.next_marker(in_scan)? else {
            return Ok(false);
        };
        match marker {
            0xD9 => return Ok(true),
            // Stand-alone markers, without a length: restarts, TEM, stray fill.
            0x00 | 0x01 | 0xD0..=0xD7 => {}
            _ => {
                let (Some(high), Some(low)) = (bytes.next()?, bytes.next()?) else {
                    return Ok(false);
                };
                let length = usize::from(u16::from_be_bytes([high, low]));
                if length < 2 || !bytes.skip(length - 2)? {
                    return Ok(false);
                }
                // Scan data follow a start-of-scan header; other segments (tables between
                // the scans of a progressive JPEG) are followed by a marker.
                in_scan = marker == 0xDA;
            }
        }
    }
}

/// A buffered reader read byte by byte, or in runs through its buffer.
struct Bytes<R>(R);

impl<R: BufRead> Bytes<R> {
    /// The next byte; `None` at the end.
    fn next(&mut self) -> io::Result<Option<u8>> {
        let byte = self.0.fill_buf()?.first().copied();
        if byte.is_some() {
            self.0.consume(1);
        }
        Ok(byte)
    }

    /// Skips `count` bytes; false when the input ends first.
    fn skip(&mut self, mut count: usize) -> io::Result<bool> {
        while count > 0 {
            let available = self.0.fill_buf()?.len();
            if available == 0 {
                return Ok(false);
            }
            let step = available.min(count);
            self.0.consume(step);
            count -= step;
        }
        Ok(true)
    }

    /// Reads up to and including the next `FF`; false when the input ends first.
    fn skip_past_ff(&mut self) -> io::Result<bool> {
        loop {
            let buffer = self.0.fill_buf()?;
            if buffer.is_empty() {
                return Ok(false);
            }
            if let Some(at) = buffer.iter().position(|&b| b == 0xFF) {
                self.0.consume(at + 1);
                return Ok(true);
            }
            let all = buffer.len();
            self.0.consume(all);
        }
    }

    /// The code of the next marker: in scan data, the first `FF` not followed by `00` or a
    /// restart marker; elsewhere the next `FF` (bytes before it are tolerated, as the
    /// decoder does). Fill bytes (`FF FF`) are skipped. `None` at the end.
    fn next_marker(&mut self, in_scan: bool) -> io::Result<Option<u8>> {
        loop {
            if !self.skip_past_ff()? {
                return Ok(None);
            }
            let mut code = self.next()?;
            while code == Some(0xFF) {
                code = self.next()?;
            }
            match code {
                None => return Ok(None),
                Some(0x00 | 0xD0..=0xD7) if in_scan => {}
                Some(code) => return Ok(Some(code)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 64×48 baseline JPEG of a gradient (so its scan data hold many bytes).
    fn jpeg() -> Vec<u8> {
        let picture = image::RgbImage::from_fn(64, 48, |x, y| {
            #[expect(clippy::cast_possible_truncation, reason = "small coordinates")]
            image::Rgb([(x * 4) as u8, (y * 5) as u8, ((x + y) * 2) as u8])
        });
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&picture)
            .expect("encodes");
        jpeg
    }

    fn complete(bytes: &[u8]) -> bool {
        jpeg_is_complete(bytes).expect("reads from memory")
    }

    #[test]
    fn a_whole_jpeg_is_complete_even_with_bytes_after_its_end() {
        let jpeg = jpeg();
        assert!(complete(&jpeg), "whole");
        let mut trailing = jpeg.clone();
        trailing.extend_from_slice(b"\0\0camera data");
        assert!(complete(&trailing), "data after the end marker");
        // Read through a tiny buffer: markers split across refills.
        let reader = io::BufReader::with_capacity(3, jpeg.as_slice());
        assert!(
            jpeg_is_complete(reader).expect("reads"),
            "whole, read in pieces"
        );
    }

    #[test]
    fn a_jpeg_cut_anywhere_is_incomplete() {
        let jpeg = jpeg();
        for cut in [0, 1, 2, 20, jpeg.len() / 2, jpeg.len() - 2, jpeg.len() - 1] {
            assert!(!complete(&jpeg[..cut]), "cut at {cut} of {}", jpeg.len());
        }
    }

    #[test]
    fn an_end_marker_inside_a_segment_does_not_count() {
        // An APP1 segment holding FF D9 (as an EXIF thumbnail does), then nothing.
        let mut cut = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD9, 0xFF, 0xD9];
        assert!(!complete(&cut), "the marker inside APP1 is data");
        cut.extend_from_slice(&[0xFF, 0xD9]);
        assert!(complete(&cut), "a real end marker after it");
    }
}
