//! The application: the store, clock and configuration every handler uses.
//! Lambda binaries and `latchkey serve` build one `App` at start-up and run
//! the very same handlers against it.

use std::sync::Arc;

use crate::ports::{Clock, Store, TenantStore};
use crate::usecases::reset::LinkConfig;

pub struct App {
    pub store: Arc<dyn Store>,
    /// Tenant reads go through here: the store itself, or a short-lived cache
    /// of it on Lambda (see `adapters::tenant_cache`).
    pub tenants: Arc<dyn TenantStore>,
    pub clock: Arc<dyn Clock>,
    pub links: LinkConfig,
    /// Support staff's bearer token in local mode (None: support routes closed).
    pub support_token: Option<secrecy::SecretString>,
}

/// Environment variables shared by the Lambda functions and `latchkey serve`.
pub mod env {
    pub const TABLE: &str = "LATCHKEY_TABLE";
    pub const MAIL_FROM: &str = "LATCHKEY_MAIL_FROM";
    pub const PUBLIC_BASE_URL: &str = "LATCHKEY_PUBLIC_BASE_URL";
    pub const SES_CONFIGURATION_SET: &str = "LATCHKEY_SES_CONFIGURATION_SET";
    /// Seconds a Lambda instance caches a tenant's record (default 30; 0 = off).
    pub const TENANT_CACHE_SECONDS: &str = "LATCHKEY_TENANT_CACHE_SECONDS";
}

impl App {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, links: LinkConfig) -> Self {
        Self {
            tenants: store.clone(),
            store,
            clock,
            links,
            support_token: None,
        }
    }
}
