//! The badge's words, in one place, looked up by message id, in every language the badge speaks.
//!
//! Every sentence or label the badge shows a member is a [`Message`]: a message id with plain
//! values (numbers, the API's own strings, a refused input). Its words come from a [`Catalog`],
//! one file per language under `text/` (`text/de.rs`), listed in [`LANGUAGES`]; [`Message`]'s
//! `Display` is the English catalog. A catalog is data, not code: each message is a template
//! (`"Show {count} more"`), or a [`Plural`] with one template per CLDR plural category, and one
//! function here ([`Message::render`]) fills them in. So a language costs its strings and nothing
//! else, and a missing message is a compile error (every catalog is the same struct).
//!
//! Numbers are formatted, and plural categories chosen, by a [`Numbers`] given by the caller: the
//! browser's `Intl` in the widget (`ui::intl`), plain digits and English's rule for `Display`.
//!
//! This module depends on nothing else in the crate, so every module may use it and no import
//! circle can go through it.

use std::fmt;

mod ar;
mod de;
mod en;
mod es;
mod fr;
mod ja;
mod pt_br;

/// Every language the badge speaks, English first (the fallback).
pub static LANGUAGES: &[&Catalog] = &[
    &en::CATALOG,
    &es::CATALOG,
    &fr::CATALOG,
    &de::CATALOG,
    &pt_br::CATALOG,
    &ja::CATALOG,
    &ar::CATALOG,
];

/// The English catalog: `Display`'s, and the one used when no other matches.
pub fn english() -> &'static Catalog {
    &en::CATALOG
}

/// The most characters of a refused input echoed back in a message.
pub const MAX_ECHO_CHARS: usize = 40;

/// A refused input echoed back safely: at most [`MAX_ECHO_CHARS`] characters (then `…`), control
/// characters escaped, so a hostile value cannot flood or reshape a message or a console line.
#[derive(Clone, Copy, Debug)]
pub struct Echo<'a>(pub &'a str);

impl fmt::Display for Echo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars().take(MAX_ECHO_CHARS) {
            if c.is_control() {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        if self.0.chars().nth(MAX_ECHO_CHARS).is_some() {
            f.write_str("…")?;
        }
        Ok(())
    }
}

/// The closed sets of names a setting takes (see `api::name`); their noun appears in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameSet {
    /// `id_type` / `id-type`.
    IdType,
    /// `variant`.
    Variant,
    /// `theme`.
    Theme,
}

