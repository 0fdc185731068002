//! The way back from a lost authenticator, end to end on both stores:
//! recovery codes (single use, racing uses, counted guesses, regeneration),
//! removing one's own factor, an admin's MFA reset, `reset_mfa` links, and the
//! tenant rule that makes users enrol.

use serde_json::{Value, json};
use std::sync::Arc;

use latchkey_shared::domain::totp;
use latchkey_tests::{ALICE_PW, Mode, TestApp};

const PW: &str = ALICE_PW;
const OWNER_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

async fn code(resp: reqwest::Response) -> (u16, String) {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

fn totp_now(app: &TestApp, secret: &str) -> String {
    let now = latchkey_shared::ports::Clock::now(&*app.clock);
    totp::code_at(secret, totp::step_of(now)).unwrap()
}

/// Enrols alice (session `s`) and returns (secret, recovery codes).
async fn enrol(app: &TestApp, s: &str) -> (String, Vec<String>) {
    let enroll: Value = app
        .authed_post("/v1/me/mfa/totp", s, json!({"current_password": PW}))
        .await
        .json()
        .await
        .unwrap();
    let secret = enroll["secret"].as_str().unwrap().to_owned();
    latchkey_tests::remember_secret(&secret);
    let resp = app
        .authed_post(
            "/v1/me/mfa/totp/confirm",
            s,
            json!({"code": totp_now(app, &secret)}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    let codes: Vec<String> = body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    for c in &codes {
        latchkey_tests::remember_secret(c);
    }
    (secret, codes)
}

async fn sign_in_recovery(app: &TestApp, username: &str, code: &str) -> reqwest::Response {
    app.post(
        &format!("/v1/tenants/{}/sessions", app.tenant),
        json!({"username": username, "password": PW, "recovery_code": code}),
    )
    .await
}

pub async fn recovery_codes_work_once_and_can_be_renewed(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let s = app.session("alice", PW).await;
    let (secret, codes) = enrol(&app, &s).await;
    // GIVEN ten codes of 12 symbols (60 bits), all different
    assert_eq!(codes.len(), 10);
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 10);
    assert!(codes.iter().all(|c| c.replace('-', "").len() == 12));
    // WHEN one signs in (typed in capitals, without hyphens)
    let loose = codes[0].to_uppercase().replace('-', "");
    let resp = sign_in_recovery(&app, "alice", &loose).await;
    assert_eq!(resp.status(), 201);
    let session = resp.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    latchkey_tests::remember_secret(&session);
    // THEN it never works again, and 9 are left
    assert_eq!(
        code(sign_in_recovery(&app, "alice", &codes[0]).await).await,
        (401, "invalid_mfa_code".into())
    );
    let me: Value = app.me(&session).await.json().await.unwrap();
    assert_eq!(me["recovery_codes_left"], 9);
    assert!(!me.to_string().contains(&codes[1]));
    // AND the user was told
    let mails = app.wait_for_mails(&app.email_of("alice"), 2).await;
    let used = mails
        .iter()
        .find(|m| m.kind.as_deref() == Some("recovery_code_used"))
        .expect("recovery-code mail");
    assert!(
        used.body.contains("9 of your codes are left"),
        "{}",
        used.body
    );
    // WHEN a new set is made (password + a current code)
    app.clock.advance(time::Duration::seconds(30));
    let resp = app
        .authed_post(
            "/v1/me/mfa/recovery-codes",
            &session,
            json!({"current_password": PW, "totp_code": totp_now(&app, &secret)}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let fresh: Vec<String> = resp.json::<Value>().await.unwrap()["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fresh.len(), 10);
    // THEN the old set is dead and the new one works
    assert_eq!(
        code(sign_in_recovery(&app, "alice", &codes[1]).await).await,
        (401, "invalid_mfa_code".into())
    );
    assert_eq!(
        sign_in_recovery(&app, "alice", &fresh[0]).await.status(),
        201
    );
    // AND a regeneration without a right code is refused
    let resp = app
        .authed_post(
            "/v1/me/mfa/recovery-codes",
            &session,
            json!({"current_password": PW, "recovery_code": codes[2]}),
        )
        .await;
    assert_eq!(code(resp).await, (400, "invalid_mfa_code".into()));
}

pub async fn racing_uses_of_one_code_give_one_session(mode: Mode) {
    let app = Arc::new(TestApp::with_alice(mode, json!({}), vec![]).await);
    let s = app.session("alice", PW).await;
    let (_, codes) = enrol(&app, &s).await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let app = app.clone();
        let c = codes[3].clone();
        tasks.push(tokio::spawn(async move {
            sign_in_recovery(&app, "alice", &c).await.status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [201, 401, 429].contains(s)),
        "{statuses:?}"
    );
}

pub async fn recovery_code_guesses_count_toward_the_lockout(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({"limits": {"lockout_threshold": 3}}), vec![]).await;
    let s = app.session("alice", PW).await;
    let (_, codes) = enrol(&app, &s).await;
    for guess in ["aaaa-bbbb-cccc", "dddd-eeee-ffff", "gggg-hhhh-jjjj"] {
        assert_eq!(
            code(sign_in_recovery(&app, "alice", guess).await).await,
            (401, "invalid_mfa_code".into())
        );
    }
    // locked: even a right code is refused now
    assert_eq!(
        sign_in_recovery(&app, "alice", &codes[0]).await.status(),
        429
    );
}

pub async fn own_factor_removed_only_with_password_and_code(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let s = app.session("alice", PW).await;
    let (secret, codes) = enrol(&app, &s).await;
    let other = {
        app.clock.advance(time::Duration::seconds(30));
        let r = app
            .sign_in_with_code("alice", PW, &totp_now(&app, &secret))
            .await;
        r.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let delete = |body: Value| {
        let http = app.http.clone();
        let url = format!("{}/v1/me/mfa/totp", app.url);
        let s = s.clone();
        async move {
            http.delete(url)
                .bearer_auth(s)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    // a session alone, a wrong password, a wrong code: all refused
    assert_eq!(delete(json!({})).await.status(), 400);
    assert_eq!(
        code(delete(json!({"current_password": "not-it", "recovery_code": codes[0]})).await).await,
        (403, "invalid_current_password".into())
    );
    assert_eq!(
        code(delete(json!({"current_password": PW, "recovery_code": "aaaa-bbbb-cccc"})).await)
            .await,
        (400, "invalid_mfa_code".into())
    );
    // the password and a code: removed, the other session signed out
    assert_eq!(
        delete(json!({"current_password": PW, "recovery_code": codes[0]}))
            .await
            .status(),
        204
    );
    assert_eq!(app.me(&other).await.status(), 401);
    let me: Value = app.me(&s).await.json().await.unwrap();
    assert_eq!(me["mfa_enabled"], false);
    assert_eq!(me["recovery_codes_left"], 0);
    // sign-in no longer asks for a code
    assert_eq!(app.sign_in("alice", PW).await.status(), 201);
}

pub async fn a_tenant_rule_makes_users_enrol(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({"mfa_required_for": "everyone"}), vec![]).await;
    let s = app.session("alice", PW).await;
    let me: Value = app.me(&s).await.json().await.unwrap();
    assert_eq!(me["mfa_enrollment_required"], true);
    // everything but enrolment, password change, sign-out and /me is refused
    let regen = app
        .authed_post(
            "/v1/me/mfa/recovery-codes",
            &s,
            json!({"current_password": PW, "recovery_code": "x"}),
        )
        .await;
    assert_eq!(code(regen).await, (403, "mfa_enrollment_required".into()));
    // enrolling lifts it on this very session
    let (secret, codes) = enrol(&app, &s).await;
    let me: Value = app.me(&s).await.json().await.unwrap();
    assert_eq!(me["mfa_enrollment_required"], false);
    // and the factor cannot be removed while the rule holds
    let resp = app
        .http
        .delete(format!("{}/v1/me/mfa/totp", app.url))
        .bearer_auth(&s)
        .json(&json!({"current_password": PW, "totp_code": totp_now(&app, &secret), "recovery_code": codes[0]}))
        .send()
        .await
        .unwrap();
    assert_eq!(code(resp).await, (403, "mfa_required_by_policy".into()));
}

async fn owner_app(mode: Mode) -> TestApp {
    TestApp::spawn_with(mode, |t| {
        json!({"tenants": [{"id": t, "name": "Mfa Org", "users": [
            {"username": "olivia", "email": format!("olivia@{t}.test"), "password": PW, "role": "owner", "totp_secret": OWNER_SECRET},
            {"username": "helper", "email": format!("helper@{t}.test"), "password": PW, "role": "admin",
             "permissions": ["users.read", "passwords.reset"], "totp_secret": OWNER_SECRET},
            {"username": "alice", "email": format!("alice@{t}.test"), "password": PW, "totp_secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"},
        ]}]})
    })
    .await
}

async fn login_with_code(app: &TestApp, username: &str, secret: &str) -> String {
    app.clock.advance(time::Duration::seconds(30));
    let r = app
        .sign_in_with_code(username, PW, &totp_now(app, secret))
        .await;
    assert_eq!(r.status(), 201, "{username}");
    let t = r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    latchkey_tests::remember_secret(&t);
    t
}

async fn id_of(app: &TestApp, owner: &str, username: &str) -> String {
    let list: Value = app
        .http
        .get(format!(
            "{}/v1/tenants/{}/users?q={username}",
            app.url, app.tenant
        ))
        .bearer_auth(owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list["users"][0]["id"].as_str().unwrap().to_owned()
}

pub async fn an_admin_removes_a_lost_authenticator(mode: Mode) {
    let app = owner_app(mode).await;
    let alice_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    let alice_session = login_with_code(&app, "alice", alice_secret).await;
    let owner = login_with_code(&app, "olivia", OWNER_SECRET).await;
    let helper = login_with_code(&app, "helper", OWNER_SECRET).await;
    let alice = id_of(&app, &owner, "alice").await;
    let olivia = id_of(&app, &owner, "olivia").await;
    let reset = |token: String, id: String| {
        let http = app.http.clone();
        let url = format!("{}/v1/tenants/{}/users/{id}/mfa", app.url, app.tenant);
        async move {
            http.delete(url)
                .bearer_auth(token)
                .json(&json!({"reason": "phone lost, ticket 42"}))
                .send()
                .await
                .unwrap()
        }
    };
    // an admin without mfa.reset, and the owner on itself: refused
    assert_eq!(
        code(reset(helper, alice.clone()).await).await,
        (403, "forbidden".into())
    );
    assert_eq!(
        code(reset(owner.clone(), olivia).await).await,
        (403, "self_target".into())
    );
    // the owner removes alice's factor
    let resp = reset(owner.clone(), alice.clone()).await;
    assert_eq!(resp.status(), 204);
    assert!(resp.text().await.unwrap().is_empty());
    assert_eq!(app.me(&alice_session).await.status(), 401, "signed out");
    assert_eq!(
        app.sign_in("alice", PW).await.status(),
        201,
        "no code asked"
    );
    let mails = app.wait_for_mails(&app.email_of("alice"), 1).await;
    assert!(
        mails
            .iter()
            .any(|m| m.kind.as_deref() == Some("mfa_changed"))
    );
    let audit: Value = app
        .http
        .get(format!(
            "{}/v1/tenants/{}/audit-events?limit=100",
            app.url, app.tenant
        ))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let event = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "mfa.reset")
        .unwrap();
    assert_eq!(event["details"]["reason"], "phone lost, ticket 42");
    assert_eq!(event["target"], alice);
    assert!(!audit.to_string().contains(alice_secret));
}

pub async fn a_reset_mfa_link_removes_the_factor_only_when_used(mode: Mode) {
    let app = owner_app(mode).await;
    let owner = login_with_code(&app, "olivia", OWNER_SECRET).await;
    let alice = id_of(&app, &owner, "alice").await;
    let link = |owner: String, body: Value| {
        let http = app.http.clone();
        let url = format!(
            "{}/v1/tenants/{}/users/{alice}/password-reset",
            app.url, app.tenant
        );
        async move {
            http.post(url)
                .bearer_auth(owner)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    // GIVEN a reset_mfa link that expires unused
    assert_eq!(
        link(owner.clone(), json!({"reset_mfa": true}))
            .await
            .status(),
        202
    );
    app.wait_for_mails(&app.email_of("alice"), 1).await;
    app.clock.advance(time::Duration::days(2));
    // THEN MFA is still on
    assert_eq!(
        code(app.sign_in("alice", PW).await).await,
        (401, "mfa_required".into())
    );
    // GIVEN a fresh one WHEN it is used THEN password and factor change together
    let owner = login_with_code(&app, "olivia", OWNER_SECRET).await;
    assert_eq!(link(owner, json!({"reset_mfa": true})).await.status(), 202);
    let mails = app.wait_for_mails(&app.email_of("alice"), 2).await;
    let token = mails
        .iter()
        .rev()
        .find(|m| m.body.contains("#token="))
        .unwrap()
        .token();
    assert_eq!(
        code(app.sign_in("alice", PW).await).await,
        (401, "mfa_required".into()),
        "intact until the link is used"
    );
    let new_pw = "Brand-New-Password-Falcon-8";
    assert_eq!(app.confirm(&token, new_pw).await.status(), 204);
    assert_eq!(app.sign_in("alice", new_pw).await.status(), 201);
}

macro_rules! mfa_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test]
            async fn recovery_codes_work_once_and_can_be_renewed() {
                super::recovery_codes_work_once_and_can_be_renewed($mode).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn racing_uses_of_one_code_give_one_session() {
                super::racing_uses_of_one_code_give_one_session($mode).await
            }
            #[tokio::test]
            async fn recovery_code_guesses_count_toward_the_lockout() {
                super::recovery_code_guesses_count_toward_the_lockout($mode).await
            }
            #[tokio::test]
            async fn own_factor_removed_only_with_password_and_code() {
                super::own_factor_removed_only_with_password_and_code($mode).await
            }
            #[tokio::test]
            async fn a_tenant_rule_makes_users_enrol() {
                super::a_tenant_rule_makes_users_enrol($mode).await
            }
            #[tokio::test]
            async fn an_admin_removes_a_lost_authenticator() {
                super::an_admin_removes_a_lost_authenticator($mode).await
            }
            #[tokio::test]
            async fn a_reset_mfa_link_removes_the_factor_only_when_used() {
                super::a_reset_mfa_link_removes_the_factor_only_when_used($mode).await
            }
        }
    };
}

mfa_suite!(memory, latchkey_tests::Mode::Memory);
mfa_suite!(dynamodb_ses, latchkey_tests::Mode::Dynamo);
