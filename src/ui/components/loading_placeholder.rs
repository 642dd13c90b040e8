//! The loading state: the loaded layout's shape, so nothing jumps when the figures arrive.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::appearance::Variant;
use crate::api::text::Message;
use crate::ui::intl::Formatter;

/// Skeleton rows shown in place of the history while loading.
const SKELETON_ENTRIES: usize = 3;

/// Properties of [`LoadingPlaceholder`].
#[derive(Properties, PartialEq)]
pub struct LoadingPlaceholderProps {
    /// The layout to stand in for.
    pub variant: Variant,
    /// The words for the viewer.
    pub formatter: Rc<Formatter>,
}

/// A placeholder with the summary's real labels and blank figures. It is only a picture: the
/// badge's live region says "Loading points…" to assistive technology.
#[component]
pub fn LoadingPlaceholder(props: &LoadingPlaceholderProps) -> Html {
    let formatter = &props.formatter;
    if props.variant == Variant::Compact {
        return html! {
            <p class="lb-compact lb-loading" part="loading" aria-hidden="true">
                <span class="lb-skeleton lb-skeleton--compact"></span>
            </p>
        };
    }
    let figure = |label: Message<'static>| {
        html! {
            <div class="lb-figure">
                <dt>{ formatter.text(&label) }</dt>
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
        <div class="lb-loading" part="loading" aria-hidden="true">
            <dl class="lb-summary">
                { figure(Message::TotalPoints) }
                { figure(Message::RedeemablePoints) }
                { figure(Message::FanLevel) }
            </dl>
            <p class="lb-heading">{ formatter.text(&Message::History) }</p>
            <ul class="lb-timeline">{ entries }</ul>
        </div>
    }
}
