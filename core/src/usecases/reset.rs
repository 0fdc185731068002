//! Forgot password (request a link), inspect a link, confirm a reset.

use secrecy::{ExposeSecret, SecretString};

use super::{AppError, RequestMeta, hash_password};
use crate::domain::{
    Admission, AskedBy, AuditEvent, Change, Instant, MailKind, PasswordPolicy, PolicyContext,
    ResetIdentifier, ResetPurpose, ResetToken, Status, Tenant, TenantId, TokenHash, User,
    Violation, new_token, normalize_identifier, reset_identifier_key, reset_ip_key, same_hash,
    self_service_eligibility, window,
};
use crate::ports::{
    BreachedPasswords, Clock, Committer, Counters, StoreError, TenantStore, TokenReader,
    UserReader, Write,
};

pub use super::links::LinkConfig;

/// At most this many accounts sharing one email get a message per request.
const MAX_EMAIL_MATCHES: usize = 10;

pub struct ForgotRequest {
    pub username: Option<String>,
    pub email: Option<String>,
}

pub struct RequestReset<'a> {
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub counters: &'a dyn Counters,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

impl RequestReset<'_> {
    /// Returns Ok(()) whether or not an account matched: the caller answers the
    /// same 202 either way. Both paths do one lookup and one committed write (an
    /// audit event at least), and mail is only queued, never sent here, so an
    /// existing account does not answer slower than an unknown one.
    pub async fn execute(
        &self,
        tenant_id: &TenantId,
        req: ForgotRequest,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let tenant = self.tenants.get_tenant(tenant_id).await?;
        let rule = tenant
            .as_ref()
            .map(|t| t.settings.reset_identifier)
            .unwrap_or(ResetIdentifier::Email);
        let username = req
            .username
            .as_deref()
            .map(normalize_identifier)
            .filter(|s| !s.is_empty());
        let email = req
            .email
            .as_deref()
            .map(crate::domain::identity::email_key)
            .filter(|s| !s.is_empty());
        let missing = |what: &str| AppError::InvalidRequest(format!("{what} is required"));
        match (rule, &username, &email) {
            (ResetIdentifier::Email, _, None) => return Err(missing("email")),
            (ResetIdentifier::Username, None, _) => return Err(missing("username")),
            (ResetIdentifier::UsernameAndEmail, None, _)
            | (ResetIdentifier::UsernameAndEmail, _, None) => {
                return Err(missing("username and email"));
            }
            _ => {}
        }

        // Throttling: per identifier typed (known or unknown alike, so both cost
        // the same counter write) and per IP. A throttled request gets the same
        // 202 and simply sends nothing.
        let now = self.clock.now();
        let limits = tenant
            .as_ref()
            .map(|t| t.settings.limits.clone())
            .unwrap_or_default();
        let (window_index, window_end) = window(&limits, now);
        // The account as the tenant's rule names it: a field the rule ignores
        // never makes a new counter, so junk in it buys no extra mail.
        let identifier = match rule {
            ResetIdentifier::Email => format!("e|{}", email.as_deref().unwrap_or_default()),
            ResetIdentifier::Username => format!("u|{}", username.as_deref().unwrap_or_default()),
            ResetIdentifier::UsernameAndEmail => format!(
                "ue|{}|{}",
                username.as_deref().unwrap_or_default(),
                email.as_deref().unwrap_or_default()
            ),
        };
        // Each request takes a slot of both windows in the unit that queues its
        // mail (or records that nothing matched): a full window refuses the
        // whole unit, so a throttled request sends nothing, counts nothing, and
        // is only audited.
        let id_key = reset_identifier_key(tenant_id, &identifier, window_index);
        let mut windows = vec![(id_key.clone(), limits.reset_emails_per_account, "account")];
        if let Some(ip) = meta.ip.as_deref() {
            windows.push((
                reset_ip_key(tenant_id, ip, window_index),
                limits.reset_requests_per_ip,
                "ip",
            ));
        }
        let throttled = |reason: &str| {
            AuditEvent::new(
                tenant_id,
                now,
                "password_reset.requested",
                "anonymous",
                "throttled",
            )
            .ip(meta.ip.clone())
            .detail("reason", reason)
        };

        // The throttle is decided before any work for an account (a token
        // minted, a mail rendered): a throttled request then does the same
        // work whether or not the account exists, so its timing tells nothing,
        // however many times it is asked. The lookup is one query either way
        // and runs beside the read.
        let keys: Vec<String> = windows.iter().map(|(k, _, _)| k.clone()).collect();
        let lookup = async {
            match &tenant {
                None => Ok(Vec::new()),
                Some(_) => self.lookup(tenant_id, rule, &username, &email, false).await,
            }
        };
        let (read, first) = tokio::join!(self.counters.read_counters(&keys, None), lookup);
        // Each window's slot as the read decides it (the unit below takes it
        // only if it is still free when it commits), or the throttle.
        let mut counting = Vec::with_capacity(windows.len());
        for ((key, limit, reason), stored) in windows.iter().zip(&read?.counters) {
            match Admission::window(*limit, window_end).failure(Some(stored.as_ref()), now) {
                Ok(slot) => counting.push(Write::Counter {
                    key: key.clone(),
                    change: slot.change,
                }),
                Err(_) => {
                    self.committer
                        .commit(vec![Write::Audit(throttled(reason))])
                        .await?;
                    return Ok(());
                }
            }
        }

        let mut first = Some(first?);
        for attempt in 0..6 {
            let matches = match (first.take(), &tenant) {
                (Some(found), _) => found,
                (None, None) => Vec::new(),
                // After a conflict, read again (consistently).
                (None, Some(_)) => {
                    self.lookup(tenant_id, rule, &username, &email, true)
                        .await?
                }
            };
            let mut writes = self.writes_for(tenant_id, tenant.as_ref(), matches, meta);
            writes.extend(counting.iter().cloned());
            match self.committer.commit(writes).await {
                Ok(()) => return Ok(()),
                // A window filled between the read and this unit (a parallel
                // request took its last slot): throttled after all.
                Err(StoreError::CounterMoved(key)) => {
                    let reason = if key == id_key { "account" } else { "ip" };
                    self.committer
                        .commit(vec![Write::Audit(throttled(reason))])
                        .await?;
                    return Ok(());
                }
                // A concurrent request for the same account moved its version:
                // re-read (consistently) and issue against the fresh state.
                Err(StoreError::Conflict(_)) => continue,
                Err(StoreError::Contention) => super::backoff(attempt).await,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Internal("reset request kept conflicting".into()))
    }

    async fn lookup(
        &self,
        tenant_id: &TenantId,
        rule: ResetIdentifier,
        username: &Option<String>,
        email: &Option<String>,
        consistent: bool,
    ) -> Result<Vec<User>, AppError> {
        Ok(match rule {
            ResetIdentifier::Email => {
                let key = email.as_deref().unwrap_or_default();
                let found = self
                    .users
                    .find_by_email(tenant_id, key, MAX_EMAIL_MATCHES)
                    .await?;
                if !consistent {
                    found
                } else {
                    // The email index may lag; after a conflict read each by id.
                    let mut fresh = Vec::with_capacity(found.len());
                    for u in found {
                        if let Some(u) = self.users.get_user(tenant_id, &u.id).await? {
                            fresh.push(u);
                        }
                    }
                    fresh
                }
            }
            ResetIdentifier::Username | ResetIdentifier::UsernameAndEmail => {
                let key = username.as_deref().unwrap_or_default();
                let found = self.users.find_by_username(tenant_id, key).await?;
                found
                    .into_iter()
                    .filter(|u| rule == ResetIdentifier::Username || u.email_key() == *email)
                    .collect()
            }
        })
    }

    fn writes_for(
        &self,
        tenant_id: &TenantId,
        tenant: Option<&Tenant>,
        matches: Vec<User>,
        meta: &RequestMeta,
    ) -> Vec<Write> {
        let now = self.clock.now();
        let event = |outcome: &str| {
            AuditEvent::new(
                tenant_id,
                now,
                "password_reset.requested",
                "anonymous",
                outcome,
            )
            .ip(meta.ip.clone())
        };
        let (Some(tenant), false) = (tenant, matches.is_empty()) else {
            return vec![Write::Audit(event("no_match"))];
        };
        let mut writes = Vec::new();
        for mut user in matches {
            // The user's own request: its language counts when they chose none.
            let mail = super::mail_context(tenant, self.links, now, &user, Some(meta));
            let eligible =
                self_service_eligibility(&user, tenant.settings.self_service_reset_for_admins);
            match eligible {
                // Known to bounce (or complained about): nothing goes there until
                // the address changes. Same answer, same single commit.
                Ok(()) if user.deliverable_email().is_none() => {
                    writes.push(Write::Audit(
                        event("undeliverable").target(user.id.as_str()).detail(
                            "email_status",
                            serde_json::to_value(user.email_status).unwrap_or_default(),
                        ),
                    ));
                }
                Ok(()) => {
                    let ttl = tenant.settings.reset_link_ttl_seconds;
                    let (token, record) =
                        issue_reset_token(&mut user, now, ttl, ResetPurpose::SelfService, "self");
                    let to = user.email.clone().unwrap_or_default();
                    let link = self.links.reset_link(tenant_id, &token);
                    writes.push(Write::Mail(mail.reset_link(
                        &to,
                        &user.username,
                        &link,
                        record.expires_at,
                        MailKind::PasswordReset,
                        AskedBy::Themselves,
                    )));
                    writes.push(Write::Audit(event("sent").target(user.id.as_str())));
                    writes.push(Write::PutResetToken(record));
                    writes.push(Write::SaveUser(user));
                }
                Err(reason) => {
                    if let Some(to) = user.deliverable_email() {
                        writes.push(Write::Mail(mail.contact_admin(to, &user.username)));
                    }
                    writes.push(Write::Audit(
                        event("ineligible")
                            .target(user.id.as_str())
                            .detail("reason", reason.code()),
                    ));
                }
            }
        }
        writes
    }
}