/// Everything the badge can say, by id. `Display` gives the English text; [`Message::render`]
/// any language's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message<'a> {
    /// The accessible name of the whole widget.
    WidgetLabel,
    /// Label of the lifetime total.
    TotalPoints,
    /// Label of the spendable balance.
    RedeemablePoints,
    /// Label of the tier.
    FanLevel,
    /// Shown when the answer had no fan level.
    NoFanLevel,
    /// Title of the activity timeline.
    History,
    /// The timeline's empty state.
    NoActivity,
    /// An entry without a date.
    DateUnknown,
    /// Announced while loading.
    Loading,
    /// Announced while refreshing figures that stay visible.
    Updating,
    /// The retry button.
    Retry,
    /// The "Show more" button: how many more entries one press reveals.
    ShowMore {
        /// Entries the next press reveals.
        count: usize,
    },
    /// How many history entries were left out because they were malformed.
    UnreadableEntries {
        /// Entries left out.
        count: usize,
    },
    /// A short label for an id type, by its wire name (`email`: "E-mail address"), for forms.
    IdTypeLabel {
        /// The id type's wire name.
        wire_name: &'a str,
    },
    /// The compact variant's figure: "1,000 redeemable points" (the number is a value of its
    /// own, `count`, so a view can wrap it).
    RedeemableCount {
        /// The redeemable points.
        count: i64,
    },
    /// The summary as a sentence, for assistive technology: "1,000 redeemable points of 1,000
    /// total".
    PointsSummary {
        /// The redeemable points (they choose the plural form).
        redeemable: i64,
        /// The lifetime total.
        total: i64,
    },
    /// The fan level as a sentence: "Fan level: New Fan."
    FanLevelIs {
        /// The API's fan level (or [`Message::NoFanLevel`]'s words).
        level: &'a str,
    },
    /// A history entry's amount in words, when points were gained: "earned 1,000 points".
    Earned {
        /// How many (zero or more).
        points: i64,
    },
    /// A history entry's amount in words, when points were spent: "spent 250 points".
    Spent {
        /// How many, as a positive number.
        points: i64,
    },

    /// No member id, or only whitespace.
    NoMemberId,
    /// `.` or `..` as a member id.
    DotSegment {
        /// The id given.
        id: &'a str,
    },
    /// A control character in the member id.
    ControlCharacter,
    /// A member id over the byte limit.
    MemberIdTooLong {
        /// Its length in UTF-8 bytes.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// A name outside its closed set (`id-type="login_name"`).
    UnknownName {
        /// Which set.
        set: NameSet,
        /// What was given (echoed through [`Echo`]).
        given: &'a str,
        /// The names allowed.
        allowed: &'a [&'a str],
    },
    /// A CrowdTwist environment with characters a host name cannot hold.
    BadEnvironment,
    /// A CrowdTwist client id that is empty or holds characters a host name cannot hold.
    BadClientId,
    /// An endpoint with spaces or control characters.
    EndpointWhitespace,
    /// An endpoint with a query or a fragment.
    EndpointQueryOrFragment,
    /// An endpoint that is neither a path nor an http(s) address.
    EndpointNotPathOrHttp,
    /// An endpoint whose host name is not ASCII.
    EndpointNonAsciiHost,

    /// The member does not exist.
    NotFound,
    /// A member token was missing or wrong.
    NotAllowed,
    /// The member token has expired.
    SignInExpired,
    /// The API refused the request; `what` is its message (or its code).
    Refused {
        /// The API's message, or its code when the message is empty.
        what: &'a str,
    },
    /// The API said 429 with its own body and a `Retry-After`.
    BusyFor {
        /// The API's message, or its code.
        what: &'a str,
        /// Seconds to wait.
        seconds: u32,
    },
    /// A bare 429, with or without `Retry-After`.
    HttpBusy {
        /// Seconds to wait, when the answer said.
        seconds: Option<u32>,
    },
    /// A 5xx without the API's body.
    Unavailable {
        /// The HTTP status.
        status: u16,
    },
    /// Another HTTP error without the API's body.
    HttpError {
        /// The HTTP status.
        status: u16,
    },
    /// No answer: offline, dropped, refused by CORS.
    Unreachable,
    /// No answer within the time limit.
    TooSlow {
        /// The limit, in whole seconds (rounded up).
        seconds: u32,
    },
    /// An answer that could not be read as points.
    Unreadable {
        /// What was wrong with it, for the page's developer.
        detail: &'a str,
    },

    /// An automatic retry is waiting (announced politely, the figures shown stay).
    RetryWaiting {
        /// Whole seconds until it starts (rounded up).
        seconds: u32,
    },
    /// An automatic retry is under way.
    Retrying,
    /// A refresh failed; the figures shown are the last ones that arrived.
    MaybeOutdated,
    /// The widget's code stopped (a panic); only a reload brings it back.
    WidgetStopped,
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut result = Ok(());
        self.pieces(english(), &PlainNumbers, &mut |_, piece| {
            if result.is_ok() {
                result = f.write_str(piece);
            }
        });
        result
    }
}

/// A CLDR plural category (<https://cldr.unicode.org/index/cldr-spec/plural-rules>), as
/// `Intl.PluralRules.prototype.select` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PluralCategory {
    /// `zero` (Arabic 0).
    Zero,
    /// `one` (English 1; French 0 and 1).
    One,
    /// `two` (Arabic 2).
    Two,
    /// `few` (Arabic 3–10, 103–110, ...).
    Few,
    /// `many` (Arabic 11–99; French and Spanish 1,000,000).
    Many,
    /// `other`: every language has it.
    Other,
}

