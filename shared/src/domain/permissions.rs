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
    CreateUser { role: Role },
    UpdateUser,
    ChangeRoleOrPermissions,
    SendResetLink,
    SetPassword,
    ReadAudit,
    ManageSettings,
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
}

fn required_permission(action: Action) -> Option<Permission> {
    Some(match action {
        Action::ReadUsers => Permission::UsersRead,
        Action::CreateUser { .. } | Action::UpdateUser => Permission::UsersManage,
        Action::SendResetLink => Permission::PasswordsReset,
        Action::SetPassword => Permission::PasswordsSet,
        Action::ReadAudit => Permission::AuditRead,
        Action::ChangeRoleOrPermissions | Action::ManageSettings => return None,
    })
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
    match actor {
        // Support acts only on passwords (its whole purpose), on any tenant.
        Actor::Support => {
            if !is_reset {
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
            // Only an owner may act on an owner.
            if target.is_some_and(|t| t.role == Role::Owner) && me.role != Role::Owner {
                return Err(Denied::Forbidden);
            }
            if is_reset && require_mfa_for_admin_resets && !me.mfa_enabled {
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
