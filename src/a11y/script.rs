//! What "read aloud" says on each screen: an ordered list of paragraphs built from content in
//! the visitor's language, figures as words. Pure.

use crate::content::{Content, Figure, Text};

use super::words::{speak_figure, speak_prose, speak_quantity};

/// The screen to read, as the read-aloud builder needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptScreen {
    /// The story's title, introduction and section tiles.
    Home,
    /// One section, by its position in `Content::sections`.
    Section(usize),
    /// The map, with the card of a selected route or place if one is open.
    Map {
        /// The preset view on screen (its name is read when no card is open).
        preset: Option<String>,
        /// The open card.
        card: Option<MapCard>,
    },
    /// The "still there?" prompt.
    IdleWarning,
    /// The credits page, with the map screen's credit line.
    Credits {
        /// The map's credit line (`assets/map/names.ron`).
        map: Text,
    },
}

/// A map card, by the index of its item in `content.map`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapCard {
    /// A route, by its index in `content.map.routes`.
    Route(usize),
    /// A place, by its index in `content.map.places`.
    Place(usize),
}

/// What a paragraph is on screen: the UI highlights that element while it is spoken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphKind {
    /// The screen's title: story title, section headline, card title, prompt title.
    Headline,
    /// The introduction on Home.
    Intro,
    /// A section tile on Home, by section index.
    Tile(usize),
    /// A body paragraph of a section, by index; on a card, its text (0).
    Body(usize),
    /// A key figure, by index in the section's figures.
    Figure(usize),
    /// A timeline entry, by index.
    Timeline(usize),
    /// The caption of a section's picture, by index in its pictures (a gallery turns to
    /// the picture whose caption is read).
    Caption(usize),
    /// A section's link (its label and short address), by index.
    Link(usize),
    /// The length of a route on its card.
    CardLength,
    /// The parts of a route's length (the split bar).
    CardParts,
    /// The text of the idle prompt.
    Prompt,
}

/// One spoken unit: the reader speaks, highlights and skips by paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The element on screen.
    pub kind: ParagraphKind,
    /// What to say.
    pub text: String,
    /// The language `text` is in: the visitor's, or the default one where a translation is
    /// missing, so the matching voice reads it.
    pub lang: String,
}

/// The paragraphs of one screen, in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
}

impl Script {
    /// Number of paragraphs.
    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    /// True when there is nothing to read.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// The paragraph at `index`.
    pub fn get(&self, index: usize) -> Option<&Paragraph> {
        self.paragraphs.get(index)
    }
}

/// Resolves texts like the app does, remembering which language each came out in.
struct Builder<'a> {
    content: &'a Content,
    lang: &'a str,
    default: &'a str,
    script: Script,
}

impl<'a> Builder<'a> {
    /// The text in the visitor's language, else the default one, with the language used.
    fn pick(&self, text: &'a Text) -> (&'a str, &'a str) {
        match text.exact(self.lang) {
            Some(found) => (found.trim(), self.lang),
            None => (text.resolve(self.lang, self.default).trim(), self.default),
        }
    }

    fn push(&mut self, kind: ParagraphKind, text: &str, lang: &str) {
        let text = speak_prose(text, lang);
        let text = text.trim();
        if !text.is_empty() {
            self.script.paragraphs.push(Paragraph {
                kind,
                text: text.to_owned(),
                lang: lang.to_owned(),
            });
        }
    }

    fn push_text(&mut self, kind: ParagraphKind, text: &'a Text) {
        let (said, lang) = self.pick(text);
        self.push(kind, said, lang);
    }

    /// "600 kilometres, the Baltic Way"; a bare count or ordinal runs into its label
    /// ("1st country to …", "36 families").
    fn figure_sentence(&self, figure: &'a Figure) -> (String, &'a str) {
        let (value, value_lang) = self.pick(&figure.value);
        let (unit, _) = self.pick(&figure.unit);
        let (label, lang) = self.pick(&figure.label);
        let spoken = speak_figure(value, unit, value_lang);
        let joiner = if unit.is_empty() { " " } else { ", " };
        let sentence = if label.is_empty() {
            spoken
        } else {
            format!("{spoken}{joiner}{label}")
        };
        (sentence, lang)
    }

