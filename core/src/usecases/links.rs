//! Where links point and who mail is from: the hosted pages' addresses as
//! mails carry them.

use secrecy::{ExposeSecret, SecretString};

use crate::domain::TenantId;

#[derive(Clone, Debug)]
pub struct LinkConfig {
    pub public_base_url: String,
    pub mail_from: String,
}

impl LinkConfig {
    /// A hosted page of `tenant`, e.g. `/t/acme/reset`.
    fn page(&self, tenant: &TenantId, page: &str) -> String {
        format!(
            "{}/t/{tenant}/{page}",
            self.public_base_url.trim_end_matches('/')
        )
    }

    /// The tenant's account page (sign in there, then change the password).
    pub fn account_link(&self, tenant: &TenantId) -> String {
        self.page(tenant, "account")
    }

    /// The tenant's logo, as mails show it (same origin as the pages).
    pub fn logo_link(&self, tenant: &TenantId) -> String {
        self.page(tenant, "logo")
    }

    /// The unlock link of an account-lock mail (the token in the fragment, as
    /// for reset links: never sent to a server in a request line or a log).
    pub fn unlock_link(&self, tenant: &TenantId, token: &SecretString) -> String {
        format!(
            "{}#token={}",
            self.page(tenant, "unlock"),
            token.expose_secret()
        )
    }

    /// The "This wasn't me" link of a mail about a credential change.
    pub fn report_link(&self, tenant: &TenantId, token: &SecretString) -> String {
        format!(
            "{}#token={}",
            self.page(tenant, "report"),
            token.expose_secret()
        )
    }

    pub fn reset_link(&self, tenant: &TenantId, token: &SecretString) -> String {
        format!(
            "{}#token={}",
            self.page(tenant, "reset"),
            token.expose_secret()
        )
    }
}
