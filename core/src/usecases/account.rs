//! A signed-in user's own account: change its password (its second factor:
//! `mfa`, re-exported here).

use secrecy::SecretString;

use super::reset::{LinkConfig, apply_new_password, vet_new_password};
use super::sessions::{
    Authenticated, COUNTER_TRIES, Lockout, SecondFactor, failure_writes, verify_second_factor,
};
use super::{AppError, RequestMeta, verify_password};
use crate::domain::{AskedBy, AuditEvent, Change, Tenant, current_password_optional, expiry};
use crate::ports::{Clock, Committer, Counters, StoreError, TenantStore, Write};

pub use super::mfa::{Enrollment, Mfa};

/// Checks the caller's current password the way sign-in checks it: a wrong
/// one is audited (`{kind}` / failure) and counted on the lockout counters in
/// one unit before it is answered (refused instead while they are locked); a
/// right one returns [`Checked`], whose writes end the count in the unit of the
/// change it authorizes.
#[allow(clippy::too_many_arguments)]
pub(super) async fn check_current_password<'a>(
    counters: &'a dyn Counters,
    committer: &dyn Committer,
    links: &LinkConfig,
    tenant: &Tenant,
    auth: &Authenticated,
    current: SecretString,
    factor: Option<(&mut crate::domain::User, SecondFactor<'_>)>,
    kind: &str,
    now: crate::domain::Instant,
    meta: &RequestMeta,
) -> Result<Checked<'a>, AppError> {
    let user = &auth.user;
    let checked = Checked {
        counters,
        tenant: user.tenant_id.clone(),
        username_key: user.username_key(),
        ip: meta.ip.clone(),
        limits: tenant.settings.limits.clone(),
        now,
    };
    let current_ok = match &user.password_hash {
        Some(phc) => verify_password(current, phc.clone()).await?,
        None => false,
    };
    // A second factor, when asked for, is checked in the same attempt: a wrong
    // code counts toward the lockout exactly like a wrong password.
    let factor_ok = match (current_ok, factor) {
        (true, Some((user, factor))) => verify_second_factor(user, factor, now).is_some(),
        _ => true,
    };
    if current_ok && factor_ok {
        return Ok(checked);
    }
    let event = |k: &str, outcome: &str| {
        AuditEvent::new(&user.tenant_id, now, k, user.id.as_str(), outcome)
            .target(user.id.as_str())
            .ip(meta.ip.clone())
    };
    let ctx = super::mail_context(tenant, links, now, user, Some(meta));
    let reason = if current_ok {
        "invalid_mfa_code"
    } else {
        "invalid_current_password"
    };
    let lockout = checked.lockout();
    // First blind (no read: the common failure costs no round trip of its
    // own); when a counter refuses that, decide from a fresh read.
    let mut read = None;
    for attempt in 0..COUNTER_TRIES {
        let (counting, counted) = lockout
            .failure(read.as_deref(), now)
            .map_err(|retry_after| AppError::TooManyAttempts { retry_after })?;
        let mut writes = vec![Write::Audit(
            event(kind, "failure").detail("reason", reason),
        )];
        writes.extend(counting);
        writes.extend(failure_writes(
            counted,
            &tenant.settings.limits,
            Some((&ctx, user, links)),
            event,
        ));
        match committer.commit(writes).await {
            Ok(()) => {
                return Err(if current_ok {
                    AppError::InvalidEnrollmentCode
                } else {
                    AppError::InvalidCurrentPassword
                });
            }
            Err(StoreError::CounterMoved(_)) => {}
            Err(StoreError::Contention) => super::backoff(attempt.min(3)).await,
            Err(e) => return Err(e.into()),
        }
        read = Some(
            counters
                .read_counters(&lockout.keys(), None)
                .await?
                .counters,
        );
    }
    Err(AppError::TooManyAttempts { retry_after: 1 })
}

/// A right current password. Its answer (the change it authorizes, or a
/// refusal of the new password) is given only once the writes that end its
/// lockout commit: they are refused while a lock holds, and the answer is then
/// 429, so a locked account never tells a right password from a wrong one.
pub(crate) struct Checked<'a> {
    counters: &'a dyn Counters,
    tenant: crate::domain::TenantId,
    username_key: String,
    ip: Option<String>,
    limits: crate::domain::Limits,
    now: crate::domain::Instant,
}

impl Checked<'_> {
    fn lockout(&self) -> Lockout<'_> {
        Lockout {
            counters: self.counters,
            tenant: &self.tenant,
            username_key: &self.username_key,
            ip: self.ip.as_deref(),
            limits: &self.limits,
        }
    }

    /// Commits `writes` with the writes that end the lockout.
    pub(super) async fn commit(
        &self,
        committer: &dyn Committer,
        mut writes: Vec<Write>,
    ) -> Result<(), AppError> {
        let lockout = self.lockout();
        match lockout.success(None, self.now) {
            Ok(clear) => writes.extend(clear),
            Err(retry_after) => return Err(AppError::TooManyAttempts { retry_after }),
        }
        match committer.commit(writes).await {
            Err(StoreError::CounterMoved(_)) => Err(lockout.locked(self.now).await),
            r => r.map_err(conflict),
        }
    }

    /// Gives `err` instead of the change, once the lockout's end commits.
    pub(super) async fn refuse(&self, committer: &dyn Committer, err: AppError) -> AppError {
        match self.commit(committer, Vec::new()).await {
            Ok(()) => err,
            Err(e) => e,
        }
    }
}

