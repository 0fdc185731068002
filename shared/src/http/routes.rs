use http::Method;

use crate::domain::TenantId;
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
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    CreateSession(TenantId),
    Me,
    DeleteCurrentSession,
    ForgotPassword(TenantId),
    InspectReset(TenantId),
    ConfirmReset(TenantId),
    PasswordPolicy(TenantId),
    ChangePassword,
    EnrollTotp,
    ConfirmTotp,
}

impl Route {
    pub fn function(&self) -> Function {
        match self {
            Route::CreateSession(_) | Route::Me | Route::DeleteCurrentSession => Function::SignIn,
            Route::ForgotPassword(_) => Function::ForgotPassword,
            Route::InspectReset(_) | Route::ConfirmReset(_) => Function::ResetPassword,
            Route::PasswordPolicy(_) => Function::Users,
            Route::ChangePassword | Route::EnrollTotp | Route::ConfirmTotp => {
                Function::ChangePassword
            }
        }
    }

    /// Routes a session restricted by `must_change_password` may still call.
    pub fn allowed_while_password_change_required(&self) -> bool {
        matches!(
            self,
            Route::Me | Route::DeleteCurrentSession | Route::ChangePassword
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
    let (route, allowed): (Route, Method) = match segments.as_slice() {
        ["v1", "me"] => (Route::Me, Method::GET),
        ["v1", "me", "password"] => (Route::ChangePassword, Method::POST),
        ["v1", "me", "mfa", "totp"] => (Route::EnrollTotp, Method::POST),
        ["v1", "me", "mfa", "totp", "confirm"] => (Route::ConfirmTotp, Method::POST),
        ["v1", "sessions", "current"] => (Route::DeleteCurrentSession, Method::DELETE),
        ["v1", "tenants", t, "sessions"] => (Route::CreateSession(tenant(t)?), Method::POST),
        ["v1", "tenants", t, "password-resets"] => {
            (Route::ForgotPassword(tenant(t)?), Method::POST)
        }
        ["v1", "tenants", t, "password-resets", "inspect"] => {
            (Route::InspectReset(tenant(t)?), Method::POST)
        }
        ["v1", "tenants", t, "password-resets", "confirm"] => {
            (Route::ConfirmReset(tenant(t)?), Method::POST)
        }
        ["v1", "tenants", t, "password-policy"] => (Route::PasswordPolicy(tenant(t)?), Method::GET),
        _ => return Err(AppError::NotFound),
    };
    if method != allowed {
        return Err(AppError::MethodNotAllowed);
    }
    Ok(route)
}
