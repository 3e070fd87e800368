//! The last good content, kept on disk in the data folder: a kiosk that restarts (a power cut,
//! a reboot) while `content.ron` is broken shows the story it last showed instead of nothing.
//! The copy holds the parsed content and the folder its assets are relative to, so pictures
//! still come from the content's own `assets/`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Content, LoadError, LoadedContent, load_content};

/// What the copy holds.
#[derive(Deserialize, Serialize)]
struct Saved {
    /// The folder asset paths are relative to.
    dir: PathBuf,
    /// The content as it was shown.
    content: Content,
}

/// Writes `loaded` to `path`, through a temporary file and a rename, so a crash mid-write
/// leaves the previous copy whole.
pub fn save(path: &Path, loaded: &LoadedContent) -> std::io::Result<()> {
    let dir = std::path::absolute(&loaded.dir).unwrap_or_else(|_| loaded.dir.clone());
    let saved = Saved {
        dir,
        content: loaded.content.clone(),
    };
    let text = ron::ser::to_string_pretty(&saved, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = path.with_extension("ron.tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

/// Reads the copy at `path`.
pub fn load(path: &Path) -> Result<LoadedContent, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    let saved: Saved = ron::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))?;
    Ok(LoadedContent {
        content: saved.content,
        dir: saved.dir,
        warnings: Vec::new(),
    })
}

/// What start-up shows: the content, with the file's error when it is the last good copy.
pub type Startup = (LoadedContent, Option<LoadError>);

/// Why start-up has nothing to show: the file's error, and why the copy cannot be read.
pub type NothingToShow = Box<(LoadError, String)>;

/// The content to start with: the file at `content_path`, else the last good copy at
/// `last_good_path` together with the file's error (to log and to show staff). Fails only
/// when neither can be shown.
pub fn startup_content(
    content_path: &Path,
    last_good_path: &Path,
) -> Result<Startup, NothingToShow> {
    match load_content(content_path) {
        Ok(loaded) => Ok((loaded, None)),
        Err(err) => match load(last_good_path) {
            Ok(copy) => Ok((copy, Some(err))),
            Err(why) => Err(Box::new((err, why))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron")
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("vitrina-last-good-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_saved_copy_reads_back_as_the_same_content_and_asset_folder() {
        let dir = temp_dir("round-trip");
        let loaded = load_content(&shipped_path()).expect("the shipped content loads");
        let copy = dir.join("data").join("last-good-content.ron");
        save(&copy, &loaded).expect("saved");
        let back = load(&copy).expect("read back");
        assert_eq!(
            ron::to_string(&back.content).ok(),
            ron::to_string(&loaded.content).ok(),
            "same content"
        );
        assert!(
            back.dir.is_absolute(),
            "the asset folder is absolute: {:?}",
            back.dir
        );
        assert!(
            back.dir.join("assets").is_dir(),
            "it is the content's folder: {:?}",
            back.dir
        );
        assert!(
            !copy.with_extension("ron.tmp").exists(),
            "no temporary file left"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_broken_content_file_starts_on_the_last_good_copy_with_its_error() {
        let dir = temp_dir("broken");
        let loaded = load_content(&shipped_path()).expect("the shipped content loads");
        let copy = dir.join("last-good-content.ron");
        save(&copy, &loaded).expect("saved");
        let broken = dir.join("content.ron");
        std::fs::write(&broken, "(languages: [oops").expect("write");

        let (shown, error) = startup_content(&broken, &copy).expect("the copy is shown");
        assert_eq!(shown.content.sections.len(), loaded.content.sections.len());
        let error = error.expect("the file's error comes along");
        assert!(
            error.to_string().contains("content.ron:1:"),
            "FILE:LINE:COLUMN of the broken file: {error}"
        );

        // A good file wins over the copy.
        let (shown, error) = startup_content(&shipped_path(), &copy).expect("the file");
        assert!(error.is_none(), "no error");
        assert_eq!(shown.dir, loaded.dir, "the file's own folder");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn without_a_copy_or_with_a_damaged_one_a_broken_file_still_fails_clearly() {
        let dir = temp_dir("none");
        let broken = dir.join("content.ron");
        std::fs::write(&broken, "(languages: [oops").expect("write");
        let missing = dir.join("last-good-content.ron");
        let Err(failed) = startup_content(&broken, &missing) else {
            panic!("nothing to show");
        };
        let (error, why) = *failed;
        assert!(error.to_string().contains("content.ron:1:"), "{error}");
        assert!(why.contains("last-good-content.ron"), "{why}");

        std::fs::write(&missing, "(dir: \"/x\", content: (").expect("write");
        assert!(
            startup_content(&broken, &missing).is_err(),
            "a damaged copy is not used"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
