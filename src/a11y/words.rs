//! Key figures as words a speech engine reads correctly. Pure.
//!
//! espeak-ng (checked with `espeak-ng -q -x`, 1.51) reads plain digits well in English and
//! Lithuanian, including the Lithuanian decimal comma ("1,6" → "vienas kablelis šeši"), and
//! English ordinals ("1st" → "first"). It misreads the rest of a figure: "km" as letters
//! ("ka em"), "mlrd." and "USD" as letters, "≈" in an English voice even when reading
//! Lithuanian, "$1.6 bn" as "dollar one point six bee en", "%" in Lithuanian in the
//! nominative whatever the number ("30 procentai"), and Lithuanian ordinals as digits plus
//! a syllable ("1-oji" → "vienasoji"). So digits stay, symbols and units become words, and
//! Lithuanian units take the case the number governs.

/// How a Lithuanian noun after a number is declined (nominative phrases, as on a card).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LtForm {
    /// 1, 21, 101: "kilometras".
    Singular,
    /// 2–9, 22–29: "kilometrai".
    Plural,
    /// 0, 10–20, 30, 100: "kilometrų".
    GenitivePlural,
    /// Decimals: "1,6 kilometro".
    GenitiveSingular,
}

fn lt_form(integer: u64, has_decimals: bool) -> LtForm {
    if has_decimals {
        return LtForm::GenitiveSingular;
    }
    let last_two = integer % 100;
    let last = integer % 10;
    if last == 0 || (10..=20).contains(&last_two) {
        LtForm::GenitivePlural
    } else if last == 1 {
        LtForm::Singular
    } else {
        LtForm::Plural
    }
}

/// A unit in its four Lithuanian forms: singular, plural, genitive plural, genitive singular.
type LtForms = [&'static str; 4];

fn lt_pick(forms: LtForms, form: LtForm) -> &'static str {
    match form {
        LtForm::Singular => forms[0],
        LtForm::Plural => forms[1],
        LtForm::GenitivePlural => forms[2],
        LtForm::GenitiveSingular => forms[3],
    }
}

/// Units staff write after figures, as written (lower case, without a final dot).
/// English: singular, plural, and whether it is a count word that never takes "s" ("million").
const UNITS: &[Unit] = &[
    (
        &["km", "kilometres", "kilometers", "kilometrai"],
        ["kilometre", "kilometres"],
        false,
        ["kilometras", "kilometrai", "kilometrų", "kilometro"],
    ),
    (
        &["km²", "km2"],
        ["square kilometre", "square kilometres"],
        false,
        [
            "kvadratinis kilometras",
            "kvadratiniai kilometrai",
            "kvadratinių kilometrų",
            "kvadratinio kilometro",
        ],
    ),
    (
        &["m³", "m3"],
        ["cubic metre", "cubic metres"],
        false,
        [
            "kubinis metras",
            "kubiniai metrai",
            "kubinių metrų",
            "kubinio metro",
        ],
    ),
    (
        &["%", "percent", "proc"],
        ["percent", "percent"],
        false,
        ["procentas", "procentai", "procentų", "procento"],
    ),
    (
        &["million", "millions", "mln"],
        ["million", "million"],
        true,
        ["milijonas", "milijonai", "milijonų", "milijono"],
    ),
    (
        &["billion", "billions", "bn", "mlrd", "bln"],
        ["billion", "billion"],
        true,
        ["milijardas", "milijardai", "milijardų", "milijardo"],
    ),
    (
        &["thousand", "tūkst"],
        ["thousand", "thousand"],
        true,
        ["tūkstantis", "tūkstančiai", "tūkstančių", "tūkstančio"],
    ),
    (
        &["mw"],
        ["megawatt", "megawatts"],
        false,
        ["megavatas", "megavatai", "megavatų", "megavato"],
    ),
    (
        &["gw"],
        ["gigawatt", "gigawatts"],
        false,
        ["gigavatas", "gigavatai", "gigavatų", "gigavato"],
    ),
    (
        &["usd", "$"],
        ["dollar", "dollars"],
        false,
        ["JAV doleris", "JAV doleriai", "JAV dolerių", "JAV dolerio"],
    ),
    (
        &["eur", "€"],
        ["euro", "euros"],
        false,
        ["euras", "eurai", "eurų", "euro"],
    ),
];

