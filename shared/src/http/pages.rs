//! The hosted pages (plain HTML/CSS/JS from `web/`, embedded in the binary:
//! the templates here, the stylesheet and script modules by `build.rs`),
//! served by the same handlers locally and by the `pages` function on AWS, so
//! the pages and the API share one origin (no CORS for the hosted pages, and
//! `default-src 'self'` covers both).

use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use utoipa_axum::routes;

use super::api::Routes;
use super::extract::PageTenant;
use super::{ApiError, ApiResult, json};
use crate::domain::Locale;
use crate::domain::i18n;
use crate::domain::mail::escape_html;
use crate::usecases::AppError;

/// The cookie the language switcher (and a signed-in user's own locale) sets.
pub const LANG_COOKIE: &str = "latchkey_lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Index,
    SignIn,
    Forgot,
    Reset,
    /// The account-lock mail's link lands here.
    Unlock,
    /// A credential-change mail's "This wasn't me" link lands here.
    Report,
    Account,
    Admin,
    /// A stylesheet or script module of `web/` (the vendored QR encoder of the
    /// account page among them), at `/assets/{path}`.
    Asset(Asset),
}

/// The assets: every `.css` and `.js` file of `web/`, listed by `build.rs`.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

/// One embedded asset; made only by [`asset`], so it always names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Asset(usize);

impl Asset {
    /// Its path under `web/` (and `/assets/`), e.g. `js/lib/api.js`.
    pub fn path(self) -> &'static str {
        embedded::ASSETS.get(self.0).map_or("", |(p, _)| p)
    }
    pub fn body(self) -> &'static str {
        embedded::ASSETS.get(self.0).map_or("", |(_, b)| b)
    }
    pub fn content_type(self) -> &'static str {
        if self.path().ends_with(".css") {
            "text/css; charset=utf-8"
        } else {
            // The one type a browser runs a module script with.
            "text/javascript; charset=utf-8"
        }
    }
}

/// The asset at `path` under `/assets/`: an exact match in the embedded list,
/// so `..`, encoded or absolute paths name nothing (404), and no file of the
/// machine is ever read.
pub fn asset(path: &str) -> Option<Asset> {
    embedded::ASSETS
        .iter()
        .position(|(p, _)| *p == path)
        .map(Asset)
}

/// Every embedded asset's path.
pub fn asset_paths() -> impl Iterator<Item = &'static str> {
    embedded::ASSETS.iter().map(|(p, _)| *p)
}

const INDEX: &str = include_str!("../../../web/index.html");
const SIGN_IN: &str = include_str!("../../../web/sign-in.html");
const FORGOT: &str = include_str!("../../../web/forgot.html");
const RESET: &str = include_str!("../../../web/reset.html");
const UNLOCK: &str = include_str!("../../../web/unlock.html");
const REPORT: &str = include_str!("../../../web/report.html");
const ACCOUNT: &str = include_str!("../../../web/account.html");
const ADMIN: &str = include_str!("../../../web/admin.html");

/// The page's language: `?lang=`, then the reader's own choice (the switcher's
/// cookie, which sign-in sets from the user's `locale`), then `Accept-Language`.
/// `None` when nothing matched: the page then says so (`data-lang-fallback`),
/// and its script moves to the tenant's `default_locale`, which only the
/// tenant's profile knows (the pages function reads no table).
pub fn page_locale(headers: &HeaderMap, query: Option<&str>) -> Option<Locale> {
    let param = |name: &str| {
        query.and_then(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_owned())
        })
    };
    let pick = |tag: &str| {
        let id: unic_langid::LanguageIdentifier = tag.parse().ok()?;
        i18n::lookup(&[id])
    };
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .map(|(_, v)| v.to_owned());
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    param("lang")
        .and_then(|l| pick(&l))
        .or_else(|| cookie.and_then(|c| pick(&c)))
        .or_else(|| accept.and_then(|a| i18n::lookup(&i18n::accept_language(a))))
}

/// The language switcher's choices, each named in its own language, the
/// page's own selected (`None`: a list to choose from, nothing selected).
fn switcher(current: Option<Locale>) -> String {
    Locale::ALL
        .iter()
        .map(|l| {
            let selected = if Some(*l) == current { " selected" } else { "" };
            format!(
                "<option value=\"{l}\" lang=\"{l}\"{selected}>{}</option>",
                escape_html(&i18n::text(*l, "page-language-name", &[]))
            )
        })
        .collect()
}

