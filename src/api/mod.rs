//! The pure part: what to ask CrowdTwist, what comes back, and what can go wrong.
//!
//! Nothing here touches a browser: `loyalty-server` uses these modules with the `ui` feature off,
//! so the server validates member ids and id types exactly as the widget does, and everything
//! here is tested natively with `cargo test`.

pub mod appearance;
pub mod endpoint;
pub mod error;
pub mod http_date;
pub mod id_type;
pub mod json;
pub mod member_id;
pub mod model;
pub mod name;
mod percent;
pub mod request;
pub mod retry;
pub mod text;
pub mod time;

pub mod wire;
