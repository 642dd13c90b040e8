//! The browser part (feature `ui`): the fetch client, the hooks, the components, number and date
//! formatting through `Intl`, the stylesheet, and what happens if it panics anyway.

pub mod client;
pub mod clock;
pub mod components;
pub mod hooks;
pub mod intl;
pub mod paging;
pub mod panic;
pub mod styles;