/// Issues a new reset token for `user`, superseding every older one by bumping
/// `token_gen`. The caller must save `user` in the same unit as the token.
pub fn issue_reset_token(
    user: &mut User,
    now: Instant,
    ttl_seconds: u64,
    purpose: ResetPurpose,
    issued_by: &str,
) -> (SecretString, ResetToken) {
    let (token, hash) = new_token();
    user.token_gen += 1;
    let record = ResetToken {
        hash,
        tenant_id: user.tenant_id.clone(),
        user_id: user.id.clone(),
        purpose,
        issued_by: issued_by.to_owned(),
        cred_gen: user.cred_gen,
        token_gen: user.token_gen,
        created_at: now,
        expires_at: crate::domain::after_seconds(now, ttl_seconds),
        used_at: None,
        reset_mfa: false,
        lock_until: None,
        reported_change: None,
    };
    (token, record)
}

/// Checks a new password against the tenant policy at the cost of exactly one
/// hash, and returns the new hash. `chosen_by_user` adds the reuse rule (the
/// current and the last `history` passwords): it applies only to a password the
/// account's own user chose, since an answer to anyone else ("reused") would
/// tell them what the user's passwords are.
pub async fn vet_new_password(
    policy: &PasswordPolicy,
    tenant: &Tenant,
    user: &User,
    new_password: SecretString,
    chosen_by_user: bool,
    breached: &dyn BreachedPasswords,
) -> Result<Vetted, AppError> {
    let ctx = PolicyContext {
        username: &user.username,
        email: user.email.as_deref(),
        tenant_name: &tenant.name,
    };
    let mut violations: Vec<Violation> = policy.check(new_password.expose_secret(), &ctx);
    // Hashing a 100 KiB "password" would be a cheap DoS; too_long is reported
    // without hashing.
    if new_password.expose_secret().chars().count() > policy.max_length.max(1024) {
        return Err(AppError::PasswordPolicy(violations));
    }
    // Asked only when the tenant wants it; a service that does not answer
    // skips the check (fail open) and the caller audits that.
    let mut breach_check_skipped = false;
    if policy.block_breached && violations.is_empty() {
        match breached.times_seen(&new_password).await {
            Ok(0) => {}
            Ok(times) => violations.push(policy.breached_violation(times)),
            Err(e) => {
                tracing::warn!(error = %e, "breached-password check skipped");
                breach_check_skipped = true;
            }
        }
    }
    let new_hash = hash_password(new_password, user.password_salt.clone()).await?;
    let reused = chosen_by_user
        && user
            .password_hash
            .iter()
            .chain(user.password_history.iter().take(policy.history))
            .any(|old| same_hash(old, &new_hash));
    if reused {
        violations.push(policy.reused_violation());
    }
    if violations.is_empty() {
        Ok(Vetted {
            hash: new_hash,
            breach_check_skipped,
        })
    } else {
        Err(AppError::PasswordPolicy(violations))
    }
}

