//! A job driven through a queue, as the AWS worker drives it: each delivery
//! runs one page and sends the next; repeats keep one chain; a failed send
//! is healed by the redelivery; pause and resume stop and start the chain.

use super::*;
use latchkey_core::ports::JobPages;
use latchkey_core::usecases::jobs::{Delivered, PageMessage, restart};
use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

/// A FIFO queue as SQS keeps one: a message whose deduplication id was
/// sent before is dropped; `fail_next` refuses the next send.
#[derive(Default)]
struct Queue {
    waiting: Mutex<VecDeque<PageMessage>>,
    seen: Mutex<HashSet<String>>,
    sent: Mutex<usize>,
    fail_next: AtomicBool,
}

#[async_trait]
impl JobPages for Queue {
    async fn send(&self, m: &PageMessage) -> Result<(), String> {
        if self.fail_next.swap(false, Ordering::SeqCst) {
            return Err("queue down".into());
        }
        *self.sent.lock().unwrap() += 1;
        if self.seen.lock().unwrap().insert(m.dedup_id()) {
            self.waiting.lock().unwrap().push_back(m.clone());
        }
        Ok(())
    }
}

impl Queue {
    fn pop(&self) -> Option<PageMessage> {
        self.waiting.lock().unwrap().pop_front()
    }
    fn len(&self) -> usize {
        self.waiting.lock().unwrap().len()
    }
}

/// GIVEN the owner, `n` users and a running job expiring all of them but
/// the owner; returns the owner and the job.
async fn expiring_everyone(w: &World, n: usize) -> (User, Job) {
    let olivia = owner(w).await;
    users(w, n).await;
    let job = start(
        w,
        &olivia,
        json!({"filter": {"all": true}, "action": "expire", "reason": "INC-9"}),
    )
    .await;
    (olivia, job)
}

/// Delivers every waiting message until none is left; returns how many.
async fn work(w: &World, q: &Queue) -> usize {
    let mut delivered = 0;
    while let Some(m) = q.pop() {
        runner(w, 1000.0, &w.store).deliver(q, &m).await.unwrap();
        delivered += 1;
    }
    delivered
}

#[tokio::test]
async fn a_queued_job_runs_page_after_page_to_done() {
    // GIVEN an owner, 250 users and a job started through the queue
    let w = World::new().await;
    let (_, job) = expiring_everyone(&w, 250).await;
    let q = Queue::default();
    let first = PageMessage::next_of(&job).unwrap();
    assert_eq!(first.page, 0);
    q.send(&first).await.unwrap();
    // WHEN the worker delivers what the queue holds
    let delivered = work(&w, &q).await;
    // THEN three pages of 100 ran (251 users), one message each, and the job is done
    assert_eq!(delivered, 3);
    let done = stored(&w, &job.id).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!(done.counts.processed, 251);
    assert_eq!(done.counts.skipped.get("self_target"), Some(&1));
}

#[tokio::test]
async fn a_message_delivered_twice_keeps_one_chain_and_acts_once() {
    // GIVEN a job of 150 users whose first page message is delivered twice
    let w = World::new().await;
    let (_, job) = expiring_everyone(&w, 150).await;
    let q = Queue::default();
    let first = PageMessage::next_of(&job).unwrap();
    // WHEN the first delivery runs page 0 and the repeat arrives after it
    let r = runner(&w, 1000.0, &w.store);
    assert_eq!(
        r.deliver(&q, &first).await.unwrap(),
        Delivered::Ran { next: Some(1) }
    );
    let repeat = r.deliver(&q, &first).await.unwrap();
    // THEN the repeat sent page 1 again, under the id the chain used: one message waits
    assert_eq!(repeat, Delivered::Repeat { resent: Some(1) });
    assert_eq!(*q.sent.lock().unwrap(), 2);
    assert_eq!(q.len(), 1);
    // AND the job ends with every user counted once
    work(&w, &q).await;
    let done = stored(&w, &job.id).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!(done.counts.processed, 151);
    assert_eq!(with_job(&w, "password.expired", &job.id).len(), 150);
}

