//! The requirements of NIST SP 800-63B-4 and PCI DSS 4.0.1.

use super::*;

pub(super) static REQUIREMENTS: &[Requirement] = &[
    // ---------------------------------------------------------- NIST
    Requirement {
        id: "NIST-800-63B-4-3.1.1.2-1",
        title: "Passwords of at least 15 characters where the password is the only factor, 8 where it is one of two",
        profiles: &[NIST],
        settings: &[
            "password_policy.min_length",
            "password_policy.min_length_without_mfa",
        ],
        floors: &[Floor {
            field: "password_policy.min_length_without_mfa",
            bound: Bound::AtLeast(15),
            read: |s| json!(s.password_policy.single_factor_min_length()),
            unless: None,
            conform: |s| s.password_policy.min_length_without_mfa = Some(15),
        }],
        judge: |r, s, _| {
            r.by_floors(
                s,
                &format!(
                    "An account without a second factor needs {} characters, one with a second factor {} (no tenant may go below {MIN_LENGTH_LOWEST}); removing the second factor needs a password long enough to stand alone",
                    s.password_policy.single_factor_min_length(),
                    s.password_policy.min_length
                ),
            )
        },
        tests: &[
            "core/tests/usecases/policy.rs::an_account_without_a_second_factor_needs_the_longer_minimum",
            "core/tests/usecases/policy.rs::removing_the_factor_needs_a_password_long_enough_to_stand_alone",
            "domain/src/settings_tests.rs::every_bound_from_both_sides",
        ],
    },
    Requirement {
        id: "NIST-800-63B-4-3.1.1.2-2",
        title: "Passwords of at least 64 characters are permitted",
        profiles: &[NIST],
        settings: &["password_policy.max_length"],
        floors: &[],
        judge: |_, s, _| {
            Verdict::met(format!(
                "password_policy.max_length is {} and no tenant may set it below {MAX_LENGTH_LOWEST}",
                s.password_policy.max_length
            ))
        },
        tests: &["domain/src/settings_tests.rs::every_bound_from_both_sides"],
    },
    Requirement {
        id: "NIST-800-63B-4-3.1.1.2-4",
        title: "Each Unicode code point counts as one character",
        profiles: &[NIST],
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met("Lengths are counted in Unicode scalar values, after NFKC normalization")
        },
        tests: &["domain/src/policy.rs::the_policy_never_panics_and_measures_length_in_characters"],
    },
    Requirement {
        id: "NIST-800-63B-4-3.1.1.2-5",
        title: "No composition rules",
        profiles: &[NIST],
        settings: &[
            "password_policy.require_classes",
            "password_policy.require_letter_and_digit",
        ],
        floors: NO_COMPOSITION,
        judge: floors_only,
        tests: &["domain/src/compliance/tests.rs::composition_rules_apply_only_when_set"],
    },
    Requirement {
        id: "NIST-800-63B-4-3.1.1.2-6",
        title: "No periodic password changes; a change is forced on evidence of compromise",
        profiles: &[NIST],
        settings: &["password_max_age_days"],
        floors: NO_EXPIRY,
        judge: |r, s, _| {
            r.by_floors(
                s,
                "An administrator forces a change on evidence of compromise (must_change_password), and breached passwords are refused when set",
            )
        },
        tests: &[
            "domain/src/expiry.rs::a_password_expires_its_max_age_after_it_was_set",
            "core/tests/usecases/expiry.rs::without_a_maximum_age_an_old_password_signs_in_unrestricted",
            "core/tests/usecases/admin.rs::a_temporary_password_must_be_changed_at_next_sign_in",
        ],
    },
    Requirement {
        id: "NIST-800-63B-4-3.1.1.2-blocklist",
        title: "New passwords are compared with a blocklist of common, expected and compromised passwords",
        profiles: &[NIST],
        settings: &[
            "password_policy.block_common",
            "password_policy.block_breached",
            "password_policy.block_context",
        ],
        floors: &[BLOCK_COMMON, BLOCK_BREACHED],
        judge: |r, s, _| r.by_floors(s, BREACH_FAIL_OPEN),
        tests: &[
            "core/tests/usecases/account.rs::the_new_password_must_pass_the_policy_and_the_history",
            "core/tests/usecases/reset.rs::breached_passwords_are_refused_only_where_the_tenant_asks",
        ],
    },
    Requirement {
        id: "NIST-800-63B-4-3.2.2",
        title: "No more than 100 consecutive failed attempts on one account",
        profiles: &[NIST],
        settings: &[
            "limits.account_failure_ceiling",
            "limits.account_lock_seconds",
        ],
        floors: &[],
        judge: |_, s, _| {
            Verdict::met(format!(
                "The account locks for everyone after {} consecutive failures (no tenant may allow more than {FAILURE_CEILING_HIGHEST}), for {} s or until the mailed unlock link or a reset",
                s.limits.account_failure_ceiling, s.limits.account_lock_seconds
            ))
        },
        tests: &[
            "domain/src/settings_tests.rs::every_bound_from_both_sides",
            "core/tests/usecases/sessions.rs::the_ceiling_over_all_addresses_locks_everyone_and_mails_the_owner",
            "core/tests/usecases/sessions.rs::parallel_guesses_from_many_addresses_get_exactly_the_ceiling_checked",
        ],
    },
    Requirement {
        id: "NIST-800-63B-4-4.6",
        title: "Account events are notified to at least two notification addresses",
        profiles: &[NIST],
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            Verdict::not_met(
                "Password changes, resets, second-factor changes, recovery-code use and email changes are mailed to the account's one email address; an account holds one address, and the standard asks for at least two",
            )
        },
        tests: &[],
    },
    // ---------------------------------------------------------- PCI DSS
    Requirement {
        id: "PCI-DSS-4.0.1-8.3.4",
        title: "Lock the user ID after not more than 10 invalid attempts, for at least 30 minutes or until identity is confirmed",
        profiles: &[PCI],
        settings: &[
            "limits.account_failure_ceiling",
            "limits.account_lock_seconds",
        ],
        floors: &[
            Floor {
                field: "limits.account_failure_ceiling",
                bound: Bound::AtMost(10),
                read: |s| json!(s.limits.account_failure_ceiling),
                unless: None,
                conform: |s| s.limits.account_failure_ceiling = 10,
            },
            Floor {
                field: "limits.account_lock_seconds",
                bound: Bound::AtLeast(1800),
                read: |s| json!(s.limits.account_lock_seconds),
                unless: None,
                conform: |s| s.limits.account_lock_seconds = 1800,
            },
        ],
        judge: |r, s, _| {
            r.by_floors(
                s,
                "Before the lock ends only the mailed unlock link or a reset lifts it (the mailbox confirms the person)",
            )
        },
        tests: &[
            "core/tests/usecases/sessions.rs::the_ceiling_over_all_addresses_locks_everyone_and_mails_the_owner",
            "core/tests/usecases/unlock.rs::an_owner_locked_out_by_guesses_from_many_addresses_unlocks_with_the_mailed_link",
        ],
    },
    Requirement {
        id: "PCI-DSS-4.0.1-8.3.5",
        title: "First-use and reset passwords are unique per user and changed immediately after first use",
        profiles: &[PCI],
        settings: &["admin_set_passwords_temporary", "admins_may_set_passwords"],
        floors: &[Floor {
            field: "admin_set_passwords_temporary",
            bound: Bound::Is(true),
            read: |s| json!(s.admin_set_passwords_temporary),
            unless: Some((
                |s| !s.admins_may_set_passwords,
                "admins_may_set_passwords is false: nobody but the person chooses a password",
            )),
            conform: |s| s.admin_set_passwords_temporary = true,
        }],
        judge: |r, s, _| {
            r.by_floors(
                s,
                "Activation and reset links let the person choose their own password",
            )
        },
        tests: &[
            "core/tests/usecases/admin.rs::a_temporary_password_must_be_changed_at_next_sign_in",
            "core/tests/usecases/policy.rs::where_set_passwords_are_temporary_a_permanent_set_is_refused",
        ],
    },
    Requirement {
        id: "PCI-DSS-4.0.1-8.3.6",
        title: "Passwords of at least 12 characters with both letters and digits",
        profiles: &[PCI],
        settings: &[
            "password_policy.min_length",
            "password_policy.require_letter_and_digit",
        ],
        floors: &[
            Floor {
                field: "password_policy.min_length",
                bound: Bound::AtLeast(12),
                read: |s| json!(s.password_policy.min_length),
                unless: None,
                conform: |s| s.password_policy.min_length = 12,
            },
            Floor {
                field: "password_policy.require_letter_and_digit",
                bound: Bound::Is(true),
                read: |s| json!(s.password_policy.require_letter_and_digit),
                unless: Some((
                    |s| s.password_policy.require_classes >= 4,
                    "password_policy.require_classes is 4: every password has letters and digits",
                )),
                conform: |s| s.password_policy.require_letter_and_digit = true,
            },
        ],
        judge: floors_only,
        tests: &[
            "domain/src/compliance/tests.rs::composition_rules_apply_only_when_set",
            "core/tests/usecases/account.rs::the_new_password_must_pass_the_policy_and_the_history",
        ],
    },
    Requirement {
        id: "PCI-DSS-4.0.1-8.3.7",
        title: "A new password differs from the last four",
        profiles: &[PCI],
        settings: &["password_policy.history"],
        floors: &[Floor {
            field: "password_policy.history",
            bound: Bound::AtLeast(4),
            read: |s| json!(s.password_policy.history),
            unless: None,
            conform: |s| s.password_policy.history = 4,
        }],
        judge: |r, s, _| {
            r.by_floors(
                s,
                "The current password is refused too; the rule applies to every password the person chooses",
            )
        },
        tests: &[
            "core/tests/usecases/account.rs::the_new_password_must_pass_the_policy_and_the_history",
        ],
    },
    Requirement {
        id: "PCI-DSS-4.0.1-8.3.9",
        title: "Where the password is the only factor, it is changed at least every 90 days",
        profiles: &[PCI],
        settings: &[
            "password_max_age_days",
            "expiry_reminder_days",
            "mfa_required_for",
        ],
        floors: &[Floor {
            field: "password_max_age_days",
            bound: Bound::AtMost(90),
            read: |s| json!(s.password_max_age_days),
            unless: Some((
                every_account_has_mfa,
                "mfa_required_for is everyone: no password is the only factor",
            )),
            conform: |s| s.password_max_age_days = Some(90),
        }],
        judge: |r, s, _| {
            if every_account_has_mfa(s) {
                return Verdict::not_applicable(
                    "mfa_required_for is everyone: no account signs in with its password alone",
                );
            }
            r.by_floors(
                s,
                "The first sign-in after expiry may only change the password; expiry applies to every local account",
            )
        },
        tests: &[
            "domain/src/expiry.rs::a_password_expires_its_max_age_after_it_was_set",
            "core/tests/usecases/expiry.rs::an_expired_password_makes_the_next_sign_in_a_must_change",
        ],
    },
    Requirement {
        id: "PCI-DSS-4.0.1-8.2.8",
        title: "A session idle for more than 15 minutes needs re-authentication",
        profiles: &[PCI],
        settings: &["session_idle_timeout_seconds"],
        floors: &[],
        judge: |_, s, _| idle_within(s, Some(900)),
        tests: IDLE_TESTS,
    },
];
