//! The serde types of `content.ron`. Pure data: no egui, no files, no clock.
//!
//! Defaults keep the file short: every field with a `#[serde(default)]` may be left out.

use serde::{Deserialize, Serialize};

use super::hours::OpeningHours;
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

    /// Credit lines shown in small type (map data, fonts, pictures).
    #[serde(default)]
    pub credits: Vec<Text>,
}

/// Colours, fonts and sizes, so another event can rebrand without code.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    /// Colours as `"#RRGGBB"`.
    pub palette: Palette,

    /// Reading font (regular weight), a TTF or OTF file under the content folder.
    /// Empty: the shipped Inter Regular.
    pub font_regular: String,

    /// Font for labels and buttons (semi-bold). Empty: the shipped Inter SemiBold.
    pub font_strong: String,

    /// Font for headlines and figures. Empty: the shipped Source Serif 4 SemiBold.
    pub font_serif: String,

    /// Multiplies every size (1.0 = the design at 1920×1080). Use 1.2 on small panels.
    pub base_size: f32,

    /// Colours of the high-contrast mode visitors can turn on in accessibility mode; text
    /// on ink and on surfaces should reach 7:1 (the default does).
    pub high_contrast: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            palette: Palette::default(),
            font_regular: String::new(),
            font_strong: String::new(),
            font_serif: String::new(),
            base_size: 1.0,
            high_contrast: Palette::high_contrast(),
        }
    }
}

/// The colours of the kiosk, as `"#RRGGBB"` strings.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Palette {
    /// Page background.
    pub ink: String,
    /// Tiles and cards.
    pub surface: String,
    /// Buttons and panels.
    pub raised: String,
    /// Pressed and selected controls.
    pub pressed: String,
    /// Hairlines, rails, pager dots.
    pub line: String,
    /// Main text.
    pub text: String,
    /// Secondary text.
    pub text_secondary: String,
    /// Credits only.
    pub text_tertiary: String,
    /// The one attention colour: key figures, the primary action, the current page.
    pub accent: String,
    /// The three signature bars, left to right.
    pub signature: [String; 3],
}

impl Palette {
    /// White and amber on black: every text colour at least 7:1 on ink, surfaces and raised.
    pub fn high_contrast() -> Self {
        Self {
            ink: "#000000".to_owned(),
            surface: "#0B0B0B".to_owned(),
            raised: "#1F1F1F".to_owned(),
            pressed: "#3A3A3A".to_owned(),
            line: "#FFFFFF".to_owned(),
            text: "#FFFFFF".to_owned(),
            text_secondary: "#F0F0F0".to_owned(),
            text_tertiary: "#D9D9D9".to_owned(),
            accent: "#FFD42A".to_owned(),
            signature: [
                "#FDB913".to_owned(),
                "#00A36C".to_owned(),
                "#FF4D4D".to_owned(),
            ],
        }
    }
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            ink: "#0E1820".to_owned(),
            surface: "#15232D".to_owned(),
            raised: "#1C2D39".to_owned(),
            pressed: "#243847".to_owned(),
            line: "#2E4552".to_owned(),
            text: "#F5F0E6".to_owned(),
            text_secondary: "#B8C4CC".to_owned(),
            text_tertiary: "#93A3AE".to_owned(),
            accent: "#FDB913".to_owned(),
            signature: [
                "#FDB913".to_owned(),
                "#006A44".to_owned(),
                "#C1272D".to_owned(),
            ],
        }
    }
}

/// How the kiosk behaves when nobody touches it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct KioskSettings {
    /// Seconds without a touch before the kiosk resets and the attract loop starts.
    pub idle_timeout_secs: u32,

    /// Seconds before the reset that the "still there?" prompt appears.
    pub warning_secs: u32,

    /// Start in the attract loop rather than on Home.
    pub attract_on_start: bool,

    /// The first touch in the attract loop opens the slide's section rather than Home.
    pub wake_into_section: bool,

    /// Highest frame rate of the attract loop, to keep weak PCs cool.
    pub attract_fps: u32,

    /// Digits that open the staff panel. None: no PIN.
    pub staff_pin: Option<String>,

    /// The kiosk has a mouse: keep the cursor visible.
    pub has_mouse: bool,

    /// When visitors come (local time); outside these hours the screen rests and a touch
    /// still wakes it. None: always open.
    pub opening_hours: Option<OpeningHours>,

    /// How high the screen hangs, so controls stay within reach (below 1220 mm) in
    /// accessibility mode. None: the controls use the lower 40 % of the screen.
    pub screen: Option<ScreenMount>,
}

/// Where the screen is mounted, in millimetres.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScreenMount {
    /// Height of the lower edge of the picture above the floor.
    pub mounting_height_mm: u32,
    /// Height of the picture (the visible area, without the frame).
    pub height_mm: u32,
}

