//! DynamoDB round trips per request, counted on the store the Lambda functions
//! use (moto), with the per-instance tenant cache warm as on a busy function.
//! DESIGN.md: forgot-password must cost the same number of round trips for an
//! existing and an unknown account, so the cloud path cannot leak through a
//! missing write.

use serde_json::json;
use std::sync::Arc;

use latchkey::seed;
use latchkey_shared::app::App;
use latchkey_shared::domain::totp;
use latchkey_shared::http::{ApiRequest, Function, handle};
use latchkey_shared::ports::{Clock, FakeClock, MailOutbox, Store};
use latchkey_shared::usecases::reset::LinkConfig;
use latchkey_tests::capacity::Units;
use latchkey_tests::{dynamo_store_metered, table_name, test_now};

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
    let (dynamo, meter) = dynamo_store_metered(&format!("{}-trips", table_name())).await;
    let dynamo = Arc::new(dynamo);
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
    app.cache_tenants(30);
    // Sequential waits on DynamoDB (requests sent together count once); the
    // requests themselves are printed beside them.
    // Request units too, billed on the wire (`capacity`); the mail
    // dispatcher is not running, so only the request's own calls count.
    let units = std::sync::Mutex::new(Vec::<(String, Units)>::new());
    let count = |req: ApiRequest, f: Function| {
        let (app, dynamo, meter, units) = (&app, dynamo.clone(), meter.clone(), &units);
        async move {
            let what = format!("{} {}", req.method, req.path);
            let (calls, waits) = (dynamo.round_trips(), dynamo.sequential_round_trips());
            let before = meter.units();
            let status = handle(app, Some(f), req).await.status().as_u16();
            let calls = dynamo.round_trips() - calls;
            let waits = dynamo.sequential_round_trips() - waits;
            let used = meter.units() - before;
            eprintln!(
                "{f:?} {what} -> {status}: {waits} round trips, {calls} requests, {} RRU, {} WRU",
                used.read, used.write
            );
            units
                .lock()
                .unwrap()
                .push((format!("{what} {status}"), used));
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
    // The meter saw every request: each route read or wrote something.
    for (what, used) in units.lock().unwrap().iter() {
        assert!(used.read + used.write > 0.0, "{what}: no units billed");
    }
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

/// The tenant cache (Lambda, `latchkey serve --store dynamodb`) never makes a
/// tenant write lose data: settings and logo writes read the stored tenant,
/// not an instance's cached copy, and an instance reads its own change at once.
#[tokio::test]
async fn tenant_writes_through_the_cache_lose_nothing() {
    use latchkey_shared::adapters::memory::MemoryStore;
    let store: Arc<dyn Store> = Arc::new(MemoryStore::new());
    seed::demo().apply(&*store, test_now()).await.unwrap();
    let clock = Arc::new(FakeClock::new(test_now()));
    // GIVEN two function instances over one table, each with its own cache
    let instance = || {
        let mut app = App::new(
            store.clone(),
            clock.clone(),
            LinkConfig {
                public_base_url: "https://login.example".into(),
                mail_from: "no-reply@latchkey.test".into(),
            },
        );
        app.cache_tenants(30);
        app
    };
    let (a, b) = (instance(), instance());
    let resp = handle(
        &a,
        Some(Function::SignIn),
        post(
            "/v1/tenants/demo/sessions",
            json!({"username": "olivia", "password": seed::DEMO_ACCOUNTS[0].2}),
        ),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 201);
    let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
    let token = v["token"].as_str().unwrap().to_owned();
    let get_settings = |app: &App| {
        let mut req = authed("/v1/tenants/demo/settings", &token, json!({}));
        req.method = http::Method::GET;
        req.body = bytes::Bytes::new();
        let app = app.clone();
        async move {
            let resp = handle(&app, Some(Function::Users), req).await;
            assert_eq!(resp.status().as_u16(), 200);
            serde_json::from_slice::<serde_json::Value>(resp.body()).unwrap()
        }
    };
    let put_logo = |app: &App| {
        let mut req = authed("/v1/tenants/demo/logo", &token, json!({}));
        req.method = http::Method::PUT;
        req.body = bytes::Bytes::from_static(PNG_1X1);
        req.headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("image/png"),
        );
        let app = app.clone();
        async move { handle(&app, Some(Function::Users), req).await.status() }
    };
    let stored = || async {
        store
            .get_tenant(&latchkey_shared::domain::TenantId::parse("demo").unwrap())
            .await
            .unwrap()
            .unwrap()
    };
    // AND both cached the tenant as it is (no logo, English)
    let mut settings = get_settings(&a).await;
    get_settings(&b).await;
    // WHEN b takes a logo, then a (its cache stale) saves settings
    assert_eq!(put_logo(&b).await, 204);
    get_settings(&b).await; // b caches the tenant again: a logo, English
    settings["default_locale"] = json!("de");
    let mut put = authed("/v1/tenants/demo/settings", &token, settings);
    put.method = http::Method::PUT;
    assert_eq!(handle(&a, Some(Function::Users), put).await.status(), 200);
    // THEN both changes are stored: a's settings write kept b's logo
    assert!(
        stored().await.logo.is_some(),
        "the logo survived the settings write"
    );
    assert_eq!(stored().await.settings.default_locale.as_str(), "de");
    // AND a reads its own change at once, within the cache's TTL
    assert_eq!(get_settings(&a).await["default_locale"], "de");
    // WHEN b (its cache still English) takes another logo THEN the settings stay
    assert_eq!(put_logo(&b).await, 204);
    assert_eq!(stored().await.settings.default_locale.as_str(), "de");
}

/// A 1x1 PNG.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];
