//! The published contract: an OpenAPI 3.1 description built from one table of
//! operations. Each entry names the `Route` it documents (`operation_id`), and a
//! test resolves every entry through the router and checks that every route is
//! in the table, so the document and the code cannot drift apart. Served at
//! `GET /openapi.json`; `docs/openapi.json` is the same document, checked in.

use serde_json::{Map, Value, json};

use super::Route;

/// One documented operation.
pub struct Operation {
    pub method: &'static str,
    /// OpenAPI path template, e.g. `/v1/tenants/{tenant}/sessions`.
    pub path: &'static str,
    pub id: &'static str,
    pub summary: &'static str,
    /// `None`, `Some("session")` (bearer session) or `Some("support")`.
    pub security: Option<&'static str>,
    pub request: Option<Value>,
    /// Success status and its JSON schema (`None`: no body; `"html"`/`"text"`).
    pub success: (u16, Body),
    /// Problem `code`s (with their status) this operation can answer.
    pub problems: &'static [(u16, &'static str)],
}

pub enum Body {
    Json(Value),
    Empty,
    Html,
    /// A stylesheet (`text/css`) or a script module (`text/javascript`).
    Asset,
    /// A PNG, JPEG or WebP image (the tenant's logo).
    Image,
}

fn obj(required: &[&str], props: Value) -> Value {
    json!({"type": "object", "required": required, "properties": props})
}

fn s() -> Value {
    json!({"type": "string"})
}

fn b() -> Value {
    json!({"type": "boolean"})
}

fn any_obj() -> Value {
    json!({"type": "object"})
}

/// A shipped locale tag, or `null` (back to the browser's and tenant's).
fn nullable_locale() -> Value {
    let mut tags: Vec<Value> = crate::domain::Locale::ALL
        .iter()
        .map(|l| json!(l.as_str()))
        .collect();
    tags.push(Value::Null);
    json!({"type": ["string", "null"], "enum": tags})
}

/// A shipped locale tag.
fn locale() -> Value {
    let tags: Vec<&str> = crate::domain::Locale::ALL
        .iter()
        .map(|l| l.as_str())
        .collect();
    json!({"type": "string", "enum": tags})
}

const BAD: (u16, &str) = (400, "invalid_request");
const UNAUTH: (u16, &str) = (401, "unauthenticated");
const FORBIDDEN: (u16, &str) = (403, "forbidden");
const NOT_FOUND: (u16, &str) = (404, "not_found");
/// An admin action aimed at the caller's own account.
const SELF: (u16, &str) = (403, "self_target");
const CHANGE_REQUIRED: (u16, &str) = (403, "password_change_required");
const ENROL_REQUIRED: (u16, &str) = (403, "mfa_enrollment_required");
const POLICY: (u16, &str) = (422, "password_policy");
const TOO_MANY: (u16, &str) = (429, "too_many_attempts");
const BUSY: (u16, &str) = (503, "busy");

/// Problems every authenticated route can answer.
const SESSION: &[(u16, &str)] = &[BAD, UNAUTH, CHANGE_REQUIRED, ENROL_REQUIRED];

