//! What a restricted session may still do. A user who must change their
//! password, or must enrol a second factor their tenant requires, holds a
//! session that only leads there: anything else would let a temporary password
//! (or a password-only sign-in under an MFA rule) be used as a full account.

/// The kind of session an operation needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Reading one's own account, signing out and changing one's password:
    /// what the restriction itself asks for, so always allowed.
    Always,
    /// Enrolling a second factor: allowed when that is what is owed, not
    /// before a required password change (the temporary password is not the
    /// user's own yet).
    Enrolment,
    /// Everything else.
    Full,
}

impl Access {
    pub fn allowed_while_password_change_required(self) -> bool {
        matches!(self, Access::Always)
    }

    pub fn allowed_while_mfa_enrollment_required(self) -> bool {
        !matches!(self, Access::Full)
    }
}

#[cfg(test)]
mod tests {
    use super::Access;

    #[test]
    fn a_restricted_session_reaches_only_what_lifts_its_restriction() {
        // GIVEN each kind of operation THEN a must-change session reaches
        // only the always-allowed ones
        assert!(Access::Always.allowed_while_password_change_required());
        assert!(!Access::Enrolment.allowed_while_password_change_required());
        assert!(!Access::Full.allowed_while_password_change_required());
        // AND a session owing a second factor may also enrol, nothing more
        assert!(Access::Always.allowed_while_mfa_enrollment_required());
        assert!(Access::Enrolment.allowed_while_mfa_enrollment_required());
        assert!(!Access::Full.allowed_while_mfa_enrollment_required());
    }
}
