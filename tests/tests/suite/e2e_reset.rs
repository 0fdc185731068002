//! The self-service reset flow over HTTP against the served app, on the memory
//! store with the outbox directory and on DynamoDB + SES (moto).

use serde_json::{Value, json};

use latchkey_tests::{Mode, TestApp};

const PW: &str = latchkey_tests::ALICE_PW;
const NEW_PW: &str = "Brand-New-Password-Falcon-8";

pub async fn whole_flow(mode: Mode) {
    // GIVEN an active account
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    // WHEN its user asks for a link and follows it
    let token = app.reset_token("alice").await;
    let inspect = app.inspect(&token).await;
    assert_eq!(inspect.status(), 200);
    let body: Value = inspect.json().await.unwrap();
    assert_eq!(body["username"], "alice");
    assert_eq!(body["policy"]["min_length"], 12);
    assert!(
        body["expires_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-22T10:00:00")
    );
    // THEN the old password still works until the reset completes
    assert_eq!(app.sign_in("alice", PW).await.status(), 201);
    let confirm = app.confirm(&token, NEW_PW).await;
    assert_eq!(confirm.status(), 204);
    // AND afterwards only the new password works
    assert_eq!(app.sign_in("alice", PW).await.status(), 401);
    let session = app.session("alice", NEW_PW).await;
    let me: Value = app.me(&session).await.json().await.unwrap();
    assert_eq!(me["username"], "alice");
    assert!(me.get("password_hash").is_none());
    // AND the user is told by email
    let to = app.email_of("alice");
    let mails = app.wait_for_mails(&to, 2).await;
    assert_eq!(mails.len(), 2);
    assert!(
        mails
            .iter()
            .any(|m| m.kind.as_deref() == Some("password_changed")),
        "{mails:?}"
    );
    // AND the link cannot be used twice
    let again = app.confirm(&token, "Yet-Another-Password-Gecko-9").await;
    assert_eq!(again.status(), 400);
    let problem: Value = again.json().await.unwrap();
    assert_eq!(problem["code"], "invalid_token");
}

pub async fn inspect_does_not_consume_and_superseded_links_die(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let first = app.reset_token("alice").await;
    assert_eq!(app.inspect(&first).await.status(), 200);
    assert_eq!(app.inspect(&first).await.status(), 200);
    let second = app.reset_token("alice").await;
    assert_ne!(first, second);
    assert_eq!(
        app.inspect(&first).await.status(),
        400,
        "superseded by the newer link"
    );
    assert_eq!(app.confirm(&first, NEW_PW).await.status(), 400);
    assert_eq!(app.confirm(&second, NEW_PW).await.status(), 204);
}

pub async fn expired_link_and_revoked_sessions(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({"reset_link_ttl_seconds": 600}), vec![]).await;
    let session = app.session("alice", PW).await;
    let token = app.reset_token("alice").await;
    app.clock.advance(time::Duration::seconds(601));
    assert_eq!(app.inspect(&token).await.status(), 400);
    assert_eq!(app.confirm(&token, NEW_PW).await.status(), 400);
    // a fresh link still works, and the reset signs out every session
    let fresh = app.reset_token("alice").await;
    assert_eq!(app.me(&session).await.status(), 200);
    assert_eq!(app.confirm(&fresh, NEW_PW).await.status(), 204);
    let me = app.me(&session).await;
    assert_eq!(me.status(), 401);
    let problem: Value = me.json().await.unwrap();
    assert_eq!(problem["code"], "unauthenticated");
}

pub async fn every_eligibility_case(mode: Mode) {
    // GIVEN one account of each kind docs/api.md names
    let app = TestApp::with_alice(
        mode,
        json!({}),
        vec![
            json!({"username": "pending", "email": "@", "password": PW, "status": "pending_activation"}),
            json!({"username": "disabled", "email": "@", "password": PW, "status": "disabled"}),
            json!({"username": "ldapuser", "email": "@", "source": "ldap"}),
            json!({"username": "entrauser", "email": "@", "source": "entra_id"}),
            json!({"username": "locked", "email": "@", "password": PW, "can_change_password": false}),
            json!({"username": "admin1", "email": "@", "password": PW, "role": "admin"}),
            json!({"username": "owner1", "email": "@", "password": PW, "role": "owner"}),
        ],
    )
    .await;
    let reference = app.forgot(json!({"email": app.email_of("alice")})).await;
    let (ref_status, ref_body) = (reference.status(), reference.text().await.unwrap());
    // WHEN each asks for a reset THEN each gets the same answer...
    for name in [
        "pending",
        "disabled",
        "ldapuser",
        "entrauser",
        "locked",
        "admin1",
        "owner1",
    ] {
        let resp = app.forgot(json!({"email": app.email_of(name)})).await;
        assert_eq!(resp.status(), ref_status, "{name}");
        assert_eq!(resp.text().await.unwrap(), ref_body, "{name}");
        // ...and the mail tells them to contact their administrator, with no link
        let mails = app.wait_for_mails(&app.email_of(name), 1).await;
        assert_eq!(mails.len(), 1, "{name}");
        assert_eq!(mails[0].kind.as_deref(), Some("contact_admin"), "{name}");
        assert!(!mails[0].body.contains("token="), "{name}");
    }
}