impl PluralCategory {
    /// All six, in CLDR's order.
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// CLDR's name (`few`).
    pub fn as_str(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// The category CLDR calls `name`; anything else is `Other`.
    pub fn from_cldr(name: &str) -> PluralCategory {
        PluralCategory::ALL
            .into_iter()
            .find(|category| category.as_str() == name)
            .unwrap_or(PluralCategory::Other)
    }
}

/// A message whose words depend on a number: one template per plural category the language
/// has. A category without a form of its own uses `other`'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    zero: Option<&'static str>,
    one: Option<&'static str>,
    two: Option<&'static str>,
    few: Option<&'static str>,
    many: Option<&'static str>,
    other: &'static str,
}

impl Plural {
    /// The `other` form; add the others with [`Plural::one`] and the like.
    pub const fn other(text: &'static str) -> Plural {
        Plural {
            zero: None,
            one: None,
            two: None,
            few: None,
            many: None,
            other: text,
        }
    }

    /// The same words for every category: the language does not change them with the number.
    pub const fn any(text: &'static str) -> Plural {
        Plural {
            zero: Some(text),
            one: Some(text),
            two: Some(text),
            few: Some(text),
            many: Some(text),
            other: text,
        }
    }

    /// With a `zero` form.
    pub const fn zero(self, text: &'static str) -> Plural {
        Plural {
            zero: Some(text),
            ..self
        }
    }

    /// With a `one` form.
    pub const fn one(self, text: &'static str) -> Plural {
        Plural {
            one: Some(text),
            ..self
        }
    }

    /// With a `two` form.
    pub const fn two(self, text: &'static str) -> Plural {
        Plural {
            two: Some(text),
            ..self
        }
    }

    /// With a `few` form.
    pub const fn few(self, text: &'static str) -> Plural {
        Plural {
            few: Some(text),
            ..self
        }
    }

    /// With a `many` form.
    pub const fn many(self, text: &'static str) -> Plural {
        Plural {
            many: Some(text),
            ..self
        }
    }

    /// The form written for `category`, if any.
    pub fn get(&self, category: PluralCategory) -> Option<&'static str> {
        match category {
            PluralCategory::Zero => self.zero,
            PluralCategory::One => self.one,
            PluralCategory::Two => self.two,
            PluralCategory::Few => self.few,
            PluralCategory::Many => self.many,
            PluralCategory::Other => Some(self.other),
        }
    }

    /// The form for `category`, else `other`'s.
    pub fn form(&self, category: PluralCategory) -> &'static str {
        self.get(category).unwrap_or(self.other)
    }
}

/// The marks around a quoted input (“…” in English, „…“ in German, «…» in French).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotes {
    /// Before.
    pub open: &'static str,
    /// After.
    pub close: &'static str,
}

