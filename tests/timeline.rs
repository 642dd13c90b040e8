//! Ordering (api) and paging (ui) of the history (native, no browser).
#![cfg(not(target_arch = "wasm32"))]

use loyalty_badge::api::model::sort_newest_first;
use loyalty_badge::{Activity, Timestamp};

fn activity(name: &str, date: Option<i64>) -> Activity {
    Activity {
        name: name.to_owned(),
        num_points: 1,
        notes: None,
        date: date.and_then(Timestamp::from_epoch_seconds),
    }
}

#[test]
fn newest_first_undated_last_ties_keep_their_order() {
    let mut activities = vec![
        activity("undated a", None),
        activity("1970", Some(0)),
        activity("tie 1", Some(1_460_793_600)),
        activity("before 1970", Some(-5)),
        activity("undated b", None),
        activity("tie 2", Some(1_460_793_600)),
        activity("2024", Some(1_704_067_200)),
    ];
    sort_newest_first(&mut activities);
    let names: Vec<_> = activities.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "2024",
            "tie 1",
            "tie 2",
            "1970",
            "before 1970",
            "undated a",
            "undated b"
        ]
    );
}

#[test]
fn a_date_only_entry_sorts_by_its_instant() {
    let mut activities = vec![
        activity("midnight", Some(1_460_764_800)),
        Activity {
            date: Timestamp::parse_iso8601("2016-04-17"),
            ..activity("next day", None)
        },
    ];
    sort_newest_first(&mut activities);
    assert_eq!(activities[0].name, "next day");
}

#[cfg(feature = "ui")]
#[test]
fn pages_reveal_page_size_more_each_time() {
    use loyalty_badge::ui::paging::{next_page_len, visible_count};

    assert_eq!(visible_count(300, 10, 0), 10);
    assert_eq!(visible_count(300, 10, 1), 20);
    assert_eq!(visible_count(300, 10, 29), 300);
    assert_eq!(visible_count(300, 10, 100), 300);
    assert_eq!(visible_count(5, 10, 0), 5);
    assert_eq!(visible_count(0, 10, 0), 0);
    assert_eq!(
        visible_count(3, 0, 0),
        1,
        "a page size of 0 still shows one entry"
    );
    assert_eq!(visible_count(3, usize::MAX, usize::MAX), 3);
    assert_eq!(next_page_len(25, 10, 0), 10);
    assert_eq!(next_page_len(25, 10, 1), 5);
    assert_eq!(next_page_len(25, 10, 2), 0);
    assert_eq!(
        next_page_len(3, 0, 0),
        1,
        "a page size of 0 reveals one more"
    );
}
