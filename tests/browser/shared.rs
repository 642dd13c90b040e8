//! One request for identical badges: badges asking for the same member, id type, endpoint and
//! member token at the same moment share one fetch and one decoded answer; each still gets its
//! own state and events; the request is aborted only when the last of them leaves.

use std::cell::RefCell;
use std::rc::Rc;

use loyalty_badge::{Endpoint, IdType, LoyaltyBadgeProps, Points};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::{AttrValue, Callback};

use crate::support::{calls, mount, route, sleep, wait_for, Mounted};
use crate::{props, SEED_RESPONSE};

const TWENTY: usize = 20;

#[wasm_bindgen_test]
async fn twenty_identical_badges_cost_one_request_and_all_render() {
    route(
        "shared-twenty",
        json!([{ "status": 200, "body": SEED_RESPONSE, "delay_ms": 100 }]),
    );
    let loads = Rc::new(RefCell::new(Vec::<Rc<Points>>::new()));
    let badges: Vec<Mounted> = (0..TWENTY)
        .map(|i| {
            let loads = Rc::clone(&loads);
            mount(LoyaltyBadgeProps {
                onload: Callback::from(move |p| loads.borrow_mut().push(p)),
                // Each badge keeps its own settings: half of them format for de-DE.
                locale: Some(AttrValue::from(if i % 2 == 0 { "en-US" } else { "de-DE" })),
                ..props("shared-twenty")
            })
        })
        .collect();
    for badge in &badges {
        badge.until_state("loaded").await;
    }
    assert_eq!(
        calls("shared-twenty").len(),
        1,
        "twenty badges, one request"
    );
    for (i, badge) in badges.iter().enumerate() {
        let expected = if i % 2 == 0 { "1,000" } else { "1.000" };
        assert_eq!(badge.text("total"), expected);
        assert_eq!(badge.text("fan-level"), "New Fan");
    }
    // Each badge heard its own load, all of one decoded answer.
    {
        let loads = loads.borrow();
        assert_eq!(loads.len(), TWENTY);
        assert!(loads.iter().all(|p| Rc::ptr_eq(p, &loads[0])));
    }

    // Once the answer is in, a refresh asks again: this shares, it does not cache.
    let mut badges = badges;
    let mut last = badges.pop().expect("twenty badges");
    drop(badges);
    last.update(LoyaltyBadgeProps {
        refresh_key: 1,
        ..props("shared-twenty")
    });
    wait_for("the refresh", || calls("shared-twenty").len() == 2).await;
}

/// Counts the badges' yields to the browser: `scheduler.yield`, wrapped (or provided where the
/// engine has none, over a zero timer), is what the badges yield with. Returns the counter.
fn count_yields() -> js_sys::Function {
    js_sys::Function::new_no_args(
        r#"
        const scheduler = globalThis.scheduler ?? (globalThis.scheduler = {});
        const original = typeof scheduler.yield === "function"
          ? scheduler.yield.bind(scheduler)
          : () => new Promise((done) => setTimeout(done));
        let count = 0;
        scheduler.yield = () => { count += 1; return original(); };
        return () => { scheduler.yield = original; return count; };
        "#,
    )
    .call0(&wasm_bindgen::JsValue::UNDEFINED)
    .expect("the counter")
    .into()
}

#[wasm_bindgen_test]
async fn twenty_badges_render_a_shared_answer_in_turns() {
    route(
        "shared-turns",
        json!([{ "status": 200, "body": SEED_RESPONSE, "delay_ms": 200 }]),
    );
    let badges: Vec<Mounted> = (0..TWENTY).map(|_| mount(props("shared-turns"))).collect();
    // Every badge is loading, waiting for the one request, before the answer comes.
    wait_for("the request", || calls("shared-turns").len() == 1).await;
    for badge in &badges {
        badge.until_state("loading").await;
    }
    let yields = count_yields();
    for badge in &badges {
        badge.until_state("loaded").await;
    }
    let count = yields
        .call0(&wasm_bindgen::JsValue::UNDEFINED)
        .ok()
        .and_then(|n| n.as_f64())
        .unwrap_or_default();
    // Twenty renders of the answer (a debug build here) take well over one slice of 8 ms: the
    // badges hear it one after another, and the browser gets the main thread back between.
    assert!(
        count >= 1.0,
        "the twenty badges rendered the answer without yielding to the browser"
    );
}

