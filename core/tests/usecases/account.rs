//! A signed-in user's own account: change password, the second factor and its
//! recovery codes, their own language.

use latchkey_core::domain::{
    Locale, MailKind, MfaRequiredFor, Source, ViolationCode, recovery, totp,
};
use latchkey_core::usecases::AppError;
use latchkey_core::usecases::branding::set_own_locale;
use latchkey_core::usecases::sessions::{Authenticated, SecondFactor};
use secrecy::SecretString;
use serde_json::json;

use crate::world::*;

/// A new password the default policy accepts for alice of Acme.
const NEW: &str = "violet tuesday orbit quarry";
/// An authenticator's secret (base32).
const TOTP: &str = "JBSWY3DPEHPK3PXP";
/// Where the signed-in user's requests come from (as in `World::session_of`).
const HOME: &str = "192.0.2.1";

async fn change(w: &World, auth: &Authenticated, current: &str, new: &str) -> Result<(), AppError> {
    w.change_password()
        .execute(auth, secret(current), secret(new), &from_ip(HOME))
        .await
}

/// The authenticator's code for now.
fn code_now(w: &World, secret_b32: &str) -> String {
    totp::code_at(secret_b32, totp::step_of(w.now())).unwrap()
}

/// A six-digit code that is none of the ones valid now (±1 step).
fn wrong_code(w: &World, secret_b32: &str) -> String {
    let step = totp::step_of(w.now());
    let valid: Vec<String> = (step - 1..=step + 1)
        .map(|s| totp::code_at(secret_b32, s).unwrap())
        .collect();
    (0..)
        .map(|n: u32| format!("{n:06}"))
        .find(|c| !valid.contains(c))
        .unwrap()
}

/// Signs `username` (who has a factor) in with a code for now, and
/// authenticates the session, as the next request would.
async fn session_with_code(
    w: &World,
    username: &str,
    secret_b32: &str,
) -> (SecretString, Authenticated) {
    let code = code_now(w, secret_b32);
    let signed = w
        .sign_in()
        .execute(
            &w.tenant,
            username,
            secret(PASSWORD),
            Some(&code),
            &from_ip(HOME),
        )
        .await
        .expect("signed in with a code");
    let auth = w.authenticate().execute(&signed.token).await.unwrap();
    (signed.token, auth)
}

/// The session as the next request sees it.
async fn again(w: &World, bearer: &SecretString) -> Result<Authenticated, AppError> {
    w.authenticate().execute(bearer).await
}

async fn sign_in_with(
    w: &World,
    username: &str,
    password: &str,
    factor: Option<SecondFactor<'_>>,
) -> Result<(), AppError> {
    w.sign_in()
        .execute_with(
            &w.tenant,
            username,
            secret(password),
            factor,
            &from_ip("198.51.100.1"),
        )
        .await
        .map(|_| ())
}

fn codes(r: Result<(), AppError>) -> Vec<ViolationCode> {
    match r {
        Err(AppError::PasswordPolicy(v)) => v.into_iter().map(|v| v.code).collect(),
        other => panic!("expected a policy refusal, got {other:?}"),
    }
}

fn outcomes(w: &World, kind: &str) -> Vec<(String, serde_json::Value)> {
    w.audited(kind)
        .into_iter()
        .map(|e| {
            (
                e.outcome,
                e.details.get("reason").cloned().unwrap_or_default(),
            )
        })
        .collect()
}

// ---- change password ----

#[tokio::test]
async fn a_user_changes_their_password_and_only_the_calling_session_survives() {
    // GIVEN alice signed in on two devices
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (here, auth) = w.session_of("alice", PASSWORD).await;
    let (elsewhere, _) = w.session_of("alice", PASSWORD).await;
    w.advance(30);
    // WHEN she changes her password on one of them
    change(&w, &auth, PASSWORD, NEW).await.unwrap();
    // THEN that session goes on, the other one is signed out
    assert!(again(&w, &here).await.is_ok());
    assert!(matches!(
        again(&w, &elsewhere).await,
        Err(AppError::Unauthenticated)
    ));
    // AND only the new password signs in
    assert!(matches!(
        sign_in_with(&w, "alice", PASSWORD, None).await,
        Err(AppError::InvalidCredentials)
    ));
    assert!(sign_in_with(&w, "alice", NEW, None).await.is_ok());
    // AND the old hash is kept as history
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.cred_gen, alice.cred_gen + 1);
    assert_eq!(stored.password_history, vec![alice.password_hash.unwrap()]);
    assert_eq!(stored.password_changed_at, Some(at(30)));
    // AND she is told by mail, and the change is audited
    let told = w.mails_to("alice@acme.test");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, MailKind::PasswordChanged);
    let events = w.audited("password.changed");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].outcome, "success");
    assert_eq!(events[0].target.as_deref(), Some(alice.id.as_str()));
    assert_eq!(events[0].ip.as_deref(), Some(HOME));
}