/// A new password that passed the policy.
pub struct Vetted {
    pub hash: String,
    /// The breached-password check could not be made (audit it).
    pub breach_check_skipped: bool,
}

impl Vetted {
    /// The audit event for a skipped breach check, if there was one.
    pub fn skipped_event(
        &self,
        tenant: &TenantId,
        now: Instant,
        actor: &str,
        target: &str,
    ) -> Option<Write> {
        self.breach_check_skipped.then(|| {
            Write::Audit(
                AuditEvent::new(tenant, now, "password.breach_check", actor, "unavailable")
                    .target(target),
            )
        })
    }
}

/// Applies a password change to `user`: keeps history, bumps `cred_gen` (which
/// revokes every session and outstanding link), clears `must_change_password`
/// and a report ("This wasn't me": a new password restores sign-in), and the
/// expiry reminders sent, and activates a pending account. Stores index the
/// account's expiry by the change time it sets.
pub fn apply_new_password(user: &mut User, new_hash: String, history: usize, now: Instant) {
    if let Some(old) = user.password_hash.take() {
        user.password_history.insert(0, old);
    }
    user.password_history.truncate(history);
    user.password_hash = Some(new_hash);
    user.cred_gen += 1;
    user.clear_forced_change();
    user.reported_at = None;
    // A new password is a new expiry: its reminders start over.
    user.expiry_reminders_sent.clear();
    if user.status == Status::PendingActivation {
        user.status = Status::Active;
    }
    user.password_changed_at = Some(now);
}

