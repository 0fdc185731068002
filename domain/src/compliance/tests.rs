use super::*;
use crate::policy::{PasswordPolicy, PolicyContext, ViolationCode};
use crate::settings::{InvalidSettings, MfaRequiredFor, SettingsError};

const PROFILES: [Profile; 4] = [
    Profile::Nist80063b4,
    Profile::PciDss401,
    Profile::AsvsL2,
    Profile::AsvsL3,
];

fn on(profile: Profile) -> Settings {
    conform(&Settings::default(), profile)
}

fn refused(s: &Settings) -> Vec<FieldError> {
    match s.validate() {
        Err(SettingsError::Invalid(InvalidSettings(e))) => e,
        other => panic!("expected refused settings, got {other:?}"),
    }
}

fn status(r: &Report, id: &str) -> Status {
    r.requirements
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("{id} is in the report"))
        .status
}

#[test]
fn applying_a_profile_meets_every_floor_it_holds() {
    for p in PROFILES {
        // GIVEN the default settings WHEN an owner applies the profile
        let s = on(p);
        // THEN they are valid, carry the profile, and every floor holds
        assert_eq!(s.validate(), Ok(()), "{p:?}");
        assert_eq!(s.compliance_profile, p);
        let r = report(&s, p);
        assert!(!r.floors.is_empty(), "{p:?} fixes something");
        assert!(r.floors.iter().all(|f| f.holds), "{p:?}: {:?}", r.floors);
        // AND no requirement with floors is left not met by them
        for req in requirements_of(p).filter(|q| !q.floors.is_empty()) {
            let st = status(&r, req.id);
            assert!(
                st != Status::NotMet || (p == Profile::AsvsL3 && req.id == "ASVS-5.0-6.3.3"),
                "{p:?} {}: {st:?}",
                req.id
            );
        }
    }
}

#[test]
fn the_default_settings_do_not_meet_the_strict_profiles() {
    // GIVEN the defaults, THEN a profile chosen without its values is refused,
    // each looser value naming its requirement
    let s = Settings {
        compliance_profile: Profile::PciDss401,
        ..Settings::default()
    };
    let errors = refused(&s);
    let lock = errors
        .iter()
        .find(|e| e.field == "limits.account_failure_ceiling")
        .expect("the ceiling of 100 is looser than PCI's 10");
    assert_eq!(lock.code, "below_profile");
    assert_eq!(lock.requirement, Some("PCI-DSS-4.0.1-8.3.4"));
    assert_eq!(lock.max, Some(10));
    let json = serde_json::to_value(lock).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"field": "limits.account_failure_ceiling", "code": "below_profile",
            "max": 10, "requirement": "PCI-DSS-4.0.1-8.3.4"})
    );
}

/// (profile, what the owner loosens, the field refused, the requirement named)
type Loosening = (Profile, fn(&mut Settings), &'static str, &'static str);

