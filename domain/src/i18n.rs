//! The words people read: one Project Fluent catalogue per shipped locale
//! (`domain/locales/*.ftl`, and the admin console's in
//! `domain/locales/console/*.ftl`), shared by the email renderer and the
//! hosted pages.
//! Code holds message ids, never sentences. Pure: the catalogues are compiled in.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A shipped locale. Anything else is refused where a person sets one (`400
/// invalid_request`) and skipped where a browser asks for one.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub enum Locale {
    #[default]
    En,
    De,
    Cs,
    Ja,
    Fr,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 6] = [
        Locale::En,
        Locale::De,
        Locale::Cs,
        Locale::Ja,
        Locale::Fr,
        Locale::Es,
    ];

    /// The BCP 47 tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Cs => "cs",
            Locale::Ja => "ja",
            Locale::Fr => "fr",
            Locale::Es => "es",
        }
    }

    /// Exactly a shipped tag (case-insensitive, as BCP 47 tags are).
    pub fn parse(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(tag.trim()))
    }

    /// The locale's catalogue: the pages' and mails' words, then the admin
    /// console's (`locales/console/`), kept apart by what they hold (only the
    /// console's page carries the console's script messages).
    fn sources(self) -> [&'static str; 2] {
        macro_rules! catalogue {
            ($tag:literal) => {
                [
                    include_str!(concat!("../locales/", $tag, ".ftl")),
                    include_str!(concat!("../locales/console/", $tag, ".ftl")),
                ]
            };
        }
        match self {
            Locale::En => catalogue!("en"),
            Locale::De => catalogue!("de"),
            Locale::Cs => catalogue!("cs"),
            Locale::Ja => catalogue!("ja"),
            Locale::Fr => catalogue!("fr"),
            Locale::Es => catalogue!("es"),
        }
    }

    fn langid(self) -> LanguageIdentifier {
        self.as_str().parse().unwrap_or_default()
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Locale {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Locale::parse(&s).ok_or_else(|| {
            let shipped: Vec<_> = Locale::ALL.iter().map(|l| l.as_str()).collect();
            format!("unknown locale (one of {})", shipped.join(", "))
        })
    }
}
impl From<Locale> for String {
    fn from(l: Locale) -> String {
        l.as_str().to_owned()
    }
}

/// The requested languages of an `Accept-Language` header, best first (by
/// q-value, then by position); `q=0` means "not this one" and is dropped.
pub fn accept_language(header: &str) -> Vec<LanguageIdentifier> {
    let mut ranked: Vec<(u16, usize, LanguageIdentifier)> = header
        .split(',')
        .take(32) // a hostile header costs no more than a long honest one
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .next()
                .map_or(Some(1000), |q| {
                    q.trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))
                        .map(|q| (q * 1000.0) as u16)
                })?;
            let id: LanguageIdentifier = tag.parse().ok()?;
            (q > 0 && tag != "*").then_some((q, i, id))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, id)| id).collect()
}

/// RFC 4647 lookup of the requested languages (best first) among the shipped
/// ones: `de-AT` finds `de`; nothing shipped finds nothing.
pub fn lookup(requested: &[LanguageIdentifier]) -> Option<Locale> {
    let available: Vec<LanguageIdentifier> = Locale::ALL.iter().map(|l| l.langid()).collect();
    fluent_langneg::negotiate_languages(
        requested,
        &available,
        None,
        fluent_langneg::NegotiationStrategy::Lookup,
    )
    .first()
    .and_then(|id| Locale::parse(&id.to_string()))
}

/// A page's (or a mail's) language, in the contract's order: an explicit choice
/// (`?lang=`), the signed-in user's own locale, the browser's `Accept-Language`,
/// then the tenant's default. Unknown or unshipped choices fall through.
pub fn negotiate(
    explicit: Option<&str>,
    user: Option<Locale>,
    accept: Option<&str>,
    tenant_default: Locale,
) -> Locale {
    let explicit = explicit.and_then(|tag| {
        let id: LanguageIdentifier = tag.parse().ok()?;
        lookup(&[id])
    });
    explicit
        .or(user)
        .or_else(|| accept.and_then(|a| lookup(&accept_language(a))))
        .unwrap_or(tenant_default)
}

struct Catalogue {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let bundles = Locale::ALL
        .into_iter()
        .map(|locale| {
            let mut bundle = FluentBundle::new_concurrent(vec![locale.langid()]);
            // No Unicode isolation marks around placeables: they would end up
            // inside links and subjects, and links must stay byte-identical.
            bundle.set_use_isolating(false);
            for source in locale.sources() {
                // A syntax error keeps the entries that parsed (the completeness
                // test fails on it long before anything ships).
                let resource = FluentResource::try_new(source.to_owned())
                    .unwrap_or_else(|(partial, _)| partial);
                let _ = bundle.add_resource(resource);
            }
            (locale, bundle)
        })
        .collect();
    Catalogue { bundles }
});

