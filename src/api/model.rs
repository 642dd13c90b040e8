//! A member's points as the widget shows them, decoded and ordered (see [`crate::api::wire`]).

use crate::api::time::Timestamp;

/// One member's loyalty standing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Points {
    /// CrowdTwist's id for the member (sent as a number or a string), if the answer had one.
    pub id: Option<String>,
    /// Lifetime-like total.
    pub total_points: i64,
    /// What the member can spend now.
    pub redeemable_points: i64,
    /// Points bought rather than earned, if the answer said.
    pub num_points_purchased: Option<i64>,
    /// The member's tier, such as "New Fan", if the answer had one.
    pub fan_level: Option<String>,
    /// The history, newest first, undated entries last.
    pub activities: Vec<Activity>,
    /// History entries that were present but malformed, and are not shown.
    pub unreadable_activities: usize,
}

/// One entry of the points history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// What happened ("user registration").
    pub name: String,
    /// Points earned (positive) or spent / adjusted (negative).
    pub num_points: i64,
    /// Text meant for the member, if any.
    pub notes: Option<String>,
    /// When, if known. Never defaulted to the epoch.
    pub date: Option<Timestamp>,
}

/// Sorts newest first; undated entries go last. Entries with the same date (and the undated
/// ones) keep the order the API sent them in. [`Points::activities`] is always in this order.
pub fn sort_newest_first(activities: &mut [Activity]) {
    // `None < Some(_)`, so comparing b to a puts dated entries first, newest first.
    activities.sort_by(|a, b| {
        let key = |activity: &Activity| activity.date.map(|d| d.epoch_seconds());
        key(b).cmp(&key(a))
    });
}
