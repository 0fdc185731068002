//! "This wasn't me" and the forced change without asking twice: the rules of
//! report links, of a reported account, of whom a report is mailed to, of
//! the mails that carry the link, and of when the current password may be
//! left out.

use super::i18n::Locale;
use super::*;

fn at(s: i64) -> Instant {
    time::OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
}

fn user(id: &str, role: Role) -> User {
    let mut u: User = serde_json::from_value(serde_json::json!({
        "tenant_id": "acme",
        "id": id,
        "username": id,
        "email": format!("{id}@acme.test"),
        "role": role,
        "status": "active",
        "source": "local",
        "can_change_password": true,
        "must_change_password": false,
        "mfa_enabled": false,
        "password_hash": null,
        "password_salt": "c2FsdA",
        "cred_gen": 3,
        "token_gen": 5,
        "version": 1,
        "created_at": 1_700_000_000,
    }))
    .unwrap();
    u.role = role;
    u
}

fn session(u: &User, created: i64) -> Session {
    Session::issue(u, at(created), 43_200, None, None).1
}

mod report_links {
    use super::*;

    #[test]
    fn a_report_link_works_once_for_seven_days_for_its_own_account() {
        // GIVEN a report link issued at 0 for alice's password change
        let alice = user("alice", Role::User);
        let (_, link) = ResetToken::report(&alice, at(0), MailKind::PasswordChanged, "alice");
        assert_eq!(link.purpose, ResetPurpose::Report);
        assert_eq!(link.reported_change, Some(MailKind::PasswordChanged));
        // THEN it works until the last second of its seven days, not at their end
        assert!(link.is_live_report(at(0), &alice));
        assert!(link.is_live_report(at(7 * 86_400 - 1), &alice));
        assert!(!link.is_live_report(at(7 * 86_400), &alice));
        // AND not once used
        let mut used = link.clone();
        used.used_at = Some(at(1));
        assert!(!used.is_live_report(at(2), &alice));
        // AND not for another account, nor one of another tenant
        let bob = user("bob", Role::User);
        assert!(!link.is_live_report(at(1), &bob));
        let mut elsewhere = alice.clone();
        elsewhere.tenant_id = TenantId::parse("other").unwrap();
        assert!(!link.is_live_report(at(1), &elsewhere));
    }

    #[test]
    fn a_thiefs_next_change_does_not_cancel_the_owners_report() {
        // GIVEN a report link, then another change (a new password, a new link)
        let mut alice = user("alice", Role::User);
        let (_, link) = ResetToken::report(&alice, at(0), MailKind::PasswordChanged, "alice");
        alice.cred_gen += 1;
        alice.token_gen += 1;
        // THEN the report link still works (a reset link would not)
        assert!(link.is_live_report(at(60), &alice));
    }

    #[test]
    fn a_report_link_and_a_reset_link_are_not_each_other() {
        let alice = user("alice", Role::User);
        // GIVEN a report link WHEN it is offered as a reset link THEN it sets no password
        let (_, report) = ResetToken::report(&alice, at(0), MailKind::MfaChanged, "alice");
        assert!(!report.account_may_use(&alice, true));
        // GIVEN a reset (or unlock) link WHEN it is offered as a report link THEN it is not one
        let mut reset = report.clone();
        for purpose in [
            ResetPurpose::SelfService,
            ResetPurpose::AdminLink,
            ResetPurpose::Activation,
            ResetPurpose::Support,
            ResetPurpose::Unlock,
        ] {
            reset.purpose = purpose;
            assert!(!reset.is_live_report(at(1), &alice), "{purpose:?}");
        }
    }

    #[test]
    fn a_reported_account_loses_its_sessions_and_links_but_keeps_its_status() {
        // GIVEN alice with a session and a reset link
        let mut alice = user("alice", Role::User);
        let s = session(&alice, 0);
        let gens = (alice.cred_gen, alice.token_gen);
        assert!(s.is_live(at(1), &alice));
        // WHEN her account is reported
        alice.mark_reported(at(2));
        // THEN it is reported, must change its password, its generations
        // moved (every session and link dies) and its status is unchanged
        assert!(alice.is_reported());
        assert_eq!(alice.reported_at, Some(at(2)));
        assert!(alice.must_change_password);
        assert_eq!((alice.cred_gen, alice.token_gen), (gens.0 + 1, gens.1 + 1));
        assert_eq!(alice.status, Status::Active);
        // AND no session of hers lives, even one of the new generation
        assert!(!session(&alice, 3).is_live(at(4), &alice));
    }
}

