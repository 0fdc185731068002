//! The hosted pages in every language: nothing English outside the catalogue,
//! every id the pages and their script use is in it, `<html lang>` says which.

use super::pages::{Page, fill, page_locale, render};
use crate::domain::Locale;
use crate::domain::i18n;

const LOCALIZED: [(&str, &str); 4] = [
    ("index.html", include_str!("../../../web/index.html")),
    ("sign-in.html", include_str!("../../../web/sign-in.html")),
    ("forgot.html", include_str!("../../../web/forgot.html")),
    ("reset.html", include_str!("../../../web/reset.html")),
];
const SCRIPT: &str = include_str!("../../../web/app.js");

/// The part of the script the localized pages run (everything before the
/// account page's section, which with the admin console is still English).
fn localized_script() -> &'static str {
    let end = SCRIPT
        .find("// ---------------------------------------------------------------- account")
        .unwrap();
    &SCRIPT[..end]
}

/// The text between tags of a template, without its `{{id}}` placeholders,
/// `<code>` examples and the product's name.
fn loose_text(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(close) = rest.find('>') {
        rest = &rest[close + 1..];
        let text = &rest[..rest.find('<').unwrap_or(rest.len())];
        let mut t = text.to_owned();
        while let (Some(a), Some(b)) = (t.find("{{"), t.find("}}")) {
            t.replace_range(a..b + 2, "");
        }
        let t = t.trim();
        if t.chars().any(char::is_alphabetic) && t != "Latchkey" && !t.starts_with("/t/{tenant}") {
            out.push(t.to_owned());
        }
    }
    out
}

#[test]
fn localized_page_templates_hold_no_english_outside_the_catalogue() {
    for (name, html) in LOCALIZED {
        // GIVEN a page template WHEN its text between tags is read
        // THEN it is all placeholders (or markup-free punctuation)
        let loose = loose_text(html);
        assert!(
            loose.is_empty(),
            "{name} has text outside the catalogue: {loose:?}"
        );
        // THEN no attribute holds words either (titles, labels, placeholders)
        for attr in ["title=\"", "placeholder=\"", "aria-label=\"", "alt=\""] {
            for part in html.split(attr).skip(1) {
                let value = &part[..part.find('"').unwrap()];
                assert!(
                    value.is_empty() || value.starts_with("{{"),
                    "{name}: {attr}{value}"
                );
            }
        }
    }
}

/// The string literals of a script that read as words (a space and letters).
fn english_literals(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in script.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut inside: Option<char> = None;
        let mut lit = String::new();
        for c in code.chars() {
            match inside {
                Some(q) if c == q => {
                    if lit.contains(' ') && lit.chars().filter(|c| c.is_alphabetic()).count() > 3 {
                        out.push(lit.clone());
                    }
                    lit.clear();
                    inside = None;
                }
                Some(_) => lit.push(c),
                None if c == '"' || c == '`' => inside = Some(c),
                None => {}
            }
        }
    }
    out
}

#[test]
fn the_localized_script_holds_no_english_sentences() {
    // GIVEN the script of the localized pages WHEN its literals are read
    // THEN none is a sentence: every word comes from the catalogue
    let found = english_literals(localized_script());
    let allowed = [
        // CSS and DOM selectors, not words
        "label[for=\"totp\"]",
        "use strict",
        "Bearer ",
    ];
    let bad: Vec<_> = found
        .into_iter()
        .filter(|l| !allowed.iter().any(|a| l.contains(a)) && !l.contains("; Path=/"))
        .collect();
    assert!(
        bad.is_empty(),
        "English in web/app.js outside the catalogue: {bad:?}"
    );
}

