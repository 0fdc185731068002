//! Issue 22's attacks over HTTP on both stores: an admin session aimed at its
//! own account, settings without bounds (through the API, the seed file and
//! `latchkey tenant create`), a stored extreme setting meeting the clock, and
//! names that pose as addresses.

use serde_json::{Value, json};

use latchkey_shared::domain::{Settings, TenantId, totp};
use latchkey_shared::ports::{Clock, TenantStore, Write};
use latchkey_tests::{Mode, TestApp};

const PW: &str = "Original-Password-Walrus-7";
const NEW_PW: &str = "Brand-New-Password-Falcon-8";
const MFA_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const THIEF: &str = "thief@evil.test";

/// An owner and an admin holding every permission, both with MFA, and alice.
async fn app(mode: Mode) -> TestApp {
    TestApp::spawn_with(mode, |t| {
        let all = json!(["users.read", "users.manage", "passwords.reset", "passwords.set", "audit.read", "mfa.reset"]);
        json!({"tenants": [{"id": t, "name": "Round Two", "users": [
            {"username": "olivia", "email": format!("olivia@{t}.test"), "password": PW, "role": "owner", "totp_secret": MFA_SECRET},
            {"username": "adam", "email": format!("adam@{t}.test"), "password": PW, "role": "admin", "permissions": all, "totp_secret": MFA_SECRET},
            {"username": "alice", "email": format!("alice@{t}.test"), "password": PW},
        ]}]})
    })
    .await
}

/// A session and the account's id, answering the TOTP challenge (the clock
/// moves a step each time, so no code is replayed).
async fn login(app: &TestApp, username: &str) -> (String, String) {
    app.clock.advance(time::Duration::seconds(30));
    let code = totp::code_at(MFA_SECRET, totp::step_of(app.clock.now())).unwrap();
    let resp = app
        .post(
            &format!("/v1/tenants/{}/sessions", app.tenant),
            json!({"username": username, "password": PW, "totp_code": code}),
        )
        .await;
    assert_eq!(resp.status(), 201, "sign-in of {username}");
    let body: Value = resp.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_owned();
    latchkey_tests::remember_secret(&token);
    (token, body["user"]["id"].as_str().unwrap().to_owned())
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: Value,
) -> (u16, Value) {
    let resp = app
        .http
        .request(method, format!("{}{path}", app.url))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

pub async fn self_targets_are_refused_on_every_admin_route(mode: Mode) {
    let app = app(mode).await;
    let t = app.tenant.clone();
    let (_, alice) = login_plain(&app, "alice").await;
    for (who, is_owner) in [("olivia", true), ("adam", false)] {
        // GIVEN an owner's or a full admin's session (as a thief would hold it)
        let (token, me) = login(&app, who).await;
        let user = format!("/v1/tenants/{t}/users/{me}");
        let mut attempts: Vec<(reqwest::Method, String, Value)> = vec![
            (
                reqwest::Method::PUT,
                format!("{user}/password"),
                json!({"new_password": NEW_PW, "temporary": false}),
            ),
            (
                reqwest::Method::POST,
                format!("{user}/password-reset"),
                json!({"recipient_email": THIEF}),
            ),
            (
                reqwest::Method::POST,
                format!("{user}/password-reset"),
                json!({}),
            ),
            (
                reqwest::Method::PATCH,
                user.clone(),
                json!({"email": THIEF}),
            ),
            (
                reqwest::Method::PATCH,
                user.clone(),
                json!({"status": "active"}),
            ),
            (
                reqwest::Method::PATCH,
                user.clone(),
                json!({"can_change_password": false}),
            ),
            (
                reqwest::Method::PATCH,
                user.clone(),
                json!({"must_change_password": false}),
            ),
            (reqwest::Method::DELETE, format!("{user}/mfa"), json!({})),
        ];
        if is_owner {
            attempts.push((
                reqwest::Method::PATCH,
                user.clone(),
                json!({"role": "owner"}),
            ));
            attempts.push((
                reqwest::Method::PATCH,
                user.clone(),
                json!({"permissions": ["users.read"]}),
            ));
        }
        // WHEN it aims each admin route at its own account
        for (method, path, body) in attempts {
            let (status, problem) = send(&app, method.clone(), &token, &path, body.clone()).await;
            // THEN each is 403 self_target
            assert_eq!(
                (status, problem["code"].as_str()),
                (403, Some("self_target")),
                "{who}: {method} {path} {body}"
            );
        }
        // AND in a bulk reset its own id is skipped while alice's link goes out
        let (status, bulk) = send(
            &app,
            reqwest::Method::POST,
            &token,
            &format!("/v1/tenants/{t}/password-resets/bulk"),
            json!({"user_ids": [me, alice]}),
        )
        .await;
        assert_eq!(status, 200, "{bulk}");
        assert_eq!(bulk["results"][0]["outcome"], "skipped");
        assert_eq!(bulk["results"][0]["code"], "self_target");
        assert_eq!(bulk["results"][1]["outcome"], "sent");
        // AND nothing about the account changed: the old password still signs in
        login(&app, who).await;
    }
    // AND no mail went to the thief's address, none to the admins' own
    assert!(app.mails_to(THIEF).await.is_empty());
    app.assert_mail_count_stays(&format!("olivia@{t}.test"), 0)
        .await;
    // AND the same routes still act on someone else
    let (token, _) = login(&app, "olivia").await;
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &token,
        &format!("/v1/tenants/{t}/users/{alice}/password"),
        json!({"new_password": NEW_PW, "temporary": true}),
    )
    .await;
    assert_eq!(status, 204);
}

