//! The settings' bounds, defaults and change diff (`settings.rs`).

#[test]
fn changes_name_each_value_that_moved_from_and_to() {
    let old = Settings::default();
    let mut new = Settings::default();
    new.limits.account_lock_seconds = 3600;
    new.password_policy.min_length = 14;
    let changes = settings_changes(&old, &new);
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(
        changes["limits.account_lock_seconds"],
        serde_json::json!({"from": 86_400, "to": 3600})
    );
    assert_eq!(
        changes["password_policy.min_length"],
        serde_json::json!({"from": 12, "to": 14})
    );
    assert!(settings_changes(&old, &old).is_empty());
}

use super::*;

fn invalid(s: &Settings) -> Vec<FieldError> {
    match s.validate() {
        Err(SettingsError::Invalid(InvalidSettings(e))) => e,
        other => panic!("expected invalid settings, got {other:?}"),
    }
}

#[test]
fn defaults_are_within_every_bound() {
    assert_eq!(Settings::default().validate(), Ok(()));
}

/// Each bound from both sides: the bound itself passes, one past it fails
/// with the field's path and the bounds.
#[test]
fn every_bound_from_both_sides() {
    type Set = fn(&mut Settings, u64);
    let cases: Vec<(&str, u64, u64, Set)> = vec![
        ("password_policy.min_length", 8, 64, |s, v| {
            s.password_policy.min_length = v as usize
        }),
        ("password_policy.max_length", 64, 1024, |s, v| {
            s.password_policy.max_length = v as usize
        }),
        ("reset_link_ttl_seconds", 300, 86_400, |s, v| {
            s.reset_link_ttl_seconds = v
        }),
        ("admin_reset_link_ttl_seconds", 300, 604_800, |s, v| {
            s.admin_reset_link_ttl_seconds = v
        }),
        ("session_ttl_seconds", 300, 2_592_000, |s, v| {
            s.session_ttl_seconds = v
        }),
        ("session_idle_timeout_seconds", 300, 86_400, |s, v| {
            s.session_idle_timeout_seconds = Some(v)
        }),
        ("limits.lockout_threshold", 3, 20, |s, v| {
            s.limits.lockout_threshold = v
        }),
        ("limits.lockout_max_seconds", 1, 86_400, |s, v| {
            s.limits.lockout_base_seconds = 1;
            s.limits.lockout_max_seconds = v
        }),
        ("limits.account_failure_ceiling", 10, 100, |s, v| {
            s.limits.account_failure_ceiling = v
        }),
        ("limits.account_lock_seconds", 1, 86_400, |s, v| {
            s.limits.account_lock_seconds = v
        }),
        ("limits.sign_in_failures_per_ip", 10, 10_000, |s, v| {
            s.limits.sign_in_failures_per_ip = v
        }),
        ("limits.reset_requests_per_ip", 1, 10_000, |s, v| {
            s.limits.reset_requests_per_ip = v
        }),
        ("limits.window_seconds", 300, 86_400, |s, v| {
            // the shortest window allows one reset mail per account
            s.limits.reset_emails_per_account = 1;
            s.limits.window_seconds = v
        }),
        ("password_min_age_hours", 0, 720, |s, v| {
            s.password_min_age_hours = v as u32
        }),
        ("password_max_age_days", 1, 730, |s, v| {
            s.password_max_age_days = Some(v as u32)
        }),
        ("password_policy.min_length_without_mfa", 8, 64, |s, v| {
            s.password_policy.min_length_without_mfa = Some(v as usize)
        }),
    ];
    for (field, min, max, set) in cases {
        for ok in [min, max] {
            let mut s = Settings::default();
            set(&mut s, ok);
            assert_eq!(s.validate(), Ok(()), "{field} = {ok}");
        }
        for bad in [min.checked_sub(1), max.checked_add(1)]
            .into_iter()
            .flatten()
        {
            let mut s = Settings::default();
            set(&mut s, bad);
            let errors = invalid(&s);
            assert_eq!(errors.len(), 1, "{field} = {bad}: {errors:?}");
            assert_eq!(errors[0].field, field);
            assert_eq!(errors[0].code, "out_of_range");
            assert_eq!((errors[0].min, errors[0].max), (Some(min), Some(max)));
        }
    }
}

#[test]
fn the_idle_timeout_is_off_unless_set_and_reads_null_as_off() {
    // GIVEN the defaults THEN no idle timeout
    assert_eq!(Settings::default().session_idle_timeout_seconds, None);
    // GIVEN settings that say null, or nothing THEN off, and valid
    for body in [r#"{"session_idle_timeout_seconds": null}"#, "{}"] {
        let s: Settings = serde_json::from_str(body).unwrap();
        assert_eq!(s.session_idle_timeout_seconds, None, "{body}");
        assert_eq!(s.validate(), Ok(()));
    }
    // GIVEN a value THEN it is read as set
    let s: Settings = serde_json::from_str(r#"{"session_idle_timeout_seconds": 900}"#).unwrap();
    assert_eq!(s.session_idle_timeout_seconds, Some(900));
}

#[test]
fn the_attacks_values_are_refused_and_all_faults_are_named() {
    // GIVEN the values of the attack: a lock of 1e12 s, a ceiling of 1e15
    let mut s = Settings::default();
    s.limits.account_lock_seconds = 1_000_000_000_000;
    s.limits.account_failure_ceiling = 1_000_000_000_000_000;
    s.password_policy.history = 25;
    s.password_policy.require_classes = 5;
    // THEN each is refused, in one answer
    let fields: Vec<String> = invalid(&s).into_iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "password_policy.history",
            "password_policy.require_classes",
            "limits.account_failure_ceiling",
            "limits.account_lock_seconds",
        ]
    );
}

