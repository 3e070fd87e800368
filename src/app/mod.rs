//! `VitrinaApp`, the eframe glue: `logic.rs` runs before each frame (idle, the staff gate,
//! repaint pacing, usage, and `enter_screen`, the one place the screen changes), `ui.rs`
//! draws the current screen. The pure state it holds is `crate::state`; it starts from a
//! plain [`Launch`] the command line builds.

mod accessibility;
mod attract_loop;
mod dates;
mod display;
pub mod display_power;
pub mod fleet;
mod hot_reload;
mod launch;
mod logic;
mod machine_settings;
pub mod show;
mod staff_panel;
mod ui;
mod usage_tracking;

use egui::Ui;

pub use accessibility::{Accessibility, LARGE_TEXT_SCALE};
pub use launch::{Launch, run};
// The pure state moved to `crate::state`; these paths stay for tests and benchmarks.
pub use crate::state::{
    AppState, Intent, ReloadStatus, Screen, count_up, idle, navigation, slideshow, staff,
};

use crate::content::LoadedContent;
use crate::map::MapScreen;
use crate::platform::images::Pictures;
use crate::settings::DisplaySettings;
use crate::ui::section_ui::SectionView;
use crate::ui::theme::{Colours, font_definitions_checked};

/// The kiosk.
pub struct VitrinaApp {
    loaded: LoadedContent,
    state: AppState,
    colours: Colours,
    pictures: Pictures,
    section_view: SectionView,
    /// The credits page's scroll.
    credits_view: crate::ui::credits_ui::CreditsView,
    /// The map screen (its base map stays loaded; its view resets on each visit).
    map: MapScreen,
    /// Kiosk mode: keep the window covering the whole monitor.
    kiosk: bool,
    /// Input time of the last frame drawn, until its usage is recorded (next `logic`).
    drawn_at: Option<f64>,
    /// Input time of the last `frame_logic`.
    logic_at: Option<f64>,
    /// Input time of the last change of screen, while its fade runs.
    screen_changed_at: Option<f64>,
    /// Input time when the window was last asked to cover the monitor.
    last_fill_request: Option<f64>,
    /// Idle timer, attract loop and the prompt.
    attract: attract_loop::AttractState,
    /// Local wall-clock time, for opening hours (tests pass their own).
    wall_clock: Box<dyn Fn() -> jiff::civil::DateTime>,
    /// A screen or slide to show from the next frame (previews and benchmarks).
    pending_shot: Option<show::Shot>,
    /// Screens to show in turn without a visitor (benchmarks).
    tour: show::Tour,
    /// When the process started, until the first frame is logged.
    launched: Option<std::time::Instant>,
    /// The content watcher and how the last reload went.
    reload: hot_reload::HotReload,
    /// The staff panel's gate: summoned, PIN, open.
    staff: staff::StaffGate,
    /// Where the PIN's back-off is kept across restarts (None: not kept).
    pin_backoff: Option<crate::platform::pin_backoff::BackoffFile>,
    /// Brings the kiosk window back when minimised or covered (kiosk mode only).
    kiosk_window: crate::platform::window::KioskWindow,
    /// Staff chose Exit: the close request that follows is honoured.
    exiting: bool,
    /// When the app was made, for the staff panel's uptime.
    started: std::time::Instant,
    /// CPU time of the last frame, for the staff panel.
    frame_time: Option<std::time::Duration>,
    /// The visitor's accessibility mode, read aloud, large text and high contrast.
    a11y: accessibility::Accessibility,
    /// Play sounds (the idle chime); off in tests and previews.
    sounds: bool,
    /// Usage figures (None: not recorded).
    usage: Option<crate::usage::Usage>,
    /// `--test-panic`: panic in the first frame (tests of the panic hook).
    test_panic: bool,
    /// This machine's `kiosk.ron` (defaults when there is none).
    kiosk_config: crate::settings::KioskConfig,
    /// The per-machine settings in effect: `kiosk.ron`, else an older content's values.
    machine: crate::settings::Machine,
    /// Watches `kiosk.ron` for edits.
    settings_watch: Option<crate::platform::settings_watch::SettingsWatcher>,
    /// Where the copy of the last good `kiosk.ron` is kept.
    settings_copy: Option<std::path::PathBuf>,
    /// status.json, screen.png and systemd's watchdog (None: not reported).
    fleet: Option<fleet::Fleet>,
    /// The display's power outside opening hours.
    display: display::DisplayState,
    /// Dated content: the whole content and the day `loaded` shows.
    dated: dates::Dated,
}

