//! Jobs as AWS runs them, over moto's SQS and DynamoDB: admin-reset queues
//! the first page on a FIFO queue, the worker's handler (the `job-worker`
//! function's, fed the SQS event Lambda would send) runs each page and
//! queues the next; a repeated message acts once; the queue drops a repeat
//! of a message's deduplication id; the dead-letter redrive restarts a job
//! at the page it stands at and leaves what is not ours.

use std::sync::Arc;

use latchkey_shared::adapters::job_queue::{SqsJobPages, handle_event, redrive};
use latchkey_shared::adapters::job_runner::{JobLauncher, QueuedJobs};
use latchkey_shared::app::App;
use latchkey_shared::domain::jobs::{Job, JobStatus};
use latchkey_shared::domain::permissions::Actor;
use latchkey_shared::domain::{Status, User, UserId};
use latchkey_shared::http::api::jobs::jobs;
use latchkey_shared::ports::{JobPages, Write};
use latchkey_shared::usecases::RequestMeta;
use latchkey_shared::usecases::jobs::{Created, PageMessage};
use latchkey_tests::{Mode, unique};
use serde_json::{Value, json};

use crate::conformance::World;

struct Queues {
    sqs: aws_sdk_sqs::Client,
    jobs: String,
    dead: String,
}

// Each test on a table of its own (`World::isolated`): moto copies the whole
// table for every transaction, and a job is a transaction per user.

/// GIVEN a FIFO jobs queue and its dead-letter queue on moto, as the
/// template makes them (receive count 3).
async fn queues() -> Queues {
    let config = latchkey_shared::adapters::aws::load_config().await;
    let sqs =
        latchkey_shared::adapters::aws::sqs_client(&config, Some(&latchkey_tests::moto_url()));
    let make = |name: String, redrive: Option<String>| {
        let sqs = sqs.clone();
        async move {
            let mut q = sqs
                .create_queue()
                .queue_name(name)
                .attributes(aws_sdk_sqs::types::QueueAttributeName::FifoQueue, "true");
            if let Some(policy) = redrive {
                q = q.attributes(
                    aws_sdk_sqs::types::QueueAttributeName::RedrivePolicy,
                    policy,
                );
            }
            q.send().await.unwrap().queue_url().unwrap().to_owned()
        }
    };
    let dead = make(unique("jobs-dlq-") + ".fifo", None).await;
    let dead_arn = sqs
        .get_queue_attributes()
        .queue_url(&dead)
        .attribute_names(aws_sdk_sqs::types::QueueAttributeName::QueueArn)
        .send()
        .await
        .unwrap()
        .attributes()
        .unwrap()[&aws_sdk_sqs::types::QueueAttributeName::QueueArn]
        .clone();
    let policy = json!({"deadLetterTargetArn": dead_arn, "maxReceiveCount": 3}).to_string();
    let jobs = make(unique("jobs-") + ".fifo", Some(policy)).await;
    Queues { sqs, jobs, dead }
}

impl Queues {
    fn pages(&self) -> SqsJobPages {
        SqsJobPages::new(self.sqs.clone(), &self.jobs)
    }

    /// Receives what the queue delivers now, as the Lambda event source
    /// would, up to `max` messages.
    async fn receive(&self, url: &str, max: i32) -> Vec<aws_sdk_sqs::types::Message> {
        self.sqs
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(max)
            .visibility_timeout(30)
            .send()
            .await
            .unwrap()
            .messages()
            .to_vec()
    }

    async fn delete(&self, url: &str, m: &aws_sdk_sqs::types::Message) {
        self.sqs
            .delete_message()
            .queue_url(url)
            .receipt_handle(m.receipt_handle().unwrap())
            .send()
            .await
            .unwrap();
    }

    /// The worker's loop as Lambda runs it: an event per batch, the
    /// messages not reported failed deleted. Returns the pages delivered.
    async fn work(&self, app: &App) -> Vec<Value> {
        let pages = self.pages();
        let mut delivered = Vec::new();
        loop {
            let batch = self.receive(&self.jobs, 1).await;
            if batch.is_empty() {
                return delivered;
            }
            let answer = handle_event(app, &pages, &event(&batch)).await;
            assert_eq!(answer["batchItemFailures"], json!([]), "{answer}");
            for m in &batch {
                delivered.push(serde_json::from_str(m.body().unwrap()).unwrap());
                self.delete(&self.jobs, m).await;
            }
        }
    }
}

