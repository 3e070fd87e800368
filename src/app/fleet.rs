//! The app's side of the fleet layer: when to write `status.json`, when to capture
//! `screen.png`, when to tell systemd's watchdog the UI thread is alive. The schedule is pure
//! (time is passed in); the glue takes a snapshot of the app between frames and hands it to
//! the writers in `platform` (status, screenshot, notify), which do the slow parts elsewhere.

use std::path::Path;
use std::time::{Duration, Instant};

use super::VitrinaApp;
use crate::content::Content;
use crate::platform::notify::Notifier;
use crate::platform::screenshot::ScreenshotWriter;
use crate::platform::status::{ContentSnapshot, Snapshot, StatusWriter};
use crate::settings::StatusSettings;
use crate::state::Screen;

/// `status.json` is rewritten this often even when nothing changes (the heartbeat).
pub const STATUS_EVERY: Duration = Duration::from_secs(60);

/// Changes (reloads, errors) are written at once, but not more often than this.
const STATUS_MIN_GAP: Duration = Duration::from_secs(1);

/// The first `screen.png` comes this soon after the start at the latest (the period may be
/// long; an operator wants to see a restarted kiosk early).
const FIRST_SCREENSHOT_AFTER: Duration = Duration::from_secs(30);

/// Pings come four times per watchdog period: twice as often as systemd asks, so a frame
/// late by a busy machine still lands in time.
const WATCHDOG_PINGS_PER_PERIOD: u32 = 4;

/// Pings never come more often than this, whatever `WATCHDOG_USEC` says.
const WATCHDOG_MIN_GAP: Duration = Duration::from_millis(50);

/// How often each task runs; None: never.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Periods {
    /// `status.json`.
    pub status: Option<Duration>,
    /// `screen.png`.
    pub screenshot: Option<Duration>,
    /// `WATCHDOG=1`.
    pub watchdog: Option<Duration>,
}

impl Periods {
    /// From the settings and the service manager's watchdog limit (`WATCHDOG_USEC`).
    pub fn new(settings: &StatusSettings, watchdog_limit: Option<Duration>) -> Self {
        Self {
            status: settings.write_status.then_some(STATUS_EVERY),
            screenshot: (settings.screenshot_every_mins > 0)
                .then(|| Duration::from_secs(u64::from(settings.screenshot_every_mins) * 60)),
            watchdog: watchdog_limit
                .map(|limit| (limit / WATCHDOG_PINGS_PER_PERIOD).max(WATCHDOG_MIN_GAP)),
        }
    }
}

/// What to do this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Due {
    /// Write `status.json`.
    pub status: bool,
    /// Ask for a screenshot.
    pub screenshot: bool,
    /// Ping the watchdog.
    pub watchdog: bool,
}

/// When each task runs next. Pure: the caller passes the time.
#[derive(Clone, Debug)]
pub struct Schedule {
    periods: Periods,
    next_status: Option<Instant>,
    next_screenshot: Option<Instant>,
    next_watchdog: Option<Instant>,
    /// A change waits for the minimum gap.
    change_pending: bool,
    last_status: Option<Instant>,
}

impl Schedule {
    /// A schedule starting at `now`: status and watchdog at once, the first screenshot after
    /// its period or a short first delay (`FIRST_SCREENSHOT_AFTER`), whichever is sooner.
    pub fn new(periods: Periods, now: Instant) -> Self {
        Self {
            periods,
            next_status: periods.status.map(|_| now),
            next_screenshot: periods
                .screenshot
                .map(|every| now + every.min(FIRST_SCREENSHOT_AFTER)),
            next_watchdog: periods.watchdog.map(|_| now),
            change_pending: false,
            last_status: None,
        }
    }

    /// The periods.
    pub fn periods(&self) -> Periods {
        self.periods
    }

