//! The compact variant's loaded state: one line, fan level and redeemable points.

use std::rc::Rc;

use yew::prelude::*;

use super::summary::fan_level_text;
use crate::api::model::Points;
use crate::api::text::Message;
use crate::ui::intl::Formatter;

/// Properties of [`CompactView`].
#[derive(Properties, PartialEq)]
pub struct CompactViewProps {
    /// The figures to show.
    pub points: Rc<Points>,
    /// Number formatting for the viewer.
    pub formatter: Rc<Formatter>,
    /// Whether newer figures are being fetched (these stay visible meanwhile).
    pub updating: bool,
}

/// "New Fan · 1,000 redeemable points", for tight spots such as a header.
#[component]
pub fn CompactView(props: &CompactViewProps) -> Html {
    let points = &props.points;
    let fan_level = fan_level_text(points);
    let updating = props.updating.then(|| {
        html! { <span class="lb-visually-hidden" role="status">{ Message::Updating.to_string() }</span> }
    });
    html! {
        <p class="lb-compact" part="summary">
            <span part="fan-level" dir="auto">{ fan_level }</span>
            <span class="lb-compact-separator" aria-hidden="true">{ "·" }</span>
            <span>
                <span part="redeemable">{ props.formatter.points(points.redeemable_points) }</span>
                { " " }
            </span>
            { updating }
        </p>
    }
}
