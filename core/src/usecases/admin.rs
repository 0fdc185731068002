//! Tenant administration (function `users`), admin resets (function
//! `admin-reset`) and platform support resets (function `support-reset`).
//! Every access decision goes through `domain::permissions::authorize`.

use secrecy::SecretString;
use serde::Deserialize;
use std::collections::BTreeSet;

use super::reset::{LinkConfig, apply_new_password, issue_reset_token, vet_new_password};
use super::{AppError, RequestMeta};
use crate::domain::permissions::{Action, Actor, authorize};
use crate::domain::{
    AuditEvent, Instant, MailKind, NewAccount, Permission, ResetPurpose, Role, Settings, Source,
    Status, Tenant, TenantId, User, UserId, mask_email, normalize_identifier, sign_in_account_key,
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

fn check_email(email: &str) -> Result<(), AppError> {
    if crate::domain::identity::valid_email(email) {
        Ok(())
    } else {
        Err(AppError::InvalidRequest(
            "email is not a valid address".into(),
        ))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    #[serde(default)]
    pub email: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub permissions: BTreeSet<Permission>,
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub can_change_password: Option<bool>,
    #[serde(default)]
    pub send_activation: bool,
    #[serde(default)]
    pub locale: Option<crate::domain::Locale>,
}

/// `Some(None)` clears a field (JSON `null`); absent leaves it.
fn double_option<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    #[serde(default, deserialize_with = "double_option")]
    pub email: Option<Option<String>>,
    pub status: Option<Status>,
    pub can_change_password: Option<bool>,
    pub must_change_password: Option<bool>,
    pub role: Option<Role>,
    pub permissions: Option<BTreeSet<Permission>>,
    /// A shipped locale, or `null` to fall back to the browser's and tenant's.
    #[serde(default, deserialize_with = "double_option")]
    pub locale: Option<Option<crate::domain::Locale>>,
}

pub struct Users<'a> {
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub directory: &'a dyn UserDirectory,
    pub audit: &'a dyn AuditReader,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

impl Users<'_> {
    pub async fn create(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        new: NewUser,
        meta: &RequestMeta,
    ) -> Result<User, AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        authorize(
            actor,
            tenant_id,
            None,
            Action::CreateUser { role: new.role },
            false,
        )?;
        let now = self.clock.now();
        // The one set of checks every way of making an account runs (the CLI's
        // import and the seed too): see `domain::new_user`.
        let account = NewAccount {
            username: new.username,
            email: new.email,
            role: new.role,
            permissions: new.permissions,
            source: new.source,
            can_change_password: new.can_change_password.unwrap_or(true),
            locale: new.locale,
        };
        let mut user = User::new_pending(tenant_id, account, now)
            .map_err(|refused| AppError::InvalidRequest(refused.to_string()))?;
        let mut writes = Vec::new();
        let activation = new.send_activation && user.source == Source::Local;
        if let (true, Some(to)) = (activation, user.email.clone()) {
            // The link is issued on the record being created (one write per item).
            let (token, record) = issue_reset_token(
                &mut user,
                now,
                tenant.settings.admin_reset_link_ttl_seconds,
                ResetPurpose::Activation,
                &actor_name(actor),
            );
            let link = self.links.reset_link(tenant_id, &token);
            let mail = super::mail_context(&tenant, self.links, now, &user, None);
            writes.push(Write::Mail(mail.reset_link(
                &to,
                &user.username,
                &link,
                record.expires_at,
                MailKind::Activation,
            )));
            writes.push(Write::PutResetToken(record));
        }
        writes.push(Write::Audit(
            AuditEvent::new(
                tenant_id,
                now,
                "user.created",
                &actor_name(actor),
                "success",
            )
            .target(user.id.as_str())
            .ip(meta.ip.clone())
            .detail("role", serde_json::to_value(user.role).unwrap_or_default())
            .detail("activation_sent", activation && user.email.is_some()),
        ));
        writes.insert(0, Write::CreateUser(user.clone()));
        self.committer.commit(writes).await.map_err(conflict)?;
        Ok(user)
    }

    pub async fn list(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        q: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, AppError> {
        tenant_of(self.tenants, tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ReadUsers, false)?;
        Ok(self
            .directory
            .search_users(
                tenant_id,
                &normalize_identifier(q),
                cursor,
                limit.clamp(1, 100),
            )
            .await?)
    }

    pub async fn get(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
    ) -> Result<User, AppError> {
        authorize(actor, tenant_id, None, Action::ReadUsers, false)?;
        target_of(self.users, tenant_id, id).await
    }

    pub async fn patch(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &UserId,
        patch: UserPatch,
        meta: &RequestMeta,
    ) -> Result<User, AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        let user =
            authorized_target(self.users, actor, tenant_id, id, Action::UpdateUser, false).await?;
        // Mail goes to the stored text, so any change of it but letter case is
        // an email change (a reset in disguise: it needs what a reset needs,
        // revokes the links and tells the old address). Comparing search keys
        // here let an address differing by an invisible or full-width
        // character through as "the same".
        let mail_text = |e: &str| e.trim().to_lowercase();
        let email_changes = patch.email.as_ref().is_some_and(|new| {
            new.as_deref().map(mail_text) != user.email.as_deref().map(mail_text)
        });
        if email_changes {
            authorize(
                actor,
                tenant_id,
                Some(&user),
                Action::ChangeEmail,
                tenant.settings.require_mfa_for_admin_resets,
            )?;
        }
        if patch.status.is_some()
            || patch.can_change_password.is_some()
            || patch.must_change_password.is_some()
        {
            authorize(
                actor,
                tenant_id,
                Some(&user),
                Action::ChangeAccountState,
                false,
            )?;
        }
        if patch.role.is_some() || patch.permissions.is_some() {
            authorize(
                actor,
                tenant_id,
                Some(&user),
                Action::ChangeRoleOrPermissions,
                false,
            )?;
        }
        let mut updated = user.clone();
        let mut changed: Vec<&str> = Vec::new();
        if let Some(email) = &patch.email {
            if let Some(e) = email {
                check_email(e)?;
            }
            updated.email = email.as_ref().map(|e| e.trim().to_owned());
            changed.push("email");
        }
        if let Some(status) = patch.status {
            updated.status = status;
            changed.push("status");
        }
        if let Some(v) = patch.can_change_password {
            updated.can_change_password = v;
            changed.push("can_change_password");
        }
        if let Some(v) = patch.must_change_password {
            updated.must_change_password = v;
            changed.push("must_change_password");
        }
        if let Some(role) = patch.role {
            updated.role = role;
            changed.push("role");
        }
        if let Some(p) = patch.permissions {
            updated.permissions = p;
            changed.push("permissions");
        }
        if let Some(locale) = patch.locale {
            updated.locale = locale;
            changed.push("locale");
        }
        if updated.role == Role::User && !updated.permissions.is_empty() {
            return Err(AppError::InvalidRequest(
                "permissions are for admins only".into(),
            ));
        }
        // Disabling, or changing what an account may do, ends its sessions and links.
        if (updated.status == Status::Disabled && user.status != Status::Disabled)
            || updated.role != user.role
            || updated.permissions != user.permissions
        {
            updated.cred_gen += 1;
        }
        let now = self.clock.now();
        let mut event = AuditEvent::new(
            tenant_id,
            now,
            "user.updated",
            &actor_name(actor),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone())
        .detail("fields", changed);
        let mut mails = Vec::new();
        if email_changes {
            // Links mailed to the old address die with the change, and the old
            // address hears of it: an email change must not be a silent takeover.
            updated.token_gen += 1;
            let masked = |e: &Option<String>| e.as_deref().map(mask_email);
            event = event
                .detail("old_email", masked(&user.email))
                .detail("new_email", masked(&updated.email));
            // A new address is presumed deliverable until SES says otherwise.
            updated.email_status = Default::default();
            if let Some(old) = user.deliverable_email() {
                let mail = super::mail_context(&tenant, self.links, now, &user, None);
                let new_masked = masked(&updated.email).unwrap_or_else(|| "(none)".into());
                mails.push(Write::Mail(mail.email_changed(
                    old,
                    &user.username,
                    &new_masked,
                )));
            }
        }
        let mut writes = vec![Write::SaveUser(updated.clone()), Write::Audit(event)];
        writes.extend(mails);
        if updated.email_key() != user.email_key() {
            writes.push(Write::ReindexEmail {
                tenant: tenant_id.clone(),
                user_id: user.id.clone(),
                username_key: user.username_key(),
                old: user.email_key(),
                new: updated.email_key(),
            });
        }
        self.committer.commit(writes).await.map_err(conflict)?;
        updated.version += 1;
        Ok(updated)
    }

    pub async fn settings(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
    ) -> Result<Settings, AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ManageSettings, false)?;
        Ok(tenant.settings)
    }

    pub async fn put_settings(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        settings: Settings,
        meta: &RequestMeta,
    ) -> Result<Settings, AppError> {
        let mut tenant = tenant_of(self.tenants, tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ManageSettings, false)?;
        validate_settings(&settings)?;
        tenant.settings = settings.clone();
        let event = AuditEvent::new(
            tenant_id,
            self.clock.now(),
            "settings.updated",
            &actor_name(actor),
            "success",
        )
        .ip(meta.ip.clone());
        self.committer
            .commit(vec![Write::PutTenant(tenant), Write::Audit(event)])
            .await?;
        Ok(settings)
    }

    pub async fn audit_events(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<AuditEvent>, AppError> {
        tenant_of(self.tenants, tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ReadAudit, false)?;
        Ok(self
            .audit
            .list_audit(tenant_id, self.clock.now(), cursor, limit.clamp(1, 100))
            .await?)
    }
}