mod recipients {
    use super::*;

    #[test]
    fn owners_then_admins_who_can_act_are_told_one_mail_per_address() {
        // GIVEN a tenant's accounts of every kind
        let reported = user("mallory-target", Role::Admin);
        let mut disabled = user("dora", Role::Admin);
        disabled.status = Status::Disabled;
        let mut bounced = user("bea", Role::Owner);
        bounced.email_status = EmailStatus::Bounced;
        let mut other_reported = user("rex", Role::Admin);
        other_reported.reported_at = Some(at(0));
        let mut shared = user("zed", Role::Admin);
        shared.email = Some("ADAM@acme.test".into());
        let mut foreign = user("aaron", Role::Owner);
        foreign.tenant_id = TenantId::parse("globex").unwrap();
        let candidates = vec![
            user("ursula", Role::User),
            user("adam", Role::Admin),
            reported.clone(),
            user("olga", Role::Owner),
            disabled,
            bounced,
            other_reported,
            shared,
            foreign,
            user("alex", Role::Admin),
        ];
        // WHEN the report's recipients are chosen
        let chosen: Vec<&str> = report_recipients(&reported, &candidates)
            .into_iter()
            .map(|u| u.username.as_str())
            .collect();
        // THEN owners come first, then admins by name; plain users, the
        // reported account, another tenant's, disabled, undeliverable and
        // reported ones are left out, and a shared address is mailed once
        assert_eq!(chosen, ["olga", "adam", "alex"]);
    }

    #[test]
    fn at_most_twenty_are_mailed() {
        let reported = user("alice", Role::User);
        let admins: Vec<User> = (0..30)
            .map(|i| user(&format!("admin{i:02}"), Role::Admin))
            .collect();
        let chosen = report_recipients(&reported, &admins);
        assert_eq!(chosen.len(), MAX_REPORT_RECIPIENTS);
        assert_eq!(chosen[0].username, "admin00");
    }
}

mod forced_change {
    use super::*;

    #[test]
    fn the_reason_is_said_only_while_a_change_is_required() {
        // GIVEN an account that need not change its password
        let mut alice = user("alice", Role::User);
        assert_eq!(alice.forced_change_reason(), None);
        // WHEN an administrator sets a temporary password THEN that is the reason
        alice.require_change(MustChangeReason::TemporaryPassword);
        assert!(alice.must_change_password);
        assert_eq!(
            alice.forced_change_reason(),
            Some(MustChangeReason::TemporaryPassword)
        );
        // WHEN the requirement is lifted THEN no reason is left behind
        alice.clear_forced_change();
        assert!(!alice.must_change_password);
        assert_eq!(alice.must_change_reason, None);
        assert_eq!(alice.forced_change_reason(), None);
        // GIVEN a requirement stored without a reason (the seed file, before)
        alice.must_change_password = true;
        // THEN it reads as an administrator's request
        assert_eq!(
            alice.forced_change_reason(),
            Some(MustChangeReason::AdminRequested)
        );
    }

    #[test]
    fn reasons_are_written_as_the_contract_names_them() {
        for (reason, wire) in [
            (MustChangeReason::TemporaryPassword, "temporary_password"),
            (MustChangeReason::AdminRequested, "admin_requested"),
            (MustChangeReason::Expired, "expired"),
        ] {
            assert_eq!(serde_json::to_value(reason).unwrap(), wire);
        }
    }

