//! Shared rules of the user directory index, so both stores order and page alike.
//! Entries: `n:{username}\x1f{user_id}` for every user and `e:{email}\x1f{user_id}`
//! for users with an email. A search walks the `n:` entries with the prefix, then
//! the `e:` entries with the prefix whose username did not already match.

use base64::Engine as _;

pub const SEP: char = '\u{1f}';

pub fn name_entry(username_key: &str, user_id: &str) -> String {
    format!("n:{username_key}{SEP}{user_id}")
}

pub fn email_entry(email_key: &str, user_id: &str) -> String {
    format!("e:{email_key}{SEP}{user_id}")
}

/// Which phase a cursor (the last entry returned) is in.
pub fn cursor_phase(cursor: &str) -> char {
    if cursor.starts_with("e:") { 'e' } else { 'n' }
}

pub fn encode_cursor(raw: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw.as_bytes())
}

/// `None` for a cursor this server did not make.
pub fn decode_cursor(cursor: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()?;
    String::from_utf8(bytes).ok()
}
