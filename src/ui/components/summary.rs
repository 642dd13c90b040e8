//! What the two loaded views (full and compact) share.

use crate::api::model::Points;
use crate::api::text::Message;

/// The fan level as shown: the API's, or "None yet".
pub(super) fn fan_level_text(points: &Points) -> String {
    points
        .fan_level
        .clone()
        .unwrap_or_else(|| Message::NoFanLevel.to_string())
}
