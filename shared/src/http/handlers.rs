//! Thin handlers: parse, call one use case, map the result.

use bytes::Bytes;
use http::{StatusCode, header};
use secrecy::SecretString;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tracing::Instrument;

use super::{ApiRequest, ApiResponse, Function, MAX_BODY_BYTES, Route, problem, route};
use crate::app::App;
use crate::domain::{TenantId, User, rfc3339};
use crate::usecases::account::{ChangePassword, Mfa};
use crate::usecases::reset::{ConfirmReset, ForgotRequest, RequestReset};
use crate::usecases::sessions::{Authenticate, Authenticated, SecondFactor, SignIn, SignOut};
use crate::usecases::unlock::UnlockAccount;
use crate::usecases::{AppError, RequestMeta};

/// Serves one request. `only` restricts the routes to one Lambda function's;
/// `None` (local mode) serves them all.
pub async fn handle(app: &App, only: Option<Function>, req: ApiRequest) -> ApiResponse {
    // Method and path only: paths never carry secrets (links keep the token in
    // the fragment, which browsers do not send), bodies and headers are not logged.
    let span = tracing::info_span!("request", method = %req.method, path = %req.path);
    // Links point at the configured public URL, or else where API Gateway says
    // the request arrived (see `ApiRequest::base_url`).
    let scoped;
    let app = match &req.base_url {
        Some(base) if app.links.public_base_url.is_empty() => {
            scoped = app.with_public_base_url(base);
            &scoped
        }
        _ => app,
    };
    async move {
        let result = match route(&req.method, &req.path) {
            Ok(r) if only.is_some_and(|f| f != r.function()) => Err(AppError::NotFound),
            Ok(r) => dispatch(app, r, &req).await,
            Err(e) => Err(e),
        };
        let mut response = result.unwrap_or_else(|e| problem(&e));
        // Every answer, page or API: browsers must never reach us over plain HTTP
        // once they have seen us (a downgraded reset page would leak its token).
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            http::HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
        // API Gateway answers the preflight; the real answer must name the one
        // allowed origin itself (a REST proxy integration adds nothing). Any
        // other origin gets no CORS header, so browsers keep the answer from it.
        if let Some(allowed) = &app.cors_origin {
            let h = response.headers_mut();
            h.insert(header::VARY, http::HeaderValue::from_static("Origin"));
            let origin = req
                .headers
                .get(header::ORIGIN)
                .and_then(|o| o.to_str().ok());
            if origin == Some(allowed.as_str())
                && let Ok(v) = http::HeaderValue::from_str(allowed)
            {
                h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
            }
        }
        tracing::trace!(status = response.status().as_u16(), "request done");
        response
    }
    .instrument(span)
    .await
}

pub(super) fn json_response(status: StatusCode, body: Value) -> ApiResponse {
    http::Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CACHE_CONTROL, "no-store")
        .body(Bytes::from(body.to_string()))
        .unwrap_or_else(|_| http::Response::new(Bytes::new()))
}

pub(super) fn empty(status: StatusCode) -> ApiResponse {
    http::Response::builder()
        .status(status)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Bytes::new())
        .unwrap_or_else(|_| http::Response::new(Bytes::new()))
}

/// Parses a JSON body. Error messages name the problem (missing field, wrong
/// type, bad JSON) without echoing values, which could be passwords.
pub(super) fn parse<T: DeserializeOwned>(req: &ApiRequest) -> Result<T, AppError> {
    if req.body.len() > MAX_BODY_BYTES {
        return Err(AppError::InvalidRequest("the body exceeds 16 KiB".into()));
    }
    if let Some(ct) = req.headers.get(header::CONTENT_TYPE) {
        let ct = ct.to_str().unwrap_or_default().to_ascii_lowercase();
        if !(ct.starts_with("application/json") || ct.contains("+json")) {
            return Err(AppError::InvalidRequest(
                "the body must be JSON (Content-Type: application/json)".into(),
            ));
        }
    }
    serde_json::from_slice(&req.body).map_err(|e| {
        use serde_json::error::Category;
        let msg = e.to_string();
        let detail = match e.classify() {
            Category::Data
                if msg.starts_with("missing field") || msg.starts_with("unknown field") =>
            {
                msg.split(" at line")
                    .next()
                    .unwrap_or("invalid body")
                    .to_owned()
            }
            Category::Data => "a field has the wrong type or value".to_owned(),
            Category::Eof | Category::Syntax | Category::Io => {
                "the body is not valid JSON".to_owned()
            }
        };
        AppError::InvalidRequest(detail)
    })
}

