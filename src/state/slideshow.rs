//! The attract loop's timing: which slide shows at a given time and how far the
//! cross-fade from the previous one has come. Pure, computed from the start time, so
//! slides never drift however long the loop runs or however slow a frame is.

use super::count_up::{COUNT_UP_DELAY_SECS, COUNT_UP_SECS};
use crate::content::{Content, FigureNumbers, Slide};

/// Length of the cross-fade into each slide, in seconds (visual.md §6).
pub const CROSSFADE_SECS: f64 = crate::tokens::motion::ATTRACT_CROSSFADE;

/// The loop's slides by duration.
#[derive(Clone, Debug, PartialEq)]
pub struct Slideshow {
    /// Each slide's duration in seconds.
    durations: Vec<f64>,
    /// Start of each slide within one cycle.
    starts: Vec<f64>,
    /// Length of one cycle.
    cycle: f64,
}

/// What to draw at one moment of the loop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlideAt {
    /// The slide showing (on top).
    pub index: usize,
    /// Seconds since this slide began.
    pub elapsed: f64,
    /// This slide's full duration.
    pub duration: f64,
    /// While the cross-fade runs: the slide underneath and the top slide's opacity (0..1).
    pub fading_from: Option<(usize, f32)>,
}

impl Slideshow {
    /// A loop over slides with these durations (seconds; at least 0.5 each).
    pub fn new(durations: impl IntoIterator<Item = f64>) -> Self {
        let durations: Vec<f64> = durations.into_iter().map(|d| d.max(0.5)).collect();
        let mut starts = Vec::with_capacity(durations.len());
        let mut total = 0.0;
        for duration in &durations {
            starts.push(total);
            total += duration;
        }
        Self {
            durations,
            starts,
            cycle: total,
        }
    }

    /// Number of slides.
    pub fn len(&self) -> usize {
        self.durations.len()
    }

    /// Whether there are no slides.
    pub fn is_empty(&self) -> bool {
        self.durations.is_empty()
    }

    /// The slide at `secs` seconds after the loop started.
    pub fn at(&self, secs: f64) -> Option<SlideAt> {
        if self.durations.is_empty() {
            return None;
        }
        let in_cycle = secs.max(0.0).rem_euclid(self.cycle);
        // The last start at or before `in_cycle`.
        let index = self
            .starts
            .partition_point(|start| *start <= in_cycle)
            .saturating_sub(1);
        let elapsed = in_cycle - self.starts[index];
        let first_pass = secs < self.cycle && index == 0;
        let fading_from = (self.durations.len() > 1 && elapsed < CROSSFADE_SECS && !first_pass)
            .then(|| {
                let previous = (index + self.durations.len() - 1) % self.durations.len();
                let t = (elapsed / CROSSFADE_SECS).clamp(0.0, 1.0);
                // Ease in-out sine.
                #[expect(clippy::cast_possible_truncation, reason = "an opacity 0..1")]
                let opacity = (0.5 - 0.5 * (std::f64::consts::PI * t).cos()) as f32;
                (previous, opacity)
            });
        Some(SlideAt {
            index,
            elapsed,
            duration: self.durations[index],
            fading_from,
        })
    }

    /// Where slide `index` starts within a cycle, in seconds.
    pub fn start_of(&self, index: usize) -> Option<f64> {
        self.starts.get(index).copied()
    }

    /// Slide `index`'s duration in seconds.
    pub fn duration_of(&self, index: usize) -> Option<f64> {
        self.durations.get(index).copied()
    }

    /// Length of one pass through every slide, in seconds.
    pub fn cycle(&self) -> f64 {
        self.cycle
    }

    /// Seconds after the loop started at which the slide after the one at `secs` begins.
    pub fn next_change(&self, secs: f64) -> Option<f64> {
        let at = self.at(secs)?;
        Some(secs - at.elapsed + at.duration)
    }
}

/// Which of `stops` presets a map tour shows `elapsed` seconds into its `duration`: equal
/// time at each, the camera flying on to the next.
pub fn tour_stop(stops: usize, elapsed: f64, duration: f64) -> usize {
    #[expect(clippy::cast_precision_loss, reason = "a handful of presets")]
    let per_stop = (duration / stops.max(1) as f64).max(0.1);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small index, from a non-negative quotient"
    )]
    let stop = (elapsed.max(0.0) / per_stop).floor() as usize;
    stop.min(stops.saturating_sub(1))
}