    /// What is due at `now`; `changed` says something worth writing at once happened (a
    /// reload, an error). Each task due is rescheduled from `now`.
    pub fn poll(&mut self, now: Instant, changed: bool) -> Due {
        self.change_pending |= changed && self.periods.status.is_some();
        if self.change_pending {
            let earliest = self.last_status.map_or(now, |at| at + STATUS_MIN_GAP);
            self.next_status = self.next_status.map(|next| next.min(earliest));
        }
        let mut due = Due::default();
        if let (Some(next), Some(every)) = (self.next_status, self.periods.status)
            && now >= next
        {
            due.status = true;
            self.next_status = Some(now + every);
            self.last_status = Some(now);
            self.change_pending = false;
        }
        if let (Some(next), Some(every)) = (self.next_screenshot, self.periods.screenshot)
            && now >= next
        {
            due.screenshot = true;
            self.next_screenshot = Some(now + every);
        }
        if let (Some(next), Some(every)) = (self.next_watchdog, self.periods.watchdog)
            && now >= next
        {
            due.watchdog = true;
            self.next_watchdog = Some(now + every);
        }
        due
    }

    /// How long until the next task, from `now` (None: nothing scheduled). The app asks
    /// egui for a frame then, so a still screen keeps the heartbeat going.
    pub fn next_in(&self, now: Instant) -> Option<Duration> {
        [self.next_status, self.next_screenshot, self.next_watchdog]
            .into_iter()
            .flatten()
            .min()
            .map(|at| at.saturating_duration_since(now))
    }
}

/// The name of what the screen shows in `status.json` and systemd's status: `attract`,
/// `home`, `section:<id>`, `map`, `map:<preset>`, `credits`, or `staff` while the staff panel
/// covers it.
pub fn screen_name(screen: &Screen, content: &Content, staff: bool) -> String {
    if staff {
        return "staff".to_owned();
    }
    match screen {
        Screen::Attract => "attract".to_owned(),
        Screen::Home => "home".to_owned(),
        Screen::Section(index) => content.sections.get(*index).map_or_else(
            || format!("section:{index}"),
            |s| format!("section:{}", s.id),
        ),
        Screen::Map { preset: None } => "map".to_owned(),
        Screen::Map {
            preset: Some(preset),
        } => format!("map:{preset}"),
        Screen::Credits => "credits".to_owned(),
    }
}

/// systemd's one-line status: the screen and the content's version.
pub fn status_line(screen: &str, sha256: Option<&str>) -> String {
    let version = sha256.map_or("unknown", |hash| hash.get(..12).unwrap_or(hash));
    format!("screen {screen}; content {version}")
}

/// The fleet layer's state in the app.
pub(super) struct Fleet {
    schedule: Schedule,
    status: Option<StatusWriter>,
    screenshots: Option<ScreenshotWriter>,
    notifier: Option<Notifier>,
    /// When the app started (for `started_at`).
    started_at: jiff::Timestamp,
    /// What was last seen of the reload status: (reloads applied, error).
    seen_reload: (u64, Option<String>),
    /// What was last told to systemd: the screen, the staff flag and the content hash.
    told: Option<(Screen, bool, Option<String>)>,
    /// The content version last seen (its provenance's SHA-256).
    sha256: Option<String>,
    ready_sent: bool,
    /// The data folder the files go to (to start again with new settings).
    data_dir: std::path::PathBuf,
}

impl VitrinaApp {
    /// Reports to a fleet: `status.json` and `screen.png` in `data_dir` as `settings` say,
    /// and systemd's notify protocol when `NOTIFY_SOCKET` is set.
    #[must_use]
    pub fn with_fleet(mut self, data_dir: &Path, settings: StatusSettings) -> Self {
        self.fleet = Some(self.new_fleet(data_dir, settings));
        self
    }

