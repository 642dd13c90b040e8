//! Where the points request goes, and with which key.

use std::fmt;

use thiserror::Error;

use crate::api::text::Message;

/// Why an endpoint cannot be combined with `/v2/users/...`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("{}", self.message())]
pub enum EndpointError {
    /// A CrowdTwist environment holding more than letters, digits and `-`.
    Environment,
    /// A CrowdTwist client id that is empty or holds more than letters, digits and `-`.
    ClientId,
    /// A base holding spaces or control characters.
    Whitespace,
    /// A base holding a query (`?`) or a fragment (`#`).
    QueryOrFragment,
    /// A base that is neither a path (`/loyalty`) nor an http(s) address.
    NotPathOrHttp,
    /// A host name with non-ASCII letters: give it in its `xn--` form.
    NonAsciiHost,
}

impl EndpointError {
    /// What the badge says about it.
    pub fn message(&self) -> Message<'static> {
        match self {
            EndpointError::Environment => Message::BadEnvironment,
            EndpointError::ClientId => Message::BadClientId,
            EndpointError::Whitespace => Message::EndpointWhitespace,
            EndpointError::QueryOrFragment => Message::EndpointQueryOrFragment,
            EndpointError::NotPathOrHttp => Message::EndpointNotPathOrHttp,
            EndpointError::NonAsciiHost => Message::EndpointNonAsciiHost,
        }
    }
}

/// What goes in front of `/v2/users/{user_id}/points`, plus the optional api_key.
///
/// In production the widget talks to a same-origin proxy (`Endpoint::proxy("/loyalty")`) that adds
/// the api_key on the server. A key in the browser ([`Endpoint::with_api_key`]) is for sandboxes
/// and internal tools only: the same key can award points and delete members.
///
/// `Debug` never shows the key.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Endpoint {
    base: String,
    api_key: Option<String>,
}

impl Endpoint {
    /// A proxy path (`/loyalty`) or an origin (`https://sb-api123.crowdtwist.com`). The empty
    /// string, the default, means the page's own origin. A trailing `/` is ignored.
    pub fn proxy(base: impl Into<String>) -> Self {
        let mut base = base.into();
        while base.ends_with('/') {
            base.pop();
        }
        Endpoint {
            base,
            api_key: None,
        }
    }

    /// CrowdTwist itself: `https://{environment}api{client_id}.crowdtwist.com`, exactly as the
    /// API documentation builds it. `environment` is empty for US production, or a prefix such
    /// as `sb-`, `sb2-`, `de-`, `us2-`.
    pub fn crowdtwist(environment: &str, client_id: &str) -> Result<Self, EndpointError> {
        // Both become part of one DNS label, so only a label's characters are allowed.
        let label_safe = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !label_safe(environment) {
            return Err(EndpointError::Environment);
        }
        if client_id.is_empty() || !label_safe(client_id) {
            return Err(EndpointError::ClientId);
        }
        Ok(Endpoint::proxy(format!(
            "https://{environment}api{client_id}.crowdtwist.com"
        )))
    }

    /// The same endpoint, sending `api_key` with each request. Sandboxes and internal pages only.
    pub fn with_api_key(self, api_key: impl Into<String>) -> Self {
        let api_key = api_key.into();
        Endpoint {
            api_key: (!api_key.is_empty()).then_some(api_key),
            ..self
        }
    }

    /// The base, without a trailing `/` (loyalty-server names its upstream with it).
    pub fn base(&self) -> &str {
        &self.base
    }

    pub(crate) fn api_key(&self) -> Option<&str> {
        self.api_key.as_deref()
    }

    /// Refuses a base that would not compose with `/v2/users/...`: one holding a query, a
    /// fragment, whitespace or control characters, or a scheme other than http(s).
    ///
    /// Checked by hand rather than with a URL parser (which costs the bundle 19 KB of brotli):
    /// a base is a path, or `http(s)://` and an authority `fetch` accepts, then a path.
    pub(crate) fn validate(&self) -> Result<(), EndpointError> {
        let base = self.base.as_str();
        // A URL parser silently drops tabs and newlines and encodes spaces: refuse them.
        if base.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(EndpointError::Whitespace);
        }
        // `//host` and `/\host` would both name another host, not a path.
        let is_path = base.is_empty()
            || (base.starts_with('/') && !base.starts_with("//") && !base.starts_with("/\\"));
        let tail = if is_path {
            base
        } else {
            let lower = base.to_ascii_lowercase();
            let rest = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"))
                .ok_or(EndpointError::NotPathOrHttp)?;
            let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
            check_authority(&rest[..end])?;
            &base[base.len() - (rest.len() - end)..]
        };
        if tail.contains(['?', '#']) {
            return Err(EndpointError::QueryOrFragment);
        }
        Ok(())
    }
}

/// `host[:port]`, the host a DNS name in ASCII (`xn--` for an internationalised one), an IPv4
/// address or a bracketed IPv6 address. No credentials: `fetch` refuses a URL holding them.
fn check_authority(authority: &str) -> Result<(), EndpointError> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (address, port) = v6.split_once(']').ok_or(EndpointError::NotPathOrHttp)?;
            let valid = address.contains(':')
                && address
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
            if !valid {
                return Err(EndpointError::NotPathOrHttp);
            }
            (address, port)
        }
        None => {
            let end = authority.find(':').unwrap_or(authority.len());
            let (host, port) = authority.split_at(end);
            if !host.is_ascii() {
                return Err(EndpointError::NonAsciiHost);
            }
            let label_char = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
            if !host.bytes().all(label_char) {
                return Err(EndpointError::NotPathOrHttp);
            }
            (host, port)
        }
    };
    let port_ok = match port.strip_prefix(':') {
        Some(digits) => {
            digits.len() <= 5
                && digits.bytes().all(|b| b.is_ascii_digit())
                && digits
                    .parse::<u32>()
                    .map_or(digits.is_empty(), |n| n <= 65_535)
        }
        None => port.is_empty(),
    };
    if host.is_empty() || !port_ok {
        return Err(EndpointError::NotPathOrHttp);
    }
    Ok(())
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("base", &self.base)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}
