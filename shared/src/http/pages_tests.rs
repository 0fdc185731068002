//! The hosted pages in every language: nothing English outside the catalogue,
//! every id the pages and their script use is in it, `<html lang>` says which.

use super::pages::{Page, asset, asset_paths, fill, page_locale, render};
use crate::domain::Locale;
use crate::domain::i18n;

/// Every page template: all of them are localized.
const LOCALIZED: [(&str, &str); 8] = [
    ("index.html", include_str!("../../../web/index.html")),
    ("sign-in.html", include_str!("../../../web/sign-in.html")),
    ("forgot.html", include_str!("../../../web/forgot.html")),
    ("reset.html", include_str!("../../../web/reset.html")),
    ("account.html", include_str!("../../../web/account.html")),
    ("admin.html", include_str!("../../../web/admin.html")),
    ("unlock.html", include_str!("../../../web/unlock.html")),
    ("report.html", include_str!("../../../web/report.html")),
];

/// The pages' own script modules (`web/js/`, embedded as assets), by path;
/// the vendored QR encoder is not ours.
fn modules() -> Vec<(&'static str, &'static str)> {
    asset_paths()
        .filter(|p| p.starts_with("js/") && p.ends_with(".js"))
        .map(|p| (p, asset(p).unwrap().body()))
        .collect()
}

