//! A screen or attract slide to show without a visitor (previews, benchmark tours). Pure data.

use super::Screen;

/// What to show.
#[derive(Clone, Debug, PartialEq)]
pub enum Shot {
    /// A visitor's screen in a language, as if they had just opened it.
    Screen {
        /// The screen.
        screen: Screen,
        /// The language code.
        lang: String,
    },
    /// Attract slide `index` (from 0), `fraction` of the way through its time (0.0 is the
    /// start of its cross-fade, 0.7 is well after it).
    Slide {
        /// The slide.
        index: usize,
        /// How far through the slide, 0..1.
        fraction: f64,
    },
    /// The staff panel over Home, open (past its PIN, as staff see it).
    Staff,
    /// Home in a language with the "Still there?" prompt, halfway through its countdown.
    Prompt {
        /// The language code.
        lang: String,
    },
}