#[test]
fn loosening_below_a_profile_is_refused_with_the_requirement() {
    let cases: Vec<Loosening> = vec![
        (
            Profile::Nist80063b4,
            |s| s.password_policy.min_length_without_mfa = Some(14),
            "password_policy.min_length_without_mfa",
            "NIST-800-63B-4-3.1.1.2-1",
        ),
        (
            Profile::Nist80063b4,
            |s| s.password_policy.require_classes = 2,
            "password_policy.require_classes",
            "NIST-800-63B-4-3.1.1.2-5",
        ),
        (
            Profile::Nist80063b4,
            |s| s.password_max_age_days = Some(365),
            "password_max_age_days",
            "NIST-800-63B-4-3.1.1.2-6",
        ),
        (
            Profile::Nist80063b4,
            |s| s.password_policy.block_breached = false,
            "password_policy.block_breached",
            "NIST-800-63B-4-3.1.1.2-blocklist",
        ),
        (
            Profile::PciDss401,
            |s| s.limits.account_lock_seconds = 1799,
            "limits.account_lock_seconds",
            "PCI-DSS-4.0.1-8.3.4",
        ),
        (
            Profile::PciDss401,
            |s| s.admin_set_passwords_temporary = false,
            "admin_set_passwords_temporary",
            "PCI-DSS-4.0.1-8.3.5",
        ),
        (
            Profile::PciDss401,
            |s| s.password_policy.min_length = 11,
            "password_policy.min_length",
            "PCI-DSS-4.0.1-8.3.6",
        ),
        (
            Profile::PciDss401,
            |s| s.password_policy.require_letter_and_digit = false,
            "password_policy.require_letter_and_digit",
            "PCI-DSS-4.0.1-8.3.6",
        ),
        (
            Profile::PciDss401,
            |s| s.password_policy.history = 3,
            "password_policy.history",
            "PCI-DSS-4.0.1-8.3.7",
        ),
        (
            Profile::PciDss401,
            |s| s.password_max_age_days = None,
            "password_max_age_days",
            "PCI-DSS-4.0.1-8.3.9",
        ),
        (
            Profile::AsvsL2,
            |s| s.password_policy.block_context = false,
            "password_policy.block_context",
            "ASVS-5.0-6.2.11",
        ),
        (
            Profile::AsvsL2,
            |s| s.mfa_required_for = MfaRequiredFor::Admins,
            "mfa_required_for",
            "ASVS-5.0-6.3.3",
        ),
        (
            Profile::AsvsL2,
            |s| s.password_max_age_days = Some(90),
            "password_max_age_days",
            "ASVS-5.0-6.2.10",
        ),
        (
            Profile::AsvsL3,
            |s| s.admins_may_set_passwords = true,
            "admins_may_set_passwords",
            "ASVS-5.0-6.4.6",
        ),
        (
            Profile::AsvsL3,
            |s| s.password_policy.block_common = false,
            "password_policy.block_common",
            "ASVS-5.0-6.2.4",
        ),
    ];
    for (profile, loosen, field, requirement) in cases {
        // GIVEN a tenant on the profile
        let mut s = on(profile);
        // WHEN the owner loosens one value
        loosen(&mut s);
        // THEN that field is refused, naming the requirement
        let errors = refused(&s);
        assert!(
            errors.iter().any(|e| e.field == field
                && e.code == "below_profile"
                && e.requirement == Some(requirement)),
            "{profile:?} {field}: {errors:?}"
        );
        // AND the same values are fine without a profile
        s.compliance_profile = Profile::Custom;
        assert_eq!(s.validate(), Ok(()), "{profile:?} {field} under custom");
    }
}

#[test]
fn tightening_beyond_a_profile_is_allowed() {
    let mut pci = on(Profile::PciDss401);
    pci.limits.account_lock_seconds = 86_400;
    pci.password_policy.min_length = 16;
    pci.password_policy.history = 12;
    pci.password_max_age_days = Some(30);
    pci.expiry_reminder_days = vec![7, 1];
    assert_eq!(pci.validate(), Ok(()));

    let mut nist = on(Profile::Nist80063b4);
    nist.password_policy.min_length = 20;
    nist.password_policy.min_length_without_mfa = Some(24);
    nist.limits.account_failure_ceiling = 10;
    assert_eq!(nist.validate(), Ok(()));

    let mut l3 = on(Profile::AsvsL3);
    l3.password_policy.min_length = 15;
    l3.session_ttl_seconds = 3600;
    assert_eq!(l3.validate(), Ok(()));
}

