//! Semantic checks of parsed content: ids, references, coordinates, languages, colours
//! and asset paths. Pure: asset files are checked through the `check_asset` callback.

use std::collections::HashSet;
use std::fmt;

use super::model::{Bounds, Content, Slide, Waypoint};
use super::paths::AssetPathError;
use super::text::Text;

/// One step of a path to an item of the content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A named field (`.title`).
    Field(String),
    /// A list element by its position, counting from 0 (shown from 1).
    Index(usize),
    /// A list element by its `id` (`[energy]`).
    Id(String),
}

/// Where an item stands in the content file, such as `sections[energy].figures[2].value`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<PathSegment>);

impl FieldPath {
    /// This path with one more field.
    #[must_use]
    pub fn field(&self, name: &str) -> Self {
        self.with(PathSegment::Field(name.to_owned()))
    }

    /// This path with one more list index (from 0).
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        self.with(PathSegment::Index(index))
    }

    /// This path with one more list element named by id.
    #[must_use]
    pub fn id(&self, id: &str) -> Self {
        self.with(PathSegment::Id(id.to_owned()))
    }

    fn with(&self, segment: PathSegment) -> Self {
        let mut segments = self.0.clone();
        segments.push(segment);
        Self(segments)
    }

    /// A list element: by id when it has a usable one, else by position.
    fn item(&self, index: usize, id: &str) -> Self {
        if id.is_empty() {
            self.index(index)
        } else {
            self.id(id)
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                PathSegment::Field(name) if i == 0 => write!(f, "{name}")?,
                PathSegment::Field(name) => write!(f, ".{name}")?,
                PathSegment::Index(index) => write!(f, "[{}]", index + 1)?,
                PathSegment::Id(id) => write!(f, "[{id}]")?,
            }
        }
        Ok(())
    }
}

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The content still works (for example a missing translation, which falls back).
    Warning,
    /// The content cannot be shown as written.
    Error,
}

/// One problem found in the content, with the item it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The item concerned.
    pub path: FieldPath,
    /// What is wrong and what to write instead.
    pub message: String,
}

/// Checks `content`. `check_asset` is asked about every file path the content names.
pub fn validate(
    content: &Content,
    check_asset: &dyn Fn(&str) -> Result<(), AssetPathError>,
) -> Vec<Problem> {
    let mut validator = Validator {
        content,
        check_asset,
        problems: Vec::new(),
        lang_codes: content
            .languages
            .iter()
            .map(|lang| lang.code.clone())
            .collect(),
        default_lang: content.default_lang_code().to_owned(),
    };
    validator.run();
    validator.problems
}

struct Validator<'a> {
    content: &'a Content,
    check_asset: &'a dyn Fn(&str) -> Result<(), AssetPathError>,
    problems: Vec<Problem>,
    lang_codes: Vec<String>,
    default_lang: String,
}

/// Whether a text must be given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
}

