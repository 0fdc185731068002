//! Store conformance for reset-or-expire jobs (issue 27): a job's own writes
//! and their conditions, its listing, and a whole page run through the use
//! case, the same on the memory store and on DynamoDB (moto).

use latchkey_shared::domain::jobs::{
    Job, JobAction, JobFilter, JobMark, JobSpec, JobStatus, MailPace, Outcome,
};
use latchkey_shared::domain::permissions::Actor;
use latchkey_shared::domain::{Role, Status, User};
use latchkey_shared::ports::{Clock, JobWrite, StoreError, SystemClock, Write};
use latchkey_shared::usecases::RequestMeta;
use latchkey_shared::usecases::jobs::{Created, JobRequest, JobRunner, Jobs, PageRun};
use latchkey_tests::Mode;

use crate::conformance::World;

impl World {
    pub(crate) async fn job_owner(&self) -> User {
        let mut owner = self.user("olivia", Status::Active);
        owner.role = Role::Owner;
        owner.mfa_enabled = true;
        self.store
            .commit(vec![Write::CreateUser(owner.clone())])
            .await
            .unwrap();
        owner
    }

    fn jobs(&self) -> Jobs<'_> {
        Jobs {
            tenants: &*self.store,
            users: &*self.store,
            directory: &*self.store,
            jobs: &*self.store,
            committer: &*self.store,
            clock: &*self.clock,
            links: &self.links,
            pace: MailPace::default(),
            count_entries: latchkey_shared::domain::jobs::COUNT_ENTRIES,
        }
    }

    fn job_runner(&self) -> JobRunner<'_> {
        JobRunner {
            tenants: &*self.store,
            users: &*self.store,
            directory: &*self.store,
            jobs: &*self.store,
            committer: &*self.store,
            clock: &*self.clock,
            sleeper: &SystemClock,
            links: &self.links,
            pace: MailPace::default(),
        }
    }
}

fn expire_all(dry_run: bool) -> JobRequest {
    serde_json::from_value(serde_json::json!({
        "filter": {"q": "user"}, "action": "expire", "dry_run": dry_run, "reason": "INC-1",
    }))
    .unwrap()
}

