//! A signed-in user's own account: change password, enroll TOTP.

use secrecy::{ExposeSecret, SecretString};

use super::reset::{LinkConfig, apply_new_password, vet_new_password};
use super::sessions::{
    Authenticated, COUNTER_TRIES, Lockout, SecondFactor, failure_writes, verify_second_factor,
};
use super::{AppError, RequestMeta, verify_password};
use crate::domain::{AuditEvent, Tenant, Violation, ViolationCode, expiry, recovery, totp};
use crate::ports::{Clock, Committer, Counters, StoreError, TenantStore, Write};

/// Checks the caller's current password the way sign-in checks it: a wrong
/// one is audited (`{kind}` / failure) and counted on the lockout counters in
/// one unit before it is answered (refused instead while they are locked); a
/// right one returns [`Checked`], whose writes end the count in the unit of the
/// change it authorizes.
#[allow(clippy::too_many_arguments)]
async fn check_current_password<'a>(
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
    async fn commit(
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
    async fn refuse(&self, committer: &dyn Committer, err: AppError) -> AppError {
        match self.commit(committer, Vec::new()).await {
            Ok(()) => err,
            Err(e) => e,
        }
    }
}

fn conflict(e: StoreError) -> AppError {
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
        let checked = check_current_password(
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
        .await?;
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
            Err(e) => return Err(checked.refuse(self.committer, e).await),
        };
        let skipped =
            vetted.skipped_event(&user.tenant_id, now, user.id.as_str(), user.id.as_str());
        let mut updated = user.clone();
        apply_new_password(&mut updated, vetted.hash, policy.history, now);
        let mut session = auth.session.clone();
        session.cred_gen = updated.cred_gen;
        let mut writes = vec![
            Write::SaveUser(updated.clone()),
            Write::PutSession(session),
            Write::Audit(audit("success")),
        ];
        writes.extend(skipped);
        if let Some(to) = user.deliverable_email() {
            let mail = super::mail_context(&tenant, self.links, now, user, Some(meta));
            writes.push(Write::Mail(mail.password_changed(to, &user.username)));
        }
        checked.commit(self.committer, writes).await
    }
}

pub struct Enrollment {
    pub secret: String,
    pub otpauth_uri: String,
}

pub struct Mfa<'a> {
    pub tenants: &'a dyn TenantStore,
    pub counters: &'a dyn Counters,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