/// A unit: its spellings, English singular and plural, whether English treats it as a count
/// word, and its Lithuanian forms.
type Unit = (&'static [&'static str], [&'static str; 2], bool, LtForms);

/// The unit written as `token` (case and a final dot ignored).
fn find_unit(token: &str) -> Option<&'static Unit> {
    let key = token.trim_end_matches('.').to_lowercase();
    UNITS
        .iter()
        .find(|(spellings, ..)| spellings.contains(&key.as_str()))
}

/// Lithuanian ordinal stems for 1–10: the written ending is added ("1-oji" → "pirmoji").
const LT_ORDINAL_STEMS: [&str; 10] = [
    "pirm", "antr", "treči", "ketvirt", "penkt", "šešt", "septint", "aštunt", "devint", "dešimt",
];

/// "1-oji" → "pirmoji", "6-a" → "šešta", "2-asis" → "antrasis". None for other numbers,
/// which then stay as written.
fn lt_ordinal(integer: u64, ending: &str) -> Option<String> {
    const ENDINGS: [&str; 10] = [
        "as", "a", "asis", "oji", "ieji", "osios", "ą", "ąjį", "ąją", "ojo",
    ];
    let stem = LT_ORDINAL_STEMS.get(usize::try_from(integer).ok()?.checked_sub(1)?)?;
    let ending = ending.to_lowercase();
    let bare = ending.strip_prefix('i').unwrap_or(&ending);
    if !ENDINGS.contains(&bare) {
        return None;
    }
    // "treči" already ends in the "i" that "3-iasis" writes.
    let ending = if stem.ends_with('i') { bare } else { &ending };
    Some(format!("{stem}{ending}"))
}

/// The number found at the start of `text`: integer part, its digits as written (with the
/// decimal separator), and the rest.
fn split_number(text: &str) -> Option<(u64, &str, bool, &str)> {
    let int_len = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    if int_len == 0 {
        return None;
    }
    let integer = text[..int_len].parse().ok()?;
    let mut end = int_len;
    let mut decimals = false;
    let after = &text[int_len..];
    if let Some(sep) = after.chars().next().filter(|c| *c == '.' || *c == ',') {
        let frac = &after[sep.len_utf8()..];
        let frac_len = frac
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(frac.len());
        if frac_len > 0 {
            end += sep.len_utf8() + frac_len;
            decimals = true;
        }
    }
    Some((integer, &text[..end], decimals, &text[end..]))
}

/// Words for a sign or symbol before the number ("≈" → "about").
fn prefix_word(symbol: &str, lang: &str) -> Option<&'static str> {
    let lt = lang == "lt";
    Some(match symbol {
        "≈" | "~" | "ca." | "c." | "apie" | "about" => {
            if lt {
                "apie"
            } else {
                "about"
            }
        }
        "+" => {
            if lt {
                "plius"
            } else {
                "plus"
            }
        }
        "-" | "−" | "–" => "minus",
        "<" => {
            if lt {
                "mažiau nei"
            } else {
                "less than"
            }
        }
        ">" => {
            if lt {
                "daugiau nei"
            } else {
                "more than"
            }
        }
        _ => return None,
    })
}

/// A key figure (value and unit as written) as words for a speech engine in `lang`.
///
/// English: "≈1.6 bn m³" → "about 1.6 billion cubic metres", "$100 million" → "100 million
/// dollars". Lithuanian: "≈1,6 mlrd. m³" → "apie 1,6 milijardo kubinių metrų", "1-oji" →
/// "pirmoji". Text it does not understand stays as written.
pub fn speak_figure(value: &str, unit: &str, lang: &str) -> String {
    let written = format!("{} {}", value.trim(), unit.trim());
    speak_quantity(written.trim(), lang)
}

