//! "This wasn't me": every mail about a change to an account's credentials
//! carries a single-use link; its holder uses it to say the change was not
//! theirs, which stops sign-in to the account until a new password is set and
//! tells the tenant's owners and admins.

use secrecy::SecretString;

use super::reset::LinkConfig;
use super::{AppError, RequestMeta};
use crate::domain::{
    AskedBy, AuditEvent, Change, ChangeNotice, MailContext, ResetPurpose, ResetToken, TenantId,
    TokenHash, User, report_recipients,
};
use crate::ports::{
    Clock, Committer, StoreError, TenantStore, TokenReader, UserDirectory, UserReader, Write,
};

/// Directory pages (of 100) read at most to find a tenant's owners and
/// admins: a huge tenant's are looked for among its first 2,000 accounts.
const MAX_PAGES: usize = 20;

/// The mail that tells `user` (at `to`: its address, or the one it had) of
/// `change`, saying who made it, with its "This wasn't me" link; and the
/// write that stores the link, to commit in the unit of the change.
/// `issued_by` is who made the change, as the audit names actors.
pub(crate) fn change_mail(
    ctx: &MailContext<'_>,
    links: &LinkConfig,
    user: &User,
    to: &str,
    change: Change<'_>,
    by: AskedBy<'_>,
    issued_by: &str,
) -> [Write; 2] {
    let (token, record) = ResetToken::report(user, ctx.now, change.kind(), issued_by);
    let url = links.report_link(&user.tenant_id, &token);
    let notice = ChangeNotice {
        by,
        report: Some((&url, record.expires_at)),
    };
    let mail = ctx.credential_changed(to, &user.username, change, notice);
    [Write::PutResetToken(record), Write::Mail(mail)]
}

pub struct ReportAccount<'a> {
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub directory: &'a dyn UserDirectory,
    pub tokens: &'a dyn TokenReader,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

impl ReportAccount<'_> {
    /// Uses a report link, in one atomic unit: the token is consumed
    /// (conditioned on being unused: of two uses one reports), the account is
    /// marked reported (sign-in stops, a new password is required, every
    /// session and outstanding link dies; its status stays), the tenant's
    /// owners and admins are mailed, and `account.reported` is audited.
    /// Unknown, used, expired and other links' tokens are `invalid_token`.
    pub async fn execute(
        &self,
        tenant_id: &TenantId,
        token: &SecretString,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let hash = TokenHash::of(token);
        // The link is checked before the directory is read: a made-up token
        // costs one read, not a listing of the tenant.
        let mut read = Some(self.live(tenant_id, &hash).await?);
        let tenant = self
            .tenants
            .get_tenant(tenant_id)
            .await?
            .ok_or(AppError::InvalidToken)?;
        let staff = self.owners_and_admins(tenant_id).await?;
        for attempt in 0..5 {
            let now = self.clock.now();
            let (record, user) = match read.take() {
                Some(read) => read,
                // Changed meanwhile: read both again (a used link then fails).
                None => self.live(tenant_id, &hash).await?,
            };
            let mut reported = user.clone();
            reported.mark_reported(now);
            let recipients = report_recipients(&user, &staff);
            let event = AuditEvent::new(
                tenant_id,
                now,
                "account.reported",
                user.id.as_str(),
                "success",
            )
            .target(user.id.as_str())
            .ip(meta.ip.clone())
            .detail(
                "change",
                serde_json::to_value(record.reported_change).unwrap_or_default(),
            )
            .detail("changed_by", record.issued_by.clone())
            .detail("notified", recipients.len());
            let mut writes = vec![
                Write::ConsumeResetToken {
                    hash: hash.clone(),
                    at: now,
                },
                Write::SaveUser(reported),
                Write::Audit(event),
            ];
            for admin in recipients {
                if let Some(to) = admin.deliverable_email() {
                    let ctx = super::mail_context(&tenant, self.links, now, admin, None);
                    writes.push(Write::Mail(ctx.account_reported(
                        to,
                        &user.username,
                        record.reported_change,
                    )));
                }
            }
            match self.committer.commit(writes).await {
                Ok(()) => return Ok(()),
                Err(StoreError::Conflict(_)) => continue,
                Err(StoreError::Contention) => super::backoff(attempt).await,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Internal("account report kept conflicting".into()))
    }

    /// The report link's record and its account, if the link works now.
    async fn live(
        &self,
        tenant_id: &TenantId,
        hash: &TokenHash,
    ) -> Result<(ResetToken, User), AppError> {
        let record = self
            .tokens
            .get_reset_token(hash)
            .await?
            .filter(|r| &r.tenant_id == tenant_id && r.purpose == ResetPurpose::Report)
            .ok_or(AppError::InvalidToken)?;
        let user = self
            .users
            .get_user(tenant_id, &record.user_id)
            .await?
            .ok_or(AppError::InvalidToken)?;
        if !record.is_live_report(self.clock.now(), &user) {
            return Err(AppError::InvalidToken);
        }
        Ok((record, user))
    }

    /// The tenant's owners and admins, from its directory.
    async fn owners_and_admins(&self, tenant_id: &TenantId) -> Result<Vec<User>, AppError> {
        let mut found = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page = self
                .directory
                .search_users(tenant_id, "", cursor.as_deref(), 100)
                .await?;
            found.extend(page.items.into_iter().filter(User::is_admin_like));
            cursor = page.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
        Ok(found)
    }
}
