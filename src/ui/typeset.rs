//! Typesetting rules applied to every text before it is laid out: a number and its unit or
//! abbreviation are never split across lines ("2022 m.", "1 d.", "508 km", "1,6 mlrd. USD"),
//! nor a date ("1 May 2022", "gegužės 1 d."). Pure.

use std::borrow::Cow;

/// The no-break space: egui's line breaker does not break at it.
pub const NO_BREAK_SPACE: char = '\u{00A0}';

/// Words that stay on the line of the number before them: units, and Lithuanian
/// abbreviations for year, day and amounts (visual.md §1, issue 19).
const AFTER_NUMBER: &[&str] = &[
    "m.", "d.", "val.", "min.", "tūkst.", "mln.", "mlrd.", "km", "m", "kW", "MW", "GW", "TWh",
    "GWh", "MWh", "kV", "%", "USD", "EUR", "€", "million", "billion",
];

/// Abbreviations that stay with the unit after them ("mlrd. USD").
const BEFORE_UNIT: &[&str] = &["tūkst.", "mln.", "mlrd."];

/// Currency and unit words that may follow an amount abbreviation.
const UNITS: &[&str] = &[
    "USD", "EUR", "€", "km", "kW", "MW", "GW", "TWh", "GWh", "MWh",
];

/// Month names, which keep a day before them and a year after them (English), or the day
/// after them (Lithuanian genitive: "gegužės 1 d.").
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
];

/// `text` with the space before a unit or abbreviation that follows a number made
/// unbreakable; unchanged (not copied) when there is none.
pub fn bind_units(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut previous: Option<&str> = None;
    let mut index: usize = 0;
    for word in text.split(' ') {
        let bind = previous.is_some_and(|before| binds(before, word));
        if bind && out.is_none() {
            // The first join: copy what came before, up to this space.
            out = Some(text[..index.saturating_sub(1)].to_owned());
        }
        if let Some(out) = out.as_mut() {
            if index > 0 {
                out.push(if bind { NO_BREAK_SPACE } else { ' ' });
            }
            out.push_str(word);
        }
        index += word.len() + 1;
        previous = Some(word);
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether `word` stays on the line of `before`.
fn binds(before: &str, word: &str) -> bool {
    let word = word.trim_end_matches([',', ';', ':', ')', '.']);
    let unit = |list: &[&str]| {
        list.iter()
            .any(|u| *u == word || u.trim_end_matches('.') == word)
    };
    let ends_in_digit = before.chars().last().is_some_and(|c| c.is_ascii_digit());
    let number = !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit());
    (ends_in_digit && (unit(AFTER_NUMBER) || MONTHS.contains(&word)))
        || (BEFORE_UNIT.contains(&before) && unit(UNITS))
        || (MONTHS.contains(&before) && number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nb(text: &str) -> String {
        text.replace('_', &NO_BREAK_SPACE.to_string())
    }

    #[test]
    fn lithuanian_dates_keep_m_and_d_with_their_numbers() {
        assert_eq!(
            bind_units("Pradėjo veikti 2022 m. gegužės 1 d. Per Lenkiją"),
            nb("Pradėjo veikti 2022_m. gegužės_1_d. Per Lenkiją")
        );
        assert_eq!(bind_units("1989 m."), nb("1989_m."), "at the end");
    }

    #[test]
    fn dates_stay_on_one_line() {
        assert_eq!(
            bind_units("began on 1 May 2022, through Poland"),
            nb("began on 1_May_2022, through Poland")
        );
        assert_eq!(
            bind_units("in May 2022."),
            nb("in May_2022."),
            "month and year"
        );
        assert_eq!(
            bind_units("2022 m. gegužės 1 d. pradėjo"),
            nb("2022_m. gegužės_1_d. pradėjo"),
            "Lithuanian"
        );
        assert_eq!(
            bind_units("you may 2 times"),
            "you may 2 times",
            "not a month"
        );
        assert_eq!(
            bind_units("May 123456"),
            "May 123456",
            "not a day or a year"
        );
    }

    #[test]
    fn amounts_keep_their_units_and_abbreviations_together() {
        assert_eq!(bind_units("1,6 mlrd. USD"), nb("1,6_mlrd._USD"));
        assert_eq!(bind_units("GIPL · 508 km"), nb("GIPL · 508_km"));
        assert_eq!(
            bind_units("100% renewable"),
            "100% renewable",
            "no space, no change"
        );
        assert_eq!(
            bind_units("about 36 families"),
            "about 36 families",
            "not a unit"
        );
    }

    #[test]
    fn text_without_a_unit_is_not_copied() {
        assert!(
            matches!(bind_units("Always supporting freedom"), Cow::Borrowed(_)),
            "borrowed"
        );
        assert_eq!(bind_units(""), "", "empty");
        assert_eq!(
            bind_units("  two  spaces 5 km "),
            nb("  two  spaces 5_km "),
            "spaces kept"
        );
    }
}
