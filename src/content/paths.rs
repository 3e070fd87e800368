//! Asset paths in content are relative to the content file's folder and never leave it.

use std::path::{Component, Path, PathBuf};

/// Why an asset path in content cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssetPathError {
    /// The path is empty.
    #[error("the path is empty; write a file name such as \"assets/photo.jpg\"")]
    Empty,

    /// The path starts at the root of the disk.
    #[error(
        "\"{0}\" is an absolute path; write it relative to the content folder, such as \"assets/photo.jpg\""
    )]
    Absolute(String),

    /// The path climbs out with `..`.
    #[error(
        "\"{0}\" leaves the content folder with \"..\"; put the file under assets/ and write \"assets/<file>\""
    )]
    ParentEscape(String),

    /// No file is there.
    #[error(
        "\"{0}\" does not exist; check the spelling (upper and lower case matter) or copy the file there"
    )]
    NotFound(String),

    /// The path names a folder or something else that is not a file.
    #[error("\"{0}\" is not a regular file; name a picture or font file, not a folder")]
    NotAFile(String),

    /// A symbolic link leads outside the content folder.
    #[error(
        "\"{0}\" is a link that leads outside the content folder; copy the file into the folder instead"
    )]
    OutsideFolder(String),

    /// Signed content: the file is not listed in the signed manifest.
    #[error(
        "\"{0}\" is not listed in content.manifest, so its signature does not cover it; \
         sign the folder again after adding the file (vitrina sign, or vitrina manifest and minisign -S)"
    )]
    NotInManifest(String),
}

/// Checks the written form of a path, without looking at the disk.
///
/// Rules apply the same on every platform: `\` counts as a separator, and drive
/// letters (`C:`) and leading separators are absolute.
pub fn check_relative_path(path: &str) -> Result<(), AssetPathError> {
    if path.trim().is_empty() {
        return Err(AssetPathError::Empty);
    }
    let bytes = path.as_bytes();
    let has_drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if path.starts_with(['/', '\\']) || has_drive || Path::new(path).is_absolute() {
        return Err(AssetPathError::Absolute(path.to_owned()));
    }
    if path.split(['/', '\\']).any(|segment| segment == "..") {
        return Err(AssetPathError::ParentEscape(path.to_owned()));
    }
    Ok(())
}

/// Resolves `path` against `content_dir`, checking that the file exists, is a regular
/// file, and (following links) stays inside `content_dir`.
pub fn resolve_asset_path(content_dir: &Path, path: &str) -> Result<PathBuf, AssetPathError> {
    check_relative_path(path)?;
    let joined: PathBuf = content_dir.join(
        path.split(['/', '\\'])
            .filter(|segment| !segment.is_empty() && *segment != ".")
            .collect::<PathBuf>(),
    );
    let Ok(real) = joined.canonicalize() else {
        return Err(AssetPathError::NotFound(path.to_owned()));
    };
    let real_dir = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.to_path_buf());
    if !real.starts_with(&real_dir) {
        return Err(AssetPathError::OutsideFolder(path.to_owned()));
    }
    if !real.is_file() {
        return Err(AssetPathError::NotAFile(path.to_owned()));
    }
    debug_assert!(
        !real.components().any(|c| c == Component::ParentDir),
        "canonical paths have no .."
    );
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_inside_the_folder_are_accepted() {
        assert_eq!(check_relative_path("assets/a.png"), Ok(()), "plain");
        assert_eq!(check_relative_path("./assets/a.png"), Ok(()), "dot");
        assert_eq!(
            check_relative_path("assets/..a.png"),
            Ok(()),
            "dots in a name"
        );
    }

    #[test]
    fn absolute_paths_are_refused_on_every_platform() {
        for path in ["/etc/passwd", "\\server\\x.png", "C:\\x.png", "c:/x.png"] {
            assert_eq!(
                check_relative_path(path),
                Err(AssetPathError::Absolute(path.to_owned())),
                "{path}"
            );
        }
    }

    #[test]
    fn parent_escapes_are_refused() {
        for path in ["../x.png", "assets/../../x.png", "assets\\..\\..\\x.png"] {
            assert_eq!(
                check_relative_path(path),
                Err(AssetPathError::ParentEscape(path.to_owned())),
                "{path}"
            );
        }
    }

    #[test]
    fn empty_paths_are_refused() {
        assert_eq!(
            check_relative_path("  "),
            Err(AssetPathError::Empty),
            "blank"
        );
    }

    #[test]
    fn files_are_resolved_and_folders_and_missing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("assets")).unwrap();
        std::fs::write(dir.path().join("assets/a.png"), b"x").unwrap();
        assert!(
            resolve_asset_path(dir.path(), "assets/a.png").is_ok(),
            "file"
        );
        assert_eq!(
            resolve_asset_path(dir.path(), "assets"),
            Err(AssetPathError::NotAFile("assets".to_owned())),
            "folder"
        );
        assert_eq!(
            resolve_asset_path(dir.path(), "assets/b.png"),
            Err(AssetPathError::NotFound("assets/b.png".to_owned())),
            "missing"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_that_lead_outside_the_folder_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.png"), b"x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.png"),
            dir.path().join("link.png"),
        )
        .unwrap();
        assert_eq!(
            resolve_asset_path(dir.path(), "link.png"),
            Err(AssetPathError::OutsideFolder("link.png".to_owned())),
            "link out"
        );
    }
}
