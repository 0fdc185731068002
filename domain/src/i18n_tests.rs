//! The catalogues, plural rules, negotiation and localized, branded mails.

use std::collections::BTreeSet;

use super::i18n::{self, Locale, accept_language, duration, lookup, negotiate};
use super::*;

fn at(s: i64) -> Instant {
    time::OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
}

/// The variables a catalogue's messages reference, by message id: both of a
/// locale's files (the pages' and mails', the console's) as one catalogue.
fn variables(locale: Locale) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let mut all = variables_in(locale, "");
    all.extend(variables_in(locale, "console/"));
    all
}

/// The variables of one of a locale's files (`dir`: "" or "console/").
fn variables_in(locale: Locale, dir: &str) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                expr(expression, out);
            }
        }
    }
    fn expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern(&v.value, out);
                }
            }
        }
    }
    fn inline(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match i {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            InlineExpression::Placeable { expression } => expr(expression, out),
            _ => {}
        }
    }
    let source = std::fs::read_to_string(format!(
        "{}/locales/{dir}{locale}.ftl",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{dir}{locale}.ftl does not parse: {errors:?}"));
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern(p, &mut vars);
                }
                Some((m.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_locale_has_exactly_the_ids_of_english_and_parses() {
    // GIVEN the reference catalogue
    let en: BTreeSet<String> = variables(Locale::En).into_keys().collect();
    assert!(en.len() > 30, "{en:?}");
    for locale in Locale::ALL {
        // WHEN another catalogue is read
        let ids: BTreeSet<String> = variables(locale).into_keys().collect();
        // THEN it has every id of English, and nothing English lacks
        let missing: Vec<_> = en.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&en).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale} has ids English lacks: {extra:?}"
        );
        assert_eq!(i18n::message_ids(locale).len(), en.len(), "{locale}");
    }
}

#[test]
fn the_console_s_messages_are_its_own() {
    for locale in Locale::ALL {
        // GIVEN a locale's two files WHEN their ids are compared
        let pages: BTreeSet<String> = variables_in(locale, "").into_keys().collect();
        let console: BTreeSet<String> = variables_in(locale, "console/").into_keys().collect();
        // THEN none is in both (the second would be dropped), and the
        // console's file holds the console's words
        assert!(console.len() > 100, "{locale}");
        let both: Vec<_> = pages.intersection(&console).collect();
        assert!(both.is_empty(), "{locale}: in both files: {both:?}");
        assert!(
            console
                .iter()
                .all(|id| id.starts_with("js-") || id.starts_with("page-")),
            "{locale}"
        );
    }
}

#[test]
fn no_translation_uses_a_variable_english_does_not() {
    // GIVEN the variables each English message is rendered with (its callers
    // supply exactly those: the mail tests below render every message of every
    // locale, and rendering asserts that no variable was missing)
    let en = variables(Locale::En);
    for locale in Locale::ALL {
        // WHEN a translation is read THEN it needs no variable beyond English's
        for (id, vars) in variables(locale) {
            let allowed = en.get(&id).cloned().unwrap_or_default();
            let unknown: Vec<_> = vars.difference(&allowed).collect();
            assert!(unknown.is_empty(), "{locale}/{id} uses {unknown:?}");
        }
    }
}

#[test]
fn durations_have_the_plural_forms_of_each_language() {
    let hours = |l: Locale| -> Vec<String> {
        [1, 2, 5, 21]
            .into_iter()
            .map(|n| duration(l, n * 3600))
            .collect()
    };
    // GIVEN 1, 2, 5 and 21 hours WHEN said in words THEN each language's forms
    assert_eq!(
        hours(Locale::Cs),
        ["1 hodina", "2 hodiny", "5 hodin", "21 hodin"]
    );
    assert_eq!(
        hours(Locale::En),
        ["1 hour", "2 hours", "5 hours", "21 hours"]
    );
    assert_eq!(hours(Locale::Ja), ["1時間", "2時間", "5時間", "21時間"]);
    assert_eq!(
        hours(Locale::De),
        ["1 Stunde", "2 Stunden", "5 Stunden", "21 Stunden"]
    );
    let minutes = |l: Locale| -> Vec<String> {
        [1, 2, 5, 21]
            .into_iter()
            .map(|n| duration(l, n * 60))
            .collect()
    };
    assert_eq!(
        minutes(Locale::Cs),
        ["1 minuta", "2 minuty", "5 minut", "21 minut"]
    );
    assert_eq!(
        minutes(Locale::En),
        ["1 minute", "2 minutes", "5 minutes", "21 minutes"]
    );
    assert_eq!(minutes(Locale::Ja), ["1分", "2分", "5分", "21分"]);
    // A day is said in hours ("valid for 24 hours"), whole days beyond that.
    assert_eq!(duration(Locale::En, 86_400), "24 hours");
    assert_eq!(duration(Locale::Cs, 2 * 86_400), "2 dny");
    assert_eq!(duration(Locale::Cs, 5 * 86_400), "5 dní");
    // A part of a minute rounds up: a link never lasts less than it says.
    assert_eq!(duration(Locale::En, 61), "2 minutes");
    assert_eq!(duration(Locale::En, 0), "1 minute");
}

