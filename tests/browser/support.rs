//! Mounting the component, stubbing fetch, and waiting for the DOM.

use std::time::Duration;

use loyalty_badge::ui::clock::Clock;
use loyalty_badge::{LoyaltyBadge, LoyaltyBadgeProps};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew::AppHandle;

#[wasm_bindgen(module = "/tests/browser/fetch_stub.js")]
extern "C" {
    fn install_fetch_stub();
    fn stub_route(member_id: &str, answers_json: &str);
    fn stub_calls_json(member_id: &str) -> String;
}

/// One request the stub saw.
#[derive(Debug, Deserialize)]
pub struct Call {
    pub url: String,
    pub member_token: Option<String>,
    pub aborted: bool,
    pub settled: bool,
    /// `performance.now()` when it was made.
    pub at: f64,
}

/// Routes `member_id` to `answers` (see fetch_stub.js), installing the stub if needed.
pub fn route(member_id: &str, answers: serde_json::Value) {
    install_fetch_stub();
    stub_route(member_id, &answers.to_string());
}

/// Routes `member_id` to the API documentation's sample answer.
pub fn route_seed(member_id: &str) {
    route(
        member_id,
        serde_json::json!([{ "status": 200, "body": crate::SEED_RESPONSE }]),
    );
}

/// An answer with this status and JSON body.
pub fn answer(status: u16, body: serde_json::Value) -> serde_json::Value {
    serde_json::json!({ "status": status, "body": body.to_string() })
}

/// The requests made for `member_id`, in order.
pub fn calls(member_id: &str) -> Vec<Call> {
    serde_json::from_str(&stub_calls_json(member_id)).expect("the stub records JSON")
}

/// Properties of [`Clocked`].
#[derive(Properties, PartialEq)]
pub struct ClockedProps {
    /// The clock to give the badge; `None` leaves it the browser's.
    pub clock: Option<Clock>,
    /// The badge's own props.
    pub badge: LoyaltyBadgeProps,
}

/// A badge, with a clock in its context when given one.
#[component]
pub fn Clocked(props: &ClockedProps) -> Html {
    let badge = html! { <LoyaltyBadge ..props.badge.clone() /> };
    match &props.clock {
        Some(clock) => html! {
            <ContextProvider<Clock> context={clock.clone()}>{ badge }</ContextProvider<Clock>>
        },
        None => badge,
    }
}

/// A mounted badge in its own container at the end of `<body>`.
pub struct Mounted {
    pub handle: Option<AppHandle<Clocked>>,
    pub container: Element,
    clock: Option<Clock>,
}

impl Mounted {
    /// The badge's root element.
    pub fn root(&self) -> Element {
        self.container
            .query_selector(".lb")
            .unwrap()
            .expect("the badge renders a .lb root")
    }

    /// The element with this shadow-part name, if rendered.
    pub fn part(&self, name: &str) -> Option<Element> {
        self.container
            .query_selector(&format!("[part~=\"{name}\"]"))
            .unwrap()
    }

    /// Every element with this part name.
    pub fn parts(&self, name: &str) -> Vec<Element> {
        let list = self
            .container
            .query_selector_all(&format!("[part~=\"{name}\"]"))
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .collect()
    }

    /// The trimmed text of the part (panics if absent).
    pub fn text(&self, name: &str) -> String {
        self.part(name)
            .unwrap_or_else(|| panic!("no part {name} in {}", self.container.inner_html()))
            .text_content()
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// The error's message, without the Retry button's label.
    pub fn error_message(&self) -> String {
        self.container
            .query_selector(".lb-error-message")
            .unwrap()
            .unwrap_or_else(|| panic!("no error message in {}", self.container.inner_html()))
            .text_content()
            .unwrap_or_default()
    }

    /// What the badge's one live region (`role="status"`) says now.
    pub fn announcement(&self) -> String {
        let regions = self
            .container
            .query_selector_all("[role=status], [role=alert], [aria-live]")
            .unwrap();
        assert_eq!(regions.length(), 1, "one live region");
        regions.item(0).unwrap().text_content().unwrap_or_default()
    }

    /// The root's `data-state`.
    pub fn state(&self) -> String {
        self.root().get_attribute("data-state").unwrap_or_default()
    }

    /// Clicks the part.
    pub fn click(&self, name: &str) {
        self.part(name)
            .unwrap_or_else(|| panic!("no part {name}"))
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
    }

    /// Replaces the props, as a parent re-render would.
    pub fn update(&mut self, props: LoyaltyBadgeProps) {
        let clock = self.clock.clone();
        self.handle.as_mut().expect("mounted").update(ClockedProps {
            clock,
            badge: props,
        });
    }

    /// The whole text a member sees (and what assistive technology reads besides): each text
    /// node of the badge on a line of its own, then its `aria-label`s and `title`s.
    pub fn all_text(&self) -> String {
        let mut text = String::new();
        let elements = self.container.query_selector_all("*").unwrap();
        for i in 0..elements.length() {
            let element = elements.item(i).unwrap();
            let children = element.child_nodes();
            for j in 0..children.length() {
                let child = children.item(j).unwrap();
                if child.node_type() == web_sys::Node::TEXT_NODE {
                    text.push_str(&child.text_content().unwrap_or_default());
                    text.push('\n');
                }
            }
            let element: &Element = element.unchecked_ref();
            for attribute in ["aria-label", "title"] {
                if let Some(value) = element.get_attribute(attribute) {
                    text.push_str(&value);
                    text.push('\n');
                }
            }
        }
        text
    }

    /// The trimmed text of the badge's retry status (the polite live region), empty when idle.
    pub fn retry_status(&self) -> String {
        self.container
            .query_selector(".lb-retry-status-text")
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// A root attribute, if set.
    pub fn root_attribute(&self, name: &str) -> Option<String> {
        self.root().get_attribute(name)
    }

    /// Waits until the badge's `data-state` is `state`.
    pub async fn until_state(&self, state: &str) {
        let description = format!("data-state={state}");
        wait_for(&description, || self.state() == state).await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.container.remove();
    }
}

/// Mounts a badge with `props`.
pub fn mount(props: LoyaltyBadgeProps) -> Mounted {
    mount_with_clock(props, None)
}

/// Mounts a badge with `props` whose clock is `clock` (the browser's for `None`).
pub fn mount_with_clock(props: LoyaltyBadgeProps, clock: Option<Clock>) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let container = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    let root_props = ClockedProps {
        clock: clock.clone(),
        badge: props,
    };
    let handle =
        yew::Renderer::<Clocked>::with_root_and_props(container.clone(), root_props).render();
    Mounted {
        handle: Some(handle),
        container,
        clock,
    }
}

/// Lets Yew render what is pending.
pub async fn settle() {
    yew::scheduler::flush().await;
}

/// Waits (up to 5 s) until `condition` holds; fails the test with `what` otherwise.
pub async fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..500 {
        settle().await;
        if condition() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// Sleeps `ms` milliseconds of browser time.
pub async fn sleep(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}