impl Validator<'_> {
    fn error(&mut self, path: FieldPath, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Error,
            path,
            message: message.into(),
        });
    }

    fn warning(&mut self, path: FieldPath, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Warning,
            path,
            message: message.into(),
        });
    }

    fn run(&mut self) {
        self.languages();
        self.story();
        self.theme();
        self.kiosk();
        self.labels();
        self.sections();
        self.map();
        self.slides();
    }

    fn languages(&mut self) {
        let root = FieldPath::default().field("languages");
        let content = self.content;
        if content.languages.is_empty() {
            self.error(
                root,
                "no language is declared; add one, such as (code: \"en\", name: \"English\", default: true)",
            );
            return;
        }
        let mut seen = HashSet::new();
        for (i, lang) in content.languages.iter().enumerate() {
            let path = root.index(i);
            if !is_lang_code(&lang.code) {
                self.error(
                    path.field("code"),
                    format!(
                        "\"{}\" is not a language code; write 2 to 8 lower-case letters, such as \"en\" or \"lt\"",
                        lang.code
                    ),
                );
            } else if !seen.insert(lang.code.as_str()) {
                self.error(
                    path.field("code"),
                    format!("the language \"{}\" is declared twice; keep one", lang.code),
                );
            }
            if lang.name.trim().is_empty() {
                self.error(
                    path.field("name"),
                    "the language has no name; write its own name, such as \"Lietuvių\"",
                );
            }
        }
        let defaults = content.languages.iter().filter(|lang| lang.default).count();
        if defaults != 1 {
            self.error(
                root,
                format!(
                    "{defaults} languages are marked default; mark exactly one with default: true"
                ),
            );
        }
    }

    /// Checks one text: declared languages, complete in the default language,
    /// warnings for other missing translations.
    fn text(&mut self, path: &FieldPath, text: &Text, need: Need) {
        for code in text.lang_codes() {
            if !self.lang_codes.iter().any(|declared| declared == code) {
                let declared = self.lang_codes.join(", ");
                self.error(
                    path.clone(),
                    format!(
                        "the language \"{code}\" is not declared in languages (declared: {declared}); add it there or fix the code"
                    ),
                );
            }
        }
        if text.is_empty() {
            if need == Need::Required {
                let default = &self.default_lang;
                self.error(
                    path.clone(),
                    format!(
                        "this text is empty; write it at least in the default language, such as {{\"{default}\": \"…\"}}"
                    ),
                );
            }
            return;
        }
        if text.exact(&self.default_lang).is_none() {
            let default = self.default_lang.clone();
            self.error(
                path.clone(),
                format!(
                    "the text has no \"{default}\" version, the default language; add \"{default}\": \"…\""
                ),
            );
        }
        let missing: Vec<String> = self
            .lang_codes
            .iter()
            .filter(|code| **code != self.default_lang && text.exact(code).is_none())
            .cloned()
            .collect();
        for code in missing {
            self.warning(
                path.clone(),
                format!(
                    "no \"{code}\" translation; visitors who chose \"{code}\" see the default language here"
                ),
            );
        }
    }

    fn story(&mut self) {
        let root = FieldPath::default().field("story");
        let story = &self.content.story;
        self.text(&root.field("eyebrow"), &story.eyebrow, Need::Optional);
        self.text(&root.field("title"), &story.title, Need::Required);
        self.text(&root.field("intro"), &story.intro, Need::Optional);
        for (i, credit) in story.credits.iter().enumerate() {
            self.text(&root.field("credits").index(i), credit, Need::Required);
        }
    }

    fn theme(&mut self) {
        let root = FieldPath::default().field("theme");
        let theme = &self.content.theme;
        for (field, palette) in [
            ("palette", &theme.palette),
            ("high_contrast", &theme.high_contrast),
        ] {
            let path = root.field(field);
            let colours = [
                ("ink", &palette.ink),
                ("surface", &palette.surface),
                ("raised", &palette.raised),
                ("pressed", &palette.pressed),
                ("line", &palette.line),
                ("text", &palette.text),
                ("text_secondary", &palette.text_secondary),
                ("text_tertiary", &palette.text_tertiary),
                ("accent", &palette.accent),
            ];
            for (name, colour) in colours {
                self.colour(&path.field(name), colour);
            }
            for (i, colour) in palette.signature.iter().enumerate() {
                self.colour(&path.field("signature").index(i), colour);
            }
        }
        for (name, font) in [
            ("font_regular", &theme.font_regular),
            ("font_strong", &theme.font_strong),
            ("font_serif", &theme.font_serif),
        ] {
            if !font.is_empty() {
                self.asset(&root.field(name), font);
            }
        }
        if !(0.5..=3.0).contains(&theme.base_size) {
            self.error(
                root.field("base_size"),
                format!(
                    "base_size {} is out of range; write a number from 0.5 to 3.0, such as 1.0 (1.2 for small screens)",
                    theme.base_size
                ),
            );
        }
    }

    fn colour(&mut self, path: &FieldPath, colour: &str) {
        if parse_hex_colour(colour).is_none() {
            self.error(
                path.clone(),
                format!(
                    "\"{colour}\" is not a colour; write # and six hex digits, such as \"#FDB913\""
                ),
            );
        }
    }

    fn asset(&mut self, path: &FieldPath, file: &str) {
        if let Err(err) = (self.check_asset)(file) {
            self.error(path.clone(), err.to_string());
        }
    }

    /// Settings of one machine that older content files carry: they still apply, but belong
    /// in each kiosk's own `kiosk.ron` (every kiosk of a fleet would share one PIN).
    fn per_machine_settings(&mut self, kiosk: &super::KioskSettings, root: &FieldPath) {
        let moved = [
            (
                "staff_pin",
                // A malformed PIN is already an error of its own.
                kiosk
                    .staff_pin
                    .as_deref()
                    .is_some_and(crate::content::pin::is_valid_pin),
                "write its hash there as staff_pin_hash (make the line with `vitrina pin`)",
            ),
            ("has_mouse", kiosk.has_mouse, "write has_mouse: true there"),
            (
                "opening_hours",
                kiosk.opening_hours.is_some(),
                "move the opening_hours line there as it is",
            ),
            (
                "screen",
                kiosk.screen.is_some(),
                "move the screen line there as it is",
            ),
        ];
        for (field, present, how) in moved {
            if present {
                self.warning(
                    root.field(field),
                    format!(
                        "{field} is a setting of one machine and moves to kiosk.ron \
                         (/etc/vitrina/kiosk.ron, or --kiosk-config); {how}. It still applies \
                         where kiosk.ron does not set it"
                    ),
                );
            }
        }
    }

    fn kiosk(&mut self) {
        let root = FieldPath::default().field("kiosk");
        let kiosk = &self.content.kiosk;
        if kiosk.idle_timeout_secs < 20 {
            self.error(
                root.field("idle_timeout_secs"),
                format!(
                    "an idle timeout of {} s resets the kiosk while people read; write 20 or more, such as 90",
                    kiosk.idle_timeout_secs
                ),
            );
        }
        if kiosk.warning_secs >= kiosk.idle_timeout_secs {
            self.error(
                root.field("warning_secs"),
                format!(
                    "the warning ({} s) must be shorter than the idle timeout ({} s); write for example 15",
                    kiosk.warning_secs, kiosk.idle_timeout_secs
                ),
            );
        }
        if !(1..=120).contains(&kiosk.attract_fps) {
            self.error(
                root.field("attract_fps"),
                format!(
                    "attract_fps {} is out of range; write 1 to 120, such as 30",
                    kiosk.attract_fps
                ),
            );
        }
        if let Some(pin) = &kiosk.staff_pin
            && !crate::content::pin::is_valid_pin(pin)
        {
            self.error(
                root.field("staff_pin"),
                "the staff PIN must be 4 to 8 digits, such as \"4821\"",
            );
        }
        if let Some(hours) = &kiosk.opening_hours
            && hours.days.is_empty()
        {
            self.error(
                root.field("opening_hours").field("days"),
                "no opening days: the kiosk would never open; list days such as [Mon, Tue, Wed, Thu, Fri], or remove opening_hours",
            );
        }
        self.per_machine_settings(kiosk, &root);
        if let Some(screen) = kiosk.screen {
            let path = root.field("screen");
            if let Some((field, message)) = screen.problem() {
                self.error(path.field(field), message);
            } else if f64::from(screen.mounting_height_mm)
                >= f64::from(crate::content::reach::REACH_HIGH_MM)
            {
                self.warning(
                    path.field("mounting_height_mm"),
                    format!(
                        "the screen starts {} mm above the floor: no control can be within reach (below {} mm) of a seated visitor; mount it lower",
                        screen.mounting_height_mm,
                        crate::content::reach::REACH_HIGH_MM
                    ),
                );
            }
        }
    }

    fn labels(&mut self) {
        let root = FieldPath::default().field("labels");
        let labels = &self.content.labels;
        let all = [
            ("home", &labels.home),
            ("back", &labels.back),
            ("previous", &labels.previous),
            ("next", &labels.next),
            ("show_on_map", &labels.show_on_map),
            ("explore_map", &labels.explore_map),
            ("map_layers", &labels.map_layers),
            ("reset_view", &labels.reset_view),
            ("zoom_in", &labels.zoom_in),
            ("zoom_out", &labels.zoom_out),
            ("read_the_story", &labels.read_the_story),
            ("close", &labels.close),
            ("still_there", &labels.still_there),
            ("touch_to_continue", &labels.touch_to_continue),
            ("continue_", &labels.continue_),
            ("accessibility", &labels.accessibility),
            ("language", &labels.language),
            ("touch_to_explore", &labels.touch_to_explore),
            ("read_aloud", &labels.read_aloud),
            ("pause", &labels.pause),
            ("larger_text", &labels.larger_text),
            ("high_contrast", &labels.high_contrast),
            ("speech_unavailable", &labels.speech_unavailable),
            ("no_voice", &labels.no_voice),
            ("read_aloud_hint", &labels.read_aloud_hint),
            ("previous_paragraph", &labels.previous_paragraph),
            ("next_paragraph", &labels.next_paragraph),
        ];
        for (name, text) in all {
            // Built-in labels are written in en and lt only; other languages fall back.
            self.text(&root.field(name), text, Need::Required);
        }
    }

    fn unique_ids<'b>(&mut self, root: &FieldPath, ids: impl Iterator<Item = &'b str>, what: &str) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !is_id(id) {
                self.error(
                    root.index(i).field("id"),
                    format!(
                        "\"{id}\" is not a usable {what} id; use lower-case letters, digits, - and _, such as \"energy\""
                    ),
                );
            } else if !seen.insert(id) {
                self.error(
                    root.index(i).field("id"),
                    format!("the {what} id \"{id}\" is used twice; give each {what} its own id"),
                );
            }
        }
    }

    fn sections(&mut self) {
        let root = FieldPath::default().field("sections");
        let content = self.content;
        if content.sections.is_empty() {
            self.error(
                root.clone(),
                "there are no sections; add at least one (copy the example block in the shipped content.ron)",
            );
        }
        self.unique_ids(
            &root,
            content.sections.iter().map(|s| s.id.as_str()),
            "section",
        );
        for (i, section) in content.sections.iter().enumerate() {
            let path = root.item(i, &section.id);
            self.text(&path.field("eyebrow"), &section.eyebrow, Need::Optional);
            self.text(&path.field("title"), &section.title, Need::Required);
            self.text(&path.field("summary"), &section.summary, Need::Optional);
            for (j, paragraph) in section.body.iter().enumerate() {
                self.text(&path.field("body").index(j), paragraph, Need::Required);
            }
            for (j, figure) in section.figures.iter().enumerate() {
                let fig = path.field("figures").index(j);
                self.text(&fig.field("value"), &figure.value, Need::Required);
                self.text(&fig.field("unit"), &figure.unit, Need::Optional);
                self.text(&fig.field("label"), &figure.label, Need::Required);
                if let Some(note) = &figure.note {
                    self.text(&fig.field("note"), note, Need::Optional);
                }
            }
            for (j, picture) in section.pictures.iter().enumerate() {
                self.picture(&path.field("pictures").index(j), picture);
            }
            for (j, entry) in section.timeline.iter().enumerate() {
                let item = path.field("timeline").index(j);
                self.text(&item.field("date"), &entry.date, Need::Required);
                self.text(&item.field("text"), &entry.text, Need::Required);
            }
            if let Some(preset) = &section.map_preset {
                self.preset_ref(&path.field("map_preset"), preset);
            }
        }
    }

    fn picture(&mut self, path: &FieldPath, picture: &super::model::Picture) {
        self.asset(&path.field("path"), &picture.path);
        self.text(&path.field("caption"), &picture.caption, Need::Optional);
        self.text(&path.field("credit"), &picture.credit, Need::Optional);
        let (x, y) = picture.focus;
        if !((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)) {
            self.error(
                path.field("focus"),
                format!(
                    "focus ({x}, {y}) is outside the picture; write two fractions from 0 to 1, such as (0.5, 0.4)"
                ),
            );
        }
    }

    fn section_ref(&mut self, path: &FieldPath, id: &str) {
        if self.content.section(id).is_none() {
            let known = join_ids(self.content.sections.iter().map(|s| s.id.as_str()));
            self.error(
                path.clone(),
                format!("there is no section \"{id}\"; write one of: {known}"),
            );
        }
    }

    fn preset_ref(&mut self, path: &FieldPath, id: &str) {
        let presets = &self.content.map.presets;
        if !presets.iter().any(|p| p.id == id) {
            let known = join_ids(presets.iter().map(|p| p.id.as_str()));
            self.error(
                path.clone(),
                format!("there is no map preset \"{id}\"; write one of: {known}"),
            );
        }
    }

    fn layer_ref(&mut self, path: &FieldPath, id: &str) {
        let layers = &self.content.map.layers;
        if !layers.iter().any(|l| l.id == id) {
            let known = join_ids(layers.iter().map(|l| l.id.as_str()));
            self.error(
                path.clone(),
                format!("there is no map layer \"{id}\"; write one of: {known}"),
            );
        }
    }

    fn coordinate(&mut self, path: &FieldPath, lat: f64, lon: f64) {
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            self.error(
                path.clone(),
                format!(
                    "latitude {lat} is out of range; write degrees from -90 to 90 (north positive), such as 54.68916"
                ),
            );
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            self.error(
                path.clone(),
                format!(
                    "longitude {lon} is out of range; write degrees from -180 to 180 (east positive), such as 25.27980"
                ),
            );
        }
    }

    fn map(&mut self) {
        let root = FieldPath::default().field("map");
        let map = &self.content.map;
        self.unique_ids(
            &root.field("layers"),
            map.layers.iter().map(|l| l.id.as_str()),
            "layer",
        );
        self.unique_ids(
            &root.field("places"),
            map.places.iter().map(|p| p.id.as_str()),
            "place",
        );
        self.unique_ids(
            &root.field("routes"),
            map.routes.iter().map(|r| r.id.as_str()),
            "route",
        );
        self.unique_ids(
            &root.field("presets"),
            map.presets.iter().map(|p| p.id.as_str()),
            "preset",
        );
        for (i, layer) in map.layers.iter().enumerate() {
            let path = root.field("layers").item(i, &layer.id);
            self.text(&path.field("name"), &layer.name, Need::Required);
            self.text(&path.field("group"), &layer.group, Need::Optional);
            self.colour(&path.field("colour"), &layer.colour);
        }
        for (i, place) in map.places.iter().enumerate() {
            let path = root.field("places").item(i, &place.id);
            self.coordinate(&path.field("lat"), place.lat, place.lon);
            self.text(&path.field("name"), &place.name, Need::Required);
            self.text(&path.field("text"), &place.text, Need::Optional);
            if let Some(layer) = &place.layer {
                self.layer_ref(&path.field("layer"), layer);
            }
            if let Some(section) = &place.section {
                self.section_ref(&path.field("section"), section);
            }
        }
        for (i, route) in map.routes.iter().enumerate() {
            let path = root.field("routes").item(i, &route.id);
            self.layer_ref(&path.field("layer"), &route.layer);
            self.text(&path.field("name"), &route.name, Need::Required);
            self.text(&path.field("length"), &route.length, Need::Optional);
            self.text(&path.field("text"), &route.text, Need::Optional);
            for (j, part) in route.parts.iter().enumerate() {
                let part_path = path.field("parts").index(j);
                self.text(&part_path.field("label"), &part.label, Need::Required);
                if !(part.value.is_finite() && part.value > 0.0) {
                    self.error(
                        part_path.field("value"),
                        format!(
                            "{} is not a positive length; write the part's length, such as 165.0",
                            part.value
                        ),
                    );
                }
            }
            if route.waypoints.len() < 2 {
                self.error(
                    path.field("waypoints"),
                    "a route needs at least two waypoints, such as [Place(\"vilnius\"), At(56.946, 24.106)]",
                );
            }
            for (j, waypoint) in route.waypoints.iter().enumerate() {
                let wp = path.field("waypoints").index(j);
                match waypoint {
                    Waypoint::Place(id) => {
                        if !map.places.iter().any(|p| &p.id == id) {
                            self.error(
                                wp,
                                format!(
                                    "there is no place \"{id}\"; add it under map.places or write a coordinate such as At(54.689, 25.280)"
                                ),
                            );
                        }
                    }
                    Waypoint::At(lat, lon) => self.coordinate(&wp, *lat, *lon),
                }
            }
            if let Some(section) = &route.section {
                self.section_ref(&path.field("section"), section);
            }
        }
        for (i, preset) in map.presets.iter().enumerate() {
            let path = root.field("presets").item(i, &preset.id);
            self.text(&path.field("name"), &preset.name, Need::Optional);
            self.bounds(&path.field("bounds"), preset.bounds);
            for (j, layer) in preset.layers.iter().enumerate() {
                self.layer_ref(&path.field("layers").index(j), layer);
            }
        }
    }

    fn bounds(&mut self, path: &FieldPath, bounds: Bounds) {
        self.coordinate(path, bounds.south, bounds.west);
        self.coordinate(path, bounds.north, bounds.east);
        if bounds.south >= bounds.north || bounds.west >= bounds.east {
            self.error(
                path.clone(),
                "the bounds are empty; south must be less than north and west less than east, such as (south: 53.0, west: 20.0, north: 57.0, east: 27.0)",
            );
        }
    }

    fn slides(&mut self) {
        let root = FieldPath::default().field("slides");
        let content = self.content;
        for (i, slide) in content.slides.iter().enumerate() {
            let path = root.index(i);
            let secs = slide.secs();
            if !(secs.is_finite() && (2.0..=600.0).contains(&secs)) {
                self.error(
                    path.field("secs"),
                    format!("{secs} seconds is out of range; write 2 to 600 seconds, such as 12.0"),
                );
            }
            match slide {
                Slide::Hero { section, .. } => self.section_ref(&path.field("section"), section),
                Slide::Figure {
                    section, figure, ..
                } => {
                    self.section_ref(&path.field("section"), section);
                    if let Some(found) = content.section(section) {
                        let count = found.figures.len();
                        if *figure == 0 || *figure > count {
                            self.error(
                                path.field("figure"),
                                format!(
                                    "section \"{section}\" has {count} figure{}; write a number from 1 to {count}",
                                    if count == 1 { "" } else { "s" }
                                ),
                            );
                        }
                    }
                }
                Slide::Picture {
                    picture, section, ..
                } => {
                    self.picture(&path.field("picture"), picture);
                    if let Some(section) = section {
                        self.section_ref(&path.field("section"), section);
                    }
                }
                Slide::MapTour { presets, .. } => {
                    if presets.is_empty() {
                        self.error(
                            path.field("presets"),
                            "a map tour needs at least one preset, such as [\"energy\"]",
                        );
                    }
                    for (j, preset) in presets.iter().enumerate() {
                        self.preset_ref(&path.field("presets").index(j), preset);
                    }
                }
            }
        }
    }
}

/// Parses `"#RRGGBB"` into its three bytes.
pub fn parse_hex_colour(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn is_lang_code(code: &str) -> bool {
    (2..=8).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

fn join_ids<'b>(ids: impl Iterator<Item = &'b str>) -> String {
    let ids: Vec<String> = ids.map(|id| format!("\"{id}\"")).collect();
    if ids.is_empty() {
        "(none defined yet)".to_owned()
    } else {
        ids.join(", ")
    }
}
