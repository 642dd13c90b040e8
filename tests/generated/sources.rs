//! The tables against the code they describe: the shadow parts the components render, the custom
//! properties the stylesheet reads (with their defaults), the JavaScript API `loader.js` defines.

use std::collections::BTreeSet;

use loyalty_badge::embed::manifest::{CLASS_NAME, CSS_PROPERTIES, EVENTS, PARTS, TAG_NAME};

use crate::api::{self, Function};
use crate::root;

fn read(path: &str) -> String {
    std::fs::read_to_string(root(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `.rs` file under `dir`, with its text.
fn rust_files(dir: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut pending = vec![root(dir)];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path.display().to_string(), text));
            }
        }
    }
    files
}

/// The text between each `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    text.match_indices(start)
        .filter_map(|(at, _)| {
            let rest = &text[at + start.len()..];
            rest.find(end).map(|len| &rest[..len])
        })
        .collect()
}

#[test]
fn the_parts_table_is_what_the_components_render() {
    let mut rendered = BTreeSet::new();
    for (path, text) in rust_files("src/ui") {
        assert!(
            !text.contains("part={"),
            "{path}: a part name computed at run time cannot be checked against PARTS"
        );
        for names in between(&text, "part=\"", "\"") {
            rendered.extend(names.split_whitespace().map(str::to_owned));
        }
    }
    let listed: BTreeSet<_> = PARTS.iter().map(|p| p.name.to_owned()).collect();
    assert_eq!(
        listed.len(),
        PARTS.len(),
        "a part is listed twice in src/embed/manifest.rs"
    );
    assert_eq!(
        rendered, listed,
        "src/ui renders these parts; PARTS in src/embed/manifest.rs lists those"
    );
}

#[test]
fn the_custom_properties_table_is_what_the_stylesheet_reads() {
    let css = read("src/ui/styles.css");
    let mut read_by_css = BTreeSet::new();
    for usage in between(&css, "var(--loyalty-badge-", ")") {
        let (name, default) = usage
            .split_once(',')
            .unwrap_or_else(|| panic!("var(--loyalty-badge-{usage}) has no fallback"));
        let name = format!("--loyalty-badge-{name}");
        let spec = CSS_PROPERTIES
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} is read by styles.css but not in CSS_PROPERTIES"));
        let default = default.trim();
        assert!(
            default == spec.default || Some(default) == spec.dark_default,
            "{name} falls back to {default} in styles.css; CSS_PROPERTIES says {} (dark {:?})",
            spec.default,
            spec.dark_default
        );
        read_by_css.insert(name);
    }
    assert_eq!(
        css.matches("--loyalty-badge-").count(),
        css.matches("var(--loyalty-badge-").count(),
        "styles.css names a custom property outside var(); the check above misses it"
    );
    let listed: BTreeSet<_> = CSS_PROPERTIES.iter().map(|p| p.name.to_owned()).collect();
    assert_eq!(read_by_css, listed);
}

fn call(function: &Function) -> String {
    let params: Vec<_> = function.params.iter().map(|p| p.name).collect();
    format!("{}({}) {{", function.name, params.join(", "))
}

#[test]
fn loader_js_defines_the_javascript_api_described() {
    let loader = read("src/embed/loader.js");
    let exports: BTreeSet<_> = loader
        .lines()
        .filter_map(|line| line.strip_prefix("export "))
        .map(|rest| {
            let rest = rest
                .trim_start_matches("async ")
                .trim_start_matches("function ")
                .trim_start_matches("const ");
            rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        exports,
        BTreeSet::from([api::MOUNT.name, api::READY.name]),
        "loader.js's exports"
    );
    assert!(loader.contains(&format!("export function {}", call(&api::MOUNT))));

    let element = between(
        &loader,
        &format!("class {CLASS_NAME} extends HTMLElement {{"),
        "\n  }\n  customElements.define",
    )
    .pop()
    .expect("loader.js defines the element class");
    for method in api::ELEMENT_METHODS {
        assert!(
            element.contains(&call(method)),
            "the element's {}",
            method.name
        );
    }
    assert!(loader.contains(&format!(
        "customElements.define(\"{TAG_NAME}\", {CLASS_NAME})"
    )));

    let handle = between(&loader, "class LoyaltyBadgeHandle {", "\n}\n")
        .pop()
        .expect("loader.js defines the badge handle");
    assert!(handle.contains(&format!("get {}() {{", api::BADGE_READY.name)));
    for method in api::BADGE_METHODS {
        assert!(
            handle.contains(&call(method)),
            "the badge's {}",
            method.name
        );
    }
}

#[test]
fn event_names_and_detail_types_are_distinct() {
    for (i, event) in EVENTS.iter().enumerate() {
        assert!(event.name.starts_with(&format!("{TAG_NAME}:")));
        assert!(
            event.detail_type.starts_with("LoyaltyBadge") && event.detail_type.ends_with("Detail")
        );
        for other in &EVENTS[i + 1..] {
            assert!(event.name != other.name && event.detail_type != other.detail_type);
        }
        let fields: BTreeSet<_> = event.fields.iter().map(|f| f.name).collect();
        assert_eq!(fields.len(), event.fields.len(), "{}", event.name);
    }
}
