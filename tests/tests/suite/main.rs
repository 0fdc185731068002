//! The one integration-test binary (each binary is a slow link here):
//! store conformance on memory and DynamoDB (moto), SES against moto, the API
//! end to end on both stores, Lambda events through the handlers, log hygiene.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod authz;
mod bounces;
mod breached;
mod conformance;
mod conformance_expiry;
mod conformance_jobs;
mod conformance_sessions;
mod e2e_account;
mod e2e_admin;
mod e2e_compliance;
mod e2e_people;
mod e2e_reset;
mod events;
mod gateway;
mod guards;
mod hot_keys;
mod i18n;
mod iam;
mod iam_calls;
mod identities;
mod jobs_queue;
mod lockout_unlock;
mod log_hygiene;
mod mailer;
mod mfa_recovery;
mod operator;
mod pages_passwords;
mod round_trips;
mod security;
mod security_round2;
mod ses;
mod support_cli;
mod totp_at_rest;
