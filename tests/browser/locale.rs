//! Numbers and dates in the viewer's locale and time zone, through Intl.

use loyalty_badge::ui::intl::Formatter;
use loyalty_badge::{LoyaltyBadgeProps, Timestamp};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::AttrValue;

use crate::props;
use crate::support::{mount, route_seed};

fn seconds(s: i64) -> Timestamp {
    Timestamp::from_epoch_seconds(s).unwrap()
}

#[wasm_bindgen_test]
fn en_us_numbers_and_dates() {
    let f = Formatter::new(Some("en-US"), Some("UTC"));
    assert_eq!(f.points(1000), "1,000");
    assert_eq!(f.points(48_213_977), "48,213,977");
    assert_eq!(f.points(0), "0");
    assert_eq!(f.signed_points(1000), "+1,000");
    assert_eq!(f.signed_points(-250), "-250");
    assert_eq!(f.signed_points(0), "0");
    assert_eq!(f.date(seconds(1_460_793_600)), "Apr 16, 2016");
    assert_eq!(f.date(seconds(0)), "Jan 1, 1970");
}

#[wasm_bindgen_test]
fn de_de_numbers_and_dates() {
    let f = Formatter::new(Some("de-DE"), Some("UTC"));
    assert_eq!(f.points(1000), "1.000");
    assert_eq!(f.points(48_213_977), "48.213.977");
    assert_eq!(f.signed_points(1000), "+1.000");
    assert_eq!(f.signed_points(-1250), "-1.250");
    assert_eq!(f.date(seconds(1_460_793_600)), "16. Apr. 2016");
}

#[wasm_bindgen_test]
fn the_time_zone_decides_the_day() {
    // 2016-04-16T01:00:00Z is still the 15th in Los Angeles.
    let instant = seconds(1_460_768_400);
    assert_eq!(
        Formatter::new(Some("en-US"), Some("UTC")).date(instant),
        "Apr 16, 2016"
    );
    assert_eq!(
        Formatter::new(Some("en-US"), Some("America/Los_Angeles")).date(instant),
        "Apr 15, 2016"
    );
    // A date sent without a time is that calendar date everywhere.
    let date_only = Timestamp::parse_iso8601("2016-04-16").unwrap();
    assert_eq!(
        Formatter::new(Some("en-US"), Some("America/Los_Angeles")).date(date_only),
        "Apr 16, 2016"
    );
}

#[wasm_bindgen_test]
fn bad_locales_and_zones_fall_back_instead_of_throwing() {
    let f = Formatter::new(Some("not a locale!"), Some("Mars/Olympus_Mons"));
    let points = f.points(1000);
    assert!(points.contains("1") && points.contains("000"), "{points}");
    assert!(f.date(seconds(1_460_793_600)).contains("2016"));
    // Dates beyond what Intl shows still render as ISO text.
    let far = Formatter::new(Some("en-US"), Some("UTC")).date(seconds(8_640_000_000_000));
    assert!(far.contains("275760"), "{far}");
}

#[wasm_bindgen_test]
async fn the_component_formats_for_its_locale() {
    route_seed("locale-de");
    let badge = mount(LoyaltyBadgeProps {
        locale: Some(AttrValue::from("de-DE")),
        ..props("locale-de")
    });
    badge.until_state("loaded").await;
    assert_eq!(badge.text("total"), "1.000");
    assert_eq!(badge.text("activity-points"), "+1.000");
    assert_eq!(badge.text("activity-date"), "16. Apr. 2016");
}

#[wasm_bindgen_test]
async fn without_a_locale_the_page_language_decides() {
    route_seed("locale-page");
    let html = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    let before = html.get_attribute("lang");
    html.set_attribute("lang", "de-DE").unwrap();
    let badge = mount(LoyaltyBadgeProps {
        locale: None,
        ..props("locale-page")
    });
    badge.until_state("loaded").await;
    let total = badge.text("total");
    match before {
        Some(lang) => html.set_attribute("lang", &lang).unwrap(),
        None => html.remove_attribute("lang").unwrap(),
    }
    assert_eq!(total, "1.000");
}
