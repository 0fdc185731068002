use serde::{Deserialize, Serialize};

use super::settings::FieldError;
pub use super::settings::{MfaRequiredFor, ResetIdentifier, Settings};

/// A tenant id: `[a-z0-9][a-z0-9-]{0,62}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(try_from = "String", into = "String")]
pub struct TenantId(String);

impl TenantId {
    pub fn parse(s: &str) -> Option<Self> {
        let bytes = s.as_bytes();
        let first_ok = bytes
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let rest_ok = bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
        (first_ok && rest_ok && bytes.len() <= 63).then(|| Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TenantId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("invalid tenant id {s:?}"))
    }
}
impl From<TenantId> for String {
    fn from(t: TenantId) -> String {
        t.0
    }
}
impl std::fmt::Display for TenantId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: TenantId,
    pub name: String,
    #[serde(default)]
    pub settings: Settings,
    /// The uploaded logo's type, when there is one (the bytes live in their own
    /// item, so that reading the tenant on every request stays small).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<LogoType>,
}

impl Tenant {
    /// The name people see: the brand's display name, else the tenant's name.
    pub fn display_name(&self) -> &str {
        self.settings
            .branding
            .display_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&self.name)
    }
}

/// How a tenant presents itself. Every field is optional; each is shown with
/// escaping wherever it appears (pages, mail HTML, mail headers).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branding {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `#rrggbb`, dark enough for white text (WCAG AA, 4.5:1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_contact: Option<SupportContact>,
    /// The display name of mail's `From` (the address stays the deployment's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_from_name: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportContact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Why a brand was refused (`422 invalid_branding`): the field at fault (its
/// path in the settings object) and a machine code, which a page turns into
/// its own words beside that field, and a sentence for the problem's detail
/// (English, like every detail).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct InvalidBranding {
    pub field: &'static str,
    pub code: &'static str,
    /// The most characters the field may hold, when that is what is wrong.
    pub max: Option<u64>,
    pub detail: &'static str,
}

impl InvalidBranding {
    const fn new(field: &'static str, code: &'static str, detail: &'static str) -> Self {
        Self {
            field,
            code,
            max: None,
            detail,
        }
    }
    const fn too_long(field: &'static str, max: u64, detail: &'static str) -> Self {
        Self {
            field,
            code: "too_long",
            max: Some(max),
            detail,
        }
    }
    pub const DISPLAY_NAME: Self = Self::new(
        "branding.display_name",
        "not_a_name",
        "display_name must be a name of at most 64 characters, without < > @ \" or control characters",
    );
    pub const EMAIL_FROM_NAME: Self = Self::new(
        "branding.email_from_name",
        "not_a_name",
        "email_from_name must be a name of at most 64 characters, without < > @ \" or control characters",
    );
    pub const COLOR_FORMAT: Self = Self::new(
        "branding.primary_color",
        "not_a_color",
        "primary_color must be #rrggbb",
    );
    pub const COLOR_TOO_LIGHT: Self = Self::new(
        "branding.primary_color",
        "too_light",
        "primary_color is too light: white text on it is below WCAG AA 4.5:1",
    );
    pub const SUPPORT_EMAIL_TOO_LONG: Self = Self::too_long(
        "branding.support_contact.email",
        254,
        "support_contact.email is too long",
    );
    pub const SUPPORT_PHONE_TOO_LONG: Self = Self::too_long(
        "branding.support_contact.phone",
        40,
        "support_contact.phone is too long",
    );
    pub const SUPPORT_URL_TOO_LONG: Self = Self::too_long(
        "branding.support_contact.url",
        2000,
        "support_contact.url is too long",
    );
    pub const SUPPORT_EMAIL: Self = Self::new(
        "branding.support_contact.email",
        "not_an_email",
        "support_contact.email is not an email address",
    );
    pub const SUPPORT_PHONE: Self = Self::new(
        "branding.support_contact.phone",
        "not_a_phone",
        "support_contact.phone may hold digits, spaces and + - ( ) . only",
    );
    pub const SUPPORT_URL: Self = Self::new(
        "branding.support_contact.url",
        "not_a_web_address",
        "support_contact.url must be an http(s) URL",
    );

    /// The problem document's `errors` entry.
    pub fn field_error(&self) -> FieldError {
        FieldError {
            field: self.field.to_owned(),
            code: self.code,
            min: None,
            max: self.max,
            requirement: None,
            expected: None,
        }
    }
}

