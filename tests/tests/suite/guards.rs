//! One test per security rule that no other test guarded (issue 17): each fails
//! when its rule is deleted (checked by deleting it). Over HTTP on both stores
//! where a store is involved, through the use cases where the HTTP answer
//! cannot show the rule (the dummy hash, the used mark, the version condition).

use secrecy::SecretString;
use serde_json::{Value, json};
use std::sync::Arc;

use latchkey_shared::domain::{ResetPurpose, Status, TokenHash};
use latchkey_shared::ports::{Clock, Write};
use latchkey_shared::usecases::reset::issue_reset_token;
use latchkey_shared::usecases::sessions::SignIn;
use latchkey_shared::usecases::{AppError, RequestMeta};
use latchkey_tests::{ALICE_PW, Mode, TestApp, remember_secret};

use super::conformance::{OLD_PASSWORD, World};

const PW: &str = "Guarded-Password-Pelican-31";
const NEW_PW: &str = "Replaced-Password-Gannet-64";
const SUPPORT_TOKEN: &str = "Support-Token-Guards-9021";
const ALL: [&str; 5] = [
    "users.read",
    "users.manage",
    "passwords.reset",
    "passwords.set",
    "audit.read",
];

/// A tenant with alice (user), olivia (owner), adam (admin with every
/// permission), reader (admin, `users.read` only), and `extra` users; no MFA
/// needed for admin resets so that the rule under test is the only one in play.
async fn app_with(mode: Mode, settings: Value, extra: Vec<Value>) -> TestApp {
    let mut settings = settings;
    if settings.get("require_mfa_for_admin_resets").is_none() {
        settings["require_mfa_for_admin_resets"] = json!(false);
    }
    let mut users = vec![
        json!({"username": "olivia", "email": "@", "password": PW, "role": "owner"}),
        json!({"username": "adam", "email": "@", "password": PW, "role": "admin", "permissions": ALL}),
        json!({"username": "reader", "email": "@", "password": PW, "role": "admin", "permissions": ["users.read"]}),
    ];
    users.extend(extra);
    TestApp::with_alice(mode, settings, users).await
}

fn id_of(app: &TestApp, username: &str) -> String {
    app.server
        .seeded
        .created_users()
        .find(|u| u.username == username && u.tenant.as_str() == app.tenant)
        .unwrap_or_else(|| panic!("{username} is seeded"))
        .user_id
        .to_string()
}

async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = app
        .http
        .request(method, format!("{}{path}", app.url))
        .bearer_auth(token);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn patch(app: &TestApp, token: &str, user: &str, body: Value) -> (u16, Value) {
    let path = format!("/v1/tenants/{}/users/{}", app.tenant, id_of(app, user));
    call(app, reqwest::Method::PATCH, &path, token, Some(body)).await
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    app.me(token).await.status().as_u16()
}

fn now(app: &TestApp) -> time::OffsetDateTime {
    app.clock.now()
}

fn at(s: &Value) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(
        s.as_str().expect("a timestamp"),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap()
}

/// Rule: a session dies at its `expires_at` (`Session::is_live`).
pub async fn a_session_dies_at_its_expiry(mode: Mode) {
    // GIVEN sessions that last 300 s
    let app = app_with(mode, json!({"session_ttl_seconds": 300}), vec![]).await;
    let resp = app.sign_in("alice", ALICE_PW).await;
    assert_eq!(resp.status(), 201);
    let body: Value = resp.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_owned();
    remember_secret(&token);
    assert_eq!(
        at(&body["expires_at"]),
        now(&app) + time::Duration::seconds(300)
    );
    // WHEN time reaches one second before, it still works
    app.clock.advance(time::Duration::seconds(299));
    assert_eq!(me_status(&app, &token).await, 200);
    // THEN at expires_at itself it is dead (the item is still stored)
    app.clock.advance(time::Duration::seconds(1));
    assert_eq!(me_status(&app, &token).await, 401);
}