#[tokio::test]
async fn a_forced_change_lifts_the_must_change_flag() {
    // GIVEN alice who must change her password
    let w = World::new().await;
    let alice = w.create(w.account("alice").must_change()).await;
    let (bearer, auth) = w.session_of("alice", PASSWORD).await;
    // WHEN she changes it
    change(&w, &auth, PASSWORD, NEW).await.unwrap();
    // THEN neither the account nor her session asks for it any more
    assert!(!w.user(&alice.id).await.must_change_password);
    assert!(!again(&w, &bearer).await.unwrap().user.must_change_password);
}

#[tokio::test]
async fn an_account_that_may_not_change_its_password_is_refused() {
    // GIVEN an account its admin froze, and one managed by a directory
    let w = World::new().await;
    let frozen = w.create(w.account("frozen").cannot_change()).await;
    let ldap = w.create(w.account("ldap").source(Source::Ldap)).await;
    for (user, name) in [(&frozen, "frozen"), (&ldap, "ldap")] {
        let (_, auth) = w.session_of(name, PASSWORD).await;
        // WHEN the user tries to change their password (even the right way)
        let r = change(&w, &auth, PASSWORD, NEW).await;
        // THEN it is refused, audited, and nothing changed
        assert!(
            matches!(r, Err(AppError::PasswordChangeNotAllowed)),
            "{name}: {r:?}"
        );
        assert_eq!(w.user(&user.id).await.password_hash, user.password_hash);
    }
    assert_eq!(
        outcomes(&w, "password.changed"),
        vec![
            ("refused".into(), json!("not_allowed")),
            ("refused".into(), json!("not_allowed")),
        ]
    );
    assert!(w.mails().is_empty());
}

#[tokio::test]
async fn the_new_password_must_pass_the_policy_and_the_history() {
    // GIVEN alice signed in
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    let alice = w.user(&alice.id).await;
    // WHEN she picks a short one, or her current one THEN each is refused
    assert_eq!(
        codes(change(&w, &auth, PASSWORD, "short").await),
        vec![ViolationCode::TooShort]
    );
    assert_eq!(
        codes(change(&w, &auth, PASSWORD, PASSWORD).await),
        vec![ViolationCode::ReusedPassword]
    );
    // AND the account is unchanged and nobody was told anything
    assert_eq!(w.user(&alice.id).await, alice);
    assert!(w.mails().is_empty());
}

#[tokio::test]
async fn a_wrong_current_password_counts_like_a_failed_sign_in() {
    // GIVEN a tenant locking a pair after three failures, and alice signed in
    let w = World::with_settings(|s| s.limits.lockout_threshold = 3).await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    // WHEN a wrong current password is given three times
    for _ in 0..3 {
        assert!(matches!(
            change(&w, &auth, "not my password", NEW).await,
            Err(AppError::InvalidCurrentPassword)
        ));
    }
    // THEN each was audited, and the third locked the pair
    assert_eq!(
        outcomes(&w, "password.changed"),
        vec![
            ("failure".into(), json!("invalid_current_password")),
            ("failure".into(), json!("invalid_current_password")),
            ("failure".into(), json!("invalid_current_password")),
        ]
    );
    assert_eq!(w.audited("sign_in.lockout").len(), 1);
    // AND while it is locked the right password changes nothing and signs in nowhere
    assert!(matches!(
        change(&w, &auth, PASSWORD, NEW).await,
        Err(AppError::TooManyAttempts { .. })
    ));
    assert!(matches!(
        change(&w, &auth, PASSWORD, "short").await,
        Err(AppError::TooManyAttempts { .. })
    ));
    assert!(matches!(
        w.sign_in()
            .execute(&w.tenant, "alice", secret(PASSWORD), None, &from_ip(HOME))
            .await,
        Err(AppError::TooManyAttempts { .. })
    ));
    assert_eq!(w.user(&alice.id).await.password_hash, alice.password_hash);
    // WHEN the lock has passed THEN the change goes through
    w.advance(60);
    change(&w, &auth, PASSWORD, NEW).await.unwrap();
}

