//! `content.manifest`: one line per file, in `sha256sum` format (`<64 lowercase hex>  <path>`),
//! paths relative to the content folder with `/` separators, sorted.
//!
//! Parsing and rendering are pure; listing and hashing the folder's files are the I/O part,
//! each bounded (file count, depth, bytes hashed).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::content::provenance::{Sha256Digest, to_hex};

/// The manifest's file name, in the content folder.
pub const MANIFEST_FILE: &str = "content.manifest";

/// The signature's file name, in the content folder.
pub const SIGNATURE_FILE: &str = "content.manifest.minisig";

/// Largest manifest read, in bytes (20,000 lines of 200 bytes fit).
pub const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

/// Most lines (files) a manifest may list.
pub const MAX_ENTRIES: usize = 20_000;

/// Longest path in a manifest line, in bytes.
pub const MAX_PATH_BYTES: usize = 1024;

/// Deepest folder nesting listed.
pub const MAX_DEPTH: usize = 32;

/// Most bytes hashed for one manifest (writing or checking): a content folder is pictures
/// and fonts, not a video archive.
pub const MAX_TOTAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Most problems reported from one manifest (the rest are counted).
const MAX_PROBLEMS: usize = 20;

/// Characters of the hash column.
const HEX_LEN: usize = 64;

/// One listed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Relative path with `/` separators.
    pub path: String,
    /// Its SHA-256.
    pub digest: Sha256Digest,
    /// The line it is on (1-based), for messages.
    pub line: usize,
}

/// A parsed manifest: its entries in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    entries: Vec<Entry>,
}

impl Manifest {
    /// The entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry for `path` (manifest form), if listed.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.path == path)
    }

    /// Relative path → digest.
    pub fn digests(&self) -> BTreeMap<String, Sha256Digest> {
        self.entries
            .iter()
            .map(|entry| (entry.path.clone(), entry.digest))
            .collect()
    }
}

/// One problem in a manifest, at a line and column (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestProblem {
    /// Line, 1-based.
    pub line: usize,
    /// Column (characters), 1-based.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{MANIFEST_FILE}:{}:{}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Parses manifest bytes: at most [`MAX_MANIFEST_BYTES`], UTF-8, at most [`MAX_ENTRIES`]
/// lines. Returns every problem found (up to a bound), each with its line and column.
pub fn parse(bytes: &[u8]) -> Result<Manifest, Vec<ManifestProblem>> {
    let at = |line, column, message: String| ManifestProblem {
        line,
        column,
        message,
    };
    if bytes.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(vec![at(
            1,
            1,
            format!(
                "the manifest is larger than {} KiB; list the content's files only",
                MAX_MANIFEST_BYTES / 1024
            ),
        )]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let line = 1 + bytes[..err.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            return Err(vec![at(
                line,
                1,
                "not UTF-8 text; write the manifest with `vitrina manifest`".to_owned(),
            )]);
        }
    };
    if text.is_empty() {
        return Err(vec![at(1, 1, "the manifest is empty".to_owned())]);
    }
    // A final newline ends the last line; it does not start an empty one.
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, line_text) in body.split('\n').enumerate() {
        let line = index + 1;
        if line > MAX_ENTRIES {
            problems.push(at(
                line,
                1,
                format!(
                    "more than {MAX_ENTRIES} lines; a manifest lists at most {MAX_ENTRIES} files"
                ),
            ));
            break;
        }
        match parse_line(line_text) {
            Ok((digest, path)) => {
                if let Some(first) = seen.insert(path, line) {
                    problems.push(at(
                        line,
                        HEX_LEN + 3,
                        format!("\"{path}\" is listed twice (first on line {first})"),
                    ));
                } else {
                    entries.push(Entry {
                        path: path.to_owned(),
                        digest,
                        line,
                    });
                }
            }
            Err((column, message)) => problems.push(at(line, column, message)),
        }
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
    }
    if problems.is_empty() {
        Ok(Manifest { entries })
    } else {
        Err(problems)
    }
}

