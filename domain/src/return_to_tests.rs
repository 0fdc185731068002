//! Back to the product: the allow-list of return URLs and the one rule that
//! decides where a page may send a person. The property tests read every
//! answer with the WHATWG URL parser (the `url` crate, what browsers follow)
//! as an independent oracle: an allowed target is never anywhere but under an
//! allowed URL, however the candidate was made.

use proptest::prelude::*;

use super::return_to::{allowed_return_target, check_return_urls, return_url_problem};
use super::*;

fn allow(urls: &[&str]) -> Vec<String> {
    urls.iter().map(|u| (*u).to_owned()).collect()
}

#[test]
fn a_url_equal_to_an_allowed_one_or_under_one_ending_in_a_slash_is_the_target() {
    // GIVEN a tenant that allows its app's root and one exact callback
    let settings = Settings {
        return_urls: allow(&["https://app.example.com/", "https://example.com/cb?x=1"]),
        ..Settings::default()
    };
    // WHEN a page asks for them, or for a page under the root
    for ok in [
        "https://app.example.com/",
        "https://app.example.com/dashboard",
        "https://app.example.com/a/b?tab=2#top",
        "https://app.example.com/a/b?next=%2Fhome",
        "https://example.com/cb?x=1",
    ] {
        // THEN that is where the person goes
        assert_eq!(return_target(&settings, ok).as_deref(), Some(ok), "{ok}");
    }
}

#[test]
fn an_allowed_url_without_a_trailing_slash_allows_only_itself() {
    // GIVEN an allowed URL that does not end in `/`
    let allowed = allow(&["https://app.example", "https://example.com/app"]);
    // WHEN a candidate merely starts with it THEN it is refused
    for bad in [
        "https://app.example.evil",
        "https://app.example.evil/",
        "https://app.example/x",
        "https://app.example:8443/",
        "https://example.com/app.evil",
        "https://example.com/application",
        "https://example.com/app/x",
    ] {
        assert_eq!(allowed_return_target(&allowed, bad), None, "{bad}");
    }
    // AND the URL itself is allowed
    assert!(allowed_return_target(&allowed, "https://app.example").is_some());
    assert!(allowed_return_target(&allowed, "https://example.com/app").is_some());
}

#[test]
fn the_open_redirect_tricks_are_refused() {
    // GIVEN a tenant that allows everything under its app
    let allowed = allow(&["https://app.example.com/", "https://app.example.com/app/"]);
    for attack in [
        // another host, or no host of ours at all
        "https://evil.test/",
        "https://app.example.com.evil.test/",
        "//evil.test",
        "//app.example.com/",
        "/relative",
        "javascript:alert(1)//https://app.example.com/",
        "data:text/html,https://app.example.com/",
        // another scheme, or ours in another case
        "http://app.example.com/",
        "HTTPS://app.example.com/",
        "ftp://app.example.com/",
        // userinfo: the host is what follows the `@`
        "https://app.example.com@evil.test/",
        "https://app.example.com:443@evil.test/",
        "https://good@app.example.com/",
        // backslashes, which browsers read as `/`
        "https://app.example.com\\@evil.test/",
        "https://app.example.com/\\evil.test",
        "https:\\\\evil.test\\",
        // empty and dot segments, plain and encoded
        "https://app.example.com//evil.test",
        "https://app.example.com/app/../admin",
        "https://app.example.com/app/./x",
        "https://app.example.com/app/..;/admin",
        "https://app.example.com/app/%2e%2e/admin",
        "https://app.example.com/app/.%2E/admin",
        "https://app.example.com/%2F%2Fevil.test",
        "https://app.example.com/%5cevil.test",
        "https://app.example.com/app/%252e%252e/admin",
        "https://app.example.com/x%00y",
        "https://app.example.com/x%zz",
        "https://app.example.com/x%",
        // what browsers drop or escape: spaces, tabs, newlines, non-ASCII
        " https://app.example.com/",
        "https://app.example.com/ x",
        "https://app.exa\tmple.com/",
        "https://app.example.com/\nx",
        "https://аpp.example.com/",
        "https://app.example.com/ünïcode",
        // hosts that are not plain names
        "https://APP.example.com/",
        "https://[::1]/",
        "https://app.example.com:0/",
        "https://app.example.com:99999/",
        "https://app.example.com:/",
        "https://app..example.com/",
        "",
    ] {
        // WHEN a page is asked to go there THEN it goes to the account page
        assert_eq!(allowed_return_target(&allowed, attack), None, "{attack:?}");
    }
}