/// The settings rule (`domain::settings`) as this crate's error: `422
/// invalid_settings` with the fields at fault, or `422 invalid_branding`.
pub fn validate_settings(s: &Settings) -> Result<(), AppError> {
    Ok(s.validate()?)
}

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
            check_email(e)?;
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
        let mut event = AuditEvent::new(tenant_id, now, "mfa.reset", &actor_name(actor), "success")
            .target(user.id.as_str())
            .ip(meta.ip.clone())
            .detail("had_mfa", had);
        if let Some(r) = reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            event = event.detail("reason", r.chars().take(500).collect::<String>());
        }
        let mut writes = vec![Write::SaveUser(updated), Write::Audit(event)];
        if let Some(to) = user.deliverable_email() {
            let mail = super::mail_context(&tenant, self.links, now, &user, None);
            writes.push(Write::Mail(mail.mfa_changed(to, &user.username, false)));
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
        let mail = super::mail_context(tenant, self.links, now, &user, None);
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
            Write::Mail(mail.reset_link(&to, &user.username, &link, expires_at, kind)),
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
        let policy = &tenant.settings.password_policy;
        let now = self.clock.now();
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
        updated.must_change_password = temporary;
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
            let mail = super::mail_context(&tenant, self.links, now, &user, None);
            writes.push(Write::Mail(mail.password_changed(to, &user.username)));
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
