//! Moves queued mail from a store's outbox to a mailer, outside any request.
//! A failed send is logged (without the body: it may hold a link) and retried
//! with backoff; a throttled provider slows the whole loop down.

use std::sync::Arc;
use std::time::Duration;

use crate::ports::{Clock, MailError, MailOutbox, Mailer, OutboxItem};

/// How long a claimed mail is reserved for the worker that claimed it.
const CLAIM_LEASE: time::Duration = time::Duration::seconds(60);

/// What became of one queued mail.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Another worker holds its claim.
    Busy,
    /// Not sent; recorded for a retry (`throttled`: the provider asked us to slow down).
    Failed {
        throttled: bool,
    },
    /// Not sent and not retried: refused for good, or out of attempts. The item
    /// stays stored for an operator; `reason` says why (never the body).
    GaveUp {
        reason: String,
    },
}

/// Claims, sends and removes one queued mail, the one path both the local
/// dispatcher and the stream-fed `mailer` function use. The claim makes two
/// workers send it once; a failed send is logged (never the body: it may hold a
/// link) and recorded so the mail is retried, not lost.
pub async fn deliver(
    outbox: &dyn MailOutbox,
    mailer: &dyn Mailer,
    clock: &dyn Clock,
    item: &OutboxItem,
) -> Delivery {
    let now = clock.now();
    match outbox.claim(&item.key, now, now + CLAIM_LEASE).await {
        Ok(true) => {}
        Ok(false) => return Delivery::Busy,
        Err(e) => {
            tracing::error!(error = %e, "could not claim queued mail");
            return Delivery::Failed { throttled: false };
        }
    }
    match mailer.send(&item.email).await {
        Ok(()) => {
            tracing::info!(mail_id = %item.email.id, kind = ?item.email.kind, "mail sent");
            if let Err(e) = outbox.ack(&item.key).await {
                tracing::error!(error = %e, mail_id = %item.email.id, "mail sent but not removed from outbox");
            }
            Delivery::Sent
        }
        // Retrying a refusal only repeats it (and costs reputation): stop now.
        Err(MailError::Permanent(reason)) => {
            tracing::error!(error = %reason, mail_id = %item.email.id, "mail refused permanently; giving up");
            if let Err(e) = outbox.give_up(&item.key).await {
                tracing::error!(error = %e, "could not park refused mail");
            }
            Delivery::GaveUp {
                reason: format!("refused permanently: {reason}"),
            }
        }
        Err(e) => {
            let attempts = item.attempts + 1;
            if let Err(e) = outbox.nack(&item.key).await {
                tracing::error!(error = %e, "could not record failed send");
            }
            if attempts >= crate::ports::MAX_SEND_ATTEMPTS {
                tracing::error!(error = %e, mail_id = %item.email.id, attempts, "mail send failed; out of attempts");
                return Delivery::GaveUp {
                    reason: format!("{attempts} attempts failed, last: {e}"),
                };
            }
            tracing::error!(error = %e, mail_id = %item.email.id, attempts, "mail send failed; will retry");
            Delivery::Failed {
                throttled: matches!(e, MailError::Throttled(_)),
            }
        }
    }
}

pub struct Dispatcher {
    pub outbox: Arc<dyn MailOutbox>,
    pub mailer: Arc<dyn Mailer>,
    pub clock: Arc<dyn Clock>,
    /// How long to wait for new mail before looking again.
    pub idle_wait: Duration,
}

/// What one pass did, for tests and logs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PassReport {
    pub sent: usize,
    pub failed: usize,
    pub given_up: usize,
    pub throttled: bool,
}

impl Dispatcher {
    /// Sends what is pending now, once.
    pub async fn pass(&self) -> PassReport {
        let mut report = PassReport::default();
        let items = match self.outbox.pending(25).await {
            Ok(items) => items,
            Err(e) => {
                tracing::error!(error = %e, "mail outbox unreadable");
                report.failed += 1;
                return report;
            }
        };
        for item in items {
            match deliver(&*self.outbox, &*self.mailer, &*self.clock, &item).await {
                Delivery::Sent => report.sent += 1,
                // Another worker is sending it (or already has).
                Delivery::Busy => {}
                Delivery::Failed { throttled } => {
                    report.failed += 1;
                    report.throttled |= throttled;
                    if throttled {
                        break;
                    }
                }
                // Parked for an operator (logged by `deliver`); locally there is
                // no dead-letter queue, the item stays in the store.
                Delivery::GaveUp { .. } => report.given_up += 1,
            }
        }
        report
    }

    /// Runs until the task is dropped.
    pub async fn run(self) {
        let mut backoff = Duration::ZERO;
        loop {
            let report = self.pass().await;
            if report.failed > 0 {
                backoff = (backoff * 2).clamp(Duration::from_millis(250), Duration::from_secs(30));
                tokio::time::sleep(backoff).await;
            } else {
                backoff = Duration::ZERO;
                if report.sent == 0 {
                    self.outbox.wait_for_mail(self.idle_wait).await;
                }
            }
        }
    }
}
