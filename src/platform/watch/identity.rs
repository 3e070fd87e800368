//! What the watcher compares: files and folders by identity (device and inode on Unix), not
//! by path. After `mv site site.prev && mv site.next site` the path `site` is the same but
//! the folder is another one, and a watch on the old one hears nothing of the new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::content::content_dir;
use crate::signing::{MANIFEST_FILE, SIGNATURE_FILE};

/// Which file or folder a path leads to: device and inode on Unix. Elsewhere there is no
/// cheap identity, so none is known and every comparison says "maybe another one".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(unix), allow(dead_code, reason = "no cheap identity there"))]
pub struct FileId {
    dev: u64,
    ino: u64,
}

#[cfg(unix)]
impl FileId {
    fn of(meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt as _;
        Self {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }
}

/// Identity of one file or folder, with its size and time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stat {
    /// Its real path (links followed).
    pub real: PathBuf,
    /// Which file it is, where known.
    pub id: Option<FileId>,
    /// Size in bytes.
    pub len: u64,
    /// Last written.
    pub modified: Option<SystemTime>,
}

impl Stat {
    /// The file or folder `path` leads to now; none when it is missing.
    pub fn of(path: &Path) -> Option<Self> {
        let real = path.canonicalize().ok()?;
        let meta = std::fs::metadata(&real).ok()?;
        #[cfg(unix)]
        let id = Some(FileId::of(&meta));
        #[cfg(not(unix))]
        let id = None;
        Some(Self {
            real,
            id,
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }

    /// Only which folder it is: a folder's size and time change with every file written in it.
    fn folder(path: &Path) -> Option<Self> {
        Self::of(path).map(|stat| Self {
            len: 0,
            modified: None,
            ..stat
        })
    }
}

/// A folder being watched: its real path and which folder that was when the watch was set.
#[derive(Clone, Debug)]
pub struct Folder {
    /// The real path watched.
    pub real: PathBuf,
    id: Option<FileId>,
}

impl Folder {
    /// The folder `path` leads to now.
    pub fn of(path: &Path) -> Option<Self> {
        Stat::folder(path).map(|stat| Self {
            real: stat.real,
            id: stat.id,
        })
    }

    /// Whether both are the same folder: same real path and same known identity. Without an
    /// identity (not Unix) this is never sure, so the caller re-arms.
    pub fn same(&self, other: &Self) -> bool {
        self.real == other.real && self.id.is_some() && self.id == other.id
    }
}

/// The folders being watched.
#[derive(Clone, Debug, Default)]
pub struct Watched {
    /// The content file's folder (not recursive).
    pub content_dir: Option<Folder>,
    /// Its `assets/` folder (recursive).
    pub assets_dir: Option<Folder>,
    /// The folder above the content folder (not recursive).
    pub above: Option<Folder>,
}

impl Watched {
    /// Whether every folder is the same one as in `other` (none on both sides counts).
    pub fn same(&self, other: &Self) -> bool {
        let same = |a: &Option<Folder>, b: &Option<Folder>| match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => a.same(b),
            _ => false,
        };
        same(&self.content_dir, &other.content_dir)
            && same(&self.assets_dir, &other.assets_dir)
            && same(&self.above, &other.above)
    }

    /// The real path of the folder watched for the content file.
    pub fn content_dir(&self) -> Option<&Path> {
        self.content_dir.as_ref().map(|f| f.real.as_path())
    }

    /// The real path of the assets folder watched.
    pub fn assets_dir(&self) -> Option<&Path> {
        self.assets_dir.as_ref().map(|f| f.real.as_path())
    }
}

/// Identity of the content file, its manifest and signature, its folder and its assets
/// folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// The content file.
    pub file: Option<Stat>,
    manifest: Option<Stat>,
    signature: Option<Stat>,
    /// The content folder (identity only).
    pub dir: Option<Stat>,
    assets: Option<Stat>,
}

impl Fingerprint {
    /// The content file `content` and its neighbours now.
    pub fn of(content: &Path) -> Self {
        let dir = content_dir(content);
        Self {
            file: Stat::of(content),
            manifest: Stat::of(&dir.join(MANIFEST_FILE)),
            signature: Stat::of(&dir.join(SIGNATURE_FILE)),
            dir: Stat::folder(&dir),
            assets: Stat::folder(&dir.join("assets")),
        }
    }

    /// Whether the content folder or its assets folder is another one (moved, swapped).
    pub fn folders_changed(&self, other: &Self) -> bool {
        self.dir != other.dir || self.assets != other.assets
    }
}

/// Size, time and identity of every picture the content shows: checked with the periodic
/// identity check, so a replaced picture is shown even when no event said so (a folder
/// swapped, a file system whose events are missed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pictures(BTreeMap<PathBuf, Option<Stat>>);

impl Pictures {
    /// The pictures at `paths` now.
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Self {
        Self(
            paths
                .into_iter()
                .map(|path| (path.to_path_buf(), Stat::of(path)))
                .collect(),
        )
    }

    /// The same pictures looked at again.
    pub fn again(&self) -> Self {
        Self::of(self.0.keys().map(PathBuf::as_path))
    }

    /// The pictures that differ from `before` (replaced, changed, gone or back).
    pub fn changed_since(&self, before: &Self) -> Vec<PathBuf> {
        self.0
            .iter()
            .filter(|(path, stat)| before.0.get(*path) != Some(*stat))
            .map(|(path, _)| path.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_folder_swapped_by_rename_is_another_folder_at_the_same_path() {
        let root = tempfile::tempdir().expect("temp dir");
        let site = root.path().join("site");
        let next = root.path().join("site.next");
        std::fs::create_dir(&site).expect("mkdir");
        std::fs::create_dir(&next).expect("mkdir");
        let before = Folder::of(&site).expect("the folder");
        assert!(
            before.same(&Folder::of(&site).expect("again")),
            "unchanged: same"
        );
        std::fs::rename(&site, root.path().join("site.prev")).expect("mv site site.prev");
        std::fs::rename(&next, &site).expect("mv site.next site");
        let after = Folder::of(&site).expect("the new folder");
        assert_eq!(before.real, after.real, "the same path");
        assert!(!before.same(&after), "but another folder: re-armed");
    }

    #[test]
    fn a_picture_replaced_in_place_or_by_rename_is_seen_as_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let picture = dir.path().join("a.png");
        let other = dir.path().join("b.png");
        std::fs::write(&picture, b"first").expect("write");
        std::fs::write(&other, b"other").expect("write");
        let before = Pictures::of([picture.as_path(), other.as_path()]);
        assert!(
            before.again().changed_since(&before).is_empty(),
            "nothing changed"
        );
        // Same length, replaced by a rename: only the identity (or time) tells.
        let temp = dir.path().join("a.tmp");
        std::fs::write(&temp, b"secnd").expect("write");
        std::fs::rename(&temp, &picture).expect("rename over");
        let after = before.again();
        assert_eq!(
            after.changed_since(&before),
            vec![picture.clone()],
            "the replaced picture, and only it"
        );
        std::fs::remove_file(&other).expect("rm");
        assert_eq!(
            before.again().changed_since(&after),
            vec![other],
            "a picture gone counts too"
        );
    }
}
