//! The loaded state: the summary figures and the timeline.

use std::rc::Rc;

use yew::prelude::*;

use super::activity_timeline::ActivityTimeline;
use super::summary::fan_level_text;
use crate::api::model::Points;
use crate::api::text::Message;
use crate::ui::intl::Formatter;

/// Properties of [`PointsView`].
#[derive(Properties, PartialEq)]
pub struct PointsViewProps {
    /// The figures to show.
    pub points: Rc<Points>,
    /// Number and date formatting for the viewer.
    pub formatter: Rc<Formatter>,
    /// Timeline entries per page.
    pub page_size: usize,
    /// Whether newer figures are being fetched (these stay visible meanwhile).
    pub updating: bool,
}

/// Total and redeemable points, the fan level, and the history.
#[component]
pub fn PointsView(props: &PointsViewProps) -> Html {
    let points = &props.points;
    let fan_level = fan_level_text(points);
    let updating = props.updating.then(|| {
        html! { <p class="lb-updating" role="status">{ Message::Updating.to_string() }</p> }
    });
    html! {
        <>
            <dl class="lb-summary" part="summary">
                <div class="lb-figure">
                    <dt>{ Message::TotalPoints.to_string() }</dt>
                    <dd part="total">{ props.formatter.points(points.total_points) }</dd>
                </div>
                <div class="lb-figure">
                    <dt>{ Message::RedeemablePoints.to_string() }</dt>
                    <dd part="redeemable">{ props.formatter.points(points.redeemable_points) }</dd>
                </div>
                <div class="lb-figure">
                    <dt>{ Message::FanLevel.to_string() }</dt>
                    <dd part="fan-level" dir="auto">{ fan_level }</dd>
                </div>
            </dl>
            { updating }
            <ActivityTimeline points={Rc::clone(points)} formatter={Rc::clone(&props.formatter)}
                              page_size={props.page_size} />
        </>
    }
}
