//! The hot-key test (issue 27, `docs/scale.md`): DynamoDB takes at most 1,000
//! write units a second on one partition key, so during the two bursts the
//! design targets (1,000 forgot-password requests of one tenant, a job over
//! every user of a tenant) no partition key, of the table or of an index, may
//! take more than 1 % of the writes. Counted on the wire, on moto
//! (`latchkey_tests::partitions` says how a request counts).

use std::collections::BTreeMap;
use std::sync::Arc;

use latchkey_shared::domain::jobs::{JobStatus, MailPace};
use latchkey_shared::domain::permissions::Actor;
use latchkey_shared::domain::{Role, Status, User, UserId};
use latchkey_shared::ports::{Clock, Write};
use latchkey_shared::usecases::RequestMeta;
use latchkey_shared::usecases::jobs::{Created, JobRequest, JobRunner, Jobs};
use latchkey_shared::usecases::reset::{ForgotRequest, RequestReset};
use latchkey_tests::capacity::CapacityMeter;
use latchkey_tests::partitions::family;
use latchkey_tests::{AnyStore, dynamo_store_recorded, table_name, unique};

use crate::conformance::World;

/// The most of a burst's writes one partition key may take.
const MAX_SHARE: f64 = 0.01;
/// The exception, stated and still bounded: an audit day's shard (8 shards
/// by event id) takes about 1/8 of the burst's audit events. Over 1 %, under
/// DynamoDB's 1,000 writes a second per key up to bursts of ~8,000 events a
/// second; the fix that meets 1 % without making listings read 64 shards a
/// day is open (docs/scale.md, "Audit: the one key over 1 %").
const MAX_AUDIT_SHARE: f64 = 0.05;

/// A world on a table of its own whose client counts writes per key.
async fn metered_world() -> (World, CapacityMeter) {
    let table = format!("{}-{}", table_name(), unique("hot"));
    let (store, meter) = dynamo_store_recorded(&table).await;
    (World::on(AnyStore::Dynamo(Arc::new(store))).await, meter)
}

/// `n` users named `{prefix}{i}`, all with the template's password hash (one
/// Argon2 run, not `n`), created 16 units at a time.
async fn seed(w: &World, template: &User, prefix: &str, n: usize) {
    let users: Vec<User> = (0..n)
        .map(|i| {
            let name = format!("{prefix}{i:05}");
            User {
                id: UserId::generate(),
                username: name.clone(),
                email: Some(format!("{name}@conformance.test")),
                ..template.clone()
            }
        })
        .collect();
    for chunk in users.chunks(16) {
        let mut units = tokio::task::JoinSet::new();
        for u in chunk {
            let store = w.store.clone();
            let u = u.clone();
            units.spawn(async move { store.commit(vec![Write::CreateUser(u)]).await });
        }
        while let Some(done) = units.join_next().await {
            done.unwrap().unwrap();
        }
    }
}