impl ScreenMount {
    /// The first value out of range, as the field and what to write instead.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if self.mounting_height_mm > 3000 {
            Some((
                "mounting_height_mm",
                format!(
                    "mounting_height_mm {} is out of range; write the height of the picture's lower edge above the floor in millimetres, such as 800",
                    self.mounting_height_mm
                ),
            ))
        } else if !(100..=3000).contains(&self.height_mm) {
            Some((
                "height_mm",
                format!(
                    "height_mm {} is out of range; write the height of the visible picture in millimetres, such as 680",
                    self.height_mm
                ),
            ))
        } else {
            None
        }
    }
}

impl Default for KioskSettings {
    fn default() -> Self {
        Self {
            idle_timeout_secs: 90,
            warning_secs: 15,
            attract_on_start: true,
            wake_into_section: false,
            attract_fps: 30,
            staff_pin: None,
            has_mouse: false,
            opening_hours: None,
            screen: None,
        }
    }
}

/// Words on buttons and prompts. Each has English and Lithuanian defaults.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Labels {
    /// Back to the start screen.
    pub home: Text,
    /// Back one screen.
    pub back: Text,
    /// Previous section.
    pub previous: Text,
    /// Next section.
    pub next: Text,
    /// Opens the map on the section's preset.
    pub show_on_map: Text,
    /// Opens the map from Home.
    pub explore_map: Text,
    /// Title of the map's legend.
    pub map_layers: Text,
    /// Resets the map view.
    pub reset_view: Text,
    /// Zoom buttons.
    pub zoom_in: Text,
    /// Zoom buttons.
    pub zoom_out: Text,
    /// Opens a section from a map card.
    pub read_the_story: Text,
    /// Closes a card or panel.
    pub close: Text,
    /// Title of the idle prompt.
    pub still_there: Text,
    /// Text of the idle prompt.
    pub touch_to_continue: Text,
    /// Button of the idle prompt.
    pub continue_: Text,
    /// Accessible name of the accessibility button.
    pub accessibility: Text,
    /// Accessible name of the language switch.
    pub language: Text,
    /// Accessible name of the attract loop's touch hint.
    pub touch_to_explore: Text,
    /// Accessibility bar: start reading the screen aloud.
    pub read_aloud: Text,
    /// Accessibility bar: pause the reading.
    pub pause: Text,
    /// Accessibility bar: type about 1.5 times larger.
    pub larger_text: Text,
    /// Accessibility bar: the high-contrast colours.
    pub high_contrast: Text,
    /// Accessibility bar, when the kiosk has no speech service.
    pub speech_unavailable: Text,
    /// Accessibility bar, once, when the language has no voice.
    pub no_voice: Text,
    /// Accessibility bar, before reading starts.
    pub read_aloud_hint: Text,
    /// Accessibility bar: back one paragraph.
    pub previous_paragraph: Text,
    /// Accessibility bar: on one paragraph.
    pub next_paragraph: Text,
}

impl Default for Labels {
    fn default() -> Self {
        let t = |en: &str, lt: &str| Text::from_pairs([("en", en), ("lt", lt)]);
        Self {
            home: t("Home", "Pradžia"),
            back: t("Back", "Atgal"),
            previous: t("Previous", "Ankstesnis"),
            next: t("Next", "Kitas"),
            show_on_map: t("Show on map", "Rodyti žemėlapyje"),
            explore_map: t("Explore the map", "Žemėlapis"),
            map_layers: t("Map layers", "Žemėlapio sluoksniai"),
            reset_view: t("Reset view", "Pradinis vaizdas"),
            zoom_in: t("Zoom in", "Priartinti"),
            zoom_out: t("Zoom out", "Atitolinti"),
            read_the_story: t("Read the story", "Skaityti daugiau"),
            close: t("Close", "Uždaryti"),
            still_there: t("Still there?", "Ar dar čia?"),
            touch_to_continue: t("Touch anywhere to continue", "Palieskite ekraną ir tęskite"),
            continue_: t("Continue", "Tęsti"),
            accessibility: t("Accessibility", "Prieinamumas"),
            language: t("Language", "Kalba"),
            touch_to_explore: t("Touch to explore", "Palieskite ir sužinokite"),
            read_aloud: t("Read aloud", "Skaityti garsiai"),
            pause: t("Pause", "Pristabdyti"),
            larger_text: t("Larger text", "Didesnis tekstas"),
            high_contrast: t("High contrast", "Didelis kontrastas"),
            speech_unavailable: t(
                "Reading aloud is not available on this kiosk",
                "Šiame terminale garsinis skaitymas neveikia",
            ),
            no_voice: t(
                "No voice for this language: read with the default voice",
                "Šiai kalbai balso nėra: skaitoma numatytuoju balsu",
            ),
            read_aloud_hint: t(
                "Read aloud reads this screen; Previous and Next move by paragraph",
                "Skaitymas garsiai perskaito šį ekraną; Ankstesnis ir Kitas pereina per pastraipas",
            ),
            previous_paragraph: t("Previous paragraph", "Ankstesnė pastraipa"),
            next_paragraph: t("Next paragraph", "Kita pastraipa"),
        }
    }
}

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