pub(super) fn bearer(req: &ApiRequest) -> Option<SecretString> {
    let value = req.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty())
        .then(|| SecretString::from(token.trim().to_owned()))
}

pub(super) async fn authenticate(
    app: &App,
    req: &ApiRequest,
    route: &Route,
) -> Result<Authenticated, AppError> {
    let token = bearer(req).ok_or(AppError::Unauthenticated)?;
    let auth = Authenticate {
        sessions: &*app.store,
        users: &*app.store,
        tenants: &*app.tenants,
        committer: &*app.store,
        clock: &*app.clock,
    }
    .execute(&token)
    .await?;
    if auth.user.must_change_password && !route.allowed_while_password_change_required() {
        return Err(AppError::PasswordChangeRequired);
    }
    if !route.allowed_while_mfa_enrollment_required() && mfa_enrollment_required(app, &auth).await?
    {
        return Err(AppError::MfaEnrollmentRequired);
    }
    Ok(auth)
}

/// The tenant requires a second factor of this user, who has none yet: the
/// session may only enrol (and change its password, or sign out).
async fn mfa_enrollment_required(app: &App, auth: &Authenticated) -> Result<bool, AppError> {
    if auth.user.mfa_enabled {
        return Ok(false);
    }
    Ok(app
        .tenants
        .get_tenant(&auth.user.tenant_id)
        .await?
        .is_some_and(|t| t.settings.mfa_required_for.applies_to(&auth.user)))
}

/// The account as the API shows it: never a hash, salt, secret or generation.
pub fn account_json(u: &User) -> Value {
    json!({
        "id": u.id,
        "tenant": u.tenant_id,
        "username": u.username,
        "email": u.email,
        "role": u.role,
        "permissions": u.permissions,
        "status": u.status,
        "source": u.source,
        "can_change_password": u.can_change_password,
        "must_change_password": u.must_change_password,
        "mfa_enabled": u.mfa_enabled,
        "email_status": u.email_status,
        "created_at": rfc3339(u.created_at),
        "password_changed_at": u.password_changed_at.map(rfc3339),
        "locale": u.locale,
    })
}

#[derive(Deserialize)]
struct SignInBody {
    username: String,
    password: SecretString,
    #[serde(default)]
    totp_code: Option<String>,
    #[serde(default)]
    recovery_code: Option<SecretString>,
}

/// The current password and a current second factor (either kind).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactorBody {
    current_password: SecretString,
    #[serde(default)]
    totp_code: Option<String>,
    #[serde(default)]
    recovery_code: Option<SecretString>,
}

fn second_factor<'a>(
    totp_code: &'a Option<String>,
    recovery_code: &'a Option<SecretString>,
) -> Option<SecondFactor<'a>> {
    use secrecy::ExposeSecret;
    match (totp_code.as_deref(), recovery_code) {
        (Some(code), _) if !code.trim().is_empty() => Some(SecondFactor::Totp(code)),
        (_, Some(code)) if !code.expose_secret().trim().is_empty() => {
            Some(SecondFactor::Recovery(code.expose_secret()))
        }
        _ => None,
    }
}

/// `PATCH /v1/me`: absent leaves a field, `null` clears it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeBody {
    #[serde(default, deserialize_with = "present")]
    locale: Option<Option<crate::domain::Locale>>,
}

