//! The access model's unit tests (`permissions.rs`).

mod role_tests {
    use super::super::{MAX_SUPPORT_REASON_CHARS, caller_is_role, support_reason};

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

mod access {
    use super::super::*;
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
            Action::RevokeSessions,
            Action::LiftLock,
            Action::DeleteUser,
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
            must_change_reason: None,
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
            reported_at: None,
            last_sign_in_at: None,
            expiry_reminders_sent: Vec::new(),
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
                    Action::UpdateUser
                    | Action::ChangeAccountState
                    | Action::RevokeSessions
                    | Action::LiftLock
                    | Action::DeleteUser => Some(Permission::UsersManage),
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
                Action::RevokeSessions,
                Action::LiftLock,
                Action::DeleteUser,
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
