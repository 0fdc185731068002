//! The controls the compliance profiles need: a longer minimum for a password
//! that stands alone, a minimum age for own changes, and the tenant's say on
//! whether administrators set passwords at all.

use latchkey_core::domain::permissions::Actor;
use latchkey_core::domain::{MustChangeReason, Permission, Role, ViolationCode, totp};
use latchkey_core::usecases::AppError;
use latchkey_core::usecases::sessions::{Authenticated, SecondFactor};
use serde_json::json;

use crate::world::*;

const TOTP: &str = "JBSWY3DPEHPK3PXP";
/// 15 characters: long enough with a second factor, too short alone here.
const FIFTEEN: &str = "violet-lantern7";
/// 22 characters: long enough alone.
const TWENTY_TWO: &str = "violet lantern meadows";

fn code_now(w: &World) -> String {
    totp::code_at(TOTP, totp::step_of(w.now())).unwrap()
}

async fn signed_in_with_code(w: &World, username: &str, password: &str) -> Authenticated {
    let code = code_now(w);
    let signed = w
        .sign_in()
        .execute(
            &w.tenant,
            username,
            secret(password),
            Some(&code),
            &from_ip("192.0.2.1"),
        )
        .await
        .expect("signed in with a code");
    w.authenticate().execute(&signed.token).await.unwrap()
}

fn codes(r: Result<(), AppError>) -> Vec<ViolationCode> {
    match r {
        Err(AppError::PasswordPolicy(v)) => v.into_iter().map(|v| v.code).collect(),
        other => panic!("expected a policy refusal, got {other:?}"),
    }
}

async fn owner(w: &World) -> latchkey_core::domain::User {
    w.create(
        w.account("olivia")
            .role(Role::Owner)
            .mfa_secret(TOTP)
            .password(None),
    )
    .await
}