fn present<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

#[derive(Deserialize)]
struct ForgotBody {
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    email: Option<String>,
}

#[derive(Deserialize)]
struct CurrentPasswordBody {
    current_password: SecretString,
}

#[derive(Deserialize)]
struct ChangePasswordBody {
    current_password: SecretString,
    new_password: SecretString,
}

#[derive(Deserialize)]
struct CodeBody {
    code: String,
}

#[derive(Deserialize)]
struct TokenBody {
    token: SecretString,
}

#[derive(Deserialize)]
struct ConfirmBody {
    token: SecretString,
    new_password: SecretString,
}

fn check_len(what: &str, value: &str, max: usize) -> Result<(), AppError> {
    if value.chars().count() > max {
        return Err(AppError::InvalidRequest(format!("{what} is too long")));
    }
    Ok(())
}

/// The shipped locale the request's `Accept-Language` asks for (RFC 4647
/// lookup), if any.
pub(super) fn request_locale(req: &ApiRequest) -> Option<crate::domain::Locale> {
    let header = req.headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    crate::domain::i18n::lookup(&crate::domain::i18n::accept_language(header))
}

async fn dispatch(app: &App, route: Route, req: &ApiRequest) -> Result<ApiResponse, AppError> {
    let meta = RequestMeta {
        ip: req.source_ip.clone(),
        locale: request_locale(req),
        user_agent: req
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    match &route {
        Route::CreateSession(tenant) => {
            let body: SignInBody = parse(req)?;
            check_len("username", &body.username, 256)?;
            let signed_in = SignIn {
                tenants: &*app.tenants,
                users: &*app.store,
                counters: &*app.store,
                committer: &*app.store,
                clock: &*app.clock,
                links: &app.links,
            }
            .execute_with(
                tenant,
                &body.username,
                body.password,
                second_factor(&body.totp_code, &body.recovery_code),
                &meta,
            )
            .await?;
            use secrecy::ExposeSecret;
            Ok(json_response(
                StatusCode::CREATED,
                json!({
                    "token": signed_in.token.expose_secret(),
                    "expires_at": rfc3339(signed_in.session.expires_at),
                    "must_change_password": signed_in.user.must_change_password,
                    "user": {
                        "id": signed_in.user.id,
                        "username": signed_in.user.username,
                        "role": signed_in.user.role,
                        "locale": signed_in.user.locale,
                    },
                }),
            ))
        }
        Route::Me => {
            let auth = authenticate(app, req, &route).await?;
            let mut me = account_json(&auth.user);
            me["recovery_codes_left"] = json!(auth.user.recovery_codes.len());
            me["mfa_enrollment_required"] = json!(mfa_enrollment_required(app, &auth).await?);
            me["capabilities"] = json!(crate::domain::capabilities::capabilities(&auth.user));
            Ok(json_response(StatusCode::OK, me))
        }
        Route::PatchMe => {
            let auth = authenticate(app, req, &route).await?;
            let body: MeBody = parse(req)?;
            let user = match body.locale {
                Some(locale) => {
                    crate::usecases::branding::set_own_locale(
                        &*app.store,
                        &*app.clock,
                        &auth.user,
                        locale,
                        &meta,
                    )
                    .await?
                }
                None => auth.user,
            };
            Ok(json_response(StatusCode::OK, account_json(&user)))
        }
        Route::PutLogo(tenant) => {
            // The one raw body: checked by its bytes, not parsed as JSON.
            if req.body.len() > crate::domain::MAX_LOGO_BYTES {
                return Err(AppError::InvalidLogo(crate::domain::InvalidLogo::TOO_LARGE));
            }
            let auth = authenticate(app, req, &route).await?;
            // Read-modify-write of the tenant: from the store, never from the
            // cache, or settings saved a moment ago would be written away.
            crate::usecases::branding::Logos {
                tenants: &*app.store,
                ..logos(app)
            }
            .put(
                &crate::domain::permissions::Actor::User(&auth.user),
                tenant,
                req.body.clone(),
                &meta,
            )
            .await?;
            app.tenant_changed(tenant);
            Ok(empty(StatusCode::NO_CONTENT))
        }
        Route::Logo(tenant) => {
            let (kind, bytes) = logos(app).get(tenant).await?;
            Ok(logo_response(kind, bytes))
        }
        Route::DeleteCurrentSession => {
            let auth = authenticate(app, req, &route).await?;
            SignOut {
                committer: &*app.store,
                clock: &*app.clock,
            }
            .execute(&auth, &meta)
            .await?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        Route::ForgotPassword(tenant) => {
            let body: ForgotBody = parse(req)?;
            for (what, v) in [("username", &body.username), ("email", &body.email)] {
                check_len(what, v.as_deref().unwrap_or_default(), 320)?;
            }
            RequestReset {
                tenants: &*app.tenants,
                users: &*app.store,
                counters: &*app.store,
                committer: &*app.store,
                clock: &*app.clock,
                links: &app.links,
            }
            .execute(
                tenant,
                ForgotRequest {
                    username: body.username,
                    email: body.email,
                },
                &meta,
            )
            .await?;
            Ok(json_response(
                StatusCode::ACCEPTED,
                json!({"message": "If an account matches, we have sent a reset link."}),
            ))
        }
        Route::InspectReset(tenant) => {
            let body: TokenBody = parse(req)?;
            let inspection = confirm_reset(app).inspect(tenant, &body.token).await?;
            Ok(json_response(
                StatusCode::OK,
                json!({
                    "username": inspection.username,
                    "expires_at": rfc3339(inspection.expires_at),
                    "policy": inspection.policy,
                }),
            ))
        }
        Route::ConfirmReset(tenant) => {
            let body: ConfirmBody = parse(req)?;
            confirm_reset(app)
                .confirm(tenant, &body.token, body.new_password, &meta)
                .await?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        Route::ConfirmUnlock(tenant) => {
            let body: TokenBody = parse(req)?;
            UnlockAccount {
                users: &*app.store,
                tokens: &*app.store,
                counters: &*app.store,
                committer: &*app.store,
                clock: &*app.clock,
            }
            .execute(tenant, &body.token, &meta)
            .await?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        Route::PasswordPolicy(tenant) => password_policy(app, tenant).await,
        Route::Profile(tenant) => profile(app, tenant).await,
        Route::Page(page) => Ok(super::pages::render(*page, req)),
        Route::OpenApi => Ok(json_response(StatusCode::OK, super::openapi::document())),
        Route::CreateUser(_)
        | Route::ListUsers(_)
        | Route::GetUser(..)
        | Route::PatchUser(..)
        | Route::GetSettings(_)
        | Route::PutSettings(_)
        | Route::AuditEvents(_)
        | Route::AdminResetLink(..)
        | Route::AdminSetPassword(..)
        | Route::BulkReset(_)
        | Route::AdminResetMfa(..)
        | Route::SupportReset(..)
        | Route::SupportListUsers(_) => {
            super::admin_handlers::dispatch(app, &route, req, &meta).await
        }
        Route::ChangePassword => {
            let auth = authenticate(app, req, &route).await?;
            let body: ChangePasswordBody = parse(req)?;
            ChangePassword {
                breached: &*app.breached,
                tenants: &*app.tenants,
                counters: &*app.store,
                committer: &*app.store,
                clock: &*app.clock,
                links: &app.links,
            }
            .execute(&auth, body.current_password, body.new_password, &meta)
            .await?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        Route::EnrollTotp => {
            let auth = authenticate(app, req, &route).await?;
            let body: CurrentPasswordBody = parse(req)?;
            let enrollment = mfa(app).enroll(&auth, body.current_password, &meta).await?;
            Ok(json_response(
                StatusCode::OK,
                json!({"secret": enrollment.secret, "otpauth_uri": enrollment.otpauth_uri}),
            ))
        }
        Route::ConfirmTotp => {
            let auth = authenticate(app, req, &route).await?;
            let body: CodeBody = parse(req)?;
            let codes = mfa(app).confirm(&auth, &body.code, &meta).await?;
            Ok(json_response(
                StatusCode::OK,
                json!({"recovery_codes": codes}),
            ))
        }
        Route::RegenerateRecoveryCodes | Route::RemoveTotp => {
            let auth = authenticate(app, req, &route).await?;
            let body: FactorBody = parse(req)?;
            let factor = second_factor(&body.totp_code, &body.recovery_code).ok_or_else(|| {
                AppError::InvalidRequest("totp_code or recovery_code is required".into())
            })?;
            if route == Route::RemoveTotp {
                mfa(app)
                    .remove(&auth, body.current_password, factor, &meta)
                    .await?;
                return Ok(empty(StatusCode::NO_CONTENT));
            }
            let codes = mfa(app)
                .regenerate_codes(&auth, body.current_password, factor, &meta)
                .await?;
            Ok(json_response(
                StatusCode::OK,
                json!({"recovery_codes": codes}),
            ))
        }
    }
}

fn logos(app: &App) -> crate::usecases::branding::Logos<'_> {
    crate::usecases::branding::Logos {
        tenants: &*app.tenants,
        logos: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
    }
}

/// The logo with its own type; `nosniff` so a browser never reads it as
/// anything else, and a sandboxing CSP in case it is opened on its own.
fn logo_response(kind: crate::domain::LogoType, bytes: Bytes) -> ApiResponse {
    http::Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, kind.content_type())
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        )
        // Public and small; a short cache spares the store a read per page view.
        .header(header::CACHE_CONTROL, "public, max-age=300")
        .body(bytes)
        .unwrap_or_else(|_| http::Response::new(Bytes::new()))
}

fn mfa(app: &App) -> Mfa<'_> {
    Mfa {
        tenants: &*app.tenants,
        counters: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
    }
}

fn confirm_reset(app: &App) -> ConfirmReset<'_> {
    ConfirmReset {
        breached: &*app.breached,
        tenants: &*app.tenants,
        users: &*app.store,
        tokens: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
    }
}