/// Rule: disabling an account revokes its sessions for good (the `cred_gen`
/// bump), not only while it is disabled (the status check).
pub async fn disabling_revokes_sessions_for_good(mode: Mode) {
    let app = app_with(mode, json!({}), vec![]).await;
    let owner = app.session("olivia", PW).await;
    let alice = app.session("alice", ALICE_PW).await;
    assert_eq!(me_status(&app, &alice).await, 200);
    // WHEN the owner disables alice, her session stops
    assert_eq!(
        patch(&app, &owner, "alice", json!({"status": "disabled"}))
            .await
            .0,
        200
    );
    assert_eq!(me_status(&app, &alice).await, 401);
    // AND re-enabling her does not bring it back
    assert_eq!(
        patch(&app, &owner, "alice", json!({"status": "active"}))
            .await
            .0,
        200
    );
    assert_eq!(me_status(&app, &alice).await, 401);
    // while a new sign-in works
    let again = app.session("alice", ALICE_PW).await;
    assert_eq!(me_status(&app, &again).await, 200);
}

/// Rule: a role or permission change revokes the account's sessions.
pub async fn role_and_permission_changes_revoke_sessions(mode: Mode) {
    let app = app_with(mode, json!({}), vec![]).await;
    let owner = app.session("olivia", PW).await;
    // a role change: user -> admin
    let alice = app.session("alice", ALICE_PW).await;
    let (status, body) = patch(
        &app,
        &owner,
        "alice",
        json!({"role": "admin", "permissions": ["users.read"]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(me_status(&app, &alice).await, 401);
    // a permission change alone: reader gains users.manage
    let reader = app.session("reader", PW).await;
    assert_eq!(me_status(&app, &reader).await, 200);
    let (status, body) = patch(
        &app,
        &owner,
        "reader",
        json!({"permissions": ["users.read", "users.manage"]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(me_status(&app, &reader).await, 401);
    // a change of something else (must_change_password off) keeps sessions
    let adam = app.session("adam", PW).await;
    let (status, _) = patch(&app, &owner, "adam", json!({"can_change_password": true})).await;
    assert_eq!(status, 200);
    assert_eq!(me_status(&app, &adam).await, 200);
}

/// Rule: only an owner may PATCH an owner; an admin needs `users.manage`.
pub async fn an_admin_cannot_patch_an_owner(mode: Mode) {
    let app = app_with(mode, json!({}), vec![]).await;
    let adam = app.session("adam", PW).await;
    let olivia = app.session("olivia", PW).await;
    for body in [
        json!({"status": "disabled"}),
        json!({"must_change_password": true}),
        json!({"can_change_password": false}),
    ] {
        let (status, resp) = patch(&app, &adam, "olivia", body.clone()).await;
        assert_eq!(
            (status, resp["code"].clone()),
            (403, json!("forbidden")),
            "{body}"
        );
    }
    // nothing changed: the owner's session lives and she still signs in
    assert_eq!(me_status(&app, &olivia).await, 200);
    let me: Value = app.me(&olivia).await.json().await.unwrap();
    assert_eq!(me["must_change_password"], false);
    assert_eq!(app.sign_in("olivia", PW).await.status(), 201);
    // an admin without users.manage cannot PATCH a plain user either
    let reader = app.session("reader", PW).await;
    let (status, _) = patch(&app, &reader, "alice", json!({"status": "disabled"})).await;
    assert_eq!(status, 403);
    assert_eq!(app.sign_in("alice", ALICE_PW).await.status(), 201);
    // while the owner may
    let (status, _) = patch(&app, &olivia, "adam", json!({"must_change_password": true})).await;
    assert_eq!(status, 200);
}

/// Rule: disabled and pending accounts cannot sign in, even with the right password.
pub async fn disabled_and_pending_accounts_cannot_sign_in(mode: Mode) {
    let app = app_with(
        mode,
        json!({}),
        vec![
            json!({"username": "dora", "email": "@", "password": PW, "status": "disabled"}),
            json!({"username": "pat", "email": "@", "password": PW, "status": "pending_activation"}),
        ],
    )
    .await;
    for name in ["dora", "pat"] {
        let resp = app.sign_in(name, PW).await;
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.unwrap();
        assert_eq!(
            (status, body["code"].clone()),
            (401, json!("invalid_credentials")),
            "{name}: {body}"
        );
        assert!(body.get("token").is_none());
    }
}

/// Rule: admin, support and activation links last `admin_reset_link_ttl_seconds`
/// (24 h by default), not the self-service `reset_link_ttl_seconds` (1 h).
pub async fn admin_and_support_links_last_the_admin_ttl(mode: Mode) {
    let app = TestApp::spawn_with(mode, |t| {
        json!({"support_token": SUPPORT_TOKEN, "tenants": [{"id": t, "name": "Guards Org",
            "settings": {"require_mfa_for_admin_resets": false},
            "users": [
                {"username": "olivia", "email": format!("olivia@{t}.test"), "password": PW, "role": "owner"},
                {"username": "owner2", "password": PW, "role": "owner"},
                {"username": "alice", "email": format!("alice@{t}.test"), "password": ALICE_PW},
            ]}]})
    })
    .await;
    remember_secret(SUPPORT_TOKEN);
    let day = time::Duration::seconds(86_400);
    let owner = app.session("olivia", PW).await;
    let t = app.tenant.clone();

    // an admin link
    let path = format!(
        "/v1/tenants/{t}/users/{}/password-reset",
        id_of(&app, "alice")
    );
    let (status, body) = call(&app, reqwest::Method::POST, &path, &owner, Some(json!({}))).await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(at(&body["expires_at"]), now(&app) + day);
    let admin_link = app.wait_for_mails(&app.email_of("alice"), 1).await[0].token();

    // a support link for an owner without an email, sent where support says
    let it = format!("it@{t}.test");
    let resp = app
        .http
        .post(format!(
            "{}/v1/support/tenants/{t}/users/{}/password",
            app.url,
            id_of(&app, "owner2")
        ))
        .bearer_auth(SUPPORT_TOKEN)
        .json(&json!({"mode": "link", "reason": "TICKET-17", "recipient_email": it}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(at(&body["expires_at"]), now(&app) + day);
    let support_link = app.wait_for_mails(&it, 1).await[0].token();

    // an activation link of a created account
    let path = format!("/v1/tenants/{t}/users");
    let (status, body) = call(
        &app,
        reqwest::Method::POST,
        &path,
        &owner,
        Some(json!({"username": "newbie", "email": format!("newbie@{t}.test"), "role": "user", "send_activation": true})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let activation = app.wait_for_mails(&format!("newbie@{t}.test"), 1).await[0].token();

    // THEN all three still work after 23 h 59 min (a 1 h link would be dead)
    app.clock.advance(day - time::Duration::seconds(60));
    for (name, token) in [
        ("admin", &admin_link),
        ("support", &support_link),
        ("activation", &activation),
    ] {
        assert_eq!(
            app.inspect(token).await.status(),
            200,
            "the {name} link after 23 h 59 min"
        );
    }
    // AND none after 24 h
    app.clock.advance(time::Duration::seconds(60));
    for (name, token) in [
        ("admin", &admin_link),
        ("support", &support_link),
        ("activation", &activation),
    ] {
        assert_eq!(
            app.inspect(token).await.status(),
            400,
            "the {name} link after 24 h"
        );
    }
}

/// Rule: support can reset an owner without an email through a recipient
/// address, and an owner with one is told that a link went elsewhere.
pub async fn support_reaches_an_owner_without_email(mode: Mode) {
    let app = TestApp::spawn_with(mode, |t| {
        json!({"support_token": SUPPORT_TOKEN, "tenants": [{"id": t, "name": "Guards Org",
            "users": [
                {"username": "olivia", "email": format!("olivia@{t}.test"), "password": PW, "role": "owner"},
                {"username": "owner2", "password": PW, "role": "owner"},
            ]}]})
    })
    .await;
    remember_secret(SUPPORT_TOKEN);
    let t = app.tenant.clone();
    let support = |user: &str, body: Value| {
        app.http
            .post(format!(
                "{}/v1/support/tenants/{t}/users/{}/password",
                app.url,
                id_of(&app, user)
            ))
            .bearer_auth(SUPPORT_TOKEN)
            .json(&body)
            .send()
    };
    // GIVEN owner2 has no email: a link without recipient_email cannot go anywhere
    let resp = support("owner2", json!({"mode": "link", "reason": "TICKET-1"}))
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // WHEN support sends the link to an address it was given
    let it = format!("it@{t}.test");
    let resp = support(
        "owner2",
        json!({"mode": "link", "reason": "TICKET-2", "recipient_email": it}),
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 202);
    // THEN it arrives there, is owner2's link, and sets owner2's password
    let mails = app.wait_for_mails(&it, 1).await;
    assert_eq!(mails[0].kind.as_deref(), Some("password_reset"));
    assert_eq!(app.confirm(&mails[0].token(), NEW_PW).await.status(), 204);
    assert_eq!(app.sign_in("owner2", PW).await.status(), 401);
    assert_eq!(app.sign_in("owner2", NEW_PW).await.status(), 201);
    // AND an owner with an email whose link goes elsewhere is told at her own address
    let desk = format!("desk@{t}.test");
    let resp = support(
        "olivia",
        json!({"mode": "link", "reason": "TICKET-3", "recipient_email": desk}),
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 202);
    app.wait_for_mails(&desk, 1).await;
    let own = app.wait_for_mails(&app.email_of("olivia"), 1).await;
    assert_eq!(
        own[0].kind.as_deref(),
        Some("reset_link_sent_elsewhere"),
        "{own:?}"
    );
    assert!(!own[0].body.contains("#token="), "the notice holds no link");
    app.assert_mail_count_stays(&app.email_of("olivia"), 1)
        .await;
    // and the audit log names support, the ticket and the override
    let log = app.audit_log().await;
    let sent: Vec<_> = log
        .iter()
        .filter(|e| e.kind == "password_reset.link_sent" && e.actor == "support")
        .collect();
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter()
            .all(|e| e.details["recipient_overridden"] == true)
    );
}

/// Rule: a session with `must_change_password` may call only `GET /v1/me`,
/// `POST /v1/me/password` and `DELETE /v1/sessions/current`. Probed on every
/// other authenticated route, as an owner (who could otherwise call them all).
pub async fn must_change_restricts_every_other_route(mode: Mode) {
    let app = app_with(
        mode,
        json!({}),
        vec![json!({"username": "boss", "email": "@", "password": PW, "role": "owner", "must_change_password": true})],
    )
    .await;
    let boss = app.session("boss", PW).await;
    let t = app.tenant.clone();
    let alice = id_of(&app, "alice");
    use reqwest::Method as M;
    let restricted: Vec<(M, String, Option<Value>)> = vec![
        (
            M::POST,
            "/v1/me/mfa/totp".into(),
            Some(json!({"current_password": PW})),
        ),
        (
            M::POST,
            "/v1/me/mfa/totp/confirm".into(),
            Some(json!({"code": "123456"})),
        ),
        (
            M::POST,
            format!("/v1/tenants/{t}/users"),
            Some(json!({"username": "x1", "role": "user"})),
        ),
        (M::GET, format!("/v1/tenants/{t}/users"), None),
        (M::GET, format!("/v1/tenants/{t}/users/{alice}"), None),
        (
            M::PATCH,
            format!("/v1/tenants/{t}/users/{alice}"),
            Some(json!({"status": "disabled"})),
        ),
        (
            M::POST,
            format!("/v1/tenants/{t}/users/{alice}/password-reset"),
            Some(json!({})),
        ),
        (
            M::PUT,
            format!("/v1/tenants/{t}/users/{alice}/password"),
            Some(json!({"new_password": NEW_PW, "temporary": false})),
        ),
        (
            M::POST,
            format!("/v1/tenants/{t}/password-resets/bulk"),
            Some(json!({"user_ids": [alice]})),
        ),
        (M::GET, format!("/v1/tenants/{t}/settings"), None),
        (M::PUT, format!("/v1/tenants/{t}/settings"), Some(json!({}))),
        (M::GET, format!("/v1/tenants/{t}/audit-events"), None),
    ];
    for (method, path, body) in restricted {
        let (status, resp) = call(&app, method.clone(), &path, &boss, body).await;
        assert_eq!(
            (status, resp["code"].clone()),
            (403, json!("password_change_required")),
            "{method} {path}: {resp}"
        );
    }
    // nothing happened to alice
    assert_eq!(app.sign_in("alice", ALICE_PW).await.status(), 201);
    assert!(app.mails_to(&app.email_of("alice")).await.is_empty());
    // the three allowed routes answer
    assert_eq!(me_status(&app, &boss).await, 200);
    let resp = app.change_password(&boss, PW, NEW_PW).await;
    assert_eq!(resp.status(), 204);
    // and once changed, the same session may do the rest
    let (status, _) = call(
        &app,
        M::GET,
        &format!("/v1/tenants/{t}/settings"),
        &boss,
        None,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = call(&app, M::DELETE, "/v1/sessions/current", &boss, None).await;
    assert_eq!(status, 204);
    assert_eq!(me_status(&app, &boss).await, 401);
}

/// A subscriber layer that counts, per thread, entries into spans named
/// `probe`. Argon2 runs on the blocking pool inside the caller's span, so in a
/// current-thread runtime every entry from another thread is one hash.
mod probe {
    use lambda_http::tracing::subscriber::Layer;
    use lambda_http::tracing::subscriber::layer::Context;
    use lambda_http::tracing::subscriber::registry::LookupSpan;
    use lambda_http::tracing::{Subscriber, span};
    use std::sync::{Arc, Mutex};
    use std::thread::ThreadId;

    #[derive(Clone, Default)]
    pub struct Entries(pub Arc<Mutex<Vec<ThreadId>>>);

    impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Entries {
        fn on_enter(&self, id: &span::Id, ctx: Context<'_, S>) {
            if ctx.span(id).is_some_and(|s| s.name() == "probe")
                && let Ok(mut v) = self.0.lock()
            {
                v.push(std::thread::current().id());
            }
        }
    }

    impl Entries {
        pub fn off_thread(&self, home: ThreadId) -> usize {
            self.0
                .lock()
                .map(|v| v.iter().filter(|t| **t != home).count())
                .unwrap_or(0)
        }
    }
}

/// How many password hashes (verifies) one sign-in attempt performs.
async fn hashes_of(
    w: &World,
    tenant: &latchkey_shared::domain::TenantId,
    username: &str,
    pw: &str,
) -> (usize, Result<(), AppError>) {
    use lambda_http::tracing::Instrument as _;
    use lambda_http::tracing::subscriber::layer::SubscriberExt as _;
    let entries = probe::Entries::default();
    let subscriber = lambda_http::tracing::subscriber::registry().with(entries.clone());
    let _default = lambda_http::tracing::dispatcher::set_default(
        &lambda_http::tracing::Dispatch::new(subscriber),
    );
    let span = lambda_http::tracing::info_span!("probe");
    let r = SignIn {
        tenants: &*w.store,
        users: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    }
    .execute(
        tenant,
        username,
        SecretString::from(pw.to_owned()),
        None,
        &RequestMeta {
            ip: Some("192.0.2.10".into()),
            ..Default::default()
        },
    )
    .instrument(span)
    .await
    .map(|_| ());
    (entries.off_thread(std::thread::current().id()), r)
}

/// Rule: a sign-in does the same work whatever the account: an unknown user
/// (or tenant) costs one Argon2 verify against the dummy hash, like a wrong
/// password of a known one.
pub async fn an_unknown_user_costs_one_hash_like_a_known_one(mode: Mode) {
    let w = World::new(mode).await;
    w.add_user("known", Status::Active).await;
    let tenant = w.tenant.id.clone();
    let (n, r) = hashes_of(&w, &tenant, "known", OLD_PASSWORD).await;
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(n, 1, "a good sign-in is one verify");
    let (n, r) = hashes_of(&w, &tenant, "known", "Wrong-Password-Lemur-3").await;
    assert!(matches!(r, Err(AppError::InvalidCredentials)), "{r:?}");
    assert_eq!(n, 1, "a wrong password is one verify");
    let (n, r) = hashes_of(&w, &tenant, "nobody", "Wrong-Password-Lemur-3").await;
    assert!(matches!(r, Err(AppError::InvalidCredentials)), "{r:?}");
    assert_eq!(n, 1, "an unknown user is one verify too");
    let elsewhere = latchkey_shared::domain::TenantId::parse("no-such-tenant-17").unwrap();
    let (n, r) = hashes_of(&w, &elsewhere, "known", OLD_PASSWORD).await;
    assert!(matches!(r, Err(AppError::InvalidCredentials)), "{r:?}");
    assert_eq!(n, 1, "an unknown tenant is one verify too");
    // a user without a password (pending) also costs the one verify
    let mut pending = w.user("nopass", Status::PendingActivation);
    pending.password_hash = None;
    w.store
        .commit(vec![Write::CreateUser(pending)])
        .await
        .unwrap();
    let (n, r) = hashes_of(&w, &tenant, "nopass", OLD_PASSWORD).await;
    assert!(matches!(r, Err(AppError::InvalidCredentials)), "{r:?}");
    assert_eq!(n, 1);
}

/// Rule: confirming a reset marks its token used (not only the generation
/// bump, which would hide a missing mark).
pub async fn confirm_marks_the_token_used(mode: Mode) {
    let w = World::new(mode).await;
    let user = w.add_user("marked", Status::Active).await;
    let mut fresh = user.clone();
    let (token, record) = issue_reset_token(
        &mut fresh,
        w.clock.now(),
        3600,
        ResetPurpose::SelfService,
        "test",
    );
    w.store
        .commit(vec![Write::PutResetToken(record), Write::SaveUser(fresh)])
        .await
        .unwrap();
    w.clock.advance(time::Duration::seconds(7));
    let confirmed_at = w.clock.now();
    w.confirm()
        .confirm(
            &w.tenant.id,
            &token,
            SecretString::from("Confirmed-Once-Puffin-88"),
            &RequestMeta::default(),
        )
        .await
        .unwrap();
    let stored = w
        .store
        .get_reset_token(&TokenHash::of(&token))
        .await
        .unwrap()
        .expect("the used token is still stored");
    assert_eq!(stored.used_at, Some(confirmed_at));
}

/// Rule: user saves are conditioned on the version read, under a race too:
/// of 8 saves from one read exactly one commits.
pub async fn racing_saves_from_one_read_commit_once(mode: Mode) {
    let w = Arc::new(World::new(mode).await);
    let user = w.add_user("raced", Status::Active).await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let w = w.clone();
        let mut changed = user.clone();
        changed.email = Some(format!("raced{i}@conformance.test"));
        tasks.push(tokio::spawn(async move {
            w.store.commit(vec![Write::SaveUser(changed)]).await
        }));
    }
    let mut won = Vec::new();
    for (i, t) in tasks.into_iter().enumerate() {
        match t.await.unwrap() {
            Ok(()) => won.push(i),
            Err(latchkey_shared::ports::StoreError::Conflict(_)) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(won.len(), 1, "exactly one save wins: {won:?}");
    let after = w
        .store
        .get_user(&w.tenant.id, &user.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.version, user.version + 1);
    assert_eq!(
        after.email,
        Some(format!("raced{}@conformance.test", won[0]))
    );
}

macro_rules! guards_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use latchkey_tests::Mode;
            #[tokio::test]
            async fn a_session_dies_at_its_expiry() {
                super::a_session_dies_at_its_expiry($mode).await
            }
            #[tokio::test]
            async fn disabling_revokes_sessions_for_good() {
                super::disabling_revokes_sessions_for_good($mode).await
            }
            #[tokio::test]
            async fn role_and_permission_changes_revoke_sessions() {
                super::role_and_permission_changes_revoke_sessions($mode).await
            }
            #[tokio::test]
            async fn an_admin_cannot_patch_an_owner() {
                super::an_admin_cannot_patch_an_owner($mode).await
            }
            #[tokio::test]
            async fn disabled_and_pending_accounts_cannot_sign_in() {
                super::disabled_and_pending_accounts_cannot_sign_in($mode).await
            }
            #[tokio::test]
            async fn admin_and_support_links_last_the_admin_ttl() {
                super::admin_and_support_links_last_the_admin_ttl($mode).await
            }
            #[tokio::test]
            async fn support_reaches_an_owner_without_email() {
                super::support_reaches_an_owner_without_email($mode).await
            }
            #[tokio::test]
            async fn must_change_restricts_every_other_route() {
                super::must_change_restricts_every_other_route($mode).await
            }
            // Current-thread: every entry into the probe span from another
            // thread is a hash on the blocking pool.
            #[tokio::test(flavor = "current_thread")]
            async fn an_unknown_user_costs_one_hash_like_a_known_one() {
                super::an_unknown_user_costs_one_hash_like_a_known_one($mode).await
            }
            #[tokio::test]
            async fn confirm_marks_the_token_used() {
                super::confirm_marks_the_token_used($mode).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn racing_saves_from_one_read_commit_once() {
                super::racing_saves_from_one_read_commit_once($mode).await
            }
        }
    };
}

guards_suite!(memory, Mode::Memory);
guards_suite!(dynamodb, Mode::Dynamo);