#[tokio::test]
async fn an_account_without_a_second_factor_needs_the_longer_minimum() {
    // GIVEN a tenant asking 12 characters, 20 of a password that stands alone
    let w = World::with_settings(|s| s.password_policy.min_length_without_mfa = Some(20)).await;
    let alice = w.user_named("alice").await;
    w.create(w.account("bob").mfa_secret(TOTP)).await;
    // WHEN alice, who has no second factor, picks 15 characters
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    let r = w
        .change_password()
        .execute(
            &auth,
            secret(PASSWORD),
            secret(FIFTEEN),
            &from_ip("192.0.2.1"),
        )
        .await;
    // THEN it is too short; 22 characters are not
    assert_eq!(codes(r), [ViolationCode::TooShort]);
    w.change_password()
        .execute(
            &auth,
            secret(PASSWORD),
            secret(TWENTY_TWO),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
    // AND bob, who has one, may keep 15
    w.advance(60);
    let auth = signed_in_with_code(&w, "bob", PASSWORD).await;
    w.change_password()
        .execute(
            &auth,
            secret(PASSWORD),
            secret(FIFTEEN),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
    // AND an administrator's set for alice meets the longer minimum too
    let olivia = owner(&w).await;
    let set = |pw: &'static str| {
        let (w, olivia, alice) = (&w, &olivia, &alice);
        async move {
            w.admin_reset()
                .set_password(
                    &Actor::User(olivia),
                    &w.tenant,
                    &alice.id,
                    secret(pw),
                    true,
                    false,
                    &[],
                    &from_ip("203.0.113.7"),
                )
                .await
        }
    };
    assert_eq!(codes(set(FIFTEEN).await), [ViolationCode::TooShort]);
    set("orchid quarry tuesday lamp").await.unwrap();
}

#[tokio::test]
async fn removing_the_factor_needs_a_password_long_enough_to_stand_alone() {
    // GIVEN bob, whose 15-character password came with a second factor, in a
    // tenant asking 20 characters of a password alone
    let w = World::with_settings(|s| s.password_policy.min_length_without_mfa = Some(20)).await;
    let bob = w
        .create(w.account("bob").mfa_secret(TOTP).password(Some(FIFTEEN)))
        .await;
    let auth = signed_in_with_code(&w, "bob", FIFTEEN).await;
    w.advance(30);
    // WHEN he removes the factor with the right password and code
    let r = w
        .mfa()
        .remove(
            &auth,
            secret(FIFTEEN),
            SecondFactor::Totp(&code_now(&w)),
            &from_ip("192.0.2.1"),
        )
        .await;
    // THEN he is told to change the password first, and the factor stays
    assert_eq!(codes(r), [ViolationCode::TooShort]);
    assert!(w.user(&bob.id).await.mfa_enabled);
    // AND once the password is long enough the factor goes
    w.change_password()
        .execute(
            &auth,
            secret(FIFTEEN),
            secret(TWENTY_TWO),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
    w.advance(30);
    let auth = signed_in_with_code(&w, "bob", TWENTY_TWO).await;
    w.advance(30);
    w.mfa()
        .remove(
            &auth,
            secret(TWENTY_TWO),
            SecondFactor::Totp(&code_now(&w)),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
    assert!(!w.user(&bob.id).await.mfa_enabled);
}

#[tokio::test]
async fn an_administrators_factor_removal_makes_a_lone_password_a_must_change() {
    // GIVEN a tenant asking more of a lone password, and bob with a factor
    let w = World::with_settings(|s| s.password_policy.min_length_without_mfa = Some(20)).await;
    let bob = w.create(w.account("bob").mfa_secret(TOTP)).await;
    let olivia = owner(&w).await;
    // WHEN the owner removes his lost factor
    w.admin_reset()
        .reset_mfa(
            &Actor::User(&olivia),
            &w.tenant,
            &bob.id,
            None,
            &from_ip("203.0.113.7"),
        )
        .await
        .unwrap();
    // THEN his next sign-in must change the password (nobody knows its length)
    let stored = w.user(&bob.id).await;
    assert!(stored.must_change_password);
    assert_eq!(
        stored.must_change_reason,
        Some(MustChangeReason::AdminRequested)
    );
    assert_eq!(
        w.audited("mfa.reset")[0].details["must_change_password"],
        json!(true)
    );

    // AND where both minimums are one, a removal leaves the password as it is
    let w = World::new().await;
    let bob = w.create(w.account("bob").mfa_secret(TOTP)).await;
    let olivia = owner(&w).await;
    w.admin_reset()
        .reset_mfa(
            &Actor::User(&olivia),
            &w.tenant,
            &bob.id,
            None,
            &from_ip("203.0.113.7"),
        )
        .await
        .unwrap();
    assert!(!w.user(&bob.id).await.must_change_password);
}

#[tokio::test]
async fn the_minimum_age_holds_an_own_change_but_not_a_reset_or_a_set() {
    // GIVEN a tenant keeping passwords 24 hours, and alice who just changed hers
    let w = World::with_settings(|s| s.password_min_age_hours = 24).await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    w.change_password()
        .execute(
            &auth,
            secret(PASSWORD),
            secret(TWENTY_TWO),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
    // WHEN she changes it again an hour later
    w.advance(3600);
    let (_, auth) = w.session_of("alice", TWENTY_TWO).await;
    let r = w
        .change_password()
        .execute(
            &auth,
            secret(TWENTY_TWO),
            secret("orchid quarry tuesday lamp"),
            &from_ip("192.0.2.1"),
        )
        .await;
    // THEN she is told how long to wait, and it is audited
    assert!(
        matches!(
            r,
            Err(AppError::PasswordTooRecent {
                retry_after: 82_800
            })
        ),
        "{r:?}"
    );
    let refused = w.audited("password.changed");
    assert_eq!(
        refused.last().unwrap().details["reason"],
        json!("password_too_recent")
    );
    // AND a day after her change she may
    w.advance(23 * 3600);
    w.change_password()
        .execute(
            &auth,
            secret(TWENTY_TWO),
            secret("orchid quarry tuesday lamp"),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
    // AND right after it, an administrator's set and a reset link still work
    let olivia = owner(&w).await;
    w.admin_reset()
        .set_password(
            &Actor::User(&olivia),
            &w.tenant,
            &alice.id,
            secret("maple ferry harbour dawn"),
            true,
            false,
            &[],
            &from_ip("203.0.113.7"),
        )
        .await
        .unwrap();
    // AND the temporary password she must change is changed at once
    let (_, auth) = w.session_of("alice", "maple ferry harbour dawn").await;
    w.change_password()
        .execute(
            &auth,
            secret("maple ferry harbour dawn"),
            secret("granite sparrow violin"),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
    w.admin_reset()
        .send_link(
            &Actor::User(&olivia),
            &w.tenant,
            &alice.id,
            None,
            false,
            &[],
            &from_ip("203.0.113.7"),
        )
        .await
        .unwrap();
    let mails = w.mails_to("alice@acme.test");
    let link = token_in(
        mails
            .iter()
            .find(|m| m.kind == latchkey_core::domain::MailKind::PasswordReset)
            .unwrap(),
    );
    w.confirm_reset()
        .confirm(
            &w.tenant,
            &link,
            secret("copper lighthouse winter"),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn where_admins_may_not_set_passwords_only_links_remain() {
    // GIVEN a tenant whose administrators may not choose passwords
    let w = World::with_settings(|s| s.admins_may_set_passwords = false).await;
    let bob = w.user_named("bob").await;
    let amy = w
        .create(
            w.account("amy")
                .role(Role::Admin)
                .permissions(&[Permission::PasswordsSet, Permission::PasswordsReset])
                .mfa_secret(TOTP)
                .password(None),
        )
        .await;
    let set = |actor: Actor<'static>, temporary: bool| {
        let (w, bob) = (&w, &bob);
        async move {
            w.admin_reset()
                .set_password(
                    &actor,
                    &w.tenant,
                    &bob.id,
                    secret("orchid quarry tuesday lamp"),
                    temporary,
                    false,
                    &[("reason", json!("T-1"))],
                    &from_ip("203.0.113.7"),
                )
                .await
        }
    };
    let amy: &'static _ = Box::leak(Box::new(amy));
    // WHEN an admin sets one, temporary or not THEN it is refused by policy
    for temporary in [false, true] {
        let r = set(Actor::User(amy), temporary).await;
        assert!(
            matches!(
                r,
                Err(AppError::ForbiddenByPolicy("admins_may_set_passwords"))
            ),
            "{r:?}"
        );
    }
    // AND support's set is refused the same (on an owner: support acts on administrators)
    let olivia = owner(&w).await;
    let r = w
        .admin_reset()
        .set_password(
            &Actor::Support,
            &w.tenant,
            &olivia.id,
            secret("orchid quarry tuesday lamp"),
            true,
            false,
            &[("reason", json!("T-1"))],
            &from_ip("203.0.113.7"),
        )
        .await;
    assert!(matches!(r, Err(AppError::ForbiddenByPolicy(_))), "{r:?}");
    // AND bob's password is unchanged, and each refusal is audited
    assert!(
        w.sign_in()
            .execute(
                &w.tenant,
                "bob",
                secret(PASSWORD),
                None,
                &from_ip("192.0.2.1")
            )
            .await
            .is_ok()
    );
    let refused: Vec<_> = w
        .audited("password.set")
        .into_iter()
        .filter(|e| e.outcome == "refused")
        .collect();
    assert_eq!(refused.len(), 3);
    assert_eq!(
        refused[0].details["setting"],
        json!("admins_may_set_passwords")
    );
    // AND a link still goes out
    w.admin_reset()
        .send_link(
            &Actor::User(amy),
            &w.tenant,
            &bob.id,
            None,
            false,
            &[],
            &from_ip("203.0.113.7"),
        )
        .await
        .unwrap();
    assert_eq!(w.mails_to("bob@acme.test").len(), 1);
}

#[tokio::test]
async fn where_set_passwords_are_temporary_a_permanent_set_is_refused() {
    // GIVEN a tenant whose set passwords must be temporary
    let w = World::with_settings(|s| s.admin_set_passwords_temporary = true).await;
    let bob = w.user_named("bob").await;
    let olivia = owner(&w).await;
    let set = |temporary: bool| {
        let (w, bob, olivia) = (&w, &bob, &olivia);
        async move {
            w.admin_reset()
                .set_password(
                    &Actor::User(olivia),
                    &w.tenant,
                    &bob.id,
                    secret("orchid quarry tuesday lamp"),
                    temporary,
                    false,
                    &[],
                    &from_ip("203.0.113.7"),
                )
                .await
        }
    };
    // WHEN the owner sets a permanent one THEN it is refused
    assert!(matches!(
        set(false).await,
        Err(AppError::ForbiddenByPolicy("admin_set_passwords_temporary"))
    ));
    // WHEN a temporary one THEN bob must change it at first use, and why
    set(true).await.unwrap();
    let stored = w.user(&bob.id).await;
    assert!(stored.must_change_password);
    assert_eq!(
        stored.must_change_reason,
        Some(MustChangeReason::TemporaryPassword)
    );
    // AND his own change clears it
    let (_, auth) = w.session_of("bob", "orchid quarry tuesday lamp").await;
    w.change_password()
        .execute(
            &auth,
            secret("orchid quarry tuesday lamp"),
            secret(TWENTY_TWO),
            &from_ip("192.0.2.1"),
        )
        .await
        .unwrap();
    let stored = w.user(&bob.id).await;
    assert!(!stored.must_change_password);
    assert_eq!(stored.must_change_reason, None);
}

#[tokio::test]
async fn an_administrators_flag_says_why_a_change_is_required() {
    let w = World::new().await;
    let bob = w.user_named("bob").await;
    let olivia = owner(&w).await;
    let patch = |v: bool| latchkey_core::usecases::admin::UserPatch {
        must_change_password: Some(v),
        ..Default::default()
    };
    w.users()
        .patch(
            &Actor::User(&olivia),
            &w.tenant,
            &bob.id,
            patch(true),
            &from_ip("203.0.113.7"),
        )
        .await
        .unwrap();
    assert_eq!(
        w.user(&bob.id).await.must_change_reason,
        Some(MustChangeReason::AdminRequested)
    );
    w.users()
        .patch(
            &Actor::User(&olivia),
            &w.tenant,
            &bob.id,
            patch(false),
            &from_ip("203.0.113.7"),
        )
        .await
        .unwrap();
    assert_eq!(w.user(&bob.id).await.must_change_reason, None);
}