impl Mfa<'_> {
    /// Starts (or restarts) TOTP enrollment. A session alone must never be
    /// enough to replace a second factor, so this needs the current password
    /// (counted toward the lockout like a sign-in) and is refused while a factor
    /// is on. The secret is shown this once; it only takes effect after a code
    /// from it is confirmed.
    pub async fn enroll(
        &self,
        auth: &Authenticated,
        current: SecretString,
        meta: &RequestMeta,
    ) -> Result<Enrollment, AppError> {
        let user = &auth.user;
        let tenant = self
            .tenants
            .get_tenant(&user.tenant_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if user.mfa_enabled {
            return Err(AppError::MfaAlreadyEnabled);
        }
        let now = self.clock.now();
        let checked = check_current_password(
            self.counters,
            self.committer,
            self.links,
            &tenant,
            auth,
            current,
            None,
            "mfa.enrollment_started",
            now,
            meta,
        )
        .await?;
        let secret = totp::new_secret();
        let mut updated = user.clone();
        updated.totp_pending_secret = Some(secret.as_str().into());
        let event = AuditEvent::new(
            &user.tenant_id,
            now,
            "mfa.enrollment_started",
            user.id.as_str(),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone());
        checked
            .commit(
                self.committer,
                vec![Write::SaveUser(updated), Write::Audit(event)],
            )
            .await?;
        Ok(Enrollment {
            // The authenticator app lists the entry under the name the user
            // knows the service by: the brand's display name, not the vendor's.
            otpauth_uri: totp::otpauth_uri(tenant.display_name(), &user.username, &secret),
            secret,
        })
    }

    /// Turns the pending factor on. Every other session is signed out (a second
    /// factor added by a thief must not leave the owner's sessions to the thief,
    /// nor the thief's to the owner), the calling one moves to the new
    /// generation, and the user is told by email.
    /// Turns the pending factor on and returns its recovery codes (shown this
    /// once; stored only as hashes). Every other session is signed out (a second
    /// factor added by a thief must not leave the owner's sessions to the thief,
    /// nor the thief's to the owner), the calling one moves to the new
    /// generation, and the user is told by email.
    pub async fn confirm(
        &self,
        auth: &Authenticated,
        code: &str,
        meta: &RequestMeta,
    ) -> Result<Vec<String>, AppError> {
        let user = &auth.user;
        if user.mfa_enabled {
            return Err(AppError::MfaAlreadyEnabled);
        }
        let tenant = self.tenant_of(user).await?;
        let now = self.clock.now();
        let pending = user
            .totp_pending_secret
            .as_ref()
            .and_then(|s| s.clear())
            .ok_or(AppError::InvalidEnrollmentCode)?;
        let step = totp::verify(pending, code, now, None).ok_or(AppError::InvalidEnrollmentCode)?;
        let mut updated = user.clone();
        updated.totp_secret = updated.totp_pending_secret.take();
        updated.mfa_enabled = true;
        updated.totp_last_step = Some(step);
        let (codes, hashes) = recovery::new_set(&updated.password_salt);
        updated.recovery_codes = hashes;
        self.commit_factor_change(auth, &tenant, updated, "mfa.enabled", Some(true), meta)
            .await?;
        Ok(codes)
    }

    /// A new set of recovery codes (the old set dies), for the password and a
    /// current code (TOTP or one of the old recovery codes).
    pub async fn regenerate_codes(
        &self,
        auth: &Authenticated,
        current: SecretString,
        factor: SecondFactor<'_>,
        meta: &RequestMeta,
    ) -> Result<Vec<String>, AppError> {
        let user = &auth.user;
        if !user.mfa_enabled {
            return Err(AppError::InvalidRequest(
                "two-step sign-in is not on: set it up first".into(),
            ));
        }
        let tenant = self.tenant_of(user).await?;
        let now = self.clock.now();
        let mut updated = user.clone();
        let checked = check_current_password(
            self.counters,
            self.committer,
            self.links,
            &tenant,
            auth,
            current,
            Some((&mut updated, factor)),
            "mfa.recovery_codes_regenerated",
            now,
            meta,
        )
        .await?;
        let (codes, hashes) = recovery::new_set(&updated.password_salt);
        updated.recovery_codes = hashes;
        let event = AuditEvent::new(
            &user.tenant_id,
            now,
            "mfa.recovery_codes_regenerated",
            user.id.as_str(),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone());
        checked
            .commit(
                self.committer,
                vec![Write::SaveUser(updated), Write::Audit(event)],
            )
            .await?;
        Ok(codes)
    }

    /// Removes the caller's own factor, for the password and a current code:
    /// never on a session alone. Refused when the tenant requires a factor for
    /// the caller. Other sessions are signed out; the user is told.
    pub async fn remove(
        &self,
        auth: &Authenticated,
        current: SecretString,
        factor: SecondFactor<'_>,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user = &auth.user;
        let tenant = self.tenant_of(user).await?;
        if !user.mfa_enabled {
            return Err(AppError::InvalidRequest(
                "two-step sign-in is not on".into(),
            ));
        }
        if tenant.settings.mfa_required_for.applies_to(user) {
            return Err(AppError::MfaRequiredByPolicy);
        }
        let now = self.clock.now();
        let mut updated = user.clone();
        // Without its factor the password signs in alone: it must be long
        // enough for that (the single-factor minimum), and this is the one
        // moment its length is known.
        let alone = tenant.settings.password_policy.single_factor_min_length();
        let long_enough = current.expose_secret().chars().count() >= alone;
        let checked = check_current_password(
            self.counters,
            self.committer,
            self.links,
            &tenant,
            auth,
            current,
            Some((&mut updated, factor)),
            "mfa.disabled",
            now,
            meta,
        )
        .await?;
        if !long_enough {
            let short = Violation {
                code: ViolationCode::TooShort,
                message: format!(
                    "Without two-step sign-in a password needs at least {alone} characters: change your password first."
                ),
            };
            return Err(checked
                .refuse(self.committer, AppError::PasswordPolicy(vec![short]))
                .await);
        }
        updated.remove_mfa();
        self.commit_factor_change_with(
            auth,
            &tenant,
            updated,
            "mfa.disabled",
            Some(false),
            Some(&checked),
            meta,
        )
        .await
    }

    async fn tenant_of(&self, user: &crate::domain::User) -> Result<Tenant, AppError> {
        self.tenants
            .get_tenant(&user.tenant_id)
            .await?
            .ok_or(AppError::Unauthenticated)
    }

    async fn commit_factor_change(
        &self,
        auth: &Authenticated,
        tenant: &Tenant,
        updated: crate::domain::User,
        kind: &str,
        enabled: Option<bool>,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        self.commit_factor_change_with(auth, tenant, updated, kind, enabled, None, meta)
            .await
    }

    /// Saves a changed factor with a bumped generation (every other session
    /// ends; the calling one moves along), audits and mails the user.
    #[allow(clippy::too_many_arguments)]
    async fn commit_factor_change_with(
        &self,
        auth: &Authenticated,
        tenant: &Tenant,
        mut updated: crate::domain::User,
        kind: &str,
        enabled: Option<bool>,
        checked: Option<&Checked<'_>>,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user = &auth.user;
        let now = self.clock.now();
        updated.cred_gen += 1;
        let mut session = auth.session.clone();
        session.cred_gen = updated.cred_gen;
        let event = AuditEvent::new(&user.tenant_id, now, kind, user.id.as_str(), "success")
            .target(user.id.as_str())
            .ip(meta.ip.clone());
        let mut writes = vec![
            Write::SaveUser(updated),
            Write::PutSession(session),
            Write::Audit(event),
        ];
        if let (Some(to), Some(enabled)) = (user.deliverable_email(), enabled) {
            let mail = super::mail_context(tenant, self.links, now, user, Some(meta));
            writes.push(Write::Mail(mail.mfa_changed(to, &user.username, enabled)));
        }
        match checked {
            Some(checked) => checked.commit(self.committer, writes).await,
            None => self.committer.commit(writes).await.map_err(conflict),
        }
    }
}
