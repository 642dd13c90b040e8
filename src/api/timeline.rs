//! Ordering and paging of the points history.

use crate::api::model::Activity;

/// Sorts newest first; undated entries go last. Entries with the same date (and the undated
/// ones) keep the order the API sent them in.
pub fn sort_newest_first(activities: &mut [Activity]) {
    // `None < Some(_)`, so comparing b to a puts dated entries first, newest first.
    activities.sort_by(|a, b| {
        let key = |activity: &Activity| activity.date.map(|d| d.epoch_seconds());
        key(b).cmp(&key(a))
    });
}

/// How many entries to show after `pages` presses of "Show more" (0 presses: the first page).
pub fn visible_count(total: usize, page_size: usize, pages: usize) -> usize {
    let page_size = page_size.max(1);
    total.min(page_size.saturating_mul(pages.saturating_add(1)))
}
