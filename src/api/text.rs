//! The badge's words, in one place, looked up by message id.
//!
//! Every sentence or label the badge shows a member is a [`Message`]; its English text is written
//! here and nowhere else ([`Message`]'s `Display`). The errors' `Display` and the components go
//! through it, so a translation is one more table beside the English one. Payloads are plain values
//! (numbers, the API's own strings, a refused input), so every module may depend on this one and
//! it depends on none: no import circle can go through it.
//!
//! Numbers and dates are formatted by the browser's `Intl` (`ui::intl`), not here.

use std::fmt;

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

/// Everything the badge can say, by id. `Display` gives the English text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message<'a> {
    /// The accessible name of the whole widget.
    WidgetLabel,
    /// Label of the lifetime total.
    TotalPoints,
    /// Label of the spendable balance.
    RedeemablePoints,
    /// After the number in the compact variant: "1,000 redeemable points".
    RedeemableSuffix,
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
        english(self, f)
    }
}

/// The English text of `message`: one arm per message id, so that a translation is this table
/// again in another file (which is why it is longer than a function should be).
fn english(message: &Message<'_>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use Message as M;
    let text = match *message {
        M::WidgetLabel => "Loyalty points",
        M::TotalPoints => "Total points",
        M::RedeemablePoints => "Redeemable points",
        M::RedeemableSuffix => "redeemable points",
        M::FanLevel => "Fan level",
        M::NoFanLevel => "None yet",
        M::History => "Points history",
        M::NoActivity => "No points activity yet.",
        M::DateUnknown => "Date unknown",
        M::Loading => "Loading points…",
        M::Updating => "Updating…",
        M::Retry => "Try again",
        M::ShowMore { count } => return write!(f, "Show {count} more"),
        M::UnreadableEntries { count: 1 } => "1 entry could not be shown.",
        M::UnreadableEntries { count } => return write!(f, "{count} entries could not be shown."),
        M::IdTypeLabel { wire_name } => id_type_label(wire_name),
        M::NoMemberId => "No member id was given.",
        M::DotSegment { id } => return write!(f, "“{}” cannot be used as a member id.", Echo(id)),
        M::ControlCharacter => "The member id contains a control character.",
        M::MemberIdTooLong { bytes, max } => {
            return write!(
                f,
                "The member id is too long ({bytes} bytes; at most {max})."
            )
        }
        M::UnknownName {
            set,
            given,
            allowed,
        } => {
            let noun = match set {
                NameSet::IdType => "id type",
                NameSet::Variant => "variant",
                NameSet::Theme => "theme",
            };
            let allowed = allowed.join(", ");
            return write!(
                f,
                "“{}” is not a known {noun}. Use one of: {allowed}.",
                Echo(given)
            );
        }
        M::BadEnvironment => {
            return unusable_address(f, "the environment may only hold letters, digits and '-'")
        }
        M::BadClientId => {
            return unusable_address(f, "the client id must be letters, digits and '-'")
        }
        M::EndpointWhitespace => {
            return unusable_address(f, "it contains spaces or control characters")
        }
        M::EndpointQueryOrFragment => return unusable_address(f, "it must not contain '?' or '#'"),
        M::EndpointNotPathOrHttp => {
            return unusable_address(f, "use a path starting with '/' or an http(s):// address")
        }
        M::EndpointNonAsciiHost => {
            return unusable_address(
                f,
                "write a host name with non-ASCII letters in its xn-- form",
            )
        }
        M::NotFound => "No loyalty account was found for this member.",
        M::NotAllowed => {
            "You are not allowed to see these points. Reload the page and sign in again."
        }
        M::SignInExpired => "Your sign-in has expired. Reload the page to see these points.",
        M::RetryWaiting { seconds } => return write!(f, "Trying again in {seconds} s…"),
        M::Retrying => "Trying again…",
        M::MaybeOutdated => "These figures may be out of date.",
        M::WidgetStopped => "The points widget stopped; reload the page.",
        M::Refused { what } => return write!(f, "The loyalty service refused the request: {what}"),
        M::BusyFor { what, seconds } => {
            return write!(
                f,
                "The loyalty service is busy ({what}). Try again in {seconds} s."
            )
        }
        M::HttpBusy {
            seconds: Some(seconds),
        } => {
            return write!(
                f,
                "The loyalty service is busy (HTTP 429). Try again in {seconds} s."
            )
        }
        M::HttpBusy { seconds: None } => {
            "The loyalty service is busy (HTTP 429). Try again shortly."
        }
        M::Unavailable { status } => {
            return write!(
                f,
                "The loyalty service is unavailable right now (HTTP {status})."
            )
        }
        M::HttpError { status } => {
            return write!(
                f,
                "The loyalty service answered with an error (HTTP {status})."
            )
        }
        M::Unreachable => {
            "The loyalty service could not be reached. Check your connection and try again."
        }
        M::TooSlow { seconds } => {
            return write!(
                f,
                "The loyalty service took too long to answer (over {seconds} seconds)."
            )
        }
        M::Unreadable { detail } => {
            return write!(
                f,
                "The loyalty service sent an answer that could not be read ({detail})."
            )
        }
    };
    f.write_str(text)
}

fn unusable_address(f: &mut fmt::Formatter<'_>, reason: &str) -> fmt::Result {
    write!(f, "The loyalty service address is not usable: {reason}")
}

fn id_type_label(wire_name: &str) -> &str {
    match wire_name {
        "id" => "CrowdTwist id",
        "email" => "E-mail address",
        "username" => "Username",
        "third_party_id" => "Third-party id",
        "facebook_user_id" => "Facebook user id",
        "twitter_user_id" => "Twitter user id",
        "mobile_phone_number" => "Mobile phone number",
        other => other,
    }
}
