//! Checks of `show` dates: each date readable (`YYYY-MM-DD`, a real day), `from` not after
//! `until`; and warnings where dates hide more than staff may expect: a slide shown on days
//! its section is hidden, a map card whose section is dated, a day with no section at all.

use jiff::civil::Date;

use super::{FieldPath, Problem, Severity, Validator};
use crate::content::Content;
use crate::content::dated::{Show, Span, parse_date, span_of};
use crate::content::limits;

/// Warnings for what `today` has left behind: each section and slide whose `show.until` has
/// passed, which visitors will never see again (`vitrina check` reads the clock; the kiosk's
/// own load does not, so that a file loads the same on every day).
pub fn ended_by(content: &Content, today: Date) -> Vec<Problem> {
    let ended = |span: Span| span.until.filter(|until| *until < today);
    let message = |what: &str, until: Date| {
        format!(
            "this {what} was shown until {until}, which has passed (today is {today}): visitors \
             no longer see it; remove it from the story, or change the date to show it again"
        )
    };
    let mut problems = Vec::new();
    let sections = FieldPath::default().field("sections");
    for (i, section) in content
        .sections
        .iter()
        .enumerate()
        .take(limits::MAX_SECTIONS)
    {
        if let Some(until) = ended(span_of(section.show.as_ref())) {
            problems.push(Problem {
                severity: Severity::Warning,
                path: sections.item(i, &section.id).field("show").field("until"),
                message: message("section", until),
            });
        }
    }
    let slides = FieldPath::default().field("slides");
    for (i, slide) in content.slides.iter().enumerate().take(limits::MAX_SLIDES) {
        if let Some(until) = ended(span_of(slide.show())) {
            problems.push(Problem {
                severity: Severity::Warning,
                path: slides.index(i).field("show").field("until"),
                message: message("slide", until),
            });
        }
    }
    problems
}

impl Validator<'_> {
    pub(super) fn dates(&mut self) {
        let content = self.content;
        let sections = FieldPath::default().field("sections");
        let mut spans = Vec::new();
        for (i, section) in content
            .sections
            .iter()
            .enumerate()
            .take(limits::MAX_SECTIONS)
        {
            let path = sections.item(i, &section.id).field("show");
            spans.push(match &section.show {
                Some(show) => self.show(&path, show),
                None => Some(Span::ALWAYS),
            });
        }
        let slides = FieldPath::default().field("slides");
        for (i, slide) in content.slides.iter().enumerate().take(limits::MAX_SLIDES) {
            let path = slides.index(i);
            let Some(span) = slide.show().map_or(Some(Span::ALWAYS), |show| {
                self.show(&path.field("show"), show)
            }) else {
                continue;
            };
            if let Some(id) = slide.section_id() {
                self.slide_within_section(&path.field("section"), id, span, &spans);
            }
        }
        self.map_cards(&spans);
        if let Some(spans) = spans.into_iter().collect::<Option<Vec<_>>>()
            && let Some(day) = first_day_without(&spans)
        {
            self.warning(
                sections,
                format!(
                    "no section is shown on {day} (every section has show dates and none covers \
                     that day); on such days the kiosk shows every section rather than an empty \
                     Home: leave one section without dates, or widen the dates"
                ),
            );
        }
    }

    /// Checks one `show`; its days when both dates are right.
    fn show(&mut self, path: &FieldPath, show: &Show) -> Option<Span> {
        // Both are checked, so that two wrong dates are two errors.
        let from = self.date(&path.field("from"), show.from.as_deref());
        let until = self.date(&path.field("until"), show.until.as_deref());
        let (Some(from), Some(until)) = (from, until) else {
            return None;
        };
        let span = Span { from, until };
        if let (Some(from), Some(until)) = (from, until)
            && span.is_empty()
        {
            self.error(
                path.field("until"),
                format!(
                    "this shows until {until}, before it starts (from: {from}), so it would never \
                     show; swap the two dates or correct one"
                ),
            );
            return None;
        }
        Some(span)
    }

    /// One date of a `show`: None when it is wrong (reported), else the date if given.
    #[expect(clippy::option_option, reason = "wrong, or right and perhaps absent")]
    fn date(&mut self, path: &FieldPath, text: Option<&str>) -> Option<Option<Date>> {
        let Some(text) = text else {
            return Some(None);
        };
        match parse_date(text) {
            Ok(date) => Some(Some(date)),
            Err(err) => {
                self.error(path.clone(), format!("\"{}\" {err}", limits::shorten(text)));
                None
            }
        }
    }

    /// A slide shown on days its section is hidden is skipped on those days: say so.
    fn slide_within_section(
        &mut self,
        path: &FieldPath,
        id: &str,
        span: Span,
        spans: &[Option<Span>],
    ) {
        let Some(Some(section)) = self
            .content
            .section_index(id)
            .and_then(|index| spans.get(index))
        else {
            return;
        };
        if section.covers(span) {
            return;
        }
        let shown = if span == Span::ALWAYS {
            "has no show dates".to_owned()
        } else {
            format!("is shown {span}")
        };
        self.warning(
            path.clone(),
            format!(
                "this slide {shown}, but its section \"{}\" is shown only {section}: on the \
                 other days the slide is skipped with its section; give the slide dates within \
                 the section's to say so",
                limits::shorten(id)
            ),
        );
    }

    /// A map card's "Read the story" to a dated section is left out on the section's
    /// hidden days: say so, once per place or route.
    fn map_cards(&mut self, spans: &[Option<Span>]) {
        let content = self.content;
        let map = FieldPath::default().field("map");
        let places = content
            .map
            .places
            .iter()
            .take(limits::MAX_PLACES)
            .enumerate()
            .map(|(i, place)| {
                let path = map.field("places").item(i, &place.id);
                (path, "place", place.section.as_deref())
            });
        let routes = content
            .map
            .routes
            .iter()
            .take(limits::MAX_ROUTES)
            .enumerate()
            .map(|(i, route)| {
                let path = map.field("routes").item(i, &route.id);
                (path, "route", route.section.as_deref())
            });
        let cards: Vec<_> = places.chain(routes).collect();
        for (path, what, section) in cards {
            let Some(id) = section else {
                continue;
            };
            let Some(Some(span)) = content.section_index(id).and_then(|index| spans.get(index))
            else {
                continue;
            };
            if *span != Span::ALWAYS {
                self.warning(
                    path.field("section"),
                    format!(
                        "section \"{}\" is shown only {span}: on other days this {what}'s card \
                         has no \"Read the story\" button (the rest of the card stays)",
                        limits::shorten(id)
                    ),
                );
            }
        }
    }
}

