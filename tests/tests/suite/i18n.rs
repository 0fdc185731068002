//! Language and brand over HTTP, on both stores: branding settings and their
//! checks, the logo upload and its serving, the user's locale and the language
//! each mail is written in, and a forgot-password answer that is the same in
//! every language.

use serde_json::{Value, json};

use latchkey_tests::{ALICE_PW, Mode, TestApp};

/// A 1×1 transparent PNG.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

fn owner() -> Value {
    json!({"username": "olivia", "email": "@", "password": ALICE_PW, "role": "owner"})
}

async fn status_code(resp: reqwest::Response) -> (u16, String) {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

impl Ctx<'_> {
    async fn put_settings(&self, token: &str, settings: Value) -> reqwest::Response {
        self.app
            .http
            .put(format!(
                "{}/v1/tenants/{}/settings",
                self.app.url, self.app.tenant
            ))
            .bearer_auth(token)
            .json(&settings)
            .send()
            .await
            .unwrap()
    }
    async fn put_logo(&self, token: &str, bytes: &[u8], content_type: &str) -> reqwest::Response {
        self.app
            .http
            .put(format!(
                "{}/v1/tenants/{}/logo",
                self.app.url, self.app.tenant
            ))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(bytes.to_vec())
            .send()
            .await
            .unwrap()
    }
    async fn get(&self, path: &str) -> reqwest::Response {
        self.app
            .http
            .get(format!("{}{path}", self.app.url))
            .send()
            .await
            .unwrap()
    }
    async fn profile(&self) -> Value {
        self.get(&format!("/v1/tenants/{}/profile", self.app.tenant))
            .await
            .json()
            .await
            .unwrap()
    }
    async fn patch_me(&self, token: &str, body: Value) -> reqwest::Response {
        self.app
            .http
            .patch(format!("{}/v1/me", self.app.url))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
    async fn forgot_in(&self, email: &str, accept_language: &str) -> (u16, String) {
        let resp = self
            .app
            .http
            .post(format!(
                "{}/v1/tenants/{}/password-resets",
                self.app.url, self.app.tenant
            ))
            .header("accept-language", accept_language)
            .json(&json!({"email": email}))
            .send()
            .await
            .unwrap();
        (resp.status().as_u16(), resp.text().await.unwrap())
    }
}

struct Ctx<'a> {
    app: &'a TestApp,
}

