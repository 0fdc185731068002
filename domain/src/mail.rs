//! The emails Latchkey sends. Rendering is pure; delivery is a port.

use serde::{Deserialize, Serialize};

use super::{Instant, TenantId, random_bytes, rfc3339};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    PasswordReset,
    PasswordChanged,
    ContactAdmin,
    Activation,
    /// An admin sent the account's reset link to another address.
    ResetLinkSentElsewhere,
    /// Too many failed sign-ins from everywhere: locked until a reset.
    AccountLocked,
    /// The account's email address was changed (sent to the old address).
    EmailChanged,
    /// Two-step sign-in was turned on or off.
    MfaChanged,
    /// A recovery code was used to sign in.
    RecoveryCodeUsed,
}

/// `alice@example.com` -> `a***@e***.com`: enough for the owner to recognise an
/// address, too little to learn someone else's.
pub fn mask_email(email: &str) -> String {
    let Some((local, domain)) = email.split_once('@') else {
        return "***".into();
    };
    let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
    let tld = if tld.is_empty() {
        String::new()
    } else {
        format!(".{tld}")
    };
    format!("{}***@{}***{tld}", first(local), first(host))
}

/// One email. Its body can hold a reset link, so `Debug` leaves the bodies out.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Email {
    pub id: String,
    pub tenant_id: TenantId,
    pub to: String,
    pub from: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub kind: MailKind,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: Instant,
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Email")
            .field("id", &self.id)
            .field("tenant_id", &self.tenant_id)
            .field("kind", &self.kind)
            .field("body", &"[REDACTED]")
            .finish()
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn html_page(paragraphs: &[String], link: Option<&str>) -> String {
    let mut body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape_html(p)))
        .collect();
    if let Some(link) = link {
        let l = escape_html(link);
        body.push_str(&format!(r#"<p><a href="{l}">{l}</a></p>"#));
    }
    format!("<!doctype html><html><body style=\"font-family:sans-serif\">{body}</body></html>")
}

/// Everything rendering needs to know about where the mail is from.
pub struct MailContext<'a> {
    pub tenant_id: &'a TenantId,
    pub tenant_name: &'a str,
    pub from: &'a str,
    pub now: Instant,
}