#[test]
fn accept_language_is_looked_up_among_the_shipped_locales() {
    let pick = |h: &str| lookup(&accept_language(h));
    // GIVEN browsers' headers WHEN looked up (RFC 4647) THEN the shipped locale
    assert_eq!(pick("de-AT,de;q=0.9"), Some(Locale::De));
    assert_eq!(pick("ja-JP"), Some(Locale::Ja));
    assert_eq!(pick("xx"), None);
    assert_eq!(pick("xx, cs;q=0.5"), Some(Locale::Cs));
    // q-values order the choices, whatever their position; q=0 refuses one
    assert_eq!(pick("en;q=0.2, fr-CA;q=0.8"), Some(Locale::Fr));
    assert_eq!(pick("es;q=0, ja;q=0.1"), Some(Locale::Ja));
    assert_eq!(pick("*"), None);
    assert_eq!(pick(""), None);
    assert_eq!(pick(";;;,,q=9"), None);
}

#[test]
fn the_page_language_follows_the_contract_order() {
    let de = Some(Locale::De);
    // GIVEN a tenant whose default is Czech
    let t = Locale::Cs;
    // THEN an unknown browser language falls back to the tenant's default
    assert_eq!(negotiate(None, None, Some("xx"), t), Locale::Cs);
    assert_eq!(negotiate(None, None, None, t), Locale::Cs);
    // THEN the browser's language wins over the default
    assert_eq!(negotiate(None, None, Some("de-AT,de;q=0.9"), t), Locale::De);
    assert_eq!(negotiate(None, None, Some("ja-JP"), t), Locale::Ja);
    // THEN the user's own locale wins over the browser's
    assert_eq!(negotiate(None, de, Some("ja-JP"), t), Locale::De);
    // THEN ?lang= wins over everything; an unshipped one falls through
    assert_eq!(negotiate(Some("ja"), de, Some("fr"), t), Locale::Ja);
    assert_eq!(negotiate(Some("es-MX"), de, None, t), Locale::Es);
    assert_eq!(negotiate(Some("xx"), de, None, t), Locale::De);
    assert_eq!(negotiate(Some("<script>"), None, None, t), Locale::Cs);
}

#[test]
fn locales_parse_only_shipped_tags() {
    assert_eq!(Locale::parse("de"), Some(Locale::De));
    assert_eq!(Locale::parse("JA"), Some(Locale::Ja));
    assert_eq!(Locale::parse("de-AT"), None);
    assert_eq!(Locale::parse("xx"), None);
    let l: Result<Locale, _> = serde_json::from_value(serde_json::json!("pt"));
    assert!(l.is_err());
    assert_eq!(
        serde_json::to_value(Locale::Cs).unwrap(),
        serde_json::json!("cs")
    );
}

// ---------------------------------------------------------------- mails

const LINK: &str = "https://x.test/t/acme/reset#token=abc_DEF-123&x";

fn branded(name: &str) -> Tenant {
    Tenant {
        id: TenantId::parse("acme").unwrap(),
        name: "acme-internal".into(),
        settings: Settings {
            branding: Branding {
                display_name: Some(name.into()),
                primary_color: Some("#0b5394".into()),
                support_contact: Some(SupportContact {
                    email: Some("help@acme.test".into()),
                    phone: Some("+49 30 1234567".into()),
                    url: Some("https://help.acme.test/".into()),
                }),
                email_from_name: Some("Acme Support".into()),
            },
            ..Settings::default()
        },
        logo: Some(LogoType::Png),
    }
}

fn ctx(t: &Tenant, locale: Locale) -> MailContext<'_> {
    MailContext {
        tenant: t,
        from: "no-reply@x.test",
        logo_url: Some("https://x.test/t/acme/logo".into()),
        now: at(0),
        locale,
    }
}

const UNLOCK: &str = "https://x.test/t/acme/unlock#token=abc";
const ACCOUNT: &str = "https://x.test/t/acme/account";

