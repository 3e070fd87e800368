//! The staff PIN, kept in `kiosk.ron` as a salted Argon2 hash (a PHC string such as
//! `$argon2id$v=19$m=19456,t=2,p=1$…`), so that whoever reads the file cannot read the PIN.
//! `vitrina pin` makes the line to paste. Here beside the content, which validates its own
//! older plain `staff_pin`; `settings::pin` re-exports it.

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};

/// Whether `pin` is a valid staff PIN: 4 to 8 digits.
pub fn is_valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit())
}

/// A salted hash of `pin`, as a PHC string.
pub fn hash_pin(pin: &str) -> Result<String, String> {
    if !is_valid_pin(pin) {
        return Err("the staff PIN must be 4 to 8 digits, such as 4821".to_owned());
    }
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    argon2::Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| format!("cannot hash the PIN: {err}"))
}

/// Whether `hash` is a PIN hash this kiosk can check; the message says what to do if not.
pub fn check_hash(hash: &str) -> Result<(), String> {
    // Bounded: a PHC string of Argon2 is about 100 characters.
    if hash.len() > 512 {
        return Err("this is not a PIN hash (too long); make one with `vitrina pin`".to_owned());
    }
    let parsed = PasswordHash::new(hash).map_err(|_| {
        "this is not a PIN hash; make the line with `vitrina pin` and paste it here \
         (the PIN itself never goes into kiosk.ron)"
            .to_owned()
    })?;
    if !parsed.algorithm.as_str().starts_with("argon2") {
        return Err(format!(
            "the hash uses {}; make an Argon2 hash with `vitrina pin`",
            parsed.algorithm
        ));
    }
    // Costs an operator could set so high that checking a PIN would freeze the kiosk.
    let costs = argon2::Params::try_from(&parsed).map_err(|err| {
        format!("the hash's parameters are not usable ({err}); make a new one with `vitrina pin`")
    })?;
    if costs.m_cost() > 256 * 1024 || costs.t_cost() > 10 || costs.p_cost() > 4 {
        return Err(
            "the hash's costs are too high to check on a kiosk; make a new one with `vitrina pin`"
                .to_owned(),
        );
    }
    Ok(())
}

/// Whether `pin` matches `hash`. A hash that cannot be read matches nothing.
pub fn verify_pin(hash: &str, pin: &str) -> bool {
    if check_hash(hash).is_err() {
        return false;
    }
    PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2::Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

/// How the staff panel's PIN is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinCheck {
    /// No PIN set.
    None,
    /// The salted hash from `kiosk.ron`.
    Hash(String),
    /// A plain PIN from an older content file (`kiosk.staff_pin`), still honoured.
    Plain(String),
}

impl PinCheck {
    /// Whether a PIN is asked for.
    pub fn is_set(&self) -> bool {
        !matches!(self, Self::None)
    }

    /// Whether `entered` is the PIN.
    pub fn matches(&self, entered: &str) -> bool {
        match self {
            Self::None => false,
            Self::Hash(hash) => verify_pin(hash, entered),
            Self::Plain(pin) => pin == entered,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_checks_its_own_pin_only() {
        let hash = hash_pin("4821").expect("a valid PIN hashes");
        assert!(hash.starts_with("$argon2id$"), "Argon2id: {hash}");
        assert!(
            !hash.contains("4821"),
            "the PIN is not readable in the hash"
        );
        assert!(verify_pin(&hash, "4821"), "the right PIN");
        assert!(!verify_pin(&hash, "4822"), "a wrong PIN");
        assert!(!verify_pin(&hash, ""), "nothing");
    }

    #[test]
    fn two_hashes_of_one_pin_differ() {
        let a = hash_pin("1234").expect("hash");
        let b = hash_pin("1234").expect("hash");
        assert_ne!(a, b, "salted");
        assert!(verify_pin(&b, "1234"), "both verify");
    }

    #[test]
    fn only_four_to_eight_digits_are_pins() {
        for bad in ["123", "123456789", "12a4", " 1234", ""] {
            assert!(hash_pin(bad).is_err(), "{bad:?} refused");
        }
        assert!(hash_pin("00000000").is_ok(), "eight zeros");
    }

    #[test]
    fn junk_and_costly_hashes_are_refused() {
        assert!(check_hash("1234").is_err(), "a plain PIN");
        assert!(check_hash(&"$".repeat(600)).is_err(), "too long");
        let costly =
            "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$cXVpdGVhcmFuZG9taGFzaHZhbHVlZm9ydGVzdA";
        assert!(check_hash(costly).is_err(), "4 GiB of memory per check");
        assert!(!verify_pin(costly, "1234"), "and it matches nothing");
    }

    #[test]
    fn a_legacy_plain_pin_still_opens() {
        let check = PinCheck::Plain("4821".to_owned());
        assert!(check.is_set() && check.matches("4821"), "plain PIN");
        assert!(!check.matches("1111"), "wrong");
        assert!(!PinCheck::None.matches(""), "no PIN matches nothing");
    }
}
