//! Tenant administration (function `users`), admin resets (function
//! `admin-reset`) and platform support resets (function `support-reset`).
//! Every access decision goes through `domain::permissions::authorize`.
//!
//! `users`: accounts; `tenant`: settings and audit; `resets`: admin and
//! bulk resets. The helpers here are the target rules all of them share.

use secrecy::SecretString;
use std::collections::BTreeSet;

use super::reset::{LinkConfig, apply_new_password, issue_reset_token, vet_new_password};
use super::{AppError, RequestMeta};
use crate::domain::permissions::{Action, Actor, authorize};
use crate::domain::{
    AskedBy, AuditEvent, Change, Instant, MailKind, MustChangeReason, NewAccount, Permission,
    ResetPurpose, Role, Settings, Source, Status, Tenant, TenantId, User, UserId, mask_email,
    normalize_identifier, sign_in_account_key,
};
use crate::ports::{
    AuditReader, Clock, Committer, Page, StoreError, TenantStore, UserDirectory, UserReader, Write,
};

fn actor_name(actor: &Actor<'_>) -> String {
    match actor {
        Actor::User(u) => u.id.to_string(),
        Actor::Support => "support".to_owned(),
    }
}

/// Who a staff-sent link's mail names: the administrator by username (for
/// a bulk reset, as such), or support with the ticket its reason gives.
fn asked_by<'a>(actor: &'a Actor<'a>, details: &'a [(&str, serde_json::Value)]) -> AskedBy<'a> {
    let detail = |key: &str| details.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
    match actor {
        Actor::Support => AskedBy::Support {
            ticket: detail("reason").and_then(|v| v.as_str()).unwrap_or("-"),
        },
        Actor::User(u) if detail("bulk").is_some() => AskedBy::Bulk(&u.username),
        Actor::User(u) => AskedBy::Admin(&u.username),
    }
}

async fn tenant_of(tenants: &dyn TenantStore, id: &TenantId) -> Result<Tenant, AppError> {
    tenants.get_tenant(id).await?.ok_or(AppError::NotFound)
}

/// The target of an admin action, looked up only once the caller holds the
/// permission (without it every id answers the same 403, so a caller without
/// the right cannot learn which ids exist), then authorized against it.
async fn authorized_target(
    users: &dyn UserReader,
    actor: &Actor<'_>,
    tenant: &TenantId,
    id: &UserId,
    action: Action,
    require_mfa_for_admin_resets: bool,
) -> Result<User, AppError> {
    authorize(actor, tenant, None, action, false)?;
    let user = target_of(users, tenant, id).await?;
    authorize(
        actor,
        tenant,
        Some(&user),
        action,
        require_mfa_for_admin_resets,
    )?;
    Ok(user)
}

async fn target_of(
    users: &dyn UserReader,
    tenant: &TenantId,
    id: &UserId,
) -> Result<User, AppError> {
    users.get_user(tenant, id).await?.ok_or(AppError::NotFound)
}

fn conflict(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) | StoreError::Contention => AppError::Conflict,
        StoreError::UsernameTaken => AppError::UsernameTaken,
        e => e.into(),
    }
}

/// `field` names where the address came from (`email`, `recipient_email`).
fn check_email(field: &str, email: &str) -> Result<(), AppError> {
    if crate::domain::identity::valid_email(email) {
        Ok(())
    } else {
        Err(AppError::InvalidField {
            field: field.to_owned(),
            code: "not_a_mailbox",
            detail: format!("{field} is not a valid address"),
        })
    }
}

mod accounts;
mod resets;
mod tenant;
mod users;

pub use accounts::{Accounts, UserView};
pub use resets::{AdminReset, BulkResult};
pub use tenant::validate_settings;
pub use users::{NewUser, UserPatch, Users};
