//! The compact variant's loaded state: one line, fan level and redeemable points, that opens to
//! show everything (a disclosure).

use std::rc::Rc;

use yew::prelude::*;

use super::points_view::PointsView;
use super::summary::fan_level_text;
use crate::api::model::Points;
use crate::api::text::Message;
use crate::ui::clock::Clock;
use crate::ui::hooks::Disclosure;
use crate::ui::intl::Formatter;

/// Properties of [`CompactView`].
#[derive(Properties, PartialEq)]
pub struct CompactViewProps {
    /// The figures to show.
    pub points: Rc<Points>,
    /// Words, numbers and dates for the viewer.
    pub formatter: Rc<Formatter>,
    /// Now, for the details' relative dates.
    #[prop_or_default]
    pub clock: Clock,
    /// Timeline entries per page, in the details.
    pub page_size: usize,
    /// Whether newer figures are being fetched (these stay visible meanwhile).
    pub updating: bool,
    /// Whether the details show, and how to toggle them ([`crate::ui::hooks::use_disclosure`]).
    pub disclosure: Disclosure,
}

/// "New Fan · 1,000 redeemable points", for tight spots such as a header: a button that shows
/// the full view under it (`aria-expanded`, `aria-controls`). Enter and Space toggle it (it is a
/// button); the badge closes it on Escape.
#[component]
pub fn CompactView(props: &CompactViewProps) -> Html {
    let (points, formatter, disclosure) = (&props.points, &props.formatter, &props.disclosure);
    let fan_level = fan_level_text(points, formatter);
    // The number is its own part (`redeemable`), wherever the language puts it in the phrase.
    let mut redeemable = Vec::new();
    Message::RedeemableCount {
        count: points.redeemable_points,
    }
    .pieces(formatter.catalog(), &**formatter, &mut |name, text| {
        redeemable.push(match name {
            Some(_) => html! { <span part="redeemable">{ text }</span> },
            None => html! { { text } },
        });
    });
    let onclick = disclosure.toggle.reform(|_: MouseEvent| ());
    // Rendered only while open: closed, the badge is one line (`aria-controls` may name an
    // element that is not there while `aria-expanded` is false). An empty node stands in for it,
    // so that Yew, which matches unkeyed children from the end, keeps the button (and its focus).
    let details = if disclosure.open {
        html! {
            <div ref={disclosure.panel.clone()} id={disclosure.panel_id.clone()} class="lb-details">
                <PointsView points={Rc::clone(points)} formatter={Rc::clone(formatter)}
                            clock={props.clock.clone()} page_size={props.page_size}
                            updating={props.updating} />
            </div>
        }
    } else {
        Html::default()
    };
    html! {
        <>
            <button ref={disclosure.button.clone()} type="button" class="lb-toggle" part="toggle"
                    aria-expanded={disclosure.open.to_string()}
                    aria-controls={disclosure.panel_id.clone()} {onclick}>
                <span class="lb-compact" part="summary">
                    <span part="fan-level" dir="auto">{ fan_level }</span>
                    <span class="lb-compact-separator" aria-hidden="true">{ "·" }</span>
                    <span>{ for redeemable }</span>
                </span>
                <span class="lb-chevron" aria-hidden="true"></span>
            </button>
            { details }
        </>
    }
}
