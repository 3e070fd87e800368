//! Starting the kiosk from the command line: the settings, the trusted keys and the first
//! content are read here, the window's settings chosen, and a plain [`Launch`] handed to
//! [`crate::app`].

use std::process::ExitCode;

use crate::app::Launch;
use crate::cli::{Cli, Renderer};
use crate::platform::window::{WindowSettings, native_options};
use crate::settings::RendererChoice;

/// Runs the kiosk window until it is closed.
pub fn run(cli: &Cli) -> ExitCode {
    let launched = std::time::Instant::now();
    crate::platform::memory::return_big_blocks();
    let settings_copy = cli.dirs().last_good_settings_file();
    let (settings_source, kiosk_config, settings_error) =
        match crate::settings::startup_config(cli.kiosk_config.as_deref(), &settings_copy) {
            Ok(started) => started,
            Err(failed) => {
                let (source, err) = *failed;
                log::error!(
                    "cannot start: the kiosk settings, {}, have errors, and there is no copy \
                     of good settings:\n{err}",
                    source.describe()
                );
                return ExitCode::FAILURE;
            }
        };
    match &settings_error {
        None => log::info!("kiosk settings: {}", settings_source.describe()),
        Some(err) => log::error!(
            "kiosk.ron has errors; using the copy of the last good settings kept in {} until \
             it is fixed:\n{err}",
            settings_copy.display()
        ),
    }
    let windowed = cli.windowed || cli.size.is_some();
    let last_good_path = cli.dirs().last_good_file();
    // kiosk.ron was validated, so its keys parse; a failure here would be a bug, and
    // starting without the keys would show unsigned content: refuse instead.
    let trust = match crate::signing::Trust::new(&kiosk_config.trusted_keys) {
        Ok(trust) => trust,
        Err(err) => {
            log::error!("cannot start: kiosk.ron's trusted_keys: {err}");
            return ExitCode::FAILURE;
        }
    };
    if !trust.is_empty() {
        log::info!("content must be signed by one of the keys {trust:?}");
    }
    let (loaded, startup_error) =
        match crate::platform::last_good::startup_content(&cli.content, &last_good_path, &trust) {
            Ok((loaded, None)) => (loaded, None),
            Ok((loaded, Some(err))) => {
                log::error!(
                    "the content has errors; showing the last good content kept in {} until \
                     the file is fixed:\n{err}",
                    last_good_path.display()
                );
                (loaded, Some(err))
            }
            Err(failed) => {
                let (err, why) = *failed;
                log::error!(
                    "cannot start: the content has errors, and there is no last good copy \
                     ({why}):\n{err}"
                );
                return ExitCode::FAILURE;
            }
        };
    for warning in &loaded.warnings {
        log::warn!("{warning}");
    }
    if !windowed
        && kiosk_config.staff_pin_hash.is_none()
        && loaded.content.kiosk.staff_pin.is_none()
    {
        log::warn!(
            "no staff_pin_hash in kiosk.ron: the staff panel stays closed in kiosk mode; make \
             the line with `vitrina pin`"
        );
    }
    let tour = cli.bench_tour.map(|every| {
        let lang = loaded.content.default_lang_code().to_owned();
        let shots = crate::preview::plan(&loaded, &lang)
            .into_iter()
            .map(|planned| planned.shot)
            .collect::<Vec<_>>();
        (shots, every)
    });
    let secs = |s: Option<u32>| s.map(|s| std::time::Duration::from_secs(u64::from(s)));
    // A benchmark tour is no visitor.
    let usage = tour
        .is_none()
        .then(|| crate::usage::UsageSink::file(cli.dirs().usage_file()));
    let window = WindowSettings {
        windowed: windowed.then(|| cli.size.unwrap_or([1920, 1080])),
        wgpu: matches!(
            (cli.renderer, kiosk_config.renderer),
            (Some(Renderer::Wgpu), _) | (None, Some(RendererChoice::Wgpu))
        ),
    };
    let launch = Launch {
        launched,
        loaded,
        startup_error,
        content_path: cli.content.clone(),
        last_good_path,
        kiosk_config,
        settings_error,
        given_settings: cli.kiosk_config.clone(),
        settings_copy,
        kiosk_mode: !windowed,
        trust,
        signing_grace: cli.signing_grace.map(std::time::Duration::from_secs),
        idle_timeout_secs: cli.idle_timeout,
        tour,
        usage,
        data_dir: cli.dirs().data,
        fleet_periods: (secs(cli.status_every_secs), secs(cli.screenshot_every_secs)),
        test_panic: cli.test_panic,
    };
    crate::app::run(launch, native_options(window))
}
