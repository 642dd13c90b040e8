//! The points route's inputs: the member id from the path and `id_type` from the query string.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use loyalty_badge::{IdType, MemberId};
use serde::Deserialize;

use crate::error::AppError;

/// The route both modes answer, in axum's syntax, below the path prefix.
pub const POINTS_ROUTE: &str = "/v2/users/{user_id}/points";

/// The query string of the points request. Other parameters are ignored, as CrowdTwist does.
#[derive(Debug, Default, Deserialize)]
struct PointsQuery {
    /// The id type's wire name; absent means CrowdTwist's own id.
    id_type: Option<String>,
}

/// A validated points request, by the same rules the widget applies before it sends anything.
///
/// The id type is normalised: a request without `id_type` asks for CrowdTwist's own id, exactly
/// like `id_type=id`, so both are one member for the cache, the token and the upstream call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MemberQuery {
    /// The member id, decoded from the path.
    pub member_id: MemberId,
    /// The id type (`id` when the request named none).
    pub id_type: IdType,
}

impl MemberQuery {
    /// Validates the decoded path segment and the `id_type` parameter.
    pub fn parse(user_id: &str, id_type: Option<&str>) -> Result<Self, AppError> {
        let member_id = MemberId::parse(user_id).map_err(|e| AppError::param(e.to_string()))?;
        let id_type = id_type
            .map(str::parse::<IdType>)
            .transpose()
            .map_err(|e| AppError::param(e.to_string()))?
            .unwrap_or(IdType::Id);
        Ok(MemberQuery { member_id, id_type })
    }
}

/// Extracts and validates the points route's `{user_id}` and `id_type`; what does not pass is
/// a 400 `param_error`.
impl<S: Send + Sync> FromRequestParts<S> for MemberQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(user_id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::param("The user_id is not valid UTF-8."))?;
        let Query(query) = Query::<PointsQuery>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::param("The query string is malformed."))?;
        MemberQuery::parse(&user_id, query.id_type.as_deref())
    }
}