#[tokio::test]
async fn a_failed_send_is_healed_by_the_redelivery() {
    // GIVEN a job of 150 users, and a queue that refuses the next send
    let w = World::new().await;
    let (_, job) = expiring_everyone(&w, 150).await;
    let q = Queue::default();
    let first = PageMessage::next_of(&job).unwrap();
    q.fail_next.store(true, Ordering::SeqCst);
    // WHEN page 0 runs but its next message cannot be sent
    let r = runner(&w, 1000.0, &w.store);
    assert!(r.deliver(&q, &first).await.is_err(), "the delivery fails");
    assert_eq!(q.len(), 0);
    assert_eq!(
        stored(&w, &job.id).await.pages_done,
        1,
        "page 0 was recorded"
    );
    // AND the queue delivers the failed message again
    assert_eq!(
        r.deliver(&q, &first).await.unwrap(),
        Delivered::Repeat { resent: Some(1) }
    );
    // THEN the chain goes on to the end
    work(&w, &q).await;
    let done = stored(&w, &job.id).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!(done.counts.processed, 151);
}

#[tokio::test]
async fn pause_stops_the_chain_and_resume_restarts_it_past_the_queue_dedup() {
    // GIVEN a job of 250 users whose first page ran
    let w = World::new().await;
    let (olivia, job) = expiring_everyone(&w, 250).await;
    let q = Queue::default();
    let r = runner(&w, 1000.0, &w.store);
    r.deliver(&q, &PageMessage::next_of(&job).unwrap())
        .await
        .unwrap();
    let waiting = q.pop().unwrap();
    // WHEN the owner pauses, and the waiting page 1 is delivered
    let meta = from_ip("203.0.113.9");
    jobs(&w, 10.0)
        .pause(&Actor::User(&olivia), &w.tenant, job.id.as_str(), &meta)
        .await
        .unwrap();
    // THEN nothing runs and nothing is sent
    assert_eq!(
        r.deliver(&q, &waiting).await.unwrap(),
        Delivered::Idle(JobStatus::Paused)
    );
    assert_eq!(q.len(), 0);
    // WHEN the owner resumes and the job is restarted
    jobs(&w, 10.0)
        .resume(&Actor::User(&olivia), &w.tenant, job.id.as_str(), &meta)
        .await
        .unwrap();
    let resent = restart(&w.store, &q, &w.tenant, &job.id).await.unwrap();
    // THEN page 1 is queued again although a page-1 message was sent before
    // (the version moved), and the job runs to the end
    assert_eq!(resent, Some(1));
    assert_eq!(q.len(), 1);
    work(&w, &q).await;
    let done = stored(&w, &job.id).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!(done.counts.processed, 251);
}

#[tokio::test]
async fn a_message_not_of_ours_is_refused() {
    // GIVEN bodies the queue might hold that no worker sent
    let ok = PageMessage {
        tenant: latchkey_core::domain::TenantId::try_from("acme".to_owned()).unwrap(),
        job: JobId::parse("j_000000000001_0123456789abcdef").unwrap(),
        page: 3,
        version: 7,
    };
    // THEN ours reads back, a forged job id or an unknown field does not
    assert_eq!(PageMessage::parse(&ok.body()), Some(ok.clone()));
    let forged = ok
        .body()
        .replace("j_000000000001_0123456789abcdef", "j_x#USER");
    assert_eq!(PageMessage::parse(&forged), None);
    let extra = ok.body().replace("\"page\"", "\"user\":\"u1\",\"page\"");
    assert_eq!(PageMessage::parse(&extra), None);
    assert_eq!(PageMessage::parse("not json"), None);
    // AND two messages for the same page of the same version share an id
    assert_eq!(ok.dedup_id(), "j_000000000001_0123456789abcdef-3-7");
}
