//! The cost of one reload of the largest valid content file the limits allow: every count at
//! its limit where the 4 MiB file limit leaves room (24 sections, each with 100 paragraphs,
//! 24 figures and 100 timeline entries, and 387 pictures in all, 40 in one section; 16
//! languages, 50 credit lines, 64 layers,
//! 1,000 places, 200 routes, one of 2,000 waypoints, 64 presets, 100 slides), one text of each
//! kind at its longest, and the paragraphs filling the rest up to the file limit.
//!
//! Prints the time of `load_content` (median and slowest of `VITRINA_BENCH_RUNS`, 10 by
//! default) and the peak memory one reload adds: the process's high-water mark (VmHWM) is
//! reset through /proc/self/clear_refs before the load and read after it. Linux only.
//!
//! Run with `cargo bench --bench reload`.

#![expect(clippy::print_stdout, reason = "a benchmark reports to the terminal")]

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use vitrina::content::limits::{
    MAX_CAPTION_TEXT_CHARS, MAX_CONTENT_BYTES, MAX_CREDITS, MAX_FIGURES, MAX_ID_CHARS,
    MAX_LANGUAGES, MAX_LAYERS, MAX_PARAGRAPH_CHARS, MAX_PARAGRAPHS, MAX_PLACES, MAX_PRESETS,
    MAX_ROUTE_PARTS, MAX_ROUTES, MAX_SECTION_PICTURES, MAX_SECTIONS, MAX_SHORT_TEXT_CHARS,
    MAX_SLIDES, MAX_TIMELINE, MAX_WAYPOINTS,
};
use vitrina::content::load_content;

/// `chars` characters of prose (with Lithuanian letters, so some take two bytes).
fn prose(chars: usize) -> String {
    "Žodžiai ir sakiniai apie energetiką, laisvę ir bendradarbiavimą. "
        .chars()
        .cycle()
        .take(chars)
        .collect()
}

/// An id of `n` of exactly `len` characters.
fn id(prefix: &str, n: usize, len: usize) -> String {
    let base = format!("{prefix}{n}");
    format!("{base}{}", "x".repeat(len.saturating_sub(base.len())))
}

