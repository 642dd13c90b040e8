//! Elements connected together render in turns (so that twenty of them do not hold the main
//! thread in one task) while still sharing one request: each starts or joins its request when it
//! connects, and keeps its place in it until its badge has joined.

use std::cell::Cell;
use std::rc::Rc;

use loyalty_badge::embed::ElementBinding;
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Event, HtmlElement};

use crate::support::{calls, route, sleep, wait_for};
use crate::SEED_RESPONSE;

/// A `<div>` with the attributes of a badge for `member` (answered by the fetch stub), in the page.
fn added_div(member: &str) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    element.set_attribute("user-id", member).unwrap();
    element.set_attribute("api-base", "/stub").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

/// A `<div>` bound like a `<loyalty-badge>` for `member`, connected.
struct Element {
    element: HtmlElement,
    binding: ElementBinding,
}

impl Element {
    fn connect(member: &str) -> Self {
        let element = added_div(member);
        let binding = ElementBinding::new(element.clone());
        binding.connected();
        Element { element, binding }
    }

    /// The badge's state, or "" while it has not rendered.
    fn state(&self) -> String {
        self.element
            .shadow_root()
            .and_then(|root| root.query_selector(".lb").ok().flatten())
            .and_then(|root| root.get_attribute("data-state"))
            .unwrap_or_default()
    }

    fn total(&self) -> String {
        self.element
            .shadow_root()
            .and_then(|root| root.query_selector("[part~=total]").ok().flatten())
            .and_then(|total| total.text_content())
            .unwrap_or_default()
    }

    fn disconnect(&self) {
        self.binding.disconnected();
        self.element.remove();
    }
}

impl Drop for Element {
    fn drop(&mut self) {
        self.disconnect();
    }
}

#[wasm_bindgen_test]
async fn twenty_elements_for_one_member_render_with_one_request() {
    route(
        "queue-twenty",
        json!([{ "status": 200, "body": SEED_RESPONSE, "delay_ms": 50 }]),
    );
    let badges: Vec<Element> = (0..20).map(|_| Element::connect("queue-twenty")).collect();
    // The request started when they connected, before any of them rendered.
    assert!(badges.iter().all(|badge| badge.state().is_empty()));
    wait_for("the request", || calls("queue-twenty").len() == 1).await;
    for badge in &badges {
        wait_for("every badge loaded", || badge.state() == "loaded").await;
        assert_eq!(badge.total(), "1,000");
    }
    let made = calls("queue-twenty");
    assert_eq!(made.len(), 1, "twenty elements, one request");
    assert!(!made[0].aborted);
}

#[wasm_bindgen_test]
async fn an_element_removed_while_waiting_never_renders_and_lets_go_of_its_request() {
    route("queue-removed", json!([{ "hang": true }]));
    let removed = Element::connect("queue-removed");
    removed.disconnect();
    sleep(50).await;
    assert_eq!(removed.state(), "", "it never rendered");
    // Nobody else wanted the request: it was not made, or it was aborted.
    assert!(calls("queue-removed").iter().all(|call| call.aborted));

    // Another element waiting keeps the request for itself when one leaves the queue.
    let staying = Element::connect("queue-removed");
    let leaving = Element::connect("queue-removed");
    leaving.disconnect();
    wait_for("the staying badge", || staying.state() == "loading").await;
    sleep(50).await;
    assert_eq!(leaving.state(), "");
    let live: Vec<_> = calls("queue-removed")
        .into_iter()
        .filter(|call| !call.aborted)
        .collect();
    assert_eq!(live.len(), 1, "one request, for the staying badge");

    // When the last badge leaves, the request is aborted: no place in it was left behind.
    drop(staying);
    wait_for("the abort", || {
        calls("queue-removed").iter().all(|call| call.aborted)
    })
    .await;
}

#[wasm_bindgen_test]
async fn elements_rendering_after_the_answer_came_take_it_without_a_second_request() {
    // The answer comes at once (as when the loader's early request has been answered before
    // the wasm is ready), so it settles while badges still wait for their turn (checked below:
    // otherwise this test would show nothing).
    route(
        "queue-late",
        json!([{ "status": 200, "body": SEED_RESPONSE, "at_once": true }]),
    );
    // Without `scheduler.yield` (as in Firefox and Safari) the turns yield with messages, which
    // do not starve the answer's tasks the way Chromium's prioritized continuations do.
    let window = web_sys::window().unwrap();
    let scheduler = js_sys::Reflect::get(&window, &"scheduler".into()).unwrap();
    js_sys::Reflect::set(&window, &"scheduler".into(), &JsValue::UNDEFINED).unwrap();
    let badges: Vec<Element> = (0..20).map(|_| Element::connect("queue-late")).collect();
    let waiting_at_answer = Rc::new(Cell::new(None::<usize>));
    let listener = {
        let waiting_at_answer = Rc::clone(&waiting_at_answer);
        let elements: Vec<HtmlElement> = badges.iter().map(|b| b.element.clone()).collect();
        Closure::<dyn Fn(Event)>::new(move |_: Event| {
            if waiting_at_answer.get().is_none() {
                let waiting = elements
                    .iter()
                    .filter(|element| element.shadow_root().is_none())
                    .count();
                waiting_at_answer.set(Some(waiting));
            }
        })
    };
    for badge in &badges {
        badge
            .element
            .add_event_listener_with_callback(
                "loyalty-badge:load",
                listener.as_ref().unchecked_ref(),
            )
            .unwrap();
    }
    for badge in &badges {
        wait_for("every badge loaded", || badge.state() == "loaded").await;
    }
    js_sys::Reflect::set(&window, &"scheduler".into(), &scheduler).unwrap();
    let waiting = waiting_at_answer.get().expect("a load event");
    assert!(
        waiting > 0,
        "the answer came after every badge had rendered: nothing was shown"
    );
    assert_eq!(calls("queue-late").len(), 1, "one request for all twenty");

    // Once every badge has rendered, the answer is no longer kept: a refresh asks again.
    badges[0].binding.refresh();
    wait_for("the refresh", || calls("queue-late").len() == 2).await;
}

