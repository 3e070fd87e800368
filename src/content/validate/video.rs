//! Checks of a picture's video clip: its path, like a picture's, and that it names an MP4
//! file. What is inside the file (an H.264 track within the limits) is checked by `vitrina
//! check`, which opens it (`crate::platform::video::probe`).

use super::{FieldPath, Validator};
use crate::content::model::Video;

/// File name endings a video may have: MP4 containers.
const VIDEO_ENDINGS: [&str; 2] = [".mp4", ".m4v"];

impl Validator<'_> {
    /// The clip of a picture at `path` (`sections[energy].pictures[1].video`).
    pub(super) fn video(&mut self, path: &FieldPath, video: &Video) {
        let file = path.field("path");
        let lower = video.path.to_ascii_lowercase();
        if !VIDEO_ENDINGS.iter().any(|ending| lower.ends_with(ending)) {
            self.error(
                file,
                "a video must be an H.264 clip in an MP4 file ending in .mp4, such as \
                 \"assets/video/gipl.mp4\": convert other files (a .mov, .webm or .gif) to that first",
            );
            return;
        }
        self.asset(&file, &video.path);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::tests::SOURCE;
    use crate::content::{Diagnostic, Play, Severity, check_content, parse_content};

    /// The small valid content with `video` written into its picture, checked as a file
    /// where every asset exists.
    fn diagnostics(video: &str) -> (String, Vec<Diagnostic>) {
        let anchor = r#"(path: "assets/picture.png")"#;
        let with = format!(r#"(path: "assets/picture.png", {video})"#);
        let source = SOURCE.replacen(anchor, &with, 1);
        let content = parse_content(&source, Path::new("content.ron")).expect("still parses");
        let found = match check_content(&content, &source, Path::new("content.ron"), &|_| Ok(())) {
            Ok(found) | Err(found) => found,
        };
        (source, found)
    }

    /// Line and column (from 1) where `words` first stand in `source`.
    fn position_of(source: &str, words: &str) -> (usize, usize) {
        let at = source.find(words).expect("the source has the words");
        let line = source[..at].lines().count();
        let start = source[..at].rfind('\n').map_or(0, |n| n + 1);
        (line, source[start..at].chars().count() + 1)
    }

    #[test]
    fn a_video_parses_with_loop_as_the_default() {
        let (source, found) = diagnostics(r#"video: (path: "assets/video/gipl.mp4")"#);
        assert!(found.is_empty(), "no problems: {found:?}");
        let content = parse_content(&source, Path::new("content.ron")).expect("parses");
        let video = content.sections[0].pictures[0]
            .video
            .as_ref()
            .expect("the picture has a video");
        assert_eq!(video.play, Play::Loop, "Loop by default");
        let (_, found) = diagnostics(r#"video: (path: "assets/video/gipl.mp4", play: Once)"#);
        assert!(found.is_empty(), "Once is fine: {found:?}");
    }

    #[test]
    fn a_video_that_is_not_mp4_is_an_error_at_its_path() {
        let (source, found) = diagnostics(r#"video: (path: "assets/video/gipl.webm")"#);
        let error = found
            .iter()
            .find(|d| d.item.as_deref() == Some("sections[energy].pictures[1].video.path"))
            .unwrap_or_else(|| panic!("the path is reported: {found:?}"));
        assert_eq!(error.severity, Severity::Error, "an error: {error}");
        assert!(error.message.contains("MP4 file ending in .mp4"), "{error}");
        let (line, _) = position_of(&source, "gipl.webm");
        assert_eq!(
            error.position.map(|p| p.line),
            Some(line),
            "at the path's line: {error}"
        );
    }

    #[test]
    fn a_video_path_leaving_the_folder_is_an_error() {
        let problems = super::super::tests::problems(|c| {
            c.sections[0].pictures[0].video = Some(crate::content::Video {
                path: "../secret.mp4".to_owned(),
                play: Play::Once,
            });
        });
        assert!(
            super::super::tests::has(
                &problems,
                Severity::Error,
                "sections[energy].pictures[1].video.path",
                "leaves the content folder"
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn an_unknown_play_is_a_parse_error_with_its_position() {
        let anchor = r#"(path: "assets/picture.png")"#;
        let with = r#"(path: "assets/picture.png", video: (path: "a.mp4", play: Twice))"#;
        let source = SOURCE.replacen(anchor, with, 1);
        let err = parse_content(&source, Path::new("content.ron"))
            .expect_err("Twice is not a way to play");
        let text = err.to_string();
        let (line, _) = position_of(&source, "Twice");
        assert!(
            text.contains(&format!(":{line}:")),
            "the error names line {line}: {text}"
        );
    }
}
