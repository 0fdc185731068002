//! The SES adapter against moto: accepted mail is readable back with its link;
//! a refused send is a logged, retried failure, never a lost mail or a 5xx.

use serde_json::json;
use std::sync::Arc;

use latchkey::seed::SeedFile;
use latchkey::serve::{self, MailKind, ServeArgs};
use latchkey_shared::adapters::dispatch::Dispatcher;
use latchkey_shared::adapters::memory::MemoryStore;
use latchkey_shared::adapters::ses::SesMailer;
use latchkey_shared::domain::{Email, MailKind as Kind, TenantId};
use latchkey_shared::ports::{Committer, FakeClock, MailOutbox, Mailer, Write};
use latchkey_tests::{MAIL_FROM, moto_mails_to, ses_client, test_now, unique, verify_sender};

fn email(from: &str, to: &str) -> Email {
    Email {
        id: unique("m"),
        tenant_id: TenantId::parse("ses-test").unwrap(),
        to: to.into(),
        from: from.into(),
        subject: "Reset your Test password".into(),
        text: "Follow https://pages.test/t/ses-test/reset#token=abc123\n".into(),
        html: "<p><a href=\"https://pages.test/t/ses-test/reset#token=abc123\">reset</a></p>"
            .into(),
        kind: Kind::PasswordReset,
        locale: Default::default(),
        created_at: test_now(),
    }
}

#[tokio::test]
async fn verified_sender_mail_reaches_ses_with_its_link() {
    verify_sender(MAIL_FROM).await;
    let mailer = SesMailer::new(ses_client().await, None);
    let to = format!("{}@ses.test", unique("r"));
    mailer.send(&email(MAIL_FROM, &to)).await.unwrap();
    let mails = moto_mails_to(&to).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].token(), "abc123");
    assert_eq!(mails[0].subject, "Reset your Test password");
}

#[tokio::test]
async fn refused_send_is_parked_not_retried() {
    // GIVEN a queued mail from a sender SES has not verified
    let store = Arc::new(MemoryStore::new());
    let to = format!("{}@ses.test", unique("r"));
    let queued = email("unverified@nowhere.test", &to);
    store
        .commit(vec![Write::Mail(queued.clone())])
        .await
        .unwrap();
    let dispatcher = Dispatcher {
        outbox: store.clone(),
        mailer: Arc::new(SesMailer::new(ses_client().await, None)),
        clock: Arc::new(FakeClock::new(test_now())),
        idle_wait: std::time::Duration::from_millis(10),
    };
    // WHEN the dispatcher tries to send it
    let report = dispatcher.pass().await;
    // THEN SES's refusal is permanent: nothing reached SES, the mail is kept
    // for an operator (attempts at the maximum) and never retried
    assert_eq!((report.sent, report.failed, report.given_up), (0, 0, 1));
    assert!(moto_mails_to(&to).await.is_empty());
    assert!(store.pending(10).await.unwrap().is_empty(), "not retried");
    let kept = store.outbox_items();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].email.id, queued.id);
    assert_eq!(kept[0].attempts, latchkey_shared::ports::MAX_SEND_ATTEMPTS);
    assert_eq!(
        dispatcher.pass().await,
        Default::default(),
        "a second pass does nothing"
    );
}

#[tokio::test]
async fn ses_failure_never_reaches_the_requester() {
    // GIVEN the served app on the memory store mailing through SES from an
    // unverified address
    let tenant = unique("t-");
    let to = format!("alice@{tenant}.test");
    let seed: SeedFile =
        serde_json::from_value(json!({"tenants": [{"id": tenant, "name": "T", "users": [
        {"username": "alice", "email": to, "password": "Original-Password-Walrus-7"}]}]}))
        .unwrap();
    let mut args = ServeArgs::local(std::env::temp_dir().join(unique("unused-outbox-")));
    args.mail = MailKind::Ses;
    args.ses_endpoint = Some(latchkey_tests::moto_url());
    args.mail_from = "not-verified@nowhere.test".into();
    let server = serve::start(&args, seed, Arc::new(FakeClock::new(test_now())))
        .await
        .unwrap();
    // WHEN a reset is requested THEN the user still gets the 202
    let resp = reqwest::Client::new()
        .post(format!(
            "{}/v1/tenants/{tenant}/password-resets",
            server.url
        ))
        .json(&json!({"email": to}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202);
    // AND SES's refusal parks the mail for an operator instead of losing it
    let memory = server.memory.clone().unwrap();
    let mut attempts = 0;
    for _ in 0..300 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        attempts = memory
            .outbox_items()
            .first()
            .map(|i| i.attempts)
            .unwrap_or(0);
        if attempts > 0 {
            break;
        }
    }
    assert_eq!(
        attempts,
        latchkey_shared::ports::MAX_SEND_ATTEMPTS,
        "parked"
    );
    assert_eq!(memory.outbox_items().len(), 1);
    assert!(memory.pending(10).await.unwrap().is_empty());
    assert!(moto_mails_to(&to).await.is_empty());
}