/// A `<div>` holding what `loader.js` draws before the wasm is ready: an open shadow root with
/// only a skeleton, 120 px tall.
fn with_skeleton(member: &str) -> (HtmlElement, web_sys::HtmlElement) {
    let element = added_div(member);
    let document = web_sys::window().unwrap().document().unwrap();
    let root = element
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let skeleton: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    skeleton.set_attribute("data-lb-skeleton", "").unwrap();
    skeleton
        .set_attribute("style", "block-size: 120px")
        .unwrap();
    root.append_child(&skeleton).unwrap();
    (element, skeleton)
}

#[wasm_bindgen_test]
async fn the_loaders_skeleton_stays_until_the_badge_renders_and_never_shows_beside_it() {
    route("queue-skeleton", json!([{ "hang": true }]));
    let (element, skeleton) = with_skeleton("queue-skeleton");
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"userId".into(), &"queue-skeleton".into()).unwrap();
    js_sys::Reflect::set(&options, &"apiBase".into(), &"/stub".into()).unwrap();
    let badge = loyalty_badge::embed::mount(element.clone().into(), options.into()).unwrap();
    // Mounted, not yet rendered (Yew renders on a later microtask, or a later task when its
    // scheduler has yielded): the skeleton still holds the room, so nothing on the page moves.
    let root = element.shadow_root().unwrap();
    let mount_point = root.query_selector("[data-lb-mount]").unwrap().unwrap();
    assert_eq!(mount_point.child_element_count(), 0);
    assert!(
        skeleton.is_connected(),
        "the skeleton stays until the badge renders"
    );
    assert_eq!(skeleton.offset_height(), 120);
    assert_eq!(element.offset_height(), 120);

    // The stylesheet hides the skeleton as soon as the mount point has content, before the
    // first render's effect removes it: the two never show together.
    let probe = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("p")
        .unwrap();
    mount_point.append_child(&probe).unwrap();
    assert_eq!(
        skeleton.offset_height(),
        0,
        "hidden once the badge has content"
    );
    probe.remove();
    assert_eq!(skeleton.offset_height(), 120);

    wait_for("the badge's first render", || !skeleton.is_connected()).await;
    assert!(
        root.query_selector(".lb").unwrap().is_some(),
        "the badge replaced it"
    );
    assert_eq!(
        root.child_element_count(),
        1,
        "only the mount point is left"
    );
    badge.destroy();
    element.remove();
}

#[wasm_bindgen_test]
async fn elements_rendering_in_turns_keep_their_skeletons_until_their_turn() {
    route("queue-skeletons", json!([{ "hang": true }]));
    let elements: Vec<(HtmlElement, HtmlElement, ElementBinding)> = (0..20)
        .map(|_| {
            let (element, skeleton) = with_skeleton("queue-skeletons");
            let binding = ElementBinding::new(element.clone());
            binding.connected();
            (element, skeleton, binding)
        })
        .collect();
    // At every frame until all have rendered, each element shows its skeleton or its badge,
    // never neither (collapsed) nor both.
    let mut frames = 0;
    loop {
        let mut rendered = 0;
        for (n, (element, skeleton, _)) in elements.iter().enumerate() {
            let badge = element
                .shadow_root()
                .and_then(|root| root.query_selector("[data-lb-mount] .lb").ok().flatten())
                .map_or(0, |badge| {
                    badge.unchecked_into::<HtmlElement>().offset_height()
                });
            let shown = if skeleton.is_connected() {
                skeleton.offset_height()
            } else {
                0
            };
            assert!(
                (badge > 0) != (shown > 0),
                "frame {frames}, element {n}: badge {badge} px, skeleton {shown} px"
            );
            rendered += usize::from(badge > 0);
        }
        if rendered == elements.len() {
            break;
        }
        frames += 1;
        assert!(frames < 600, "all twenty rendered within 600 frames");
        next_frame().await;
    }
    // The first render's effect removes the hidden skeleton, perhaps after Yew's scheduler yields.
    for (_, skeleton, _) in &elements {
        wait_for("the skeleton removed", || !skeleton.is_connected()).await;
    }
    for (element, _, binding) in elements {
        binding.disconnected();
        element.remove();
    }
}

/// Resolves in the next frame's `requestAnimationFrame` callbacks: what is checked there is what
/// the frame paints.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