#[tokio::test]
async fn a_right_current_password_ends_the_count_of_failures() {
    // GIVEN a tenant locking a pair after three failures, and two failures
    let w = World::with_settings(|s| s.limits.lockout_threshold = 3).await;
    w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    for _ in 0..2 {
        let _ = change(&w, &auth, "not my password", NEW).await;
    }
    // WHEN the right current password comes with a refused new one
    assert_eq!(
        codes(change(&w, &auth, PASSWORD, "short").await),
        vec![ViolationCode::TooShort]
    );
    // THEN the count starts again: two more failures lock nothing
    for _ in 0..2 {
        assert!(matches!(
            change(&w, &auth, "not my password", NEW).await,
            Err(AppError::InvalidCurrentPassword)
        ));
    }
    // AND a right change ends the count again
    change(&w, &auth, PASSWORD, NEW).await.unwrap();
    let (_, auth) = w.session_of("alice", NEW).await;
    for _ in 0..2 {
        assert!(matches!(
            change(&w, &auth, "not my password", PASSWORD).await,
            Err(AppError::InvalidCurrentPassword)
        ));
    }
    assert!(w.audited("sign_in.lockout").is_empty());
}

#[tokio::test]
async fn reaching_the_account_ceiling_mails_the_user_an_unlock_link() {
    // GIVEN a tenant locking an account for everyone after ten failures
    let w = World::with_settings(|s| {
        s.limits.account_failure_ceiling = 10;
        s.limits.lockout_threshold = 20;
    })
    .await;
    w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    // WHEN a wrong current password is given ten times
    for _ in 0..10 {
        let _ = change(&w, &auth, "not my password", NEW).await;
    }
    // THEN the account is locked, and alice is mailed a link that unlocks it
    assert_eq!(w.audited("sign_in.account_locked").len(), 1);
    let mails = w.mails_to("alice@acme.test");
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, MailKind::AccountLocked);
    assert!(
        mails[0]
            .text
            .contains("https://login.example.test/t/acme/unlock#token=")
    );
    assert!(matches!(
        sign_in_with(&w, "alice", PASSWORD, None).await,
        Err(AppError::TooManyAttempts { .. })
    ));
}

// ---- the second factor ----

#[tokio::test]
async fn enrolling_needs_the_current_password_and_only_stages_the_secret() {
    // GIVEN alice signed in, without a factor
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    // WHEN she starts enrolling with a wrong password THEN nothing is staged
    assert!(matches!(
        w.mfa()
            .enroll(&auth, secret("not my password"), &from_ip(HOME))
            .await,
        Err(AppError::InvalidCurrentPassword)
    ));
    assert_eq!(w.user(&alice.id).await.totp_pending_secret, None);
    // WHEN she gives the right one
    let e = w
        .mfa()
        .enroll(&auth, secret(PASSWORD), &from_ip(HOME))
        .await
        .unwrap();
    // THEN the secret she is shown is staged, not yet on
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.totp_pending_secret, Some(e.secret.as_str().into()));
    assert!(!stored.mfa_enabled);
    assert!(e.otpauth_uri.starts_with("otpauth://totp/"));
    assert!(e.otpauth_uri.contains(&format!("secret={}", e.secret)));
    // AND her authenticator lists it under the tenant's own name
    assert!(e.otpauth_uri.contains("issuer=Acme"), "{}", e.otpauth_uri);
    assert!(!e.otpauth_uri.contains("Latchkey"), "{}", e.otpauth_uri);
    assert!(sign_in_with(&w, "alice", PASSWORD, None).await.is_ok());
    assert_eq!(
        outcomes(&w, "mfa.enrollment_started"),
        vec![
            ("failure".into(), json!("invalid_current_password")),
            ("success".into(), serde_json::Value::Null),
        ]
    );
}

