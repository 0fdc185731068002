//! The requirements of OWASP ASVS 5.0, levels 2 and 3.

use super::*;

pub(super) static REQUIREMENTS: &[Requirement] = &[
    // ---------------------------------------------------------- ASVS 5.0, L2 and L3
    Requirement {
        id: "ASVS-5.0-6.2.1",
        title: "Passwords of at least 8 characters (15 strongly recommended)",
        profiles: ASVS,
        settings: &["password_policy.min_length"],
        floors: &[],
        judge: |_, s, _| {
            Verdict::met(format!(
                "password_policy.min_length is {} and no tenant may set it below {MIN_LENGTH_LOWEST}",
                s.password_policy.min_length
            ))
        },
        tests: &["domain/src/settings_tests.rs::every_bound_from_both_sides"],
    },
    Requirement {
        id: "ASVS-5.0-6.2.2",
        title: "Users can change their password",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "Every local account may change its own password, unless an administrator set its can_change_password to false",
            )
        },
        tests: &[
            "core/tests/usecases/account.rs::a_user_changes_their_password_and_only_the_calling_session_survives",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.2.3",
        title: "A password change needs the current and the new password",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "The change checks the current password (a wrong one counts toward the lockout) before the new one",
            )
        },
        tests: &[
            "core/tests/usecases/account.rs::a_wrong_current_password_counts_like_a_failed_sign_in",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.2.4",
        title: "New passwords are checked against at least the top 3000 passwords",
        profiles: ASVS,
        settings: &["password_policy.block_common"],
        floors: &[BLOCK_COMMON],
        judge: |r, s, _| {
            r.by_floors(
                s,
                &format!(
                    "The list holds the {} most common passwords",
                    common_password_count()
                ),
            )
        },
        tests: &[
            "core/tests/usecases/account.rs::the_new_password_must_pass_the_policy_and_the_history",
            "domain/src/compliance/tests.rs::the_common_list_holds_at_least_3000_passwords",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.2.5",
        title: "Passwords of any composition; no character-class rules",
        profiles: ASVS,
        settings: &[
            "password_policy.require_classes",
            "password_policy.require_letter_and_digit",
        ],
        floors: NO_COMPOSITION,
        judge: floors_only,
        tests: &["domain/src/compliance/tests.rs::composition_rules_apply_only_when_set"],
    },
    Requirement {
        id: "ASVS-5.0-6.2.6",
        title: "Password fields mask the entry (type=password)",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| fixed_met("Every password field of the hosted pages is type=password"),
        tests: &[
            "tests/tests/suite/pages_passwords.rs::every_password_field_is_masked_and_fillable",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.2.7",
        title: "Paste, browser password helpers and password managers work",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "Password fields say autocomplete current-password or new-password, and no page handles paste",
            )
        },
        tests: &[
            "tests/tests/suite/pages_passwords.rs::every_password_field_is_masked_and_fillable",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.2.8",
        title: "The password is verified exactly as received (no truncation, no case change)",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "The whole password is hashed after NFKC normalization only (which keeps case); lengths above the hashing ceiling are refused, never cut",
            )
        },
        tests: &[
            "domain/src/compliance/tests.rs::a_password_is_checked_whole_and_with_its_case",
            "core/tests/usecases/reset.rs::a_password_past_the_hashing_ceiling_is_refused_unhashed",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.2.9",
        title: "Passwords of at least 64 characters are permitted",
        profiles: ASVS,
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
        id: "ASVS-5.0-6.2.10",
        title: "A password stays valid until compromised or changed; no periodic rotation",
        profiles: ASVS,
        settings: &["password_max_age_days"],
        floors: NO_EXPIRY,
        judge: floors_only,
        tests: &[
            "domain/src/expiry.rs::a_password_expires_its_max_age_after_it_was_set",
            "core/tests/usecases/expiry.rs::without_a_maximum_age_an_old_password_signs_in_unrestricted",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.2.11",
        title: "Context-specific words are refused in passwords",
        profiles: ASVS,
        settings: &["password_policy.block_context"],
        floors: &[Floor {
            field: "password_policy.block_context",
            bound: Bound::Is(true),
            read: |s| json!(s.password_policy.block_context),
            unless: None,
            conform: |s| s.password_policy.block_context = true,
        }],
        judge: |r, s, _| {
            r.by_floors(
                s,
                "The words are the username, the email's local part and the tenant's name (docs/security.md)",
            )
        },
        tests: &[
            "core/tests/usecases/account.rs::the_new_password_must_pass_the_policy_and_the_history",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.2.12",
        title: "New passwords are checked against breached passwords",
        profiles: ASVS,
        settings: &["password_policy.block_breached"],
        floors: &[BLOCK_BREACHED],
        judge: |r, s, _| r.by_floors(s, BREACH_FAIL_OPEN),
        tests: &[
            "core/tests/usecases/reset.rs::breached_passwords_are_refused_only_where_the_tenant_asks",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.3.1",
        title: "Controls against credential stuffing and brute force",
        profiles: ASVS,
        settings: &[
            "limits.lockout_threshold",
            "limits.account_failure_ceiling",
            "limits.sign_in_failures_per_ip",
        ],
        floors: &[],
        judge: |_, s, _| {
            Verdict::met(format!(
                "An (account, address) pair locks after {} failures, the account after {}, and an address gets {} checks per window over all usernames",
                s.limits.lockout_threshold,
                s.limits.account_failure_ceiling,
                s.limits.sign_in_failures_per_ip
            ))
        },
        tests: &[
            "core/tests/usecases/sessions.rs::five_wrong_guesses_lock_the_pair_and_the_next_attempt_is_refused_unchecked",
            "core/tests/usecases/sessions.rs::one_address_gets_a_window_of_checks_over_all_usernames",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.3.3",
        title: "Multi-factor authentication (at L3 with a phishing-resistant hardware factor)",
        profiles: ASVS,
        settings: &["mfa_required_for"],
        floors: &[Floor {
            field: "mfa_required_for",
            bound: Bound::Text("everyone"),
            read: |s| json!(s.mfa_required_for),
            unless: None,
            conform: |s| s.mfa_required_for = MfaRequiredFor::Everyone,
        }],
        judge: |r, s, profile| {
            if profile == L3 {
                return Verdict::not_met(
                    "The only second factor is TOTP, which is neither hardware-based nor phishing-resistant",
                );
            }
            r.by_floors(
                s,
                "A session of an account without a factor may only enrol one",
            )
        },
        tests: &[
            "core/tests/usecases/account.rs::a_factor_the_tenant_requires_or_that_is_off_cannot_be_removed",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.3.4",
        title: "No undocumented authentication pathways",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "Every route is in the OpenAPI description; sign-in, reset, unlock and support resets apply the same policy and lockout",
            )
        },
        tests: &[
            "shared/src/http/router_tests.rs::each_function_serves_its_own_operations_and_the_union_is_the_document",
        ],
    },
    Requirement {
        id: "ASVS-5.0-7.3.1",
        title: "An inactivity timeout enforces re-authentication",
        profiles: ASVS,
        settings: &["session_idle_timeout_seconds"],
        floors: &[],
        judge: |_, s, _| idle_within(s, None),
        tests: IDLE_TESTS,
    },
    Requirement {
        id: "ASVS-5.0-7.3.2",
        title: "An absolute maximum session lifetime",
        profiles: ASVS,
        settings: &["session_ttl_seconds"],
        floors: &[],
        judge: |_, s, _| {
            Verdict::met(format!(
                "A session ends {} s after sign-in whatever its use (no tenant may set more than {SESSION_TTL_HIGHEST})",
                s.session_ttl_seconds
            ))
        },
        tests: &["core/tests/usecases/sessions.rs::a_session_lasts_the_tenants_session_ttl"],
    },
    Requirement {
        id: "ASVS-5.0-7.4.3",
        title: "Other sessions can be ended after an authentication factor changes",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "Every password change, reset and second-factor change ends every other session at once",
            )
        },
        tests: &[
            "core/tests/usecases/sessions.rs::a_password_change_ends_every_other_session",
            "core/tests/usecases/account.rs::confirming_the_factor_turns_it_on_and_signs_out_every_other_session",
        ],
    },
    Requirement {
        id: "ASVS-5.0-7.5.1",
        title: "Full re-authentication before changing what authenticates the account",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "Changing the password or the second factor needs the current password (and the current code to remove a factor); a person cannot change their own email",
            )
        },
        tests: &[
            "core/tests/usecases/account.rs::enrolling_needs_the_current_password_and_only_stages_the_secret",
            "core/tests/usecases/account.rs::removing_the_factor_needs_the_password_and_a_current_code",
        ],
    },
    Requirement {
        id: "ASVS-5.0-7.5.2",
        title: "Users can view and, after authenticating again, end their active sessions",
        profiles: ASVS,
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            Verdict::not_met(
                "A person can list and end their sessions (GET and DELETE /v1/me/sessions), but ending them does not ask for a factor again",
            )
        },
        tests: &[],
    },
    // ---------------------------------------------------------- ASVS 5.0, L3 only
    Requirement {
        id: "ASVS-5.0-6.3.5",
        title: "Users are notified of suspicious authentication attempts",
        profiles: &[L3],
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            Verdict::not_met(
                "Only the lock at the account's ceiling is mailed; a success after failures, an unusual client or a long-idle account is not",
            )
        },
        tests: &[],
    },
    Requirement {
        id: "ASVS-5.0-6.3.6",
        title: "Email is not an authentication mechanism",
        profiles: &[L3],
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "Mail carries reset, activation and unlock links only: a link sets a password or lifts a lock, and never signs anyone in",
            )
        },
        tests: &[
            "core/tests/usecases/sessions.rs::an_account_without_a_password_cannot_sign_in",
            "core/tests/usecases/unlock.rs::an_unlock_link_sets_no_password_and_a_reset_link_unlocks_nothing",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.3.7",
        title: "Users are notified after their authentication details change",
        profiles: &[L3],
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "A changed, reset or set password, a second factor turned on, off or removed, and a changed email (to the old address) are mailed",
            )
        },
        tests: &[
            "core/tests/usecases/reset.rs::a_link_sets_the_new_password_once_and_tells_the_user",
            "core/tests/usecases/admin.rs::an_email_change_kills_old_links_tells_the_old_address_and_moves_the_index",
            "core/tests/usecases/admin.rs::an_mfa_reset_removes_the_factor_ends_the_sessions_and_tells_the_user",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.3.8",
        title: "Valid users cannot be deduced from failed authentication or reset",
        profiles: &[L3],
        settings: &[],
        floors: &[],
        judge: |_, _, _| {
            fixed_met(
                "An unknown user gets the answer, the work and the lockout of a wrong password; forgot-password answers the same for everyone",
            )
        },
        tests: &[
            "core/tests/usecases/sessions.rs::an_unknown_user_or_tenant_gets_the_answer_of_a_wrong_password",
            "core/tests/usecases/reset.rs::an_existing_and_an_unknown_account_get_the_same_answer_for_the_same_work",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.4.5",
        title: "Renewal reminders are sent before an expiring authenticator expires",
        profiles: &[L3],
        settings: &["password_max_age_days", "expiry_reminder_days"],
        floors: &[],
        judge: |_, s, _| match (s.password_max_age_days, s.expiry_reminder_days.is_empty()) {
            (None, _) => {
                Verdict::not_applicable("password_max_age_days is null: passwords do not expire")
            }
            (Some(age), true) => Verdict::not_met(format!(
                "Passwords expire after {age} days and expiry_reminder_days is empty: nobody is reminded"
            )),
            (Some(age), false) => Verdict::met(format!(
                "Passwords expire after {age} days; a reminder is mailed {:?} days before, once each",
                s.expiry_reminder_days
            )),
        },
        tests: &[
            "core/tests/usecases/expiry.rs::reminders_go_out_once_each_on_their_days",
            "tests/tests/suite/conformance_expiry.rs::due_accounts_are_found_through_the_index",
        ],
    },
    Requirement {
        id: "ASVS-5.0-6.4.6",
        title: "Administrators start a reset but never choose the user's password",
        profiles: &[L3],
        settings: &["admins_may_set_passwords"],
        floors: &[Floor {
            field: "admins_may_set_passwords",
            bound: Bound::Is(false),
            read: |s| json!(s.admins_may_set_passwords),
            unless: None,
            conform: |s| s.admins_may_set_passwords = false,
        }],
        judge: |r, s, _| {
            r.by_floors(
                s,
                "Administrators and support send links; the person chooses the password",
            )
        },
        tests: &[
            "core/tests/usecases/policy.rs::where_admins_may_not_set_passwords_only_links_remain",
        ],
    },
];
