//! Authorization before lookup: a caller without the permission gets the same
//! `403 forbidden` for any target id, existing or not, so the answer never says
//! which ids exist.

use serde_json::{Value, json};

use latchkey_tests::{ALICE_PW, Mode, TestApp};

pub async fn no_permission_means_the_same_403_for_every_id(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({}),
        vec![json!({"username": "bob", "email": "@", "password": ALICE_PW})],
    )
    .await;
    let bob = app.session("bob", ALICE_PW).await;
    let me: Value = app
        .me(&app.session("alice", ALICE_PW).await)
        .await
        .json()
        .await
        .unwrap();
    let alice_id = me["id"].as_str().unwrap().to_owned();
    let t = &app.tenant;
    for id in [alice_id.as_str(), "u_does_not_exist"] {
        for (method, path, body) in [
            (
                "POST",
                format!("/v1/tenants/{t}/users/{id}/password-reset"),
                json!({}),
            ),
            (
                "PUT",
                format!("/v1/tenants/{t}/users/{id}/password"),
                json!({"new_password": "Whatever-Password-Long-1", "temporary": true}),
            ),
            (
                "PATCH",
                format!("/v1/tenants/{t}/users/{id}"),
                json!({"status": "disabled"}),
            ),
            (
                "DELETE",
                format!("/v1/tenants/{t}/users/{id}/mfa"),
                json!({}),
            ),
            ("GET", format!("/v1/tenants/{t}/users/{id}"), json!(null)),
        ] {
            let mut req = app
                .http
                .request(method.parse().unwrap(), format!("{}{path}", app.url))
                .bearer_auth(&bob);
            if !body.is_null() {
                req = req.json(&body);
            }
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            let code: Value = resp.json().await.unwrap_or(Value::Null);
            assert_eq!(
                (status, code["code"].as_str()),
                (403, Some("forbidden")),
                "{method} {path}"
            );
        }
    }
}

#[tokio::test]
async fn memory_no_permission_means_the_same_403_for_every_id() {
    no_permission_means_the_same_403_for_every_id(Mode::Memory).await
}

#[tokio::test]
async fn dynamodb_no_permission_means_the_same_403_for_every_id() {
    no_permission_means_the_same_403_for_every_id(Mode::Dynamo).await
}

/// `GET /v1/me` says what the caller may do in the console, from the rule the
/// server enforces: an owner everything, an admin its permissions, a user nothing.
pub async fn me_lists_the_callers_capabilities(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({}),
        vec![
            json!({"username": "olga", "email": "@", "password": ALICE_PW, "role": "owner"}),
            json!({"username": "ada", "email": "@", "password": ALICE_PW, "role": "admin",
                   "permissions": ["users.read", "passwords.reset"]}),
        ],
    )
    .await;
    let caps = |name: &'static str| {
        let app = &app;
        async move {
            let me: Value = app
                .me(&app.session(name, ALICE_PW).await)
                .await
                .json()
                .await
                .unwrap();
            me["capabilities"].clone()
        }
    };
    assert_eq!(
        caps("olga").await,
        json!([
            "users.read",
            "users.manage",
            "roles.manage",
            "passwords.reset",
            "passwords.set",
            "audit.read",
            "mfa.reset",
            "settings.manage",
            "owners.manage"
        ])
    );
    assert_eq!(caps("ada").await, json!(["users.read", "passwords.reset"]));
    assert_eq!(caps("alice").await, json!([]));
}

#[tokio::test]
async fn memory_me_lists_the_callers_capabilities() {
    me_lists_the_callers_capabilities(Mode::Memory).await
}

#[tokio::test]
async fn dynamodb_me_lists_the_callers_capabilities() {
    me_lists_the_callers_capabilities(Mode::Dynamo).await
}