#[test]
fn an_expiry_reminder_counts_its_days_in_the_reader_s_language() {
    let t = branded("Acme Corp");
    let subject = |l: Locale, days: u16| {
        ctx(&t, l)
            .password_expiry_reminder("a@x.test", "alice", days, ACCOUNT)
            .subject
    };
    assert_eq!(
        subject(Locale::En, 14),
        "Your Acme Corp password expires in 14 days"
    );
    assert_eq!(
        subject(Locale::En, 1),
        "Your Acme Corp password expires in 1 day"
    );
    assert!(
        subject(Locale::Cs, 3).ends_with("za 3 dny"),
        "{}",
        subject(Locale::Cs, 3)
    );
    assert!(
        subject(Locale::De, 1).contains("noch 1 Tag"),
        "{}",
        subject(Locale::De, 1)
    );
    let m = ctx(&t, Locale::En).password_expiry_reminder("a@x.test", "alice", 3, ACCOUNT);
    assert_eq!(m.kind, MailKind::PasswordExpiryReminder);
    assert_eq!(
        serde_json::to_value(m.kind).unwrap(),
        "password_expiry_reminder"
    );
}

/// Every kind of mail, with the link it carries (if any).
fn every_mail(c: &MailContext<'_>) -> Vec<(Email, Option<&'static str>)> {
    let to = "alice@acme.test";
    let mut mails = vec![
        (
            c.reset_link(
                to,
                "alice",
                LINK,
                at(3600),
                MailKind::PasswordReset,
                AskedBy::Themselves,
            ),
            Some(LINK),
        ),
        (
            c.reset_link(
                to,
                "alice",
                LINK,
                at(3600),
                MailKind::PasswordReset,
                AskedBy::Admin("adam"),
            ),
            Some(LINK),
        ),
        (
            c.reset_link(
                to,
                "alice",
                LINK,
                at(3600),
                MailKind::PasswordReset,
                AskedBy::Bulk("adam"),
            ),
            Some(LINK),
        ),
        (
            c.reset_link(
                to,
                "alice",
                LINK,
                at(3600),
                MailKind::PasswordReset,
                AskedBy::Support { ticket: "T-42" },
            ),
            Some(LINK),
        ),
        (
            c.reset_link(
                to,
                "alice",
                LINK,
                at(86_400),
                MailKind::Activation,
                AskedBy::Themselves,
            ),
            Some(LINK),
        ),
        (
            c.reset_link(
                to,
                "alice",
                LINK,
                at(86_400),
                MailKind::Activation,
                AskedBy::Admin("adam"),
            ),
            Some(LINK),
        ),
        (c.contact_admin(to, "alice"), None),
        (c.link_sent_elsewhere(to, "alice"), None),
        (
            c.account_locked(to, "alice", UNLOCK, at(3600)),
            Some(UNLOCK),
        ),
        (c.password_changed(to, "alice"), None),
        (
            c.password_expiry_reminder(to, "alice", 14, ACCOUNT),
            Some(ACCOUNT),
        ),
        (
            c.password_expiry_reminder(to, "alice", 1, ACCOUNT),
            Some(ACCOUNT),
        ),
        (c.account_reported(to, "alice", None), None),
    ];
    let by = [
        AskedBy::Themselves,
        AskedBy::Admin("adam"),
        AskedBy::Bulk("adam"),
        AskedBy::Support { ticket: "T-42" },
    ];
    for change in changes() {
        for by in by {
            let notice = ChangeNotice {
                by,
                report: Some((REPORT, at(7 * 86_400))),
            };
            mails.push((
                c.credential_changed(to, "alice", change, notice),
                Some(REPORT),
            ));
        }
        mails.push((c.account_reported(to, "alice", Some(change.kind())), None));
    }
    mails
}

const REPORT: &str = "https://x.test/t/acme/report#token=abc";

/// Every change to an account's credentials a mail tells of.
fn changes() -> [Change<'static>; 6] {
    [
        Change::Password,
        Change::MfaOn,
        Change::MfaOff,
        Change::Email {
            new_masked: "b***@e***.test",
        },
        Change::RecoveryCodeUsed { left: 1 },
        Change::RecoveryCodeUsed { left: 5 },
    ]
}

