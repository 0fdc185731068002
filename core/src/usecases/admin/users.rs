//! A tenant's accounts: create, list, read, change (function `users`).

use super::*;

/// A new account as an administrator asks for it (the wire's shape is the
/// HTTP layer's; this is what the use case needs).
pub struct NewUser {
    pub username: String,
    pub email: Option<String>,
    pub role: Role,
    pub permissions: BTreeSet<Permission>,
    pub source: Source,
    pub can_change_password: Option<bool>,
    pub send_activation: bool,
    pub locale: Option<crate::domain::Locale>,
}

/// A change to an account: `None` leaves a field; for the clearable ones,
/// `Some(None)` clears it.
#[derive(Default)]
pub struct UserPatch {
    pub email: Option<Option<String>>,
    pub status: Option<Status>,
    pub can_change_password: Option<bool>,
    pub must_change_password: Option<bool>,
    pub role: Option<Role>,
    pub permissions: Option<BTreeSet<Permission>>,
    /// A shipped locale, or `None` inside to fall back to the browser's and tenant's.
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
        let mut user = User::new_pending(tenant_id, account, now).map_err(|refused| {
            AppError::InvalidField {
                field: refused.field.to_owned(),
                code: refused.code,
                detail: refused.to_string(),
            }
        })?;
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
            let mail = super::super::mail_context(&tenant, self.links, now, &user, None);
            writes.push(Write::Mail(mail.reset_link(
                &to,
                &user.username,
                &link,
                record.expires_at,
                MailKind::Activation,
                asked_by(actor, &[]),
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
                check_email("email", e)?;
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
        match patch.must_change_password {
            // A requirement already there keeps its reason (a temporary
            // password stays one).
            Some(true) if !user.must_change_password => {
                updated.require_change(MustChangeReason::AdminRequested)
            }
            Some(false) => updated.clear_forced_change(),
            _ => {}
        }
        if patch.must_change_password.is_some() {
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
            return Err(AppError::InvalidField {
                field: "permissions".into(),
                code: "admins_only",
                detail: "permissions are for admins only".into(),
            });
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
                let mail = super::super::mail_context(&tenant, self.links, now, &user, None);
                let new_masked = masked(&updated.email).unwrap_or_else(|| "(none)".into());
                mails.extend(super::super::report::change_mail(
                    &mail,
                    self.links,
                    &user,
                    old,
                    Change::Email {
                        new_masked: &new_masked,
                    },
                    asked_by(actor, &[]),
                    &actor_name(actor),
                ));
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
}