    fn home(&mut self) {
        let content = self.content;
        self.push_text(ParagraphKind::Headline, &content.story.title);
        self.push_text(ParagraphKind::Intro, &content.story.intro);
        for (index, section) in content.sections.iter().enumerate() {
            let (title, lang) = self.pick(&section.title);
            let mut text = sentence(title);
            if let Some(figure) = section.figures.first() {
                let (figure, _) = self.figure_sentence(figure);
                text = format!("{text} {}", sentence(&figure));
            }
            self.push(ParagraphKind::Tile(index), &text, lang);
        }
    }

    fn section(&mut self, index: usize) {
        let content = self.content;
        let Some(section) = content.sections.get(index) else {
            return;
        };
        self.push_text(ParagraphKind::Headline, &section.title);
        for (i, body) in section.body.iter().enumerate() {
            self.push_text(ParagraphKind::Body(i), body);
        }
        for (i, figure) in section.figures.iter().enumerate() {
            let (text, lang) = self.figure_sentence(figure);
            let mut said = sentence(&text);
            // The note shown under the figure is read after it.
            if let Some(note) = &figure.note {
                let (note, _) = self.pick(note);
                if !note.is_empty() {
                    said = format!("{said} {}", sentence(note));
                }
            }
            self.push(ParagraphKind::Figure(i), &said, lang);
        }
        for (i, entry) in section.timeline.iter().enumerate() {
            let (date, _) = self.pick(&entry.date);
            let (text, lang) = self.pick(&entry.text);
            self.push(ParagraphKind::Timeline(i), &format!("{date}: {text}"), lang);
        }
        for (i, link) in section.links.iter().enumerate() {
            let (label, lang) = self.pick(&link.label);
            let address = crate::content::links::short_url(self.pick(&link.url).0);
            self.push(ParagraphKind::Link(i), &format!("{label}: {address}"), lang);
        }
        // Every picture's caption, so each picture of a gallery is reached by reading.
        for (i, picture) in section.pictures.iter().enumerate() {
            self.push_text(ParagraphKind::Caption(i), &picture.caption);
        }
    }

    fn map(&mut self, preset: Option<&str>, card: Option<MapCard>) {
        let content = self.content;
        let map = &content.map;
        match card {
            Some(MapCard::Route(i)) => {
                let Some(route) = map.routes.get(i) else {
                    return;
                };
                self.push_text(ParagraphKind::Headline, &route.name);
                let (length, length_lang) = self.pick(&route.length);
                self.push(
                    ParagraphKind::CardLength,
                    &speak_quantity(length, length_lang),
                    length_lang,
                );
                // The split bar: "165 kilometres in Lithuania, 343 kilometres in Poland".
                let unit = length.rsplit_once(' ').map_or("", |(_, unit)| unit);
                let parts: Vec<String> = route
                    .parts
                    .iter()
                    .filter(|part| part.value.is_finite() && part.value > 0.0)
                    .map(|part| {
                        let (label, lang) = self.pick(&part.label);
                        let value = format_part(part.value, lang);
                        format!("{} {label}", speak_figure(&value, unit, lang))
                    })
                    .collect();
                let (_, lang) = self.pick(&route.name);
                self.push(ParagraphKind::CardParts, &parts.join(", "), lang);
                self.push_text(ParagraphKind::Body(0), &route.text);
            }
            Some(MapCard::Place(i)) => {
                let Some(place) = map.places.get(i) else {
                    return;
                };
                self.push_text(ParagraphKind::Headline, &place.name);
                self.push_text(ParagraphKind::Body(0), &place.text);
            }
            None => {
                let name = preset
                    .and_then(|id| map.presets.iter().find(|p| p.id == id))
                    .map(|p| &p.name)
                    .filter(|name| !name.is_empty());
                match name {
                    Some(name) => self.push_text(ParagraphKind::Headline, name),
                    None => self.push_text(ParagraphKind::Headline, &content.labels.explore_map),
                }
            }
        }
    }

    /// The credits page: its title, then each line as drawn (a picture's with what it shows).
    fn credits(&mut self, map: &Text) {
        let labels = &self.content.labels;
        self.push_text(ParagraphKind::Headline, &labels.credits);
        let credits = crate::content::credits::credits(self.content, map);
        let mut lines: Vec<(Option<String>, Text)> =
            credits.story.into_iter().map(|t| (None, t)).collect();
        lines.extend(
            (credits.pictures.into_iter())
                .map(|l| (l.subjects_in(self.lang, self.default), l.credit)),
        );
        lines.extend(credits.map.map(|t| (None, t)));
        lines.extend(credits.fonts.into_iter().map(|f| (None, Text::same(f))));
        for (index, (subjects, credit)) in lines.iter().enumerate() {
            let (said, lang) = self.pick_owned(credit);
            let said = match subjects {
                Some(subjects) => format!("{subjects}: {said}"),
                None => said,
            };
            self.push(ParagraphKind::Body(index), &said, &lang);
        }
    }