/// Asserts no partition key took more than [`MAX_SHARE`] of `writes`, and
/// prints each key family's busiest key (the figures of `docs/scale.md`).
fn assert_no_hot_key(burst: &str, writes: &BTreeMap<String, u64>) {
    let total: u64 = writes.values().sum();
    let mut busiest: BTreeMap<&str, (&str, u64, usize)> = BTreeMap::new();
    for (key, &n) in writes {
        let entry = busiest.entry(family(key)).or_insert((key, 0, 0));
        entry.2 += 1;
        if n > entry.1 {
            (entry.0, entry.1) = (key, n);
        }
    }
    println!("{burst}: {total} writes on {} keys", writes.len());
    for (fam, (key, n, keys)) in &busiest {
        let share = *n as f64 / total as f64;
        println!(
            "  {fam:<12} {keys:>6} keys, busiest {n:>5} ({:.3} %) {key}",
            share * 100.0
        );
    }
    for (key, &n) in writes {
        let share = n as f64 / total as f64;
        let max = if family(key) == "AUDIT" {
            MAX_AUDIT_SHARE
        } else {
            MAX_SHARE
        };
        assert!(
            share <= max,
            "{burst}: {key} took {n} of {total} writes ({:.2} %)",
            share * 100.0
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_key_takes_over_1_percent_of_a_forgot_password_burst() {
    // GIVEN a tenant of 1,000 users, counted from before they were created
    let (w, meter) = metered_world().await;
    let template = w.user("template", Status::Active);
    seed(&w, &template, "user", 1_000).await;
    meter.take_partition_writes();
    // WHEN each asks for a reset link, each from its own address
    let reset = RequestReset {
        tenants: &*w.store,
        users: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    };
    for i in 0..1_000 {
        let meta = RequestMeta {
            ip: Some(format!("198.51.{}.{}", i / 250, i % 250)),
            ..Default::default()
        };
        let request = ForgotRequest {
            username: None,
            email: Some(format!("user{i:05}@conformance.test")),
        };
        reset.execute(&w.tenant.id, request, &meta).await.unwrap();
    }
    // THEN every request queued its mail, and no key took over 1 % of the writes
    let writes = meter.take_partition_writes();
    let queued: u64 = writes
        .iter()
        .filter(|(k, _)| family(k) == "OUTBOX")
        .map(|(_, n)| n)
        .sum();
    assert_eq!(queued, 1_000, "one mail queued per request");
    assert_no_hot_key("1,000 forgot-password requests", &writes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_key_takes_over_1_percent_of_a_5000_user_job() {
    // GIVEN an owner and 5,000 users, counted from before they were created
    let (w, meter) = metered_world().await;
    let template = w.user("template", Status::Active);
    let owner = User {
        id: UserId::generate(),
        username: "owner".into(),
        email: Some("owner@conformance.test".into()),
        role: Role::Owner,
        mfa_enabled: true,
        ..template.clone()
    };
    w.store
        .commit(vec![Write::CreateUser(owner.clone())])
        .await
        .unwrap();
    seed(&w, &template, "user", 5_000).await;
    meter.take_partition_writes();
    // WHEN a job expires every one and sends each a link (the mail paced at
    // 1,000 a second on the fake clock), driven to its end
    let pace = MailPace::per_second(1_000.0).unwrap();
    let jobs = Jobs {
        tenants: &*w.store,
        users: &*w.store,
        directory: &*w.store,
        jobs: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
        pace,
        count_entries: latchkey_shared::domain::jobs::COUNT_ENTRIES,
    };
    let request: JobRequest = serde_json::from_value(serde_json::json!({
        "filter": {"q": "user"}, "action": "expire_and_send", "reason": "INC-27",
    }))
    .unwrap();
    let started = w.clock.now();
    let Created::Started(job) = jobs
        .create(
            &Actor::User(&owner),
            &w.tenant.id,
            request,
            &RequestMeta::default(),
        )
        .await
        .unwrap()
    else {
        panic!("no job started")
    };
    let runner = JobRunner {
        tenants: &*w.store,
        users: &*w.store,
        directory: &*w.store,
        jobs: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        sleeper: &*w.clock,
        links: &w.links,
        pace,
    };
    let done = runner.drive(&w.tenant.id, &job.id).await.unwrap();
    // THEN every user was expired and mailed once
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!((done.counts.processed, done.counts.sent), (5_000, 5_000));
    println!(
        "job: {} pages, {:.1} s of (fake) mail pacing",
        done.pages_done,
        (w.clock.now() - started).as_seconds_f64()
    );
    // AND the job's own item was written once at its creation and at most
    // once per page
    let mut writes = meter.take_partition_writes();
    let job_writes = writes.remove(&format!("JOB#{}", w.tenant.id)).unwrap_or(0);
    assert!(
        job_writes <= done.pages_done + 1,
        "the job item was written {job_writes} times over {} pages",
        done.pages_done
    );
    // AND no other key took over 1 % of the writes
    assert_no_hot_key("a job over 5,000 users", &writes);
}
