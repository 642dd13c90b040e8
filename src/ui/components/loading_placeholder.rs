//! The loading state: the loaded layout's shape, so nothing jumps when the figures arrive.

use yew::prelude::*;

use super::activity_timeline::reserved_rows;
use crate::api::appearance::Variant;

/// Skeleton rows drawn (the history keeps the room of the whole page): few elements, as twenty
/// badges on a page draw them all.
const DRAWN_ROWS: usize = 3;

/// Properties of [`LoadingPlaceholder`].
#[derive(Properties, PartialEq)]
pub struct LoadingPlaceholderProps {
    /// The layout to stand in for.
    pub variant: Variant,
    /// Timeline entries per page: the history's room depends on it.
    pub page_size: usize,
}

/// A placeholder of the loaded layout's size, blank bars for labels and figures. It is the
/// picture `loader.js` shows before the wasm is ready, element for element, so that the handover
/// changes nothing on screen. It is only a picture: the badge's live region says "Loading
/// points…" to assistive technology.
#[component]
pub fn LoadingPlaceholder(props: &LoadingPlaceholderProps) -> Html {
    if props.variant == Variant::Compact {
        return html! {
            <p class="lb-compact lb-loading" part="loading" aria-hidden="true">
                // Two pieces, which wrap as the line's do where it is narrow.
                <span class="lb-skeleton lb-skeleton--compact"></span>
                <span class="lb-skeleton lb-skeleton--compact"></span>
                // A line of text, as tall as the loaded line's in every engine.
                { "\u{200b}" }
            </p>
        };
    }
    let figure = || {
        html! {
            <div class="lb-figure">
                <dt><span class="lb-skeleton lb-skeleton--label"></span></dt>
                <dd><span class="lb-skeleton lb-skeleton--figure"></span></dd>
            </div>
        }
    };
    let rows = reserved_rows(props.page_size);
    let entries = (0..rows.min(DRAWN_ROWS))
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
            <dl class="lb-summary">{ figure() }{ figure() }{ figure() }</dl>
            <p class="lb-heading"><span class="lb-skeleton lb-skeleton--label"></span></p>
            <div class="lb-history" data-rows={rows.to_string()}>
                <ul class="lb-timeline">{ entries }</ul>
            </div>
        </div>
    }
}
