//! The events as dispatched agree with `EVENTS` (src/embed/manifest.rs), from which the
//! TypeScript declarations and the manifest are made: each detail has the table's fields, in its
//! order, each of its type, and an error's `kind` is one of `ERROR_KINDS`.

use std::cell::RefCell;
use std::rc::Rc;

use loyalty_badge::embed::manifest::{DetailType, EventKey, ERROR_KINDS};
use loyalty_badge::embed::ElementBinding;
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{CustomEvent, HtmlElement};

use crate::support::{answer, route, route_seed, wait_for};

/// The detail of the first `key` event a badge for `member` dispatches.
async fn first_detail(member: &str, key: EventKey) -> JsValue {
    first_detail_with(member, key, &[]).await
}

/// [`first_detail`] of a badge with these extra attributes.
async fn first_detail_with(member: &str, key: EventKey, attributes: &[(&str, &str)]) -> JsValue {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    element.set_attribute("user-id", member).unwrap();
    element.set_attribute("api-base", "/stub").unwrap();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    document.body().unwrap().append_child(&element).unwrap();
    let detail: Rc<RefCell<Option<JsValue>>> = Rc::new(RefCell::new(None));
    let seen = Rc::clone(&detail);
    let listener = Closure::<dyn Fn(CustomEvent)>::new(move |event: CustomEvent| {
        seen.borrow_mut().get_or_insert(event.detail());
    });
    element
        .add_event_listener_with_callback(key.spec().name, listener.as_ref().unchecked_ref())
        .unwrap();
    let binding = ElementBinding::new(element.clone());
    binding.connected();
    if key == EventKey::Toggle {
        // Opening from the start is no toggle: the member opens the compact badge.
        let toggle = || {
            element
                .shadow_root()
                .and_then(|root| root.query_selector("[part~=toggle]").ok().flatten())
        };
        wait_for("the compact badge's button", || toggle().is_some()).await;
        toggle().unwrap().unchecked_into::<HtmlElement>().click();
    }
    wait_for(key.spec().name, || detail.borrow().is_some()).await;
    binding.disconnected();
    element.remove();
    detail.take().unwrap()
}

/// Fails unless `detail` has exactly `key`'s fields, in order, each of its type.
fn assert_matches_table(detail: &JsValue, key: EventKey) {
    let spec = key.spec();
    let object: &js_sys::Object = detail.unchecked_ref();
    let names: Vec<String> = js_sys::Object::keys(object)
        .iter()
        .map(|name| name.as_string().unwrap())
        .collect();
    let listed: Vec<_> = spec.fields.iter().map(|field| field.name).collect();
    assert_eq!(names, listed, "{}'s detail", spec.name);
    for field in spec.fields {
        let value = js_sys::Reflect::get(detail, &JsValue::from_str(field.name)).unwrap();
        if value.is_null() {
            assert!(field.nullable, "{}.{} is null", spec.name, field.name);
            continue;
        }
        let typed = match field.value {
            DetailType::Text => value.is_string(),
            DetailType::Number => value.as_f64().is_some(),
            DetailType::Boolean => value.as_bool().is_some(),
            DetailType::ErrorKind => value
                .as_string()
                .is_some_and(|kind| ERROR_KINDS.iter().any(|k| k.kind.as_str() == kind)),
        };
        assert!(typed, "{}.{} is {value:?}", spec.name, field.name);
    }
}

#[wasm_bindgen_test]
async fn the_load_detail_is_what_the_table_declares() {
    route_seed("detail-load");
    let detail = first_detail("detail-load", EventKey::Load).await;
    assert_matches_table(&detail, EventKey::Load);
}

#[wasm_bindgen_test]
async fn the_error_detail_is_what_the_table_declares() {
    route(
        "detail-error",
        json!([answer(
            404,
            json!({ "error": "param_error", "message": "User does not exist." })
        )]),
    );
    let detail = first_detail("detail-error", EventKey::Error).await;
    assert_matches_table(&detail, EventKey::Error);
    let kind = js_sys::Reflect::get(&detail, &JsValue::from_str("kind")).unwrap();
    assert_eq!(kind.as_string().as_deref(), Some("not-found"));
}

#[wasm_bindgen_test]
async fn the_toggle_detail_is_what_the_table_declares() {
    route_seed("detail-toggle");
    let detail =
        first_detail_with("detail-toggle", EventKey::Toggle, &[("variant", "compact")]).await;
    assert_matches_table(&detail, EventKey::Toggle);
    let open = js_sys::Reflect::get(&detail, &JsValue::from_str("open")).unwrap();
    assert_eq!(open.as_bool(), Some(true));
}
