//! Compliance profiles: a standard's requirements as floors on a tenant's
//! settings, and a report of which requirements the live settings and the
//! product's fixed behaviour meet.
//!
//! Each requirement ([`catalog`]) names the settings that decide it (its
//! [`Floor`]s), the fixed behaviour it rests on, and the tests that exercise
//! that behaviour. A profile is the set of requirements of one standard; its
//! floors are the floors of those requirements. The report never says `met`
//! for a requirement whose floors do not hold, nor for one the product does
//! not enforce at all (those are `not_met` whatever the settings).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::settings::{FieldError, Settings};

mod catalog;
#[cfg(test)]
mod tests;

pub use catalog::requirements;

/// A tenant's chosen standard (`settings.compliance_profile`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ComplianceProfile))]
pub enum Profile {
    /// No standard: the owner's settings, within their bounds only.
    #[default]
    #[serde(rename = "custom")]
    Custom,
    #[serde(rename = "nist-800-63b-4")]
    Nist80063b4,
    #[serde(rename = "pci-dss-4.0.1")]
    PciDss401,
    #[serde(rename = "asvs-5.0-l2")]
    AsvsL2,
    #[serde(rename = "asvs-5.0-l3")]
    AsvsL3,
}

impl Profile {
    pub const ALL: [Profile; 5] = [
        Profile::Custom,
        Profile::Nist80063b4,
        Profile::PciDss401,
        Profile::AsvsL2,
        Profile::AsvsL3,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Custom => "custom",
            Profile::Nist80063b4 => "nist-800-63b-4",
            Profile::PciDss401 => "pci-dss-4.0.1",
            Profile::AsvsL2 => "asvs-5.0-l2",
            Profile::AsvsL3 => "asvs-5.0-l3",
        }
    }

    pub fn parse(s: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// What a requirement's floor asks of one setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    AtLeast(u64),
    AtMost(u64),
    /// Exactly this boolean.
    Is(bool),
    /// `null`: the feature off (e.g. no periodic expiry).
    Null,
    /// Exactly this value of a setting that is a name (e.g. `everyone`).
    Text(&'static str),
}

/// Another way to meet a floor, and its words.
type Alternative = (fn(&Settings) -> bool, &'static str);

/// One setting's floor under one requirement.
pub struct Floor {
    /// The setting's JSON path, as field errors name it.
    pub field: &'static str,
    pub bound: Bound,
    /// The value the bound is compared with (for `min_length_without_mfa`,
    /// the single-factor minimum it makes).
    read: fn(&Settings) -> Value,
    /// Another way the settings meet the requirement, and its words (e.g.
    /// "every account has a second factor" for a password-only rule).
    unless: Option<Alternative>,
    /// Moves the settings onto the floor (used when an owner applies a profile).
    conform: fn(&mut Settings),
}

impl Floor {
    pub fn value(&self, s: &Settings) -> Value {
        (self.read)(s)
    }

    /// Whether the settings meet this floor.
    pub fn holds(&self, s: &Settings) -> bool {
        if self.unless.is_some_and(|(alt, _)| alt(s)) {
            return true;
        }
        let v = self.value(s);
        match self.bound {
            Bound::AtLeast(n) => v.as_u64().is_some_and(|x| x >= n),
            Bound::AtMost(n) => v.as_u64().is_some_and(|x| x <= n),
            Bound::Is(b) => v.as_bool() == Some(b),
            Bound::Null => v.is_null(),
            Bound::Text(t) => v.as_str() == Some(t),
        }
    }

    /// What the floor asks, in words (English, like every `because`).
    fn asks(&self) -> String {
        match self.bound {
            Bound::AtLeast(n) => format!("at least {n}"),
            Bound::AtMost(n) => format!("at most {n}"),
            Bound::Is(b) => format!("must be {b}"),
            Bound::Null => "must be null".to_owned(),
            Bound::Text(t) => format!("must be \"{t}\""),
        }
    }

    /// "limits.account_lock_seconds is 3600 (at least 1800)".
    fn describe(&self, s: &Settings) -> String {
        match self.unless.filter(|(alt, _)| alt(s)) {
            Some((_, words)) => words.to_owned(),
            None => format!("{} is {} ({})", self.field, self.value(s), self.asks()),
        }
    }

    /// The field error of a value looser than this floor.
    fn field_error(&self, requirement: &'static str) -> FieldError {
        let mut e = FieldError::coded(self.field, "below_profile");
        e.requirement = Some(requirement);
        match self.bound {
            Bound::AtLeast(n) => e.min = Some(n),
            Bound::AtMost(n) => e.max = Some(n),
            Bound::Is(b) => e.expected = Some(Value::Bool(b)),
            Bound::Null => e.expected = Some(Value::Null),
            Bound::Text(t) => e.expected = Some(Value::from(t)),
        }
        e
    }

    /// The floor as the report shows it.
    fn view(&self, requirement: &'static str, s: &Settings) -> FloorView {
        let (min, max, expected) = match self.bound {
            Bound::AtLeast(n) => (Some(n), None, None),
            Bound::AtMost(n) => (None, Some(n), None),
            Bound::Is(b) => (None, None, Some(Value::Bool(b))),
            Bound::Null => (None, None, Some(Value::Null)),
            Bound::Text(t) => (None, None, Some(Value::from(t))),
        };
        FloorView {
            setting: self.field,
            requirement,
            min,
            max,
            expected,
            value: self.value(s),
            holds: self.holds(s),
        }
    }
}

/// One requirement of a standard (see [`catalog`]).
pub struct Requirement {
    /// E.g. `PCI-DSS-4.0.1-8.3.4`.
    pub id: &'static str,
    pub title: &'static str,
    /// The profiles that hold it.
    pub profiles: &'static [Profile],
    /// The settings that decide it (for the console: where to look).
    pub settings: &'static [&'static str],
    pub floors: &'static [Floor],
    /// Its verdict from the settings and the fixed behaviour, for a profile.
    pub judge: fn(&Requirement, &Settings, Profile) -> Verdict,
    /// The tests that exercise the behaviour a `met` rests on, as
    /// `path/to/file.rs::test_name` (a test checks each exists).
    pub tests: &'static [&'static str],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ComplianceStatus))]
