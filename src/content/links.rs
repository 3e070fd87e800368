//! A section's links (pure): which web addresses may become a QR code, and the short form
//! printed beside the code ("urm.lt/en").
//!
//! Only `https://` addresses are allowed. A code on a kiosk is scanned by strangers' phones,
//! so it must lead where it says, encrypted: no `http://` (opened without encryption and
//! open to a café Wi-Fi's meddling), no other schemes (`mailto:`, `tel:`, `file:`,
//! `javascript:`), no user names before the host (`https://urm.lt@elsewhere.example` leads
//! to elsewhere.example), and no host a phone cannot reach (`localhost`, a bare word).

use std::borrow::Cow;
use std::fmt;

use super::limits::{self, MAX_LINK_URL_BYTES};

/// Why an address cannot be a link's QR code. Each says what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// Nothing written.
    Empty,
    /// A space, tab or line break inside.
    Whitespace,
    /// A letter outside ASCII (the address as written, not as a browser copies it).
    NotAscii(char),
    /// Longer than [`MAX_LINK_URL_BYTES`]: its length in bytes.
    TooLong(usize),
    /// `http://`: not encrypted.
    Http,
    /// Another scheme (`mailto`, `ftp`, …), as written.
    Scheme(String),
    /// No scheme at all (`urm.lt/en`).
    NoScheme,
    /// A user name before the host (`user@host`).
    UserInfo,
    /// A host a phone cannot reach or that is not a name (empty, `localhost`, bad letters).
    Host(String),
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(
                f,
                "this link has no address; write the page's full address, such as \
                 \"https://www.urm.lt/en\""
            ),
            Self::Whitespace => write!(
                f,
                "this address has a space or a line break in it; copy the address from the \
                 browser's address bar"
            ),
            Self::NotAscii(c) => write!(
                f,
                "this address has the letter \"{}\"; copy the address from the browser's \
                 address bar, which writes such letters in % codes (ž as %C5%BE)",
                c.escape_default()
            ),
            Self::TooLong(bytes) => write!(
                f,
                "this address is {bytes} characters long; a link may have at most \
                 {MAX_LINK_URL_BYTES}, so that its QR code stays coarse enough for a phone to \
                 read from a metre (see docs/limits.md): link to a shorter address of the page"
            ),
            Self::Http => write!(
                f,
                "this address starts with http://, which a phone opens unencrypted; write \
                 https:// instead (nearly every site serves it)"
            ),
            Self::Scheme(scheme) => write!(
                f,
                "only web pages can be links, and \"{}:\" is not one; write an address that \
                 starts with https://",
                limits::shorten(scheme)
            ),
            Self::NoScheme => write!(
                f,
                "write the full address, with https:// at its start (such as \
                 \"https://urm.lt/en\")"
            ),
            Self::UserInfo => write!(
                f,
                "this address has a name and \"@\" before the site, which hides where it \
                 leads; write the page's own address"
            ),
            Self::Host(host) => write!(
                f,
                "a phone cannot find the site \"{}\"; write the site's public name, such as \
                 urm.lt",
                limits::shorten(host)
            ),
        }
    }
}

/// The scheme every link must have.
const HTTPS: &str = "https://";

/// Checks that `url` can be a link's QR code: `https://`, a public host, plain ASCII with no
/// spaces, at most [`MAX_LINK_URL_BYTES`] long.
pub fn check_url(url: &str) -> Result<(), UrlProblem> {
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::Whitespace);
    }
    if let Some(c) = url.chars().find(|c| !c.is_ascii()) {
        return Err(UrlProblem::NotAscii(c));
    }
    let Some(rest) = strip_prefix_ignore_case(url, HTTPS) else {
        if strip_prefix_ignore_case(url, "http://").is_some() {
            return Err(UrlProblem::Http);
        }
        return Err(match scheme(url) {
            Some(scheme) => UrlProblem::Scheme(scheme.to_owned()),
            None => UrlProblem::NoScheme,
        });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(UrlProblem::UserInfo);
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    if !is_public_host(host) {
        return Err(UrlProblem::Host(host.to_owned()));
    }
    if url.len() > MAX_LINK_URL_BYTES {
        return Err(UrlProblem::TooLong(url.len()));
    }
    Ok(())
}

