//! The app's side of hot reload: applies what the content watcher sends, between frames.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::VitrinaApp;
use super::logic::Entry;
use crate::content::{Diagnostic, LoadError, LoadedContent};
use crate::platform::last_good;
use crate::platform::watch::{ContentWatcher, ReloadEvent, SIGNING_GRACE, WatchOptions};
use crate::signing::{Trust, load_content_trusted};
use crate::state::ReloadStatus;
use crate::ui::theme::{font_definitions, font_definitions_checked};

/// The watcher and what it last said.
#[derive(Default)]
pub(super) struct HotReload {
    watcher: Option<ContentWatcher>,
    pub(super) status: ReloadStatus,
    /// The content file, for the staff panel and its Reload now.
    content_path: Option<PathBuf>,
    /// Where the copy of the content shown is kept, for a restart with a broken file.
    last_good: Option<PathBuf>,
    /// Keys the content must be signed with (none: not checked).
    trust: Trust,
    /// How long a signature or hash failure waits for a sync to finish before it is reported.
    signing_grace: Option<Duration>,
}

impl HotReload {
    /// The content file shown, when the app knows it.
    pub(super) fn content_path(&self) -> Option<&Path> {
        self.content_path.as_deref()
    }
}

impl VitrinaApp {
    /// Watches `content_path` (the file the content came from) and its assets; changes show
    /// within a frame of being loaded.
    #[must_use]
    pub fn with_hot_reload(mut self, ctx: &egui::Context, content_path: &Path) -> Self {
        self.reload.content_path = Some(content_path.to_path_buf());
        self.start_watcher(ctx, false);
        self.reload
            .status
            .warnings
            .clone_from(&self.loaded.warnings);
        self
    }

    /// Loads content only when signed by one of `trust`'s keys (none: not checked); the
    /// watcher and the staff panel's Reload use it. Call before `with_hot_reload`, or use
    /// [`VitrinaApp::set_trust`] later.
    #[must_use]
    pub fn with_trust(mut self, trust: Trust) -> Self {
        self.reload.trust = trust;
        self
    }

    /// How long a signature or hash failure waits for a sync before it is reported (default
    /// [`SIGNING_GRACE`]; tests shorten it). Call before `with_hot_reload`.
    #[must_use]
    pub fn with_signing_grace(mut self, grace: Duration) -> Self {
        self.reload.signing_grace = Some(grace);
        self
    }

    /// The trusted keys changed (`kiosk.ron` was edited): the watcher restarts with them and
    /// loads the content again at once, so content the new keys do not cover is replaced
    /// by what they do cover (or stays, with the error shown to staff).
    pub fn set_trust(&mut self, ctx: &egui::Context, trust: Trust) {
        if trust == self.reload.trust {
            return;
        }
        log::info!("trusted keys now {trust:?}; checking the content again");
        self.reload.trust = trust;
        if self.reload.watcher.take().is_some() {
            self.start_watcher(ctx, true);
        }
    }

    /// The keys content must be signed with.
    pub fn trust(&self) -> &Trust {
        &self.reload.trust
    }

    /// Starts (or restarts) the watcher on the content path with the current keys.
    fn start_watcher(&mut self, ctx: &egui::Context, load_at_start: bool) {
        let Some(content_path) = self.reload.content_path.clone() else {
            return;
        };
        let content_path = content_path.as_path();
        let ctx = ctx.clone();
        let options = WatchOptions {
            trust: self.reload.trust.clone(),
            signing_grace: self.reload.signing_grace.unwrap_or(SIGNING_GRACE),
            load_at_start,
        };
        match ContentWatcher::start_with(content_path, options, move || ctx.request_repaint()) {
            Ok(watcher) => {
                log::info!(
                    "watching {} and its assets for changes",
                    content_path.display()
                );
                self.reload.watcher = Some(watcher);
                self.reload.status.watching = true;
            }
            Err(err) => {
                self.reload.status.watching = false;
                log::error!(
                    "cannot watch {}: {err}; changes need a restart",
                    content_path.display()
                );
            }
        }
    }

