//! Periodic refreshes while the page is visible.

use std::time::Duration;

use yew::prelude::*;

use super::task::{spawn_cancellable, use_latest};

/// The shortest interval honoured, in seconds: CrowdTwist's limit is per program, shared by
/// every member's badge.
pub const MIN_REFRESH_INTERVAL_S: u32 = 5;

/// Calls `refresh` every `seconds` (at least [`MIN_REFRESH_INTERVAL_S`]) while the document is
/// visible; 0 turns it off. A hidden tab is skipped, not queued.
///
/// ```no_run
/// use loyalty_badge::ui::hooks::use_refresh_interval;
/// use yew::prelude::*;
///
/// #[component]
/// fn Clock() -> Html {
///     let ticks = use_state(|| 0);
///     let refresh = { let ticks = ticks.clone(); Callback::from(move |()| ticks.set(*ticks + 1)) };
///     use_refresh_interval(60, refresh);
///     html! { <p>{ *ticks }</p> }
/// }
/// ```
#[hook]
pub fn use_refresh_interval(seconds: u32, refresh: Callback<()>) {
    let refresh = use_latest(refresh);
    use_effect_with(seconds, move |&seconds| {
        let task = (seconds > 0).then(|| {
            let period = Duration::from_secs(u64::from(seconds.max(MIN_REFRESH_INTERVAL_S)));
            spawn_cancellable(move |cancel| async move {
                loop {
                    yew::platform::time::sleep(period).await;
                    if cancel.is_cancelled() {
                        break;
                    }
                    if page_is_visible() {
                        refresh.get().emit(());
                    }
                }
            })
        });
        move || task.iter().for_each(|task| task.cancel())
    });
}

fn page_is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| !d.hidden())
}
