//! The loading state: the loaded layout's shape, so nothing jumps when the figures arrive.

use yew::prelude::*;

use crate::api::appearance::Variant;
use crate::api::text::Message;

/// Skeleton rows shown in place of the history while loading.
const SKELETON_ENTRIES: usize = 3;

/// Properties of [`LoadingPlaceholder`].
#[derive(Properties, PartialEq)]
pub struct LoadingPlaceholderProps {
    /// The layout to stand in for.
    pub variant: Variant,
}

/// A placeholder with the summary's real labels and blank figures, announced as loading.
#[component]
pub fn LoadingPlaceholder(props: &LoadingPlaceholderProps) -> Html {
    if props.variant == Variant::Compact {
        return html! {
            <p class="lb-compact lb-loading" part="loading" role="status">
                <span class="lb-visually-hidden">{ Message::Loading.to_string() }</span>
                <span class="lb-skeleton lb-skeleton--compact" aria-hidden="true"></span>
            </p>
        };
    }
    let figure = |label: Message<'static>| {
        html! {
            <div class="lb-figure">
                <dt>{ label.to_string() }</dt>
                <dd><span class="lb-skeleton lb-skeleton--figure"></span></dd>
            </div>
        }
    };
    let entries = (0..SKELETON_ENTRIES)
        .map(|_| {
            html! {
                <li class="lb-activity">
                    <span class="lb-skeleton lb-skeleton--name"></span>
                    <span class="lb-skeleton lb-skeleton--points"></span>
                    <span class="lb-skeleton lb-skeleton--date"></span>
                </li>
            }
        })
        .collect::<Html>();
    html! {
        <div class="lb-loading" part="loading" role="status">
            <span class="lb-visually-hidden">{ Message::Loading.to_string() }</span>
            <dl class="lb-summary" aria-hidden="true">
                { figure(Message::TotalPoints) }
                { figure(Message::RedeemablePoints) }
                { figure(Message::FanLevel) }
            </dl>
            <p class="lb-heading" aria-hidden="true">{ Message::History.to_string() }</p>
            <ul class="lb-timeline" aria-hidden="true">{ entries }</ul>
        </div>
    }
}
