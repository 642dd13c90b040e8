//! `npm/custom-elements.json`: the Custom Elements Manifest (schema 2.1) of `loyalty-badge.js`,
//! for IDEs, Storybook and documentation tools.

use serde::Serialize;

use loyalty_badge::embed::manifest::{CLASS_NAME, CSS_PROPERTIES, EVENTS, PARTS, TAG_NAME};
use loyalty_badge::embed::options::{ValueType, OPTIONS};

use crate::api::{self, Function};
use crate::typescript::{sentence, union};

/// The module's path in the package.
const MODULE: &str = "loyalty-badge.js";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Package {
    schema_version: &'static str,
    readme: &'static str,
    modules: Vec<Module>,
}

#[derive(Serialize)]
struct Module {
    kind: &'static str,
    path: &'static str,
    description: &'static str,
    declarations: Vec<Declaration>,
    exports: Vec<Export>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Declaration {
    #[serde(rename_all = "camelCase")]
    Class {
        custom_element: bool,
        name: &'static str,
        tag_name: &'static str,
        description: String,
        superclass: Reference,
        attributes: Vec<Attribute>,
        members: Vec<Member>,
        events: Vec<Event>,
        css_parts: Vec<Named>,
        css_properties: Vec<CssProperty>,
    },
    Function(Callable),
    Variable {
        name: &'static str,
        #[serde(rename = "type")]
        ty: Type,
        description: &'static str,
    },
}

#[derive(Serialize)]
struct Reference {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    package: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    module: Option<&'static str>,
}

#[derive(Serialize)]
struct Type {
    text: String,
}

fn ty(text: impl Into<String>) -> Type {
    Type { text: text.into() }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attribute {
    name: &'static str,
    #[serde(rename = "type")]
    ty: Type,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<&'static str>,
    description: String,
}

#[derive(Serialize)]
struct Member {
    kind: &'static str,
    #[serde(flatten)]
    callable: Callable,
}

#[derive(Serialize)]
struct Callable {
    name: &'static str,
    description: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parameters: Vec<Parameter>,
    #[serde(rename = "return")]
    returns: Return,
}

#[derive(Serialize)]
struct Parameter {
    name: &'static str,
    #[serde(rename = "type")]
    ty: Type,
    description: String,
}

#[derive(Serialize)]
struct Return {
    #[serde(rename = "type")]
    ty: Type,
}

#[derive(Serialize)]
struct Event {
    name: &'static str,
    #[serde(rename = "type")]
    ty: Type,
    description: String,
}

#[derive(Serialize)]
struct Named {
    name: &'static str,
    description: String,
}

#[derive(Serialize)]
struct CssProperty {
    name: &'static str,
    syntax: &'static str,
    default: &'static str,
    description: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Export {
    kind: &'static str,
    name: &'static str,
    declaration: Reference,
}

fn callable(function: &Function) -> Callable {
    Callable {
        name: function.name,
        description: function.meaning,
        parameters: function
            .params
            .iter()
            .map(|p| Parameter {
                name: p.name,
                ty: ty(p.ty),
                description: sentence(p.meaning),
            })
            .collect(),
        returns: Return {
            ty: ty(function.returns),
        },
    }
}

fn here(name: &'static str) -> Reference {
    Reference {
        name,
        package: None,
        module: Some(MODULE),
    }
}

fn element() -> Declaration {
    let attributes = OPTIONS
        .iter()
        .map(|spec| {
            let mut description = sentence(spec.meaning);
            if let ValueType::Whole { min } = spec.value {
                description.push_str(&format!(" A whole number, at least {min}."));
            }
            if spec.default_value().is_none() && !spec.required && spec.default != "none" {
                description.push_str(&format!(" Default: {}.", spec.default));
            }
            Attribute {
                name: spec.attribute,
                ty: ty(match spec.value {
                    ValueType::Text => "string".to_owned(),
                    ValueType::Whole { .. } => "number".to_owned(),
                    ValueType::Flag => "boolean".to_owned(),
                    ValueType::OneOf(names) => union(names),
                }),
                default: spec.default_value(),
                description,
            }
        })
        .collect();
    let events = EVENTS
        .iter()
        .map(|event| {
            let fields: Vec<_> = event.fields.iter().map(|f| f.name).collect();
            Event {
                name: event.name,
                ty: ty(format!("CustomEvent<{}>", event.detail_type)),
                description: format!(
                    "{} Its `detail`: `{{ {} }}`.",
                    sentence(event.meaning),
                    fields.join(", ")
                ),
            }
        })
        .collect();
    let css_properties = CSS_PROPERTIES
        .iter()
        .map(|property| CssProperty {
            name: property.name,
            syntax: property.syntax,
            default: property.default,
            description: match property.dark_default {
                Some(dark) => format!(
                    "{} In the dark theme, it defaults to `{dark}`.",
                    sentence(property.meaning)
                ),
                None => sentence(property.meaning),
            },
        })
        .collect();
    Declaration::Class {
        custom_element: true,
        name: CLASS_NAME,
        tag_name: TAG_NAME,
        description: api::ELEMENT.to_owned(),
        superclass: Reference {
            name: "HTMLElement",
            package: Some("global:"),
            module: None,
        },
        attributes,
        members: api::ELEMENT_METHODS
            .iter()
            .map(|method| Member {
                kind: "method",
                callable: callable(method),
            })
            .collect(),
        events,
        css_parts: PARTS
            .iter()
            .map(|part| Named {
                name: part.name,
                description: sentence(part.meaning),
            })
            .collect(),
        css_properties,
    }
}

/// The whole file.
pub fn manifest() -> String {
    let package = Package {
        schema_version: "2.1.0",
        readme: "README.md",
        modules: vec![Module {
            kind: "javascript-module",
            path: MODULE,
            description: "Importing it loads loyalty-badge_bg.wasm from beside it and defines \
                          <loyalty-badge>; it exports mount() and ready.",
            declarations: vec![
                element(),
                Declaration::Function(callable(&api::MOUNT)),
                Declaration::Variable {
                    name: api::READY.name,
                    ty: ty(api::READY.ty),
                    description: api::READY.meaning,
                },
            ],
            exports: vec![
                Export {
                    kind: "js",
                    name: api::MOUNT.name,
                    declaration: here(api::MOUNT.name),
                },
                Export {
                    kind: "js",
                    name: api::READY.name,
                    declaration: here(api::READY.name),
                },
                Export {
                    kind: "custom-element-definition",
                    name: TAG_NAME,
                    declaration: here(CLASS_NAME),
                },
            ],
        }],
    };
    let mut json = serde_json::to_string_pretty(&package).unwrap();
    json.push('\n');
    json
}
