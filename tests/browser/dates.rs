//! Recent activities say how long ago they were ("3 days ago"), against a fixed clock; older ones
//! keep their date.

use loyalty_badge::ui::clock::Clock;
use loyalty_badge::ui::intl::Formatter;
use loyalty_badge::{LoyaltyBadgeProps, Timestamp};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::AttrValue;

use crate::props;
use crate::support::{answer, mount_with_clock, route};

/// 2026-04-20T12:00:00Z.
const NOW_MS: f64 = 1_776_686_400_000.0;
const NOW_S: i64 = 1_776_686_400;
const DAY_S: i64 = 86_400;

fn activity(seconds_ago: i64) -> serde_json::Value {
    json!({ "name": format!("{seconds_ago} s ago"), "num_points": 10,
            "date_created": NOW_S - seconds_ago })
}

#[wasm_bindgen_test]
async fn the_last_seven_days_are_relative_with_the_date_in_the_title() {
    let ages = [0, DAY_S, 3 * DAY_S, 6 * DAY_S, 7 * DAY_S, 30 * DAY_S];
    let body = json!({ "total_points": 60, "redeemable_points": 60,
                       "activities": ages.iter().map(|&a| activity(a)).collect::<Vec<_>>() });
    route("recent", json!([answer(200, body)]));
    let badge = mount_with_clock(props("recent"), Some(Clock::fixed(NOW_MS)));
    badge.until_state("loaded").await;
    let dates = badge.parts("activity-date");
    let texts: Vec<_> = dates
        .iter()
        .map(|d| d.text_content().unwrap().trim().to_owned())
        .collect();
    assert_eq!(
        texts,
        [
            "today",
            "yesterday",
            "3 days ago",
            "6 days ago",
            "Apr 13, 2026",
            "Mar 21, 2026"
        ]
    );
    let titles: Vec<_> = dates.iter().map(|d| d.get_attribute("title")).collect();
    assert_eq!(
        titles[2].as_deref(),
        Some("April 17, 2026 at 12:00 PM"),
        "the date and time in full"
    );
    assert!(
        titles[4].is_none() && titles[5].is_none(),
        "older: as before"
    );
    assert_eq!(
        dates[2].get_attribute("datetime").as_deref(),
        Some("2026-04-17T12:00:00Z")
    );
    assert!(dates.iter().all(|d| d.tag_name() == "TIME"));
}

#[wasm_bindgen_test]
async fn relative_dates_speak_the_language() {
    let body = json!({ "total_points": 1, "redeemable_points": 1,
                       "activities": [activity(DAY_S), activity(3 * DAY_S)] });
    for (locale, expected) in [
        ("de-DE", ["gestern", "vor 3 Tagen"]),
        ("ar-EG", ["أمس", "قبل ٣ أيام"]),
        ("ja-JP", ["昨日", "3 日前"]),
    ] {
        let member = format!("recent-{locale}");
        route(&member, json!([answer(200, body.clone())]));
        let props = LoyaltyBadgeProps {
            locale: Some(AttrValue::from(locale)),
            ..props(&member)
        };
        let badge = mount_with_clock(props, Some(Clock::fixed(NOW_MS)));
        badge.until_state("loaded").await;
        let texts: Vec<_> = badge
            .parts("activity-date")
            .iter()
            .map(|d| d.text_content().unwrap().trim().to_owned())
            .collect();
        assert_eq!(texts, expected, "{locale}");
    }
}

#[wasm_bindgen_test]
fn days_are_counted_in_the_viewers_time_zone() {
    // 2026-04-19T23:30:00Z, seen at 2026-04-20T00:30:00Z.
    let late = Timestamp::from_epoch_seconds(1_776_641_400).unwrap();
    let now = 1_776_645_000_000.0;
    let relative = |zone| Formatter::new(Some("en-US"), Some(zone)).relative_date(late, now);
    assert_eq!(relative("UTC").as_deref(), Some("yesterday"));
    assert_eq!(
        relative("America/Los_Angeles").as_deref(),
        Some("today"),
        "both on April 19 in Los Angeles"
    );
    assert_eq!(
        relative("Asia/Tokyo").as_deref(),
        Some("today"),
        "both on April 20 in Tokyo"
    );
    // A date without a time is that calendar date everywhere.
    let date_only = Timestamp::parse_iso8601("2026-04-17").unwrap();
    let f = Formatter::new(Some("en-US"), Some("Pacific/Kiritimati"));
    assert_eq!(
        f.relative_date(date_only, NOW_MS).as_deref(),
        Some("4 days ago")
    );
    assert_eq!(f.date_time(date_only), "April 17, 2026");
    // The future (a clock behind the server's) and the old keep their dates.
    let tomorrow = Timestamp::from_epoch_seconds(NOW_S + DAY_S).unwrap();
    assert_eq!(f.relative_date(tomorrow, NOW_MS), None);
}
