//! The job model's unit tests (`jobs/`).

use super::*;
use crate::permissions::{Actor, Denied};
use crate::{EmailStatus, Permission, Role, Source, Status, TenantId, User, UserId};
use std::collections::BTreeSet;

fn at(s: i64) -> Instant {
    time::OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
}

fn tenant() -> TenantId {
    TenantId::parse("acme").unwrap()
}

fn user(name: &str, role: Role, perms: &[Permission]) -> User {
    User {
        tenant_id: tenant(),
        id: UserId(format!("u_{name}")),
        username: name.into(),
        email: Some(format!("{name}@acme.test")),
        role,
        permissions: perms.iter().copied().collect::<BTreeSet<_>>(),
        status: Status::Active,
        source: Source::Local,
        can_change_password: true,
        must_change_password: false,
        must_change_reason: None,
        reported_at: None,
        last_sign_in_at: None,
        expiry_reminders_sent: Vec::new(),
        mfa_enabled: true,
        totp_secret: None,
        totp_pending_secret: None,
        totp_last_step: None,
        password_hash: None,
        password_salt: String::new(),
        password_history: vec![],
        cred_gen: 0,
        token_gen: 0,
        version: 0,
        created_at: at(0),
        password_changed_at: None,
        email_status: EmailStatus::Deliverable,
        recovery_codes: Vec::new(),
        locale: None,
    }
}

const RESETTER: [Permission; 2] = [Permission::PasswordsReset, Permission::UsersManage];

fn filter(json: serde_json::Value) -> Result<JobFilter, JobRefused> {
    serde_json::from_value::<FilterInput>(json).unwrap().check()
}

fn job(action: JobAction) -> Job {
    let spec = JobSpec {
        filter: JobFilter {
            all: true,
            ..Default::default()
        },
        action,
        reset_mfa: false,
        reason: "INC-7".into(),
    };
    Job::new(&tenant(), &UserId("u_olivia".into()), spec, 10, at(0))
}

fn pace(per_second: f64) -> MailPace {
    MailPace::per_second(per_second).unwrap()
}

mod filters {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_empty_filter_is_refused_and_everyone_takes_all_alone() {
        // GIVEN a filter that names nothing
        // THEN it is refused: everyone is matched only on purpose
        assert_eq!(filter(json!({})).unwrap_err().field, "filter");
        // GIVEN all: true alone THEN it is everyone
        assert!(filter(json!({"all": true})).unwrap().all);
        // GIVEN all: true beside a criterion THEN it is ambiguous and refused
        assert_eq!(
            filter(json!({"all": true, "role": "admin"}))
                .unwrap_err()
                .field,
            "filter.all"
        );
        // GIVEN a blank q THEN it names nothing either
        assert!(filter(json!({"q": "  "})).is_err());
    }

    #[test]
    fn q_is_normalized_and_bounded_and_dates_are_rfc3339() {
        assert_eq!(
            filter(json!({"q": " Ann "})).unwrap().q.as_deref(),
            Some("ann")
        );
        let long = "a".repeat(MAX_JOB_QUERY_CHARS + 1);
        assert_eq!(filter(json!({ "q": long })).unwrap_err().field, "filter.q");
        assert!(filter(json!({ "q": "a".repeat(MAX_JOB_QUERY_CHARS) })).is_ok());
        let f = filter(json!({"changed_before": "2023-11-14T22:13:20Z"})).unwrap();
        assert_eq!(f.changed_before, Some(at(0)));
        assert_eq!(
            filter(json!({"changed_before": "yesterday"}))
                .unwrap_err()
                .field,
            "filter.changed_before"
        );
        // unknown fields are refused rather than ignored (a typo would widen the job)
        assert!(serde_json::from_value::<FilterInput>(json!({"rol": "admin"})).is_err());
    }

    #[test]
    fn every_criterion_given_must_hold() {
        // GIVEN a filter on role and status
        let f = filter(json!({"role": "admin", "status": "active"})).unwrap();
        let mut u = user("adam", Role::Admin, &[]);
        // THEN an active admin matches and a disabled one or a user does not
        assert!(f.matches(&u));
        u.status = Status::Disabled;
        assert!(!f.matches(&u));
        assert!(!f.matches(&user("uma", Role::User, &[])));
        // GIVEN a filter on source THEN only that source matches
        let f = filter(json!({"source": "ldap"})).unwrap();
        let mut l = user("lee", Role::User, &[]);
        assert!(!f.matches(&l));
        l.source = Source::Ldap;
        assert!(f.matches(&l));
        // AND all matches everyone
        assert!(filter(json!({"all": true})).unwrap().matches(&l));
    }