    fn new_fleet(&self, data_dir: &Path, settings: StatusSettings) -> Fleet {
        let notifier = Notifier::from_env();
        let periods = Periods::new(
            &settings,
            notifier.as_ref().and_then(Notifier::watchdog_limit),
        );
        let status = periods.status.and_then(|_| {
            let path = data_dir.join(crate::platform::data_dir::STATUS_FILE);
            StatusWriter::spawn(path)
                .inspect_err(|err| log::warn!("cannot start the status writer: {err}"))
                .ok()
        });
        let screenshots = periods.screenshot.and_then(|_| {
            let path = data_dir.join(crate::platform::data_dir::SCREENSHOT_FILE);
            ScreenshotWriter::spawn(path, settings.screenshot_width)
                .inspect_err(|err| log::warn!("cannot start the screenshot writer: {err}"))
                .ok()
        });
        let uptime = jiff::SignedDuration::try_from(self.started.elapsed()).unwrap_or_default();
        Fleet {
            schedule: Schedule::new(periods, Instant::now()),
            status,
            screenshots,
            notifier,
            started_at: jiff::Timestamp::now()
                .checked_sub(uptime)
                .unwrap_or_else(|_| jiff::Timestamp::now()),
            seen_reload: (0, None),
            told: None,
            sha256: None,
            ready_sent: false,
            data_dir: data_dir.to_path_buf(),
        }
    }

    /// kiosk.ron's status settings changed: the writers start again with them (systemd
    /// was already told the kiosk is ready).
    pub(super) fn restart_fleet(&mut self, settings: StatusSettings) {
        let Some(old) = self.fleet.take() else {
            return;
        };
        // The old writers stop when dropped.
        let mut fleet = self.new_fleet(&old.data_dir, settings);
        fleet.ready_sent = old.ready_sent;
        self.fleet = Some(fleet);
    }

    /// Overrides the status and screenshot periods (tests: seconds instead of minutes).
    #[must_use]
    pub fn with_fleet_periods(
        mut self,
        status: Option<Duration>,
        screenshot: Option<Duration>,
    ) -> Self {
        if let Some(fleet) = &mut self.fleet {
            let mut periods = fleet.schedule.periods();
            if status.is_some() && fleet.status.is_some() {
                periods.status = status;
            }
            if screenshot.is_some() && fleet.screenshots.is_some() {
                periods.screenshot = screenshot;
            }
            fleet.schedule = Schedule::new(periods, Instant::now());
        }
        self
    }

    /// Between frames: writes the status, asks for a screenshot, pings the watchdog when
    /// due, and asks egui for a frame when the next one is due (a still screen draws none).
    pub(super) fn fleet_logic(&mut self, ctx: &egui::Context) {
        let Some(mut fleet) = self.fleet.take() else {
            return;
        };
        let now = Instant::now();
        // Compared before it is copied: this runs every frame.
        let version = self.content_version();
        let mut changed = fleet.sha256.as_deref() != version;
        if changed {
            fleet.sha256 = version.map(str::to_owned);
        }
        let reload = &self.reload_status();
        if fleet.seen_reload.0 != reload.applied || fleet.seen_reload.1 != reload.error {
            fleet.seen_reload = (reload.applied, reload.error.clone());
            changed = true;
        }
        let due = fleet.schedule.poll(now, changed);
        if due.watchdog
            && let Some(notifier) = &mut fleet.notifier
        {
            notifier.watchdog();
        }
        if due.status
            && let Some(writer) = &fleet.status
        {
            writer.send(self.status_snapshot(&fleet));
        }
        if due.screenshot
            && let Some(writer) = fleet.screenshots.clone()
        {
            ctx.request_screenshot(move |image| writer.send(image));
        }
        if fleet.ready_sent {
            self.tell_systemd(&mut fleet);
        }
        if let Some(after) = fleet.schedule.next_in(now) {
            ctx.request_repaint_after(after);
        }
        self.fleet = Some(fleet);
    }

    /// After the first frame: `READY=1` and the first status line.
    pub(super) fn fleet_first_frame(&mut self) {
        let Some(mut fleet) = self.fleet.take() else {
            return;
        };
        if !fleet.ready_sent {
            fleet.ready_sent = true;
            if let Some(notifier) = &mut fleet.notifier {
                notifier.ready();
            }
            self.tell_systemd(&mut fleet);
        }
        self.fleet = Some(fleet);
    }

