//! The mails about a change to an account's credentials, each saying who made
//! it and carrying the "This wasn't me" link that reports it; and the mail
//! that tells the tenant's owners and admins of such a report.

use super::{AskedBy, Body, Email, Instant, MailContext, MailKind, i18n, plain_text};

/// What changed on the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change<'a> {
    Password,
    MfaOn,
    MfaOff,
    /// The address changed (the mail goes to the old one); the new one, masked.
    Email {
        new_masked: &'a str,
    },
    /// Someone signed in with a recovery code; this many are left.
    RecoveryCodeUsed {
        left: usize,
    },
}

impl Change<'_> {
    /// The kind of the mail that tells of it.
    pub fn kind(self) -> MailKind {
        match self {
            Change::Password => MailKind::PasswordChanged,
            Change::MfaOn | Change::MfaOff => MailKind::MfaChanged,
            Change::Email { .. } => MailKind::EmailChanged,
            Change::RecoveryCodeUsed { .. } => MailKind::RecoveryCodeUsed,
        }
    }
}

/// Who made a change, and the link with which the mailbox holder reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangeNotice<'a> {
    pub by: AskedBy<'a>,
    /// The "This wasn't me" link (its token in the fragment) and its end.
    pub report: Option<(&'a str, Instant)>,
}

impl MailContext<'_> {
    /// The mail that tells the account of a change to its credentials: what
    /// changed, who made it (except for a recovery code, which only its
    /// holder can use), and the "This wasn't me" link when there is one.
    pub fn credential_changed(
        &self,
        to: &str,
        username: &str,
        change: Change<'_>,
        notice: ChangeNotice<'_>,
    ) -> Email {
        let (subject, intro, body) = match change {
            Change::Password => (
                self.t("mail-changed-subject", username),
                self.t("mail-changed-intro", username),
                "mail-changed-body",
            ),
            Change::MfaOn => (
                self.t("mail-mfa-on-subject", username),
                self.t("mail-mfa-on-intro", username),
                "mail-mfa-body",
            ),
            Change::MfaOff => (
                self.t("mail-mfa-off-subject", username),
                self.t("mail-mfa-off-intro", username),
                "mail-mfa-body",
            ),
            Change::Email { new_masked } => (
                self.t("mail-email-changed-subject", username),
                self.t_with(
                    "mail-email-changed-intro",
                    &[
                        ("tenant", self.name().into()),
                        ("username", username.into()),
                        ("address", new_masked.into()),
                    ],
                ),
                "mail-email-changed-body",
            ),
            Change::RecoveryCodeUsed { left } => (
                self.t("mail-recovery-used-subject", username),
                self.t_with(
                    "mail-recovery-used-intro",
                    &[
                        ("tenant", self.name().into()),
                        ("username", username.into()),
                        ("count", i64::try_from(left).unwrap_or(i64::MAX).into()),
                    ],
                ),
                "mail-recovery-used-body",
            ),
        };
        let mut paragraphs = vec![intro];
        if !matches!(change, Change::RecoveryCodeUsed { .. }) {
            paragraphs.push(self.changed_by(username, notice.by));
        }
        paragraphs.push(self.t(body, username));
        let link = notice.report.map(|(url, expires_at)| {
            let valid_for = i18n::duration(self.locale, (expires_at - self.now).whole_seconds());
            paragraphs.push(self.t_with(
                "mail-report-hint",
                &[
                    ("tenant", self.name().into()),
                    ("username", username.into()),
                    ("duration", (&valid_for).into()),
                ],
            ));
            (url, self.t("mail-report-button", username))
        });
        self.email(
            to,
            Body {
                kind: change.kind(),
                subject,
                paragraphs,
                link,
            },
        )
    }

    /// The "your password was changed" mail of the account's own change,
    /// without a report link (tools and tests; the use cases send
    /// [`MailContext::credential_changed`] with one).
    pub fn password_changed(&self, to: &str, username: &str) -> Email {
        self.credential_changed(
            to,
            username,
            Change::Password,
            ChangeNotice {
                by: AskedBy::Themselves,
                report: None,
            },
        )
    }

    /// The line that says who made a change.
    fn changed_by(&self, username: &str, by: AskedBy<'_>) -> String {
        let (id, who) = match by {
            AskedBy::Themselves => ("mail-change-by-self", ""),
            AskedBy::Admin(name) => ("mail-change-by-admin", name),
            AskedBy::Bulk(name) => ("mail-change-by-bulk", name),
            AskedBy::Support { ticket } => ("mail-change-by-support", ticket),
        };
        let who = plain_text(who);
        self.t_with(
            id,
            &[
                ("tenant", self.name().into()),
                ("username", username.into()),
                ("who", who.as_str().into()),
            ],
        )
    }

    /// To an owner or admin of the tenant: `username`'s mailbox holder said
    /// the change the mail of kind `change` told of was not theirs. Sign-in
    /// to the account is stopped until a new password is set.
    pub fn account_reported(&self, to: &str, username: &str, change: Option<MailKind>) -> Email {
        let what = match change {
            Some(MailKind::MfaChanged) => "mail-reported-what-mfa",
            Some(MailKind::EmailChanged) => "mail-reported-what-email",
            Some(MailKind::RecoveryCodeUsed) => "mail-reported-what-recovery",
            _ => "mail-reported-what-password",
        };
        self.email(
            to,
            Body {
                kind: MailKind::AccountReported,
                subject: self.t("mail-reported-subject", username),
                paragraphs: vec![
                    self.t("mail-reported-intro", username),
                    self.t(what, username),
                    self.t("mail-reported-body", username),
                ],
                link: None,
            },
        )
    }
}
