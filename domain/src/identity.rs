//! Identities that render alike are one identity. Usernames follow RFC 8265's
//! UsernameCaseMapped profile in spirit (explicit rules, `unicode-normalization`):
//! full-width and half-width forms mapped to their ordinary forms, characters
//! that render as nothing (zero-width, bidi controls, soft hyphen, BOM) dropped,
//! lower-cased, NFC; control characters and spaces are refused. Emails keep their
//! local part (compared case-insensitively, as before) and get an IDNA-normalized,
//! lower-cased domain. Passwords are NFKC-normalized (NIST SP 800-63B
//! §5.1.1.2), so the same password typed on two keyboards is one password.

use unicode_normalization::UnicodeNormalization;

/// Characters that render as nothing: a name with them looks like one without.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
        | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Full-width ASCII (U+FF01..FF5E) and the ideographic space map to ASCII;
/// half-width forms to their ordinary forms (their compatibility decomposition).
fn width_mapped(c: char) -> String {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)
            .map(String::from)
            .unwrap_or_default(),
        '\u{3000}' => " ".into(),
        '\u{FF5F}'..='\u{FFEF}' => c.nfkc().collect(),
        _ => c.to_string(),
    }
}

/// The display form of a username: width-mapped, invisibles dropped, NFC,
/// trimmed. Case is kept for display; [`username_key`] folds it.
pub fn username_display(raw: &str) -> String {
    let mapped: String = raw
        .chars()
        .filter(|c| !invisible(*c))
        .map(width_mapped)
        .collect();
    mapped.nfc().collect::<String>().trim().to_owned()
}

/// The comparison key of a username (and of any typed identifier that is
/// looked up as one): the display form, lower-cased, NFC again (case mapping
/// can denormalize).
pub fn username_key(raw: &str) -> String {
    username_display(raw)
        .chars()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .nfc()
        .collect()
}

/// Why a username is refused at creation.
pub fn username_problem(display: &str) -> Option<&'static str> {
    let n = display.chars().count();
    if n == 0 || n > 128 {
        return Some("must be 1 to 128 characters");
    }
    if display.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("must not contain spaces or control characters");
    }
    if display
        .chars()
        .next()
        .is_some_and(|c| c.nfd().next().is_some_and(is_combining) && c.nfd().count() == 1)
    {
        return Some("must not start with a combining mark");
    }
    None
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// One RFC 5321 mailbox in dot-atom form: `local@domain`, nothing else. A
/// list (`a@x.test,b@evil.test`), a display name, angle brackets, quotes or
/// comments would let one "address" reach someone else's inbox too, and a
/// control character (CR, LF) anywhere could add a mail header. Surrounding
/// spaces are allowed (the address is stored trimmed).
pub fn valid_email(email: &str) -> bool {
    if email.chars().any(char::is_control) {
        return false;
    }
    let email = email.trim();
    // RFC 6531 allows UTF-8 in the local part, but nothing that renders as
    // nothing or reorders the text: `a\u{202E}...` would read as someone else.
    let atom_char = |c: char| {
        c.is_alphanumeric()
            || "!#$%&'*+/=?^_`{|}~-".contains(c)
            || (!c.is_ascii() && !c.is_whitespace() && !invisible(c))
    };
    let dot_atom = |s: &str, ok: &dyn Fn(char) -> bool| {
        !s.is_empty()
            && s.split('.')
                .all(|part| !part.is_empty() && part.chars().all(ok))
    };
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let label_char = |c: char| c.is_alphanumeric() || c == '-';
    email.len() <= 254
        && local.len() <= 64
        && dot_atom(local, &atom_char)
        && domain.contains('.')
        && dot_atom(domain, &label_char)
        && domain
            .split('.')
            .all(|l| !l.starts_with('-') && !l.ends_with('-') && l.len() <= 63)
}

/// The comparison key of an email: local part lower-cased (as before), the
/// domain IDNA-normalized (punycode) and lower-cased. Not an address check:
/// see `valid_email`.
pub fn email_key(raw: &str) -> String {
    // Width-mapped before it is split: a full-width `＠` is an `@`.
    let mapped: String = raw
        .chars()
        .filter(|c| !invisible(*c))
        .map(width_mapped)
        .collect();
    let raw = mapped.trim();
    let Some((local, domain)) = raw.rsplit_once('@') else {
        return username_key(raw);
    };
    let local: String = local.nfc().flat_map(char::to_lowercase).collect();
    let domain = idna::domain_to_ascii(domain.trim())
        .unwrap_or_else(|_| domain.to_lowercase())
        .to_lowercase();
    format!("{local}@{domain}")
}

/// A typed identifier for lookups (sign-in, forgot, search): an email if it
/// has an `@` and a dot after it, else a username.
pub fn identifier_key(raw: &str) -> String {
    match raw.rsplit_once('@') {
        Some((_, d)) if d.contains('.') => email_key(raw),
        _ => username_key(raw),
    }
}

