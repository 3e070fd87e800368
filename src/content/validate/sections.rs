//! Checks of sections (texts, figures, pictures, timeline) and attract-loop slides.

use super::{FieldPath, Kind, Need, Validator};
use crate::content::limits;
use crate::content::model::{Picture, Section, Slide};

impl Validator<'_> {
    pub(super) fn sections(&mut self) {
        let root = FieldPath::default().field("sections");
        let content = self.content;
        if content.sections.is_empty() {
            self.error(
                root.clone(),
                "there are no sections; add at least one (copy the example block in the shipped content.ron)",
            );
        }
        let count = self.count(
            &root,
            content.sections.len(),
            limits::MAX_SECTIONS,
            "sections",
        );
        for (i, section) in content.sections.iter().enumerate().take(count) {
            self.section(&root.item(i, &section.id), section);
        }
    }

    fn section(&mut self, path: &FieldPath, section: &Section) {
        self.text(
            &path.field("eyebrow"),
            &section.eyebrow,
            Need::Optional,
            Kind::Short,
        );
        self.text(
            &path.field("title"),
            &section.title,
            Need::Required,
            Kind::Short,
        );
        self.text(
            &path.field("summary"),
            &section.summary,
            Need::Optional,
            Kind::Caption,
        );
        let body = path.field("body");
        let paragraphs = self.count(
            &body,
            section.body.len(),
            limits::MAX_PARAGRAPHS,
            "paragraphs",
        );
        for (j, paragraph) in section.body.iter().enumerate().take(paragraphs) {
            self.text(&body.index(j), paragraph, Need::Required, Kind::Paragraph);
        }
        let figures = path.field("figures");
        let count = self.count(
            &figures,
            section.figures.len(),
            limits::MAX_FIGURES,
            "figures",
        );
        for (j, figure) in section.figures.iter().enumerate().take(count) {
            let fig = figures.index(j);
            self.text(
                &fig.field("value"),
                &figure.value,
                Need::Required,
                Kind::Short,
            );
            self.text(
                &fig.field("unit"),
                &figure.unit,
                Need::Optional,
                Kind::Short,
            );
            self.text(
                &fig.field("label"),
                &figure.label,
                Need::Required,
                Kind::Short,
            );
            if let Some(note) = &figure.note {
                self.text(&fig.field("note"), note, Need::Optional, Kind::Caption);
            }
        }
        let pictures = path.field("pictures");
        let count = self.count(
            &pictures,
            section.pictures.len(),
            limits::MAX_SECTION_PICTURES,
            "pictures",
        );
        for (j, picture) in section.pictures.iter().enumerate().take(count) {
            self.picture(&pictures.index(j), picture);
        }
        let timeline = path.field("timeline");
        let count = self.count(
            &timeline,
            section.timeline.len(),
            limits::MAX_TIMELINE,
            "timeline entries",
        );
        for (j, entry) in section.timeline.iter().enumerate().take(count) {
            let item = timeline.index(j);
            self.text(
                &item.field("date"),
                &entry.date,
                Need::Required,
                Kind::Short,
            );
            self.text(
                &item.field("text"),
                &entry.text,
                Need::Required,
                Kind::Caption,
            );
        }
        if let Some(preset) = &section.map_preset {
            self.preset_ref(&path.field("map_preset"), preset);
        }
    }

    pub(super) fn picture(&mut self, path: &FieldPath, picture: &Picture) {
        self.asset(&path.field("path"), &picture.path);
        self.text(
            &path.field("caption"),
            &picture.caption,
            Need::Optional,
            Kind::Caption,
        );
        self.text(
            &path.field("credit"),
            &picture.credit,
            Need::Optional,
            Kind::Caption,
        );
        let (x, y) = picture.focus;
        if !((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)) {
            self.error(
                path.field("focus"),
                format!(
                    "focus ({x}, {y}) is outside the picture; write two fractions from 0 to 1, such as (0.5, 0.4)"
                ),
            );
        }
        if let Some(video) = &picture.video {
            self.video(&path.field("video"), video);
        }
    }

    pub(super) fn slides(&mut self) {
        let root = FieldPath::default().field("slides");
        let content = self.content;
        let count = self.count(&root, content.slides.len(), limits::MAX_SLIDES, "slides");
        for (i, slide) in content.slides.iter().enumerate().take(count) {
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
                    let duplicated = self.duplicated.contains("section");
                    if let Some(found) = content.section(section).filter(|_| !duplicated) {
                        let count = found.figures.len();
                        if *figure == 0 || *figure > count {
                            self.error(
                                path.field("figure"),
                                format!(
                                    "section \"{}\" has {count} figure{}; write a number from 1 to {count}",
                                    limits::shorten(section),
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
                    let tour = path.field("presets");
                    let count = self.count(&tour, presets.len(), limits::MAX_PRESETS, "presets");
                    for (j, preset) in presets.iter().enumerate().take(count) {
                        self.preset_ref(&path.field("presets").index(j), preset);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, problems};
    use super::*;
    use crate::content::Severity;

    #[test]
    fn content_without_sections_is_an_error() {
        let found = problems(|c| {
            c.sections.clear();
            c.slides.clear();
        });
        assert!(
            has(&found, Severity::Error, "sections", "there are no sections"),
            "{found:?}"
        );
    }

    #[test]
    fn a_figure_without_a_label_is_an_error() {
        let found = problems(|c| c.sections[0].figures[0].label = crate::content::Text::default());
        assert!(
            has(
                &found,
                Severity::Error,
                "sections[energy].figures[1].label",
                "this text is empty"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_picture_focus_outside_the_picture_is_an_error() {
        let found = problems(|c| c.sections[0].pictures[0].focus = (1.5, 0.5));
        assert!(
            has(
                &found,
                Severity::Error,
                "sections[energy].pictures[1].focus",
                "outside the picture"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_figure_slide_must_name_an_existing_figure() {
        let found = problems(|c| {
            c.slides = vec![Slide::Figure {
                section: "energy".to_owned(),
                figure: 2,
                secs: None,
                show: None,
            }];
        });
        assert!(
            has(
                &found,
                Severity::Error,
                "slides[1].figure",
                "has 1 figure; write a number from 1 to 1"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_slide_too_short_or_a_tour_without_presets_is_an_error() {
        let found = problems(|c| {
            c.slides = vec![Slide::MapTour {
                presets: Vec::new(),
                secs: Some(1.0),
                show: None,
            }];
        });
        assert!(
            has(&found, Severity::Error, "slides[1].secs", "out of range"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                Severity::Error,
                "slides[1].presets",
                "at least one preset"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_slide_of_an_unknown_section_is_an_error() {
        let found = problems(|c| {
            c.slides = vec![Slide::Hero {
                section: "water".to_owned(),
                secs: None,
                show: None,
            }];
        });
        assert!(
            has(
                &found,
                Severity::Error,
                "slides[1].section",
                "there is no section \"water\""
            ),
            "{found:?}"
        );
    }
}