/// Every `t("js-…")` id the script uses.
fn script_ids() -> Vec<String> {
    SCRIPT
        .split("t(\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .filter(|id| id.starts_with("js-"))
        .collect()
}

#[test]
fn every_id_the_pages_use_is_in_every_catalogue() {
    let ids = script_ids();
    assert!(ids.len() > 30, "{ids:?}");
    for locale in Locale::ALL {
        let catalogue: serde_json::Value =
            serde_json::from_str(i18n::script_catalogue(locale)).unwrap();
        for id in &ids {
            assert!(catalogue.get(id).is_some(), "{locale}: {id}");
        }
        // The error code table: one message per code the API answers with.
        for code in [
            "invalid_credentials",
            "mfa_required",
            "invalid_token",
            "password_policy",
            "too_many_attempts",
            "invalid_branding",
            "invalid_logo",
            "busy",
            "internal",
        ] {
            assert!(
                catalogue.get(format!("js-error-{code}")).is_some(),
                "{locale}: {code}"
            );
        }
        // Every policy violation code has its words.
        for v in [
            "too_short",
            "too_long",
            "common_password",
            "contains_context",
            "missing_character_classes",
            "breached_password",
            "reused_password",
        ] {
            assert!(
                catalogue.get(format!("js-violation-{v}")).is_some(),
                "{locale}: {v}"
            );
        }
        // WHEN each localized template is filled THEN no placeholder or id is left
        for (name, html) in LOCALIZED {
            let page = fill(html, locale, false);
            assert!(!page.contains("{{"), "{locale}/{name}");
            assert!(
                !page.contains(">page-") && !page.contains("\"page-"),
                "{locale}/{name}"
            );
            assert!(
                page.contains(&format!("<html lang=\"{locale}\"")),
                "{locale}/{name}"
            );
            let doc = scraper::Html::parse_document(&page);
            let html_el = doc.root_element();
            let data = html_el.value().attr("data-catalogue").unwrap();
            let parsed: serde_json::Value = serde_json::from_str(data).unwrap();
            assert_eq!(parsed["js-sign-in"], catalogue["js-sign-in"]);
            let selected = scraper::Selector::parse("#lang-switch option[selected]").unwrap();
            assert_eq!(
                doc.select(&selected)
                    .next()
                    .and_then(|o| o.value().attr("value")),
                Some(locale.as_str()),
                "{locale}/{name}"
            );
        }
    }
}

fn request(query: Option<&str>, headers: &[(&str, &str)]) -> super::ApiRequest {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        map.append(
            http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            http::HeaderValue::from_str(v).unwrap(),
        );
    }
    super::ApiRequest {
        method: http::Method::GET,
        path: "/t/acme/sign-in".into(),
        query: query.map(str::to_owned),
        headers: map,
        body: bytes::Bytes::new(),
        source_ip: None,
        iam_caller: None,
        base_url: None,
    }
}

#[test]
fn the_page_language_is_the_query_then_the_cookie_then_the_browser() {
    let al = ("accept-language", "de-AT,de;q=0.9");
    assert_eq!(page_locale(&request(None, &[al])), Some(Locale::De));
    assert_eq!(
        page_locale(&request(None, &[("accept-language", "ja-JP")])),
        Some(Locale::Ja)
    );
    assert_eq!(
        page_locale(&request(None, &[("accept-language", "xx")])),
        None
    );
    let cookie = ("cookie", "other=1; latchkey_lang=cs");
    assert_eq!(page_locale(&request(None, &[al, cookie])), Some(Locale::Cs));
    assert_eq!(
        page_locale(&request(Some("next=admin&lang=ja"), &[al, cookie])),
        Some(Locale::Ja)
    );
    assert_eq!(
        page_locale(&request(Some("lang=xx"), &[al])),
        Some(Locale::De)
    );
    // GIVEN a browser asking for Japanese WHEN the sign-in page is served
    let resp = render(
        Page::SignIn,
        &request(None, &[("accept-language", "ja-JP")]),
    );
    let body = String::from_utf8(resp.body().to_vec()).unwrap();
    // THEN it is Japanese from the first byte, and says so
    assert!(
        body.contains("<html lang=\"ja\" data-lang-fallback=\"false\""),
        "{body}"
    );
    assert!(body.contains("<h1>サインイン</h1>"), "{body}");
    assert_eq!(resp.headers()["vary"], "Accept-Language, Cookie");
    assert!(
        resp.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'self'")
    );
    // GIVEN nothing shipped is asked for THEN English, marked as a fallback
    let resp = render(Page::Forgot, &request(None, &[("accept-language", "xx")]));
    let body = String::from_utf8(resp.body().to_vec()).unwrap();
    assert!(body.contains("<html lang=\"en\" data-lang-fallback=\"true\""));
}
