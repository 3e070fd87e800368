//! The app's side of `kiosk.ron`: the settings in effect, their reloads, and the copy kept
//! for a restart with a broken file.

use std::path::{Path, PathBuf};

use super::VitrinaApp;
use crate::content::LoadError;
use crate::platform::settings_watch::{SettingsEvent, SettingsWatcher};
use crate::settings::{KioskConfig, Machine};
use crate::signing::Trust;

impl VitrinaApp {
    /// Runs with this machine's settings (`kiosk.ron`); older content values fill the gaps.
    #[must_use]
    pub fn with_kiosk_config(mut self, config: KioskConfig) -> Self {
        self.set_kiosk_config(config);
        self
    }

    /// Watches the settings file (`given` is `--kiosk-config`) and keeps a copy of good
    /// settings at `copy`.
    #[must_use]
    pub fn with_settings_watch(
        mut self,
        ctx: &egui::Context,
        given: Option<&Path>,
        copy: PathBuf,
    ) -> Self {
        let ctx = ctx.clone();
        match SettingsWatcher::start(given, move || ctx.request_repaint()) {
            Ok(watcher) => self.settings_watch = Some(watcher),
            Err(err) => log::error!("cannot watch kiosk.ron: {err}; edits need a restart"),
        }
        self.settings_copy = Some(copy);
        self.keep_settings_copy();
        self
    }

    /// The per-machine settings in effect.
    pub fn machine(&self) -> &Machine {
        &self.machine
    }

    /// Recomputes the settings in effect (after `kiosk.ron` or the content changed).
    pub(super) fn refresh_machine(&mut self) {
        let machine = Machine::merge(&self.kiosk_config, &self.loaded.content.kiosk);
        if machine.renderer != self.machine.renderer {
            log::info!(
                "kiosk.ron: the renderer becomes {:?} at the next start",
                machine.renderer
            );
        }
        let status_changed = machine.status != self.machine.status;
        let display_changed = machine.display != self.machine.display;
        self.machine = machine;
        if display_changed {
            self.set_display(self.machine.display);
        }
        if status_changed {
            log::info!("kiosk.ron: new status settings {:?}", self.machine.status);
            self.restart_fleet(self.machine.status);
        }
    }

    fn set_kiosk_config(&mut self, config: KioskConfig) {
        self.kiosk_config = config;
        self.refresh_machine();
    }

    /// Applies what the settings watcher sent since the last frame.
    pub(super) fn apply_settings_reloads(&mut self, ctx: &egui::Context) {
        let mut latest = None;
        while let Some(event) = self
            .settings_watch
            .as_ref()
            .and_then(SettingsWatcher::try_next)
        {
            latest = Some(event);
        }
        match latest {
            Some(SettingsEvent::Loaded(config, source)) => {
                self.reload.status.settings_error = None;
                if *config != self.kiosk_config {
                    log::info!("kiosk.ron reloaded ({})", source.describe());
                    self.set_kiosk_config(*config);
                    self.keep_settings_copy();
                    // New keys: the content is checked again against them at once.
                    match Trust::new(&self.machine.trusted_keys) {
                        Ok(trust) => self.set_trust(ctx, trust),
                        Err(err) => log::error!("kiosk.ron's trusted_keys: {err}"),
                    }
                }
            }
            Some(SettingsEvent::Failed(err)) => {
                self.reload.status.settings_error = Some(err.to_string());
            }
            None => {}
        }
    }

    /// Started on the copy because `kiosk.ron` has `error`: the staff panel shows it.
    #[must_use]
    pub fn with_settings_error(mut self, error: &LoadError) -> Self {
        self.reload.status.settings_error = Some(error.to_string());
        self
    }

    /// Writes the copy off the UI thread; a failure is logged and changes nothing else.
    fn keep_settings_copy(&self) {
        let Some(path) = self.settings_copy.clone() else {
            return;
        };
        if self.reload.status.settings_error.is_some() {
            // Running on the copy itself: nothing new to keep.
            return;
        }
        let config = self.kiosk_config.clone();
        let spawned = std::thread::Builder::new()
            .name("settings-copy".to_owned())
            .spawn(move || {
                if let Err(err) = crate::settings::save_copy(&path, &config) {
                    log::warn!(
                        "cannot keep a copy of kiosk.ron in {}: {err}",
                        path.display()
                    );
                }
            });
        if let Err(err) = spawned {
            log::warn!("cannot keep a copy of kiosk.ron: {err}");
        }
    }
}
