//! The requirements, from each standard's own text (docs/compliance.md
//! quotes them): NIST SP 800-63B-4, PCI DSS 4.0.1 and OWASP ASVS 5.0.
//!
//! A requirement the product does not enforce is `not_met` whatever the
//! settings, with what is missing said in `because`.

use serde_json::json;

use super::{Bound, Floor, Profile, Requirement, Verdict};
use crate::policy::common_password_count;
use crate::settings::{
    FAILURE_CEILING_HIGHEST, MAX_LENGTH_LOWEST, MIN_LENGTH_LOWEST, MfaRequiredFor,
    SESSION_TTL_HIGHEST, Settings,
};

use Profile::{AsvsL2 as L2, AsvsL3 as L3, Nist80063b4 as NIST, PciDss401 as PCI};

const ASVS: &[Profile] = &[L2, L3];

// ---- the floors, shared where two standards ask the same ----

const NO_COMPOSITION: &[Floor] = &[
    Floor {
        field: "password_policy.require_classes",
        bound: Bound::AtMost(0),
        read: |s| json!(s.password_policy.require_classes),
        unless: None,
        conform: |s| s.password_policy.require_classes = 0,
    },
    Floor {
        field: "password_policy.require_letter_and_digit",
        bound: Bound::Is(false),
        read: |s| json!(s.password_policy.require_letter_and_digit),
        unless: None,
        conform: |s| s.password_policy.require_letter_and_digit = false,
    },
];

const NO_EXPIRY: &[Floor] = &[Floor {
    field: "password_max_age_days",
    bound: Bound::Null,
    read: |s| json!(s.password_max_age_days),
    unless: None,
    conform: |s| s.password_max_age_days = None,
}];

const BLOCK_COMMON: Floor = Floor {
    field: "password_policy.block_common",
    bound: Bound::Is(true),
    read: |s| json!(s.password_policy.block_common),
    unless: None,
    conform: |s| s.password_policy.block_common = true,
};

const BLOCK_BREACHED: Floor = Floor {
    field: "password_policy.block_breached",
    bound: Bound::Is(true),
    read: |s| json!(s.password_policy.block_breached),
    unless: None,
    conform: |s| s.password_policy.block_breached = true,
};

fn every_account_has_mfa(s: &Settings) -> bool {
    s.mfa_required_for == MfaRequiredFor::Everyone
}

// ---- the fixed behaviour, in words ----

const BREACH_FAIL_OPEN: &str = "The breach service is asked with 5 hex digits of the SHA-1 only; when it does not answer in time the check is skipped and that is audited";

/// The tests that prove the idle timeout ends an unused session.
const IDLE_TESTS: &[&str] = &[
    "core/tests/usecases/my_sessions.rs::a_session_unused_past_the_idle_timeout_is_refused_like_an_expired_one",
    "domain/src/rules_tests.rs::a_session_records_its_use_once_a_minute_and_idles_out_after_its_last_use",
];

/// Met when `session_idle_timeout_seconds` is set (and at most `max` when
/// the standard names one). A use is recorded at most once a minute, so a
/// session ends within a minute of the timeout, never after it plus a minute.
fn idle_within(s: &Settings, max: Option<u64>) -> Verdict {
    match (s.session_idle_timeout_seconds, max) {
        (Some(v), Some(max)) if v <= max => Verdict::met(format!(
            "session_idle_timeout_seconds is {v} (at most {max}): an unused session is refused and must sign in again"
        )),
        (Some(v), Some(max)) => Verdict::not_met(format!(
            "session_idle_timeout_seconds is {v}; the standard asks for at most {max}"
        )),
        (Some(v), None) => Verdict::met(format!(
            "session_idle_timeout_seconds is {v}: an unused session is refused and must sign in again"
        )),
        (None, _) => Verdict::not_met(
            "session_idle_timeout_seconds is off: a session lasts its session_ttl_seconds however long it sits unused",
        ),
    }
}

fn floors_only(r: &Requirement, s: &Settings, _: Profile) -> Verdict {
    r.by_floors(s, "")
}

fn fixed_met(text: &'static str) -> Verdict {
    Verdict::met(text)
}

/// Every requirement the profiles hold, in the order a report lists them.
mod asvs;
mod nist_pci;

/// Every requirement of every profile: NIST SP 800-63B-4 and PCI DSS 4.0.1
/// (`nist_pci.rs`), then OWASP ASVS 5.0 (`asvs.rs`).
pub fn requirements() -> impl Iterator<Item = &'static Requirement> {
    nist_pci::REQUIREMENTS
        .iter()
        .chain(asvs::REQUIREMENTS.iter())
}
