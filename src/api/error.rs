//! Everything that can go wrong between a member id and a rendered balance.
//!
//! Each module refuses its own input with its own error ([`MemberIdError`], [`EndpointError`],
//! [`UnknownName`]); [`InvalidInput`] gathers them, and [`PointsError`] gathers that with what
//! the network and the API can do. What the badge says about each is a
//! [`Message`] (`message()`), which is also the English `Display`.
//! The accessors give a host page or a log what it needs to react ([`PointsError::kind`],
//! [`PointsError::code`], [`PointsError::status`], [`PointsError::retryable`]). No variant holds
//! the request URL, so no error can carry the api_key.

use std::fmt;

use thiserror::Error;

use crate::api::endpoint::EndpointError;
use crate::api::member_id::MemberIdError;
use crate::api::name::UnknownName;
use crate::api::text::Message;

/// Why an input was refused before any request was made.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum InvalidInput {
    /// The member id cannot be sent.
    #[error(transparent)]
    MemberId(#[from] MemberIdError),
    /// The endpoint cannot be combined with `/v2/users/...`.
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    /// An id type (or another closed name) that is not one of its names.
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
}

impl InvalidInput {
    /// What the badge says about it.
    pub fn message(&self) -> Message<'_> {
        match self {
            InvalidInput::MemberId(e) => e.message(),
            InvalidInput::Endpoint(e) => e.message(),
            InvalidInput::UnknownName(e) => e.message(),
        }
    }
}

/// What kind of failure a [`PointsError`] is; the `kind` of the `loyalty-badge:error` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Refused before any request was made.
    InvalidInput,
    /// The member does not exist.
    NotFound,
    /// A member token was missing, wrong or expired (`token_*`, 401 or 403).
    Forbidden,
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
    /// The widget itself failed (a panic): every badge on the page shows
    /// [`Message::WidgetStopped`] until the page is reloaded. No [`PointsError`] has this kind;
    /// only the panic hook (`ui::panic`) reports it.
    Internal,
}

impl ErrorKind {
    /// The kebab-case name used in events and attributes (`invalid-input`, `not-found`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid-input",
            ErrorKind::NotFound => "not-found",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Api => "api",
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Decode => "decode",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The member-token code of an expired token (see DESIGN.md, "Member tokens").
pub const TOKEN_EXPIRED: &str = "token_expired";

/// One error type for the whole path from input to rendered points.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}", self.message())]
pub enum PointsError {
    /// The input was refused before any request.
    InvalidInput(#[from] InvalidInput),
    /// The member does not exist (`page_not_found`, a 404, or "User does not exist").
    NotFound {
        /// The HTTP status.
        status: u16,
        /// The API's error code, when it sent one.
        code: Option<String>,
    },
    /// The proxy refused the member token: `token_required` (401), `token_invalid` or
    /// `token_expired` (403). Asking again cannot help; a fresh token can.
    Forbidden {
        /// The HTTP status.
        status: u16,
        /// The token code, verbatim.
        code: String,
    },
    /// The API's own error body, `{ "error": code, "message": message }`.
    Api {
        /// The HTTP status it came with.
        status: u16,
        /// The API's code, verbatim (`param_error`, `internal_error`, or one not known yet).
        code: String,
        /// The API's message, verbatim.
        message: String,
        /// Seconds to wait, from a `Retry-After` header (at most
        /// [`MAX_RETRY_AFTER_S`](crate::api::retry::MAX_RETRY_AFTER_S)).
        retry_after: Option<u32>,
    },
    /// An HTTP error whose body is not the API's (an HTML 502 page, an empty 504).
    Http {
        /// The HTTP status.
        status: u16,
        /// Seconds to wait, from a `Retry-After` header (at most
        /// [`MAX_RETRY_AFTER_S`](crate::api::retry::MAX_RETRY_AFTER_S)).
        retry_after: Option<u32>,
    },
    /// The request got no answer: offline, connection dropped, or refused by CORS.
    Network,
    /// No answer within the time limit.
    Timeout {
        /// The limit that was exceeded, in milliseconds.
        after_ms: u32,
    },
    /// An answer that is not the points the widget expects.
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
            PointsError::Forbidden { .. } => ErrorKind::Forbidden,
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
            PointsError::Forbidden { code, .. } | PointsError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The HTTP status, when an answer arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            PointsError::NotFound { status, .. }
            | PointsError::Forbidden { status, .. }
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
    /// and garbled bodies are worth a retry; a refused input, an unknown member, a refused member
    /// token and the API's `param_error` / `input_error` are not.
    pub fn retryable(&self) -> bool {
        match self {
            PointsError::InvalidInput(_)
            | PointsError::NotFound { .. }
            | PointsError::Forbidden { .. } => false,
            PointsError::Api { status, code, .. } => {
                code == "internal_error" || retryable_status(*status)
            }
            PointsError::Http { status, .. } => retryable_status(*status),
            PointsError::Network | PointsError::Timeout { .. } | PointsError::Decode { .. } => true,
        }
    }

    /// How long the server asked us to wait before retrying (`Retry-After`), in seconds, capped
    /// at [`MAX_RETRY_AFTER_S`](crate::api::retry::MAX_RETRY_AFTER_S): the badge waits no longer.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            PointsError::Api { retry_after, .. } | PointsError::Http { retry_after, .. } => {
                *retry_after
            }
            _ => None,
        }
    }

    /// What the badge says about it (also the English `Display`).
    pub fn message(&self) -> Message<'_> {
        match self {
            PointsError::InvalidInput(e) => e.message(),
            PointsError::NotFound { .. } => Message::NotFound,
            PointsError::Forbidden { code, .. } if code == TOKEN_EXPIRED => Message::SignInExpired,
            PointsError::Forbidden { .. } => Message::NotAllowed,
            PointsError::Api {
                status,
                code,
                message,
                retry_after,
            } => {
                let what = if message.trim().is_empty() {
                    code
                } else {
                    message
                };
                match (status, retry_after) {
                    (429, Some(seconds)) => Message::BusyFor {
                        what,
                        seconds: *seconds,
                    },
                    _ => Message::Refused { what },
                }
            }
            PointsError::Http {
                status: 429,
                retry_after,
            } => Message::HttpBusy {
                seconds: *retry_after,
            },
            PointsError::Http { status, .. } if (500..=599).contains(status) => {
                Message::Unavailable { status: *status }
            }
            PointsError::Http { status, .. } => Message::HttpError { status: *status },
            PointsError::Network => Message::Unreachable,
            PointsError::Timeout { after_ms } => Message::TooSlow {
                seconds: after_ms.div_ceil(1000),
            },
            PointsError::Decode { detail, .. } => Message::Unreadable { detail },
        }
    }
}

/// 408, 429 and every 5xx: the server may answer differently next time.
fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500..=599)
}
