//! A password change the account must make before anything else: why it must
//! (so the page says the right thing), and when the password it was just
//! signed in with need not be typed a second time.

use serde::{Deserialize, Serialize};

use super::{Instant, Session, User};

/// Why an account must change its password at its next sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MustChangeReason {
    /// Someone else (an administrator, support) set the password it signs in with.
    TemporaryPassword,
    /// An administrator asked for a new password.
    AdminRequested,
    /// The password is older than the tenant allows.
    Expired,
}

/// How long after signing in a restricted session may change its password
/// without typing the current one again: it was typed for the sign-in a
/// moment ago. Later the session may have been left open on a shared screen.
pub const FRESH_SIGN_IN_SECONDS: i64 = 300;

impl User {
    /// The account must choose a new password at its next sign-in, for `reason`.
    pub fn require_change(&mut self, reason: MustChangeReason) {
        self.must_change_password = true;
        self.must_change_reason = Some(reason);
    }

    /// No change is required any more (a new password was set, or an
    /// administrator lifted the requirement).
    pub fn clear_forced_change(&mut self) {
        self.must_change_password = false;
        self.must_change_reason = None;
    }

    /// Why the account must change its password, when it must. A requirement
    /// stored before reasons were (or set by the seed file) reads as an
    /// administrator's request: someone other than the user set it.
    pub fn forced_change_reason(&self) -> Option<MustChangeReason> {
        self.must_change_password.then(|| {
            self.must_change_reason
                .unwrap_or(MustChangeReason::AdminRequested)
        })
    }
}

/// Whether a password change on `session` may leave out the current
/// password: only on a session restricted to changing it (the account must
/// change it) and created at most [`FRESH_SIGN_IN_SECONDS`] before `now`.
/// Any other session, and this one later, must type it.
pub fn current_password_optional(user: &User, session: &Session, now: Instant) -> bool {
    let age = now - session.created_at;
    user.must_change_password
        && session.tenant_id == user.tenant_id
        && session.user_id == user.id
        && !age.is_negative()
        && age.whole_seconds() <= FRESH_SIGN_IN_SECONDS
}
