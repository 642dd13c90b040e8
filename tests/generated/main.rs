//! The files made from the embed tables (`src/embed/options.rs`, `src/embed/manifest.rs`): the
//! npm package's `loyalty-badge.d.ts`, `custom-elements.json` and `package.json` in `npm/`, and
//! the tables in README.md and `npm/README.md`. Each test renders one and fails when the
//! committed copy differs; `LOYALTY_BADGE_BLESS=1 cargo test --test generated` rewrites them.
//!
//! It also holds the tables to what the code does: the `part` names the components render, the
//! custom properties the stylesheet reads, and the JavaScript API `loader.js` defines. (The
//! events' details are checked in a browser: `tests/browser/event_details.rs`.)
#![cfg(not(target_arch = "wasm32"))]

mod api;
mod custom_elements;
mod npm;
mod readme;
mod sources;
mod splice;
mod typescript;

use std::path::{Path, PathBuf};

/// A path from the repository's root.
fn root(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Whether to rewrite the generated files instead of checking them.
fn blessing() -> bool {
    std::env::var_os("LOYALTY_BADGE_BLESS").is_some()
}

/// Fails unless `path` holds exactly `expected` (or writes it, when blessing).
fn check_file(path: &str, expected: &str) {
    let full = root(path);
    if blessing() {
        std::fs::write(&full, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        actual == expected,
        "{path} differs from what src/embed/options.rs and src/embed/manifest.rs give; \
         LOYALTY_BADGE_BLESS=1 cargo test --test generated rewrites it.\n{}",
        splice::first_difference(&actual, expected)
    );
}

#[test]
fn typescript_declarations_are_generated() {
    check_file("npm/loyalty-badge.d.ts", &typescript::declarations());
}

#[test]
fn custom_elements_manifest_is_generated() {
    check_file("npm/custom-elements.json", &custom_elements::manifest());
}

#[test]
fn package_json_is_generated() {
    check_file("npm/package.json", &npm::package_json());
}

#[test]
fn readme_tables_are_generated() {
    for path in ["README.md", "npm/README.md"] {
        let text = std::fs::read_to_string(root(path)).unwrap();
        let mut updated = text.clone();
        for (name, table) in readme::tables() {
            updated = splice::replace_block(&updated, name, &table)
                .unwrap_or_else(|| panic!("{path} has no {name} block"));
        }
        if updated != text {
            check_file(path, &updated);
        }
    }
}
