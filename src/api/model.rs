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
///
/// A bottom-up merge sort of the entries' positions, then the entries moved into place: the
/// standard library's stable sort is fast, but monomorphised for `Activity` it added about 4 KB
/// to the bundle (README, "Bytes"). 10,000 entries take about 14 passes over a `Vec<usize>`.
pub fn sort_newest_first(activities: &mut [Activity]) {
    let count = activities.len();
    // `None < Some(_)`: newest first is the keys descending, undated entries last.
    let keys: Vec<Option<i64>> = activities
        .iter()
        .map(|activity| activity.date.map(|d| d.epoch_seconds()))
        .collect();
    let mut order: Vec<usize> = (0..count).collect();
    let mut merged = order.clone();
    let mut width = 1_usize;
    while width < count {
        let pair = width.saturating_mul(2);
        for (runs, out) in order.chunks(pair).zip(merged.chunks_mut(pair)) {
            let (left, right) = runs.split_at(width.min(runs.len()));
            let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
            for slot in out {
                // The left run's entry goes first unless the right one is newer: ties keep order.
                let take_left = match (left.peek(), right.peek()) {
                    (Some(&&l), Some(&&r)) => keys.get(l) >= keys.get(r),
                    (l, _) => l.is_some(),
                };
                let next = if take_left { left.next() } else { right.next() };
                *slot = next.copied().unwrap_or_default();
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width = pair;
    }
    // `goes_to[i]`: where the entry now at `i` belongs. Each swap puts one entry in place.
    let mut goes_to = merged;
    for (to, from) in order.into_iter().enumerate() {
        if let Some(slot) = goes_to.get_mut(from) {
            *slot = to;
        }
    }
    for here in 0..count {
        while let Some(&there) = goes_to.get(here) {
            if there == here || there >= count {
                break;
            }
            activities.swap(here, there);
            goes_to.swap(here, there);
        }
    }
}
