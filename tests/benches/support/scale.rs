//! What the scale benchmarks share: users made from one template (one Argon2
//! hash for all), the process's memory from /proc, percentiles, a mailer that
//! accepts everything.

// Each bench binary uses a part of it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use latchkey_shared::domain::{
    Email, Role, Settings, Source, Status, Tenant, TenantId, User, UserId, hash_password, new_salt,
};
use latchkey_shared::ports::{MailError, Mailer};
use secrecy::SecretString;

pub const BENCH_PASSWORD: &str = "Bench-Password-Narwhal-11";

pub fn tenant(id: &str) -> Tenant {
    Tenant {
        id: TenantId::parse(id).unwrap(),
        name: "Scale Org".into(),
        settings: Settings::default(),
        logo: None,
    }
}

/// An active local user of `tenant` with a real Argon2id hash: clone it (with
/// a new id, name and email) instead of hashing again.
pub fn template(tenant: &TenantId, now: time::OffsetDateTime) -> User {
    let salt = new_salt();
    User {
        tenant_id: tenant.clone(),
        id: UserId::generate(),
        username: "template".into(),
        email: Some("template@scale.test".into()),
        role: Role::User,
        permissions: Default::default(),
        status: Status::Active,
        source: Source::Local,
        can_change_password: true,
        must_change_password: false,
        must_change_reason: None,
        mfa_enabled: false,
        totp_secret: None,
        totp_pending_secret: None,
        totp_last_step: None,
        password_hash: Some(
            hash_password(&SecretString::from(BENCH_PASSWORD), &salt).expect("hash"),
        ),
        password_salt: salt,
        password_history: vec![],
        cred_gen: 0,
        token_gen: 0,
        version: 0,
        created_at: now,
        password_changed_at: None,
        email_status: Default::default(),
        recovery_codes: Vec::new(),
        locale: None,
        reported_at: None,
        last_sign_in_at: None,
        expiry_reminders_sent: Vec::new(),
    }
}

/// User `i` (`user0000042`), cloned from `template`.
pub fn nth(template: &User, i: usize) -> User {
    let name = format!("user{i:07}");
    User {
        id: UserId::generate(),
        email: Some(format!("{name}@scale.test")),
        username: name,
        ..template.clone()
    }
}

/// The owner who runs the jobs (an owner with a second factor).
pub fn owner(template: &User) -> User {
    User {
        id: UserId::generate(),
        username: "owner".into(),
        email: Some("owner@scale.test".into()),
        role: Role::Owner,
        mfa_enabled: true,
        ..template.clone()
    }
}

/// A line of /proc/self/status in MiB (`VmHWM`: peak resident; `VmRSS`: now).
pub fn mem_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

pub fn memory_line(when: &str) {
    println!(
        "  memory {when}: VmRSS {:.0} MiB, VmHWM {:.0} MiB",
        mem_mib("VmRSS:"),
        mem_mib("VmHWM:")
    );
}

/// The `p`-th percentile (0..=100) of `samples`, sorted in place.
pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p / 100.0).round() as usize;
    samples.get(i).copied().unwrap_or_default()
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Accepts every mail and counts it (the provider's own rate is not what
/// these benchmarks measure).
#[derive(Default)]
pub struct CountingMailer {
    pub sent: AtomicU64,
}

#[async_trait]
impl Mailer for CountingMailer {
    async fn send(&self, _email: &Email) -> Result<(), MailError> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}