    /// [`Self::pick`] for a text the builder does not hold.
    fn pick_owned(&self, text: &Text) -> (String, String) {
        match text.exact(self.lang) {
            Some(found) => (found.trim().to_owned(), self.lang.to_owned()),
            None => (
                text.resolve(self.lang, self.default).trim().to_owned(),
                self.default.to_owned(),
            ),
        }
    }

    fn idle_warning(&mut self) {
        let content = self.content;
        let labels = &content.labels;
        self.push_text(ParagraphKind::Headline, &labels.still_there);
        self.push_text(ParagraphKind::Prompt, &labels.touch_to_continue);
    }
}

/// A route part's value as staff would write it: "165", "2,5" in Lithuanian.
fn format_part(value: f64, lang: &str) -> String {
    let text = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    };
    if lang == "lt" {
        text.replace('.', ",")
    } else {
        text
    }
}

/// Ends `text` with a full stop unless it ends in punctuation, so a voice pauses after it.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || text.ends_with(['.', '!', '?', ':', '…']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// The script of `screen` in `lang` (missing translations fall back to the default language).
pub fn build_script(content: &Content, lang: &str, screen: &ScriptScreen) -> Script {
    let mut builder = Builder {
        content,
        lang,
        default: content.default_lang_code(),
        script: Script::default(),
    };
    match screen {
        ScriptScreen::Home => builder.home(),
        ScriptScreen::Section(index) => builder.section(*index),
        ScriptScreen::Map { preset, card } => builder.map(preset.as_deref(), *card),
        ScriptScreen::IdleWarning => builder.idle_warning(),
        ScriptScreen::Credits { map } => builder.credits(map),
    }
    builder.script
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_content;

    fn shipped() -> Content {
        let source = include_str!("../../content.ron");
        parse_content(source, std::path::Path::new("content.ron"))
            .expect("the shipped content parses")
    }

    fn figures(content: &Content, section: &str, lang: &str) -> Vec<String> {
        let index = content.section_index(section).expect("section exists");
        build_script(content, lang, &ScriptScreen::Section(index))
            .paragraphs
            .into_iter()
            .filter(|p| matches!(p.kind, ParagraphKind::Figure(_)))
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn every_shipped_figure_is_spoken_as_words_in_english() {
        let content = shipped();
        assert_eq!(
            figures(&content, "freedom", "en"),
            [
                "600 kilometres, the Baltic Way, 23 August 1989.",
                "about 2 million, people joined hands in the Baltic Way.",
                "32 kilometres, human chain from Vilnius to the Belarusian border, 2020.",
                "1st country to break away from the Soviet Union’s regime.",
            ]
        );
        assert_eq!(
            figures(&content, "energy", "en"),
            [
                "508 kilometres, GIPL gas pipeline to Poland.",
                "1st EU country to disconnect entirely from Russian gas.",
                "100 percent, of its own electricity from renewables by 2030.",
                "165 kilometres, of the GIPL pipeline in Lithuania.",
                "343 kilometres, of the GIPL pipeline in Poland.",
            ]
        );
        assert_eq!(
            figures(&content, "cyber", "en"),
            [
                "6th worldwide in the National Cyber Security Index.",
                "plus 30 percent, rise in cyber security spending last year.",
                "1.6 billion dollars, valuation of Nord Security, Lithuania’s second unicorn.",
                "100 million dollars, raised by Nord Security from investors.",
                "2nd Lithuanian unicorn: Nord Security, maker of NordVPN.",
            ]
        );
        assert_eq!(
            figures(&content, "ukraine", "en"),
            [
                "36 families, Borodyanka mobile settlement.",
                "4 Lithuanian reconstruction projects in Ukraine.",
            ]
        );
    }

    #[test]
    fn every_shipped_figure_is_spoken_as_words_in_lithuanian() {
        let content = shipped();
        assert_eq!(
            figures(&content, "freedom", "lt"),
            [
                "600 kilometrų, Baltijos kelias, 1989 metų rugpjūčio 23 dieną.",
                "apie 2 milijonai, žmonių susikibo rankomis Baltijos kelyje.",
                "32 kilometrai, gyva grandinė nuo Vilniaus iki Baltarusijos sienos, 2020 metais.",
                "pirmoji šalis, išsivadavusi iš Sovietų Sąjungos režimo.",
            ]
        );
        assert_eq!(
            figures(&content, "energy", "lt"),
            [
                "508 kilometrai, GIPL dujotiekis į Lenkiją.",
                "pirmoji ES šalis, visiškai atsisakiusi rusiškų dujų.",
                "100 procentų, savo elektros iš atsinaujinančių šaltinių iki 2030 metų.",
                "165 kilometrai, GIPL dujotiekio Lietuvoje.",
                "343 kilometrai, GIPL dujotiekio Lenkijoje.",
            ]
        );
        assert_eq!(
            figures(&content, "cyber", "lt"),
            [
                "šešta vieta pasaulyje pagal Nacionalinį kibernetinio saugumo indeksą.",
                "plius 30 procentų, pernai padidėjo išlaidos kibernetiniam saugumui.",
                "1,6 milijardo JAV dolerių, antrojo Lietuvos vienaragio „Nord Security“ vertė.",
                "100 milijonų JAV dolerių, investicijų pritraukė „Nord Security“.",
                "antrasis Lietuvos vienaragis – „NordVPN“ kūrėja „Nord Security“.",
            ]
        );
        assert_eq!(
            figures(&content, "ukraine", "lt"),
            [
                "36 šeimoms – mobilus miestelis Borodiankoje.",
                "4 Lietuvos atstatymo projektai Ukrainoje.",
            ]
        );
    }

    #[test]
    fn a_section_reads_headline_body_figures_timeline_and_caption_in_order() {
        let content = shipped();
        let script = build_script(&content, "lt", &ScriptScreen::Section(0));
        let kinds: Vec<ParagraphKind> = script.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds[0], ParagraphKind::Headline, "headline first");
        assert_eq!(script.paragraphs[0].text, "Visada už laisvę ir demokratiją");
        assert_eq!(
            kinds[1..7],
            (0..6).map(ParagraphKind::Body).collect::<Vec<_>>()[..]
        );
        assert_eq!(
            kinds[7..11],
            (0..4).map(ParagraphKind::Figure).collect::<Vec<_>>()[..]
        );
        assert_eq!(
            kinds[11..13],
            [ParagraphKind::Timeline(0), ParagraphKind::Timeline(1)]
        );
        assert_eq!(
            kinds.last(),
            Some(&ParagraphKind::Caption(0)),
            "caption last"
        );
        assert!(
            script.paragraphs.iter().all(|p| p.lang == "lt"),
            "the shipped Lithuanian is complete"
        );
    }

    #[test]
    fn a_sections_links_are_read_after_its_timeline_by_label_and_short_address() {
        let mut content = shipped();
        content.sections[0].links = vec![crate::content::Link {
            label: crate::content::Text::from_pairs([
                ("en", "The ministry"),
                ("lt", "Ministerija"),
            ]),
            url: Text::same("https://www.urm.lt/lt/"),
        }];
        let script = build_script(&content, "lt", &ScriptScreen::Section(0));
        let link = script
            .paragraphs
            .iter()
            .position(|p| p.kind == ParagraphKind::Link(0))
            .expect("the link is read");
        assert!(
            script.paragraphs[link].text.starts_with("Ministerija: urm"),
            "label and short address: {:?}",
            script.paragraphs[link]
        );
        assert_eq!(
            script.paragraphs[link - 1].kind,
            ParagraphKind::Timeline(1),
            "after the timeline"
        );
    }

    #[test]
    fn home_reads_title_intro_and_one_tile_per_section() {
        let content = shipped();
        let script = build_script(&content, "en", &ScriptScreen::Home);
        assert_eq!(script.paragraphs[0].text, "International cooperation");
        assert_eq!(script.paragraphs[1].kind, ParagraphKind::Intro);
        let tiles: Vec<&Paragraph> = script
            .paragraphs
            .iter()
            .filter(|p| matches!(p.kind, ParagraphKind::Tile(_)))
            .collect();
        assert_eq!(tiles.len(), content.sections.len(), "one tile per section");
        assert_eq!(
            tiles[0].text,
            "Always supporting freedom and democracy. 600 kilometres, the Baltic Way, 23 August 1989."
        );
    }

    #[test]
    fn a_route_card_reads_name_length_parts_and_text() {
        let content = shipped();
        let gipl = content
            .map
            .routes
            .iter()
            .position(|r| r.id == "gipl")
            .expect("gipl");
        let screen = ScriptScreen::Map {
            preset: Some("energy".to_owned()),
            card: Some(MapCard::Route(gipl)),
        };
        let lt = build_script(&content, "lt", &screen);
        let texts: Vec<&str> = lt.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts[0], "GIPL: Lenkijos ir Lietuvos dujotiekių jungtis");
        assert_eq!(texts[1], "508 kilometrai");
        assert_eq!(
            texts[2],
            "165 kilometrai Lietuvoje, 343 kilometrai Lenkijoje"
        );
        assert!(texts[3].starts_with("Pradėjo veikti"), "{}", texts[3]);
        let en = build_script(&content, "en", &screen);
        assert_eq!(en.paragraphs[1].text, "508 kilometres");
        assert_eq!(
            en.paragraphs[2].text,
            "165 kilometres in Lithuania, 343 kilometres in Poland"
        );
    }

    #[test]
    fn a_place_card_and_the_bare_map_read_their_names() {
        let content = shipped();
        let screen = ScriptScreen::Map {
            preset: None,
            card: Some(MapCard::Place(0)),
        };
        let script = build_script(&content, "en", &screen);
        assert_eq!(script.len(), 1, "a city has a name and no card text");
        assert_eq!(script.paragraphs[0].text, "Vilnius");
        let bare = build_script(
            &content,
            "lt",
            &ScriptScreen::Map {
                preset: Some("ukraine".to_owned()),
                card: None,
            },
        );
        assert_eq!(bare.paragraphs[0].text, "Atstatymas Ukrainoje");
    }

    #[test]
    fn a_missing_translation_is_read_in_the_default_language_with_its_voice() {
        let mut content = shipped();
        content.sections[0].body[0] = Text::from_pairs([("en", "Only English.")]);
        let script = build_script(&content, "lt", &ScriptScreen::Section(0));
        let body = &script.paragraphs[1];
        assert_eq!(body.text, "Only English.");
        assert_eq!(body.lang, "en", "spoken with the default language's voice");
        assert_eq!(script.paragraphs[0].lang, "lt", "the rest stays Lithuanian");
    }

    #[test]
    fn the_idle_warning_reads_its_title_and_prompt() {
        let content = shipped();
        let script = build_script(&content, "lt", &ScriptScreen::IdleWarning);
        let texts: Vec<&str> = script.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Ar dar čia?", "Palieskite ekraną ir tęskite"]);
    }

    #[test]
    fn an_unknown_screen_index_reads_nothing() {
        let content = shipped();
        assert!(
            build_script(&content, "en", &ScriptScreen::Section(99)).is_empty(),
            "no section"
        );
    }

    #[test]
    fn the_credits_page_reads_each_picture_credit_with_its_section() {
        let content = shipped();
        let script = build_script(
            &content,
            "lt",
            &ScriptScreen::Credits {
                map: Text::same("Map data: Natural Earth"),
            },
        );
        let texts: Vec<&str> = script.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.first(), Some(&"Šaltiniai"), "{texts:?}");
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Visada už laisvę ir demokratiją · ")
                    && t.contains(": Iliustracija: Vitrina")),
            "the freedom picture's shared credit in Lithuanian, with its sections: {texts:?}"
        );
        assert!(
            texts.contains(&"Map data: Natural Earth"),
            "the map's line: {texts:?}"
        );
    }

    #[test]
    fn every_picture_s_caption_is_read_and_a_figure_s_note_after_it() {
        let mut content = shipped();
        let index = content.section_index("energy").expect("energy");
        let section = &mut content.sections[index];
        section.pictures.truncate(1);
        let mut second = section.pictures[0].clone();
        second.caption = Text::same("The LNG terminal in Klaipėda");
        section.pictures.push(second);
        section.figures[0].note = Some(Text::same("Source: Amber Grid, 2022"));
        let script = build_script(&content, "en", &ScriptScreen::Section(index));
        let captions: Vec<&Paragraph> = script
            .paragraphs
            .iter()
            .filter(|p| matches!(p.kind, ParagraphKind::Caption(_)))
            .collect();
        assert_eq!(captions.len(), 2, "both captions: {captions:?}");
        assert_eq!(captions[1].kind, ParagraphKind::Caption(1), "by index");
        assert_eq!(captions[1].text, "The LNG terminal in Klaipėda");
        let first = script
            .paragraphs
            .iter()
            .find(|p| p.kind == ParagraphKind::Figure(0))
            .expect("the first figure");
        assert!(
            first.text.ends_with("Source: Amber Grid, 2022."),
            "the note after the figure: {:?}",
            first.text
        );
    }
}