/// Every module of the pages and the console, one after the other.
fn script() -> String {
    modules()
        .into_iter()
        .map(|(_, body)| body)
        .collect::<Vec<_>>()
        .join("\n")
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
fn the_script_holds_no_english_sentences() {
    // GIVEN every module of the pages and the console WHEN its literals are read
    // THEN none is a sentence: every word comes from the catalogue, and no
    // English detail of the API is matched (field errors come by `errors`)
    let found = english_literals(&script());
    assert!(!found.is_empty(), "the literals are read");
    let allowed = [
        // CSS and DOM selectors, not words
        "secondary small",
        "Bearer ",
    ];
    let bad: Vec<_> = found
        .into_iter()
        .filter(|l| !allowed.iter().any(|a| l.contains(a)) && !l.contains("; Path=/"))
        .collect();
    assert!(
        bad.is_empty(),
        "English in web/js outside the catalogue: {bad:?}"
    );
}

/// Every `t("js-…")` id the script uses.
fn script_ids() -> Vec<String> {
    script()
        .split("t(\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .filter(|id| id.starts_with("js-"))
        .collect()
}

/// Every `"js-…"` literal of the script, wherever it stands: a message id
/// (given to `t`, or kept in a table), the base of a counted message (given to
/// `tn`), or a prefix ending in `-` that an API code completes (`word`).
fn script_literal_ids() -> Vec<String> {
    script()
        .split("\"js-")
        .skip(1)
        .map(|s| format!("js-{}", &s[..s.find('"').unwrap()]))
        .collect()
}

/// The bases the script gives `tn` (a count picks `-one`, `-few` or `-other`).
fn plural_bases() -> Vec<String> {
    script()
        .split("tn(\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

#[test]
fn every_message_the_script_names_is_in_every_catalogue() {
    let literals = script_literal_ids();
    let bases = plural_bases();
    assert!(literals.len() > 100, "{literals:?}");
    assert!(bases.len() >= 6, "{bases:?}");
    for locale in Locale::ALL {
        let catalogue: serde_json::Value =
            serde_json::from_str(i18n::console_catalogue(locale)).unwrap();
        let ids = catalogue.as_object().unwrap();
        for lit in &literals {
            // GIVEN a literal of the script WHEN looked up THEN it names messages
            let known = if lit.ends_with('-') {
                ids.keys().any(|k| k.starts_with(lit.as_str()))
            } else {
                ids.contains_key(lit) || ids.contains_key(&format!("{lit}-other"))
            };
            assert!(known, "{locale}: {lit}");
        }
        // THEN each counted message has each form the script may ask for
        for base in &bases {
            for form in ["one", "few", "other"] {
                assert!(
                    ids.contains_key(&format!("{base}-{form}")),
                    "{locale}: {base}-{form}"
                );
            }
        }
        // THEN every code the API and the audit log answer with has its words
        let codes: [(&str, &[&str]); 8] = [
            ("js-role-", &["user", "admin", "owner"]),
            ("js-status-", &["active", "disabled", "pending_activation"]),
            ("js-source-", &["local", "ldap", "entra_id"]),
            ("js-badge-email-", &["bounced", "complained"]),
            ("js-email-", &["bounced", "complained"]),
            ("js-outcome-", &["success", "failure", "refused"]),
            (
                "js-permission-",
                &[
                    "users_read",
                    "users_manage",
                    "passwords_reset",
                    "passwords_set",
                    "audit_read",
                    "mfa_reset",
                ],
            ),
            (
                "js-skip-",
                &[
                    "no_email",
                    "email_undeliverable",
                    "externally_managed",
                    "account_disabled",
                    "forbidden",
                    "duplicate",
                    "not_found",
                ],
            ),
        ];
        for (prefix, values) in codes {
            for v in values {
                assert!(
                    ids.contains_key(&format!("{prefix}{v}")),
                    "{locale}: {prefix}{v}"
                );
            }
        }
    }
    // THEN Czech really has its three forms where a count is shown ("2 kódy",
    // "5 kódů"), and Japanese one
    let cs: serde_json::Value = serde_json::from_str(i18n::console_catalogue(Locale::Cs)).unwrap();
    assert_ne!(cs["js-codes-low-few"], cs["js-codes-low-other"]);
    assert_ne!(cs["js-codes-low-one"], cs["js-codes-low-few"]);
    assert!(cs["js-codes-low-few"].as_str().unwrap().contains("kódy"));
    assert!(cs["js-codes-low-other"].as_str().unwrap().contains("kódů"));
}

#[test]
fn script_messages_hold_no_selectors() {
    // GIVEN each js- message of each locale as the script gets it ({name}
    // markers) WHEN the catalogue renders it with each marker as its argument
    // THEN both read the same: a plural selector (which the script's copy
    // would silently lose) has no place there; counts go through Intl
    for locale in Locale::ALL {
        let catalogue: serde_json::Value =
            serde_json::from_str(i18n::console_catalogue(locale)).unwrap();
        for (id, raw) in catalogue.as_object().unwrap() {
            let raw = raw.as_str().unwrap();
            let names: Vec<&str> = raw
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n))
                .collect();
            let markers: Vec<String> = names.iter().map(|n| format!("{{{n}}}")).collect();
            let args: Vec<(&str, i18n::Arg<'_>)> = names
                .iter()
                .zip(&markers)
                .map(|(n, m)| (*n, i18n::Arg::Text(m.as_str())))
                .collect();
            assert_eq!(i18n::text(locale, id, &args), raw, "{locale}/{id}");
        }
    }
}

#[test]
fn a_count_in_a_page_template_picks_the_plural_form() {
    // GIVEN a placeholder with a count WHEN filled THEN the language's form
    let regen = |l: Locale, n: i64| fill(&format!("{{{{page-regen-help count={n}}}}}"), l, false);
    assert!(regen(Locale::Cs, 1).starts_with("Vytvoří 1 nový kód;"));
    assert!(regen(Locale::Cs, 2).starts_with("Vytvoří 2 nové kódy;"));
    assert!(regen(Locale::Cs, 5).starts_with("Vytvoří 5 nových kódů;"));
    assert!(regen(Locale::En, 1).starts_with("Makes a new set of 1 code;"));
    assert!(regen(Locale::En, 10).starts_with("Makes a new set of 10 codes;"));
    assert!(regen(Locale::Ja, 10).starts_with("新しいコードを 10 個"));
    // THEN the account page says its ten codes so
    let account = LOCALIZED[4].1;
    assert!(fill(account, Locale::Cs, false).contains("Vytvoří 10 nových kódů;"));
    assert!(fill(account, Locale::De, false).contains("Erzeugt 10 neue Codes;"));
}

#[test]
fn the_account_page_and_the_console_speak_the_reader_s_language() {
    // GIVEN a German browser WHEN the console and the account page are served
    let de = request(None, &[("accept-language", "de-DE,de;q=0.9")]);
    let body = |p: Page, r: &Req| {
        String::from_utf8(render(p, &r.headers, r.query.as_deref()).body().to_vec()).unwrap()
    };
    let admin = body(Page::Admin, &de);
    // THEN they are German from the first byte, and say so
    assert!(
        admin.contains("<html lang=\"de\" data-lang-fallback=\"false\""),
        "{admin}"
    );
    assert!(admin.contains("<h1>Verwaltungskonsole</h1>"));
    assert!(admin.contains("<h2 id=\"brand-h\">Erscheinungsbild und Sprache</h2>"));
    let account = body(Page::Account, &de);
    assert!(account.contains("<h1 id=\"account-h\">Ihr Konto</h1>"));
    // THEN the language choices name each language in its own words, with
    // the default first and nothing preselected (the script sets the value)
    let doc = scraper::Html::parse_document(&account);
    let options = scraper::Selector::parse("#own-locale option").unwrap();
    let own: Vec<(String, String)> = doc
        .select(&options)
        .map(|o| {
            (
                o.value().attr("value").unwrap_or("").to_owned(),
                o.text().collect(),
            )
        })
        .collect();
    assert_eq!(own.len(), 1 + Locale::ALL.len());
    assert_eq!(own[0], (String::new(), "Standard der Organisation".into()));
    assert!(own.contains(&("ja".into(), "日本語".into())));
    assert!(own.contains(&("cs".into(), "Čeština".into())));
    let selected = scraper::Selector::parse("#own-locale option[selected]").unwrap();
    assert_eq!(doc.select(&selected).count(), 0);
    // GIVEN a Japanese browser on the console THEN Japanese
    let ja = request(None, &[("accept-language", "ja-JP")]);
    assert!(body(Page::Admin, &ja).contains("<h1>管理コンソール</h1>"));
    // GIVEN the switcher's cookie THEN it wins over the browser
    let cookie = request(
        None,
        &[("accept-language", "ja-JP"), ("cookie", "latchkey_lang=cs")],
    );
    assert!(body(Page::Account, &cookie).contains("<html lang=\"cs\""));
    // GIVEN nothing shipped asked for THEN English, marked as a fallback (the
    // script then moves to the tenant's default)
    let xx = request(None, &[("accept-language", "xx")]);
    assert!(body(Page::Admin, &xx).contains("<html lang=\"en\" data-lang-fallback=\"true\""));
}

#[test]
fn only_the_console_s_page_carries_the_console_s_words() {
    // GIVEN the sign-in page and the console WHEN each is filled
    let catalogue = |html: &str| -> serde_json::Value {
        let page = fill(html, Locale::En, false);
        let doc = scraper::Html::parse_document(&page);
        serde_json::from_str(doc.root_element().value().attr("data-catalogue").unwrap()).unwrap()
    };
    let sign_in = catalogue(LOCALIZED[1].1);
    let console = catalogue(LOCALIZED[5].1);
    // THEN both have the pages' words, only the console its own
    assert_eq!(sign_in["js-sign-in"], console["js-sign-in"]);
    assert!(console.get("js-audit-show-codes").is_some());
    assert!(sign_in.get("js-audit-show-codes").is_none());
    assert!(sign_in.as_object().unwrap().len() + 100 < console.as_object().unwrap().len());
}

#[test]
fn every_id_the_pages_use_is_in_every_catalogue() {
    let ids = script_ids();
    assert!(ids.len() > 30, "{ids:?}");
    for locale in Locale::ALL {
        let catalogue: serde_json::Value =
            serde_json::from_str(i18n::console_catalogue(locale)).unwrap();
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
            "invalid_settings",
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
            // THEN no variable is left unfilled either (a `{$count}` would mean a
            // placeholder without the number its message needs)
            assert!(
                !page.contains("{$") && !page.contains("{ $"),
                "{locale}/{name}"
            );
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

struct Req {
    headers: http::HeaderMap,
    query: Option<String>,
}

fn locale_of(r: &Req) -> Option<Locale> {
    page_locale(&r.headers, r.query.as_deref())
}

fn request(query: Option<&str>, headers: &[(&str, &str)]) -> Req {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        map.append(
            http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            http::HeaderValue::from_str(v).unwrap(),
        );
    }
    Req {
        headers: map,
        query: query.map(str::to_owned),
    }
}

#[test]
fn the_page_language_is_the_query_then_the_cookie_then_the_browser() {
    let al = ("accept-language", "de-AT,de;q=0.9");
    assert_eq!(locale_of(&request(None, &[al])), Some(Locale::De));
    assert_eq!(
        locale_of(&request(None, &[("accept-language", "ja-JP")])),
        Some(Locale::Ja)
    );
    assert_eq!(
        locale_of(&request(None, &[("accept-language", "xx")])),
        None
    );
    let cookie = ("cookie", "other=1; latchkey_lang=cs");
    assert_eq!(locale_of(&request(None, &[al, cookie])), Some(Locale::Cs));
    assert_eq!(
        locale_of(&request(Some("next=admin&lang=ja"), &[al, cookie])),
        Some(Locale::Ja)
    );
    assert_eq!(
        locale_of(&request(Some("lang=xx"), &[al])),
        Some(Locale::De)
    );
    // GIVEN a browser asking for Japanese WHEN the sign-in page is served
    let resp = render_req(
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
    let resp = render_req(Page::Forgot, &request(None, &[("accept-language", "xx")]));
    let body = String::from_utf8(resp.body().to_vec()).unwrap();
    assert!(body.contains("<html lang=\"en\" data-lang-fallback=\"true\""));
}

/// The modules `module` imports (`import ... from "./x.js"`, `import "./x.js"`),
/// as paths under `web/`, resolved from the module's own directory.
fn imports(module: &str, body: &str) -> Vec<String> {
    let dir: Vec<&str> =
        module.split('/').collect::<Vec<_>>()[..module.matches('/').count()].to_vec();
    body.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("import "))
        .map(|l| {
            let spec = l.rsplit('"').nth(1).unwrap();
            let mut path: Vec<&str> = dir.clone();
            for part in spec.split('/') {
                match part {
                    "." => {}
                    ".." => {
                        path.pop().unwrap();
                    }
                    p => path.push(p),
                }
            }
            path.join("/")
        })
        .collect()
}

/// Every module a page's entry loads, itself included.
fn closure(entry: &str) -> std::collections::BTreeSet<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = vec![entry.to_owned()];
    while let Some(m) = todo.pop() {
        if seen.insert(m.clone()) {
            let body = asset(&m).unwrap_or_else(|| panic!("{m} is imported but not embedded"));
            todo.extend(imports(&m, body.body()));
        }
    }
    seen
}

#[test]
fn each_page_loads_its_own_module_and_only_the_console_loads_the_console() {
    for (name, html) in LOCALIZED {
        // GIVEN a page template WHEN its scripts are read
        let page = name.trim_end_matches(".html");
        let prefix = if page == "index" {
            "assets/"
        } else {
            "../../assets/"
        };
        let entry = format!("<script type=\"module\" src=\"{prefix}js/pages/{page}.js\"></script>");
        // THEN it loads exactly its own entry module, as a module, and (the
        // account page) the vendored QR encoder; nothing inline
        assert!(html.contains(&entry), "{name}");
        let scripts = html.matches("<script").count();
        let qr = html.contains("<script src=\"../../assets/qrcode.js\"></script>");
        assert_eq!(scripts, 1 + usize::from(qr), "{name}");
        assert_eq!(qr, page == "account", "{name}");
        // THEN every module it reaches is embedded, and only the console
        // reaches the console's views, only the account page its MFA code
        let reached = closure(&format!("js/pages/{page}.js"));
        for m in &reached {
            assert!(
                !m.starts_with("js/admin/") || page == "admin",
                "{name} loads {m}"
            );
            assert!(
                !m.starts_with("js/account/") || page == "account",
                "{name} loads {m}"
            );
            assert!(
                !m.starts_with("js/pages/") || *m == format!("js/pages/{page}.js"),
                "{name} loads {m}"
            );
        }
    }
    // THEN the sign-in page's code is a few small modules
    let sign_in = closure("js/pages/sign-in.js");
    assert!(
        sign_in
            .iter()
            .all(|m| m.starts_with("js/lib/") || m == "js/pages/sign-in.js"),
        "{sign_in:?}"
    );
}

#[test]
fn every_module_is_reached_by_a_page_and_none_is_over_600_lines() {
    // GIVEN the entries of every page WHEN their imports are followed
    let reached: std::collections::BTreeSet<String> = LOCALIZED
        .iter()
        .flat_map(|(name, _)| closure(&format!("js/pages/{}.js", name.trim_end_matches(".html"))))
        .collect();
    for (path, body) in modules() {
        // THEN no module is dead weight, and none grows past a screenful of screens
        assert!(reached.contains(path), "{path} is loaded by no page");
        assert!(body.lines().count() <= 600, "{path}");
    }
    assert!(reached.len() >= 15, "{reached:?}");
}

fn render_req(page: Page, r: &Req) -> http::Response<bytes::Bytes> {
    render(page, &r.headers, r.query.as_deref())
}
