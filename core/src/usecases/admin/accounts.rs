//! An account's sessions, its sign-in lock and its deletion, for the tenant's
//! admins (function `users`), and the record view that shows the lock and
//! the last sign-in. Every decision goes through `authorize` with the admin
//! target rules (same tenant, owners only by owners, never the caller).

use super::*;
use crate::domain::{SessionId, live};
use crate::ports::{Counters, SessionLister};
use crate::usecases::my_sessions::{SessionView, end_sessions, live_sessions, revoked_event};

/// A user's record as an admin sees it: the account, and when its
/// account-wide sign-in lock ends (`None`: not locked). The last sign-in is
/// on the account (`last_sign_in_at`).
#[derive(Clone, Debug, PartialEq)]
pub struct UserView {
    pub user: User,
    pub locked_until: Option<Instant>,
}

pub struct Accounts<'a> {
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub sessions: &'a dyn SessionLister,
    pub counters: &'a dyn Counters,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl Accounts<'_> {
    /// The record views of `users` (one tenant's), with their locks read in
    /// one round trip: for `GET .../users/{id}` and each page of the list.
    pub async fn views(&self, users: Vec<User>) -> Result<Vec<UserView>, AppError> {
        let keys: Vec<String> = users.iter().map(account_key).collect();
        let read = self.counters.read_counters(&keys, None).await?;
        let now = self.clock.now();
        Ok(users
            .into_iter()
            .enumerate()
            .map(|(i, user)| {
                let state = live(read.counters.get(i).and_then(Option::as_ref), now);
                UserView {
                    user,
                    locked_until: state.locked_until.filter(|_| state.is_locked(now)),
                }
            })
            .collect())
    }

    /// `GET .../users/{id}/sessions` (`users.read`): the user's live
    /// sessions; `caller_session` is marked `current` when it is one of them.
    /// Audited (`sessions.listed`): it shows where a person signs in from.
    pub async fn sessions(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
        caller_session: Option<&SessionId>,
        meta: &RequestMeta,
    ) -> Result<Vec<SessionView>, AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        let user =
            authorized_target(self.users, actor, tenant_id, id, Action::ReadUsers, false).await?;
        let now = self.clock.now();
        let live = live_sessions(self.sessions, &tenant, &user, now).await?;
        let event = AuditEvent::new(
            tenant_id,
            now,
            "sessions.listed",
            &actor_name(actor),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone())
        .detail("count", live.len());
        self.committer.commit(vec![Write::Audit(event)]).await?;
        Ok(live
            .iter()
            .map(|s| SessionView::of(s, caller_session))
            .collect())
    }

    /// `DELETE .../users/{id}/sessions` (`users.manage`, never the caller:
    /// `/v1/me/sessions?scope=others` is theirs): ends every live session of
    /// the user. Audited `sessions.revoked` with scope `all`.
    pub async fn revoke_sessions(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        let user = authorized_target(
            self.users,
            actor,
            tenant_id,
            id,
            Action::RevokeSessions,
            false,
        )
        .await?;
        let now = self.clock.now();
        let live = live_sessions(self.sessions, &tenant, &user, now).await?;
        let event = revoked_event(
            tenant_id,
            now,
            &actor_name(actor),
            &user,
            "all",
            live.len(),
            meta,
        );
        end_sessions(self.committer, live, Some(event)).await
    }

    /// `DELETE .../users/{id}/lock` (`users.manage`, never the caller): lifts
    /// the account-wide sign-in lock (the per-address locks stay: they hold
    /// whoever was guessing). The password and second factor are still
    /// needed to sign in. Audited `account.unlocked`, as the user's own
    /// unlock link is, with the admin as actor.
    pub async fn lift_lock(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        tenant_of(self.tenants, tenant_id).await?;
        let user =
            authorized_target(self.users, actor, tenant_id, id, Action::LiftLock, false).await?;
        let now = self.clock.now();
        let key = account_key(&user);
        let read = self
            .counters
            .read_counters(std::slice::from_ref(&key), None)
            .await?;
        let was_locked = live(read.counters.first().and_then(Option::as_ref), now).is_locked(now);
        let event = AuditEvent::new(
            tenant_id,
            now,
            "account.unlocked",
            &actor_name(actor),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone())
        .detail("was_locked", was_locked)
        .detail("by", "admin");
        self.committer
            .commit(vec![Write::DeleteCounter(key), Write::Audit(event)])
            .await?;
        Ok(())
    }

    /// `DELETE .../users/{id}` (`users.manage`; owners only by owners; never
    /// the caller): the account goes with its username claim (free again),
    /// search entries, recovery codes and second factor (all on its item),
    /// and its account-wide lock count (else a new account of the same name
    /// would inherit it). Its links die with it (a link is checked against
    /// its account, which is gone; TTL removes the items) and its sessions
    /// are deleted after it (they stopped authenticating when it went). The
    /// audit keeps its events. Audited `user.deleted`.
    pub async fn delete(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        tenant_of(self.tenants, tenant_id).await?;
        let user =
            authorized_target(self.users, actor, tenant_id, id, Action::DeleteUser, false).await?;
        let now = self.clock.now();
        let event = AuditEvent::new(
            tenant_id,
            now,
            "user.deleted",
            &actor_name(actor),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone())
        .detail("username", user.username.clone())
        .detail("role", serde_json::to_value(user.role).unwrap_or_default());
        self.committer
            .commit(vec![
                Write::DeleteUser(user.clone()),
                Write::DeleteCounter(account_key(&user)),
                Write::Audit(event),
            ])
            .await
            .map_err(conflict)?;
        // Best effort: the sessions no longer authenticate whatever happens
        // here, and what is left expires by TTL.
        let cleanup = async {
            let stored = self.sessions.list_sessions(tenant_id, &user.id).await?;
            end_sessions(self.committer, stored, None).await
        };
        if let Err(e) = cleanup.await {
            tracing::warn!(tenant = %tenant_id, user = %user.id, error = %e,
                "a deleted user's sessions were left to expire");
        }
        Ok(())
    }
}

/// The account-wide lock counter of `user` (named by its username, as the
/// sign-in that counts it is).
fn account_key(user: &User) -> String {
    sign_in_account_key(&user.tenant_id, &user.username_key())
}
