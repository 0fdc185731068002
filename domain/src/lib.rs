//! Pure rules: no I/O, no AWS types, no clock reads (time is always a parameter).

pub mod access;
pub mod account;
pub mod audit;
pub mod capabilities;
pub mod compliance;
pub mod directory;
pub mod expiry;
pub mod forced_change;
pub mod i18n;
pub mod identity;
pub mod jobs;
pub mod limits;
pub mod mail;
pub mod new_user;
pub mod password;
pub mod permissions;
pub mod policy;
pub mod recovery;
pub mod report;
pub mod return_to;
#[cfg(feature = "openapi")]
pub mod schemas;
pub mod secret;
pub mod settings;
pub mod tenant;
pub mod token;
pub mod totp;
pub mod user_agent;

pub use account::*;
pub use audit::*;
pub use forced_change::*;
pub use i18n::Locale;
pub use limits::*;
pub use mail::*;
pub use new_user::{NewAccount, Refused};
pub use password::*;
pub use policy::*;
pub use report::*;
pub use return_to::{MAX_RETURN_URLS, return_target};
pub use secret::*;
pub use settings::{
    FieldError, InvalidSettings, MAX_RESET_MAILS_PER_HOUR, SettingsError, after_seconds,
    settings_changes,
};
pub use tenant::*;
pub use token::*;
pub use user_agent::user_agent_summary;

/// Instants are `OffsetDateTime` in UTC; stores keep them as unix seconds.
pub type Instant = time::OffsetDateTime;

/// Formats an instant as RFC 3339 (what every API field and outbox file uses).
pub fn rfc3339(at: Instant) -> String {
    let at = at.replace_nanosecond(0).unwrap_or(at);
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

#[cfg(test)]
mod rules_tests;

#[cfg(test)]
mod i18n_tests;

#[cfg(test)]
mod return_to_tests;

#[cfg(test)]
mod report_tests;