pub fn operations() -> Vec<Operation> {
    let user = json!({"$ref": "#/components/schemas/Account"});
    let policy = json!({"$ref": "#/components/schemas/PasswordPolicy"});
    let factor = obj(
        &["current_password"],
        json!({"current_password": s(), "totp_code": s(), "recovery_code": s()}),
    );
    let codes = obj(
        &["recovery_codes"],
        json!({"recovery_codes": {"type": "array", "items": s()}}),
    );
    let expires = obj(&["expires_at"], json!({"expires_at": s()}));
    // The admin actions the caller may take, from the rule the server
    // enforces (`domain::capabilities`): what the console offers.
    let capabilities: Vec<&str> = crate::domain::capabilities::all().collect();
    let me = json!({
        "allOf": [user.clone()],
        "required": ["capabilities", "recovery_codes_left", "mfa_enrollment_required"],
        "properties": {
            "capabilities": {"type": "array", "items": {"type": "string", "enum": capabilities}},
            "recovery_codes_left": {"type": "integer", "minimum": 0},
            "mfa_enrollment_required": b(),
        },
    });
    let page = |path, id, summary, body| Operation {
        method: "get",
        path,
        id,
        summary,
        security: None,
        request: None,
        success: (200, body),
        problems: &[NOT_FOUND],
    };
    vec![
        page(
            "/",
            "page_index",
            "The hosted pages' start page",
            Body::Html,
        ),
        page(
            "/assets/{path}",
            "asset",
            "A stylesheet or script module of the hosted pages (a file of web/, e.g. app.css, js/pages/sign-in.js)",
            Body::Asset,
        ),
        page(
            "/t/{tenant}/sign-in",
            "page_sign_in",
            "Sign-in page",
            Body::Html,
        ),
        page(
            "/t/{tenant}/forgot",
            "page_forgot",
            "Forgot-password page",
            Body::Html,
        ),
        page(
            "/t/{tenant}/reset",
            "page_reset",
            "Reset page (the token is in the fragment)",
            Body::Html,
        ),
        page(
            "/t/{tenant}/unlock",
            "page_unlock",
            "Unlock page (the account-lock mail's token is in the fragment)",
            Body::Html,
        ),
        page(
            "/t/{tenant}/account",
            "page_account",
            "Account page",
            Body::Html,
        ),
        page(
            "/t/{tenant}/admin",
            "page_admin",
            "Admin console",
            Body::Html,
        ),
        Operation {
            method: "get",
            path: "/openapi.json",
            id: "openapi",
            summary: "This document",
            security: None,
            request: None,
            success: (200, Body::Json(any_obj())),
            problems: &[],
        },
        Operation {
            method: "post",
            path: "/v1/tenants/{tenant}/sessions",
            id: "create_session",
            summary: "Sign in (the second factor only after a right password)",
            security: None,
            request: Some(obj(
                &["username", "password"],
                json!({"username": s(), "password": s(), "totp_code": s(), "recovery_code": s()}),
            )),
            success: (
                201,
                Body::Json(obj(
                    &["token", "expires_at", "must_change_password", "user"],
                    json!({"token": s(), "expires_at": s(), "must_change_password": b(),
                           "user": any_obj()}),
                )),
            ),
            problems: &[
                BAD,
                (401, "invalid_credentials"),
                (401, "mfa_required"),
                (401, "invalid_mfa_code"),
                TOO_MANY,
                BUSY,
            ],
        },
        Operation {
            method: "get",
            path: "/v1/me",
            id: "me",
            summary: "The caller's account, and what it may do in the console",
            security: Some("session"),
            request: None,
            success: (200, Body::Json(me)),
            problems: &[UNAUTH],
        },
        Operation {
            method: "patch",
            path: "/v1/me",
            id: "patch_me",
            summary: "Change one's own account: the language of pages and mails",
            security: Some("session"),
            request: Some(obj(&[], json!({"locale": nullable_locale()}))),
            success: (200, Body::Json(user.clone())),
            problems: &[BAD, UNAUTH, (409, "conflict")],
        },
        Operation {
            method: "put",
            path: "/v1/tenants/{tenant}/logo",
            id: "put_logo",
            summary: "Upload the tenant's logo: raw PNG, JPEG or WebP bytes, at most 64 KiB (owner)",
            security: Some("session"),
            request: Some(json!({"type": "string", "contentMediaType": "image/png"})),
            success: (204, Body::Empty),
            problems: &[BAD, UNAUTH, FORBIDDEN, NOT_FOUND, (422, "invalid_logo")],
        },
        Operation {
            method: "get",
            path: "/t/{tenant}/logo",
            id: "logo",
            summary: "The tenant's logo, with its own content type",
            security: None,
            request: None,
            success: (200, Body::Image),
            problems: &[NOT_FOUND],
        },
        Operation {
            method: "delete",
            path: "/v1/sessions/current",
            id: "sign_out",
            summary: "Sign out",
            security: Some("session"),
            request: None,
            success: (204, Body::Empty),
            problems: &[UNAUTH],
        },
        Operation {
            method: "post",
            path: "/v1/tenants/{tenant}/password-resets",
            id: "forgot_password",
            summary: "Ask for a reset link (always the same 202)",
            security: None,
            request: Some(obj(&[], json!({"username": s(), "email": s()}))),
            success: (202, Body::Json(obj(&["message"], json!({"message": s()})))),
            problems: &[BAD],
        },
        Operation {
            method: "post",
            path: "/v1/tenants/{tenant}/password-resets/inspect",
            id: "inspect_reset",
            summary: "Inspect a link without using it",
            security: None,
            request: Some(obj(&["token"], json!({"token": s()}))),
            success: (
                200,
                Body::Json(obj(
                    &["username", "expires_at", "policy"],
                    json!({"username": s(), "expires_at": s(), "policy": policy.clone()}),
                )),
            ),
            problems: &[BAD, (400, "invalid_token")],
        },
        Operation {
            method: "post",
            path: "/v1/tenants/{tenant}/password-resets/confirm",
            id: "confirm_reset",
            summary: "Set the new password with a link",
            security: None,
            request: Some(obj(
                &["token", "new_password"],
                json!({"token": s(), "new_password": s()}),
            )),
            success: (204, Body::Empty),
            problems: &[BAD, (400, "invalid_token"), POLICY, (409, "conflict"), BUSY],
        },
        Operation {
            method: "post",
            path: "/v1/tenants/{tenant}/account-unlocks/confirm",
            id: "confirm_unlock",
            summary: "Lift the account-wide lock with the account-lock mail's link (the password is unchanged)",
            security: None,
            request: Some(obj(&["token"], json!({"token": s()}))),
            success: (204, Body::Empty),
            problems: &[BAD, (400, "invalid_token")],
        },
        Operation {
            method: "post",
            path: "/v1/me/password",
            id: "change_password",
            summary: "Change one's own password",
            security: Some("session"),
            request: Some(obj(
                &["current_password", "new_password"],
                json!({"current_password": s(), "new_password": s()}),
            )),
            success: (204, Body::Empty),
            problems: &[
                BAD,
                UNAUTH,
                (403, "invalid_current_password"),
                (403, "password_change_not_allowed"),
                POLICY,
                TOO_MANY,
                BUSY,
            ],
        },
        Operation {
            method: "post",
            path: "/v1/me/mfa/totp",
            id: "enroll_totp",
            summary: "Start TOTP enrolment (needs the current password)",
            security: Some("session"),
            request: Some(obj(&["current_password"], json!({"current_password": s()}))),
            success: (
                200,
                Body::Json(obj(
                    &["secret", "otpauth_uri"],
                    json!({"secret": s(), "otpauth_uri": s()}),
                )),
            ),
            problems: &[
                BAD,
                UNAUTH,
                (403, "invalid_current_password"),
                (409, "mfa_already_enabled"),
                TOO_MANY,
            ],
        },
        Operation {
            method: "delete",
            path: "/v1/me/mfa/totp",
            id: "remove_totp",
            summary: "Remove one's own second factor (password and a code)",
            security: Some("session"),
            request: Some(factor.clone()),
            success: (204, Body::Empty),
            problems: &[
                BAD,
                UNAUTH,
                (400, "invalid_mfa_code"),
                (403, "invalid_current_password"),
                (403, "mfa_required_by_policy"),
                TOO_MANY,
            ],
        },
        Operation {
            method: "post",
            path: "/v1/me/mfa/totp/confirm",
            id: "confirm_totp",
            summary: "Confirm enrolment with a code; answers the recovery codes once",
            security: Some("session"),
            request: Some(obj(&["code"], json!({"code": s()}))),
            success: (200, Body::Json(codes.clone())),
            problems: &[
                BAD,
                UNAUTH,
                (400, "invalid_mfa_code"),
                (409, "mfa_already_enabled"),
            ],
        },
        Operation {
            method: "post",
            path: "/v1/me/mfa/recovery-codes",
            id: "regenerate_recovery_codes",
            summary: "A new set of recovery codes (password and a code)",
            security: Some("session"),
            request: Some(factor.clone()),
            success: (200, Body::Json(codes)),
            problems: &[
                BAD,
                UNAUTH,
                (400, "invalid_mfa_code"),
                (403, "invalid_current_password"),
                TOO_MANY,
            ],
        },
        Operation {
            method: "get",
            path: "/v1/tenants/{tenant}/password-policy",
            id: "password_policy",
            summary: "The tenant's password policy (defaults for unknown tenants)",
            security: None,
            request: None,
            success: (200, Body::Json(policy.clone())),
            problems: &[BAD],
        },
        Operation {
            method: "get",
            path: "/v1/tenants/{tenant}/profile",
            id: "profile",
            summary: "The tenant's public face for the hosted pages",
            security: None,
            request: None,
            success: (
                200,
                Body::Json(obj(
                    &["locales", "default_locale", "branding", "has_logo"],
                    json!({"name": {"type": ["string", "null"]},
                        "reset_identifier": s(), "password_policy": policy.clone(),
                        "locales": {"type": "array", "items": locale()},
                        "default_locale": locale(),
                        "branding": {"$ref": "#/components/schemas/Branding"},
                        "has_logo": b()}),
                )),
            ),
            problems: &[BAD],
        },
        Operation {
            method: "post",
            path: "/v1/tenants/{tenant}/users",
            id: "create_user",
            summary: "Create an account (pending activation)",
            security: Some("session"),
            request: Some(obj(
                &["username", "role"],
                json!({"username": s(), "email": s(),
                "role": s(), "permissions": {"type": "array", "items": s()}, "source": s(),
                "can_change_password": b(), "send_activation": b()}),
            )),
            success: (201, Body::Json(user.clone())),
            problems: &[BAD, UNAUTH, FORBIDDEN, NOT_FOUND, (409, "username_taken")],
        },
        Operation {
            method: "get",
            path: "/v1/tenants/{tenant}/users",
            id: "list_users",
            summary: "Search accounts by username or email prefix",
            security: Some("session"),
            request: None,
            success: (
                200,
                Body::Json(obj(&["users"], json!({"users": {"type": "array"}}))),
            ),
            problems: &[BAD, UNAUTH, FORBIDDEN, NOT_FOUND],
        },
        Operation {
            method: "get",
            path: "/v1/tenants/{tenant}/users/{user_id}",
            id: "get_user",
            summary: "One account",
            security: Some("session"),
            request: None,
            success: (200, Body::Json(user.clone())),
            problems: &[BAD, UNAUTH, FORBIDDEN, NOT_FOUND],
        },
        Operation {
            method: "patch",
            path: "/v1/tenants/{tenant}/users/{user_id}",
            id: "patch_user",
            summary: "Change an account (an email change is a reset in disguise)",
            security: Some("session"),
            request: Some(any_obj()),
            success: (200, Body::Json(user)),
            problems: &[
                BAD,
                UNAUTH,
                FORBIDDEN,
                (403, "mfa_required_for_admin"),
                SELF,
                NOT_FOUND,
                (409, "conflict"),
            ],
        },
        Operation {
            method: "get",
            path: "/v1/tenants/{tenant}/settings",
            id: "get_settings",
            summary: "The tenant's settings (owner)",
            security: Some("session"),
            request: None,
            success: (200, Body::Json(any_obj())),
            problems: &[BAD, UNAUTH, FORBIDDEN, NOT_FOUND],
        },
        Operation {
            method: "put",
            path: "/v1/tenants/{tenant}/settings",
            id: "put_settings",
            summary: "Replace the tenant's settings (owner)",
            security: Some("session"),
            request: Some(any_obj()),
            success: (200, Body::Json(any_obj())),
            problems: &[
                BAD,
                UNAUTH,
                FORBIDDEN,
                NOT_FOUND,
                (422, "invalid_branding"),
                (422, "invalid_settings"),
            ],
        },
        Operation {
            method: "get",
            path: "/v1/tenants/{tenant}/audit-events",
            id: "audit_events",
            summary: "The tenant's audit log, newest first, filtered (user_id, type, outcome, from, to); CSV with format=csv or Accept: text/csv",
            security: Some("session"),
            request: None,
            success: (
                200,
                Body::Json(obj(&["events"], json!({"events": {"type": "array"}}))),
            ),
            problems: &[BAD, UNAUTH, FORBIDDEN, NOT_FOUND],
        },
        Operation {
            method: "post",
            path: "/v1/tenants/{tenant}/users/{user_id}/password-reset",
            id: "admin_reset_link",
            summary: "Email a reset (or activation) link",
            security: Some("session"),
            request: Some(obj(&[], json!({"recipient_email": s(), "reset_mfa": b()}))),
            success: (202, Body::Json(expires.clone())),
            problems: &[
                BAD,
                UNAUTH,
                FORBIDDEN,
                (403, "mfa_required_for_admin"),
                SELF,
                NOT_FOUND,
                (409, "externally_managed"),
                (409, "account_disabled"),
            ],
        },
        Operation {
            method: "put",
            path: "/v1/tenants/{tenant}/users/{user_id}/password",
            id: "admin_set_password",
            summary: "Set a temporary or permanent password",
            security: Some("session"),
            request: Some(obj(
                &["new_password", "temporary"],
                json!({"new_password": s(), "temporary": b(), "reset_mfa": b()}),
            )),
            success: (204, Body::Empty),
            problems: &[
                BAD,
                UNAUTH,
                FORBIDDEN,
                (403, "mfa_required_for_admin"),
                SELF,
                NOT_FOUND,
                (409, "externally_managed"),
                POLICY,
            ],
        },
        Operation {
            method: "delete",
            path: "/v1/tenants/{tenant}/users/{user_id}/mfa",
            id: "admin_reset_mfa",
            summary: "Remove a user's lost second factor",
            security: Some("session"),
            request: Some(obj(&[], json!({"reason": s()}))),
            success: (204, Body::Empty),
            problems: &[
                BAD,
                UNAUTH,
                FORBIDDEN,
                (403, "mfa_required_for_admin"),
                SELF,
                NOT_FOUND,
            ],
        },
        Operation {
            method: "post",
            path: "/v1/tenants/{tenant}/password-resets/bulk",
            id: "bulk_reset",
            summary: "Reset links for up to 100 accounts, one outcome each",
            security: Some("session"),
            request: Some(obj(
                &["user_ids"],
                json!({"user_ids": {"type": "array", "items": s()},
                "reset_mfa": b()}),
            )),
            success: (
                200,
                Body::Json(obj(&["results"], json!({"results": {"type": "array"}}))),
            ),
            problems: &[
                BAD,
                UNAUTH,
                FORBIDDEN,
                (403, "mfa_required_for_admin"),
                NOT_FOUND,
            ],
        },
        Operation {
            method: "get",
            path: "/v1/support/tenants/{tenant}/users",
            id: "support_list_users",
            summary: "Support: a tenant's owners and admins",
            security: Some("support"),
            request: None,
            success: (
                200,
                Body::Json(obj(&["users"], json!({"users": {"type": "array"}}))),
            ),
            problems: &[BAD, UNAUTH, FORBIDDEN, NOT_FOUND],
        },
        Operation {
            method: "post",
            path: "/v1/support/tenants/{tenant}/users/{user_id}/password",
            id: "support_reset",
            summary: "Support: reset an owner or admin, with a reason",
            security: Some("support"),
            request: Some(obj(
                &["mode", "reason"],
                json!({"mode": {"enum": ["link", "set"]},
                "new_password": s(), "temporary": b(), "recipient_email": s(), "reason": s(),
                "reset_mfa": b()}),
            )),
            success: (202, Body::Json(expires)),
            problems: &[
                BAD,
                UNAUTH,
                FORBIDDEN,
                NOT_FOUND,
                (409, "externally_managed"),
                POLICY,
            ],
        },
    ]
}

