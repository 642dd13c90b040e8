//! The rest of `<loyalty-badge>`'s public interface, as tables: its events and their details, the
//! kinds of error, the shadow parts and the CSS custom properties. With [`OPTIONS`], they are the
//! one source of the TypeScript declarations (`loyalty-badge.d.ts`), the Custom Elements Manifest
//! (`custom-elements.json`) and README's tables, which `tests/generated` writes and checks
//! (`LOYALTY_BADGE_BLESS=1 cargo test --test generated` rewrites them). The same tests check the
//! tables against what the code does: the `part` names in the components, the custom properties
//! in the stylesheet, the events' details in a browser.
//!
//! A new event, detail field, error kind, part or custom property is one row here.
//!
//! Pure data, compiled without any feature.
//!
//! [`OPTIONS`]: super::options::OPTIONS

use crate::api::error::ErrorKind;

/// The element's tag name.
pub const TAG_NAME: &str = "loyalty-badge";

/// The name of the element's class (defined by `loader.js`, not exported).
pub const CLASS_NAME: &str = "LoyaltyBadgeElement";

/// Names one event: the index of its row in [`EVENTS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKey {
    /// `loyalty-badge:load`.
    Load,
    /// `loyalty-badge:error`.
    Error,
    /// `loyalty-badge:toggle`.
    Toggle,
}

/// The JavaScript type of a detail field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailType {
    /// A string.
    Text,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// One of the names in [`ERROR_KINDS`].
    ErrorKind,
}

/// One field of an event's `detail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DetailField {
    /// Its name in the detail object (camelCase).
    pub name: &'static str,
    /// Its type.
    pub value: DetailType,
    /// Whether it may be `null`.
    pub nullable: bool,
    /// What it holds (Markdown).
    pub meaning: &'static str,
}

/// One event, dispatched on the element with `bubbles: true, composed: true`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventSpec {
    /// Which event this row is.
    pub key: EventKey,
    /// The event's type (`loyalty-badge:load`).
    pub name: &'static str,
    /// The TypeScript name of its detail's type.
    pub detail_type: &'static str,
    /// When it is dispatched (Markdown).
    pub meaning: &'static str,
    /// Its detail's fields, in order.
    pub fields: &'static [DetailField],
}

const fn field(name: &'static str, value: DetailType, meaning: &'static str) -> DetailField {
    DetailField {
        name,
        value,
        nullable: false,
        meaning,
    }
}

const fn nullable(name: &'static str, value: DetailType, meaning: &'static str) -> DetailField {
    DetailField {
        nullable: true,
        ..field(name, value, meaning)
    }
}

/// Every event, in the order of [`EventKey`].
pub const EVENTS: &[EventSpec] = &[
    EventSpec {
        key: EventKey::Load,
        name: "loyalty-badge:load",
        detail_type: "LoyaltyBadgeLoadDetail",
        meaning: "the member's points arrived (first load, refresh, or a changed member)",
        fields: &[
            nullable(
                "id",
                DetailType::Text,
                "the member's CrowdTwist id, as a string",
            ),
            field(
                "totalPoints",
                DetailType::Number,
                "every point the member has earned",
            ),
            field(
                "redeemablePoints",
                DetailType::Number,
                "the points the member can spend now",
            ),
            nullable(
                "numPointsPurchased",
                DetailType::Number,
                "the points the member bought",
            ),
            nullable("fanLevel", DetailType::Text, "the member's fan level"),
            field(
                "activityCount",
                DetailType::Number,
                "the entries in the history",
            ),
        ],
    },
    EventSpec {
        key: EventKey::Error,
        name: "loyalty-badge:error",
        detail_type: "LoyaltyBadgeErrorDetail",
        meaning: "the badge could not show the points, once its automatic retries are over; \
                  it shows `message` instead (after a failed refresh, it keeps the figures it \
                  showed, marked possibly out of date)",
        fields: &[
            field("kind", DetailType::ErrorKind, "what kind of failure it is"),
            nullable(
                "code",
                DetailType::Text,
                "the API's or the proxy's error code (`param_error`, `token_expired`, ...)",
            ),
            nullable(
                "status",
                DetailType::Number,
                "the HTTP status, when an answer arrived",
            ),
            field(
                "message",
                DetailType::Text,
                "what the badge shows the member",
            ),
            field(
                "retryable",
                DetailType::Boolean,
                "whether asking again can help (the badge then offers Retry)",
            ),
        ],
    },
    EventSpec {
        key: EventKey::Toggle,
        name: "loyalty-badge:toggle",
        detail_type: "LoyaltyBadgeToggleDetail",
        meaning: "the `compact` badge opened or closed, whatever did it (the member, the `open` \
                  attribute, `update({ open })`)",
        fields: &[field(
            "open",
            DetailType::Boolean,
            "whether its details are now shown",
        )],
    },
];

// Each row sits at its key's index, so `key.spec()` is an index, checked when compiling.
#[expect(
    clippy::indexing_slicing,
    reason = "a constant evaluated when compiling: an index out of range fails the build"
)]
const _: () = {
    let mut i = 0;
    while i < EVENTS.len() {
        assert!(
            EVENTS[i].key as usize == i,
            "EVENTS is out of EventKey's order"
        );
        i += 1;
    }
};

impl EventKey {
    /// This event's row.
    #[expect(
        clippy::indexing_slicing,
        reason = "every key indexes its row: checked when compiling, just above"
    )]
    pub const fn spec(self) -> &'static EventSpec {
        &EVENTS[self as usize]
    }
}

