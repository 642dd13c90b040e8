//! Each state of the component: loading, loaded, empty, not found, error and retry.

use std::cell::RefCell;
use std::rc::Rc;

use loyalty_badge::{IdType, LoyaltyBadgeProps, PointsError};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::{AttrValue, Callback};

use crate::support::{answer, calls, mount, route, route_seed, sleep, wait_for};
use crate::{props, SEED_RESPONSE};

/// A points body with `activities`.
fn points_with(activities: serde_json::Value) -> serde_json::Value {
    json!({ "id": 1, "total_points": 100, "redeemable_points": 50, "num_points_purchased": 0,
            "activities": activities, "fan_level": "Fan" })
}

#[wasm_bindgen_test]
async fn seed_member_renders_exactly() {
    route_seed("alice@crowdtwist.com");
    let badge = mount(LoyaltyBadgeProps {
        id_type: Some(IdType::Email),
        ..props("alice@crowdtwist.com")
    });
    badge.until_state("loaded").await;

    assert_eq!(badge.text("total"), "1,000");
    assert_eq!(badge.text("redeemable"), "1,000");
    assert_eq!(badge.text("fan-level"), "New Fan");
    assert_eq!(badge.parts("activity").len(), 1);
    assert_eq!(badge.text("activity-name"), "user registration");
    assert_eq!(badge.text("activity-points"), "+1,000");
    let date = badge.part("activity-date").unwrap();
    assert_eq!(date.tag_name(), "TIME");
    assert_eq!(
        date.get_attribute("datetime").as_deref(),
        Some("2016-04-16T08:00:00Z")
    );
    assert_eq!(badge.text("activity-date"), "Apr 16, 2016");
    assert!(
        badge.part("activity-notes").is_none(),
        "null notes render nothing"
    );
    assert!(badge.part("more").is_none());
    assert!(badge.part("empty").is_none());
    assert_eq!(
        badge.root().get_attribute("aria-busy").as_deref(),
        Some("false")
    );

    let made = calls("alice@crowdtwist.com");
    assert_eq!(made.len(), 1);
    assert!(
        made[0]
            .url
            .ends_with("/stub/v2/users/alice@crowdtwist.com/points?id_type=email"),
        "{}",
        made[0].url
    );
}

#[wasm_bindgen_test]
async fn loading_shows_a_busy_placeholder() {
    route("loading-forever", json!([{ "hang": true }]));
    let badge = mount(props("loading-forever"));
    badge.until_state("loading").await;
    let root = badge.root();
    assert_eq!(root.get_attribute("aria-busy").as_deref(), Some("true"));
    let placeholder = badge.part("loading").expect("a loading part");
    assert_eq!(
        placeholder.get_attribute("aria-hidden").as_deref(),
        Some("true"),
        "a picture: the live region speaks"
    );
    assert_eq!(badge.announcement(), "Loading points…");
    assert!(
        badge.part("total").is_none(),
        "no figures before the answer"
    );
}

#[wasm_bindgen_test]
async fn the_placeholder_has_the_summary_size_of_the_loaded_badge() {
    route(
        "size-check",
        json!([{ "status": 200, "body": SEED_RESPONSE, "delay_ms": 300 }]),
    );
    let badge = mount(props("size-check"));
    badge.until_state("loading").await;
    let summary_height = || {
        badge
            .container
            .query_selector(".lb-summary")
            .unwrap()
            .unwrap()
            .get_bounding_client_rect()
            .height()
    };
    let loading = summary_height();
    badge.until_state("loaded").await;
    let loaded = summary_height();
    assert!(loading > 20.0, "the stylesheet applies ({loading}px)");
    assert!(
        (loading - loaded).abs() < 1.0,
        "loading {loading}px, loaded {loaded}px"
    );
}

#[wasm_bindgen_test]
async fn no_activity_shows_the_empty_state() {
    route("no-activity", json!([answer(200, points_with(json!([])))]));
    let badge = mount(props("no-activity"));
    badge.until_state("loaded").await;
    assert_eq!(badge.text("empty"), "No points activity yet.");
    assert!(badge.part("timeline").is_none());
    assert_eq!(badge.text("total"), "100");
}

