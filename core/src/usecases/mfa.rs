//! A signed-in user's own second factor: enrol, confirm, new recovery codes,
//! remove.

use secrecy::SecretString;

use super::account::{Checked, check_current_password, conflict};
use super::reset::LinkConfig;
use super::sessions::{Authenticated, SecondFactor};
use super::{AppError, RequestMeta};
use crate::domain::{AskedBy, AuditEvent, Change, Tenant, recovery, totp};
use crate::ports::{Clock, Committer, Counters, TenantStore, Write};

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
        let long_enough = {
            use secrecy::ExposeSecret;
            current.expose_secret().chars().count() >= alone
        };
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
            let short = crate::domain::Violation {
                code: crate::domain::ViolationCode::TooShort,
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
            let change = if enabled {
                Change::MfaOn
            } else {
                Change::MfaOff
            };
            writes.extend(super::report::change_mail(
                &mail,
                self.links,
                user,
                to,
                change,
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
