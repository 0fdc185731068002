//! The table's whole key schema, in one screen: every partition key (`pk`) and
//! sort key (`sk`) the store writes. One table (`pk`, `sk`), an index `gsi1`
//! (`gsi1pk`/`gsi1sk`) for users by email, a keys-only index `gsi2`
//! (`gsi2pk`/`gsi2sk`) for password expiry, on-demand, TTL on `ttl`. No key is
//! written on every request of a tenant (audit and outbox are sharded), and
//! each function's IAM policy names the prefixes it may touch
//! (`dynamodb:LeadingKeys` in `infra/template.yaml`; `infra/tests` reads the
//! prefixes from this directory's source and checks each is granted).
//!
//! | item | pk | sk |
//! | --- | --- | --- |
//! | tenant | `TENANT#{t}` | `T` |
//! | tenant logo (its own item: the tenant item, read on most requests, stays small) | `LOGO#{t}` | `L` |
//! | user (`gsi1pk` = `EMAIL#{t}#{email}` when it has one) | `USER#{t}#{user_id}` | `U` |
//! | username claim (the uniqueness item) | `UNAME#{t}#{username}` | `N` |
//! | reset, activation and unlock links | `RESET#{sha256}` | `R` |
//! | session (`last_used_at` beside its document, written at most once a minute) | `SESSION#{sha256}` | `S` |
//! | a user's list of sessions: one entry per session with an id, written and deleted with it, holding its `hash` (a listing is one `Query` on the key, then one `BatchGetItem` of the sessions) | `USESS#{t}#{user_id}` | `{session id}` |
//! | audit event | `AUDIT#{t}#{yyyymmdd}#{shard of 8}` | `{nanos}#{id}` |
//! | user search index | `UIDX#{t}` | `n:{username}\x1f{id}`, `e:{email}\x1f{id}` |
//! | throttling counter | `CTR#{key}` | `C` |
//! | queued mail | `OUTBOX#{shard of 32}` | `{nanos}#{id}` |
//! | the data key sealing TOTP secrets | `KEYRING#totp` | `K` |
//! | a reset-or-expire job (`version` for conditional saves) | `JOB#{t}` | `{job id}` (ids sort by time: a listing is one `Query`, newest first) |
//! | a job's mark of a user it acted on (written with the user's change, only if absent; TTL 30 days) | `JOBMARK#{t}#{job id}#{user_id}` | `M` |
//!
//! The expiry index `gsi2` holds no item of its own: it is two attributes of
//! items above, written with them (so every write of an account keeps it
//! true, and no function needs a key family for it):
//!
//! | entry | `gsi2pk` | `gsi2sk` |
//! | --- | --- | --- |
//! | an account whose password can expire, under the day its password was set (`domain::expiry::index_day`), in one of 4 shards by id | `PWSET#{t}#{yyyymmdd}#{shard}` | `{user_id}` |
//! | a tenant whose passwords expire (`password_max_age_days` set) | `PWEXP#tenants` | `{t}` |
//!
//! Keyed by the set day, not the expiry day: an owner changing the maximum
//! age moves every expiry day without a write; the accounts expiring on day
//! `E` are those set on `E - max_age`, one query per shard. Sharded because a
//! bulk import sets many passwords on one day and a GSI partition takes at
//! most 1,000 writes a second.

use crate::domain::{Instant, TenantId, UserId};

pub(super) const OUTBOX_SHARDS: u8 = 32;
/// 8, not the 64 the 1 %-a-key bound of a burst asks for (docs/scale.md,
/// "Audit: the one key over 1 %"): a listing reads every shard of each day it
/// looks back on, and 64 shards made a quiet tenant's page ~2,000 queries.
pub(super) const AUDIT_SHARDS: u8 = 8;

pub(super) fn tenant_pk(t: &TenantId) -> String {
    format!("TENANT#{t}")
}
pub(super) fn logo_pk(t: &TenantId) -> String {
    format!("LOGO#{t}")
}
pub(super) fn user_pk(t: &TenantId, id: &UserId) -> String {
    format!("USER#{t}#{id}")
}
pub(super) fn email_gsi_pk(t: &TenantId, email_key: &str) -> String {
    format!("EMAIL#{t}#{email_key}")
}
pub(super) fn uname_pk(t: &TenantId, key: &str) -> String {
    format!("UNAME#{t}#{key}")
}
pub(super) fn reset_pk(hash: &str) -> String {
    format!("RESET#{hash}")
}
pub(super) fn session_pk(hash: &str) -> String {
    format!("SESSION#{hash}")
}
pub(super) fn user_sessions_pk(t: &TenantId, user: &UserId) -> String {
    format!("USESS#{t}#{user}")
}
pub(super) fn audit_pk(tenant: &TenantId, at: Instant, shard: u8) -> String {
    format!(
        "AUDIT#{tenant}#{:04}{:02}{:02}#{shard}",
        at.year(),
        u8::from(at.month()),
        at.day()
    )
}
pub(super) fn job_pk(t: &TenantId) -> String {
    format!("JOB#{t}")
}
pub(super) fn job_mark_pk(t: &TenantId, job: &crate::domain::jobs::JobId, user: &UserId) -> String {
    format!("JOBMARK#{t}#{job}#{user}")
}
pub(super) fn index_pk(tenant: &TenantId) -> String {
    format!("UIDX#{tenant}")
}
pub(super) fn counter_pk(key: &str) -> String {
    format!("CTR#{key}")
}
pub(super) fn outbox_pk(shard: u8) -> String {
    format!("OUTBOX#{shard}")
}
pub(super) const KEYRING_PK: &str = "KEYRING#totp";

pub(super) const EXPIRY_SHARDS: u8 = 4;
pub(super) const EXPIRING_TENANTS_GSI_PK: &str = "PWEXP#tenants";

/// The expiry index partition of `tenant`'s accounts set on `day`, shard `shard`.
pub(super) fn expiry_gsi_pk(tenant: &TenantId, day: time::Date, shard: u8) -> String {
    format!(
        "PWSET#{tenant}#{:04}{:02}{:02}#{shard}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// The shard of an item id (stable across processes: not `std`'s hasher).
pub(super) fn shard_of(id: &str, shards: u8) -> u8 {
    (id.bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
        % shards as u32) as u8
}
