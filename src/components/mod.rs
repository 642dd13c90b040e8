//! The widget's views, one component per file.

mod activity_timeline;
mod error_notice;
mod loading_placeholder;
mod loyalty_badge;
mod points_view;

pub use activity_timeline::{ActivityTimeline, ActivityTimelineProps};
pub use error_notice::{ErrorNotice, ErrorNoticeProps};
pub use loading_placeholder::LoadingPlaceholder;
pub use loyalty_badge::{LoyaltyBadge, LoyaltyBadgeProps, DEFAULT_PAGE_SIZE};
pub use points_view::{PointsView, PointsViewProps};
