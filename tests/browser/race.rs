//! Requests in flight: a newer member wins, a removed badge cancels.

use std::cell::RefCell;
use std::rc::Rc;

use loyalty_badge::{LoyaltyBadgeProps, Points};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Callback;

use crate::props;
use crate::support::{calls, mount, route, sleep, wait_for};

fn member(total: u32, fan_level: &str) -> serde_json::Value {
    json!({ "total_points": total, "redeemable_points": total, "fan_level": fan_level,
            "activities": [{ "name": fan_level, "num_points": total }] })
}

#[wasm_bindgen_test]
async fn a_member_change_in_flight_shows_only_the_newer_member() {
    route(
        "older-slow",
        json!([{ "status": 200, "body": member(111, "Older").to_string(), "delay_ms": 300 }]),
    );
    route(
        "newer-fast",
        json!([{ "status": 200, "body": member(222, "Newer").to_string(), "delay_ms": 20 }]),
    );
    let loads = Rc::new(RefCell::new(Vec::<Rc<Points>>::new()));
    let with_events = |user_id: &str| LoyaltyBadgeProps {
        onload: {
            let loads = Rc::clone(&loads);
            Callback::from(move |p| loads.borrow_mut().push(p))
        },
        ..props(user_id)
    };
    let mut badge = mount(with_events("older-slow"));
    wait_for("the first request", || calls("older-slow").len() == 1).await;
    badge.update(with_events("newer-fast"));
    badge.until_state("loaded").await;
    assert_eq!(badge.text("fan-level"), "Newer");

    // Give the older answer time to arrive, had it not been cancelled.
    sleep(500).await;
    assert_eq!(badge.text("fan-level"), "Newer");
    assert_eq!(badge.text("total"), "222");
    assert!(
        calls("older-slow")[0].aborted,
        "the older request was aborted"
    );
    assert!(!calls("older-slow")[0].settled);
    let seen: Vec<_> = loads.borrow().iter().map(|p| p.total_points).collect();
    assert_eq!(seen, [222], "only the newer member was reported");
}

#[wasm_bindgen_test]
async fn the_loading_state_never_shows_the_previous_members_figures() {
    route(
        "first-member",
        json!([{ "status": 200, "body": member(1, "First").to_string() }]),
    );
    route("second-member", json!([{ "hang": true }]));
    let mut badge = mount(props("first-member"));
    badge.until_state("loaded").await;
    badge.update(props("second-member"));
    badge.until_state("loading").await;
    assert!(badge.part("total").is_none());
    assert!(!badge.container.text_content().unwrap().contains("First"));
}

#[wasm_bindgen_test]
async fn removing_the_badge_aborts_its_request() {
    route("removed-early", json!([{ "hang": true }]));
    let badge = mount(props("removed-early"));
    wait_for("the request", || calls("removed-early").len() == 1).await;
    drop(badge);
    wait_for("the abort", || calls("removed-early")[0].aborted).await;
}
