//! The numbers inside key figures, found once when content is loaded, so a figure can count
//! up on an attract slide without the frame reading its text.

use std::collections::BTreeMap;

use super::model::Content;

/// The one number in a figure's text, with the text around it as written.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureNumber {
    /// Text before the number (such as "≈", "+" or "$").
    pub prefix: String,
    /// The value.
    pub value: f64,
    /// Digits after the decimal separator.
    pub decimals: usize,
    /// The decimal separator as written ('.' in English, ',' in Lithuanian).
    pub separator: char,
    /// Text after the number (such as " %").
    pub suffix: String,
}

impl FigureNumber {
    /// Finds the one number in `text` that can count up. Ordinals ("1st", "6-a"), several
    /// numbers, or none: `None`, and the figure shows as written.
    pub fn parse(text: &str) -> Option<Self> {
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let rest = &text[start..];
        let int_len = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let mut end = start + int_len;
        let mut decimals = 0;
        let mut separator = '.';
        let after_int = &text[end..];
        if let Some(sep) = after_int.chars().next().filter(|c| *c == '.' || *c == ',') {
            let frac = &after_int[1..];
            let frac_len = frac
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(frac.len());
            if frac_len > 0 {
                separator = sep;
                decimals = frac_len;
                end += 1 + frac_len;
            }
        }
        let suffix = &text[end..];
        // "1st", "2nd", "1-oji": letters glued to the digits make an ordinal, not a quantity.
        let glued = suffix.strip_prefix('-').unwrap_or(suffix);
        if glued.chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
        // A second number would make the count-up ambiguous.
        if suffix.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let value: f64 = text[start..end].replace(',', ".").parse().ok()?;
        Some(Self {
            prefix: text[..start].to_owned(),
            value,
            decimals,
            separator,
            suffix: suffix.to_owned(),
        })
    }
}

/// Every key figure's number, by the figure's text as written (in every language).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureNumbers {
    numbers: BTreeMap<String, FigureNumber>,
}

impl FigureNumbers {
    /// Finds the number of every figure of every section of `content`, in every language.
    pub fn resolve(content: &Content) -> Self {
        let numbers = content
            .sections
            .iter()
            .flat_map(|section| &section.figures)
            .flat_map(|figure| figure.value.texts())
            .filter_map(|text| Some((text.to_owned(), FigureNumber::parse(text)?)))
            .collect();
        Self { numbers }
    }

    /// The number inside the figure text `text`, or `None` when it does not count up.
    pub fn get(&self, text: &str) -> Option<&FigureNumber> {
        self.numbers.get(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_keeps_its_prefix_suffix_and_separator() {
        let number = FigureNumber::parse("≈1,6 %").expect("a number");
        assert_eq!(number.prefix, "≈", "prefix");
        assert!((number.value - 1.6).abs() < 1e-9, "value {}", number.value);
        assert_eq!((number.decimals, number.separator), (1, ','), "decimals");
        assert_eq!(number.suffix, " %", "suffix");
    }

    #[test]
    fn every_figure_of_the_shipped_content_is_found_once_in_each_language() {
        let text = include_str!("../../content.ron");
        let content = super::super::parse_content(text, std::path::Path::new("content.ron"))
            .expect("the shipped content parses");
        let numbers = FigureNumbers::resolve(&content);
        let mut counting = 0;
        for figure in content.sections.iter().flat_map(|s| &s.figures) {
            for text in figure.value.texts() {
                assert_eq!(
                    numbers.get(text),
                    FigureNumber::parse(text).as_ref(),
                    "{text} is looked up as it parses"
                );
                counting += usize::from(numbers.get(text).is_some());
            }
        }
        assert!(
            counting > 0,
            "the shipped figures include numbers that count up"
        );
        assert_eq!(
            numbers.get("not a figure"),
            None,
            "other texts are not numbers"
        );
    }
}