/// `url` as printed beside its code: without the scheme, a leading `www.` and a final `/`,
/// its host in lower case (`https://www.URM.lt/en/` gives `urm.lt/en`).
pub fn short_url(url: &str) -> Cow<'_, str> {
    let rest = strip_prefix_ignore_case(url, HTTPS)
        .or_else(|| strip_prefix_ignore_case(url, "http://"))
        .unwrap_or(url);
    let rest = strip_prefix_ignore_case(rest, "www.").unwrap_or(rest);
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(host_end);
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(format!("{}{path}", host.to_ascii_lowercase()))
    } else {
        Cow::Borrowed(rest)
    }
}

/// `text` without `prefix`, compared without regard to ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The scheme of `url` (`mailto` of `mailto:a@b`), if it starts with one.
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(scheme)
}

/// Whether `host` is a dotted public name (`urm.lt`, `xn--kis-...lt`): letters, digits and
/// hyphens in labels, at least two labels, the last not all digits (not an IP address).
fn is_public_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let good_label = |label: &&str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    labels.len() >= 2
        && labels.iter().all(good_label)
        && labels
            .last()
            .is_some_and(|tld| tld.bytes().any(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_url_drops_the_scheme_www_and_the_final_slash() {
        for (url, short) in [
            ("https://www.urm.lt/en", "urm.lt/en"),
            ("https://urm.lt/en/", "urm.lt/en"),
            ("https://urm.lt", "urm.lt"),
            ("HTTPS://WWW.URM.LT/En", "urm.lt/En"),
            ("http://example.org/a?b=c", "example.org/a?b=c"),
            ("https://wwwexample.org", "wwwexample.org"),
        ] {
            assert_eq!(short_url(url), short, "{url}");
        }
    }

    #[test]
    fn plain_https_addresses_are_links() {
        for url in [
            "https://urm.lt",
            "https://www.urm.lt/en/news?id=4#top",
            "https://Example.ORG:8443/path",
            "https://xn--kis-pqa.lt/",
        ] {
            assert_eq!(check_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn each_bad_address_says_what_is_wrong() {
        let long = format!("https://urm.lt/{}", "a".repeat(MAX_LINK_URL_BYTES));
        for (url, problem) in [
            ("", UrlProblem::Empty),
            ("https://urm.lt/a page", UrlProblem::Whitespace),
            ("https://urm.lt/\n", UrlProblem::Whitespace),
            ("https://ūkis.lt", UrlProblem::NotAscii('ū')),
            ("http://urm.lt", UrlProblem::Http),
            (
                "mailto:info@urm.lt",
                UrlProblem::Scheme("mailto".to_owned()),
            ),
            (
                "javascript:alert(1)",
                UrlProblem::Scheme("javascript".to_owned()),
            ),
            ("file:///etc/passwd", UrlProblem::Scheme("file".to_owned())),
            ("urm.lt/en", UrlProblem::NoScheme),
            ("https://urm.lt@evil.example/", UrlProblem::UserInfo),
            (
                "https://localhost/",
                UrlProblem::Host("localhost".to_owned()),
            ),
            ("https:///path", UrlProblem::Host(String::new())),
            ("https://10.0.0.1/", UrlProblem::Host("10.0.0.1".to_owned())),
            ("https://urm..lt/", UrlProblem::Host("urm..lt".to_owned())),
            (long.as_str(), UrlProblem::TooLong(long.len())),
        ] {
            assert_eq!(check_url(url), Err(problem), "{url:?}");
        }
    }

    #[test]
    fn the_longest_allowed_address_is_a_link() {
        let url = format!("https://urm.lt/{}", "a".repeat(MAX_LINK_URL_BYTES - 15));
        assert_eq!(url.len(), MAX_LINK_URL_BYTES, "at the limit");
        assert_eq!(check_url(&url), Ok(()), "the limit itself is allowed");
    }

    #[test]
    fn a_message_quotes_a_huge_scheme_shortened() {
        let message = check_url(&format!("{}:x", "a".repeat(100_000)))
            .expect_err("not https")
            .to_string();
        assert!(message.len() < 300, "bounded: {}", message.len());
    }
}
