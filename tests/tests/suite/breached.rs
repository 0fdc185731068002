//! The optional breached-password check: off by default; when a tenant turns it
//! on, a password seen in breaches is refused with `breached_password`; when the
//! service does not answer, the check is skipped and that is audited. The HIBP
//! adapter is exercised over HTTP against a local stand-in of the range API.

use secrecy::SecretString;
use std::sync::Arc;

use latchkey_shared::adapters::hibp::{PwnedPasswords, prefix_and_suffix};
use latchkey_shared::domain::{ResetPurpose, Status};
use latchkey_shared::ports::{BreachedPasswords, Write};
use latchkey_shared::usecases::{AppError, RequestMeta};
use latchkey_tests::Mode;

use super::conformance::World;

const BREACHED: &str = "Correct-Horse-Battery-Staple-9";

/// A stand-in for api.pwnedpasswords.com: answers the range of BREACHED's
/// prefix with its suffix (and padding), 503 when `down`. Records prefixes seen.
async fn range_api(down: bool) -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    use axum::extract::Path;
    let seen: Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let (prefix, suffix) = prefix_and_suffix(&SecretString::from(BREACHED));
    let log = seen.clone();
    let app = axum::Router::new().route(
        "/range/{prefix}",
        axum::routing::get(move |Path(asked): Path<String>| {
            let log = log.clone();
            let (prefix, suffix) = (prefix.clone(), suffix.clone());
            async move {
                log.lock().unwrap().push(asked.clone());
                if down {
                    return (axum::http::StatusCode::SERVICE_UNAVAILABLE, String::new());
                }
                let mut body = String::from("0000000000000000000000000000000000A:0\r\n");
                if asked == prefix {
                    body.push_str(&format!("{suffix}:4242\r\n"));
                }
                (axum::http::StatusCode::OK, body)
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    (url, seen)
}

async fn world(mode: Mode, block: bool) -> World {
    let mut w = World::new(mode).await;
    w.tenant.settings.password_policy.block_breached = block;
    w.store
        .commit(vec![Write::PutTenant(w.tenant.clone())])
        .await
        .unwrap();
    w
}

async fn confirm_with(
    w: &World,
    checker: &dyn BreachedPasswords,
    password: &str,
) -> Result<(), AppError> {
    let user = w
        .add_user(&latchkey_tests::unique("u"), Status::Active)
        .await;
    let token = w.issue(&user, ResetPurpose::SelfService).await;
    let mut confirm = w.confirm();
    confirm.breached = checker;
    confirm
        .confirm(
            &w.tenant.id,
            &token,
            SecretString::from(password.to_owned()),
            &RequestMeta::default(),
        )
        .await
}

pub async fn a_breached_password_is_refused_only_when_the_tenant_asks(mode: Mode) {
    let (url, seen) = range_api(false).await;
    let hibp = PwnedPasswords::new(url, std::time::Duration::from_secs(2));
    // GIVEN the default policy THEN the service is never asked
    let w = world(mode, false).await;
    assert!(confirm_with(&w, &hibp, BREACHED).await.is_ok());
    assert!(seen.lock().unwrap().is_empty());
    // GIVEN a tenant that blocks breached passwords
    let w = world(mode, true).await;
    match confirm_with(&w, &hibp, BREACHED).await {
        Err(AppError::PasswordPolicy(v)) => {
            assert_eq!(v.len(), 1);
            assert!(v[0].message.contains("4242"), "{}", v[0].message);
        }
        other => panic!("expected breached_password, got {other:?}"),
    }
    // and only the 5-digit prefix left the process
    let asked = seen.lock().unwrap().clone();
    assert!(asked.iter().all(|p| p.len() == 5), "{asked:?}");
    // a password not in the range passes
    assert!(
        confirm_with(&w, &hibp, "Unseen-Lantern-Quartz-77")
            .await
            .is_ok()
    );
}

pub async fn an_unreachable_service_fails_open_and_is_audited(mode: Mode) {
    let (url, _) = range_api(true).await;
    let hibp = PwnedPasswords::new(url, std::time::Duration::from_secs(2));
    let w = world(mode, true).await;
    assert!(confirm_with(&w, &hibp, BREACHED).await.is_ok());
    let page = latchkey_shared::ports::AuditReader::list_audit(
        &*w.store,
        &w.tenant.id,
        latchkey_shared::ports::Clock::now(&*w.clock) + time::Duration::seconds(1),
        None,
        100,
    )
    .await
    .unwrap();
    assert!(
        page.items
            .iter()
            .any(|e| e.kind == "password.breach_check" && e.outcome == "unavailable"),
        "{:?}",
        page.items.iter().map(|e| &e.kind).collect::<Vec<_>>()
    );
}

macro_rules! breached_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test]
            async fn a_breached_password_is_refused_only_when_the_tenant_asks() {
                super::a_breached_password_is_refused_only_when_the_tenant_asks($mode).await
            }
            #[tokio::test]
            async fn an_unreachable_service_fails_open_and_is_audited() {
                super::an_unreachable_service_fails_open_and_is_audited($mode).await
            }
        }
    };
}

breached_suite!(memory, latchkey_tests::Mode::Memory);
breached_suite!(dynamodb, latchkey_tests::Mode::Dynamo);
