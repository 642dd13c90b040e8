//! The points request over the network: built with gloo-net, sent with the page's own `fetch`.
//!
//! The fetch and the body are awaited here rather than through gloo-net's `send` and `text`:
//! those turn a rejection into an error with `unreachable!` when the rejection is not a JS
//! `Error`, and a host page that wraps `fetch` (or a second copy of the bundle aborting a request
//! in Firefox) can reject with anything. Here any rejection, any throw and any value that is not
//! a `Response` is a network error, never a panic.

use std::time::Duration;

use futures::future::{select, Either};
use gloo_net::http::Request;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Response};

use crate::api::error::PointsError;
use crate::api::http_date::parse_http_date;
use crate::api::model::Points;
use crate::api::request::PointsRequest;
use crate::api::wire::Decoding;
use crate::ui::hooks::task::Slices;

/// Fetches one member's points.
///
/// `controller`, when the browser has `AbortController`, cancels the request: its owner aborts it
/// when the answer is no longer wanted (the member changed, the component went away), and this
/// function aborts it when `timeout_ms` passes, so the browser stops the transfer in both cases.
/// After the owner aborts, the result is meaningless and must be dropped.
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
    let request = builder.build().map_err(|_| PointsError::Network)?;
    let pending = send(&request.into());
    within(pending, controller, timeout_ms, timeout_ms).await
}

/// A request that `loader.js` started before the wasm was ready (the same URL, headers and
/// abort semantics as [`fetch_points`]'s), for the badge to take over.
pub(crate) struct Started {
    /// What the page's `fetch` returned for it.
    pub pending: JsValue,
    /// Its controller: aborting it cancels the request.
    pub controller: AbortController,
    /// Milliseconds since it started, which count against the time limit.
    pub elapsed_ms: f64,
}

/// Reads the answer to a request the loader started, as [`fetch_points`] would have: the time
/// limit counts from when the loader started it.
pub(crate) async fn fetch_started(
    started: Started,
    timeout_ms: u32,
) -> Result<Points, PointsError> {
    let left = (f64::from(timeout_ms) - started.elapsed_ms).max(0.0) as u32;
    within(
        Some(started.pending),
        Some(&started.controller),
        left,
        timeout_ms,
    )
    .await
}

/// The answer to `pending`, unless `left_ms` pass first (the error then says `timeout_ms`).
async fn within(
    pending: Option<JsValue>,
    controller: Option<&AbortController>,
    left_ms: u32,
    timeout_ms: u32,
) -> Result<Points, PointsError> {
    let exchange = Box::pin(exchange(pending));
    let timer = Box::pin(yew::platform::time::sleep(Duration::from_millis(
        u64::from(left_ms),
    )));
    match select(exchange, timer).await {
        Either::Left((Some(answer), _)) => decode(answer).await,
        // Offline, DNS failure, connection dropped, CORS refusal: the browser does not say which.
        Either::Left((None, _)) => Err(PointsError::Network),
        Either::Right(((), _)) => {
            if let Some(controller) = controller {
                controller.abort();
            }
            Err(PointsError::Timeout {
                after_ms: timeout_ms,
            })
        }
    }
}

/// History entries decoded between two looks at the clock (about a millisecond's work).
const ENTRIES_PER_STEP: usize = 64;

/// Decodes the answer in slices of about [`SLICE_MS`](crate::ui::hooks::task::SLICE_MS), yielding
/// to the browser between them: a history of 10,000 entries is a megabyte of JSON, and reading it
/// in one go would hold the page's main thread for over 100 ms. A short answer is decoded at
/// once, without a yield.
async fn decode(answer: Answer) -> Result<Points, PointsError> {
    let mut decoding = Decoding::start(
        answer.status,
        answer.retry_after.as_deref(),
        answer.body,
        Some(answer.received_at),
    );
    let mut slices = Slices::start();
    loop {
        if let Some(result) = decoding.step(ENTRIES_PER_STEP) {
            // Long work done: the badge renders in a task of its own.
            slices.pause_if_due().await;
            return result;
        }
        slices.pause_if_due().await;
    }
}

/// What came back.
struct Answer {
    status: u16,
    retry_after: Option<String>,
    body: String,
    /// Unix seconds: the answer's `Date` when readable (a cross-origin answer hides it unless
    /// exposed), else the local clock. Only a `Retry-After` date is measured against it.
    received_at: i64,
}

/// Sends `request` with the page's `fetch`: what it returned, `None` if it threw.
fn send(request: &web_sys::Request) -> Option<JsValue> {
    let window = web_sys::window()?;
    let fetch = Reflect::get(&window, &JsValue::from_str("fetch"))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    // `call1` catches a synchronous throw.
    fetch.call1(&window, request).ok()
}

/// Reads the whole body of what `fetch` returned (under the request's signal: a stalled body
/// also times out); `None` for anything but a complete answer.
async fn exchange(pending: Option<JsValue>) -> Option<Answer> {
    // `Promise.resolve` accepts whatever came back.
    let response = JsFuture::from(Promise::resolve(&pending?)).await.ok()?;
    let response = response.dyn_into::<Response>().ok()?;
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let retry_after = header("retry-after");
    let date = header("date").as_deref().and_then(parse_http_date);
    let body = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    let local_now = (js_sys::Date::now() / 1000.0) as i64;
    Some(Answer {
        status: response.status(),
        retry_after,
        body,
        received_at: date.unwrap_or(local_now),
    })
}