    /// Keeps a copy of the content shown at `path` (now, and after each reload), so a
    /// restart with a broken content file shows it (see [`crate::platform::last_good`]).
    #[must_use]
    pub fn with_last_good(mut self, path: PathBuf) -> Self {
        self.reload.last_good = Some(path);
        // Started on the copy itself (see `with_startup_error`): nothing new to keep yet.
        if self.reload.status.error.is_none() {
            self.keep_last_good();
        }
        self
    }

    /// The kiosk started on the last good copy because the content file has `error`: the
    /// staff panel shows it until a good save replaces it. Call before `with_last_good`.
    #[must_use]
    pub fn with_startup_error(mut self, error: &LoadError) -> Self {
        self.record_failed(error.to_string(), error.diagnostics(), Duration::ZERO);
        self
    }

    /// Writes the copy off the UI thread; a failure is logged and changes nothing else.
    fn keep_last_good(&self) {
        let Some(path) = self.reload.last_good.clone() else {
            return;
        };
        let mut loaded = self.loaded.clone();
        // The whole content, whatever today's date shows.
        self.whole_content().clone_into(&mut loaded.content);
        let spawned = std::thread::Builder::new()
            .name("last-good".to_owned())
            .spawn(move || {
                if let Err(err) = last_good::save(&path, &loaded) {
                    log::warn!(
                        "cannot keep a copy of the content in {}: {err}",
                        path.display()
                    );
                }
            });
        if let Err(err) = spawned {
            log::warn!("cannot keep a copy of the content: {err}");
        }
    }

    /// How the last reload went (for the staff panel).
    pub fn reload_status(&self) -> &ReloadStatus {
        &self.reload.status
    }

    /// The content shown.
    pub fn loaded(&self) -> &LoadedContent {
        &self.loaded
    }

    /// Applies what the watcher sent since the last frame. Call before drawing.
    pub(super) fn apply_reloads(&mut self, ctx: &egui::Context) {
        let mut latest = None;
        while let Some(event) = self
            .reload
            .watcher
            .as_ref()
            .and_then(ContentWatcher::try_next)
        {
            match event {
                // Signed content keeps the pictures and fonts it verified until new signed
                // content is applied (a sync in progress must not show half a version).
                ReloadEvent::AssetsChanged(_) if self.loaded.provenance.verified.is_some() => {}
                ReloadEvent::AssetsChanged(paths) => {
                    for path in &paths {
                        log::info!("{} changed; it is shown anew", path.display());
                        self.pictures.invalidate(path);
                    }
                    // A picture that appeared, went or moved: resolved again here, once.
                    self.resolve_whole_assets();
                    if paths
                        .iter()
                        .any(|p| p.components().any(|c| c.as_os_str() == "fonts"))
                    {
                        ctx.set_fonts(font_definitions(
                            &self.loaded.content.theme,
                            &self.loaded.dir,
                        ));
                    }
                }
                // Only the newest content matters when several came at once.
                event @ (ReloadEvent::Loaded { .. } | ReloadEvent::Failed { .. }) => {
                    latest = Some(event);
                }
            }
        }
        match latest {
            Some(ReloadEvent::Loaded {
                loaded,
                took,
                written,
            }) => {
                self.swap_content(ctx, *loaded);
                self.record_loaded(took);
                let since_write = written
                    .and_then(|at| SystemTime::now().duration_since(at).ok())
                    .map_or_else(String::new, |d| {
                        format!(", applied {} ms after the file was written", d.as_millis())
                    });
                log::info!(
                    "content reloaded: applied (loaded in {} ms{since_write})",
                    took.as_millis()
                );
            }
            // The watcher logged it (once); visitors keep the last good content.
            Some(ReloadEvent::Failed {
                message,
                diagnostics,
                took,
            }) => self.record_failed(message, diagnostics, took),
            _ => {}
        }
    }