pub async fn branding_is_checked_and_shown_on_the_profile(mode: Mode) {
    // GIVEN a tenant with an owner and a plain user
    let app = TestApp::with_alice(mode, json!({}), vec![owner()]).await;
    let c = Ctx { app: &app };
    let olivia = app.session("olivia", ALICE_PW).await;
    let alice = app.session("alice", ALICE_PW).await;
    let brand = json!({
        "display_name": "Acme Corp",
        "primary_color": "#0b5394",
        "support_contact": {"email": "help@acme.test", "phone": "+49 30 1234567", "url": "https://help.acme.test"},
        "email_from_name": "Acme Support",
    });
    // WHEN the colour is too light for white text THEN 422 invalid_branding
    let light = json!({"branding": {"primary_color": "#777777"}});
    assert_eq!(
        status_code(c.put_settings(&olivia, light).await).await,
        (422, "invalid_branding".into())
    );
    // WHEN the support link is not a web address THEN 422 invalid_branding
    let js = json!({"branding": {"support_contact": {"url": "javascript:alert(1)"}}});
    assert_eq!(
        status_code(c.put_settings(&olivia, js).await).await,
        (422, "invalid_branding".into())
    );
    // WHEN the default locale is not shipped THEN 400 invalid_request
    assert_eq!(
        status_code(
            c.put_settings(&olivia, json!({"default_locale": "xx"}))
                .await
        )
        .await,
        (400, "invalid_request".into())
    );
    // WHEN a plain user tries THEN 403
    let good = json!({"default_locale": "de", "branding": brand});
    assert_eq!(c.put_settings(&alice, good.clone()).await.status(), 403);
    // WHEN the owner sets a good brand THEN it is stored and public on the profile
    let resp = c.put_settings(&olivia, good).await;
    assert_eq!(resp.status(), 200);
    let settings: Value = resp.json().await.unwrap();
    assert_eq!(settings["branding"]["primary_color"], "#0b5394");
    let profile = c.profile().await;
    assert_eq!(profile["default_locale"], "de");
    assert_eq!(profile["branding"]["display_name"], "Acme Corp");
    assert_eq!(
        profile["branding"]["support_contact"]["email"],
        "help@acme.test"
    );
    assert_eq!(profile["has_logo"], false);
    let locales: Vec<&str> = profile["locales"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for l in ["en", "de", "cs", "ja", "fr", "es"] {
        assert!(locales.contains(&l), "{locales:?}");
    }
    // THEN a mail from the tenant wears the brand: its name, in German
    assert_eq!(
        app.forgot(json!({"email": app.email_of("alice")}))
            .await
            .status(),
        202
    );
    let mails = app.wait_for_mails(&app.email_of("alice"), 1).await;
    assert!(
        mails[0].subject.contains("Acme Corp"),
        "{}",
        mails[0].subject
    );
    assert!(
        mails[0].subject.contains("Passwort"),
        "{}",
        mails[0].subject
    );
    assert!(
        mails[0].body.contains("help@acme.test"),
        "{}",
        mails[0].body
    );
}

pub async fn a_logo_round_trips_and_only_images_are_accepted(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![owner()]).await;
    let c = Ctx { app: &app };
    let olivia = app.session("olivia", ALICE_PW).await;
    let alice = app.session("alice", ALICE_PW).await;
    let logo_path = format!("/t/{}/logo", app.tenant);
    // GIVEN no logo THEN 404
    assert_eq!(c.get(&logo_path).await.status(), 404);
    // WHEN an SVG, a renamed text file or an oversized image is uploaded
    // THEN each is 422 invalid_logo, whatever the declared type
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let mut big = PNG_1X1.to_vec();
    big.resize(70 * 1024, 0);
    for (bytes, ct) in [
        (&svg[..], "image/svg+xml"),
        (&svg[..], "image/png"),
        (&b"hello, I am logo.png"[..], "image/png"),
        (&big[..], "image/png"),
    ] {
        assert_eq!(
            status_code(c.put_logo(&olivia, bytes, ct).await).await,
            (422, "invalid_logo".into()),
            "{ct} {}",
            bytes.len()
        );
    }
    // WHEN a plain user uploads THEN 403
    assert_eq!(c.put_logo(&alice, PNG_1X1, "image/png").await.status(), 403);
    // WHEN the owner uploads a PNG (declared as something else, even)
    assert_eq!(
        c.put_logo(&olivia, PNG_1X1, "application/octet-stream")
            .await
            .status(),
        204
    );
    // THEN it is served byte-identical, with its own type and nosniff
    let resp = c.get(&logo_path).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/png");
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    assert_eq!(resp.bytes().await.unwrap().as_ref(), PNG_1X1);
    assert_eq!(c.profile().await["has_logo"], true);
    // THEN an unknown tenant has no logo
    assert_eq!(c.get("/t/no-such-tenant-x/logo").await.status(), 404);
    // THEN the upload is audited
    let log = app.audit_log().await;
    assert!(log.iter().any(|e| e.kind == "branding.logo_updated"));
}

