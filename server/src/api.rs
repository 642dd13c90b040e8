//! What loyalty-server shares with CrowdTwist: the points route's inputs and the error body.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use loyalty_badge::{IdType, MemberId};
use serde::{Deserialize, Serialize};

/// The route both modes answer, in axum's syntax.
pub const POINTS_ROUTE: &str = "/v2/users/{user_id}/points";

/// The query string of the points request. Other parameters are ignored, as CrowdTwist does.
#[derive(Debug, Default, Deserialize)]
struct PointsQuery {
    /// The id type's wire name; absent means CrowdTwist's own id.
    id_type: Option<String>,
}

/// A validated points request: the same rules as the widget applies before it sends anything.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MemberQuery {
    /// The member id, decoded from the path.
    pub member_id: MemberId,
    /// The id type, or `None` when the request did not name one.
    pub id_type: Option<IdType>,
}

impl MemberQuery {
    /// Validates the decoded path segment and the `id_type` parameter.
    pub fn parse(user_id: &str, id_type: Option<&str>) -> Result<Self, ApiError> {
        let member_id = MemberId::parse(user_id).map_err(|e| ApiError::param(e.to_string()))?;
        let id_type = id_type
            .map(str::parse::<IdType>)
            .transpose()
            .map_err(|e| ApiError::param(e.to_string()))?;
        Ok(MemberQuery { member_id, id_type })
    }

    /// The id type the API reads the id as (CrowdTwist's id when none was named).
    pub fn effective_id_type(&self) -> IdType {
        self.id_type.unwrap_or(IdType::Id)
    }
}

/// Extracts and validates the points route's `{user_id}` and `id_type`; what does not pass is
/// a 400 `param_error`.
impl<S: Send + Sync> FromRequestParts<S> for MemberQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(user_id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::param("The user_id is not valid UTF-8."))?;
        let Query(query) = Query::<PointsQuery>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::param("The query string is malformed."))?;
        MemberQuery::parse(&user_id, query.id_type.as_deref())
    }
}

/// CrowdTwist's error body, `{ "error": code, "message": message }`, with its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    status: StatusCode,
    error: String,
    message: String,
}

impl ApiError {
    /// Any status, code and message.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            error: code.to_owned(),
            message: message.into(),
        }
    }

    /// 400 `param_error`: a missing or invalid parameter.
    pub fn param(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "param_error", message)
    }

    /// 404 with the API documentation's own error body.
    pub fn user_not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "param_error", "User does not exist.")
    }

    /// 404 `page_not_found`, for every path that is not the points route.
    pub fn page_not_found() -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "page_not_found",
            "The requested page does not exist or has been removed.",
        )
    }

    /// 500 `internal_error`.
    pub fn internal() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Something went wrong on our end.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(&self)).into_response()
    }
}
