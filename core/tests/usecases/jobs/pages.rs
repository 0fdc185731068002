//! A job's pages: each user acted on once however often a page comes,
//! pause, resume and cancel between pages, mail at the set pace, the job's
//! end and its audit.

use super::*;
use latchkey_core::ports::Clock as _;

/// The store, but the next unit that saves a job fails as if the worker
/// died before recording its page (after acting on its users).
struct DiesBeforeRecording<'a> {
    store: &'a latchkey_core::memory::MemoryStore,
    armed: AtomicBool,
}

#[async_trait]
impl Committer for DiesBeforeRecording<'_> {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let saves_job = writes
            .iter()
            .any(|w| matches!(w, Write::Job(JobWrite::Save(_))));
        if saves_job && self.armed.swap(false, Ordering::SeqCst) {
            return Err(StoreError::Unavailable("the worker died".into()));
        }
        self.store.commit(writes).await
    }
}

#[tokio::test]
async fn a_page_delivered_twice_acts_on_each_user_once() {
    // GIVEN a job mailing 5 users, whose first delivery acts on every user
    // of the page and dies before recording it
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 5).await;
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"q": "user"}, "action": "expire_and_send", "reason": "INC-8"}),
    )
    .await;
    let dying = DiesBeforeRecording {
        store: &w.store,
        armed: AtomicBool::new(true),
    };
    let first = runner(&w, 100.0, &dying)
        .run_page(&w.tenant, &job.id, 0)
        .await;
    assert!(first.is_err());
    assert_eq!(w.mails().len(), 5);
    assert_eq!(stored(&w, &job.id).await.counts.processed, 0);
    let before = versions(&w).await;
    // WHEN the page is delivered again
    let second = runner(&w, 100.0, &w.store)
        .run_page(&w.tenant, &job.id, 0)
        .await
        .unwrap();
    // THEN no user is acted on again, and what the first did is counted once
    assert_eq!(w.mails().len(), 5);
    assert_eq!(versions(&w).await, before);
    let PageRun::Recorded(after) = second else {
        panic!("expected the page recorded, got {second:?}");
    };
    assert_eq!((after.counts.processed, after.counts.sent), (5, 5));
    assert_eq!(after.status, JobStatus::Done);
    // WHEN it is delivered a third time THEN it is a no-op
    let third = runner(&w, 100.0, &w.store)
        .run_page(&w.tenant, &job.id, 0)
        .await
        .unwrap();
    assert!(matches!(third, PageRun::NotRunning(JobStatus::Done)));
    assert_eq!(stored(&w, &job.id).await.counts.processed, 5);
    assert_eq!(with_job(&w, "password.expired", &job.id).len(), 5);
}

#[tokio::test]
async fn a_stale_page_of_a_running_job_does_nothing() {
    // GIVEN a job whose first page is recorded (at 1 mail/s a page is 10 users)
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 15).await;
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"q": "user"}, "action": "send_link", "reason": "INC-9"}),
    )
    .await;
    let r = runner(&w, 1.0, &w.store);
    let first = r.run_page(&w.tenant, &job.id, 0).await.unwrap();
    assert_eq!(first.next_page(), Some(1));
    assert_eq!(w.mails().len(), 10);
    // WHEN page 0 comes again, or a page ahead of the job
    // THEN neither acts nor counts
    assert!(matches!(
        r.run_page(&w.tenant, &job.id, 0).await.unwrap(),
        PageRun::NotNext
    ));
    assert!(matches!(
        r.run_page(&w.tenant, &job.id, 5).await.unwrap(),
        PageRun::NotNext
    ));
    assert_eq!(w.mails().len(), 10);
    assert_eq!(stored(&w, &job.id).await.counts.processed, 10);
}

