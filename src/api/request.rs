//! The points request: a validated member id, its id type and the endpoint, and its URL.

use crate::api::endpoint::Endpoint;
use crate::api::error::InvalidInput;
use crate::api::id_type::IdType;
use crate::api::member_id::{percent_encode, MemberId};

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

    /// The member id.
    pub fn member_id(&self) -> &MemberId {
        &self.member_id
    }

    /// The id type, if one is sent.
    pub fn id_type(&self) -> Option<IdType> {
        self.id_type
    }

    /// The endpoint.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
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
        let mut separator = '?';
        if let Some(key) = self.endpoint.api_key() {
            url.push(separator);
            url.push_str("api_key=");
            url.push_str(&percent_encode(key, b""));
            separator = '&';
        }
        if let Some(id_type) = self.id_type {
            url.push(separator);
            url.push_str("id_type=");
            url.push_str(id_type.as_str());
        }
        url
    }
}
