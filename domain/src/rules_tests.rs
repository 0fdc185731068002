//! Unit tests of the domain rules that the integration suite exercised only
//! from afar: each pins a rule so that `scripts/mutants.sh` (cargo-mutants over
//! `domain/` with these unit tests) finds no surviving mutant.

use super::*;

fn at(s: i64) -> Instant {
    time::OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
}

fn tenant() -> TenantId {
    TenantId::parse("acme").unwrap()
}

/// An active local user with an email, built through serde so that new
/// (defaulted) fields of `User` need no change here.
fn user() -> User {
    serde_json::from_value(serde_json::json!({
        "tenant_id": "acme",
        "id": "u_1",
        "username": "Alice",
        "email": "Alice@Example.test",
        "role": "user",
        "status": "active",
        "source": "local",
        "can_change_password": true,
        "must_change_password": false,
        "mfa_enabled": false,
        "password_hash": null,
        "password_salt": "c2FsdHNhbHRzYWx0",
        "cred_gen": 3,
        "token_gen": 5,
        "version": 1,
        "created_at": 1_700_000_000,
    }))
    .unwrap()
}

mod identity {
    use super::*;

    #[test]
    fn ids_print_and_read_as_themselves() {
        let id = UserId("u_abc".into());
        assert_eq!(id.as_str(), "u_abc");
        assert_eq!(id.to_string(), "u_abc");
        assert_eq!(tenant().to_string(), "acme");
        assert_eq!(tenant().as_str(), "acme");
        assert!(UserId::generate().as_str().starts_with("u_"));
        assert_eq!(UserId::generate().as_str().len(), 2 + 32);
        assert_ne!(UserId::generate(), UserId::generate());
    }

    #[test]
    fn identifiers_compare_trimmed_and_case_insensitively() {
        assert_eq!(
            normalize_identifier("  Alice@Example.TEST "),
            "alice@example.test"
        );
        let u = user();
        assert_eq!(u.username_key(), "alice");
        assert_eq!(u.email_key().as_deref(), Some("alice@example.test"));
        let mut none = user();
        none.email = None;
        assert_eq!(none.email_key(), None);
    }

    #[test]
    fn only_a_deliverable_address_gets_mail() {
        let mut u = user();
        assert_eq!(u.deliverable_email(), Some("Alice@Example.test"));
        u.email_status = EmailStatus::Bounced;
        assert_eq!(u.deliverable_email(), None);
        u.email_status = EmailStatus::Complained;
        assert_eq!(u.deliverable_email(), None);
        let mut none = user();
        none.email = None;
        assert_eq!(none.deliverable_email(), None);
    }

    #[test]
    fn directory_sources_are_external() {
        let mut u = user();
        assert!(!u.is_externally_managed());
        for s in [Source::Ldap, Source::EntraId] {
            u.source = s;
            assert!(u.is_externally_managed());
        }
    }

    #[test]
    fn tenant_ids_are_lowercase_slugs() {
        for ok in ["a", "acme", "0-x", &"a".repeat(63)] {
            assert!(TenantId::parse(ok).is_some(), "{ok}");
        }
        for bad in ["", "-a", "Acme", "a_b", "a b", "a/b", &"a".repeat(64)] {
            assert!(TenantId::parse(bad).is_none(), "{bad}");
        }
        assert!(TenantId::try_from("Bad".to_owned()).is_err());
        assert_eq!(String::from(tenant()), "acme");
    }
}

mod eligibility {
    use super::*;