    /// The content's version: its provenance's SHA-256 (of the manifest when signed).
    fn content_version(&self) -> Option<&str> {
        Some(self.loaded.provenance.sha256.as_str()).filter(|hash| !hash.is_empty())
    }

    /// Sends `STATUS=` when the screen or the content changed.
    fn tell_systemd(&self, fleet: &mut Fleet) {
        let Some(notifier) = &mut fleet.notifier else {
            return;
        };
        let staff = self.staff.is_showing();
        if let Some((screen, was_staff, hash)) = &fleet.told
            && *screen == self.state.screen
            && *was_staff == staff
            && *hash == fleet.sha256
        {
            return;
        }
        let name = screen_name(&self.state.screen, &self.loaded.content, staff);
        notifier.status(&status_line(&name, fleet.sha256.as_deref()));
        fleet.told = Some((self.state.screen.clone(), staff, fleet.sha256.clone()));
    }

    /// What `status.json` says now, taken on the UI thread (small copies only).
    fn status_snapshot(&self, fleet: &Fleet) -> Snapshot {
        let today = (self.wall_clock)().date();
        Snapshot {
            at: jiff::Timestamp::now(),
            started_at: fleet.started_at,
            screen: screen_name(
                &self.state.screen,
                &self.loaded.content,
                self.staff.is_showing(),
            ),
            content: ContentSnapshot {
                path: self.reload.content_path().map(Path::to_path_buf),
                sha256: fleet.sha256.clone(),
                signed_by: self.loaded.provenance.signed_by.clone(),
                // The content loaded at start counts as applied when the kiosk started.
                applied_at: self
                    .reload_status()
                    .last_applied
                    .and_then(|at| jiff::Timestamp::try_from(at).ok())
                    .or(Some(fleet.started_at)),
            },
            reloads_applied: self.reload_status().applied,
            reload_error: self.reload_status().error.clone(),
            sessions_today: self.usage.as_ref().map(|usage| usage.sessions_on(today)),
            frame_cpu: self.frame_time,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    fn periods() -> Periods {
        Periods {
            status: Some(60 * SEC),
            screenshot: Some(600 * SEC),
            watchdog: Some(7 * SEC),
        }
    }

    #[test]
    fn periods_follow_the_settings_and_the_watchdog_limit() {
        let settings = StatusSettings::default();
        let p = Periods::new(&settings, Some(30 * SEC));
        assert_eq!(p.status, Some(60 * SEC), "a minute");
        assert_eq!(p.screenshot, Some(600 * SEC), "ten minutes by default");
        assert_eq!(
            p.watchdog,
            Some(Duration::from_millis(7500)),
            "a quarter of 30 s"
        );
        let off = StatusSettings {
            write_status: false,
            screenshot_every_mins: 0,
            ..settings
        };
        assert_eq!(Periods::new(&off, None), Periods::default(), "all off");
        let tiny = Periods::new(&settings, Some(Duration::from_millis(1)));
        assert_eq!(tiny.watchdog, Some(WATCHDOG_MIN_GAP), "bounded");
    }

    #[test]
    fn the_status_is_written_at_once_then_every_minute() {
        let t0 = Instant::now();
        let mut schedule = Schedule::new(periods(), t0);
        assert!(schedule.poll(t0, false).status, "at the first frame");
        assert!(
            !schedule.poll(t0 + 59 * SEC, false).status,
            "not before a minute"
        );
        assert!(schedule.poll(t0 + 60 * SEC, false).status, "after a minute");
        assert!(!schedule.poll(t0 + 61 * SEC, false).status, "once");
        assert!(schedule.poll(t0 + 121 * SEC, false).status, "again");
    }

    #[test]
    fn a_change_is_written_at_once_but_at_most_once_a_second() {
        let t0 = Instant::now();
        let mut schedule = Schedule::new(periods(), t0);
        assert!(schedule.poll(t0, false).status, "start");
        let t = t0 + 10 * SEC;
        assert!(schedule.poll(t, true).status, "a reload is written at once");
        let soon = t + Duration::from_millis(300);
        assert!(!schedule.poll(soon, true).status, "not twice in a second");
        assert_eq!(
            schedule.next_in(soon),
            Some(Duration::from_millis(700)),
            "but within the second"
        );
        assert!(
            schedule.poll(t + SEC, false).status,
            "the change waiting is written"
        );
        assert!(!schedule.poll(t + 2 * SEC, false).status, "then quiet");
    }

    #[test]
    fn the_watchdog_is_pinged_every_period_and_the_next_frame_is_asked_for() {
        let t0 = Instant::now();
        let mut schedule = Schedule::new(periods(), t0);
        assert!(schedule.poll(t0, false).watchdog, "at once");
        assert_eq!(schedule.next_in(t0), Some(7 * SEC), "the next ping");
        assert!(!schedule.poll(t0 + 6 * SEC, false).watchdog, "not yet");
        // A late frame pings and counts the next period from then.
        assert!(schedule.poll(t0 + 8 * SEC, false).watchdog, "late");
        assert_eq!(schedule.next_in(t0 + 8 * SEC), Some(7 * SEC), "from then");
        let mut pings = 0;
        for second in 0..=60 {
            if schedule.poll(t0 + 8 * SEC + second * SEC, false).watchdog {
                pings += 1;
            }
        }
        assert!((8..=9).contains(&pings), "about every 7 s: {pings}");
    }

    #[test]
    fn the_first_screenshot_comes_early_then_every_period() {
        let t0 = Instant::now();
        let mut schedule = Schedule::new(periods(), t0);
        assert!(
            !schedule.poll(t0, false).screenshot,
            "not on the first frame"
        );
        assert!(!schedule.poll(t0 + 29 * SEC, false).screenshot, "not yet");
        assert!(schedule.poll(t0 + 30 * SEC, false).screenshot, "30 s in");
        assert!(
            !schedule.poll(t0 + 600 * SEC, false).screenshot,
            "the period counts from the last"
        );
        assert!(
            schedule.poll(t0 + 630 * SEC, false).screenshot,
            "ten minutes on"
        );
        let short = Periods {
            screenshot: Some(2 * SEC),
            ..Periods::default()
        };
        let mut quick = Schedule::new(short, t0);
        assert!(
            quick.poll(t0 + 2 * SEC, false).screenshot,
            "a short period first"
        );
    }

    #[test]
    fn nothing_is_scheduled_when_all_is_off() {
        let t0 = Instant::now();
        let mut schedule = Schedule::new(Periods::default(), t0);
        assert_eq!(
            schedule.poll(t0 + 3600 * SEC, true),
            Due::default(),
            "nothing due"
        );
        assert_eq!(schedule.next_in(t0), None, "no frame asked for");
    }

    #[test]
    fn screens_have_stable_names() {
        let loaded = crate::content::load_content(Path::new("content.ron")).expect("shipped");
        let content = &loaded.content;
        let first = content.sections.first().expect("a section");
        assert_eq!(screen_name(&Screen::Home, content, false), "home", "home");
        assert_eq!(
            screen_name(&Screen::Attract, content, false),
            "attract",
            "attract"
        );
        assert_eq!(
            screen_name(&Screen::Section(0), content, false),
            format!("section:{}", first.id),
            "a section by id"
        );
        assert_eq!(
            screen_name(&Screen::Map { preset: None }, content, false),
            "map",
            "map"
        );
        assert_eq!(
            screen_name(
                &Screen::Map {
                    preset: Some("baltic".to_owned())
                },
                content,
                false
            ),
            "map:baltic",
            "a preset"
        );
        assert_eq!(screen_name(&Screen::Home, content, true), "staff", "staff");
        assert_eq!(
            status_line("home", Some(&"ab".repeat(32))),
            "screen home; content abababababab",
            "short hash"
        );
        assert_eq!(
            status_line("map", None),
            "screen map; content unknown",
            "no hash yet"
        );
    }
}
