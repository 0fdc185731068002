//! A signed-in user's own account: change password, enroll TOTP.

use secrecy::SecretString;

use super::reset::{LinkConfig, apply_new_password, vet_new_password};
use super::sessions::{Authenticated, Lockout};
use super::{AppError, RequestMeta, verify_password};
use crate::domain::{AuditEvent, MailContext, sign_in_key, totp};
use crate::ports::{Clock, Committer, Counters, StoreError, TenantStore, Write};

pub struct ChangePassword<'a> {
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
        let lockout = Lockout {
            counters: self.counters,
            key: sign_in_key(&user.tenant_id, &user.username_key()),
            limits: &tenant.settings.limits,
        };
        let attempt = lockout.reserve(now).await?;
        let current_ok = match &user.password_hash {
            Some(phc) => verify_password(current, phc.clone()).await?,
            None => false,
        };
        if !current_ok {
            let mut writes = vec![Write::Audit(
                audit("failure").detail("reason", "invalid_current_password"),
            )];
            writes.extend(lockout.on_failure(attempt, now));
            self.committer.commit(writes).await?;
            return Err(AppError::InvalidCurrentPassword);
        }
        let policy = &tenant.settings.password_policy;
        let new_hash = vet_new_password(policy, &tenant, user, new_password).await?;
        let mut updated = user.clone();
        apply_new_password(&mut updated, new_hash, policy.history, now);
        let mut session = auth.session.clone();
        session.cred_gen = updated.cred_gen;
        let mut writes = vec![
            Write::SaveUser(updated.clone()),
            Write::PutSession(session),
            Write::DeleteCounter(lockout.key.clone()),
            Write::Audit(audit("success")),
        ];
        if let Some(to) = &user.email {
            let mail = MailContext {
                tenant_id: &user.tenant_id,
                tenant_name: &tenant.name,
                from: &self.links.mail_from,
                now,
            };
            writes.push(Write::Mail(mail.password_changed(to, &user.username)));
        }
        match self.committer.commit(writes).await {
            Ok(()) => Ok(()),
            // The account changed under us (another change or a reset): the
            // caller's session is no longer trustworthy; let them retry.
            Err(StoreError::Conflict(_) | StoreError::Contention) => Err(AppError::Conflict),
            Err(e) => Err(e.into()),
        }
    }
}

pub struct Enrollment {
    pub secret: String,
    pub otpauth_uri: String,
}

pub struct Mfa<'a> {
    pub tenants: &'a dyn TenantStore,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl Mfa<'_> {
    /// Starts (or restarts) TOTP enrollment. The secret is shown this once; it
    /// only takes effect after a code from it is confirmed.
    pub async fn enroll(
        &self,
        auth: &Authenticated,
        meta: &RequestMeta,
    ) -> Result<Enrollment, AppError> {
        let user = &auth.user;
        let tenant = self
            .tenants
            .get_tenant(&user.tenant_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let secret = totp::new_secret();
        let mut updated = user.clone();
        updated.totp_pending_secret = Some(secret.clone());
        let event = AuditEvent::new(
            &user.tenant_id,
            self.clock.now(),
            "mfa.enrollment_started",
            user.id.as_str(),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone());
        self.commit_user(updated, event).await?;
        Ok(Enrollment {
            otpauth_uri: totp::otpauth_uri(
                &format!("Latchkey {}", tenant.name),
                &user.username,
                &secret,
            ),
            secret,
        })
    }

    pub async fn confirm(
        &self,
        auth: &Authenticated,
        code: &str,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let user = &auth.user;
        let now = self.clock.now();
        let pending = user
            .totp_pending_secret
            .as_deref()
            .ok_or(AppError::InvalidEnrollmentCode)?;
        let step = totp::verify(pending, code, now, None).ok_or(AppError::InvalidEnrollmentCode)?;
        let mut updated = user.clone();
        updated.totp_secret = updated.totp_pending_secret.take();
        updated.mfa_enabled = true;
        updated.totp_last_step = Some(step);
        let event = AuditEvent::new(
            &user.tenant_id,
            now,
            "mfa.enabled",
            user.id.as_str(),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone());
        self.commit_user(updated, event).await
    }

    async fn commit_user(
        &self,
        user: crate::domain::User,
        event: AuditEvent,
    ) -> Result<(), AppError> {
        match self
            .committer
            .commit(vec![Write::SaveUser(user), Write::Audit(event)])
            .await
        {
            Ok(()) => Ok(()),
            Err(StoreError::Conflict(_) | StoreError::Contention) => Err(AppError::Conflict),
            Err(e) => Err(e.into()),
        }
    }
}
