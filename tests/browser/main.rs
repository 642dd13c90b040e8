//! Browser tests: the component in headless Chromium and Firefox, against a stubbed fetch.
//!
//! `make test-browser` runs them (`cargo test --target wasm32-unknown-unknown --test browser`
//! with CHROMEDRIVER set).
#![cfg(target_arch = "wasm32")]

mod appearance;
mod dates;
mod disclosure;
#[cfg(feature = "embed")]
mod element_queue;
#[cfg(feature = "embed")]
mod embed;
mod embed_open;
#[cfg(feature = "embed")]
mod event_details;
mod languages;
mod locale;
mod long_history;
mod race;
mod retry;
mod shared;
mod states;
mod support;

use loyalty_badge::{Endpoint, LoyaltyBadgeProps};
use yew::AttrValue;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Props for `user_id` against the stub, formatted for en-US in UTC.
fn props(user_id: &str) -> LoyaltyBadgeProps {
    yew::props!(LoyaltyBadgeProps {
        user_id: AttrValue::from(user_id.to_owned()),
        endpoint: Endpoint::proxy("/stub"),
        locale: AttrValue::from("en-US"),
        time_zone: AttrValue::from("UTC"),
    })
}

/// The API documentation's sample answer.
const SEED_RESPONSE: &str = include_str!("../fixtures/seed-response.json");
