//! Own password change, must-change-password, TOTP MFA, lockout and throttling,
//! over HTTP on both stores. Time moves on the fake clock, never by sleeping.

use serde_json::{Value, json};

use latchkey_shared::domain::totp;
use latchkey_tests::{Mode, TestApp};

const PW: &str = latchkey_tests::ALICE_PW;
const PW2: &str = "Second-Password-Heron-22";
const PW3: &str = "Third-Password-Badger-33";

async fn code(resp: reqwest::Response) -> (u16, String) {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

pub async fn change_password_rules(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let caller = app.session("alice", PW).await;
    let other = app.session("alice", PW).await;
    let link = app.reset_token("alice").await;
    // no session
    let anon = app
        .http
        .post(format!("{}/v1/me/password", app.url))
        .json(&json!({"current_password": PW, "new_password": PW2}))
        .send()
        .await
        .unwrap();
    assert_eq!(code(anon).await, (401, "unauthenticated".into()));
    // wrong current password
    assert_eq!(
        code(app.change_password(&caller, "not-it", PW2).await).await,
        (403, "invalid_current_password".into())
    );
    // policy, including reuse of the current password
    let (status, c) = code(app.change_password(&caller, PW, PW).await).await;
    assert_eq!((status, c.as_str()), (422, "password_policy"));
    let short = app.change_password(&caller, PW, "short").await;
    let v: Value = short.json().await.unwrap();
    assert!(
        v["violations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "too_short")
    );
    // success
    assert_eq!(app.change_password(&caller, PW, PW2).await.status(), 204);
    assert_eq!(
        app.me(&caller).await.status(),
        200,
        "the calling session stays valid"
    );
    assert_eq!(
        app.me(&other).await.status(),
        401,
        "every other session is revoked"
    );
    assert_eq!(
        app.inspect(&link).await.status(),
        400,
        "outstanding reset links die"
    );
    assert_eq!(app.sign_in("alice", PW).await.status(), 401);
    assert_eq!(app.sign_in("alice", PW2).await.status(), 201);
    let to = app.email_of("alice");
    let mails = app.wait_for_mails(&to, 2).await;
    assert!(
        mails
            .iter()
            .any(|m| m.kind.as_deref() == Some("password_changed"))
    );
    // history: back to the first password is refused
    let (status, _) = code(app.change_password(&caller, PW2, PW).await).await;
    assert_eq!(status, 422);
    assert_eq!(app.change_password(&caller, PW2, PW3).await.status(), 204);
}

pub async fn change_not_allowed(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({}),
        vec![
            json!({"username": "fixed", "email": "@", "password": PW, "can_change_password": false}),
            json!({"username": "dirsync", "email": "@", "password": PW, "source": "ldap"}),
        ],
    )
    .await;
    for name in ["fixed", "dirsync"] {
        let s = app.session(name, PW).await;
        assert_eq!(
            code(app.change_password(&s, PW, PW2).await).await,
            (403, "password_change_not_allowed".into()),
            "{name}"
        );
    }
}

pub async fn must_change_password_restricts_until_changed(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({}),
        vec![
            json!({"username": "temp", "email": "@", "password": PW, "must_change_password": true}),
        ],
    )
    .await;
    let s = app.session("temp", PW).await;
    assert_eq!(app.me(&s).await.status(), 200);
    assert_eq!(
        code(app.authed_post("/v1/me/mfa/totp", &s, json!({})).await).await,
        (403, "password_change_required".into())
    );
    assert_eq!(app.change_password(&s, PW, PW2).await.status(), 204);
    let me: Value = app.me(&s).await.json().await.unwrap();
    assert_eq!(me["must_change_password"], false);
    assert_eq!(
        app.authed_post("/v1/me/mfa/totp", &s, json!({"current_password": PW2}))
            .await
            .status(),
        200,
        "restriction lifted"
    );
}

