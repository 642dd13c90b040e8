//! Automatic retries (DESIGN.md, "Retries"): what may help is retried at most twice, after the
//! server's `Retry-After` or a short random wait, saying so meanwhile; a refresh that fails
//! keeps the figures; a fetch that rejects with anything at all is a network error.

use std::cell::RefCell;
use std::rc::Rc;

use loyalty_badge::{LoyaltyBadgeProps, PointsError};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Callback;

use crate::support::{answer, calls, mount, route, sleep, wait_for};
use crate::{props, SEED_RESPONSE};

/// `props(member)` that records every error reported.
fn recording(member: &str) -> (LoyaltyBadgeProps, Rc<RefCell<Vec<PointsError>>>) {
    let errors = Rc::new(RefCell::new(Vec::new()));
    let props = LoyaltyBadgeProps {
        onerror: {
            let errors = Rc::clone(&errors);
            Callback::from(move |e: PointsError| errors.borrow_mut().push(e))
        },
        ..props(member)
    };
    (props, errors)
}

#[wasm_bindgen_test]
async fn a_503_with_retry_after_is_retried_after_it_and_the_badge_says_so() {
    route(
        "unavailable-once",
        json!([
            { "status": 503, "body": "", "headers": { "retry-after": "1" } },
            { "status": 200, "body": SEED_RESPONSE }
        ]),
    );
    let (props, errors) = recording("unavailable-once");
    let badge = mount(props);
    wait_for("the waiting status", || {
        badge.root_attribute("data-retry").as_deref() == Some("waiting")
    })
    .await;
    assert_eq!(badge.retry_status(), "Trying again in 1 s…");
    // The badge's one live region says it too.
    assert_eq!(badge.announcement(), "Trying again in 1 s…");
    // No figures yet: the placeholder stays, and the root is not busy, so the status is heard.
    assert_eq!(badge.state(), "loading");
    assert!(badge.part("loading").is_some());
    assert_eq!(badge.root_attribute("aria-busy").as_deref(), Some("false"));

    badge.until_state("loaded").await;
    assert_eq!(badge.text("total"), "1,000");
    assert_eq!(badge.retry_status(), "");
    assert_eq!(badge.root_attribute("data-retry"), None);
    let made = calls("unavailable-once");
    assert_eq!(made.len(), 2);
    let waited = made[1].at - made[0].at;
    assert!(
        waited >= 950.0,
        "Retry-After: 1 honoured (waited {waited} ms)"
    );
    assert!(
        errors.borrow().is_empty(),
        "a failure retried is not reported"
    );
}

#[wasm_bindgen_test]
async fn retry_after_as_an_http_date_is_honoured() {
    // Two seconds from now, to the second (the date form has no finer resolution).
    let date = js_sys::Date::new(&js_sys::Date::now().into());
    date.set_time(js_sys::Date::now() + 2_000.0);
    let date = String::from(date.to_utc_string());
    route(
        "throttled-until",
        json!([
            { "status": 429, "body": "", "headers": { "retry-after": date } },
            { "status": 200, "body": SEED_RESPONSE }
        ]),
    );
    let badge = mount(props("throttled-until"));
    wait_for("the waiting status", || {
        badge.root_attribute("data-retry").as_deref() == Some("waiting")
    })
    .await;
    let status = badge.retry_status();
    assert!(
        status == "Trying again in 1 s…" || status == "Trying again in 2 s…",
        "{status}"
    );
    badge.until_state("loaded").await;
    let made = calls("throttled-until");
    assert_eq!(made.len(), 2);
    let waited = made[1].at - made[0].at;
    assert!(
        waited >= 900.0,
        "the date was honoured (waited {waited} ms)"
    );
}

#[wasm_bindgen_test]
async fn two_automatic_retries_then_the_error_and_a_manual_retry_starts_again() {
    route(
        "always-503",
        json!([{ "status": 503, "body": "<h1>503</h1>", "headers": { "content-type": "text/html" } }]),
    );
    let (props, errors) = recording("always-503");
    let badge = mount(props);
    // Between attempts the badge says it is trying again.
    wait_for("a retry", || badge.root_attribute("data-retry").is_some()).await;
    badge.until_state("error").await;
    assert_eq!(
        calls("always-503").len(),
        3,
        "the first try and two retries"
    );
    assert_eq!(
        badge.error_message(),
        "The loyalty service is unavailable right now (HTTP 503)."
    );
    assert_eq!(
        errors.borrow().len(),
        1,
        "one error, once the retries are over"
    );
    sleep(1_600).await;
    assert_eq!(calls("always-503").len(), 3, "nothing more by itself");

    badge.click("retry");
    wait_for("three more tries", || calls("always-503").len() == 6).await;
    badge.until_state("error").await;
    sleep(1_600).await;
    assert_eq!(
        calls("always-503").len(),
        6,
        "the count started again, and stopped again"
    );
    assert_eq!(errors.borrow().len(), 2);
}

