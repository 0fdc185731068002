//! The permission model, in one place: a pure function from actor, target and
//! action to allow or deny-with-reason. Handlers never decide access themselves.

use super::{Permission, Role, Source, Status, TenantId, User};

/// Who is acting.
#[derive(Clone, Debug)]
pub enum Actor<'a> {
    /// A signed-in user (their own account record).
    User(&'a User),
    /// Platform support (IAM on AWS, the seed's support token locally).
    Support,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    ReadUsers,
    CreateUser {
        role: Role,
    },
    UpdateUser,
    /// Changing an account's status or its password flags
    /// (`can_change_password`, `must_change_password`).
    ChangeAccountState,
    /// Changing an account's email decides where its reset links go: a reset in
    /// disguise, so it needs what a reset needs on top of `users.manage`.
    ChangeEmail,
    ChangeRoleOrPermissions,
    SendResetLink,
    SetPassword,
    /// Remove another user's second factor (a lost authenticator).
    ResetMfa,
    ReadAudit,
    ManageSettings,
    /// Ending another user's sessions (all of them).
    RevokeSessions,
    /// Lifting the account-wide sign-in lock of another user.
    LiftLock,
    /// Deleting another user's account (its audit stays).
    DeleteUser,
}

/// Why an action is refused; each maps to one HTTP answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Another tenant's user: indistinguishable from a missing one (404).
    NotFound,
    /// Missing role or permission (403 forbidden).
    Forbidden,
    /// The admin must have MFA enabled (403 mfa_required_for_admin).
    MfaRequired,
    /// The target's password is managed by a directory (409 externally_managed).
    ExternallyManaged,
    /// Links cannot be sent to a disabled account (409 account_disabled).
    AccountDisabled,
    /// An admin action aimed at the caller's own account (403 self_target).
    SelfTarget,
}

/// Whether `action` on the caller's own account is refused. These are the
/// actions that take an account over or change what protects it: through an
/// admin route a stolen session could set the password without knowing the
/// current one, mail a link to any address, move the email, lift its own
/// limits or remove the second factor, and so keep the account for good. Own
/// changes go through the own-account routes, which ask for the current
/// password and the second factor. Ending one's own sessions has its own
/// routes too (`/v1/me/sessions`, which keep the caller's); lifting one's own
/// lock would lift it for whoever is guessing; and an account is never
/// deleted by its own session.
fn refused_on_self(action: Action) -> bool {
    matches!(
        action,
        Action::SendResetLink
            | Action::SetPassword
            | Action::ChangeEmail
            | Action::ChangeRoleOrPermissions
            | Action::ChangeAccountState
            | Action::ResetMfa
            | Action::RevokeSessions
            | Action::LiftLock
            | Action::DeleteUser
    )
}

fn required_permission(action: Action) -> Option<Permission> {
    Some(match action {
        Action::ReadUsers => Permission::UsersRead,
        Action::CreateUser { .. }
        | Action::UpdateUser
        | Action::ChangeAccountState
        | Action::ChangeEmail
        | Action::RevokeSessions
        | Action::LiftLock
        | Action::DeleteUser => Permission::UsersManage,
        Action::SendResetLink => Permission::PasswordsReset,
        Action::SetPassword => Permission::PasswordsSet,
        Action::ResetMfa => Permission::MfaReset,
        Action::ReadAudit => Permission::AuditRead,
        Action::ChangeRoleOrPermissions | Action::ManageSettings => return None,
    })
}

/// Only an owner may act on an owner's account.
pub fn may_act_on_role(me: &User, target: Role) -> bool {
    target != Role::Owner || me.role == Role::Owner
}

