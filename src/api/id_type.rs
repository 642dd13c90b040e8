//! The kinds of member identifier the CrowdTwist API accepts (`id_type`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::api::error::InvalidInput;

/// What a member identifier is: the `id_type` query parameter.
///
/// When no id type is sent, CrowdTwist reads the identifier as its own numeric id ([`IdType::Id`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// CrowdTwist's own member id (the API's default).
    Id,
    /// The member's e-mail address.
    Email,
    /// The member's username.
    Username,
    /// An id from the site's own systems (may contain `/`, `#`, spaces, non-ASCII letters).
    ThirdPartyId,
    /// The member's Facebook user id.
    FacebookUserId,
    /// The member's Twitter user id.
    TwitterUserId,
    /// The member's mobile phone number.
    MobilePhoneNumber,
}

impl IdType {
    /// Every id type, in the order the API documentation lists them.
    pub const ALL: [IdType; 7] = [
        IdType::Id,
        IdType::Email,
        IdType::Username,
        IdType::ThirdPartyId,
        IdType::FacebookUserId,
        IdType::TwitterUserId,
        IdType::MobilePhoneNumber,
    ];

    /// The name sent on the wire (`third_party_id`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            IdType::Id => "id",
            IdType::Email => "email",
            IdType::Username => "username",
            IdType::ThirdPartyId => "third_party_id",
            IdType::FacebookUserId => "facebook_user_id",
            IdType::TwitterUserId => "twitter_user_id",
            IdType::MobilePhoneNumber => "mobile_phone_number",
        }
    }

    /// A short human label, for forms.
    pub fn label(self) -> &'static str {
        match self {
            IdType::Id => "CrowdTwist id",
            IdType::Email => "E-mail address",
            IdType::Username => "Username",
            IdType::ThirdPartyId => "Third-party id",
            IdType::FacebookUserId => "Facebook user id",
            IdType::TwitterUserId => "Twitter user id",
            IdType::MobilePhoneNumber => "Mobile phone number",
        }
    }
}

impl fmt::Display for IdType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for IdType {
    type Err = InvalidInput;

    /// Parses a wire name exactly: no case folding, no trimming, so what is accepted here is
    /// what the API accepts.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IdType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| InvalidInput::UnknownIdType(s.to_owned()))
    }
}
