//! How fast a job's mail may leave.

use super::{JOB_PAGE_USERS, JobAction, PAGE_MAIL_SECONDS};
use crate::Instant;

/// The pace of a job's mail: at most one mail per interval (a token bucket of
/// one token, refilled at the configured rate), so a job never sends faster
/// than its share of the account's SES quota, however fast users are read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MailPace {
    interval: time::Duration,
}

impl Default for MailPace {
    /// Ten mails a second: under the smallest SES production quota (14/s),
    /// with room for the mail of everyone else.
    fn default() -> Self {
        Self {
            interval: time::Duration::milliseconds(100),
        }
    }
}

impl MailPace {
    /// `None` unless `0 < mails_per_second <= 10_000` (and finite).
    pub fn per_second(mails_per_second: f64) -> Option<Self> {
        (mails_per_second.is_finite() && mails_per_second > 0.0 && mails_per_second <= 10_000.0)
            .then(|| Self {
                interval: time::Duration::seconds_f64(1.0 / mails_per_second),
            })
    }

    pub fn interval_seconds(&self) -> f64 {
        self.interval.as_seconds_f64()
    }

    /// When the next mail may leave given the job's `next_send_at` (`None`:
    /// no mail sent yet), and the `next_send_at` after it. A job that waited
    /// (paused, or a page of skips) gets no burst for the time it did not send.
    pub fn slot(&self, next_send_at: Option<Instant>, now: Instant) -> (Instant, Instant) {
        let at = next_send_at.map_or(now, |n| n.max(now));
        (at, at + self.interval)
    }

    /// Directory entries per page: [`JOB_PAGE_USERS`] for a job that only
    /// expires; for one that mails, as many as the rate sends in
    /// [`PAGE_MAIL_SECONDS`], so that pausing stays prompt at a low rate.
    pub fn page_users(&self, action: JobAction) -> usize {
        if !action.sends() {
            return JOB_PAGE_USERS;
        }
        let per_page = (PAGE_MAIL_SECONDS / self.interval_seconds()).floor();
        (per_page as usize).clamp(1, JOB_PAGE_USERS)
    }
}
