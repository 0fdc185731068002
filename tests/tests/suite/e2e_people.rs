//! Over HTTP on both stores, what issue 25 gave people: their own sessions,
//! an administrator's view of a user's sessions, lock and deletion, "This
//! wasn't me", the return-target check and audit events with names.

use serde_json::{Value, json};

use latchkey_tests::{Mode, TestApp, token_in};

const PW: &str = "Original-Password-Walrus-7";
const NEW_PW: &str = "Brand-New-Password-Falcon-8";

async fn people_app(mode: Mode) -> TestApp {
    TestApp::spawn_with(mode, |t| {
        let u = |name: &str, role: &str| {
            json!({"username": name, "email": format!("{name}@{t}.test"), "password": PW, "role": role})
        };
        json!({"tenants": [{"id": t, "name": "People Org",
            "settings": {"require_mfa_for_admin_resets": false,
                         "limits": {"lockout_threshold": 20, "account_failure_ceiling": 10,
                                    "sign_in_failures_per_ip": 1000},
                         "return_urls": ["https://app.example/", "https://portal.example/welcome"]},
            "users": [u("olivia", "owner"), u("alice", "user"), u("bob", "user")]}]})
    })
    .await
}

async fn call(app: &TestApp, method: &str, path: &str, token: &str) -> reqwest::Response {
    app.http
        .request(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            format!("{}{path}", app.url),
        )
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn sessions_of(app: &TestApp, path: &str, token: &str) -> Vec<Value> {
    let resp = call(app, "GET", path, token).await;
    assert_eq!(resp.status(), 200, "{path}");
    resp.json::<Value>().await.unwrap()["sessions"]
        .as_array()
        .unwrap()
        .clone()
}

pub async fn a_person_sees_their_sessions_and_signs_out_elsewhere(mode: Mode) {
    // GIVEN alice signed in twice
    let app = people_app(mode).await;
    let here = app.session("alice", PW).await;
    let there = app.session("alice", PW).await;
    // WHEN she lists her sessions THEN both, this one marked, ids not tokens
    let listed = sessions_of(&app, "/v1/me/sessions", &here).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed.iter().filter(|s| s["current"] == true).count(), 1);
    for s in &listed {
        let id = s["id"].as_str().unwrap();
        assert!(id != here && id != there);
    }
    // WHEN she asks without a scope THEN 400, nothing ends
    assert_eq!(
        call(&app, "DELETE", "/v1/me/sessions", &here)
            .await
            .status(),
        400
    );
    // WHEN she signs out everywhere else THEN the other session is gone, hers stays
    let resp = call(&app, "DELETE", "/v1/me/sessions?scope=others", &here).await;
    assert_eq!(resp.status(), 204);
    assert_eq!(app.me(&there).await.status(), 401);
    assert_eq!(app.me(&here).await.status(), 200);
    let left = sessions_of(&app, "/v1/me/sessions", &here).await;
    assert_eq!(left.len(), 1);
    // WHEN she ends that one by its id THEN she is signed out
    let id = left[0]["id"].as_str().unwrap().to_owned();
    let resp = call(&app, "DELETE", &format!("/v1/me/sessions/{id}"), &here).await;
    assert_eq!(resp.status(), 204);
    assert_eq!(app.me(&here).await.status(), 401);
}

