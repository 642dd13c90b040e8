//! What the badge says about its automatic retries and a failed refresh: "Trying again in
//! 1 s…", "Trying again…", and "These figures may be out of date." with a Retry button.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::error::PointsError;
use crate::api::text::Message;
use crate::ui::hooks::{use_retry_wait, RetryPhase};
use crate::ui::intl::Formatter;

/// Properties of [`RetryStatus`].
#[derive(Properties, PartialEq)]
pub struct RetryStatusProps {
    /// An automatic retry waiting or under way.
    #[prop_or_default]
    pub phase: Option<RetryPhase>,
    /// Why the figures shown may be out of date: a refresh failed.
    #[prop_or_default]
    pub outdated: Option<PointsError>,
    /// Asks again; offered with `outdated` when retrying can help.
    pub onretry: Callback<()>,
    /// The viewer's language.
    pub formatter: Rc<Formatter>,
}

/// The retry's progress or the out-of-date marker, shown; and, for the marker, a Retry button
/// when retrying can help (enabled once a `Retry-After` has passed). The badge's one live region
/// says the same words (see `announcement` in `loyalty_badge.rs`), so these are hidden from
/// assistive technology.
#[component]
pub fn RetryStatus(props: &RetryStatusProps) -> Html {
    let outdated = props.outdated.as_ref();
    let waiting = use_retry_wait(outdated.and_then(PointsError::retry_after));
    let words = match (props.phase, outdated) {
        (Some(RetryPhase::Waiting { seconds }), _) => Some(Message::RetryWaiting { seconds }),
        (Some(RetryPhase::Retrying), _) => Some(Message::Retrying),
        (None, Some(_)) => Some(Message::MaybeOutdated),
        (None, None) => None,
    };
    let retry = outdated.filter(|error| error.retryable()).map(|_| {
        let onclick = props.onretry.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="lb-retry" part="retry" disabled={waiting} {onclick}>
                { props.formatter.text(&Message::Retry) }
            </button>
        }
    });
    html! {
        <div class="lb-retry-status" part="retry-status">
            <p class="lb-retry-status-text" aria-hidden="true">
                { words.map(|words| props.formatter.text(&words)) }
            </p>
            { retry }
        </div>
    }
}
