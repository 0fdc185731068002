//! The application: the store, clock and configuration every handler uses.
//! Lambda binaries and `latchkey serve` build one `App` at start-up and run
//! the very same handlers against it.

use std::sync::Arc;

use crate::adapters::tenant_cache::CachedTenants;
use crate::domain::TenantId;
use crate::ports::{Clock, Store, TenantStore};
use crate::usecases::reset::LinkConfig;

#[derive(Clone)]
pub struct App {
    pub store: Arc<dyn Store>,
    /// Tenant reads go through here: the store itself, or a short-lived cache
    /// of it on Lambda (see `adapters::tenant_cache`).
    pub tenants: Arc<dyn TenantStore>,
    /// The cache behind `tenants`, when there is one, so that a tenant write
    /// of this process drops its entry.
    pub tenant_cache: Option<Arc<CachedTenants>>,
    pub clock: Arc<dyn Clock>,
    pub links: LinkConfig,
    /// Support staff's bearer token in local mode (None: support routes closed).
    pub support_token: Option<secrecy::SecretString>,
    /// On AWS, the one IAM role allowed to call the support routes (the
    /// gateway's resource policy says the same; this is the second lock).
    pub support_role_arn: Option<String>,
    /// The one browser origin (a tenant's own portal) allowed to read API
    /// answers cross-origin. None: same-origin only (the hosted pages).
    pub cors_origin: Option<String>,
    /// Asked when a tenant's policy has `block_breached` (HIBP's range API).
    pub breached: Arc<dyn crate::ports::BreachedPasswords>,
    /// Drives a reset-or-expire job once created or resumed (`latchkey
    /// serve`: a task in the process). `None`: nothing drives jobs here.
    pub jobs: Option<Arc<dyn crate::adapters::job_runner::JobLauncher>>,
    /// The mail rate of a job (`LATCHKEY_JOB_MAILS_PER_SECOND`, default 10).
    pub job_pace: crate::domain::jobs::MailPace,
}

/// Environment variables shared by the Lambda functions and `latchkey serve`.
pub mod env {
    pub const TABLE: &str = "LATCHKEY_TABLE";
    pub const MAIL_FROM: &str = "LATCHKEY_MAIL_FROM";
    pub const PUBLIC_BASE_URL: &str = "LATCHKEY_PUBLIC_BASE_URL";
    pub const SES_CONFIGURATION_SET: &str = "LATCHKEY_SES_CONFIGURATION_SET";
    /// Seconds a Lambda instance caches a tenant's record (default and most 5; 0 = off).
    pub const TENANT_CACHE_SECONDS: &str = "LATCHKEY_TENANT_CACHE_SECONDS";
    /// The KMS key that wraps queued mail's data keys (AWS).
    pub const OUTBOX_KMS_KEY: &str = "LATCHKEY_OUTBOX_KMS_KEY";
    /// A base64 32-byte key that wraps queued mail's data keys (local, tests).
    pub const OUTBOX_KEY: &str = "LATCHKEY_OUTBOX_KEY";
    /// The KMS key that wraps the data key sealing users' TOTP secrets (AWS;
    /// set on the functions that read a secret, sign-in and change-password).
    pub const TOTP_KMS_KEY: &str = "LATCHKEY_TOTP_KMS_KEY";
    /// A base64 32-byte key that wraps it instead (local, tests).
    pub const TOTP_KEY: &str = "LATCHKEY_TOTP_KEY";
    /// The IAM role allowed on `/v1/support/*`.
    pub const SUPPORT_ROLE_ARN: &str = "LATCHKEY_SUPPORT_ROLE_ARN";
    /// The mailer's dead-letter queue (SQS URL).
    pub const MAIL_DLQ_URL: &str = "LATCHKEY_MAIL_DLQ_URL";
    /// The browser origin allowed cross-origin (`HostedPageOrigin`).
    pub const HOSTED_PAGE_ORIGIN: &str = "LATCHKEY_HOSTED_PAGE_ORIGIN";
    /// Where the Pwned Passwords range API lives (tests point it elsewhere).
    pub const PWNED_PASSWORDS_URL: &str = "LATCHKEY_PWNED_PASSWORDS_URL";
    /// Stage name, a dimension of the metrics the functions emit.
    pub const STAGE: &str = "LATCHKEY_STAGE";
    /// The jobs queue (SQS FIFO URL): set on the functions that start jobs
    /// (`admin-reset`) and the one that runs them (`job-worker`).
    pub const JOB_QUEUE_URL: &str = "LATCHKEY_JOB_QUEUE_URL";
    /// The jobs' dead-letter queue (`latchkey ops redrive-jobs`).
    pub const JOB_DLQ_URL: &str = "LATCHKEY_JOB_DLQ_URL";
    /// Mails a second one reset-or-expire job sends at most (default 10):
    /// under the account's SES rate, with room for everything else.
    pub const JOB_MAILS_PER_SECOND: &str = "LATCHKEY_JOB_MAILS_PER_SECOND";

