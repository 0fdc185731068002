//! The limits' unit tests (`limits.rs`): windows, backoff, counter changes, keys.

use super::*;

fn at(s: i64) -> Instant {
    time::OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
}

fn admitted(r: Reservation) -> CounterState {
    match r {
        Reservation::Admitted { after, .. } => after,
        Reservation::Refused { .. } => panic!("refused: {r:?}"),
    }
}

#[test]
fn backoff_grows_from_the_threshold_and_is_capped() {
    let l = Limits::default();
    assert_eq!(lockout_seconds(&l, 5), 60);
    assert_eq!(lockout_seconds(&l, 6), 120);
    assert_eq!(lockout_seconds(&l, 7), 240);
    assert_eq!(lockout_seconds(&l, 40), 3600);
}

#[test]
fn lockout_admits_threshold_attempts_then_exactly_one_per_expired_lock() {
    // GIVEN the default pair rule (5 attempts, 60 s, doubling)
    let rule = Admission::sign_in_pair(&Limits::default());
    let mut state = CounterState::default();
    // WHEN five attempts arrive at once
    for i in 1..=5 {
        let r = rule.decide(state, at(0));
        state = admitted(r);
        assert_eq!(state.count, i);
        // THEN only the fifth sets the lock, and it does so itself
        assert_eq!(
            r,
            Reservation::Admitted {
                after: state,
                locked_now: i == 5
            }
        );
    }
    assert_eq!(state.locked_until, Some(at(60)));
    assert_eq!(
        rule.decide(state, at(59)),
        Reservation::Refused { retry_after: 1 }
    );
    // WHEN the lock has expired, the next attempt is admitted and relocks at once
    let after = admitted(rule.decide(state, at(60)));
    assert_eq!(after.count, 6);
    assert_eq!(after.locked_until, Some(at(60 + 120)));
    assert_eq!(
        rule.decide(after, at(61)),
        Reservation::Refused { retry_after: 119 }
    );
    assert_eq!(after.expires_at, Some(at(60 + FAILURE_MEMORY_SECONDS)));
}

#[test]
fn a_lock_longer_than_the_memory_is_remembered_as_long_as_it_lasts() {
    let rule = Admission::Lockout {
        threshold: 1,
        base_seconds: 2 * FAILURE_MEMORY_SECONDS as u64,
        max_seconds: 2 * FAILURE_MEMORY_SECONDS as u64,
    };
    let s = admitted(rule.decide(CounterState::default(), at(0)));
    assert_eq!(s.expires_at, Some(at(2 * FAILURE_MEMORY_SECONDS)));
}

#[test]
fn ceiling_locks_for_its_own_length() {
    let l = Limits::default();
    let rule = Admission::account_ceiling(&l);
    let s = CounterState {
        count: 99,
        ..Default::default()
    };
    let r = rule.decide(s, at(0));
    let after = admitted(r);
    assert_eq!(after.locked_until, Some(at(86_400)));
    assert!(matches!(
        r,
        Reservation::Admitted {
            locked_now: true,
            ..
        }
    ));
    // and the following expired-lock attempt locks again for the same length
    let again = admitted(rule.decide(after, at(86_400)));
    assert_eq!(again.locked_until, Some(at(2 * 86_400)));
}

#[test]
fn window_admits_up_to_its_limit() {
    let rule = Admission::window(2, at(900));
    let s1 = admitted(rule.decide(CounterState::default(), at(0)));
    let s2 = admitted(rule.decide(s1, at(1)));
    assert_eq!(s2.count, 2);
    assert_eq!(s2.expires_at, Some(at(900)));
    assert_eq!(
        rule.decide(s2, at(100)),
        Reservation::Refused { retry_after: 800 }
    );
}

#[test]
fn unknown_tenants_share_one_window_per_address_and_window() {
    // GIVEN a real tenant whose id reads like the shared key's marker
    let unknown = TenantId::parse("unknown").unwrap();
    let key = sign_in_unknown_tenant_ip_key("1.2.3.4", 7);
    // THEN the shared key is no tenant's, and it separates addresses and windows
    assert_ne!(key, sign_in_ip_key(&unknown, "1.2.3.4", 7));
    assert!(key.starts_with("signin-ip#~"), "{key}");
    assert_eq!(key, sign_in_unknown_tenant_ip_key("1.2.3.4", 7));
    assert_ne!(key, sign_in_unknown_tenant_ip_key("1.2.3.5", 7));
    assert_ne!(key, sign_in_unknown_tenant_ip_key("1.2.3.4", 8));
}

