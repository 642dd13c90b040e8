//! The loaded state: the summary figures and the timeline.

use std::rc::Rc;

use yew::prelude::*;

use super::activity_timeline::ActivityTimeline;
use super::summary::fan_level_text;
use crate::api::model::Points;
use crate::api::text::Message;
use crate::ui::clock::Clock;
use crate::ui::intl::Formatter;

/// Properties of [`PointsView`].
#[derive(Properties, PartialEq)]
pub struct PointsViewProps {
    /// The figures to show.
    pub points: Rc<Points>,
    /// Words, numbers and dates for the viewer.
    pub formatter: Rc<Formatter>,
    /// Now, for the recent activities' relative dates.
    #[prop_or_default]
    pub clock: Clock,
    /// Timeline entries per page.
    pub page_size: usize,
    /// Whether newer figures are being fetched (these stay visible meanwhile).
    pub updating: bool,
}

/// Total and redeemable points, the fan level, and the history.
///
/// The grid of labels and figures is hidden from assistive technology, which reads the same
/// figures as sentences from the badge's live region ("1,000 redeemable points of 1,000
/// total. Fan level: New Fan.").
#[component]
pub fn PointsView(props: &PointsViewProps) -> Html {
    let (points, formatter) = (&props.points, &props.formatter);
    let fan_level = fan_level_text(points, formatter);
    // An empty node when not updating: Yew matches unkeyed children from the end, and the
    // summary before it must stay the same element.
    let updating = if props.updating {
        html! { <p class="lb-updating">{ formatter.text(&Message::Updating) }</p> }
    } else {
        Html::default()
    };
    html! {
        <>
            <dl class="lb-summary" part="summary" aria-hidden="true">
                <div class="lb-figure">
                    <dt>{ formatter.text(&Message::TotalPoints) }</dt>
                    <dd part="total">{ formatter.points(points.total_points) }</dd>
                </div>
                <div class="lb-figure">
                    <dt>{ formatter.text(&Message::RedeemablePoints) }</dt>
                    <dd part="redeemable">{ formatter.points(points.redeemable_points) }</dd>
                </div>
                <div class="lb-figure">
                    <dt>{ formatter.text(&Message::FanLevel) }</dt>
                    <dd part="fan-level" dir="auto">{ fan_level }</dd>
                </div>
            </dl>
            { updating }
            <ActivityTimeline points={Rc::clone(points)} formatter={Rc::clone(formatter)}
                              clock={props.clock.clone()} page_size={props.page_size} />
        </>
    }
}
