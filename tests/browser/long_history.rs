//! A long history (10,000 entries, a megabyte of JSON): decoded in slices between which the
//! browser runs (the time is `make bench`'s figure), with the same outcome as a short one: the
//! newest page first, "Show more" for the rest, a malformed entry anywhere counted.

use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::props;
use crate::support::{calls, mount, route, wait_for};

const ENTRIES: usize = 10_000;

/// An answer with `ENTRIES` entries sent oldest first (entry 0 is the oldest), `broken` (by
/// position) with a number where its name should be.
fn long_history(broken: &[usize]) -> String {
    let entries: Vec<String> = (0..ENTRIES)
        .map(|i| {
            let date = 1_000_000_000 + 3_600 * i;
            if broken.contains(&i) {
                format!(r#"{{"name":{i},"num_points":10,"date_created":{date}}}"#)
            } else {
                format!(
                    r#"{{"name":"entry {i}","num_points":10,"notes":null,"date_created":{date}}}"#
                )
            }
        })
        .collect();
    format!(
        r#"{{"id":7,"total_points":100000,"redeemable_points":9000,"activities":[{}],"fan_level":"Long Fan"}}"#,
        entries.join(",")
    )
}

#[wasm_bindgen_test]
async fn ten_thousand_entries_show_the_newest_page_and_show_more_the_next() {
    route(
        "history-10000",
        json!([{ "status": 200, "body": long_history(&[]) }]),
    );
    let badge = mount(props("history-10000"));
    badge.until_state("loaded").await;
    assert_eq!(calls("history-10000").len(), 1);
    // Members after the history are read too.
    assert_eq!(badge.text("fan-level"), "Long Fan");
    let names = |badge: &crate::support::Mounted| -> Vec<String> {
        badge
            .parts("activity-name")
            .iter()
            .map(|e| e.text_content().unwrap_or_default())
            .collect()
    };
    let first: Vec<String> = (0..10)
        .map(|i| format!("entry {}", ENTRIES - 1 - i))
        .collect();
    assert_eq!(names(&badge), first, "the newest ten, newest first");
    assert_eq!(badge.text("more"), "Show 10 more");
    assert!(!badge.all_text().contains("could not be shown"));

    badge.click("more");
    wait_for("the next page", || badge.parts("activity").len() == 20).await;
    assert_eq!(names(&badge)[10], format!("entry {}", ENTRIES - 11));
}

#[wasm_bindgen_test]
async fn malformed_entries_deep_in_a_long_history_are_counted_not_fatal() {
    // Position 5 is among the oldest, so it would be shown last; 9,995 is read in the last slice.
    route(
        "history-broken",
        json!([{ "status": 200, "body": long_history(&[5, 9_995]) }]),
    );
    let badge = mount(props("history-broken"));
    badge.until_state("loaded").await;
    assert_eq!(badge.text("total"), "100,000");
    assert!(
        badge.all_text().contains("2 entries could not be shown."),
        "{}",
        badge.all_text()
    );
    let names: Vec<String> = badge
        .parts("activity-name")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert_eq!(names[0], "entry 9999");
    assert!(!names.contains(&"entry 9995".to_owned()));
}

#[wasm_bindgen_test]
async fn a_long_answer_cut_short_fails_with_a_decode_error() {
    let mut body = long_history(&[]);
    body.truncate(body.len() - 40);
    route("history-cut", json!([{ "status": 200, "body": body }]));
    let badge = mount(props("history-cut"));
    badge.until_state("error").await;
    let error = badge.part("error").expect("the error");
    assert_eq!(error.get_attribute("data-kind").as_deref(), Some("decode"));
}

#[wasm_bindgen_test]
async fn show_more_adds_the_next_page_and_leaves_the_shown_entries_alone() {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{MutationObserver, MutationObserverInit, MutationRecord, Node};

    route(
        "history-kept",
        json!([{ "status": 200, "body": long_history(&[]) }]),
    );
    let badge = mount(props("history-kept"));
    badge.until_state("loaded").await;
    let shown = badge.parts("activity");
    assert_eq!(shown.len(), 10);
    let list = badge.part("timeline").expect("the list");

    // Every change under the list while "Show more" reveals the next page.
    let records = Rc::new(RefCell::new(Vec::<MutationRecord>::new()));
    let keep = |records: &RefCell<Vec<MutationRecord>>, batch: js_sys::Array| {
        records
            .borrow_mut()
            .extend(batch.iter().map(|record| record.unchecked_into()));
    };
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new({
        let records = Rc::clone(&records);
        move |batch| keep(&records, batch)
    });
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_character_data(true);
    options.set_attributes(true);
    observer.observe_with_options(&list, &options).unwrap();

    badge.click("more");
    wait_for("the next page", || badge.parts("activity").len() == 20).await;
    keep(&records, observer.take_records());
    observer.disconnect();

    let now = badge.parts("activity");
    assert_eq!(
        &now[..10],
        &shown[..],
        "the entries shown stay the same elements, in their places"
    );
    let records = records.borrow();
    assert!(!records.is_empty());
    for record in records.iter() {
        let target: Node = record.target().expect("a target");
        assert!(
            !shown.iter().any(|entry| entry.contains(Some(&target))),
            "an entry already shown was changed ({})",
            record.type_()
        );
        assert_eq!(record.removed_nodes().length(), 0, "nothing was removed");
    }
}