#[tokio::test]
async fn pause_resume_and_cancel_take_effect_between_pages_and_are_audited() {
    // GIVEN a job over 25 users at 1 mail/s (pages of 10)
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 25).await;
    let j = jobs(&w, 1.0);
    let me = Actor::User(&olivia);
    let meta = from_ip("203.0.113.9");
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"q": "user"}, "action": "send_link", "reason": "INC-10"}),
    )
    .await;
    let id = job.id.to_string();
    let r = runner(&w, 1.0, &w.store);
    r.run_page(&w.tenant, &job.id, 0).await.unwrap();
    // WHEN it is paused (twice: the second changes nothing)
    let paused = j.pause(&me, &w.tenant, &id, &meta).await.unwrap();
    assert_eq!(paused.status, JobStatus::Paused);
    j.pause(&me, &w.tenant, &id, &meta).await.unwrap();
    // THEN no page runs: a delivery and the runner both stop
    assert!(matches!(
        r.run_page(&w.tenant, &job.id, 1).await.unwrap(),
        PageRun::NotRunning(JobStatus::Paused)
    ));
    assert_eq!(drive(&w, 1.0, &job).await.status, JobStatus::Paused);
    assert_eq!(w.mails().len(), 10);
    // WHEN resumed THEN the next page runs from where it stopped
    let resumed = j.resume(&me, &w.tenant, &id, &meta).await.unwrap();
    assert_eq!(resumed.status, JobStatus::Running);
    r.run_page(&w.tenant, &job.id, 1).await.unwrap();
    assert_eq!(w.mails().len(), 20);
    // WHEN cancelled THEN the runner stops for good, nothing more is sent
    let cancelled = j.cancel(&me, &w.tenant, &id, &meta).await.unwrap();
    assert_eq!(cancelled.status, JobStatus::Cancelled);
    assert_eq!(drive(&w, 1.0, &job).await.status, JobStatus::Cancelled);
    assert_eq!(w.mails().len(), 20);
    assert_eq!(stored(&w, &job.id).await.counts.sent, 20);
    // AND an ended job cannot be resumed
    assert!(matches!(
        j.resume(&me, &w.tenant, &id, &meta).await,
        Err(AppError::JobFinished)
    ));
    // AND each change was audited once, by the owner, from its address
    for kind in ["job.created", "job.paused", "job.resumed", "job.cancelled"] {
        let events = with_job(&w, kind, &job.id);
        assert_eq!(events.len(), 1, "{kind}");
        assert_eq!(events[0].actor, olivia.id.as_str(), "{kind}");
        assert_eq!(events[0].ip.as_deref(), Some("203.0.113.9"), "{kind}");
    }
    assert!(with_job(&w, "job.done", &job.id).is_empty());
}

#[tokio::test]
async fn mail_leaves_at_the_set_rate_across_pages() {
    // GIVEN 12 users and a rate of one mail every 2 s (pages of 5 users)
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 12).await;
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"q": "user"}, "action": "send_link", "reason": "INC-11"}),
    )
    .await;
    // WHEN the job runs
    let done = drive(&w, 0.5, &job).await;
    // THEN the 12 mails were queued exactly 2 s apart, page boundaries included
    let mails = w.mails();
    assert_eq!(mails.len(), 12);
    assert_eq!(done.pages_done, 3);
    assert_eq!(mails[0].created_at, at(0));
    for pair in mails.windows(2) {
        assert_eq!(
            pair[1].created_at - pair[0].created_at,
            time::Duration::seconds(2)
        );
    }
    // AND a faster rate goes faster: 4 a second, 250 ms apart
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 6).await;
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"q": "user"}, "action": "send_link", "reason": "INC-11"}),
    )
    .await;
    drive(&w, 4.0, &job).await;
    let mails = w.mails();
    assert_eq!(mails.len(), 6);
    for pair in mails.windows(2) {
        assert_eq!(
            pair[1].created_at - pair[0].created_at,
            time::Duration::milliseconds(250)
        );
    }
}

#[tokio::test]
async fn the_job_is_done_and_audited_with_its_counts() {
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 3).await;
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"role": "user"}, "action": "expire", "reason": "INC-12"}),
    )
    .await;
    let done = drive(&w, 10.0, &job).await;
    assert_eq!(done.status, JobStatus::Done);
    let created = &with_job(&w, "job.created", &job.id)[0];
    assert_eq!(created.details["action"], "expire");
    assert_eq!(created.details["reason"], "INC-12");
    assert_eq!(created.details["matched"], 3);
    assert_eq!(created.details["filter"], json!({"role": "user"}));
    assert!(
        created.details.get("skipped").is_none(),
        "no skips, no skipped detail"
    );
    let finished = with_job(&w, "job.done", &job.id);
    assert_eq!(finished.len(), 1);
    assert_eq!(finished[0].details["processed"], 3);
    assert_eq!(finished[0].actor, "job");
    assert_eq!(with_job(&w, "password.expired", &job.id).len(), 3);
}

#[tokio::test]
async fn a_creator_who_lost_the_right_fails_the_job_before_it_acts() {
    // GIVEN an admin's job, and the admin then loses users.manage
    let w = World::new().await;
    let both = [Permission::PasswordsReset, Permission::UsersManage];
    let adam = w
        .create(
            w.account("adam")
                .role(Role::Admin)
                .permissions(&both)
                .mfa_secret(TOTP)
                .password(None),
        )
        .await;
    let before = users(&w, 2).await;
    let job = start(
        &w,
        &adam,
        json!({"filter": {"q": "user"}, "action": "expire", "reason": "INC-13"}),
    )
    .await;
    let mut demoted = w.user(&adam.id).await;
    demoted.permissions = [Permission::PasswordsReset].into_iter().collect();
    w.store
        .commit(vec![Write::SaveUser(demoted)])
        .await
        .unwrap();
    // WHEN the job runs THEN it fails, says why, and no user was touched
    let ended = drive(&w, 10.0, &job).await;
    assert_eq!(ended.status, JobStatus::Failed);
    assert_eq!(ended.failure.as_deref(), Some("creator_forbidden"));
    for u in &before {
        assert_eq!(&w.user(&u.id).await, u);
    }
    assert_eq!(with_job(&w, "job.failed", &job.id).len(), 1);
}

