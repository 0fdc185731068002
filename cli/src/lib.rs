//! The `latchkey` binary's library: local mode (`serve`), seeding and the hosted
//! pages. End-to-end tests start the same server in-process.

pub mod ops;
pub mod seed;
pub mod serve;
pub mod support;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