/// A session of a user without MFA.
async fn login_plain(app: &TestApp, username: &str) -> (String, String) {
    let resp = app.sign_in(username, PW).await;
    assert_eq!(resp.status(), 201);
    let body: Value = resp.json().await.unwrap();
    (
        body["token"].as_str().unwrap().to_owned(),
        body["user"]["id"].as_str().unwrap().to_owned(),
    )
}

pub async fn settings_out_of_bounds_are_refused_with_field_errors(mode: Mode) {
    // GIVEN the owner's session and the tenant's settings
    let app = app(mode).await;
    let path = format!("/v1/tenants/{}/settings", app.tenant);
    let (token, _) = login(&app, "olivia").await;
    let (_, before) = send(&app, reqwest::Method::GET, &token, &path, Value::Null).await;
    let put = |s: Value| {
        let (app, token, path) = (&app, &token, &path);
        async move { send(app, reqwest::Method::PUT, token, path, s).await }
    };
    // WHEN the attack's lock of 1e12 seconds is put
    let mut s = before.clone();
    s["limits"]["account_lock_seconds"] = json!(1_000_000_000_000u64);
    let (status, problem) = put(s).await;
    // THEN 422 invalid_settings names the field and its bounds
    assert_eq!(
        (status, problem["code"].as_str()),
        (422, Some("invalid_settings"))
    );
    assert_eq!(
        problem["errors"],
        json!([{"field": "limits.account_lock_seconds", "code": "out_of_range", "min": 1, "max": 86400}])
    );
    // AND each bound of the ceiling holds from both sides
    for (value, ok) in [
        (9u64, false),
        (10, true),
        (100, true),
        (101, false),
        (1_000_000_000_000_000, false),
    ] {
        let mut s = before.clone();
        s["limits"]["account_failure_ceiling"] = json!(value);
        let (status, problem) = put(s).await;
        assert_eq!(status == 200, ok, "ceiling {value}: {problem}");
    }
    // AND names that pose as an address or reorder text are refused
    for (field, name) in [
        ("email_from_name", "PayPal Security <service@paypal.com>"),
        ("email_from_name", "service@paypal.com"),
        ("display_name", "Acme \u{202E}gnp.exe"),
        ("display_name", "\"Acme\""),
    ] {
        let mut s = before.clone();
        s["branding"][field] = json!(name);
        let (status, problem) = put(s).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (422, Some("invalid_branding")),
            "{field} {name:?}"
        );
    }
    // AND nothing refused was stored: only the accepted ceiling changed
    let (_, after) = send(&app, reqwest::Method::GET, &token, &path, Value::Null).await;
    let mut expected = before;
    expected["limits"]["account_failure_ceiling"] = json!(100);
    assert_eq!(after, expected);
}

