//! Every limit on what a content folder may hold, in one place, so validation, `vitrina
//! check`, the loaders and the staff documentation (`docs/limits.md`) agree. A file, a sync
//! tool or a careless edit must never make the kiosk use unbounded memory, disk or time.
//!
//! Two kinds of limit live here: what content may hold (checked by validation, each with a
//! message at its position) and how much a message about content may say (so a huge value in
//! a broken file cannot make an error message, a log entry or the staff panel huge).

use std::borrow::Cow;

/// Largest content file read (signed or not): about 70 times the shipped story. The file
/// is held in memory to be parsed, so this bounds the memory one reload can take.
pub const MAX_CONTENT_BYTES: u64 = 4 * 1024 * 1024;

/// Longest short text, in characters: titles, names, labels, eyebrows, figure values, units
/// and labels, dates, route lengths. The shipped content's longest is 81.
pub const MAX_SHORT_TEXT_CHARS: usize = 400;

/// Longest medium text, in characters: summaries, the story's introduction and credits,
/// picture captions and credits, figure notes, timeline entries, map place and route texts.
/// The shipped content's longest is 257.
pub const MAX_CAPTION_TEXT_CHARS: usize = 4_000;

/// Longest body paragraph, in characters (about eight pages of print). The shipped
/// content's longest is 264.
pub const MAX_PARAGRAPH_CHARS: usize = 20_000;

/// Longest id (sections, layers, places, routes, presets), in characters.
pub const MAX_ID_CHARS: usize = 64;

/// Longest file path (pictures, fonts), in characters.
pub const MAX_PATH_CHARS: usize = 255;

/// Most languages declared.
pub const MAX_LANGUAGES: usize = 16;
/// Most sections: each has a tile on Home, which stops being readable beyond this.
pub const MAX_SECTIONS: usize = 24;
/// Most body paragraphs in one section.
pub const MAX_PARAGRAPHS: usize = 100;
/// Most key figures in one section.
pub const MAX_FIGURES: usize = 24;
/// Most pictures in one section.
pub const MAX_SECTION_PICTURES: usize = 40;
/// Most pictures in the whole content (sections and slides together).
pub const MAX_PICTURES: usize = 400;
/// Most timeline entries in one section.
pub const MAX_TIMELINE: usize = 100;
/// Most links ("Take it with you" QR codes) in one section: each code takes a third of a
/// landscape screen's reading height, and with more codes in view a phone may read the
/// neighbouring one.
pub const MAX_SECTION_LINKS: usize = 3;
/// Longest link address, in bytes (`https://` included). A QR code grows with its text: 120
/// bytes fit version 7 at error correction M, 45 modules a side, so a code drawn 264 design
/// points wide has modules of 5 points (about 1.4 mm on a 24-inch full-HD screen, more on a
/// kiosk's larger one), coarse enough for a phone a metre away. Longer addresses make finer
/// codes that need the phone close; a site's shorter address for the page does.
pub const MAX_LINK_URL_BYTES: usize = 120;
/// Most credit lines of the story.
pub const MAX_CREDITS: usize = 50;
/// Most map layers.
pub const MAX_LAYERS: usize = 64;
/// Most map places.
pub const MAX_PLACES: usize = 1_000;
/// Most map routes.
pub const MAX_ROUTES: usize = 200;
/// Most waypoints of one route.
pub const MAX_WAYPOINTS: usize = 2_000;
/// Most parts of one route.
pub const MAX_ROUTE_PARTS: usize = 50;
/// Most map presets.
pub const MAX_PRESETS: usize = 64;
/// Most slides of the attract loop.
pub const MAX_SLIDES: usize = 100;

/// Largest video file, in bytes: a minute of full-HD H.264 at a generous 6 Mbit/s. The file is
/// read a sample at a time, never whole, so this bounds disk and sync time, not memory.
pub const MAX_VIDEO_BYTES: u64 = 50 * 1024 * 1024;
/// Widest video, in pixels: a 4K screen's width. Each decoded frame takes width × height × 1.5
/// bytes in the decoder and is shrunk to the displayed size before it is queued.
pub const MAX_VIDEO_WIDTH: u32 = 3840;
/// Tallest video, in pixels: a 4K screen's height (portrait clips up to 2160 × 3840 are
/// refused: turn them, or make them 1080 × 1920).
pub const MAX_VIDEO_HEIGHT: u32 = 2160;
/// Longest video, in seconds: an exhibit clip is a loop of seconds to a few minutes, and
/// visitors do not stand through longer ones.
pub const MAX_VIDEO_SECS: u64 = 600;
/// Most video samples (frames) in a clip: ten minutes at 60 frames a second. The sample
/// tables are held in memory while the clip plays.
pub const MAX_VIDEO_SAMPLES: u32 = 36_000;

/// Most characters of a value (an id, a code, a path, a name) quoted in a message; longer
/// values are cut with an ellipsis.
pub const MAX_QUOTED_CHARS: usize = 48;

/// Most values listed in one message (such as "write one of: …").
pub const MAX_LISTED: usize = 8;

/// Most bytes of one diagnostic line (`FILE:LINE:COLUMN: item: message`).
pub const MAX_DIAGNOSTIC_BYTES: usize = 600;

/// Most problems shown for one file; the rest are counted in a final line.
pub const MAX_SHOWN_PROBLEMS: usize = 50;

/// `value` for a message: cut to [`MAX_QUOTED_CHARS`] characters with an ellipsis, control
/// characters escaped so a message stays on one line. Without quotes: callers add them.
///
/// Every message that repeats something from a content file goes through this.
pub fn shorten(value: &str) -> Cow<'_, str> {
    shorten_to(value, MAX_QUOTED_CHARS)
}

