//! If the widget panics anyway (a browser test of its own: a panic traps the instance, so it
//! gets an instance to itself). The panic is set off deliberately by this test, in a call from
//! JavaScript, as a panic in any of the widget's callbacks would be: nothing in the shipped
//! bundle can be made to panic on purpose.
//!
//! `make test-browser` runs it in Chromium and Firefox (`--test panic`).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use js_sys::{Array, Function, Reflect};
use loyalty_badge::embed::ElementBinding;
use loyalty_badge::ui::panic::install_panic_hook;
use loyalty_badge::{Endpoint, LoyaltyBadge, LoyaltyBadgeProps};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};
use yew::AttrValue;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_RESPONSE: &str = include_str!("../fixtures/seed-response.json");
const STOPPED: &str = "The points widget stopped; reload the page.";

/// Runs `source` as the body of a function of `args` in the page (the test page has no CSP).
fn js(args: &str, source: &str) -> Function {
    Function::new_with_args(args, source)
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}

/// Waits (up to 5 s) until `condition` holds.
async fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..500 {
        yew::scheduler::flush().await;
        if condition() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

fn state_of(root: Option<Element>) -> Option<String> {
    root.and_then(|r| r.get_attribute("data-state"))
}

#[wasm_bindgen_test]
async fn a_panic_stops_every_badge_plainly_once_and_the_page_keeps_working() {
    // Every answer is the seed's sample; the page records errors, console errors and events.
    js(
        "seed",
        "window.fetch = async () => new Response(seed, { status: 200 });
         window.__log = [];
         window.__events = [];
         const error = console.error;
         console.error = (...args) => { window.__log.push(args.join(' ')); error(...args); };
         document.addEventListener('loyalty-badge:error', (e) => window.__events.push({
           target: e.target.id || e.target.className, composed: e.composed, detail: e.detail }));
         window.__ticks = 0;
         window.__timer = setInterval(() => window.__ticks++, 20);",
    )
    .call1(&JsValue::NULL, &JsValue::from_str(SEED_RESPONSE))
    .unwrap();
    install_panic_hook();
    install_panic_hook(); // Once is once, however often it is asked.

    // Two Yew components in the page, and an embedded badge in an element's shadow root.
    let body = document().body().unwrap();
    let containers: Vec<Element> = (0..2)
        .map(|i| {
            let container = document().create_element("div").unwrap();
            container.set_id(&format!("yew-{i}"));
            body.append_child(&container).unwrap();
            let props = yew::props!(LoyaltyBadgeProps {
                user_id: AttrValue::from(format!("member-{i}")),
                endpoint: Endpoint::proxy("/stub"),
                locale: AttrValue::from("en-US"),
            });
            let app = yew::Renderer::<LoyaltyBadge>::with_root_and_props(container.clone(), props)
                .render();
            std::mem::forget(app);
            container
        })
        .collect();
    let element: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    element.set_id("embedded");
    element.set_attribute("user-id", "member-embedded").unwrap();
    element.set_attribute("theme", "dark").unwrap();
    body.append_child(&element).unwrap();
    let binding = ElementBinding::new(element.clone());
    binding.connected();
    let embedded_root = || {
        element
            .shadow_root()
            .and_then(|r| r.query_selector(".lb").ok().flatten())
    };
    let yew_root = |c: &Element| c.query_selector(".lb").ok().flatten();
    wait_for("every badge to load", || {
        containers
            .iter()
            .all(|c| state_of(yew_root(c)).as_deref() == Some("loaded"))
            && state_of(embedded_root()).as_deref() == Some("loaded")
    })
    .await;

    // The panic, from a call that JavaScript makes and catches, as the page would see it.
    let explode = Closure::<dyn Fn()>::new(|| panic!("deliberate test panic"));
    let outcome = js(
        "explode",
        "try { explode(); return 'returned'; } catch (e) { return 'trapped: ' + e; }",
    )
    .call1(&JsValue::NULL, explode.as_ref())
    .unwrap();
    assert!(
        outcome.as_string().unwrap().starts_with("trapped: "),
        "{outcome:?}"
    );

    // Every badge: its root hidden, the plain notice in its place.
    for root in containers.iter().map(yew_root).chain([embedded_root()]) {
        let root = root.expect("the badge's root stays, hidden");
        assert!(root.has_attribute("hidden"));
        assert_eq!(root.get_attribute("aria-hidden").as_deref(), Some("true"));
        let notice = root
            .next_element_sibling()
            .expect("the notice follows the root");
        assert_eq!(
            notice.get_attribute("data-state").as_deref(),
            Some("stopped")
        );
        assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
        assert_eq!(notice.get_attribute("part").as_deref(), Some("error"));
        assert_eq!(
            notice.get_attribute("data-kind").as_deref(),
            Some("internal")
        );
        assert_eq!(notice.text_content().as_deref(), Some(STOPPED));
        let shown = web_sys::window()
            .unwrap()
            .get_computed_style(&root)
            .unwrap()
            .unwrap()
            .get_property_value("display")
            .unwrap();
        assert_eq!(shown, "none", "the frozen badge is not shown");
    }
    let embedded_notice = embedded_root().unwrap().next_element_sibling().unwrap();
    assert_eq!(
        embedded_notice.get_attribute("data-theme").as_deref(),
        Some("dark"),
        "the notice keeps the badge's theme"
    );

    // One console line, naming the place and the literal message.
    let log = Array::from(&Reflect::get(&js_sys::global(), &"__log".into()).unwrap());
    assert_eq!(log.length(), 1, "{:?}", log.to_vec());
    let line = log.get(0).as_string().unwrap();
    assert!(
        line.starts_with("loyalty-badge: the points widget stopped after an internal error at tests/panic/main.rs:"),
        "{line}"
    );
    assert!(line.contains("deliberate test panic"), "{line}");

    // The events come from a timer, after the trap: one per badge, on its element.
    let events = || Array::from(&Reflect::get(&js_sys::global(), &"__events".into()).unwrap());
    assert_eq!(
        events().length(),
        0,
        "no listener runs inside the panicking call"
    );
    wait_for("the error events", || events().length() == 3).await;
    let events: Vec<String> = events()
        .iter()
        .map(|e| String::from(js_sys::JSON::stringify(&e).unwrap()))
        .collect();
    let detail = format!(
        "\"detail\":{{\"kind\":\"internal\",\"code\":null,\"status\":null,\"message\":\"{STOPPED}\",\"retryable\":false}}"
    );
    for (event, target) in events.iter().zip(["lb", "lb", "embedded"]) {
        assert!(
            event.contains(&format!("\"target\":\"{target}\"")),
            "{event}"
        );
        assert!(event.contains("\"composed\":true"), "{event}");
        assert!(event.contains(&detail), "{event}");
    }

    // A second panic changes nothing, and logs nothing.
    let again = Closure::<dyn Fn()>::new(|| panic!("another deliberate test panic"));
    js("f", "try { f(); } catch (e) {}")
        .call1(&JsValue::NULL, again.as_ref())
        .unwrap();
    sleep(100).await;
    assert_eq!(
        Array::from(&Reflect::get(&js_sys::global(), &"__log".into()).unwrap()).length(),
        1
    );
    assert_eq!(
        element
            .shadow_root()
            .unwrap()
            .query_selector_all("[data-state=stopped]")
            .unwrap()
            .length(),
        1
    );

    // The host page's own script still runs.
    let before = Reflect::get(&js_sys::global(), &"__ticks".into())
        .unwrap()
        .as_f64()
        .unwrap();
    sleep(200).await;
    let after = Reflect::get(&js_sys::global(), &"__ticks".into())
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        after > before,
        "the page's timer still ticks ({before} → {after})"
    );
    js("", "clearInterval(window.__timer)")
        .call0(&JsValue::NULL)
        .unwrap();
}
