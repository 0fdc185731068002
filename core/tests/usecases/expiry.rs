//! Password expiry: the must-change at the first sign-in after it, and the
//! reminders before it (once each, on their days, as the fake clock moves).

use latchkey_core::domain::{Locale, MailKind, MustChangeReason, Status};
use latchkey_core::usecases::expiry::ReminderRun;
use serde_json::json;

use crate::world::*;

const DAY: i64 = 86_400;
const NEW: &str = "violet lantern meadows";

/// GIVEN a tenant whose passwords last 30 days, reminded 14, 3 and 1 days before.
async fn thirty_days() -> World {
    World::with_settings(|s| {
        s.password_max_age_days = Some(30);
        s.expiry_reminder_days = vec![14, 3, 1];
    })
    .await
}

fn reminders_to(w: &World, to: &str) -> Vec<latchkey_core::domain::Email> {
    w.mails_to(to)
        .into_iter()
        .filter(|m| m.kind == MailKind::PasswordExpiryReminder)
        .collect()
}

#[tokio::test]
async fn an_expired_password_makes_the_next_sign_in_a_must_change() {
    // GIVEN alice, whose password was set at t0, in a 30-day tenant
    let w = thirty_days().await;
    let alice = w.user_named("alice").await;
    // WHEN she signs in a second before it expires THEN nothing is asked
    w.advance(30 * DAY - 1);
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    assert!(!auth.user.must_change_password);
    // WHEN she signs in once it expired
    w.advance(1);
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    // THEN the session may only change the password, and says why
    assert!(auth.user.must_change_password);
    assert_eq!(
        auth.user.must_change_reason,
        Some(MustChangeReason::Expired)
    );
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.must_change_reason, Some(MustChangeReason::Expired));
    assert_eq!(
        w.audited("sign_in").last().unwrap().details["password_expired"],
        json!(true)
    );
    // WHEN she changes it THEN the flag and its reason are gone, for 30 more days
    w.change_password()
        .execute(&auth, secret(PASSWORD), secret(NEW), &from_ip("192.0.2.1"))
        .await
        .unwrap();
    let stored = w.user(&alice.id).await;
    assert!(!stored.must_change_password);
    assert_eq!(stored.must_change_reason, None);
    let (_, auth) = w.session_of("alice", NEW).await;
    assert!(!auth.user.must_change_password);
}

#[tokio::test]
async fn an_account_that_may_not_change_its_password_never_expires() {
    let w = thirty_days().await;
    w.create(w.account("kiosk").cannot_change()).await;
    w.advance(365 * DAY);
    let (_, auth) = w.session_of("kiosk", PASSWORD).await;
    assert!(!auth.user.must_change_password);
}

#[tokio::test]
async fn without_a_maximum_age_an_old_password_signs_in_unrestricted() {
    // GIVEN the default settings (no expiry) and a ten-year-old password
    let w = World::new().await;
    w.user_named("alice").await;
    w.advance(3650 * DAY);
    // THEN signing in asks for nothing, and no reminder goes out
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    assert!(!auth.user.must_change_password);
    assert_eq!(
        w.expiry_reminders().run().await.unwrap(),
        ReminderRun::default()
    );
}

#[tokio::test]
async fn reminders_go_out_once_each_on_their_days() {
    // GIVEN alice (password set at t0), bob (set 5 days before), and accounts
    // that get none: disabled, without email, with a bounced address
    let w = thirty_days().await;
    w.user_named("alice").await;
    w.create(
        w.account("bob")
            .with(|u| u.password_changed_at = Some(at(-5 * DAY)))
            .with(|u| u.locale = Some(Locale::De)),
    )
    .await;
    w.create(w.account("carol").status(Status::Disabled)).await;
    w.create(w.account("dave").email(None)).await;
    w.create(
        w.account("erin")
            .with(|u| u.email_status = latchkey_core::domain::EmailStatus::Bounced),
    )
    .await;
    // WHEN the pass runs twice every day for 31 days (and at two hours of each)
    let mut days_mailed = Vec::new();
    for day in 0..=31 {
        for hour in [1, 13] {
            w.clock.set(at(day * DAY + hour * 3600));
            w.expiry_reminders().run().await.unwrap();
            w.expiry_reminders().run().await.unwrap();
        }
        let sent = reminders_to(&w, "alice@acme.test").len();
        if sent > days_mailed.len() {
            days_mailed.push(day);
        }
    }
    // THEN alice got exactly three, 14, 3 and 1 days before her expiry day
    // (t0 is 2023-11-14 22:13 UTC, so the expiry day is 2023-12-14)
    let alice = reminders_to(&w, "alice@acme.test");
    assert_eq!(alice.len(), 3, "{days_mailed:?}");
    let dates: Vec<String> = alice
        .iter()
        .map(|m| m.created_at.date().to_string())
        .collect();
    assert_eq!(dates, ["2023-11-30", "2023-12-11", "2023-12-13"]);
    assert!(alice[0].subject.contains("14 days"), "{}", alice[0].subject);
    assert!(alice[2].subject.contains("1 day"), "{}", alice[2].subject);
    assert!(
        alice[0]
            .text
            .contains("https://login.example.test/t/acme/account")
    );
    // AND bob got his three, five days earlier, in his language
    let bob = reminders_to(&w, "bob@acme.test");
    let dates: Vec<String> = bob
        .iter()
        .map(|m| m.created_at.date().to_string())
        .collect();
    assert_eq!(dates, ["2023-11-25", "2023-12-06", "2023-12-08"]);
    assert_eq!(bob[0].locale, Locale::De);
    // AND nobody else got one
    for to in ["carol@acme.test", "erin@acme.test"] {
        assert!(reminders_to(&w, to).is_empty(), "{to}");
    }
    // AND each is audited with its day
    let audited: Vec<serde_json::Value> = w
        .audited("password.expiry_reminder")
        .iter()
        .map(|e| e.details["days_before"].clone())
        .collect();
    assert_eq!(audited.len(), 6);
    assert_eq!(audited.iter().filter(|d| **d == json!(14)).count(), 2);
}