/// `value` cut to `max_chars` characters (with an ellipsis), control characters escaped.
pub fn shorten_to(value: &str, max_chars: usize) -> Cow<'_, str> {
    let plain = value.chars().all(|c| !c.is_control());
    if plain && value.chars().nth(max_chars).is_none() {
        return Cow::Borrowed(value);
    }
    let mut out = String::new();
    for (count, c) in value.chars().enumerate() {
        if count >= max_chars.saturating_sub(1) {
            out.push('…');
            return Cow::Owned(out);
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `values` quoted and joined with commas, at most [`MAX_LISTED`] of them, each shortened;
/// the rest counted (`"a", "b" and 12 more`). `empty` when there are none.
pub fn quoted_list<'a>(values: impl IntoIterator<Item = &'a str>, empty: &str) -> String {
    let mut listed = Vec::new();
    let mut more = 0usize;
    for value in values {
        if listed.len() < MAX_LISTED {
            listed.push(format!("\"{}\"", shorten(value)));
        } else {
            more += 1;
        }
    }
    if listed.is_empty() {
        return empty.to_owned();
    }
    let mut text = listed.join(", ");
    if more > 0 {
        text = format!("{text} and {more} more");
    }
    text
}

/// A message from elsewhere (RON's parser, serde, the operating system) made safe to show:
/// quoted or backticked spans longer than [`MAX_QUOTED_CHARS`] are shortened, line breaks
/// and control characters escaped, and what is still over `max_bytes` cut in the middle, so
/// that the start (what is wrong) and the end (the hint) both remain.
pub fn bound_message(message: &str, max_bytes: usize) -> Cow<'_, str> {
    let simple = message.len() <= max_bytes && !message.chars().any(char::is_control);
    if simple {
        return Cow::Borrowed(message);
    }
    let shortened = shorten_spans(message);
    Cow::Owned(cut_middle(&shortened, max_bytes))
}

/// Shortens every span between a pair of `"` or `` ` `` that is longer than
/// [`MAX_QUOTED_CHARS`], and escapes control characters.
fn shorten_spans(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * MAX_DIAGNOSTIC_BYTES));
    let mut rest = message;
    while let Some(start) = rest.find(['"', '`']) {
        let (before, from) = rest.split_at(start);
        push_escaped(&mut out, before);
        let quote = from.chars().next().unwrap_or('"');
        let inner = &from[quote.len_utf8()..];
        let Some(end) = inner.find(quote) else {
            // An unclosed quote: the rest is one span.
            out.push(quote);
            out.push_str(&shorten(inner));
            return out;
        };
        out.push(quote);
        out.push_str(&shorten(&inner[..end]));
        out.push(quote);
        rest = &inner[end + quote.len_utf8()..];
    }
    push_escaped(&mut out, rest);
    out
}

/// Appends `text` with control characters escaped.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
}

/// `text` in at most `max_bytes` bytes: when longer, its start and end with " … " between.
pub fn cut_middle(text: &str, max_bytes: usize) -> String {
    const GAP: &str = " … ";
    if text.len() <= max_bytes {
        return text.to_owned();
    }
    let room = max_bytes.saturating_sub(GAP.len());
    let head = floor_char_boundary(text, room * 2 / 3);
    let tail_len = room - head;
    let tail = ceil_char_boundary(text, text.len() - tail_len);
    format!("{}{GAP}{}", &text[..head], &text[tail..])
}

/// The largest char boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at`.
fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_value_is_kept_as_it_is() {
        assert!(
            matches!(shorten("energy"), Cow::Borrowed("energy")),
            "no copy"
        );
    }

    #[test]
    fn a_long_value_is_cut_with_an_ellipsis() {
        let long = "a".repeat(2_000_000);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), MAX_QUOTED_CHARS, "{short}");
        assert!(short.ends_with('…'), "{short}");
    }

    #[test]
    fn line_breaks_in_a_value_are_escaped() {
        assert_eq!(shorten("a\nb"), "a\\nb", "one line");
    }

    #[test]
    fn a_list_names_the_first_values_and_counts_the_rest() {
        let ids: Vec<String> = (0..20).map(|i| format!("id{i}")).collect();
        let list = quoted_list(ids.iter().map(String::as_str), "(none)");
        assert!(list.starts_with("\"id0\", \"id1\""), "{list}");
        assert!(list.ends_with("\"id7\" and 12 more"), "{list}");
        assert_eq!(quoted_list([], "(none)"), "(none)", "empty");
    }

    #[test]
    fn a_message_quoting_a_huge_string_keeps_its_start_and_hint() {
        let message = format!(
            "invalid type: string \"{}\", expected a number; write a number",
            "x".repeat(1_000_000)
        );
        let bounded = bound_message(&message, MAX_DIAGNOSTIC_BYTES);
        assert!(bounded.len() <= MAX_DIAGNOSTIC_BYTES, "{}", bounded.len());
        assert!(
            bounded.starts_with("invalid type: string \"xxx"),
            "{bounded}"
        );
        assert!(
            bounded.ends_with("expected a number; write a number"),
            "{bounded}"
        );
    }

    #[test]
    fn a_long_message_without_quotes_is_cut_in_the_middle() {
        let message = format!("start {} end", "word ".repeat(100_000));
        let bounded = bound_message(&message, 200);
        assert!(bounded.len() <= 200, "{}", bounded.len());
        assert!(bounded.starts_with("start"), "{bounded}");
        assert!(bounded.ends_with("end"), "{bounded}");
        let multibyte = "ė".repeat(1000);
        let cut = cut_middle(&multibyte, 101);
        assert!(cut.len() <= 101, "{}", cut.len());
    }
}