/// One line: `<64 lowercase hex>  <path>` (or ` *<path>`, sha256sum's binary mark).
/// Returns the column and message of the first problem.
fn parse_line(line: &str) -> Result<(Sha256Digest, &str), (usize, String)> {
    if line.is_empty() {
        return Err((1, "empty line; every line lists one file".to_owned()));
    }
    if let Some(at) = line.find('\r') {
        return Err((
            line[..at].chars().count() + 1,
            "a carriage return (Windows line ending); write the manifest with `vitrina manifest`"
                .to_owned(),
        ));
    }
    let hex = line.get(..HEX_LEN).unwrap_or(line);
    let bad = hex
        .char_indices()
        .find(|(_, c)| !matches!(c, '0'..='9' | 'a'..='f'));
    if let Some((at, c)) = bad {
        let hint = if c.is_ascii_hexdigit() {
            "; write the hash in lowercase"
        } else {
            ""
        };
        return Err((
            hex[..at].chars().count() + 1,
            format!("'{c}' in the hash; a SHA-256 is 64 hex digits{hint}"),
        ));
    }
    if hex.len() < HEX_LEN {
        return Err((
            hex.len() + 1,
            format!("the hash has {} hex digits; a SHA-256 has 64", hex.len()),
        ));
    }
    let rest = &line[HEX_LEN..];
    let path = rest
        .strip_prefix("  ")
        .or_else(|| rest.strip_prefix(" *"))
        .ok_or_else(|| {
            (
                HEX_LEN + 1,
                "write two spaces between the hash and the path, as sha256sum does".to_owned(),
            )
        })?;
    let column = HEX_LEN + 3;
    check_path(path).map_err(|message| (column, message))?;
    let mut digest = [0u8; 32];
    for (byte, pair) in digest.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        let text = std::str::from_utf8(pair).map_err(|_| (1, "bad hash".to_owned()))?;
        *byte = u8::from_str_radix(text, 16).map_err(|_| (1, "bad hash".to_owned()))?;
    }
    Ok((digest, path))
}

