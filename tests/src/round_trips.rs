//! The walk through the routes whose DynamoDB cost docs/benchmarks.md bounds, on the
//! store the Lambda functions use, with the per-instance tenant cache warm as on
//! a busy function. Shared by the `round_trips` test (which asserts the bounds)
//! and the latency benchmark (which reports the same figures in its run).

use serde_json::json;
use std::sync::Arc;

use latchkey::seed;
use latchkey_shared::adapters::dynamodb::DynamoStore;
use latchkey_shared::app::App;
use latchkey_shared::domain::totp;
use latchkey_shared::http::{ApiRequest, Client, Function};
use latchkey_shared::ports::{Clock, FakeClock, MailOutbox, Store};
use latchkey_shared::usecases::reset::LinkConfig;

use crate::capacity::{CapacityMeter, Units};
use crate::{test_now, token_in};

/// What one request cost.
#[derive(Clone, Debug)]
pub struct Cost {
    /// The route as the table of docs/benchmarks.md names it.
    pub route: &'static str,
    pub status: u16,
    /// Sequential waits on DynamoDB (requests sent together count once).
    pub round_trips: usize,
    /// Requests sent.
    pub requests: usize,
    /// Request units, billed on the wire (`capacity`).
    pub units: Units,
}

pub const FORGOT_EXISTING: &str = "forgot-password, existing account";
pub const FORGOT_UNKNOWN: &str = "forgot-password, unknown account";
pub const INSPECT: &str = "inspect";
pub const CONFIRM: &str = "confirm";
pub const SIGN_IN: &str = "sign-in, success";
pub const SIGN_IN_WRONG: &str = "sign-in, wrong password";
pub const SIGN_IN_UNKNOWN: &str = "sign-in, unknown user";
pub const SIGN_IN_TOTP: &str = "sign-in with TOTP";
pub const CHANGE: &str = "change-password, success";
pub const CHANGE_WRONG: &str = "change-password, wrong current password";

/// An app as one function instance runs it: its own tenant cache (30 s).
pub fn function_instance(store: Arc<dyn Store>, clock: Arc<FakeClock>) -> App {
    let mut app = App::new(
        store,
        clock,
        LinkConfig {
            public_base_url: "https://login.example".into(),
            mail_from: "no-reply@latchkey.test".into(),
        },
    );
    app.cache_tenants(30);
    app
}

pub fn post(path: &str, body: serde_json::Value) -> ApiRequest {
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
        client: Client {
            source_ip: Some("203.0.113.9".into()),
            ..Client::default()
        },
    }
}

/// Serves `req` as the instance of `only` would: its router over `app` (a
/// clone shares the store and the warm tenant cache).
pub async fn handle(
    app: &latchkey_shared::app::App,
    only: Option<Function>,
    req: ApiRequest,
) -> http::Response<bytes::Bytes> {
    let router = latchkey_shared::http::router(app.clone(), only);
    latchkey_shared::http::handle(&router, req).await
}

pub fn authed(path: &str, token: &str, body: serde_json::Value) -> ApiRequest {
    let mut req = post(path, body);
    req.headers.insert(
        http::header::AUTHORIZATION,
        http::HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
    );
    req
}

