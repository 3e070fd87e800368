//! Feeding the usage tracker: after each frame it compares what shows with the frame before,
//! so no screen needs a hook.

use super::VitrinaApp;
use crate::state::Screen;
use crate::usage::{MapObserved, Observed, Usage, UsageSink};

impl VitrinaApp {
    /// Records usage figures (sessions, sections, languages, map use) into `sink`.
    #[must_use]
    pub fn with_usage(mut self, sink: UsageSink) -> Self {
        self.usage = Some(Usage::new(sink));
        self
    }

    /// Hands the frame just drawn (input time `now`) to the tracker.
    pub(super) fn track_usage(&mut self, now: f64) {
        let Some(usage) = &mut self.usage else {
            return;
        };
        // The map's state outlives the screen until the next visit: look at it only there.
        let map = match self.state.screen {
            Screen::Map { .. } => self.map.state().map(|state| MapObserved {
                layers: state.layers_visible(),
                selection: state.selection(),
            }),
            _ => None,
        };
        let observed = Observed {
            screen: &self.state.screen,
            lang_code: &self.state.lang_code,
            map,
        };
        usage.observe(&observed, &self.loaded.content, now, &*self.wall_clock);
    }
}