/// The map's layers, places, routes and preset views.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MapContent {
    /// Layers, in legend order.
    pub layers: Vec<MapLayer>,
    /// Points on the map.
    pub places: Vec<Place>,
    /// Lines on the map.
    pub routes: Vec<Route>,
    /// Named views: what "Show on map" and map tours open.
    pub presets: Vec<MapPreset>,
}

/// A group of routes and places that the legend toggles together.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MapLayer {
    /// Short unique name (`"gas"`).
    pub id: String,
    /// The name in the legend.
    pub name: Text,
    /// A heading in the legend that groups layers (`"Energy"`).
    #[serde(default)]
    pub group: Text,
    /// Line and marker colour, `"#RRGGBB"`.
    pub colour: String,
    /// How its routes are drawn.
    #[serde(default)]
    pub line: LineStyle,
    /// Shown when the map opens without a preset.
    #[serde(default = "yes")]
    pub visible: bool,
}

fn yes() -> bool {
    true
}

/// How a route is drawn.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum LineStyle {
    /// A solid line (pipelines).
    #[default]
    Solid,
    /// Long dashes (power links).
    Dashed,
    /// Small dots far apart (links no longer used).
    Dotted,
    /// A chain of dots close together (human chains).
    Chain,
}

/// What kind of place a point is: decides its marker.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum PlaceKind {
    /// A city or town label.
    City,
    /// A site of the story (terminal, station, memorial, project).
    Site,
}

/// A point on the map.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Short unique name (`"klaipeda_lng"`).
    pub id: String,
    /// City label or story site.
    pub kind: PlaceKind,
    /// The layer it belongs to (None: always shown, like city labels).
    #[serde(default)]
    pub layer: Option<String>,
    /// Latitude in degrees, −90 to 90 (north positive).
    pub lat: f64,
    /// Longitude in degrees, −180 to 180 (east positive).
    pub lon: f64,
    /// The name on the map and on its card.
    pub name: Text,
    /// The card's text. Empty: the place has no card.
    #[serde(default)]
    pub text: Text,
    /// The section its card's "Read the story" opens.
    #[serde(default)]
    pub section: Option<String>,
}

/// A point of a route: a place by id or a coordinate.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub enum Waypoint {
    /// The position of a place (`Place("vilnius")`).
    Place(String),
    /// A coordinate (`At(54.94, 25.011)`: latitude, longitude).
    At(f64, f64),
}

/// A line on the map: pipeline, power link or human chain.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Short unique name (`"gipl"`).
    pub id: String,
    /// The layer it belongs to.
    pub layer: String,
    /// Its name on the map and card.
    pub name: Text,
    /// The official length as written for visitors (`"508 km"`). Never measured from the drawing.
    #[serde(default)]
    pub length: Text,
    /// Parts of the length shown as a split bar (GIPL: 165 km in Lithuania, 343 km in Poland).
    #[serde(default)]
    pub parts: Vec<RoutePart>,
    /// Points in order, at least two.
    pub waypoints: Vec<Waypoint>,
    /// The line is drawn schematically (no exact coordinates): the card says so.
    #[serde(default)]
    pub schematic: bool,
    /// The card's text.
    #[serde(default)]
    pub text: Text,
    /// The section its card's "Read the story" opens.
    #[serde(default)]
    pub section: Option<String>,
}

/// One part of a route's length, for the split bar.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoutePart {
    /// What the part is (`"Lithuania"`).
    pub label: Text,
    /// Its share of the bar, in the route's unit (165.0).
    pub value: f64,
}

/// A named map view.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MapPreset {
    /// Short unique name (`"energy"`).
    pub id: String,
    /// Its name (map tours show it).
    #[serde(default)]
    pub name: Text,
    /// The area to fit on screen: south, west, north, east in degrees.
    pub bounds: Bounds,
    /// Layers shown in this view. Empty: every layer.
    #[serde(default)]
    pub layers: Vec<String>,
}

/// A latitude/longitude box in degrees.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Southern edge (latitude).
    pub south: f64,
    /// Western edge (longitude).
    pub west: f64,
    /// Northern edge (latitude).
    pub north: f64,
    /// Eastern edge (longitude).
    pub east: f64,
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
    },
    /// A flight over the map from preset to preset while routes draw.
    MapTour {
        /// Presets visited in order.
        presets: Vec<String>,
        /// Seconds on screen. None: 6 per preset.
        #[serde(default)]
        secs: Option<f32>,
    },
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

impl Slide {
    /// Seconds this slide stays on screen.
    pub fn secs(&self) -> f32 {
        match self {
            Self::Hero { secs, .. } | Self::Picture { secs, .. } => secs.unwrap_or(12.0),
            Self::Figure { secs, .. } => secs.unwrap_or(8.0),
            #[expect(clippy::cast_precision_loss, reason = "a handful of presets")]
            Self::MapTour { secs, presets } => secs.unwrap_or(6.0 * presets.len().max(1) as f32),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Content {
        let source = include_str!("../../content.ron");
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
