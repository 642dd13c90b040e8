//! `npm/loyalty-badge.d.ts`: the module's exports, `<loyalty-badge>` in `HTMLElementTagNameMap`,
//! its events in the event maps, and the element in React's and Preact's JSX.

use std::fmt::Write as _;

use loyalty_badge::embed::manifest::{DetailType, ERROR_KINDS, EVENTS, TAG_NAME};
use loyalty_badge::embed::options::{OptionSpec, ValueType, OPTIONS};

use crate::api::{self, Function, Value};

/// A JSDoc comment holding `text`, indented by `indent`, with `tags` (`@defaultValue ...`) after.
fn doc(out: &mut String, indent: &str, text: &str, tags: &[String]) {
    let text = text.replace("*/", "*\\/");
    if tags.is_empty() && text.len() + indent.len() < 92 {
        let _ = writeln!(out, "{indent}/** {text} */");
        return;
    }
    let width = 96 - indent.len() - 3;
    let _ = writeln!(out, "{indent}/**");
    for paragraph in text.split('\n').chain(tags.iter().map(String::as_str)) {
        // List items and tags go on indented.
        let hanging = paragraph.starts_with("- ") || paragraph.starts_with('@');
        for (i, line) in wrap(&paragraph.replace("*/", "*\\/"), width)
            .iter()
            .enumerate()
        {
            let more = if hanging && i > 0 { "  " } else { "" };
            let _ = writeln!(out, "{indent} * {more}{line}");
        }
    }
    let _ = writeln!(out, "{indent} */");
}

