//! The badge's options, in one table: each is an attribute of `<loyalty-badge>` and a key of
//! `mount()`'s options. Attribute parsing, the JavaScript option names and types, README's
//! table, the TypeScript declarations and the custom-elements manifest all come from
//! [`OPTIONS`] (`tests/options.rs` and `tests/generated` fail when what is made from it
//! drifts).
//!
//! Pure data and parsing, compiled without any feature, so native tests and generators can read
//! it; the browser side (reading an element, a JavaScript object) is in `settings.rs`.

use std::fmt;

use crate::api::appearance::{Theme, Variant};
use crate::api::id_type::IdType;
use crate::api::text::Echo;

/// Names one option: the index of its row in [`OPTIONS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptionKey {
    /// `user-id` / `userId`.
    UserId,
    /// `id-type` / `idType`.
    IdType,
    /// `api-base` / `apiBase`.
    ApiBase,
    /// `environment`.
    Environment,
    /// `client-id` / `clientId`.
    ClientId,
    /// `api-key` / `apiKey`.
    ApiKey,
    /// `locale`.
    Locale,
    /// `time-zone` / `timeZone`.
    TimeZone,
    /// `page-size` / `pageSize`.
    PageSize,
    /// `variant`.
    Variant,
    /// `theme`.
    Theme,
    /// `timeout`.
    Timeout,
    /// `refresh-interval` / `refreshInterval`.
    RefreshInterval,
    /// `member-token` / `memberToken`.
    MemberToken,
    /// `open`.
    Open,
}

/// The values an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// Any text (TypeScript `string`).
    Text,
    /// A whole number of at least `min` (TypeScript `number`).
    Whole {
        /// The smallest value accepted.
        min: u32,
    },
    /// One of these names (TypeScript: a union of string literals).
    OneOf(&'static [&'static str]),
    /// On or off (TypeScript `boolean`): as an attribute, on when present, whatever its value
    /// (like HTML's `<details open>`).
    Flag,
}

/// One option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionSpec {
    /// Which option this row is.
    pub key: OptionKey,
    /// The attribute's name (`page-size`).
    pub attribute: &'static str,
    /// The JavaScript option's name (`pageSize`).
    pub property: &'static str,
    /// What values it takes.
    pub value: ValueType,
    /// Whether its value must never be shown in a debug line (ids, keys, tokens).
    pub private: bool,
    /// Whether a badge needs it (`mount()`'s options must have it).
    pub required: bool,
    /// What it means, for README and the type declarations (Markdown). Documentation only, so
    /// not on wasm32: the bundle never reads it.
    #[cfg(not(target_arch = "wasm32"))]
    pub meaning: &'static str,
    /// What applies when it is not given (Markdown). Not on wasm32, like `meaning`.
    #[cfg(not(target_arch = "wasm32"))]
    pub default: &'static str,
}

const fn text(key: OptionKey, attribute: &'static str, property: &'static str) -> OptionSpec {
    OptionSpec {
        key,
        attribute,
        property,
        value: ValueType::Text,
        private: false,
        required: false,
        #[cfg(not(target_arch = "wasm32"))]
        meaning: "",
        #[cfg(not(target_arch = "wasm32"))]
        default: "none",
    }
}

impl OptionSpec {
    // On wasm32 the text is dropped here, so the table the bundle reads holds none of it.
    #[cfg_attr(target_arch = "wasm32", allow(unused_variables))]
    const fn means(self, meaning: &'static str, default: &'static str) -> Self {
        OptionSpec {
            #[cfg(not(target_arch = "wasm32"))]
            meaning,
            #[cfg(not(target_arch = "wasm32"))]
            default,
            ..self
        }
    }

    const fn takes(self, value: ValueType) -> Self {
        OptionSpec { value, ..self }
    }

    const fn private(self) -> Self {
        OptionSpec {
            private: true,
            ..self
        }
    }

