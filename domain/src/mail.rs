//! The emails Latchkey sends. Rendering is pure; delivery is a port.

use serde::{Deserialize, Serialize};

use super::i18n::{self, Args, Locale};
use super::{Instant, Tenant, TenantId, random_bytes};

#[path = "mail_changes.rs"]
mod changes;
pub use changes::{Change, ChangeNotice};

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
    /// To the tenant's owners and admins: an account's mailbox holder said a
    /// change to it was not theirs ("This wasn't me").
    AccountReported,
    /// The password expires in a few days (`expiry_reminder_days`).
    PasswordExpiryReminder,
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
    /// The language it is written in (queued mails from before had English).
    #[serde(default)]
    pub locale: Locale,
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

pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The colour of the mail's header and button when the tenant chose none.
pub const DEFAULT_BRAND_COLOR: &str = "#1f3d8a";

/// A `From` mailbox: the display name (RFC 2047 encoded when it is not plain
/// ASCII, quoted otherwise) and the deployment's verified address, unchanged.
pub fn from_mailbox(display_name: Option<&str>, address: &str) -> String {
    let Some(name) = display_name.map(str::trim).filter(|n| !n.is_empty()) else {
        return address.to_owned();
    };
    // Validation keeps control characters out; this keeps a header intact anyway.
    // Names stored before bidi controls were refused still lose them here.
    let name: String = without_controls(name).collect();
    if name.is_ascii() {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{quoted}\" <{address}>")
    } else {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(name.as_bytes());
        format!("=?utf-8?B?{b64}?= <{address}>")
    }
}

/// `s` without control or bidi characters: a header stays one line, and no
/// name in a mail (a username, a brand stored before the rule, a ticket) may
/// reorder what a reader sees.
fn without_controls(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| !c.is_control() && !crate::tenant::is_bidi_control(*c))
}

