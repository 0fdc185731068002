//! Jobs (`Jobs`, `JobRunner`): reset or expire everyone matching a search.
//! A dry run changes nothing; a job acts on each matching user once (never
//! the caller), paced, page by page, and can be paused, resumed and
//! cancelled between pages; every state change and every user is audited.

use async_trait::async_trait;
use latchkey_core::domain::jobs::{Job, JobId, JobStatus, MailPace};
use latchkey_core::domain::permissions::Actor;
use latchkey_core::domain::{MailKind, Permission, Role, User};
use latchkey_core::ports::{Committer, JobStore, JobWrite, StoreError, UserDirectory, Write};
use latchkey_core::usecases::AppError;
use latchkey_core::usecases::jobs::{Created, JobRequest, JobRunner, Jobs, PageRun};
use latchkey_core::usecases::reset::ForgotRequest;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::world::*;

const TOTP: &str = "JBSWY3DPEHPK3PXP";

fn pace(per_second: f64) -> MailPace {
    MailPace::per_second(per_second).unwrap()
}

/// The use cases as the HTTP layer builds them, mail at `per_second`.
fn jobs(w: &World, per_second: f64) -> Jobs<'_> {
    Jobs {
        tenants: &w.store,
        users: &w.store,
        directory: &w.store,
        jobs: &w.store,
        committer: &w.store,
        clock: &w.clock,
        links: &w.links,
        pace: pace(per_second),
        count_entries: latchkey_core::domain::jobs::COUNT_ENTRIES,
    }
}

/// The runner over `committer` (the store, or a wrapper that fails on cue);
/// the fake clock is its sleeper, so waiting for the pace moves the clock.
fn runner<'a>(w: &'a World, per_second: f64, committer: &'a dyn Committer) -> JobRunner<'a> {
    JobRunner {
        tenants: &w.store,
        users: &w.store,
        directory: &w.store,
        jobs: &w.store,
        committer,
        clock: &w.clock,
        sleeper: &w.clock,
        links: &w.links,
        pace: pace(per_second),
    }
}

fn request(body: Value) -> JobRequest {
    serde_json::from_value(body).unwrap()
}

/// GIVEN the owner (with a second factor, as resets need by default).
async fn owner(w: &World) -> User {
    w.create(
        w.account("olivia")
            .role(Role::Owner)
            .mfa_secret(TOTP)
            .password(None),
    )
    .await
}

/// GIVEN `n` plain users `user00`, `user01`, ... (no password: fast to make).
async fn users(w: &World, n: usize) -> Vec<User> {
    let mut made = Vec::new();
    for i in 0..n {
        made.push(
            w.create(w.account(&format!("user{i:02}")).password(None))
                .await,
        );
    }
    made
}

async fn create(w: &World, by: &User, body: Value) -> Result<Created, AppError> {
    jobs(w, 10.0)
        .create(
            &Actor::User(by),
            &w.tenant,
            request(body),
            &from_ip("203.0.113.9"),
        )
        .await
}

/// WHEN `by` starts a job THEN it is running; returns it.
async fn start(w: &World, by: &User, body: Value) -> Job {
    match create(w, by, body).await.unwrap() {
        Created::Started(job) => {
            assert_eq!(job.status, JobStatus::Running);
            *job
        }
        Created::DryRun { .. } => panic!("expected a job, got a dry run"),
    }
}

async fn stored(w: &World, id: &JobId) -> Job {
    w.store.get_job(&w.tenant, id).await.unwrap().unwrap()
}

async fn drive(w: &World, per_second: f64, job: &Job) -> Job {
    runner(w, per_second, &w.store)
        .drive(&w.tenant, &job.id)
        .await
        .unwrap()
}

/// Every account's version, in username order (a write bumps it).
async fn versions(w: &World) -> Vec<u64> {
    let all = w
        .store
        .search_users(&w.tenant, "", None, 1000)
        .await
        .unwrap();
    all.items.into_iter().map(|u| u.version).collect()
}

fn with_job(w: &World, kind: &str, job: &JobId) -> Vec<latchkey_core::domain::AuditEvent> {
    w.audited(kind)
        .into_iter()
        .filter(|e| e.details.get("job_id").and_then(Value::as_str) == Some(job.as_str()))
        .collect()
}

mod acting;
mod pages;
mod queued;

#[tokio::test]
async fn a_dry_run_counts_and_samples_and_changes_nothing() {
    // GIVEN an owner and 25 users
    let w = World::new().await;
    let olivia = owner(&w).await;
    let before = users(&w, 25).await;
    // WHEN the owner asks for a dry run of expiring everyone
    let answer = create(
        &w,
        &olivia,
        json!({"filter": {"all": true}, "action": "expire_and_send", "dry_run": true}),
    )
    .await
    .unwrap();
    // THEN it counts every match (the caller too) and shows the first 20
    let Created::DryRun {
        matched, sample, ..
    } = answer
    else {
        panic!("expected a dry run");
    };
    assert_eq!(matched, 26);
    assert_eq!(sample.len(), 20);
    // AND nothing was written: no job, no event, no mail, no account changed
    let listed = jobs(&w, 10.0)
        .list(&Actor::User(&olivia), &w.tenant, None, 10)
        .await
        .unwrap();
    assert!(listed.items.is_empty());
    assert!(w.audit().is_empty());
    assert!(w.mails().is_empty());
    for u in &before {
        assert_eq!(&w.user(&u.id).await, u);
    }
}

