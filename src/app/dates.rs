//! The app's side of dated content: the whole content is kept aside and `loaded` holds the
//! part shown today (`content::dated::content_on`), so Home, the pager, the attract loop,
//! waking and the map card only ever see today's sections and slides. The wall clock is read
//! each frame only when the content dates something, and a repaint is asked for at midnight,
//! so the day's content comes in without a restart or a touch.

use std::time::Duration;

use jiff::civil::{Date, DateTime};

use super::VitrinaApp;
use super::logic::Entry;
use crate::content::Content;
use crate::content::dated::{content_on, has_dates};
use crate::state::Screen;

/// What the app keeps of dated content.
pub(super) struct Dated {
    /// The content as loaded, whatever its dates; None when it dates nothing (then `loaded`
    /// is the whole content) or when dates are not followed.
    whole: Option<Content>,
    /// The day `loaded` shows.
    day: Option<Date>,
    /// Whether dates are followed (previews show every section and slide).
    follow: bool,
}

impl Default for Dated {
    fn default() -> Self {
        Self {
            whole: None,
            day: None,
            follow: true,
        }
    }
}

/// Seconds from `at` to the next local midnight (at least a twentieth of a second).
fn secs_to_midnight(at: DateTime) -> f64 {
    let into_day = f64::from(at.hour()) * 3600.0
        + f64::from(at.minute()) * 60.0
        + f64::from(at.second())
        + f64::from(at.subsec_nanosecond()) / 1e9;
    (86_400.0 - into_day).max(0.05)
}

impl VitrinaApp {
    /// `loaded` was just replaced by a whole content (start, reload): keeps it aside when it
    /// dates something and shows today's part. The caller moves the visitor as it does for
    /// any new content.
    pub(super) fn take_whole_content(&mut self) {
        self.dated.day = None;
        self.dated.whole = (self.dated.follow && has_dates(&self.loaded.content))
            .then(|| self.loaded.content.clone());
        if let Some(whole) = &self.dated.whole {
            let today = (self.wall_clock)().date();
            self.loaded.content = content_on(whole, today);
            self.dated.day = Some(today);
        }
    }

    /// The wall clock was replaced (tests): today's part again, by the new clock.
    pub(super) fn redate(&mut self) {
        if let Some(whole) = self.dated.whole.take() {
            self.loaded.content = whole;
            self.take_whole_content();
        }
    }

    /// The content as loaded, whatever its dates (what the last good copy keeps and a
    /// reload is compared with).
    pub(super) fn whole_content(&self) -> &Content {
        self.dated.whole.as_ref().unwrap_or(&self.loaded.content)
    }

    /// Shows every section and slide whatever their dates (previews of an edit).
    #[must_use]
    pub fn with_every_date(mut self) -> Self {
        if let Some(whole) = self.dated.whole.take() {
            self.loaded.content = whole;
        }
        self.dated.follow = false;
        self.dated.day = None;
        self
    }

    /// Resolves picture paths and figure numbers from the whole content, so a section
    /// hidden today still has its pictures when its day comes.
    pub(super) fn resolve_whole_assets(&mut self) {
        let shown = self
            .dated
            .whole
            .as_ref()
            .map(|whole| std::mem::replace(&mut self.loaded.content, whole.clone()));
        self.loaded.resolve_assets();
        if let Some(shown) = shown {
            self.loaded.content = shown;
        }
    }

    /// Each frame (input time `now`): when the local date has changed, today's sections and
    /// slides replace yesterday's. A visitor on a section still shown stays on it (its
    /// position may change); one on a section that has just been hidden is led Home, since
    /// its page and pager would lead nowhere. The loop starts its new slides.
    pub(super) fn date_logic(&mut self, ctx: &egui::Context, now: f64) {
        let Some(whole) = &self.dated.whole else {
            return;
        };
        let wall = (self.wall_clock)();
        // Look again at midnight even when nothing else asks for a frame (at least hourly,
        // should the clock be set).
        let wait = (secs_to_midnight(wall) + 0.01).min(3600.0);
        ctx.request_repaint_after(Duration::from_secs_f64(wait));
        let today = wall.date();
        if self.dated.day == Some(today) {
            return;
        }
        let shown = content_on(whole, today);
        self.dated.day = Some(today);
        if shown == self.loaded.content {
            return;
        }
        log::info!(
            "date {today}: {} of {} sections and {} of {} slides shown",
            shown.sections.len(),
            whole.sections.len(),
            shown.slides.len(),
            whole.slides.len()
        );
        let next = self.state.renumbered(&self.loaded.content, &shown);
        self.loaded.content = shown;
        // The slides changed: the loop's timing is rebuilt from them.
        self.attract.slideshow = None;
        let led_home =
            matches!(self.state.screen, Screen::Section(_)) && next.screen == Screen::Home;
        if led_home {
            self.enter_screen(next, now, Entry::Fade);
        } else {
            // The same screen, its section perhaps at a new position: it stays as it is,
            // scroll and all.
            self.state = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn midnight_is_counted_from_the_local_time() {
        let evening = date(2026, 12, 24).at(23, 59, 30, 500_000_000);
        assert!(
            (secs_to_midnight(evening) - 29.5).abs() < 1e-9,
            "{}",
            secs_to_midnight(evening)
        );
        let start = date(2026, 12, 25).at(0, 0, 0, 0);
        assert!(
            (secs_to_midnight(start) - 86_400.0).abs() < 1e-9,
            "a whole day at midnight"
        );
    }
}
