//! DynamoDB round trips per request, counted on the store the Lambda functions
//! use (moto), with the per-instance tenant cache warm as on a busy function.
//! DESIGN.md: forgot-password must cost the same number of round trips for an
//! existing and an unknown account, so the cloud path cannot leak through a
//! missing write.

use serde_json::json;
use std::sync::Arc;

use latchkey::seed;
use latchkey_shared::adapters::tenant_cache::CachedTenants;
use latchkey_shared::app::App;
use latchkey_shared::domain::totp;
use latchkey_shared::http::{ApiRequest, Function, handle};
use latchkey_shared::ports::{Clock, FakeClock, MailOutbox, Store};
use latchkey_shared::usecases::reset::LinkConfig;
use latchkey_tests::{dynamo_store, table_name, test_now};

fn post(path: &str, body: serde_json::Value) -> ApiRequest {
    let mut headers = http::HeaderMap::new();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    ApiRequest {
        method: http::Method::POST,
        path: path.to_owned(),
        query: None,
        headers,
        body: body.to_string().into(),
        source_ip: Some("203.0.113.9".into()),
        iam_caller: None,
        base_url: None,
    }
}

#[tokio::test]
async fn round_trips_per_request() {
    let dynamo = Arc::new(dynamo_store(&format!("{}-trips", table_name())).await);
    let store: Arc<dyn Store> = dynamo.clone();
    seed::demo().apply(&*store, test_now()).await.unwrap();
    let clock = Arc::new(FakeClock::new(test_now()));
    let mut app = App::new(
        store.clone(),
        clock.clone(),
        LinkConfig {
            public_base_url: "https://login.example".into(),
            mail_from: "no-reply@latchkey.test".into(),
        },
    );
    app.tenants = Arc::new(CachedTenants::new(
        store.clone(),
        clock.clone(),
        time::Duration::seconds(30),
    ));
    // Sequential waits on DynamoDB (requests sent together count once); the
    // requests themselves are printed beside them.
    let count = |req: ApiRequest, f: Function| {
        let (app, dynamo) = (&app, dynamo.clone());
        async move {
            let (calls, waits) = (dynamo.round_trips(), dynamo.sequential_round_trips());
            let status = handle(app, Some(f), req).await.status().as_u16();
            let calls = dynamo.round_trips() - calls;
            let waits = dynamo.sequential_round_trips() - waits;
            eprintln!("{f:?}: {waits} round trips, {calls} requests");
            (status, waits)
        }
    };
    // warm the tenant cache
    count(
        post(
            "/v1/tenants/demo/password-resets",
            json!({"email": "warm@demo.test"}),
        ),
        Function::ForgotPassword,
    )
    .await;

    let (s1, known) = count(
        post(
            "/v1/tenants/demo/password-resets",
            json!({"email": "alice@demo.test"}),
        ),
        Function::ForgotPassword,
    )
    .await;
    let (s2, unknown) = count(
        post(
            "/v1/tenants/demo/password-resets",
            json!({"email": "nobody@demo.test"}),
        ),
        Function::ForgotPassword,
    )
    .await;
    assert_eq!((s1, s2), (202, 202));
    assert_eq!(
        known, unknown,
        "forgot-password: the same round trips for existing and unknown accounts"
    );

    let mail = dynamo
        .pending(10)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.email.text.contains("#token="))
        .unwrap()
        .email;
    let start = mail.text.find("#token=").unwrap() + 7;
    let token: String = mail.text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let (s, inspect) = count(
        post(
            "/v1/tenants/demo/password-resets/inspect",
            json!({"token": token}),
        ),
        Function::ResetPassword,
    )
    .await;
    assert_eq!(s, 200);
    let (s, confirm) = count(
        post(
            "/v1/tenants/demo/password-resets/confirm",
            json!({"token": token, "new_password": "Sapphire-Kettle-Roams-90"}),
        ),
        Function::ResetPassword,
    )
    .await;
    assert_eq!(s, 204);

    let (s, sign_in) = count(
        post(
            "/v1/tenants/demo/sessions",
            json!({"username": "alice", "password": "Sapphire-Kettle-Roams-90"}),
        ),
        Function::SignIn,
    )
    .await;
    assert_eq!(s, 201);
    let (s, sign_in_wrong) = count(
        post(
            "/v1/tenants/demo/sessions",
            json!({"username": "alice", "password": "Wrong-Password-Lemur-3"}),
        ),
        Function::SignIn,
    )
    .await;
    assert_eq!(s, 401);
    let (s, sign_in_unknown) = count(
        post(
            "/v1/tenants/demo/sessions",
            json!({"username": "nobody", "password": "Wrong-Password-Lemur-3"}),
        ),
        Function::SignIn,
    )
    .await;
    assert_eq!(s, 401);

    // A signed-in user: change the password, then turn on TOTP and sign in with it.
    let session = |resp: &latchkey_shared::http::ApiResponse| -> String {
        let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
        v["token"].as_str().unwrap().to_owned()
    };
    let resp = handle(
        &app,
        Some(Function::SignIn),
        post(
            "/v1/tenants/demo/sessions",
            json!({"username": "alice", "password": "Sapphire-Kettle-Roams-90"}),
        ),
    )
    .await;
    let token = session(&resp);
    let (s, change) = count(
        authed(
            "/v1/me/password",
            &token,
            json!({"current_password": "Sapphire-Kettle-Roams-90", "new_password": "Quartz-Lantern-Drifts-57"}),
        ),
        Function::ChangePassword,
    )
    .await;
    assert_eq!(s, 204);
    let (s, change_wrong) = count(
        authed(
            "/v1/me/password",
            &token,
            json!({"current_password": "Not-The-Password-11", "new_password": "Amber-Harbor-Listens-35"}),
        ),
        Function::ChangePassword,
    )
    .await;
    assert_eq!(s, 403);
    let resp = handle(
        &app,
        Some(Function::ChangePassword),
        authed(
            "/v1/me/mfa/totp",
            &token,
            json!({"current_password": "Quartz-Lantern-Drifts-57"}),
        ),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
    let secret = v["secret"].as_str().unwrap().to_owned();
    let code = |at| totp::code_at(&secret, totp::step_of(at)).unwrap();
    let resp = handle(
        &app,
        Some(Function::ChangePassword),
        authed(
            "/v1/me/mfa/totp/confirm",
            &token,
            json!({"code": code(clock.now())}),
        ),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    // The next TOTP step; the tenant cache (30 s) is warmed again first.
    clock.advance(time::Duration::seconds(30));
    handle(
        &app,
        Some(Function::ForgotPassword),
        post(
            "/v1/tenants/demo/password-resets",
            json!({"email": "warm@demo.test"}),
        ),
    )
    .await;
    let (s, sign_in_totp) = count(
        post(
            "/v1/tenants/demo/sessions",
            json!({"username": "alice", "password": "Quartz-Lantern-Drifts-57", "totp_code": code(clock.now())}),
        ),
        Function::SignIn,
    )
    .await;
    assert_eq!(s, 201);

    eprintln!(
        "round trips: forgot-password {known} (unknown account {unknown}), inspect {inspect}, \
         confirm {confirm}, sign-in {sign_in} (wrong password {sign_in_wrong}, unknown user \
         {sign_in_unknown}, with TOTP {sign_in_totp}), change-password {change} (wrong current \
         password {change_wrong})"
    );
    assert_eq!(
        (sign_in_wrong, sign_in_unknown),
        (sign_in, sign_in),
        "sign-in costs the same whether it succeeds, the password is wrong or the user unknown"
    );
    // DESIGN.md: at most 3 round trips each, with the tenant cache warm.
    for (route, trips) in [
        ("forgot-password", known),
        ("inspect", inspect),
        ("confirm", confirm),
        ("sign-in", sign_in),
        ("sign-in with TOTP", sign_in_totp),
        ("change-password", change),
        ("change-password, wrong current password", change_wrong),
    ] {
        assert!(trips <= 3, "{route}: {trips} round trips");
    }
}

fn authed(path: &str, token: &str, body: serde_json::Value) -> ApiRequest {
    let mut req = post(path, body);
    req.headers.insert(
        http::header::AUTHORIZATION,
        http::HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
    );
    req
}
