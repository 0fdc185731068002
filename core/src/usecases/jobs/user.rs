//! What a job does to one account, as one atomic unit: the account's change,
//! its link and mail, its audit events and the job's mark, which exists only
//! if the rest was written.

use crate::domain::jobs::{Job, JobMark, Plan};
use crate::domain::{AskedBy, AuditEvent, Instant, MailKind, ResetPurpose, Status, Tenant, User};
use crate::ports::{JobWrite, Write};
use crate::usecases::reset::{LinkConfig, issue_reset_token};

/// The unit that carries out `plan` on `user` for `job`, run by its
/// `creator`. `expire` forces a change at next sign-in and ends every session
/// and link (one bump of each generation); `send` then issues an admin-style
/// link (an activation link for a pending account) whose mail says an
/// administrator asked many people at once.
pub(super) fn writes(
    job: &Job,
    tenant: &Tenant,
    creator: &User,
    user: &User,
    plan: Plan,
    links: &LinkConfig,
    now: Instant,
) -> Vec<Write> {
    let actor = creator.id.as_str();
    let mut updated = user.clone();
    let mut writes = Vec::new();
    if plan.expire {
        updated.must_change_password = true;
        updated.cred_gen += 1;
        updated.token_gen += 1;
        writes.push(Write::Audit(
            AuditEvent::new(&tenant.id, now, "password.expired", actor, "success")
                .target(user.id.as_str())
                .detail("job_id", job.id.as_str()),
        ));
    }
    if let (true, Some(to)) = (plan.send, user.deliverable_email()) {
        let (purpose, kind) = if user.status == Status::PendingActivation {
            (ResetPurpose::Activation, MailKind::Activation)
        } else {
            (ResetPurpose::AdminLink, MailKind::PasswordReset)
        };
        // Issued after the expiry's bump, so the new link is the one that works.
        let (token, mut record) = issue_reset_token(
            &mut updated,
            now,
            tenant.settings.admin_reset_link_ttl_seconds,
            purpose,
            actor,
        );
        record.reset_mfa = job.reset_mfa;
        let link = links.reset_link(&tenant.id, &token);
        let mail = crate::usecases::mail_context(tenant, links, now, user, None);
        writes.push(Write::Mail(mail.reset_link(
            to,
            &user.username,
            &link,
            record.expires_at,
            kind,
            AskedBy::Bulk(&creator.username),
        )));
        writes.push(Write::Audit(
            AuditEvent::new(
                &tenant.id,
                now,
                "password_reset.link_sent",
                actor,
                "success",
            )
            .target(user.id.as_str())
            .detail("purpose", serde_json::to_value(purpose).unwrap_or_default())
            .detail("recipient_overridden", false)
            .detail("reset_mfa", job.reset_mfa)
            .detail("job_id", job.id.as_str()),
        ));
        writes.push(Write::PutResetToken(record));
    }
    writes.push(Write::Job(JobWrite::Mark {
        tenant: tenant.id.clone(),
        job: job.id.clone(),
        user: user.id.clone(),
        mark: JobMark {
            outcome: plan.outcome(),
            at: now,
        },
    }));
    writes.push(Write::SaveUser(updated));
    writes
}