impl VitrinaApp {
    /// Sets up fonts and styles on `ctx` and starts on Home.
    pub fn new(ctx: &egui::Context, loaded: LoadedContent) -> Self {
        ctx.set_fonts(font_definitions_checked(
            &loaded.content.theme,
            &loaded.dir,
            loaded.provenance.verified.as_deref(),
        ));
        ctx.set_theme(egui::Theme::Dark);
        let state = AppState::new(&loaded.content);
        let kiosk_config = crate::settings::KioskConfig::default();
        let machine = crate::settings::Machine::merge(&kiosk_config, &loaded.content.kiosk);
        let mut pictures = Pictures::new(ctx);
        pictures.set_verified(loaded.provenance.verified.clone());
        let mut app = Self {
            kiosk_config,
            machine,
            settings_watch: None,
            settings_copy: None,
            colours: Colours::from_palette(&loaded.content.theme.palette),
            state,
            pictures,
            section_view: SectionView::default(),
            credits_view: crate::ui::credits_ui::CreditsView::default(),
            map: MapScreen::new(),
            loaded,
            kiosk: false,
            drawn_at: None,
            logic_at: None,
            screen_changed_at: None,
            last_fill_request: None,
            attract: attract_loop::AttractState::default(),
            wall_clock: Box::new(|| jiff::Zoned::now().datetime()),
            pending_shot: None,
            tour: show::Tour::default(),
            launched: None,
            reload: hot_reload::HotReload::default(),
            staff: staff::StaffGate::default(),
            pin_backoff: None,
            kiosk_window: crate::platform::window::KioskWindow::default(),
            exiting: false,
            started: std::time::Instant::now(),
            frame_time: None,
            a11y: accessibility::Accessibility::default(),
            sounds: false,
            usage: None,
            test_panic: false,
            fleet: None,
            display: display::DisplayState::default(),
            dated: dates::Dated::default(),
        };
        app.take_whole_content();
        app
    }

    /// Plays the idle chime (the kiosk does; tests and previews stay silent).
    #[must_use]
    pub fn with_sounds(mut self, on: bool) -> Self {
        self.sounds = on;
        self
    }

    /// Reads local time from `clock` instead of the system (tests of opening hours and
    /// dated content).
    #[must_use]
    pub fn with_wall_clock(mut self, clock: impl Fn() -> jiff::civil::DateTime + 'static) -> Self {
        self.wall_clock = Box::new(clock);
        // Today's content by this clock.
        self.redate();
        self
    }

    /// Display power (kiosk.ron `display`): with `off_when_closed`, the display sleeps outside
    /// opening hours. Decides only; `with_display_control` makes it act.
    #[must_use]
    pub fn with_display(mut self, settings: DisplaySettings) -> Self {
        self.set_display(settings);
        self
    }

    /// New display settings (kiosk.ron reloaded).
    pub fn set_display(&mut self, settings: DisplaySettings) {
        self.display.schedule.set_settings(settings);
    }

    /// Carries out the display schedule's commands on this system: DPMS on X11,
    /// `SC_MONITORPOWER` on Windows (the kiosk; never tests).
    #[must_use]
    pub fn with_display_control(mut self, on_this_system: bool) -> Self {
        self.display.on_this_system = on_this_system;
        self
    }

    /// The display power last asked for (None: none yet, or `off_when_closed` is off).
    pub fn display_power(&self) -> Option<display_power::Power> {
        self.display.schedule.sent()
    }

    /// Panics in the first frame when `panic` is set (`--test-panic`, tests of the panic hook).
    #[must_use]
    pub fn with_test_panic(mut self, panic: bool) -> Self {
        self.test_panic = panic;
        self
    }

    /// Whether the loop shows the closed screen (outside opening hours).
    pub fn shows_closed(&self) -> bool {
        self.state.screen == Screen::Attract && self.attract.closed
    }

