//! A member identifier, validated before it goes anywhere near a URL.

use std::fmt;
use std::str::FromStr;

use crate::api::error::InvalidInput;

/// The longest member id accepted, in UTF-8 bytes.
pub const MAX_MEMBER_ID_BYTES: usize = 512;

/// A member identifier that is safe to send as one URL path segment once percent-encoded.
///
/// The id is kept exactly as given (an e-mail address, a phone number with spaces, a third-party
/// id with `/` or `#`): validation refuses what cannot be sent, it never rewrites.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MemberId(String);

impl MemberId {
    /// Checks an id: not blank, not `.` or `..`, no control characters, at most
    /// [`MAX_MEMBER_ID_BYTES`] bytes.
    pub fn parse(id: &str) -> Result<Self, InvalidInput> {
        if id.trim().is_empty() {
            return Err(InvalidInput::EmptyMemberId);
        }
        // Browsers and servers resolve `%2e%2e` like `..`, so encoding cannot make these safe.
        if id == "." || id == ".." {
            return Err(InvalidInput::DotSegment(if id == "." { "." } else { ".." }));
        }
        if id.chars().any(char::is_control) {
            return Err(InvalidInput::ControlCharacter);
        }
        if id.len() > MAX_MEMBER_ID_BYTES {
            return Err(InvalidInput::MemberIdTooLong(id.len()));
        }
        Ok(MemberId(id.to_owned()))
    }

    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id percent-encoded as one path segment: every byte but `A-Z a-z 0-9 - . _ ~ @` is
    /// escaped, so `/`, `?`, `#`, `+`, spaces and non-ASCII letters arrive intact.
    pub fn to_path_segment(&self) -> String {
        // `@` is allowed in a path segment (RFC 3986 pchar) and keeps e-mail ids readable, as in
        // the API documentation's own sample request.
        percent_encode(&self.0, b"@")
    }
}

impl FromStr for MemberId {
    type Err = InvalidInput;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MemberId::parse(s)
    }
}

impl fmt::Display for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Percent-encodes every byte except RFC 3986 unreserved characters and `keep`.
pub(crate) fn percent_encode(input: &str, keep: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len());
    for &byte in input.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}
