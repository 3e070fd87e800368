//! The serde types of `content.ron`. Pure data: no egui, no files, no clock.
//!
//! This file owns the whole (`Content`), its languages and story; each part has its own file.
//!
//! Defaults keep the file short: every field with a `#[serde(default)]` may be left out.

mod kiosk;
mod labels;
mod map;
mod section;
mod theme;

pub use kiosk::{KioskSettings, ScreenMount};
pub use labels::Labels;
pub use map::{
    Bounds, LineStyle, MapContent, MapLayer, MapPreset, Place, PlaceKind, Route, RoutePart,
    Waypoint,
};
pub use section::{Figure, Link, Picture, Play, Section, Slide, TimelineEntry, Video};
pub use theme::{Palette, Theme};

use serde::{Deserialize, Serialize};

use super::text::Text;

/// Everything the kiosk shows, as read from `content.ron`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// The languages visitors can choose, in the order of the language switch.
    pub languages: Vec<Language>,

    /// The story's title, eyebrow and introduction on Home.
    pub story: Story,

    /// Colours, fonts and base size.
    #[serde(default)]
    pub theme: Theme,

    /// Idle timeout, attract loop, staff PIN.
    #[serde(default)]
    pub kiosk: KioskSettings,

    /// Words on buttons and prompts. Defaults exist in English and Lithuanian.
    #[serde(default)]
    pub labels: Labels,

    /// The story's sections, in reading order.
    pub sections: Vec<Section>,

    /// Map layers, places, routes and preset views.
    #[serde(default)]
    pub map: MapContent,

    /// Attract-loop slides, in order.
    #[serde(default)]
    pub slides: Vec<Slide>,
}

/// A language visitors can choose.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// A short code such as `"en"` or `"lt"`, used as the key in every text.
    pub code: String,

    /// The language's own name, shown on the switch (`"Lietuvių"`).
    pub name: String,

    /// Exactly one language is the default: it must be complete, others fall back to it.
    #[serde(default)]
    pub default: bool,
}

/// The story as a whole: what Home and the attract loop show as its title.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// Small upper-case line above the title (`"Lithuania"`).
    #[serde(default)]
    pub eyebrow: Text,

    /// The story's title.
    pub title: Text,

    /// A short introduction beside the title on Home.
    #[serde(default)]
    pub intro: Text,

    /// Credit lines the credits page lists first, before each picture's credit, the map's
    /// credit line and the shipped fonts (which it lists by itself).
    #[serde(default)]
    pub credits: Vec<Text>,
}

impl Content {
    /// The default language's code (the first language if none is marked).
    pub fn default_lang_code(&self) -> &str {
        self.languages
            .iter()
            .find(|lang| lang.default)
            .or_else(|| self.languages.first())
            .map_or("en", |lang| lang.code.as_str())
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.id == id)
    }

    /// The index of the section with this id.
    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|section| section.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Content {
        let source = include_str!("../../../content.ron");
        crate::content::parse_content(source, std::path::Path::new("content.ron"))
            .expect("the shipped content parses")
    }

    #[test]
    fn two_contents_parsed_from_the_same_file_are_equal() {
        assert!(shipped() == shipped(), "the same file gives equal contents");
    }

    #[test]
    fn a_changed_title_makes_contents_differ() {
        let before = shipped();
        let mut after = before.clone();
        after.sections[0].title = Text::from_pairs([("en", "Another title")]);
        assert!(before != after, "a changed section title is a change");
        let mut story = before.clone();
        story.story.title = Text::from_pairs([("en", "Another story")]);
        assert!(before != story, "a changed story title is a change");
    }

    #[test]
    fn a_changed_coordinate_or_colour_makes_contents_differ() {
        let before = shipped();
        let mut moved = before.clone();
        moved.map.places[0].lat += 0.001;
        assert!(before != moved, "a moved place is a change");
        let mut recoloured = before.clone();
        recoloured.theme.palette.accent = "#123456".to_owned();
        assert!(before != recoloured, "a new accent is a change");
    }
}