/// The SQS event Lambda sends for `messages`.
fn event(messages: &[aws_sdk_sqs::types::Message]) -> Value {
    json!({"Records": messages.iter().map(|m| json!({
        "messageId": m.message_id(),
        "receiptHandle": m.receipt_handle(),
        "body": m.body(),
        "attributes": {"ApproximateReceiveCount": "1"},
        "eventSource": "aws:sqs",
    })).collect::<Vec<_>>()})
}

fn app(w: &World) -> App {
    let mut app = App::new(w.store.clone(), w.clock.clone(), w.links.clone());
    // Mail as fast as moto takes it: this is about the chain, not the pace.
    app.job_pace = latchkey_shared::domain::jobs::MailPace::per_second(10_000.0).unwrap();
    app
}

/// GIVEN the owner and `n` users (one password hash for all: fast to make).
async fn people(w: &World, n: usize) -> (User, Vec<User>) {
    let owner = w.job_owner().await;
    let template = w.user("user000", Status::Active);
    let mut made = Vec::new();
    for i in 0..n {
        let mut u = template.clone();
        u.id = UserId::generate();
        u.username = format!("user{i:03}");
        u.email = Some(format!("user{i:03}@conformance.test"));
        made.push(u.clone());
        w.store.commit(vec![Write::CreateUser(u)]).await.unwrap();
    }
    (owner, made)
}

async fn start(w: &World, app: &App, owner: &User, body: Value) -> Job {
    let request = serde_json::from_value(body).unwrap();
    let meta = RequestMeta {
        ip: Some("203.0.113.9".into()),
        ..Default::default()
    };
    let created = jobs(app)
        .create(&Actor::User(owner), &w.tenant.id, request, &meta)
        .await
        .unwrap();
    match created {
        Created::Started(job) => *job,
        Created::DryRun { .. } => panic!("a job was asked for"),
    }
}

async fn stored(w: &World, job: &Job) -> Job {
    w.store
        .get_job(&w.tenant.id, &job.id)
        .await
        .unwrap()
        .unwrap()
}

fn expire_all() -> Value {
    json!({"filter": {"q": "user"}, "action": "expire_and_send", "reason": "INC-7"})
}

#[tokio::test]
async fn a_job_runs_through_the_fifo_queue_page_after_page_and_acts_once() {
    // GIVEN 205 users on DynamoDB and a jobs queue
    let w = World::isolated(Mode::Dynamo).await;
    let q = queues().await;
    let app = app(&w);
    let (owner, users) = people(&w, 205).await;
    // WHEN admin-reset starts a job and queues its first page
    let job = start(&w, &app, &owner, expire_all()).await;
    let launcher = QueuedJobs {
        pages: Arc::new(q.pages()),
    };
    launcher.launch(&job).await.unwrap();
    // AND the same first page is queued twice more (a retried request): the
    // queue keeps one, by its deduplication id
    launcher.launch(&job).await.unwrap();
    q.pages()
        .send(&PageMessage::next_of(&job).unwrap())
        .await
        .unwrap();
    // AND the worker handles whatever the queue delivers
    let delivered = q.work(&app).await;
    // THEN pages 0, 1, 2 ran once each, in order
    let pages: Vec<u64> = delivered
        .iter()
        .map(|m| m["page"].as_u64().unwrap())
        .collect();
    assert_eq!(pages, vec![0, 1, 2]);
    // AND every user was expired once and mailed once
    let done = stored(&w, &job).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!((done.counts.processed, done.counts.sent), (205, 205));
    for u in [&users[0], &users[204]] {
        assert!(w.fresh(u).await.must_change_password);
    }
    assert!(!w.fresh(&owner).await.must_change_password);
}

