//! Administration over HTTP on both stores: users, settings, audit, admin
//! resets (link, set, bulk) with every guard, and platform support.

use serde_json::{Value, json};

use latchkey_shared::domain::totp;
use latchkey_tests::{Mode, TestApp};

const PW: &str = "Original-Password-Walrus-7";
const NEW_PW: &str = "Brand-New-Password-Falcon-8";
const TEMP_PW: &str = "Temporary-Password-Lynx-55";
const MFA_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const SUPPORT_TOKEN: &str = "Support-Token-Quasar-4711";

/// A tenant with an owner, an MFA-enabled admin, an admin without MFA, a
/// read-only admin and assorted users.
async fn admin_app(mode: Mode, settings: Value) -> TestApp {
    TestApp::spawn_with(mode, |t| {
        let u = |name: &str, extra: Value| {
            let mut v = json!({"username": name, "email": format!("{name}@{t}.test"), "password": PW});
            if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
                o.extend(e.clone());
            }
            v
        };
        let all = json!(["users.read", "users.manage", "passwords.reset", "passwords.set", "audit.read"]);
        json!({"support_token": SUPPORT_TOKEN, "tenants": [
            {"id": t, "name": "Admin Org", "settings": settings, "users": [
                u("olivia", json!({"role": "owner", "totp_secret": MFA_SECRET})),
                u("owner2", json!({"role": "owner"})),
                u("adam", json!({"role": "admin", "permissions": all, "totp_secret": MFA_SECRET})),
                u("nomfa", json!({"role": "admin", "permissions": all})),
                u("reader", json!({"role": "admin", "permissions": ["users.read"], "totp_secret": MFA_SECRET})),
                u("alice", json!({})),
                u("bob", json!({})),
                u("pat", json!({"status": "pending_activation", "password": null})),
                u("dora", json!({"status": "disabled"})),
                u("lena", json!({"source": "ldap", "password": null})),
                {"username": "nomail", "password": PW},
            ]},
            {"id": format!("{t}-other"), "name": "Other Org", "users": [
                {"username": "stranger", "email": format!("stranger@{t}.test"), "password": PW, "role": "owner", "totp_secret": MFA_SECRET},
            ]},
        ]})
    })
    .await
}