#[test]
fn keys_separate_tenants_addresses_and_accounts() {
    let a = TenantId::parse("a").unwrap();
    let b = TenantId::parse("b").unwrap();
    assert_ne!(
        sign_in_ip_key(&a, "1.2.3.4", 1),
        sign_in_ip_key(&b, "1.2.3.4", 1)
    );
    assert_ne!(
        sign_in_ip_key(&a, "1.2.3.4", 1),
        sign_in_ip_key(&a, "1.2.3.4", 2)
    );
    assert_ne!(
        sign_in_pair_key(&a, "olivia", Some("1.1.1.1")),
        sign_in_pair_key(&a, "olivia", Some("2.2.2.2"))
    );
    assert_ne!(
        sign_in_pair_key(&a, "olivia", None),
        sign_in_pair_key(&a, "oliver", None)
    );
    assert_ne!(
        sign_in_account_key(&a, "olivia"),
        sign_in_account_key(&b, "olivia")
    );
    assert_ne!(
        reset_ip_key(&a, "1.1.1.1", 3),
        reset_ip_key(&b, "1.1.1.1", 3)
    );
    assert_ne!(
        reset_identifier_key(&a, "x", 3),
        reset_identifier_key(&a, "x", 4)
    );
}

#[test]
fn window_index_and_end() {
    let l = Limits::default();
    let now = time::OffsetDateTime::from_unix_timestamp(1800 + 17).unwrap();
    let (i, end) = window(&l, now);
    assert_eq!(i, 2);
    assert_eq!(end.unix_timestamp(), 2700);
}

fn stored(count: u64, locked_until: Option<i64>, expires: i64, version: u64) -> StoredCounter {
    StoredCounter {
        state: CounterState {
            count,
            locked_until: locked_until.map(at),
            expires_at: Some(at(expires)),
        },
        version: Some(version),
    }
}

fn written(a: Option<Applied>) -> StoredCounter {
    match a {
        Some(Applied::Write(c)) => c,
        other => panic!("not a write: {other:?}"),
    }
}

#[test]
fn a_blind_failure_holds_only_below_the_lock_on_a_live_unlocked_counter() {
    let fail = CounterChange::Fail {
        threshold: 5,
        now: at(100),
    };
    // GIVEN no counter: THEN the first failure, remembered for a day
    let first = written(fail.apply(None));
    assert_eq!(first.state.count, 1);
    assert_eq!(first.state.locked_until, None);
    assert_eq!(
        first.state.expires_at,
        Some(at(100 + FAILURE_MEMORY_SECONDS))
    );
    assert_eq!(first.version, Some(1));
    // GIVEN three live failures: THEN a fourth, the version moved on
    let c = written(fail.apply(Some(&stored(3, None, 5000, 7))));
    assert_eq!((c.state.count, c.version), (4, Some(8)));
    assert_eq!(c.state.expires_at, Some(at(100 + FAILURE_MEMORY_SECONDS)));
    // the failure that would reach the threshold must compute its lock
    assert_eq!(fail.apply(Some(&stored(4, None, 5000, 7))), None);
    // a locked counter (until 101 > 100) refuses; an expired one starts afresh elsewhere
    assert_eq!(fail.apply(Some(&stored(1, Some(101), 5000, 7))), None);
    assert_eq!(fail.apply(Some(&stored(1, None, 100, 7))), None);
    // a lock that ended keeps its (past) instant
    let c = written(fail.apply(Some(&stored(2, Some(100), 5000, 1))));
    assert_eq!(c.state.locked_until, Some(at(100)));
    // a threshold of 1 locks at the first failure: never blind
    for threshold in [0, 1] {
        let fail = CounterChange::Fail {
            threshold,
            now: at(100),
        };
        assert_eq!(fail.apply(None), None);
    }
    let two = CounterChange::Fail {
        threshold: 2,
        now: at(100),
    };
    assert_eq!(written(two.apply(None)).state.count, 1);
    assert_eq!(two.apply(Some(&stored(1, None, 5000, 1))), None);
}

#[test]
fn set_holds_only_at_the_version_read() {
    let state = CounterState {
        count: 5,
        locked_until: Some(at(60)),
        expires_at: Some(at(86_400)),
    };
    let set = |version| CounterChange::Set { state, version };
    let c = written(set(Some(3)).apply(Some(&stored(4, None, 500, 3))));
    assert_eq!((c.state, c.version), (state, Some(4)));
    assert_eq!(set(Some(3)).apply(Some(&stored(4, None, 500, 4))), None);
    assert_eq!(written(set(None).apply(None)).version, Some(1));
    assert_eq!(set(Some(3)).apply(None), None);
    assert_eq!(set(None).apply(Some(&stored(4, None, 500, 3))), None);
    let legacy = StoredCounter {
        version: None,
        ..stored(4, None, 500, 0)
    };
    assert_eq!(written(set(None).apply(Some(&legacy))).version, Some(1));
}

