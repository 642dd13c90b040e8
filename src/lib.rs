//! loyalty-badge: a member's CrowdTwist loyalty points (total, redeemable, fan level and the
//! history) as a Yew component, a `<loyalty-badge>` custom element and a demo page.
//!
//! The modules without a browser dependency ([`id_type`], [`member_id`], [`endpoint`],
//! [`request`], [`wire`], [`model`], [`timestamp`], [`timeline`], [`error`], [`text`],
//! [`appearance`]) are the API model that `loyalty-server` shares; the rest needs the `ui`
//! feature (on by default). The `embed` feature adds the `<loyalty-badge>` custom element and
//! the JavaScript `mount` API, for the embeddable bundle (`make embed`).

pub mod appearance;
pub mod endpoint;
pub mod error;
pub mod id_type;
pub mod member_id;
pub mod model;
pub mod request;
pub mod text;
pub mod timeline;
pub mod timestamp;
pub mod wire;

#[cfg(feature = "ui")]
pub mod client;
#[cfg(feature = "ui")]
pub mod components;
#[cfg(feature = "embed")]
pub mod embed;
#[cfg(feature = "ui")]
pub mod hooks;
#[cfg(feature = "ui")]
pub mod intl;
#[cfg(feature = "ui")]
pub mod stylesheet;

pub use appearance::{Theme, Variant};
#[cfg(feature = "ui")]
pub use components::{LoyaltyBadge, LoyaltyBadgeProps};
pub use endpoint::Endpoint;
pub use error::{ErrorKind, InvalidInput, PointsError};
pub use id_type::IdType;
pub use member_id::MemberId;
pub use model::{Activity, Points};
pub use request::PointsRequest;
pub use timestamp::Timestamp;