#[tokio::test]
async fn a_pass_says_what_it_did() {
    let w = thirty_days().await;
    w.user_named("alice").await;
    w.create(w.account("dave").email(None)).await;
    // GIVEN the day 14 days before both expire
    w.clock.set(at(16 * DAY + 3600));
    // THEN the first pass sends one and skips dave, the second sends none
    let first = w.expiry_reminders().run().await.unwrap();
    assert_eq!(
        first,
        ReminderRun {
            tenants: 1,
            examined: 2,
            sent: 1,
            skipped: 1
        }
    );
    let second = w.expiry_reminders().run().await.unwrap();
    assert_eq!((second.sent, second.skipped), (0, 2));
}

#[tokio::test]
async fn a_new_password_starts_the_reminders_over() {
    // GIVEN alice, reminded 14 days before her expiry
    let w = thirty_days().await;
    let alice = w.user_named("alice").await;
    w.clock.set(at(16 * DAY + 3600));
    w.expiry_reminders().run().await.unwrap();
    assert_eq!(reminders_to(&w, "alice@acme.test").len(), 1);
    assert_eq!(w.user(&alice.id).await.expiry_reminders_sent, vec![14]);
    // WHEN she changes her password that day
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    w.change_password()
        .execute(&auth, secret(PASSWORD), secret(NEW), &from_ip("192.0.2.1"))
        .await
        .unwrap();
    assert!(w.user(&alice.id).await.expiry_reminders_sent.is_empty());
    // THEN the old schedule's 3-day reminder never comes
    w.clock.set(at(27 * DAY + 3600));
    w.expiry_reminders().run().await.unwrap();
    assert_eq!(reminders_to(&w, "alice@acme.test").len(), 1);
    // AND the new one's 14-day reminder does, 16 days after the change
    w.clock.set(at(32 * DAY + 3600));
    w.expiry_reminders().run().await.unwrap();
    assert_eq!(reminders_to(&w, "alice@acme.test").len(), 2);
}

#[tokio::test]
async fn turning_expiry_off_stops_the_reminders() {
    let w = thirty_days().await;
    w.user_named("alice").await;
    w.set_settings(|s| s.password_max_age_days = None).await;
    w.clock.set(at(16 * DAY + 3600));
    assert_eq!(
        w.expiry_reminders().run().await.unwrap(),
        ReminderRun::default()
    );
    assert!(reminders_to(&w, "alice@acme.test").is_empty());
    // AND a longer age moves every expiry day without touching an account
    w.set_settings(|s| s.password_max_age_days = Some(60)).await;
    w.clock.set(at(46 * DAY + 3600));
    w.expiry_reminders().run().await.unwrap();
    assert_eq!(reminders_to(&w, "alice@acme.test").len(), 1);
}

/// Commits through the store, except that the first unit that opens a
/// session conflicts, as if the account changed at that moment.
struct ConflictsOnce<'a> {
    store: &'a latchkey_core::memory::MemoryStore,
    armed: std::sync::atomic::AtomicBool,
}

#[async_trait::async_trait]
impl latchkey_core::ports::Committer for ConflictsOnce<'_> {
    async fn commit(
        &self,
        writes: Vec<latchkey_core::ports::Write>,
    ) -> Result<(), latchkey_core::ports::StoreError> {
        let opens = writes
            .iter()
            .any(|w| matches!(w, latchkey_core::ports::Write::PutSession(_)));
        if opens && self.armed.swap(false, std::sync::atomic::Ordering::SeqCst) {
            return Err(latchkey_core::ports::StoreError::Conflict("user changed"));
        }
        latchkey_core::ports::Committer::commit(self.store, writes).await
    }
}

#[tokio::test]
async fn an_expired_sign_in_that_races_a_change_opens_no_unrestricted_session() {
    // GIVEN alice's password expired, and her sign-in's unit conflicting once
    let w = thirty_days().await;
    let alice = w.user_named("alice").await;
    w.advance(30 * DAY);
    let racing = ConflictsOnce {
        store: &w.store,
        armed: std::sync::atomic::AtomicBool::new(true),
    };
    // WHEN she signs in
    let result = latchkey_core::usecases::sessions::SignIn {
        committer: &racing,
        ..w.sign_in()
    }
    .execute_with(
        &w.tenant,
        "alice",
        secret(PASSWORD),
        None,
        &from_ip("192.0.2.1"),
    )
    .await;
    // THEN she is asked to sign in again: no session opens without the
    // must-change (retrying without the account's save would drop it)
    assert!(
        matches!(result, Err(latchkey_core::usecases::AppError::Conflict)),
        "{:?}",
        result.map(|s| s.user.must_change_password)
    );
    assert!(!w.user(&alice.id).await.must_change_password);
    // AND her next sign-in stores it and is restricted
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    assert!(auth.user.must_change_password);
}