    #[test]
    fn q_matches_a_username_or_an_email_prefix() {
        let f = filter(json!({"q": "Ann"})).unwrap();
        assert_eq!(f.prefix(), "ann");
        assert!(f.matches(&user("annabel", Role::User, &[])));
        let mut by_mail = user("zed", Role::User, &[]);
        by_mail.email = Some("Anna@acme.test".into());
        assert!(f.matches(&by_mail));
        by_mail.email = None;
        assert!(!f.matches(&by_mail));
        assert!(!f.matches(&user("bob", Role::User, &[])));
    }

    #[test]
    fn changed_before_reads_the_password_date_or_else_the_creation() {
        // GIVEN users whose password dates from before, at and after the date
        let f = filter(json!({"changed_before": "2023-11-14T22:13:30Z"})).unwrap();
        let mut u = user("u", Role::User, &[]);
        u.password_changed_at = Some(at(9));
        assert!(f.matches(&u));
        u.password_changed_at = Some(at(10));
        assert!(!f.matches(&u), "strictly before");
        u.password_changed_at = Some(at(11));
        assert!(!f.matches(&u));
        // GIVEN an account that never set a password THEN its creation counts
        u.password_changed_at = None;
        u.created_at = at(5);
        assert!(f.matches(&u));
        u.created_at = at(20);
        assert!(!f.matches(&u));
    }

    #[test]
    fn a_reason_is_present_and_bounded_and_reset_mfa_needs_a_link() {
        assert_eq!(job_reason("  INC-7 leak ").unwrap(), "INC-7 leak");
        assert!(job_reason("  ").is_err());
        assert!(job_reason(&"é".repeat(MAX_JOB_REASON_CHARS)).is_ok());
        assert!(job_reason(&"é".repeat(MAX_JOB_REASON_CHARS + 1)).is_err());
        assert!(check_reset_mfa(JobAction::Expire, true).is_err());
        assert!(check_reset_mfa(JobAction::Expire, false).is_ok());
        assert!(check_reset_mfa(JobAction::SendLink, true).is_ok());
        assert!(check_reset_mfa(JobAction::ExpireAndSend, true).is_ok());
    }

    #[test]
    fn ids_sort_by_creation_and_only_ours_parse() {
        let a = JobId::generate(at(0));
        let b = JobId::generate(at(1));
        assert!(a < b);
        assert_eq!(JobId::parse(a.as_str()), Some(a.clone()));
        for bad in [
            "",
            "j_",
            "j_001700000000",
            "j_001700000000_0123456789abcdeF",
            "j_01700000000_0123456789abcdef",
            "x_001700000000_0123456789abcdef",
            "j_001700000000_0123456789abcdef0",
        ] {
            assert_eq!(JobId::parse(bad), None, "{bad}");
        }
    }
}

mod who {
    use super::*;