#[tokio::test]
async fn a_redelivered_page_acts_once_and_keeps_one_chain() {
    // GIVEN a job of 120 users whose page 0 ran through the queue
    let w = World::isolated(Mode::Dynamo).await;
    let q = queues().await;
    let app = app(&w);
    let (owner, _) = people(&w, 120).await;
    let job = start(&w, &app, &owner, expire_all()).await;
    let first = PageMessage::next_of(&job).unwrap();
    q.pages().send(&first).await.unwrap();
    let batch = q.receive(&q.jobs, 1).await;
    handle_event(&app, &q.pages(), &event(&batch)).await;
    // WHEN the queue delivers page 0 again before its deletion (a Lambda
    // timeout after the page was recorded): the same event once more
    let answer = handle_event(&app, &q.pages(), &event(&batch)).await;
    assert_eq!(answer["batchItemFailures"], json!([]));
    q.delete(&q.jobs, &batch[0]).await;
    // THEN one page-1 message waits, not two, and the job ends with each
    // user counted once
    let rest = q.work(&app).await;
    assert_eq!(rest.len(), 1, "{rest:?}");
    let done = stored(&w, &job).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!((done.counts.processed, done.counts.sent), (120, 120));
}

#[tokio::test]
async fn an_unreadable_message_fails_and_the_rest_of_its_batch_waits() {
    // GIVEN a batch whose first message is not ours
    let w = World::isolated(Mode::Dynamo).await;
    let app = app(&w);
    let q = queues().await;
    let batch = json!({"Records": [
        {"messageId": "m1", "body": "{\"tenant\":\"x\",\"job\":\"j_1#USER\",\"page\":0,\"version\":0}"},
        {"messageId": "m2", "body": "{}"},
    ]});
    // WHEN the worker handles it
    let answer = handle_event(&app, &q.pages(), &batch).await;
    // THEN both are reported failed (the second unprocessed: a job's pages
    // never run out of order), so they end in the dead-letter queue
    assert_eq!(
        answer["batchItemFailures"],
        json!([{"itemIdentifier": "m1"}, {"itemIdentifier": "m2"}])
    );
}

#[tokio::test]
async fn the_redrive_restarts_running_jobs_where_they_stand_and_keeps_what_is_not_ours() {
    // GIVEN a running job at page 1, a cancelled job, and in the dead-letter
    // queue: a stale page-0 message of each and a message that is not ours
    let w = World::isolated(Mode::Dynamo).await;
    let q = queues().await;
    let app = app(&w);
    let (owner, _) = people(&w, 120).await;
    let running = start(&w, &app, &owner, expire_all()).await;
    q.pages()
        .send(&PageMessage::next_of(&running).unwrap())
        .await
        .unwrap();
    let batch = q.receive(&q.jobs, 1).await;
    handle_event(&app, &q.pages(), &event(&batch)).await;
    q.delete(&q.jobs, &batch[0]).await;
    // (page 1's message is lost, as if it had failed three times)
    let lost = q.receive(&q.jobs, 1).await;
    q.delete(&q.jobs, &lost[0]).await;
    let cancelled = start(&w, &app, &owner, expire_all()).await;
    let meta = RequestMeta::default();
    jobs(&app)
        .cancel(
            &Actor::User(&owner),
            &w.tenant.id,
            cancelled.id.as_str(),
            &meta,
        )
        .await
        .unwrap();
    let dead = SqsJobPages::new(q.sqs.clone(), &q.dead);
    dead.send(&PageMessage::next_of(&running).unwrap())
        .await
        .unwrap();
    dead.send(&PageMessage::next_of(&cancelled).unwrap())
        .await
        .unwrap();
    q.sqs
        .send_message()
        .queue_url(&q.dead)
        .message_body("not a page")
        .message_group_id("x")
        .message_deduplication_id("x")
        .send()
        .await
        .unwrap();
    // WHEN on-call redrives the dead-letter queue
    let report = redrive(&q.sqs, &q.dead, &*w.store, &q.pages(), 10)
        .await
        .unwrap();
    // THEN the running job is queued again at page 1 (where it stands), the
    // cancelled job's message dropped, the unreadable one left
    assert_eq!(report.restarted, vec![format!("{}:1", running.id)]);
    assert_eq!((report.idle, report.unreadable), (1, 1));
    // AND the running job finishes from the queue
    q.work(&app).await;
    let done = stored(&w, &running).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!(done.counts.processed, 120);
}
