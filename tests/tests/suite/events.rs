//! Every sample event in `events/` goes through the Lambda adapter and the
//! function it belongs to, as `cargo lambda invoke --data-file` would send it.

use serde_json::Value;
use std::sync::Arc;

use latchkey::seed;
use latchkey_shared::adapters::memory::MemoryStore;
use latchkey_shared::app::App;
use latchkey_shared::domain::TenantId;
use latchkey_shared::http::Function;
use latchkey_shared::ports::FakeClock;
use latchkey_shared::ports::Store;
use latchkey_shared::usecases::reset::LinkConfig;
use latchkey_tests::lambda_handle as handle;
use latchkey_tests::{Mode, audit_log_of, table_name, test_now, unique};

pub(crate) fn event(name: &str, replace: &[(&str, &str)]) -> lambda_http::Request {
    let path = format!("{}/../events/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for (from, to) in replace {
        text = text.replace(from, to);
    }
    lambda_http::request::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The demo tenant on the memory store, or on DynamoDB (moto) in a table of
/// its own (every app seeds the same tenant id, `demo`).
async fn demo_app(mode: Mode) -> (App, Arc<dyn Store>) {
    let store: Arc<dyn Store> = match mode {
        Mode::Memory => Arc::new(MemoryStore::new()),
        Mode::Dynamo => Arc::new(
            latchkey_tests::dynamo_store(&format!("{}-{}", table_name(), unique("ev-"))).await,
        ),
    };
    let app = demo_app_on(store.clone()).await;
    (app, store)
}

/// The demo tenant's audit log, oldest first.
async fn demo_audit(store: &dyn Store) -> Vec<latchkey_shared::domain::AuditEvent> {
    let mut events = audit_log_of(
        store,
        &TenantId::parse("demo").unwrap(),
        test_now() + time::Duration::hours(1),
    )
    .await;
    events.reverse();
    events
}

/// The demo tenant on any store, as the events expect it.
pub(crate) async fn demo_app_on(store: Arc<dyn latchkey_shared::ports::Store>) -> App {
    seed::demo().apply(&*store, test_now()).await.unwrap();
    let mut app = App::new(
        store,
        Arc::new(FakeClock::new(test_now())),
        LinkConfig {
            public_base_url: "https://login.example".into(),
            mail_from: "no-reply@latchkey.test".into(),
        },
    );
    // The role the support events' IAM identity has assumed.
    app.support_role_arn = Some("arn:aws:iam::123456789012:role/LatchkeySupport".into());
    app
}

pub(crate) async fn call(app: &App, f: Function, req: lambda_http::Request) -> (u16, Value) {
    let resp = handle(app, f, req).await.unwrap();
    let status = resp.status().as_u16();
    let body = match resp.body() {
        lambda_http::Body::Text(t) => serde_json::from_str(t).unwrap_or(Value::Null),
        _ => Value::Null,
    };
    (status, body)
}

pub async fn sign_in_events_create_use_and_end_a_session(mode: Mode) {
    let (app, _) = demo_app(mode).await;
    let (status, body) = call(&app, Function::SignIn, event("sign-in/create-session", &[])).await;
    assert_eq!(status, 201, "{body}");
    let token = body["token"].as_str().unwrap().to_owned();
    let sub = [("REPLACE_WITH_SESSION_TOKEN", token.as_str())];
    let (status, me) = call(&app, Function::SignIn, event("sign-in/me", &sub)).await;
    assert_eq!(status, 200);
    assert_eq!(me["username"], "alice");
    let (status, _) = call(&app, Function::SignIn, event("sign-in/sign-out", &sub)).await;
    assert_eq!(status, 204);
    let (status, _) = call(&app, Function::SignIn, event("sign-in/me", &sub)).await;
    assert_eq!(status, 401);
}

pub async fn forgot_password_event_answers_202_and_audits_the_gateway_source_ip(mode: Mode) {
    let (app, store) = demo_app(mode).await;
    let (status, body) = call(
        &app,
        Function::ForgotPassword,
        event("forgot-password/request-reset", &[]),
    )
    .await;
    assert_eq!(status, 202);
    assert_eq!(
        body["message"],
        "If an account matches, we have sent a reset link."
    );
    let events = demo_audit(&*store).await;
    let last = events.last().unwrap();
    // requestContext.http.sourceIp, not the spoofable X-Forwarded-For in the event
    assert_eq!(last.ip.as_deref(), Some("203.0.113.7"));
    assert_eq!(last.outcome, "sent");
}

pub async fn reset_password_events_inspect_and_confirm(mode: Mode) {
    let (app, store) = demo_app(mode).await;
    // with the placeholder token both answer invalid_token
    let (status, body) = call(
        &app,
        Function::ResetPassword,
        event("reset-password/inspect", &[]),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_token"))
    );
    let (status, _) = call(
        &app,
        Function::ResetPassword,
        event("reset-password/confirm", &[]),
    )
    .await;
    assert_eq!(status, 400);
    // with a real token from the outbox they work
    call(
        &app,
        Function::ForgotPassword,
        event("forgot-password/request-reset", &[]),
    )
    .await;
    let mail = store.pending(10).await.unwrap().pop().unwrap().email;
    let start = mail.text.find("#token=").unwrap() + 7;
    let token: String = mail.text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(
        mail.text
            .contains("https://login.example/t/demo/reset#token=")
    );
    let sub = [("REPLACE_WITH_TOKEN_FROM_EMAIL", token.as_str())];
    let (status, body) = call(
        &app,
        Function::ResetPassword,
        event("reset-password/inspect", &sub),
    )
    .await;
    assert_eq!((status, body["username"].as_str()), (200, Some("alice")));
    let (status, _) = call(
        &app,
        Function::ResetPassword,
        event("reset-password/confirm", &sub),
    )
    .await;
    assert_eq!(status, 204);
}

pub async fn a_function_serves_only_its_own_routes(mode: Mode) {
    let (app, _) = demo_app(mode).await;
    let (status, body) = call(
        &app,
        Function::SignIn,
        event("forgot-password/request-reset", &[]),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
    let (status, _) = call(
        &app,
        Function::ForgotPassword,
        event("sign-in/create-session", &[]),
    )
    .await;
    assert_eq!(status, 404);
}

pub async fn change_password_events_change_and_enroll(mode: Mode) {
    let (app, _) = demo_app(mode).await;
    let (_, body) = call(&app, Function::SignIn, event("sign-in/create-session", &[])).await;
    let token = body["token"].as_str().unwrap().to_owned();
    let sub = [("REPLACE_WITH_SESSION_TOKEN", token.as_str())];
    let enroll_sub = [
        ("REPLACE_WITH_SESSION_TOKEN", token.as_str()),
        ("REPLACE_WITH_CURRENT_PASSWORD", seed::DEMO_ACCOUNTS[2].2),
    ];
    let (status, body) = call(
        &app,
        Function::ChangePassword,
        event("change-password/enroll-totp", &enroll_sub),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let secret = body["secret"].as_str().unwrap().to_owned();
    // the placeholder code is refused; a real one enables MFA
    let (status, body) = call(
        &app,
        Function::ChangePassword,
        event("change-password/confirm-totp", &sub),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_mfa_code"))
    );
    use latchkey_shared::domain::totp;
    let code = totp::code_at(&secret, totp::step_of(test_now())).unwrap();
    let sub2 = [
        ("REPLACE_WITH_SESSION_TOKEN", token.as_str()),
        ("REPLACE_WITH_TOTP_CODE", code.as_str()),
    ];
    let (status, _) = call(
        &app,
        Function::ChangePassword,
        event("change-password/confirm-totp", &sub2),
    )
    .await;
    assert_eq!(status, 200, "confirming answers the recovery codes");
    let (status, _) = call(
        &app,
        Function::ChangePassword,
        event("change-password/change-password", &sub),
    )
    .await;
    assert_eq!(status, 204);
    // the calling session survives its own password change
    let (status, me) = call(&app, Function::SignIn, event("sign-in/me", &sub)).await;
    assert_eq!((status, me["mfa_enabled"].as_bool()), (200, Some(true)));
}

async fn owner_session(app: &App) -> String {
    let sign_in = event(
        "sign-in/create-session",
        &[
            (r#"\"alice\""#, r#"\"olivia\""#),
            ("Orbit-Tulip-Canyon-21", seed::DEMO_ACCOUNTS[0].2),
        ],
    );
    let (status, body) = call(app, Function::SignIn, sign_in).await;
    assert_eq!(status, 201, "{body}");
    body["token"].as_str().unwrap().to_owned()
}

pub async fn users_admin_and_support_events(mode: Mode) {
    let (app, store) = demo_app(mode).await;
    let token = owner_session(&app).await;
    let (_, list) = call(
        &app,
        Function::Users,
        event(
            "users/list-users",
            &[("REPLACE_WITH_SESSION_TOKEN", &token)],
        ),
    )
    .await;
    let alice = list["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "alice")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sub = [
        ("REPLACE_WITH_SESSION_TOKEN", token.as_str()),
        ("REPLACE_WITH_USER_ID", alice.as_str()),
    ];
    // Support acts on the tenant's administrators only: its events name the owner.
    let olivia = latchkey_shared::ports::UserReader::find_by_username(
        &*store,
        &TenantId::parse("demo").unwrap(),
        "olivia",
    )
    .await
    .unwrap()
    .unwrap()
    .id
    .to_string();
    let support_sub = [("REPLACE_WITH_USER_ID", olivia.as_str())];
    for (name, f, want) in [
        ("users/password-policy", Function::Users, 200),
        ("users/create-user", Function::Users, 201),
        ("users/list-users", Function::Users, 200),
        ("users/get-user", Function::Users, 200),
        ("users/patch-user", Function::Users, 200),
        ("users/get-settings", Function::Users, 200),
        ("users/put-settings", Function::Users, 200),
        ("users/audit-events", Function::Users, 200),
        ("admin-reset/reset-link", Function::AdminReset, 202),
        ("admin-reset/bulk", Function::AdminReset, 200),
        ("admin-reset/set-password", Function::AdminReset, 204),
        ("support-reset/support-link", Function::SupportReset, 202),
        ("support-reset/support-set", Function::SupportReset, 204),
    ] {
        let sub: &[(&str, &str)] = if f == Function::SupportReset {
            &support_sub
        } else {
            &sub
        };
        let (status, body) = call(&app, f, event(name, sub)).await;
        assert_eq!(status, want, "{name}: {body}");
    }
    // an IAM caller that is not the support role is refused, audited or not
    let other = event(
        "support-reset/support-link",
        &[
            ("REPLACE_WITH_USER_ID", olivia.as_str()),
            (
                "assumed-role/LatchkeySupport/",
                "assumed-role/SomeDeveloper/",
            ),
        ],
    );
    let (status, _) = call(&app, Function::SupportReset, other).await;
    assert_eq!(status, 403);
    // support was authenticated by the IAM authorizer context, and audited as such
    let events = demo_audit(&*store).await;
    // (the support link and set events share one instant of the fake clock, so
    // the set is found by its type, not by its position)
    let support = events
        .iter()
        .find(|e| e.actor == "support" && e.kind == "password.set")
        .unwrap();
    assert_eq!(
        support.details["support_identity"],
        "arn:aws:sts::123456789012:assumed-role/LatchkeySupport/jdoe"
    );
    assert_eq!(support.details["reason"], "SUP-1235");
    // without the authorizer context (and no local support token) it is refused
    let (status, _) = call(
        &app,
        Function::SupportReset,
        event(
            "support-reset/support-link",
            &[
                (
                    "\"arn:aws:sts::123456789012:assumed-role/LatchkeySupport/jdoe\"",
                    "null",
                ),
                ("\"AROAEXAMPLE:jdoe\"", "null"),
                ("REPLACE_WITH_USER_ID", olivia.as_str()),
            ],
        ),
    )
    .await;
    assert_eq!(status, 401);
}

pub async fn pages_event_serves_the_reset_page(mode: Mode) {
    let (app, _) = demo_app(mode).await;
    let resp = handle(&app, Function::Pages, event("pages/reset-page", &[]))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(resp.headers()["referrer-policy"], "no-referrer");
    match resp.body() {
        lambda_http::Body::Text(t) => assert!(t.contains("Choose a new password")),
        _ => panic!("html body"),
    }
}

pub async fn pages_events_serve_the_index_and_assets(mode: Mode) {
    let (app, _) = demo_app(mode).await;
    for (name, content_type) in [
        ("pages/index", "text/html; charset=utf-8"),
        ("pages/asset-module", "text/javascript; charset=utf-8"),
    ] {
        let resp = handle(&app, Function::Pages, event(name, &[]))
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{name}");
        assert_eq!(resp.headers()["content-type"], content_type, "{name}");
    }
}

/// The per-IP limits key on API Gateway's view of the client, in both event
/// shapes; a client-set X-Forwarded-For (or any header) changes nothing.
#[test]
fn the_client_ip_is_the_gateways_in_both_event_shapes() {
    use latchkey_shared::lambda::gateway_view;
    let v1 = event(
        "forgot-password/request-reset",
        &[(
            "\"headers\": {",
            "\"headers\": {\"X-Forwarded-For\": \"6.6.6.6\", ",
        )],
    );
    let view = gateway_view(&v1);
    assert_eq!(view.source_ip.as_deref(), Some("203.0.113.7"));
    assert!(view.base_url.unwrap().starts_with("https://"));
    let v2 = lambda_http::request::from_str(
        r#"{"version":"2.0","routeKey":"$default","rawPath":"/v1/tenants/demo/password-resets","rawQueryString":"",
        "headers":{"x-forwarded-for":"6.6.6.6","content-type":"application/json"},
        "requestContext":{"accountId":"123456789012","apiId":"abc","domainName":"abc.execute-api.eu-west-1.amazonaws.com","domainPrefix":"abc",
        "http":{"method":"POST","path":"/v1/tenants/demo/password-resets","protocol":"HTTP/1.1","sourceIp":"198.51.100.9","userAgent":"x"},
        "requestId":"r","routeKey":"$default","stage":"$default","time":"01/Dec/2026:00:00:00 +0000","timeEpoch":0},
        "body":"{}","isBase64Encoded":false}"#,
    )
    .unwrap();
    let view = gateway_view(&v2);
    assert_eq!(view.source_ip.as_deref(), Some("198.51.100.9"));
    assert_eq!(
        view.base_url.as_deref(),
        Some("https://abc.execute-api.eu-west-1.amazonaws.com")
    );
}

macro_rules! event_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use latchkey_tests::Mode;
            #[tokio::test]
            async fn sign_in_events_create_use_and_end_a_session() {
                super::sign_in_events_create_use_and_end_a_session($mode).await
            }
            #[tokio::test]
            async fn forgot_password_event_answers_202_and_audits_the_gateway_source_ip() {
                super::forgot_password_event_answers_202_and_audits_the_gateway_source_ip($mode)
                    .await
            }
            #[tokio::test]
            async fn reset_password_events_inspect_and_confirm() {
                super::reset_password_events_inspect_and_confirm($mode).await
            }
            #[tokio::test]
            async fn a_function_serves_only_its_own_routes() {
                super::a_function_serves_only_its_own_routes($mode).await
            }
            #[tokio::test]
            async fn change_password_events_change_and_enroll() {
                super::change_password_events_change_and_enroll($mode).await
            }
            #[tokio::test]
            async fn users_admin_and_support_events() {
                super::users_admin_and_support_events($mode).await
            }
            #[tokio::test]
            async fn pages_event_serves_the_reset_page() {
                super::pages_event_serves_the_reset_page($mode).await
            }
            #[tokio::test]
            async fn pages_events_serve_the_index_and_assets() {
                super::pages_events_serve_the_index_and_assets($mode).await
            }
        }
    };
}

event_suite!(memory, Mode::Memory);
event_suite!(dynamodb, Mode::Dynamo);
