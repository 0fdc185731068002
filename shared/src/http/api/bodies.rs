//! Request bodies shared by several operations.

use secrecy::SecretString;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::usecases::sessions::SecondFactor;

/// The current password and a current second factor (either kind).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FactorBody {
    #[schema(value_type = String, format = Password)]
    pub current_password: SecretString,
    #[serde(default)]
    pub totp_code: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Password)]
    pub recovery_code: Option<SecretString>,
}

/// A link's token (from the page's URL fragment).
#[derive(Deserialize, ToSchema)]
pub struct TokenBody {
    #[schema(value_type = String, format = Password)]
    pub token: SecretString,
}

/// The second factor a request carries, if any: a TOTP code, else a
/// recovery code; blank ones are none.
pub fn second_factor<'a>(
    totp_code: &'a Option<String>,
    recovery_code: &'a Option<SecretString>,
) -> Option<SecondFactor<'a>> {
    use secrecy::ExposeSecret;
    match (totp_code.as_deref(), recovery_code) {
        (Some(code), _) if !code.trim().is_empty() => Some(SecondFactor::Totp(code)),
        (_, Some(code)) if !code.expose_secret().trim().is_empty() => {
            Some(SecondFactor::Recovery(code.expose_secret()))
        }
        _ => None,
    }
}

/// A field longer than `max` characters is `400` before any work.
pub fn check_len(what: &str, value: &str, max: usize) -> Result<(), crate::usecases::AppError> {
    if value.chars().count() > max {
        return Err(crate::usecases::AppError::InvalidRequest(format!(
            "{what} is too long"
        )));
    }
    Ok(())
}
