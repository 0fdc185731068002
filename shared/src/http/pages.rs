//! The hosted pages (plain HTML/CSS/JS from `web/`, embedded in the binary),
//! served by the same handlers locally and by the `pages` function on AWS, so
//! the pages and the API share one origin (no CORS for the hosted pages, and
//! `default-src 'self'` covers both).

use bytes::Bytes;
use http::{HeaderValue, StatusCode, header};

use super::ApiResponse;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Index,
    SignIn,
    Forgot,
    Reset,
    Account,
    Admin,
    Css,
    Js,
    /// The vendored QR encoder (MIT) for the TOTP enrolment on the account page.
    QrJs,
}

const INDEX: &str = include_str!("../../../web/index.html");
const SIGN_IN: &str = include_str!("../../../web/sign-in.html");
const FORGOT: &str = include_str!("../../../web/forgot.html");
const RESET: &str = include_str!("../../../web/reset.html");
const ACCOUNT: &str = include_str!("../../../web/account.html");
const ADMIN: &str = include_str!("../../../web/admin.html");
const CSS: &str = include_str!("../../../web/app.css");
const JS: &str = include_str!("../../../web/app.js");
const QR_JS: &str = include_str!("../../../web/qrcode.js");

pub fn render(page: Page) -> ApiResponse {
    let (body, content_type) = match page {
        Page::Index => (INDEX, "text/html; charset=utf-8"),
        Page::SignIn => (SIGN_IN, "text/html; charset=utf-8"),
        Page::Forgot => (FORGOT, "text/html; charset=utf-8"),
        Page::Reset => (RESET, "text/html; charset=utf-8"),
        Page::Account => (ACCOUNT, "text/html; charset=utf-8"),
        Page::Admin => (ADMIN, "text/html; charset=utf-8"),
        Page::Css => (CSS, "text/css; charset=utf-8"),
        Page::Js => (JS, "text/javascript; charset=utf-8"),
        Page::QrJs => (QR_JS, "text/javascript; charset=utf-8"),
    };
    let mut resp = http::Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .body(Bytes::from_static(body.as_bytes()))
        .unwrap_or_else(|_| http::Response::new(Bytes::new()));
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