pub async fn totp_mfa(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let s = app.session("alice", PW).await;
    let enroll: Value = app
        .authed_post("/v1/me/mfa/totp", &s, json!({"current_password": PW}))
        .await
        .json()
        .await
        .unwrap();
    let secret = enroll["secret"].as_str().unwrap().to_owned();
    assert!(
        enroll["otpauth_uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/")
    );
    let now = latchkey_shared::ports::Clock::now(&*app.clock);
    let at = |offset: i64| totp::code_at(&secret, totp::step_of(now) + offset).unwrap();
    // a wrong code does not enable
    let wrong = if at(0) == "000000" {
        "111111"
    } else {
        "000000"
    };
    assert_eq!(
        code(
            app.authed_post("/v1/me/mfa/totp/confirm", &s, json!({"code": wrong}))
                .await
        )
        .await,
        (400, "invalid_mfa_code".into())
    );
    assert_eq!(
        app.authed_post("/v1/me/mfa/totp/confirm", &s, json!({"code": at(0)}))
            .await
            .status(),
        200
    );
    let me: Value = app.me(&s).await.json().await.unwrap();
    assert_eq!(me["mfa_enabled"], true);
    assert!(
        !me.to_string().contains(&secret),
        "the secret is never returned again"
    );
    // sign-in: wrong password never reveals the MFA step
    assert_eq!(
        code(app.sign_in("alice", "not-it").await).await,
        (401, "invalid_credentials".into())
    );
    assert_eq!(
        code(app.sign_in("alice", PW).await).await,
        (401, "mfa_required".into())
    );
    assert_eq!(
        code(app.sign_in_with_code("alice", PW, wrong).await).await,
        (401, "invalid_mfa_code".into())
    );
    // the code used to confirm cannot be replayed
    assert_eq!(
        code(app.sign_in_with_code("alice", PW, &at(0)).await).await,
        (401, "invalid_mfa_code".into())
    );
    app.clock.advance(time::Duration::seconds(30));
    assert_eq!(
        app.sign_in_with_code("alice", PW, &at(1)).await.status(),
        201
    );
    assert_eq!(
        code(app.sign_in_with_code("alice", PW, &at(1)).await).await,
        (401, "invalid_mfa_code".into()),
        "replay"
    );
    // a reset never disables MFA
    let link = app.reset_token("alice").await;
    assert_eq!(app.confirm(&link, PW2).await.status(), 204);
    assert_eq!(
        code(app.sign_in("alice", PW2).await).await,
        (401, "mfa_required".into())
    );
    app.clock.advance(time::Duration::seconds(30));
    assert_eq!(
        app.sign_in_with_code("alice", PW2, &at(2)).await.status(),
        201
    );
}

pub async fn lockout_with_growing_backoff(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({"limits": {"lockout_threshold": 3, "lockout_base_seconds": 60}}),
        vec![],
    )
    .await;
    for _ in 0..3 {
        assert_eq!(app.sign_in("alice", "wrong-guess").await.status(), 401);
    }
    // locked: even the right password is refused, with Retry-After
    let locked = app.sign_in("alice", PW).await;
    assert_eq!(locked.status(), 429);
    assert_eq!(locked.headers()["retry-after"], "60");
    assert_eq!(code(locked).await.1, "too_many_attempts");
    // an unknown username locks the same way (no account enumeration)
    for _ in 0..3 {
        assert_eq!(app.sign_in("ghost", "wrong-guess").await.status(), 401);
    }
    assert_eq!(app.sign_in("ghost", "wrong-guess").await.status(), 429);
    // after the lock, one more failure locks for twice as long
    app.clock.advance(time::Duration::seconds(61));
    assert_eq!(app.sign_in("alice", "wrong-again").await.status(), 401);
    let relocked = app.sign_in("alice", PW).await;
    assert_eq!(relocked.status(), 429);
    let retry: u64 = relocked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 60 && retry <= 240, "grown backoff, got {retry}");
    // a completed reset lifts the lock
    let link = app.reset_token("alice").await;
    assert_eq!(app.confirm(&link, PW2).await.status(), 204);
    assert_eq!(app.sign_in("alice", PW2).await.status(), 201);
}

pub async fn lock_expires_and_success_clears(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({"limits": {"lockout_threshold": 3}}), vec![]).await;
    for _ in 0..3 {
        app.sign_in("alice", "wrong-guess").await;
    }
    assert_eq!(app.sign_in("alice", PW).await.status(), 429);
    app.clock.advance(time::Duration::seconds(61));
    assert_eq!(app.sign_in("alice", PW).await.status(), 201);
    // the success cleared the count: two failures do not lock
    app.sign_in("alice", "wrong-guess").await;
    app.sign_in("alice", "wrong-guess").await;
    assert_eq!(app.sign_in("alice", PW).await.status(), 201);
}

