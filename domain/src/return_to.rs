//! Back to the product: after signing in, resetting or activating, the hosted
//! pages send a person to `?return_to=URL` only when the tenant allows that
//! URL (`settings.return_urls`); anything else goes to the account page.
//!
//! The rule compares strings, never parsed-and-rebuilt URLs: a candidate is
//! allowed when it equals an allowed URL, or starts with one that ends in `/`.
//! Since every allowed URL is `scheme://host[:port]` followed by `/`, `?`, `#`
//! or nothing, a prefix ending in `/` fixes the origin. What a browser would
//! read differently from the plain string is refused before that comparison,
//! in candidates and allowed URLs alike: userinfo (`https://good@evil`),
//! backslashes, spaces and controls (which browsers drop or turn into `/`),
//! non-ASCII, dot segments and empty segments in the path (`/app/../x`,
//! `//evil`), and percent-encoded dots, slashes, backslashes and controls
//! in the path (which a server may decode into the same).

use super::settings::FieldError;

/// At most this many URLs a tenant may send people back to.
pub const MAX_RETURN_URLS: usize = 10;

/// Longer than any address a person is sent back to.
const MAX_URL_LENGTH: usize = 2048;

/// Why `url` cannot be an allowed return URL: `invalid_url` (not an absolute
/// `https://` or `http://` URL in the plain form above), or `not_https` (plain
/// `http` to a host other than `localhost` or `127.0.0.1`).
pub fn return_url_problem(url: &str) -> Option<&'static str> {
    check(url).err()
}

/// The field errors of a tenant's `return_urls`: too many of them
/// (`return_urls`, `too_many`, with the maximum), and each URL that cannot be
/// one (`return_urls[i]`).
pub fn check_return_urls(urls: &[String]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if urls.len() > MAX_RETURN_URLS {
        errors.push(FieldError {
            max: Some(MAX_RETURN_URLS as u64),
            ..FieldError::coded("return_urls", "too_many")
        });
    }
    for (i, url) in urls.iter().enumerate() {
        if let Some(code) = return_url_problem(url) {
            errors.push(FieldError::coded(&format!("return_urls[{i}]"), code));
        }
    }
    errors
}

/// Where a page may send a person who asked to go back to `candidate`: the
/// candidate itself when the tenant allows it, else `None` (the account page).
pub fn return_target(settings: &super::Settings, candidate: &str) -> Option<String> {
    allowed_return_target(&settings.return_urls, candidate)
}

/// [`return_target`] over a list of allowed URLs. An allowed URL that is not
/// valid (stored before the rule, say) allows nothing.
pub fn allowed_return_target(allowed: &[String], candidate: &str) -> Option<String> {
    if return_url_problem(candidate).is_some() {
        return None;
    }
    allowed
        .iter()
        .filter(|a| return_url_problem(a).is_none())
        .any(|a| candidate == a || (a.ends_with('/') && candidate.starts_with(a.as_str())))
        .then(|| candidate.to_owned())
}

/// Whether `url` is an absolute URL in the plain form, or why not.
fn check(url: &str) -> Result<(), &'static str> {
    const INVALID: &str = "invalid_url";
    if url.is_empty() || url.len() > MAX_URL_LENGTH || !url.bytes().all(plain_byte) {
        return Err(INVALID);
    }
    let (scheme, rest) = if let Some(rest) = url.strip_prefix("https://") {
        ("https", rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        ("http", rest)
    } else {
        return Err(INVALID);
    };
    // The authority ends where a browser ends it (backslashes were refused).
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if !valid_host(host) || !port.is_none_or(valid_port) {
        return Err(INVALID);
    }
    if scheme == "http" && !matches!(host, "localhost" | "127.0.0.1") {
        return Err("not_https");
    }
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    let (path, after) = tail.split_at(path_end);
    if !valid_path(path) || !valid_escapes(after, |_| true) {
        return Err(INVALID);
    }
    Ok(())
}

/// Printable ASCII a URL may hold as it is: no space, no backslash, none of
/// the characters a browser would escape or read as a delimiter of text.
fn plain_byte(b: u8) -> bool {
    b.is_ascii_graphic()
        && !matches!(
            b,
            b'\\' | b'"' | b'<' | b'>' | b'^' | b'`' | b'{' | b'|' | b'}'
        )
}

/// A lower-case DNS name or dotted IPv4 address: labels of `a-z`, `0-9` and
/// inner `-`. No userinfo (`@`), no brackets, no escapes, no empty label.
fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

fn valid_port(port: &str) -> bool {
    (1..=5).contains(&port.len())
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| (1..=65_535).contains(&p))
}

/// A path (empty, or from its leading `/`) without dot or empty segments (a
/// trailing `/` is fine) and without escapes of what could make one.
fn valid_path(path: &str) -> bool {
    let Some(segments) = path.strip_prefix('/') else {
        return path.is_empty();
    };
    let count = segments.split('/').count();
    let segments_ok = segments.split('/').enumerate().all(|(i, segment)| {
        // `..;x` is `..` to some servers (path parameters).
        let name = segment.split(';').next().unwrap_or(segment);
        (!segment.is_empty() || i + 1 == count) && name != "." && name != ".."
    });
    segments_ok
        && valid_escapes(path, |b| {
            !matches!(b, b'.' | b'/' | b'\\' | b'%') && !b.is_ascii_control()
        })
}

/// Every `%` starts an escape of two hex digits, whose byte `allowed` accepts.
fn valid_escapes(s: &str, allowed: impl Fn(u8) -> bool) -> bool {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let escaped = match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(&hi), Some(&lo)) => hex(hi).zip(hex(lo)).map(|(hi, lo)| hi * 16 + lo),
                _ => None,
            };
            match escaped.and_then(|b| u8::try_from(b).ok()) {
                Some(b) if allowed(b) => i += 3,
                _ => return false,
            }
        } else {
            i += 1;
        }
    }
    true
}
