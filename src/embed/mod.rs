//! Embedding on any page: the table of the badge's options ([`options`]) and of the rest of its
//! interface ([`manifest`]: events, error kinds, parts, custom properties), pure and always
//! compiled, and with the `embed` feature the `<loyalty-badge>` custom element and the
//! JavaScript `mount` API, both built by `make embed` into `loyalty-badge.js` and
//! `loyalty-badge_bg.wasm`.
//!
//! The element class itself is a few lines of JavaScript (`loader.js`, appended to
//! wasm-bindgen's output, since a class extending `HTMLElement` cannot be written in Rust); it
//! forwards every lifecycle callback to `ElementBinding`.

pub mod manifest;
pub mod options;

#[cfg(feature = "embed")]
mod element;
#[cfg(feature = "embed")]
mod events;
#[cfg(feature = "embed")]
mod host;
#[cfg(feature = "embed")]
mod mount;
#[cfg(feature = "embed")]
mod settings;

#[cfg(feature = "embed")]
#[cfg_attr(docsrs, doc(cfg(feature = "embed")))]
pub use element::{observed_attributes, ElementBinding};
#[cfg(feature = "embed")]
#[cfg_attr(docsrs, doc(cfg(feature = "embed")))]
pub use mount::{mount, Badge};
