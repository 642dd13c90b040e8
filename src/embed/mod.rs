//! Embedding on any page (feature `embed`): the `<loyalty-badge>` custom element and the
//! JavaScript `mount` API, both built by `make embed` into `loyalty-badge.js` and
//! `loyalty-badge_bg.wasm`.
//!
//! The element class itself is a few lines of JavaScript (`loader.js`, appended to
//! wasm-bindgen's output, since a class extending `HTMLElement` cannot be written in Rust); it
//! forwards every lifecycle callback to [`ElementBinding`].

mod element;
mod events;
mod host;
mod mount;
mod options;

pub use element::{observed_attributes, ElementBinding};
pub use mount::{mount, Badge};
