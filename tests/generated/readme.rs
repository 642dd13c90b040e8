//! The Markdown tables of the options, the events, the error kinds, the shadow parts and the
//! custom properties, for README.md and npm/README.md. (`tests/options.rs` checks README's options
//! table too, and rewrites it when blessing.)

use std::fmt::Write as _;

use loyalty_badge::embed::manifest::{DetailType, CSS_PROPERTIES, ERROR_KINDS, EVENTS, PARTS};
use loyalty_badge::embed::options::markdown_table;

/// Each block's name and its content.
pub fn tables() -> Vec<(&'static str, String)> {
    vec![
        ("options-table", markdown_table()),
        ("events-table", events()),
        ("error-kinds-table", error_kinds()),
        ("parts-table", parts()),
        ("css-properties-table", css_properties()),
    ]
}

fn events() -> String {
    let mut out = String::from("| event, `detail` field | type | meaning |\n|---|---|---|\n");
    for event in EVENTS {
        let _ = writeln!(out, "| **`{}`** | | {} |", event.name, event.meaning);
        for field in event.fields {
            let ty = match field.value {
                DetailType::Text => "string",
                DetailType::Number => "number",
                DetailType::Boolean => "boolean",
                DetailType::ErrorKind => "an error kind (below)",
            };
            let null = if field.nullable { " or `null`" } else { "" };
            let _ = writeln!(out, "| `{}` | {ty}{null} | {} |", field.name, field.meaning);
        }
    }
    out
}

fn error_kinds() -> String {
    let mut out = String::from("| `kind` | meaning |\n|---|---|\n");
    for spec in ERROR_KINDS {
        let _ = writeln!(out, "| `{}` | {} |", spec.kind.as_str(), spec.meaning);
    }
    out
}

fn parts() -> String {
    let mut out = String::from("| part | what it is |\n|---|---|\n");
    for part in PARTS {
        let _ = writeln!(out, "| `{}` | {} |", part.name, part.meaning);
    }
    out
}

fn css_properties() -> String {
    let mut out = String::from(
        "| custom property | default | dark theme | what it sets |\n|---|---|---|---|\n",
    );
    for property in CSS_PROPERTIES {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} |",
            property.name,
            property.default,
            property
                .dark_default
                .map_or_else(|| "same".to_owned(), |dark| format!("`{dark}`")),
            property.meaning
        );
    }
    out
}
