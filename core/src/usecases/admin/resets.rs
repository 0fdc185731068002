//! Admin resets: a link, a set password, a second factor removed, many at once
//! (function `admin-reset`; support's resets go through the same code).

use super::*;

/// Outcome of one id in a bulk reset.
#[derive(Debug, serde::Serialize)]
pub struct BulkResult {
    pub user_id: String,
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

pub struct AdminReset<'a> {
    pub breached: &'a dyn crate::ports::BreachedPasswords,
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

impl AdminReset<'_> {
    /// Emails a reset link (an activation link for a pending account). The old
    /// password keeps working until the link is used. `recipient_email`
    /// overrides the address; the override is audited and the account's own
    /// address, if any, is told.
    #[allow(clippy::too_many_arguments)]
    pub async fn send_link(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
        recipient_email: Option<String>,
        reset_mfa: bool,
        details: &[(&str, serde_json::Value)],
        meta: &RequestMeta,
    ) -> Result<Instant, AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        let user = authorized_target(
            self.users,
            actor,
            tenant_id,
            id,
            Action::SendResetLink,
            tenant.settings.require_mfa_for_admin_resets,
        )
        .await?;
        if reset_mfa {
            authorize(
                actor,
                tenant_id,
                Some(&user),
                Action::ResetMfa,
                tenant.settings.require_mfa_for_admin_resets,
            )?;
        }
        if let Some(e) = &recipient_email {
            check_email("recipient_email", e)?;
        }
        self.link_for(
            actor,
            &tenant,
            user,
            recipient_email,
            reset_mfa,
            details,
            meta,
        )
        .await
    }

    /// Removes a user's lost second factor (and its recovery codes), signs the
    /// user out everywhere, tells them by email and audits who and why.
    pub async fn reset_mfa(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
        reason: Option<String>,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        let user = authorized_target(
            self.users,
            actor,
            tenant_id,
            id,
            Action::ResetMfa,
            tenant.settings.require_mfa_for_admin_resets,
        )
        .await?;
        let now = self.clock.now();
        let mut updated = user.clone();
        let had = updated.mfa_enabled;
        updated.remove_mfa();
        updated.cred_gen += 1;
        // Its password now signs in alone; where the tenant asks more of a
        // lone password than of one with a factor, nobody knows whether it
        // is long enough, so the next sign-in changes it.
        let policy = &tenant.settings.password_policy;
        let must_change = had
            && policy.single_factor_min_length() > policy.min_length
            && !updated.must_change_password;
        if must_change {
            updated.must_change_password = true;
            updated.must_change_reason = Some(MustChangeReason::AdminRequested);
        }
        let mut event = AuditEvent::new(tenant_id, now, "mfa.reset", &actor_name(actor), "success")
            .target(user.id.as_str())
            .ip(meta.ip.clone())
            .detail("had_mfa", had)
            .detail("must_change_password", must_change);
        if let Some(r) = reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            event = event.detail("reason", r.chars().take(500).collect::<String>());
        }
        let mut writes = vec![Write::SaveUser(updated), Write::Audit(event)];
        if let Some(to) = user.deliverable_email() {
            let mail = super::super::mail_context(&tenant, self.links, now, &user, None);
            let details = [("reason", reason.as_deref().unwrap_or("-").into())];
            writes.extend(super::super::report::change_mail(
                &mail,
                self.links,
                &user,
                to,
                Change::MfaOff,
                asked_by(actor, &details),
                &actor_name(actor),
            ));
        }
        self.committer.commit(writes).await.map_err(conflict)
    }

    #[allow(clippy::too_many_arguments)]
    async fn link_for(
        &self,
        actor: &Actor<'_>,
        tenant: &Tenant,
        mut user: User,
        recipient_email: Option<String>,
        reset_mfa: bool,
        details: &[(&str, serde_json::Value)],
        meta: &RequestMeta,
    ) -> Result<Instant, AppError> {
        let tenant_id = &tenant.id;
        let overridden = recipient_email.is_some();
        let to = match (recipient_email, &user.email, user.deliverable_email()) {
            (Some(e), ..) => e.trim().to_owned(),
            (None, _, Some(own)) => own.to_owned(),
            (None, Some(_), None) => {
                return Err(AppError::InvalidRequest(
                    "the account's email is undeliverable (it bounced or complained): change it or give recipient_email".into(),
                ));
            }
            (None, None, None) => {
                return Err(AppError::InvalidRequest(
                    "the account has no email: give recipient_email".into(),
                ));
            }
        };
        let now = self.clock.now();
        let (purpose, kind) = if user.status == Status::PendingActivation {
            (ResetPurpose::Activation, MailKind::Activation)
        } else if matches!(actor, Actor::Support) {
            (ResetPurpose::Support, MailKind::PasswordReset)
        } else {
            (ResetPurpose::AdminLink, MailKind::PasswordReset)
        };
        let (token, record) = issue_reset_token(
            &mut user,
            now,
            tenant.settings.admin_reset_link_ttl_seconds,
            purpose,
            &actor_name(actor),
        );
        let mut record = record;
        record.reset_mfa = reset_mfa;
        let link = self.links.reset_link(tenant_id, &token);
        let mail = super::super::mail_context(tenant, self.links, now, &user, None);
        let expires_at = record.expires_at;
        let mut event = AuditEvent::new(
            tenant_id,
            now,
            "password_reset.link_sent",
            &actor_name(actor),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone())
        .detail("purpose", serde_json::to_value(purpose).unwrap_or_default())
        .detail("recipient_overridden", overridden)
        .detail("reset_mfa", reset_mfa);
        if overridden {
            event = event.detail("recipient_email", to.clone());
        }
        for (k, v) in details {
            event = event.detail(k, v.clone());
        }
        let mut writes = vec![
            Write::Mail(mail.reset_link(
                &to,
                &user.username,
                &link,
                expires_at,
                kind,
                asked_by(actor, details),
            )),
            Write::PutResetToken(record),
            Write::Audit(event),
        ];
        if let Some(own) = user.deliverable_email().filter(|own| {
            overridden
                && crate::domain::identity::email_key(own)
                    != crate::domain::identity::email_key(&to)
        }) {
            writes.push(Write::Mail(mail.link_sent_elsewhere(own, &user.username)));
        }
        writes.push(Write::SaveUser(user));
        self.committer.commit(writes).await.map_err(conflict)?;
        Ok(expires_at)
    }

    /// Sets a password now: the old one stops working at once, sessions and
    /// links are revoked, `temporary` forces a change at next sign-in.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_password(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
        new_password: SecretString,
        temporary: bool,
        reset_mfa: bool,
        details: &[(&str, serde_json::Value)],
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        let user = authorized_target(
            self.users,
            actor,
            tenant_id,
            id,
            Action::SetPassword,
            tenant.settings.require_mfa_for_admin_resets,
        )
        .await?;
        if reset_mfa {
            authorize(
                actor,
                tenant_id,
                Some(&user),
                Action::ResetMfa,
                tenant.settings.require_mfa_for_admin_resets,
            )?;
        }
        let now = self.clock.now();
        // The tenant may leave links only (the person chooses), or let a set
        // password be only a temporary one (changed at its first use).
        let forbidden = if !tenant.settings.admins_may_set_passwords {
            Some("admins_may_set_passwords")
        } else if tenant.settings.admin_set_passwords_temporary && !temporary {
            Some("admin_set_passwords_temporary")
        } else {
            None
        };
        if let Some(setting) = forbidden {
            let event = AuditEvent::new(
                tenant_id,
                now,
                "password.set",
                &actor_name(actor),
                "refused",
            )
            .target(user.id.as_str())
            .ip(meta.ip.clone())
            .detail("reason", "forbidden_by_policy")
            .detail("setting", setting);
            self.committer.commit(vec![Write::Audit(event)]).await?;
            return Err(AppError::ForbiddenByPolicy(setting));
        }
        // Removing the factor in the same step leaves the password alone.
        let policy = &tenant
            .settings
            .password_policy
            .for_account(user.mfa_enabled && !reset_mfa);
        // Never the history rule here: a "reused" answer would tell the setter
        // something about the target's passwords. A refusal is audited, so that
        // probing the policy leaves a trail.
        let vetted = match vet_new_password(
            policy,
            &tenant,
            &user,
            new_password,
            false,
            self.breached,
        )
        .await
        {
            Ok(v) => v,
            Err(AppError::PasswordPolicy(violations)) => {
                let codes: Vec<_> = violations.iter().map(|v| v.code).collect();
                let event = AuditEvent::new(
                    tenant_id,
                    now,
                    "password.set",
                    &actor_name(actor),
                    "refused",
                )
                .target(user.id.as_str())
                .ip(meta.ip.clone())
                .detail(
                    "violations",
                    serde_json::to_value(codes).unwrap_or_default(),
                );
                self.committer.commit(vec![Write::Audit(event)]).await?;
                return Err(AppError::PasswordPolicy(violations));
            }
            Err(e) => return Err(e),
        };
        let skipped = vetted.skipped_event(tenant_id, now, &actor_name(actor), user.id.as_str());
        let mut updated = user.clone();
        apply_new_password(&mut updated, vetted.hash, policy.history, now);
        if temporary {
            updated.require_change(MustChangeReason::TemporaryPassword);
        }
        // In the same write as the password: the user who lost both.
        if reset_mfa {
            updated.remove_mfa();
        }
        let mut event = AuditEvent::new(
            tenant_id,
            now,
            "password.set",
            &actor_name(actor),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone())
        .detail("temporary", temporary)
        .detail("reset_mfa", reset_mfa);
        for (k, v) in details {
            event = event.detail(k, v.clone());
        }
        let mut writes: Vec<Write> = skipped.into_iter().collect();
        writes.extend([
            Write::SaveUser(updated),
            // A new password lifts the account's lock for everyone.
            Write::DeleteCounter(sign_in_account_key(tenant_id, &user.username_key())),
            Write::Audit(event),
        ]);
        if let Some(to) = user.deliverable_email() {
            let mail = super::super::mail_context(&tenant, self.links, now, &user, None);
            writes.extend(super::super::report::change_mail(
                &mail,
                self.links,
                &user,
                to,
                Change::Password,
                asked_by(actor, details),
                &actor_name(actor),
            ));
        }
        self.committer.commit(writes).await.map_err(conflict)
    }

    /// Reset links for up to 100 users, one outcome per id, in order.
    pub async fn bulk(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        ids: &[String],
        reset_mfa: bool,
        meta: &RequestMeta,
    ) -> Result<Vec<BulkResult>, AppError> {
        if ids.is_empty() || ids.len() > 100 {
            return Err(AppError::InvalidRequest(
                "user_ids must hold 1 to 100 ids".into(),
            ));
        }
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        // The caller's own rights decide the whole request.
        authorize(
            actor,
            tenant_id,
            None,
            Action::SendResetLink,
            tenant.settings.require_mfa_for_admin_resets,
        )?;
        let mut seen = BTreeSet::new();
        let mut results = Vec::with_capacity(ids.len());
        for id in ids {
            let result = |outcome, code| BulkResult {
                user_id: id.clone(),
                outcome,
                code,
            };
            if !seen.insert(id.clone()) {
                results.push(result("skipped", Some("duplicate")));
                continue;
            }
            let Some(user) = self.users.get_user(tenant_id, &UserId(id.clone())).await? else {
                results.push(result("not_found", None));
                continue;
            };
            if let Err(denied) = authorize(
                actor,
                tenant_id,
                Some(&user),
                Action::SendResetLink,
                tenant.settings.require_mfa_for_admin_resets,
            ) {
                let code = match AppError::from(denied) {
                    AppError::SelfTarget => "self_target",
                    AppError::ExternallyManaged => "externally_managed",
                    AppError::AccountDisabled => "account_disabled",
                    AppError::NotFound => {
                        results.push(result("not_found", None));
                        continue;
                    }
                    _ => "forbidden",
                };
                results.push(result("skipped", Some(code)));
                continue;
            }
            if reset_mfa
                && authorize(
                    actor,
                    tenant_id,
                    Some(&user),
                    Action::ResetMfa,
                    tenant.settings.require_mfa_for_admin_resets,
                )
                .is_err()
            {
                results.push(result("skipped", Some("forbidden")));
                continue;
            }
            if user.email.is_none() {
                results.push(result("skipped", Some("no_email")));
                continue;
            }
            if user.deliverable_email().is_none() {
                results.push(result("skipped", Some("email_undeliverable")));
                continue;
            }
            match self
                .link_for(
                    actor,
                    &tenant,
                    user,
                    None,
                    reset_mfa,
                    &[("bulk", true.into())],
                    meta,
                )
                .await
            {
                Ok(_) => results.push(result("sent", None)),
                Err(AppError::Conflict) => results.push(result("skipped", Some("conflict"))),
                Err(e) => return Err(e),
            }
        }
        Ok(results)
    }
}