/// A written quantity such as a route length ("508 km") as words in `lang`.
pub fn speak_quantity(written: &str, lang: &str) -> String {
    let lt = lang == "lt";
    let Some(start) = written.find(|c: char| c.is_ascii_digit()) else {
        return written.to_owned();
    };
    let mut words: Vec<String> = Vec::new();
    // Currency symbols before the number are spoken after it, as the units are.
    let mut currency: Option<&str> = None;
    for symbol in split_prefix(&written[..start]) {
        match symbol {
            "$" | "€" => currency = Some(symbol),
            other => words.push(prefix_word(other, lang).unwrap_or(other).to_owned()),
        }
    }
    let Some((integer, digits, decimals, rest)) = split_number(&written[start..]) else {
        return written.to_owned();
    };
    // Glued letters make an ordinal: English "1st" reads well; Lithuanian "1-oji" does not.
    let glued = rest.strip_prefix('-').unwrap_or(rest);
    if glued.chars().next().is_some_and(char::is_alphabetic) {
        let ending_len = glued
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(glued.len());
        let (ending, tail) = glued.split_at(ending_len);
        let ordinal = if lt {
            lt_ordinal(integer, ending)
        } else {
            None
        };
        words.push(
            ordinal.unwrap_or_else(|| format!("{digits}{}", &rest[..rest.len() - tail.len()])),
        );
        push_trimmed(&mut words, tail);
        return words.join(" ");
    }
    words.push(digits.to_owned());

    let mut tokens: Vec<&str> = rest.split_whitespace().collect();
    if let Some(symbol) = currency {
        tokens.push(symbol);
    }
    // The first unit agrees with the number; later ones are governed by the unit before them
    // ("1,6 milijardo kubinių metrų"). English pluralises measures, never count words.
    let mut lt_form = lt_form(integer, decimals);
    let plural = decimals || integer != 1;
    for token in tokens {
        match find_unit(token) {
            Some((_, en, count_word, lt_forms)) => {
                if lt {
                    words.push(lt_pick(*lt_forms, lt_form).to_owned());
                    lt_form = LtForm::GenitivePlural;
                } else {
                    let word = if plural && !count_word { en[1] } else { en[0] };
                    words.push(word.to_owned());
                }
            }
            None => words.push(token.to_owned()),
        }
    }
    words.join(" ")
}

/// The symbols before a number: `"≈"`, `"+"`, `"$"`, `"≈$"` → `["≈", "$"]`; words stay whole.
fn split_prefix(prefix: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for word in prefix.split_whitespace() {
        if word.chars().all(char::is_alphabetic) || word.ends_with('.') {
            parts.push(word);
        } else {
            let mut at = 0;
            for (i, c) in word.char_indices() {
                if i > at {
                    parts.push(&word[at..i]);
                }
                at = i + c.len_utf8();
                parts.push(&word[i..at]);
            }
        }
    }
    parts
}

fn push_trimmed(words: &mut Vec<String>, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        words.push(text.to_owned());
    }
}

/// Month stems in Lithuanian, in any case ("rugpjūčio", "balandis", "gegužės").
const LT_MONTHS: &[&str] = &[
    "saus", "vasar", "kov", "baland", "gegu", "birže", "liep", "rugpj", "rugs", "spal", "lapkr",
    "gruod",
];

