//! The `loyalty-badge:load`, `loyalty-badge:error` and `loyalty-badge:toggle` events. Their
//! details are built through serde-wasm-bindgen from the types below, which hold nothing that
//! could carry the api_key. Their names, fields and types are listed in
//! [`EVENTS`](super::manifest::EVENTS), for the type declarations; a browser test checks the two
//! agree.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

use super::manifest::EventKey;
use crate::api::error::PointsError;
use crate::api::model::Points;

/// `loyalty-badge:load`'s detail.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadDetail<'a> {
    id: Option<&'a str>,
    total_points: f64,
    redeemable_points: f64,
    num_points_purchased: Option<f64>,
    fan_level: Option<&'a str>,
    activity_count: usize,
}

/// `loyalty-badge:error`'s detail.
#[derive(Serialize)]
struct ErrorDetail<'a> {
    kind: &'static str,
    code: Option<&'a str>,
    status: Option<u16>,
    message: String,
    retryable: bool,
}

/// `loyalty-badge:toggle`'s detail.
#[derive(Serialize)]
struct ToggleDetail {
    open: bool,
}

/// Dispatches `loyalty-badge:load` on `target`.
pub(crate) fn dispatch_load(target: &EventTarget, points: &Points) {
    // Points beyond 2^53 lose precision as JavaScript numbers, as they would in JSON.
    let detail = LoadDetail {
        id: points.id.as_deref(),
        total_points: points.total_points as f64,
        redeemable_points: points.redeemable_points as f64,
        num_points_purchased: points.num_points_purchased.map(|n| n as f64),
        fan_level: points.fan_level.as_deref(),
        activity_count: points.activities.len(),
    };
    dispatch(target, EventKey::Load.spec().name, &detail);
}

/// Dispatches `loyalty-badge:error` on `target`; `message` is the error's message as the badge
/// shows it (in its language).
pub(crate) fn dispatch_error(target: &EventTarget, error: &PointsError, message: String) {
    let detail = ErrorDetail {
        kind: error.kind().as_str(),
        code: error.code(),
        status: error.status(),
        message,
        retryable: error.retryable(),
    };
    dispatch(target, EventKey::Error.spec().name, &detail);
}

/// Dispatches `loyalty-badge:toggle` on `target`: the compact badge opened or closed.
pub(crate) fn dispatch_toggle(target: &EventTarget, open: bool) {
    dispatch(target, EventKey::Toggle.spec().name, &ToggleDetail { open });
}

fn dispatch(target: &EventTarget, name: &str, detail: &impl Serialize) {
    // json_compatible: None becomes null and maps become plain objects.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let detail = detail.serialize(&serializer).unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A listener that throws is the host page's problem, reported by the browser itself.
        let _ = target.dispatch_event(&event);
    }
}
