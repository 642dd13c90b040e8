//! An answer of the points route, ready to send again: to the clients sharing one upstream call,
//! and from the cache.

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

use crate::error::{json_response, AppError};

/// A status, a JSON body that holds only the contract's fields, and `Retry-After` if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The status sent to the client.
    pub status: StatusCode,
    /// `Retry-After`, passed on from the upstream or set by the proxy.
    pub retry_after: Option<HeaderValue>,
    /// The JSON body.
    pub body: Bytes,
}

impl Answer {
    /// A successful answer.
    pub fn ok(status: StatusCode, body: Bytes) -> Self {
        Answer {
            status,
            retry_after: None,
            body,
        }
    }

    /// Points and "no such member" are worth reusing; failures are asked again next time.
    pub fn cacheable(&self) -> bool {
        self.status.is_success() || self.status == StatusCode::NOT_FOUND
    }

    /// The HTTP response.
    pub fn to_response(&self) -> Response {
        json_response(self.status, self.body.clone(), self.retry_after.clone())
    }

    /// The bytes this answer holds, for the cache's weight.
    pub fn size(&self) -> usize {
        self.body.len() + self.retry_after.as_ref().map_or(0, HeaderValue::len)
    }
}

impl From<AppError> for Answer {
    fn from(error: AppError) -> Self {
        Answer {
            status: error.status(),
            retry_after: error.retry_after_header(),
            body: error.body(),
        }
    }
}
