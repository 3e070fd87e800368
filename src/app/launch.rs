//! What the kiosk window starts with: a plain description the command line builds
//! ([`crate::app`] never reads the command line), and running the window with it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::VitrinaApp;
use crate::content::{LoadError, LoadedContent};
use crate::settings::KioskConfig;
use crate::signing::Trust;
use crate::state::Shot;
use crate::usage::UsageSink;

/// Everything the kiosk window starts with, decided before it opens.
pub struct Launch {
    /// When the process started (for the log of the first frame).
    pub launched: Instant,
    /// The content shown first (the file's, else the last good copy).
    pub loaded: LoadedContent,
    /// Why the file's content is not the one shown, when it is not.
    pub startup_error: Option<LoadError>,
    /// The content file, watched for edits.
    pub content_path: PathBuf,
    /// Where the copy of the last good content is kept.
    pub last_good_path: PathBuf,
    /// This machine's `kiosk.ron`.
    pub kiosk_config: KioskConfig,
    /// Why `kiosk.ron` is not the settings in effect, when it is not.
    pub settings_error: Option<LoadError>,
    /// `--kiosk-config`, watched for edits (None: the usual places).
    pub given_settings: Option<PathBuf>,
    /// Where the copy of the last good `kiosk.ron` is kept.
    pub settings_copy: PathBuf,
    /// Kiosk mode: fullscreen, the close refused, the window kept over the monitor.
    pub kiosk_mode: bool,
    /// Keys the content must be signed with.
    pub trust: Trust,
    /// How long a signing failure waits for a sync to finish (None: the default).
    pub signing_grace: Option<Duration>,
    /// Overrides the content's idle timeout, in seconds.
    pub idle_timeout_secs: Option<u32>,
    /// Screens shown in turn, each for the given seconds (the benchmark tour).
    pub tour: Option<(Vec<Shot>, f64)>,
    /// Where usage figures go (None: not recorded).
    pub usage: Option<UsageSink>,
    /// The data folder, for status.json and screen.png.
    pub data_dir: PathBuf,
    /// The status and screenshot periods, overriding kiosk.ron's (tests).
    pub fleet_periods: (Option<Duration>, Option<Duration>),
    /// Panic in the first frame (tests of the panic hook).
    pub test_panic: bool,
}

impl VitrinaApp {
    /// The kiosk as `launch` describes it, in the window `cc` made.
    pub fn launched(cc: &eframe::CreationContext<'_>, launch: Launch) -> Self {
        let Launch {
            launched,
            loaded,
            startup_error,
            content_path,
            last_good_path,
            kiosk_config,
            settings_error,
            given_settings,
            settings_copy,
            kiosk_mode,
            trust,
            signing_grace,
            idle_timeout_secs,
            tour,
            usage,
            data_dir,
            fleet_periods,
            test_panic,
        } = launch;
        let status_settings = kiosk_config.status;
        let display = kiosk_config.display;
        crate::ui::install_gl_picture(&cc.egui_ctx, cc.gl.as_ref());
        let mut app = Self::new(&cc.egui_ctx, loaded)
            .with_kiosk_config(kiosk_config)
            .with_kiosk_mode(kiosk_mode)
            .with_sounds(true)
            .with_test_panic(test_panic)
            .with_idle_timeout(idle_timeout_secs)
            .with_trust(trust);
        if let Some(grace) = signing_grace {
            app = app.with_signing_grace(grace);
        }
        app = app
            .with_hot_reload(&cc.egui_ctx, &content_path)
            .with_display(display)
            .with_display_control(true);
        if let Some(err) = &startup_error {
            app = app.with_startup_error(err);
        }
        if let Some(err) = &settings_error {
            app = app.with_settings_error(err);
        }
        app = app
            .with_settings_watch(&cc.egui_ctx, given_settings.as_deref(), settings_copy)
            .with_last_good(last_good_path);
        if let Some((shots, every)) = tour {
            app = app.with_tour(shots, every);
        }
        if let Some(usage) = usage {
            app = app.with_usage(usage);
        }
        app = app
            .with_pin_backoff(&data_dir)
            .with_fleet(&data_dir, status_settings)
            .with_fleet_periods(fleet_periods.0, fleet_periods.1);
        app.launched = Some(launched);
        app
    }
}

/// Runs the kiosk window described by `launch` with `options` until it is closed.
pub fn run(launch: Launch, options: eframe::NativeOptions) -> ExitCode {
    let launched = launch.launched;
    let result = eframe::run_native(
        "vitrina",
        options,
        Box::new(move |cc| {
            log::info!(
                "window ready {} ms after launch",
                launched.elapsed().as_millis()
            );
            crate::platform::disable_press_and_hold(cc);
            Ok(Box::new(VitrinaApp::launched(cc, launch)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            log::error!("the window failed: {err}");
            ExitCode::FAILURE
        }
    }
}
