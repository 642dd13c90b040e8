//! The embed options table: README's table is made from it, and it agrees with the component's
//! defaults, the closed name sets and the attributes' camelCase rule (native, no browser).
//!
//! When the table changes on purpose, `LOYALTY_BADGE_BLESS=1 cargo test --test options` rewrites
//! README's copy.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use loyalty_badge::embed::options::{
    by_property, markdown_table, parse_attribute, OptionKey, OptionValue, OptionValues, ValueType,
    OPTIONS,
};
use loyalty_badge::{IdType, Theme, Variant};

const START: &str =
    "<!-- options-table:start (generated from src/embed/options.rs by tests/options.rs) -->\n";
const END: &str = "<!-- options-table:end -->";

#[test]
fn readme_table_is_the_options_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the options table's start marker")
        + START.len();
    let end = start + readme[start..].find(END).expect("and its end marker");
    let expected = markdown_table();
    if std::env::var_os("LOYALTY_BADGE_BLESS").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        expected,
        "README's options table differs from src/embed/options.rs; \
         LOYALTY_BADGE_BLESS=1 cargo test --test options rewrites it"
    );
}

#[test]
fn every_option_is_its_attribute_in_camel_case() {
    for spec in OPTIONS {
        let mut camel = String::new();
        let mut upper = false;
        for c in spec.attribute.chars() {
            match c {
                '-' => upper = true,
                c if upper => {
                    camel.extend(c.to_uppercase());
                    upper = false;
                }
                c => camel.push(c),
            }
        }
        assert_eq!(spec.property, camel);
        assert_eq!(by_property(spec.property), Some(spec));
        assert_eq!(spec.key.spec(), spec);
        assert!(
            !spec.meaning.is_empty() && !spec.default.is_empty(),
            "{}",
            spec.attribute
        );
    }
    assert_eq!(by_property("colour"), None);
    assert_eq!(
        by_property("page-size"),
        None,
        "attribute names are not option names"
    );
}

#[test]
fn closed_names_come_from_their_types() {
    assert_eq!(
        OptionKey::IdType.spec().value,
        ValueType::OneOf(IdType::NAMES)
    );
    assert_eq!(
        OptionKey::Variant.spec().value,
        ValueType::OneOf(Variant::NAMES)
    );
    assert_eq!(
        OptionKey::Theme.spec().value,
        ValueType::OneOf(Theme::NAMES)
    );
    assert_eq!(Variant::NAMES, ["full", "compact"]);
    assert_eq!(Theme::NAMES, ["light", "dark", "auto"]);
}

#[cfg(feature = "ui")]
#[test]
fn defaults_are_the_components() {
    use loyalty_badge::api::request::DEFAULT_TIMEOUT_MS;
    use loyalty_badge::ui::paging::DEFAULT_PAGE_SIZE;
    assert_eq!(
        OptionKey::PageSize.spec().default,
        DEFAULT_PAGE_SIZE.to_string()
    );
    assert_eq!(
        OptionKey::Timeout.spec().default,
        DEFAULT_TIMEOUT_MS.to_string()
    );
    assert_eq!(OptionKey::RefreshInterval.spec().default, "0");
    assert_eq!(
        OptionKey::Variant.spec().default,
        format!("`{}`", Variant::default())
    );
    assert_eq!(
        OptionKey::Theme.spec().default,
        format!("`{}`", Theme::default())
    );
}

#[test]
fn attributes_parse_by_their_type() {
    let page_size = OptionKey::PageSize.spec();
    assert_eq!(parse_attribute(page_size, " 5 "), Ok(OptionValue::Whole(5)));
    assert_eq!(
        parse_attribute(page_size, "lots"),
        Err("“lots” is not a whole number".to_owned())
    );
    let long = format!("{}\n", "9x".repeat(100));
    let refusal = parse_attribute(page_size, &long).unwrap_err();
    assert!(
        refusal.contains('…') && !refusal.contains('\n') && refusal.len() < 80,
        "{refusal}"
    );
    assert_eq!(
        parse_attribute(OptionKey::Variant.spec(), "huge"),
        Ok(OptionValue::Text("huge".to_owned())),
        "names are checked when interpreted, so a bad one can fall back"
    );
}

#[test]
fn private_values_stay_out_of_debug_output() {
    let mut values = OptionValues::default();
    for (key, value) in [
        (OptionKey::UserId, "alice@example.com"),
        (OptionKey::ApiKey, "SECRET-KEY"),
        (OptionKey::MemberToken, "1700000000.c2lnbmF0dXJl"),
        (OptionKey::ApiBase, "/loyalty"),
    ] {
        values.set(key, Some(OptionValue::Text(value.to_owned())));
    }
    let debug = format!("{values:?}");
    for secret in ["alice", "SECRET", "c2lnbmF0dXJl"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(
        debug.contains("/loyalty") && debug.contains("user-id"),
        "{debug}"
    );
}
