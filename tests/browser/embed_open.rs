//! The `open` attribute and option of the embedding: `<loyalty-badge open>` starts open, the
//! element reflects the member's toggling into the attribute, `loyalty-badge:toggle` reports
//! each change, and `mount()`'s `open` option works the same way. Also the error event's message,
//! in the badge's language.

use std::cell::RefCell;
use std::rc::Rc;

use loyalty_badge::embed::{mount, ElementBinding};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{CustomEvent, Element, HtmlElement};

use crate::support::{answer, route, route_seed, settle, wait_for};

/// An event seen: its type, whether it bubbles and is composed, and its detail.
type Seen = (String, bool, bool, Value);

/// A document listener, with the event type it listens to.
type Listener = (&'static str, Closure<dyn Fn(CustomEvent)>);

/// Records the `loyalty-badge:*` events reaching the document (so they bubble and are composed).
struct Recorder {
    events: Rc<RefCell<Vec<Seen>>>,
    listeners: Vec<Listener>,
    target: Element,
}

impl Recorder {
    fn new(target: &Element) -> Recorder {
        let document = web_sys::window().unwrap().document().unwrap();
        let events = Rc::new(RefCell::new(Vec::new()));
        let listeners = ["loyalty-badge:toggle", "loyalty-badge:error"]
            .into_iter()
            .map(|name| {
                let (events, target) = (Rc::clone(&events), target.clone());
                let listener = Closure::<dyn Fn(CustomEvent)>::new(move |event: CustomEvent| {
                    let from_target = event
                        .target()
                        .is_some_and(|t| t.dyn_ref::<Element>() == Some(&target));
                    if !from_target {
                        return;
                    }
                    let detail = js_sys::JSON::stringify(&event.detail()).unwrap();
                    let detail = serde_json::from_str(&String::from(detail)).unwrap();
                    events.borrow_mut().push((
                        event.type_(),
                        event.bubbles(),
                        event.composed(),
                        detail,
                    ));
                });
                document
                    .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                    .unwrap();
                (name, listener)
            })
            .collect();
        Recorder {
            events,
            listeners,
            target: target.clone(),
        }
    }

    /// The `open` of each toggle event so far.
    fn toggles(&self) -> Vec<bool> {
        self.events
            .borrow()
            .iter()
            .filter(|(name, ..)| name == "loyalty-badge:toggle")
            .map(|(_, bubbles, composed, detail)| {
                assert!(*bubbles && *composed, "bubbles and composed");
                detail["open"].as_bool().unwrap()
            })
            .collect()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let document = web_sys::window().unwrap().document().unwrap();
        for (name, listener) in &self.listeners {
            let _ = document
                .remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
        self.target.remove();
    }
}

fn shadow(element: &Element, selector: &str) -> Option<Element> {
    element.shadow_root()?.query_selector(selector).ok()?
}

fn expanded(element: &Element) -> bool {
    shadow(element, "[part~=toggle]")
        .and_then(|t| t.get_attribute("aria-expanded"))
        .as_deref()
        == Some("true")
}

fn click_toggle(element: &Element) {
    shadow(element, "[part~=toggle]")
        .expect("a toggle")
        .unchecked_into::<HtmlElement>()
        .click();
}

fn element(tag: &str, attributes: &[(&str, &str)]) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element(tag).unwrap().unchecked_into();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    document.body().unwrap().append_child(&element).unwrap();
    element
}

#[wasm_bindgen_test]
async fn the_element_reflects_open_and_reports_each_toggle() {
    route_seed("element-open");
    // An undefined <loyalty-badge>, driven like loader.js drives the defined one.
    let badge = element(
        "loyalty-badge",
        &[
            ("user-id", "element-open"),
            ("api-base", "/stub"),
            ("variant", "compact"),
            ("open", ""),
        ],
    );
    let recorder = Recorder::new(&badge);
    let binding = ElementBinding::new(badge.clone());
    binding.connected();
    wait_for("loaded and open", || expanded(&badge)).await;
    assert!(
        recorder.toggles().is_empty(),
        "open from the start is no toggle"
    );

    // The member closes it: the attribute goes, one event says so.
    click_toggle(&badge);
    wait_for("closed", || !expanded(&badge)).await;
    assert!(!badge.has_attribute("open"), "reflected");
    binding.attributes_changed(); // what the browser calls after the reflection
    settle().await;
    assert!(!expanded(&badge));
    assert_eq!(recorder.toggles(), [false]);

    // The page opens it: one event.
    badge.set_attribute("open", "").unwrap();
    binding.attributes_changed();
    wait_for("opened by the page", || expanded(&badge)).await;
    assert_eq!(recorder.toggles(), [false, true]);

    // `open="false"` is open, as with any boolean attribute.
    badge.set_attribute("open", "false").unwrap();
    binding.attributes_changed();
    settle().await;
    assert!(expanded(&badge));
    badge.remove_attribute("open").unwrap();
    binding.attributes_changed();
    wait_for("closed by the page", || !expanded(&badge)).await;
    assert_eq!(recorder.toggles(), [false, true, false]);
    binding.disconnected();
}

#[wasm_bindgen_test]
async fn mount_takes_an_open_option_that_follows_the_member() {
    route_seed("mounted-open");
    let host = element("div", &[]);
    let recorder = Recorder::new(&host);
    let options = js_sys::JSON::parse(
        r#"{ "userId": "mounted-open", "apiBase": "/stub", "variant": "compact", "open": true }"#,
    )
    .unwrap();
    let badge = mount(host.clone().into(), options).unwrap();
    wait_for("open", || expanded(&host)).await;
    assert!(
        !host.has_attribute("open"),
        "the page's own element keeps its attributes"
    );

    click_toggle(&host);
    wait_for("closed by the member", || !expanded(&host)).await;
    // Opening again with the same option value the badge was mounted with works.
    badge
        .update(js_sys::JSON::parse(r#"{ "open": true }"#).unwrap())
        .unwrap();
    wait_for("reopened", || expanded(&host)).await;
    assert_eq!(recorder.toggles(), [false, true]);

    let refused = badge.update(js_sys::JSON::parse(r#"{ "open": "yes" }"#).unwrap());
    assert!(refused.is_err(), "open takes a boolean");
    badge.destroy();
}

#[wasm_bindgen_test]
async fn the_error_event_says_what_the_badge_says_in_its_language() {
    route(
        "gone-in-german",
        json!([answer(
            404,
            json!({ "error": "param_error", "message": "User does not exist." })
        )]),
    );
    let badge = element(
        "div",
        &[
            ("user-id", "gone-in-german"),
            ("api-base", "/stub"),
            ("locale", "de-DE"),
        ],
    );
    let recorder = Recorder::new(&badge);
    let binding = ElementBinding::new(badge.clone());
    binding.connected();
    wait_for("the error event", || !recorder.events.borrow().is_empty()).await;
    let message = "Für dieses Mitglied wurde kein Treuekonto gefunden.";
    assert_eq!(recorder.events.borrow()[0].3["message"], message);
    assert_eq!(
        shadow(&badge, ".lb-error-message")
            .unwrap()
            .text_content()
            .unwrap(),
        message
    );
    binding.disconnected();
}