pub async fn a_page_expires_each_user_once_and_a_dry_run_changes_nothing(mode: Mode) {
    // GIVEN an owner and three users matching the search
    let w = World::new(mode).await;
    let owner = w.job_owner().await;
    let mut users = Vec::new();
    for i in 0..3 {
        users.push(w.add_user(&format!("user{i}"), Status::Active).await);
    }
    let meta = RequestMeta::default();
    // WHEN a dry run is asked THEN it counts them and nothing changes
    let dry = w
        .jobs()
        .create(&Actor::User(&owner), &w.tenant.id, expire_all(true), &meta)
        .await
        .unwrap();
    let Created::DryRun {
        matched, sample, ..
    } = dry
    else {
        panic!("a dry run started a job")
    };
    assert_eq!((matched, sample.len()), (3, 3));
    for u in &users {
        assert!(!w.fresh(u).await.must_change_password);
    }
    assert!(
        w.store
            .list_jobs(&w.tenant.id, None, 10)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    // WHEN the job runs its one page, twice
    let Created::Started(job) = w
        .jobs()
        .create(&Actor::User(&owner), &w.tenant.id, expire_all(false), &meta)
        .await
        .unwrap()
    else {
        panic!("no job started")
    };
    let first = w
        .job_runner()
        .run_page(&w.tenant.id, &job.id, 0)
        .await
        .unwrap();
    let again = w
        .job_runner()
        .run_page(&w.tenant.id, &job.id, 0)
        .await
        .unwrap();
    // THEN every user must change their password, each acted on once
    let PageRun::Recorded(done) = first else {
        panic!("the page was not recorded: {first:?}")
    };
    assert_eq!(done.counts.processed, 3);
    assert_eq!(done.status, JobStatus::Done);
    assert!(
        matches!(again, PageRun::NotRunning(_) | PageRun::NotNext),
        "{again:?}"
    );
    let ids: Vec<_> = users.iter().map(|u| u.id.clone()).collect();
    let marks = w
        .store
        .job_marks(&w.tenant.id, &job.id, &ids)
        .await
        .unwrap();
    assert!(marks.iter().all(Option::is_some), "{marks:?}");
    for u in &users {
        let now = w.fresh(u).await;
        assert!(now.must_change_password);
        assert_eq!(now.cred_gen, u.cred_gen + 1, "sessions end once, not twice");
    }
}

pub async fn a_jobs_writes_hold_their_conditions_and_list_newest_first(mode: Mode) {
    // GIVEN two jobs created a second apart
    let w = World::new(mode).await;
    let owner = w.job_owner().await;
    let spec = || JobSpec {
        filter: JobFilter {
            all: true,
            ..Default::default()
        },
        action: JobAction::Expire,
        reset_mfa: false,
        reason: "INC-2".into(),
    };
    let older = Job::new(&w.tenant.id, &owner.id, spec(), 1, w.clock.now());
    w.clock.advance(time::Duration::seconds(1));
    let newer = Job::new(&w.tenant.id, &owner.id, spec(), 2, w.clock.now());
    for j in [&older, &newer] {
        w.store
            .commit(vec![Write::Job(JobWrite::Create(j.clone()))])
            .await
            .unwrap();
    }
    // WHEN one is created again THEN it conflicts
    let again = w
        .store
        .commit(vec![Write::Job(JobWrite::Create(older.clone()))])
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    // WHEN saved from its stored version THEN the version moves; a stale save conflicts
    let stored = w
        .store
        .get_job(&w.tenant.id, &older.id)
        .await
        .unwrap()
        .unwrap();
    let mut paused = stored.clone();
    paused.status = JobStatus::Paused;
    w.store
        .commit(vec![Write::Job(JobWrite::Save(paused))])
        .await
        .unwrap();
    let now = w
        .store
        .get_job(&w.tenant.id, &older.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (now.status, now.version),
        (JobStatus::Paused, stored.version + 1)
    );
    let stale = w
        .store
        .commit(vec![Write::Job(JobWrite::Save(stored))])
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    // WHEN a user is marked twice THEN the second conflicts
    let mark = || {
        Write::Job(JobWrite::Mark {
            tenant: w.tenant.id.clone(),
            job: newer.id.clone(),
            user: owner.id.clone(),
            mark: JobMark {
                outcome: Outcome {
                    sent: false,
                    skipped: None,
                },
                at: w.clock.now(),
            },
        })
    };
    w.store.commit(vec![mark()]).await.unwrap();
    let twice = w.store.commit(vec![mark()]).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    // THEN the listing is newest first, one page at a time
    let first = w.store.list_jobs(&w.tenant.id, None, 1).await.unwrap();
    assert_eq!(first.items[0].id, newer.id);
    let cursor = first.next_cursor.expect("a second page");
    let cursor = latchkey_shared::domain::jobs::JobId::parse(&cursor).unwrap();
    let second = w
        .store
        .list_jobs(&w.tenant.id, Some(&cursor), 1)
        .await
        .unwrap();
    assert_eq!(second.items[0].id, older.id);
    assert_eq!(second.next_cursor, None);
}

macro_rules! jobs_conformance {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test]
            async fn a_page_expires_each_user_once_and_a_dry_run_changes_nothing() {
                super::a_page_expires_each_user_once_and_a_dry_run_changes_nothing($mode).await
            }
            #[tokio::test]
            async fn a_jobs_writes_hold_their_conditions_and_list_newest_first() {
                super::a_jobs_writes_hold_their_conditions_and_list_newest_first($mode).await
            }
        }
    };
}

jobs_conformance!(memory, latchkey_tests::Mode::Memory);
jobs_conformance!(dynamodb, latchkey_tests::Mode::Dynamo);