/// The first day no span covers, if there is one.
fn first_day_without(spans: &[Span]) -> Option<Date> {
    let mut sorted = spans.to_vec();
    // Open starts first, then by the first day.
    sorted.sort_by_key(|span| span.from);
    // The last day covered so far, from the beginning of time (None: none yet).
    let mut reach: Option<Date> = None;
    let mut started = false;
    for span in sorted {
        match span.from {
            None => {}
            Some(from) if !started => return from.yesterday().ok(),
            Some(from) => {
                // A gap when the span starts after the day after the reach.
                let next = reach?.tomorrow().ok()?;
                if from > next {
                    return Some(next);
                }
            }
        }
        started = true;
        match span.until {
            None => return None,
            Some(until) => reach = Some(reach.map_or(until, |r| r.max(until))),
        }
    }
    reach.and_then(|r| r.tomorrow().ok())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::super::tests::{SOURCE, diagnostics, has, problems};
    use super::*;
    use crate::content::Severity;
    use crate::content::dated::Show;

    #[expect(clippy::unnecessary_wraps, reason = "as the `show` field is written")]
    fn show(from: Option<&str>, until: Option<&str>) -> Option<Show> {
        Some(Show {
            from: from.map(str::to_owned),
            until: until.map(str::to_owned),
        })
    }

    fn span(from: Option<Date>, until: Option<Date>) -> Span {
        Span { from, until }
    }

    /// The fixture's section with `show` written after its title.
    fn dated_source(show: &str) -> String {
        let title = r#"title: {"en": "Energy", "lt": "Energetika"},"#;
        SOURCE.replace(title, &format!("{title}\n            show: {show},"))
    }

    #[test]
    fn each_bad_date_is_an_error_at_its_line_and_column() {
        let cases = [
            (r#"(from: "24.12.2026")"#, "from", "is not a date"),
            (r#"(from: "2026-2-1")"#, "from", "is not a date"),
            (
                r#"(until: "2026-02-30")"#,
                "until",
                "is not a day of the calendar",
            ),
            (
                r#"(until: "2026-13-01")"#,
                "until",
                "is not a day of the calendar",
            ),
            (
                r#"(from: "2026-12-24", until: "2026-12-20")"#,
                "until",
                "before it starts",
            ),
        ];
        for (show, field, words) in cases {
            let source = dated_source(show);
            let found = diagnostics(&source);
            let item = format!("sections[energy].show.{field}");
            let error = found
                .iter()
                .find(|d| d.item.as_deref() == Some(item.as_str()))
                .unwrap_or_else(|| panic!("{show} is reported at {item}: {found:?}"));
            assert_eq!(error.severity, Severity::Error, "an error: {error}");
            assert!(error.message.contains(words), "{show}: {error}");
            let line = source
                .lines()
                .position(|l| l.contains("show:"))
                .expect("the show line")
                + 1;
            let column = source
                .lines()
                .nth(line - 1)
                .and_then(|l| l.find(&format!("{field}:")))
                .map(|byte| byte + field.len() + 3);
            let position = error.position.map(|p| (p.line, p.column));
            assert_eq!(
                position,
                column.map(|column| (line, column)),
                "at the date itself: {error}"
            );
        }
    }

    #[test]
    fn two_wrong_dates_are_two_errors() {
        let found = diagnostics(&dated_source(r#"(from: "2026-1-1", until: "2026-02-30")"#));
        let errors: Vec<_> = found
            .iter()
            .filter_map(|d| (d.severity == Severity::Error).then_some(d.item.as_deref()?))
            .collect();
        assert_eq!(
            errors,
            ["sections[energy].show.from", "sections[energy].show.until"],
            "{found:?}"
        );
    }

    #[test]
    fn good_dates_are_no_problem() {
        let source = dated_source(r#"(from: "2026-12-01", until: "2026-12-01")"#);
        let found = diagnostics(&source);
        let errors: Vec<_> = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "a one-day show is fine: {errors:?}");
    }

    #[test]
    fn a_bad_slide_date_is_an_error_at_the_slide() {
        let found = problems(|c| {
            if let Some(crate::content::Slide::Hero { show: s, .. }) = c.slides.first_mut() {
                *s = show(Some("tomorrow"), None);
            }
        });
        assert!(
            has(
                &found,
                Severity::Error,
                "slides[1].show.from",
                "is not a date"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_slide_shown_when_its_section_is_hidden_is_a_warning() {
        let found = problems(|c| {
            c.sections[0].show = show(Some("2026-12-01"), Some("2026-12-31"));
            // A second, undated section, so Home is never empty.
            let mut other = c.sections[0].clone();
            other.id = "other".to_owned();
            other.show = None;
            c.sections.push(other);
            if let Some(crate::content::Slide::Figure { show: s, .. }) = c.slides.get_mut(1) {
                *s = show(Some("2026-12-24"), Some("2026-12-26"));
            }
        });
        assert!(
            has(
                &found,
                Severity::Warning,
                "slides[1].section",
                "has no show dates, but its section \"energy\" is shown only from 2026-12-01 until 2026-12-31"
            ),
            "the undated hero: {found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|p| p.path.to_string() == "slides[2].section"),
            "the figure's dates are within its section's: {found:?}"
        );
        assert!(
            !found.iter().any(|p| p.path.to_string() == "sections"),
            "an undated section covers every day: {found:?}"
        );
    }

    #[test]
    fn a_map_card_leading_to_a_dated_section_is_a_warning() {
        let found = problems(|c| {
            c.sections[0].show = show(None, Some("2026-12-31"));
            c.map.routes[0].section = Some("energy".to_owned());
        });
        assert!(
            has(
                &found,
                Severity::Warning,
                "map.routes[gipl].section",
                "no \"Read the story\" button"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                Severity::Warning,
                "sections",
                "no section is shown on 2027-01-01"
            ),
            "the only section is dated: {found:?}"
        );
    }

    #[test]
    fn the_first_day_without_a_section_is_found() {
        let d = |m, day| Some(date(2026, m, day));
        assert_eq!(first_day_without(&[Span::ALWAYS]), None, "always");
        assert_eq!(
            first_day_without(&[span(None, d(6, 30)), span(d(7, 1), None)]),
            None,
            "two halves meet"
        );
        assert_eq!(
            first_day_without(&[span(d(7, 2), None), span(None, d(6, 30))]),
            d(7, 1),
            "one day between, in any order"
        );
        assert_eq!(
            first_day_without(&[span(d(1, 1), None)]),
            Some(date(2025, 12, 31)),
            "before the first"
        );
        assert_eq!(
            first_day_without(&[
                span(None, d(6, 30)),
                span(None, d(3, 1)),
                span(d(5, 1), d(8, 1))
            ]),
            d(8, 2),
            "after the last"
        );
    }

    #[test]
    fn a_show_that_ended_before_today_is_a_warning_and_only_then() {
        let mut content = crate::content::parse_content(SOURCE, std::path::Path::new("c.ron"))
            .expect("the fixture parses");
        content.sections[0].show = show(None, Some("2026-12-24"));
        if let Some(crate::content::Slide::Hero { show: s, .. }) = content.slides.first_mut() {
            *s = show(Some("2026-12-01"), Some("2026-12-02"));
        }
        let on = |day| {
            ended_by(&content, day)
                .iter()
                .map(|p| (p.severity, p.path.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(on(date(2026, 12, 2)), vec![], "the slide's last day");
        assert_eq!(
            on(date(2026, 12, 3)),
            vec![(Severity::Warning, "slides[1].show.until".to_owned())],
            "the slide's day after"
        );
        assert_eq!(
            on(date(2026, 12, 25)),
            vec![
                (Severity::Warning, "sections[energy].show.until".to_owned()),
                (Severity::Warning, "slides[1].show.until".to_owned()),
            ],
            "both ended"
        );
        let message = &ended_by(&content, date(2026, 12, 25))[0].message;
        assert!(
            message.contains("until 2026-12-24, which has passed (today is 2026-12-25)"),
            "{message}"
        );
    }
}
