//! `vitrina check` opens every picture (and video clip) the content names, with the kiosk's own decoder and
//! limits, so that a file the kiosk would show as a placeholder fails the check instead.
//!
//! By default each picture is decoded in full (two threads, not shrunk nor converted to
//! texels): only that finds a fault inside the compressed data, and it is quick enough
//! (the shipped content's four 2560×1440 pictures in under a second, twelve 12-megapixel
//! JPEGs in about two seconds, debug build). With `--quick` only the headers are read
//! (format, size, limits, a JPEG's end).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::content::{
    Diagnostic, FieldPath, LoadedContent, Picture, Severity, Slide, SourceMap, content_text,
};
use crate::platform::images::{decode_to_check, inspect};
use crate::platform::video::probe;

/// Picture errors listed; more are counted in one last line.
pub const MAX_PICTURE_ERRORS: usize = 20;

/// Characters of a picture path echoed in a message.
const MAX_PATH_CHARS: usize = 100;

/// Characters of the item (`sections[energy].pictures[1].path`) shown.
const MAX_ITEM_CHARS: usize = 120;

/// Characters of a decoder's reason kept in a message.
const MAX_REASON_CHARS: usize = 300;

/// Decoding threads: a full decode may use up to the decoder's memory limit each.
const CHECK_THREADS: usize = 2;

/// How thoroughly pictures are opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// The header only: format, size, limits, a JPEG's end.
    Headers,
    /// A full decode, as the kiosk does.
    Decode,
}

/// What checking the pictures found.
#[derive(Debug, Default)]
pub struct PictureReport {
    /// Distinct picture files opened.
    pub files: usize,
    /// The first [`MAX_PICTURE_ERRORS`] errors, each at the place its picture is named.
    pub errors: Vec<Diagnostic>,
    /// Every error, listed or not.
    pub error_count: usize,
}

/// One place that names a picture.
struct Place {
    /// Where in the content (`sections[energy].pictures[1].path`).
    item: FieldPath,
    /// The path as written.
    written: String,
}

/// Every place of `loaded` that names a picture: section pictures and picture slides, as
/// [`crate::content::ResolvedAssets`] lists them.
fn places(loaded: &LoadedContent) -> Vec<Place> {
    let mut places = Vec::new();
    let sections = FieldPath::default().field("sections");
    for (i, section) in loaded.content.sections.iter().enumerate() {
        // As validation names a section: by id, by position when it has none.
        let section_path = if section.id.is_empty() {
            sections.index(i)
        } else {
            sections.id(&section.id)
        };
        for (j, picture) in section.pictures.iter().enumerate() {
            let item = section_path.field("pictures").index(j);
            push_video(&mut places, &item, picture);
            places.push(Place {
                item: item.field("path"),
                written: picture.path.clone(),
            });
        }
    }
    let slides = FieldPath::default().field("slides");
    for (i, slide) in loaded.content.slides.iter().enumerate() {
        if let Slide::Picture { picture, .. } = slide {
            push_video(&mut places, &slides.index(i).field("picture"), picture);
            places.push(Place {
                item: slides.index(i).field("picture").field("path"),
                written: picture.path.clone(),
            });
        }
    }
    places
}

/// The place of `picture`'s video clip (at `item`), if it has one: checked with the pictures,
/// opened by [`open`] as a video.
fn push_video(places: &mut Vec<Place>, item: &FieldPath, picture: &Picture) {
    if let Some(video) = &picture.video {
        places.push(Place {
            item: item.field("video").field("path"),
            written: video.path.clone(),
        });
    }
}

/// Whether `path` is a video clip (validation lets only these endings be videos).
fn is_video(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("mp4") || e.eq_ignore_ascii_case("m4v"))
}

/// Opens `path` to `depth`: a picture with the kiosk's picture decoder, a video clip with
/// its demuxer and H.264 decoder (`--quick`: the container, track and first frame only).
fn open(path: &Path, depth: Depth) -> Result<(), String> {
    if is_video(path) {
        return probe(path, depth == Depth::Decode)
            .map(|_| ())
            .map_err(|err| err.to_string());
    }
    match depth {
        Depth::Headers => inspect(path).map(|_| ()),
        // Signed content: loading checked every file's hash against the manifest already.
        Depth::Decode => decode_to_check(path).map(|_| ()),
    }
}

/// Opens every picture of `loaded` (read from `file`) to `depth`; each bad one is an error
/// at each place that names it.
pub fn check_pictures(loaded: &LoadedContent, file: &Path, depth: Depth) -> PictureReport {
    let places = places(loaded);
    // Each file once, however many places name it.
    let mut files: Vec<PathBuf> = places
        .iter()
        .filter_map(|place| loaded.assets.picture(&place.written))
        .map(Path::to_path_buf)
        .collect();
    files.sort();
    files.dedup();
    let results = open_all(&files, |path| open(path, depth));
    let source_map = source_map(file);
    let mut report = PictureReport {
        files: files.len(),
        ..PictureReport::default()
    };
    for place in &places {
        let reason = match loaded.assets.picture(&place.written) {
            // Validation found the file; it went away since.
            None => "the file is gone".to_owned(),
            Some(real) => match files
                .binary_search_by(|f| f.as_path().cmp(real))
                .ok()
                .and_then(|at| results.get(at))
            {
                Some(Err(reason)) => reason.clone(),
                _ => continue,
            },
        };
        report.error_count += 1;
        if report.errors.len() < MAX_PICTURE_ERRORS {
            report.errors.push(Diagnostic {
                severity: Severity::Error,
                file: file.to_path_buf(),
                position: source_map.as_ref().and_then(|map| map.locate(&place.item)),
                // An id is echoed too: bounded like the rest of the line.
                item: Some(shorten(&place.item.to_string(), MAX_ITEM_CHARS)),
                message: format!(
                    "\"{}\" cannot be shown: {}",
                    shorten(&place.written, MAX_PATH_CHARS),
                    shorten(&reason, MAX_REASON_CHARS)
                ),
            });
        }
    }
    report.errors.sort_by_key(|d| d.position);
    report
}

/// `open` of each file, on [`CHECK_THREADS`] threads; results in the order of `files`.
fn open_all(
    files: &[PathBuf],
    open: impl Fn(&Path) -> Result<(), String> + Sync,
) -> Vec<Result<(), String>> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<Result<(), String>> = vec![Ok(()); files.len()];
    let done: Vec<Vec<(usize, Result<(), String>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..CHECK_THREADS.min(files.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(at) else {
                            return done;
                        };
                        done.push((at, open(path)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                // The decoder catches its own panics; a worker that still failed leaves
                // its pictures unreported rather than taking check down.
                worker.join().unwrap_or_default()
            })
            .collect()
    });
    for (at, result) in done.into_iter().flatten() {
        results[at] = result;
    }
    results
}

/// The positions of `file`'s items, when it can be read again (it loaded a moment ago).
fn source_map(file: &Path) -> Option<SourceMap> {
    use std::io::Read as _;
    if !std::fs::metadata(file).ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .ok()?
        .take(crate::content::limits::MAX_CONTENT_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    let source = content_text(&bytes, file).ok()?;
    Some(SourceMap::new(&source))
}

/// `text` cut to at most `max` characters, an ellipsis marking the cut.
fn shorten(text: &str, max: usize) -> String {
    crate::usage::stats::shorten(text, max)
}