    /// Overrides the content's idle timeout (seconds), as `--idle-timeout` does.
    #[must_use]
    pub fn with_idle_timeout(mut self, secs: Option<u32>) -> Self {
        self.attract.timeout_override = secs;
        self
    }

    /// The idle phase (for tests).
    pub fn idle_phase(&self) -> Option<idle::Phase> {
        self.attract.idle.as_ref().map(idle::IdleMachine::phase)
    }

    /// Kiosk mode: fullscreen, and the window is made to cover the monitor even where no
    /// window manager honours the fullscreen request (a bare X server).
    #[must_use]
    pub fn with_kiosk_mode(mut self, kiosk: bool) -> Self {
        self.kiosk = kiosk;
        self
    }

    /// Keeps the staff PIN's back-off in `data_dir`, so a restart does not reset it.
    #[must_use]
    pub fn with_pin_backoff(mut self, data_dir: &std::path::Path) -> Self {
        self.pin_backoff = Some(crate::platform::pin_backoff::BackoffFile::in_dir(data_dir));
        self
    }

    /// Whether the pointer is hidden: kiosk mode on a touch kiosk, outside the staff panel.
    pub fn hides_cursor(&self) -> bool {
        self.kiosk && !self.machine.has_mouse && !self.staff.is_showing()
    }

    /// Kiosk mode refuses Alt+F4 and the window manager's close; only the staff panel's
    /// Exit ends the kiosk.
    fn refuse_close(&self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.exiting {
            log::warn!("close request refused: kiosk mode (staff can exit from the staff panel)");
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
    }

    /// Without a window manager, X11 ignores fullscreen requests: size the window ourselves.
    fn keep_covering_the_monitor(&mut self, ctx: &egui::Context) {
        let (inner, monitor, now) =
            ctx.input(|i| (i.viewport().inner_rect, i.viewport().monitor_size, i.time));
        let (Some(inner), Some(monitor)) = (inner, monitor) else {
            return;
        };
        let covers =
            (inner.width() - monitor.x).abs() < 1.0 && (inner.height() - monitor.y).abs() < 1.0;
        let recently = self.last_fill_request.is_some_and(|at| now - at < 2.0);
        if !covers && !recently {
            self.last_fill_request = Some(now);
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::Pos2::ZERO));
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
        }
    }

    /// Where the visitor is.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// How far the section body is scrolled, in design points.
    pub fn section_scroll(&self) -> f32 {
        self.section_view.scroll.offset
    }

    /// The sideways swipe of the section screen.
    pub fn section_swipe(&self) -> navigation::PageSwipe {
        self.section_view.swipe
    }

    /// The map screen (tests read its camera, layers and card).
    pub fn map(&self) -> &MapScreen {
        &self.map
    }

    /// The map screen, to set it up (benchmarks turn every layer on).
    pub fn map_mut(&mut self) -> &mut MapScreen {
        &mut self.map
    }

    /// Uploads pictures decoded since the last frame (previews call it between frames).
    pub fn poll_pictures(&mut self, ctx: &egui::Context) {
        self.pictures.poll(ctx);
    }

    /// Whether pictures are still being decoded (tests and previews wait for them).
    pub fn pictures_pending(&self) -> bool {
        self.pictures.pending()
    }
}

impl eframe::App for VitrinaApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.apply_settings_reloads(ctx);
        self.apply_reloads(ctx);
        self.pictures.poll(ctx);
        self.display_logic(ctx);
        if self.kiosk {
            self.refuse_close(ctx);
            self.keep_covering_the_monitor(ctx);
        }
        self.fleet_logic(ctx);
        self.frame_logic(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        assert!(!self.test_panic, "test panic requested by --test-panic");
        self.frame_time = frame
            .info()
            .cpu_usage
            .map(|secs| std::time::Duration::from_secs_f32(secs.max(0.0)));
        self.draw(ui);
        if self.hides_cursor() {
            // egui sets the cursor each frame (buttons ask for a hand): hide it last.
            ui.ctx().set_cursor_icon(egui::CursorIcon::None);
        }
        if let Some(launched) = self.launched.take() {
            log::info!(
                "first frame drawn {} ms after launch",
                launched.elapsed().as_millis()
            );
            self.fleet_first_frame();
        }
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.colours.ink.to_normalized_gamma_f32()
    }
}
