//! A job over a million users of one tenant on the memory store, and the user
//! search index at that size (issue 27, `docs/scale.md`). No assertion: the
//! figures are printed. Run:
//! `cargo bench -p latchkey-tests --bench jobs_memory [-- USERS MAILED_USERS]`
//! (defaults 1,000,000 and 100,000).
//!
//! One run reports, with the process's memory (VmRSS/VmHWM) between steps:
//! - the reference, measured first in the same process: the same work shape
//!   with no store and no rules, a `BTreeMap` of the index's entries built
//!   and then walked in pages of 100 (what an ordered index costs per user at
//!   the least), so users/s below can be read as a share of what this
//!   machine and build can do at all;
//! - the import: `USERS` users committed one `CreateUser` unit each (the
//!   user, its name claim and its two index entries), users/s;
//! - the user search at `USERS` entries: p50/p99 of a prefix search's first
//!   page, of a deep page (from a cursor half-way) and of a narrow prefix;
//! - a job `expire` over every user (create: the dry-run count's directory
//!   pass; then `JobRunner::drive`), users/s;
//! - a job `expire_and_send` over `MAILED_USERS` users of a second tenant, its
//!   mail paced at 10,000 a second on a fake clock (no wait) and drained as it
//!   is queued by the dispatcher to a mailer that accepts everything, users/s
//!   (fewer users: each keeps an audit event and a link more than `expire`,
//!   and the machine this was measured on had ~2 GB free).
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

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use latchkey_shared::adapters::dispatch::Dispatcher;
use latchkey_shared::adapters::memory::MemoryStore;
use latchkey_shared::domain::directory;
use latchkey_shared::domain::jobs::{Job, MailPace};
use latchkey_shared::domain::permissions::Actor;
use latchkey_shared::domain::{Tenant, User};
use latchkey_shared::ports::{Clock, Committer, FakeClock, UserDirectory, Write};
use latchkey_shared::usecases::RequestMeta;
use latchkey_shared::usecases::jobs::{Created, JobRequest, JobRunner, Jobs};
use latchkey_shared::usecases::reset::LinkConfig;
use scale::{memory_line, ms, percentile};

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .nth(n)
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn links() -> LinkConfig {
    LinkConfig {
        public_base_url: "http://pages.test".into(),
        mail_from: "no-reply@latchkey.test".into(),
    }
}

/// The reference: the index's entries (name entry to user number) in a bare
/// `BTreeMap`, built, then walked 100 at a time from a cursor (a range read
/// per page, each entry copied out): the least an ordered index costs per
/// user on this machine and build, with no user behind it.
fn reference(template: &User, n: usize) {
    let started = Instant::now();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..n {
        let u = scale::nth(template, i);
        index.insert(directory::name_entry(&u.username_key(), u.id.as_str()), i);
    }
    let built = started.elapsed();
    memory_line("with the reference built");
    let started = Instant::now();
    let mut cursor = String::from("n:");
    let mut seen = 0usize;
    loop {
        let page: Vec<(String, usize)> = index
            .range::<String, _>((
                std::ops::Bound::Excluded(&cursor),
                std::ops::Bound::Unbounded,
            ))
            .take(100)
            .map(|(k, i)| (k.clone(), *i))
            .collect();
        let Some((last, _)) = page.last() else { break };
        cursor = last.clone();
        seen += page.len();
    }
    let walked = started.elapsed();
    println!(
        "reference (bare BTreeMap, {n} entries): build {:.0}/s (a user cloned and its entry made, each), paged walk {:.0}/s ({seen} read)",
        n as f64 / built.as_secs_f64(),
        seen as f64 / walked.as_secs_f64()
    );
}

async fn import(store: &MemoryStore, tenant: &Tenant, template: &User, n: usize) -> User {
    store
        .commit(vec![Write::PutTenant(tenant.clone())])
        .await
        .unwrap();
    let owner = scale::owner(template);
    store
        .commit(vec![Write::CreateUser(owner.clone())])
        .await
        .unwrap();
    let started = Instant::now();
    for i in 0..n {
        store
            .commit(vec![Write::CreateUser(scale::nth(template, i))])
            .await
            .unwrap();
    }
    let took = started.elapsed();
    println!(
        "import {n} users into {}: {:.1} s, {:.0} users/s (4 items each: user, name claim, 2 index entries)",
        tenant.id,
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64()
    );
    memory_line("after the import");
    owner
}