    const fn required(self) -> Self {
        OptionSpec {
            required: true,
            ..self
        }
    }

    /// The default as an attribute's value (`10`, `full`), when it is one; `None` when the
    /// default is a behaviour ("the page's origin") or there is none.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn default_value(&self) -> Option<&'static str> {
        let default = self.default;
        match self.value {
            ValueType::Whole { .. } => default.parse::<u32>().is_ok().then_some(default),
            ValueType::OneOf(names) => default
                .strip_prefix('`')
                .and_then(|d| d.strip_suffix('`'))
                .filter(|name| names.contains(name)),
            ValueType::Text | ValueType::Flag => None,
        }
    }
}

/// Every option, in the order of [`OptionKey`].
pub const OPTIONS: &[OptionSpec] = &[
    text(OptionKey::UserId, "user-id", "userId")
        .private()
        .required()
        .means("the member's identifier (required)", "none"),
    text(OptionKey::IdType, "id-type", "idType")
        .takes(ValueType::OneOf(IdType::NAMES))
        .means("what `user-id` is", "not sent (CrowdTwist's own id)"),
    text(OptionKey::ApiBase, "api-base", "apiBase").means(
        "what goes in front of `/v2/users/...`: a proxy path (`/loyalty`) or an origin",
        "the page's origin",
    ),
    text(OptionKey::Environment, "environment", "environment").means(
        "with `client-id`, instead of `api-base`: `https://{environment}api{client-id}.crowdtwist.com`",
        "none",
    ),
    text(OptionKey::ClientId, "client-id", "clientId")
        .means("the CrowdTwist client id, with `environment`", "none"),
    text(OptionKey::ApiKey, "api-key", "apiKey").private().means(
        "sent as `api_key`; sandboxes and internal pages only: anyone who loads the page can read \
         it (in production, a proxy adds it: `api-base`)",
        "none",
    ),
    text(OptionKey::Locale, "locale", "locale").means(
        "BCP 47 tag for the badge's words, numbers and dates (see Languages)",
        "`<html lang>`, then the browser's",
    ),
    text(OptionKey::TimeZone, "time-zone", "timeZone")
        .means("IANA zone for dates", "the viewer's"),
    text(OptionKey::PageSize, "page-size", "pageSize")
        .takes(ValueType::Whole { min: 1 })
        .means("history entries before a \"Show more\" button", "10"),
    text(OptionKey::Variant, "variant", "variant")
        .takes(ValueType::OneOf(Variant::NAMES))
        .means(
            "`full` (summary and history) or `compact` (one line: fan level and redeemable points)",
            "`full`",
        ),
    text(OptionKey::Theme, "theme", "theme")
        .takes(ValueType::OneOf(Theme::NAMES))
        .means("colours; `auto` follows `prefers-color-scheme`", "`auto`"),
    text(OptionKey::Timeout, "timeout", "timeout")
        .takes(ValueType::Whole { min: 1 })
        .means("request time limit in milliseconds", "10000"),
    text(OptionKey::RefreshInterval, "refresh-interval", "refreshInterval")
        .takes(ValueType::Whole { min: 0 })
        .means(
            "seconds between refreshes while the tab is visible (at least 5); 0 is off",
            "0",
        ),
    text(OptionKey::MemberToken, "member-token", "memberToken")
        .private()
        .means(
            "sent as the `X-Member-Token` header, for a proxy that requires one",
            "none",
        ),
    text(OptionKey::Open, "open", "open")
        .takes(ValueType::Flag)
        .means(
            "whether the `compact` variant shows its details (the full view); the element \
             reflects the member's toggling here and dispatches `loyalty-badge:toggle`",
            "absent (closed)",
        ),
];

// Each row sits at its key's index, so `key.spec()` is an index, checked when compiling.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated by the compiler, not at run time"
)]
const _: () = {
    let mut i = 0;
    while i < OPTIONS.len() {
        assert!(
            OPTIONS[i].key as usize == i,
            "OPTIONS is out of OptionKey's order"
        );
        i += 1;
    }
};