/// The rules for a listed path: relative, `/` separators, no `.` or `..` segment, no empty
/// segment, bounded, printable.
pub fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the path is empty".to_owned());
    }
    if path.len() > MAX_PATH_BYTES {
        return Err(format!("the path is longer than {MAX_PATH_BYTES} bytes"));
    }
    if path.contains('\\') {
        return Err(format!(
            "\"{path}\" has a backslash; write paths with / between folders"
        ));
    }
    let bytes = path.as_bytes();
    let has_drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if path.starts_with('/') || has_drive {
        return Err(format!(
            "\"{path}\" is an absolute path; list files relative to the content folder"
        ));
    }
    if path.chars().any(char::is_control) {
        return Err("the path has a control character".to_owned());
    }
    for segment in path.split('/') {
        match segment {
            ".." => {
                return Err(format!(
                    "\"{path}\" leaves the content folder with \"..\"; list files inside it"
                ));
            }
            "" | "." => {
                return Err(format!(
                    "\"{path}\" has an empty or \".\" part; write it as folder/file, such as assets/photo.jpg"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The manifest form of a path written in content (`./assets\x.png` → `assets/x.png`), or
/// `None` when it cannot be listed at all.
pub fn manifest_key(content_path: &str) -> Option<String> {
    let key = content_path
        .split(['/', '\\'])
        .filter(|segment| !segment.is_empty() && *segment != ".")
        .collect::<Vec<_>>()
        .join("/");
    check_path(&key).ok().map(|()| key)
}

/// The manifest text for `entries` (path, digest): sorted by path, one line each, a final
/// newline.
pub fn render(entries: &BTreeMap<String, Sha256Digest>) -> String {
    let mut text = String::with_capacity(entries.len() * (HEX_LEN + 40));
    for (path, digest) in entries {
        text.push_str(&to_hex(digest));
        text.push_str("  ");
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// Whether a file or folder name is left out of the manifest: hidden files and folders
/// (`.git`, `.stfolder`, `.stversions`, `.#x`, `.x.swp`) and editors' backups (`x~`, `#x#`).
pub fn is_left_out(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name == MANIFEST_FILE
        || name == SIGNATURE_FILE
}

/// Why the folder's files cannot be listed or hashed.
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    /// A file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Beyond a bound.
    #[error("{0}")]
    TooMuch(String),
    /// A name that cannot be listed (not UTF-8, a backslash).
    #[error("{}: {message}", path.display())]
    BadName {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

/// Every regular file under `dir` (links to files count; links to folders are not followed),
/// as manifest paths, sorted; hidden files, editors' backups, the manifest and its signature
/// left out. Bounded by [`MAX_ENTRIES`] and [`MAX_DEPTH`].
pub fn list_files(dir: &Path) -> Result<Vec<String>, ListError> {
    let mut found = BTreeSet::new();
    let mut stack: Vec<(PathBuf, String, usize)> = vec![(dir.to_path_buf(), String::new(), 0)];
    while let Some((folder, prefix, depth)) = stack.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| ListError::Io {
            path: folder.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| ListError::Io {
                path: folder.clone(),
                source,
            })?;
            let path = entry.path();
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                return Err(ListError::BadName {
                    path,
                    message: "the name is not UTF-8; rename the file".to_owned(),
                });
            };
            if is_left_out(&name) {
                continue;
            }
            let relative = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let file_type = entry.file_type().map_err(|source| ListError::Io {
                path: path.clone(),
                source,
            })?;
            if file_type.is_dir() {
                if depth + 1 > MAX_DEPTH {
                    return Err(ListError::TooMuch(format!(
                        "{}: folders nest deeper than {MAX_DEPTH} levels",
                        path.display()
                    )));
                }
                stack.push((path, relative, depth + 1));
                continue;
            }
            // A link counts when it leads to a file (the content may name it); never a folder.
            let is_file = file_type.is_file()
                || (file_type.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file()));
            if !is_file {
                continue;
            }
            check_path(&relative).map_err(|message| ListError::BadName {
                path: path.clone(),
                message,
            })?;
            found.insert(relative);
            if found.len() > MAX_ENTRIES {
                return Err(ListError::TooMuch(format!(
                    "{}: more than {MAX_ENTRIES} files; a content folder lists at most {MAX_ENTRIES}",
                    dir.display()
                )));
            }
        }
    }
    Ok(found.into_iter().collect())
}

/// Hashes the file at `path` in chunks, taking its size from `budget` (bytes still allowed);
/// fails beyond it. When `keep` is given the bytes are kept there too (up to `keep_max`).
pub fn hash_file(
    path: &Path,
    budget: &mut u64,
    mut keep: Option<(&mut Vec<u8>, u64)>,
) -> Result<Sha256Digest, ListError> {
    let io = |source| ListError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Never a blocking open: a FIFO listed in the manifest is refused, not waited on.
    let mut file = crate::content::read::open_regular(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = file.read(&mut buffer).map_err(io)?;
        if read == 0 {
            break;
        }
        let read_u64 = read as u64;
        if read_u64 > *budget {
            return Err(ListError::TooMuch(format!(
                "{}: the content's files add up to more than {} MiB",
                path.display(),
                MAX_TOTAL_BYTES >> 20
            )));
        }
        *budget -= read_u64;
        hasher.update(&buffer[..read]);
        if let Some((kept, max)) = keep.as_mut() {
            if kept.len() as u64 + read_u64 > *max {
                return Err(ListError::TooMuch(format!(
                    "{}: larger than {} MiB",
                    path.display(),
                    *max >> 20
                )));
            }
            kept.extend_from_slice(&buffer[..read]);
        }
    }
    Ok(hasher.finalize().into())
}

/// The manifest text for the folder `dir`: every file [`list_files`] finds, hashed.
pub fn build(dir: &Path) -> Result<(String, usize), ListError> {
    let files = list_files(dir)?;
    let mut budget = MAX_TOTAL_BYTES;
    let mut entries = BTreeMap::new();
    for relative in files {
        let digest = hash_file(&dir.join(&relative), &mut budget, None)?;
        entries.insert(relative, digest);
    }
    Ok((render(&entries), entries.len()))
}

/// Writes `bytes` to `dir/name` atomically (see [`crate::atomic_file`]); returns the path.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = dir.join(name);
    crate::atomic_file::write_atomically(&target, bytes)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::provenance::sha256;

    const ZERO: &str = "0000000000000000000000000000000000000000000000000000000000000000";

    fn line(path: &str) -> String {
        format!("{}  {path}\n", to_hex(&sha256(path.as_bytes())))
    }

    fn problems(text: &str) -> Vec<String> {
        match parse(text.as_bytes()) {
            Ok(manifest) => panic!("should be refused: {manifest:?}"),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_rendered_manifest_parses_back_sorted() {
        let mut entries = BTreeMap::new();
        entries.insert("content.ron".to_owned(), sha256(b"c"));
        entries.insert("assets/b.png".to_owned(), sha256(b"b"));
        entries.insert("assets/a.png".to_owned(), sha256(b"a"));
        let text = render(&entries);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].ends_with("  assets/a.png"), "sorted: {text}");
        assert!(lines[2].ends_with("  content.ron"), "sorted: {text}");
        assert!(
            lines[0].starts_with(&to_hex(&sha256(b"a"))),
            "sha256sum format: {text}"
        );
        let manifest = parse(text.as_bytes()).expect("parses");
        assert_eq!(manifest.digests(), entries, "same entries");
        assert_eq!(
            manifest.get("content.ron").map(|e| e.line),
            Some(3),
            "lines"
        );
    }

    #[test]
    fn sha256sum_binary_marks_and_a_missing_final_newline_are_accepted() {
        let text = format!("{ZERO} *assets/a.png\n{ZERO}  content.ron");
        let manifest = parse(text.as_bytes()).expect("parses");
        assert_eq!(manifest.entries().len(), 2, "two entries");
    }

    #[test]
    fn parent_escapes_absolute_paths_and_backslashes_are_refused_with_positions() {
        assert_eq!(
            problems(&format!("{}{ZERO}  ../secret.png\n", line("content.ron"))),
            vec![
                "content.manifest:2:67: \"../secret.png\" leaves the content folder with \"..\"; \
                 list files inside it"
            ],
            "parent"
        );
        assert_eq!(
            problems(&format!("{ZERO}  assets/../../x.png\n")),
            vec![
                "content.manifest:1:67: \"assets/../../x.png\" leaves the content folder with \
                 \"..\"; list files inside it"
            ],
            "parent inside"
        );
        let absolute = problems(&format!("{ZERO}  /etc/passwd\n"));
        assert!(
            absolute[0].starts_with("content.manifest:1:67: \"/etc/passwd\" is an absolute path"),
            "{absolute:?}"
        );
        let drive = problems(&format!("{ZERO}  C:/x.png\n"));
        assert!(drive[0].contains("absolute"), "{drive:?}");
        let backslash = problems(&format!("{ZERO}  assets\\x.png\n"));
        assert!(
            backslash[0].starts_with("content.manifest:1:67: ")
                && backslash[0].contains("backslash"),
            "{backslash:?}"
        );
    }

    #[test]
    fn empty_lines_duplicates_and_bad_hashes_are_refused() {
        let empty = problems(&format!("{}\n{}", line("a"), line("b")));
        assert_eq!(
            empty,
            vec!["content.manifest:2:1: empty line; every line lists one file"],
            "empty line"
        );
        let twice = problems(&format!("{ZERO}  a.png\n{ZERO}  a.png\n"));
        assert_eq!(
            twice,
            vec!["content.manifest:2:67: \"a.png\" is listed twice (first on line 1)"],
            "duplicate"
        );
        let upper = problems(&format!("{}  a.png\n", ZERO.replacen('0', "A", 1)));
        assert!(
            upper[0].starts_with("content.manifest:1:1: 'A' in the hash")
                && upper[0].contains("lowercase"),
            "{upper:?}"
        );
        let short = problems("abc  a.png\n");
        assert!(
            short[0].starts_with("content.manifest:1:4: ' ' in the hash"),
            "{short:?}"
        );
        let truncated = problems("abc");
        assert_eq!(
            truncated,
            vec!["content.manifest:1:4: the hash has 3 hex digits; a SHA-256 has 64"],
            "a truncated line"
        );
        let one_space = problems(&format!("{ZERO} a.png\n"));
        assert!(
            one_space[0].starts_with("content.manifest:1:65: write two spaces"),
            "{one_space:?}"
        );
        let no_path = problems(&format!("{ZERO}  \n"));
        assert!(no_path[0].contains("the path is empty"), "{no_path:?}");
        let crlf = problems(&format!("{ZERO}  a.png\r\n"));
        assert!(crlf[0].contains("carriage return"), "{crlf:?}");
        assert_eq!(
            problems(""),
            vec!["content.manifest:1:1: the manifest is empty"],
            "empty"
        );
    }

    #[test]
    fn sizes_and_line_counts_are_bounded() {
        let big = vec![b'0'; usize::try_from(MAX_MANIFEST_BYTES).expect("fits") + 1];
        let err = parse(&big).expect_err("too big");
        assert!(err[0].message.contains("larger than"), "{err:?}");
        let many: String = (0..=MAX_ENTRIES).map(|n| line(&format!("f{n}"))).collect();
        let err = parse(many.as_bytes()).expect_err("too many");
        assert!(
            err.last()
                .is_some_and(|p| p.message.contains("more than 20000 lines")),
            "{:?}",
            err.last()
        );
        let long = "a".repeat(MAX_PATH_BYTES + 1);
        let err = problems(&format!("{ZERO}  {long}\n"));
        assert!(err[0].contains("longer than"), "{err:?}");
        let not_utf8 = parse(&[b'0', 0xff, b'\n']).expect_err("not UTF-8");
        assert!(not_utf8[0].message.contains("UTF-8"), "{not_utf8:?}");
    }

    #[test]
    fn content_paths_map_to_manifest_paths() {
        assert_eq!(
            manifest_key("./assets\\x.png").as_deref(),
            Some("assets/x.png"),
            "normalised"
        );
        assert_eq!(manifest_key("../x.png"), None, "parent");
    }

    #[test]
    fn the_folder_listing_leaves_out_hidden_files_backups_and_the_signature() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for (path, text) in [
            ("content.ron", "()"),
            ("assets/a.png", "a"),
            ("assets/deep/b.png", "b"),
            (".git/config", "x"),
            (".stfolder/x", "x"),
            ("assets/.a.png.swp", "x"),
            ("assets/a.png~", "x"),
            ("#content.ron#", "x"),
            (MANIFEST_FILE, "x"),
            (SIGNATURE_FILE, "x"),
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(path, text).expect("write");
        }
        assert_eq!(
            list_files(root).expect("listed"),
            vec!["assets/a.png", "assets/deep/b.png", "content.ron"],
            "only the content's files"
        );
        let (text, count) = build(root).expect("built");
        assert_eq!(count, 3, "three files");
        let manifest = parse(text.as_bytes()).expect("parses");
        assert_eq!(
            manifest.get("assets/a.png").map(|e| e.digest),
            Some(sha256(b"a")),
            "hashed"
        );
    }

    #[test]
    fn hashing_stops_at_the_byte_budget() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a");
        std::fs::write(&file, vec![7u8; 1000]).expect("write");
        let mut budget = 999;
        assert!(
            matches!(
                hash_file(&file, &mut budget, None),
                Err(ListError::TooMuch(_))
            ),
            "over budget"
        );
        let mut budget = 1000;
        let mut kept = Vec::new();
        let digest = hash_file(&file, &mut budget, Some((&mut kept, 1000))).expect("fits");
        assert_eq!(digest, sha256(&[7u8; 1000]), "digest");
        assert_eq!((budget, kept.len()), (0, 1000), "budget used, bytes kept");
    }
}