#[test]
fn the_report_follows_the_settings_before_and_after_a_change() {
    // GIVEN the defaults, reported against PCI
    let mut s = Settings::default();
    let before = report(&s, Profile::PciDss401);
    assert_eq!(status(&before, "PCI-DSS-4.0.1-8.3.4"), Status::NotMet);
    assert_eq!(status(&before, "PCI-DSS-4.0.1-8.3.9"), Status::NotMet);
    assert_eq!(status(&before, "PCI-DSS-4.0.1-8.3.7"), Status::Met);
    // WHEN the owner sets the lock and expiry
    s.limits.account_failure_ceiling = 10;
    s.limits.account_lock_seconds = 1800;
    s.password_max_age_days = Some(90);
    let after = report(&s, Profile::PciDss401);
    // THEN those requirements are met, and say by which values
    assert_eq!(status(&after, "PCI-DSS-4.0.1-8.3.4"), Status::Met);
    assert_eq!(status(&after, "PCI-DSS-4.0.1-8.3.9"), Status::Met);
    let because = &after
        .requirements
        .iter()
        .find(|r| r.id == "PCI-DSS-4.0.1-8.3.4")
        .unwrap()
        .because;
    assert!(
        because.contains("limits.account_lock_seconds is 1800"),
        "{because}"
    );
    // AND every account having a second factor makes 8.3.9 not applicable
    s.mfa_required_for = MfaRequiredFor::Everyone;
    s.password_max_age_days = None;
    let mfa = report(&s, Profile::PciDss401);
    assert_eq!(status(&mfa, "PCI-DSS-4.0.1-8.3.9"), Status::NotApplicable);

    // NIST: the single-factor length and the blocklist
    let mut s = Settings::default();
    let before = report(&s, Profile::Nist80063b4);
    assert_eq!(status(&before, "NIST-800-63B-4-3.1.1.2-1"), Status::NotMet);
    assert_eq!(
        status(&before, "NIST-800-63B-4-3.1.1.2-blocklist"),
        Status::NotMet
    );
    assert_eq!(status(&before, "NIST-800-63B-4-3.1.1.2-6"), Status::Met);
    s.password_policy.min_length_without_mfa = Some(15);
    s.password_policy.block_breached = true;
    let after = report(&s, Profile::Nist80063b4);
    assert_eq!(status(&after, "NIST-800-63B-4-3.1.1.2-1"), Status::Met);
    assert_eq!(
        status(&after, "NIST-800-63B-4-3.1.1.2-blocklist"),
        Status::Met
    );

    // ASVS L3: reminders matter only where passwords expire
    let mut s = Settings::default();
    let r = report(&s, Profile::AsvsL3);
    assert_eq!(status(&r, "ASVS-5.0-6.4.5"), Status::NotApplicable);
    assert_eq!(status(&r, "ASVS-5.0-6.4.6"), Status::NotMet);
    s.password_max_age_days = Some(365);
    assert_eq!(
        status(&report(&s, Profile::AsvsL3), "ASVS-5.0-6.4.5"),
        Status::NotMet
    );
    s.expiry_reminder_days = vec![14];
    s.admins_may_set_passwords = false;
    let r = report(&s, Profile::AsvsL3);
    assert_eq!(status(&r, "ASVS-5.0-6.4.5"), Status::Met);
    assert_eq!(status(&r, "ASVS-5.0-6.4.6"), Status::Met);
    assert_eq!(status(&r, "ASVS-5.0-6.2.10"), Status::NotMet);
}

#[test]
fn what_the_product_does_not_enforce_is_never_met() {
    let missing = [
        "NIST-800-63B-4-4.6",
        "PCI-DSS-4.0.1-8.2.8",
        "ASVS-5.0-7.3.1",
        "ASVS-5.0-7.5.2",
        "ASVS-5.0-6.3.5",
    ];
    for p in Profile::ALL {
        for s in [Settings::default(), conform(&Settings::default(), p)] {
            let r = report(&s, p);
            for req in r.requirements.iter().filter(|r| missing.contains(&r.id)) {
                assert_eq!(req.status, Status::NotMet, "{p:?} {}", req.id);
            }
        }
    }
    // AND ASVS L3's hardware factor is not met even with MFA for everyone
    let r = report(&on(Profile::AsvsL3), Profile::AsvsL3);
    assert_eq!(status(&r, "ASVS-5.0-6.3.3"), Status::NotMet);
    assert_eq!(
        status(
            &report(&on(Profile::AsvsL2), Profile::AsvsL2),
            "ASVS-5.0-6.3.3"
        ),
        Status::Met
    );
}

#[test]
fn each_met_requirement_names_the_tests_that_prove_it() {
    for p in Profile::ALL {
        for r in report(&on(p), p).requirements {
            if r.status == Status::Met {
                assert!(!r.tests.is_empty(), "{} is met on no test", r.id);
            }
        }
    }
}

/// Each `file::test` a requirement names is a test in that file, so a
/// renamed or deleted test cannot leave a `met` resting on nothing.
#[test]
fn every_named_test_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for r in requirements() {
        for t in r.tests {
            let (file, name) = t.split_once("::").expect("file::test");
            let text = std::fs::read_to_string(root.join(file))
                .unwrap_or_else(|e| panic!("{}: {file}: {e}", r.id));
            assert!(
                text.contains(&format!("fn {name}(")),
                "{}: no test {name} in {file}",
                r.id
            );
        }
    }
}

#[test]
fn ids_are_unique_and_every_profile_has_requirements() {
    let mut ids: Vec<&str> = requirements().map(|r| r.id).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate requirement ids");
    for p in PROFILES {
        assert!(requirements_of(p).count() >= 6, "{p:?}");
    }
    // custom reports on every standard's requirements, and fixes nothing
    let custom = report(&Settings::default(), Profile::Custom);
    assert_eq!(custom.requirements.len(), requirements().count());
    assert!(custom.floors.is_empty());
    let total: u64 = custom.summary.values().filter_map(|v| v.as_u64()).sum();
    assert_eq!(total as usize, requirements().count());
}