#[tokio::test]
async fn a_user_with_a_factor_cannot_enroll_another() {
    // GIVEN alice with a factor, signed in with it
    let w = World::new().await;
    let alice = w.create(w.account("alice").mfa_secret(TOTP)).await;
    let (_, auth) = session_with_code(&w, "alice", TOTP).await;
    // WHEN her session tries to enroll or confirm a new one THEN it is refused
    assert!(matches!(
        w.mfa()
            .enroll(&auth, secret(PASSWORD), &from_ip(HOME))
            .await,
        Err(AppError::MfaAlreadyEnabled)
    ));
    assert!(matches!(
        w.mfa()
            .confirm(&auth, &code_now(&w, TOTP), &from_ip(HOME))
            .await,
        Err(AppError::MfaAlreadyEnabled)
    ));
    assert_eq!(w.user(&alice.id).await.totp_secret, Some(TOTP.into()));
}

#[tokio::test]
async fn confirming_the_factor_turns_it_on_and_signs_out_every_other_session() {
    // GIVEN alice signed in twice, enrolling on one session
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (here, auth) = w.session_of("alice", PASSWORD).await;
    let (elsewhere, _) = w.session_of("alice", PASSWORD).await;
    let e = w
        .mfa()
        .enroll(&auth, secret(PASSWORD), &from_ip(HOME))
        .await
        .unwrap();
    let auth = again(&w, &here).await.unwrap();
    // WHEN she confirms with a code from her authenticator
    let recovery = w
        .mfa()
        .confirm(&auth, &code_now(&w, &e.secret), &from_ip(HOME))
        .await
        .unwrap();
    // THEN the factor is on, with ten distinct recovery codes
    let stored = w.user(&alice.id).await;
    assert!(stored.mfa_enabled);
    assert_eq!(stored.totp_secret, Some(e.secret.as_str().into()));
    assert_eq!(stored.totp_pending_secret, None);
    assert_eq!(recovery.len(), 10);
    let mut distinct = recovery.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 10);
    // AND only the calling session goes on
    assert!(again(&w, &here).await.is_ok());
    assert!(matches!(
        again(&w, &elsewhere).await,
        Err(AppError::Unauthenticated)
    ));
    // AND a sign-in now needs the factor; each recovery code works once
    assert!(matches!(
        sign_in_with(&w, "alice", PASSWORD, None).await,
        Err(AppError::MfaRequired)
    ));
    for code in [&recovery[0], &recovery[9]] {
        sign_in_with(&w, "alice", PASSWORD, Some(SecondFactor::Recovery(code)))
            .await
            .unwrap();
    }
    assert!(matches!(
        sign_in_with(
            &w,
            "alice",
            PASSWORD,
            Some(SecondFactor::Recovery(&recovery[0]))
        )
        .await,
        Err(AppError::InvalidMfaCode)
    ));
    // AND she was told by mail that the factor is on (and of each code used)
    let kinds: Vec<MailKind> = w
        .mails_to("alice@acme.test")
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(kinds.len(), 3);
    assert_eq!(
        kinds.iter().filter(|k| **k == MailKind::MfaChanged).count(),
        1
    );
    assert_eq!(outcomes(&w, "mfa.enabled").len(), 1);
}

#[tokio::test]
async fn a_wrong_enrollment_code_turns_nothing_on() {
    // GIVEN alice signed in, with nothing staged yet
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (here, auth) = w.session_of("alice", PASSWORD).await;
    // WHEN she confirms before enrolling THEN it is refused
    assert!(matches!(
        w.mfa().confirm(&auth, "123456", &from_ip(HOME)).await,
        Err(AppError::InvalidEnrollmentCode)
    ));
    // WHEN she confirms a staged secret with a wrong code THEN it is refused
    let e = w
        .mfa()
        .enroll(&auth, secret(PASSWORD), &from_ip(HOME))
        .await
        .unwrap();
    let auth = again(&w, &here).await.unwrap();
    assert!(matches!(
        w.mfa()
            .confirm(&auth, &wrong_code(&w, &e.secret), &from_ip(HOME))
            .await,
        Err(AppError::InvalidEnrollmentCode)
    ));
    // AND the factor is still off
    assert!(!w.user(&alice.id).await.mfa_enabled);
    assert!(sign_in_with(&w, "alice", PASSWORD, None).await.is_ok());
}

