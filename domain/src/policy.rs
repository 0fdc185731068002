//! The password policy and its six violation codes.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub max_length: usize,
    pub history: usize,
    pub block_common: bool,
    pub block_context: bool,
    pub require_classes: u8,
    /// Also refuse passwords seen in known breaches (Have I Been Pwned's range
    /// API, k-anonymity: only 5 hex digits of the SHA-1 leave). Off by default;
    /// when the service does not answer in time the check is skipped (fail
    /// open) and that is audited.
    pub block_breached: bool,
    /// A longer minimum for an account without a second factor, whose
    /// password alone signs it in (NIST SP 800-63B-4 §3.1.1.2: 15 for a
    /// single factor, 8 as part of multi-factor). `null`: `min_length` for
    /// everyone; a value below `min_length` changes nothing. Bounds: 8..=64.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length_without_mfa: Option<usize>,
    /// At least one letter and one digit (PCI DSS 4.0.1 8.3.6). A composition
    /// rule: NIST and ASVS forbid it, so their profiles refuse it.
    pub require_letter_and_digit: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_length: 12,
            max_length: 128,
            history: 5,
            block_common: true,
            block_context: true,
            require_classes: 0,
            block_breached: false,
            min_length_without_mfa: None,
            require_letter_and_digit: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ViolationCode {
    TooShort,
    TooLong,
    CommonPassword,
    ContainsContext,
    ReusedPassword,
    MissingCharacterClasses,
    BreachedPassword,
    /// `require_letter_and_digit`: no letter, or no digit.
    MissingLetterOrDigit,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Violation {
    pub code: ViolationCode,
    pub message: String,
}

/// What a password must not contain when `block_context` is on.
pub struct PolicyContext<'a> {
    pub username: &'a str,
    pub email: Option<&'a str>,
    pub tenant_name: &'a str,
}

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .filter(|l| !l.is_empty())
        .collect()
});

/// The number of entries in the embedded common-password list.
pub fn common_password_count() -> usize {
    COMMON.len()
}

fn char_classes(password: &str) -> u8 {
    let mut classes = [false; 4];
    for c in password.chars() {
        let i = if c.is_lowercase() {
            0
        } else if c.is_uppercase() {
            1
        } else if c.is_numeric() {
            2
        } else {
            3
        };
        classes[i] = true;
    }
    classes.iter().filter(|b| **b).count() as u8
}

/// Context words: the whole username, the email's local part and the tenant name,
/// plus their alphanumeric pieces of four characters or more.
fn context_words(ctx: &PolicyContext<'_>) -> Vec<String> {
    let mut whole = vec![ctx.username.to_lowercase(), ctx.tenant_name.to_lowercase()];
    if let Some(email) = ctx.email {
        let local = email.split('@').next().unwrap_or_default();
        whole.push(local.to_lowercase());
    }
    let mut words: Vec<String> = whole
        .iter()
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_owned)
        .collect();
    words.extend(
        whole
            .into_iter()
            .map(|w| w.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|w| w.chars().count() >= 3),
    );
    words
}

/// Whether `password` holds at least one letter and one digit (any script's).
fn has_letter_and_digit(password: &str) -> bool {
    password.chars().any(char::is_alphabetic) && password.chars().any(char::is_numeric)
}

impl PasswordPolicy {
    /// The least length a password may have where the account without a
    /// second factor signs in with it alone.
    pub fn single_factor_min_length(&self) -> usize {
        self.min_length
            .max(self.min_length_without_mfa.unwrap_or(self.min_length))
    }

    /// The policy a new password of an account meets: with `second_factor`
    /// false (no factor, or the factor goes in the same step) the minimum is
    /// the single-factor one.
    pub fn for_account(&self, second_factor: bool) -> PasswordPolicy {
        let mut p = self.clone();
        if !second_factor {
            p.min_length = self.single_factor_min_length();
        }
        p
    }

    /// Every violation except `reused_password`, which needs the hash (see the
    /// use cases). Lengths count Unicode scalar values.
    pub fn check(&self, password: &str, ctx: &PolicyContext<'_>) -> Vec<Violation> {
        let mut out = Vec::new();
        let len = password.chars().count();
        if len < self.min_length {
            out.push(Violation {
                code: ViolationCode::TooShort,
                message: format!("Use at least {} characters.", self.min_length),
            });
        }
        if len > self.max_length {
            out.push(Violation {
                code: ViolationCode::TooLong,
                message: format!("Use at most {} characters.", self.max_length),
            });
        }
        let lower = password.to_lowercase();
        if self.block_common && COMMON.contains(lower.as_str()) {
            out.push(Violation {
                code: ViolationCode::CommonPassword,
                message: "This password is too common.".into(),
            });
        }
        if self.block_context
            && context_words(ctx)
                .iter()
                .any(|w| lower.contains(w.as_str()))
        {
            out.push(Violation {
                code: ViolationCode::ContainsContext,
                message: "Do not use your username, email or organisation name.".into(),
            });
        }
        if char_classes(password) < self.require_classes {
            out.push(Violation {
                code: ViolationCode::MissingCharacterClasses,
                message: format!(
                    "Use at least {} of: lower case, upper case, digits, symbols.",
                    self.require_classes
                ),
            });
        }
        if self.require_letter_and_digit && !has_letter_and_digit(password) {
            out.push(Violation {
                code: ViolationCode::MissingLetterOrDigit,
                message: "Use at least one letter and one digit.".into(),
            });
        }
        out
    }

    pub fn breached_violation(&self, times: u64) -> Violation {
        Violation {
            code: ViolationCode::BreachedPassword,
            message: format!(
                "This password appeared {times} times in known data breaches. Choose another."
            ),
        }
    }

    pub fn reused_violation(&self) -> Violation {
        Violation {
            code: ViolationCode::ReusedPassword,
            message: format!(
                "Do not reuse your current password or any of your last {}.",
                self.history
            ),
        }
    }
}

#[cfg(test)]
mod property_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any password, any context, any policy: the check answers, and its
        /// length rules agree with the length it was given.
        #[test]
        fn the_policy_never_panics_and_measures_length_in_characters(
            password in "\\PC{0,80}",
            username in "\\PC{0,20}",
            min in 8usize..=64,
            classes in 0u8..=4,
        ) {
            let policy = PasswordPolicy { min_length: min, require_classes: classes, ..Default::default() };
            let ctx = PolicyContext { username: &username, email: None, tenant_name: "Acme" };
            let v = policy.check(&password, &ctx);
            let short = v.iter().any(|x| x.code == ViolationCode::TooShort);
            prop_assert_eq!(short, password.chars().count() < min);
            prop_assert!(v.iter().all(|x| !x.message.is_empty()));
        }
    }
}
