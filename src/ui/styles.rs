//! The widget's CSS, adopted as a constructable stylesheet by whatever root the widget renders
//! in (the document, or a shadow root). A constructable sheet is not an inline `<style>`, so a
//! Content-Security-Policy without `'unsafe-inline'` still lets it apply.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Node, ShadowRoot};

/// The widget's CSS as written, with its comments. Class names start with `lb-`, custom
/// properties with `--loyalty-badge-`.
const SOURCE: &[u8; SOURCE_LEN] = include_bytes!("styles.css");
const SOURCE_LEN: usize = include_str!("styles.css").len();

/// What the wasm carries: [`SOURCE`] minified when compiling (no comments, no whitespace CSS
/// does not need), so styles.css stays the one source and keeps its comments.
const CSS: &str = {
    const LEN: usize = minify(SOURCE).1;
    const BYTES: [u8; LEN] = prefix(&minify(SOURCE).0);
    match std::str::from_utf8(&BYTES) {
        Ok(css) => css,
        // Unreachable: only ASCII bytes are removed. A compile error if it ever were not.
        #[allow(clippy::panic, reason = "evaluated when compiling")]
        Err(_) => panic!("minified styles.css is not UTF-8"),
    }
};

/// `css` without comments, and without whitespace next to `{`, `}`, `;`, `,`, after `:` and at
/// either end; other runs of whitespace become one space. Quoted strings are copied as they are.
/// Returns the bytes (padded with zeros) and how many there are.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated when compiling: an index out of range fails the build"
)]
const fn minify<const N: usize>(css: &[u8; N]) -> ([u8; N], usize) {
    const fn tight(byte: u8) -> bool {
        matches!(byte, b'{' | b'}' | b';' | b',' | b':')
    }
    let mut out = [0u8; N];
    let (mut i, mut len) = (0, 0);
    let mut space = false;
    while i < N {
        let byte = css[i];
        if byte == b'/' && i + 1 < N && css[i + 1] == b'*' {
            i += 2;
            while i + 1 < N && !(css[i] == b'*' && css[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if byte.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        // One space between two words, none where CSS needs none (`:` only before, as in
        // `a :hover`, never after).
        if space && len > 0 && !tight(out[len - 1]) && !(byte != b':' && tight(byte)) {
            out[len] = b' ';
            len += 1;
        }
        space = false;
        // `;}` is `}`.
        if byte == b'}' && len > 0 && out[len - 1] == b';' {
            len -= 1;
        }
        out[len] = byte;
        len += 1;
        i += 1;
        if byte == b'"' || byte == b'\'' {
            while i < N && css[i] != byte {
                if css[i] == b'\\' && i + 1 < N {
                    out[len] = css[i];
                    len += 1;
                    i += 1;
                }
                out[len] = css[i];
                len += 1;
                i += 1;
            }
            if i < N {
                out[len] = css[i];
                len += 1;
                i += 1;
            }
        }
    }
    (out, len)
}

/// The first `M` bytes of `bytes`.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated when compiling: an index out of range fails the build"
)]
const fn prefix<const M: usize, const N: usize>(bytes: &[u8; N]) -> [u8; M] {
    let mut out = [0u8; M];
    let mut i = 0;
    while i < M {
        out[i] = bytes[i];
        i += 1;
    }
    out
}

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

/// The attribute `loader.js` marks its skeleton's elements with.
pub const SKELETON_ATTRIBUTE: &str = "data-lb-skeleton";

/// Removes what the embed loader drew into the shadow root `node` is rendered in before the wasm
/// was ready (its elements marked `data-lb-skeleton`): the badge has rendered, and the stylesheet
/// has hidden them since. Anything else in the root is left alone.
pub fn remove_skeleton(node: &Node) {
    let Ok(root) = node.get_root_node().dyn_into::<ShadowRoot>() else {
        return;
    };
    let children = root.children();
    for i in (0..children.length()).rev() {
        if let Some(child) = children.item(i) {
            if child.has_attribute(SKELETON_ATTRIBUTE) {
                child.remove();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CSS, SOURCE};

    /// The text without comments and without any whitespace outside quotes.
    fn squeezed(css: &str) -> String {
        let mut out = String::new();
        let mut rest = css;
        while let Some(start) = rest.find("/*") {
            out.push_str(&rest[..start]);
            rest = &rest[start + rest[start..].find("*/").unwrap() + 2..];
        }
        out.push_str(rest);
        let mut quote = None;
        out.chars()
            .filter(|&c| {
                if quote == Some(c) {
                    quote = None;
                } else if quote.is_none() && (c == '"' || c == '\'') {
                    quote = Some(c);
                }
                quote.is_some() || !c.is_whitespace()
            })
            .collect()
    }

    #[test]
    fn the_minified_sheet_is_styles_css_without_comments_and_spare_whitespace() {
        let source = std::str::from_utf8(SOURCE).unwrap();
        assert!(
            CSS.len() < source.len() * 3 / 4,
            "{} of {} bytes",
            CSS.len(),
            source.len()
        );
        assert!(!CSS.contains("/*") && !CSS.contains('\n') && !CSS.contains("  "));
        assert!(!CSS.contains(";}") && !CSS.contains(": ") && !CSS.contains(" {"));
        // Only comments and whitespace went, apart from `;` before `}`.
        assert_eq!(squeezed(CSS), squeezed(source).replace(";}", "}"));
        // What needs its spaces keeps them: quoted strings, values, descendant selectors, media
        // queries.
        for kept in [
            r#""Segoe UI""#,
            "1px solid var(--_border)",
            ".lb-figure dd",
            "@media (prefers-color-scheme:dark)",
            "calc(var(--_rows) * (17px + 2.6825em) + 26px + 1.45em)",
        ] {
            assert!(CSS.contains(kept), "{kept}");
        }
    }
}