pub struct Inspection {
    pub username: String,
    pub expires_at: Instant,
    pub policy: PasswordPolicy,
}

pub struct ConfirmReset<'a> {
    pub breached: &'a dyn BreachedPasswords,
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub tokens: &'a dyn TokenReader,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

impl ConfirmReset<'_> {
    /// The token's record, its user and tenant, if the token is live now.
    async fn live(
        &self,
        tenant_id: &TenantId,
        hash: &TokenHash,
    ) -> Result<(ResetToken, User, Tenant), AppError> {
        let record = self
            .tokens
            .get_reset_token(hash)
            .await?
            .filter(|r| &r.tenant_id == tenant_id)
            .ok_or(AppError::InvalidToken)?;
        let user = self
            .users
            .get_user(tenant_id, &record.user_id)
            .await?
            .ok_or(AppError::InvalidToken)?;
        // Expiry is checked here on every read: DynamoDB's TTL deletes late.
        let tenant = self
            .tenants
            .get_tenant(tenant_id)
            .await?
            .ok_or(AppError::InvalidToken)?;
        let usable = record.is_live(self.clock.now(), &user)
            && record.account_may_use(&user, tenant.settings.self_service_reset_for_admins);
        if !usable {
            return Err(AppError::InvalidToken);
        }
        Ok((record, user, tenant))
    }

    pub async fn inspect(
        &self,
        tenant_id: &TenantId,
        token: &SecretString,
    ) -> Result<Inspection, AppError> {
        let (record, user, tenant) = self.live(tenant_id, &TokenHash::of(token)).await?;
        Ok(Inspection {
            username: user.username,
            expires_at: record.expires_at,
            policy: tenant.settings.password_policy,
        })
    }

    /// One atomic unit: token consumed (conditioned on being unused), user saved
    /// (conditioned on its version) with the new hash and a bumped `cred_gen`,
    /// notification queued, audit written. Of N concurrent confirms one commits;
    /// the others conflict, re-read, find the token used and get invalid_token.
    pub async fn confirm(
        &self,
        tenant_id: &TenantId,
        token: &SecretString,
        new_password: SecretString,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let hash = TokenHash::of(token);
        let mut new_hash: Option<String> = None;
        let mut skipped: Option<Write> = None;
        for attempt in 0..10 {
            let (record, mut user, tenant) = self.live(tenant_id, &hash).await?;
            // A link that removes the factor leaves the password alone.
            let policy = &tenant
                .settings
                .password_policy
                .for_account(user.mfa_enabled && !record.reset_mfa);
            let phc = match &new_hash {
                Some(h) => h.clone(),
                None => {
                    let vetted = vet_new_password(
                        policy,
                        &tenant,
                        &user,
                        new_password.clone(),
                        true,
                        self.breached,
                    )
                    .await?;
                    skipped = vetted.skipped_event(
                        tenant_id,
                        self.clock.now(),
                        user.id.as_str(),
                        user.id.as_str(),
                    );
                    new_hash = Some(vetted.hash.clone());
                    vetted.hash
                }
            };
            let now = self.clock.now();
            let activated = user.status == Status::PendingActivation;
            apply_new_password(&mut user, phc, policy.history, now);
            // Only now, when the link is used, in the same unit: a link that is
            // never used removes nothing.
            if record.reset_mfa {
                user.remove_mfa();
            }
            let mut event = AuditEvent::new(
                tenant_id,
                now,
                "password_reset.completed",
                user.id.as_str(),
                "success",
            )
            .target(user.id.as_str())
            .ip(meta.ip.clone())
            .detail(
                "purpose",
                serde_json::to_value(record.purpose).unwrap_or_default(),
            );
            if activated {
                event = event.detail("activated", true);
            }
            if record.reset_mfa {
                event = event.detail("mfa_removed", true);
            }
            let mut writes = vec![
                Write::ConsumeResetToken {
                    hash: hash.clone(),
                    at: now,
                },
                Write::Audit(event),
            ];
            // A completed reset lifts the account's lock, and the pair lock of
            // the address it was completed from (other addresses keep theirs).
            writes.extend(super::lockout::lift_locks(
                tenant_id,
                &user.username_key(),
                meta.ip.as_deref(),
            ));
            writes.extend(skipped.clone());
            if let Some(to) = user.deliverable_email() {
                let mail = super::mail_context(&tenant, self.links, now, &user, Some(meta));
                writes.extend(super::report::change_mail(
                    &mail,
                    self.links,
                    &user,
                    to,
                    Change::Password,
                    AskedBy::Themselves,
                    user.id.as_str(),
                ));
            }
            writes.push(Write::SaveUser(user));
            match self.committer.commit(writes).await {
                Ok(()) => return Ok(()),
                // Someone else changed the user or used the token: re-read; a
                // used token then fails as invalid_token.
                Err(StoreError::Conflict(_)) => continue,
                Err(StoreError::Contention) => super::backoff(attempt).await,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Internal(
            "reset confirmation kept conflicting".into(),
        ))
    }
}