#[wasm_bindgen_test]
async fn removing_nineteen_keeps_the_request_and_removing_the_last_aborts_it() {
    route("shared-hang", json!([{ "hang": true }]));
    let mut badges: Vec<Mounted> = (0..TWENTY).map(|_| mount(props("shared-hang"))).collect();
    wait_for("the request", || calls("shared-hang").len() == 1).await;
    let last = badges.pop().expect("twenty badges");
    drop(badges);
    sleep(100).await;
    let made = calls("shared-hang");
    assert_eq!(made.len(), 1);
    assert!(!made[0].aborted, "the last badge still waits for it");
    assert_eq!(last.state(), "loading");
    drop(last);
    wait_for("the abort", || calls("shared-hang")[0].aborted).await;
    assert_eq!(calls("shared-hang").len(), 1);
}

#[wasm_bindgen_test]
async fn a_badge_that_changes_member_leaves_the_shared_request_to_the_others() {
    route(
        "shared-stay",
        json!([{ "status": 200, "body": SEED_RESPONSE, "delay_ms": 300 }]),
    );
    route_points("shared-elsewhere", 7);
    let staying = mount(props("shared-stay"));
    let mut moving = mount(props("shared-stay"));
    wait_for("the request", || calls("shared-stay").len() == 1).await;
    moving.update(props("shared-elsewhere"));
    moving.until_state("loaded").await;
    assert_eq!(moving.text("total"), "7");
    staying.until_state("loaded").await;
    assert_eq!(staying.text("total"), "1,000");
    let made = calls("shared-stay");
    assert_eq!(made.len(), 1);
    assert!(!made[0].aborted);
}

#[wasm_bindgen_test]
async fn different_tokens_never_share_nor_do_other_requests() {
    route_points("shared-tokens", 5);
    let with_token = |token: Option<&str>| LoyaltyBadgeProps {
        member_token: token.map(|t| AttrValue::from(t.to_owned())),
        ..props("shared-tokens")
    };
    let badges = [
        mount(with_token(Some("1.token-a"))),
        mount(with_token(Some("1.token-a"))),
        mount(with_token(Some("1.token-b"))),
        mount(with_token(Some("1.token-b"))),
        // Tokens that differ only in case, or by a trailing space (which fetch trims from the
        // header it sends), are different tokens.
        mount(with_token(Some("1.TOKEN-A"))),
        mount(with_token(Some("1.token-a "))),
        mount(with_token(None)),
        mount(with_token(None)),
        // Another id type, endpoint or time limit is another request.
        mount(LoyaltyBadgeProps {
            id_type: Some(IdType::Username),
            ..with_token(None)
        }),
        mount(LoyaltyBadgeProps {
            endpoint: Endpoint::proxy("/stub/"),
            ..with_token(None)
        }),
        mount(LoyaltyBadgeProps {
            endpoint: Endpoint::proxy("/stub").with_api_key("k"),
            ..with_token(None)
        }),
        mount(LoyaltyBadgeProps {
            timeout_ms: 9_000,
            ..with_token(None)
        }),
    ];
    for badge in &badges {
        badge.until_state("loaded").await;
    }
    let mut tokens: Vec<_> = calls("shared-tokens")
        .into_iter()
        .map(|call| (call.member_token, call.url))
        .collect();
    tokens.sort();
    let sent: Vec<_> = tokens.iter().map(|(token, _)| token.as_deref()).collect();
    assert_eq!(
        sent,
        [
            None,
            None,
            None,
            None,
            Some("1.TOKEN-A"),
            Some("1.token-a"),
            Some("1.token-a"),
            Some("1.token-b"),
        ],
        "one request per token; a trailing slash on the endpoint is the same endpoint; another \
         id type, api_key or time limit is another request: {tokens:?}"
    );
}

#[wasm_bindgen_test]
async fn badges_sharing_a_failing_request_share_its_retries() {
    route(
        "shared-flaky",
        json!([
            { "status": 502, "body": "" },
            { "status": 200, "body": SEED_RESPONSE }
        ]),
    );
    let badges: Vec<Mounted> = (0..5).map(|_| mount(props("shared-flaky"))).collect();
    for badge in &badges {
        badge.until_state("loaded").await;
    }
    assert_eq!(
        calls("shared-flaky").len(),
        2,
        "one failure, one retry, for all five"
    );
}

/// Routes `member` to an answer with `total` points.
fn route_points(member: &str, total: u32) {
    route(
        member,
        json!([{ "status": 200, "body": json!({ "total_points": total, "redeemable_points": total }).to_string() }]),
    );
}
