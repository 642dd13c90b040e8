//! Hooks: the widget's stateful logic, one per file.

mod use_points;

pub use use_points::{use_points, FetchAction, FetchOptions, FetchState, UsePointsHandle};