impl Branding {
    pub fn validate(&self) -> Result<(), InvalidBranding> {
        // Names end up in a mail's From and Subject and in page titles. A name
        // that holds an address (`PayPal <service@paypal.com>`), quotes, or
        // bidi controls that reverse what follows can pose as someone else.
        let name = |v: &Option<String>, refusal: InvalidBranding| match v {
            Some(v) if !is_plain_name(v) => Err(refusal),
            _ => Ok(()),
        };
        name(&self.display_name, InvalidBranding::DISPLAY_NAME)?;
        name(&self.email_from_name, InvalidBranding::EMAIL_FROM_NAME)?;
        let line = |v: &Option<String>, refusal: InvalidBranding| match (v, refusal.max) {
            (Some(v), Some(max))
                if v.chars().count() as u64 > max || v.chars().any(char::is_control) =>
            {
                Err(refusal)
            }
            _ => Ok(()),
        };
        if let Some(color) = &self.primary_color {
            let ratio = parse_hex_color(color)
                .map(contrast_with_white)
                .ok_or(InvalidBranding::COLOR_FORMAT)?;
            if ratio < 4.5 {
                return Err(InvalidBranding::COLOR_TOO_LIGHT);
            }
        }
        if let Some(c) = &self.support_contact {
            line(&c.email, InvalidBranding::SUPPORT_EMAIL_TOO_LONG)?;
            line(&c.phone, InvalidBranding::SUPPORT_PHONE_TOO_LONG)?;
            line(&c.url, InvalidBranding::SUPPORT_URL_TOO_LONG)?;
            if c.email.as_deref().is_some_and(|e| {
                let (local, domain) = e.split_once('@').unwrap_or(("", ""));
                local.is_empty() || domain.is_empty() || e.contains(char::is_whitespace)
            }) {
                return Err(InvalidBranding::SUPPORT_EMAIL);
            }
            if c.phone.as_deref().is_some_and(|p| {
                !p.chars().any(|ch| ch.is_ascii_digit())
                    || !p
                        .chars()
                        .all(|ch| ch.is_ascii_digit() || " +-().".contains(ch))
            }) {
                return Err(InvalidBranding::SUPPORT_PHONE);
            }
            // Shown as a link: only web addresses, never `javascript:` or `data:`.
            if c.url.as_deref().is_some_and(|u| {
                let lower = u.to_ascii_lowercase();
                !(lower.starts_with("https://") || lower.starts_with("http://"))
                    || u.contains(char::is_whitespace)
            }) {
                return Err(InvalidBranding::SUPPORT_URL);
            }
        }
        Ok(())
    }
}

/// The most characters a display or sender name may have.
pub const MAX_NAME_CHARS: usize = 64;

/// Unicode's bidirectional formatting characters: they reorder the text
/// around them, so `\u{202E}gnp.exe` reads as `exe.png`.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A name, not an address: at most [`MAX_NAME_CHARS`] characters, none of
/// `<`, `>`, `@`, `"`, no control or bidi control characters.
pub fn is_plain_name(s: &str) -> bool {
    s.chars().count() <= MAX_NAME_CHARS
        && !s
            .chars()
            .any(|c| "<>@\"".contains(c) || c.is_control() || is_bidi_control(c))
}

/// `#rrggbb` as three bytes.
pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG 2 contrast ratio of white text on `rgb`, unrounded (4.49 fails AA).
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    1.05 / (l + 0.05)
}

/// The image types a logo may be, told by its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogoType {
    Png,
    Jpeg,
    Webp,
}

impl LogoType {
    pub fn content_type(self) -> &'static str {
        match self {
            LogoType::Png => "image/png",
            LogoType::Jpeg => "image/jpeg",
            LogoType::Webp => "image/webp",
        }
    }
}

/// The most a logo may weigh.
pub const MAX_LOGO_BYTES: usize = 64 * 1024;

/// Why a logo was refused (`422 invalid_logo`): a machine code (and bounds)
/// for pages, a sentence for the problem's detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct InvalidLogo {
    pub code: &'static str,
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub detail: &'static str,
}

impl InvalidLogo {
    pub const TOO_LARGE: Self = Self {
        code: "too_large",
        min: None,
        max: Some(MAX_LOGO_BYTES as u64),
        detail: "the logo exceeds 64 KiB",
    };
    pub const NOT_AN_IMAGE: Self = Self {
        code: "unsupported_type",
        min: None,
        max: None,
        detail: "the logo must be a PNG, JPEG or WebP image",
    };
    pub const UNREADABLE: Self = Self {
        code: "unreadable",
        min: None,
        max: None,
        detail: "the logo's image data cannot be read",
    };
    pub const SIDES: Self = Self {
        code: "out_of_range",
        min: Some(1),
        max: Some(MAX_LOGO_SIDE as u64),
        detail: "the logo must be between 1 and 4096 pixels on each side",
    };

    /// The problem document's `errors` entry (the field is the whole body).
    pub fn field_error(&self) -> FieldError {
        FieldError {
            field: "logo".to_owned(),
            code: self.code,
            min: self.min,
            max: self.max,
            requirement: None,
            expected: None,
        }
    }
}

/// The most pixels a logo may have on a side.
pub const MAX_LOGO_SIDE: usize = 4096;

/// Checks an uploaded logo by its bytes, never by a name or a declared type: the
/// magic number must be PNG, JPEG or WebP, and the image header must decode to
/// sane dimensions. SVG (which can carry script) is refused as text.
pub fn check_logo(bytes: &[u8]) -> Result<LogoType, InvalidLogo> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(InvalidLogo::TOO_LARGE);
    }
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        LogoType::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        LogoType::Jpeg
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        LogoType::Webp
    } else {
        return Err(InvalidLogo::NOT_AN_IMAGE);
    };
    let size = imagesize::blob_size(bytes).map_err(|_| InvalidLogo::UNREADABLE)?;
    if size.width == 0
        || size.height == 0
        || size.width > MAX_LOGO_SIDE
        || size.height > MAX_LOGO_SIDE
    {
        return Err(InvalidLogo::SIDES);
    }
    Ok(kind)
}
