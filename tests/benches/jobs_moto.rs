//! A job over 5,000 users on moto, end to end (issue 27, `docs/scale.md`):
//! the DynamoDB store, the outbox, the mail drained to moto's SES. No
//! assertion: the figures are printed. Needs moto (`scripts/moto_server.py`,
//! whose transactions cost the same whatever the table's size) at
//! `LATCHKEY_TEST_MOTO`. Run:
//! `cargo bench -p latchkey-tests --bench jobs_moto [-- USERS]` (default 5,000).
//!
//! One run reports:
//! - the reference, measured first by the SDK alone on a table of its own:
//!   moto's raw rate of `PutItem` (1 KB items) and of `TransactWriteItems` of
//!   six 1 KB items (the size of a job's unit for one user), one request at a
//!   time as the job sends them, so the job's users/s can be read against
//!   what moto itself sustains;
//! - the import of `USERS` users (one `CreateUser` unit each, 16 in flight);
//! - the user search index at `USERS` entries: p50/p99 of a prefix search's
//!   first page, a deep page and a narrow prefix;
//! - a job `expire_and_send` over every user, mail paced at 1,000 a second on
//!   the system clock, while the dispatcher sends the queued mail to moto's
//!   SES: users/s of the job, the time until the last mail left, and the
//!   request units per user (the wire meter, `latchkey_tests::capacity`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

#[path = "support/scale.rs"]
mod scale;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use latchkey_shared::adapters::dispatch::Dispatcher;
use latchkey_shared::adapters::ses::SesMailer;
use latchkey_shared::domain::jobs::MailPace;
use latchkey_shared::domain::permissions::Actor;
use latchkey_shared::ports::{Clock, Committer, MailOutbox, SystemClock, UserDirectory, Write};
use latchkey_shared::usecases::RequestMeta;
use latchkey_shared::usecases::jobs::{Created, JobRequest, JobRunner, Jobs};
use latchkey_shared::usecases::reset::LinkConfig;
use latchkey_tests::{
    MAIL_FROM, dynamo_store, dynamo_store_recorded, moto_url, ses_client, unique, verify_sender,
};
use scale::{ms, percentile};