#[test]
fn hosts_ports_lengths_and_escapes_are_bounded() {
    let label = "a".repeat(63);
    let host = [label.as_str(); 4].join(".");
    let long_path = format!(
        "https://x.test/{}",
        "p".repeat(2048 - "https://x.test/".len())
    );
    for ok in [
        format!("https://{label}.test/"),
        format!("https://{}/", &host[..253]),
        "https://x-y.test:65535/".into(),
        "https://x.test:1/".into(),
        "https://x.test/a/?q=%00%2e%2F&r=..#//x".into(),
        "https://x.test/caf%C3%A9/".into(),
        long_path.clone(),
    ] {
        assert_eq!(return_url_problem(&ok), None, "{ok}");
    }
    for bad in [
        format!("https://{label}a.test/"),
        format!("https://{host}/"),
        "https://-x.test/".into(),
        "https://x-.test/".into(),
        "https://x.test:65536/".into(),
        "https://x.test:000443/".into(),
        "https://x.test:-1/".into(),
        "https://x.test/a//b".into(),
        "https://x.test/a%2".into(),
        "https://x.test/a?%zz".into(),
        format!("{long_path}p"),
    ] {
        assert_eq!(return_url_problem(&bad), Some("invalid_url"), "{bad}");
    }
    for c in ['"', '<', '>', '^', '`', '{', '|', '}', '\\', ' ', '\u{7f}'] {
        let bad = format!("https://x.test/a{c}b");
        assert_eq!(return_url_problem(&bad), Some("invalid_url"), "{bad:?}");
    }
}

#[test]
fn plain_http_is_for_this_machine_only() {
    assert_eq!(return_url_problem("http://localhost:3000/"), None);
    assert_eq!(return_url_problem("http://127.0.0.1/cb"), None);
    assert_eq!(return_url_problem("http://localhost"), None);
    assert_eq!(return_url_problem("https://app.example.com"), None);
    for remote in [
        "http://app.example.com/",
        "http://localhost.evil.test/",
        "http://127.0.0.2/",
    ] {
        assert_eq!(return_url_problem(remote), Some("not_https"), "{remote}");
    }
    assert_eq!(return_url_problem("ftp://localhost/"), Some("invalid_url"));
}

#[test]
fn settings_name_each_return_url_at_fault_and_too_many() {
    // GIVEN eleven return URLs of which two are not acceptable
    let mut s = Settings {
        return_urls: (0..9)
            .map(|i| format!("https://app{i}.example.com/"))
            .chain([
                "http://app.example.com/".into(),
                "https://x@evil.test/".into(),
            ])
            .collect(),
        ..Settings::default()
    };
    // WHEN the settings are checked
    let Err(SettingsError::Invalid(InvalidSettings(errors))) = s.validate() else {
        panic!("refused settings expected");
    };
    // THEN the list is too long (at most 10) and each bad URL is named
    let named: Vec<(&str, &str, Option<u64>)> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.code, e.max))
        .collect();
    assert_eq!(
        named,
        [
            ("return_urls", "too_many", Some(10)),
            ("return_urls[9]", "not_https", None),
            ("return_urls[10]", "invalid_url", None),
        ]
    );
    // AND ten good ones pass, as does none (the default)
    s.return_urls.truncate(9);
    s.return_urls.push("http://localhost:8080/".into());
    assert_eq!(s.validate(), Ok(()));
    assert!(check_return_urls(&[]).is_empty());
}

#[test]
fn an_allowed_url_stored_before_the_rule_allows_nothing() {
    // GIVEN an allow-list entry no check would accept now
    let allowed = allow(&["https://good@evil.test/"]);
    // WHEN a candidate equals it THEN it is still refused
    assert_eq!(
        allowed_return_target(&allowed, "https://good@evil.test/"),
        None
    );
}

// ---------------------------------------------------------------- properties

