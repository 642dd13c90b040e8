//! The points history: newest first, a page at a time.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::model::{Activity, Points};
use crate::api::text::Message;
use crate::ui::clock::Clock;
use crate::ui::intl::Formatter;
use crate::ui::paging::{next_page_len, visible_count};

/// Properties of [`ActivityTimeline`].
#[derive(Properties, PartialEq)]
pub struct ActivityTimelineProps {
    /// The points whose history to show (already ordered).
    pub points: Rc<Points>,
    /// Words, numbers and dates for the viewer.
    pub formatter: Rc<Formatter>,
    /// Now: entries of the last days also say how long ago they were ("3 days ago").
    #[prop_or_default]
    pub clock: Clock,
    /// Entries per page.
    pub page_size: usize,
}

/// The history list, its "Show more" button, its empty state, and a note on unreadable entries.
///
/// What may be absent is an empty node rather than nothing: Yew matches unkeyed children from
/// the end, so a child appearing would otherwise replace (and unfocus) the ones before it.
#[component]
pub fn ActivityTimeline(props: &ActivityTimelineProps) -> Html {
    let pages = use_state(|| 0_usize);
    let list = use_node_ref();
    let (activities, page_size) = (&props.points.activities, props.page_size);
    use_focus_first_revealed(list.clone(), activities.len(), page_size, *pages);

    // "Now" for relative dates is read when the points (or the clock) change, not at every
    // render: entries already shown then compare equal and are left alone when "Show more"
    // reveals the next page, which renders only the new ones (see `TimelineEntry`).
    let now_ms = use_memo(
        (Rc::clone(&props.points), props.clock.clone()),
        |(_, clock)| clock.now_ms(),
    );
    let formatter = &props.formatter;
    let unreadable = unreadable_note(props.points.unreadable_activities, formatter);
    let history = formatter.text(&Message::History);
    let rows = reserved_rows(page_size).to_string();
    if activities.is_empty() {
        let empty = if props.points.unreadable_activities == 0 {
            html! { <p class="lb-empty" part="empty">{ formatter.text(&Message::NoActivity) }</p> }
        } else {
            Html::default()
        };
        // The heading and the history's room stay, so the badge is as tall as its skeleton.
        return html! {
            <>
                <p class="lb-heading" aria-hidden="true">{ &history }</p>
                <div class="lb-history" data-rows={rows}>{ empty }{ unreadable }</div>
            </>
        };
    }
    let shown = visible_count(activities.len(), page_size, *pages);
    let next = next_page_len(activities.len(), page_size, *pages);
    let more = if next > 0 {
        let onclick = Callback::from(move |_: MouseEvent| pages.set(*pages + 1));
        html! {
            <button type="button" class="lb-more" part="more" {onclick}>
                { formatter.text(&Message::ShowMore { count: next }) }
            </button>
        }
    } else {
        Html::default()
    };
    let entries = (0..shown)
        .map(|index| {
            html! {
                <TimelineEntry key={index} points={Rc::clone(&props.points)} {index}
                               formatter={Rc::clone(formatter)} now_ms={*now_ms} />
            }
        })
        .collect::<Html>();
    html! {
        <>
            // The list carries the accessible name; the visible title would only repeat it.
            <p class="lb-heading" aria-hidden="true">{ &history }</p>
            <div class="lb-history" data-rows={rows}>
                <ol ref={list} class="lb-timeline" part="timeline" aria-label={history}>
                    { entries }
                </ol>
                { unreadable }
                { more }
            </div>
        </>
    }
}

/// How many plain entries' height the history takes at least, loading and loaded: the page size,
/// up to 10. `loader.js` sizes its skeleton the same way.
pub(crate) fn reserved_rows(page_size: usize) -> usize {
    page_size.clamp(1, 10)
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

/// "2 entries could not be shown.", when some were malformed (else an empty node: see
/// [`ActivityTimeline`]).
fn unreadable_note(count: usize, formatter: &Formatter) -> Html {
    if count == 0 {
        return Html::default();
    }
    let note = formatter.text(&Message::UnreadableEntries { count });
    html! { <p class="lb-note" role="note">{ note }</p> }
}

/// Properties of [`TimelineEntry`]: the entry by its place in the points (compared by identity,
/// not by value: the history may have 10,000 entries).
#[derive(Properties)]
struct TimelineEntryProps {
    points: Rc<Points>,
    index: usize,
    formatter: Rc<Formatter>,
    now_ms: f64,
}

impl PartialEq for TimelineEntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.points, &other.points)
            && self.index == other.index
            && self.formatter == other.formatter
            && self.now_ms.to_bits() == other.now_ms.to_bits()
    }
}

/// One entry of the list, a component of its own (keyed by its place) so that Yew skips the
/// entries whose properties are unchanged.
#[component]
fn TimelineEntry(props: &TimelineEntryProps) -> Html {
    props
        .points
        .activities
        .get(props.index)
        .map(|activity| activity_entry(activity, &props.formatter, props.now_ms))
        .unwrap_or_default()
}

/// One history entry: name, signed points (and, for assistive technology, the amount in words),
/// date (relative when recent, with the date and time in full as its title), notes.
fn activity_entry(activity: &Activity, formatter: &Formatter, now_ms: f64) -> Html {
    let points = activity.num_points;
    let (sign, in_words) = match points {
        n if n < 0 => (
            "negative",
            Message::Spent {
                points: n.checked_neg().unwrap_or(i64::MAX),
            },
        ),
        n if n > 0 => ("positive", Message::Earned { points: n }),
        _ => ("zero", Message::Earned { points: 0 }),
    };
    let date = match activity.date {
        Some(timestamp) => {
            let relative = formatter.relative_date(timestamp, now_ms);
            let title = relative.is_some().then(|| formatter.date_time(timestamp));
            let text = relative.unwrap_or_else(|| formatter.date(timestamp));
            html! {
                <time class="lb-activity-date" part="activity-date"
                      datetime={timestamp.to_iso8601()} {title}>
                    { text }
                </time>
            }
        }
        None => html! {
            <span class="lb-activity-date lb-activity-date--unknown" part="activity-date">
                { formatter.text(&Message::DateUnknown) }
            </span>
        },
    };
    let notes = activity
        .notes
        .as_ref()
        .map(|notes| {
            html! { <p class="lb-activity-notes" part="activity-notes" dir="auto">{ notes }</p> }
        })
        .unwrap_or_default();
    // A signed number reads left to right in every script: "+1,000" keeps its sign in front.
    html! {
        <li class="lb-activity" part="activity" tabindex="-1">
            <span class="lb-activity-name" part="activity-name" dir="auto">{ &activity.name }</span>
            <span class="lb-activity-points" part="activity-points" data-sign={sign} dir="ltr"
                  aria-hidden="true">
                { formatter.signed_points(points) }
            </span>
            <span class="lb-visually-hidden">{ formatter.text(&in_words) }</span>
            { date }
            { notes }
        </li>
    }
}