pub async fn admins_may_self_serve_when_the_tenant_allows(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({"self_service_reset_for_admins": true}),
        vec![json!({"username": "boss", "email": "@", "password": PW, "role": "owner"})],
    )
    .await;
    let token = app.reset_token("boss").await;
    assert_eq!(app.confirm(&token, NEW_PW).await.status(), 204);
    assert_eq!(app.sign_in("boss", NEW_PW).await.status(), 201);
}

pub async fn reset_identifier_settings(mode: Mode) {
    // username only
    let app = TestApp::with_alice(
        mode,
        json!({"reset_identifier": "username"}),
        vec![json!({"username": "nomail", "password": PW})],
    )
    .await;
    // an account without an email gets nothing, and the same 202
    assert_eq!(
        app.forgot(json!({"username": "nomail"})).await.status(),
        202
    );
    // audited on either store (the log is newest first)
    let events = app.audit_log().await;
    let last = events.first().unwrap();
    assert_eq!(
        (last.kind.as_str(), last.outcome.as_str()),
        ("password_reset.requested", "ineligible")
    );
    assert_eq!(last.details["reason"], "no_email");
    let to = app.email_of("alice");
    let r = app.forgot(json!({"email": to})).await;
    assert_eq!(r.status(), 400, "username is required on this tenant");
    assert_eq!(app.forgot(json!({"username": "ALICE"})).await.status(), 202);
    let mails = app.wait_for_mails(&to, 1).await;
    assert_eq!(mails[0].kind.as_deref(), Some("password_reset"));

    // username and email must both match
    let app = TestApp::with_alice(
        mode,
        json!({"reset_identifier": "username_and_email"}),
        vec![],
    )
    .await;
    let to = app.email_of("alice");
    assert_eq!(app.forgot(json!({"username": "alice"})).await.status(), 400);
    let wrong = app
        .forgot(json!({"username": "alice", "email": "someone@else.test"}))
        .await;
    assert_eq!(wrong.status(), 202);
    app.assert_mail_count_stays(&to, 0).await;
    assert_eq!(
        app.forgot(json!({"username": "alice", "email": to.to_uppercase()}))
            .await
            .status(),
        202
    );
    app.wait_for_mails(&to, 1).await;
}

pub async fn policy_violations(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({"password_policy": {"require_classes": 3}}),
        vec![],
    )
    .await;
    let token = app.reset_token("alice").await;
    let cases: [(&str, &[&str]); 6] = [
        ("short-1A", &["too_short"]),
        (&"Aa1-".repeat(40), &["too_long"]),
        ("Password1234", &["common_password"]),
        ("Alice-Rocks-2026", &["contains_context"]),
        ("alllowercaseletters", &["missing_character_classes"]),
        (PW, &["reused_password"]),
    ];
    for (password, codes) in cases {
        let resp = app.confirm(&token, password).await;
        assert_eq!(resp.status(), 422, "{codes:?}");
        let problem: Value = resp.json().await.unwrap();
        assert_eq!(problem["code"], "password_policy");
        let got: Vec<&str> = problem["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["code"].as_str().unwrap())
            .collect();
        for c in codes {
            assert!(got.contains(c), "{password:?}: expected {c} in {got:?}");
        }
    }
    // none of the refused attempts used up the link
    assert_eq!(app.confirm(&token, NEW_PW).await.status(), 204);
}

pub async fn unknown_and_existing_accounts_are_indistinguishable(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let known = app.forgot(json!({"email": app.email_of("alice")})).await;
    let unknown = app.forgot(json!({"email": "nobody@nowhere.test"})).await;
    let other_tenant = app
        .post(
            "/v1/tenants/no-such-tenant/password-resets",
            json!({"email": "x@y.test"}),
        )
        .await;
    let strip = |r: &reqwest::Response| {
        let mut h: Vec<(String, String)> = r
            .headers()
            .iter()
            .filter(|(k, _)| *k != "date")
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        h.sort();
        (r.status(), h)
    };
    let (a, b, c) = (strip(&known), strip(&unknown), strip(&other_tenant));
    assert_eq!(a, b);
    assert_eq!(a, c);
    let (ka, kb, kc) = (
        known.text().await.unwrap(),
        unknown.text().await.unwrap(),
        other_tenant.text().await.unwrap(),
    );
    assert_eq!(ka, kb);
    assert_eq!(ka, kc);
    assert_eq!(a.0, 202);
    // sign-in: unknown user and wrong password answer alike
    let wrong = app.sign_in("alice", "not-the-password").await;
    let nobody = app.sign_in("nobody", "not-the-password").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(nobody.status(), 401);
    assert_eq!(wrong.text().await.unwrap(), nobody.text().await.unwrap());
}

