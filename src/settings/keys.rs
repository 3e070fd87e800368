//! Trusted minisign public keys as `kiosk.ron` lists them: the base64 line of a `.pub` file
//! (`RWQ…`), or the whole file with its `untrusted comment:` line.

/// Whether `key` is a minisign public key the kiosk can trust (the same parsing as
/// [`crate::signing::Trust`]); the message says what to write if not.
pub fn check_public_key(key: &str) -> Result<(), String> {
    crate::signing::Trust::new(&[key]).map(|_| ()).map_err(|_| {
        "this is not a minisign public key; paste the second line of the .pub file made by \
         `minisign -G`, such as \"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\""
            .to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";

    #[test]
    fn the_line_or_the_whole_pub_file_is_a_key() {
        assert!(check_public_key(KEY).is_ok(), "the base64 line");
        let file = format!("untrusted comment: minisign public key 1\n{KEY}\n");
        assert!(check_public_key(&file).is_ok(), "the whole file");
    }

    #[test]
    fn other_text_is_not_a_key() {
        for bad in ["", "RWQ", "not a key", &KEY[..40], &"A".repeat(2000)] {
            assert!(check_public_key(bad).is_err(), "{bad:?} refused");
        }
    }
}
