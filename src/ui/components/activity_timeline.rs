//! The points history: newest first, a page at a time.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::model::{Activity, Points};
use crate::api::text;
use crate::api::timeline::visible_count;
use crate::ui::intl::Formatter;

/// Properties of [`ActivityTimeline`].
#[derive(Properties, PartialEq)]
pub struct ActivityTimelineProps {
    /// The points whose history to show (already ordered).
    pub points: Rc<Points>,
    /// Number and date formatting for the viewer.
    pub formatter: Rc<Formatter>,
    /// Entries per page.
    pub page_size: usize,
}

/// The history list, its "Show more" button, its empty state, and a note on unreadable entries.
#[component]
pub fn ActivityTimeline(props: &ActivityTimelineProps) -> Html {
    let pages = use_state(|| 0_usize);
    let list = use_node_ref();
    let activities = &props.points.activities;
    let shown = visible_count(activities.len(), props.page_size, *pages);

    // After "Show more", move focus to the first entry it revealed, so keyboard and screen
    // reader users continue where they were instead of at the top of the page.
    {
        let list = list.clone();
        let first_new =
            (*pages > 0).then(|| visible_count(activities.len(), props.page_size, *pages - 1));
        use_effect_with(*pages, move |_| {
            let entry = first_new.and_then(|index| {
                let list = list.cast::<web_sys::Element>()?;
                list.children().item(u32::try_from(index).ok()?)
            });
            if let Some(entry) = entry.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = entry.focus();
            }
        });
    }

    let unreadable = (props.points.unreadable_activities > 0).then(|| {
        html! {
            <p class="lb-note" role="note">
                { text::unreadable_entries(props.points.unreadable_activities) }
            </p>
        }
    });
    if activities.is_empty() {
        let empty = (props.points.unreadable_activities == 0).then(|| {
            html! { <p class="lb-empty" part="empty">{ text::NO_ACTIVITY }</p> }
        });
        return html! { <>{ empty }{ unreadable }</> };
    }

    let remaining = activities.len() - shown;
    let more = (remaining > 0).then(|| {
        let next = remaining.min(props.page_size.max(1));
        let onclick = {
            let pages = pages.clone();
            Callback::from(move |_: MouseEvent| pages.set(*pages + 1))
        };
        html! {
            <button type="button" class="lb-more" part="more" {onclick}>
                { text::show_more(next) }
            </button>
        }
    });
    let entries = activities[..shown]
        .iter()
        .map(|activity| activity_entry(activity, &props.formatter))
        .collect::<Html>();
    html! {
        <>
            // The list carries the accessible name; the visible title would only repeat it.
            <p class="lb-heading" aria-hidden="true">{ text::HISTORY }</p>
            <ol ref={list} class="lb-timeline" part="timeline" aria-label={text::HISTORY}>
                { entries }
            </ol>
            { unreadable }
            { more }
        </>
    }
}

/// One history entry: name, signed points, date, notes.
fn activity_entry(activity: &Activity, formatter: &Formatter) -> Html {
    let sign = match activity.num_points {
        n if n > 0 => "positive",
        n if n < 0 => "negative",
        _ => "zero",
    };
    let date = match activity.date {
        Some(timestamp) => html! {
            <time class="lb-activity-date" part="activity-date" datetime={timestamp.to_iso8601()}>
                { formatter.date(timestamp) }
            </time>
        },
        None => html! {
            <span class="lb-activity-date lb-activity-date--unknown" part="activity-date">
                { text::DATE_UNKNOWN }
            </span>
        },
    };
    let notes = activity.notes.as_ref().map(|notes| {
        html! { <p class="lb-activity-notes" part="activity-notes" dir="auto">{ notes }</p> }
    });
    html! {
        <li class="lb-activity" part="activity" tabindex="-1">
            <span class="lb-activity-name" part="activity-name" dir="auto">{ &activity.name }</span>
            <span class="lb-activity-points" part="activity-points" data-sign={sign}>
                { formatter.signed_points(activity.num_points) }
            </span>
            { date }
            { notes }
        </li>
    }
}
