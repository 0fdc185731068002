//! Password expiry, its reminders and a password's minimum age. Pure: "now"
//! is always a parameter.
//!
//! An expiring password's expiry day is the day it was set plus the tenant's
//! `password_max_age_days`. Stores index accounts by the day their password was
//! set ([`index_day`]), not by the expiry day itself: an owner who changes the
//! maximum age then moves every expiry day without a single write, and the
//! accounts expiring on day `E` are those whose password was set on
//! `E - max_age` ([`set_day_of_expiry`]).

use time::Date;

use super::{Instant, Settings, Source, Status, User};

/// The length of a day in the rules below (UTC days; the clock is UTC).
const DAY: i64 = 86_400;

/// Whether the account's password can expire at all: a local password the
/// person may change themselves. Others (directory accounts, accounts an
/// administrator does not let change it) would be stuck in a change they
/// cannot make.
fn can_expire(user: &User) -> bool {
    user.source == Source::Local && user.can_change_password && user.password_hash.is_some()
}

/// When the current password was set: its change time, or the account's
/// creation for a password stored before changes were recorded.
pub fn password_set_at(user: &User) -> Option<Instant> {
    user.password_hash
        .as_ref()
        .map(|_| user.password_changed_at.unwrap_or(user.created_at))
}

/// The day (UTC) a store indexes the account under: the day its password was
/// set, for an active account whose password can expire; `None` keeps it out
/// of the index (stores recompute this on every write of the account).
pub fn index_day(user: &User) -> Option<Date> {
    if !can_expire(user) || user.status != Status::Active {
        return None;
    }
    password_set_at(user).map(|at| at.date())
}

/// When the account's password expires under `settings`, if it does.
pub fn expires_at(user: &User, settings: &Settings) -> Option<Instant> {
    let days = settings.password_max_age_days?;
    if !can_expire(user) {
        return None;
    }
    let set = password_set_at(user)?;
    Some(super::after_seconds(set, u64::from(days) * DAY as u64))
}

/// Whether the password has expired at `now`: its next sign-in must change it.
pub fn is_expired(user: &User, settings: &Settings, now: Instant) -> bool {
    expires_at(user, settings).is_some_and(|at| now >= at)
}

/// The day whose accounts expire `days_before` days after `today`: the
/// password-set day to read from the index.
pub fn set_day_of_expiry(today: Date, days_before: u16, max_age_days: u32) -> Option<Date> {
    let offset = i64::from(days_before) - i64::from(max_age_days);
    today.checked_add(time::Duration::days(offset))
}

/// Whole days from `now`'s day to the expiry's day (0 on the day itself).
fn days_left(expires: Instant, now: Instant) -> i64 {
    (expires.date() - now.date()).whole_days()
}

/// The reminder due for the account today, if one is: a configured
/// `expiry_reminder_days` entry equal to the days left, not sent yet for this
/// password. Each (account, reminder) is mailed once: the sent ones are kept
/// on the account and cleared with each new password.
pub fn due_reminder(user: &User, settings: &Settings, now: Instant) -> Option<u16> {
    if user.status != Status::Active || user.email.is_none() {
        return None;
    }
    let expires = expires_at(user, settings)?;
    if now >= expires {
        return None;
    }
    let left = u16::try_from(days_left(expires, now)).ok()?;
    (settings.expiry_reminder_days.contains(&left) && !user.expiry_reminders_sent.contains(&left))
        .then_some(left)
}

