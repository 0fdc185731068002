//! The API's answers as types: what each operation sends, with the schema the
//! OpenAPI document derives from it. A view holds only what the wire shows
//! (never a hash, salt, secret or generation), so it is built from the
//! domain's types here and nowhere else.

use serde::Serialize;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, ToSchema};

use crate::domain::{
    AuditEvent, Branding, EmailStatus, FieldError, Locale, MustChangeReason, PasswordPolicy,
    Permission, ResetIdentifier, Role, Source, Status, TenantId, User, UserId, Violation, rfc3339,
};
use crate::usecases::admin::UserView;
use crate::usecases::my_sessions::SessionView;

/// `{tenant}` in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TenantPath {
    /// The tenant's id.
    #[allow(dead_code)]
    pub tenant: TenantId,
}

/// `{tenant}` and `{user_id}` in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub struct UserPath {
    /// The tenant's id.
    #[allow(dead_code)]
    pub tenant: TenantId,
    /// The account's id.
    #[allow(dead_code)]
    pub user_id: UserId,
}

/// An account as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct Account {
    pub id: UserId,
    pub tenant: TenantId,
    pub username: String,
    pub email: Option<String>,
    pub role: Role,
    pub permissions: Vec<Permission>,
    pub status: Status,
    pub source: Source,
    pub can_change_password: bool,
    pub must_change_password: bool,
    pub mfa_enabled: bool,
    pub email_status: EmailStatus,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub password_changed_at: Option<String>,
    pub locale: Option<Locale>,
    /// Why the account must change its password (`null` when it need not).
    pub must_change_reason: Option<MustChangeReason>,
    /// The end of the account-wide lock (`null` when none, and in answers
    /// that do not read the lock: one's own account, a create or a change).
    #[schema(format = DateTime)]
    pub locked_until: Option<String>,
    #[schema(format = DateTime)]
    pub last_sign_in_at: Option<String>,
    /// When the mailbox holder said a change was not theirs: sign-in is off
    /// until a new password is set.
    #[schema(format = DateTime)]
    pub reported_at: Option<String>,
}

impl Account {
    /// An account with its lock, as an administrator's listing shows it.
    pub fn locked(view: &UserView) -> Self {
        Account {
            locked_until: view.locked_until.map(rfc3339),
            ..Account::from(&view.user)
        }
    }
}

impl From<&User> for Account {
    fn from(u: &User) -> Self {
        Account {
            id: u.id.clone(),
            tenant: u.tenant_id.clone(),
            username: u.username.clone(),
            email: u.email.as_ref().map(|e| e.to_string()),
            role: u.role,
            permissions: u.permissions.iter().copied().collect(),
            status: u.status,
            source: u.source,
            can_change_password: u.can_change_password,
            must_change_password: u.must_change_password,
            mfa_enabled: u.mfa_enabled,
            email_status: u.email_status,
            created_at: rfc3339(u.created_at),
            password_changed_at: u.password_changed_at.map(rfc3339),
            locale: u.locale,
            must_change_reason: u.forced_change_reason(),
            locked_until: None,
            last_sign_in_at: u.last_sign_in_at.map(rfc3339),
            reported_at: u.reported_at.map(rfc3339),
        }
    }
}

fn capabilities_schema() -> Schema {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .enum_values(Some(crate::domain::capabilities::all())),
        )
        .into()
}

/// The caller's own account, and what it may do in the console.
#[derive(Serialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub account: Account,
    pub recovery_codes_left: usize,
    /// The tenant requires a second factor this user has not enrolled yet.
    pub mfa_enrollment_required: bool,
    /// The admin actions this caller may take, from the rule the server
    /// enforces (`domain::capabilities`).
    #[schema(schema_with = capabilities_schema)]
    pub capabilities: Vec<&'static str>,
    /// Whether a password change must name the current password: not on a
    /// must-change session minutes old (the password was just typed).
    pub current_password_required: bool,
}

/// Who signed in.
#[derive(Serialize, ToSchema)]
pub struct SessionUser {
    pub id: UserId,
    pub username: String,
    pub role: Role,
    pub locale: Option<Locale>,
}

/// A new session.
#[derive(Serialize, ToSchema)]
pub struct SessionCreated {
    /// The bearer token; shown once, stored only as its hash.
    pub token: String,
    #[schema(format = DateTime)]
    pub expires_at: String,
    /// The session may only change its password (and read the account, sign out).
    pub must_change_password: bool,
    /// Why, so the page says the right thing (`null` when it need not).
    pub must_change_reason: Option<MustChangeReason>,
    pub user: SessionUser,
}

/// The same answer whether or not an account matched.
#[derive(Serialize, ToSchema)]
pub struct Accepted {
    pub message: String,
}

/// What a reset link is for, without using it.
#[derive(Serialize, ToSchema)]
pub struct Inspection {
    pub username: String,
    #[schema(format = DateTime)]
    pub expires_at: String,
    pub policy: PasswordPolicy,
}

/// A TOTP secret to enrol, as text and as an `otpauth://` URI (for a QR code).
#[derive(Serialize, ToSchema)]
pub struct Enrollment {
    pub secret: String,
    pub otpauth_uri: String,
}

/// Recovery codes, shown once.
#[derive(Serialize, ToSchema)]
pub struct RecoveryCodes {
    pub recovery_codes: Vec<String>,
}

