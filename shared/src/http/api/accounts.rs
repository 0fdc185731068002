//! What an administrator does to an account besides resets: see and end its
//! sessions, lift its lock, delete it (function `users`).

use http::StatusCode;
use utoipa_axum::routes;

use super::Routes;
use crate::app::App;
use crate::domain::permissions::Actor;
use crate::http::extract::{Ctx, Meta, Session, TenantUser};
use crate::http::views::{Account, SessionInfo, Sessions, UserPath};
use crate::http::{ApiResult, empty, json};
use crate::usecases::admin::Accounts;

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(user_sessions, revoke_user_sessions))
        .routes(routes!(lift_lock))
}

pub fn accounts(app: &App) -> Accounts<'_> {
    Accounts {
        tenants: &*app.tenants,
        users: &*app.store,
        sessions: &*app.store,
        counters: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
    }
}

/// The users' records with their locks (one read for all of them).
pub async fn with_locks(
    app: &App,
    users: Vec<crate::domain::User>,
) -> Result<Vec<Account>, crate::http::ApiError> {
    Ok(accounts(app)
        .views(users)
        .await?
        .iter()
        .map(Account::locked)
        .collect())
}

/// A user's live sessions (`users.read`; audited).
#[utoipa::path(get, path = "/v1/tenants/{tenant}/users/{user_id}/sessions", tag = "users",
    security(("session" = [])), params(UserPath),
    responses(
        (status = 200, description = "The user's sessions", body = Sessions),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn user_sessions(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    session: Session,
) -> ApiResult {
    let sessions = accounts(&ctx)
        .sessions(
            &Actor::User(&session.user),
            &tenant,
            &id,
            Some(&session.session.id),
            &meta,
        )
        .await?;
    json(
        StatusCode::OK,
        &Sessions {
            sessions: sessions.iter().map(SessionInfo::from).collect(),
        },
    )
}

/// Sign a user out everywhere (`users.manage`; never oneself: that is
/// `DELETE /v1/me/sessions?scope=others`).
#[utoipa::path(delete, path = "/v1/tenants/{tenant}/users/{user_id}/sessions", tag = "users",
    security(("session" = [])), params(UserPath),
    responses(
        (status = 204, description = "Every session of the user ended"),
        (status = 403, description = "forbidden | self_target"),
        (status = 404, description = "not_found"),
    ))]
pub async fn revoke_user_sessions(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    session: Session,
) -> ApiResult {
    accounts(&ctx)
        .revoke_sessions(&Actor::User(&session.user), &tenant, &id, &meta)
        .await?;
    empty(StatusCode::NO_CONTENT)
}

/// Lift a user's account-wide lock (`users.manage`; the password is still
/// needed to sign in).
#[utoipa::path(delete, path = "/v1/tenants/{tenant}/users/{user_id}/lock", tag = "users",
    security(("session" = [])), params(UserPath),
    responses(
        (status = 204, description = "Unlocked (or it was not locked)"),
        (status = 403, description = "forbidden | self_target"),
        (status = 404, description = "not_found"),
    ))]
pub async fn lift_lock(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    session: Session,
) -> ApiResult {
    accounts(&ctx)
        .lift_lock(&Actor::User(&session.user), &tenant, &id, &meta)
        .await?;
    empty(StatusCode::NO_CONTENT)
}

/// Delete a user (`users.manage`; owners only by owners; never oneself): the
/// account, its sessions, links, recovery codes and username claim go; the
/// audit keeps its events; the username is free again.
#[utoipa::path(delete, path = "/v1/tenants/{tenant}/users/{user_id}", tag = "users",
    security(("session" = [])), params(UserPath),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "forbidden | self_target"),
        (status = 404, description = "not_found"),
        (status = 409, description = "conflict"),
    ))]
pub async fn delete_user(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    session: Session,
) -> ApiResult {
    accounts(&ctx)
        .delete(&Actor::User(&session.user), &tenant, &id, &meta)
        .await?;
    empty(StatusCode::NO_CONTENT)
}
