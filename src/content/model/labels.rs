//! Words on buttons and prompts, with English and Lithuanian defaults.

use serde::{Deserialize, Serialize};

use crate::content::text::Text;

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
    /// Opens the credits page (on Home and the map), and its title.
    pub credits: Text,
    /// Credits page: the pictures' credits.
    pub credits_pictures: Text,
    /// Credits page: the map's data.
    pub credits_map: Text,
    /// Credits page: the fonts.
    pub credits_fonts: Text,
    /// The heading over a section's links' QR codes.
    pub take_it_with_you: Text,
    /// Accessible name of a gallery's dot: `{n}` is the picture's number, `{count}` how
    /// many pictures the section has.
    pub picture_of: Text,
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
            credits: t("Credits", "Šaltiniai"),
            credits_pictures: t("Pictures", "Vaizdai"),
            credits_map: t("Map", "Žemėlapis"),
            credits_fonts: t("Fonts", "Šriftai"),
            take_it_with_you: t("Take it with you", "Pasiimkite su savimi"),
            picture_of: t("Picture {n} of {count}", "Paveikslėlis {n} iš {count}"),
        }
    }
}