#[wasm_bindgen_test]
async fn an_unknown_member_is_not_found_without_retry() {
    let badge = mount(props("nobody-at-all"));
    badge.until_state("not-found").await;
    assert_eq!(
        badge.error_message(),
        "No loyalty account was found for this member."
    );
    assert_eq!(
        badge.announcement(),
        "No loyalty account was found for this member."
    );
    assert!(badge.part("retry").is_none());
}

#[wasm_bindgen_test]
async fn retry_recovers_from_an_internal_error() {
    // Three failures use up the automatic retries; the member's Retry then succeeds.
    let failure = answer(
        500,
        json!({ "error": "internal_error", "message": "Something went wrong on our end." }),
    );
    route(
        "flaky-once",
        json!([failure, failure, failure, { "status": 200, "body": SEED_RESPONSE }]),
    );
    let badge = mount(props("flaky-once"));
    badge.until_state("error").await;
    assert!(badge
        .error_message()
        .contains("Something went wrong on our end."));
    assert_eq!(badge.announcement(), badge.error_message());
    assert_eq!(calls("flaky-once").len(), 3);
    badge.click("retry");
    badge.until_state("loaded").await;
    assert_eq!(badge.text("total"), "1,000");
    assert_eq!(calls("flaky-once").len(), 4);
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(focused, Some(badge.root()), "focus stays in the widget");
}

#[wasm_bindgen_test]
async fn a_param_error_offers_no_retry() {
    route(
        "bad-param",
        json!([answer(
            400,
            json!({ "error": "input_error", "message": "The input is invalid." })
        )]),
    );
    let badge = mount(props("bad-param"));
    badge.until_state("error").await;
    assert_eq!(
        badge.error_message(),
        "The loyalty service refused the request: The input is invalid."
    );
    assert!(badge.part("retry").is_none());
}