#[tokio::test]
async fn creating_needs_an_owner_or_reset_and_manage_under_the_mfa_rule() {
    let w = World::new().await;
    users(&w, 2).await;
    let all = json!({"filter": {"all": true}, "action": "expire", "reason": "INC-1"});
    let admin = |name: &str, perms: &[Permission], mfa: bool| {
        let a = w
            .account(name)
            .role(Role::Admin)
            .permissions(perms)
            .password(None);
        if mfa { a.mfa_secret(TOTP) } else { a }
    };
    // GIVEN an admin with passwords.reset only THEN refused
    let half = w
        .create(admin("hal", &[Permission::PasswordsReset], true))
        .await;
    assert!(matches!(
        create(&w, &half, all.clone()).await,
        Err(AppError::Forbidden)
    ));
    // GIVEN both permissions but no second factor THEN refused as for a reset
    let both = [Permission::PasswordsReset, Permission::UsersManage];
    let bare = w.create(admin("bart", &both, false)).await;
    assert!(matches!(
        create(&w, &bare, all.clone()).await,
        Err(AppError::MfaRequiredForAdmin)
    ));
    // GIVEN a plain user THEN refused
    let uma = w.user_named("uma").await;
    assert!(matches!(
        create(&w, &uma, all.clone()).await,
        Err(AppError::Forbidden)
    ));
    // GIVEN support THEN refused: support starts no jobs
    let support = jobs(&w, 10.0)
        .create(
            &Actor::Support,
            &w.tenant,
            request(all.clone()),
            &from_ip("203.0.113.9"),
        )
        .await;
    assert!(matches!(support, Err(AppError::Forbidden)));
    // GIVEN both permissions and a second factor THEN the job starts
    let adam = w.create(admin("adam", &both, true)).await;
    start(&w, &adam, all.clone()).await;
    // AND reset_mfa also needs mfa.reset
    let with_mfa = json!({"filter": {"all": true}, "action": "send_link",
                          "reset_mfa": true, "reason": "INC-1"});
    assert!(matches!(
        create(&w, &adam, with_mfa).await,
        Err(AppError::Forbidden)
    ));
}

#[tokio::test]
async fn a_request_without_a_criterion_or_a_reason_is_refused() {
    let w = World::new().await;
    let olivia = owner(&w).await;
    for body in [
        json!({"filter": {}, "action": "expire", "reason": "INC-1"}),
        json!({"filter": {"all": true, "q": "a"}, "action": "expire", "reason": "INC-1"}),
        json!({"filter": {"changed_before": "last week"}, "action": "expire", "reason": "x"}),
        json!({"filter": {"all": true}, "action": "expire"}),
        json!({"filter": {"all": true}, "action": "expire", "reason": "  "}),
        json!({"filter": {"all": true}, "action": "expire", "reset_mfa": true, "reason": "x"}),
    ] {
        let r = create(&w, &olivia, body.clone()).await;
        assert!(matches!(r, Err(AppError::InvalidRequest(_))), "{body}");
    }
    assert!(w.audit().is_empty());
    // an unknown field is refused when the body is read, not ignored
    let typo = json!({"filter": {"all": true}, "action": "expire", "reason": "x", "dryrun": true});
    assert!(serde_json::from_value::<JobRequest>(typo).is_err());
}

#[tokio::test]
async fn jobs_are_listed_newest_first_and_read_only_in_their_tenant() {
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 1).await;
    let body = json!({"filter": {"all": true}, "action": "expire", "reason": "INC-14"});
    let first = start(&w, &olivia, body.clone()).await;
    w.advance(5);
    let second = start(&w, &olivia, body.clone()).await;
    w.advance(5);
    let third = start(&w, &olivia, body).await;
    let j = jobs(&w, 10.0);
    let me = Actor::User(&olivia);
    // WHEN listed two at a time THEN newest first, then the rest
    let page = j.list(&me, &w.tenant, None, 2).await.unwrap();
    let ids: Vec<_> = page.items.iter().map(|j| j.id.clone()).collect();
    assert_eq!(ids, vec![third.id.clone(), second.id.clone()]);
    let rest = j
        .list(&me, &w.tenant, page.next_cursor.as_deref(), 2)
        .await
        .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.items[0].id, first.id);
    assert!(rest.next_cursor.is_none());
    assert!(matches!(
        j.list(&me, &w.tenant, Some("garbage"), 2).await,
        Err(AppError::InvalidRequest(_))
    ));
    // AND read by id; an id not ours, or not one at all, is not found
    assert_eq!(
        j.get(&me, &w.tenant, first.id.as_str()).await.unwrap().id,
        first.id
    );
    let unknown = JobId::generate(w.now());
    assert!(matches!(
        j.get(&me, &w.tenant, unknown.as_str()).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        j.get(&me, &w.tenant, "../x").await,
        Err(AppError::NotFound)
    ));
    // AND a plain user may not read it
    let uma = w.user_named("uma").await;
    assert!(matches!(
        j.get(&Actor::User(&uma), &w.tenant, first.id.as_str())
            .await,
        Err(AppError::Forbidden)
    ));
}
