//! The failed states: member not found, and every other error with its Retry button.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::prelude::*;

use crate::api::error::PointsError;
use crate::api::text;

/// Properties of [`ErrorNotice`].
#[derive(Properties, PartialEq)]
pub struct ErrorNoticeProps {
    /// What went wrong.
    pub error: PointsError,
    /// Asks again; offered only when retrying can help.
    pub onretry: Callback<()>,
}

/// The error's message for the member, and a Retry button when retrying can help. When the
/// server asked to wait (`Retry-After`), the button is enabled only once that time has passed.
#[component]
pub fn ErrorNotice(props: &ErrorNoticeProps) -> Html {
    let error = &props.error;
    let waiting = use_state(|| error.retry_after().is_some());
    {
        let waiting = waiting.clone();
        use_effect_with(error.retry_after(), move |retry_after| {
            let cancelled = Rc::new(Cell::new(false));
            waiting.set(retry_after.is_some());
            if let Some(seconds) = *retry_after {
                let cancelled = Rc::clone(&cancelled);
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(Duration::from_secs(u64::from(seconds))).await;
                    if !cancelled.get() {
                        waiting.set(false);
                    }
                });
            }
            move || cancelled.set(true)
        });
    }

    let retry = error.retryable().then(|| {
        let onclick = props.onretry.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="lb-retry" part="retry" disabled={*waiting} {onclick}>
                { text::RETRY }
            </button>
        }
    });
    // Not finding the member is an answer, not an alarm.
    let role = match error {
        PointsError::NotFound { .. } => "status",
        _ => "alert",
    };
    html! {
        <div class="lb-error" part="error" {role} data-kind={error.kind().as_str()}>
            <p class="lb-error-message">{ error.to_string() }</p>
            { retry }
        </div>
    }
}
