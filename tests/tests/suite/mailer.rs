//! The `mailer` function against moto: a queued item becomes one SES message, a
//! redelivered record sends nothing more, an SES failure is reported as a
//! failed record and the item is kept for the retry.

use serde_json::Value;
use std::sync::Arc;

use latchkey_shared::adapters::dynamodb::DynamoStore;
use latchkey_shared::adapters::ses::SesMailer;
use latchkey_shared::adapters::stream_mailer::handle_batch;
use latchkey_shared::domain::{Email, MailKind, TenantId};
use latchkey_shared::ports::{Committer, FakeClock, MailOutbox, Write};
use latchkey_tests::{
    MAIL_FROM, dynamo_store, moto_mails_to, ses_client, table_name, test_now, unique, verify_sender,
};

async fn queue(store: &DynamoStore, from: &str, to: &str) -> (String, String) {
    let email = Email {
        id: unique("m"),
        tenant_id: TenantId::parse("mailer-test").unwrap(),
        to: to.into(),
        from: from.into(),
        subject: "Reset your Mailer Org password".into(),
        text: "https://pages.test/t/mailer-test/reset#token=queued123\n".into(),
        html: "<p>https://pages.test/t/mailer-test/reset#token=queued123</p>".into(),
        kind: MailKind::PasswordReset,
        created_at: test_now(),
    };
    store
        .commit(vec![Write::Mail(email.clone())])
        .await
        .unwrap();
    let item = store
        .pending(100)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.email.id == email.id)
        .unwrap();
    let (pk, sk) = item.key.split_once('|').unwrap();
    (pk.to_owned(), sk.to_owned())
}

fn stream_event(pk: &str, sk: &str) -> Value {
    let text = std::fs::read_to_string(format!(
        "{}/../events/mailer/outbox-insert.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    serde_json::from_str(
        &text
            .replace("REPLACE_WITH_PK", pk)
            .replace("REPLACE_WITH_SK", sk),
    )
    .unwrap()
}

#[tokio::test]
async fn queued_mail_is_sent_once_and_failures_are_reported() {
    let store = Arc::new(dynamo_store(&format!("{}-mailer", table_name())).await);
    let clock = FakeClock::new(test_now());
    verify_sender(MAIL_FROM).await;
    let mailer = SesMailer::new(ses_client().await, None);

    // GIVEN a queued item WHEN its stream record arrives THEN one message leaves
    let to = format!("{}@mailer.test", unique("r"));
    let (pk, sk) = queue(&store, MAIL_FROM, &to).await;
    let event = stream_event(&pk, &sk);
    let response = handle_batch(&*store, &mailer, &clock, &event).await;
    assert_eq!(
        response["batchItemFailures"].as_array().unwrap().len(),
        0,
        "{response}"
    );
    let sent = moto_mails_to(&to).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].token(), "queued123");
    // AND the same record delivered again sends nothing more
    let again = handle_batch(&*store, &mailer, &clock, &event).await;
    assert_eq!(again["batchItemFailures"].as_array().unwrap().len(), 0);
    assert_eq!(moto_mails_to(&to).await.len(), 1);

    // GIVEN a mail SES refuses (unverified sender) THEN its record is reported failed
    let to = format!("{}@mailer.test", unique("r"));
    let (pk, sk) = queue(&store, "unverified@nowhere.test", &to).await;
    let response = handle_batch(&*store, &mailer, &clock, &stream_event(&pk, &sk)).await;
    let failures = response["batchItemFailures"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["itemIdentifier"], "111000000000000000001");
    assert!(moto_mails_to(&to).await.is_empty());
    // AND the item is kept, with the attempt counted, for the retry
    let kept = store.queued(&format!("{pk}|{sk}")).await.unwrap().unwrap();
    assert_eq!(kept.attempts, 1);
}
