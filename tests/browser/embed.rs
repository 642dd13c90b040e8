//! The embedding (feature `embed`): the element's option problems and its events, through the
//! same `ElementBinding` the custom element's `loader.js` drives.

use std::cell::RefCell;
use std::rc::Rc;

use loyalty_badge::embed::ElementBinding;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{CustomEvent, Element, HtmlElement};

use crate::support::{answer, calls, route, route_seed, wait_for};

/// A `<div>` bound like a `<loyalty-badge>`, with the details of the events it dispatched.
struct Embedded {
    element: HtmlElement,
    binding: ElementBinding,
    events: Rc<RefCell<Vec<(String, Value)>>>,
    _listeners: Vec<Closure<dyn Fn(CustomEvent)>>,
}

impl Embedded {
    fn new(attributes: &[(&str, &str)]) -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        for (name, value) in attributes {
            element.set_attribute(name, value).unwrap();
        }
        document.body().unwrap().append_child(&element).unwrap();
        let events = Rc::new(RefCell::new(Vec::new()));
        let listeners = ["loyalty-badge:load", "loyalty-badge:error"]
            .into_iter()
            .map(|name| {
                let events = Rc::clone(&events);
                let listener = Closure::<dyn Fn(CustomEvent)>::new(move |event: CustomEvent| {
                    let detail = js_sys::JSON::stringify(&event.detail()).unwrap();
                    let detail = serde_json::from_str(&String::from(detail)).unwrap();
                    events.borrow_mut().push((event.type_(), detail));
                });
                element
                    .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                    .unwrap();
                listener
            })
            .collect();
        let binding = ElementBinding::new(element.clone());
        binding.connected();
        Embedded {
            element,
            binding,
            events,
            _listeners: listeners,
        }
    }

    fn set(&self, name: &str, value: &str) {
        self.element.set_attribute(name, value).unwrap();
        self.binding.attributes_changed();
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.element
            .shadow_root()
            .and_then(|root| root.query_selector(selector).ok().flatten())
    }

    fn state(&self) -> String {
        self.find(".lb")
            .and_then(|root| root.get_attribute("data-state"))
            .unwrap_or_default()
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    async fn until_state(&self, state: &str) {
        wait_for(&format!("data-state={state}"), || self.state() == state).await;
    }
}

impl Drop for Embedded {
    fn drop(&mut self) {
        self.binding.disconnected();
        self.element.remove();
    }
}

#[wasm_bindgen_test]
async fn an_option_that_does_not_parse_is_shown_and_nothing_is_sent() {
    route_seed("configured-badly");
    let badge = Embedded::new(&[("user-id", "configured-badly"), ("id-type", "login_name")]);
    badge.until_state("error").await;
    assert!(badge
        .text(".lb-error-message")
        .starts_with("“login_name” is not a known id type."));
    assert!(badge.find("[part~=retry]").is_none());
    assert!(calls("configured-badly").is_empty());
    let events = badge.events.borrow().clone();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].0, "loyalty-badge:error");
    assert_eq!(events[0].1["kind"], "invalid-input");

    // Corrected, the badge asks.
    badge.set("id-type", "username");
    badge.until_state("loaded").await;
    assert_eq!(calls("configured-badly").len(), 1);
}

#[wasm_bindgen_test]
async fn a_refused_member_token_is_a_forbidden_error_event() {
    route(
        "token-stale",
        json!([answer(
            403,
            json!({ "error": "token_expired", "message": "The member token has expired." })
        )]),
    );
    let badge = Embedded::new(&[
        ("user-id", "token-stale"),
        ("member-token", "1.c2ln"),
        ("api-base", "/stub"),
    ]);
    badge.until_state("error").await;
    assert_eq!(
        badge
            .find("[part~=error]")
            .unwrap()
            .get_attribute("data-kind")
            .as_deref(),
        Some("forbidden")
    );
    assert!(badge.find("[part~=retry]").is_none());
    let events = badge.events.borrow().clone();
    assert_eq!(
        events,
        [(
            "loyalty-badge:error".to_owned(),
            json!({
                "kind": "forbidden",
                "code": "token_expired",
                "status": 403,
                "message": "Your sign-in has expired. Reload the page to see these points.",
                "retryable": false
            })
        )]
    );
    assert_eq!(
        calls("token-stale")[0].member_token.as_deref(),
        Some("1.c2ln")
    );
}

#[wasm_bindgen_test]
fn an_option_of_the_wrong_type_is_refused_with_what_was_given_and_expected() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let message = |options: &str| -> String {
        let options = js_sys::JSON::parse(options).unwrap();
        let error = loyalty_badge::embed::mount(host.clone().into(), options).err();
        let error = JsValue::from(error.expect("refused"));
        js_sys::Reflect::get(&error, &"message".into())
            .unwrap()
            .as_string()
            .unwrap()
    };
    let cases = [
        (
            r#"{ "userId": "a", "pageSize": "ten" }"#,
            r#"option pageSize: invalid type: string "ten", expected u32"#,
        ),
        (
            r#"{ "userId": "a", "pageSize": 1.5 }"#,
            "option pageSize: invalid type: floating point `1.5`, expected u32",
        ),
        (
            r#"{ "userId": "a", "pageSize": -1 }"#,
            "option pageSize: invalid type: floating point `-1.0`, expected u32",
        ),
        (
            r#"{ "userId": "a", "timeout": 5000000000 }"#,
            "option timeout: invalid value: integer `5000000000`, expected u32",
        ),
        (
            r#"{ "userId": "a", "timeout": true }"#,
            "option timeout: invalid type: boolean `true`, expected u32",
        ),
        (
            r#"{ "userId": "a", "open": "yes" }"#,
            r#"option open: invalid type: string "yes", expected a boolean"#,
        ),
        (
            r#"{ "userId": "a", "locale": 5 }"#,
            "option locale: invalid type: floating point `5.0`, expected a string",
        ),
        (
            r#"{ "userId": "a", "locale": ["de"] }"#,
            "option locale: invalid type: JsValue(",
        ),
    ];
    for (options, expected) in cases {
        let got = message(options);
        assert!(
            got.starts_with(&format!("loyalty-badge: {expected}")),
            "{options}: {got}"
        );
    }
    host.remove();
}