async fn search(store: &MemoryStore, tenant: &Tenant, n: usize) {
    let timed = |label: &str, samples: &mut [Duration]| {
        println!(
            "  search {label}: p50 {:.3} ms, p99 {:.3} ms ({} samples)",
            ms(percentile(samples, 50.0)),
            ms(percentile(samples, 99.0)),
            samples.len()
        );
    };
    let half = format!("n:user{:07}", n / 2);
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
        for _ in 0..200 {
            let t = Instant::now();
            let page = store
                .search_users(&tenant.id, prefix, cursor, 100)
                .await
                .unwrap();
            samples.push(t.elapsed());
            assert!(!page.items.is_empty());
        }
        timed(label, &mut samples);
    }
}

async fn run_job(
    store: &Arc<MemoryStore>,
    tenant: &Tenant,
    owner: &User,
    action: &str,
    pace: MailPace,
    clock: &FakeClock,
) -> (Job, Duration, Duration) {
    let links = links();
    let jobs = Jobs {
        tenants: &**store,
        users: &**store,
        directory: &**store,
        jobs: &**store,
        committer: &**store,
        clock,
        links: &links,
        pace,
        count_entries: latchkey_shared::domain::jobs::COUNT_ENTRIES,
    };
    let request: JobRequest = serde_json::from_value(serde_json::json!({
        "filter": {"q": "user"}, "action": action, "reason": "INC-27",
    }))
    .unwrap();
    let started = Instant::now();
    let Created::Started(job) = jobs
        .create(
            &Actor::User(owner),
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
        tenants: &**store,
        users: &**store,
        directory: &**store,
        jobs: &**store,
        committer: &**store,
        clock,
        sleeper: clock,
        links: &links,
        pace,
    };
    let started = Instant::now();
    let done = runner.drive(&tenant.id, &job.id).await.unwrap();
    (done, created, started.elapsed())
}

fn report(action: &str, done: &Job, created: Duration, drove: Duration) {
    println!(
        "job {action} over {} users: create (count) {:.1} s; run {:.1} s = {:.0} users/s; {} pages; processed {}, sent {}",
        done.matched,
        created.as_secs_f64(),
        drove.as_secs_f64(),
        done.counts.processed as f64 / drove.as_secs_f64(),
        done.pages_done,
        done.counts.processed,
        done.counts.sent
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let users = arg(0, 1_000_000);
    let mailed = arg(1, 100_000);
    let clock = FakeClock::new(time::macros::datetime!(2026-11-22 09:00 UTC));
    println!(
        "jobs_memory: {users} users (expire), {mailed} (expire_and_send); profile {}",
        if cfg!(debug_assertions) {
            "dev (debug)"
        } else {
            "release"
        }
    );
    memory_line("at start");
    let big = scale::tenant("scale-big");
    let template = scale::template(&big.id, clock.now());
    reference(&template, users);

    let store = Arc::new(MemoryStore::new());
    let owner = import(&store, &big, &template, users).await;
    search(&store, &big, users).await;
    let (done, created, drove) =
        run_job(&store, &big, &owner, "expire", MailPace::default(), &clock).await;
    report("expire", &done, created, drove);
    memory_line("after the expire job");

    let mail = scale::tenant("scale-mail");
    let template = scale::template(&mail.id, clock.now());
    let owner = import(&store, &mail, &template, mailed).await;
    let mailer = Arc::new(scale::CountingMailer::default());
    let stop = Arc::new(AtomicBool::new(false));
    let drain = tokio::spawn({
        let dispatcher = Dispatcher {
            outbox: store.clone(),
            mailer: mailer.clone(),
            clock: Arc::new(FakeClock::new(clock.now())),
            idle_wait: Duration::from_millis(1),
        };
        let stop = stop.clone();
        async move {
            while !stop.load(Ordering::Relaxed) {
                if dispatcher.pass().await.sent == 0 {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
            while dispatcher.pass().await.sent > 0 {}
        }
    });
    let pace = MailPace::per_second(10_000.0).unwrap();
    let (done, created, drove) =
        run_job(&store, &mail, &owner, "expire_and_send", pace, &clock).await;
    stop.store(true, Ordering::Relaxed);
    drain.await.unwrap();
    report("expire_and_send", &done, created, drove);
    println!(
        "  mail accepted by the mailer: {}",
        mailer.sent.load(Ordering::Relaxed)
    );
    memory_line("after the expire_and_send job");
}
