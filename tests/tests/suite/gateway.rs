//! What the Lambda adapter adds for API Gateway: CORS for the one configured
//! origin on real answers (a REST proxy integration adds none), and the
//! server-error metric line.

use latchkey_shared::http::Function;
use latchkey_shared::lambda::server_error_metric;
use latchkey_tests::lambda_handle as handle;

use crate::events::{demo_app_on, event};

#[tokio::test]
async fn only_the_configured_origin_may_read_answers_cross_origin() {
    let store = std::sync::Arc::new(latchkey_shared::adapters::memory::MemoryStore::new());
    let mut app = demo_app_on(store).await;
    app.cors_origin = Some("https://portal.example".into());
    let with_origin = |origin: &str| {
        event(
            "users/password-policy",
            &[(
                "\"headers\": {",
                &format!("\"headers\": {{\"Origin\": \"{origin}\", "),
            )],
        )
    };
    let resp = handle(&app, Function::Users, with_origin("https://portal.example"))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["access-control-allow-origin"],
        "https://portal.example"
    );
    assert_eq!(resp.headers()["vary"], "Origin");
    let resp = handle(&app, Function::Users, with_origin("https://evil.example"))
        .await
        .unwrap();
    assert!(!resp.headers().contains_key("access-control-allow-origin"));
    // without a configured origin, none at all
    app.cors_origin = None;
    let resp = handle(&app, Function::Users, with_origin("https://portal.example"))
        .await
        .unwrap();
    assert!(!resp.headers().contains_key("access-control-allow-origin"));
}

#[test]
fn a_server_error_is_one_embedded_metric_line_with_its_dimensions() {
    // GIVEN a 5xx answered by version 7 of sign-in in prod
    let line = server_error_metric(Function::SignIn, "prod", "7", 1_700_000_000_000);
    // THEN one line publishes it per function and per version of the function
    // (the canary's rollback alarm watches the version: infra/template.yaml)
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert!(!line.contains('\n'));
    assert_eq!(v["Function"], "sign-in");
    assert_eq!(v["Stage"], "prod");
    assert_eq!(v["Version"], "7");
    assert_eq!(v["ServerErrors"], 1);
    let m = &v["_aws"]["CloudWatchMetrics"][0];
    assert_eq!(m["Namespace"], "Latchkey");
    assert_eq!(
        m["Dimensions"],
        serde_json::json!([["Stage", "Function"], ["Stage", "Function", "Version"]])
    );
    assert_eq!(m["Metrics"][0]["Name"], "ServerErrors");
}

/// The per-IP limits key on `requestContext.identity.sourceIp`: headers a
/// client sets (forwarding, CloudFront's viewer address) change nothing, since
/// the REST API is reached directly, never through a proxy we trust.
#[test]
fn spoofed_forwarding_headers_do_not_move_the_client_ip() {
    let spoofed = event(
        "sign-in/create-session",
        &[(
            "\"headers\": {",
            "\"headers\": {\"X-Forwarded-For\": \"6.6.6.6\", \"CloudFront-Viewer-Address\": \"7.7.7.7:443\", \"X-Real-Ip\": \"8.8.8.8\", ",
        )],
    );
    let plain = event("sign-in/create-session", &[]);
    let view = latchkey_shared::lambda::gateway_view(&spoofed);
    assert_eq!(view, latchkey_shared::lambda::gateway_view(&plain));
    assert!(view.source_ip.is_some());
    assert!(!["6.6.6.6", "7.7.7.7", "8.8.8.8"].contains(&view.source_ip.as_deref().unwrap()));
}
