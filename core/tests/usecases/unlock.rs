//! The unlock link of the account-lock mail: whoever holds the mailbox lifts
//! a lock that someone else's guesses set, owners included, without a reset.

use latchkey_core::domain::{MailKind, Role, totp};
use latchkey_core::usecases::AppError;
use latchkey_core::usecases::reset::ForgotRequest;
use latchkey_core::usecases::sessions::SecondFactor;
use secrecy::SecretString;

use crate::world::*;

const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const OWNER_IP: &str = "198.51.100.7";

/// A tenant whose accounts lock for everyone after 10 failures, 3 per address.
async fn tenant() -> World {
    World::with_settings(|s| {
        s.limits.lockout_threshold = 3;
        s.limits.account_failure_ceiling = 10;
    })
    .await
}

async fn guess(w: &World, username: &str, ip: &str) -> Result<(), AppError> {
    w.sign_in()
        .execute(
            &w.tenant,
            username,
            secret("wrong guess"),
            None,
            &from_ip(ip),
        )
        .await
        .map(|_| ())
}

/// Ten wrong guesses at `username` from ten addresses: the account locks.
async fn lock(w: &World, username: &str) {
    for i in 1..=10 {
        let _ = guess(w, username, &format!("203.0.113.{i}")).await;
    }
}

fn unlock_link_of(w: &World, to: &str) -> SecretString {
    let mail = w
        .mails_to(to)
        .into_iter()
        .rev()
        .find(|m| m.kind == MailKind::AccountLocked)
        .expect("a lock mail");
    assert!(mail.text.contains("/t/acme/unlock#token="), "{}", mail.text);
    token_in(&mail)
}

async fn unlock(w: &World, token: &SecretString, ip: &str) -> Result<(), AppError> {
    w.unlock().execute(&w.tenant, token, &from_ip(ip)).await
}

async fn sign_in_with_code(w: &World, username: &str, ip: &str) -> Result<(), AppError> {
    let code = totp::code_at(TOTP_SECRET, totp::step_of(w.now())).unwrap();
    w.sign_in()
        .execute_with(
            &w.tenant,
            username,
            secret(PASSWORD),
            Some(SecondFactor::Totp(&code)),
            &from_ip(ip),
        )
        .await
        .map(|_| ())
}

#[tokio::test]
async fn an_owner_locked_out_by_guesses_from_many_addresses_unlocks_with_the_mailed_link() {
    // GIVEN an owner with a second factor, and guesses from many addresses:
    // three from one (which locks that address), then one from each of seven more
    let w = tenant().await;
    w.create(
        w.account("olivia")
            .role(Role::Owner)
            .mfa_secret(TOTP_SECRET),
    )
    .await;
    for _ in 0..3 {
        let _ = guess(&w, "olivia", "192.0.2.1").await;
    }
    for i in 2..=8 {
        let _ = guess(&w, "olivia", &format!("192.0.2.{i}")).await;
    }
    // AND her right password and code are refused at her own address
    assert!(matches!(
        sign_in_with_code(&w, "olivia", OWNER_IP).await,
        Err(AppError::TooManyAttempts { .. })
    ));
    // WHEN she follows the link of the lock mail
    let token = unlock_link_of(&w, "olivia@acme.test");
    unlock(&w, &token, OWNER_IP).await.unwrap();
    // THEN she signs in with her password and her code
    sign_in_with_code(&w, "olivia", OWNER_IP).await.unwrap();
    // AND the password alone is still not enough
    let r = w
        .sign_in()
        .execute(
            &w.tenant,
            "olivia",
            secret(PASSWORD),
            None,
            &from_ip(OWNER_IP),
        )
        .await;
    assert!(matches!(r, Err(AppError::MfaRequired)), "{:?}", r.err());
    // AND the guessing address that locked itself stays locked
    assert!(matches!(
        sign_in_with_code(&w, "olivia", "192.0.2.1").await,
        Err(AppError::TooManyAttempts { .. })
    ));
    // AND the unlock is audited against her account
    let audited = w.audited("account.unlocked");
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].outcome, "success");
}

#[tokio::test]
async fn an_unlock_link_works_once() {
    // GIVEN alice's account locked, and its link used
    let w = tenant().await;
    w.user_named("alice").await;
    lock(&w, "alice").await;
    let token = unlock_link_of(&w, "alice@acme.test");
    unlock(&w, &token, OWNER_IP).await.unwrap();
    // WHEN the account locks again and the old link is used again
    lock(&w, "alice").await;
    // THEN it is refused, and the new lock holds
    assert!(matches!(
        unlock(&w, &token, OWNER_IP).await,
        Err(AppError::InvalidToken)
    ));
    assert!(guess(&w, "alice", OWNER_IP).await.is_err());
    assert!(matches!(
        w.sign_in()
            .execute(
                &w.tenant,
                "alice",
                secret(PASSWORD),
                None,
                &from_ip(OWNER_IP)
            )
            .await,
        Err(AppError::TooManyAttempts { .. })
    ));
}