/// One kind of error: the `kind` of a `loyalty-badge:error` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorKindSpec {
    /// The kind; its name is [`ErrorKind::as_str`].
    pub kind: ErrorKind,
    /// What it means (Markdown).
    pub meaning: &'static str,
}

/// Lists the rows of [`ERROR_KINDS`] and makes sure every [`ErrorKind`] has one.
macro_rules! error_kinds {
    ($($kind:ident: $meaning:literal,)+) => {
        /// Every kind of error, in the order the documentation lists them.
        pub const ERROR_KINDS: &[ErrorKindSpec] = &[
            $(ErrorKindSpec { kind: ErrorKind::$kind, meaning: $meaning },)+
        ];

        // A new ErrorKind fails to compile here until it has its row above.
        const _: fn(ErrorKind) = |kind| match kind {
            $(ErrorKind::$kind)|+ => {}
        };
    };
}

error_kinds! {
    InvalidInput: "refused before any request was made: a member id, id type or endpoint that \
                   does not parse",
    NotFound: "the member does not exist",
    Forbidden: "the proxy refused the member token (`token_required`, `token_invalid`, \
                `token_expired`): asking again cannot help, a fresh token can",
    Api: "the API answered with its own error (`code` and `status` say which)",
    Http: "an HTTP error whose body is not the API's (a gateway's HTML page, an empty body)",
    Network: "no answer: the connection failed or was dropped, or CORS refused it",
    Timeout: "no answer within the `timeout`",
    Decode: "an answer that could not be read as points",
    Internal: "the widget itself failed (a panic): every badge on the page shows that it \
               stopped, until the page is reloaded",
}

/// One shadow part: `loyalty-badge::part(name)` styles it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartSpec {
    /// The part's name.
    pub name: &'static str,
    /// What it is (Markdown).
    pub meaning: &'static str,
}

const fn part(name: &'static str, meaning: &'static str) -> PartSpec {
    PartSpec { name, meaning }
}

/// Every shadow part, stable across versions (host pages style them, tests find things by them).
pub const PARTS: &[PartSpec] = &[
    part(
        "summary",
        "the figures: total, redeemable and fan level (in `compact`, the one line)",
    ),
    part("total", "the total points"),
    part("redeemable", "the redeemable points"),
    part("fan-level", "the fan level"),
    part("timeline", "the history, a list"),
    part("activity", "one entry of the history"),
    part("activity-name", "an entry's name"),
    part(
        "activity-points",
        "an entry's points, signed (`data-sign` is `positive`, `negative` or `zero`)",
    ),
    part(
        "activity-date",
        "an entry's date: a `<time>` whose `datetime` is the UTC instant",
    ),
    part("activity-notes", "an entry's notes"),
    part("more", "the \"Show more\" button"),
    part(
        "loading",
        "the placeholder shown while the first answer is awaited",
    ),
    part("empty", "the line shown when the history is empty"),
    part(
        "error",
        "the error notice (`data-kind` is the error's kind)",
    ),
    part("retry", "the Retry button, when asking again can help"),
    part(
        "toggle",
        "the `compact` variant's line: a button that opens and closes its details \
         (`aria-expanded`)",
    ),
    part(
        "retry-status",
        "an automatic retry waiting or under way (\"Trying again in 2 s…\"), or figures \
         that may be out of date after a failed refresh (with `retry`); the badge's live region \
         says the same",
    ),
];

/// One CSS custom property the badge reads: set it on the element or any ancestor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CssPropertySpec {
    /// The property's name, with its leading `--`.
    pub name: &'static str,
    /// The values it takes, as a CSS syntax string (`<color>`, `*`).
    pub syntax: &'static str,
    /// Its value when unset (in the light theme).
    pub default: &'static str,
    /// Its value when unset in the dark theme, if it differs.
    pub dark_default: Option<&'static str>,
    /// What it changes (Markdown).
    pub meaning: &'static str,
}

const fn colour(
    name: &'static str,
    light: &'static str,
    dark: &'static str,
    meaning: &'static str,
) -> CssPropertySpec {
    CssPropertySpec {
        name,
        syntax: "<color>",
        default: light,
        dark_default: Some(dark),
        meaning,
    }
}

/// Every CSS custom property, in the order README lists them.
pub const CSS_PROPERTIES: &[CssPropertySpec] = &[
    colour(
        "--loyalty-badge-accent",
        "#4a3fd1",
        "#b1a6ff",
        "the accent: fan level, buttons, focus ring",
    ),
    colour("--loyalty-badge-color", "#1d1d28", "#ececf4", "the text"),
    colour(
        "--loyalty-badge-muted-color",
        "#5b5b6e",
        "#a9a9bd",
        "labels and dates",
    ),
    colour(
        "--loyalty-badge-background",
        "#ffffff",
        "#17171f",
        "the background",
    ),
    colour(
        "--loyalty-badge-border-color",
        "#dcdce6",
        "#34344a",
        "the border and separators",
    ),
    colour(
        "--loyalty-badge-positive-color",
        "#16703a",
        "#6fdc9b",
        "points earned",
    ),
    colour(
        "--loyalty-badge-negative-color",
        "#b3261e",
        "#ff9a90",
        "points spent, and error messages",
    ),
    colour(
        "--loyalty-badge-skeleton-color",
        "#ececf3",
        "#2a2a38",
        "the loading placeholder's shapes",
    ),
    CssPropertySpec {
        name: "--loyalty-badge-radius",
        syntax: "<length>",
        default: "12px",
        dark_default: None,
        meaning: "the corners' radius",
    },
    CssPropertySpec {
        name: "--loyalty-badge-font",
        syntax: "*",
        default: "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        dark_default: None,
        meaning: "the font family (a `font-family` list)",
    },
];