/// Who caused a mail (a link, a change), as the mail says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskedBy<'a> {
    /// The account's own request (forgot password): anyone can make one, so
    /// the mail says to ignore it if it was not theirs.
    Themselves,
    /// An administrator of the tenant, by name.
    Admin(&'a str),
    /// An administrator's reset of many accounts at once, by name.
    Bulk(&'a str),
    /// Platform support, with the ticket it answers.
    Support { ticket: &'a str },
}

/// A name or ticket as mail text: without controls, at most 200 characters.
fn plain_text(s: &str) -> String {
    without_controls(s).take(200).collect()
}

/// Everything rendering needs to know about where the mail is from and whom
/// it is for: the tenant (name, brand), the deployment's sender address, the
/// logo's absolute URL when the tenant has one, and the recipient's language.
pub struct MailContext<'a> {
    pub tenant: &'a Tenant,
    pub from: &'a str,
    pub logo_url: Option<String>,
    pub now: Instant,
    pub locale: Locale,
}

/// One mail's words before they are laid out as text and HTML.
struct Body<'a> {
    kind: MailKind,
    subject: String,
    paragraphs: Vec<String>,
    /// The link and the words on its button.
    link: Option<(&'a str, String)>,
}

impl MailContext<'_> {
    fn t(&self, id: &str, username: &str) -> String {
        self.t_with(
            id,
            &[
                ("tenant", self.name().into()),
                ("username", username.into()),
            ],
        )
    }

    fn t_with(&self, id: &str, args: &Args<'_>) -> String {
        i18n::text(self.locale, id, args)
    }

    fn name(&self) -> &str {
        self.tenant.display_name()
    }

    /// The support contact's lines (text and HTML show the same ones).
    fn support_lines(&self) -> Vec<String> {
        let Some(c) = &self.tenant.settings.branding.support_contact else {
            return Vec::new();
        };
        [
            ("mail-support-email", &c.email),
            ("mail-support-phone", &c.phone),
            ("mail-support-url", &c.url),
        ]
        .into_iter()
        .filter_map(|(id, v)| {
            let v = v.as_deref().filter(|v| !v.trim().is_empty())?;
            Some(self.t_with(id, &[("address", v.into())]))
        })
        .collect()
    }

    fn email(&self, to: &str, body: Body<'_>) -> Email {
        let support = self.support_lines();
        let support_heading =
            self.t_with("mail-support-heading", &[("tenant", self.name().into())]);
        let automatic = self.t_with("mail-automatic", &[("tenant", self.name().into())]);

        // The text part is complete on its own: every paragraph, the link
        // (verbatim, on its own line), the support contact.
        let mut text = body.paragraphs.join("\n\n");
        if let Some((link, _)) = &body.link {
            text.push_str("\n\n");
            text.push_str(&self.t_with("mail-link-hint", &[]));
            text.push('\n');
            text.push_str(link);
        }
        text.push_str("\n\n-- \n");
        if !support.is_empty() {
            text.push_str(&support_heading);
            text.push('\n');
            for line in &support {
                text.push_str(line);
                text.push('\n');
            }
        }
        text.push_str(&automatic);
        text.push('\n');

        let html = self.html(&body, &support_heading, &support, &automatic);
        let from_name = self
            .tenant
            .settings
            .branding
            .email_from_name
            .as_deref()
            .or(Some(self.name()));
        Email {
            id: hex::encode(random_bytes::<12>()),
            tenant_id: self.tenant.id.clone(),
            to: to.to_owned(),
            from: from_mailbox(from_name, self.from),
            subject: without_controls(&body.subject).collect(),
            html,
            text,
            kind: body.kind,
            locale: self.locale,
            created_at: self.now,
        }
    }

    /// The branded HTML part: a header in the tenant's colour with its logo and
    /// name, the paragraphs, the link as a button (once), the support contact.
    /// Every value is escaped; the colour was validated as `#rrggbb`.
    fn html(
        &self,
        body: &Body<'_>,
        support_heading: &str,
        support: &[String],
        automatic: &str,
    ) -> String {
        let color = self
            .tenant
            .settings
            .branding
            .primary_color
            .as_deref()
            .filter(|c| super::parse_hex_color(c).is_some())
            .unwrap_or(DEFAULT_BRAND_COLOR);
        let name = escape_html(self.name());
        let mut out = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
             <body style=\"margin:0;padding:0;background:#f4f5f7;font-family:sans-serif;color:#1d2330\">\
             <div style=\"max-width:600px;margin:0 auto;background:#ffffff\">\
             <div style=\"background:{color};color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold\">",
            self.locale,
            escape_html(&body.subject)
        );
        if let Some(logo) = &self.logo_url {
            out.push_str(&format!(
                "<img src=\"{}\" alt=\"\" height=\"40\" style=\"height:40px;vertical-align:middle;margin-right:12px\">",
                escape_html(logo)
            ));
        }
        out.push_str(&format!(
            "<span>{name}</span></div><div style=\"padding:24px\">"
        ));
        for p in &body.paragraphs {
            out.push_str(&format!("<p>{}</p>", escape_html(p)));
        }
        if let Some((link, label)) = &body.link {
            out.push_str(&format!(
                "<p><a href=\"{}\" style=\"display:inline-block;background:{color};color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold\">{}</a></p>",
                escape_html(link),
                escape_html(label)
            ));
        }
        out.push_str("</div><div style=\"padding:16px 24px;border-top:1px solid #e1e4ea;color:#4f5868;font-size:13px\">");
        if !support.is_empty() {
            out.push_str(&format!("<p>{}<br>", escape_html(support_heading)));
            let lines: Vec<String> = support.iter().map(|l| escape_html(l)).collect();
            out.push_str(&lines.join("<br>"));
            out.push_str("</p>");
        }
        out.push_str(&format!(
            "<p>{}</p></div></div></body></html>",
            escape_html(automatic)
        ));
        out
    }

    /// The reset (or activation) link email. `link` holds the token in its
    /// fragment; its validity is said as a duration, not a time of day. The
    /// mail says who asked: a link an administrator or support sent must not
    /// read like an unsolicited request ("if not, ignore this"), or people
    /// ignore the real ones and learn to trust the words of phishing.
    pub fn reset_link(
        &self,
        to: &str,
        username: &str,
        link: &str,
        expires_at: Instant,
        kind: MailKind,
        asked_by: AskedBy<'_>,
    ) -> Email {
        let valid_for = i18n::duration(self.locale, (expires_at - self.now).whole_seconds());
        let validity = self.t_with("mail-reset-validity", &[("duration", (&valid_for).into())]);
        let (subject, button) = match kind {
            MailKind::Activation => ("mail-activation-subject", "mail-activation-button"),
            _ => ("mail-reset-subject", "mail-reset-button"),
        };
        let with = |id: &str, who: &str| {
            let who = plain_text(who);
            self.t_with(
                id,
                &[
                    ("tenant", self.name().into()),
                    ("username", username.into()),
                    ("who", who.as_str().into()),
                ],
            )
        };
        let intro = match (kind, asked_by) {
            (MailKind::Activation, AskedBy::Admin(admin) | AskedBy::Bulk(admin)) => {
                with("mail-activation-intro-admin", admin)
            }
            (MailKind::Activation, _) => self.t("mail-activation-intro", username),
            (_, AskedBy::Themselves) => self.t("mail-reset-intro", username),
            (_, AskedBy::Admin(admin)) => with("mail-reset-intro-admin", admin),
            (_, AskedBy::Bulk(admin)) => with("mail-reset-intro-bulk", admin),
            (_, AskedBy::Support { ticket }) => with("mail-reset-intro-support", ticket),
        };
        self.email(
            to,
            Body {
                kind,
                subject: self.t(subject, username),
                paragraphs: vec![intro, validity],
                link: Some((link, self.t(button, username))),
            },
        )
    }

    pub fn contact_admin(&self, to: &str, username: &str) -> Email {
        self.plain(to, username, MailKind::ContactAdmin, "mail-contact-admin")
    }

    pub fn link_sent_elsewhere(&self, to: &str, username: &str) -> Email {
        self.plain(
            to,
            username,
            MailKind::ResetLinkSentElsewhere,
            "mail-elsewhere",
        )
    }

    /// The ceiling of failed sign-ins over all addresses was reached: the
    /// mail carries the single-use link that lifts the lock (for every role:
    /// owners and admins cannot reset by email, and must not need support to
    /// get back in after someone else's guesses).
    pub fn account_locked(
        &self,
        to: &str,
        username: &str,
        unlock_url: &str,
        expires_at: Instant,
    ) -> Email {
        let valid_for = i18n::duration(self.locale, (expires_at - self.now).whole_seconds());
        let validity = self.t_with("mail-reset-validity", &[("duration", (&valid_for).into())]);
        self.email(
            to,
            Body {
                kind: MailKind::AccountLocked,
                subject: self.t("mail-locked-subject", username),
                paragraphs: vec![
                    self.t("mail-locked-intro", username),
                    self.t("mail-locked-body", username),
                    validity,
                ],
                link: Some((unlock_url, self.t("mail-locked-button", username))),
            },
        )
    }

    /// The password expires `days` days from today: change it before then
    /// (`account_url`: the account page, where the change is made).
    pub fn password_expiry_reminder(
        &self,
        to: &str,
        username: &str,
        days: u16,
        account_url: &str,
    ) -> Email {
        let duration = self.t_with("duration-days", &[("count", i64::from(days).into())]);
        let t = |id: &str| {
            self.t_with(
                id,
                &[
                    ("tenant", self.name().into()),
                    ("username", username.into()),
                    ("duration", duration.as_str().into()),
                ],
            )
        };
        self.email(
            to,
            Body {
                kind: MailKind::PasswordExpiryReminder,
                subject: t("mail-expiry-subject"),
                paragraphs: vec![t("mail-expiry-intro"), t("mail-expiry-body")],
                link: Some((account_url, t("mail-expiry-button"))),
            },
        )
    }

    /// A mail of subject, intro and body, without a link.
    fn plain(&self, to: &str, username: &str, kind: MailKind, prefix: &str) -> Email {
        self.email(
            to,
            Body {
                kind,
                subject: self.t(&format!("{prefix}-subject"), username),
                paragraphs: vec![
                    self.t(&format!("{prefix}-intro"), username),
                    self.t(&format!("{prefix}-body"), username),
                ],
                link: None,
            },
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