/// How many seconds the account must still wait before changing its own
/// password, under `password_min_age_hours` (a change right after a change
/// would cycle through the history). Never for an account that must change
/// it (a temporary or expired password, an administrator's request), and
/// never for a reset or an administrator's set: only the caller applies it
/// to own changes.
pub fn min_age_wait(user: &User, settings: &Settings, now: Instant) -> Option<u64> {
    let hours = settings.password_min_age_hours;
    if hours == 0 || user.must_change_password {
        return None;
    }
    let set = user.password_changed_at?;
    let until = super::after_seconds(set, u64::from(hours) * 3600);
    (now < until).then(|| (until - now).whole_seconds().max(1) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Role, TenantId, UserId};
    use time::macros::{date, datetime};

    fn user() -> User {
        User {
            tenant_id: TenantId::parse("acme").unwrap(),
            id: UserId("u_1".into()),
            username: "alice".into(),
            email: Some("alice@acme.test".into()),
            role: Role::User,
            permissions: Default::default(),
            status: Status::Active,
            source: Source::Local,
            can_change_password: true,
            must_change_password: false,
            must_change_reason: None,
            reported_at: None,
            last_sign_in_at: None,
            mfa_enabled: false,
            totp_secret: None,
            totp_pending_secret: None,
            totp_last_step: None,
            password_hash: Some("$argon2id$...".into()),
            password_salt: String::new(),
            password_history: Vec::new(),
            cred_gen: 0,
            token_gen: 0,
            version: 0,
            created_at: datetime!(2026-01-01 08:00 UTC),
            password_changed_at: Some(datetime!(2026-03-01 10:00 UTC)),
            email_status: Default::default(),
            recovery_codes: Vec::new(),
            locale: None,
            expiry_reminders_sent: Vec::new(),
        }
    }

    fn ninety_days() -> Settings {
        Settings {
            password_max_age_days: Some(90),
            expiry_reminder_days: vec![14, 3, 1],
            ..Settings::default()
        }
    }

    #[test]
    fn a_password_expires_its_max_age_after_it_was_set() {
        let (u, s) = (user(), ninety_days());
        assert_eq!(expires_at(&u, &s), Some(datetime!(2026-05-30 10:00 UTC)));
        assert!(!is_expired(&u, &s, datetime!(2026-05-30 09:59:59 UTC)));
        assert!(is_expired(&u, &s, datetime!(2026-05-30 10:00 UTC)));
        // without a maximum age nothing expires
        assert_eq!(expires_at(&u, &Settings::default()), None);
    }

    #[test]
    fn only_a_local_password_the_person_may_change_expires() {
        let s = ninety_days();
        let mut u = user();
        u.can_change_password = false;
        assert_eq!(expires_at(&u, &s), None);
        let mut u = user();
        u.source = Source::Ldap;
        assert_eq!(expires_at(&u, &s), None);
        let mut u = user();
        u.password_hash = None;
        assert_eq!(expires_at(&u, &s), None);
        // a password from before changes were recorded ages from the account's creation
        let mut u = user();
        u.password_changed_at = None;
        assert_eq!(expires_at(&u, &s), Some(datetime!(2026-04-01 08:00 UTC)));
    }

    #[test]
    fn the_index_day_is_the_set_day_of_an_active_expirable_account() {
        let mut u = user();
        assert_eq!(index_day(&u), Some(date!(2026 - 03 - 01)));
        u.status = Status::Disabled;
        assert_eq!(index_day(&u), None);
        let mut u = user();
        u.can_change_password = false;
        assert_eq!(index_day(&u), None);
    }

    #[test]
    fn the_index_day_of_an_expiry_day_is_max_age_before_it() {
        // GIVEN today 2026-05-16 and a 90-day maximum age
        let today = date!(2026 - 05 - 16);
        // THEN the accounts 14 days from expiry had their password set on 2026-03-01
        assert_eq!(
            set_day_of_expiry(today, 14, 90),
            Some(date!(2026 - 03 - 01))
        );
        // AND that day plus 90 days is 14 days after today
        let set = date!(2026 - 03 - 01);
        assert_eq!(
            (set + time::Duration::days(90)) - today,
            time::Duration::days(14)
        );
    }

    #[test]
    fn each_reminder_is_due_on_its_day_and_once() {
        let s = ninety_days();
        let mut u = user();
        // 2026-05-30 10:00 is the expiry: 14 days before is 2026-05-16
        assert_eq!(due_reminder(&u, &s, datetime!(2026-05-15 12:00 UTC)), None);
        assert_eq!(
            due_reminder(&u, &s, datetime!(2026-05-16 00:00 UTC)),
            Some(14)
        );
        assert_eq!(
            due_reminder(&u, &s, datetime!(2026-05-16 23:59 UTC)),
            Some(14)
        );
        u.expiry_reminders_sent.push(14);
        assert_eq!(due_reminder(&u, &s, datetime!(2026-05-16 23:59 UTC)), None);
        assert_eq!(
            due_reminder(&u, &s, datetime!(2026-05-27 06:00 UTC)),
            Some(3)
        );
        assert_eq!(
            due_reminder(&u, &s, datetime!(2026-05-29 06:00 UTC)),
            Some(1)
        );
        // on the expiry day before its hour no reminder is configured (0)
        assert_eq!(due_reminder(&u, &s, datetime!(2026-05-30 06:00 UTC)), None);
        // a disabled account or one without email gets none
        u.expiry_reminders_sent.clear();
        u.email = None;
        assert_eq!(due_reminder(&u, &s, datetime!(2026-05-16 06:00 UTC)), None);
    }

    #[test]
    fn the_minimum_age_holds_own_changes_unless_a_change_is_required() {
        let mut s = Settings::default();
        let u = user();
        let set = datetime!(2026-03-01 10:00 UTC);
        // off by default
        assert_eq!(min_age_wait(&u, &s, set), None);
        s.password_min_age_hours = 24;
        assert_eq!(
            min_age_wait(&u, &s, set + time::Duration::hours(23)),
            Some(3600)
        );
        assert_eq!(min_age_wait(&u, &s, set + time::Duration::hours(24)), None);
        let mut forced = user();
        forced.must_change_password = true;
        assert_eq!(min_age_wait(&forced, &s, set), None);
    }
}
