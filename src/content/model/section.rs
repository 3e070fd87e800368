//! Sections of the story (texts, figures, pictures, timeline) and attract-loop slides.

use serde::{Deserialize, Serialize};

use crate::content::dated::Show;
use crate::content::text::Text;

/// One chapter of the story: its own screen, tile and (optionally) map view.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Short unique name used in references (`"energy"`): letters, digits, `-` and `_`.
    pub id: String,

    /// Theme line above the headline (`"Energy independence"`).
    #[serde(default)]
    pub eyebrow: Text,

    /// The headline.
    pub title: Text,

    /// One line for the Home tile.
    #[serde(default)]
    pub summary: Text,

    /// Body paragraphs, in order.
    #[serde(default)]
    pub body: Vec<Text>,

    /// Key figures: the first one is also shown on the Home tile.
    #[serde(default)]
    pub figures: Vec<Figure>,

    /// Pictures: the first one is the section's hero picture.
    #[serde(default)]
    pub pictures: Vec<Picture>,

    /// Dated events, in order.
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,

    /// The map preset that "Show on map" opens. None: no button.
    #[serde(default)]
    pub map_preset: Option<String>,

    /// The days it is shown (`show: (from: "2026-12-01", until: "2027-01-06")`). None: always.
    #[serde(default)]
    pub show: Option<Show>,
    /// "Take it with you": web pages shown as QR codes at the end of the section's text.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// A web page a visitor can open on their own phone: shown as a QR code with its label and
/// short address (the kiosk itself opens nothing).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the page is (`{"en": "The ministry's energy page", "lt": "…"}`).
    pub label: Text,

    /// The full address, `https://` and all (`"https://www.urm.lt/en"`); per language when
    /// the page has one in each (`{"en": "https://urm.lt/en", "lt": "https://urm.lt"}`).
    pub url: Text,
}

/// A key figure such as "508 km".
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The number as written (`"508"`, `"1.6"`, `{"en": "6th", "lt": "6-a"}`).
    pub value: Text,

    /// A unit drawn at half size after the value (`"km"`, `"%"`).
    #[serde(default)]
    pub unit: Text,

    /// What the number means, up to three short lines.
    pub label: Text,

    /// An optional extra remark (source, date).
    #[serde(default)]
    pub note: Option<Text>,
}

/// A picture file with its caption and credit.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    /// A file relative to the content folder (`"assets/illustrations/energy.png"`).
    pub path: String,

    /// What the picture shows.
    #[serde(default)]
    pub caption: Text,

    /// Who made it. Required for photos.
    #[serde(default)]
    pub credit: Text,

    /// The point to keep in view when the picture is cropped, as fractions `(x, y)` of its size.
    #[serde(default = "centre")]
    pub focus: (f32, f32),

    /// A video clip shown in the picture's place (`video: (path: "assets/video/gipl.mp4")`):
    /// the picture is its poster, shown until the first frame and whenever the clip cannot
    /// play. None: the picture alone.
    #[serde(default)]
    pub video: Option<Video>,
}

/// A short silent clip: H.264 in an MP4 file, shown muted in a picture's place.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Video {
    /// An `.mp4` file relative to the content folder (`"assets/video/gipl.mp4"`).
    pub path: String,

    /// `Loop` (the default) plays it again and again; `Once` stops on its last frame.
    #[serde(default)]
    pub play: Play,
}

/// How often a video plays.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Play {
    /// Again and again while it is on screen.
    #[default]
    Loop,
    /// Once each time it comes on screen, then its last frame stays.
    Once,
}

fn centre() -> (f32, f32) {
    (0.5, 0.5)
}

/// One dated event on a section's timeline.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    /// The date as written for visitors (`{"en": "1 May 2022", "lt": "2022 m. gegužės 1 d."}`).
    pub date: Text,

    /// What happened.
    pub text: Text,
}

/// One slide of the attract loop.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub enum Slide {
    /// A section's hero picture, headline and summary.
    Hero {
        /// The section shown.
        section: String,
        /// Seconds on screen. None: 12.
        #[serde(default)]
        secs: Option<f32>,
        /// The days it is shown. None: always (and only while its section shows).
        #[serde(default)]
        show: Option<Show>,
    },
    /// One key figure of a section, large.
    Figure {
        /// The section the figure belongs to.
        section: String,
        /// Which figure, counting from 1.
        figure: usize,
        /// Seconds on screen. None: 8.
        #[serde(default)]
        secs: Option<f32>,
        /// The days it is shown. None: always (and only while its section shows).
        #[serde(default)]
        show: Option<Show>,
    },
    /// A picture with a caption.
    Picture {
        /// The picture.
        picture: Picture,
        /// The section it belongs to (for waking into it).
        #[serde(default)]
        section: Option<String>,
        /// Seconds on screen. None: 12.
        #[serde(default)]
        secs: Option<f32>,
        /// The days it is shown. None: always (and only while its section shows).
        #[serde(default)]
        show: Option<Show>,
    },
    /// A flight over the map from preset to preset while routes draw.
    MapTour {
        /// Presets visited in order.
        presets: Vec<String>,
        /// Seconds on screen. None: 6 per preset.
        #[serde(default)]
        secs: Option<f32>,
        /// The days it is shown. None: always (and only while its section shows).
        #[serde(default)]
        show: Option<Show>,
    },
}

impl Slide {
    /// Seconds this slide stays on screen.
    pub fn secs(&self) -> f32 {
        match self {
            Self::Hero { secs, .. } | Self::Picture { secs, .. } => secs.unwrap_or(12.0),
            Self::Figure { secs, .. } => secs.unwrap_or(8.0),
            #[expect(clippy::cast_precision_loss, reason = "a handful of presets")]
            Self::MapTour { secs, presets, .. } => {
                secs.unwrap_or(6.0 * presets.len().max(1) as f32)
            }
        }
    }

    /// The days this slide is shown (None: always).
    pub fn show(&self) -> Option<&Show> {
        match self {
            Self::Hero { show, .. }
            | Self::Figure { show, .. }
            | Self::Picture { show, .. }
            | Self::MapTour { show, .. } => show.as_ref(),
        }
    }

    /// The section this slide belongs to, if any.
    pub fn section_id(&self) -> Option<&str> {
        match self {
            Self::Hero { section, .. } | Self::Figure { section, .. } => Some(section),
            Self::Picture { section, .. } => section.as_deref(),
            Self::MapTour { .. } => None,
        }
    }
}