#[tokio::test]
async fn new_recovery_codes_need_the_password_and_a_current_code_and_replace_the_old_set() {
    // GIVEN alice with a factor and a set of recovery codes, signed in
    let w = World::new().await;
    let mut old = Vec::new();
    let alice = w
        .create(w.account("alice").mfa_secret(TOTP).with(|u| {
            let (codes, hashes) = recovery::new_set(&u.password_salt);
            u.recovery_codes = hashes;
            old = codes;
        }))
        .await;
    let (_, auth) = session_with_code(&w, "alice", TOTP).await;
    w.advance(30);
    let regenerate = |current: &'static str, code: String| {
        let w = &w;
        let auth = &auth;
        async move {
            w.mfa()
                .regenerate_codes(
                    auth,
                    secret(current),
                    SecondFactor::Totp(&code),
                    &from_ip(HOME),
                )
                .await
        }
    };
    // WHEN the password or the code is wrong THEN nothing is renewed
    assert!(matches!(
        regenerate("not my password", code_now(&w, TOTP)).await,
        Err(AppError::InvalidCurrentPassword)
    ));
    assert!(matches!(
        regenerate(PASSWORD, wrong_code(&w, TOTP)).await,
        Err(AppError::InvalidEnrollmentCode)
    ));
    assert_eq!(w.user(&alice.id).await.recovery_codes, alice.recovery_codes);
    // WHEN both are right
    let new = regenerate(PASSWORD, code_now(&w, TOTP)).await.unwrap();
    // THEN ten new codes work and the old ones are dead
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !old.contains(c)));
    assert!(matches!(
        sign_in_with(&w, "alice", PASSWORD, Some(SecondFactor::Recovery(&old[0]))).await,
        Err(AppError::InvalidMfaCode)
    ));
    for code in [&new[0], &new[9]] {
        sign_in_with(&w, "alice", PASSWORD, Some(SecondFactor::Recovery(code)))
            .await
            .unwrap();
    }
    assert_eq!(
        outcomes(&w, "mfa.recovery_codes_regenerated"),
        vec![
            ("failure".into(), json!("invalid_current_password")),
            ("failure".into(), json!("invalid_mfa_code")),
            ("success".into(), serde_json::Value::Null),
        ]
    );
}

#[tokio::test]
async fn a_recovery_code_can_authorize_a_new_set_once() {
    // GIVEN alice with a factor and recovery codes, signed in
    let w = World::new().await;
    let mut old = Vec::new();
    w.create(w.account("alice").mfa_secret(TOTP).with(|u| {
        let (codes, hashes) = recovery::new_set(&u.password_salt);
        u.recovery_codes = hashes;
        old = codes;
    }))
    .await;
    let (bearer, auth) = session_with_code(&w, "alice", TOTP).await;
    // WHEN one of her codes authorizes a new set
    let new = w
        .mfa()
        .regenerate_codes(
            &auth,
            secret(PASSWORD),
            SecondFactor::Recovery(&old[3]),
            &from_ip(HOME),
        )
        .await
        .unwrap();
    // THEN the new set works, and the calling session goes on
    assert_eq!(new.len(), 10);
    assert!(again(&w, &bearer).await.is_ok());
    sign_in_with(&w, "alice", PASSWORD, Some(SecondFactor::Recovery(&new[3])))
        .await
        .unwrap();
}

#[tokio::test]
async fn regenerating_codes_needs_a_factor_that_is_on() {
    // GIVEN alice without a factor WHEN she asks for codes THEN it is refused
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    assert!(matches!(
        w.mfa()
            .regenerate_codes(
                &auth,
                secret(PASSWORD),
                SecondFactor::Totp("123456"),
                &from_ip(HOME)
            )
            .await,
        Err(AppError::InvalidRequest(_))
    ));
    assert!(w.user(&alice.id).await.recovery_codes.is_empty());
}

