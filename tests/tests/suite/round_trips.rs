//! DynamoDB round trips per request, counted on the store the Lambda functions
//! use (moto), with the per-instance tenant cache warm as on a busy function.
//! docs/benchmarks.md: forgot-password must cost the same number of round trips for an
//! existing and an unknown account, so the cloud path cannot leak through a
//! missing write.

use serde_json::json;
use std::sync::Arc;

use latchkey::seed;
use latchkey_shared::app::App;
use latchkey_shared::http::Function;
use latchkey_shared::ports::{FakeClock, Store};
use latchkey_tests::round_trips::*;
use latchkey_tests::{dynamo_store_metered, table_name, test_now};

#[tokio::test]
async fn round_trips_per_request() {
    // GIVEN the demo tenant on DynamoDB (moto), a function instance with its
    // tenant cache warm, and a meter on the wire
    let (dynamo, meter) = dynamo_store_metered(&format!("{}-trips", table_name())).await;
    // WHEN each route of the table is requested once
    let costs = walk(Arc::new(dynamo), meter).await;
    eprintln!("{}", table(&costs));
    let cost = |route: &str| costs.iter().find(|c| c.route == route).unwrap().clone();
    // THEN each answered as it should
    for (route, status) in [
        (FORGOT_EXISTING, 202),
        (FORGOT_UNKNOWN, 202),
        (INSPECT, 200),
        (CONFIRM, 204),
        (SIGN_IN, 201),
        (SIGN_IN_WRONG, 401),
        (SIGN_IN_UNKNOWN, 401),
        (SIGN_IN_TOTP, 201),
        (CHANGE, 204),
        (CHANGE_WRONG, 403),
    ] {
        assert_eq!(cost(route).status, status, "{route}");
        // AND the meter saw it: each route read or wrote something
        let used = cost(route).units;
        assert!(used.read + used.write > 0.0, "{route}: no units billed");
        // AND the bound of docs/benchmarks.md holds: at most 3 round trips each
        let trips = cost(route).round_trips;
        assert!(trips <= 3, "{route}: {trips} round trips");
    }
    // AND the answer's cost tells nothing: forgot-password is the same for an
    // existing and an unknown account, sign-in whatever its outcome
    assert_eq!(
        cost(FORGOT_EXISTING).round_trips,
        cost(FORGOT_UNKNOWN).round_trips,
        "forgot-password: the same round trips for existing and unknown accounts"
    );
    assert_eq!(
        (
            cost(SIGN_IN_WRONG).round_trips,
            cost(SIGN_IN_UNKNOWN).round_trips
        ),
        (cost(SIGN_IN).round_trips, cost(SIGN_IN).round_trips),
        "sign-in costs the same whether it succeeds, the password is wrong or the user unknown"
    );
    // AND a sealed TOTP secret is opened with the instance's data key: no
    // round trip of its own
    assert_eq!(
        cost(SIGN_IN_TOTP).round_trips,
        cost(SIGN_IN).round_trips,
        "sign-in with TOTP costs what sign-in costs"
    );
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
    let instance = || function_instance(store.clone(), clock.clone());
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
