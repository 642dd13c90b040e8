//! The points request: a validated member id, its id type and the endpoint, and its URL.

use crate::api::endpoint::Endpoint;
use crate::api::error::InvalidInput;
use crate::api::id_type::IdType;
use crate::api::member_id::MemberId;
use crate::api::percent;

/// The default time limit for one request, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// Everything needed to ask for one member's points, already validated.
///
/// Two equal requests fetch the same thing; the component refetches only when this changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PointsRequest {
    member_id: MemberId,
    id_type: Option<IdType>,
    endpoint: Endpoint,
}

impl PointsRequest {
    /// Validates the member id and the endpoint; nothing is sent for an input refused here.
    pub fn new(
        user_id: &str,
        id_type: Option<IdType>,
        endpoint: Endpoint,
    ) -> Result<Self, InvalidInput> {
        let member_id = MemberId::parse(user_id)?;
        endpoint.validate()?;
        Ok(PointsRequest {
            member_id,
            id_type,
            endpoint,
        })
    }

    /// `{base}/v2/users/{user_id}/points?api_key=...&id_type=...`, the member id encoded as one
    /// path segment; parameters that are not set are left out.
    ///
    /// The URL can hold the api_key: hand it to `fetch` and nowhere else (no logs, no DOM).
    pub fn url(&self) -> String {
        let mut url = format!(
            "{}/v2/users/{}/points",
            self.endpoint.base(),
            self.member_id.to_path_segment()
        );
        let api_key = self
            .endpoint
            .api_key()
            .map(|key| ("api_key", percent::encode(key, false)));
        let id_type = self.id_type.map(|t| ("id_type", t.as_str().to_owned()));
        for (i, (name, value)) in api_key.into_iter().chain(id_type).enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&value);
        }
        url
    }
}
