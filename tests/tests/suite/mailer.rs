//! The `mailer` function against moto: a queued item becomes one SES message, a
//! redelivered record sends nothing more, a transient failure is reported as a
//! failed record and the item kept for the retry, a permanent refusal goes to
//! the dead-letter queue (SQS on moto) and `redrive` queues it again.

use serde_json::Value;
use std::sync::Arc;

use latchkey_shared::adapters::dynamodb::DynamoStore;
use latchkey_shared::adapters::ses::SesMailer;
use latchkey_shared::adapters::sqs::SqsDeadLetters;
use latchkey_shared::adapters::stream_mailer::handle_batch;
use latchkey_shared::domain::{Email, MailKind, TenantId};
use latchkey_shared::ports::{Committer, FakeClock, MAX_SEND_ATTEMPTS, MailOutbox, Write};
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
        locale: Default::default(),
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
    let config = latchkey_shared::adapters::aws::load_config().await;
    let sqs =
        latchkey_shared::adapters::aws::sqs_client(&config, Some(&latchkey_tests::moto_url()));
    let queue_url = sqs
        .create_queue()
        .queue_name(unique("mail-dlq-"))
        .send()
        .await
        .unwrap()
        .queue_url()
        .unwrap()
        .to_owned();
    let dlq = SqsDeadLetters::new(sqs.clone(), queue_url.clone());

    // GIVEN a queued item WHEN its stream record arrives THEN one message leaves
    let to = format!("{}@mailer.test", unique("r"));
    let (pk, sk) = queue(&store, MAIL_FROM, &to).await;
    let event = stream_event(&pk, &sk);
    let response = handle_batch(&*store, &mailer, &dlq, &clock, &event).await;
    assert_eq!(
        response["batchItemFailures"].as_array().unwrap().len(),
        0,
        "{response}"
    );
    let sent = moto_mails_to(&to).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].token(), "queued123");
    // AND the same record delivered again sends nothing more
    let again = handle_batch(&*store, &mailer, &dlq, &clock, &event).await;
    assert_eq!(again["batchItemFailures"].as_array().unwrap().len(), 0);
    assert_eq!(moto_mails_to(&to).await.len(), 1);

    // GIVEN a transient failure THEN the record is reported failed and the
    // item kept, with the attempt counted, for the stream's retry
    let to = format!("{}@mailer.test", unique("r"));
    let (pk, sk) = queue(&store, MAIL_FROM, &to).await;
    let response = handle_batch(&*store, &Flaky, &dlq, &clock, &stream_event(&pk, &sk)).await;
    let failures = response["batchItemFailures"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["itemIdentifier"], "111000000000000000001");
    let kept = store.queued(&format!("{pk}|{sk}")).await.unwrap().unwrap();
    assert_eq!(kept.attempts, 1);
    assert!(dlq_messages(&sqs, &queue_url).await.is_empty());
    let _ = store.ack(&format!("{pk}|{sk}")).await;

    // GIVEN a mail SES refuses for good (unverified sender) THEN it is not
    // retried: the record succeeds, and the dead-letter queue says which item
    // and why (never the body)
    let sender = format!("{}@nowhere.test", unique("s"));
    let to = format!("{}@mailer.test", unique("r"));
    let (pk, sk) = queue(&store, &sender, &to).await;
    let response = handle_batch(&*store, &mailer, &dlq, &clock, &stream_event(&pk, &sk)).await;
    assert_eq!(
        response["batchItemFailures"].as_array().unwrap().len(),
        0,
        "{response}"
    );
    assert!(moto_mails_to(&to).await.is_empty());
    let kept = store.queued(&format!("{pk}|{sk}")).await.unwrap().unwrap();
    assert_eq!(kept.attempts, MAX_SEND_ATTEMPTS);
    let messages = dlq_messages(&sqs, &queue_url).await;
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0]["outbox_key"], format!("{pk}|{sk}"));
    assert!(
        messages[0]["reason"]
            .as_str()
            .unwrap()
            .contains("refused permanently"),
        "{messages:?}"
    );
    assert!(!messages[0].to_string().contains("queued123"));

    // WHEN the cause is fixed and an operator redrives the queue
    verify_sender(&sender).await;
    let redriven = latchkey_shared::adapters::sqs::redrive(&sqs, &queue_url, &store, &clock, 10)
        .await
        .unwrap();
    assert_eq!(redriven.requeued.len(), 1, "{redriven:?}");
    assert!(store.queued(&format!("{pk}|{sk}")).await.unwrap().is_none());
    // THEN the fresh item's INSERT record sends it once, and the queue is empty
    let (npk, nsk) = redriven.requeued[0].split_once('|').unwrap();
    let response = handle_batch(&*store, &mailer, &dlq, &clock, &stream_event(npk, nsk)).await;
    assert_eq!(response["batchItemFailures"].as_array().unwrap().len(), 0);
    assert_eq!(moto_mails_to(&to).await.len(), 1);
    assert!(dlq_messages(&sqs, &queue_url).await.is_empty());
}

/// A provider that is down for a moment.
struct Flaky;

#[async_trait::async_trait]
impl latchkey_shared::ports::Mailer for Flaky {
    async fn send(&self, _: &Email) -> Result<(), latchkey_shared::ports::MailError> {
        Err(latchkey_shared::ports::MailError::Failed(
            "connection reset".into(),
        ))
    }
}

async fn dlq_messages(sqs: &aws_sdk_sqs::Client, url: &str) -> Vec<Value> {
    let out = sqs
        .receive_message()
        .queue_url(url)
        .max_number_of_messages(10)
        .visibility_timeout(0)
        .send()
        .await
        .unwrap();
    out.messages()
        .iter()
        .map(|m| serde_json::from_str(m.body().unwrap()).unwrap())
        .collect()
}
