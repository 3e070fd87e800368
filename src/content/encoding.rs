//! A content file's bytes as text: UTF-8 with or without its mark, or UTF-16 with its
//! mark; anything else, and NUL or other control characters, refused with the line and
//! column an editor shows, the byte offset, and how to save the file.

use std::borrow::Cow;
use std::path::Path;

use super::load::{Diagnostic, LoadError};
use super::locate::Position;
use super::validate::Severity;

/// The text of a content file's `bytes`, as editors on Windows save it: UTF-8, with or
/// without a byte order mark (Notepad's "UTF-8 with BOM", PowerShell 5's `-Encoding UTF8`),
/// or UTF-16 with its byte order mark (Notepad's "Unicode", PowerShell 5's `Out-File`). The
/// mark is dropped, so lines and columns are the ones an editor shows. Anything else (a
/// legacy code page such as Windows-1252) is refused at the first byte that is not UTF-8,
/// saying to save the file as UTF-8. `file` is only used in messages.
pub fn content_text<'a>(bytes: &'a [u8], file: &Path) -> Result<Cow<'a, str>, LoadError> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((rest, u16::from_le_bytes as fn([u8; 2]) -> u16, "LE")),
        [0xFE, 0xFF, rest @ ..] => Some((rest, u16::from_be_bytes as fn([u8; 2]) -> u16, "BE")),
        _ => None,
    };
    if let Some((rest, unit, order)) = utf16 {
        let text = decode_utf16(rest, unit).map_err(|(position, offset)| {
            encoding_error(
                file,
                position,
                // Offsets count from the file's first byte, mark included, as a hex editor does.
                offset + 2,
                &format!(
                    "the file is UTF-16 ({order}) but not valid UTF-16 here; save the file as \
                     UTF-8"
                ),
            )
        })?;
        // Two bytes per UTF-16 unit, after the two-byte mark.
        let offset_of = |before: &str| 2 + 2 * before.encode_utf16().count();
        return match special_character(&text, offset_of, file) {
            Some(err) => Err(err),
            None => Ok(Cow::Owned(text)),
        };
    }
    let bom = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let bytes = bytes.get(bom..).unwrap_or_default();
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
        let before = std::str::from_utf8(valid).unwrap_or_default();
        encoding_error(
            file,
            position_after(before),
            bom + err.valid_up_to(),
            "the file is not UTF-8 text (perhaps saved as ANSI or another code page); save \
             the file as UTF-8",
        )
    })?;
    match special_character(text, |before| bom + before.len(), file) {
        Some(err) => Err(err),
        None => Ok(Cow::Borrowed(text)),
    }
}

/// The first NUL or other control character in `text` (tab and line ends are fine) as an
/// error; `offset_of` gives the file byte offset of the text before it. RON would report
/// these as a puzzling syntax error, or keep them inside a text where they show as boxes.
fn special_character(
    text: &str,
    offset_of: impl Fn(&str) -> usize,
    file: &Path,
) -> Option<LoadError> {
    let (at, found) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    let before = text.get(..at).unwrap_or_default();
    let what = if found == '\0' {
        // UTF-16 without its mark reads as UTF-8 with a NUL beside every letter.
        "the file contains NUL characters (perhaps UTF-16 without a byte order mark)".to_owned()
    } else {
        format!(
            "the file contains the control character U+{:04X}",
            u32::from(found)
        )
    };
    Some(encoding_error(
        file,
        position_after(before),
        offset_of(before),
        &format!("{what}; save the file as UTF-8 without special characters"),
    ))
}

/// UTF-16 code units from `bytes` (two bytes each, read by `unit`) as text; on a lone
/// surrogate or an odd final byte, the position where it stands and its byte offset in
/// `bytes`.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, (Position, usize)> {
    let chunks = bytes.chunks_exact(2);
    let odd = !chunks.remainder().is_empty();
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut units = 0;
    for decoded in char::decode_utf16(chunks.map(|pair| unit([pair[0], pair[1]]))) {
        match decoded {
            Ok(c) => {
                text.push(c);
                units += c.len_utf16();
            }
            Err(_) => return Err((position_after(&text), 2 * units)),
        }
    }
    if odd {
        return Err((position_after(&text), 2 * units));
    }
    Ok(text)
}

/// The line and column just after `text`, as an editor shows them: from 1, the column in
/// characters (not bytes), a CR before the line end not counted.
fn position_after(text: &str) -> Position {
    let line = text.matches('\n').count() + 1;
    let last_line = text.rsplit('\n').next().unwrap_or_default();
    Position {
        line,
        column: last_line.chars().count() + 1,
    }
}

