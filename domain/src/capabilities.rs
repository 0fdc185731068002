//! What a signed-in person may do in the console, listed from the rule the
//! server enforces (`permissions::authorize`): a page shows the actions that
//! will not be refused as forbidden, and never re-implements the permission
//! model. The list is a page's guide only; every request is still decided by
//! `authorize` against its real target.

use super::permissions::{Action, Actor, authorize, may_act_on_role};
use super::{Role, User};

/// Each capability and the actions it stands for: it holds when every one of
/// them is allowed with no particular target. The tenant's MFA rule for admin
/// actions is left out on purpose: it depends on the caller's own factor, which
/// the console shows (and says how to set up) when a request is refused for it.
const CAPABILITIES: [(&str, &[Action]); 8] = [
    ("users.read", &[Action::ReadUsers]),
    (
        "users.manage",
        &[
            Action::CreateUser { role: Role::User },
            Action::UpdateUser,
            Action::ChangeAccountState,
            Action::RevokeSessions,
            Action::LiftLock,
            Action::DeleteUser,
        ],
    ),
    (
        "roles.manage",
        &[
            Action::ChangeRoleOrPermissions,
            Action::CreateUser { role: Role::Admin },
            Action::CreateUser { role: Role::Owner },
        ],
    ),
    ("passwords.reset", &[Action::SendResetLink]),
    ("passwords.set", &[Action::SetPassword]),
    ("audit.read", &[Action::ReadAudit]),
    ("mfa.reset", &[Action::ResetMfa]),
    ("settings.manage", &[Action::ManageSettings]),
];

/// Acting on an owner's account (a rule about the target, not an action).
pub const OWNERS_MANAGE: &str = "owners.manage";

/// Every capability's name, in the order [`capabilities`] lists them.
pub fn all() -> impl Iterator<Item = &'static str> {
    CAPABILITIES
        .iter()
        .map(|(name, _)| *name)
        .chain([OWNERS_MANAGE])
}

/// The capabilities of `me` in its own tenant, in the table's order.
pub fn capabilities(me: &User) -> Vec<&'static str> {
    let allowed = |a: &Action| authorize(&Actor::User(me), &me.tenant_id, None, *a, false).is_ok();
    let mut out: Vec<&'static str> = CAPABILITIES
        .iter()
        .filter(|(_, actions)| actions.iter().all(allowed))
        .map(|(name, _)| *name)
        .collect();
    if allowed(&Action::UpdateUser) && may_act_on_role(me, Role::Owner) {
        out.push(OWNERS_MANAGE);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::Denied;
    use crate::{NewAccount, Permission, Source, Status, TenantId};
    use std::collections::BTreeSet;

    const ALL: [Permission; 6] = [
        Permission::UsersRead,
        Permission::UsersManage,
        Permission::PasswordsReset,
        Permission::PasswordsSet,
        Permission::AuditRead,
        Permission::MfaReset,
    ];

    fn account(role: Role, permissions: BTreeSet<Permission>) -> User {
        let tenant = TenantId::parse("acme").unwrap();
        let new = NewAccount {
            username: format!("{role:?}"),
            role,
            permissions,
            ..Default::default()
        };
        let mut u = User::new_pending(&tenant, new, time::OffsetDateTime::UNIX_EPOCH).unwrap();
        u.status = Status::Active;
        u
    }

    fn wire(p: Permission) -> String {
        serde_json::to_value(p)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn an_owner_may_do_everything_the_console_offers() {
        // GIVEN an active owner WHEN its capabilities are listed THEN all of them
        let owner = account(Role::Owner, BTreeSet::new());
        assert_eq!(capabilities(&owner), all().collect::<Vec<_>>());
        assert_eq!(
            capabilities(&owner),
            [
                "users.read",
                "users.manage",
                "roles.manage",
                "passwords.reset",
                "passwords.set",
                "audit.read",
                "mfa.reset",
                "settings.manage",
                "owners.manage",
            ]
        );
    }

    #[test]
    fn an_admin_may_do_what_its_permissions_say_and_nothing_of_an_owner() {
        // GIVEN an admin with every permission THEN exactly the permissions'
        // names (as the API spells them), without settings, roles or owners
        let all = account(Role::Admin, ALL.into_iter().collect());
        let names: Vec<String> = ALL.into_iter().map(wire).collect();
        assert_eq!(capabilities(&all), names);
        // GIVEN an admin allowed to read and send links only THEN those two
        let some = account(
            Role::Admin,
            [Permission::UsersRead, Permission::PasswordsReset].into(),
        );
        assert_eq!(capabilities(&some), ["users.read", "passwords.reset"]);
        // GIVEN an admin without permissions THEN nothing
        assert!(capabilities(&account(Role::Admin, BTreeSet::new())).is_empty());
    }

    #[test]
    fn a_user_or_an_inactive_owner_may_do_nothing() {
        assert!(capabilities(&account(Role::User, BTreeSet::new())).is_empty());
        let mut disabled = account(Role::Owner, BTreeSet::new());
        disabled.status = Status::Disabled;
        assert!(capabilities(&disabled).is_empty());
    }

    #[test]
    fn a_listed_capability_is_granted_on_a_real_target_and_a_missing_one_refused() {
        // GIVEN every admin permission set and an owner, and a plain local user
        // of the tenant as the target
        let target = {
            let mut t = account(Role::User, BTreeSet::new());
            t.source = Source::Local;
            t
        };
        let mut callers: Vec<User> = (0u8..64)
            .map(|mask| {
                let perms = ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, p)| p)
                    .collect();
                account(Role::Admin, perms)
            })
            .collect();
        callers.push(account(Role::Owner, BTreeSet::new()));
        for me in &callers {
            let listed = capabilities(me);
            for (name, actions) in CAPABILITIES {
                // WHEN each action of each capability is asked of authorize on
                // the target THEN all pass when it is listed, one is forbidden
                // when it is not
                let answers: Vec<Result<(), Denied>> = actions
                    .iter()
                    .map(|a| {
                        let t = (!matches!(a, Action::CreateUser { .. })).then_some(&target);
                        authorize(&Actor::User(me), &me.tenant_id, t, *a, false)
                    })
                    .collect();
                if listed.contains(&name) {
                    assert!(answers.iter().all(Result::is_ok), "{name}: {answers:?}");
                } else {
                    assert!(answers.contains(&Err(Denied::Forbidden)), "{name}");
                }
            }
            // THEN acting on an owner is listed exactly when authorize lets
            // the caller update one
            let mut owner = account(Role::Owner, BTreeSet::new());
            owner.id = crate::UserId("u_other_owner".into());
            let on_owner = authorize(
                &Actor::User(me),
                &me.tenant_id,
                Some(&owner),
                Action::UpdateUser,
                false,
            );
            assert_eq!(listed.contains(&OWNERS_MANAGE), on_owner.is_ok());
        }
    }
}