#[test]
fn clear_holds_unless_locked_and_window_slots_are_taken_and_given_back() {
    let clear = CounterChange::Clear { now: at(100) };
    assert_eq!(clear.apply(None), Some(Applied::Delete));
    assert_eq!(
        clear.apply(Some(&stored(4, None, 500, 1))),
        Some(Applied::Delete)
    );
    assert_eq!(
        clear.apply(Some(&stored(5, Some(100), 500, 1))),
        Some(Applied::Delete)
    );
    assert_eq!(clear.apply(Some(&stored(5, Some(101), 500, 1))), None);

    let take = CounterChange::Take {
        limit: 3,
        window_end: at(900),
    };
    let c = written(take.apply(None));
    assert_eq!(c.state.count, 1);
    assert_eq!(c.state.expires_at, Some(at(900)));
    assert_eq!(c.version, Some(1));
    let c = written(take.apply(Some(&stored(2, None, 900, 5))));
    assert_eq!((c.state.count, c.version), (3, Some(6)));
    assert_eq!(take.apply(Some(&stored(3, None, 900, 5))), None);

    let release = CounterChange::Release;
    let c = written(release.apply(Some(&stored(2, None, 900, 5))));
    assert_eq!((c.state.count, c.version), (1, Some(6)));
    assert_eq!(c.state.expires_at, Some(at(900)));
    assert_eq!(release.apply(Some(&stored(0, None, 900, 5))), None);
    assert_eq!(release.apply(None), None);
}

#[test]
fn a_failure_is_blind_unless_it_locks_or_restarts_an_expired_count() {
    let rule = Admission::sign_in_pair(&Limits::default());
    let now = at(100);
    let blind = CounterChange::Fail { threshold: 5, now };
    // no read: blind, count unknown
    let f = rule.failure(None, now).unwrap();
    assert_eq!((f.change, f.count, f.locked_now), (blind, None, false));
    // read, absent or live below the lock: blind, count known
    let f = rule.failure(Some(None), now).unwrap();
    assert_eq!((f.change, f.count, f.locked_now), (blind, Some(1), false));
    let s = stored(3, None, 5000, 9);
    let f = rule.failure(Some(Some(&s)), now).unwrap();
    assert_eq!((f.change, f.count, f.locked_now), (blind, Some(4), false));
    // the fifth sets the lock: compare-and-set at the version read
    let s = stored(4, None, 5000, 9);
    let f = rule.failure(Some(Some(&s)), now).unwrap();
    assert!(f.locked_now);
    assert_eq!(f.count, Some(5));
    assert_eq!(
        f.change,
        CounterChange::Set {
            state: CounterState {
                count: 5,
                locked_until: Some(at(160)),
                expires_at: Some(at(100 + FAILURE_MEMORY_SECONDS)),
            },
            version: Some(9),
        }
    );
    // locked: refused with the time left
    let s = stored(5, Some(160), 5000, 9);
    assert_eq!(rule.failure(Some(Some(&s)), now), Err(60));
    // expired: a fresh count, written over the old item at its version
    let s = stored(4, None, 100, 9);
    let f = rule.failure(Some(Some(&s)), now).unwrap();
    assert_eq!((f.count, f.locked_now), (Some(1), false));
    assert!(matches!(
        f.change,
        CounterChange::Set {
            version: Some(9),
            state: CounterState { count: 1, .. }
        }
    ));
    // a failure on a window takes a slot, unless the read shows it full
    let w = Admission::window(3, at(900));
    let take = CounterChange::Take {
        limit: 3,
        window_end: at(900),
    };
    for read in [None, Some(None), Some(Some(&stored(2, None, 900, 1)))] {
        let f = w.failure(read, now).unwrap();
        assert_eq!((f.change, f.count, f.locked_now), (take, None, false));
    }
    assert_eq!(
        w.failure(Some(Some(&stored(3, None, 900, 1))), now),
        Err(800)
    );
}

#[test]
fn live_reads_expired_and_absent_counters_as_fresh() {
    let s = stored(4, Some(50), 200, 3);
    assert_eq!(live(Some(&s), at(199)), s.state);
    assert_eq!(live(Some(&s), at(200)), CounterState::default());
    assert_eq!(live(None, at(0)), CounterState::default());
}