/// Public, so it must not tell which tenants exist: an unknown tenant gets the
/// default policy, with the same status and shape.
async fn password_policy(app: &App, tenant: &TenantId) -> Result<ApiResponse, AppError> {
    let policy = app
        .tenants
        .get_tenant(tenant)
        .await?
        .map(|t| t.settings.password_policy)
        .unwrap_or_default();
    Ok(json_response(
        StatusCode::OK,
        serde_json::to_value(&policy).map_err(|e| AppError::Internal(e.to_string()))?,
    ))
}

/// Public, for the hosted pages: the tenant's display name, which identifiers its
/// forgot-password form needs, and its policy. An unknown tenant gets the defaults
/// and no name, with the same status and shape (no 404: tenants are not
/// enumerable through this route).
async fn profile(app: &App, tenant: &TenantId) -> Result<ApiResponse, AppError> {
    let (name, settings, has_logo) = match app.tenants.get_tenant(tenant).await? {
        Some(t) => (Some(t.name), t.settings, t.logo.is_some()),
        None => (None, crate::domain::Settings::default(), false),
    };
    let locales: Vec<&str> = crate::domain::Locale::ALL
        .iter()
        .map(|l| l.as_str())
        .collect();
    Ok(json_response(
        StatusCode::OK,
        json!({
            "name": name,
            "reset_identifier": settings.reset_identifier,
            "password_policy": settings.password_policy,
            "locales": locales,
            "default_locale": settings.default_locale,
            "branding": settings.branding,
            "has_logo": has_logo,
        }),
    ))
}