pub enum Status {
    Met,
    NotMet,
    NotApplicable,
}

/// A status and the sentence that says why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub status: Status,
    pub because: String,
}

impl Verdict {
    pub fn met(because: impl Into<String>) -> Self {
        Self {
            status: Status::Met,
            because: because.into(),
        }
    }
    pub fn not_met(because: impl Into<String>) -> Self {
        Self {
            status: Status::NotMet,
            because: because.into(),
        }
    }
    pub fn not_applicable(because: impl Into<String>) -> Self {
        Self {
            status: Status::NotApplicable,
            because: because.into(),
        }
    }
}

impl Requirement {
    /// The verdict of the floors alone, with `fixed` (the product's part,
    /// always true) said after them: met when every floor holds.
    pub fn by_floors(&self, s: &Settings, fixed: &str) -> Verdict {
        let (held, broken): (Vec<&Floor>, Vec<&Floor>) =
            self.floors.iter().partition(|f| f.holds(s));
        let join = |fs: &[&Floor]| {
            fs.iter()
                .map(|f| f.describe(s))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let tail = if fixed.is_empty() {
            String::new()
        } else {
            format!(". {fixed}")
        };
        if broken.is_empty() {
            Verdict::met(format!("{}{tail}", join(&held)))
        } else {
            Verdict::not_met(format!("{}{tail}", join(&broken)))
        }
    }
}

/// A requirement's line in the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequirementStatus {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Status,
    pub because: String,
    pub settings: Vec<&'static str>,
    /// Where the behaviour is proven (`file::test`), for an auditor.
    pub tests: Vec<&'static str>,
}

/// A floor of the profile, the value it meets and whether it holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FloorView {
    pub setting: &'static str,
    pub requirement: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// For a boolean or `null` floor: the value it asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Value>,
    pub value: Value,
    pub holds: bool,
}

/// `GET /v1/tenants/{tenant}/compliance`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub profile: Profile,
    pub requirements: Vec<RequirementStatus>,
    /// What the profile fixes: each floor, its value now and whether it holds.
    pub floors: Vec<FloorView>,
    /// How many requirements have each status.
    pub summary: serde_json::Map<String, Value>,
}

/// The requirements a profile holds; `custom` reports on every standard's.
pub fn requirements_of(profile: Profile) -> impl Iterator<Item = &'static Requirement> {
    requirements().filter(move |r| profile == Profile::Custom || r.profiles.contains(&profile))
}

/// The report of `settings` against `profile` (the tenant's own, or one the
/// owner is considering): each requirement's status from the live settings
/// and the fixed behaviour.
pub fn report(settings: &Settings, profile: Profile) -> Report {
    let requirements: Vec<RequirementStatus> = requirements_of(profile)
        .map(|r| {
            let v = (r.judge)(r, settings, profile);
            RequirementStatus {
                id: r.id,
                title: r.title,
                status: v.status,
                because: v.because,
                settings: r.settings.to_vec(),
                tests: r.tests.to_vec(),
            }
        })
        .collect();
    let floors = if profile == Profile::Custom {
        Vec::new()
    } else {
        requirements_of(profile)
            .flat_map(|r| r.floors.iter().map(move |f| f.view(r.id, settings)))
            .collect()
    };
    let count = |st: Status| requirements.iter().filter(|r| r.status == st).count();
    let mut summary = serde_json::Map::new();
    for (k, st) in [
        ("met", Status::Met),
        ("not_met", Status::NotMet),
        ("not_applicable", Status::NotApplicable),
    ] {
        summary.insert(k.into(), json!(count(st)));
    }
    Report {
        profile,
        requirements,
        floors,
        summary,
    }
}

/// Every value of `settings` looser than its own profile's floors, as field
/// errors `below_profile` naming the requirement (empty for `custom`).
pub fn below_profile(settings: &Settings) -> Vec<FieldError> {
    let profile = settings.compliance_profile;
    if profile == Profile::Custom {
        return Vec::new();
    }
    requirements_of(profile)
        .flat_map(|r| {
            r.floors
                .iter()
                .filter(|f| !f.holds(settings))
                .map(|f| f.field_error(r.id))
        })
        .collect()
}

/// `settings` moved onto `profile`'s floors (every other value kept, a
/// stricter one too) with the profile chosen: what an owner applying a
/// profile gets. Expiry under a profile that asks for it comes with
/// reminders at 14, 3 and 1 days when none were set.
pub fn conform(settings: &Settings, profile: Profile) -> Settings {
    let mut s = settings.clone();
    s.compliance_profile = profile;
    for r in requirements_of(profile).filter(|_| profile != Profile::Custom) {
        for f in r.floors {
            if !f.holds(&s) {
                (f.conform)(&mut s);
            }
        }
    }
    if let (Some(age), true) = (s.password_max_age_days, s.expiry_reminder_days.is_empty()) {
        s.expiry_reminder_days = [14, 3, 1]
            .into_iter()
            .filter(|d| u32::from(*d) < age)
            .collect();
    }
    s
}