    #[test]
    fn the_current_password_may_be_left_out_only_just_after_a_restricted_sign_in() {
        // GIVEN an account that must change its password, signed in at 0
        let mut alice = user("alice", Role::User);
        alice.require_change(MustChangeReason::TemporaryPassword);
        let fresh = session(&alice, 0);
        // THEN for five minutes it need not type it again, then it must
        assert!(current_password_optional(&alice, &fresh, at(0)));
        assert!(current_password_optional(
            &alice,
            &fresh,
            at(FRESH_SIGN_IN_SECONDS)
        ));
        assert!(!current_password_optional(
            &alice,
            &fresh,
            at(FRESH_SIGN_IN_SECONDS + 1)
        ));
        // AND a session from the future (a clock that moved back) is not fresh
        assert!(!current_password_optional(
            &alice,
            &session(&alice, 10),
            at(0)
        ));
        // AND another account's session never is, nor one of another tenant
        let bob = user("bob", Role::User);
        assert!(!current_password_optional(&alice, &session(&bob, 0), at(1)));
        let mut elsewhere = session(&alice, 0);
        elsewhere.tenant_id = TenantId::parse("globex").unwrap();
        assert!(!current_password_optional(&alice, &elsewhere, at(1)));
        // AND an unrestricted session must always type it
        alice.clear_forced_change();
        assert!(!current_password_optional(&alice, &fresh, at(1)));
    }
}

mod mails {
    use super::*;

    fn tenant() -> Tenant {
        Tenant {
            id: TenantId::parse("acme").unwrap(),
            name: "Acme".into(),
            settings: Settings::default(),
            logo: None,
        }
    }

    fn ctx(t: &Tenant) -> MailContext<'_> {
        MailContext {
            tenant: t,
            from: "no-reply@x.test",
            logo_url: None,
            now: at(0),
            locale: Locale::En,
        }
    }

    const REPORT: &str = "https://x.test/t/acme/report#token=r3p0rt";

    fn notice(by: AskedBy<'_>) -> ChangeNotice<'_> {
        ChangeNotice {
            by,
            report: Some((REPORT, at(7 * 86_400))),
        }
    }

    #[test]
    fn a_change_mail_says_who_made_it_and_carries_the_report_link() {
        let t = tenant();
        let c = ctx(&t);
        for change in [Change::Password, Change::MfaOn, Change::MfaOff] {
            // WHEN the account's own change is told
            let own =
                c.credential_changed("a@x.test", "alice", change, notice(AskedBy::Themselves));
            // THEN it carries the report link, valid seven days, and its button
            assert!(own.text.contains(REPORT), "{}", own.text);
            assert!(own.text.contains("7 days"), "{}", own.text);
            assert!(own.html.contains("This wasn&#39;t me"), "{}", own.html);
            assert!(own.text.contains("signed in to alice"), "{}", own.text);
            // AND a change by an administrator, a bulk job or support names them
            for (by, who) in [
                (
                    AskedBy::Admin("adam"),
                    "made by adam, an administrator of Acme.",
                ),
                (
                    AskedBy::Bulk("adam"),
                    "as part of a change to many accounts",
                ),
                (
                    AskedBy::Support { ticket: "T-42" },
                    "support, for the request T-42",
                ),
            ] {
                let m = c.credential_changed("a@x.test", "alice", change, notice(by));
                assert!(m.text.contains(who), "{by:?}: {}", m.text);
                assert!(!m.text.contains("signed in to alice"), "{by:?}");
            }
        }
    }

    #[test]
    fn a_recovery_code_mail_names_no_one_and_a_mail_without_a_link_has_none() {
        let t = tenant();
        let c = ctx(&t);
        let m = c.credential_changed(
            "a@x.test",
            "alice",
            Change::RecoveryCodeUsed { left: 3 },
            notice(AskedBy::Themselves),
        );
        assert!(!m.text.contains("The change was made"), "{}", m.text);
        assert!(m.text.contains(REPORT));
        let plain = c.password_changed("a@x.test", "alice");
        assert!(!plain.text.contains("/t/acme/"), "{}", plain.text);
        assert!(!plain.text.contains("use the link below"), "{}", plain.text);
    }

    #[test]
    fn the_admins_are_told_which_account_and_what_kind_of_change() {
        let t = tenant();
        let c = ctx(&t);
        for (kind, what) in [
            (MailKind::PasswordChanged, "password"),
            (MailKind::MfaChanged, "two-step sign-in"),
            (MailKind::EmailChanged, "email address"),
            (MailKind::RecoveryCodeUsed, "recovery codes"),
        ] {
            let m = c.account_reported("owner@x.test", "alice", Some(kind));
            assert_eq!(m.kind, MailKind::AccountReported);
            assert!(m.subject.contains("alice"), "{}", m.subject);
            assert!(m.text.contains(what), "{kind:?}: {}", m.text);
            assert!(m.text.contains("until a new password is set"), "{}", m.text);
        }
    }
}