pub async fn wrong_current_password_counts_toward_lockout(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({"limits": {"lockout_threshold": 3}}), vec![]).await;
    let s = app.session("alice", PW).await;
    for _ in 0..3 {
        assert_eq!(app.change_password(&s, "not-it", PW2).await.status(), 403);
    }
    assert_eq!(app.sign_in("alice", PW).await.status(), 429);
    assert_eq!(app.change_password(&s, PW, PW2).await.status(), 429);
}

pub async fn per_ip_sign_in_limit(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({"limits": {"sign_in_failures_per_ip": 10, "window_seconds": 900}}),
        vec![],
    )
    .await;
    for i in 1..=10 {
        assert_eq!(
            app.sign_in(&format!("a{i}"), "spray-guess").await.status(),
            401
        );
    }
    let refused = app.sign_in("alice", PW).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    app.clock.advance(time::Duration::seconds(900));
    assert_eq!(app.sign_in("alice", PW).await.status(), 201, "a new window");
}

pub async fn reset_mail_throttling(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({"limits": {"reset_emails_per_account": 2, "reset_requests_per_ip": 3}}),
        vec![json!({"username": "bert", "email": "@", "password": PW})],
    )
    .await;
    let to = app.email_of("alice");
    let first = app.forgot(json!({"email": to})).await;
    let body = first.text().await.unwrap();
    for _ in 0..2 {
        let r = app.forgot(json!({"email": to})).await;
        assert_eq!(r.status(), 202);
        assert_eq!(
            r.text().await.unwrap(),
            body,
            "throttled answers look the same"
        );
    }
    app.wait_for_mails(&to, 2).await;
    app.assert_mail_count_stays(&to, 2).await;
    // the IP budget (3) counts requests that would send: alice's 2 + bert's 1;
    // bert's second is refused by the IP limit though his own allows it
    let bert = app.email_of("bert");
    assert_eq!(app.forgot(json!({"email": bert})).await.status(), 202);
    app.wait_for_mails(&bert, 1).await;
    assert_eq!(app.forgot(json!({"email": bert})).await.status(), 202);
    app.assert_mail_count_stays(&bert, 1).await;
    // a new window sends again
    app.clock.advance(time::Duration::seconds(900));
    assert_eq!(app.forgot(json!({"email": bert})).await.status(), 202);
    app.wait_for_mails(&bert, 2).await;
}

pub async fn concurrent_wrong_sign_ins_lock_at_the_threshold(mode: Mode) {
    let app = std::sync::Arc::new(
        TestApp::with_alice(mode, json!({"limits": {"lockout_threshold": 5}}), vec![]).await,
    );
    let mut tasks = Vec::new();
    for i in 0..20 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app.sign_in("alice", &format!("guess-{i}"))
                .await
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let verified = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    // exactly the threshold got a password check; no increment was lost
    assert_eq!((verified, refused), (5, 15), "{statuses:?}");
    assert_eq!(
        app.sign_in("alice", PW).await.status(),
        429,
        "the lock is on"
    );
}

pub async fn a_session_alone_cannot_replace_the_second_factor(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let s = app.session("alice", PW).await;
    let other = app.session("alice", PW).await;
    // enrolment needs the current password; a wrong one counts like a sign-in
    assert_eq!(
        code(app.authed_post("/v1/me/mfa/totp", &s, json!({})).await).await,
        (400, "invalid_request".into())
    );
    assert_eq!(
        code(
            app.authed_post("/v1/me/mfa/totp", &s, json!({"current_password": "not-it"}))
                .await
        )
        .await,
        (403, "invalid_current_password".into())
    );
    let enroll: Value = app
        .authed_post("/v1/me/mfa/totp", &s, json!({"current_password": PW}))
        .await
        .json()
        .await
        .unwrap();
    let secret = enroll["secret"].as_str().unwrap().to_owned();
    let now = latchkey_shared::ports::Clock::now(&*app.clock);
    let c = totp::code_at(&secret, totp::step_of(now)).unwrap();
    assert_eq!(
        app.authed_post("/v1/me/mfa/totp/confirm", &s, json!({"code": c}))
            .await
            .status(),
        200
    );
    // enabling signed out the other session and told the user
    assert_eq!(app.me(&other).await.status(), 401);
    assert_eq!(app.me(&s).await.status(), 200);
    let mails = app.wait_for_mails(&app.email_of("alice"), 1).await;
    assert!(
        mails
            .iter()
            .any(|m| m.kind.as_deref() == Some("mfa_changed"))
    );
    // while the factor is on, even the right password cannot start another
    assert_eq!(
        code(
            app.authed_post("/v1/me/mfa/totp", &s, json!({"current_password": PW}))
                .await
        )
        .await,
        (409, "mfa_already_enabled".into())
    );
}