    /// [`JOB_MAILS_PER_SECOND`], or 10 when unset or not a rate in (0, 10000].
    pub fn job_pace() -> crate::domain::jobs::MailPace {
        let rate = std::env::var(JOB_MAILS_PER_SECOND)
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(10.0);
        crate::domain::jobs::MailPace::per_second(rate).unwrap_or_default()
    }

    /// The longest a tenant's record is cached: a tightened security setting
    /// ("admins must have MFA", a lower lock threshold) holds on every
    /// instance within this many seconds. Costs one tenant read per instance
    /// and tenant every 5 s at most (under a load of more than one sign-in
    /// each 5 s per instance, fewer reads than one per sign-in).
    pub const MAX_TENANT_CACHE_SECONDS: i64 = 5;

    /// [`TENANT_CACHE_SECONDS`], or its default (5), never more than
    /// [`MAX_TENANT_CACHE_SECONDS`].
    pub fn tenant_cache_seconds() -> i64 {
        cache_seconds(std::env::var(TENANT_CACHE_SECONDS).ok().as_deref())
    }

    /// The cache lifetime a value of [`TENANT_CACHE_SECONDS`] asks for.
    pub fn cache_seconds(value: Option<&str>) -> i64 {
        value
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(MAX_TENANT_CACHE_SECONDS)
            .clamp(0, MAX_TENANT_CACHE_SECONDS)
    }
}

impl App {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, links: LinkConfig) -> Self {
        // Parse the catalogues off the request path, so that the first mail a
        // forgot-password request renders (only for an existing account) costs
        // no more than the next; a request arriving first waits for this one.
        std::thread::spawn(crate::domain::i18n::warm);
        Self {
            tenants: store.clone(),
            tenant_cache: None,
            store,
            clock,
            links,
            support_token: None,
            support_role_arn: None,
            cors_origin: None,
            jobs: None,
            job_pace: env::job_pace(),
            breached: Arc::new(crate::adapters::hibp::PwnedPasswords::new(
                std::env::var(env::PWNED_PASSWORDS_URL)
                    .unwrap_or_else(|_| crate::adapters::hibp::DEFAULT_BASE_URL.into()),
                std::time::Duration::from_secs(2),
            )),
        }
    }

    /// Reads tenants through a per-process cache of `seconds` (0: none): on
    /// Lambda and on `latchkey serve --store dynamodb`, where a tenant read
    /// is a DynamoDB round trip on every request otherwise.
    pub fn cache_tenants(&mut self, seconds: i64) {
        if seconds <= 0 {
            return;
        }
        let cache = Arc::new(CachedTenants::new(
            self.store.clone(),
            self.clock.clone(),
            time::Duration::seconds(seconds),
        ));
        self.tenants = cache.clone();
        self.tenant_cache = Some(cache);
    }

    /// After this process wrote `tenant`: its next read is the stored record.
    pub fn tenant_changed(&self, tenant: &TenantId) {
        if let Some(cache) = &self.tenant_cache {
            cache.forget(tenant);
        }
    }

    /// The same app with links pointing at `base` (per request, on AWS).
    pub fn with_public_base_url(&self, base: &str) -> Self {
        let mut app = self.clone();
        app.links.public_base_url = base.to_owned();
        app
    }
}