#[tokio::test]
async fn removing_the_factor_needs_the_password_and_a_current_code() {
    // GIVEN alice with a factor, signed in on two devices
    let w = World::new().await;
    let alice = w
        .create(w.account("alice").mfa_secret(TOTP).with(|u| {
            u.recovery_codes = recovery::new_set(&u.password_salt).1;
        }))
        .await;
    let (elsewhere, _) = session_with_code(&w, "alice", TOTP).await;
    w.advance(30);
    let (here, auth) = session_with_code(&w, "alice", TOTP).await;
    w.advance(30);
    let remove = |current: &'static str, code: String| {
        let w = &w;
        let auth = &auth;
        async move {
            w.mfa()
                .remove(
                    auth,
                    secret(current),
                    SecondFactor::Totp(&code),
                    &from_ip(HOME),
                )
                .await
        }
    };
    // WHEN the password or the code is wrong THEN the factor stays
    assert!(matches!(
        remove("not my password", code_now(&w, TOTP)).await,
        Err(AppError::InvalidCurrentPassword)
    ));
    assert!(matches!(
        remove(PASSWORD, wrong_code(&w, TOTP)).await,
        Err(AppError::InvalidEnrollmentCode)
    ));
    assert!(w.user(&alice.id).await.mfa_enabled);
    // WHEN both are right
    remove(PASSWORD, code_now(&w, TOTP)).await.unwrap();
    // THEN the factor and its codes are gone
    let stored = w.user(&alice.id).await;
    assert!(!stored.mfa_enabled);
    assert_eq!(stored.totp_secret, None);
    assert!(stored.recovery_codes.is_empty());
    assert!(sign_in_with(&w, "alice", PASSWORD, None).await.is_ok());
    // AND only the calling session goes on
    assert!(again(&w, &here).await.is_ok());
    assert!(matches!(
        again(&w, &elsewhere).await,
        Err(AppError::Unauthenticated)
    ));
    // AND she is told by mail, and it is audited
    let told = w.mails_to("alice@acme.test");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, MailKind::MfaChanged);
    assert_eq!(
        outcomes(&w, "mfa.disabled"),
        vec![
            ("failure".into(), json!("invalid_current_password")),
            ("failure".into(), json!("invalid_mfa_code")),
            ("success".into(), serde_json::Value::Null),
        ]
    );
}

#[tokio::test]
async fn a_factor_the_tenant_requires_or_that_is_off_cannot_be_removed() {
    // GIVEN a tenant that requires a factor of everyone, and alice with one
    let w = World::with_settings(|s| s.mfa_required_for = MfaRequiredFor::Everyone).await;
    let alice = w.create(w.account("alice").mfa_secret(TOTP)).await;
    let (_, auth) = session_with_code(&w, "alice", TOTP).await;
    w.advance(30);
    // WHEN she removes it THEN it is refused by the policy
    assert!(matches!(
        w.mfa()
            .remove(
                &auth,
                secret(PASSWORD),
                SecondFactor::Totp(&code_now(&w, TOTP)),
                &from_ip(HOME)
            )
            .await,
        Err(AppError::MfaRequiredByPolicy)
    ));
    assert!(w.user(&alice.id).await.mfa_enabled);
    // GIVEN bob without a factor on a tenant that requires none
    let w = World::new().await;
    w.user_named("bob").await;
    let (_, auth) = w.session_of("bob", PASSWORD).await;
    // WHEN he removes one THEN there is none to remove
    assert!(matches!(
        w.mfa()
            .remove(
                &auth,
                secret(PASSWORD),
                SecondFactor::Totp("123456"),
                &from_ip(HOME)
            )
            .await,
        Err(AppError::InvalidRequest(_))
    ));
}

// ---- their own language ----

#[tokio::test]
async fn a_user_s_own_language_is_saved_and_can_be_changed_again() {
    // GIVEN alice signed in
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    // WHEN she picks German
    let updated = set_own_locale(
        &w.store,
        &w.clock,
        &auth.user,
        Some(Locale::De),
        &from_ip(HOME),
    )
    .await
    .unwrap();
    // THEN the account she gets back is the one stored
    assert_eq!(updated, w.user(&alice.id).await);
    assert_eq!(updated.locale, Some(Locale::De));
    // WHEN she clears it from that account THEN that is saved too
    let cleared = set_own_locale(&w.store, &w.clock, &updated, None, &from_ip(HOME))
        .await
        .unwrap();
    assert_eq!(cleared, w.user(&alice.id).await);
    assert_eq!(cleared.locale, None);
    // AND a change from a stale copy is refused as a conflict
    assert!(matches!(
        set_own_locale(
            &w.store,
            &w.clock,
            &auth.user,
            Some(Locale::Fr),
            &from_ip(HOME)
        )
        .await,
        Err(AppError::Conflict)
    ));
    let events = w.audited("user.locale_changed");
    let locales: Vec<&serde_json::Value> = events.iter().map(|e| &e.details["locale"]).collect();
    assert_eq!(locales, vec![&json!("de"), &serde_json::Value::Null]);
}
