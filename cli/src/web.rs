//! The hosted pages (plain HTML/CSS/JS from `web/`, embedded in the binary).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

use latchkey_shared::app::App;
use latchkey_shared::domain::TenantId;

const INDEX: &str = include_str!("../../web/index.html");
const SIGN_IN: &str = include_str!("../../web/sign-in.html");
const FORGOT: &str = include_str!("../../web/forgot.html");
const RESET: &str = include_str!("../../web/reset.html");
const CSS: &str = include_str!("../../web/app.css");
const JS: &str = include_str!("../../web/app.js");

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(|| async { page(INDEX) }))
        .route("/t/{tenant}", get(|p| tenant_page(p, SIGN_IN)))
        .route("/t/{tenant}/sign-in", get(|p| tenant_page(p, SIGN_IN)))
        .route("/t/{tenant}/forgot", get(|p| tenant_page(p, FORGOT)))
        .route("/t/{tenant}/reset", get(|p| tenant_page(p, RESET)))
        .route(
            "/assets/app.css",
            get(|| async { asset(CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/assets/app.js",
            get(|| async { asset(JS, "text/javascript; charset=utf-8") }),
        )
}

async fn tenant_page(Path(tenant): Path<String>, html: &'static str) -> Response {
    if TenantId::parse(&tenant).is_none() {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    page(html)
}

fn page(html: &'static str) -> Response {
    let mut resp = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    let h = resp.headers_mut();
    // The reset token travels in the URL fragment; no referrer, no framing, no
    // third-party script can see it.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn asset(body: &'static str, content_type: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}