/// Whether the loop moves quickly `secs` after it started, as opposed to the pictures' slow
/// drift: a cross-fade, a map tour (it flies and draws routes throughout) or a key figure
/// while it counts up in `lang_code` (its number found at load, in `numbers`). The app paces
/// its frames by it.
pub fn is_lively(
    show: &Slideshow,
    content: &Content,
    numbers: &FigureNumbers,
    lang_code: &str,
    secs: f64,
) -> bool {
    let Some(at) = show.at(secs) else {
        return false;
    };
    at.fading_from.is_some()
        || content
            .slides
            .get(at.index)
            .is_some_and(|slide| match slide {
                Slide::MapTour { .. } => true,
                Slide::Figure {
                    section, figure, ..
                } => {
                    at.elapsed < COUNT_UP_DELAY_SECS + COUNT_UP_SECS
                        && content
                            .section(section)
                            .and_then(|s| s.figures.get(figure.saturating_sub(1)))
                            .is_some_and(|f| {
                                let value = f.value.resolve(lang_code, content.default_lang_code());
                                numbers.get(value).is_some()
                            })
                }
                Slide::Hero { .. } | Slide::Picture { .. } => false,
            })
}

/// Whether a map tour is on screen `secs` after the loop started (showing, or in a
/// cross-fade): it flies, so it alone of the lively moments takes the full frame rate; a
/// cross-fade between pictures or a count-up reads as smooth at the drift's rate.
pub fn flies(show: &Slideshow, content: &Content, secs: f64) -> bool {
    let Some(at) = show.at(secs) else {
        return false;
    };
    [Some(at.index), at.fading_from.map(|(previous, _)| previous)]
        .into_iter()
        .flatten()
        .any(|index| matches!(content.slides.get(index), Some(Slide::MapTour { .. })))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hero slide (12 s), a figure that counts (8 s) and one that does not (8 s).
    fn figures_content() -> Content {
        crate::content::parse_content(
            r#"(
                languages: [(code: "en", name: "English", default: true)],
                story: (title: "T"),
                sections: [(id: "a", title: "A", figures: [
                    (value: "508", label: "km"),
                    (value: "sixth", label: "place"),
                ])],
                slides: [
                    Hero(section: "a"),
                    Figure(section: "a", figure: 1),
                    Figure(section: "a", figure: 2),
                ],
            )"#,
            std::path::Path::new("test.ron"),
        )
        .unwrap()
    }

    #[test]
    fn the_loop_is_lively_while_it_cross_fades_or_a_figure_counts_up() {
        let content = figures_content();
        let show = Slideshow::new(content.slides.iter().map(|s| f64::from(s.secs())));
        let numbers = FigureNumbers::resolve(&content);
        let lively = |secs: f64| is_lively(&show, &content, &numbers, "en", secs);
        assert!(!lively(5.0), "a hero slide only drifts");
        assert!(lively(12.1), "the cross-fade into the figure");
        assert!(
            lively(12.0 + COUNT_UP_DELAY_SECS + 1.0),
            "the figure counts up"
        );
        assert!(
            !lively(12.0 + COUNT_UP_DELAY_SECS + COUNT_UP_SECS + 0.5),
            "the figure has counted"
        );
        assert!(
            !lively(20.0 + CROSSFADE_SECS + 0.5),
            "words do not count up"
        );
    }

    #[test]
    fn only_a_map_tour_on_screen_flies() {
        let content = crate::content::parse_content(
            r#"(
                languages: [(code: "en", name: "English", default: true)],
                story: (title: "T"),
                sections: [(id: "a", title: "A")],
                slides: [Hero(section: "a"), MapTour(presets: ["p"], secs: 6.0), Hero(section: "a")],
            )"#,
            std::path::Path::new("test.ron"),
        )
        .expect("the test content parses");
        let show = Slideshow::new(content.slides.iter().map(|s| f64::from(s.secs())));
        assert!(!flies(&show, &content, 5.0), "a hero slide drifts");
        assert!(flies(&show, &content, 12.1), "the cross-fade into the tour");
        assert!(flies(&show, &content, 15.0), "the tour");
        assert!(
            flies(&show, &content, 18.1),
            "the cross-fade out of the tour"
        );
        assert!(
            !flies(&show, &content, 18.0 + CROSSFADE_SECS + 0.1),
            "the next hero slide"
        );
    }

    #[test]
    fn a_tour_gives_each_preset_equal_time() {
        assert_eq!(tour_stop(3, 0.0, 18.0), 0, "starts on the first");
        assert_eq!(tour_stop(3, 5.99, 18.0), 0, "first until 6 s");
        assert_eq!(tour_stop(3, 6.0, 18.0), 1, "second at 6 s");
        assert_eq!(tour_stop(3, 17.9, 18.0), 2, "last");
        assert_eq!(tour_stop(3, 40.0, 18.0), 2, "stays on the last");
        assert_eq!(tour_stop(0, 1.0, 18.0), 0, "no presets");
    }

    #[test]
    fn slides_follow_each_other_with_their_own_durations() {
        let show = Slideshow::new([12.0, 8.0, 30.0]);
        assert_eq!(show.at(0.0).map(|s| s.index), Some(0), "first");
        assert_eq!(
            show.at(11.999).map(|s| s.index),
            Some(0),
            "first until 12 s"
        );
        assert_eq!(show.at(12.0).map(|s| s.index), Some(1), "second at 12 s");
        assert_eq!(show.at(20.0).map(|s| s.index), Some(2), "third at 20 s");
        assert_eq!(show.at(50.0).map(|s| s.index), Some(0), "loops at 50 s");
        assert_eq!(show.next_change(13.0), Some(20.0), "next change");
    }

    #[test]
    fn a_simulated_day_at_30_fps_keeps_every_slide_exact() {
        let durations = [12.0, 8.0, 6.5, 30.0, 9.25];
        let show = Slideshow::new(durations);
        let cycle: f64 = durations.iter().sum();
        let mut last_index = 0;
        let mut changes = 0u64;
        let frames = 24 * 60 * 60 * 30;
        for frame in 0..frames {
            let now = f64::from(frame) / 30.0;
            let at = show.at(now).unwrap();
            if at.index != last_index {
                changes += 1;
                // The change happens within one frame of the exact boundary.
                let boundary =
                    (now / cycle).floor() * cycle + durations[..at.index].iter().sum::<f64>();
                assert!(
                    (now - boundary) >= 0.0 && (now - boundary) < 1.0 / 30.0 + 1e-9,
                    "slide {} began at {now}, boundary {boundary}",
                    at.index
                );
                last_index = at.index;
            }
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a day's slide count, positive and small"
        )]
        let expected = (24.0 * 3600.0 / cycle * durations.len() as f64).floor() as u64;
        assert!(
            changes.abs_diff(expected) <= 1,
            "{changes} changes, expected {expected}"
        );
    }

    #[test]
    fn the_cross_fade_runs_into_every_slide_but_the_very_first() {
        let show = Slideshow::new([10.0, 10.0]);
        assert_eq!(
            show.at(0.5).unwrap().fading_from,
            None,
            "start-up has nothing to fade from"
        );
        let (from, opacity) = show.at(10.6).unwrap().fading_from.unwrap();
        assert_eq!(from, 0, "fades from the first slide");
        assert!((opacity - 0.5).abs() < 1e-3, "half way: {opacity}");
        assert_eq!(show.at(11.3).unwrap().fading_from, None, "done after 1.2 s");
        assert_eq!(
            show.at(20.1).unwrap().fading_from.map(|f| f.0),
            Some(1),
            "wraps around"
        );
    }

    #[test]
    fn one_slide_never_fades_into_itself_and_no_slides_is_nothing() {
        assert_eq!(
            Slideshow::new([5.0]).at(5.1).unwrap().fading_from,
            None,
            "one slide"
        );
        assert_eq!(Slideshow::new([]).at(1.0), None, "no slides");
    }
}
