//! The widget's own words, in one place. English only for now; numbers and dates already follow
//! the viewer's locale through `Intl` (see `intl`).

/// The accessible name of the whole widget.
pub const WIDGET_LABEL: &str = "Loyalty points";
/// Label of the lifetime total.
pub const TOTAL_POINTS: &str = "Total points";
/// Label of the spendable balance.
pub const REDEEMABLE_POINTS: &str = "Redeemable points";
/// After the number in the compact variant: "1,000 redeemable points".
pub const REDEEMABLE_SUFFIX: &str = "redeemable points";
/// Label of the tier.
pub const FAN_LEVEL: &str = "Fan level";
/// Shown when the answer had no fan level.
pub const NO_FAN_LEVEL: &str = "None yet";
/// Title of the activity timeline.
pub const HISTORY: &str = "Points history";
/// The timeline's empty state.
pub const NO_ACTIVITY: &str = "No points activity yet.";
/// An entry without a date.
pub const DATE_UNKNOWN: &str = "Date unknown";
/// Announced while loading.
pub const LOADING: &str = "Loading points…";
/// Announced while refreshing figures that stay visible.
pub const UPDATING: &str = "Updating…";
/// The retry button.
pub const RETRY: &str = "Try again";

/// The "Show more" button: how many more entries one press reveals.
pub fn show_more(next: usize) -> String {
    format!("Show {next} more")
}

/// How many entries were left out because they were malformed.
pub fn unreadable_entries(count: usize) -> String {
    match count {
        1 => "1 entry could not be shown.".to_owned(),
        n => format!("{n} entries could not be shown."),
    }
}
