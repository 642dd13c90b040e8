//! loyalty-badge: a member's CrowdTwist loyalty points (total, redeemable, fan level and the
//! history) as a Yew component, a `<loyalty-badge>` custom element and a demo page.
//!
//! Three layers, each in its own folder (see ARCHITECTURE.md):
//!
//! - [`api`]: what to ask, the wire format, the data, the errors, the badge's words; no browser
//!   dependency, shared with `loyalty-server`;
//! - `ui` (feature `ui`, on by default): the fetch client, hooks, components, `Intl` formatting,
//!   the stylesheet;
//! - [`embed`]: the table of the element's options (always), and with the `embed` feature the
//!   `<loyalty-badge>` custom element and the JavaScript `mount` API, for the embeddable bundle
//!   (`make embed`).
//!
//! Features: `ui` (default) for the component; `embed` (implies `ui`) for the custom element and
//! `mount()`, built into the bundle by `make embed`. Without features only the pure [`api`] and
//! the [`embed`] tables are compiled, as `loyalty-server` uses them.
//!
//! Nothing fed from outside may panic: a panic traps the one wasm instance every badge on the page
//! shares. Outside tests, the crate denies the lints that catch the usual ways in (`unwrap`,
//! `expect`, indexing and slicing, `panic!`, `unreachable!`, `todo!`, `unimplemented!`); if one
//! happens anyway, `ui::panic` turns every badge into a plain "stopped" notice.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

/// The embeddable bundle's allocator: talc instead of Rust's default dlmalloc, for fewer bytes.
/// Single-threaded wasm only (talc's `TalcSyncCell` needs it); native builds and the tests keep
/// the system allocator.
#[cfg(all(
    feature = "embed",
    target_arch = "wasm32",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod api;
pub mod embed;
#[cfg(feature = "ui")]
#[cfg_attr(docsrs, doc(cfg(feature = "ui")))]
pub mod ui;

pub use api::appearance::{Theme, Variant};
pub use api::endpoint::Endpoint;
pub use api::error::{ErrorKind, InvalidInput, PointsError};
pub use api::id_type::IdType;
pub use api::member_id::MemberId;
pub use api::model::{Activity, Points};
pub use api::request::PointsRequest;
pub use api::time::Timestamp;
/// `loyalty_badge::wire::read_response`, as loyalty-server's tests name it.
#[doc(no_inline)]
pub use api::wire;
#[cfg(feature = "ui")]
#[cfg_attr(docsrs, doc(cfg(feature = "ui")))]
pub use ui::components::{LoyaltyBadge, LoyaltyBadgeProps};
