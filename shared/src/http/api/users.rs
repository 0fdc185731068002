//! A tenant's accounts: create, search, read, change (function `users`).

use std::collections::BTreeSet;

use http::StatusCode;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

use super::Routes;
use super::accounts::with_locks;
use super::me::present;
use crate::app::App;
use crate::domain::directory::encode_cursor;
use crate::domain::permissions::Actor;
use crate::domain::{Locale, Permission, Role, Source, Status};
use crate::http::extract::{Ctx, Json, Meta, Query, Session, Tenant, TenantUser};
use crate::http::views::{Account, TenantPath, UserPage, UserPath};
use crate::http::{ApiResult, json};
use crate::usecases::admin::{NewUser, UserPatch, Users};

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(create_user, list_users))
        .routes(routes!(get_user, patch_user, super::accounts::delete_user))
}

pub fn users(app: &App) -> Users<'_> {
    Users {
        tenants: &*app.tenants,
        users: &*app.store,
        directory: &*app.store,
        audit: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    username: String,
    #[serde(default)]
    email: Option<String>,
    role: Role,
    #[serde(default)]
    permissions: BTreeSet<Permission>,
    /// `local` (default) or an external directory's name, whose passwords
    /// Latchkey never touches.
    #[serde(default)]
    source: Source,
    #[serde(default)]
    can_change_password: Option<bool>,
    /// Mail an activation link (the account is pending until it is used).
    #[serde(default)]
    send_activation: bool,
    #[serde(default)]
    locale: Option<Locale>,
}

impl From<NewUserBody> for NewUser {
    fn from(b: NewUserBody) -> Self {
        NewUser {
            username: b.username,
            email: b.email,
            role: b.role,
            permissions: b.permissions,
            source: b.source,
            can_change_password: b.can_change_password,
            send_activation: b.send_activation,
            locale: b.locale,
        }
    }
}

/// Create an account (pending activation).
#[utoipa::path(post, path = "/v1/tenants/{tenant}/users", tag = "users",
    security(("session" = [])), params(TenantPath), request_body = NewUserBody,
    responses(
        (status = 201, description = "Created", body = Account),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
        (status = 409, description = "username_taken"),
    ))]
pub async fn create_user(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    session: Session,
    Json(body): Json<NewUserBody>,
) -> ApiResult {
    let user = users(&ctx)
        .create(&Actor::User(&session.user), &tenant, body.into(), &meta)
        .await?;
    json(StatusCode::CREATED, &Account::from(&user))
}

/// The user search's query.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchQuery {
    /// A username or email prefix (empty: everyone, by username).
    q: Option<String>,
    /// The previous page's `next_cursor`.
    cursor: Option<String>,
    /// 1..=100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

/// Search accounts by username or email prefix.
#[utoipa::path(get, path = "/v1/tenants/{tenant}/users", tag = "users",
    security(("session" = [])), params(TenantPath, SearchQuery),
    responses(
        (status = 200, description = "A page of accounts", body = UserPage),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn list_users(
    ctx: Ctx,
    Tenant(tenant): Tenant,
    query: Query,
    session: Session,
) -> ApiResult {
    let q = query.get("q").unwrap_or_default().to_owned();
    let page = users(&ctx)
        .list(
            &Actor::User(&session.user),
            &tenant,
            &q,
            query.cursor()?.as_deref(),
            query.limit()?,
        )
        .await?;
    json(
        StatusCode::OK,
        &UserPage {
            users: with_locks(&ctx, page.items).await?,
            next_cursor: page.next_cursor.as_deref().map(encode_cursor),
        },
    )
}

/// One account.
#[utoipa::path(get, path = "/v1/tenants/{tenant}/users/{user_id}", tag = "users",
    security(("session" = [])), params(UserPath),
    responses(
        (status = 200, description = "The account", body = Account),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn get_user(ctx: Ctx, TenantUser(tenant, id): TenantUser, session: Session) -> ApiResult {
    let user = users(&ctx)
        .get(&Actor::User(&session.user), &tenant, &id)
        .await?;
    let mut one = with_locks(&ctx, vec![user]).await?;
    match one.pop() {
        Some(account) => json(StatusCode::OK, &account),
        None => Err(crate::usecases::AppError::NotFound.into()),
    }
}

/// A change to an account: absent leaves a field; `null` clears `email` and
/// `locale`.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct UserPatchBody {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    email: Option<Option<String>>,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    can_change_password: Option<bool>,
    #[serde(default)]
    must_change_password: Option<bool>,
    #[serde(default)]
    role: Option<Role>,
    #[serde(default)]
    permissions: Option<BTreeSet<Permission>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Locale>)]
    locale: Option<Option<Locale>>,
}

impl From<UserPatchBody> for UserPatch {
    fn from(b: UserPatchBody) -> Self {
        UserPatch {
            email: b.email,
            status: b.status,
            can_change_password: b.can_change_password,
            must_change_password: b.must_change_password,
            role: b.role,
            permissions: b.permissions,
            locale: b.locale,
        }
    }
}

/// Change an account (an email change is a reset in disguise: it needs the
/// reset permission).
#[utoipa::path(patch, path = "/v1/tenants/{tenant}/users/{user_id}", tag = "users",
    security(("session" = [])), params(UserPath), request_body = UserPatchBody,
    responses(
        (status = 200, description = "The changed account", body = Account),
        (status = 403, description = "forbidden | mfa_required_for_admin | self_target"),
        (status = 404, description = "not_found"),
        (status = 409, description = "conflict"),
    ))]
pub async fn patch_user(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    session: Session,
    Json(body): Json<UserPatchBody>,
) -> ApiResult {
    let user = users(&ctx)
        .patch(
            &Actor::User(&session.user),
            &tenant,
            &id,
            body.into(),
            &meta,
        )
        .await?;
    json(StatusCode::OK, &Account::from(&user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_body_tells_null_from_absent() {
        let body = |v: serde_json::Value| -> UserPatch {
            serde_json::from_value::<UserPatchBody>(v).unwrap().into()
        };
        // GIVEN a body without the email THEN the patch leaves it
        assert_eq!(body(serde_json::json!({"status": "active"})).email, None);
        // GIVEN "email": null THEN the patch clears it
        assert_eq!(body(serde_json::json!({"email": null})).email, Some(None));
        // GIVEN an address THEN the patch sets it
        assert_eq!(
            body(serde_json::json!({"email": "r@acme.test"})).email,
            Some(Some("r@acme.test".into()))
        );
        // AND the same for the locale
        assert_eq!(body(serde_json::json!({"locale": null})).locale, Some(None));
        assert_eq!(body(serde_json::json!({})).locale, None);
        // AND an unknown field is refused
        assert!(
            serde_json::from_value::<UserPatchBody>(serde_json::json!({"admin": true})).is_err()
        );
    }
}
