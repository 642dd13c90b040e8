//! The compact variant, themes, refreshes, and configuration errors.

use loyalty_badge::{LoyaltyBadgeProps, Theme, Variant};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{calls, mount, route, route_seed, wait_for};
use crate::{props, SEED_RESPONSE};

#[wasm_bindgen_test]
async fn the_compact_variant_is_one_line_of_fan_level_and_redeemable_points() {
    route(
        "compact-member",
        json!([{ "status": 200, "body": SEED_RESPONSE, "delay_ms": 100 }]),
    );
    let badge = mount(LoyaltyBadgeProps {
        variant: Variant::Compact,
        ..props("compact-member")
    });
    badge.until_state("loading").await;
    assert!(badge.part("loading").is_some());
    badge.until_state("loaded").await;
    assert_eq!(
        badge.root().get_attribute("data-variant").as_deref(),
        Some("compact")
    );
    assert_eq!(badge.text("fan-level"), "New Fan");
    assert_eq!(badge.text("redeemable"), "1,000");
    assert_eq!(badge.text("summary"), "New Fan·1,000 redeemable points");
    assert!(
        badge.part("timeline").is_none() && badge.part("total").is_none(),
        "closed until asked"
    );
    assert_eq!(
        badge
            .part("toggle")
            .unwrap()
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn themes_change_the_colours() {
    route_seed("themed");
    let background = |theme| {
        let badge = mount(LoyaltyBadgeProps {
            theme,
            ..props("themed")
        });
        async move {
            badge.until_state("loaded").await;
            let root = badge.root();
            assert_eq!(
                root.get_attribute("data-theme").as_deref(),
                Some(theme.as_str())
            );
            web_sys::window()
                .unwrap()
                .get_computed_style(&root)
                .unwrap()
                .unwrap()
                .get_property_value("background-color")
                .unwrap()
        }
    };
    assert_eq!(background(Theme::Light).await, "rgb(255, 255, 255)");
    assert_eq!(background(Theme::Dark).await, "rgb(23, 23, 31)");
}

#[wasm_bindgen_test]
async fn a_refresh_keeps_the_figures_until_the_new_ones_arrive() {
    route(
        "refreshed",
        json!([
            { "status": 200, "body": SEED_RESPONSE },
            { "status": 200, "delay_ms": 300, "body": json!({
                "total_points": 1250, "redeemable_points": 900, "fan_level": "Rising Fan" }).to_string() }
        ]),
    );
    let mut badge = mount(props("refreshed"));
    badge.until_state("loaded").await;
    badge.update(LoyaltyBadgeProps {
        refresh_key: 1,
        ..props("refreshed")
    });
    wait_for("busy", || {
        badge.root().get_attribute("aria-busy").as_deref() == Some("true")
    })
    .await;
    assert_eq!(badge.state(), "loaded");
    assert_eq!(badge.text("total"), "1,000", "the old figures stay");
    assert!(badge
        .container
        .text_content()
        .unwrap()
        .contains("Updating…"));
    wait_for("the new figures", || badge.text("total") == "1,250").await;
    assert_eq!(
        badge.root().get_attribute("aria-busy").as_deref(),
        Some("false")
    );
    assert_eq!(calls("refreshed").len(), 2);
}

#[wasm_bindgen_test]
async fn the_refresh_interval_refetches_while_visible() {
    route_seed("ticking");
    let badge = mount(LoyaltyBadgeProps {
        refresh_interval: 1, // raised to the 5 s minimum
        ..props("ticking")
    });
    badge.until_state("loaded").await;
    crate::support::sleep(3_000).await;
    assert_eq!(calls("ticking").len(), 1, "not before the minimum interval");
    wait_for("a periodic refresh", || calls("ticking").len() == 2).await;
}