    #[test]
    fn each_rule_refuses_with_its_reason() {
        assert_eq!(self_service_eligibility(&user(), false), Ok(()));
        let mut u = user();
        u.status = Status::Disabled;
        assert_eq!(
            self_service_eligibility(&u, true),
            Err(Ineligible::NotActive)
        );
        u.status = Status::PendingActivation;
        assert_eq!(
            self_service_eligibility(&u, true),
            Err(Ineligible::NotActive)
        );
        let mut u = user();
        u.email = None;
        assert_eq!(self_service_eligibility(&u, true), Err(Ineligible::NoEmail));
        let mut u = user();
        u.source = Source::Ldap;
        assert_eq!(
            self_service_eligibility(&u, true),
            Err(Ineligible::ExternallyManaged)
        );
        let mut u = user();
        u.can_change_password = false;
        assert_eq!(
            self_service_eligibility(&u, true),
            Err(Ineligible::ChangeNotAllowed)
        );
    }

    #[test]
    fn admins_self_serve_only_when_the_tenant_allows() {
        for role in [Role::Admin, Role::Owner] {
            let mut u = user();
            u.role = role;
            assert_eq!(
                self_service_eligibility(&u, false),
                Err(Ineligible::AdminSelfServiceDisabled)
            );
            assert_eq!(self_service_eligibility(&u, true), Ok(()));
        }
        // a plain user is never affected by the admin setting
        assert_eq!(self_service_eligibility(&user(), false), Ok(()));
    }

    #[test]
    fn reasons_have_stable_codes() {
        let codes: Vec<_> = [
            Ineligible::NotActive,
            Ineligible::NoEmail,
            Ineligible::ExternallyManaged,
            Ineligible::ChangeNotAllowed,
            Ineligible::AdminSelfServiceDisabled,
        ]
        .iter()
        .map(|i| i.code())
        .collect();
        assert_eq!(
            codes,
            [
                "not_active",
                "no_email",
                "externally_managed",
                "change_not_allowed",
                "admin_self_service_disabled"
            ]
        );
    }
}

mod tokens {
    use super::*;

    fn session(u: &User) -> Session {
        Session {
            hash: TokenHash("h".into()),
            id: SessionId("s_1".into()),
            tenant_id: u.tenant_id.clone(),
            user_id: u.id.clone(),
            cred_gen: u.cred_gen,
            created_at: at(0),
            expires_at: at(100),
            last_used_at: None,
            ip: None,
            user_agent: None,
        }
    }