/// Running text as a speech engine should get it in `lang`. Lithuanian dates are written
/// with abbreviations that espeak-ng spells out ("1989 m." as "em", "23 d." as "dee"):
/// after a number, "m." becomes "metų" before a month or after "iki", "nuo" or "po", and
/// "metais" otherwise, and "d." becomes "dieną". Other text and other languages stay as written.
pub fn speak_prose(text: &str, lang: &str) -> String {
    if lang != "lt" {
        return text.to_owned();
    }
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let after_number =
            i > 0 && !tokens[i - 1].is_empty() && tokens[i - 1].chars().all(|c| c.is_ascii_digit());
        let (word, tail) = match token
            .strip_prefix("m.")
            .or_else(|| token.strip_prefix("d."))
        {
            Some(tail) if after_number && tail.chars().all(|c| ",;:)".contains(c)) => {
                (&token[..1], tail)
            }
            _ => {
                out.push((*token).to_owned());
                continue;
            }
        };
        let next = tokens.get(i + 1).copied().unwrap_or("");
        // "iki", "nuo" and "po" (until, from, after) take the genitive too.
        let governed =
            i >= 2 && ["iki", "nuo", "po"].contains(&tokens[i - 2].to_lowercase().as_str());
        let spoken = match word {
            "m" if governed || LT_MONTHS.iter().any(|stem| next.starts_with(stem)) => "metų",
            "m" => "metais",
            _ => "dieną",
        };
        // The abbreviation's full stop may also end the sentence: keep it at the end of the
        // text and before a capital.
        let ends = tail.is_empty() && (next.is_empty() || next.starts_with(char::is_uppercase));
        out.push(format!("{spoken}{tail}{}", if ends { "." } else { "" }));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_units_and_symbols_become_words() {
        assert_eq!(
            speak_figure("≈1.6", "bn m³", "en"),
            "about 1.6 billion cubic metres"
        );
        assert_eq!(speak_figure("1", "km", "en"), "1 kilometre");
        assert_eq!(speak_figure("2.5", "km", "en"), "2.5 kilometres");
        assert_eq!(speak_figure("$1", "", "en"), "1 dollar");
        assert_eq!(speak_figure("-5", "%", "en"), "minus 5 percent");
    }

    #[test]
    fn lithuanian_units_agree_with_the_number() {
        assert_eq!(
            speak_figure("≈1,6", "mlrd. m³", "lt"),
            "apie 1,6 milijardo kubinių metrų"
        );
        assert_eq!(speak_figure("1", "km", "lt"), "1 kilometras");
        assert_eq!(speak_figure("21", "km", "lt"), "21 kilometras");
        assert_eq!(speak_figure("11", "km", "lt"), "11 kilometrų");
        assert_eq!(speak_figure("3", "km", "lt"), "3 kilometrai");
        assert_eq!(speak_figure("15", "%", "lt"), "15 procentų");
        assert_eq!(speak_figure("2,5", "%", "lt"), "2,5 procento");
    }

    #[test]
    fn lithuanian_ordinals_become_words_for_one_to_ten() {
        assert_eq!(speak_figure("1-oji", "", "lt"), "pirmoji");
        assert_eq!(speak_figure("3-iasis", "", "lt"), "trečiasis");
        assert_eq!(speak_figure("10-as", "", "lt"), "dešimtas");
        // Beyond ten, or an ending it does not know: as written rather than a wrong word.
        assert_eq!(speak_figure("11-oji", "", "lt"), "11-oji");
        assert_eq!(speak_figure("2-xyz", "", "lt"), "2-xyz");
    }

    #[test]
    fn text_without_a_number_stays_as_written() {
        assert_eq!(speak_figure("first", "", "en"), "first");
        assert_eq!(speak_quantity("", "lt"), "");
    }
    #[test]
    fn lithuanian_dates_are_spoken_without_abbreviations() {
        assert_eq!(
            speak_prose("1989 m. rugpjūčio 23 d. apie du milijonus žmonių", "lt"),
            "1989 metų rugpjūčio 23 dieną apie du milijonus žmonių"
        );
        assert_eq!(
            speak_prose("Tai įvyko 2014 m. Tais pačiais metais", "lt"),
            "Tai įvyko 2014 metais. Tais pačiais metais"
        );
        assert_eq!(speak_prose("2022 m. balandis", "lt"), "2022 metų balandis");
        assert_eq!(speak_prose("iki 2030 m.", "lt"), "iki 2030 metų.");
        assert_eq!(speak_prose("2020 m., kai", "lt"), "2020 metais, kai");
        // Not after a number, or not Lithuanian: as written.
        assert_eq!(speak_prose("5 m. ilgio, m. d.", "en"), "5 m. ilgio, m. d.");
        assert_eq!(
            speak_prose("gražus m. d. tekstas", "lt"),
            "gražus m. d. tekstas"
        );
        assert_eq!(
            speak_prose("6 mlrd. JAV doleriu", "lt"),
            "6 mlrd. JAV doleriu"
        );
    }
}
