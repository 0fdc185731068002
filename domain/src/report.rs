//! "This wasn't me": every mail about a change to an account's credentials
//! carries a single-use link with which the mailbox holder says the change was
//! not theirs. Using it stops sign-in to the account until a new password is
//! set (by a reset, or by an administrator), and tells the tenant's owners and
//! admins.

use std::collections::BTreeSet;

use secrecy::SecretString;

use super::{Instant, MailKind, ResetPurpose, ResetToken, Role, Status, User, new_token};

/// How long a report link works: a person may read the mail days later, and
/// a thief who changed the password gains nothing by waiting it out.
pub const REPORT_LINK_SECONDS: u64 = 7 * 86_400;

/// At most this many owners and admins are mailed about one report (one
/// atomic unit holds the mails).
pub const MAX_REPORT_RECIPIENTS: usize = 20;

impl ResetToken {
    /// The report link of the mail `change` about `user`'s account, for a
    /// change made by `issued_by` (who the admins' mail and the audit name).
    pub fn report(
        user: &User,
        now: Instant,
        change: MailKind,
        issued_by: &str,
    ) -> (SecretString, Self) {
        let (token, hash) = new_token();
        let record = Self {
            hash,
            tenant_id: user.tenant_id.clone(),
            user_id: user.id.clone(),
            purpose: ResetPurpose::Report,
            issued_by: issued_by.to_owned(),
            cred_gen: user.cred_gen,
            token_gen: user.token_gen,
            created_at: now,
            expires_at: super::after_seconds(now, REPORT_LINK_SECONDS),
            used_at: None,
            reset_mfa: false,
            lock_until: None,
            reported_change: Some(change),
        };
        (token, record)
    }

    /// Whether this report link still works for `user`. Unlike a reset link
    /// it does not die with the account's generations: a thief's next change
    /// (a second password change, a factor added) must not cancel the
    /// owner's report of the first.
    pub fn is_live_report(&self, now: Instant, user: &User) -> bool {
        self.purpose == ResetPurpose::Report
            && self.used_at.is_none()
            && now < self.expires_at
            && self.tenant_id == user.tenant_id
            && self.user_id == user.id
    }
}

impl User {
    /// The account was reported at `now`: sign-in stops (until a new
    /// password is set), a new password is required, and every session and
    /// outstanding link dies. Status stays as it was, so that a reset (the
    /// owner's own, or one an administrator sends) restores the account.
    pub fn mark_reported(&mut self, now: Instant) {
        self.reported_at = Some(now);
        self.must_change_password = true;
        self.cred_gen += 1;
        self.token_gen += 1;
    }

    pub fn is_reported(&self) -> bool {
        self.reported_at.is_some()
    }
}

/// Whom a report of `reported` is mailed to, among `candidates`: the
/// tenant's active owners and admins with a deliverable address (owners
/// first, then by username; one mail per address), never the reported
/// account itself, nor another reported one (it cannot act until restored).
pub fn report_recipients<'a>(reported: &User, candidates: &'a [User]) -> Vec<&'a User> {
    let mut chosen: Vec<&User> = candidates
        .iter()
        .filter(|u| {
            u.tenant_id == reported.tenant_id
                && u.id != reported.id
                && u.is_admin_like()
                && u.status == Status::Active
                && !u.is_reported()
                && u.deliverable_email().is_some()
        })
        .collect();
    chosen.sort_by_key(|u| (u.role != Role::Owner, u.username_key()));
    let mut addresses = BTreeSet::new();
    chosen.retain(|u| addresses.insert(u.email_key()));
    chosen.truncate(MAX_REPORT_RECIPIENTS);
    chosen
}
