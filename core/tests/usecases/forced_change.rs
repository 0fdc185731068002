//! A forced password change without asking twice: why the change is required
//! (so the page says so), and when the password just typed to sign in need
//! not be typed again. And back to the product: where the pages may send a
//! person after success.

use latchkey_core::domain::permissions::Actor;
use latchkey_core::domain::{MustChangeReason, Role, User, ViolationCode};
use latchkey_core::usecases::AppError;
use latchkey_core::usecases::admin::UserPatch;
use latchkey_core::usecases::sessions::Authenticated;
use serde_json::json;

use crate::world::*;

const TEMPORARY: &str = "handed over at the desk 42";
const NEW: &str = "violet tuesday orbit quarry";
const HOME: &str = "192.0.2.1";

/// GIVEN Acme's owner, and alice, whose password the owner set as a temporary one.
async fn with_temporary_password() -> (World, User, User) {
    let w = World::new().await;
    let olga = w
        .create(
            w.account("olga")
                .role(Role::Owner)
                .mfa_secret("JBSWY3DPEHPK3PXP"),
        )
        .await;
    let alice = w.user_named("alice").await;
    w.admin_reset()
        .set_password(
            &Actor::User(&olga),
            &w.tenant,
            &alice.id,
            secret(TEMPORARY),
            true,
            false,
            &[],
            &from_ip(HOME),
        )
        .await
        .unwrap();
    (w, olga, alice)
}

/// Changes the password without the current one, as the must-change page does.
async fn change_without_current(w: &World, auth: &Authenticated) -> Result<(), AppError> {
    w.change_password()
        .execute_with(auth, None, secret(NEW), &from_ip(HOME))
        .await
}

#[tokio::test]
async fn a_temporary_password_is_replaced_without_typing_it_twice() {
    // GIVEN alice signed in with the temporary password the owner set
    let (w, _, alice) = with_temporary_password().await;
    assert_eq!(
        w.user(&alice.id).await.forced_change_reason(),
        Some(MustChangeReason::TemporaryPassword)
    );
    let (bearer, auth) = w.session_of("alice", TEMPORARY).await;
    // THEN the sign-in says why she must change it
    assert_eq!(
        auth.user.forced_change_reason(),
        Some(MustChangeReason::TemporaryPassword)
    );
    // WHEN she chooses a new one five minutes later, without the temporary one
    w.advance(300);
    change_without_current(&w, &auth).await.unwrap();
    // THEN it is changed, nothing is required any more, and her session lives on
    let stored = w.user(&alice.id).await;
    assert!(!stored.must_change_password);
    assert_eq!(stored.forced_change_reason(), None);
    assert_eq!(stored.must_change_reason, None);
    assert!(w.authenticate().execute(&bearer).await.is_ok());
    assert!(
        w.sign_in()
            .execute(&w.tenant, "alice", secret(NEW), None, &from_ip(HOME))
            .await
            .is_ok()
    );
    // AND the audit says the sign-in stood for the current password
    let changed = w.audited("password.changed");
    assert_eq!(changed.last().unwrap().outcome, "success");
    assert_eq!(
        changed.last().unwrap().details["current_password"],
        json!("fresh_sign_in")
    );
}

#[tokio::test]
async fn after_five_minutes_the_current_password_is_asked_again() {
    // GIVEN alice signed in with her temporary password five minutes and a second ago
    let (w, _, alice) = with_temporary_password().await;
    let (_, auth) = w.session_of("alice", TEMPORARY).await;
    w.advance(301);
    // WHEN she leaves the current password out THEN the request is refused
    let r = change_without_current(&w, &auth).await;
    assert!(matches!(r, Err(AppError::InvalidRequest(_))), "{r:?}");
    // AND nothing changed
    assert!(w.user(&alice.id).await.must_change_password);
    assert!(w.audited("password.changed").is_empty());
    // WHEN she types it THEN the change goes through
    w.change_password()
        .execute(&auth, secret(TEMPORARY), secret(NEW), &from_ip(HOME))
        .await
        .unwrap();
    assert!(!w.user(&alice.id).await.must_change_password);
}

