//! Making an account: one set of checks for every way an account comes to be
//! (an admin through the API, an operator's `latchkey user create` and
//! `user import`, a seed file), so no path stores an "address" that reaches a
//! second inbox or a name no one could type.

use std::collections::BTreeSet;

use super::identity::{username_display, username_problem, valid_email};
use super::{Instant, Locale, Permission, Role, Source, Status, TenantId, User, UserId, new_salt};

/// What a new account is made of, whoever makes it.
#[derive(Clone, Debug, Default)]
pub struct NewAccount {
    /// As typed; stored as it renders (`identity::username_display`).
    pub username: String,
    /// One mailbox (`identity::valid_email`); stored trimmed.
    pub email: Option<String>,
    pub role: Role,
    /// Only an admin has permissions of its own (an owner has them all).
    pub permissions: BTreeSet<Permission>,
    pub source: Source,
    pub can_change_password: bool,
    pub locale: Option<Locale>,
}

/// Why an account was not made: the field at fault, a machine code and a
/// reason (English, shown as `field: reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct Refused {
    pub field: &'static str,
    pub code: &'static str,
    pub reason: &'static str,
}

impl User {
    /// A pending account (no password yet: it activates with a link), or why
    /// `new` cannot be one. Two names that look alike share one key, so the
    /// store refuses the second (`UsernameTaken`); that check is the store's.
    pub fn new_pending(tenant: &TenantId, new: NewAccount, now: Instant) -> Result<Self, Refused> {
        let username = username_display(&new.username);
        if let Some(reason) = username_problem(&username) {
            return Err(Refused {
                field: "username",
                code: "invalid_username",
                reason,
            });
        }
        if new.email.as_deref().is_some_and(|e| !valid_email(e)) {
            return Err(Refused {
                field: "email",
                code: "not_a_mailbox",
                reason: "not a single mailbox",
            });
        }
        if new.role == Role::User && !new.permissions.is_empty() {
            return Err(Refused {
                field: "permissions",
                code: "admins_only",
                reason: "are for admins only",
            });
        }
        Ok(Self {
            tenant_id: tenant.clone(),
            id: UserId::generate(),
            username,
            email: new.email.map(|e| e.trim().to_owned()),
            role: new.role,
            permissions: new.permissions,
            status: Status::PendingActivation,
            source: new.source,
            can_change_password: new.can_change_password,
            must_change_password: false,
            must_change_reason: None,
            mfa_enabled: false,
            totp_secret: None,
            totp_pending_secret: None,
            totp_last_step: None,
            password_hash: None,
            password_salt: new_salt(),
            password_history: Vec::new(),
            cred_gen: 0,
            token_gen: 0,
            version: 0,
            created_at: now,
            password_changed_at: None,
            email_status: Default::default(),
            recovery_codes: Vec::new(),
            locale: new.locale,
            reported_at: None,
            last_sign_in_at: None,
            expiry_reminders_sent: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> TenantId {
        TenantId::parse("acme").unwrap()
    }

    fn with_email(email: &str) -> NewAccount {
        NewAccount {
            username: "alice".into(),
            email: Some(email.into()),
            can_change_password: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_good_account_is_pending_with_its_address_trimmed() {
        // GIVEN a name and one mailbox with spaces around it
        // WHEN it is made
        let user = User::new_pending(
            &acme(),
            with_email(" alice@acme.test "),
            time::OffsetDateTime::UNIX_EPOCH,
        )
        .unwrap();
        // THEN it waits for activation, with the address as it is meant
        assert_eq!(user.status, Status::PendingActivation);
        assert_eq!(user.email.as_deref(), Some("alice@acme.test"));
        assert!(user.password_hash.is_none());
    }

    #[test]
    fn an_address_that_reaches_another_inbox_is_refused() {
        for bad in [
            "a@x.test,b@evil.test",
            "Boss <b@evil.test>",
            "a@x.test\r\nBcc: b@evil.test",
        ] {
            // GIVEN an address that is more than one mailbox
            // WHEN an account is made with it
            let refused =
                User::new_pending(&acme(), with_email(bad), time::OffsetDateTime::UNIX_EPOCH)
                    .unwrap_err();
            // THEN the email is refused, saying why
            assert_eq!(
                refused.to_string(),
                "email: not a single mailbox",
                "{bad:?}"
            );
            assert_eq!(refused.code, "not_a_mailbox");
        }
    }

    #[test]
    fn a_bad_name_and_a_user_with_permissions_are_refused() {
        let now = time::OffsetDateTime::UNIX_EPOCH;
        let spaced = NewAccount {
            username: "a\r\nb".into(),
            ..Default::default()
        };
        assert_eq!(
            User::new_pending(&acme(), spaced, now).unwrap_err().field,
            "username"
        );
        let user_with_rights = NewAccount {
            username: "u".into(),
            permissions: [Permission::UsersRead].into_iter().collect(),
            ..Default::default()
        };
        assert_eq!(
            User::new_pending(&acme(), user_with_rights, now)
                .unwrap_err()
                .to_string(),
            "permissions: are for admins only"
        );
    }
}
