//! The failed states: member not found, a refused member token, and every other error with its
//! Retry button.

use yew::prelude::*;

use crate::api::error::PointsError;
use crate::api::text::Message;
use crate::ui::hooks::use_retry_wait;

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
    let waiting = use_retry_wait(error.retry_after());
    let retry = error.retryable().then(|| {
        let onclick = props.onretry.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="lb-retry" part="retry" disabled={waiting} {onclick}>
                { Message::Retry.to_string() }
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
            <p class="lb-error-message">{ error.message().to_string() }</p>
            { retry }
        </div>
    }
}
