//! The kinds of member identifier the CrowdTwist API accepts (`id_type`).

use serde::{Deserialize, Serialize};

use crate::api::name::closed_names;
use crate::api::text::{Message, NameSet};

closed_names! {
    /// What a member identifier is: the `id_type` query parameter.
    ///
    /// When no id type is sent, CrowdTwist reads the identifier as its own numeric id
    /// ([`IdType::Id`]). Parsing is exact (`Email` is refused), so what is accepted here is what
    /// the API accepts.
    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum IdType in NameSet::IdType {
        /// CrowdTwist's own member id (the API's default).
        Id = "id",
        /// The member's e-mail address.
        Email = "email",
        /// The member's username.
        Username = "username",
        /// An id from the site's own systems (may contain `/`, `#`, spaces, non-ASCII letters).
        ThirdPartyId = "third_party_id",
        /// The member's Facebook user id.
        FacebookUserId = "facebook_user_id",
        /// The member's Twitter user id.
        TwitterUserId = "twitter_user_id",
        /// The member's mobile phone number.
        MobilePhoneNumber = "mobile_phone_number",
    }
}

impl IdType {
    /// A short human label, for forms ("E-mail address").
    pub fn label(self) -> Message<'static> {
        Message::IdTypeLabel {
            wire_name: self.as_str(),
        }
    }
}