#[wasm_bindgen_test]
async fn refusals_are_never_retried() {
    let cases = [
        (
            "refused-param",
            answer(
                400,
                json!({ "error": "param_error", "message": "Bad id_type." }),
            ),
        ),
        (
            "refused-input",
            answer(
                400,
                json!({ "error": "input_error", "message": "Invalid." }),
            ),
        ),
        (
            "refused-token",
            answer(403, json!({ "error": "token_invalid", "message": "No." })),
        ),
        (
            "refused-html",
            json!({ "status": 403, "body": "<h1>Forbidden</h1>", "headers": { "retry-after": "1" } }),
        ),
        ("refused-gone", json!({ "status": 410, "body": "" })),
    ];
    let badges: Vec<_> = cases
        .iter()
        .map(|(member, answer)| {
            route(member, json!([answer]));
            mount(props(member))
        })
        .collect();
    for badge in &badges {
        badge.until_state("error").await;
        assert!(badge.part("retry").is_none());
    }
    // Longer than both automatic waits together.
    sleep(1_700).await;
    for (member, _) in cases {
        assert_eq!(calls(member).len(), 1, "{member} was not retried");
    }
}

#[wasm_bindgen_test]
async fn a_refresh_that_fails_keeps_the_figures_marked_possibly_out_of_date() {
    let failure = answer(
        500,
        json!({ "error": "internal_error", "message": "Oops." }),
    );
    route(
        "refresh-fails",
        json!([{ "status": 200, "body": SEED_RESPONSE }, failure]),
    );
    let (first, errors) = recording("refresh-fails");
    let mut badge = mount(first.clone());
    badge.until_state("loaded").await;
    badge.update(LoyaltyBadgeProps {
        refresh_key: 1,
        ..first.clone()
    });
    wait_for("a retry of the refresh", || {
        badge.root_attribute("data-retry").is_some()
    })
    .await;
    assert_eq!(badge.state(), "loaded");
    assert_eq!(
        badge.text("total"),
        "1,000",
        "the figures stay while it retries"
    );

    wait_for("the out-of-date marker", || {
        badge.root_attribute("data-outdated").as_deref() == Some("true")
    })
    .await;
    assert_eq!(badge.retry_status(), "These figures may be out of date.");
    assert_eq!(badge.state(), "loaded");
    assert_eq!(badge.text("total"), "1,000");
    assert_eq!(badge.text("fan-level"), "New Fan");
    assert_eq!(badge.root_attribute("aria-busy").as_deref(), Some("false"));
    assert_eq!(
        calls("refresh-fails").len(),
        4,
        "one load, one refresh, two retries"
    );
    assert_eq!(
        errors.borrow().len(),
        1,
        "the host hears the failed refresh"
    );
    assert_eq!(errors.borrow()[0].status(), Some(500));

    // Its Retry button asks again; the figures come back up to date.
    route(
        "refresh-fails",
        json!([{ "status": 200, "body": SEED_RESPONSE }]),
    );
    badge.click("retry");
    wait_for("fresh figures", || {
        badge.root_attribute("data-outdated").is_none() && badge.state() == "loaded"
    })
    .await;
    wait_for("not busy", || {
        badge.root_attribute("aria-busy").as_deref() == Some("false")
    })
    .await;
    assert_eq!(badge.retry_status(), "");
    assert_eq!(calls("refresh-fails").len(), 5);
}

#[wasm_bindgen_test]
async fn a_fetch_that_rejects_with_anything_is_a_network_error_never_a_panic() {
    // What a host page's own fetch wrapper, or a second copy of the bundle aborting a request,
    // may hand back instead of an Error.
    let cases = [
        ("rejects-string", json!({ "reject_with": "offline" })),
        ("rejects-null", json!({ "reject_with": null })),
        (
            "rejects-object",
            json!({ "reject_with": { "reason": "blocked" } }),
        ),
        ("rejects-number", json!({ "reject_with": 42 })),
        ("throws-string", json!({ "throw_with": "no fetch for you" })),
        ("throws-null", json!({ "throw_with": null })),
        (
            "resolves-string",
            json!({ "resolve_with": "not a Response" }),
        ),
        ("resolves-null", json!({ "resolve_with": null })),
        ("body-fails-string", json!({ "body_error": "cut" })),
        ("body-fails-null", json!({ "body_error": null })),
    ];
    let badges: Vec<_> = cases
        .iter()
        .map(|(member, answer)| {
            route(member, json!([answer]));
            mount(props(member))
        })
        .collect();
    for (badge, (member, _)) in badges.iter().zip(cases) {
        badge.until_state("error").await;
        assert_eq!(
            badge.error_message(),
            "The loyalty service could not be reached. Check your connection and try again.",
            "{member}"
        );
        assert!(badge.part("retry").is_some(), "{member}");
        assert_eq!(
            calls(member).len(),
            3,
            "{member}: retried like a dropped connection"
        );
    }
}