/// The form a password is hashed and checked in.
pub fn password_form(raw: &str) -> String {
    raw.nfkc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lookalikes_collide() {
        let alice = username_key("alice");
        for lookalike in [
            "ａｌｉｃｅ",
            "alice\u{200B}",
            "\u{200E}alice",
            "ALICE",
            "Ａlice",
            " alice ",
            "al\u{00AD}ice",
        ] {
            assert_eq!(username_key(lookalike), alice, "{lookalike:?}");
        }
        // precomposed and decomposed accents are one name
        assert_eq!(username_key("ali\u{0301}ce"), username_key("al\u{00ED}ce"));
        assert_ne!(
            username_key("alíce"),
            alice,
            "a visible accent is another name"
        );
        assert_eq!(username_display("ａｌｉｃｅ"), "alice");
    }

    #[test]
    fn width_forms_map_to_their_ordinary_forms() {
        // the ideographic space is a space (and so refused in a name)
        assert_eq!(username_display("a\u{3000}b"), "a b");
        assert!(username_problem(&username_display("a\u{3000}b")).is_some());
        // half-width katakana is the ordinary katakana
        assert_eq!(username_key("\u{FF71}"), username_key("\u{30A2}"));
        assert_eq!(username_display("\u{FF71}"), "\u{30A2}");
    }

    #[test]
    fn names_of_exactly_128_characters_are_fine() {
        assert!(username_problem(&"x".repeat(128)).is_none());
        assert!(username_problem(&"x".repeat(129)).is_some());
    }

    #[test]
    fn only_an_at_with_a_dotted_domain_is_read_as_an_email() {
        // an IDNA domain is normalized only in an email
        assert_eq!(identifier_key("a@B\u{00FC}cher"), "a@b\u{00FC}cher");
        assert_eq!(identifier_key("a@B\u{00FC}cher.de"), "a@xn--bcher-kva.de");
    }

    #[test]
    fn spaces_and_controls_are_refused() {
        for bad in [
            "",
            "a b",
            "a\tb",
            "a\u{0007}b",
            "\u{0301}abc",
            &"x".repeat(129),
        ] {
            assert!(
                username_problem(&username_display(bad)).is_some(),
                "{bad:?}"
            );
        }
        assert!(username_problem(&username_display("olivia.o'neil+ops")).is_none());
        assert!(username_problem(&username_display("<script>x</script>")).is_none());
    }

    #[test]
    fn emails_keep_the_local_part_and_normalize_the_domain() {
        assert_eq!(email_key("Alice@Example.COM"), "alice@example.com");
        assert_eq!(email_key("jörg@BÜCHER.de"), "jörg@xn--bcher-kva.de");
        assert_eq!(email_key("x@bücher.de"), email_key("x@xn--bcher-kva.de"));
        assert_eq!(identifier_key("ALICE@example.com"), "alice@example.com");
        assert_eq!(identifier_key("ＡＬＩＣＥ"), "alice");
        // found by proptest: a full-width at sign splits like `@`
        assert_eq!(
            email_key("\u{FF20}\u{11BC0}"),
            email_key(&email_key("\u{FF20}\u{11BC0}"))
        );
    }

    #[test]
    fn one_mailbox_only() {
        for ok in [
            "a@b.test",
            " a@b.test ",
            "first.last+tag@sub.example.com",
            "o'neil@x.io",
            "jörg@bücher.de",
        ] {
            assert!(valid_email(ok), "{ok}");
        }
        for bad in [
            "x@a.test,attacker@evil.test",
            "x@a.test;attacker@evil.test",
            "\"x\"@a.test",
            "<x@a.test>",
            "Alice <x@a.test>",
            "x@a.test (comment)",
            "x@@a.test",
            "x@a@b.test",
            ".x@a.test",
            "x..y@a.test",
            "x@a..test",
            "x@-a.test",
            "x@a",
            "@a.test",
            "x@",
            "x y@a.test",
            "x@a.test\nBcc: y@evil.test",
            "x@a.test\r\n",
            "\rx@a.test",
            "x\u{0085}y@a.test",
            "x\u{2028}y@a.test",
            "x\u{202E}y@a.test",
            "x\u{200B}y@a.test",
        ] {
            assert!(!valid_email(bad), "{bad:?}");
        }
    }

    #[test]
    fn passwords_typed_on_two_keyboards_are_one() {
        assert_eq!(password_form("caf\u{00E9}"), password_form("cafe\u{0301}"));
        assert_eq!(password_form("ｐａｓｓ"), "pass");
    }

    proptest! {
        #[test]
        fn normalization_is_idempotent_and_never_panics(s in "\\PC{0,40}") {
            let k = username_key(&s);
            prop_assert_eq!(username_key(&k), k.clone());
            let d = username_display(&s);
            prop_assert_eq!(username_display(&d), d.clone());
            prop_assert_eq!(username_key(&d), k);
            let e = email_key(&s);
            prop_assert_eq!(email_key(&e), e.clone());
            let p = password_form(&s);
            prop_assert_eq!(password_form(&p), p);
            let _ = username_problem(&d);
        }

        #[test]
        fn widening_or_hiding_changes_nothing(s in "[a-z0-9._-]{1,20}") {
            let wide: String = s.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect();
            prop_assert_eq!(username_key(&wide), username_key(&s));
            let hidden: String = s.chars().flat_map(|c| [c, '\u{200B}']).collect();
            prop_assert_eq!(username_key(&hidden), username_key(&s));
            prop_assert_eq!(username_key(&s.to_uppercase()), username_key(&s));
        }
    }
}