    #[test]
    fn a_new_session_has_an_id_of_its_own_and_a_summary_of_its_browser() {
        // GIVEN a user WHEN two sessions are issued from one browser
        let u = user();
        let ua = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        let (token, s) = Session::issue(&u, at(0), 300, Some("192.0.2.1".into()), Some(ua));
        let (_, other) = Session::issue(&u, at(0), 300, None, None);
        // THEN each has its own id, not derived from its token or hash
        assert!(s.id.as_str().starts_with("s_") && s.id.as_str().len() == 34);
        assert_ne!(s.id, other.id);
        use secrecy::ExposeSecret;
        assert!(!token.expose_secret().contains(&s.id.as_str()[2..]));
        assert!(!s.hash.as_str().contains(&s.id.as_str()[2..]));
        assert_eq!(s.hash, TokenHash::of(&token));
        // AND it keeps the address and a summary, never the header
        assert_eq!(s.ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(s.user_agent.as_deref(), Some("Firefox on Linux"));
        assert_eq!(other.user_agent, None);
        assert_eq!((s.created_at, s.expires_at), (at(0), at(300)));
        assert_eq!(s.last_used_at, None);
        assert!(s.is_listed() && s.is_live(at(1), &u));
    }

    #[test]
    fn a_session_records_its_use_once_a_minute_and_idles_out_after_its_last_use() {
        let u = user();
        let mut s = session(&u);
        // GIVEN a session created at 0 and never used since
        assert_eq!(s.last_seen(), at(0));
        // THEN a use within the minute records nothing, one at 60 s does
        assert!(!s.needs_touch(at(59)));
        assert!(s.needs_touch(at(60)));
        // GIVEN its use recorded at 60 THEN it is last seen then
        s.last_used_at = Some(at(60));
        assert_eq!(s.last_seen(), at(60));
        assert!(!s.needs_touch(at(119)));
        assert!(s.needs_touch(at(120)));
        // THEN without a timeout it never idles out; with one of 30 s it
        // does 30 s after its last use, not after its creation
        assert!(!s.is_idle(at(99), None));
        assert!(!s.is_idle(at(89), Some(30)));
        assert!(s.is_idle(at(90), Some(30)));
        // GIVEN a recorded use older than its creation (a clock step back)
        // THEN its creation counts
        s.last_used_at = Some(at(-50));
        assert_eq!(s.last_seen(), at(0));
        // AND a session issued before ids is not listed
        s.id = SessionId::default();
        assert!(!s.is_listed());
    }

    fn link(u: &User, purpose: ResetPurpose) -> ResetToken {
        ResetToken {
            hash: TokenHash("h".into()),
            tenant_id: u.tenant_id.clone(),
            user_id: u.id.clone(),
            purpose,
            issued_by: "test".into(),
            cred_gen: u.cred_gen,
            token_gen: u.token_gen,
            created_at: at(0),
            expires_at: at(100),
            used_at: None,
            reset_mfa: false,
            lock_until: None,
            reported_change: None,
        }
    }

    #[test]
    fn a_session_lives_until_its_expiry_for_its_active_user_and_generation() {
        let u = user();
        let s = session(&u);
        assert!(s.is_live(at(0), &u));
        assert!(s.is_live(at(99), &u));
        assert!(!s.is_live(at(100), &u), "dead at expires_at itself");
        let mut other = user();
        other.tenant_id = TenantId::parse("other").unwrap();
        assert!(!s.is_live(at(1), &other));
        let mut other = user();
        other.id = UserId("u_2".into());
        assert!(!s.is_live(at(1), &other));
        let mut bumped = user();
        bumped.cred_gen += 1;
        assert!(!s.is_live(at(1), &bumped));
        for status in [Status::Disabled, Status::PendingActivation] {
            let mut u = user();
            u.status = status;
            assert!(!s.is_live(at(1), &u));
        }
    }

    #[test]
    fn a_link_lives_once_before_its_expiry_at_both_generations() {
        let u = user();
        let t = link(&u, ResetPurpose::SelfService);
        assert!(t.is_live(at(99), &u));
        assert!(!t.is_live(at(100), &u));
        let mut used = t.clone();
        used.used_at = Some(at(1));
        assert!(!used.is_live(at(2), &u));
        let mut other = user();
        other.tenant_id = TenantId::parse("other").unwrap();
        assert!(!t.is_live(at(1), &other));
        let mut other = user();
        other.id = UserId("u_2".into());
        assert!(!t.is_live(at(1), &other));
        let mut bumped = user();
        bumped.cred_gen += 1;
        assert!(!t.is_live(at(1), &bumped));
        let mut superseded = user();
        superseded.token_gen += 1;
        assert!(!t.is_live(at(1), &superseded));
    }

    #[test]
    fn a_link_checks_the_account_when_used() {
        let active = user();
        let mut disabled = user();
        disabled.status = Status::Disabled;
        let mut pending = user();
        pending.status = Status::PendingActivation;
        let mut ldap = user();
        ldap.source = Source::Ldap;
        let mut admin = user();
        admin.role = Role::Admin;
        let may = |p, u: &User, admins| link(u, p).account_may_use(u, admins);
        // self-service: the eligibility rules, admins only if the tenant allows
        assert!(may(ResetPurpose::SelfService, &active, false));
        assert!(!may(ResetPurpose::SelfService, &disabled, true));
        assert!(!may(ResetPurpose::SelfService, &admin, false));
        assert!(may(ResetPurpose::SelfService, &admin, true));
        // admin and support links: active local accounts
        for p in [ResetPurpose::AdminLink, ResetPurpose::Support] {
            assert!(may(p, &active, false));
            assert!(may(p, &admin, false));
            assert!(!may(p, &disabled, true));
            assert!(!may(p, &pending, true));
            assert!(!may(p, &ldap, true));
        }
        // activation: anything not disabled and local
        assert!(may(ResetPurpose::Activation, &pending, false));
        assert!(may(ResetPurpose::Activation, &active, false));
        assert!(!may(ResetPurpose::Activation, &disabled, true));
        assert!(!may(ResetPurpose::Activation, &ldap, true));
    }

    #[test]
    fn tokens_are_random_and_stored_only_hashed() {
        let (a, ha) = new_token();
        let (b, hb) = new_token();
        assert_ne!(ha, hb);
        assert_eq!(TokenHash::of(&a), ha);
        assert_eq!(ha.as_str().len(), 64);
        use secrecy::ExposeSecret;
        assert_eq!(a.expose_secret().len(), 43, "32 bytes, base64url");
        assert!(!ha.as_str().contains(a.expose_secret()));
        assert_ne!(a.expose_secret(), b.expose_secret());
        // known vector: SHA-256("abc")
        assert_eq!(
            TokenHash::of(&secrecy::SecretString::from("abc")).as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn items_outlive_their_expiry_by_a_day() {
        assert_eq!(ttl_after(at(0)), at(0).unix_timestamp() + 86_400);
    }
}

mod counters {
    use super::*;

    #[test]
    fn a_lock_holds_strictly_until_its_end() {
        let s = CounterState {
            count: 5,
            locked_until: Some(at(60)),
            expires_at: None,
        };
        assert!(s.is_locked(at(0)));
        assert!(s.is_locked(at(59)));
        assert!(!s.is_locked(at(60)));
        assert!(!s.is_locked(at(61)));
        assert!(!CounterState::default().is_locked(at(0)));
    }
}

mod hashing {
    use super::*;

    fn phc(m: u32, t: u32, p: u32) -> String {
        use argon2::password_hash::{PasswordHasher, SaltString};
        argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(m, t, p, None).unwrap(),
        )
        .hash_password(b"pw", &SaltString::from_b64("c2FsdHNhbHRzYWx0").unwrap())
        .unwrap()
        .to_string()
    }

    #[test]
    fn weaker_parameters_on_any_axis_need_a_rehash() {
        assert!(!needs_rehash(&phc(ARGON2_M_KIB, ARGON2_T, ARGON2_P)));
        assert!(!needs_rehash(&phc(
            ARGON2_M_KIB * 2,
            ARGON2_T + 1,
            ARGON2_P + 1
        )));
        assert!(needs_rehash(&phc(ARGON2_M_KIB - 1, ARGON2_T, ARGON2_P)));
        assert!(needs_rehash(&phc(ARGON2_M_KIB, ARGON2_T - 1, ARGON2_P)));
        if ARGON2_P > 1 {
            assert!(needs_rehash(&phc(ARGON2_M_KIB, ARGON2_T, ARGON2_P - 1)));
        }
        assert!(needs_rehash("not a phc string"));
        assert!(needs_rehash(
            "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aAz3KQnTzDs405tHAKnmfE/3BMiZ6dpBvgy8sABdwDA"
        ));
    }

    #[test]
    fn hashes_are_at_the_floor_and_verify() {
        let salt = new_salt();
        let pw = secrecy::SecretString::from("Correct-Horse-Battery-1");
        let h = hash_password(&pw, &salt).unwrap();
        assert!(h.starts_with(&format!(
            "$argon2id$v=19$m={ARGON2_M_KIB},t={ARGON2_T},p={ARGON2_P}$"
        )));
        assert!(verify_password(&pw, &h));
        assert!(!verify_password(&secrecy::SecretString::from("wrong"), &h));
        assert_eq!(hash_password(&pw, &salt).unwrap(), h, "one salt per user");
        assert!(hash_password(&pw, "not base64 !").is_err());
    }

    #[test]
    fn history_comparison_is_exact() {
        assert!(same_hash("abc", "abc"));
        assert!(!same_hash("abc", "abd"));
        assert!(!same_hash("abc", "abcd"));
        assert!(!same_hash("", "a"));
    }
}

mod listing {
    use super::*;

    #[test]
    fn audit_events_order_by_time_then_id() {
        let a = AuditEvent::new(&tenant(), at(1), "k", "x", "success");
        let b = AuditEvent::new(&tenant(), at(2), "k", "x", "success");
        assert!(a.sort_key() < b.sort_key());
        assert!(a.sort_key().ends_with(&format!("#{}", a.id)));
        assert_eq!(
            a.sort_key(),
            format!("{:020}#{}", at(1).unix_timestamp_nanos(), a.id)
        );
        // a listing without a cursor starts past every event written by now
        let bound = audit_upper_bound(None, at(2));
        assert!(b.sort_key() < bound);
        let tomorrow = AuditEvent::new(&tenant(), at(86_400 + 3), "k", "x", "success");
        assert!(tomorrow.sort_key() > bound, "a day later is past the bound");
        let soon = AuditEvent::new(&tenant(), at(86_400 + 1), "k", "x", "success");
        assert!(soon.sort_key() < bound, "within a day is inside it");
        assert_eq!(audit_upper_bound(Some("c"), at(2)), "c");
    }

    #[test]
    fn audit_events_are_kept_400_days() {
        assert_eq!(AUDIT_RETENTION_SECONDS, 34_560_000);
    }

    #[test]
    fn audit_builders_set_their_fields() {
        let e = AuditEvent::new(&tenant(), at(0), "k", "x", "success")
            .target("u_1")
            .ip(Some("1.2.3.4".into()))
            .detail("n", 1);
        assert_eq!(e.target.as_deref(), Some("u_1"));
        assert_eq!(e.ip.as_deref(), Some("1.2.3.4"));
        assert_eq!(e.details["n"], 1);
    }

    #[test]
    fn directory_entries_and_cursors() {
        use super::super::directory::*;
        assert_eq!(name_entry("alice", "u_1"), format!("n:alice{SEP}u_1"));
        assert_eq!(
            email_entry("a@x.test", "u_1"),
            format!("e:a@x.test{SEP}u_1")
        );
        assert_eq!(cursor_phase(&email_entry("a", "u")), 'e');
        assert_eq!(cursor_phase(&name_entry("a", "u")), 'n');
        let c = encode_cursor("n:alice\u{1f}u_1");
        assert_eq!(c, "bjphbGljZR91XzE");
        assert_eq!(decode_cursor(&c).as_deref(), Some("n:alice\u{1f}u_1"));
        assert_eq!(decode_cursor("!!"), None);
        assert_eq!(decode_cursor(&encode_cursor("")).as_deref(), Some(""));
    }

    #[test]
    fn instants_format_as_rfc3339_seconds() {
        assert_eq!(rfc3339(at(0)), "2023-11-14T22:13:20Z");
        let with_nanos = at(0) + time::Duration::nanoseconds(5);
        assert_eq!(rfc3339(with_nanos), "2023-11-14T22:13:20Z");
    }
}

mod mails {
    use super::*;

    fn acme() -> Tenant {
        Tenant {
            id: tenant(),
            name: "Acme <b>& Co</b>".into(),
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

    #[test]
    fn html_escapes_every_special_character() {
        let t = acme();
        let m = ctx(&t).reset_link(
            "a@x.test",
            "<script>'\"&",
            "https://x.test/t/acme/reset#token=a&b",
            at(3600),
            MailKind::PasswordReset,
            AskedBy::Themselves,
        );
        assert!(!m.html.contains("<script>"));
        assert!(
            m.html.contains("&lt;script&gt;&#39;&quot;&amp;"),
            "{}",
            m.html
        );
        assert!(m.html.contains("Acme &lt;b&gt;&amp; Co&lt;/b&gt;"));
        assert!(
            m.html
                .contains(r#"href="https://x.test/t/acme/reset#token=a&amp;b""#),
            "{}",
            m.html
        );
        assert!(m.html.starts_with("<!doctype html>"));
        assert!(m.text.contains("\nhttps://x.test/t/acme/reset#token=a&b\n"));
    }

    #[test]
    fn activation_and_reset_mails_differ() {
        let t = acme();
        let me = AskedBy::Themselves;
        let reset = ctx(&t).reset_link(
            "a@x.test",
            "alice",
            "L",
            at(60),
            MailKind::PasswordReset,
            me,
        );
        let act = ctx(&t).reset_link("a@x.test", "alice", "L", at(60), MailKind::Activation, me);
        assert!(act.subject.starts_with("Activate your"), "{}", act.subject);
        assert!(reset.subject.starts_with("Reset your"), "{}", reset.subject);
        assert_eq!(act.kind, MailKind::Activation);
        assert_eq!(reset.kind, MailKind::PasswordReset);
        assert!(act.text.contains("set up for you"));
    }
}

mod policy_rules {
    use super::*;

    fn codes(policy: &PasswordPolicy, pw: &str) -> Vec<ViolationCode> {
        let ctx = PolicyContext {
            username: "zed",
            email: None,
            tenant_name: "Q",
        };
        policy.check(pw, &ctx).into_iter().map(|v| v.code).collect()
    }

    #[test]
    fn the_common_list_is_the_30000_entries_and_blocks_them() {
        assert_eq!(common_password_count(), 30_000);
        let p = PasswordPolicy {
            min_length: 1,
            ..PasswordPolicy::default()
        };
        assert_eq!(codes(&p, "password"), [ViolationCode::CommonPassword]);
        assert_eq!(codes(&p, "PASSWORD"), [ViolationCode::CommonPassword]);
        assert!(codes(&p, "Quartz-Lantern-Harbor-58").is_empty());
    }

    #[test]
    fn lengths_are_bounded_inclusively_in_characters() {
        let p = PasswordPolicy {
            min_length: 12,
            max_length: 14,
            block_common: false,
            block_context: false,
            ..PasswordPolicy::default()
        };
        assert_eq!(codes(&p, &"x".repeat(11)), [ViolationCode::TooShort]);
        assert!(codes(&p, &"x".repeat(12)).is_empty());
        assert!(codes(&p, &"x".repeat(14)).is_empty());
        assert_eq!(codes(&p, &"x".repeat(15)), [ViolationCode::TooLong]);
        // Unicode scalar values, not bytes
        assert!(codes(&p, &"é".repeat(12)).is_empty());
        let v = p.check(
            "short",
            &PolicyContext {
                username: "u",
                email: None,
                tenant_name: "t",
            },
        );
        assert_eq!(v[0].message, "Use at least 12 characters.");
        let v = p.check(
            &"x".repeat(20),
            &PolicyContext {
                username: "u",
                email: None,
                tenant_name: "t",
            },
        );
        assert_eq!(v[0].message, "Use at most 14 characters.");
    }

    #[test]
    fn each_check_obeys_its_switch() {
        let off = PasswordPolicy {
            min_length: 1,
            block_common: false,
            block_context: false,
            ..PasswordPolicy::default()
        };
        let ctx = PolicyContext {
            username: "walrus",
            email: None,
            tenant_name: "Acme",
        };
        assert!(off.check("password", &ctx).is_empty());
        assert!(off.check("my-walrus-pw", &ctx).is_empty());
        let context_only = PasswordPolicy {
            block_context: true,
            ..off.clone()
        };
        assert!(context_only.check("password", &ctx).is_empty());
        assert_eq!(
            context_only
                .check("my-walrus-pw", &ctx)
                .into_iter()
                .map(|v| v.code)
                .collect::<Vec<_>>(),
            [ViolationCode::ContainsContext]
        );
    }

    #[test]
    fn context_words_are_the_names_and_their_long_pieces() {
        let p = PasswordPolicy {
            min_length: 1,
            block_common: false,
            ..PasswordPolicy::default()
        };
        let ctx = PolicyContext {
            username: "jean.luc",
            email: Some("Captain.Picard@enterprise.test"),
            tenant_name: "Star Fleet",
        };
        let flagged = |pw: &str| {
            p.check(pw, &ctx)
                .iter()
                .any(|v| v.code == ViolationCode::ContainsContext)
        };
        // whole names (spaces removed), case-insensitively
        assert!(flagged("xx-JEAN.LUC-xx"));
        assert!(flagged("xx-starfleet-xx"));
        assert!(flagged("xx-captain.picard-xx"));
        // pieces of four characters or more
        assert!(flagged("xx-picard-xx"));
        assert!(flagged("xx-captain-xx"));
        assert!(flagged("xx-jean-xx"));
        assert!(flagged("xx-fleet-xx"));
        // shorter pieces and the email's domain are not context
        assert!(flagged("xx-star-xx"));
        assert!(!flagged("xx-luc-xx"));
        assert!(!flagged("xx-enterprise-xx"));
        assert!(!flagged("Quartz-Lantern-Harbor-58"));
        // a whole name of three characters counts, of two does not
        let short = PolicyContext {
            username: "bo",
            email: None,
            tenant_name: "Ace",
        };
        let hit = |pw: &str| {
            p.check(pw, &short)
                .iter()
                .any(|v| v.code == ViolationCode::ContainsContext)
        };
        assert!(hit("zz-ace-zz"));
        assert!(!hit("zz-bo-zz"));
    }

    #[test]
    fn the_reuse_message_names_the_history() {
        let p = PasswordPolicy {
            history: 5,
            ..PasswordPolicy::default()
        };
        let v = p.reused_violation();
        assert_eq!(v.code, ViolationCode::ReusedPassword);
        assert_eq!(
            v.message,
            "Do not reuse your current password or any of your last 5."
        );
    }

    #[test]
    fn character_classes_count_each_kind_once() {
        let need = |n: u8| PasswordPolicy {
            min_length: 1,
            block_common: false,
            require_classes: n,
            ..PasswordPolicy::default()
        };
        let missing = [ViolationCode::MissingCharacterClasses];
        assert!(codes(&need(1), "aaaaaaaaaaaa").is_empty());
        assert_eq!(codes(&need(2), "aaaaaaaaaaaa"), missing);
        assert!(codes(&need(2), "aaaaaaaaaaaA").is_empty());
        assert_eq!(codes(&need(3), "aaaaaaaaaaaA"), missing);
        assert!(codes(&need(3), "aaaaaaaaaaA1").is_empty());
        assert_eq!(codes(&need(4), "aaaaaaaaaaA1"), missing);
        assert!(codes(&need(4), "aaaaaaaaaA1-").is_empty());
        assert_eq!(codes(&need(4), "AAAAAAAAAAA1-"), missing);
        assert_eq!(codes(&need(2), "111111111111"), missing);
        assert_eq!(codes(&need(2), "------------"), missing);
    }
}

mod actor_status {
    use super::*;
    use crate::permissions::{Action, Actor, Denied, authorize};

    #[test]
    fn only_an_active_actor_may_act() {
        let mut owner = user();
        owner.role = Role::Owner;
        // someone else: aimed at the owner itself, these would be self-targets
        let mut target = user();
        target.id = crate::UserId("u_someone_else".into());
        for action in [
            Action::ReadUsers,
            Action::UpdateUser,
            Action::SendResetLink,
            Action::SetPassword,
            Action::ReadAudit,
            Action::ManageSettings,
        ] {
            assert_eq!(
                authorize(
                    &Actor::User(&owner),
                    &tenant(),
                    Some(&target),
                    action,
                    false
                ),
                Ok(()),
                "{action:?}"
            );
            for status in [Status::Disabled, Status::PendingActivation] {
                let mut inactive = owner.clone();
                inactive.status = status;
                assert_eq!(
                    authorize(
                        &Actor::User(&inactive),
                        &tenant(),
                        Some(&target),
                        action,
                        false
                    ),
                    Err(Denied::Forbidden),
                    "{status:?} {action:?}"
                );
            }
        }
    }
}

mod mfa_requirement {
    use super::*;

    #[test]
    fn mfa_is_required_of_whom_the_tenant_says() {
        let with_role = |role: Role| User { role, ..user() };
        let (member, admin, owner) = (
            with_role(Role::User),
            with_role(Role::Admin),
            with_role(Role::Owner),
        );
        // GIVEN each setting WHEN asked for each role THEN only the named ones
        for u in [&member, &admin, &owner] {
            assert!(!MfaRequiredFor::None.applies_to(u));
            assert!(MfaRequiredFor::Everyone.applies_to(u));
        }
        assert!(!MfaRequiredFor::Admins.applies_to(&member));
        assert!(MfaRequiredFor::Admins.applies_to(&admin));
        assert!(MfaRequiredFor::Admins.applies_to(&owner));
    }
}

mod totp_rules {
    use super::super::totp::*;

    #[test]
    fn new_secrets_are_160_random_bits_in_base32() {
        let a = new_secret();
        assert_eq!(a.len(), 32, "20 bytes, base32 without padding");
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
        );
        assert_ne!(a, new_secret());
        assert!(code_at(&a, 1).is_some());
    }

    #[test]
    fn codes_of_the_next_step_count_and_only_newer_steps_after_a_use() {
        let secret = "JBSWY3DPEHPK3PXP";
        let t = time::OffsetDateTime::from_unix_timestamp(30 * 1_000).unwrap();
        let now = step_of(t);
        let code = |s| code_at(secret, s).unwrap();
        assert_eq!(verify(secret, &code(now + 1), t, None), Some(now + 1));
        assert_eq!(verify(secret, &code(now - 1), t, None), Some(now - 1));
        assert_eq!(verify(secret, &code(now + 2), t, None), None);
        // after step `now` was used: the next one is accepted, the past ones not
        assert_eq!(verify(secret, &code(now + 1), t, Some(now)), Some(now + 1));
        assert_eq!(verify(secret, &code(now), t, Some(now)), None);
        assert_eq!(verify(secret, &code(now - 1), t, Some(now)), None);
    }

    #[test]
    fn the_enrolment_uri_names_issuer_account_and_parameters() {
        assert_eq!(
            otpauth_uri("Acme Corp", "olivia@acme.test", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Acme%20Corp:olivia%40acme.test?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp&algorithm=SHA1&digits=6&period=30"
        );
        assert_eq!(
            otpauth_uri("a-Z.0_~", "x", "S"),
            "otpauth://totp/a-Z.0_~:x?secret=S&issuer=a-Z.0_~&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn steps_are_30_second_windows_of_unix_time() {
        let t = |s| time::OffsetDateTime::from_unix_timestamp(s).unwrap();
        assert_eq!(step_of(t(0)), 0);
        assert_eq!(step_of(t(29)), 0);
        assert_eq!(step_of(t(30)), 1);
        assert_eq!(step_of(t(1_700_000_000)), 56_666_666);
        assert_eq!(step_of(t(-1)), -1);
    }

    #[test]
    fn secrets_are_read_with_spaces_padding_and_any_case() {
        let secret = "JBSWY3DPEHPK3PXP";
        let want = code_at(secret, 42).unwrap();
        assert_eq!(
            code_at("jbsw y3dp ehpk 3pxp", 42).as_deref(),
            Some(want.as_str())
        );
        assert_eq!(
            code_at("JBSWY3DPEHPK3PXP====", 42).as_deref(),
            Some(want.as_str())
        );
        assert_eq!(code_at("not base32!", 42), None);
    }
}