/// Seeds the demo tenant into `dynamo` (a fresh table), then makes each request
/// of the table once, as a function instance with a warm tenant cache, and
/// returns what each cost. The mail dispatcher is not running, so only the
/// requests' own calls count.
pub async fn walk(dynamo: Arc<DynamoStore>, meter: CapacityMeter) -> Vec<Cost> {
    let store: Arc<dyn Store> = dynamo.clone();
    seed::demo().apply(&*store, test_now()).await.unwrap();
    let clock = Arc::new(FakeClock::new(test_now()));
    let app = function_instance(store, clock.clone());
    let mut costs = Vec::new();
    let measure = async |route: &'static str, req: ApiRequest, f: Function| -> Cost {
        let (calls, waits) = (meter.requests(), meter.sequential());
        let before = meter.units();
        let resp = handle(&app, Some(f), req).await;
        Cost {
            route,
            status: resp.status().as_u16(),
            round_trips: meter.sequential() - waits,
            requests: meter.requests() - calls,
            units: meter.units() - before,
        }
    };
    let forgot = |email: &str| {
        post(
            "/v1/tenants/demo/password-resets",
            json!({ "email": email }),
        )
    };
    // warm the tenant cache
    handle(
        &app,
        Some(Function::ForgotPassword),
        forgot("warm@demo.test"),
    )
    .await;
    for (route, email) in [
        (FORGOT_EXISTING, "alice@demo.test"),
        (FORGOT_UNKNOWN, "nobody@demo.test"),
    ] {
        costs.push(measure(route, forgot(email), Function::ForgotPassword).await);
    }

    let mail = dynamo
        .pending(10)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.email.text.contains("#token="))
        .unwrap()
        .email;
    let token = token_in(&mail.text);
    let inspect = post(
        "/v1/tenants/demo/password-resets/inspect",
        json!({ "token": token }),
    );
    costs.push(measure(INSPECT, inspect, Function::ResetPassword).await);
    let confirm = post(
        "/v1/tenants/demo/password-resets/confirm",
        json!({"token": token, "new_password": "Sapphire-Kettle-Roams-90"}),
    );
    costs.push(measure(CONFIRM, confirm, Function::ResetPassword).await);

    let sign_in = |username: &str, password: &str| {
        post(
            "/v1/tenants/demo/sessions",
            json!({ "username": username, "password": password }),
        )
    };
    for (route, username, password) in [
        (SIGN_IN, "alice", "Sapphire-Kettle-Roams-90"),
        (SIGN_IN_WRONG, "alice", "Wrong-Password-Lemur-3"),
        (SIGN_IN_UNKNOWN, "nobody", "Wrong-Password-Lemur-3"),
    ] {
        let req = sign_in(username, password);
        costs.push(measure(route, req, Function::SignIn).await);
    }

    // A signed-in user: change the password, then turn on TOTP and sign in with it.
    let resp = handle(
        &app,
        Some(Function::SignIn),
        sign_in("alice", "Sapphire-Kettle-Roams-90"),
    )
    .await;
    let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
    let session = v["token"].as_str().unwrap().to_owned();
    for (route, current, new) in [
        (
            CHANGE,
            "Sapphire-Kettle-Roams-90",
            "Quartz-Lantern-Drifts-57",
        ),
        (
            CHANGE_WRONG,
            "Not-The-Password-11",
            "Amber-Harbor-Listens-35",
        ),
    ] {
        let req = authed(
            "/v1/me/password",
            &session,
            json!({"current_password": current, "new_password": new}),
        );
        costs.push(measure(route, req, Function::ChangePassword).await);
    }
    let enrol = authed(
        "/v1/me/mfa/totp",
        &session,
        json!({"current_password": "Quartz-Lantern-Drifts-57"}),
    );
    let resp = handle(&app, Some(Function::ChangePassword), enrol).await;
    assert_eq!(resp.status().as_u16(), 200, "TOTP enrolment");
    let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
    let secret = v["secret"].as_str().unwrap().to_owned();
    let code = |at| totp::code_at(&secret, totp::step_of(at)).unwrap();
    let confirm_totp = authed(
        "/v1/me/mfa/totp/confirm",
        &session,
        json!({"code": code(clock.now())}),
    );
    let resp = handle(&app, Some(Function::ChangePassword), confirm_totp).await;
    assert_eq!(resp.status().as_u16(), 200, "TOTP confirmation");
    // The next TOTP step; the tenant cache (30 s) is warmed again first.
    clock.advance(time::Duration::seconds(30));
    handle(
        &app,
        Some(Function::ForgotPassword),
        forgot("warm@demo.test"),
    )
    .await;
    let req = post(
        "/v1/tenants/demo/sessions",
        json!({"username": "alice", "password": "Quartz-Lantern-Drifts-57", "totp_code": code(clock.now())}),
    );
    costs.push(measure(SIGN_IN_TOTP, req, Function::SignIn).await);
    costs
}

/// The costs as the table of docs/benchmarks.md prints them.
pub fn table(costs: &[Cost]) -> String {
    let mut out = String::from("| route | status | round trips | requests | RRU | WRU |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for c in costs {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            c.route, c.status, c.round_trips, c.requests, c.units.read, c.units.write
        ));
    }
    out
}