/// An encoding error at `position`, with the byte `offset` (from 0, in the file) for a hex
/// editor or `cmp`, since a bad byte may not show in a text editor at all.
fn encoding_error(file: &Path, position: Position, offset: usize, message: &str) -> LoadError {
    LoadError::Parse(Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position: Some(position),
        item: None,
        message: format!("at byte offset {offset}: {message}"),
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// `text` as UTF-16 with its byte order mark, as Notepad's "Unicode" saves it.
    pub(in crate::content) fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn broken_utf16_is_refused_with_save_as_utf8_at_its_position() {
        let mut bytes = utf16("(\nab", false);
        bytes.extend_from_slice(&0xD800_u16.to_le_bytes()); // a lone surrogate
        let err = content_text(&bytes, Path::new("content.ron")).expect_err("refused");
        let text = err.to_string();
        assert_eq!(text.split(": ").next(), Some("content.ron:2:3"), "{text}");
        assert!(text.contains("save the file as UTF-8"), "{text}");
    }

    #[test]
    fn a_legacy_code_page_file_is_refused_at_its_first_foreign_byte_with_save_as_utf8() {
        // Windows-1252's "é" (0xE9) inside a text on line 2, at column 4.
        let err = content_text(b"(\n  \"\xE9\"", Path::new("content.ron")).expect_err("refused");
        let text = err.to_string();
        assert!(text.starts_with("content.ron:2:4: "), "{text}");
        assert!(text.contains("save the file as UTF-8"), "{text}");
    }

    #[test]
    fn utf16_without_its_mark_is_refused_with_save_as_utf8_not_a_ron_error() {
        let bytes: Vec<u8> = "(x)".bytes().flat_map(|b| [b, 0]).collect();
        let err = content_text(&bytes, Path::new("content.ron")).expect_err("refused");
        let text = err.to_string();
        assert!(text.starts_with("content.ron:1:2: "), "{text}");
        assert!(text.contains("save the file as UTF-8"), "{text}");
    }

    #[test]
    fn a_bad_byte_after_multibyte_letters_is_placed_at_the_editors_line_column_and_byte() {
        // Line 3 holds "é" (2 bytes) and "字" (3 bytes) before the stray 0xFF: an editor
        // shows it at column 5 of line 3, while it is the file's 13th byte (offset 12).
        let bytes = b"(\n x\n \"\xC3\xA9\xE5\xAD\x97\xFF\"";
        let err = content_text(bytes, Path::new("content.ron")).expect_err("refused");
        let text = err.to_string();
        assert!(text.starts_with("content.ron:3:5: "), "{text}");
        assert!(text.contains("at byte offset 12"), "{text}");
        assert!(text.contains("save the file as UTF-8"), "{text}");
    }

    #[test]
    fn the_byte_offset_counts_the_utf8_mark() {
        let err = content_text(b"\xEF\xBB\xBF(\xE9)", Path::new("content.ron")).expect_err("bad");
        let text = err.to_string();
        assert!(text.starts_with("content.ron:1:2: "), "{text}");
        assert!(
            text.contains("at byte offset 4"),
            "the mark's 3 bytes count: {text}"
        );
    }

    #[test]
    fn a_nul_is_placed_at_its_line_column_and_byte_with_the_special_characters_hint() {
        let bytes = "(\n  title: \"Ä\0\"".as_bytes();
        let err = content_text(bytes, Path::new("content.ron")).expect_err("refused");
        let text = err.to_string();
        assert!(text.starts_with("content.ron:2:12: "), "{text}");
        // "(\n" 2 bytes, "  title: \"" 10 bytes, "Ä" 2 bytes.
        assert!(text.contains("at byte offset 14"), "{text}");
        assert!(text.contains("NUL"), "{text}");
        assert!(
            text.contains("save the file as UTF-8 without special characters"),
            "{text}"
        );
    }

    #[test]
    fn a_control_character_is_refused_with_the_special_characters_hint() {
        let err = content_text(b"(\r\n x: \"a\x1Bb\")", Path::new("content.ron"))
            .expect_err("an escape character is refused");
        let text = err.to_string();
        assert!(text.starts_with("content.ron:2:7: "), "{text}");
        assert!(text.contains("at byte offset 9"), "{text}");
        assert!(text.contains("U+001B"), "{text}");
        assert!(
            text.contains("save the file as UTF-8 without special characters"),
            "{text}"
        );
        // Tabs and both line ends are ordinary.
        assert!(
            content_text(b"(\r\n\tx: 1,\n)", Path::new("content.ron")).is_ok(),
            "tab, CR and LF pass"
        );
    }

    #[test]
    fn utf16_positions_and_offsets_count_the_units_and_the_mark() {
        let mut bytes = utf16("(\n\u{1F600}a", false);
        bytes.extend_from_slice(&0xDC00_u16.to_le_bytes()); // a lone low surrogate
        let text = content_text(&bytes, Path::new("content.ron"))
            .expect_err("refused")
            .to_string();
        // Mark 2 + "(\n" 4 + the emoji's surrogate pair 4 + "a" 2.
        assert!(text.starts_with("content.ron:2:3: "), "{text}");
        assert!(text.contains("at byte offset 12"), "{text}");
        let nul = content_text(&utf16("(\0)", true), Path::new("content.ron"))
            .expect_err("NUL in UTF-16 refused")
            .to_string();
        assert!(nul.starts_with("content.ron:1:2: "), "{nul}");
        assert!(nul.contains("at byte offset 4"), "{nul}");
    }
}
