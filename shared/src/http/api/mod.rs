//! The API by area: one module per area, one function per operation, each
//! with its `#[utoipa::path]`. Which Lambda function serves which area is
//! [`routes`], the one table of it.

pub mod accounts;
pub mod admin_resets;
mod bodies;
pub mod compliance;
pub mod jobs;
pub mod me;
pub mod mfa;
pub mod password;
pub mod public;
pub mod resets;
pub mod sessions;
pub mod support;
pub mod tenant;
pub mod users;

use std::sync::Arc;

use utoipa_axum::router::OpenApiRouter;

use super::Function;
use crate::app::App;

pub type Routes = OpenApiRouter<Arc<App>>;

/// The routes `function` serves (on Lambda, its own; the others are 404 there).
pub fn function_routes(function: Function) -> Routes {
    match function {
        Function::SignIn => sessions::routes().merge(me::routes()),
        Function::ForgotPassword => resets::forgot_routes(),
        Function::ResetPassword => resets::link_routes(),
        Function::ChangePassword => password::routes().merge(mfa::routes()),
        Function::Users => users::routes()
            .merge(accounts::routes())
            .merge(compliance::routes())
            .merge(tenant::routes())
            .merge(public::routes()),
        Function::AdminReset => admin_resets::routes().merge(jobs::routes()),
        Function::SupportReset => support::routes(),
        Function::Pages => super::pages::routes(),
        // Not HTTP functions.
        Function::Mailer
        | Function::SesEvents
        | Function::ExpiryReminders
        | Function::JobWorker => Routes::new(),
    }
}

/// `only`'s routes, or every function's (`latchkey serve`, the document).
pub fn routes(only: Option<Function>) -> Routes {
    Function::ALL
        .into_iter()
        .filter(|f| only.is_none_or(|o| o == *f))
        .fold(Routes::with_openapi(super::openapi::base()), |routes, f| {
            routes.merge(function_routes(f))
        })
}
