//! The trusted minisign keys and the check of `content.manifest.minisig` against them
//! (the `minisign-verify` crate does the cryptography).

use std::fmt;

/// Most trusted keys listed.
pub const MAX_KEYS: usize = 64;

/// Longest key text accepted (a whole two-line `.pub` file is about 120 bytes).
const MAX_KEY_TEXT: usize = 1024;

/// Largest signature file read (the tool's are about 300 bytes, longer trusted comments
/// included).
pub const MAX_SIGNATURE_BYTES: u64 = 4 * 1024;

/// One trusted public key.
#[derive(Clone)]
struct TrustedKey {
    /// Key id as minisign prints it (16 uppercase hex digits).
    id: String,
    key: minisign_verify::PublicKey,
}

/// The keys content must be signed with. Empty: content is not checked (as before signing
/// existed).
#[derive(Clone, Default)]
pub struct Trust {
    keys: Vec<TrustedKey>,
}

impl fmt::Debug for Trust {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.keys.iter().map(|k| &k.id))
            .finish()
    }
}

impl PartialEq for Trust {
    fn eq(&self, other: &Self) -> bool {
        self.keys.len() == other.keys.len()
            && self
                .keys
                .iter()
                .zip(&other.keys)
                .all(|(a, b)| a.id == b.id && a.key == b.key)
    }
}

/// Why a trusted key cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    /// Not a minisign public key.
    #[error(
        "trusted key {number} is not a minisign public key; write the second line of the .pub \
         file made by `minisign -G`, which starts with RW"
    )]
    NotAKey {
        /// 1-based position in the list.
        number: usize,
    },
    /// Too many keys.
    #[error("more than {MAX_KEYS} trusted keys")]
    TooMany,
}

impl Trust {
    /// No keys: content is not checked.
    pub fn none() -> Self {
        Self::default()
    }

    /// The keys in `keys`, each the base64 line of a `.pub` file (`RWQ…`) or the whole
    /// two-line file.
    pub fn new<S: AsRef<str>>(keys: &[S]) -> Result<Self, TrustError> {
        if keys.len() > MAX_KEYS {
            return Err(TrustError::TooMany);
        }
        let mut trusted = Vec::with_capacity(keys.len());
        for (index, text) in keys.iter().enumerate() {
            let number = index + 1;
            let text = text.as_ref();
            if text.len() > MAX_KEY_TEXT {
                return Err(TrustError::NotAKey { number });
            }
            let base64 = key_line(text).ok_or(TrustError::NotAKey { number })?;
            let key = minisign_verify::PublicKey::from_base64(base64)
                .map_err(|_| TrustError::NotAKey { number })?;
            let id = minisign::PublicKey::from_base64(base64)
                .map(|key| key_id(key.keynum()))
                .map_err(|_| TrustError::NotAKey { number })?;
            if !trusted.iter().any(|k: &TrustedKey| k.id == id) {
                trusted.push(TrustedKey { id, key });
            }
        }
        Ok(Self { keys: trusted })
    }

    /// Whether no key is trusted (content is then not checked).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The trusted keys' ids.
    pub fn key_ids(&self) -> Vec<String> {
        self.keys.iter().map(|k| k.id.clone()).collect()
    }

    /// Checks that `signature` (the text of a `.minisig` file) signs `message` with one of
    /// the trusted keys; returns that key's id.
    pub fn verify(&self, message: &[u8], signature: &str) -> Result<String, SignatureProblem> {
        let parsed = minisign_verify::Signature::decode(signature)
            .map_err(|err| SignatureProblem::Damaged(err.to_string()))?;
        let mut key_matched = false;
        for trusted in &self.keys {
            match trusted.key.verify(message, &parsed, true) {
                Ok(()) => return Ok(trusted.id.clone()),
                Err(minisign_verify::Error::UnexpectedKeyId) => {}
                Err(_) => key_matched = true,
            }
        }
        if key_matched {
            return Err(SignatureProblem::Mismatch);
        }
        // Only for the message: which key signed it (the decode above checked the layout).
        let signer = minisign::SignatureBox::from_string(signature)
            .ok()
            .map(|sig| key_id(sig.keynum()));
        Err(SignatureProblem::UntrustedKey {
            signer,
            trusted: self.key_ids(),
        })
    }
}

/// Why a signature does not verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureProblem {
    /// Not a minisign signature: truncated or damaged.
    Damaged(String),
    /// Made by a key that is not trusted.
    UntrustedKey {
        /// The signer's key id, when it can be read.
        signer: Option<String>,
        /// The trusted keys' ids.
        trusted: Vec<String>,
    },
    /// Made by a trusted key, but not over these bytes (or damaged inside).
    Mismatch,
}

impl fmt::Display for SignatureProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Damaged(why) => write!(
                f,
                "not a complete minisign signature ({why}): the file is truncated or damaged \
                 (the folder may still be syncing)"
            ),
            Self::UntrustedKey { signer, trusted } => {
                match signer {
                    Some(id) => write!(f, "signed by key {id}, which is not a trusted key")?,
                    None => f.write_str("signed by a key that is not trusted")?,
                }
                write!(f, " (trusted: {})", trusted.join(", "))
            }
            Self::Mismatch => f.write_str(
                "the signature by a trusted key does not match content.manifest: the manifest or \
                 the signature changed after signing (the folder may still be syncing)",
            ),
        }
    }
}

