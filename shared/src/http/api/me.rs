//! The signed-in user's own account (function `sign-in`).

use http::StatusCode;
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;
use utoipa_axum::routes;

use super::Routes;
use crate::domain::Locale;
use crate::http::extract::{Always, Ctx, Json, Meta, Session};
use crate::http::views::{Account, Me};
use crate::http::{ApiResult, json};
use crate::usecases::gate::mfa_enrollment_required;

pub fn routes() -> Routes {
    Routes::new().routes(routes!(me, patch_me))
}

/// The caller's account, and what it may do in the console.
#[utoipa::path(get, path = "/v1/me", tag = "me",
    security(("session" = [])),
    responses((status = 200, description = "The caller's account", body = Me)))]
pub async fn me(ctx: Ctx, session: Session<Always>) -> ApiResult {
    let user = &session.user;
    json(
        StatusCode::OK,
        &Me {
            account: Account::from(user),
            recovery_codes_left: user.recovery_codes.len(),
            mfa_enrollment_required: mfa_enrollment_required(&session.tenant, user),
            capabilities: crate::domain::capabilities::capabilities(user),
            current_password_required: !crate::domain::current_password_optional(
                user,
                &session.session,
                ctx.clock.now(),
            ),
        },
    )
}

/// `PATCH /v1/me`: absent leaves a field, `null` clears it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeBody {
    /// A shipped locale, or `null` to follow the browser and the tenant again.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Locale>)]
    locale: Option<Option<Locale>>,
}

/// A field that is present, even as `null` (`Some(None)`).
pub fn present<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// Change one's own account: the language of pages and mails.
#[utoipa::path(patch, path = "/v1/me", tag = "me",
    security(("session" = [])), request_body = MeBody,
    responses(
        (status = 200, description = "The changed account", body = Account),
        (status = 409, description = "conflict"),
    ))]
pub async fn patch_me(
    ctx: Ctx,
    Meta(meta): Meta,
    session: Session,
    Json(body): Json<MeBody>,
) -> ApiResult {
    let user = match body.locale {
        Some(locale) => {
            crate::usecases::branding::set_own_locale(
                &*ctx.store,
                &*ctx.clock,
                &session.user,
                locale,
                &meta,
            )
            .await?
        }
        None => session.0.user,
    };
    json(StatusCode::OK, &Account::from(&user))
}