impl Ctx {
    async fn new(mode: Mode, settings: Value) -> Self {
        let app = admin_app(mode, settings).await;
        Self { app }
    }
    fn app(&self) -> &TestApp {
        &self.app
    }
    fn t(&self) -> String {
        self.app.tenant.clone()
    }
    /// A session, answering the TOTP challenge when there is one. Each call moves
    /// the fake clock one step so that no code is replayed.
    async fn login(&self, username: &str) -> String {
        self.login_in(&self.t(), username, PW).await
    }
    async fn login_in(&self, tenant: &str, username: &str, password: &str) -> String {
        self.app.clock.advance(time::Duration::seconds(30));
        let now = latchkey_shared::ports::Clock::now(&*self.app.clock);
        let code = totp::code_at(MFA_SECRET, totp::step_of(now)).unwrap();
        let resp = self
            .app
            .post(
                &format!("/v1/tenants/{tenant}/sessions"),
                json!({"username": username, "password": password, "totp_code": code}),
            )
            .await;
        assert_eq!(resp.status(), 201, "sign-in of {username}");
        let token = resp.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned();
        latchkey_tests::remember_secret(&token);
        latchkey_tests::remember_secret(password);
        token
    }
    async fn id_of(&self, username: &str) -> String {
        let owner = self.login("olivia").await;
        let list: Value = self
            .get(
                &owner,
                &format!("/v1/tenants/{}/users?q={username}", self.t()),
            )
            .await
            .json()
            .await
            .unwrap();
        list["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == username)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
    async fn get(&self, token: &str, path: &str) -> reqwest::Response {
        self.app
            .http
            .get(format!("{}{path}", self.app.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }
    async fn send(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: Value,
    ) -> reqwest::Response {
        self.app
            .http
            .request(method, format!("{}{path}", self.app.url))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
    async fn link(&self, token: &str, user_id: &str, body: Value) -> reqwest::Response {
        self.send(
            reqwest::Method::POST,
            token,
            &format!("/v1/tenants/{}/users/{user_id}/password-reset", self.t()),
            body,
        )
        .await
    }
    async fn set(
        &self,
        token: &str,
        user_id: &str,
        password: &str,
        temporary: bool,
    ) -> reqwest::Response {
        latchkey_tests::remember_secret(password);
        self.send(
            reqwest::Method::PUT,
            token,
            &format!("/v1/tenants/{}/users/{user_id}/password", self.t()),
            json!({"new_password": password, "temporary": temporary}),
        )
        .await
    }
}

struct Ctx {
    app: TestApp,
}

async fn code(resp: reqwest::Response) -> (u16, String) {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

pub async fn admin_link_flow(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let adam = c.login("adam").await;
    let alice = c.id_of("alice").await;
    let resp = c.link(&adam, &alice, json!({})).await;
    assert_eq!(resp.status(), 202);
    let body: Value = resp.json().await.unwrap();
    // an admin link lasts admin_reset_link_ttl_seconds (24 h), not the 1 h of a forgot link
    let now = latchkey_shared::ports::Clock::now(&*app.clock);
    assert_eq!(
        body["expires_at"],
        latchkey_shared::domain::rfc3339(now + time::Duration::seconds(86_400))
    );
    // the old password keeps working until the link is used
    assert_eq!(app.sign_in("alice", PW).await.status(), 201);
    let mails = app.wait_for_mails(&app.email_of("alice"), 1).await;
    assert_eq!(mails[0].kind.as_deref(), Some("password_reset"));
    assert_eq!(app.confirm(&mails[0].token(), NEW_PW).await.status(), 204);
    assert_eq!(app.sign_in("alice", PW).await.status(), 401);
    assert_eq!(app.sign_in("alice", NEW_PW).await.status(), 201);
    // a pending account's link is its activation link
    let pat = c.id_of("pat").await;
    assert_eq!(c.link(&adam, &pat, json!({})).await.status(), 202);
    let mails = app.wait_for_mails(&app.email_of("pat"), 1).await;
    assert_eq!(mails[0].kind.as_deref(), Some("activation"));
    assert_eq!(app.confirm(&mails[0].token(), NEW_PW).await.status(), 204);
    let s = app.session("pat", NEW_PW).await;
    let me: Value = app.me(&s).await.json().await.unwrap();
    assert_eq!(me["status"], "active");
}

pub async fn recipient_override_is_audited_and_owner_told(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let adam = c.login("adam").await;
    let bob = c.id_of("bob").await;
    let elsewhere = format!("helpdesk@{}.test", app.tenant);
    assert_eq!(
        c.link(&adam, &bob, json!({"recipient_email": elsewhere}))
            .await
            .status(),
        202
    );
    let sent = app.wait_for_mails(&elsewhere, 1).await;
    assert!(sent[0].body.contains("#token="));
    let notice = app.wait_for_mails(&app.email_of("bob"), 1).await;
    assert!(
        !notice[0].body.contains("#token="),
        "the account's own address gets a notice, not the link"
    );
    let olivia = c.login("olivia").await;
    let audit: Value = c
        .get(
            &olivia,
            &format!("/v1/tenants/{}/audit-events?limit=100", c.t()),
        )
        .await
        .json()
        .await
        .unwrap();
    let ev = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "password_reset.link_sent")
        .unwrap();
    assert_eq!(ev["details"]["recipient_email"], elsewhere);
    assert_eq!(ev["target"], bob);
    // the own-address case: no mail anywhere else
    let nomail = c.id_of("nomail").await;
    assert_eq!(code(c.link(&adam, &nomail, json!({})).await).await.0, 400);
}

pub async fn guards(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let adam = c.login("adam").await;
    let nomfa = c.login("nomfa").await;
    let reader = c.login("reader").await;
    let alice_s = c.login("alice").await;
    let olivia = c.login("olivia").await;
    let alice = c.id_of("alice").await;
    let owner2 = c.id_of("owner2").await;
    let lena = c.id_of("lena").await;
    let dora = c.id_of("dora").await;
    // MFA required for admin resets (tenant default)
    assert_eq!(
        code(c.link(&nomfa, &alice, json!({})).await).await,
        (403, "mfa_required_for_admin".into())
    );
    assert_eq!(
        code(c.set(&nomfa, &alice, NEW_PW, true).await).await,
        (403, "mfa_required_for_admin".into())
    );
    // missing permission, plain user
    assert_eq!(
        code(c.link(&reader, &alice, json!({})).await).await,
        (403, "forbidden".into())
    );
    assert_eq!(
        code(c.link(&alice_s, &alice, json!({})).await).await,
        (403, "forbidden".into())
    );
    // only an owner acts on an owner
    assert_eq!(
        code(c.link(&adam, &owner2, json!({})).await).await,
        (403, "forbidden".into())
    );
    assert_eq!(
        code(c.set(&adam, &owner2, NEW_PW, false).await).await,
        (403, "forbidden".into())
    );
    assert_eq!(c.link(&olivia, &owner2, json!({})).await.status(), 202);
    // externally managed, disabled
    assert_eq!(
        code(c.link(&adam, &lena, json!({})).await).await,
        (409, "externally_managed".into())
    );
    assert_eq!(
        code(c.set(&adam, &lena, NEW_PW, false).await).await,
        (409, "externally_managed".into())
    );
    assert_eq!(
        code(c.link(&adam, &dora, json!({})).await).await,
        (409, "account_disabled".into())
    );
    // unknown user and other tenant: 404 both ways
    assert_eq!(
        code(c.link(&adam, "u_nope", json!({})).await).await,
        (404, "not_found".into())
    );
    let other = format!("{}-other", c.t());
    let stranger = c.login_in(&other, "stranger", PW).await;
    let path = format!("/v1/tenants/{}/users/{alice}/password-reset", c.t());
    assert_eq!(
        code(
            c.send(reqwest::Method::POST, &stranger, &path, json!({}))
                .await
        )
        .await,
        (404, "not_found".into())
    );
    let cross = format!("/v1/tenants/{other}/users/{alice}/password-reset");
    assert_eq!(
        code(
            c.send(reqwest::Method::POST, &adam, &cross, json!({}))
                .await
        )
        .await,
        (404, "not_found".into())
    );
    let cross_get = format!("/v1/tenants/{}/users/{alice}", other);
    assert_eq!(c.get(&stranger, &cross_get).await.status(), 404);
    // no session
    let anon = c
        .app()
        .http
        .post(format!("{}{path}", c.app().url))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
}

pub async fn mfa_not_required_when_tenant_says_so(mode: Mode) {
    let c = Ctx::new(mode, json!({"require_mfa_for_admin_resets": false})).await;
    let nomfa = c.login("nomfa").await;
    let alice = c.id_of("alice").await;
    assert_eq!(c.link(&nomfa, &alice, json!({})).await.status(), 202);
}

pub async fn set_password_temporary_and_permanent(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let adam = c.login("adam").await;
    let alice = c.id_of("alice").await;
    let alice_session = app.session("alice", PW).await;
    // policy applies
    assert_eq!(code(c.set(&adam, &alice, "short", true).await).await.0, 422);
    assert_eq!(c.set(&adam, &alice, TEMP_PW, true).await.status(), 204);
    assert_eq!(
        app.me(&alice_session).await.status(),
        401,
        "sessions revoked"
    );
    assert_eq!(
        app.sign_in("alice", PW).await.status(),
        401,
        "old password stops at once"
    );
    let resp = app.sign_in("alice", TEMP_PW).await;
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["must_change_password"], true);
    let s = body["token"].as_str().unwrap().to_owned();
    assert_eq!(
        code(app.authed_post("/v1/me/mfa/totp", &s, json!({})).await).await,
        (403, "password_change_required".into())
    );
    assert_eq!(app.change_password(&s, TEMP_PW, NEW_PW).await.status(), 204);
    assert_eq!(
        app.authed_post("/v1/me/mfa/totp", &s, json!({"current_password": NEW_PW}))
            .await
            .status(),
        200
    );
    // permanent, and a pending account is activated by it
    let pat = c.id_of("pat").await;
    assert_eq!(c.set(&adam, &pat, TEMP_PW, false).await.status(), 204);
    let body: Value = app.sign_in("pat", TEMP_PW).await.json().await.unwrap();
    assert_eq!(body["must_change_password"], false);
}

pub async fn bulk_mixed_outcomes(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let adam = c.login("adam").await;
    let ids: Vec<String> = {
        let mut v = Vec::new();
        for name in ["alice", "lena", "dora", "owner2", "nomail", "bob"] {
            v.push(c.id_of(name).await);
        }
        v
    };
    let mut request = vec![ids[0].clone(), "u_missing".to_owned()];
    request.extend(ids[1..].iter().cloned());
    request.push(ids[0].clone());
    let path = format!("/v1/tenants/{}/password-resets/bulk", c.t());
    let resp = c
        .send(
            reqwest::Method::POST,
            &adam,
            &path,
            json!({"user_ids": request}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    let got: Vec<(String, String, String)> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["user_id"].as_str().unwrap().to_owned(),
                r["outcome"].as_str().unwrap().to_owned(),
                r["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let want = [
        ("sent", ""),
        ("not_found", ""),
        ("skipped", "externally_managed"),
        ("skipped", "account_disabled"),
        ("skipped", "forbidden"),
        ("skipped", "no_email"),
        ("sent", ""),
        ("skipped", "duplicate"),
    ];
    assert_eq!(got.len(), want.len());
    for (i, ((id, outcome, code), (w_outcome, w_code))) in got.iter().zip(want).enumerate() {
        assert_eq!(id, &request[i], "in order");
        assert_eq!(
            (outcome.as_str(), code.as_str()),
            (w_outcome, w_code),
            "item {i}"
        );
    }
    app.wait_for_mails(&app.email_of("alice"), 1).await;
    app.wait_for_mails(&app.email_of("bob"), 1).await;
    // bounds
    assert_eq!(
        code(
            c.send(reqwest::Method::POST, &adam, &path, json!({"user_ids": []}))
                .await
        )
        .await
        .0,
        400
    );
    let many: Vec<String> = (0..101).map(|i| format!("u_{i}")).collect();
    assert_eq!(
        code(
            c.send(
                reqwest::Method::POST,
                &adam,
                &path,
                json!({"user_ids": many})
            )
            .await
        )
        .await
        .0,
        400
    );
    let nomfa = c.login("nomfa").await;
    assert_eq!(
        code(
            c.send(
                reqwest::Method::POST,
                &nomfa,
                &path,
                json!({"user_ids": [ids[0]]})
            )
            .await
        )
        .await
        .0,
        403
    );
}

pub async fn users_crud_search_and_settings(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let t = c.t();
    let olivia = c.login("olivia").await;
    let adam = c.login("adam").await;
    let reader = c.login("reader").await;
    let users = format!("/v1/tenants/{t}/users");
    // create: pending, activation mail, uniqueness
    let new_email = format!("newbie@{t}.test");
    let resp = c.send(reqwest::Method::POST, &adam, &users, json!({"username": "Newbie", "email": new_email, "role": "user", "send_activation": true})).await;
    assert_eq!(resp.status(), 201);
    let created: Value = resp.json().await.unwrap();
    assert_eq!(created["status"], "pending_activation");
    assert!(created.get("password_hash").is_none());
    let mails = app.wait_for_mails(&new_email, 1).await;
    assert_eq!(mails[0].kind.as_deref(), Some("activation"));
    assert_eq!(
        code(
            c.send(
                reqwest::Method::POST,
                &adam,
                &users,
                json!({"username": "newbie", "role": "user"})
            )
            .await
        )
        .await,
        (409, "username_taken".into())
    );
    // only owners create admins; readers create nobody
    assert_eq!(
        code(
            c.send(
                reqwest::Method::POST,
                &adam,
                &users,
                json!({"username": "admin2", "role": "admin"})
            )
            .await
        )
        .await
        .0,
        403
    );
    assert_eq!(
        c.send(
            reqwest::Method::POST,
            &olivia,
            &users,
            json!({"username": "admin2", "role": "admin", "permissions": ["users.read"]})
        )
        .await
        .status(),
        201
    );
    assert_eq!(
        code(
            c.send(
                reqwest::Method::POST,
                &reader,
                &users,
                json!({"username": "x1", "role": "user"})
            )
            .await
        )
        .await
        .0,
        403
    );
    assert_eq!(
        code(
            c.send(
                reqwest::Method::POST,
                &adam,
                &users,
                json!({"username": "bad name", "role": "user"})
            )
            .await
        )
        .await
        .0,
        400
    );
    // search: username prefix, email prefix, pagination
    let body: Value = c
        .get(&reader, &format!("{users}?q=ali&limit=2"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["users"].as_array().unwrap().len(), 1);
    assert_eq!(body["users"][0]["username"], "alice");
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cur) => format!("{users}?limit=3&cursor={cur}"),
            None => format!("{users}?limit=3"),
        };
        let page: Value = c.get(&reader, &path).await.json().await.unwrap();
        for u in page["users"].as_array().unwrap() {
            seen.push(u["username"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort_by_key(|s| s.to_lowercase());
    assert_eq!(seen, sorted, "username order");
    assert_eq!(seen.len(), 13, "every user once: {seen:?}");
    // patch email: the index follows
    let bob = c.id_of("bob").await;
    let renamed = format!("zed-mailbox@{t}.test");
    let patched = c
        .send(
            reqwest::Method::PATCH,
            &adam,
            &format!("{users}/{bob}"),
            json!({"email": renamed}),
        )
        .await;
    assert_eq!(patched.status(), 200);
    let by_new: Value = c
        .get(&reader, &format!("{users}?q=zed-mail&limit=2"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_new["users"][0]["username"], "bob");
    let by_old: Value = c
        .get(&reader, &format!("{users}?q=bob%40{t}&limit=2"))
        .await
        .json()
        .await
        .unwrap();
    assert!(by_old["users"].as_array().unwrap().is_empty());
    // role changes are owner-only; disabling revokes sessions
    assert_eq!(
        code(
            c.send(
                reqwest::Method::PATCH,
                &adam,
                &format!("{users}/{bob}"),
                json!({"role": "admin"})
            )
            .await
        )
        .await
        .0,
        403
    );
    let bob_session = app.session("bob", PW).await;
    assert_eq!(
        c.send(
            reqwest::Method::PATCH,
            &adam,
            &format!("{users}/{bob}"),
            json!({"status": "disabled"})
        )
        .await
        .status(),
        200
    );
    assert_eq!(app.me(&bob_session).await.status(), 401);
    assert_eq!(
        code(
            c.send(
                reqwest::Method::PATCH,
                &adam,
                &format!("{users}/{bob}"),
                json!({"status": "sleepy"})
            )
            .await
        )
        .await
        .0,
        400
    );
    let got: Value = c
        .get(&reader, &format!("{users}/{bob}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["status"], "disabled");
    // settings: owner only, validated, applied
    let settings = format!("/v1/tenants/{t}/settings");
    assert_eq!(c.get(&adam, &settings).await.status(), 403);
    let mut s: Value = c.get(&olivia, &settings).await.json().await.unwrap();
    assert_eq!(s["password_policy"]["min_length"], 12);
    s["password_policy"]["min_length"] = json!(4);
    assert_eq!(
        code(
            c.send(reqwest::Method::PUT, &olivia, &settings, s.clone())
                .await
        )
        .await,
        (422, "invalid_settings".into())
    );
    s["password_policy"]["min_length"] = json!(16);
    assert_eq!(
        c.send(reqwest::Method::PUT, &olivia, &settings, s)
            .await
            .status(),
        200
    );
    let policy: Value = app
        .http
        .get(format!("{}/v1/tenants/{t}/password-policy", app.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(policy["min_length"], 16);
}

pub async fn audit_newest_first_paged_and_secret_free(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let adam = c.login("adam").await;
    let alice = c.id_of("alice").await;
    assert_eq!(c.set(&adam, &alice, TEMP_PW, true).await.status(), 204);
    let link_token = app.reset_token("bob").await;
    assert_eq!(app.confirm(&link_token, NEW_PW).await.status(), 204);
    app.sign_in("bob", "Wrong-Guess-Okapi-1").await;
    let olivia = c.login("olivia").await;
    let path = format!("/v1/tenants/{}/audit-events", c.t());
    assert_eq!(c.get(&c.login("reader").await, &path).await.status(), 403);
    let mut all: Vec<Value> = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..50 {
        let p = match &cursor {
            Some(cur) => format!("{path}?limit=5&cursor={cur}"),
            None => format!("{path}?limit=5"),
        };
        let page: Value = c.get(&olivia, &p).await.json().await.unwrap();
        all.extend(page["events"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) if !page["events"].as_array().unwrap().is_empty() => {
                cursor = Some(next.to_owned())
            }
            _ => break,
        }
    }
    assert!(all.len() >= 8, "{}", all.len());
    let ats: Vec<&str> = all.iter().map(|e| e["at"].as_str().unwrap()).collect();
    let mut sorted = ats.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ats, sorted, "newest first");
    let mut ids: Vec<&str> = all.iter().map(|e| e["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "no event twice across pages");
    let types: Vec<&str> = all.iter().map(|e| e["type"].as_str().unwrap()).collect();
    for t in ["password.set", "password_reset.completed", "sign_in"] {
        assert!(types.contains(&t), "{t} in {types:?}");
    }
    let text = serde_json::to_string(&all).unwrap();
    for secret in [
        PW,
        NEW_PW,
        TEMP_PW,
        "Wrong-Guess-Okapi-1",
        link_token.as_str(),
        adam.as_str(),
        olivia.as_str(),
        MFA_SECRET,
    ] {
        assert!(!text.contains(secret), "an audit event holds a secret");
    }
    assert!(!text.contains("$argon2"), "an audit event holds a hash");
    // Filters: by account (acting or acted on) and type, ANDed
    let q = format!("{path}?user_id={alice}&type=password.set&limit=100");
    let only: Value = c.get(&olivia, &q).await.json().await.unwrap();
    let only = only["events"].as_array().unwrap();
    assert_eq!(only.len(), 1, "{only:?}");
    assert_eq!(only[0]["target"], json!(alice));
    let bad = c.get(&olivia, &format!("{path}?from=yesterday")).await;
    assert_eq!(bad.status(), 400);
    // CSV: a header row, every field quoted, the same events
    let csv = c
        .get(&olivia, &format!("{path}?format=csv&type=password.set"))
        .await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = csv.text().await.unwrap();
    let rows: Vec<&str> = body.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(
        rows[0],
        r#""id","at","type","actor","target","ip","outcome","details""#
    );
    assert_eq!(rows.len(), 2, "{body}");
    assert!(
        rows[1].contains(r#""password.set""#) && rows[1].contains(&alice),
        "{body}"
    );
}

pub async fn support_reset(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let t = c.t();
    let owner2 = c.id_of("owner2").await;
    let path = format!("/v1/support/tenants/{t}/users/{owner2}/password");
    let post = |token: Option<&str>, body: Value| {
        let mut r = app.http.post(format!("{}{path}", app.url)).json(&body);
        if let Some(tok) = token {
            r = r.bearer_auth(tok);
        }
        r.send()
    };
    assert_eq!(
        code(
            post(None, json!({"mode": "link", "reason": "TICKET-1"}))
                .await
                .unwrap()
        )
        .await
        .0,
        401
    );
    assert_eq!(
        code(
            post(
                Some("wrong-token"),
                json!({"mode": "link", "reason": "TICKET-1"})
            )
            .await
            .unwrap()
        )
        .await
        .0,
        401
    );
    assert_eq!(
        code(
            post(Some(SUPPORT_TOKEN), json!({"mode": "link"}))
                .await
                .unwrap()
        )
        .await
        .0,
        400
    );
    assert_eq!(
        code(
            post(Some(SUPPORT_TOKEN), json!({"mode": "link", "reason": "  "}))
                .await
                .unwrap()
        )
        .await
        .0,
        400
    );
    // an owner without email: link to an address support was given
    let resp = post(
        Some(SUPPORT_TOKEN),
        json!({"mode": "link", "reason": "TICKET-42", "recipient_email": format!("it@{t}.test")}),
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 202);
    let mails = app.wait_for_mails(&format!("it@{t}.test"), 1).await;
    assert_eq!(app.confirm(&mails[0].token(), NEW_PW).await.status(), 204);
    // or set a temporary password
    let resp = post(
        Some(SUPPORT_TOKEN),
        json!({"mode": "set", "new_password": TEMP_PW, "temporary": true, "reason": "TICKET-43"}),
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 204);
    let body: Value = app.sign_in("owner2", TEMP_PW).await.json().await.unwrap();
    assert_eq!(body["must_change_password"], true);
    // audited in the tenant's log as support, with the reason
    let olivia = c.login("olivia").await;
    let audit: Value = c
        .get(&olivia, &format!("/v1/tenants/{t}/audit-events?limit=100"))
        .await
        .json()
        .await
        .unwrap();
    let support_events: Vec<&Value> = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor"] == "support")
        .collect();
    assert_eq!(support_events.len(), 2);
    assert!(
        support_events
            .iter()
            .any(|e| e["details"]["reason"] == "TICKET-42")
    );
    assert!(
        support_events
            .iter()
            .any(|e| e["details"]["reason"] == "TICKET-43")
    );
    assert!(
        !serde_json::to_string(&audit)
            .unwrap()
            .contains(SUPPORT_TOKEN)
    );
}

pub async fn email_change_is_a_reset(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let t = c.t();
    let alice = c.id_of("alice").await;
    let path = format!("/v1/tenants/{t}/users/{alice}");
    let evil = format!("evil@{t}-attacker.test");
    let patch = |token: String, email: String| {
        let (c, path) = (&c, &path);
        async move {
            c.send(
                reqwest::Method::PATCH,
                &token,
                path,
                json!({"email": email}),
            )
            .await
        }
    };
    // GIVEN a link alice asked for, still outstanding
    let link = app.reset_token("alice").await;
    // an admin with users.manage only (no passwords.reset) cannot redirect her mail
    let owner = c.login("olivia").await;
    let manager = c
        .send(
            reqwest::Method::POST,
            &owner,
            &format!("/v1/tenants/{t}/users"),
            json!({"username": "mgr", "email": format!("mgr@{t}.test"), "role": "admin",
                   "permissions": ["users.read", "users.manage"]}),
        )
        .await;
    assert_eq!(manager.status(), 201);
    let mgr_id = manager.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(c.set(&owner, &mgr_id, TEMP_PW, false).await.status(), 204);
    app.clock.advance(time::Duration::seconds(30));
    let mgr = app.session("mgr", TEMP_PW).await;
    assert_eq!(
        code(patch(mgr.clone(), evil.clone()).await).await,
        (403, "forbidden".into())
    );
    // an admin holding passwords.reset but no MFA is refused as for a reset
    let nomfa = c.login("nomfa").await;
    assert_eq!(
        code(patch(nomfa, evil.clone()).await).await,
        (403, "mfa_required_for_admin".into())
    );
    // other fields stay open to users.manage
    let other_field = c
        .send(
            reqwest::Method::PATCH,
            &mgr,
            &path,
            json!({"can_change_password": true}),
        )
        .await;
    assert_eq!(other_field.status(), 200);
    // an email list, a display name or brackets are not one mailbox
    let adam = c.login("adam").await;
    for bad in [
        format!("x@{t}.test,attacker@evil.test"),
        format!("Alice <x@{t}.test>"),
        format!("\"x\"@{t}.test"),
    ] {
        assert_eq!(
            code(patch(adam.clone(), bad).await).await,
            (400, "invalid_request".into())
        );
    }
    // WHEN an allowed admin changes it
    assert_eq!(patch(adam, evil.clone()).await.status(), 200);
    // THEN the outstanding link died with the change
    assert_eq!(app.confirm(&link, NEW_PW).await.status(), 400);
    // AND the old address was told, the new one only masked
    let old = app.email_of("alice");
    let mails = app.wait_for_mails(&old, 2).await;
    let notice = mails
        .iter()
        .find(|m| m.kind.as_deref() == Some("email_changed"))
        .expect("old address notified");
    assert!(!notice.body.contains(&evil), "{}", notice.body);
    assert!(notice.body.contains("e***@"), "{}", notice.body);
    // AND the audit names both addresses, masked
    let audit: Value = c
        .get(&owner, &format!("/v1/tenants/{t}/audit-events?limit=100"))
        .await
        .json()
        .await
        .unwrap();
    let change = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "user.updated" && e["details"]["new_email"].is_string())
        .unwrap();
    assert_eq!(change["details"]["old_email"], "a***@t***.test");
    assert!(!audit.to_string().contains(&evil));
}

pub async fn admins_act_only_on_weaker_admins(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let owner = c.login("olivia").await;
    let t = c.t();
    // GIVEN an admin with every password permission but not audit.read
    let resp = c
        .send(
            reqwest::Method::POST,
            &owner,
            &format!("/v1/tenants/{t}/users"),
            json!({"username": "pw-admin", "email": format!("pw-admin@{t}.test"), "role": "admin",
                   "permissions": ["users.read", "users.manage", "passwords.reset", "passwords.set"]}),
        )
        .await;
    let weak = resp.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(c.set(&owner, &weak, TEMP_PW, false).await.status(), 204);
    let weak_session = {
        c.app().clock.advance(time::Duration::seconds(30));
        let r = c.app().sign_in("pw-admin", TEMP_PW).await;
        r.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // it would need MFA to reset anyone: the tenant allows it without for this test
    let settings: Value = c
        .get(&owner, &format!("/v1/tenants/{t}/settings"))
        .await
        .json()
        .await
        .unwrap();
    let mut settings = settings;
    settings["require_mfa_for_admin_resets"] = json!(false);
    let put = c
        .send(
            reqwest::Method::PUT,
            &owner,
            &format!("/v1/tenants/{t}/settings"),
            settings,
        )
        .await;
    assert_eq!(put.status(), 200);
    // THEN it cannot reset adam, who holds more (audit.read)
    let adam = c.id_of("adam").await;
    assert_eq!(
        code(c.set(&weak_session, &adam, NEW_PW, false).await).await,
        (403, "forbidden".into())
    );
    // but may reset the read-only admin, whose rights it holds
    let reader = c.id_of("reader").await;
    assert_eq!(
        c.set(&weak_session, &reader, NEW_PW, false).await.status(),
        204
    );
}

pub async fn an_admin_set_says_nothing_about_old_passwords(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let owner = c.login("olivia").await;
    let t = c.t();
    let alice = c.id_of("alice").await;
    // GIVEN an owner raising min_length to probe alice's password
    let mut settings: Value = c
        .get(&owner, &format!("/v1/tenants/{t}/settings"))
        .await
        .json()
        .await
        .unwrap();
    settings["password_policy"]["min_length"] = json!(64);
    c.send(
        reqwest::Method::PUT,
        &owner,
        &format!("/v1/tenants/{t}/settings"),
        settings,
    )
    .await;
    // WHEN it "sets" a wrong guess and then the real current password
    let wrong = c.set(&owner, &alice, "Some-Wrong-Guess-1", false).await;
    let right = c.set(&owner, &alice, PW, false).await;
    let violations = |v: Value| -> Vec<String> {
        v["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["code"].as_str().unwrap().to_owned())
            .collect()
    };
    // THEN both answers are the same: no reused_password for a set by someone else
    let (w, r) = (
        violations(wrong.json().await.unwrap()),
        violations(right.json().await.unwrap()),
    );
    assert_eq!(w, vec!["too_short"]);
    assert_eq!(r, w);
    // AND both refusals are audited
    let audit: Value = c
        .get(&owner, &format!("/v1/tenants/{t}/audit-events?limit=100"))
        .await
        .json()
        .await
        .unwrap();
    let refused = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "password.set" && e["outcome"] == "refused")
        .count();
    assert_eq!(refused, 2);
}

pub async fn support_helps_administrators_only(mode: Mode) {
    let c = Ctx::new(mode, json!({})).await;
    let app = c.app();
    let t = c.t();
    let alice = c.id_of("alice").await;
    let path = format!("/v1/support/tenants/{t}/users/{alice}/password");
    let resp = app
        .http
        .post(format!("{}{path}", app.url))
        .bearer_auth(SUPPORT_TOKEN)
        .json(&json!({"mode": "link", "reason": "TICKET-9"}))
        .send()
        .await
        .unwrap();
    assert_eq!(code(resp).await, (403, "forbidden".into()));
}

macro_rules! admin_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use latchkey_tests::Mode;
            const MODE: Mode = $mode;
            #[tokio::test]
            async fn admin_link_flow() {
                super::admin_link_flow(MODE).await
            }
            #[tokio::test]
            async fn recipient_override_is_audited_and_owner_told() {
                super::recipient_override_is_audited_and_owner_told(MODE).await
            }
            #[tokio::test]
            async fn guards() {
                super::guards(MODE).await
            }
            #[tokio::test]
            async fn mfa_not_required_when_tenant_says_so() {
                super::mfa_not_required_when_tenant_says_so(MODE).await
            }
            #[tokio::test]
            async fn set_password_temporary_and_permanent() {
                super::set_password_temporary_and_permanent(MODE).await
            }
            #[tokio::test]
            async fn bulk_mixed_outcomes() {
                super::bulk_mixed_outcomes(MODE).await
            }
            #[tokio::test]
            async fn users_crud_search_and_settings() {
                super::users_crud_search_and_settings(MODE).await
            }
            #[tokio::test]
            async fn audit_newest_first_paged_and_secret_free() {
                super::audit_newest_first_paged_and_secret_free(MODE).await
            }
            #[tokio::test]
            async fn support_reset() {
                super::support_reset(MODE).await
            }
            #[tokio::test]
            async fn email_change_is_a_reset() {
                super::email_change_is_a_reset(MODE).await
            }
            #[tokio::test]
            async fn admins_act_only_on_weaker_admins() {
                super::admins_act_only_on_weaker_admins(MODE).await
            }
            #[tokio::test]
            async fn an_admin_set_says_nothing_about_old_passwords() {
                super::an_admin_set_says_nothing_about_old_passwords(MODE).await
            }
            #[tokio::test]
            async fn support_helps_administrators_only() {
                super::support_helps_administrators_only(MODE).await
            }
        }
    };
}

admin_suite!(memory, Mode::Memory);
admin_suite!(dynamodb_ses, Mode::Dynamo);
