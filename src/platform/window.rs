//! The kiosk window's settings: fullscreen, undecorated and on top in kiosk mode, or a
//! resizable window of a given size; and the renderer. In kiosk mode [`KioskWindow`] brings
//! the window back when it was minimised, left fullscreen or lost the focus (a window
//! manager's shortcut, a pop-up, a stray tap), and asks again for the on-top level, which
//! some window managers ignore when it is set before the window is shown.

/// How the window opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowSettings {
    /// A resizable window of this inner size in pixels (None: kiosk mode, fullscreen).
    pub windowed: Option<[u32; 2]>,
    /// Draw with wgpu (Vulkan, Metal, DirectX 12 or OpenGL) instead of glow (OpenGL).
    pub wgpu: bool,
}

/// eframe's options for a window as `settings` describe it.
pub fn native_options(settings: WindowSettings) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Vitrina")
        .with_app_id("vitrina");
    if let Some([w, h]) = settings.windowed {
        #[expect(clippy::cast_precision_loss, reason = "window sizes")]
        let size = [w as f32, h as f32];
        viewport = viewport.with_inner_size(size).with_resizable(true);
    } else {
        viewport = viewport
            .with_fullscreen(true)
            .with_decorations(false)
            .with_window_level(egui::WindowLevel::AlwaysOnTop);
    }
    eframe::NativeOptions {
        viewport,
        renderer: if settings.wgpu {
            eframe::Renderer::Wgpu
        } else {
            eframe::Renderer::Glow
        },
        // egui's dithering adds noise math to every pixel of every layer; glow is the
        // renderer of old and software graphics, where every pixel's work shows in the CPU
        // (docs/performance.md), and the pictures' own grain hides the banding it prevents.
        dithering: settings.wgpu,
        ..Default::default()
    }
}

/// How often, at most, the kiosk window asks to be restored (seconds).
pub const REASSERT_EVERY_SECS: f64 = 3.0;

/// What the window reports of itself, as far as the kiosk cares (from egui's
/// [`egui::ViewportInfo`]; None: unknown on this platform).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WindowState {
    /// Minimised (iconified).
    pub minimized: Option<bool>,
    /// Fullscreen.
    pub fullscreen: Option<bool>,
    /// Has the keyboard focus.
    pub focused: Option<bool>,
}

impl WindowState {
    /// The state egui reports for a viewport.
    pub fn of(info: &egui::ViewportInfo) -> Self {
        Self {
            minimized: info.minimized,
            fullscreen: info.fullscreen,
            focused: info.focused,
        }
    }

    /// Whether the window is not as a kiosk's should be.
    pub fn astray(self) -> bool {
        self.minimized == Some(true)
            || self.fullscreen == Some(false)
            || self.focused == Some(false)
    }
}

/// Keeps a kiosk window fullscreen, restored, on top and focused, asking at most once
/// every [`REASSERT_EVERY_SECS`] so a window manager that refuses cannot make it spin.
#[derive(Clone, Debug, Default)]
pub struct KioskWindow {
    last_asked: Option<f64>,
    /// Asks in a row without seeing the window as it should be (0: it is).
    streak: u32,
}

impl KioskWindow {
    /// The commands to send at `now` (seconds on any steady clock) for a window in
    /// `state`: none while it is as it should be, or too soon after the last ask.
    pub fn commands(&mut self, now: f64, state: WindowState) -> Vec<egui::ViewportCommand> {
        // The first check also asks once for the level: set at creation, before the window
        // was mapped, a window manager may not have applied it.
        let first = self.last_asked.is_none() && now >= REASSERT_EVERY_SECS;
        let due = self
            .last_asked
            .is_none_or(|last| now - last >= REASSERT_EVERY_SECS);
        if !state.astray() {
            self.streak = 0;
        }
        if !due || !(first || state.astray()) {
            return Vec::new();
        }
        self.last_asked = Some(now);
        self.streak = self.streak.saturating_add(u32::from(state.astray()));
        let mut commands = Vec::new();
        if state.minimized == Some(true) {
            commands.push(egui::ViewportCommand::Minimized(false));
        }
        if state.fullscreen != Some(true) {
            commands.push(egui::ViewportCommand::Fullscreen(true));
        }
        commands.push(egui::ViewportCommand::WindowLevel(
            egui::WindowLevel::AlwaysOnTop,
        ));
        if state.focused != Some(true) {
            commands.push(egui::ViewportCommand::Focus);
        }
        commands
    }

    /// Whether the last ask is worth a log line: the first few of a streak, then one an
    /// hour, so a window manager that always refuses cannot fill the log.
    pub fn worth_logging(&self) -> bool {
        self.streak <= 3 || self.streak.is_multiple_of(1200)
    }

