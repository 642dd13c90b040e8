//! The points request over the network, through gloo-net.

use std::time::Duration;

use futures::future::{select, Either};
use gloo_net::http::Request;
use web_sys::AbortController;

use crate::api::error::PointsError;
use crate::api::model::Points;
use crate::api::request::PointsRequest;
use crate::api::wire::read_response;

/// Fetches one member's points.
///
/// `controller`, when the browser has `AbortController`, cancels the request: its owner aborts it when the answer is no longer wanted
/// (the member changed, the component went away), and this function aborts it when
/// `timeout_ms` passes, so the browser stops the transfer in both cases. After the owner aborts,
/// the result is meaningless and must be dropped.
pub async fn fetch_points(
    request: &PointsRequest,
    member_token: Option<&str>,
    controller: Option<&AbortController>,
    timeout_ms: u32,
) -> Result<Points, PointsError> {
    let signal = controller.map(AbortController::signal);
    let mut builder = Request::get(&request.url())
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref());
    if let Some(token) = member_token {
        builder = builder.header("X-Member-Token", token);
    }
    let exchange = Box::pin(async move {
        let response = builder.send().await.ok()?;
        let retry_after = response.headers().get("retry-after");
        // The body is read under the same signal: a stalled body also times out.
        let body = response.text().await.ok()?;
        Some((response.status(), retry_after, body))
    });
    let timer = Box::pin(yew::platform::time::sleep(Duration::from_millis(
        u64::from(timeout_ms),
    )));
    match select(exchange, timer).await {
        Either::Left((Some((status, retry_after, body)), _)) => {
            read_response(status, retry_after.as_deref(), &body)
        }
        // Offline, DNS failure, connection dropped, CORS refusal: the browser does not say which.
        Either::Left((None, _)) => Err(PointsError::Network),
        Either::Right(((), _)) => {
            // Aborting without a reason rejects with an AbortError DOMException; gloo-net
            // requires an Error-typed rejection.
            if let Some(controller) = controller {
                controller.abort();
            }
            Err(PointsError::Timeout {
                after_ms: timeout_ms,
            })
        }
    }
}
