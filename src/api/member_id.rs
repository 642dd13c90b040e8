//! A member identifier, validated before it goes anywhere near a URL.

use thiserror::Error;

use crate::api::percent;
use crate::api::text::Message;

/// The longest member id accepted, in UTF-8 bytes.
pub const MAX_MEMBER_ID_BYTES: usize = 512;

/// Why a member id was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}", self.message())]
pub enum MemberIdError {
    /// The member id is empty or only whitespace.
    Empty,
    /// `.` or `..`: encoding does not stop browsers treating these as path navigation.
    DotSegment(&'static str),
    /// The member id holds a control character (a newline, a tab, NUL, ...).
    ControlCharacter,
    /// The member id is longer than [`MAX_MEMBER_ID_BYTES`]; the length is in bytes.
    TooLong(usize),
}

impl MemberIdError {
    /// What the badge says about it.
    pub fn message(&self) -> Message<'_> {
        match *self {
            MemberIdError::Empty => Message::NoMemberId,
            MemberIdError::DotSegment(id) => Message::DotSegment { id },
            MemberIdError::ControlCharacter => Message::ControlCharacter,
            MemberIdError::TooLong(bytes) => Message::MemberIdTooLong {
                bytes,
                max: MAX_MEMBER_ID_BYTES,
            },
        }
    }
}

/// A member identifier that is safe to send as one URL path segment once percent-encoded.
///
/// The id is kept exactly as given (an e-mail address, a phone number with spaces, a third-party
/// id with `/` or `#`): validation refuses what cannot be sent, it never rewrites. It has no
/// `Display`, so that it does not slip into a log line: [`MemberId::as_str`] says what it does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MemberId(String);

impl MemberId {
    /// Checks an id: not blank, not `.` or `..`, no control characters, at most
    /// [`MAX_MEMBER_ID_BYTES`] bytes.
    pub fn parse(id: &str) -> Result<Self, MemberIdError> {
        if id.trim().is_empty() {
            return Err(MemberIdError::Empty);
        }
        // Browsers and servers resolve `%2e%2e` like `..`, so encoding cannot make these safe.
        match id {
            "." => return Err(MemberIdError::DotSegment(".")),
            ".." => return Err(MemberIdError::DotSegment("..")),
            _ => {}
        }
        if id.chars().any(char::is_control) {
            return Err(MemberIdError::ControlCharacter);
        }
        if id.len() > MAX_MEMBER_ID_BYTES {
            return Err(MemberIdError::TooLong(id.len()));
        }
        Ok(MemberId(id.to_owned()))
    }

    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id percent-encoded as one path segment: every byte but `A-Z a-z 0-9 - . _ ~ @` is
    /// escaped, so `/`, `?`, `#`, `+`, spaces and non-ASCII letters arrive intact. `@` is allowed
    /// in a path segment (a pchar) and keeps e-mail ids readable, as in the API documentation's
    /// own sample request.
    pub fn to_path_segment(&self) -> String {
        percent::encode(&self.0, true)
    }
}
