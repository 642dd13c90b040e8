//! Everything that can go wrong between a member id and a rendered balance.
//!
//! Each variant's `Display` is a sentence written for the member looking at the widget; the
//! accessors give a host page or a log what it needs to react ([`PointsError::kind`],
//! [`PointsError::code`], [`PointsError::status`], [`PointsError::retryable`]). No variant holds
//! the request URL, so no error can carry the api_key.

use std::fmt;

use thiserror::Error;

use crate::api::id_type::IdType;
use crate::api::member_id::MAX_MEMBER_ID_BYTES;

/// Why an input was refused before any request was made.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum InvalidInput {
    /// The member id is empty or only whitespace.
    #[error("No member id was given.")]
    EmptyMemberId,
    /// `.` or `..`: encoding does not stop browsers treating these as path navigation.
    #[error("“{0}” cannot be used as a member id.")]
    DotSegment(&'static str),
    /// The member id holds a control character (a newline, a tab, NUL, ...).
    #[error("The member id contains a control character.")]
    ControlCharacter,
    /// The member id is longer than [`MAX_MEMBER_ID_BYTES`].
    #[error("The member id is too long ({0} bytes; at most {MAX_MEMBER_ID_BYTES}).")]
    MemberIdTooLong(usize),
    /// An `id_type` that is not one of the seven wire names.
    #[error("“{}” is not a known id type. Use one of: {}.", Quoted(.0), IdTypeList)]
    UnknownIdType(String),
    /// An endpoint that cannot be combined with `/v2/users/...`.
    #[error("The loyalty service address is not usable: {0}")]
    Endpoint(String),
}

/// What kind of failure a [`PointsError`] is; the `kind` of the `loyalty-badge:error` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Refused before any request was made.
    InvalidInput,
    /// The member does not exist.
    NotFound,
    /// The API answered with its `{error, message}` body.
    Api,
    /// An HTTP error whose body is not the API's (an HTML gateway page, an empty body).
    Http,
    /// No answer: the connection failed, was dropped, or CORS refused it.
    Network,
    /// No answer within the time limit.
    Timeout,
    /// An answer that could not be read as points.
    Decode,
}

impl ErrorKind {
    /// The kebab-case name used in events and attributes (`invalid-input`, `not-found`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid-input",
            ErrorKind::NotFound => "not-found",
            ErrorKind::Api => "api",
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Decode => "decode",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One error type for the whole path from input to rendered points.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PointsError {
    /// The input was refused before any request.
    #[error("{0}")]
    InvalidInput(#[from] InvalidInput),
    /// The member does not exist (`page_not_found`, a 404, or "User does not exist").
    #[error("No loyalty account was found for this member.")]
    NotFound {
        /// The HTTP status.
        status: u16,
        /// The API's error code, when it sent one.
        code: Option<String>,
    },
    /// The API's own error body, `{ "error": code, "message": message }`.
    #[error("{}", api_message(*.status, .code, .message, *.retry_after))]
    Api {
        /// The HTTP status it came with.
        status: u16,
        /// The API's code, verbatim (`param_error`, `internal_error`, or one not known yet).
        code: String,
        /// The API's message, verbatim.
        message: String,
        /// Seconds to wait, from a `Retry-After` header.
        retry_after: Option<u32>,
    },
    /// An HTTP error whose body is not the API's (an HTML 502 page, an empty 504).
    #[error("{}", http_message(*.status, *.retry_after))]
    Http {
        /// The HTTP status.
        status: u16,
        /// Seconds to wait, from a `Retry-After` header.
        retry_after: Option<u32>,
    },
    /// The request got no answer: offline, connection dropped, or refused by CORS.
    #[error("The loyalty service could not be reached. Check your connection and try again.")]
    Network,
    /// No answer within the time limit.
    #[error("The loyalty service took too long to answer (over {} seconds).", .after_ms.div_ceil(1000))]
    Timeout {
        /// The limit that was exceeded, in milliseconds.
        after_ms: u32,
    },
    /// An answer that is not the points the widget expects.
    #[error("The loyalty service sent an answer that could not be read ({detail}).")]
    Decode {
        /// The HTTP status of the unreadable answer.
        status: u16,
        /// What was wrong with it, for the page's developer.
        detail: String,
    },
}

impl PointsError {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            PointsError::InvalidInput(_) => ErrorKind::InvalidInput,
            PointsError::NotFound { .. } => ErrorKind::NotFound,
            PointsError::Api { .. } => ErrorKind::Api,
            PointsError::Http { .. } => ErrorKind::Http,
            PointsError::Network => ErrorKind::Network,
            PointsError::Timeout { .. } => ErrorKind::Timeout,
            PointsError::Decode { .. } => ErrorKind::Decode,
        }
    }

    /// The API's error code, when the API sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            PointsError::NotFound { code, .. } => code.as_deref(),
            PointsError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The HTTP status, when an answer arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            PointsError::NotFound { status, .. }
            | PointsError::Api { status, .. }
            | PointsError::Http { status, .. }
            | PointsError::Decode { status, .. } => Some(*status),
            PointsError::InvalidInput(_) | PointsError::Network | PointsError::Timeout { .. } => {
                None
            }
        }
    }

    /// Whether asking again can give a different answer.
    ///
    /// Server-side trouble (5xx, `internal_error`), throttling (429), time-outs, lost connections
    /// and garbled bodies are worth a retry; a refused input, an unknown member and the API's
    /// `param_error` / `input_error` are not.
    pub fn retryable(&self) -> bool {
        match self {
            PointsError::InvalidInput(_) | PointsError::NotFound { .. } => false,
            PointsError::Api { status, code, .. } => {
                code == "internal_error" || retryable_status(*status)
            }
            PointsError::Http { status, .. } => retryable_status(*status),
            PointsError::Network | PointsError::Timeout { .. } | PointsError::Decode { .. } => true,
        }
    }

    /// How long the server asked us to wait before retrying (`Retry-After`), in seconds.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            PointsError::Api { retry_after, .. } | PointsError::Http { retry_after, .. } => {
                *retry_after
            }
            _ => None,
        }
    }
}

/// 408, 429 and every 5xx: the server may answer differently next time.
fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500..=599)
}

fn api_message(status: u16, code: &str, message: &str, retry_after: Option<u32>) -> String {
    let what = if message.trim().is_empty() {
        code
    } else {
        message
    };
    match (status, retry_after) {
        (429, Some(seconds)) => {
            format!("The loyalty service is busy ({what}). Try again in {seconds} s.")
        }
        _ => format!("The loyalty service refused the request: {what}"),
    }
}

fn http_message(status: u16, retry_after: Option<u32>) -> String {
    match (status, retry_after) {
        (429, Some(seconds)) => {
            format!("The loyalty service is busy (HTTP 429). Try again in {seconds} s.")
        }
        (429, None) => "The loyalty service is busy (HTTP 429). Try again shortly.".to_owned(),
        (500..=599, _) => {
            format!("The loyalty service is unavailable right now (HTTP {status}).")
        }
        _ => format!("The loyalty service answered with an error (HTTP {status})."),
    }
}

/// Echoes a refused input back safely: at most 40 characters, control characters escaped.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const LIMIT: usize = 40;
        for c in self.0.chars().take(LIMIT) {
            if c.is_control() {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        if self.0.chars().nth(LIMIT).is_some() {
            f.write_str("…")?;
        }
        Ok(())
    }
}

/// The valid id types, comma-separated.
struct IdTypeList;

impl fmt::Display for IdTypeList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, id_type) in IdType::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(id_type.as_str())?;
        }
        Ok(())
    }
}
