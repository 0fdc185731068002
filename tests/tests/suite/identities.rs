//! Identities that render alike are one identity, end to end on both stores:
//! lookalike usernames cannot be created beside the original, sign-in and
//! forgot-password reach the account however the name is typed, and a password
//! typed on another keyboard (another Unicode form) verifies.

use serde_json::{Value, json};

use latchkey_tests::{ALICE_PW, Mode, TestApp};

pub async fn lookalikes_are_one_account(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({"require_mfa_for_admin_resets": false}),
        vec![json!({"username": "olivia", "email": "@", "password": ALICE_PW, "role": "owner"})],
    )
    .await;
    let owner = app.session("olivia", ALICE_PW).await;
    let create = |username: &str| {
        let http = app.http.clone();
        let url = format!("{}/v1/tenants/{}/users", app.url, app.tenant);
        let owner = owner.clone();
        let body = json!({"username": username, "role": "user"});
        async move {
            http.post(url)
                .bearer_auth(owner)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    // GIVEN alice WHEN lookalikes of her name are created THEN each is taken
    for lookalike in [
        "ａｌｉｃｅ",
        "alice\u{200B}",
        "\u{200E}ALICE",
        "al\u{00AD}ice",
    ] {
        let resp = create(lookalike).await;
        let status = resp.status();
        let body: Value = resp.json().await.unwrap();
        assert_eq!(
            (status.as_u16(), body["code"].as_str()),
            (409, Some("username_taken")),
            "{lookalike:?}"
        );
    }
    // precomposed and decomposed accents: the second is taken
    assert_eq!(create("jos\u{00E9}").await.status(), 201);
    assert_eq!(create("jose\u{0301}").await.status(), 409);
    // spaces and control characters are refused outright
    assert_eq!(create("a b").await.status(), 400);
    assert_eq!(create("a\u{0007}b").await.status(), 400);
    // a name that renders with its markup is stored and shown as it is
    let created: Value = create("<b>x</b>").await.json().await.unwrap();
    assert_eq!(created["username"], "<b>x</b>");
    // WHEN alice signs in as ALICE or in full-width letters THEN it is her
    for typed in ["ALICE", "ａｌｉｃｅ", "alice\u{200B}"] {
        let resp = app.sign_in(typed, ALICE_PW).await;
        assert_eq!(resp.status(), 201, "{typed:?}");
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body["user"]["username"], "alice");
    }
}

pub async fn a_password_verifies_in_any_unicode_form(mode: Mode) {
    // GIVEN a password chosen with a precomposed é
    let pw = "Caf\u{00E9}-Terrace-Lantern-9";
    let app = TestApp::spawn_with(mode, |t| {
        json!({"tenants": [{"id": t, "name": "Unicode Org", "users": [
            {"username": "zoe", "email": format!("zoe@{t}.test"), "password": pw},
        ]}]})
    })
    .await;
    // WHEN it is typed as e + combining acute, or in full-width capitals for the rest
    let decomposed = "Cafe\u{0301}-Terrace-Lantern-9";
    assert_eq!(app.sign_in("zoe", decomposed).await.status(), 201);
    assert_eq!(app.sign_in("zoe", pw).await.status(), 201);
    // AND a different password still fails
    assert_eq!(
        app.sign_in("zoe", "Cafe-Terrace-Lantern-9").await.status(),
        401
    );
}

macro_rules! identity_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test]
            async fn lookalikes_are_one_account() {
                super::lookalikes_are_one_account($mode).await
            }
            #[tokio::test]
            async fn a_password_verifies_in_any_unicode_form() {
                super::a_password_verifies_in_any_unicode_form($mode).await
            }
        }
    };
}

identity_suite!(memory, latchkey_tests::Mode::Memory);
identity_suite!(dynamodb_ses, latchkey_tests::Mode::Dynamo);