#[test]
fn an_operator_reads_every_fault_with_its_bounds() {
    // GIVEN settings with two values out of range
    let mut s = Settings::default();
    s.limits.lockout_threshold = 2;
    s.limits.account_lock_seconds = 0;
    // WHEN the seed file or `tenant create` prints the refusal
    let shown = s.validate().unwrap_err().to_string();
    // THEN one line names each field and its bounds
    assert_eq!(
        shown,
        "limits.lockout_threshold must be between 3 and 20; \
         limits.account_lock_seconds must be between 1 and 86400"
    );
    let unbounded = FieldError::coded("x", "odd");
    assert_eq!(unbounded.describe(), "x is not acceptable (odd)");
}

#[test]
fn lock_base_may_not_exceed_its_max() {
    let mut s = Settings::default();
    s.limits.lockout_base_seconds = 120;
    s.limits.lockout_max_seconds = 120;
    assert_eq!(s.validate(), Ok(()));
    s.limits.lockout_base_seconds = 121;
    let e = invalid(&s);
    assert_eq!(e[0].field, "limits.lockout_base_seconds");
    assert_eq!((e[0].min, e[0].max), (Some(1), Some(120)));
    s.limits.lockout_base_seconds = 0;
    assert_eq!(invalid(&s)[0].field, "limits.lockout_base_seconds");
}

#[test]
fn reset_mails_are_bounded_per_hour_whatever_the_window() {
    let mut s = Settings::default();
    // an hour's window: 20 per window
    s.limits.window_seconds = 3600;
    s.limits.reset_emails_per_account = 20;
    assert_eq!(s.validate(), Ok(()));
    s.limits.reset_emails_per_account = 21;
    assert_eq!(invalid(&s)[0].max, Some(20));
    // a 15-minute window: 5 per window (20 an hour)
    s.limits.window_seconds = 900;
    s.limits.reset_emails_per_account = 5;
    assert_eq!(s.validate(), Ok(()));
    s.limits.reset_emails_per_account = 6;
    assert_eq!(invalid(&s)[0].max, Some(5));
    // the shortest window still allows one
    s.limits.window_seconds = 300;
    s.limits.reset_emails_per_account = 1;
    assert_eq!(s.validate(), Ok(()));
    s.limits.reset_emails_per_account = 0;
    assert_eq!(invalid(&s)[0].min, Some(1));
}

#[test]
fn reminder_days_are_few_distinct_and_before_the_expiry() {
    let codes = |s: &Settings| -> Vec<(&'static str, Option<u64>)> {
        invalid(s).into_iter().map(|e| (e.code, e.max)).collect()
    };
    // GIVEN 90-day passwords
    let mut s = Settings {
        password_max_age_days: Some(90),
        expiry_reminder_days: vec![60, 14, 3, 1],
        ..Settings::default()
    };
    assert_eq!(s.validate(), Ok(()));
    // THEN more than five, a repeat, a zero or one past 60 days is refused
    s.expiry_reminder_days = vec![30, 14, 7, 3, 2, 1];
    assert_eq!(codes(&s), [("too_many", Some(5))]);
    s.expiry_reminder_days = vec![3, 3];
    assert_eq!(codes(&s), [("duplicate", None)]);
    s.expiry_reminder_days = vec![0];
    assert_eq!(codes(&s), [("out_of_range", Some(60))]);
    s.expiry_reminder_days = vec![61];
    assert_eq!(codes(&s), [("out_of_range", Some(60))]);
    // AND a reminder must come before the expiry day itself
    s.password_max_age_days = Some(7);
    s.expiry_reminder_days = vec![7];
    assert_eq!(codes(&s), [("out_of_range", Some(6))]);
    s.expiry_reminder_days = vec![6, 1];
    assert_eq!(s.validate(), Ok(()));
}

#[test]
fn a_single_factor_minimum_below_the_minimum_changes_nothing() {
    // GIVEN 14 for everyone and 13 for a password alone
    let mut s = Settings::default();
    s.password_policy.min_length = 14;
    s.password_policy.min_length_without_mfa = Some(13);
    // THEN that is acceptable, and a password alone still needs 14
    assert_eq!(s.validate(), Ok(()));
    assert_eq!(s.password_policy.single_factor_min_length(), 14);
}

#[test]
fn a_bad_brand_is_a_branding_error() {
    let mut s = Settings::default();
    s.branding.primary_color = Some("#ffffff".into());
    assert!(matches!(s.validate(), Err(SettingsError::Branding(_))));
}

#[test]
fn durations_saturate_instead_of_overflowing() {
    let now = time::macros::datetime!(2026-12-07 00:00 UTC);
    assert_eq!(
        after_seconds(now, 60),
        time::macros::datetime!(2026-12-07 00:01 UTC)
    );
    // a value no bound allows still gives an instant, years away
    let far = after_seconds(now, u64::MAX);
    assert!(far > now + time::Duration::days(3650));
    // and near the end of representable time it does not panic
    let end = time::macros::datetime!(9999-12-31 23:59 UTC);
    assert_eq!(after_seconds(end, 86_400), end);
}