pub async fn public_reads_do_not_reveal_tenants(mode: Mode) {
    let app =
        TestApp::with_alice(mode, json!({"password_policy": {"min_length": 20}}), vec![]).await;
    let get = |path: String| {
        let http = app.http.clone();
        let url = format!("{}{path}", app.url);
        async move { http.get(url).send().await.unwrap() }
    };
    let known = get(format!("/v1/tenants/{}/password-policy", app.tenant)).await;
    assert_eq!(known.status(), 200);
    assert!(known.headers().contains_key("strict-transport-security"));
    let known: Value = known.json().await.unwrap();
    assert_eq!(known["min_length"], 20);
    let unknown = get("/v1/tenants/no-such-tenant-here/password-policy".into()).await;
    assert_eq!(unknown.status(), 200);
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(unknown["min_length"], 12, "the default policy");
    let page = get(format!("/t/{}/forgot", app.tenant)).await;
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
}

pub async fn a_link_checks_the_account_when_it_is_used(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    // GIVEN a self-service link, mailed while alice could use one
    let link = app.reset_token("alice").await;
    // WHEN she is no longer eligible (here: may not change her password)
    let owner_free = app.server.app.store.clone();
    let tenant = latchkey_shared::domain::TenantId::parse(&app.tenant).unwrap();
    let mut alice =
        latchkey_shared::ports::UserReader::find_by_username(&*owner_free, &tenant, "alice")
            .await
            .unwrap()
            .unwrap();
    alice.can_change_password = false;
    owner_free
        .commit(vec![latchkey_shared::ports::Write::SaveUser(alice)])
        .await
        .unwrap();
    // THEN the link no longer works
    assert_eq!(
        code(app.confirm(&link, PW2).await).await,
        (400, "invalid_token".into())
    );
}

macro_rules! account_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use latchkey_tests::Mode;
            const MODE: Mode = $mode;
            #[tokio::test]
            async fn change_password_rules() {
                super::change_password_rules(MODE).await
            }
            #[tokio::test]
            async fn change_not_allowed() {
                super::change_not_allowed(MODE).await
            }
            #[tokio::test]
            async fn must_change_password_restricts_until_changed() {
                super::must_change_password_restricts_until_changed(MODE).await
            }
            #[tokio::test]
            async fn totp_mfa() {
                super::totp_mfa(MODE).await
            }
            #[tokio::test]
            async fn lockout_with_growing_backoff() {
                super::lockout_with_growing_backoff(MODE).await
            }
            #[tokio::test]
            async fn lock_expires_and_success_clears() {
                super::lock_expires_and_success_clears(MODE).await
            }
            #[tokio::test]
            async fn wrong_current_password_counts_toward_lockout() {
                super::wrong_current_password_counts_toward_lockout(MODE).await
            }
            #[tokio::test]
            async fn per_ip_sign_in_limit() {
                super::per_ip_sign_in_limit(MODE).await
            }
            #[tokio::test]
            async fn reset_mail_throttling() {
                super::reset_mail_throttling(MODE).await
            }
            #[tokio::test]
            async fn a_session_alone_cannot_replace_the_second_factor() {
                super::a_session_alone_cannot_replace_the_second_factor(MODE).await
            }
            #[tokio::test]
            async fn public_reads_do_not_reveal_tenants() {
                super::public_reads_do_not_reveal_tenants(MODE).await
            }
            #[tokio::test]
            async fn a_link_checks_the_account_when_it_is_used() {
                super::a_link_checks_the_account_when_it_is_used(MODE).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn concurrent_wrong_sign_ins_lock_at_the_threshold() {
                super::concurrent_wrong_sign_ins_lock_at_the_threshold(MODE).await
            }
        }
    };
}

account_suite!(memory, Mode::Memory);
account_suite!(dynamodb_ses, Mode::Dynamo);
