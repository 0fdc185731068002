//! JSON schemas of the domain's string types whose serde form derive cannot
//! see (`try_from`/`into` a `String`), for the HTTP layer's derived OpenAPI
//! document. Built from the same tables the parsers use, so they cannot drift.

use std::borrow::Cow;

use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};

use super::{Locale, TenantId, UserId};

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(SchemaType::Type(Type::String))
}

impl utoipa::PartialSchema for Locale {
    fn schema() -> RefOr<Schema> {
        string()
            .enum_values(Some(Locale::ALL.iter().map(|l| l.as_str())))
            .description(Some("A shipped language (BCP 47 tag)."))
            .into()
    }
}
impl utoipa::ToSchema for Locale {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Locale")
    }
}

impl utoipa::PartialSchema for TenantId {
    fn schema() -> RefOr<Schema> {
        string().pattern(Some("^[a-z0-9][a-z0-9-]{0,62}$")).into()
    }
}
impl utoipa::ToSchema for TenantId {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("TenantId")
    }
}

impl utoipa::PartialSchema for UserId {
    fn schema() -> RefOr<Schema> {
        string().min_length(Some(1)).into()
    }
}
impl utoipa::ToSchema for UserId {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("UserId")
    }
}

/// A setting's value in a field error or a compliance floor: a number, a
/// boolean, a string (an enum's name) or `null`.
pub fn scalar() -> utoipa::openapi::schema::Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::Array(vec![
            Type::String,
            Type::Number,
            Type::Boolean,
            Type::Null,
        ]))
        .build()
}
