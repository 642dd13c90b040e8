//! Hooks: the widget's stateful logic, one per file, and what they share ([`task`]).

pub(crate) mod flight;
pub mod task;
mod use_disclosure;
mod use_points;
mod use_refresh_interval;
mod use_retry_wait;
mod use_stop_on_panic;

pub use flight::RetryPhase;
pub use task::{use_latest, Latest};
pub use use_disclosure::{use_disclosure, Disclosure};
pub use use_points::{use_points, FetchAction, FetchOptions, FetchState, UsePointsHandle};
pub use use_refresh_interval::{use_refresh_interval, MIN_REFRESH_INTERVAL_S};
pub use use_retry_wait::use_retry_wait;
pub use use_stop_on_panic::use_stop_on_panic;