pub async fn the_user_locale_picks_the_mail_language(mode: Mode) {
    // GIVEN a tenant whose default is Czech, with bob (French, from the seed)
    let app = TestApp::with_alice(
        mode,
        json!({"default_locale": "cs"}),
        vec![
            owner(),
            json!({"username": "bob", "email": "@", "password": ALICE_PW, "locale": "fr"}),
            json!({"username": "carol", "email": "@", "password": ALICE_PW}),
        ],
    )
    .await;
    let c = Ctx { app: &app };
    let alice = app.session("alice", ALICE_PW).await;
    // WHEN alice sets an unshipped locale THEN 400 invalid_request
    assert_eq!(
        status_code(c.patch_me(&alice, json!({"locale": "xx"})).await).await,
        (400, "invalid_request".into())
    );
    assert_eq!(
        status_code(c.patch_me(&alice, json!({"colour": "red"})).await).await,
        (400, "invalid_request".into())
    );
    // WHEN alice chooses German THEN 200 with the account
    let resp = c.patch_me(&alice, json!({"locale": "de"})).await;
    assert_eq!(resp.status(), 200);
    let me: Value = resp.json().await.unwrap();
    assert_eq!(me["locale"], "de");
    assert_eq!(me["username"], "alice");
    assert_eq!(
        app.me(&alice).await.json::<Value>().await.unwrap()["locale"],
        "de"
    );
    // THEN her reset mail is German, whatever her browser says
    let (alice_mail, bob_mail, carol_mail) = (
        app.email_of("alice"),
        app.email_of("bob"),
        app.email_of("carol"),
    );
    assert_eq!(c.forgot_in(&alice_mail, "ja-JP").await.0, 202);
    let m = app.wait_for_mails(&alice_mail, 1).await;
    assert!(m[0].subject.contains("Passwort"), "{}", m[0].subject);
    // THEN bob's (seeded French) is French
    assert_eq!(c.forgot_in(&bob_mail, "de").await.0, 202);
    let m = app.wait_for_mails(&bob_mail, 1).await;
    assert!(m[0].subject.contains("mot de passe"), "{}", m[0].subject);
    // THEN carol (no locale) gets her browser's language, else the tenant's
    assert_eq!(c.forgot_in(&carol_mail, "ja-JP,ja;q=0.9").await.0, 202);
    let m = app.wait_for_mails(&carol_mail, 1).await;
    assert!(m[0].subject.contains("パスワード"), "{}", m[0].subject);
    assert!(m[0].body.contains("時間"), "{}", m[0].body);
    app.clock.advance(time::Duration::hours(2));
    assert_eq!(c.forgot_in(&carol_mail, "xx").await.0, 202);
    let m = app.wait_for_mails(&carol_mail, 2).await;
    assert!(m[1].subject.contains("hesla"), "{}", m[1].subject);
    // WHEN an admin sets carol's locale THEN it is stored and shown
    let olivia = app.session("olivia", ALICE_PW).await;
    let users: Value = app
        .http
        .get(format!(
            "{}/v1/tenants/{}/users?q=carol",
            app.url, app.tenant
        ))
        .bearer_auth(&olivia)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let carol_id = users["users"][0]["id"].as_str().unwrap().to_owned();
    let patch = |body: Value| {
        app.http
            .patch(format!(
                "{}/v1/tenants/{}/users/{carol_id}",
                app.url, app.tenant
            ))
            .bearer_auth(&olivia)
            .json(&body)
            .send()
    };
    assert_eq!(
        status_code(patch(json!({"locale": "zz"})).await.unwrap())
            .await
            .0,
        400
    );
    let resp = patch(json!({"locale": "es"})).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<Value>().await.unwrap()["locale"], "es");
    // WHEN alice clears hers THEN it is null again
    let me: Value = c
        .patch_me(&alice, json!({"locale": null}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["locale"], Value::Null);
}

pub async fn forgot_answers_the_same_in_every_language(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let c = Ctx { app: &app };
    let mut answers = std::collections::BTreeSet::new();
    // GIVEN an existing and an unknown account WHEN asked in several languages
    for lang in ["en", "de-AT,de;q=0.9", "ja-JP", "cs", "xx", ""] {
        for email in [app.email_of("alice"), "nobody@nowhere.test".to_owned()] {
            // THEN every answer is the same status and body
            answers.insert(c.forgot_in(&email, lang).await);
        }
    }
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers.iter().next().unwrap().0, 202);
}

macro_rules! i18n_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use latchkey_tests::Mode;
            const MODE: Mode = $mode;
            #[tokio::test]
            async fn branding_is_checked_and_shown_on_the_profile() {
                super::branding_is_checked_and_shown_on_the_profile(MODE).await
            }
            #[tokio::test]
            async fn a_logo_round_trips_and_only_images_are_accepted() {
                super::a_logo_round_trips_and_only_images_are_accepted(MODE).await
            }
            #[tokio::test]
            async fn the_user_locale_picks_the_mail_language() {
                super::the_user_locale_picks_the_mail_language(MODE).await
            }
            #[tokio::test]
            async fn forgot_answers_the_same_in_every_language() {
                super::forgot_answers_the_same_in_every_language(MODE).await
            }
        }
    };
}

i18n_suite!(memory, Mode::Memory);
i18n_suite!(dynamodb, Mode::Dynamo);