/// Decides one action in `tenant`. `target` is the user acted on, if any;
/// `require_mfa_for_admin_resets` is the tenant setting.
pub fn authorize(
    actor: &Actor<'_>,
    tenant: &TenantId,
    target: Option<&User>,
    action: Action,
    require_mfa_for_admin_resets: bool,
) -> Result<(), Denied> {
    if target.is_some_and(|t| &t.tenant_id != tenant) {
        return Err(Denied::NotFound);
    }
    let is_reset = matches!(action, Action::SendResetLink | Action::SetPassword);
    let takes_over = is_reset || matches!(action, Action::ChangeEmail | Action::ResetMfa);
    match actor {
        // Support acts only on passwords (its whole purpose), on any tenant, and
        // only for the tenant's administrators: their own admins help users.
        Actor::Support => {
            if !(is_reset || action == Action::ResetMfa)
                || target.is_some_and(|t| !t.is_admin_like())
            {
                return Err(Denied::Forbidden);
            }
        }
        Actor::User(me) => {
            if &me.tenant_id != tenant {
                return Err(Denied::NotFound);
            }
            if me.status != Status::Active || !me.is_admin_like() {
                return Err(Denied::Forbidden);
            }
            let owner_only = match action {
                Action::ChangeRoleOrPermissions | Action::ManageSettings => true,
                Action::CreateUser { role } => role != Role::User,
                _ => false,
            };
            if owner_only && me.role != Role::Owner {
                return Err(Denied::Forbidden);
            }
            if required_permission(action).is_some_and(|p| !me.has_permission(p)) {
                return Err(Denied::Forbidden);
            }
            if action == Action::ChangeEmail && !me.has_permission(Permission::PasswordsReset) {
                return Err(Denied::Forbidden);
            }
            if target.is_some_and(|t| !may_act_on_role(me, t.role)) {
                return Err(Denied::Forbidden);
            }
            if refused_on_self(action) && target.is_some_and(|t| t.id == me.id) {
                return Err(Denied::SelfTarget);
            }
            // An admin acts only on admins who can do no more than it can: else
            // resetting a stronger admin's password would be a way up.
            if me.role != Role::Owner
                && target.is_some_and(|t| {
                    t.role == Role::Admin && !t.permissions.is_subset(&me.permissions)
                })
            {
                return Err(Denied::Forbidden);
            }
            if takes_over && require_mfa_for_admin_resets && !me.mfa_enabled {
                return Err(Denied::MfaRequired);
            }
        }
    }
    if let (true, Some(t)) = (is_reset, target) {
        if t.source != Source::Local {
            return Err(Denied::ExternallyManaged);
        }
        if action == Action::SendResetLink && t.status == Status::Disabled {
            return Err(Denied::AccountDisabled);
        }
    }
    Ok(())
}

/// Whether the IAM caller API Gateway authenticated (`userArn`: an assumed-role
/// session `arn:aws:sts::ACCT:assumed-role/NAME/SESSION`, or the role itself)
/// is the role `arn:aws:iam::ACCT:role/PATH/NAME`.
pub fn caller_is_role(caller_arn: &str, role_arn: &str) -> bool {
    let parts = |arn: &str| -> Option<(String, String, String)> {
        let mut it = arn.splitn(6, ':');
        let (_arn, partition, _service, _region, account, resource) = (
            it.next()?,
            it.next()?,
            it.next()?,
            it.next()?,
            it.next()?,
            it.next()?,
        );
        Some((
            partition.to_owned(),
            account.to_owned(),
            resource.to_owned(),
        ))
    };
    let (Some((cp, ca, cres)), Some((rp, ra, rres))) = (parts(caller_arn), parts(role_arn)) else {
        return false;
    };
    let Some(role_name) = rres
        .strip_prefix("role/")
        .and_then(|r| r.rsplit('/').next())
    else {
        return false;
    };
    let caller_role = if let Some(rest) = cres.strip_prefix("assumed-role/") {
        rest.split('/').next()
    } else if caller_arn.contains(":iam::") {
        cres.strip_prefix("role/")
            .and_then(|r| r.rsplit('/').next())
    } else {
        None
    };
    !role_name.is_empty() && cp == rp && ca == ra && caller_role == Some(role_name)
}

/// The longest support reason (a ticket reference and a few words) kept.
pub const MAX_SUPPORT_REASON_CHARS: usize = 500;

/// A support action's reason as audited: trimmed, present, at most
/// [`MAX_SUPPORT_REASON_CHARS`] characters. Support acts on owners and admins
/// without their consent, so every action names the ticket it answers.
pub fn support_reason(raw: &str) -> Option<String> {
    let reason = raw.trim();
    (!reason.is_empty() && reason.chars().count() <= MAX_SUPPORT_REASON_CHARS)
        .then(|| reason.to_owned())
}

#[cfg(test)]
#[path = "permissions_tests.rs"]
mod tests;