/// The operation id of a route (exhaustive: a new route does not compile
/// until it is named, and the tests then insist on its documentation).
pub fn operation_id(route: &Route) -> &'static str {
    use super::pages::Page as P;
    match route {
        Route::Page(P::Index) => "page_index",
        Route::Page(P::Asset(_)) => "asset",
        Route::Page(P::SignIn) => "page_sign_in",
        Route::Page(P::Forgot) => "page_forgot",
        Route::Page(P::Reset) => "page_reset",
        Route::Page(P::Unlock) => "page_unlock",
        Route::Page(P::Account) => "page_account",
        Route::Page(P::Admin) => "page_admin",
        Route::OpenApi => "openapi",
        Route::CreateSession(_) => "create_session",
        Route::Me => "me",
        Route::PatchMe => "patch_me",
        Route::PutLogo(_) => "put_logo",
        Route::Logo(_) => "logo",
        Route::DeleteCurrentSession => "sign_out",
        Route::ForgotPassword(_) => "forgot_password",
        Route::InspectReset(_) => "inspect_reset",
        Route::ConfirmReset(_) => "confirm_reset",
        Route::ConfirmUnlock(_) => "confirm_unlock",
        Route::PasswordPolicy(_) => "password_policy",
        Route::Profile(_) => "profile",
        Route::ChangePassword => "change_password",
        Route::EnrollTotp => "enroll_totp",
        Route::ConfirmTotp => "confirm_totp",
        Route::RemoveTotp => "remove_totp",
        Route::RegenerateRecoveryCodes => "regenerate_recovery_codes",
        Route::AdminResetMfa(..) => "admin_reset_mfa",
        Route::CreateUser(_) => "create_user",
        Route::ListUsers(_) => "list_users",
        Route::GetUser(..) => "get_user",
        Route::PatchUser(..) => "patch_user",
        Route::GetSettings(_) => "get_settings",
        Route::PutSettings(_) => "put_settings",
        Route::AuditEvents(_) => "audit_events",
        Route::AdminResetLink(..) => "admin_reset_link",
        Route::AdminSetPassword(..) => "admin_set_password",
        Route::BulkReset(_) => "bulk_reset",
        Route::SupportReset(..) => "support_reset",
        Route::SupportListUsers(_) => "support_list_users",
    }
}