/// Allowed URLs of the shapes a tenant writes.
fn allowed_url() -> impl Strategy<Value = String> {
    let origin = prop::sample::select(vec![
        "https://app.example.com",
        "https://example.com",
        "https://a-b.test:8443",
        "http://localhost:3000",
        "http://127.0.0.1",
    ]);
    let path = prop::sample::select(vec![
        "",
        "/",
        "/app",
        "/app/",
        "/a/b/",
        "/cb?x=1",
        "/#/",
        "/x?next=/",
    ]);
    (origin, path).prop_map(|(o, p)| format!("{o}{p}"))
}

/// Pieces an attacker glues together.
const PIECES: &[&str] = &[
    "/",
    "//",
    "\\",
    "\\..",
    "@",
    ":",
    "?",
    "#",
    ";",
    ".",
    "..",
    "%",
    "%2e",
    "%2E",
    "%2f",
    "%5c",
    "%25",
    "%00",
    "%40",
    " ",
    "\t",
    "\n",
    "evil.test",
    "app.example.com",
    "example.com",
    "localhost",
    "https:",
    "http:",
    "x",
    "a",
    "0",
    "443",
    "ü",
    "а",
    "-",
    "=",
    "&",
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..10).prop_map(|v| v.concat())
}

/// A candidate: an allowed URL (or its origin) with something glued on, or
/// something made from scratch.
fn candidate(allowed: Vec<String>) -> impl Strategy<Value = String> {
    let from_allowed = (prop::sample::select(allowed), pieces()).prop_map(|(a, p)| a + &p);
    let cut = (
        prop::sample::select(vec![
            "https://app.example.com",
            "https://example.com",
            "http://localhost:3000",
        ]),
        pieces(),
    )
        .prop_map(|(o, p)| format!("{o}{p}"));
    let scratch = (
        prop::sample::select(vec!["https://", "http://", "//", ""]),
        pieces(),
    )
        .prop_map(|(s, p)| s.to_owned() + &p);
    prop_oneof![3 => from_allowed, 2 => cut, 1 => scratch]
}

fn lists_and_candidates() -> impl Strategy<Value = (Vec<String>, String)> {
    prop::collection::vec(allowed_url(), 1..4)
        .prop_flat_map(|allowed| (Just(allowed.clone()), candidate(allowed)))
}

/// The oracle: `target`, read as a browser reads it, is at the origin of an
/// allowed URL, without userinfo, and at that URL or under its path.
fn under_an_allowed_one(target: &str, allowed: &[String]) -> bool {
    let Ok(t) = url::Url::parse(target) else {
        return false;
    };
    allowed.iter().any(|a| {
        let Ok(e) = url::Url::parse(a) else {
            return false;
        };
        let same_origin =
            t.origin() == e.origin() && t.username().is_empty() && t.password().is_none();
        let under = if target == a {
            true
        } else if e.path().ends_with('/')
            && a.ends_with('/')
            && e.query().is_none()
            && e.fragment().is_none()
        {
            t.path().starts_with(e.path())
        } else {
            a.ends_with('/') && t.path() == e.path()
        };
        same_origin && under
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_target_is_never_anywhere_but_under_an_allowed_url((allowed, candidate) in lists_and_candidates()) {
        if let Some(target) = allowed_return_target(&allowed, &candidate) {
            prop_assert_eq!(&target, &candidate);
            prop_assert!(
                under_an_allowed_one(&target, &allowed),
                "{:?} escaped {:?}", target, allowed
            );
        }
    }

    #[test]
    fn every_allowed_url_and_plain_pages_under_it_are_allowed(
        allowed in prop::collection::vec(allowed_url(), 1..4),
        page in "[a-z0-9_-]{1,12}(/[a-z0-9_-]{1,12}){0,2}",
    ) {
        for a in &allowed {
            prop_assert_eq!(allowed_return_target(&allowed, a), Some(a.clone()));
            if a.ends_with('/') {
                let below = format!("{a}{page}");
                prop_assert_eq!(allowed_return_target(&allowed, &below), Some(below.clone()));
            }
        }
    }

    #[test]
    fn any_text_is_judged_without_panicking(s in "\\PC{0,60}", junk in prop::collection::vec(any::<u8>(), 0..40)) {
        let _ = return_url_problem(&s);
        let text = String::from_utf8_lossy(&junk);
        let _ = return_url_problem(&text);
        prop_assert_eq!(allowed_return_target(std::slice::from_ref(&s), &s).is_some(), return_url_problem(&s).is_none());
    }
}
