//! The one error type every handler returns, and the one place a JSON answer is built.
//!
//! Every error leaves the server in CrowdTwist's shape, `{"error": code, "message": text}`, so
//! the badge reads the proxy's own errors exactly as it reads the API's.

use std::borrow::Cow;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer: a status, a code, a message for a person, and how long to wait before asking
/// again when that is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppError {
    #[serde(skip)]
    status: StatusCode,
    error: Cow<'static, str>,
    message: Cow<'static, str>,
    #[serde(skip)]
    retry_after: Option<Duration>,
}

impl AppError {
    /// Any status, code and message.
    pub fn new(
        status: StatusCode,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        AppError {
            status,
            error: code.into(),
            message: message.into(),
            retry_after: None,
        }
    }

    /// Adds `Retry-After` (whole seconds, rounded up, at least 1).
    pub fn with_retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = Some(wait);
        self
    }

    /// 400 `param_error`: a missing or invalid parameter.
    pub fn param(message: impl Into<Cow<'static, str>>) -> Self {
        AppError::new(StatusCode::BAD_REQUEST, "param_error", message)
    }

    /// 404 with the API documentation's own error body.
    pub fn user_not_found() -> Self {
        AppError::new(StatusCode::NOT_FOUND, "param_error", "User does not exist.")
    }

    /// 404 `page_not_found`, for every path and method that is not served.
    pub fn page_not_found() -> Self {
        AppError::new(
            StatusCode::NOT_FOUND,
            "page_not_found",
            "The requested page does not exist or has been removed.",
        )
    }

    /// 500 `internal_error`.
    pub fn internal() -> Self {
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Something went wrong on our end.",
        )
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code (`param_error`, `token_expired`, ...).
    pub fn code(&self) -> &str {
        &self.error
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JSON body.
    pub fn body(&self) -> Bytes {
        // Two strings in a struct: serialising cannot fail.
        Bytes::from(serde_json::to_vec(self).unwrap_or_default())
    }

    /// `Retry-After`, if any, as the header value to send.
    pub fn retry_after_header(&self) -> Option<HeaderValue> {
        self.retry_after.map(retry_after_value)
    }
}

/// The `error` code of an answer the server made itself, kept with the response (as an
/// extension) for the metrics, which count refusals by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCode(pub Cow<'static, str>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = json_response(self.status, self.body(), self.retry_after_header());
        response.extensions_mut().insert(ErrorCode(self.error));
        response
    }
}

/// A JSON answer of the points route or of an error: `Content-Type: application/json`, never
/// stored by browsers or shared caches (each member's points are private to that member's
/// page), and `Retry-After` when given.
pub fn json_response(
    status: StatusCode,
    body: Bytes,
    retry_after: Option<HeaderValue>,
) -> Response {
    let mut response = (status, Body::from(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(retry_after) = retry_after {
        headers.insert(header::RETRY_AFTER, retry_after);
    }
    response
}

/// Whole seconds, rounded up, at least 1: a client told to wait 0 s would ask again at once.
pub fn retry_after_value(wait: Duration) -> HeaderValue {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    HeaderValue::from(seconds.max(1))
}

/// The handler for every path and method that is not served.
pub async fn not_found() -> AppError {
    AppError::page_not_found()
}
