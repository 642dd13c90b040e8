//! Where the points request goes, and with which key.

use std::fmt;

use crate::api::error::InvalidInput;

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
    pub fn crowdtwist(environment: &str, client_id: &str) -> Result<Self, InvalidInput> {
        let hostname_safe = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !hostname_safe(environment) {
            return Err(InvalidInput::Endpoint(
                "the environment may only hold letters, digits and '-'".to_owned(),
            ));
        }
        if client_id.is_empty() || !hostname_safe(client_id) {
            return Err(InvalidInput::Endpoint(
                "the client id must be letters, digits and '-'".to_owned(),
            ));
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

    /// The base, without a trailing `/`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Whether requests carry an api_key (which the page can then read).
    pub fn has_api_key(&self) -> bool {
        self.api_key.is_some()
    }

    pub(crate) fn api_key(&self) -> Option<&str> {
        self.api_key.as_deref()
    }

    /// Refuses a base that would not compose with `/v2/users/...`: one holding a query, a
    /// fragment, whitespace or control characters, or a scheme other than http(s).
    pub(crate) fn validate(&self) -> Result<(), InvalidInput> {
        let base = &self.base;
        if base.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(InvalidInput::Endpoint(
                "it contains spaces or control characters".to_owned(),
            ));
        }
        if base.contains(['?', '#']) {
            return Err(InvalidInput::Endpoint(
                "it must not contain '?' or '#'".to_owned(),
            ));
        }
        let lower = base.to_ascii_lowercase();
        let is_path = base.is_empty() || (base.starts_with('/') && !base.starts_with("//"));
        let is_origin = lower.starts_with("https://") || lower.starts_with("http://");
        if !is_path && !is_origin {
            return Err(InvalidInput::Endpoint(
                "use a path starting with '/' or an http(s):// address".to_owned(),
            ));
        }
        Ok(())
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("base", &self.base)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}
