//! Latchkey: the password lifecycle of a multi-tenant product.
//!
//! Dependencies point one way: [`domain`] (pure rules, no I/O) <- [`ports`] (traits)
//! <- [`usecases`] and [`adapters`] <- [`http`] and [`app`] (wiring) <- the Lambda
//! binaries and the `latchkey` CLI. Only [`adapters`] know the AWS SDK.

pub mod adapters;
pub mod app;
/// The pure rules, a crate of their own (`latchkey-domain`): no I/O, fast to
/// test and to mutate.
pub use latchkey_domain as domain;
pub mod http;
#[cfg(feature = "lambda")]
pub mod lambda;
/// The ports and the use cases, a crate of their own (`latchkey-core`): no AWS
/// SDK, so their tests and mutants build in seconds.
pub use latchkey_core::{ports, usecases};