pub(super) fn conflict(e: StoreError) -> AppError {
    match e {
        // The account changed under us (another change or a reset): the
        // caller's session is no longer trustworthy; let them retry.
        StoreError::Conflict(_) | StoreError::Contention => AppError::Conflict,
        e => e.into(),
    }
}

pub struct ChangePassword<'a> {
    pub breached: &'a dyn crate::ports::BreachedPasswords,
    pub tenants: &'a dyn TenantStore,
    pub counters: &'a dyn Counters,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

impl ChangePassword<'_> {
    /// Verifies the current password (a wrong one counts toward the sign-in
    /// lockout), enforces the policy and history, then in one unit: saves the
    /// new hash with a bumped `cred_gen` (every other session and every reset
    /// link dies), moves the calling session to the new generation (it stays
    /// valid and loses its password-change-only restriction), clears the lockout,
    /// queues the notification and audits.
    pub async fn execute(
        &self,
        auth: &Authenticated,
        current: SecretString,
        new_password: SecretString,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        self.execute_with(auth, Some(current), new_password, meta)
            .await
    }

    /// As [`ChangePassword::execute`], but the current password may be left
    /// out on a session restricted to changing it and created a moment ago
    /// (`domain::current_password_optional`): the password was just typed to
    /// sign in. Left out anywhere else, it is `invalid_request`.
    pub async fn execute_with(
        &self,
        auth: &Authenticated,
        current: Option<SecretString>,
        new_password: SecretString,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user = &auth.user;
        let tenant = self
            .tenants
            .get_tenant(&user.tenant_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let now = self.clock.now();
        let audit = |outcome: &str| {
            AuditEvent::new(
                &user.tenant_id,
                now,
                "password.changed",
                user.id.as_str(),
                outcome,
            )
            .target(user.id.as_str())
            .ip(meta.ip.clone())
        };
        if current.is_none() && !current_password_optional(user, &auth.session, now) {
            return Err(AppError::InvalidRequest(
                "current_password is required".into(),
            ));
        }
        if !user.can_change_password || user.is_externally_managed() {
            self.committer
                .commit(vec![Write::Audit(
                    audit("refused").detail("reason", "not_allowed"),
                )])
                .await?;
            return Err(AppError::PasswordChangeNotAllowed);
        }
        // Asked before the current password is checked: a refusal here says
        // nothing about it, and costs no hash.
        if let Some(retry_after) = expiry::min_age_wait(user, &tenant.settings, now) {
            self.committer
                .commit(vec![Write::Audit(
                    audit("refused").detail("reason", "password_too_recent"),
                )])
                .await?;
            return Err(AppError::PasswordTooRecent { retry_after });
        }
        let checked = match current {
            Some(current) => Some(
                check_current_password(
                    self.counters,
                    self.committer,
                    self.links,
                    &tenant,
                    auth,
                    current,
                    None,
                    "password.changed",
                    now,
                    meta,
                )
                .await?,
            ),
            None => None,
        };
        let policy = &tenant
            .settings
            .password_policy
            .for_account(user.mfa_enabled);
        let vetted = match vet_new_password(
            policy,
            &tenant,
            user,
            new_password,
            true,
            self.breached,
        )
        .await
        {
            Ok(vetted) => vetted,
            Err(e) => {
                return Err(match &checked {
                    Some(checked) => checked.refuse(self.committer, e).await,
                    None => e,
                });
            }
        };
        let skipped =
            vetted.skipped_event(&user.tenant_id, now, user.id.as_str(), user.id.as_str());
        let mut updated = user.clone();
        apply_new_password(&mut updated, vetted.hash, policy.history, now);
        let mut session = auth.session.clone();
        session.cred_gen = updated.cred_gen;
        let mut event = audit("success");
        if checked.is_none() {
            event = event.detail("current_password", "fresh_sign_in");
        }
        let mut writes = vec![
            Write::SaveUser(updated.clone()),
            Write::PutSession(session),
            Write::Audit(event),
        ];
        writes.extend(skipped);
        if let Some(to) = user.deliverable_email() {
            let mail = super::mail_context(&tenant, self.links, now, user, Some(meta));
            writes.extend(super::report::change_mail(
                &mail,
                self.links,
                user,
                to,
                Change::Password,
                AskedBy::Themselves,
                user.id.as_str(),
            ));
        }
        match checked {
            Some(checked) => checked.commit(self.committer, writes).await,
            None => self.committer.commit(writes).await.map_err(conflict),
        }
    }
}