pub async fn malformed_requests_are_400(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let t = app.tenant.clone();
    let routes = [
        format!("/v1/tenants/{t}/password-resets"),
        format!("/v1/tenants/{t}/password-resets/inspect"),
        format!("/v1/tenants/{t}/password-resets/confirm"),
        format!("/v1/tenants/{t}/sessions"),
    ];
    let oversized = format!("{{\"email\": \"{}\"}}", "a".repeat(17 * 1024));
    for path in &routes {
        for (body, ctype) in [
            ("{not json", "application/json"),
            ("[]", "application/json"),
            (
                r#"{"token": 5, "email": 7, "username": 1, "password": 2, "new_password": 3}"#,
                "application/json",
            ),
            (oversized.as_str(), "application/json"),
            ("email=a@b.test", "application/x-www-form-urlencoded"),
        ] {
            let resp = app
                .http
                .post(format!("{}{path}", app.url))
                .header("content-type", ctype)
                .body(body.to_owned())
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 400, "{path} {}", &body[..body.len().min(40)]);
            assert_eq!(resp.headers()["content-type"], "application/problem+json");
            let problem: Value = resp.json().await.unwrap();
            assert_eq!(problem["code"], "invalid_request");
            assert_eq!(problem["status"], 400);
        }
    }
    // missing fields
    for (path, body) in [
        (&routes[1], json!({})),
        (&routes[2], json!({"token": "x"})),
        (&routes[3], json!({"username": "alice"})),
        (&routes[0], json!({})),
    ] {
        let resp = app.post(path, body).await;
        assert_eq!(resp.status(), 400, "{path}");
    }
    // a malformed tenant id, an unknown route, a wrong method
    assert_eq!(
        app.post(
            "/v1/tenants/Not_Valid/password-resets",
            json!({"email": "a@b.test"})
        )
        .await
        .status(),
        400
    );
    assert_eq!(app.post("/v1/nothing-here", json!({})).await.status(), 404);
    let get = app
        .http
        .get(format!("{}/v1/tenants/{t}/sessions", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 405);
    // the account is untouched by all of it
    assert_eq!(app.sign_in("alice", PW).await.status(), 201);
}

pub async fn must_change_password_is_reported_and_cleared(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({}),
        vec![
            json!({"username": "temp", "email": "@", "password": PW, "must_change_password": true}),
        ],
    )
    .await;
    let resp = app.sign_in("temp", PW).await;
    assert_eq!(resp.status(), 201);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["must_change_password"], true);
    let token = body["token"].as_str().unwrap();
    assert_eq!(
        app.me(token).await.status(),
        200,
        "GET /v1/me stays allowed"
    );
    let link = app.reset_token("temp").await;
    assert_eq!(app.confirm(&link, NEW_PW).await.status(), 204);
    let after: Value = app.sign_in("temp", NEW_PW).await.json().await.unwrap();
    assert_eq!(after["must_change_password"], false);
    // sign-out ends the session
    let session = after["token"].as_str().unwrap();
    let out = app
        .http
        .delete(format!("{}/v1/sessions/current", app.url))
        .bearer_auth(session)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(app.me(session).await.status(), 401);
}

macro_rules! e2e_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use latchkey_tests::Mode;
            #[tokio::test]
            async fn whole_flow() {
                super::whole_flow($mode).await
            }
            #[tokio::test]
            async fn inspect_does_not_consume_and_superseded_links_die() {
                super::inspect_does_not_consume_and_superseded_links_die($mode).await
            }
            #[tokio::test]
            async fn expired_link_and_revoked_sessions() {
                super::expired_link_and_revoked_sessions($mode).await
            }
            #[tokio::test]
            async fn every_eligibility_case() {
                super::every_eligibility_case($mode).await
            }
            #[tokio::test]
            async fn admins_may_self_serve_when_the_tenant_allows() {
                super::admins_may_self_serve_when_the_tenant_allows($mode).await
            }
            #[tokio::test]
            async fn reset_identifier_settings() {
                super::reset_identifier_settings($mode).await
            }
            #[tokio::test]
            async fn policy_violations() {
                super::policy_violations($mode).await
            }
            #[tokio::test]
            async fn unknown_and_existing_accounts_are_indistinguishable() {
                super::unknown_and_existing_accounts_are_indistinguishable($mode).await
            }
            #[tokio::test]
            async fn malformed_requests_are_400() {
                super::malformed_requests_are_400($mode).await
            }
            #[tokio::test]
            async fn must_change_password_is_reported_and_cleared() {
                super::must_change_password_is_reported_and_cleared($mode).await
            }
            #[allow(dead_code)]
            const MODE: Mode = $mode;
        }
    };
}

e2e_suite!(memory, Mode::Memory);
e2e_suite!(dynamodb_ses, Mode::Dynamo);
