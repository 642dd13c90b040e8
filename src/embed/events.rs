//! The `loyalty-badge:load`, `loyalty-badge:error` and `loyalty-badge:toggle` events. Their
//! details are plain objects of the fields below, which hold nothing that could carry the
//! api_key. Their names, fields and types are listed in
//! [`EVENTS`](super::manifest::EVENTS), for the type declarations; a browser test checks the two
//! agree.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

use super::manifest::EventKey;
use crate::api::error::PointsError;
use crate::api::model::Points;

/// A detail field's value: `None` is `null`.
fn text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// A detail field's number: `None` is `null`. Points beyond 2^53 lose precision as JavaScript
/// numbers, as they would in JSON.
fn number(value: Option<i64>) -> JsValue {
    value.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64))
}

/// Dispatches `loyalty-badge:load` on `target`.
pub(crate) fn dispatch_load(target: &EventTarget, points: &Points) {
    let detail = [
        ("id", text(points.id.as_deref())),
        ("totalPoints", number(Some(points.total_points))),
        ("redeemablePoints", number(Some(points.redeemable_points))),
        ("numPointsPurchased", number(points.num_points_purchased)),
        ("fanLevel", text(points.fan_level.as_deref())),
        (
            "activityCount",
            JsValue::from_f64(points.activities.len() as f64),
        ),
    ];
    dispatch(target, const { EventKey::Load.spec().name }, &detail);
}

/// Dispatches `loyalty-badge:error` on `target`; `message` is the error's message as the badge
/// shows it (in its language).
pub(crate) fn dispatch_error(target: &EventTarget, error: &PointsError, message: String) {
    let detail = [
        ("kind", JsValue::from_str(error.kind().as_str())),
        ("code", text(error.code())),
        ("status", number(error.status().map(i64::from))),
        ("message", JsValue::from_str(&message)),
        ("retryable", JsValue::from_bool(error.retryable())),
    ];
    dispatch(target, const { EventKey::Error.spec().name }, &detail);
}

/// Dispatches `loyalty-badge:toggle` on `target`: the compact badge opened or closed.
pub(crate) fn dispatch_toggle(target: &EventTarget, open: bool) {
    let detail = [("open", JsValue::from_bool(open))];
    dispatch(target, const { EventKey::Toggle.spec().name }, &detail);
}

/// Dispatches `name` with a plain object of `fields`, in their order, as its detail.
fn dispatch(target: &EventTarget, name: &str, fields: &[(&str, JsValue)]) {
    let detail = Object::new();
    for (field, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&detail, &JsValue::from_str(field), value);
    }
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A listener that throws is the host page's problem, reported by the browser itself.
        let _ = target.dispatch_event(&event);
    }
}
