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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_sort_by_name_then_id_and_name_their_phase() {
        // GIVEN two users whose names share a prefix
        let a = name_entry("ann", "u2");
        let b = name_entry("anna", "u1");
        // THEN the shorter name sorts first whatever the ids (the separator
        // sorts below every character a name may hold)
        assert_eq!(a, "n:ann\u{1f}u2");
        assert!(a < b);
        assert_eq!(email_entry("ann@x.test", "u2"), "e:ann@x.test\u{1f}u2");
        assert_eq!(cursor_phase(&a), 'n');
        assert_eq!(cursor_phase(&email_entry("ann@x.test", "u2")), 'e');
        assert_eq!(cursor_phase("x"), 'n');
    }

    #[test]
    fn cursors_round_trip_and_foreign_ones_are_refused() {
        let raw = email_entry("ann@x.test", "u2");
        let c = encode_cursor(&raw);
        assert!(!c.contains(SEP));
        assert_eq!(decode_cursor(&c).as_deref(), Some(raw.as_str()));
        assert_eq!(decode_cursor("not base64!"), None);
        // valid base64 that is not UTF-8
        assert_eq!(decode_cursor("_w"), None);
    }
}
