//! The widget: fetches a member's points and shows them.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::appearance::{Theme, Variant};
use crate::api::endpoint::Endpoint;
use crate::api::error::{InvalidInput, PointsError};
use crate::api::id_type::IdType;
use crate::api::model::Points;
use crate::api::request::PointsRequest;
use crate::api::text;
use crate::ui::client::DEFAULT_TIMEOUT_MS;
use crate::ui::components::{CompactView, ErrorNotice, LoadingPlaceholder, PointsView};
use crate::ui::hooks::{use_points, use_refresh_interval, FetchOptions, FetchState};
use crate::ui::intl::{resolve_locale, Formatter};
use crate::ui::styles;

/// Timeline entries shown before "Show more", unless `page_size` says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// Properties of [`LoyaltyBadge`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct LoyaltyBadgeProps {
    /// The member's identifier, as the id type reads it (an e-mail address, a username, ...).
    pub user_id: AttrValue,
    /// What `user_id` is; `None` sends no `id_type`, which the API reads as its own id.
    #[prop_or_default]
    pub id_type: Option<IdType>,
    /// Where to ask; the page's own origin by default.
    #[prop_or_default]
    pub endpoint: Endpoint,
    /// BCP 47 tag for numbers and dates; `<html lang>`, then the browser's, by default.
    #[prop_or_default]
    pub locale: Option<AttrValue>,
    /// IANA time zone for dates; the viewer's by default.
    #[prop_or_default]
    pub time_zone: Option<AttrValue>,
    /// Timeline entries shown before a "Show more" button.
    #[prop_or(DEFAULT_PAGE_SIZE)]
    pub page_size: usize,
    /// Request time limit in milliseconds.
    #[prop_or(DEFAULT_TIMEOUT_MS)]
    pub timeout_ms: u32,
    /// A token minted by the site's server for this member, sent as `X-Member-Token`.
    #[prop_or_default]
    pub member_token: Option<AttrValue>,
    /// `Full` (summary and history) or `Compact` (one line: fan level and redeemable points).
    #[prop_or_default]
    pub variant: Variant,
    /// Colours; `Auto` follows the viewer's `prefers-color-scheme`.
    #[prop_or_default]
    pub theme: Theme,
    /// Seconds between refreshes while the page is visible (at least 5); 0 turns them off.
    #[prop_or_default]
    pub refresh_interval: u32,
    /// Changing this refetches, keeping the shown figures until the new ones arrive.
    #[prop_or_default]
    pub refresh_key: u64,
    /// A configuration problem the caller found (an attribute that does not parse): shown as
    /// an invalid-input error, and nothing is requested.
    #[prop_or_default]
    pub config_error: Option<InvalidInput>,
    /// Called with each answer that arrives.
    #[prop_or_default]
    pub onload: Callback<Rc<Points>>,
    /// Called with each failure, including an input refused before any request.
    #[prop_or_default]
    pub onerror: Callback<PointsError>,
}

/// A member's loyalty points: total, redeemable, fan level and the points history.
///
/// ```no_run
/// use loyalty_badge::{Endpoint, IdType, LoyaltyBadge};
/// use yew::prelude::*;
///
/// #[component]
/// fn Profile() -> Html {
///     html! {
///         <LoyaltyBadge user_id="alice@crowdtwist.com" id_type={IdType::Email}
///                       endpoint={Endpoint::proxy("/loyalty")} />
///     }
/// }
/// ```
#[component]
pub fn LoyaltyBadge(props: &LoyaltyBadgeProps) -> Html {
    let request = match &props.config_error {
        Some(error) => Err(error.clone()),
        None => PointsRequest::new(&props.user_id, props.id_type, props.endpoint.clone()),
    };
    let options = FetchOptions {
        timeout_ms: props.timeout_ms,
        member_token: props.member_token.clone(),
    };
    let on_settled = {
        let (onload, onerror) = (props.onload.clone(), props.onerror.clone());
        Callback::from(move |result| match result {
            Ok(points) => onload.emit(points),
            Err(error) => onerror.emit(error),
        })
    };
    let points = use_points(request, options, props.refresh_key, on_settled);
    use_refresh_interval(props.refresh_interval, points.refresh());
    let formatter = use_memo(
        (props.locale.clone(), props.time_zone.clone()),
        |(locale, time_zone)| {
            Formatter::new(
                resolve_locale(locale.as_deref()).as_deref(),
                time_zone.as_deref(),
            )
        },
    );

    let root = use_node_ref();
    {
        let root = root.clone();
        use_effect_with((), move |()| {
            if let Some(node) = root.get() {
                styles::adopt_for(&node);
            }
        });
    }
    let onretry = {
        let (refresh, root) = (points.refresh(), root.clone());
        Callback::from(move |()| {
            // The Retry button is about to disappear; keep keyboard focus in the widget.
            if let Some(root) = root.cast::<web_sys::HtmlElement>() {
                let _ = root.focus();
            }
            refresh.emit(());
        })
    };

    let page_size = props.page_size.max(1);
    let variant = props.variant;
    let loaded = |points: &Rc<Points>, updating: bool| match variant {
        Variant::Full => html! {
            <PointsView points={points} formatter={&formatter} {page_size} {updating} />
        },
        Variant::Compact => html! {
            <CompactView points={points} formatter={&formatter} {updating} />
        },
    };
    let (state, busy, body) = match points.state() {
        FetchState::Loading { previous: None } => {
            ("loading", true, html! { <LoadingPlaceholder {variant} /> })
        }
        FetchState::Loading {
            previous: Some(points),
        } => ("loaded", true, loaded(points, true)),
        FetchState::Loaded(points) => ("loaded", false, loaded(points, false)),
        FetchState::Failed(error) => {
            let state = match error {
                PointsError::NotFound { .. } => "not-found",
                _ => "error",
            };
            (
                state,
                false,
                html! { <ErrorNotice error={error.clone()} {onretry} /> },
            )
        }
    };
    html! {
        // A group, not a landmark: a page may hold many badges with the same name.
        <div ref={root} role="group" class="lb" data-state={state} data-variant={variant.as_str()}
                 data-theme={props.theme.as_str()} aria-busy={busy.to_string()}
                 aria-label={text::WIDGET_LABEL} tabindex="-1">
            { body }
        </div>
    }
}