impl MailContext<'_> {
    fn email(
        &self,
        to: &str,
        kind: MailKind,
        subject: String,
        lines: Vec<String>,
        link: Option<&str>,
    ) -> Email {
        let mut text = lines.join("\n\n");
        if let Some(link) = link {
            text.push_str("\n\n");
            text.push_str(link);
        }
        text.push('\n');
        Email {
            id: hex::encode(random_bytes::<12>()),
            tenant_id: self.tenant_id.clone(),
            to: to.to_owned(),
            from: self.from.to_owned(),
            subject,
            html: html_page(&lines, link),
            text,
            kind,
            created_at: self.now,
        }
    }

    /// The reset (or activation) link email. `link` holds the token in its fragment.
    pub fn reset_link(
        &self,
        to: &str,
        username: &str,
        link: &str,
        expires_at: Instant,
        kind: MailKind,
    ) -> Email {
        let (subject, intro) = match kind {
            MailKind::Activation => (
                format!("Activate your {} account", self.tenant_name),
                format!(
                    "An account with the username {username} was set up for you at {}. Choose a password with the link below.",
                    self.tenant_name
                ),
            ),
            _ => (
                format!("Reset your {} password", self.tenant_name),
                format!(
                    "Someone asked to reset the password of {username} at {}. If it was you, choose a new password with the link below. If not, ignore this email: your password stays as it is.",
                    self.tenant_name
                ),
            ),
        };
        self.email(
            to,
            kind,
            subject,
            vec![
                intro,
                format!(
                    "The link works once and expires at {}.",
                    rfc3339(expires_at)
                ),
            ],
            Some(link),
        )
    }

    pub fn contact_admin(&self, to: &str, username: &str) -> Email {
        self.email(
            to,
            MailKind::ContactAdmin,
            format!("About your {} password", self.tenant_name),
            vec![
                format!(
                    "Someone asked to reset the password of {username} at {}.",
                    self.tenant_name
                ),
                "This account's password cannot be reset by email. Please contact your administrator. If you did not ask, ignore this email.".into(),
            ],
            None,
        )
    }

    pub fn link_sent_elsewhere(&self, to: &str, username: &str) -> Email {
        self.email(
            to,
            MailKind::ResetLinkSentElsewhere,
            format!("A {} password link was sent for you", self.tenant_name),
            vec![
                format!(
                    "An administrator of {} sent a link to set the password of {username} to another email address.",
                    self.tenant_name
                ),
                "If you did not expect this, contact your administrator.".into(),
            ],
            None,
        )
    }

    /// The ceiling of failed sign-ins over all addresses was reached.
    pub fn account_locked(&self, to: &str, username: &str, forgot_url: &str) -> Email {
        self.email(
            to,
            MailKind::AccountLocked,
            format!("Your {} account was locked", self.tenant_name),
            vec![
                format!(
                    "There were too many failed sign-ins to {username} at {}, so the account is locked for everyone for now.",
                    self.tenant_name
                ),
                "Reset your password with the link below to unlock it at once. If the failed sign-ins were not yours, someone may be guessing your password: choose a new, unique one.".into(),
            ],
            Some(forgot_url),
        )
    }

    /// Sent to the old address when an admin changes an account's email.
    pub fn email_changed(&self, to: &str, username: &str, new_masked: &str) -> Email {
        self.email(
            to,
            MailKind::EmailChanged,
            format!("The email address of your {} account was changed", self.tenant_name),
            vec![
                format!(
                    "An administrator of {} changed the email address of {username} to {new_masked}. Password reset links now go there, and links sent before the change no longer work.",
                    self.tenant_name
                ),
                "If you did not expect this, contact your administrator at once.".into(),
            ],
            None,
        )
    }

    pub fn recovery_code_used(&self, to: &str, username: &str, left: usize) -> Email {
        self.email(
            to,
            MailKind::RecoveryCodeUsed,
            format!("A recovery code was used for your {} account", self.tenant_name),
            vec![
                format!(
                    "Someone signed in to {username} at {} with a recovery code at {}. {left} of your codes are left; each works once.",
                    self.tenant_name,
                    rfc3339(self.now)
                ),
                "If it was not you, reset your password and contact your administrator at once. If you lost your authenticator, set up a new one and make new recovery codes.".into(),
            ],
            None,
        )
    }

    pub fn mfa_changed(&self, to: &str, username: &str, enabled: bool) -> Email {
        let what = if enabled { "turned on" } else { "turned off" };
        self.email(
            to,
            MailKind::MfaChanged,
            format!("Two-step sign-in was {what} for your {} account", self.tenant_name),
            vec![
                format!(
                    "Two-step sign-in was {what} for {username} at {} at {}. Every other signed-in session was signed out.",
                    self.tenant_name,
                    rfc3339(self.now)
                ),
                "If you did not do this, reset your password and contact your administrator at once.".into(),
            ],
            None,
        )
    }

    pub fn password_changed(&self, to: &str, username: &str) -> Email {
        self.email(
            to,
            MailKind::PasswordChanged,
            format!("Your {} password was changed", self.tenant_name),
            vec![
                format!(
                    "The password of {username} at {} was changed at {}. Every other signed-in session was signed out.",
                    self.tenant_name,
                    rfc3339(self.now)
                ),
                "If you did not do this, contact your administrator at once.".into(),
            ],
            None,
        )
    }
}

#[cfg(test)]
mod mask_tests {
    #[test]
    fn masks_keep_first_letters_and_the_top_level_domain() {
        assert_eq!(super::mask_email("alice@example.com"), "a***@e***.com");
        assert_eq!(super::mask_email("x@localhost"), "x***@l***");
        assert_eq!(super::mask_email("nonsense"), "***");
    }
}
