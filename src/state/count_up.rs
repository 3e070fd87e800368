//! Key figures that count up on attract slides: the number inside a figure's text (found
//! at load, [`FigureNumber`]), scaled by an eased fraction and written back the way staff
//! wrote it. Pure.

use crate::content::FigureNumber;

/// How long a figure takes to count up, in seconds.
pub const COUNT_UP_SECS: f64 = 1.6;

/// A figure starts counting when its words appear, half way through the cross-fade.
pub const COUNT_UP_DELAY_SECS: f64 = super::slideshow::CROSSFADE_SECS / 2.0;

/// `value` after `elapsed` seconds of counting up (ease-out cubic over [`COUNT_UP_SECS`]),
/// `number` being the number found in it at load: "≈2" reads "≈0", "≈1", "≈2"; "1,6" keeps
/// its comma and one decimal; without a number (words, ordinals) it stays as written.
pub fn count_up(value: &str, number: Option<&FigureNumber>, elapsed: f64) -> String {
    let t = (elapsed / COUNT_UP_SECS).clamp(0.0, 1.0);
    if t >= 1.0 {
        return value.to_owned();
    }
    let Some(number) = number else {
        return value.to_owned();
    };
    let eased = 1.0 - (1.0 - t).powi(3);
    let shown = number.value * eased;
    let mut digits = format!("{shown:.prec$}", prec = number.decimals);
    if number.separator != '.' {
        digits = digits.replace('.', &number.separator.to_string());
    }
    format!("{}{digits}{}", number.prefix, number.suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `value` counted up for `elapsed` seconds, its number found as the loader finds it.
    fn count_up(value: &str, elapsed: f64) -> String {
        super::count_up(value, FigureNumber::parse(value).as_ref(), elapsed)
    }

    /// Whether `value` has a number that counts up.
    fn counts(value: &str) -> bool {
        FigureNumber::parse(value).is_some()
    }

    #[test]
    fn integers_count_from_zero_to_the_value() {
        assert_eq!(count_up("600", 0.0), "0");
        assert_eq!(count_up("600", COUNT_UP_SECS), "600");
        assert_eq!(count_up("600", 100.0), "600");
        let halfway: u32 = count_up("600", COUNT_UP_SECS / 2.0)
            .parse()
            .expect("a number");
        // Ease-out: past the middle of the range at half time.
        assert!((400..600).contains(&halfway), "got {halfway}");
    }

    #[test]
    fn prefixes_suffixes_and_separators_stay_as_written() {
        assert_eq!(count_up("≈2", 0.0), "≈0");
        assert_eq!(count_up("+30", 0.0), "+0");
        assert_eq!(count_up("$1.6", 0.0), "$0.0");
        assert_eq!(count_up("1,6", 0.0), "0,0");
        assert_eq!(count_up("100 %", 0.0), "0 %");
        let partway = count_up("1,6", COUNT_UP_SECS * 0.4);
        assert!(
            partway.contains(','),
            "Lithuanian decimals keep the comma: {partway}"
        );
        assert_eq!(partway.len(), 3, "one decimal: {partway}");
    }

    #[test]
    fn ordinals_and_words_do_not_count() {
        for text in ["1st", "2nd", "6th", "2-asis", "1-oji", "6-a", "first", ""] {
            assert!(!counts(text), "{text} is not a quantity");
            assert_eq!(count_up(text, 0.0), text, "{text} must show as written");
        }
        assert!(counts("-5"), "a leading minus is a sign, not an ordinal");
        assert!(!counts("165 + 343"), "two numbers do not count");
    }

    #[test]
    fn the_count_never_goes_backwards() {
        let mut last = -1.0_f64;
        for step in 0..=100 {
            let shown: f64 = count_up("508", f64::from(step) * COUNT_UP_SECS / 100.0)
                .parse()
                .expect("a number");
            assert!(shown >= last, "step {step}: {shown} < {last}");
            last = shown;
        }
        assert!((last - 508.0).abs() < f64::EPSILON, "ends on the value");
    }
}
