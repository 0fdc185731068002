//! What a job does to each user and how each user counts: the admin target
//! rules of a single reset, applied with the creator's rights of now.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::Job;
use crate::permissions::{Action, Actor, Denied, authorize};
use crate::{Instant, Status, TenantId, User};

/// Why a user was not (fully) acted on: the key of `skipped`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Skip {
    /// The job's creator (a job never acts on the account that started it).
    SelfTarget,
    /// The creator may not act on this account (an owner, a stronger admin).
    Forbidden,
    ExternallyManaged,
    /// No link for a disabled account (`expire_and_send` still expires it).
    AccountDisabled,
    /// No address to mail (`expire_and_send` still expires the account).
    NoEmail,
    /// The address bounced or complained (as above).
    EmailUndeliverable,
    /// The account kept changing under the job; nothing was done to it.
    Conflict,
    /// The account was deleted between the listing and its turn.
    NotFound,
}

impl Skip {
    pub fn code(self) -> &'static str {
        match self {
            Self::SelfTarget => "self_target",
            Self::Forbidden => "forbidden",
            Self::ExternallyManaged => "externally_managed",
            Self::AccountDisabled => "account_disabled",
            Self::NoEmail => "no_email",
            Self::EmailUndeliverable => "email_undeliverable",
            Self::Conflict => "conflict",
            Self::NotFound => "not_found",
        }
    }

    fn of(denied: Denied) -> Self {
        match denied {
            Denied::SelfTarget => Self::SelfTarget,
            Denied::ExternallyManaged => Self::ExternallyManaged,
            Denied::AccountDisabled => Self::AccountDisabled,
            Denied::NotFound => Self::NotFound,
            Denied::Forbidden | Denied::MfaRequired => Self::Forbidden,
        }
    }
}

/// What a job does to one user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub expire: bool,
    pub send: bool,
    /// Set when part or all of the action is left out, and why.
    pub skip: Option<Skip>,
}

impl Plan {
    pub(super) fn skip(s: Skip) -> Self {
        Self {
            expire: false,
            send: false,
            skip: Some(s),
        }
    }
    pub fn acts(&self) -> bool {
        self.expire || self.send
    }
    /// How the user counts once the plan is carried out.
    pub fn outcome(&self) -> Outcome {
        Outcome {
            sent: self.send,
            skipped: self.skip,
        }
    }
}

/// Whether the job's creator may run a job now: an owner, or an admin with
/// `passwords.reset` and `users.manage` (and `mfa.reset` for `reset_mfa`),
/// under the tenant's MFA rule for admin resets. Support starts no jobs: it
/// acts only on administrators, one ticket at a time.
pub fn may_run_jobs(
    actor: &Actor<'_>,
    tenant: &TenantId,
    reset_mfa: bool,
    require_mfa_for_admin_resets: bool,
) -> Result<(), Denied> {
    if matches!(actor, Actor::Support) {
        return Err(Denied::Forbidden);
    }
    authorize(
        actor,
        tenant,
        None,
        Action::SendResetLink,
        require_mfa_for_admin_resets,
    )?;
    authorize(actor, tenant, None, Action::ChangeAccountState, false)?;
    if reset_mfa {
        authorize(
            actor,
            tenant,
            None,
            Action::ResetMfa,
            require_mfa_for_admin_resets,
        )?;
    }
    Ok(())
}

/// What `job` does to `target`, with its creator's rights as they are now:
/// the admin target rules of a single reset, one user at a time. Authority
/// refusals skip the user entirely; a link that cannot go (disabled account,
/// no deliverable address) leaves the expiry of `expire_and_send` in place,
/// because after a breach locking the attacker out matters more than the mail.
pub fn plan(job: &Job, creator: &User, target: &User, require_mfa_for_admin_resets: bool) -> Plan {
    let actor = Actor::User(creator);
    let check = |action, mfa| authorize(&actor, &job.tenant_id, Some(target), action, mfa);
    let denied = check(Action::ChangeAccountState, false)
        .err()
        .or_else(
            || match check(Action::SendResetLink, require_mfa_for_admin_resets) {
                Err(Denied::AccountDisabled) | Ok(()) => None,
                Err(d) => Some(d),
            },
        )
        .or_else(|| {
            job.reset_mfa
                .then(|| check(Action::ResetMfa, require_mfa_for_admin_resets).err())
                .flatten()
        });
    if let Some(d) = denied {
        return Plan::skip(Skip::of(d));
    }
    let unsendable = if !job.action.sends() {
        None
    } else if target.status == Status::Disabled {
        Some(Skip::AccountDisabled)
    } else if target.email.is_none() {
        Some(Skip::NoEmail)
    } else if target.deliverable_email().is_none() {
        Some(Skip::EmailUndeliverable)
    } else {
        None
    };
    Plan {
        expire: job.action.expires(),
        send: job.action.sends() && unsendable.is_none(),
        skip: unsendable,
    }
}

/// How one user counts: always processed, `sent` when a link went, under
/// `skipped` when (part of) the action was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub sent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<Skip>,
}

impl Outcome {
    pub fn skipped(s: Skip) -> Self {
        Self {
            sent: false,
            skipped: Some(s),
        }
    }
}

/// The record that a job acted on a user, written in the same unit as the
/// user's change and only if absent: a second delivery of the page finds it,
/// does nothing and counts what the first one did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobMark {
    pub outcome: Outcome,
    #[serde(with = "time::serde::timestamp")]
    pub at: Instant,
}

/// A job's counters (the contract's `processed`, `sent`, `skipped`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub processed: u64,
    pub sent: u64,
    #[serde(default)]
    pub skipped: BTreeMap<String, u64>,
}

impl Counts {
    pub fn add(&mut self, o: Outcome) {
        self.processed += 1;
        self.sent += u64::from(o.sent);
        if let Some(s) = o.skipped {
            *self.skipped.entry(s.code().to_owned()).or_default() += 1;
        }
    }
    pub(super) fn merge(&mut self, other: &Counts) {
        self.processed += other.processed;
        self.sent += other.sent;
        for (code, n) in &other.skipped {
            *self.skipped.entry(code.clone()).or_default() += n;
        }
    }
}
