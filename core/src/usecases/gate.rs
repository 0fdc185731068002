//! The restricted-session gate: after [`Authenticate`](super::sessions::Authenticate),
//! whether this session may be used for an operation of the given
//! [`Access`] (the rule is in `domain::access`).

use super::AppError;
use super::sessions::Authenticated;
use crate::domain::access::Access;
use crate::domain::{Tenant, User};

/// Refuses a restricted session what its restriction does not allow:
/// `403 password_change_required` first (no second factor is enrolled with a
/// temporary password), then `403 mfa_enrollment_required`.
pub fn admit(auth: &Authenticated, access: Access) -> Result<(), AppError> {
    if auth.user.must_change_password && !access.allowed_while_password_change_required() {
        return Err(AppError::PasswordChangeRequired);
    }
    if !access.allowed_while_mfa_enrollment_required()
        && mfa_enrollment_required(&auth.tenant, &auth.user)
    {
        return Err(AppError::MfaEnrollmentRequired);
    }
    Ok(())
}

/// The tenant requires a second factor of this user, who has none yet.
pub fn mfa_enrollment_required(tenant: &Tenant, user: &User) -> bool {
    !user.mfa_enabled && tenant.settings.mfa_required_for.applies_to(user)
}