#[tokio::test]
async fn a_session_that_need_not_change_always_types_the_current_password() {
    // GIVEN alice signed in a moment ago, with nothing to change
    let w = World::new().await;
    w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    // WHEN she leaves the current password out THEN it is refused
    let r = change_without_current(&w, &auth).await;
    assert!(matches!(r, Err(AppError::InvalidRequest(_))), "{r:?}");
    assert!(w.audited("password.changed").is_empty());
}

#[tokio::test]
async fn without_the_current_password_the_policy_and_history_still_hold() {
    // GIVEN alice just signed in with a temporary password
    let (w, _, _) = with_temporary_password().await;
    let (_, auth) = w.session_of("alice", TEMPORARY).await;
    // WHEN she picks a short one, or the temporary one again THEN each is refused
    for (new, code) in [
        ("short", ViolationCode::TooShort),
        (TEMPORARY, ViolationCode::ReusedPassword),
    ] {
        let r = w
            .change_password()
            .execute_with(&auth, None, secret(new), &from_ip(HOME))
            .await;
        match r {
            Err(AppError::PasswordPolicy(v)) => {
                assert!(v.iter().any(|v| v.code == code), "{new}: {v:?}")
            }
            other => panic!("{new}: expected a policy refusal, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_administrators_flag_reads_as_their_request_and_lifting_it_clears_the_reason() {
    // GIVEN the owner and bob, who need change nothing
    let (w, olga, alice) = with_temporary_password().await;
    let bob = w.user_named("bob").await;
    let flag = |id, value| {
        let patch = UserPatch {
            must_change_password: Some(value),
            ..Default::default()
        };
        let w = &w;
        let olga = &olga;
        async move {
            w.users()
                .patch(&Actor::User(olga), &w.tenant, id, patch, &from_ip(HOME))
                .await
                .unwrap()
        }
    };
    // WHEN the owner asks bob for a new password THEN that is the reason
    let flagged = flag(&bob.id, true).await;
    assert_eq!(
        flagged.forced_change_reason(),
        Some(MustChangeReason::AdminRequested)
    );
    // WHEN the owner flags alice, whose temporary password is still to change
    // THEN her reason stays the temporary password
    let flagged = flag(&alice.id, true).await;
    assert_eq!(
        flagged.forced_change_reason(),
        Some(MustChangeReason::TemporaryPassword)
    );
    // WHEN the owner lifts bob's flag THEN no reason is left
    let lifted = flag(&bob.id, false).await;
    assert!(!lifted.must_change_password);
    assert_eq!(lifted.must_change_reason, None);
}

#[tokio::test]
async fn a_password_set_for_good_requires_no_change() {
    // GIVEN alice with a temporary password
    let (w, olga, alice) = with_temporary_password().await;
    // WHEN the owner sets a password that is not temporary
    w.admin_reset()
        .set_password(
            &Actor::User(&olga),
            &w.tenant,
            &alice.id,
            secret(NEW),
            false,
            false,
            &[],
            &from_ip(HOME),
        )
        .await
        .unwrap();
    // THEN nothing is required of her, and no reason is left behind
    let stored = w.user(&alice.id).await;
    assert!(!stored.must_change_password);
    assert_eq!(stored.must_change_reason, None);
}

// ---- back to the product ----

#[tokio::test]
async fn the_pages_are_told_to_go_back_only_to_an_allowed_url() {
    // GIVEN a tenant that allows its app
    let w = World::with_settings(|s| {
        s.return_urls = vec!["https://app.acme.test/".into()];
    })
    .await;
    let target = |tenant: &str, url: &'static str| {
        let w = &w;
        let tenant = latchkey_core::domain::TenantId::parse(tenant).unwrap();
        async move { w.return_target().execute(&tenant, url).await.unwrap() }
    };
    // WHEN a page asks to go to a page of the app THEN it may
    assert_eq!(
        target("acme", "https://app.acme.test/inbox")
            .await
            .as_deref(),
        Some("https://app.acme.test/inbox")
    );
    // WHEN it asks for anywhere else THEN it goes to the account page
    for url in [
        "https://app.acme.test.evil.test/",
        "https://app.acme.test@evil.test/",
        "//evil.test/",
        "https://app.acme.test/..//evil.test",
    ] {
        assert_eq!(target("acme", url).await, None, "{url}");
    }
    // AND a tenant that does not exist allows nothing
    assert_eq!(target("nobody", "https://app.acme.test/inbox").await, None);
}