    /// Whether the app must keep ticking (about once a second) for [`Self::commands`]:
    /// until the first ask, and while the window is astray (a minimised window gets no
    /// frames of its own).
    pub fn wants_ticks(&self, state: WindowState) -> bool {
        self.last_asked.is_none() || state.astray()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_mode_opens_fullscreen_without_decorations() {
        let options = native_options(WindowSettings {
            windowed: None,
            wgpu: false,
        });
        assert_eq!(options.viewport.fullscreen, Some(true), "fullscreen");
        assert_eq!(options.viewport.decorations, Some(false), "no title bar");
        assert_eq!(options.renderer, eframe::Renderer::Glow, "glow by default");
        assert!(!options.dithering, "no per-pixel dithering on glow");
    }

    #[test]
    fn a_windowed_kiosk_opens_at_its_size_and_can_be_resized() {
        let options = native_options(WindowSettings {
            windowed: Some([1280, 720]),
            wgpu: true,
        });
        assert_eq!(
            options.viewport.inner_size,
            Some(egui::vec2(1280.0, 720.0)),
            "the given size"
        );
        assert_eq!(options.viewport.resizable, Some(true), "resizable");
        assert_eq!(options.renderer, eframe::Renderer::Wgpu, "wgpu asked for");
    }

    const AS_IT_SHOULD_BE: WindowState = WindowState {
        minimized: Some(false),
        fullscreen: Some(true),
        focused: Some(true),
    };

    #[test]
    fn a_minimised_kiosk_window_is_restored_fullscreen_on_top_and_focused() {
        let mut window = KioskWindow::default();
        let minimised = WindowState {
            minimized: Some(true),
            fullscreen: Some(false),
            focused: Some(false),
        };
        assert_eq!(
            window.commands(0.5, minimised),
            [
                egui::ViewportCommand::Minimized(false),
                egui::ViewportCommand::Fullscreen(true),
                egui::ViewportCommand::WindowLevel(egui::WindowLevel::AlwaysOnTop),
                egui::ViewportCommand::Focus,
            ],
            "everything asked back"
        );
    }

    #[test]
    fn a_covered_window_asks_for_the_focus_and_the_level_only() {
        let mut window = KioskWindow::default();
        let covered = WindowState {
            focused: Some(false),
            ..AS_IT_SHOULD_BE
        };
        assert_eq!(
            window.commands(10.0, covered),
            [
                egui::ViewportCommand::WindowLevel(egui::WindowLevel::AlwaysOnTop),
                egui::ViewportCommand::Focus,
            ],
            "no fullscreen toggle while fullscreen"
        );
    }

    #[test]
    fn asks_at_most_once_every_few_seconds() {
        let mut window = KioskWindow::default();
        let minimised = WindowState {
            minimized: Some(true),
            ..AS_IT_SHOULD_BE
        };
        assert!(!window.commands(0.0, minimised).is_empty(), "asked");
        assert!(window.commands(1.0, minimised).is_empty(), "too soon");
        assert!(window.commands(2.9, minimised).is_empty(), "still too soon");
        assert!(!window.commands(3.0, minimised).is_empty(), "asked again");
    }

    #[test]
    fn a_window_as_it_should_be_is_left_alone_after_one_ask_for_the_level() {
        let mut window = KioskWindow::default();
        assert!(window.commands(0.0, AS_IT_SHOULD_BE).is_empty(), "at start");
        assert_eq!(
            window.commands(REASSERT_EVERY_SECS, AS_IT_SHOULD_BE),
            [egui::ViewportCommand::WindowLevel(
                egui::WindowLevel::AlwaysOnTop
            )],
            "the level once, after the window is shown"
        );
        for at in 2..100 {
            assert!(
                window
                    .commands(f64::from(at) * 3.0, AS_IT_SHOULD_BE)
                    .is_empty(),
                "nothing at {at}"
            );
        }
    }

    #[test]
    fn a_refusing_window_manager_is_logged_a_few_times_then_hourly() {
        let mut window = KioskWindow::default();
        let covered = WindowState {
            focused: Some(false),
            ..AS_IT_SHOULD_BE
        };
        let mut logged = 0;
        // A day of asks every 3 s.
        for ask in 0..28_800 {
            assert!(
                !window.commands(f64::from(ask) * 3.0, covered).is_empty(),
                "asked {ask}"
            );
            logged += u32::from(window.worth_logging());
        }
        assert_eq!(logged, 3 + 24, "three, then one an hour");
        window.commands(86_400.0, AS_IT_SHOULD_BE);
        window.commands(86_403.0, covered);
        assert!(window.worth_logging(), "a new streak is logged again");
    }
}