impl OptionKey {
    /// This option's row.
    #[allow(
        clippy::indexing_slicing,
        reason = "every key indexes its row: checked when compiling, just above"
    )]
    pub fn spec(self) -> &'static OptionSpec {
        &OPTIONS[self as usize]
    }
}

/// The option whose JavaScript name is `property`.
pub fn by_property(property: &str) -> Option<&'static OptionSpec> {
    OPTIONS.iter().find(|spec| spec.property == property)
}

/// A given option's value, before interpretation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionValue {
    /// For [`ValueType::Text`] and [`ValueType::OneOf`] (checked later, by its type).
    Text(String),
    /// For [`ValueType::Whole`].
    Whole(u32),
    /// For [`ValueType::Flag`].
    Flag(bool),
}

/// The options as given: one slot per row of [`OPTIONS`]; `None` means "not given: use the
/// default". `Debug` leaves out the values of private options.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct OptionValues([Option<OptionValue>; OPTIONS.len()]);

impl OptionValues {
    /// The value given for `key`.
    pub fn get(&self, key: OptionKey) -> Option<&OptionValue> {
        self.0.get(key as usize).and_then(Option::as_ref)
    }

    /// Sets (or, with `None`, resets) `key`.
    pub fn set(&mut self, key: OptionKey, value: Option<OptionValue>) {
        if let Some(slot) = self.0.get_mut(key as usize) {
            *slot = value;
        }
    }

    /// The text given for `key`, if any.
    pub fn text(&self, key: OptionKey) -> Option<&str> {
        match self.get(key) {
            Some(OptionValue::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// The number given for `key`, if any.
    pub fn whole(&self, key: OptionKey) -> Option<u32> {
        match self.get(key) {
            Some(OptionValue::Whole(n)) => Some(*n),
            _ => None,
        }
    }

    /// Whether `key` is on (`false` when not given).
    pub fn flag(&self, key: OptionKey) -> bool {
        matches!(self.get(key), Some(OptionValue::Flag(true)))
    }
}

impl fmt::Debug for OptionValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (spec, value) in OPTIONS.iter().zip(&self.0) {
            match value {
                Some(_) if spec.private => map.entry(&spec.attribute, &"<redacted>"),
                Some(value) => map.entry(&spec.attribute, value),
                None => continue,
            };
        }
        map.finish()
    }
}

/// An attribute's text as the option's value. A number that does not parse is refused with a
/// message for the console.
pub fn parse_attribute(spec: &OptionSpec, raw: &str) -> Result<OptionValue, String> {
    match spec.value {
        ValueType::Text | ValueType::OneOf(_) => Ok(OptionValue::Text(raw.to_owned())),
        ValueType::Whole { .. } => raw
            .trim()
            .parse()
            .map(OptionValue::Whole)
            .map_err(|_| format!("“{}” is not a whole number", Echo(raw))),
        // Present is on, as with HTML's boolean attributes (an absent one is not parsed).
        ValueType::Flag => Ok(OptionValue::Flag(true)),
    }
}

/// README's table of attributes and options (Markdown), from [`OPTIONS`].
#[cfg(not(target_arch = "wasm32"))]
pub fn markdown_table() -> String {
    use std::fmt::Write as _;

    let mut out = String::from(
        "| attribute | option | values | meaning | default |\n|---|---|---|---|---|\n",
    );
    for spec in OPTIONS {
        let values = match spec.value {
            ValueType::Text => "text".to_owned(),
            ValueType::Whole { min } => format!("whole number ≥ {min}"),
            ValueType::Flag => "boolean (an attribute is on when present)".to_owned(),
            ValueType::OneOf(names) => names
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {values} | {} | {} |",
            spec.attribute, spec.property, spec.meaning, spec.default
        );
    }
    out
}