/// Fills a page template: `{{id}}` becomes the catalogue's text (escaped),
/// `{{id count=10}}` the same with a number for the message's plural selector,
/// `{{lang}}` the page's language, `{{languages}}` the switcher's options,
/// `{{locales}}` the same with none selected (for a form's choice) and
/// `{{catalogue}}` the script's messages (`js-*`) as JSON in an attribute, so
/// the page shows no English before its script runs, and runs no inline script
/// (`{{catalogue-console}}` with the admin console's own, for its page only).
pub fn fill(template: &str, locale: Locale, fallback: bool) -> String {
    let mut out = String::with_capacity(template.len() + 4096);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let id = &after[..end];
        match id {
            "lang" => out.push_str(locale.as_str()),
            "lang-fallback" => out.push_str(if fallback { "true" } else { "false" }),
            "languages" => out.push_str(&switcher(Some(locale))),
            "locales" => out.push_str(&switcher(None)),
            "catalogue" => out.push_str(&escape_html(i18n::script_catalogue(locale))),
            "catalogue-console" => out.push_str(&escape_html(i18n::console_catalogue(locale))),
            _ => {
                let mut parts = id.split(' ');
                let id = parts.next().unwrap_or_default();
                let args: Vec<(&str, i18n::Arg<'_>)> = parts
                    .filter_map(|p| {
                        let (name, n) = p.split_once('=')?;
                        Some((name, n.parse::<i64>().ok()?.into()))
                    })
                    .collect();
                out.push_str(&escape_html(&i18n::text(locale, id, &args)));
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

pub fn render(page: Page, headers: &HeaderMap, query: Option<&str>) -> http::Response<Bytes> {
    let negotiated = page_locale(headers, query);
    let locale = negotiated.unwrap_or_default();
    let html = |t: &str| Bytes::from(fill(t, locale, negotiated.is_none()));
    let (body, content_type) = match page {
        Page::Index => (html(INDEX), "text/html; charset=utf-8"),
        Page::SignIn => (html(SIGN_IN), "text/html; charset=utf-8"),
        Page::Forgot => (html(FORGOT), "text/html; charset=utf-8"),
        Page::Reset => (html(RESET), "text/html; charset=utf-8"),
        Page::Unlock => (html(UNLOCK), "text/html; charset=utf-8"),
        Page::Report => (html(REPORT), "text/html; charset=utf-8"),
        Page::Account => (html(ACCOUNT), "text/html; charset=utf-8"),
        Page::Admin => (html(ADMIN), "text/html; charset=utf-8"),
        Page::Asset(a) => (Bytes::from_static(a.body().as_bytes()), a.content_type()),
    };
    let mut resp = http::Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .body(body)
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
    // The same URL answers in several languages.
    h.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    resp
}

/// The pages, their assets and the OpenAPI document (function `pages`).
pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(page_index))
        .routes(routes!(page_tenant))
        .routes(routes!(page_sign_in))
        .routes(routes!(page_forgot))
        .routes(routes!(page_reset))
        .routes(routes!(page_unlock))
        .routes(routes!(page_report))
        .routes(routes!(page_account))
        .routes(routes!(page_admin))
        .routes(routes!(openapi))
        // A path of any depth, which a path template cannot say: documented
        // as `/assets/{path}` by `openapi::base`.
        .route("/assets/{*path}", axum::routing::get(serve_asset))
}

/// The hosted pages' start page.
#[utoipa::path(get, path = "/", tag = "pages",
    responses((status = 200, description = "HTML", content_type = "text/html", body = String)))]
pub async fn page_index(headers: HeaderMap, uri: Uri) -> Response {
    page(Page::Index, &headers, &uri)
}

fn page(page: Page, headers: &HeaderMap, uri: &Uri) -> Response {
    render(page, headers, uri.query()).map(axum::body::Body::from)
}

macro_rules! tenant_page {
    ($name:ident, $path:literal, $page:expr, $summary:literal) => {
        #[doc = $summary]
        #[utoipa::path(get, path = $path, tag = "pages",
            params(super::views::TenantPath),
            responses(
                (status = 200, description = "HTML", content_type = "text/html", body = String),
                (status = 404, description = "not_found"),
            ))]
        pub async fn $name(_: PageTenant, headers: HeaderMap, uri: Uri) -> Response {
            page($page, &headers, &uri)
        }
    };
}

tenant_page!(
    page_tenant,
    "/t/{tenant}",
    Page::SignIn,
    "The tenant's sign-in page."
);
tenant_page!(
    page_sign_in,
    "/t/{tenant}/sign-in",
    Page::SignIn,
    "Sign-in page."
);
tenant_page!(
    page_forgot,
    "/t/{tenant}/forgot",
    Page::Forgot,
    "Forgot-password page."
);
tenant_page!(
    page_reset,
    "/t/{tenant}/reset",
    Page::Reset,
    "Reset page (the token is in the fragment)."
);
tenant_page!(
    page_unlock,
    "/t/{tenant}/unlock",
    Page::Unlock,
    "Unlock page (the account-lock mail's token is in the fragment)."
);
tenant_page!(
    page_report,
    "/t/{tenant}/report",
    Page::Report,
    "\"This wasn't me\" page (a credential-change mail's token is in the fragment)."
);
tenant_page!(
    page_account,
    "/t/{tenant}/account",
    Page::Account,
    "Account page."
);
tenant_page!(
    page_admin,
    "/t/{tenant}/admin",
    Page::Admin,
    "Admin console."
);

/// A stylesheet or script module of the hosted pages (a file of `web/`, e.g.
/// `app.css`, `js/pages/sign-in.js`).
#[utoipa::path(get, path = "/assets/{path}", tag = "pages", operation_id = "asset",
    params(("path" = String, Path, pattern = "^[a-z0-9][a-z0-9/_-]*\\.(css|js)$")),
    responses(
        (status = 200, description = "The file", content(
            (String = "text/css"), (String = "text/javascript"))),
        (status = 404, description = "not_found"),
    ))]
pub async fn serve_asset(headers: HeaderMap, uri: Uri) -> Response {
    // The path as sent, not decoded: `js%2Flib%2Fapi.js` names no file.
    let path = uri.path().strip_prefix("/assets/").unwrap_or_default();
    match asset(path) {
        Some(a) => page(Page::Asset(a), &headers, &uri),
        None => ApiError(AppError::NotFound).into_response(),
    }
}

/// This document: the OpenAPI 3.1 description of every route.
#[utoipa::path(get, path = "/openapi.json", tag = "pages",
    responses((status = 200, description = "The OpenAPI document", body = Object)))]
pub async fn openapi() -> ApiResult {
    json(StatusCode::OK, super::openapi::document())
}
