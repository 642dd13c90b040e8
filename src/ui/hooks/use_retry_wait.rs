//! Waiting out a `Retry-After` before the Retry button is offered.

use std::time::Duration;

use yew::prelude::*;

use super::task::spawn_cancellable;

/// Whether the server's `Retry-After` (in seconds) is still running: true from the moment
/// `retry_after` is set until that many seconds have passed; false when it is `None`.
///
/// ```no_run
/// use loyalty_badge::ui::hooks::use_retry_wait;
/// use yew::prelude::*;
///
/// #[component]
/// fn RetryButton() -> Html {
///     let waiting = use_retry_wait(Some(30));
///     html! { <button disabled={waiting}>{ "Try again" }</button> }
/// }
/// ```
#[hook]
pub fn use_retry_wait(retry_after: Option<u32>) -> bool {
    let waiting = use_state(|| retry_after.is_some());
    {
        let waiting = waiting.clone();
        use_effect_with(retry_after, move |retry_after| {
            waiting.set(retry_after.is_some());
            let seconds = *retry_after;
            let task = seconds.map(|seconds| {
                spawn_cancellable(move |cancel| async move {
                    yew::platform::time::sleep(Duration::from_secs(u64::from(seconds))).await;
                    if !cancel.is_cancelled() {
                        waiting.set(false);
                    }
                })
            });
            move || task.iter().for_each(|task| task.cancel())
        });
    }
    *waiting
}