fn item(i: &str) -> std::collections::HashMap<String, AttributeValue> {
    [
        ("pk", AttributeValue::S(format!("REF#{i}"))),
        ("sk", AttributeValue::S("R".into())),
        ("doc", AttributeValue::S("x".repeat(1000))),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// moto's own write rates, by the SDK alone, on a table of its own.
async fn reference() {
    let table = unique("bench-ref-");
    // The store creates the table (its schema); the SDK client alone writes.
    dynamo_store(&table).await;
    let config = latchkey_shared::adapters::aws::load_config().await;
    let client = latchkey_shared::adapters::aws::dynamodb_client(&config, Some(&moto_url()));
    let n = 1_000;
    let started = Instant::now();
    for i in 0..n {
        client
            .put_item()
            .table_name(&table)
            .set_item(Some(item(&format!("p{i}"))))
            .send()
            .await
            .unwrap();
    }
    let puts = n as f64 / started.elapsed().as_secs_f64();
    let units = 300;
    let started = Instant::now();
    for i in 0..units {
        let items = (0..6)
            .map(|j| {
                let put = Put::builder()
                    .table_name(&table)
                    .set_item(Some(item(&format!("t{i}-{j}"))))
                    .build()
                    .unwrap();
                TransactWriteItem::builder().put(put).build()
            })
            .collect();
        client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
            .unwrap();
    }
    let tx = units as f64 / started.elapsed().as_secs_f64();
    println!(
        "reference (SDK alone, one request at a time): PutItem {puts:.0}/s; TransactWriteItems of 6 items {tx:.0}/s"
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let users: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or(5_000);
    println!(
        "jobs_moto: {users} users; profile {}",
        if cfg!(debug_assertions) {
            "dev (debug)"
        } else {
            "release"
        }
    );
    reference().await;

    let (store, meter) = dynamo_store_recorded(&unique("bench-job-")).await;
    let store = Arc::new(store);
    let clock = SystemClock;
    let tenant = scale::tenant(&unique("s-"));
    let template = scale::template(&tenant.id, clock.now());
    let owner = scale::owner(&template);
    store
        .commit(vec![
            Write::PutTenant(tenant.clone()),
            Write::CreateUser(owner.clone()),
        ])
        .await
        .unwrap();
    let started = Instant::now();
    let all: Vec<_> = (0..users).map(|i| scale::nth(&template, i)).collect();
    for chunk in all.chunks(16) {
        let mut units = tokio::task::JoinSet::new();
        for u in chunk {
            let (store, u) = (store.clone(), u.clone());
            units.spawn(async move { store.commit(vec![Write::CreateUser(u)]).await });
        }
        while let Some(done) = units.join_next().await {
            done.unwrap().unwrap();
        }
    }
    let took = started.elapsed();
    println!(
        "import {users} users: {:.1} s, {:.0} users/s (16 units in flight)",
        took.as_secs_f64(),
        users as f64 / took.as_secs_f64()
    );

    let half = format!("n:user{:07}", users / 2);
    for (label, prefix, cursor) in [
        ("prefix `user`, first page", "user", None),
        (
            "prefix `user`, deep page (cursor half-way)",
            "user",
            Some(half.as_str()),
        ),
        ("narrow prefix (~100 matches)", "user00012", None),
    ] {
        let mut samples = Vec::new();
        for _ in 0..50 {
            let t = Instant::now();
            let page = store
                .search_users(&tenant.id, prefix, cursor, 100)
                .await
                .unwrap();
            samples.push(t.elapsed());
            assert!(!page.items.is_empty());
        }
        println!(
            "  search {label}: p50 {:.1} ms, p99 {:.1} ms ({} samples)",
            ms(percentile(&mut samples, 50.0)),
            ms(percentile(&mut samples, 99.0)),
            samples.len()
        );
    }

    verify_sender(MAIL_FROM).await;
    let stop = Arc::new(AtomicBool::new(false));
    let drain = tokio::spawn({
        let dispatcher = Dispatcher {
            outbox: store.clone(),
            mailer: Arc::new(SesMailer::new(ses_client().await, None)),
            clock: Arc::new(SystemClock),
            idle_wait: Duration::from_millis(10),
        };
        let (stop, store) = (stop.clone(), store.clone());
        async move {
            let mut sent = 0;
            loop {
                let pass = dispatcher.pass().await;
                sent += pass.sent;
                if pass.sent == 0 {
                    if stop.load(Ordering::Relaxed) && store.pending(1).await.unwrap().is_empty() {
                        return sent;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        }
    });
    let links = LinkConfig {
        public_base_url: "http://pages.test".into(),
        mail_from: MAIL_FROM.into(),
    };
    let pace = MailPace::per_second(1_000.0).unwrap();
    let jobs = Jobs {
        tenants: &*store,
        users: &*store,
        directory: &*store,
        jobs: &*store,
        committer: &*store,
        clock: &clock,
        links: &links,
        pace,
        count_entries: latchkey_shared::domain::jobs::COUNT_ENTRIES,
    };
    let request: JobRequest = serde_json::from_value(serde_json::json!({
        "filter": {"q": "user"}, "action": "expire_and_send", "reason": "INC-27",
    }))
    .unwrap();
    let before = meter.units();
    let started = Instant::now();
    let Created::Started(job) = jobs
        .create(
            &Actor::User(&owner),
            &tenant.id,
            request,
            &RequestMeta::default(),
        )
        .await
        .unwrap()
    else {
        panic!("no job")
    };
    let created = started.elapsed();
    let runner = JobRunner {
        tenants: &*store,
        users: &*store,
        directory: &*store,
        jobs: &*store,
        committer: &*store,
        clock: &clock,
        sleeper: &clock,
        links: &links,
        pace,
    };
    let run_started = Instant::now();
    let done = runner.drive(&tenant.id, &job.id).await.unwrap();
    let drove = run_started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let sent = drain.await.unwrap();
    let all_mail = started.elapsed();
    let units = meter.units() - before;
    println!(
        "job expire_and_send over {} users: create (count) {:.1} s; run {:.1} s = {:.0} users/s; {} pages; processed {}, sent {}",
        done.matched,
        created.as_secs_f64(),
        drove.as_secs_f64(),
        done.counts.processed as f64 / drove.as_secs_f64(),
        done.pages_done,
        done.counts.processed,
        done.counts.sent
    );
    println!(
        "  mail: {sent} sent to moto SES by the dispatcher; the last left {:.1} s after the job was created",
        all_mail.as_secs_f64()
    );
    println!(
        "  request units, job and mail together: {:.1} WRU and {:.1} RRU per user",
        units.write / users as f64,
        units.read / users as f64
    );
}