/// When the link just sent stops working.
#[derive(Serialize, ToSchema)]
pub struct LinkSent {
    #[schema(format = DateTime)]
    pub expires_at: String,
}

/// The tenant's public face for the hosted pages.
#[derive(Serialize, ToSchema)]
pub struct Profile {
    /// The tenant's name; `null` for a tenant that does not exist (which
    /// otherwise gets the defaults, same status and shape).
    pub name: Option<String>,
    pub reset_identifier: ResetIdentifier,
    pub password_policy: PasswordPolicy,
    pub locales: Vec<Locale>,
    pub default_locale: Locale,
    pub branding: Branding,
    pub has_logo: bool,
    /// Where the pages may send a person back to (`?return_to=` must be one
    /// of them, or start with one ending in `/`).
    pub return_urls: Vec<String>,
}

/// A page of accounts.
#[derive(Serialize, ToSchema)]
pub struct UserPage {
    pub users: Vec<Account>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// One audit event.
#[derive(Serialize, ToSchema)]
pub struct AuditEventView {
    pub id: String,
    #[schema(format = DateTime)]
    pub at: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: String,
    /// The actor's username, when the actor is an account that still exists.
    pub actor_name: Option<String>,
    pub target: Option<String>,
    pub target_name: Option<String>,
    pub ip: Option<String>,
    pub outcome: String,
    /// What a reader needs: a support ticket, a recipient override, the
    /// settings changed (`{"field": {"from", "to"}}`); never a secret.
    #[schema(value_type = Object)]
    pub details: serde_json::Map<String, serde_json::Value>,
}

impl AuditEventView {
    /// The event, with the usernames of its actor and target from `names`.
    pub fn named(e: &AuditEvent, names: &std::collections::HashMap<String, String>) -> Self {
        AuditEventView {
            id: e.id.clone(),
            at: rfc3339(e.at),
            kind: e.kind.clone(),
            actor: e.actor.clone(),
            actor_name: names.get(&e.actor).cloned(),
            target: e.target.clone(),
            target_name: e.target.as_ref().and_then(|t| names.get(t)).cloned(),
            ip: e.ip.clone(),
            outcome: e.outcome.clone(),
            details: e.details.clone(),
        }
    }
}

/// A page of audit events, newest first.
#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub events: Vec<AuditEventView>,
    pub next_cursor: Option<String>,
}

/// One account's outcome in a bulk reset.
#[derive(Serialize, ToSchema)]
pub struct BulkOutcome {
    pub user_id: String,
    /// `sent`, or `skipped` with its `code`.
    pub outcome: String,
    pub code: Option<String>,
}

/// A bulk reset's outcomes, one per requested id, in order.
#[derive(Serialize, ToSchema)]
pub struct BulkResults {
    pub results: Vec<BulkOutcome>,
}

/// An owner or admin, as support sees it: enough to pick the account, never
/// the address itself.
#[derive(Serialize, ToSchema)]
pub struct SupportUser {
    pub id: UserId,
    pub username: String,
    pub role: Role,
    pub status: Status,
    pub has_email: bool,
    pub email_status: EmailStatus,
    pub mfa_enabled: bool,
    #[schema(format = DateTime)]
    pub password_changed_at: Option<String>,
}

impl From<&User> for SupportUser {
    fn from(u: &User) -> Self {
        SupportUser {
            id: u.id.clone(),
            username: u.username.clone(),
            role: u.role,
            status: u.status,
            has_email: u.email.is_some(),
            email_status: u.email_status,
            mfa_enabled: u.mfa_enabled,
            password_changed_at: u.password_changed_at.map(rfc3339),
        }
    }
}

/// Support's lookup.
#[derive(Serialize, ToSchema)]
pub struct SupportUsers {
    pub users: Vec<SupportUser>,
}

/// An RFC 9457 problem document, every error's body.
#[derive(Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// Stable, machine-readable: what a client branches on.
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The fields at fault, for a page to mark (see "Field errors").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// What a refused password breaks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violations: Option<Vec<Violation>>,
    /// The tenant setting that refused it (`forbidden_by_policy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setting: Option<String>,
}

/// A schema for a body that is not JSON (pages, assets, the logo).
pub fn text_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .into()
}

/// One of a user's sessions. Its id is not its token.
#[derive(Serialize, ToSchema)]
pub struct SessionInfo {
    pub id: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Accurate to a minute: a use is recorded at most once a minute.
    #[schema(format = DateTime)]
    pub last_used_at: String,
    pub ip: Option<String>,
    /// A short summary such as "Firefox on Windows".
    pub user_agent: Option<String>,
    /// The session of the request that lists it.
    pub current: bool,
}

impl From<&SessionView> for SessionInfo {
    fn from(s: &SessionView) -> Self {
        SessionInfo {
            id: s.id.as_str().to_owned(),
            created_at: rfc3339(s.created_at),
            last_used_at: rfc3339(s.last_used_at),
            ip: s.ip.clone(),
            user_agent: s.user_agent.clone(),
            current: s.current,
        }
    }
}

/// A user's live sessions.
#[derive(Serialize, ToSchema)]
pub struct Sessions {
    pub sessions: Vec<SessionInfo>,
}

/// Where a page may send a person after success: the candidate when the
/// tenant allows it, else `null` (the page goes to the account page).
#[derive(Serialize, ToSchema)]
pub struct ReturnTo {
    pub return_to: Option<String>,
}
