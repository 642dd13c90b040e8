//! Hooks: the widget's stateful logic, one per file.

mod use_points;
mod use_refresh_interval;

pub use use_points::{use_points, FetchAction, FetchOptions, FetchState, UsePointsHandle};
pub use use_refresh_interval::{use_refresh_interval, MIN_REFRESH_INTERVAL_S};
