//! Latchkey's use cases and the ports they depend on, with the embedded memory
//! store that implements every port (local mode and the use cases' tests).
//!
//! Dependencies point one way: [`domain`] (pure rules) <- [`ports`] (traits) <-
//! [`usecases`] and [`memory`]. Re-exported by `latchkey-shared`, whose adapters
//! (DynamoDB, SES, ...) implement the same ports.

/// The pure rules (`latchkey-domain`).
pub use latchkey_domain as domain;
pub mod memory;
pub mod ports;
pub mod usecases;
