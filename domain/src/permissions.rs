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
/// password and the second factor.
fn refused_on_self(action: Action) -> bool {
    matches!(
        action,
        Action::SendResetLink
            | Action::SetPassword
            | Action::ChangeEmail
            | Action::ChangeRoleOrPermissions
            | Action::ChangeAccountState
            | Action::ResetMfa
    )
}

fn required_permission(action: Action) -> Option<Permission> {
    Some(match action {
        Action::ReadUsers => Permission::UsersRead,
        Action::CreateUser { .. }
        | Action::UpdateUser
        | Action::ChangeAccountState
        | Action::ChangeEmail => Permission::UsersManage,
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
mod role_tests {
    use super::{MAX_SUPPORT_REASON_CHARS, caller_is_role, support_reason};

    #[test]
    fn a_support_reason_is_present_and_bounded() {
        assert_eq!(
            support_reason("  TICKET-42 phone lost "),
            Some("TICKET-42 phone lost".into())
        );
        assert_eq!(support_reason("   "), None);
        let longest = "é".repeat(MAX_SUPPORT_REASON_CHARS);
        assert_eq!(support_reason(&longest), Some(longest.clone()));
        assert_eq!(support_reason(&format!("{longest}x")), None);
    }

    #[test]
    fn only_the_named_role_in_its_account() {
        let role = "arn:aws:iam::123456789012:role/ops/LatchkeySupport";
        assert!(caller_is_role(
            "arn:aws:sts::123456789012:assumed-role/LatchkeySupport/jane",
            role
        ));
        assert!(caller_is_role(role, role));
        for other in [
            "arn:aws:sts::123456789012:assumed-role/SomethingElse/jane",
            "arn:aws:sts::999999999999:assumed-role/LatchkeySupport/jane",
            "arn:aws:iam::123456789012:user/LatchkeySupport",
            "arn:aws-cn:sts::123456789012:assumed-role/LatchkeySupport/jane",
            "arn:aws:sts::123456789012:assumed-role/LatchkeySupportX/jane",
            "local-support-token",
            "",
        ] {
            assert!(!caller_is_role(other, role), "{other}");
        }
        assert!(!caller_is_role(
            "arn:aws:sts::123456789012:assumed-role/x/y",
            "arn:aws:iam::123456789012:user/x"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserId;
    use std::collections::BTreeSet;

    const ALL_PERMISSIONS: [Permission; 6] = [
        Permission::UsersRead,
        Permission::UsersManage,
        Permission::PasswordsReset,
        Permission::PasswordsSet,
        Permission::AuditRead,
        Permission::MfaReset,
    ];

    /// What every admin target of the exhaustive test may do.
    fn target_admin_permissions() -> BTreeSet<Permission> {
        [Permission::UsersRead, Permission::PasswordsReset].into()
    }

    fn actions() -> Vec<Action> {
        vec![
            Action::ReadUsers,
            Action::CreateUser { role: Role::User },
            Action::CreateUser { role: Role::Admin },
            Action::CreateUser { role: Role::Owner },
            Action::UpdateUser,
            Action::ChangeAccountState,
            Action::ChangeEmail,
            Action::ChangeRoleOrPermissions,
            Action::SendResetLink,
            Action::SetPassword,
            Action::ResetMfa,
            Action::ReadAudit,
            Action::ManageSettings,
        ]
    }

    fn user(tenant: &str, role: Role, permissions: BTreeSet<Permission>, mfa: bool) -> User {
        User {
            tenant_id: TenantId::parse(tenant).unwrap(),
            id: UserId(format!("u_{tenant}_{role:?}")),
            username: "x".into(),
            email: Some("x@example.test".into()),
            role,
            permissions,
            status: Status::Active,
            source: Source::Local,
            can_change_password: true,
            must_change_password: false,
            mfa_enabled: mfa,
            totp_secret: None,
            totp_pending_secret: None,
            totp_last_step: None,
            password_hash: None,
            password_salt: String::new(),
            password_history: vec![],
            cred_gen: 0,
            token_gen: 0,
            version: 0,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            password_changed_at: None,
            email_status: Default::default(),
            recovery_codes: Vec::new(),
            locale: None,
        }
    }

    /// The rules of docs/api.md and the issue, written as a plain decision list,
    /// independently of `authorize`'s structure.
    #[allow(clippy::too_many_arguments)]
    fn oracle(
        actor_role: Option<Role>,
        perms: &BTreeSet<Permission>,
        mfa: bool,
        same_tenant_actor: bool,
        target: Option<(Role, Source, Status, bool)>,
        action: Action,
        require_mfa: bool,
    ) -> Result<(), Denied> {
        let reset = matches!(action, Action::SendResetLink | Action::SetPassword);
        if target.is_some_and(|(_, _, _, same)| !same) {
            return Err(Denied::NotFound);
        }
        match actor_role {
            None => {
                if !reset && action != Action::ResetMfa {
                    return Err(Denied::Forbidden);
                }
                if target.is_some_and(|(r, ..)| r == Role::User) {
                    return Err(Denied::Forbidden);
                }
            }
            Some(role) => {
                if !same_tenant_actor {
                    return Err(Denied::NotFound);
                }
                if role == Role::User {
                    return Err(Denied::Forbidden);
                }
                let owner = role == Role::Owner;
                let needed = match action {
                    Action::ReadUsers => Some(Permission::UsersRead),
                    Action::CreateUser { role: r } => {
                        if r != Role::User && !owner {
                            return Err(Denied::Forbidden);
                        }
                        Some(Permission::UsersManage)
                    }
                    Action::UpdateUser | Action::ChangeAccountState => {
                        Some(Permission::UsersManage)
                    }
                    Action::ChangeEmail => {
                        if !owner && !perms.contains(&Permission::PasswordsReset) {
                            return Err(Denied::Forbidden);
                        }
                        Some(Permission::UsersManage)
                    }
                    Action::SendResetLink => Some(Permission::PasswordsReset),
                    Action::SetPassword => Some(Permission::PasswordsSet),
                    Action::ResetMfa => Some(Permission::MfaReset),
                    Action::ReadAudit => Some(Permission::AuditRead),
                    Action::ChangeRoleOrPermissions | Action::ManageSettings => {
                        if !owner {
                            return Err(Denied::Forbidden);
                        }
                        None
                    }
                };
                if needed.is_some_and(|p| !owner && !perms.contains(&p)) {
                    return Err(Denied::Forbidden);
                }
                if target.is_some_and(|(r, ..)| r == Role::Owner) && !owner {
                    return Err(Denied::Forbidden);
                }
                if target.is_some_and(|(r, ..)| r == Role::Admin)
                    && !owner
                    && !target_admin_permissions().is_subset(perms)
                {
                    return Err(Denied::Forbidden);
                }
                if (reset || matches!(action, Action::ChangeEmail | Action::ResetMfa))
                    && require_mfa
                    && !mfa
                {
                    return Err(Denied::MfaRequired);
                }
            }
        }
        if let (true, Some((_, source, status, _))) = (reset, target) {
            if source != Source::Local {
                return Err(Denied::ExternallyManaged);
            }
            if action == Action::SendResetLink && status == Status::Disabled {
                return Err(Denied::AccountDisabled);
            }
        }
        Ok(())
    }

    #[test]
    fn every_combination_matches_the_rules() {
        let mut cases = 0;
        let actor_roles = [None, Some(Role::User), Some(Role::Admin), Some(Role::Owner)];
        let targets: Vec<Option<(Role, Source, Status, bool)>> = std::iter::once(None)
            .chain(
                [Role::User, Role::Admin, Role::Owner]
                    .into_iter()
                    .flat_map(|r| {
                        [Source::Local, Source::Ldap, Source::EntraId]
                            .into_iter()
                            .flat_map(move |src| {
                                [Status::Active, Status::PendingActivation, Status::Disabled]
                                    .into_iter()
                                    .flat_map(move |st| {
                                        [true, false]
                                            .into_iter()
                                            .map(move |same| Some((r, src, st, same)))
                                    })
                            })
                    }),
            )
            .collect();
        for actor_role in actor_roles {
            for mask in 0u8..64 {
                let perms: BTreeSet<Permission> = ALL_PERMISSIONS
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, p)| *p)
                    .collect();
                // Permission sets only vary for admins (and users, who never get any).
                if actor_role != Some(Role::Admin) && mask != 0 && mask != 63 {
                    continue;
                }
                for mfa in [false, true] {
                    for same_tenant_actor in [true, false] {
                        for &target in &targets {
                            for action in actions() {
                                for require_mfa in [true, false] {
                                    let me = actor_role.map(|r| {
                                        user(
                                            if same_tenant_actor { "acme" } else { "other" },
                                            r,
                                            perms.clone(),
                                            mfa,
                                        )
                                    });
                                    let actor = match &me {
                                        Some(u) => Actor::User(u),
                                        None => Actor::Support,
                                    };
                                    let t = target.map(|(r, src, st, same)| {
                                        let perms = if r == Role::Admin {
                                            target_admin_permissions()
                                        } else {
                                            BTreeSet::new()
                                        };
                                        let mut u = user(
                                            if same { "acme" } else { "elsewhere" },
                                            r,
                                            perms,
                                            false,
                                        );
                                        u.source = src;
                                        u.status = st;
                                        u.id = UserId("target".into());
                                        u
                                    });
                                    let got = authorize(
                                        &actor,
                                        &TenantId::parse("acme").unwrap(),
                                        t.as_ref(),
                                        action,
                                        require_mfa,
                                    );
                                    let want = oracle(
                                        actor_role,
                                        &perms,
                                        mfa,
                                        same_tenant_actor,
                                        target,
                                        action,
                                        require_mfa,
                                    );
                                    assert_eq!(
                                        got, want,
                                        "actor {actor_role:?} perms {perms:?} mfa {mfa} same {same_tenant_actor} target {target:?} {action:?} require_mfa {require_mfa}"
                                    );
                                    cases += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(cases > 100_000, "{cases} cases");
    }

    #[test]
    fn spot_checks_from_the_contract() {
        let acme = TenantId::parse("acme").unwrap();
        let all: BTreeSet<Permission> = ALL_PERMISSIONS.into_iter().collect();
        let admin = user("acme", Role::Admin, all.clone(), true);
        let owner = user("acme", Role::Owner, BTreeSet::new(), true);
        let mut target_owner = user("acme", Role::Owner, BTreeSet::new(), false);
        target_owner.id = UserId("u_acme_second_owner".into());
        let plain = user("acme", Role::User, BTreeSet::new(), false);
        let mut ldap = plain.clone();
        ldap.source = Source::Ldap;
        let mut disabled = plain.clone();
        disabled.status = Status::Disabled;
        let foreign = user("other", Role::User, BTreeSet::new(), false);
        let a = Actor::User(&admin);
        let o = Actor::User(&owner);
        assert_eq!(
            authorize(&a, &acme, Some(&plain), Action::SendResetLink, true),
            Ok(())
        );
        assert_eq!(
            authorize(&a, &acme, Some(&target_owner), Action::SendResetLink, true),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&o, &acme, Some(&target_owner), Action::SendResetLink, true),
            Ok(())
        );
        assert_eq!(
            authorize(&a, &acme, Some(&ldap), Action::SetPassword, true),
            Err(Denied::ExternallyManaged)
        );
        assert_eq!(
            authorize(&a, &acme, Some(&disabled), Action::SendResetLink, true),
            Err(Denied::AccountDisabled)
        );
        assert_eq!(
            authorize(&a, &acme, Some(&disabled), Action::SetPassword, true),
            Ok(())
        );
        assert_eq!(
            authorize(&a, &acme, Some(&foreign), Action::SendResetLink, true),
            Err(Denied::NotFound)
        );
        assert_eq!(
            authorize(&a, &acme, None, Action::ManageSettings, true),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&o, &acme, None, Action::ManageSettings, true),
            Ok(())
        );
        let mut no_mfa = admin.clone();
        no_mfa.mfa_enabled = false;
        assert_eq!(
            authorize(
                &Actor::User(&no_mfa),
                &acme,
                Some(&plain),
                Action::SendResetLink,
                true
            ),
            Err(Denied::MfaRequired)
        );
        assert_eq!(
            authorize(
                &Actor::User(&no_mfa),
                &acme,
                Some(&plain),
                Action::SendResetLink,
                false
            ),
            Ok(())
        );
        assert_eq!(
            authorize(
                &Actor::Support,
                &acme,
                Some(&target_owner),
                Action::SetPassword,
                true
            ),
            Ok(())
        );
        assert_eq!(
            authorize(&Actor::Support, &acme, None, Action::ReadAudit, true),
            Err(Denied::Forbidden)
        );
        // an owner removes another owner's factor, never its own this way
        assert_eq!(
            authorize(&o, &acme, Some(&target_owner), Action::ResetMfa, true),
            Ok(())
        );
        assert_eq!(
            authorize(&o, &acme, Some(&owner), Action::ResetMfa, true),
            Err(Denied::SelfTarget)
        );
        // Issue 22: no action that takes an account over aims at the caller,
        // for an owner or an admin holding every permission; reading and the
        // harmless update stay allowed.
        for me in [&owner, &admin] {
            let actor = Actor::User(me);
            for action in [
                Action::SendResetLink,
                Action::SetPassword,
                Action::ChangeEmail,
                Action::ChangeRoleOrPermissions,
                Action::ChangeAccountState,
                Action::ResetMfa,
            ] {
                if me.role != Role::Owner && action == Action::ChangeRoleOrPermissions {
                    continue; // owner-only anyway: Forbidden before it is a self-target
                }
                assert_eq!(
                    authorize(&actor, &acme, Some(me), action, false),
                    Err(Denied::SelfTarget),
                    "{:?} on self by {:?}",
                    action,
                    me.role
                );
            }
            assert_eq!(
                authorize(&actor, &acme, Some(me), Action::UpdateUser, false),
                Ok(())
            );
        }
        assert_eq!(
            authorize(&a, &acme, Some(&plain), Action::ResetMfa, true),
            Ok(())
        );
        let mut without = admin.clone();
        without.permissions.remove(&Permission::MfaReset);
        assert_eq!(
            authorize(
                &Actor::User(&without),
                &acme,
                Some(&plain),
                Action::ResetMfa,
                true
            ),
            Err(Denied::Forbidden),
            "an admin without mfa.reset"
        );
    }
}