pub async fn a_stored_extreme_setting_cannot_end_the_server(mode: Mode) {
    // GIVEN a tenant whose stored settings predate the bounds: a lock of 1e12 s
    // after 10 failures (the write bypasses the check, as an old item would)
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let id = TenantId::parse(&app.tenant).unwrap();
    let mut tenant = app.server.app.store.get_tenant(&id).await.unwrap().unwrap();
    let mut settings = Settings::default();
    settings.limits.account_failure_ceiling = 10;
    settings.limits.lockout_threshold = 20;
    settings.limits.account_lock_seconds = 1_000_000_000_000;
    settings.limits.lockout_max_seconds = 1_000_000_000_000;
    tenant.settings = settings;
    app.server
        .app
        .store
        .commit(vec![Write::PutTenant(tenant)])
        .await
        .unwrap();
    // WHEN ten wrong guesses reach the ceiling (the last one sets the lock)
    for i in 0..10 {
        let resp = app.sign_in("alice", &format!("wrong-guess-{i}")).await;
        assert_eq!(resp.status(), 401, "guess {i}");
    }
    // THEN the next attempt is refused with a Retry-After, not a dead server
    let resp = app.sign_in("alice", latchkey_tests::ALICE_PW).await;
    assert_eq!(resp.status(), 429);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 86_400, "{retry}");
    // AND the server still answers everyone
    let resp = app
        .http
        .get(format!(
            "{}/v1/tenants/{}/password-policy",
            app.url, app.tenant
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

/// The seed file runs the same check: a ceiling of 1 never reaches a store.
#[tokio::test]
async fn a_seed_file_with_settings_out_of_bounds_is_refused() {
    let seed: latchkey::seed::SeedFile = serde_json::from_value(json!({"tenants": [{
        "id": latchkey_tests::unique("t-"), "name": "Bad",
        "settings": {"limits": {"account_failure_ceiling": 1, "account_lock_seconds": 1_000_000_000u64}},
        "users": []
    }]}))
    .unwrap();
    let args = latchkey::serve::ServeArgs::local(
        std::env::temp_dir().join(latchkey_tests::unique("latchkey-outbox-")),
    );
    let clock = std::sync::Arc::new(latchkey_shared::ports::FakeClock::new(
        latchkey_tests::test_now(),
    ));
    let err = match latchkey::serve::start_with_mailer(&args, seed, clock, None).await {
        Ok(_) => panic!("a seed with a ceiling of 1 was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("limits.account_failure_ceiling must be between 10 and 100")
            && err.contains("limits.account_lock_seconds must be between 1 and 86400"),
        "{err}"
    );
}

/// `latchkey tenant create --settings` runs the same check, and stores nothing.
#[tokio::test]
async fn tenant_create_refuses_settings_out_of_bounds() {
    let id = latchkey_tests::unique("ops-");
    let file = std::env::temp_dir().join(format!("{id}-settings.json"));
    std::fs::write(&file, r#"{"limits": {"lockout_threshold": 1}}"#).unwrap();
    let table = latchkey::ops::TableArgs {
        table: format!("{}-ops", latchkey_tests::table_name()),
        dynamodb_endpoint: Some(latchkey_tests::moto_url()),
        create_table: true,
    };
    let err = latchkey::ops::tenant_create(latchkey::ops::TenantCreate {
        table,
        id: TenantId::parse(&id).unwrap(),
        name: "Ops".into(),
        settings: Some(file.clone()),
    })
    .await
    .map(|_| ())
    .unwrap_err()
    .to_string();
    std::fs::remove_file(&file).ok();
    assert!(
        err.contains("limits.lockout_threshold must be between 3 and 20"),
        "{err}"
    );
    let store =
        latchkey_tests::dynamo_store(&format!("{}-ops", latchkey_tests::table_name())).await;
    assert!(
        TenantStore::get_tenant(&store, &TenantId::parse(&id).unwrap())
            .await
            .unwrap()
            .is_none()
    );
}

macro_rules! round2_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use latchkey_tests::Mode;
            const MODE: Mode = $mode;
            #[tokio::test]
            async fn self_targets_are_refused_on_every_admin_route() {
                super::self_targets_are_refused_on_every_admin_route(MODE).await
            }
            #[tokio::test]
            async fn settings_out_of_bounds_are_refused_with_field_errors() {
                super::settings_out_of_bounds_are_refused_with_field_errors(MODE).await
            }
            #[tokio::test]
            async fn a_stored_extreme_setting_cannot_end_the_server() {
                super::a_stored_extreme_setting_cannot_end_the_server(MODE).await
            }
        }
    };
}

round2_suite!(memory, Mode::Memory);
round2_suite!(dynamodb_ses, Mode::Dynamo);
