//! Which web pages may call the server from a browser (CORS).

use axum::http::{header, HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::token::TOKEN_HEADER;

/// The sites allowed to call the points route from a browser.
#[derive(Debug, Clone)]
pub enum CorsPolicy {
    /// Any site (sample mode: its data is made up).
    AnyOrigin,
    /// Only these origins (`https://shop.example.com`).
    Origins(Vec<HeaderValue>),
    /// No CORS headers at all: same-origin use only.
    SameOriginOnly,
}

impl CorsPolicy {
    /// The policy for `--allow-origin` values: none means same-origin only.
    pub fn from_origins(origins: &[String]) -> Result<Self, String> {
        if origins.is_empty() {
            return Ok(CorsPolicy::SameOriginOnly);
        }
        origins
            .iter()
            .map(|origin| parse_origin(origin))
            .collect::<Result<Vec<_>, _>>()
            .map(CorsPolicy::Origins)
    }

    /// The layer, or `None` when no CORS headers are sent.
    pub fn layer(&self) -> Option<CorsLayer> {
        let allow_origin = match self {
            CorsPolicy::AnyOrigin => AllowOrigin::any(),
            CorsPolicy::Origins(origins) => AllowOrigin::list(origins.iter().cloned()),
            CorsPolicy::SameOriginOnly => return None,
        };
        Some(
            CorsLayer::new()
                .allow_origin(allow_origin)
                .allow_methods([Method::GET])
                .allow_headers([header::ACCEPT, HeaderName::from_static(TOKEN_HEADER)])
                // The badge waits out Retry-After; a cross-origin page only sees it if exposed.
                .expose_headers([header::RETRY_AFTER]),
        )
    }
}

/// An origin as browsers send it: `https://shop.example.com` or `http://localhost:8080`.
fn parse_origin(origin: &str) -> Result<HeaderValue, String> {
    let trimmed = origin.trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| format!("--allow-origin {origin}: use scheme://host[:port]"))?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '*', ' ', '@']) {
        return Err(format!(
            "--allow-origin {origin}: use scheme://host[:port], without a path"
        ));
    }
    HeaderValue::from_str(trimmed)
        .map_err(|_| format!("--allow-origin {origin}: not a valid origin"))
}
