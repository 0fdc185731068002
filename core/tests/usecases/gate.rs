//! The restricted-session gate: what a must-change session, or one whose
//! tenant requires a second factor it has not enrolled, may still reach.

use latchkey_core::domain::access::Access;
use latchkey_core::domain::{MfaRequiredFor, Role};
use latchkey_core::usecases::AppError;
use latchkey_core::usecases::gate::{admit, mfa_enrollment_required};

use crate::world::*;

#[tokio::test]
async fn a_must_change_session_reaches_only_what_lifts_it() {
    // GIVEN alice, who must change her password
    let w = World::new().await;
    w.create(w.account("alice").must_change()).await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    // THEN her own account, sign-out and the change are open; nothing else
    assert!(admit(&auth, Access::Always).is_ok());
    for access in [Access::Enrolment, Access::Full] {
        assert!(matches!(
            admit(&auth, access),
            Err(AppError::PasswordChangeRequired)
        ));
    }
}

#[tokio::test]
async fn a_session_owing_a_second_factor_may_only_enrol() {
    // GIVEN a tenant requiring a factor of admins, and an admin without one
    let w = World::with_settings(|s| s.mfa_required_for = MfaRequiredFor::Admins).await;
    w.create(w.account("adam").role(Role::Admin)).await;
    w.create(w.account("alice")).await;
    let (_, adam) = w.session_of("adam", PASSWORD).await;
    // THEN he may enrol (and read his account), nothing more
    assert!(mfa_enrollment_required(&adam.tenant, &adam.user));
    assert!(admit(&adam, Access::Always).is_ok());
    assert!(admit(&adam, Access::Enrolment).is_ok());
    assert!(matches!(
        admit(&adam, Access::Full),
        Err(AppError::MfaEnrollmentRequired)
    ));
    // AND a plain user, whom the rule does not cover, reaches everything
    let (_, alice) = w.session_of("alice", PASSWORD).await;
    assert!(!mfa_enrollment_required(&alice.tenant, &alice.user));
    assert!(admit(&alice, Access::Full).is_ok());
    // AND once he has a factor, the rule is met
    let mut enrolled = adam;
    enrolled.user.mfa_enabled = true;
    assert!(!mfa_enrollment_required(&enrolled.tenant, &enrolled.user));
    assert!(admit(&enrolled, Access::Full).is_ok());
}