/// One message of a [`Catalog`], for the tests that compare catalogs.
#[derive(Clone, Copy, Debug)]
pub enum Entry<'c> {
    /// A template without plural forms.
    Text(&'c Text),
    /// A template per plural category.
    Plural(&'c Plural),
}

/// A template without plural forms: `{name}` marks where a value goes.
pub type Text = &'static str;

/// Defines [`Catalog`] from its list of messages (and [`Catalog::entries`], which lists them).
macro_rules! catalog {
    ($($(#[doc = $doc:literal])* $field:ident: $kind:ident,)*) => {
        /// Every word of the badge in one language; one file per language (`text/de.rs`).
        ///
        /// Templates mark values with `{name}`; each message's values are named in its field's
        /// documentation, and every translation uses the same names as English (checked by
        /// `tests/catalogs.rs`).
        #[derive(Debug)]
        pub struct Catalog {
            /// The language's BCP 47 tag (`de`, `pt-BR`): the `lang` of the badge's words.
            pub tag: &'static str,
            /// The language's name in itself (`Deutsch`), for a language picker.
            pub name: &'static str,
            /// Whether the language is written right to left.
            pub right_to_left: bool,
            /// The CLDR plural categories of the language's whole numbers, as
            /// `Intl.PluralRules(tag).resolvedOptions().pluralCategories` lists them: each
            /// [`Plural`] has a form for every one.
            pub plural_categories: &'static [PluralCategory],
            /// Around a refused input quoted back.
            pub quotes: Quotes,
            /// Between the items of a list (`, `; `、` in Japanese).
            pub list_separator: &'static str,
            $($(#[doc = $doc])* pub $field: $kind,)*
        }

        impl Catalog {
            /// Every message, by field name.
            pub fn entries(&self) -> Vec<(&'static str, Entry<'_>)> {
                vec![$((stringify!($field), Entry::$kind(&self.$field)),)*]
            }
        }
    };
}

catalog! {
    /// [`Message::WidgetLabel`].
    widget_label: Text,
    /// [`Message::TotalPoints`].
    total_points: Text,
    /// [`Message::RedeemablePoints`].
    redeemable_points: Text,
    /// [`Message::FanLevel`].
    fan_level: Text,
    /// [`Message::NoFanLevel`].
    no_fan_level: Text,
    /// [`Message::History`].
    history: Text,
    /// [`Message::NoActivity`].
    no_activity: Text,
    /// [`Message::DateUnknown`].
    date_unknown: Text,
    /// [`Message::Loading`].
    loading: Text,
    /// [`Message::Updating`].
    updating: Text,
    /// [`Message::Retry`].
    retry: Text,
    /// [`Message::ShowMore`]: `{count}`.
    show_more: Plural,
    /// [`Message::UnreadableEntries`]: `{count}`.
    unreadable_entries: Plural,
    /// [`Message::RedeemableCount`]: `{count}`.
    redeemable_count: Plural,
    /// [`Message::PointsSummary`]: `{redeemable}` (the plural's number), `{total}`.
    points_summary: Plural,
    /// [`Message::FanLevelIs`]: `{level}`.
    fan_level_is: Text,
    /// [`Message::Earned`]: `{count}`.
    earned: Plural,
    /// [`Message::Spent`]: `{count}`.
    spent: Plural,
    /// [`Message::IdTypeLabel`] of `id`.
    id_type_id: Text,
    /// [`Message::IdTypeLabel`] of `email`.
    id_type_email: Text,
    /// [`Message::IdTypeLabel`] of `username`.
    id_type_username: Text,
    /// [`Message::IdTypeLabel`] of `third_party_id`.
    id_type_third_party_id: Text,
    /// [`Message::IdTypeLabel`] of `facebook_user_id`.
    id_type_facebook_user_id: Text,
    /// [`Message::IdTypeLabel`] of `twitter_user_id`.
    id_type_twitter_user_id: Text,
    /// [`Message::IdTypeLabel`] of `mobile_phone_number`.
    id_type_mobile_phone_number: Text,
    /// [`Message::NoMemberId`].
    no_member_id: Text,
    /// [`Message::DotSegment`]: `{id}` (quoted).
    dot_segment: Text,
    /// [`Message::ControlCharacter`].
    control_character: Text,
    /// [`Message::MemberIdTooLong`]: `{bytes}`, `{max}`.
    member_id_too_long: Text,
    /// [`Message::UnknownName`] of an id type: `{given}` (quoted), `{allowed}` (a list).
    unknown_id_type: Text,
    /// [`Message::UnknownName`] of a variant: `{given}`, `{allowed}`.
    unknown_variant: Text,
    /// [`Message::UnknownName`] of a theme: `{given}`, `{allowed}`.
    unknown_theme: Text,
    /// The endpoint messages' sentence: `{reason}`, one of the six below.
    unusable_address: Text,
    /// [`Message::BadEnvironment`]'s reason.
    bad_environment: Text,
    /// [`Message::BadClientId`]'s reason.
    bad_client_id: Text,
    /// [`Message::EndpointWhitespace`]'s reason.
    endpoint_whitespace: Text,
    /// [`Message::EndpointQueryOrFragment`]'s reason.
    endpoint_query_or_fragment: Text,
    /// [`Message::EndpointNotPathOrHttp`]'s reason.
    endpoint_not_path_or_http: Text,
    /// [`Message::EndpointNonAsciiHost`]'s reason.
    endpoint_non_ascii_host: Text,
    /// [`Message::NotFound`].
    not_found: Text,
    /// [`Message::NotAllowed`].
    not_allowed: Text,
    /// [`Message::SignInExpired`].
    sign_in_expired: Text,
    /// [`Message::Refused`]: `{what}`.
    refused: Text,
    /// [`Message::BusyFor`]: `{what}`, `{seconds}` (the plural's number).
    busy_for: Plural,
    /// [`Message::HttpBusy`] with seconds: `{seconds}`.
    http_busy_for: Plural,
    /// [`Message::HttpBusy`] without.
    http_busy: Text,
    /// [`Message::Unavailable`]: `{status}`.
    unavailable: Text,
    /// [`Message::HttpError`]: `{status}`.
    http_error: Text,
    /// [`Message::Unreachable`].
    unreachable: Text,
    /// [`Message::TooSlow`]: `{seconds}`.
    too_slow: Plural,
    /// [`Message::Unreadable`]: `{detail}`.
    unreadable: Text,
    /// [`Message::RetryWaiting`]: `{seconds}`.
    retry_waiting: Plural,
    /// [`Message::Retrying`].
    retrying: Text,
    /// [`Message::MaybeOutdated`].
    maybe_outdated: Text,
    /// [`Message::WidgetStopped`].
    widget_stopped: Text,
}

/// How a language writes numbers and which plural category a number takes.
pub trait Numbers {
    /// `n` as the language writes it (`1,000`; `1.000`; `١٬٠٠٠`).
    fn number(&self, n: i64) -> String;
    /// The plural category of `n`.
    fn plural(&self, n: i64) -> PluralCategory;
}

/// Digits as they are, and English's plural rule: what `Display` uses.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlainNumbers;

impl Numbers for PlainNumbers {
    fn number(&self, n: i64) -> String {
        n.to_string()
    }

    fn plural(&self, n: i64) -> PluralCategory {
        if n == 1 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    }
}

/// A value that goes into a template.
#[derive(Clone, Copy, Debug)]
enum Arg<'a> {
    /// A quantity, formatted by [`Numbers::number`].
    Number(i64),
    /// A code written in plain digits (an HTTP status).
    Code(u16),
    /// A refused input: [`Echo`]ed, between the language's quotes.
    Quoted(&'a str),
    /// Text from outside (the API's message, a fan level), isolated when its direction could
    /// reorder the sentence around it.
    External(&'a str),
    /// Names, joined by the language's list separator.
    List(&'a [&'a str]),
    /// Words of the catalog itself.
    Words(&'a str),
}

/// Up to two named values (no message has more); unused slots have an empty name.
type Args<'a> = [(&'static str, Arg<'a>); 2];

const UNUSED: (&str, Arg<'static>) = ("", Arg::Code(0));

fn no_args<'a>() -> Args<'a> {
    [UNUSED, UNUSED]
}

fn one_arg<'a>(name: &'static str, arg: Arg<'a>) -> Args<'a> {
    [(name, arg), UNUSED]
}

impl<'a> Message<'a> {
    /// The message in `catalog`'s language, its numbers written and its plural form chosen by
    /// `numbers`.
    pub fn render(&self, catalog: &Catalog, numbers: &dyn Numbers) -> String {
        let mut text = String::new();
        self.pieces(catalog, numbers, &mut |_, piece| text.push_str(piece));
        text
    }

    /// The message in pieces, in order: its words (`None`) and each value with its name
    /// (`Some("count")`), for a view that puts a value in an element of its own.
    pub fn pieces(
        &self,
        catalog: &Catalog,
        numbers: &dyn Numbers,
        out: &mut dyn FnMut(Option<&str>, &str),
    ) {
        let (template, args) = self.template(catalog, numbers);
        let mut rest = template;
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, after_name)) = after.split_once('}') else {
                break;
            };
            emit(out, None, before);
            match args.iter().find(|(arg_name, _)| *arg_name == name) {
                Some((name, arg)) => out(Some(name), &arg.text(catalog, numbers)),
                // Not a value of this message: the text as written (tests/catalogs.rs keeps
                // translations to English's placeholders).
                None => {
                    emit(out, None, "{");
                    emit(out, None, name);
                    emit(out, None, "}");
                }
            }
            rest = after_name;
        }
        emit(out, None, rest);
    }

    /// The template for this message in `c`, and its values.
    fn template<'t>(&self, c: &'t Catalog, numbers: &dyn Numbers) -> (&'t str, Args<'t>)
    where
        'a: 't,
    {
        use Arg::{Code, External, List, Number, Quoted, Words};
        use Message as M;
        let plural = |forms: &'t Plural, n: i64| forms.form(numbers.plural(n));
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let text = |template: &'t str| (template, no_args());
        let address = |reason: &'t str| (c.unusable_address, one_arg("reason", Words(reason)));
        match *self {
            M::WidgetLabel => text(c.widget_label),
            M::TotalPoints => text(c.total_points),
            M::RedeemablePoints => text(c.redeemable_points),
            M::FanLevel => text(c.fan_level),
            M::NoFanLevel => text(c.no_fan_level),
            M::History => text(c.history),
            M::NoActivity => text(c.no_activity),
            M::DateUnknown => text(c.date_unknown),
            M::Loading => text(c.loading),
            M::Updating => text(c.updating),
            M::Retry => text(c.retry),
            M::ShowMore { count: n } => (
                plural(&c.show_more, count(n)),
                one_arg("count", Number(count(n))),
            ),
            M::UnreadableEntries { count: n } => (
                plural(&c.unreadable_entries, count(n)),
                one_arg("count", Number(count(n))),
            ),
            M::IdTypeLabel { wire_name } => text(id_type_label(c, wire_name)),
            M::RedeemableCount { count: n } => {
                (plural(&c.redeemable_count, n), one_arg("count", Number(n)))
            }
            M::PointsSummary { redeemable, total } => (
                plural(&c.points_summary, redeemable),
                [("redeemable", Number(redeemable)), ("total", Number(total))],
            ),
            M::FanLevelIs { level } => (c.fan_level_is, one_arg("level", External(level))),
            M::Earned { points } => (plural(&c.earned, points), one_arg("count", Number(points))),
            M::Spent { points } => (plural(&c.spent, points), one_arg("count", Number(points))),
            M::NoMemberId => text(c.no_member_id),
            M::DotSegment { id } => (c.dot_segment, one_arg("id", Quoted(id))),
            M::ControlCharacter => text(c.control_character),
            M::MemberIdTooLong { bytes, max } => (
                c.member_id_too_long,
                [("bytes", Number(count(bytes))), ("max", Number(count(max)))],
            ),
            M::UnknownName {
                set,
                given,
                allowed,
            } => {
                let template = match set {
                    NameSet::IdType => c.unknown_id_type,
                    NameSet::Variant => c.unknown_variant,
                    NameSet::Theme => c.unknown_theme,
                };
                (
                    template,
                    [("given", Quoted(given)), ("allowed", List(allowed))],
                )
            }
            M::BadEnvironment => address(c.bad_environment),
            M::BadClientId => address(c.bad_client_id),
            M::EndpointWhitespace => address(c.endpoint_whitespace),
            M::EndpointQueryOrFragment => address(c.endpoint_query_or_fragment),
            M::EndpointNotPathOrHttp => address(c.endpoint_not_path_or_http),
            M::EndpointNonAsciiHost => address(c.endpoint_non_ascii_host),
            M::NotFound => text(c.not_found),
            M::NotAllowed => text(c.not_allowed),
            M::SignInExpired => text(c.sign_in_expired),
            M::Refused { what } => (c.refused, one_arg("what", External(what))),
            M::BusyFor { what, seconds } => (
                plural(&c.busy_for, seconds.into()),
                [
                    ("what", External(what)),
                    ("seconds", Number(seconds.into())),
                ],
            ),
            M::HttpBusy {
                seconds: Some(seconds),
            } => (
                plural(&c.http_busy_for, seconds.into()),
                one_arg("seconds", Number(seconds.into())),
            ),
            M::HttpBusy { seconds: None } => text(c.http_busy),
            M::Unavailable { status } => (c.unavailable, one_arg("status", Code(status))),
            M::HttpError { status } => (c.http_error, one_arg("status", Code(status))),
            M::Unreachable => text(c.unreachable),
            M::TooSlow { seconds } => (
                plural(&c.too_slow, seconds.into()),
                one_arg("seconds", Number(seconds.into())),
            ),
            M::Unreadable { detail } => (c.unreadable, one_arg("detail", External(detail))),
            M::RetryWaiting { seconds } => (
                plural(&c.retry_waiting, seconds.into()),
                one_arg("seconds", Number(seconds.into())),
            ),
            M::Retrying => text(c.retrying),
            M::MaybeOutdated => text(c.maybe_outdated),
            M::WidgetStopped => text(c.widget_stopped),
        }
    }
}

fn emit(out: &mut dyn FnMut(Option<&str>, &str), name: Option<&str>, text: &str) {
    if !text.is_empty() {
        out(name, text);
    }
}

impl Arg<'_> {
    fn text(&self, c: &Catalog, numbers: &dyn Numbers) -> String {
        match *self {
            Arg::Number(n) => numbers.number(n),
            Arg::Code(code) => code.to_string(),
            Arg::Quoted(given) => {
                let echoed = isolate(c, &Echo(given).to_string());
                format!("{}{echoed}{}", c.quotes.open, c.quotes.close)
            }
            Arg::External(text) => isolate(c, text),
            Arg::List(names) => names.join(c.list_separator),
            Arg::Words(words) => words.to_owned(),
        }
    }
}

/// `text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE when the sentence around it
/// is right to left or it holds right-to-left letters: so a Latin API message keeps its full stop
/// inside an Arabic sentence, and a Hebrew member id does not swap the words of an English one.
fn isolate(c: &Catalog, text: &str) -> String {
    if c.right_to_left || text.chars().any(is_right_to_left_letter) {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_owned()
    }
}

/// Letters of the right-to-left scripts' blocks (Hebrew to NKo, Samaritan to Arabic Extended,
/// the presentation forms, and the historic scripts of the supplementary planes).
fn is_right_to_left_letter(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

fn id_type_label<'t>(c: &'t Catalog, wire_name: &'t str) -> &'t str {
    match wire_name {
        "id" => c.id_type_id,
        "email" => c.id_type_email,
        "username" => c.id_type_username,
        "third_party_id" => c.id_type_third_party_id,
        "facebook_user_id" => c.id_type_facebook_user_id,
        "twitter_user_id" => c.id_type_twitter_user_id,
        "mobile_phone_number" => c.id_type_mobile_phone_number,
        other => other,
    }
}

/// The catalog for a BCP 47 tag: the one whose tag is the same (ignoring case, `_` for `-`),
/// else the first whose language is (`es-MX` → `es`, `pt-PT` → `pt-BR`), else none (`zh`).
pub fn catalog_for(tag: &str) -> Option<&'static Catalog> {
    let tag = tag.trim().replace('_', "-");
    LANGUAGES
        .iter()
        .find(|c| c.tag.eq_ignore_ascii_case(&tag))
        .or_else(|| {
            let language = primary_language(&tag);
            LANGUAGES
                .iter()
                .find(|c| primary_language(c.tag).eq_ignore_ascii_case(language))
        })
        .copied()
}

/// The language subtag of a BCP 47 tag (`pt` of `pt-BR`).
fn primary_language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or_default().trim()
}

/// Whether a BCP 47 tag's script is written right to left: its script subtag decides
/// (`az-Arab`, `pa-Arab`; `ar-Latn` is not), else its language (Arabic, Hebrew, Persian, Urdu,
/// Pashto, Sindhi, Uyghur, Yiddish, Dhivehi, Sorani Kurdish, Aramaic; `iw` is Hebrew's old code).
pub fn is_right_to_left(tag: &str) -> bool {
    const SCRIPTS: [&str; 9] = [
        "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr",
    ];
    const LANGUAGES: [&str; 12] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi",
    ];
    let mut subtags = tag.trim().split(['-', '_']);
    let language = subtags.next().unwrap_or_default().to_ascii_lowercase();
    // The script subtag is the four-letter one right after the language (and its extensions).
    let script = subtags
        .take_while(|s| s.len() != 2 && !s.chars().all(|c| c.is_ascii_digit()))
        .find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
    match script {
        Some(script) => SCRIPTS.contains(&script.to_ascii_lowercase().as_str()),
        None => LANGUAGES.contains(&language.as_str()),
    }
}
