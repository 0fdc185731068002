//! The use cases' tests: each states its world in a few lines (`world::World`,
//! the memory store and a fake clock) and calls the use case the way the HTTP
//! layer does. One test binary of a crate without the AWS SDK, so that each
//! mutant of a use case (scripts/mutants.sh, docs/testing.md) builds and runs in
//! seconds. The HTTP, DynamoDB and browser paths are the workspace suite's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// Each module uses the part of the world it needs.
#![allow(dead_code)]

mod world;

mod account;
mod accounts;
mod admin;
mod compliance;
mod expiry;
mod forced_change;
mod gate;
mod jobs;
mod my_sessions;
mod policy;
mod report;
mod reset;
mod sessions;
mod smoke;
mod unlock;