/// The base64 line of a key text: the text itself, or the line after the comment of a
/// `.pub` file.
fn key_line(text: &str) -> Option<&str> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    match lines.as_slice() {
        [key] => Some(key),
        [comment, key] if comment.starts_with("untrusted comment:") => Some(key),
        _ => None,
    }
}

/// A key id as minisign prints it: the 8 bytes read as a little-endian number, in 16
/// uppercase hex digits.
pub fn key_id(keynum: &[u8]) -> String {
    let mut bytes = [0u8; 8];
    for (to, from) in bytes.iter_mut().zip(keynum) {
        *to = *from;
    }
    format!("{:016X}", u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key pair made with the crate, its public key as a `.pub` file's base64 line.
    pub(crate) fn key_pair() -> (minisign::KeyPair, String) {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("key pair");
        let base64 = pair.pk.to_base64();
        (pair, base64)
    }

    fn sign(pair: &minisign::KeyPair, message: &[u8]) -> String {
        minisign::sign(Some(&pair.pk), &pair.sk, message, None, None)
            .expect("signed")
            .into_string()
    }

    #[test]
    fn a_signature_by_a_trusted_key_verifies_and_names_the_key() {
        let (pair, public) = key_pair();
        let trust = Trust::new(&[public]).expect("a key");
        let signature = sign(&pair, b"manifest");
        let id = trust.verify(b"manifest", &signature).expect("verifies");
        assert_eq!(id, key_id(pair.pk.keynum()), "the key id");
        assert_eq!(id.len(), 16, "16 hex digits: {id}");
        assert_eq!(trust.key_ids(), vec![id], "listed");
    }

    #[test]
    fn the_whole_pub_file_is_accepted_too() {
        let (pair, _) = key_pair();
        let file = pair.pk.to_box().expect("box").into_string();
        assert!(file.starts_with("untrusted comment:"), "{file}");
        let trust = Trust::new(&[file]).expect("a .pub file");
        assert!(
            trust.verify(b"m", &sign(&pair, b"m")).is_ok(),
            "verifies with the key from the file"
        );
    }

    #[test]
    fn keys_that_are_not_keys_are_refused_with_their_number() {
        let (_, good) = key_pair();
        assert_eq!(
            Trust::new(&[good.as_str(), "RWQnotakey"]).map(|_| ()),
            Err(TrustError::NotAKey { number: 2 }),
            "second"
        );
        assert!(Trust::new(&["a\nb\nc"]).is_err(), "three lines");
        assert!(Trust::new::<&str>(&[]).expect("none").is_empty(), "empty");
    }

    #[test]
    fn a_signature_by_another_key_is_refused_naming_both() {
        let (_, trusted) = key_pair();
        let (other, _) = key_pair();
        let trust = Trust::new(&[trusted]).expect("a key");
        let problem = trust
            .verify(b"m", &sign(&other, b"m"))
            .expect_err("untrusted");
        let SignatureProblem::UntrustedKey { signer, .. } = &problem else {
            panic!("{problem:?}");
        };
        assert_eq!(
            signer.as_deref(),
            Some(key_id(other.pk.keynum()).as_str()),
            "signer"
        );
        assert!(
            problem.to_string().contains("not a trusted key"),
            "{problem}"
        );
    }

    #[test]
    fn a_changed_message_or_a_changed_signature_byte_is_refused() {
        let (pair, public) = key_pair();
        let trust = Trust::new(&[public]).expect("a key");
        let signature = sign(&pair, b"manifest");
        assert_eq!(
            trust.verify(b"manifesT", &signature),
            Err(SignatureProblem::Mismatch),
            "changed message"
        );
        // A changed character in the signature line (after the key id) or the global one.
        let mut lines: Vec<String> = signature.lines().map(str::to_owned).collect();
        let flip = |line: &mut String, at: usize| {
            let c = line.as_bytes()[at];
            let replacement = if c == b'A' { 'B' } else { 'A' };
            line.replace_range(at..=at, &replacement.to_string());
        };
        flip(&mut lines[1], 40);
        assert!(
            trust.verify(b"manifest", &lines.join("\n")).is_err(),
            "changed signature"
        );
        let mut lines: Vec<String> = signature.lines().map(str::to_owned).collect();
        flip(&mut lines[3], 10);
        assert!(
            trust.verify(b"manifest", &lines.join("\n")).is_err(),
            "changed global signature"
        );
    }

    #[test]
    fn a_truncated_signature_is_damaged() {
        let (pair, public) = key_pair();
        let trust = Trust::new(&[public]).expect("a key");
        let signature = sign(&pair, b"m");
        for cut in [0, 20, signature.len() / 2, signature.len() - 20] {
            let problem = trust
                .verify(b"m", &signature[..cut])
                .expect_err("truncated");
            assert!(
                matches!(problem, SignatureProblem::Damaged(_)),
                "cut at {cut}: {problem:?}"
            );
            assert!(problem.to_string().contains("truncated"), "{problem}");
        }
    }
}
