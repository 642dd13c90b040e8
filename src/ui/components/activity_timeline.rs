//! The points history: newest first, a page at a time.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::model::{Activity, Points};
use crate::api::text::Message;
use crate::ui::intl::Formatter;
use crate::ui::paging::{next_page_len, visible_count};

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
    let (activities, page_size) = (&props.points.activities, props.page_size);
    use_focus_first_revealed(list.clone(), activities.len(), page_size, *pages);

    let unreadable = unreadable_note(props.points.unreadable_activities);
    if activities.is_empty() {
        let empty = (props.points.unreadable_activities == 0).then(|| {
            html! { <p class="lb-empty" part="empty">{ Message::NoActivity.to_string() }</p> }
        });
        return html! { <>{ empty }{ unreadable }</> };
    }
    let shown = visible_count(activities.len(), page_size, *pages);
    let next = next_page_len(activities.len(), page_size, *pages);
    let more = (next > 0).then(|| {
        let onclick = Callback::from(move |_: MouseEvent| pages.set(*pages + 1));
        html! {
            <button type="button" class="lb-more" part="more" {onclick}>
                { Message::ShowMore { count: next }.to_string() }
            </button>
        }
    });
    let entries = activities
        .iter()
        .take(shown)
        .map(|activity| activity_entry(activity, &props.formatter))
        .collect::<Html>();
    let history = Message::History.to_string();
    html! {
        <>
            // The list carries the accessible name; the visible title would only repeat it.
            <p class="lb-heading" aria-hidden="true">{ &history }</p>
            <ol ref={list} class="lb-timeline" part="timeline" aria-label={history}>
                { entries }
            </ol>
            { unreadable }
            { more }
        </>
    }
}

/// After "Show more", moves focus to the first entry it revealed, so keyboard and screen reader
/// users continue where they were instead of at the top of the page.
#[hook]
fn use_focus_first_revealed(list: NodeRef, total: usize, page_size: usize, pages: usize) {
    let first_new = (pages > 0).then(|| visible_count(total, page_size, pages - 1));
    use_effect_with(pages, move |_| {
        let entry = first_new.and_then(|index| {
            let list = list.cast::<web_sys::Element>()?;
            list.children().item(u32::try_from(index).ok()?)
        });
        if let Some(entry) = entry.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = entry.focus();
        }
    });
}

/// "2 entries could not be shown.", when some were malformed.
fn unreadable_note(count: usize) -> Option<Html> {
    (count > 0).then(|| {
        html! {
            <p class="lb-note" role="note">{ Message::UnreadableEntries { count }.to_string() }</p>
        }
    })
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
                { Message::DateUnknown.to_string() }
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
