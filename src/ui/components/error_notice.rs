//! The failed states: member not found, a refused member token, and every other error with its
//! Retry button.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::error::PointsError;
use crate::api::text::Message;
use crate::ui::hooks::use_retry_wait;
use crate::ui::intl::Formatter;

/// Properties of [`ErrorNotice`].
#[derive(Properties, PartialEq)]
pub struct ErrorNoticeProps {
    /// What went wrong.
    pub error: PointsError,
    /// The words for the viewer.
    pub formatter: Rc<Formatter>,
    /// Asks again; offered only when retrying can help.
    pub onretry: Callback<()>,
}

/// The error's message for the member, and a Retry button when retrying can help. When the
/// server asked to wait (`Retry-After`), the button is enabled only once that time has passed.
///
/// The message is announced by the badge's live region (politely: a failed fetch is news, not
/// an emergency), which assistive technology reads instead of the visible copy.
#[component]
pub fn ErrorNotice(props: &ErrorNoticeProps) -> Html {
    let (error, formatter) = (&props.error, &props.formatter);
    let waiting = use_retry_wait(error.retry_after());
    // An empty node when there is no button: Yew matches unkeyed children from the end.
    let retry = if error.retryable() {
        let onclick = props.onretry.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="lb-retry" part="retry" disabled={waiting} {onclick}>
                { formatter.text(&Message::Retry) }
            </button>
        }
    } else {
        Html::default()
    };
    html! {
        <div class="lb-error" part="error" data-kind={error.kind().as_str()}>
            <p class="lb-error-message" aria-hidden="true">{ formatter.text(&error.message()) }</p>
            { retry }
        </div>
    }
}