#[tokio::test]
async fn past_its_budget_the_count_is_a_floor_the_pages_make_exact() {
    // GIVEN an owner and 250 users, and a count budget of 120 directory entries
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 250).await;
    let mut small = jobs(&w, 1000.0);
    small.count_entries = 120;
    let meta = from_ip("203.0.113.9");
    let body = json!({"filter": {"q": "user"}, "action": "expire", "reason": "INC-4"});
    // WHEN the owner asks for a dry run
    let dry = small
        .create(
            &Actor::User(&olivia),
            &w.tenant,
            request(json!({"filter": {"q": "user"}, "action": "expire", "dry_run": true})),
            &meta,
        )
        .await
        .unwrap();
    // THEN the count stopped after two pages (200 entries read): at least 200
    let Created::DryRun { matched, exact, .. } = dry else {
        panic!("expected a dry run");
    };
    assert_eq!((matched, exact), (200, false));
    // WHEN the owner starts the job
    let Created::Started(job) = small
        .create(&Actor::User(&olivia), &w.tenant, request(body), &meta)
        .await
        .unwrap()
    else {
        panic!("expected a job");
    };
    assert_eq!((job.matched, job.matched_exact), (200, false));
    assert_eq!(
        job.eta_seconds(w.clock.now(), &pace(1000.0)),
        None,
        "no ETA on a floor"
    );
    // THEN its pages raise the count, and the last makes it exact
    let r = runner(&w, 1000.0, &w.store);
    r.run_page(&w.tenant, &job.id, 0).await.unwrap();
    r.run_page(&w.tenant, &job.id, 1).await.unwrap();
    let midway = stored(&w, &job.id).await;
    assert_eq!((midway.matched, midway.matched_exact), (200, false));
    r.run_page(&w.tenant, &job.id, 2).await.unwrap();
    let done = stored(&w, &job.id).await;
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!((done.matched, done.matched_exact), (250, true));
    assert_eq!(done.counts.processed, 250);
}

/// The store, counting the units in flight at once (each unit yields once
/// before it commits, as a network round trip would).
struct InFlight<'a> {
    store: &'a latchkey_core::memory::MemoryStore,
    now: std::sync::atomic::AtomicUsize,
    most: std::sync::atomic::AtomicUsize,
}

#[async_trait]
impl Committer for InFlight<'_> {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let n = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(n, Ordering::SeqCst);
        tokio::task::yield_now().await;
        let done = self.store.commit(writes).await;
        self.now.fetch_sub(1, Ordering::SeqCst);
        done
    }
}

#[tokio::test]
async fn a_page_acts_on_several_users_at_once_and_keeps_the_mail_pace() {
    // GIVEN a job mailing 30 users at 10 mails a second
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 30).await;
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"q": "user"}, "action": "send_link", "reason": "INC-5"}),
    )
    .await;
    let units = InFlight {
        store: &w.store,
        now: Default::default(),
        most: Default::default(),
    };
    // WHEN its page runs over a store whose units take a round trip
    let started = w.clock.now();
    runner(&w, 10.0, &units)
        .run_page(&w.tenant, &job.id, 0)
        .await
        .unwrap();
    // THEN several units were in flight at once, never more than the bound
    let most = units.most.load(Ordering::SeqCst);
    assert!(
        (2..=latchkey_core::usecases::jobs::UNITS_AT_ONCE).contains(&most),
        "{most} units at once"
    );
    // AND the 30 mails still left one interval apart: 2.9 s from the first
    let done = stored(&w, &job.id).await;
    assert_eq!(done.counts.sent, 30);
    assert_eq!(w.mails().len(), 30);
    assert_eq!(w.clock.now() - started, time::Duration::milliseconds(2900));
}

#[tokio::test]
async fn resuming_needs_the_mfa_rule_pausing_does_not_and_both_answer_the_stored_job() {
    // GIVEN a running job whose owner has since lost the second factor
    let w = World::new().await;
    let olivia = owner(&w).await;
    users(&w, 3).await;
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"all": true}, "action": "expire", "reason": "INC-13"}),
    )
    .await;
    let mut bare = olivia.clone();
    bare.mfa_enabled = false;
    let meta = from_ip("203.0.113.9");
    // WHEN the owner pauses THEN it is allowed (stopping is always safe),
    // and the answer is the job as stored (the version a queue's dedup id uses)
    let paused = jobs(&w, 10.0)
        .pause(&Actor::User(&bare), &w.tenant, job.id.as_str(), &meta)
        .await
        .unwrap();
    assert_eq!(paused, stored(&w, &job.id).await);
    // WHEN it resumes without the factor THEN refused as for a reset
    assert!(matches!(
        jobs(&w, 10.0)
            .resume(&Actor::User(&bare), &w.tenant, job.id.as_str(), &meta)
            .await,
        Err(AppError::MfaRequiredForAdmin)
    ));
    // AND with it, the resumed job answered is the stored one
    let resumed = jobs(&w, 10.0)
        .resume(&Actor::User(&olivia), &w.tenant, job.id.as_str(), &meta)
        .await
        .unwrap();
    assert_eq!(resumed, stored(&w, &job.id).await);
}