fn problem_response(codes: &[&str]) -> Value {
    json!({
        "description": format!("A problem document; code one of: {}", codes.join(", ")),
        "content": {"application/problem+json": {"schema": {
            "allOf": [{"$ref": "#/components/schemas/Problem"}],
            "properties": {"code": {"enum": codes}},
        }}},
    })
}

/// The whole document.
pub fn document() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for op in operations() {
        let mut params = Vec::new();
        for name in ["tenant", "user_id", "path"] {
            if op.path.contains(&format!("{{{name}}}")) {
                let schema = match name {
                    "tenant" => json!({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$"}),
                    // A file's path under web/ (subdirectories with `/`).
                    "path" => {
                        json!({"type": "string", "pattern": "^[a-z0-9][a-z0-9/_-]*\\.(css|js)$"})
                    }
                    _ => json!({"type": "string", "minLength": 1}),
                };
                params
                    .push(json!({"name": name, "in": "path", "required": true, "schema": schema}));
            }
        }
        if op.id == "list_users" || op.id == "audit_events" || op.id == "support_list_users" {
            for q in ["q", "cursor", "limit", "role"] {
                if (q == "role") == (op.id == "support_list_users") || q == "q" {
                    params.push(json!({"name": q, "in": "query", "required": false,
                        "schema": {"type": "string"}}));
                }
            }
        }
        if op.id == "audit_events" {
            for q in ["user_id", "type", "outcome"] {
                params.push(json!({"name": q, "in": "query", "required": false,
                    "schema": {"type": "string"}}));
            }
            for q in ["from", "to"] {
                params.push(json!({"name": q, "in": "query", "required": false,
                    "schema": {"type": "string", "format": "date-time"}}));
            }
            params.push(json!({"name": "format", "in": "query", "required": false,
                "schema": {"type": "string", "enum": ["json", "csv"]}}));
        }
        let mut responses: Map<String, Value> = Map::new();
        let (status, body) = &op.success;
        let content = |ct: &str, schema: Value| json!({ct: {"schema": schema}});
        let success = match body {
            Body::Json(schema) => json!({"description": op.summary,
                "content": content("application/json", schema.clone())}),
            Body::Empty => json!({"description": op.summary}),
            Body::Html => json!({"description": op.summary,
                "content": content("text/html", json!({"type": "string"}))}),
            Body::Asset => json!({"description": op.summary, "content": {
                "text/css": {"schema": {"type": "string"}},
                "text/javascript": {"schema": {"type": "string"}},
            }}),
            Body::Image => json!({"description": op.summary, "content": {
                "image/png": {"schema": {"type": "string", "contentMediaType": "image/png"}},
                "image/jpeg": {"schema": {"type": "string", "contentMediaType": "image/jpeg"}},
                "image/webp": {"schema": {"type": "string", "contentMediaType": "image/webp"}},
            }}),
        };
        let mut success = success;
        if op.id == "audit_events" {
            success["content"]["text/csv"] = json!({"schema": {"type": "string"}});
        }
        responses.insert(status.to_string(), success);
        // Every route can answer 405 for another method and 400 for a bad tenant id.
        let mut by_status: std::collections::BTreeMap<u16, Vec<&str>> = Default::default();
        let session: &[(u16, &str)] = if op.security == Some("session") {
            SESSION
        } else {
            &[]
        };
        for (st, code) in op
            .problems
            .iter()
            .chain(session)
            .chain([&(405, "method_not_allowed")])
        {
            by_status.entry(*st).or_default().push(code);
        }
        if op.path.contains("{tenant}") {
            by_status.entry(400).or_default().push("invalid_request");
        }
        for (st, mut codes) in by_status {
            codes.sort();
            codes.dedup();
            responses.insert(st.to_string(), problem_response(&codes));
        }
        let mut operation = json!({
            "operationId": op.id,
            "summary": op.summary,
            "parameters": params,
            "responses": responses,
        });
        match op.security {
            Some("session") => operation["security"] = json!([{"session": []}]),
            Some(_) => operation["security"] = json!([{"iam": []}, {"supportToken": []}]),
            None => operation["security"] = json!([]),
        }
        if op.id == "put_logo" {
            let image = |ct: &str| json!({"schema": {"type": "string", "contentMediaType": ct}});
            operation["requestBody"] = json!({"required": true, "content": {
                "image/png": image("image/png"),
                "image/jpeg": image("image/jpeg"),
                "image/webp": image("image/webp"),
            }});
        } else if let Some(schema) = &op.request {
            operation["requestBody"] = json!({
                "required": op.id != "admin_reset_link" && op.id != "admin_reset_mfa",
                "content": {"application/json": {"schema": schema}},
            });
        }
        let entry = paths.entry(op.path.to_owned()).or_insert_with(|| json!({}));
        entry[op.method] = operation;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Latchkey",
            "version": "1",
            "description": "Password lifecycle: sign-in, forgot/reset, own change, MFA and its recovery, tenant administration, support resets. Errors are RFC 9457 problem documents with a stable `code`.",
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {"type": "http", "scheme": "bearer", "description": "A session token from POST /v1/tenants/{tenant}/sessions."},
                "supportToken": {"type": "http", "scheme": "bearer", "description": "Local mode: the seed file's support_token."},
                "iam": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "On AWS: AWS SigV4 for execute-api, by the SupportRoleArn role only."},
            },
            "schemas": {
                "Problem": {"type": "object", "required": ["type", "title", "status", "code"],
                    "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                        "status": {"type": "integer"}, "code": {"type": "string"},
                        "detail": {"type": "string"},
                        "errors": {"type": "array", "items": {"type": "object",
                            "required": ["field", "code"],
                            "properties": {"field": {"type": "string"}, "code": {"type": "string"},
                                "min": {"type": "integer"}, "max": {"type": "integer"}}}},
                        "violations": {"type": "array", "items": {"type": "object",
                            "required": ["code", "message"],
                            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}},
                "PasswordPolicy": {"type": "object", "properties": {
                    "min_length": {"type": "integer"}, "max_length": {"type": "integer"},
                    "history": {"type": "integer"}, "block_common": {"type": "boolean"},
                    "block_context": {"type": "boolean"}, "require_classes": {"type": "integer"}}},
                "Account": {"type": "object", "required": ["id", "username", "role", "status"],
                    "properties": {"id": {"type": "string"}, "username": {"type": "string"},
                        "email": {"type": ["string", "null"]}, "role": {"type": "string"},
                        "status": {"type": "string"}, "mfa_enabled": {"type": "boolean"},
                        "email_status": {"type": "string"},
                        "locale": {"type": ["string", "null"]}}},
                "Branding": {"type": "object", "properties": {
                    "display_name": {"type": "string"},
                    "primary_color": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
                    "support_contact": {"type": "object", "properties": {
                        "email": {"type": "string"}, "phone": {"type": "string"},
                        "url": {"type": "string"}}},
                    "email_from_name": {"type": "string"}}},
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    fn concrete(path: &str) -> String {
        path.replace("{tenant}", "acme")
            .replace("{user_id}", "u_1")
            .replace("{path}", "js/lib/api.js")
    }

    #[test]
    fn every_documented_operation_is_routed_to_the_route_it_names() {
        for op in operations() {
            let method = Method::from_bytes(op.method.to_uppercase().as_bytes()).unwrap();
            let route = super::super::route(&method, &concrete(op.path))
                .unwrap_or_else(|e| panic!("{} {}: {e:?}", op.method, op.path));
            assert_eq!(operation_id(&route), op.id, "{} {}", op.method, op.path);
        }
    }

    #[test]
    fn every_route_is_documented_once() {
        let ops = operations();
        let mut ids: Vec<&str> = ops.iter().map(|o| o.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "an operation is documented twice");
        for route in super::super::routes::samples() {
            assert!(
                ids.contains(&operation_id(&route)),
                "{route:?} is routed but not documented"
            );
        }
        assert_eq!(super::super::routes::samples().len(), ids.len());
    }

    #[test]
    fn the_checked_in_document_is_the_served_one() {
        let served = serde_json::to_string_pretty(&document()).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
        let checked_in = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            checked_in == served,
            "docs/openapi.json is stale: regenerate it with LATCHKEY_WRITE_OPENAPI=1 cargo test -p latchkey-shared openapi"
        );
    }

    #[test]
    fn write_the_document_when_asked() {
        if std::env::var("LATCHKEY_WRITE_OPENAPI").is_ok() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
            std::fs::write(
                path,
                serde_json::to_string_pretty(&document()).unwrap() + "\n",
            )
            .unwrap();
        }
    }
}