#[tokio::test]
async fn a_newer_locks_link_supersedes_the_older_one() {
    // GIVEN locks of a minute, and alice locked twice within the hour
    let w = World::with_settings(|s| {
        s.limits.lockout_threshold = 3;
        s.limits.account_failure_ceiling = 10;
        s.limits.account_lock_seconds = 60;
    })
    .await;
    w.user_named("alice").await;
    lock(&w, "alice").await;
    let first = unlock_link_of(&w, "alice@acme.test");
    w.advance(61);
    for i in 11..=20 {
        let _ = guess(&w, "alice", &format!("203.0.113.{i}")).await;
    }
    let second = unlock_link_of(&w, "alice@acme.test");
    // WHEN the first link is used THEN it is refused
    assert!(matches!(
        unlock(&w, &first, OWNER_IP).await,
        Err(AppError::InvalidToken)
    ));
    // AND the second one unlocks
    unlock(&w, &second, OWNER_IP).await.unwrap();
    assert!(
        w.sign_in()
            .execute(
                &w.tenant,
                "alice",
                secret(PASSWORD),
                None,
                &from_ip(OWNER_IP)
            )
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn an_unlock_link_expires_after_an_hour() {
    // GIVEN alice locked
    let w = tenant().await;
    w.user_named("alice").await;
    lock(&w, "alice").await;
    let token = unlock_link_of(&w, "alice@acme.test");
    // WHEN the link is used after an hour THEN it is refused
    w.advance(3600);
    assert!(matches!(
        unlock(&w, &token, OWNER_IP).await,
        Err(AppError::InvalidToken)
    ));
}

#[tokio::test]
async fn an_unlock_link_sets_no_password_and_a_reset_link_unlocks_nothing() {
    // GIVEN alice locked, with her unlock link, and a reset link she asked for
    let w = tenant().await;
    w.user_named("alice").await;
    lock(&w, "alice").await;
    let unlock_token = unlock_link_of(&w, "alice@acme.test");
    w.request_reset()
        .execute(
            &w.tenant,
            ForgotRequest {
                username: None,
                email: Some("alice@acme.test".into()),
            },
            &from_ip(OWNER_IP),
        )
        .await
        .unwrap();
    let reset_mail = w
        .mails_to("alice@acme.test")
        .into_iter()
        .rev()
        .find(|m| m.kind == MailKind::PasswordReset)
        .expect("a reset mail");
    let reset_token = token_in(&reset_mail);
    // WHEN the unlock link is used to set a password, or to inspect one
    // THEN it is refused
    let set = w
        .confirm_reset()
        .confirm(
            &w.tenant,
            &unlock_token,
            secret("violet tuesday orbit quarry"),
            &from_ip(OWNER_IP),
        )
        .await;
    assert!(
        matches!(set, Err(AppError::InvalidToken)),
        "{:?}",
        set.err()
    );
    assert!(matches!(
        w.confirm_reset().inspect(&w.tenant, &unlock_token).await,
        Err(AppError::InvalidToken)
    ));
    // AND the reset link does not unlock
    assert!(matches!(
        unlock(&w, &reset_token, OWNER_IP).await,
        Err(AppError::InvalidToken)
    ));
}

#[tokio::test]
async fn a_made_up_token_unlocks_nothing() {
    // GIVEN alice locked
    let w = tenant().await;
    w.user_named("alice").await;
    lock(&w, "alice").await;
    // WHEN a token nobody was sent is used THEN it is refused
    assert!(matches!(
        unlock(&w, &secret("made-up"), OWNER_IP).await,
        Err(AppError::InvalidToken)
    ));
}

#[tokio::test]
async fn a_reset_link_used_as_an_unlock_link_is_refused_and_stays_usable() {
    // GIVEN alice, not locked, with a reset link she asked for
    let w = tenant().await;
    w.user_named("alice").await;
    w.request_reset()
        .execute(
            &w.tenant,
            ForgotRequest {
                username: None,
                email: Some("alice@acme.test".into()),
            },
            &from_ip(OWNER_IP),
        )
        .await
        .unwrap();
    let reset_token = token_in(&w.mails_to("alice@acme.test")[0]);
    // WHEN it is sent to the unlock route THEN it is refused
    assert!(matches!(
        unlock(&w, &reset_token, OWNER_IP).await,
        Err(AppError::InvalidToken)
    ));
    // AND it still sets her password
    w.confirm_reset()
        .confirm(
            &w.tenant,
            &reset_token,
            secret("violet tuesday orbit quarry"),
            &from_ip(OWNER_IP),
        )
        .await
        .unwrap();
}