    #[test]
    fn owners_or_admins_with_reset_and_manage_run_jobs_under_the_mfa_rule() {
        let t = tenant();
        let owner = user("olivia", Role::Owner, &[]);
        assert_eq!(may_run_jobs(&Actor::User(&owner), &t, true, true), Ok(()));
        let admin = user("adam", Role::Admin, &RESETTER);
        assert_eq!(may_run_jobs(&Actor::User(&admin), &t, false, true), Ok(()));
        // reset_mfa also needs mfa.reset
        assert_eq!(
            may_run_jobs(&Actor::User(&admin), &t, true, true),
            Err(Denied::Forbidden)
        );
        for one in RESETTER {
            let half = user("hal", Role::Admin, &[one]);
            assert_eq!(
                may_run_jobs(&Actor::User(&half), &t, false, false),
                Err(Denied::Forbidden),
                "{one:?} alone"
            );
        }
        let mut no_mfa = admin.clone();
        no_mfa.mfa_enabled = false;
        assert_eq!(
            may_run_jobs(&Actor::User(&no_mfa), &t, false, true),
            Err(Denied::MfaRequired)
        );
        assert_eq!(
            may_run_jobs(&Actor::User(&no_mfa), &t, false, false),
            Ok(())
        );
        assert_eq!(
            may_run_jobs(&Actor::Support, &t, false, false),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn the_creator_is_never_a_target() {
        let owner = user("olivia", Role::Owner, &[]);
        let p = plan(&job(JobAction::ExpireAndSend), &owner, &owner, true);
        assert_eq!(p, Plan::skip(Skip::SelfTarget));
        assert!(!p.acts());
        assert_eq!(p.outcome(), Outcome::skipped(Skip::SelfTarget));
    }

    #[test]
    fn the_admin_target_rules_skip_owners_stronger_admins_and_directory_accounts() {
        let admin = user("adam", Role::Admin, &RESETTER);
        let j = job(JobAction::Expire);
        let skip = |target: &User| plan(&j, &admin, target, true).skip;
        assert_eq!(
            skip(&user("olivia", Role::Owner, &[])),
            Some(Skip::Forbidden)
        );
        let stronger = user("sam", Role::Admin, &[Permission::PasswordsSet]);
        assert_eq!(skip(&stronger), Some(Skip::Forbidden));
        let weaker = user("wes", Role::Admin, &[Permission::PasswordsReset]);
        assert_eq!(skip(&weaker), None);
        let mut ldap = user("lee", Role::User, &[]);
        ldap.source = Source::Ldap;
        assert_eq!(skip(&ldap), Some(Skip::ExternallyManaged));
        assert_eq!(Skip::ExternallyManaged.code(), "externally_managed");
    }

    #[test]
    fn each_action_plans_its_parts() {
        let owner = user("olivia", Role::Owner, &[]);
        let u = user("uma", Role::User, &[]);
        let p = |a| plan(&job(a), &owner, &u, true);
        assert_eq!(
            p(JobAction::Expire),
            Plan {
                expire: true,
                send: false,
                skip: None
            }
        );
        assert_eq!(
            p(JobAction::SendLink),
            Plan {
                expire: false,
                send: true,
                skip: None
            }
        );
        assert_eq!(
            p(JobAction::ExpireAndSend),
            Plan {
                expire: true,
                send: true,
                skip: None
            }
        );
    }

    #[test]
    fn an_unmailable_user_is_still_expired_but_gets_no_link() {
        let owner = user("olivia", Role::Owner, &[]);
        let mut disabled = user("dora", Role::User, &[]);
        disabled.status = Status::Disabled;
        let mut no_email = user("nemo", Role::User, &[]);
        no_email.email = None;
        let mut bounced = user("bea", Role::User, &[]);
        bounced.email_status = EmailStatus::Bounced;
        for (target, why) in [
            (&disabled, Skip::AccountDisabled),
            (&no_email, Skip::NoEmail),
            (&bounced, Skip::EmailUndeliverable),
        ] {
            // GIVEN a job that only sends THEN nothing is done
            let sending = plan(&job(JobAction::SendLink), &owner, target, true);
            assert_eq!(sending, Plan::skip(why), "{why:?}");
            // GIVEN a job that expires and sends THEN it expires, unsent
            let both = plan(&job(JobAction::ExpireAndSend), &owner, target, true);
            assert_eq!(
                both,
                Plan {
                    expire: true,
                    send: false,
                    skip: Some(why)
                }
            );
            // GIVEN a job that only expires THEN the mail does not matter
            let expiring = plan(&job(JobAction::Expire), &owner, target, true);
            assert_eq!(expiring.skip, None);
            assert!(expiring.expire);
        }
    }

    #[test]
    fn reset_mfa_applies_the_mfa_reset_target_rule() {
        // GIVEN an admin allowed to reset MFA, and a job that resets it
        let perms = [
            Permission::PasswordsReset,
            Permission::UsersManage,
            Permission::MfaReset,
        ];
        let admin = user("adam", Role::Admin, &perms);
        let mut j = job(JobAction::SendLink);
        j.reset_mfa = true;
        // THEN a plain user is planned and a stronger admin is not
        assert!(plan(&j, &admin, &user("uma", Role::User, &[]), true).send);
        let stronger = user("sam", Role::Admin, &[Permission::AuditRead]);
        assert_eq!(
            plan(&j, &admin, &stronger, true).skip,
            Some(Skip::Forbidden)
        );
    }

    #[test]
    fn counts_add_each_outcome() {
        let mut c = Counts::default();
        c.add(Outcome {
            sent: true,
            skipped: None,
        });
        c.add(Outcome {
            sent: false,
            skipped: Some(Skip::NoEmail),
        });
        c.add(Outcome::skipped(Skip::NoEmail));
        c.add(Outcome::skipped(Skip::SelfTarget));
        assert_eq!(c.processed, 4);
        assert_eq!(c.sent, 1);
        assert_eq!(c.skipped.get("no_email"), Some(&2));
        assert_eq!(c.skipped.get("self_target"), Some(&1));
    }
}

mod lifecycle {
    use super::*;
    use JobStatus::*;
    use Transition::*;

    fn in_status(s: JobStatus) -> Job {
        let mut j = job(JobAction::Expire);
        j.status = s;
        j
    }

    #[test]
    fn pause_resume_and_cancel_move_only_a_live_job() {
        let cases = [
            (Running, Pause, Ok(Some("job.paused")), Paused),
            (Paused, Resume, Ok(Some("job.resumed")), Running),
            (Running, Cancel, Ok(Some("job.cancelled")), Cancelled),
            (Paused, Cancel, Ok(Some("job.cancelled")), Cancelled),
            // asking for the state it is in changes nothing
            (Paused, Pause, Ok(None), Paused),
            (Running, Resume, Ok(None), Running),
            (Cancelled, Cancel, Ok(None), Cancelled),
            // an ended job stays ended
            (Done, Pause, Err(JobFinished(Done)), Done),
            (Done, Resume, Err(JobFinished(Done)), Done),
            (Done, Cancel, Err(JobFinished(Done)), Done),
            (Failed, Resume, Err(JobFinished(Failed)), Failed),
            (Cancelled, Resume, Err(JobFinished(Cancelled)), Cancelled),
            (Cancelled, Pause, Err(JobFinished(Cancelled)), Cancelled),
        ];
        for (from, t, result, to) in cases {
            let mut j = in_status(from);
            assert_eq!(j.apply(t, at(5)), result, "{from:?} {t:?}");
            assert_eq!(j.status, to, "{from:?} {t:?}");
        }
    }

    #[test]
    fn a_job_fails_once_and_says_why() {
        let mut j = in_status(Running);
        assert_eq!(j.fail("creator_forbidden", at(3)), Ok(()));
        assert_eq!(j.status, Failed);
        assert_eq!(j.failure.as_deref(), Some("creator_forbidden"));
        assert_eq!(j.fail("again", at(4)), Err(JobFinished(Failed)));
    }

    #[test]
    fn pages_are_recorded_once_in_order_and_the_last_ends_the_job() {
        // GIVEN a running job
        let mut j = job(JobAction::SendLink);
        let mut page = Counts::default();
        page.add(Outcome {
            sent: true,
            skipped: None,
        });
        // WHEN its first page is recorded
        let r = j.record_page(0, &page, Some("n:bob".into()), Some(at(2)), at(1));
        // THEN the counters, the cursor and the pace move on
        assert_eq!(r, Ok(None));
        assert_eq!((j.pages_done, j.counts.sent), (1, 1));
        assert_eq!(j.cursor.as_deref(), Some("n:bob"));
        assert_eq!(j.next_send_at, Some(at(2)));
        // WHEN the same page is delivered again THEN it is refused, nothing counted twice
        assert_eq!(
            j.record_page(0, &page, Some("n:bob".into()), None, at(1)),
            Err(NotNextPage { page: 0, next: 1 })
        );
        assert_eq!(j.counts.processed, 1);
        // WHEN the last page is recorded THEN the job is done
        assert_eq!(
            j.record_page(1, &page, None, None, at(9)),
            Ok(Some("job.done"))
        );
        assert_eq!((j.status, j.scanned, j.counts.processed), (Done, true, 2));
        assert_eq!(j.next_send_at, Some(at(2)), "the pace never goes back");
        assert_eq!(j.ran_seconds(at(100)), 9);
        // AND nothing follows the last page
        assert!(j.record_page(2, &page, None, None, at(9)).is_err());
    }

    #[test]
    fn a_page_finished_after_a_pause_or_cancel_still_counts() {
        let mut page = Counts::default();
        page.add(Outcome::skipped(Skip::Forbidden));
        // GIVEN a cancelled job WHEN its page in flight ends THEN it counts, status kept
        let mut c = in_status(Running);
        c.apply(Cancel, at(1)).unwrap();
        assert_eq!(c.record_page(0, &page, None, None, at(2)), Ok(None));
        assert_eq!((c.status, c.counts.processed), (Cancelled, 1));
        // GIVEN a paused job WHEN its page in flight reaches the end THEN it is done
        let mut p = in_status(Running);
        p.apply(Pause, at(1)).unwrap();
        assert_eq!(
            p.record_page(0, &page, None, None, at(2)),
            Ok(Some("job.done"))
        );
        assert_eq!(p.status, Done);
        // GIVEN a paused job whose last page was recorded WHEN resumed THEN it is done
        let mut q = in_status(Running);
        q.apply(Pause, at(1)).unwrap();
        q.scanned = true;
        assert_eq!(q.apply(Resume, at(2)), Ok(Some("job.done")));
        assert_eq!(q.status, Done);
    }

    #[test]
    fn the_time_run_leaves_pauses_out_and_the_eta_follows_the_rate() {
        // GIVEN a job of 10 users that ran 10 s, was paused 100 s, ran 10 s more
        let mut j = job(JobAction::Expire);
        j.apply(Pause, at(10)).unwrap();
        assert_eq!(j.eta_seconds(at(50), &pace(1.0)), None, "paused: no ETA");
        j.apply(Resume, at(110)).unwrap();
        assert_eq!(j.ran_seconds(at(120)), 20);
        // WHEN it has processed 4 of them
        j.counts.processed = 4;
        // THEN the 6 left take 6 x 20 / 4 = 30 s
        assert_eq!(j.eta_seconds(at(120), &pace(1.0)), Some(30));
        // GIVEN nothing processed yet THEN an expiry says nothing, a mailing
        // job says its users at the mail rate
        let fresh = job(JobAction::Expire);
        assert_eq!(fresh.eta_seconds(at(0), &pace(2.0)), None);
        let mailing = job(JobAction::SendLink);
        assert_eq!(mailing.eta_seconds(at(0), &pace(2.0)), Some(5));
        // GIVEN more processed than matched (users added since) THEN zero left
        let mut over = job(JobAction::Expire);
        over.counts.processed = 12;
        assert_eq!(over.eta_seconds(at(4), &pace(1.0)), Some(0));
    }

    #[test]
    fn the_view_shows_the_contract_fields() {
        let mut j = job(JobAction::ExpireAndSend);
        j.filter = JobFilter {
            role: Some(Role::Admin),
            changed_before: Some(at(0)),
            ..Default::default()
        };
        j.counts.add(Outcome::skipped(Skip::SelfTarget));
        let v = serde_json::to_value(j.view(at(2), &pace(1.0))).unwrap();
        assert_eq!(v["status"], "running");
        assert_eq!(v["action"], "expire_and_send");
        assert_eq!(v["matched"], 10);
        assert_eq!(v["processed"], 1);
        assert_eq!(v["sent"], 0);
        assert_eq!(v["skipped"]["self_target"], 1);
        assert_eq!(v["created_at"], "2023-11-14T22:13:20Z");
        assert_eq!(v["eta_seconds"], 18);
        assert_eq!(
            v["filter"],
            serde_json::json!({"role": "admin", "changed_before": "2023-11-14T22:13:20Z"})
        );
        assert!(v.get("failure").is_none());
    }
}

mod pacing {
    use super::*;

    #[test]
    fn a_rate_is_positive_finite_and_bounded() {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 10_000.5] {
            assert_eq!(MailPace::per_second(bad), None, "{bad}");
        }
        assert_eq!(pace(0.5).interval_seconds(), 2.0);
        assert_eq!(pace(10_000.0).interval_seconds(), 0.0001);
    }

    #[test]
    fn mails_leave_one_interval_apart_without_a_burst_after_idling() {
        // GIVEN 4 mails a second, nothing sent yet
        let p = pace(4.0);
        let ms = |n: i64| time::Duration::milliseconds(n);
        // WHEN three mails are asked for at once
        let (first, next) = p.slot(None, at(0));
        let (second, next) = p.slot(Some(next), at(0));
        let (third, next) = p.slot(Some(next), at(0));
        // THEN they leave 250 ms apart
        assert_eq!(
            (first, second, third),
            (at(0), at(0) + ms(250), at(0) + ms(500))
        );
        // WHEN the next is asked for long after THEN it leaves at once, and
        // the one after it an interval later (the idle time is no credit)
        let (late, next) = p.slot(Some(next), at(60));
        assert_eq!(late, at(60));
        assert_eq!(p.slot(Some(next), at(60)).0, at(60) + ms(250));
    }

    #[test]
    fn a_mailing_page_holds_about_ten_seconds_of_mail() {
        assert_eq!(pace(1.0).page_users(JobAction::Expire), JOB_PAGE_USERS);
        assert_eq!(pace(0.01).page_users(JobAction::Expire), JOB_PAGE_USERS);
        assert_eq!(pace(1.0).page_users(JobAction::SendLink), 10);
        assert_eq!(pace(2.5).page_users(JobAction::ExpireAndSend), 25);
        assert_eq!(pace(14.0).page_users(JobAction::SendLink), JOB_PAGE_USERS);
        assert_eq!(pace(0.01).page_users(JobAction::SendLink), 1);
    }
}
