//! Asset paths resolved once, when content is loaded: the frame only looks them up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::{Content, Slide};
use super::paths::resolve_asset_path;

/// Every picture path of a content (and every video clip's), resolved and checked against its folder (see
/// [`resolve_asset_path`]): the real file, links followed, inside the folder.
///
/// Built when content is loaded or reloaded (and when its assets change), so drawing a
/// picture never touches the file system. A path that could not be resolved (missing, a
/// folder, leaving the folder) has no entry, and its picture shows the placeholder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResolvedAssets {
    /// The content's relative picture path (as written) → the checked absolute path.
    pictures: BTreeMap<String, PathBuf>,
}

impl ResolvedAssets {
    /// Resolves every picture of `content` (section pictures and picture slides) against
    /// `dir`, the content folder. Reads the file system.
    pub fn resolve(content: &Content, dir: &Path) -> Self {
        let section_pictures = content
            .sections
            .iter()
            .flat_map(|section| &section.pictures);
        let slide_pictures = content.slides.iter().filter_map(|slide| match slide {
            Slide::Picture { picture, .. } => Some(picture),
            _ => None,
        });
        let mut pictures = BTreeMap::new();
        // A picture's video clip is resolved like a picture: the frame looks it up here and
        // the watcher's fingerprints see it change.
        let files = section_pictures.chain(slide_pictures).flat_map(|picture| {
            std::iter::once(&picture.path).chain(picture.video.as_ref().map(|video| &video.path))
        });
        for file in files {
            if pictures.contains_key(file) {
                continue;
            }
            if let Ok(real) = resolve_asset_path(dir, file) {
                pictures.insert(file.clone(), real);
            }
        }
        Self { pictures }
    }

    /// The checked absolute path of the picture written as `path` in the content, or `None`
    /// when it could not be resolved.
    pub fn picture(&self, path: &str) -> Option<&Path> {
        self.pictures.get(path).map(PathBuf::as_path)
    }

    /// Every resolved picture (real paths), for the watcher's picture fingerprints.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.pictures.values().map(PathBuf::as_path)
    }

    /// How many picture paths resolved.
    pub fn len(&self) -> usize {
        self.pictures.len()
    }

    /// Whether no picture path resolved.
    pub fn is_empty(&self) -> bool {
        self.pictures.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Picture, parse_content};

    /// The shipped content, parsed.
    fn shipped() -> Content {
        let source = include_str!("../../content.ron");
        parse_content(source, Path::new("content.ron")).expect("the shipped content parses")
    }

    fn picture(path: &str) -> Picture {
        Picture {
            path: path.to_owned(),
            caption: crate::content::Text::default(),
            credit: crate::content::Text::default(),
            focus: (0.5, 0.5),
            video: None,
        }
    }

    #[test]
    fn every_picture_of_the_shipped_content_maps_to_a_checked_path() {
        let content = shipped();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let resolved = ResolvedAssets::resolve(&content, dir);
        let real_dir = dir.canonicalize().expect("the crate folder exists");
        let mut count = 0;
        for picture in content.sections.iter().flat_map(|s| &s.pictures) {
            let path = resolved
                .picture(&picture.path)
                .unwrap_or_else(|| panic!("{} is resolved", picture.path));
            assert!(path.is_absolute(), "{} is absolute", path.display());
            assert!(path.is_file(), "{} is a file", path.display());
            assert!(
                path.starts_with(&real_dir),
                "{} stays in the content folder",
                path.display()
            );
            count += 1;
        }
        assert!(count > 0, "the shipped content has pictures");
        assert!(!resolved.is_empty(), "something resolved");
    }

    #[test]
    fn a_missing_file_or_a_path_leaving_the_folder_is_not_resolved() {
        let outside = tempfile::tempdir().expect("temp folder");
        std::fs::write(outside.path().join("secret.png"), b"x").expect("write");
        let dir = tempfile::tempdir().expect("temp folder");
        std::fs::create_dir(dir.path().join("assets")).expect("mkdir");
        std::fs::write(dir.path().join("assets/a.png"), b"x").expect("write");
        let mut content = shipped();
        content.slides.clear();
        for section in &mut content.sections {
            section.pictures.clear();
        }
        content.sections[0].pictures = vec![
            picture("assets/a.png"),
            picture("assets/missing.png"),
            picture("../secret.png"),
            picture("assets"),
        ];
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                outside.path().join("secret.png"),
                dir.path().join("assets/link.png"),
            )
            .expect("symlink");
            content.sections[0]
                .pictures
                .push(picture("assets/link.png"));
        }
        let resolved = ResolvedAssets::resolve(&content, dir.path());
        assert!(
            resolved.picture("assets/a.png").is_some(),
            "a file in the folder resolves"
        );
        for path in [
            "assets/missing.png",
            "../secret.png",
            "assets",
            "assets/link.png",
        ] {
            assert_eq!(resolved.picture(path), None, "{path} is not resolved");
        }
        assert_eq!(resolved.len(), 1, "only the one good picture");
    }

    #[test]
    fn picture_slides_are_resolved_too() {
        let dir = tempfile::tempdir().expect("temp folder");
        std::fs::write(dir.path().join("slide.png"), b"x").expect("write");
        let mut content = shipped();
        content.slides = vec![Slide::Picture {
            picture: picture("slide.png"),
            section: None,
            secs: None,
            show: None,
        }];
        let resolved = ResolvedAssets::resolve(&content, dir.path());
        assert!(
            resolved.picture("slide.png").is_some(),
            "the slide's picture resolves"
        );
    }
}