async fn user_id(app: &TestApp, owner: &str, username: &str) -> String {
    let t = &app.tenant;
    let resp = call(
        app,
        "GET",
        &format!("/v1/tenants/{t}/users?q={username}"),
        owner,
    )
    .await;
    let body: Value = resp.json().await.unwrap();
    body["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn an_owner_ends_sessions_lifts_a_lock_and_deletes_an_account(mode: Mode) {
    // GIVEN the owner, alice signed in, and bob's account locked by guesses
    let app = people_app(mode).await;
    let t = app.tenant.clone();
    let owner = app.session("olivia", PW).await;
    let alice_session = app.session("alice", PW).await;
    let alice = user_id(&app, &owner, "alice").await;
    let bob = user_id(&app, &owner, "bob").await;
    for _ in 0..12 {
        app.sign_in("bob", "Wrong-Password-Guess-0").await;
    }
    let record = call(&app, "GET", &format!("/v1/tenants/{t}/users/{bob}"), &owner).await;
    let record: Value = record.json().await.unwrap();
    assert!(record["locked_until"].is_string(), "{record}");
    // WHEN the owner lists alice's sessions and ends them THEN alice is signed out
    let listed = sessions_of(
        &app,
        &format!("/v1/tenants/{t}/users/{alice}/sessions"),
        &owner,
    )
    .await;
    assert_eq!(listed.len(), 1);
    let resp = call(
        &app,
        "DELETE",
        &format!("/v1/tenants/{t}/users/{alice}/sessions"),
        &owner,
    )
    .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(app.me(&alice_session).await.status(), 401);
    // WHEN she lifts bob's lock THEN his record shows none and he signs in
    let resp = call(
        &app,
        "DELETE",
        &format!("/v1/tenants/{t}/users/{bob}/lock"),
        &owner,
    )
    .await;
    assert_eq!(resp.status(), 204);
    let record: Value = call(&app, "GET", &format!("/v1/tenants/{t}/users/{bob}"), &owner)
        .await
        .json()
        .await
        .unwrap();
    assert!(record["locked_until"].is_null(), "{record}");
    assert_eq!(app.sign_in("bob", PW).await.status(), 201);
    // AND the audit log names who did it, to whom
    let audit: Value = call(
        &app,
        "GET",
        &format!("/v1/tenants/{t}/audit-events?type=account.unlocked"),
        &owner,
    )
    .await
    .json()
    .await
    .unwrap();
    let event = &audit["events"][0];
    assert_eq!(event["actor_name"], "olivia", "{audit}");
    assert_eq!(event["target_name"], "bob", "{audit}");
    // WHEN she deletes bob THEN he is gone and his username is free again
    let resp = call(
        &app,
        "DELETE",
        &format!("/v1/tenants/{t}/users/{bob}"),
        &owner,
    )
    .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(app.sign_in("bob", PW).await.status(), 401);
    let resp = app
        .authed_post(
            &format!("/v1/tenants/{t}/users"),
            &owner,
            json!({"username": "bob", "role": "user"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    // AND a refused field is named for the console to mark
    let resp = app
        .authed_post(
            &format!("/v1/tenants/{t}/users"),
            &owner,
            json!({"username": "carol", "email": "a@x.test, b@x.test", "role": "user"}),
        )
        .await;
    assert_eq!(resp.status(), 400);
    let problem: Value = resp.json().await.unwrap();
    assert_eq!(problem["code"], "invalid_request");
    assert_eq!(problem["errors"][0]["field"], "email", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "not_a_mailbox");
    // AND the log keeps the unlock, the deleted account's name no longer resolved
    let audit: Value = call(
        &app,
        "GET",
        &format!("/v1/tenants/{t}/audit-events?type=account.unlocked"),
        &owner,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(audit["events"][0]["target"], bob.as_str());
    assert!(audit["events"][0]["target_name"].is_null(), "{audit}");
    // AND she can do none of it to herself
    let me = user_id(&app, &owner, "olivia").await;
    for (method, path) in [
        ("DELETE", format!("/v1/tenants/{t}/users/{me}")),
        ("DELETE", format!("/v1/tenants/{t}/users/{me}/sessions")),
        ("DELETE", format!("/v1/tenants/{t}/users/{me}/lock")),
    ] {
        let resp = call(&app, method, &path, &owner).await;
        assert_eq!(resp.status(), 403, "{method} {path}");
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body["code"], "self_target");
    }
}

pub async fn this_wasnt_me_turns_sign_in_off_until_a_new_password(mode: Mode) {
    // GIVEN alice's password changed (by someone with her session)
    let app = people_app(mode).await;
    let t = app.tenant.clone();
    let session = app.session("alice", PW).await;
    assert_eq!(
        app.change_password(&session, PW, NEW_PW).await.status(),
        204
    );
    app.drain_mail().await;
    let mail = app
        .mails_to(&app.email_of("alice"))
        .await
        .into_iter()
        .find(|m| m.kind.as_deref() == Some("password_changed"))
        .expect("a password-changed mail");
    assert!(
        mail.body.contains(&format!("/t/{t}/report#token=")),
        "{}",
        mail.body
    );
    let token = token_in(&mail.body);
    // WHEN the mailbox holder says it was not them
    let resp = app
        .post(
            &format!("/v1/tenants/{t}/account-reports/confirm"),
            json!({"token": token}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    // THEN the new password no longer signs in, and the link is spent
    assert_eq!(app.sign_in("alice", NEW_PW).await.status(), 401);
    let again = app
        .post(
            &format!("/v1/tenants/{t}/account-reports/confirm"),
            json!({"token": token}),
        )
        .await;
    assert_eq!(again.status(), 400);
    // AND the owner is told
    app.drain_mail().await;
    let told = app.mails_to(&app.email_of("olivia")).await;
    assert!(
        told.iter()
            .any(|m| m.kind.as_deref() == Some("account_reported")),
        "{told:?}"
    );
    // AND a reset link is no report token
    let resp = app
        .post(
            &format!("/v1/tenants/{t}/account-reports/confirm"),
            json!({"token": "not-a-token"}),
        )
        .await;
    assert_eq!(resp.status(), 400);
}

pub async fn return_targets_are_the_tenants_own_urls_only(mode: Mode) {
    let app = people_app(mode).await;
    let t = app.tenant.clone();
    let ask = |url: &str| {
        let path = format!(
            "/v1/tenants/{t}/return-target?return_to={}",
            url.replace('%', "%25")
                .replace('&', "%26")
                .replace('#', "%23")
                .replace('?', "%3F")
        );
        let app = &app;
        async move {
            let resp = app
                .http
                .get(format!("{}{path}", app.url))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 200, "{path}");
            resp.json::<Value>().await.unwrap()["return_to"].clone()
        }
    };
    // GIVEN the tenant's return URLs WHEN a page asks THEN exact or under a `/` one
    assert_eq!(
        ask("https://app.example/home").await,
        "https://app.example/home"
    );
    assert_eq!(
        ask("https://portal.example/welcome").await,
        "https://portal.example/welcome"
    );
    // AND nothing else: another host, a lookalike, a prefix without `/`, userinfo
    for refused in [
        "https://evil.example/",
        "https://app.example.evil/",
        "https://portal.example/welcome-evil",
        "https://app.example@evil.example/",
        "//evil.example/",
        "javascript:alert(1)",
    ] {
        assert!(ask(refused).await.is_null(), "{refused}");
    }
    // AND an unknown tenant allows nothing, the same way
    let resp = app
        .http
        .get(format!(
            "{}/v1/tenants/nobody-here/return-target?return_to=https%3A%2F%2Fapp.example%2F",
            app.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.json::<Value>().await.unwrap()["return_to"].is_null());
    // AND a missing parameter is a 400
    let resp = app
        .http
        .get(format!("{}/v1/tenants/{t}/return-target", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

macro_rules! people_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test]
            async fn a_person_sees_their_sessions_and_signs_out_elsewhere() {
                super::a_person_sees_their_sessions_and_signs_out_elsewhere($mode).await
            }
            #[tokio::test]
            async fn an_owner_ends_sessions_lifts_a_lock_and_deletes_an_account() {
                super::an_owner_ends_sessions_lifts_a_lock_and_deletes_an_account($mode).await
            }
            #[tokio::test]
            async fn this_wasnt_me_turns_sign_in_off_until_a_new_password() {
                super::this_wasnt_me_turns_sign_in_off_until_a_new_password($mode).await
            }
            #[tokio::test]
            async fn return_targets_are_the_tenants_own_urls_only() {
                super::return_targets_are_the_tenants_own_urls_only($mode).await
            }
        }
    };
}

people_suite!(memory, latchkey_tests::Mode::Memory);
people_suite!(dynamodb_ses, latchkey_tests::Mode::Dynamo);
