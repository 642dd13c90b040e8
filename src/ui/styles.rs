//! The widget's CSS, adopted as a constructable stylesheet by whatever root the widget renders
//! in (the document, or a shadow root). A constructable sheet is not an inline `<style>`, so a
//! Content-Security-Policy without `'unsafe-inline'` still lets it apply.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Node};

/// The widget's CSS. Class names start with `lb-`, custom properties with `--loyalty-badge-`.
const CSS: &str = include_str!("styles.css");

thread_local! {
    /// One sheet object, shared by every root that adopts it.
    static SHEET: Option<CssStyleSheet> = build_sheet();
}

fn build_sheet() -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(CSS).ok()?;
    Some(sheet)
}

/// Adds the widget's stylesheet to the root `node` is rendered in, once. Does nothing where
/// constructable stylesheets are not supported, or while `node` is not in a document.
pub fn adopt_for(node: &Node) {
    let root = node.get_root_node();
    let key = JsValue::from_str("adoptedStyleSheets");
    SHEET.with(|sheet| {
        let Some(sheet) = sheet else { return };
        let Some(current) = Reflect::get(&root, &key)
            .ok()
            .and_then(|v| v.dyn_into::<Array>().ok())
        else {
            return;
        };
        if current.includes(sheet, 0) {
            return;
        }
        let sheets = current.slice(0, current.length());
        sheets.push(sheet);
        // Only fails on a root that refuses the property; then the widget is unstyled, not broken.
        let _ = Reflect::set(&root, &key, &sheets);
    });
}
