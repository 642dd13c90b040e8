//! The compact badge opens: a disclosure button (`aria-expanded`, `aria-controls`), Escape
//! closes it and focus returns to the button, the `open` prop sets it and `ontoggle` hears it.

use std::cell::RefCell;
use std::rc::Rc;

use loyalty_badge::{LoyaltyBadgeProps, Variant};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};
use yew::Callback;

use crate::props;
use crate::support::{mount, route_seed, settle, wait_for, Mounted};

fn compact(member: &str, toggles: &Rc<RefCell<Vec<bool>>>) -> LoyaltyBadgeProps {
    let toggles = Rc::clone(toggles);
    LoyaltyBadgeProps {
        variant: Variant::Compact,
        ontoggle: Callback::from(move |open| toggles.borrow_mut().push(open)),
        ..props(member)
    }
}

fn toggle(badge: &Mounted) -> Element {
    badge.part("toggle").expect("a toggle button")
}

fn expanded(badge: &Mounted) -> bool {
    toggle(badge).get_attribute("aria-expanded").as_deref() == Some("true")
}

/// The element the toggle's `aria-controls` names, while it is there.
fn shown_details(badge: &Mounted) -> Option<Element> {
    let id = toggle(badge).get_attribute("aria-controls").unwrap();
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .get_element_by_id(&id)
}

fn details(badge: &Mounted) -> Element {
    shown_details(badge).expect("aria-controls names the details")
}

fn focused() -> Option<Element> {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
}

/// Dispatches a bubbling `keydown` of Escape (built through JavaScript: web-sys's
/// `KeyboardEventInit` is not among the features the crate enables).
fn press_escape_on(target: &Element) {
    use js_sys::{Array, Function, Object, Reflect};
    let constructor: Function = Reflect::get(&js_sys::global(), &"KeyboardEvent".into())
        .unwrap()
        .unchecked_into();
    let init = Object::new();
    Reflect::set(&init, &"key".into(), &"Escape".into()).unwrap();
    Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    let event = Reflect::construct(&constructor, &Array::of2(&"keydown".into(), &init)).unwrap();
    target.dispatch_event(event.unchecked_ref()).unwrap();
}

#[wasm_bindgen_test]
async fn the_compact_badge_opens_and_closes_with_escape() {
    route_seed("disclosed");
    let toggles = Rc::new(RefCell::new(Vec::new()));
    let badge = mount(compact("disclosed", &toggles));
    badge.until_state("loaded").await;
    assert!(!expanded(&badge));
    assert!(shown_details(&badge).is_none(), "closed: one line");
    assert_eq!(toggle(&badge).tag_name(), "BUTTON");
    assert_eq!(
        toggle(&badge).get_attribute("type").as_deref(),
        Some("button")
    );

    // Opening keeps the button itself (and so its focus).
    let button: HtmlElement = toggle(&badge).unchecked_into();
    button.focus().unwrap();
    badge.click("toggle");
    wait_for("open", || expanded(&badge)).await;
    assert!(
        toggle(&badge).is_same_node(Some(&button)),
        "the same button"
    );
    assert_eq!(focused(), Some(toggle(&badge)), "focus stays on the button");
    assert!(details(&badge)
        .query_selector("[part~=total]")
        .unwrap()
        .is_some());
    assert_eq!(badge.root().get_attribute("data-open").as_deref(), Some(""));
    assert_eq!(*toggles.borrow(), [true]);

    // Escape from inside the details: closed, and focus back on the button.
    let entry: HtmlElement = details(&badge)
        .query_selector("[part~=activity]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    entry.focus().unwrap();
    press_escape_on(&entry);
    wait_for("closed", || !expanded(&badge)).await;
    assert!(shown_details(&badge).is_none());
    assert_eq!(
        focused(),
        Some(toggle(&badge)),
        "focus returns to the button"
    );
    assert_eq!(*toggles.borrow(), [true, false]);

    // Escape when closed does nothing (and lets the page have it).
    press_escape_on(&toggle(&badge));
    settle().await;
    assert_eq!(*toggles.borrow(), [true, false]);
}

#[wasm_bindgen_test]
async fn the_open_prop_sets_the_state_and_ontoggle_hears_every_change() {
    route_seed("opened-by-prop");
    let toggles = Rc::new(RefCell::new(Vec::new()));
    let mut badge = mount(LoyaltyBadgeProps {
        open: true,
        ..compact("opened-by-prop", &toggles)
    });
    badge.until_state("loaded").await;
    assert!(expanded(&badge), "starts open");
    assert!(toggles.borrow().is_empty(), "no toggle at first render");

    badge.update(LoyaltyBadgeProps {
        open: false,
        ..compact("opened-by-prop", &toggles)
    });
    wait_for("closed by the prop", || !expanded(&badge)).await;
    assert_eq!(*toggles.borrow(), [false]);

    // The member opens it; the prop becoming true changes nothing then, and false closes it.
    badge.click("toggle");
    wait_for("opened by the member", || expanded(&badge)).await;
    badge.update(LoyaltyBadgeProps {
        open: true,
        ..compact("opened-by-prop", &toggles)
    });
    settle().await;
    assert!(expanded(&badge));
    badge.update(LoyaltyBadgeProps {
        open: false,
        ..compact("opened-by-prop", &toggles)
    });
    wait_for("closed by the prop again", || !expanded(&badge)).await;
    assert_eq!(*toggles.borrow(), [false, true, false]);
}

#[wasm_bindgen_test]
async fn closing_with_focus_in_the_details_keeps_focus_on_the_button() {
    route_seed("closed-from-inside");
    let toggles = Rc::new(RefCell::new(Vec::new()));
    let mut badge = mount(LoyaltyBadgeProps {
        open: true,
        ..compact("closed-from-inside", &toggles)
    });
    badge.until_state("loaded").await;
    let entry: HtmlElement = details(&badge)
        .query_selector("[part~=activity]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    entry.focus().unwrap();
    badge.update(LoyaltyBadgeProps {
        open: false,
        ..compact("closed-from-inside", &toggles)
    });
    wait_for("closed", || !expanded(&badge)).await;
    assert_eq!(focused(), Some(toggle(&badge)));
}

#[wasm_bindgen_test]
async fn badges_side_by_side_control_their_own_details() {
    route_seed("twins");
    let toggles = Rc::new(RefCell::new(Vec::new()));
    let first = mount(compact("twins", &toggles));
    let second = mount(compact("twins", &toggles));
    first.until_state("loaded").await;
    second.until_state("loaded").await;
    let ids = [&first, &second].map(|b| toggle(b).get_attribute("aria-controls").unwrap());
    assert_ne!(ids[0], ids[1]);
    second.click("toggle");
    wait_for("the second open", || expanded(&second)).await;
    assert!(!expanded(&first));
}

#[wasm_bindgen_test]
async fn the_full_variant_has_nothing_to_open() {
    route_seed("full-open");
    let badge = mount(LoyaltyBadgeProps {
        open: true,
        ..props("full-open")
    });
    badge.until_state("loaded").await;
    assert!(badge.part("toggle").is_none());
    assert!(badge.root().get_attribute("data-open").is_none());
}
