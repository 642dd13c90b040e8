//! What the loaded views (full and compact) share: the fan level as shown, and the summary in
//! sentences for assistive technology.

use crate::api::model::Points;
use crate::api::text::Message;
use crate::ui::intl::Formatter;

/// The fan level as shown: the API's, or "None yet".
pub(super) fn fan_level_text(points: &Points, formatter: &Formatter) -> String {
    points
        .fan_level
        .clone()
        .unwrap_or_else(|| formatter.text(&Message::NoFanLevel))
}

/// "1,000 redeemable points of 1,000 total. Fan level: New Fan.": what a screen reader says
/// instead of the summary's grid of labels and figures.
pub(super) fn summary_sentence(points: &Points, formatter: &Formatter) -> String {
    let figures = formatter.text(&Message::PointsSummary {
        redeemable: points.redeemable_points,
        total: points.total_points,
    });
    let level = fan_level_text(points, formatter);
    let level = formatter.text(&Message::FanLevelIs { level: &level });
    format!("{figures} {level}")
}