#[wasm_bindgen_test]
async fn an_html_gateway_page_says_the_status() {
    route(
        "gateway-html",
        json!([{ "status": 502, "body": "<html><body><h1>502 Bad Gateway</h1><script>x()</script></body></html>",
                 "headers": { "content-type": "text/html" } }]),
    );
    let badge = mount(props("gateway-html"));
    badge.until_state("error").await;
    assert_eq!(
        badge.error_message(),
        "The loyalty service is unavailable right now (HTTP 502)."
    );
    assert!(badge.part("retry").is_some());
    assert!(badge
        .container
        .query_selector("h1, script")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_a_network_error() {
    route("dropped", json!([{ "network_error": true }]));
    let badge = mount(props("dropped"));
    badge.until_state("error").await;
    assert!(badge.error_message().contains("could not be reached"));
    assert!(badge.part("retry").is_some());
}

#[wasm_bindgen_test]
async fn a_timeout_aborts_the_request() {
    route("hangs", json!([{ "hang": true }]));
    let badge = mount(LoyaltyBadgeProps {
        timeout_ms: 200,
        ..props("hangs")
    });
    badge.until_state("error").await;
    assert!(
        badge.error_message().contains("took too long"),
        "{}",
        badge.error_message()
    );
    assert!(badge.part("retry").is_some());
    // The first try and two automatic retries, each aborted when its time was up.
    let made = calls("hangs");
    assert_eq!(made.len(), 3);
    assert!(
        made.iter().all(|call| call.aborted),
        "the browser requests are aborted, not just ignored"
    );
}

#[wasm_bindgen_test]
async fn malformed_json_is_a_decode_error() {
    route(
        "garbled",
        json!([{ "status": 200, "body": "{\"id\": 26, \"total_points\": " }]),
    );
    let badge = mount(props("garbled"));
    badge.until_state("error").await;
    assert_eq!(
        badge.error_message(),
        "The loyalty service sent an answer that could not be read (the answer was not valid JSON)."
    );
}

#[wasm_bindgen_test]
async fn a_refused_id_makes_no_request() {
    let errors = Rc::new(RefCell::new(Vec::new()));
    let badge = mount(LoyaltyBadgeProps {
        onerror: {
            let errors = Rc::clone(&errors);
            Callback::from(move |e: PointsError| errors.borrow_mut().push(e))
        },
        ..props("..")
    });
    badge.until_state("error").await;
    assert_eq!(badge.error_message(), "“..” cannot be used as a member id.");
    assert!(badge.part("retry").is_none());
    sleep(50).await;
    assert!(calls("..").is_empty(), "nothing was sent");
    assert_eq!(errors.borrow().len(), 1);
    assert_eq!(errors.borrow()[0].kind().as_str(), "invalid-input");
}

#[wasm_bindgen_test]
async fn malformed_entries_are_counted_and_the_rest_shown() {
    route(
        "partly-bad",
        json!([answer(
            200,
            points_with(json!([
                { "name": "good", "num_points": 5, "date_created": 1_700_000_000 },
                { "name": "bad", "num_points": "five" },
                { "name": "undated", "num_points": -3 }
            ]))
        )]),
    );
    let badge = mount(props("partly-bad"));
    badge.until_state("loaded").await;
    let names: Vec<_> = badge
        .parts("activity-name")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert_eq!(names, ["good", "undated"]);
    assert!(badge
        .container
        .text_content()
        .unwrap()
        .contains("1 entry could not be shown."));
    let dates = badge.parts("activity-date");
    assert_eq!(dates[1].tag_name(), "SPAN");
    assert_eq!(dates[1].text_content().unwrap(), "Date unknown");
    assert_eq!(
        badge.parts("activity-points")[1].text_content().unwrap(),
        "-3"
    );
}

#[wasm_bindgen_test]
async fn show_more_reveals_a_page_at_a_time_and_moves_focus() {
    let entries: Vec<_> = (0..25)
        .map(|i| json!({ "name": format!("entry {i}"), "num_points": i, "date_created": 1_600_000_000 + i * 86_400 }))
        .collect();
    route("many", json!([answer(200, points_with(json!(entries)))]));
    let badge = mount(props("many"));
    badge.until_state("loaded").await;
    assert_eq!(badge.parts("activity").len(), 10);
    assert_eq!(badge.text("activity-name"), "entry 24", "newest first");
    assert_eq!(badge.text("more"), "Show 10 more");

    badge.click("more");
    wait_for("20 entries", || badge.parts("activity").len() == 20).await;
    let document = web_sys::window().unwrap().document().unwrap();
    assert_eq!(
        document.active_element(),
        Some(badge.parts("activity")[10].clone()),
        "focus moves to the first new entry"
    );
    assert_eq!(badge.text("more"), "Show 5 more");

    badge.click("more");
    wait_for("25 entries", || badge.parts("activity").len() == 25).await;
    assert!(badge.part("more").is_none());
}

#[wasm_bindgen_test]
async fn page_size_is_a_prop() {
    let entries: Vec<_> = (0..7)
        .map(|i| json!({ "name": format!("e{i}"), "num_points": 1 }))
        .collect();
    route(
        "paged-by-3",
        json!([answer(200, points_with(json!(entries)))]),
    );
    let badge = mount(LoyaltyBadgeProps {
        page_size: 3,
        ..props("paged-by-3")
    });
    badge.until_state("loaded").await;
    assert_eq!(badge.parts("activity").len(), 3);
    assert_eq!(badge.text("more"), "Show 3 more");
}

#[wasm_bindgen_test]
async fn api_strings_are_rendered_as_text() {
    let hostile = "<img src=x onerror=\"window.__pwned=1\">";
    route(
        "hostile",
        json!([answer(
            200,
            json!({
                "total_points": 1, "redeemable_points": 1, "fan_level": "<b>Gold</b>",
                "activities": [{ "name": hostile, "num_points": 1, "notes": "<script>window.__pwned=2</script>" }]
            })
        )]),
    );
    let badge = mount(props("hostile"));
    badge.until_state("loaded").await;
    assert_eq!(badge.text("activity-name"), hostile);
    assert_eq!(
        badge.text("activity-notes"),
        "<script>window.__pwned=2</script>"
    );
    assert_eq!(badge.text("fan-level"), "<b>Gold</b>");
    assert!(badge
        .container
        .query_selector("img, script, b")
        .unwrap()
        .is_none());
    let pwned = js_sys::Reflect::get(&js_sys::global(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
async fn events_report_loads_and_errors() {
    route(
        "events",
        json!([
            { "status": 200, "body": SEED_RESPONSE }
        ]),
    );
    let loads = Rc::new(RefCell::new(Vec::new()));
    let errors = Rc::new(RefCell::new(Vec::new()));
    let make_props = |user_id: &str| LoyaltyBadgeProps {
        onload: {
            let loads = Rc::clone(&loads);
            Callback::from(move |p: Rc<loyalty_badge::Points>| loads.borrow_mut().push(p))
        },
        onerror: {
            let errors = Rc::clone(&errors);
            Callback::from(move |e: PointsError| errors.borrow_mut().push(e))
        },
        ..props(user_id)
    };
    let mut badge = mount(make_props("events"));
    badge.until_state("loaded").await;
    assert_eq!(loads.borrow().len(), 1);
    assert_eq!(loads.borrow()[0].total_points, 1000);
    assert_eq!(loads.borrow()[0].id.as_deref(), Some("16"));

    badge.update(make_props("events-unknown"));
    badge.until_state("not-found").await;
    assert_eq!(errors.borrow().len(), 1);
    assert_eq!(errors.borrow()[0].kind().as_str(), "not-found");
    assert_eq!(errors.borrow()[0].status(), Some(404));
}

#[wasm_bindgen_test]
async fn the_member_token_is_sent_as_a_header() {
    route_seed("with-token");
    let badge = mount(LoyaltyBadgeProps {
        member_token: Some(AttrValue::from("tok-123")),
        ..props("with-token")
    });
    badge.until_state("loaded").await;
    assert_eq!(
        calls("with-token")[0].member_token.as_deref(),
        Some("tok-123")
    );
}

#[wasm_bindgen_test]
async fn retry_waits_for_retry_after() {
    route(
        "throttled",
        json!([{ "status": 429, "body": "", "headers": { "retry-after": "1" } }]),
    );
    let badge = mount(props("throttled"));
    badge.until_state("error").await;
    assert!(
        badge.error_message().contains("Try again in 1 s"),
        "{}",
        badge.error_message()
    );
    let retry = || {
        badge
            .part("retry")
            .unwrap()
            .dyn_into::<web_sys::HtmlButtonElement>()
            .unwrap()
    };
    assert!(retry().disabled(), "disabled while the server asks to wait");
    wait_for("retry enabled", || !retry().disabled()).await;
}

#[wasm_bindgen_test]
async fn a_refused_member_token_says_so_without_retry() {
    for (member, status, code, message) in [
        (
            "token-missing",
            401,
            "token_required",
            "You are not allowed to see these points. Reload the page and sign in again.",
        ),
        (
            "token-wrong",
            403,
            "token_invalid",
            "You are not allowed to see these points. Reload the page and sign in again.",
        ),
        (
            "token-old",
            403,
            "token_expired",
            "Your sign-in has expired. Reload the page to see these points.",
        ),
    ] {
        route(
            member,
            json!([answer(
                status,
                json!({ "error": code, "message": "Token check failed." })
            )]),
        );
        let errors = Rc::new(RefCell::new(Vec::new()));
        let badge = mount(LoyaltyBadgeProps {
            onerror: {
                let errors = Rc::clone(&errors);
                Callback::from(move |e: PointsError| errors.borrow_mut().push(e))
            },
            ..props(member)
        });
        badge.until_state("error").await;
        assert_eq!(badge.error_message(), message);
        let notice = badge.part("error").unwrap();
        assert_eq!(
            notice.get_attribute("data-kind").as_deref(),
            Some("forbidden")
        );
        assert_eq!(badge.announcement(), message);
        assert!(badge.part("retry").is_none(), "{code}: no Retry button");
        let errors = errors.borrow();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code(), Some(code));
        assert_eq!(calls(member).len(), 1, "{code}: not retried");
    }
}