#[test]
fn profiles_are_named_as_the_contract_names_them() {
    for p in Profile::ALL {
        assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        assert_eq!(Profile::parse(p.as_str()), Some(p));
    }
    assert_eq!(Profile::parse("pci"), None);
    let s: Settings =
        serde_json::from_value(serde_json::json!({"compliance_profile": "asvs-5.0-l3"})).unwrap();
    assert_eq!(s.compliance_profile, Profile::AsvsL3);
    assert_eq!(Settings::default().compliance_profile, Profile::Custom);
}

#[test]
fn composition_rules_apply_only_when_set() {
    let ctx = PolicyContext {
        username: "alice",
        email: None,
        tenant_name: "Acme",
    };
    let codes = |p: &PasswordPolicy, pw: &str| -> Vec<ViolationCode> {
        p.check(pw, &ctx).into_iter().map(|v| v.code).collect()
    };
    // GIVEN no composition rule: a one-class passphrase passes
    let none = PasswordPolicy::default();
    assert_eq!(codes(&none, "lanternmeadowquietly"), vec![]);
    // WHEN letters and digits are required THEN it needs both
    let pci = PasswordPolicy {
        require_letter_and_digit: true,
        ..PasswordPolicy::default()
    };
    assert_eq!(
        codes(&pci, "lanternmeadowquietly"),
        vec![ViolationCode::MissingLetterOrDigit]
    );
    assert_eq!(
        codes(&pci, "4815162342108"),
        vec![ViolationCode::MissingLetterOrDigit]
    );
    assert_eq!(codes(&pci, "lantern7meadowquietly"), vec![]);
    // AND classes count as before
    let classes = PasswordPolicy {
        require_classes: 3,
        ..PasswordPolicy::default()
    };
    assert_eq!(
        codes(&classes, "lantern7meadowquietly"),
        vec![ViolationCode::MissingCharacterClasses]
    );
}

#[test]
fn the_single_factor_minimum_is_the_longer_of_the_two() {
    let mut p = PasswordPolicy::default();
    assert_eq!(p.single_factor_min_length(), 12);
    p.min_length_without_mfa = Some(15);
    assert_eq!(p.single_factor_min_length(), 15);
    assert_eq!(p.for_account(false).min_length, 15);
    assert_eq!(p.for_account(true).min_length, 12);
    p.min_length = 16;
    assert_eq!(p.single_factor_min_length(), 16);
}

#[test]
fn the_common_list_holds_at_least_3000_passwords() {
    assert!(crate::policy::common_password_count() >= 3000);
}

#[test]
fn a_password_is_checked_whole_and_with_its_case() {
    use crate::password::{hash_password, new_salt, verify_password};
    use secrecy::SecretString;
    // GIVEN a 100-character password (past bcrypt's 72 bytes) that is hashed
    let mut long: String = "Correct-Horse-".repeat(8).chars().take(99).collect();
    long.push('Z');
    assert_eq!(long.chars().count(), 100);
    let salt = new_salt();
    let phc = hash_password(&SecretString::from(long.clone()), &salt).unwrap();
    // THEN only the whole password, in its case, verifies
    assert!(verify_password(&SecretString::from(long.clone()), &phc));
    let mut last_changed = long.clone();
    last_changed.pop();
    last_changed.push('Q');
    for wrong in [
        long.to_lowercase(),
        long.to_uppercase(),
        long[..99].to_owned(),
        last_changed,
        format!("{long}!"),
    ] {
        assert!(
            !verify_password(&SecretString::from(wrong.clone()), &phc),
            "{wrong}"
        );
    }
}

#[test]
fn conforming_keeps_stricter_values_and_fits_reminders_to_the_age() {
    let mut s = Settings::default();
    s.limits.account_lock_seconds = 7200;
    s.password_max_age_days = Some(10);
    let pci = conform(&s, Profile::PciDss401);
    assert_eq!(pci.limits.account_lock_seconds, 7200);
    assert_eq!(pci.password_max_age_days, Some(10));
    assert_eq!(pci.expiry_reminder_days, vec![3, 1]);
    assert_eq!(pci.validate(), Ok(()));
    // a profile that forbids expiry removes it
    let nist = conform(&pci, Profile::Nist80063b4);
    assert_eq!(nist.password_max_age_days, None);
    assert!(!nist.password_policy.require_letter_and_digit);
    assert_eq!(nist.validate(), Ok(()));
}
