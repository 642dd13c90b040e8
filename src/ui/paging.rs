//! Paging of the points history: how much of it "Show more" has revealed. (Its order is the
//! model's: [`crate::api::model::sort_newest_first`].)

/// Timeline entries shown before "Show more", unless `page_size` says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// How many entries to show after `pages` presses of "Show more" (0 presses: the first page).
pub fn visible_count(total: usize, page_size: usize, pages: usize) -> usize {
    let page_size = page_size.max(1);
    total.min(page_size.saturating_mul(pages.saturating_add(1)))
}

/// How many entries the next press of "Show more" reveals (0: nothing left, no button).
pub fn next_page_len(total: usize, page_size: usize, pages: usize) -> usize {
    let remaining = total - visible_count(total, page_size, pages);
    remaining.min(page_size.max(1))
}