/// `text` in lines of at most `width` characters (longer words stay whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// A table's phrase as a sentence: capitalised, with a full stop.
pub fn sentence(phrase: &str) -> String {
    let mut chars = phrase.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// The name of the union type of an option that takes one of some names (`LoyaltyBadgeVariant`).
pub fn union_name(spec: &OptionSpec) -> String {
    let mut name = String::from("LoyaltyBadge");
    let mut chars = spec.property.chars();
    name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
    name.push_str(chars.as_str());
    name
}

/// `"a" | "b"`.
pub fn union(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The option's documentation: its meaning, its values, its default.
fn option_doc(out: &mut String, indent: &str, spec: &OptionSpec) {
    let mut text = sentence(spec.meaning);
    if let ValueType::Whole { min } = spec.value {
        let _ = write!(text, " A whole number, at least {min}.");
    }
    let tags = if spec.required {
        Vec::new()
    } else {
        vec![format!("@defaultValue {}", spec.default)]
    };
    doc(out, indent, &text, &tags);
}

/// `: ty`, or for an option that may be left out, `?: ty | undefined` (`undefined` is "not
/// given", also under `exactOptionalPropertyTypes`).
fn optional(spec: &OptionSpec, ty: &str) -> String {
    if spec.required {
        format!(": {ty}")
    } else {
        format!("?: {ty} | undefined")
    }
}

fn signature(function: &Function) -> String {
    let params: Vec<_> = function
        .params
        .iter()
        .map(|p| format!("{}: {}", p.name, p.ty))
        .collect();
    format!(
        "{}({}): {}",
        function.name,
        params.join(", "),
        function.returns
    )
}

fn function_doc(out: &mut String, indent: &str, function: &Function) {
    let tags: Vec<_> = function
        .params
        .iter()
        .map(|p| format!("@param {} - {}", p.name, sentence(p.meaning)))
        .collect();
    doc(out, indent, function.meaning, &tags);
}

fn value_doc(out: &mut String, indent: &str, value: &Value) {
    doc(out, indent, value.meaning, &[]);
}

/// The whole file.
pub fn declarations() -> String {
    let mut out = format!(
        "// loyalty-badge {}: the types of loyalty-badge.js and <loyalty-badge>.\n\
         // Generated from src/embed/options.rs and src/embed/manifest.rs by tests/generated; \
         do not edit.\n\n",
        env!("CARGO_PKG_VERSION")
    );
    options(&mut out);
    javascript_api(&mut out);
    events(&mut out);
    element(&mut out);
    jsx(&mut out);
    out
}

fn options(out: &mut String) {
    for spec in OPTIONS {
        if let ValueType::OneOf(names) = spec.value {
            doc(
                out,
                "",
                &format!(
                    "The values of `{}` (the `{}` attribute).",
                    spec.property, spec.attribute
                ),
                &[],
            );
            let _ = writeln!(
                out,
                "export type {} = {};\n",
                union_name(spec),
                union(names)
            );
        }
    }
    doc(
        out,
        "",
        "The options of `mount()`: the element's attributes, in camelCase.",
        &[],
    );
    out.push_str("export interface MountOptions {\n");
    for spec in OPTIONS {
        option_doc(out, "  ", spec);
        let ty = match spec.value {
            ValueType::Text => "string".to_owned(),
            ValueType::Whole { .. } => "number".to_owned(),
            ValueType::Flag => "boolean".to_owned(),
            ValueType::OneOf(_) => union_name(spec),
        };
        let _ = writeln!(out, "  {}{};", spec.property, optional(spec, &ty));
    }
    out.push_str("}\n\n");
    doc(
        out,
        "",
        "Changes to a badge's options: `null` (or `undefined`) resets one to its default, \
         options left out stay as they are.",
        &[],
    );
    out.push_str(
        "export type UpdateOptions = {\n  [K in keyof MountOptions]?: MountOptions[K] | null | undefined;\n};\n\n",
    );
}

fn javascript_api(out: &mut String) {
    doc(out, "", api::BADGE, &[]);
    out.push_str("export interface Badge {\n");
    value_doc(out, "  ", &api::BADGE_READY);
    let _ = writeln!(
        out,
        "  readonly {}: {};",
        api::BADGE_READY.name,
        api::BADGE_READY.ty
    );
    for method in api::BADGE_METHODS {
        function_doc(out, "  ", method);
        let _ = writeln!(out, "  {};", signature(method));
    }
    out.push_str("}\n\n");
    function_doc(out, "", &api::MOUNT);
    let _ = writeln!(out, "export declare function {};\n", signature(&api::MOUNT));
    value_doc(out, "", &api::READY);
    let _ = writeln!(
        out,
        "export declare const {}: {};\n",
        api::READY.name,
        api::READY.ty
    );
}

fn events(out: &mut String) {
    let kinds: Vec<_> = ERROR_KINDS.iter().map(|k| k.kind.as_str()).collect();
    let mut text =
        String::from("The kinds of error: the `kind` of `loyalty-badge:error`'s detail.");
    for spec in ERROR_KINDS {
        let _ = write!(text, "\n- `{}`: {}", spec.kind.as_str(), spec.meaning);
    }
    doc(out, "", &text, &[]);
    let _ = writeln!(
        out,
        "export type LoyaltyBadgeErrorKind = {};\n",
        union(&kinds)
    );
    for event in EVENTS {
        doc(
            out,
            "",
            &format!(
                "The `detail` of `{}`: {}.",
                event.name,
                event.meaning.trim_end_matches('.')
            ),
            &[],
        );
        let _ = writeln!(out, "export interface {} {{", event.detail_type);
        for field in event.fields {
            doc(out, "  ", &sentence(field.meaning), &[]);
            let ty = match field.value {
                DetailType::Text => "string",
                DetailType::Number => "number",
                DetailType::Boolean => "boolean",
                DetailType::ErrorKind => "LoyaltyBadgeErrorKind",
            };
            let null = if field.nullable { " | null" } else { "" };
            let _ = writeln!(out, "  {}: {ty}{null};", field.name);
        }
        out.push_str("}\n\n");
    }
    doc(
        out,
        "",
        "The element's events, by type. They bubble and cross shadow roots (`composed`), so a \
         document or a window hears them too.",
        &[],
    );
    out.push_str("export interface LoyaltyBadgeEventMap {\n");
    for event in EVENTS {
        doc(out, "  ", &sentence(event.meaning), &[]);
        let _ = writeln!(
            out,
            "  \"{}\": CustomEvent<{}>;",
            event.name, event.detail_type
        );
    }
    out.push_str("}\n\n");
}

fn element(out: &mut String) {
    doc(out, "", &format!("`<{TAG_NAME}>`. {}", api::ELEMENT), &[]);
    out.push_str("export interface LoyaltyBadgeElement extends HTMLElement {\n");
    for method in api::ELEMENT_METHODS {
        function_doc(out, "  ", method);
        let _ = writeln!(out, "  {};", signature(method));
    }
    out.push_str("}\n\n");
    doc(
        out,
        "",
        "The element's attributes, by their names. In HTML every value is a string; in JSX, \
         numbers may be given as numbers.",
        &[],
    );
    out.push_str("export interface LoyaltyBadgeAttributes {\n");
    for spec in OPTIONS {
        option_doc(out, "  ", spec);
        let ty = match spec.value {
            ValueType::Text => "string".to_owned(),
            ValueType::Whole { .. } => "number | `${number}`".to_owned(),
            // JSX renders `true` as the attribute present, `false` as absent; in HTML any value
            // is on.
            ValueType::Flag => "boolean | \"\" | \"open\"".to_owned(),
            ValueType::OneOf(_) => union_name(spec),
        };
        let _ = writeln!(out, "  \"{}\"{};", spec.attribute, optional(spec, &ty));
    }
    out.push_str("}\n\n");
    out.push_str(&format!(
        "declare global {{\n  interface HTMLElementTagNameMap {{\n    \"{TAG_NAME}\": LoyaltyBadgeElement;\n  }}\n"
    ));
    for map in ["HTMLElementEventMap", "DocumentEventMap", "WindowEventMap"] {
        let _ = writeln!(out, "  interface {map} extends LoyaltyBadgeEventMap {{}}");
    }
    out.push_str("}\n\n");
}

fn jsx(out: &mut String) {
    doc(
        out,
        "",
        "A ref to the element in JSX: an object whose `current` is set, or a callback.",
        &[],
    );
    out.push_str(
        "export type LoyaltyBadgeRef =\n  \
         | { current: LoyaltyBadgeElement | null }\n  \
         | ((element: LoyaltyBadgeElement | null) => void | (() => void))\n  \
         | null;\n\n",
    );
    doc(
        out,
        "",
        "The element's props in JSX, given a framework's `JSX.IntrinsicElements`: its attributes \
         by their names, over the props every element takes (`class`, `className`, `id`, \
         `style`, `hidden`, event handlers, ...), a ref to the element (`key` is the \
         framework's), and no children: its shadow root shows none. Where the framework's types \
         are not installed, only the element's own attributes.",
        &[],
    );
    out.push_str(
        "export type LoyaltyBadgeJSXProps<IntrinsicElements> = (IntrinsicElements extends {\n  \
         section: infer Plain;\n}\n  \
         ? Omit<Plain, keyof LoyaltyBadgeAttributes | \"children\" | \"ref\">\n  \
         : {}) &\n  \
         LoyaltyBadgeAttributes & {\n    \
         ref?: LoyaltyBadgeRef;\n    \
         children?: never;\n  };\n\n",
    );
    // Augmenting a module that is not installed is allowed in a declaration file, and the props
    // name nothing of React's or Preact's, so a project without them compiles too.
    for (module, extra, framework) in [
        (
            "react",
            " & {\n        /** The element's `class` attribute (React 18 needs it; React 19 takes `className` too). */\n        class?: string;\n      }",
            "React",
        ),
        ("preact", "", "Preact"),
    ] {
        let _ = writeln!(
            out,
            "declare module \"{module}\" {{\n  namespace JSX {{\n    interface IntrinsicElements {{"
        );
        doc(
            out,
            "      ",
            &format!(
                "`<{TAG_NAME}>` in {framework}'s JSX. Listen to its events with \
                 `addEventListener` on a ref."
            ),
            &[],
        );
        let _ = writeln!(
            out,
            "      \"{TAG_NAME}\": LoyaltyBadgeJSXProps<IntrinsicElements>{extra};\n    }}\n  }}\n}}"
        );
        if module == "react" {
            out.push('\n');
        }
    }
}
