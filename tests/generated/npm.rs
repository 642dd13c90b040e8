//! `npm/package.json`: the npm package `make package` writes to `dist/npm/` (the bundle from
//! `make embed`, the types, the manifest and `npm/README.md`). Its version is the crate's.

use serde::Serialize;

/// The package's files besides package.json and README.md (which npm always packs).
pub const FILES: &[&str] = &[
    "loyalty-badge.js",
    "loyalty-badge_bg.wasm",
    "loyalty-badge.d.ts",
    "custom-elements.json",
    "LICENSE-MIT",
    "LICENSE-APACHE",
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PackageJson {
    name: &'static str,
    version: &'static str,
    description: &'static str,
    keywords: &'static [&'static str],
    license: &'static str,
    #[serde(rename = "type")]
    module_type: &'static str,
    exports: Exports,
    main: &'static str,
    types: &'static str,
    files: &'static [&'static str],
    side_effects: &'static [&'static str],
    custom_elements: &'static str,
}

/// The subpaths a project may import.
#[derive(Serialize)]
struct Exports {
    #[serde(rename = ".")]
    main: Conditions,
    /// For a page that preloads the wasm, or serves it itself.
    #[serde(rename = "./loyalty-badge_bg.wasm")]
    wasm: &'static str,
    #[serde(rename = "./custom-elements.json")]
    manifest: &'static str,
    #[serde(rename = "./package.json")]
    package: &'static str,
}

/// The main entry's conditions; `types` must come first.
#[derive(Serialize)]
struct Conditions {
    types: &'static str,
    default: &'static str,
}

/// The whole file.
pub fn package_json() -> String {
    let package = PackageJson {
        name: "loyalty-badge",
        version: env!("CARGO_PKG_VERSION"),
        description: "A member's CrowdTwist loyalty points on any page: the <loyalty-badge> \
                      custom element and a typed mount() API, in Rust compiled to WebAssembly",
        keywords: &[
            "crowdtwist",
            "loyalty",
            "points",
            "custom-element",
            "web-component",
            "webassembly",
            "widget",
        ],
        license: env!("CARGO_PKG_LICENSE"),
        module_type: "module",
        exports: Exports {
            main: Conditions {
                types: "./loyalty-badge.d.ts",
                default: "./loyalty-badge.js",
            },
            wasm: "./loyalty-badge_bg.wasm",
            manifest: "./custom-elements.json",
            package: "./package.json",
        },
        main: "./loyalty-badge.js",
        types: "./loyalty-badge.d.ts",
        files: FILES,
        // Importing the module defines <loyalty-badge>: a bundler must keep a bare import.
        side_effects: &["./loyalty-badge.js"],
        custom_elements: "custom-elements.json",
    };
    let mut json = serde_json::to_string_pretty(&package).unwrap();
    json.push('\n');
    json
}