/// The content file, with each ordinary paragraph `paragraph` characters long.
fn content(paragraph: usize) -> String {
    let mut s = String::from("(\n    languages: [\n");
    s.push_str("        (code: \"en\", name: \"English\", default: true),\n");
    // The built-in labels are in English and Lithuanian.
    s.push_str("        (code: \"lt\", name: \"Lietuvių\"),\n");
    for i in 2..MAX_LANGUAGES {
        let code = format!("x{}", char::from(b'a' + u8::try_from(i).expect("a few")));
        writeln!(s, "        (code: \"{code}\", name: \"Language {i}\"),").expect("write");
    }
    s.push_str("    ],\n    story: (\n");
    writeln!(s, "        title: \"{}\",", prose(MAX_SHORT_TEXT_CHARS)).expect("write");
    writeln!(s, "        intro: \"{}\",", prose(MAX_CAPTION_TEXT_CHARS)).expect("write");
    s.push_str("        credits: [");
    for _ in 0..MAX_CREDITS {
        write!(s, "\"{}\", ", prose(60)).expect("write");
    }
    s.push_str("],\n    ),\n    sections: [\n");
    for i in 0..MAX_SECTIONS {
        let section = id("s", i, if i == 0 { MAX_ID_CHARS } else { 0 });
        writeln!(
            s,
            "        (\n            id: \"{section}\",\n            title: \"{}\",\n            summary: \"{}\",\n            map_preset: \"p0\",",
            prose(40),
            prose(200)
        )
        .expect("write");
        s.push_str("            body: [\n");
        for j in 0..MAX_PARAGRAPHS {
            let chars = if i == 0 && j == 0 {
                MAX_PARAGRAPH_CHARS
            } else {
                paragraph
            };
            writeln!(s, "                \"{}\",", prose(chars)).expect("write");
        }
        s.push_str("            ],\n            figures: [\n");
        for _ in 0..MAX_FIGURES {
            writeln!(
                s,
                "                (value: \"508\", unit: \"km\", label: \"{}\", note: \"{}\"),",
                prose(30),
                prose(40)
            )
            .expect("write");
        }
        s.push_str("            ],\n            pictures: [\n");
        // The whole content's picture limit leaves room for 40 in one section only.
        let pictures = if i == 0 { MAX_SECTION_PICTURES } else { 14 };
        for _ in 0..pictures {
            writeln!(
                s,
                "                (path: \"assets/p.png\", caption: \"{}\", focus: (0.5, 0.4)),",
                prose(40)
            )
            .expect("write");
        }
        s.push_str("            ],\n            timeline: [\n");
        for _ in 0..MAX_TIMELINE {
            writeln!(
                s,
                "                (date: \"1989\", text: \"{}\"),",
                prose(40)
            )
            .expect("write");
        }
        s.push_str("            ],\n        ),\n");
    }
    s.push_str("    ],\n    map: (\n        layers: [\n");
    for i in 0..MAX_LAYERS {
        writeln!(
            s,
            "            (id: \"l{i}\", name: \"{}\", group: \"Energy\", colour: \"#FF9B42\"),",
            prose(20)
        )
        .expect("write");
    }
    s.push_str("        ],\n        places: [\n");
    for i in 0..MAX_PLACES {
        writeln!(
            s,
            "            (id: \"pl{i}\", kind: Site, layer: \"l{}\", lat: 54.68916, lon: 25.27980, name: \"{}\", text: \"{}\", section: \"s1\"),",
            i % MAX_LAYERS,
            prose(20),
            prose(60)
        )
        .expect("write");
    }
    s.push_str("        ],\n        routes: [\n");
    for i in 0..MAX_ROUTES {
        let waypoints = if i == 0 { MAX_WAYPOINTS } else { 8 };
        write!(
            s,
            "            (id: \"r{i}\", layer: \"l{}\", name: \"{}\", length: \"165 km\", section: \"s1\", parts: [",
            i % MAX_LAYERS,
            prose(20)
        )
        .expect("write");
        let parts = if i == 0 { MAX_ROUTE_PARTS } else { 2 };
        for _ in 0..parts {
            write!(s, "(label: \"Part\", value: 82.5), ").expect("write");
        }
        s.push_str("], waypoints: [Place(\"pl0\"), ");
        for k in 1..waypoints {
            #[expect(clippy::cast_precision_loss, reason = "a few thousand points")]
            let step = k as f64 / waypoints as f64;
            write!(s, "At({:.5}, {:.5}), ", 54.0 + step, 21.0 + 4.0 * step).expect("write");
        }
        s.push_str("]),\n");
    }
    s.push_str("        ],\n        presets: [\n");
    for i in 0..MAX_PRESETS {
        writeln!(
            s,
            "            (id: \"p{i}\", name: \"Preset\", bounds: (south: 53.0, west: 20.0, north: 57.0, east: 27.0), layers: [\"l0\", \"l1\"]),"
        )
        .expect("write");
    }
    s.push_str("        ],\n    ),\n    slides: [\n");
    for i in 0..MAX_SLIDES {
        let slide = match i % 4 {
            0 => format!("Hero(section: \"s{}\")", 1 + i % (MAX_SECTIONS - 1)),
            1 => format!(
                "Figure(section: \"s{}\", figure: 1)",
                1 + i % (MAX_SECTIONS - 1)
            ),
            2 => "Picture(picture: (path: \"assets/p.png\"))".to_owned(),
            _ => "MapTour(presets: [\"p0\", \"p1\"])".to_owned(),
        };
        writeln!(s, "        {slide},").expect("write");
    }
    s.push_str("    ],\n)\n");
    s
}

/// The largest file of this shape that fits the file limit, and its paragraph length.
fn largest() -> (String, usize) {
    let limit = usize::try_from(MAX_CONTENT_BYTES).expect("4 MiB fits");
    let (mut low, mut high) = (0, MAX_PARAGRAPH_CHARS);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if content(mid).len() <= limit {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    (content(low), low)
}

/// A figure of /proc/self/status in MiB, such as `VmHWM:`.
fn status_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("the field");
    kib / 1024.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("assets")).expect("assets");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assets/picture.png"),
        dir.path().join("assets/p.png"),
    )
    .expect("picture");
    let path = dir.path().join("content.ron");
    let (source, paragraph) = largest();
    std::fs::write(&path, &source).expect("written");
    let bytes = source.len();
    drop(source);

    // Peak memory of one reload: reset the high-water mark, load, read it.
    let before = status_mib("VmRSS:");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let loaded = load_content(&path).unwrap_or_else(|err| panic!("the file is valid: {err}"));
    let peak = status_mib("VmHWM:");
    let held = status_mib("VmRSS:");
    let warnings = loaded.warnings.len();
    drop(loaded);

    let runs: usize = std::env::var("VITRINA_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let started = Instant::now();
            let loaded = load_content(&path).expect("valid");
            let took = started.elapsed();
            drop(loaded);
            took
        })
        .collect();
    times.sort_unstable();

    println!(
        "largest valid content: {bytes} bytes ({paragraph} characters per ordinary paragraph), {warnings} warnings"
    );
    println!(
        "load_content: median {:.1} ms, slowest {:.1} ms over {} runs",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len()
    );
    if reset {
        println!(
            "memory: {before:.1} MiB resident before, peak {peak:.1} MiB during the load (+{:.1} MiB), {held:.1} MiB resident with the content held",
            peak - before
        );
    } else {
        println!(
            "memory: {before:.1} MiB before, {held:.1} MiB with the content held (peak not measured: /proc/self/clear_refs not writable; process peak {peak:.1} MiB)"
        );
    }
}
