use http::Method;

use crate::domain::{TenantId, UserId};
use crate::usecases::AppError;

/// The Lambda functions; each serves a subset of the routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    SignIn,
    ForgotPassword,
    ResetPassword,
    ChangePassword,
    AdminReset,
    Users,
    SupportReset,
    Pages,
    /// Not an HTTP function: fed by the table's stream.
    Mailer,
    /// Not an HTTP function: SES bounce and complaint events, through SNS.
    SesEvents,
}

impl Function {
    pub const ALL: [Function; 10] = [
        Function::SignIn,
        Function::ForgotPassword,
        Function::ResetPassword,
        Function::ChangePassword,
        Function::AdminReset,
        Function::Users,
        Function::SupportReset,
        Function::Pages,
        Function::Mailer,
        Function::SesEvents,
    ];

    /// The function's directory under `functions/` (and its metric dimension).
    pub fn name(self) -> &'static str {
        match self {
            Function::SignIn => "sign-in",
            Function::ForgotPassword => "forgot-password",
            Function::ResetPassword => "reset-password",
            Function::ChangePassword => "change-password",
            Function::AdminReset => "admin-reset",
            Function::Users => "users",
            Function::SupportReset => "support-reset",
            Function::Pages => "pages",
            Function::Mailer => "mailer",
            Function::SesEvents => "ses-events",
        }
    }

    /// The function's logical id in `infra/template.yaml`.
    pub fn template_resource(self) -> &'static str {
        match self {
            Function::SignIn => "SignInFunction",
            Function::ForgotPassword => "ForgotPasswordFunction",
            Function::ResetPassword => "ResetPasswordFunction",
            Function::ChangePassword => "ChangePasswordFunction",
            Function::AdminReset => "AdminResetFunction",
            Function::Users => "UsersFunction",
            Function::SupportReset => "SupportResetFunction",
            Function::Pages => "PagesFunction",
            Function::Mailer => "MailerFunction",
            Function::SesEvents => "SesEventsFunction",
        }
    }

    /// The DynamoDB actions (on the table) this function's code performs; its IAM
    /// policy grants exactly these (checked by tests against the template and
    /// against the calls recorded while the function's events run).
    pub fn table_actions(self) -> &'static [&'static str] {
        match self {
            // Sign-in reads its counters and the username's claim in one
            // BatchGetItem.
            Function::SignIn => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ],
            // A wrong current password whose count moved reads the counters.
            Function::ChangePassword => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ],
            // An unlock link reads the account's counter (one BatchGetItem).
            Function::ResetPassword => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ],
            // The throttle is read (one BatchGetItem) before any account work.
            Function::ForgotPassword => &[
                "dynamodb:BatchGetItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ],
            // A page of the user search reads its users in one BatchGetItem.
            Function::Users => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
            ],
            Function::AdminReset => &[
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
            ],
            // The lookup reads the tenant's user directory (a Query on its key).
            Function::SupportReset => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
            ],
            Function::Pages => &[],
            Function::Mailer => &[
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:UpdateItem",
            ],
            Function::SesEvents => &["dynamodb:GetItem", "dynamodb:PutItem"],
        }
    }

    /// DynamoDB actions on the email index `gsi1`.
    pub fn index_actions(self) -> &'static [&'static str] {
        match self {
            Function::ForgotPassword | Function::SesEvents => &["dynamodb:Query"],
            _ => &[],
        }
    }

    /// SES actions: only the mailer sends; every other function only queues.
    pub fn ses_actions(self) -> &'static [&'static str] {
        match self {
            Function::Mailer => &["ses:SendEmail"],
            _ => &[],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    CreateSession(TenantId),
    Me,
    /// The signed-in user changes their own account (today: their language).
    PatchMe,
    /// The owner uploads the tenant's logo (raw image bytes).
    PutLogo(TenantId),
    /// The tenant's logo, public, same origin as the pages.
    Logo(TenantId),
    DeleteCurrentSession,
    ForgotPassword(TenantId),
    InspectReset(TenantId),
    ConfirmReset(TenantId),
    /// The unlock link of an account-lock mail lifts the account-wide lock.
    ConfirmUnlock(TenantId),
    PasswordPolicy(TenantId),
    /// The tenant's public face for the hosted pages (name, reset identifier, policy).
    Profile(TenantId),
    ChangePassword,
    EnrollTotp,
    ConfirmTotp,
    RemoveTotp,
    RegenerateRecoveryCodes,
    AdminResetMfa(TenantId, UserId),
    CreateUser(TenantId),
    ListUsers(TenantId),
    GetUser(TenantId, UserId),
    PatchUser(TenantId, UserId),
    GetSettings(TenantId),
    PutSettings(TenantId),
    AuditEvents(TenantId),
    AdminResetLink(TenantId, UserId),
    AdminSetPassword(TenantId, UserId),
    BulkReset(TenantId),
    SupportReset(TenantId, UserId),
    SupportListUsers(TenantId),
    Page(super::pages::Page),
    /// The OpenAPI description of all of the above.
    OpenApi,
}

/// One route of each kind (for the test that the OpenAPI document lists them
/// all; `openapi::operation_id` is exhaustive, so a new kind must be added).
#[cfg(test)]
pub fn samples() -> Vec<Route> {
    use super::pages::Page as P;
    let t = || TenantId::parse("acme").unwrap();
    let u = || UserId("u_1".into());
    vec![
        Route::Page(P::Index),
        Route::Page(P::Asset(super::pages::asset("app.css").unwrap())),
        Route::Page(P::SignIn),
        Route::Page(P::Forgot),
        Route::Page(P::Reset),
        Route::Page(P::Unlock),
        Route::Page(P::Account),
        Route::Page(P::Admin),
        Route::OpenApi,
        Route::CreateSession(t()),
        Route::Me,
        Route::PatchMe,
        Route::PutLogo(t()),
        Route::Logo(t()),
        Route::DeleteCurrentSession,
        Route::ForgotPassword(t()),
        Route::InspectReset(t()),
        Route::ConfirmReset(t()),
        Route::ConfirmUnlock(t()),
        Route::PasswordPolicy(t()),
        Route::Profile(t()),
        Route::ChangePassword,
        Route::EnrollTotp,
        Route::ConfirmTotp,
        Route::RemoveTotp,
        Route::RegenerateRecoveryCodes,
        Route::AdminResetMfa(t(), u()),
        Route::CreateUser(t()),
        Route::ListUsers(t()),
        Route::GetUser(t(), u()),
        Route::PatchUser(t(), u()),
        Route::GetSettings(t()),
        Route::PutSettings(t()),
        Route::AuditEvents(t()),
        Route::AdminResetLink(t(), u()),
        Route::AdminSetPassword(t(), u()),
        Route::BulkReset(t()),
        Route::SupportReset(t(), u()),
        Route::SupportListUsers(t()),
    ]
}

impl Route {
    pub fn function(&self) -> Function {
        use Route::*;
        match self {
            CreateSession(_) | Me | PatchMe | DeleteCurrentSession => Function::SignIn,
            ForgotPassword(_) => Function::ForgotPassword,
            InspectReset(_) | ConfirmReset(_) | ConfirmUnlock(_) => Function::ResetPassword,
            ChangePassword | EnrollTotp | ConfirmTotp | RemoveTotp | RegenerateRecoveryCodes => {
                Function::ChangePassword
            }
            PasswordPolicy(_) | Profile(_) | CreateUser(_) | ListUsers(_) | GetUser(..)
            | PatchUser(..) | GetSettings(_) | PutSettings(_) | AuditEvents(_) | PutLogo(_)
            | Logo(_) => Function::Users,
            AdminResetLink(..) | AdminSetPassword(..) | BulkReset(_) | AdminResetMfa(..) => {
                Function::AdminReset
            }
            SupportReset(..) | SupportListUsers(_) => Function::SupportReset,
            Page(_) | OpenApi => Function::Pages,
        }
    }

    /// Routes a session restricted by `must_change_password` may still call.
    pub fn allowed_while_password_change_required(&self) -> bool {
        matches!(
            self,
            Route::Me | Route::DeleteCurrentSession | Route::ChangePassword
        )
    }

    /// What a session may do while its user must enrol a second factor first.
    pub fn allowed_while_mfa_enrollment_required(&self) -> bool {
        matches!(
            self,
            Route::Me
                | Route::DeleteCurrentSession
                | Route::ChangePassword
                | Route::EnrollTotp
                | Route::ConfirmTotp
        )
    }
}

/// The routing table. A path that matches no route is 404; a known path with the
/// wrong method is 405; a malformed tenant id is 400.
pub fn route(method: &Method, path: &str) -> Result<Route, AppError> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let tenant = |s: &str| {
        TenantId::parse(s).ok_or_else(|| AppError::InvalidRequest("malformed tenant id".into()))
    };
    let user = |s: &str| UserId(s.to_owned());
    use super::pages::Page as P;
    use Method as M;
    let candidates: Vec<(Method, Route)> = match segments.as_slice() {
        [] | [""] => vec![(M::GET, Route::Page(P::Index))],
        ["openapi.json"] => vec![(M::GET, Route::OpenApi)],
        ["assets", path @ ..] => {
            let asset = super::pages::asset(&path.join("/")).ok_or(AppError::NotFound)?;
            vec![(M::GET, Route::Page(P::Asset(asset)))]
        }
        ["t", t] | ["t", t, "sign-in"] => {
            tenant(t).map_err(|_| AppError::NotFound)?;
            vec![(M::GET, Route::Page(P::SignIn))]
        }
        ["t", t, "forgot"] => {
            tenant(t).map_err(|_| AppError::NotFound)?;
            vec![(M::GET, Route::Page(P::Forgot))]
        }
        ["t", t, "reset"] => {
            tenant(t).map_err(|_| AppError::NotFound)?;
            vec![(M::GET, Route::Page(P::Reset))]
        }
        ["t", t, "unlock"] => {
            tenant(t).map_err(|_| AppError::NotFound)?;
            vec![(M::GET, Route::Page(P::Unlock))]
        }
        ["t", t, "account"] => {
            tenant(t).map_err(|_| AppError::NotFound)?;
            vec![(M::GET, Route::Page(P::Account))]
        }
        ["t", t, "admin"] => {
            tenant(t).map_err(|_| AppError::NotFound)?;
            vec![(M::GET, Route::Page(P::Admin))]
        }
        ["t", t, "logo"] => {
            let t = tenant(t).map_err(|_| AppError::NotFound)?;
            vec![(M::GET, Route::Logo(t))]
        }
        ["v1", "me"] => vec![(M::GET, Route::Me), (M::PATCH, Route::PatchMe)],
        ["v1", "tenants", t, "logo"] => vec![(M::PUT, Route::PutLogo(tenant(t)?))],
        ["v1", "me", "password"] => vec![(M::POST, Route::ChangePassword)],
        ["v1", "me", "mfa", "totp"] => {
            vec![(M::POST, Route::EnrollTotp), (M::DELETE, Route::RemoveTotp)]
        }
        ["v1", "me", "mfa", "recovery-codes"] => {
            vec![(M::POST, Route::RegenerateRecoveryCodes)]
        }
        ["v1", "tenants", t, "users", u, "mfa"] => {
            vec![(M::DELETE, Route::AdminResetMfa(tenant(t)?, user(u)))]
        }
        ["v1", "me", "mfa", "totp", "confirm"] => vec![(M::POST, Route::ConfirmTotp)],
        ["v1", "sessions", "current"] => vec![(M::DELETE, Route::DeleteCurrentSession)],
        ["v1", "tenants", t, "sessions"] => vec![(M::POST, Route::CreateSession(tenant(t)?))],
        ["v1", "tenants", t, "password-resets"] => {
            vec![(M::POST, Route::ForgotPassword(tenant(t)?))]
        }
        ["v1", "tenants", t, "password-resets", "inspect"] => {
            vec![(M::POST, Route::InspectReset(tenant(t)?))]
        }
        ["v1", "tenants", t, "password-resets", "confirm"] => {
            vec![(M::POST, Route::ConfirmReset(tenant(t)?))]
        }
        ["v1", "tenants", t, "account-unlocks", "confirm"] => {
            vec![(M::POST, Route::ConfirmUnlock(tenant(t)?))]
        }
        ["v1", "tenants", t, "password-resets", "bulk"] => {
            vec![(M::POST, Route::BulkReset(tenant(t)?))]
        }
        ["v1", "tenants", t, "password-policy"] => {
            vec![(M::GET, Route::PasswordPolicy(tenant(t)?))]
        }
        ["v1", "tenants", t, "profile"] => vec![(M::GET, Route::Profile(tenant(t)?))],
        ["v1", "tenants", t, "users"] => vec![
            (M::POST, Route::CreateUser(tenant(t)?)),
            (M::GET, Route::ListUsers(tenant(t)?)),
        ],
        ["v1", "tenants", t, "users", u] => vec![
            (M::GET, Route::GetUser(tenant(t)?, user(u))),
            (M::PATCH, Route::PatchUser(tenant(t)?, user(u))),
        ],
        ["v1", "tenants", t, "users", u, "password-reset"] => {
            vec![(M::POST, Route::AdminResetLink(tenant(t)?, user(u)))]
        }
        ["v1", "tenants", t, "users", u, "password"] => {
            vec![(M::PUT, Route::AdminSetPassword(tenant(t)?, user(u)))]
        }
        ["v1", "tenants", t, "settings"] => vec![
            (M::GET, Route::GetSettings(tenant(t)?)),
            (M::PUT, Route::PutSettings(tenant(t)?)),
        ],
        ["v1", "tenants", t, "audit-events"] => vec![(M::GET, Route::AuditEvents(tenant(t)?))],
        ["v1", "support", "tenants", t, "users"] => {
            vec![(M::GET, Route::SupportListUsers(tenant(t)?))]
        }
        ["v1", "support", "tenants", t, "users", u, "password"] => {
            vec![(M::POST, Route::SupportReset(tenant(t)?, user(u)))]
        }
        _ => return Err(AppError::NotFound),
    };
    let allow = candidates
        .iter()
        .map(|(m, _)| m.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    candidates
        .into_iter()
        .find(|(m, _)| m == method)
        .map(|(_, r)| r)
        .ok_or(AppError::MethodNotAllowed { allow })
}