/// Builds the catalogues now rather than at their first use.
pub fn warm() {
    LazyLock::force(&CATALOGUE);
}

/// Arguments for a message: `&[("tenant", "Acme".into()), ("count", 5.into())]`.
pub type Args<'a> = [(&'a str, Arg<'a>)];

#[derive(Clone, Debug)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}
impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}
impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

/// The message `id` in `locale`, with `args`; English when the locale lacks it
/// (the completeness test keeps that from happening), the id itself when
/// English lacks it too.
pub fn text(locale: Locale, id: &str, args: &Args<'_>) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(*s)),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    for l in [locale, Locale::En] {
        let Some(bundle) = CATALOGUE.bundles.get(&l) else {
            continue;
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let out = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        // A message that names a variable its caller did not supply: the unit
        // tests render every message in every locale, so they fail here.
        #[cfg(test)]
        assert!(errors.is_empty(), "{l}/{id}: {errors:?}");
        if !errors.is_empty() {
            tracing::warn!(locale = %l, id, "message rendered with errors");
        }
        return out.into_owned();
    }
    tracing::warn!(locale = %locale, id, "message missing from the catalogue");
    id.to_owned()
}

/// A duration in words, in the largest whole unit ("24 hours", "2 days",
/// "30 minutes"): the reader's clock and time zone are unknown, so mails and
/// pages say how long, never until when.
pub fn duration(locale: Locale, seconds: i64) -> String {
    // Whole days only from two on: "24 hours" reads better than "1 day" for
    // the admin links' default.
    const TWO_DAYS: i64 = 172_800;
    let seconds = seconds.max(60);
    let (id, count) = if seconds % 86_400 == 0 && seconds >= TWO_DAYS {
        ("duration-days", seconds / 86_400)
    } else if seconds % 3600 == 0 {
        ("duration-hours", seconds / 3600)
    } else {
        // Rounded up: a link never lasts less than it says.
        ("duration-minutes", (seconds + 59) / 60)
    };
    text(locale, id, &[("count", count.into())])
}

/// Every message id of a locale's catalogue, with the variables each uses
/// (for the completeness tests and the pages' catalogue).
pub fn message_ids(locale: Locale) -> Vec<String> {
    locale
        .sources()
        .into_iter()
        .filter_map(|source| fluent_syntax::parser::parse(source).ok())
        .flat_map(|resource| {
            resource
                .body
                .into_iter()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The page script's messages (ids starting `js-`) of a locale as one JSON
/// object, built once: variables stay `{name}` markers that the script fills
/// (page messages keep no plural selectors; counts go through `Intl`). The
/// hosted pages get the pages' messages only; the admin console's page
/// ([`console_catalogue`]) those and the console's own.
pub fn script_catalogue(locale: Locale) -> &'static str {
    static CACHE: LazyLock<HashMap<Locale, String>> = LazyLock::new(|| catalogues(false));
    CACHE.get(&locale).map(String::as_str).unwrap_or("{}")
}

/// The admin console's script messages: the pages' and its own (see
/// [`script_catalogue`]).
pub fn console_catalogue(locale: Locale) -> &'static str {
    static CACHE: LazyLock<HashMap<Locale, String>> = LazyLock::new(|| catalogues(true));
    CACHE.get(&locale).map(String::as_str).unwrap_or("{}")
}

fn catalogues(console: bool) -> HashMap<Locale, String> {
    Locale::ALL
        .into_iter()
        .map(|l| {
            let mut messages = serde_json::Map::new();
            // English first, so a message a locale lacks still reads.
            for locale in [Locale::En, l] {
                let [pages, own] = locale.sources();
                let sources = if console {
                    vec![pages, own]
                } else {
                    vec![pages]
                };
                for source in sources {
                    for (id, text) in raw_messages(source, "js-") {
                        messages.insert(id, serde_json::Value::String(text));
                    }
                }
            }
            (l, serde_json::Value::Object(messages).to_string())
        })
        .collect()
}

/// The messages of a catalogue's source whose id starts with `prefix`, as
/// written, with each variable reference as a `{name}` marker.
fn raw_messages(source: &str, prefix: &str) -> Vec<(String, String)> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
    let Ok(resource) = fluent_syntax::parser::parse(source) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in &resource.body {
        let Entry::Message(m) = entry else { continue };
        let Some(pattern) = &m.value else { continue };
        if !m.id.name.starts_with(prefix) {
            continue;
        }
        let mut text = String::new();
        for el in &pattern.elements {
            match el {
                PatternElement::TextElement { value } => text.push_str(value),
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::VariableReference { id }),
                } => {
                    text.push('{');
                    text.push_str(id.name);
                    text.push('}');
                }
                PatternElement::Placeable { .. } => {}
            }
        }
        out.push((m.id.name.to_owned(), text));
    }
    out
}
