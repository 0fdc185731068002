//! Implementations of the ports: the embedded memory store and DynamoDB; the
//! local outbox directory and SES; the mail dispatcher that moves queued mail
//! from a store's outbox to a mailer.

pub mod aws;
pub mod dispatch;
pub mod dynamodb;
pub mod field_sealing;
pub mod hibp;
pub mod job_queue;
pub mod job_runner;
/// The embedded store (`latchkey-core`, beside the use cases it serves).
pub use latchkey_core::memory;
pub mod outbox_dir;
pub mod sealing;
pub mod ses;
pub mod ses_events;
pub mod sqs;
pub mod stream_mailer;
pub mod tenant_cache;
