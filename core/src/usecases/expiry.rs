//! Expiry reminders: one pass finds the accounts whose password expires on
//! one of the tenant's reminder days and mails each its reminder once. Run
//! daily on AWS (EventBridge Scheduler) and by `latchkey serve` in the
//! background; the same pass may run any number of times a day.
//!
//! Accounts are found through the expiry index (`ports::ExpiryIndex`): one
//! query per (tenant, reminder day), never a scan or a filter over a
//! tenant's users. The expiry itself (a must-change at the next sign-in) is
//! decided at sign-in from the account's record, not by this pass.

use serde::Serialize;

use super::reset::LinkConfig;
use super::{AppError, mail_context};
use crate::domain::{AuditEvent, Instant, Tenant, TenantId, User, expiry};
use crate::ports::{Clock, Committer, ExpiryIndex, StoreError, TenantStore, UserReader, Write};

/// Accounts (or tenants) read per page of the index.
const PAGE: usize = 100;
/// Tries of one account's unit when it meets a concurrent change.
const TRIES: u32 = 5;

pub struct ExpiryReminders<'a> {
    pub tenants: &'a dyn TenantStore,
    pub index: &'a dyn ExpiryIndex,
    pub users: &'a dyn UserReader,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

/// What one pass did (logged by whatever ran it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReminderRun {
    /// Tenants whose passwords expire.
    pub tenants: usize,
    /// Accounts the index gave for a reminder day.
    pub examined: usize,
    /// Reminders queued.
    pub sent: usize,
    /// Accounts given that needed none (reminded already, changed since,
    /// no deliverable address).
    pub skipped: usize,
}

impl ExpiryReminders<'_> {
    pub async fn run(&self) -> Result<ReminderRun, AppError> {
        let now = self.clock.now();
        let mut run = ReminderRun::default();
        let mut cursor: Option<String> = None;
        loop {
            let page = self.index.expiring_tenants(cursor.as_deref(), PAGE).await?;
            for id in &page.items {
                self.tenant(id, now, &mut run).await?;
            }
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return Ok(run),
            }
        }
    }

    async fn tenant(
        &self,
        id: &TenantId,
        now: Instant,
        run: &mut ReminderRun,
    ) -> Result<(), AppError> {
        let Some(tenant) = self.tenants.get_tenant(id).await? else {
            return Ok(());
        };
        let Some(max_age) = tenant.settings.password_max_age_days else {
            return Ok(());
        };
        run.tenants += 1;
        for &days in &tenant.settings.expiry_reminder_days {
            // The accounts expiring `days` days from today had their password
            // set `max_age - days` days ago.
            let Some(day) = expiry::set_day_of_expiry(now.date(), days, max_age) else {
                continue;
            };
            let mut cursor: Option<String> = None;
            loop {
                let page = self
                    .index
                    .passwords_set_on(id, day, cursor.as_deref(), PAGE)
                    .await?;
                for user in page.items {
                    run.examined += 1;
                    if self.remind(&tenant, user, now).await? {
                        run.sent += 1;
                    } else {
                        run.skipped += 1;
                    }
                }
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
        }
        Ok(())
    }

    /// Queues the account's due reminder with the record that it was sent,
    /// in one unit conditioned on the account's version: of two passes that
    /// read it at once one commits, the other reads it again and finds it
    /// reminded. The record decides, not the index (which may lag).
    async fn remind(
        &self,
        tenant: &Tenant,
        mut user: User,
        now: Instant,
    ) -> Result<bool, AppError> {
        for attempt in 0..TRIES {
            let Some(days) = expiry::due_reminder(&user, &tenant.settings, now) else {
                return Ok(false);
            };
            let Some(to) = user.deliverable_email() else {
                return Ok(false);
            };
            let mail = mail_context(tenant, self.links, now, &user, None).password_expiry_reminder(
                to,
                &user.username,
                days,
                &self.links.account_link(&tenant.id),
            );
            let event = AuditEvent::new(
                &tenant.id,
                now,
                "password.expiry_reminder",
                "system",
                "success",
            )
            .target(user.id.as_str())
            .detail("days_before", days);
            let mut updated = user.clone();
            updated.expiry_reminders_sent.push(days);
            let writes = vec![
                Write::SaveUser(updated),
                Write::Mail(mail),
                Write::Audit(event),
            ];
            match self.committer.commit(writes).await {
                Ok(()) => return Ok(true),
                Err(StoreError::Conflict(_)) => {}
                Err(StoreError::Contention) => super::backoff(attempt).await,
                Err(e) => return Err(e.into()),
            }
            match self.users.get_user(&tenant.id, &user.id).await? {
                Some(fresh) => user = fresh,
                None => return Ok(false),
            }
        }
        Err(AppError::Conflict)
    }
}
