//! What the credits page lists (pure): the story's own credit lines, every picture's credit
//! with what it shows, the map's credit line and the program's own fonts in use.

use crate::content::{Content, Slide, Text};

/// One credit with everything it is for (pictures' sections or captions), so that a credit
/// shared by several pictures is listed once.
#[derive(Clone, Debug, PartialEq)]
pub struct CreditLine {
    /// What the credit is for, in order of first use; empty if nothing names it.
    pub subjects: Vec<Text>,
    /// The credit itself.
    pub credit: Text,
}

impl CreditLine {
    /// The subjects in `lang` (falling back to `default`), joined as one line; `None` if none.
    pub fn subjects_in(&self, lang: &str, default: &str) -> Option<String> {
        let names: Vec<&str> = self
            .subjects
            .iter()
            .map(|s| s.resolve(lang, default).trim())
            .collect();
        (!names.is_empty()).then(|| names.join(" · "))
    }
}

/// Everything the credits page lists, in its order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Credits {
    /// `story.credits`, as staff wrote them.
    pub story: Vec<Text>,
    /// Each distinct picture credit (sections' pictures, then the attract loop's own), once.
    pub pictures: Vec<CreditLine>,
    /// The map screen's credit line (`assets/map/names.ron`), if it has one.
    pub map: Option<Text>,
    /// The fonts compiled into the program that the theme still uses, with their licence.
    pub fonts: Vec<&'static str>,
}

/// The shipped reading and label font, and its licence (`assets/fonts`).
const INTER: &str = "Inter (SIL Open Font License 1.1)";

/// The shipped headline font, and its licence (`assets/fonts`).
const SOURCE_SERIF: &str = "Source Serif 4 (SIL Open Font License 1.1)";

/// Gathers the credits of `content`, with the map's credit line `map_credit`.
pub fn credits(content: &Content, map_credit: &Text) -> Credits {
    let story = content
        .story
        .credits
        .iter()
        .filter(|credit| !credit.is_empty())
        .cloned()
        .collect();
    let mut pictures: Vec<CreditLine> = Vec::new();
    let mut add = |subject: Option<&Text>, credit: &Text| {
        if credit.is_empty() {
            return;
        }
        let at = pictures
            .iter()
            .position(|l| l.credit == *credit)
            .unwrap_or_else(|| {
                pictures.push(CreditLine {
                    subjects: Vec::new(),
                    credit: credit.clone(),
                });
                pictures.len() - 1
            });
        let subjects = &mut pictures[at].subjects;
        if let Some(subject) = subject.filter(|s| !s.is_empty())
            && !subjects.contains(subject)
        {
            subjects.push(subject.clone());
        }
    };
    for section in &content.sections {
        for picture in &section.pictures {
            add(Some(&section.title), &picture.credit);
        }
    }
    for slide in &content.slides {
        if let Slide::Picture {
            picture, section, ..
        } = slide
        {
            // A loose picture is named by its caption; one of a section by the section.
            let subject = section
                .as_deref()
                .and_then(|id| content.section(id))
                .map(|s| &s.title)
                .or(Some(&picture.caption));
            add(subject, &picture.credit);
        }
    }
    let theme = &content.theme;
    let mut fonts = Vec::new();
    if theme.font_regular.is_empty() || theme.font_strong.is_empty() {
        fonts.push(INTER);
    }
    if theme.font_serif.is_empty() {
        fonts.push(SOURCE_SERIF);
    }
    Credits {
        story,
        pictures,
        map: (!map_credit.is_empty()).then(|| map_credit.clone()),
        fonts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(source: &str) -> Content {
        crate::content::parse_content(source, std::path::Path::new("test.ron"))
            .expect("the test content parses")
    }

    #[test]
    fn each_credit_is_listed_once_with_every_subject_it_is_for() {
        let content = content(
            r#"(
                languages: [(code: "en", name: "English", default: true)],
                story: (title: "T", credits: ["Story credit", ""]),
                sections: [
                    (id: "a", title: "Alpha", pictures: [
                        (path: "a1.png", credit: "Photo: Ann"),
                        (path: "a2.png", credit: "Photo: Ann"),
                        (path: "a3.png", credit: "Photo: Bob"),
                        (path: "a4.png"),
                    ]),
                    (id: "b", title: "Beta", pictures: [(path: "b.png", credit: "Photo: Ann")]),
                    (id: "c", title: "Gamma", pictures: [(path: "c.png", credit: "Photo: Eve")]),
                ],
                slides: [
                    Picture(picture: (path: "l.png", caption: "The harbour", credit: "Photo: Cy")),
                    Picture(picture: (path: "m.png", credit: "Photo: Dee"), section: "b"),
                ],
            )"#,
        );
        let credits = credits(&content, &Text::same("Map data"));
        let lines: Vec<(Option<String>, &str)> = credits
            .pictures
            .iter()
            .map(|l| (l.subjects_in("en", "en"), l.credit.resolve("en", "en")))
            .collect();
        let line = |subjects: &str, credit| (Some(subjects.to_owned()), credit);
        assert_eq!(
            lines,
            vec![
                line("Alpha · Beta", "Photo: Ann"),
                line("Alpha", "Photo: Bob"),
                line("Gamma", "Photo: Eve"),
                line("The harbour", "Photo: Cy"),
                line("Beta", "Photo: Dee"),
            ],
            "each credit once with every subject, none for a picture without one"
        );
        assert_eq!(
            credits.story,
            vec![Text::same("Story credit")],
            "blank lines left out"
        );
        assert_eq!(credits.map, Some(Text::same("Map data")), "the map's line");
        assert_eq!(
            credits.fonts,
            vec![INTER, SOURCE_SERIF],
            "the shipped fonts"
        );
    }

    #[test]
    fn a_theme_s_own_fonts_drop_the_shipped_ones() {
        let content = content(
            r#"(
                languages: [(code: "en", name: "English", default: true)],
                story: (title: "T"),
                sections: [(id: "a", title: "A")],
                theme: (font_regular: "r.ttf", font_strong: "s.ttf", font_serif: "h.ttf"),
            )"#,
        );
        let credits = credits(&content, &Text::default());
        assert!(credits.fonts.is_empty(), "{:?}", credits.fonts);
        assert_eq!(credits.map, None, "no map line");
    }

    #[test]
    fn the_shipped_content_credits_every_picture() {
        let source = include_str!("../../content.ron");
        let content = content(source);
        let credits = credits(&content, &Text::same("Map data"));
        let pictures = content
            .sections
            .iter()
            .flat_map(|s| &s.pictures)
            .filter(|p| !p.credit.is_empty());
        for picture in pictures {
            assert!(
                credits.pictures.iter().any(|l| l.credit == picture.credit),
                "{} is credited",
                picture.path
            );
        }
    }
}
