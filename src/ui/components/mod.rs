//! The widget's views, one component per file.

mod activity_timeline;
mod compact_view;
mod error_notice;
mod loading_placeholder;
pub(crate) mod loyalty_badge;
mod points_view;
mod retry_status;
mod summary;

pub use activity_timeline::{ActivityTimeline, ActivityTimelineProps};
pub use compact_view::{CompactView, CompactViewProps};
pub use error_notice::{ErrorNotice, ErrorNoticeProps};
pub use loading_placeholder::{LoadingPlaceholder, LoadingPlaceholderProps};
pub use loyalty_badge::{LoyaltyBadge, LoyaltyBadgeProps};
pub use points_view::{PointsView, PointsViewProps};
pub use retry_status::{RetryStatus, RetryStatusProps};
