//! The unlock link of an account-lock mail: the mailbox holder lifts the
//! account-wide lock that someone else's guesses set, whatever their role.

use secrecy::SecretString;

use super::lockout::lift_locks;
use super::{AppError, RequestMeta};
use crate::domain::{AuditEvent, ResetPurpose, TenantId, TokenHash, live, sign_in_account_key};
use crate::ports::{Clock, Committer, Counters, StoreError, TokenReader, UserReader, Write};

pub struct UnlockAccount<'a> {
    pub users: &'a dyn UserReader,
    pub tokens: &'a dyn TokenReader,
    pub counters: &'a dyn Counters,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl UnlockAccount<'_> {
    /// Lifts the account-wide lock the link was mailed for, and the lock of
    /// the address the link is used from (the holder's; an attacker's other
    /// addresses keep theirs). The password is unchanged: signing in still
    /// needs it and the second factor. One atomic unit: the token is consumed
    /// (conditioned on being unused), so of two uses one unlocks.
    pub async fn execute(
        &self,
        tenant_id: &TenantId,
        token: &SecretString,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let hash = TokenHash::of(token);
        let now = self.clock.now();
        let record = self
            .tokens
            .get_reset_token(&hash)
            .await?
            .filter(|r| &r.tenant_id == tenant_id && r.purpose == ResetPurpose::Unlock)
            .ok_or(AppError::InvalidToken)?;
        let user = self
            .users
            .get_user(tenant_id, &record.user_id)
            .await?
            .ok_or(AppError::InvalidToken)?;
        if !record.is_live(now, &user) {
            return Err(AppError::InvalidToken);
        }
        let account_key = sign_in_account_key(tenant_id, &user.username_key());
        // A newer lock (ending at another time) has its own link, which
        // supersedes this one. A lock that has ended needs no link, but the
        // holder is told it worked: their account is open either way.
        let read = self
            .counters
            .read_counters(std::slice::from_ref(&account_key), None)
            .await?;
        let state = live(read.counters.first().and_then(Option::as_ref), now);
        let lock = state.locked_until.filter(|_| state.is_locked(now));
        if lock.is_some_and(|until| Some(until) != record.lock_until) {
            return Err(AppError::InvalidToken);
        }
        let event = AuditEvent::new(
            tenant_id,
            now,
            "account.unlocked",
            user.id.as_str(),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone())
        .detail("was_locked", lock.is_some());
        let mut writes = vec![
            Write::ConsumeResetToken { hash, at: now },
            Write::Audit(event),
        ];
        writes.extend(lift_locks(
            tenant_id,
            &user.username_key(),
            meta.ip.as_deref(),
        ));
        match self.committer.commit(writes).await {
            Ok(()) => Ok(()),
            // Used meanwhile by a parallel request: single use.
            Err(StoreError::Conflict(_)) => Err(AppError::InvalidToken),
            Err(e) => Err(e.into()),
        }
    }
}