    /// Staff pressed Reload now: reads the content file again at once, on this thread (a
    /// few tens of milliseconds, while only staff look). It cannot freeze the UI on a special
    /// file: every read goes through [`crate::content::read`], which refuses a FIFO or a
    /// device from its metadata and opens without blocking, and reads at most the content
    /// file limit (4 MiB), so the time is bounded by parsing a file of that size.
    pub(super) fn reload_now(&mut self, ctx: &egui::Context) {
        let Some(path) = self.reload.content_path.clone() else {
            log::warn!("reload now: no content file known");
            return;
        };
        let started = Instant::now();
        match load_content_trusted(&path, &self.reload.trust) {
            Ok(loaded) => {
                self.swap_content(ctx, loaded);
                self.record_loaded(started.elapsed());
                log::info!("content reloaded from the staff panel");
            }
            Err(err) => {
                log::error!("reload now failed; still showing the last good content:\n{err}");
                self.record_failed(err.to_string(), err.diagnostics(), started.elapsed());
            }
        }
    }

    fn record_loaded(&mut self, took: Duration) {
        let status = &mut self.reload.status;
        status.applied += 1;
        status.last_applied = Some(SystemTime::now());
        status.error = None;
        status.diagnostics.clear();
        status.last_took = Some(took);
    }

    fn record_failed(&mut self, message: String, diagnostics: Vec<Diagnostic>, took: Duration) {
        let status = &mut self.reload.status;
        status.error = Some(message);
        status.diagnostics = diagnostics;
        status.last_took = Some(took);
    }

    /// Replaces the content in one step, keeping the visitor where they are when that screen
    /// still exists (else Home). The map views start over: they hold indices into the old
    /// content.
    fn swap_content(&mut self, ctx: &egui::Context, loaded: LoadedContent) {
        self.reload.status.warnings.clone_from(&loaded.warnings);
        for warning in &loaded.warnings {
            log::warn!("{warning}");
        }
        let same = self.loaded.dir == loaded.dir
            && self.loaded.provenance == loaded.provenance
            && *self.whole_content() == loaded.content;
        if same {
            return;
        }
        let old = std::mem::replace(&mut self.loaded, loaded);
        self.take_whole_content();
        self.keep_last_good();
        // An older content's per-machine values fill kiosk.ron's gaps.
        self.refresh_machine();
        let content = &self.loaded.content;
        let files_changed = old.provenance.verified != self.loaded.provenance.verified;
        self.pictures
            .set_verified(self.loaded.provenance.verified.clone());
        if old.content.theme != content.theme || old.dir != self.loaded.dir || files_changed {
            ctx.set_fonts(font_definitions_checked(
                &content.theme,
                &self.loaded.dir,
                self.loaded.provenance.verified.as_deref(),
            ));
            self.colours = self.current_colours();
        }
        let mut kept = self.state.clone();
        kept.revalidate(content);
        self.enter_screen(kept, ctx.input(|i| i.time), Entry::NewContent);
        // The slides may have changed: the loop's timing is rebuilt from them.
        self.attract.slideshow = None;
        // Pictures outside the content folder now (it was swapped) are freed.
        let dir = self.loaded.dir.canonicalize().ok();
        self.pictures
            .retain(|path| dir.as_ref().is_some_and(|dir| path.starts_with(dir)));
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A FIFO at the content path: Reload now (on the UI thread) returns at once with the
    /// refusal, and the last good content stays. Before the non-blocking reader it waited
    /// for a writer for ever, freezing the kiosk.
    #[test]
    fn reload_now_with_a_fifo_at_the_content_path_returns_at_once_with_the_error() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("assets")).expect("assets");
        std::fs::copy(
            fixtures.join("assets/picture.png"),
            dir.path().join("assets/picture.png"),
        )
        .expect("picture");
        let path = dir.path().join("content.ron");
        std::fs::copy(fixtures.join("valid.ron"), &path).expect("content");
        let loaded = crate::content::load_content(&path).expect("the fixture loads");
        let sections = loaded.content.sections.len();
        let ctx = egui::Context::default();
        let mut app = VitrinaApp::new(&ctx, loaded);
        app.reload.content_path = Some(path.clone());

        std::fs::remove_file(&path).expect("rm");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo made the FIFO");
        let started = Instant::now();
        app.reload_now(&ctx);
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "no wait for a writer: {:?}",
            started.elapsed()
        );
        let error = app
            .reload_status()
            .error
            .clone()
            .expect("the reload failed");
        assert!(
            error.contains("not a regular file (a pipe, device or folder)"),
            "says why: {error}"
        );
        assert_eq!(
            app.loaded().content.sections.len(),
            sections,
            "the last good content stays"
        );
    }
}