#[test]
fn every_kind_in_every_locale_is_complete_translated_and_branded() {
    let ids: Vec<String> = i18n::message_ids(Locale::En);
    let t = branded("Acme Corp");
    let mut kinds = BTreeSet::new();
    for locale in Locale::ALL {
        // GIVEN a branded tenant WHEN each kind is rendered in the locale
        for (m, link) in every_mail(&ctx(&t, locale)) {
            kinds.insert(format!("{:?}", m.kind));
            let what = format!("{locale}/{:?}", m.kind);
            assert_eq!(m.locale, locale, "{what}");
            // THEN the link is there exactly once, verbatim in the text and
            // escaped in the HTML's button
            if let Some(link) = link {
                assert_eq!(m.text.matches(link).count(), 1, "{what}: {}", m.text);
                let escaped = link.replace('&', "&amp;");
                assert_eq!(m.html.matches(&escaped).count(), 1, "{what}: {}", m.html);
            } else {
                assert!(!m.text.contains("https://x.test/t/"), "{what}");
            }
            // THEN the tenant's name, support contact and sender name are in it
            for part in [&m.subject, &m.text, &m.html] {
                assert!(part.contains("Acme Corp"), "{what}: {part}");
            }
            for part in [&m.text, &m.html] {
                assert!(part.contains("help@acme.test"), "{what}");
                assert!(part.contains("+49 30 1234567"), "{what}");
            }
            assert_eq!(m.from, "\"Acme Support\" <no-reply@x.test>");
            assert!(m.html.contains("#0b5394"), "{what}");
            assert!(
                m.html.contains(r#"<img src="https://x.test/t/acme/logo""#),
                "{what}"
            );
            assert!(
                m.html.contains(&format!("<html lang=\"{locale}\">")),
                "{what}"
            );
            // THEN no message id is left untranslated
            for id in &ids {
                for part in [&m.subject, &m.text, &m.html] {
                    assert!(!part.contains(id.as_str()), "{what} shows {id}");
                }
            }
            assert!(!m.text.contains('{') && !m.html.contains("{ $"), "{what}");
            // THEN the HTML parses cleanly
            let doc = scraper::Html::parse_document(&m.html);
            assert!(doc.errors.is_empty(), "{what}: {:?}", doc.errors);
        }
    }
    assert_eq!(kinds.len(), 11, "{kinds:?}");
}

#[test]
fn texts_differ_by_language() {
    let t = branded("Acme Corp");
    let subjects: BTreeSet<String> = Locale::ALL
        .into_iter()
        .map(|l| ctx(&t, l).password_changed("a@x.test", "alice").subject)
        .collect();
    assert_eq!(subjects.len(), Locale::ALL.len());
    let ja = ctx(&t, Locale::Ja).reset_link(
        "a@x.test",
        "alice",
        LINK,
        at(86_400),
        MailKind::PasswordReset,
        AskedBy::Themselves,
    );
    assert!(ja.text.contains("24時間"), "{}", ja.text);
    let cs = ctx(&t, Locale::Cs).reset_link(
        "a@x.test",
        "alice",
        LINK,
        at(7200),
        MailKind::PasswordReset,
        AskedBy::Themselves,
    );
    assert!(cs.text.contains("2 hodiny"), "{}", cs.text);
    let en = ctx(&t, Locale::En).credential_changed(
        "a@x.test",
        "alice",
        Change::RecoveryCodeUsed { left: 1 },
        ChangeNotice {
            by: AskedBy::Themselves,
            report: None,
        },
    );
    assert!(en.text.contains("1 of your codes is left"), "{}", en.text);
}

#[test]
fn a_tenant_name_with_markup_is_escaped_in_the_html() {
    // GIVEN a display name that is markup
    let t = branded("<b>Acme</b>");
    for locale in Locale::ALL {
        for (m, _) in every_mail(&ctx(&t, locale)) {
            // WHEN the HTML is parsed THEN the name is text, not a <b> element
            let doc = scraper::Html::parse_document(&m.html);
            let bold = scraper::Selector::parse("b").unwrap();
            assert_eq!(doc.select(&bold).count(), 0, "{locale}/{:?}", m.kind);
            let text: String = doc.root_element().text().collect();
            assert!(text.contains("<b>Acme</b>"), "{locale}/{:?}", m.kind);
            assert!(m.text.contains("<b>Acme</b>"));
        }
    }
}

#[test]
fn without_a_brand_the_tenant_name_and_plain_sender_are_used() {
    let t = Tenant {
        id: TenantId::parse("acme").unwrap(),
        name: "Acme".into(),
        settings: Settings::default(),
        logo: None,
    };
    let c = MailContext {
        logo_url: None,
        ..ctx(&t, Locale::En)
    };
    let m = c.password_changed("a@x.test", "alice");
    assert_eq!(m.subject, "Your Acme password was changed");
    assert_eq!(m.from, "\"Acme\" <no-reply@x.test>");
    assert!(!m.html.contains("<img"));
    assert!(m.html.contains(DEFAULT_BRAND_COLOR));
}

#[test]
fn sender_names_are_quoted_or_encoded_never_raw() {
    assert_eq!(from_mailbox(None, "n@x.test"), "n@x.test");
    assert_eq!(from_mailbox(Some(" "), "n@x.test"), "n@x.test");
    assert_eq!(
        from_mailbox(Some("A \"B\""), "n@x.test"),
        "\"A \\\"B\\\"\" <n@x.test>"
    );
    // Non-ASCII is an RFC 2047 encoded word (what SES asks for)
    let ja = from_mailbox(Some("アクメ"), "n@x.test");
    assert!(
        ja.starts_with("=?utf-8?B?") && ja.ends_with("?= <n@x.test>"),
        "{ja}"
    );
    // A line break cannot start another header
    assert_eq!(
        from_mailbox(Some("A\r\nBcc: x"), "n@x.test"),
        "\"ABcc: x\" <n@x.test>"
    );
}

// ---------------------------------------------------------------- branding

fn brand_with_color(c: &str) -> Branding {
    Branding {
        primary_color: Some(c.into()),
        ..Branding::default()
    }
}

#[test]
fn a_colour_needs_aa_contrast_with_white_text_unrounded() {
    // GIVEN colours either side of 4.5:1 WHEN validated THEN dark ones pass
    assert!(brand_with_color("#767676").validate().is_ok()); // 4.54:1
    assert!(brand_with_color("#1f3d8a").validate().is_ok());
    assert!(brand_with_color("#000000").validate().is_ok());
    assert!(brand_with_color("#777777").validate().is_err()); // 4.48:1
    assert!(brand_with_color("#ffffff").validate().is_err());
    assert!(brand_with_color("#ffcc00").validate().is_err());
    let r = contrast_with_white([0x77, 0x77, 0x77]);
    assert!(r > 4.47 && r < 4.5, "{r}");
    assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
    for bad in [
        "red",
        "#fff",
        "#12345g",
        "123456",
        "#1234567",
        "#１２３４５６",
    ] {
        assert!(brand_with_color(bad).validate().is_err(), "{bad}");
    }
}

/// A brand with only a support contact.
fn contact(email: Option<&str>, phone: Option<&str>, url: Option<&str>) -> Branding {
    Branding {
        support_contact: Some(SupportContact {
            email: email.map(Into::into),
            phone: phone.map(Into::into),
            url: url.map(Into::into),
        }),
        ..Branding::default()
    }
}

#[test]
fn contacts_and_names_are_checked() {
    assert!(
        contact(
            Some("a@b.test"),
            Some("+1 (555) 123-4567"),
            Some("https://x.test/help")
        )
        .validate()
        .is_ok()
    );
    assert!(contact(Some("nope"), None, None).validate().is_err());
    assert!(contact(None, Some("call me"), None).validate().is_err());
    assert!(
        contact(None, None, Some("javascript:alert(1)"))
            .validate()
            .is_err()
    );
    assert!(
        contact(None, None, Some("data:text/html,x"))
            .validate()
            .is_err()
    );
    let name = |n: &str| Branding {
        email_from_name: Some(n.into()),
        ..Branding::default()
    };
    assert!(name("Acme Support").validate().is_ok());
    assert!(name("Acme\r\nBcc: evil@x.test").validate().is_err());
    assert!(name(&"x".repeat(65)).validate().is_err());
    // GIVEN a name of exactly 64 characters (multi-byte ones count once)
    // THEN it passes, as a display name too
    assert!(name(&"é".repeat(64)).validate().is_ok());
    let display = |n: &str| Branding {
        display_name: Some(n.into()),
        ..Branding::default()
    };
    assert!(display(&"x".repeat(64)).validate().is_ok());
    assert!(display(&"x".repeat(65)).validate().is_err());
    assert!(display("Acme\nSupport").validate().is_err());
}

/// Issue 22, sender spoofing: a name that carries an address, quotes or a
/// bidi override could pose as another sender in the From line or subject.
#[test]
fn names_are_names_not_addresses() {
    for field in ["email_from_name", "display_name"] {
        let brand = |n: &str| {
            let mut b = Branding::default();
            if field == "display_name" {
                b.display_name = Some(n.into());
            } else {
                b.email_from_name = Some(n.into());
            }
            b
        };
        // GIVEN the attack's name and its variants THEN each is refused
        for bad in [
            "PayPal Security <service@paypal.com>",
            "service@paypal.com",
            "PayPal \"Security\"",
            "Acme >",
            "Acme \u{202E}gnp.exe",
            "Acme \u{2066}x\u{2069}",
            "Acme \u{200F}",
            "Acme\u{0007}",
        ] {
            assert!(brand(bad).validate().is_err(), "{field}: {bad:?}");
        }
        // GIVEN ordinary names, in other scripts too THEN they pass
        for ok in [
            "Acme Support",
            "Müller & Söhne",
            "株式会社アクメ",
            "O'Brien (EU)",
        ] {
            assert_eq!(brand(ok).validate(), Ok(()), "{field}: {ok:?}");
        }
    }
}

#[test]
fn each_part_of_a_support_email_is_required() {
    let email = |e: &str| contact(Some(e), None, None);
    // GIVEN an address missing its local part, its domain, or with a space
    // WHEN validated THEN each is refused on its own
    const NOT_EMAIL: Result<(), InvalidBranding> = Err(InvalidBranding::SUPPORT_EMAIL);
    assert_eq!(email("@b.test").validate(), NOT_EMAIL);
    assert_eq!(email("a@").validate(), NOT_EMAIL);
    assert_eq!(email("a b@c.test").validate(), NOT_EMAIL);
    assert_eq!(email("ab@c.test ").validate(), NOT_EMAIL);
    assert_eq!(email("ab@c.test").validate(), Ok(()));
    // GIVEN the length bounds THEN 254 characters pass and 255 do not
    let long = format!("{}@b.test", "a".repeat(247));
    assert_eq!(long.len(), 254);
    assert_eq!(email(&long).validate(), Ok(()));
    assert!(email(&format!("a{long}")).validate().is_err());
}

#[test]
fn a_support_phone_needs_a_digit_and_only_dialling_characters() {
    let phone = |p: &str| contact(None, Some(p), None);
    const BAD: Result<(), InvalidBranding> = Err(InvalidBranding::SUPPORT_PHONE);
    // GIVEN punctuation with no digit THEN refused, though every character is allowed
    assert_eq!(phone("+ () -.").validate(), BAD);
    // GIVEN digits with a letter THEN refused, though it has a digit
    assert_eq!(phone("555 CALL").validate(), BAD);
    assert_eq!(phone("+49 (30) 123-45.6").validate(), Ok(()));
    // GIVEN 40 characters THEN it passes; 41 do not
    assert_eq!(phone(&"1".repeat(40)).validate(), Ok(()));
    assert!(phone(&"1".repeat(41)).validate().is_err());
}

#[test]
fn a_support_url_is_a_web_address_without_spaces() {
    let url = |u: &str| contact(None, None, Some(u));
    assert_eq!(url("HTTPS://x.test/help").validate(), Ok(()));
    assert_eq!(url("http://x.test/").validate(), Ok(()));
    assert!(url("https://x.test/a b").validate().is_err());
    assert!(url("ftp://x.test/").validate().is_err());
    let long = format!("https://x.test/{}", "a".repeat(2000 - 15));
    assert_eq!(long.len(), 2000);
    assert_eq!(url(&long).validate(), Ok(()));
    assert!(url(&format!("{long}a")).validate().is_err());
}

// ---------------------------------------------------------------- logos

/// A 1×1 transparent PNG.
pub(crate) const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[test]
fn logos_are_told_by_their_bytes() {
    // GIVEN a real PNG THEN it is a PNG
    assert_eq!(check_logo(PNG_1X1), Ok(LogoType::Png));
    // GIVEN an SVG, a text file (whatever its name), a truncated PNG header,
    // an oversized image THEN each is refused
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    assert!(check_logo(svg).is_err());
    assert!(check_logo(b"just some text, renamed to logo.png").is_err());
    assert!(check_logo(&PNG_1X1[..12]).is_err());
    let mut big = PNG_1X1.to_vec();
    big.resize(MAX_LOGO_BYTES + 1, 0);
    assert_eq!(check_logo(&big), Err(InvalidLogo::TOO_LARGE));
    assert!(check_logo(b"").is_err());
}

#[test]
fn q_values_rank_and_refuse_languages() {
    let ids = |h: &str| {
        accept_language(h)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    // GIVEN q-values that differ in the first decimal WHEN ranked THEN the
    // higher comes first, whatever the order written
    assert_eq!(ids("fr;q=0.5, de;q=0.8"), ["de", "fr"]);
    assert_eq!(ids("fr;q=0.51, de;q=0.52"), ["de", "fr"]);
    // GIVEN equal q-values THEN the order written decides
    assert_eq!(ids("fr;q=0.5, de;q=0.5, ja"), ["ja", "fr", "de"]);
    // GIVEN q=0 THEN that language is refused, and the wildcard never ranks
    assert_eq!(ids("de;q=0, fr"), ["fr"]);
    assert_eq!(ids("de;q=0.0"), Vec::<String>::new());
    assert_eq!(ids("*, de;q=0.1"), ["de"]);
    assert_eq!(ids("*;q=0.5"), Vec::<String>::new());
    // GIVEN an out-of-range or unreadable q THEN that entry is dropped
    assert_eq!(ids("de;q=1.5, fr;q=abc, ja;q=-0.1, es"), ["es"]);
    assert_eq!(ids("de;q=1, fr;q=0.999"), ["de", "fr"]);
    // GIVEN a header of more than 32 entries THEN only the first 32 count
    let long = format!("{}ja", "xx, ".repeat(32));
    assert_eq!(ids(&long).len(), 32);
    assert!(!ids(&long).contains(&"ja".to_owned()));
}

#[test]
fn the_page_script_catalogue_holds_its_locale_s_js_messages() {
    for l in Locale::ALL {
        // GIVEN a locale WHEN its script catalogue is built
        let json: serde_json::Value = serde_json::from_str(i18n::script_catalogue(l)).unwrap();
        let messages = json.as_object().unwrap();
        // THEN it holds every js- message of the pages and nothing else (the
        // console's own messages go to the console's page only)
        let expected: BTreeSet<String> = variables_in(Locale::En, "")
            .into_keys()
            .filter(|id| id.starts_with("js-"))
            .collect();
        assert!(expected.len() > 20, "{l}");
        assert_eq!(
            messages.keys().cloned().collect::<BTreeSet<_>>(),
            expected,
            "{l}"
        );
        // THEN the console's holds every js- message of both files
        let console: serde_json::Value = serde_json::from_str(i18n::console_catalogue(l)).unwrap();
        let all: BTreeSet<String> = i18n::message_ids(Locale::En)
            .into_iter()
            .filter(|id| id.starts_with("js-"))
            .collect();
        assert!(all.len() > expected.len() + 100, "{l}");
        assert_eq!(
            console
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<BTreeSet<_>>(),
            all,
            "{l}"
        );
        // THEN in the locale's own words, variables as {name} markers
        let text = |id: &str| messages[id].as_str().unwrap().to_owned();
        assert_eq!(
            text("js-error-not_found"),
            i18n::text(l, "js-error-not_found", &[]),
            "{l}"
        );
        assert!(text("js-violation-too_short").contains("{min}"), "{l}");
        assert!(!text("js-violation-too_short").contains('$'), "{l}");
    }
    let de: serde_json::Value = serde_json::from_str(i18n::script_catalogue(Locale::De)).unwrap();
    assert_eq!(
        de["js-violation-too_short"],
        "Verwenden Sie mindestens {min} Zeichen."
    );
}

/// A PNG header claiming `width`×`height` (the decoder reads only the header).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut p = PNG_1X1.to_vec();
    p[16..20].copy_from_slice(&width.to_be_bytes());
    p[20..24].copy_from_slice(&height.to_be_bytes());
    p
}

/// A JPEG whose first frame header says `width`×`height`.
fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    j.extend_from_slice(&height.to_be_bytes());
    j.extend_from_slice(&width.to_be_bytes());
    j.extend_from_slice(&[0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
    j
}

/// An extended-format WebP of `width`×`height`.
fn webp(width: u32, height: u32) -> Vec<u8> {
    let mut w = b"RIFF\x16\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
    w.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
    w.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
    w
}

#[test]
fn a_logo_is_a_png_jpeg_or_webp_of_sane_size() {
    const TYPE: Result<LogoType, InvalidLogo> = Err(InvalidLogo::NOT_AN_IMAGE);
    const SIDES: Result<LogoType, InvalidLogo> = Err(InvalidLogo::SIDES);
    const UNREADABLE: Result<LogoType, InvalidLogo> = Err(InvalidLogo::UNREADABLE);
    // GIVEN each accepted type THEN it is told by its bytes
    assert_eq!(check_logo(&jpeg(32, 16)), Ok(LogoType::Jpeg));
    assert_eq!(check_logo(&webp(64, 48)), Ok(LogoType::Webp));
    // GIVEN sides at the bounds THEN 1 and 4096 pass, 0 and 4097 do not
    assert_eq!(check_logo(&png(4096, 4096)), Ok(LogoType::Png));
    assert_eq!(check_logo(&png(1, 1)), Ok(LogoType::Png));
    assert_eq!(check_logo(&png(4097, 1)), SIDES);
    assert_eq!(check_logo(&png(1, 4097)), SIDES);
    assert_eq!(check_logo(&png(0, 1)), SIDES);
    assert_eq!(check_logo(&png(1, 0)), SIDES);
    assert_eq!(check_logo(&jpeg(4097, 10)), SIDES);
    assert_eq!(check_logo(&webp(10, 4097)), SIDES);
    // GIVEN exactly 64 KiB THEN it is allowed; one byte more is not
    assert_eq!(MAX_LOGO_BYTES, 65_536);
    let mut full = png(10, 10);
    full.resize(65_536, 0);
    assert_eq!(check_logo(&full), Ok(LogoType::Png));
    // GIVEN a RIFF file that is not WebP, or "WEBP" without RIFF THEN refused
    let mut wave = webp(10, 10);
    wave[8..12].copy_from_slice(b"WAVE");
    assert_eq!(check_logo(&wave), TYPE);
    let mut not_riff = webp(10, 10);
    not_riff[0..4].copy_from_slice(b"RIFX");
    assert_eq!(check_logo(&not_riff), TYPE);
    // GIVEN a WebP signature and nothing after it THEN its data cannot be read
    assert_eq!(check_logo(b"RIFF\x04\0\0\0WEBP"), UNREADABLE);
    assert_eq!(check_logo(b"RIFF\x04\0\0\0WEB"), TYPE);
}

#[test]
fn a_logo_is_served_as_its_own_type() {
    assert_eq!(LogoType::Png.content_type(), "image/png");
    assert_eq!(LogoType::Jpeg.content_type(), "image/jpeg");
    assert_eq!(LogoType::Webp.content_type(), "image/webp");
}

#[test]
fn contrast_is_the_wcag_ratio_per_channel() {
    // GIVEN primaries and near-black colours (the linear part of the sRGB
    // curve) WHEN measured THEN the WCAG 2 ratios, to 0.001
    for (rgb, ratio) in [
        ([255, 0, 0], 3.998_477),
        ([0, 255, 0], 1.372_190),
        ([0, 0, 255], 8.592_471),
        ([10, 10, 10], 19.798_146),
        ([5, 0, 0], 20.865_356),
        ([0, 5, 0], 20.553_813),
        ([0, 0, 5], 20.954_080),
        ([0x59, 0x59, 0x59], 7.004_729),
        ([0x1f, 0x3d, 0x8a], 10.034_623),
        ([255, 255, 255], 1.0),
    ] {
        let r = contrast_with_white(rgb);
        assert!((r - ratio).abs() < 1e-3, "{rgb:?}: {r}, not {ratio}");
    }
}

#[test]
fn a_link_an_administrator_or_support_sent_says_who_and_never_ignore_it() {
    let t = branded("Acme Corp");
    for locale in Locale::ALL {
        let c = ctx(&t, locale);
        // GIVEN the words of a link the account's owner asked for themselves
        let own = c.reset_link(
            "a@x.test",
            "alice",
            LINK,
            at(3600),
            MailKind::PasswordReset,
            AskedBy::Themselves,
        );
        let ignore_it = i18n::text(
            locale,
            "mail-reset-intro",
            &[("tenant", "Acme Corp".into()), ("username", "alice".into())],
        );
        assert!(own.text.contains(&ignore_it), "{locale}");
        // WHEN an administrator, a bulk reset or support sends one
        for (asked_by, who) in [
            (AskedBy::Admin("adam"), "adam"),
            (AskedBy::Bulk("adam"), "adam"),
            (AskedBy::Support { ticket: "T-42" }, "T-42"),
        ] {
            let m = c.reset_link(
                "a@x.test",
                "alice",
                LINK,
                at(3600),
                MailKind::PasswordReset,
                asked_by,
            );
            // THEN it names who asked, and never reads as a request to ignore
            assert!(m.text.contains(who), "{locale} {asked_by:?}: {}", m.text);
            assert!(!m.text.contains(&ignore_it), "{locale} {asked_by:?}");
            assert_ne!(m.text, own.text);
        }
        // AND a name cannot smuggle controls or bidi overrides into the mail
        let m = c.reset_link(
            "a@x.test",
            "alice",
            LINK,
            at(3600),
            MailKind::PasswordReset,
            AskedBy::Admin("ad\u{202E}am\r\nBcc: x"),
        );
        assert!(
            !m.text.contains('\u{202E}') && m.text.contains("adamBcc: x"),
            "{locale}"
        );
    }
}
