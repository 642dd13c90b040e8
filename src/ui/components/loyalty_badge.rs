//! The widget: fetches a member's points and shows them.

use std::rc::Rc;

use yew::prelude::*;

use super::compact_view::CompactView;
use super::error_notice::ErrorNotice;
use super::loading_placeholder::LoadingPlaceholder;
use super::points_view::PointsView;
use super::retry_status::RetryStatus;
use super::summary::summary_sentence;
use crate::api::appearance::{Theme, Variant};
use crate::api::endpoint::Endpoint;
use crate::api::error::{InvalidInput, PointsError};
use crate::api::id_type::IdType;
use crate::api::model::Points;
use crate::api::request::{PointsRequest, DEFAULT_TIMEOUT_MS};
use crate::api::text::Message;
use crate::ui::clock::Clock;
use crate::ui::hooks::{
    use_disclosure, use_points, use_refresh_interval, use_stop_on_panic, Disclosure, FetchOptions,
    FetchState, RetryPhase,
};
use crate::ui::intl::{resolve_locale, Formatter};
use crate::ui::paging::DEFAULT_PAGE_SIZE;
use crate::ui::styles;

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
    /// BCP 47 tag for the badge's words, numbers and dates; `<html lang>`, then the browser's
    /// languages, by default. A language without a catalog shows English words (`es-MX` is
    /// Spanish, `zh` English); Arabic, Hebrew, Persian and Urdu lay out right to left.
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
    /// Whether the compact variant shows its details (the full view) under its line. The badge
    /// follows it whenever it changes, and the member toggles it in between (`ontoggle` says
    /// so). The full variant always shows everything.
    #[prop_or_default]
    pub open: bool,
    /// Seconds between refreshes while the page is visible (at least 5); 0 turns them off.
    #[prop_or_default]
    pub refresh_interval: u32,
    /// Changing this refetches, keeping the shown figures until the new ones arrive.
    #[prop_or_default]
    pub refresh_key: u64,
    /// Called with each answer that arrives.
    #[prop_or_default]
    pub onload: Callback<Rc<Points>>,
    /// Called with each failure, including an input refused before any request.
    #[prop_or_default]
    pub onerror: Callback<PointsError>,
    /// Called with the new state each time the compact variant opens or closes: by the member
    /// (click, Enter, Space, Escape) or because `open` changed.
    #[prop_or_default]
    pub ontoggle: Callback<bool>,
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
    let request = PointsRequest::new(&props.user_id, props.id_type, props.endpoint.clone());
    html! { <Badge {request} settings={props.clone()} /> }
}

/// Properties of [`Badge`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub(crate) struct BadgeProps {
    /// What to fetch, or why nothing can be: made by [`LoyaltyBadge`] from its props, or by the
    /// embedding from the element's options (where an option that does not parse refuses it too).
    pub request: Result<PointsRequest, InvalidInput>,
    /// Everything else; its `user_id`, `id_type` and `endpoint` are read only through `request`.
    pub settings: LoyaltyBadgeProps,
    /// Counts the times the embedding set the compact badge's state to `settings.open`, which
    /// may equal the last `open` it gave (the member toggled in between).
    #[prop_or_default]
    pub open_imposed: u64,
}

/// The badge for a request already made (or refused).
#[component]
pub(crate) fn Badge(props: &BadgeProps) -> Html {
    let settings = &props.settings;
    let options = FetchOptions {
        timeout_ms: settings.timeout_ms,
        member_token: settings.member_token.clone(),
    };
    let on_settled = {
        let (onload, onerror) = (settings.onload.clone(), settings.onerror.clone());
        Callback::from(move |result| match result {
            Ok(points) => onload.emit(points),
            Err(error) => onerror.emit(error),
        })
    };
    let points = use_points(
        props.request.clone(),
        options,
        settings.refresh_key,
        on_settled,
    );
    use_refresh_interval(settings.refresh_interval, points.refresh());
    let formatter = use_formatter(settings.locale.clone(), settings.time_zone.clone());
    let clock = use_context::<Clock>().unwrap_or_default();
    let disclosure = use_disclosure(settings.open, props.open_imposed, settings.ontoggle.clone());
    let root = use_node_ref();
    use_adopted_styles(root.clone());
    use_stop_on_panic(root.clone());
    let onretry = focus_then(root.clone(), points.refresh());
    let onkeydown = close_on_escape(&disclosure, settings.variant);

    let open = settings.variant == Variant::Compact && disclosure.open;
    let look = Look {
        variant: settings.variant,
        page_size: settings.page_size.max(1),
        formatter: Rc::clone(&formatter),
        clock,
        disclosure,
    };
    let (state, busy, body) = look.render(points.state(), onretry.clone());
    let (phase, outdated) = retry_status(points.state());
    let data_retry = phase.map(|phase| match phase {
        RetryPhase::Waiting { .. } => "waiting",
        RetryPhase::Retrying => "retrying",
    });
    let data_outdated = outdated.is_some().then_some("true");
    let announcement = announcement(points.state(), &formatter);
    html! {
        // A group, not a landmark: a page may hold many badges with the same name.
        <div ref={root} role="group" class="lb" data-state={state}
                 data-variant={settings.variant.as_str()} data-theme={settings.theme.as_str()}
                 data-retry={data_retry} data-outdated={data_outdated}
                 data-open={open.then_some("")} lang={formatter.lang()} dir={formatter.dir()}
                 aria-busy={busy.to_string()}
                 aria-label={formatter.text(&Message::WidgetLabel)} tabindex="-1" {onkeydown}>
            // The one live region: what the badge says now, announced politely when it changes
            // (a refresh with the same figures says nothing). What it says is shown visually
            // elsewhere, hidden from assistive technology there.
            <p class="lb-visually-hidden" role="status">{ announcement }</p>
            { body }
            <RetryStatus {phase} {outdated} {onretry} formatter={Rc::clone(&formatter)} />
        </div>
    }
}

/// What the live region says: "Loading points…", the summary in sentences, or the error; and
/// what the retry status shows ("Trying again in 2 s…", "These figures may be out of date.").
fn announcement(state: &FetchState, formatter: &Formatter) -> String {
    let retrying = |retry: &Option<RetryPhase>| {
        retry.map(|phase| match phase {
            RetryPhase::Waiting { seconds } => Message::RetryWaiting { seconds },
            RetryPhase::Retrying => Message::Retrying,
        })
    };
    let (said, then) = match state {
        FetchState::Loading {
            previous: None,
            retry,
        } => match retrying(retry) {
            Some(words) => (formatter.text(&words), None),
            None => (formatter.text(&Message::Loading), None),
        },
        FetchState::Loading {
            previous: Some(points),
            retry,
        } => (summary_sentence(points, formatter), retrying(retry)),
        FetchState::Loaded(points) => (summary_sentence(points, formatter), None),
        FetchState::Outdated { points, .. } => (
            summary_sentence(points, formatter),
            Some(Message::MaybeOutdated),
        ),
        FetchState::Failed(error) => (formatter.text(&error.message()), None),
    };
    match then {
        Some(words) => {
            let mut said = said;
            said.push(' ');
            said.push_str(&formatter.text(&words));
            said
        }
        None => said,
    }
}

/// Escape closes an open compact badge (from its button or anywhere in its details), and goes no
/// further then: a dialog around the badge stays open.
fn close_on_escape(disclosure: &Disclosure, variant: Variant) -> Callback<KeyboardEvent> {
    let (open, close) = (disclosure.open, disclosure.close.clone());
    Callback::from(move |event: KeyboardEvent| {
        if variant == Variant::Compact && open && event.key() == "Escape" {
            event.stop_propagation();
            close.emit(());
        }
    })
}

/// The words, numbers and dates for the locale (else `<html lang>`, else the browser's) and zone,
/// built again only when they change.
#[hook]
fn use_formatter(locale: Option<AttrValue>, time_zone: Option<AttrValue>) -> Rc<Formatter> {
    use_memo((locale, time_zone), |(locale, time_zone)| {
        let locale = resolve_locale(locale.as_deref());
        Formatter::new(locale.as_deref(), time_zone.as_deref())
    })
}

/// Adopts the widget's stylesheet into the root `node` renders in, once it is mounted, and
/// removes the embed loader's skeleton there, which the first render replaced.
#[hook]
fn use_adopted_styles(node: NodeRef) {
    use_effect_with((), move |()| {
        if let Some(node) = node.get() {
            styles::adopt_for(&node);
            styles::remove_skeleton(&node);
        }
    });
}

/// `action`, after moving keyboard focus to `root`: the Retry button is about to disappear, and
/// focus must stay in the widget.
fn focus_then(root: NodeRef, action: Callback<()>) -> Callback<()> {
    Callback::from(move |()| {
        if let Some(root) = root.cast::<web_sys::HtmlElement>() {
            let _ = root.focus();
        }
        action.emit(());
    })
}

/// The automatic retry under way, and why the figures shown may be out of date.
fn retry_status(state: &FetchState) -> (Option<RetryPhase>, Option<PointsError>) {
    match state {
        FetchState::Loading { retry, .. } => (*retry, None),
        FetchState::Outdated { error, .. } => (None, Some(error.clone())),
        FetchState::Loaded(_) | FetchState::Failed(_) => (None, None),
    }
}

/// How a state is drawn.
struct Look {
    variant: Variant,
    page_size: usize,
    formatter: Rc<Formatter>,
    clock: Clock,
    disclosure: Disclosure,
}

impl Look {
    /// The root's `data-state`, whether it is busy, and its content. While an automatic retry
    /// waits or runs, the root is not busy, so that the status saying so is announced.
    fn render(&self, state: &FetchState, onretry: Callback<()>) -> (&'static str, bool, Html) {
        match state {
            FetchState::Loading {
                previous: None,
                retry,
            } => {
                let (variant, page_size) = (self.variant, self.page_size);
                let placeholder = html! { <LoadingPlaceholder {variant} {page_size} /> };
                ("loading", retry.is_none(), placeholder)
            }
            FetchState::Loading {
                previous: Some(points),
                retry,
            } => (
                "loaded",
                retry.is_none(),
                self.loaded(points, retry.is_none()),
            ),
            FetchState::Loaded(points) | FetchState::Outdated { points, .. } => {
                ("loaded", false, self.loaded(points, false))
            }
            FetchState::Failed(error) => {
                let state = match error {
                    PointsError::NotFound { .. } => "not-found",
                    _ => "error",
                };
                let formatter = Rc::clone(&self.formatter);
                let notice = html! { <ErrorNotice error={error.clone()} {formatter} {onretry} /> };
                (state, false, notice)
            }
        }
    }

    fn loaded(&self, points: &Rc<Points>, updating: bool) -> Html {
        let (formatter, clock, page_size) = (&self.formatter, &self.clock, self.page_size);
        match self.variant {
            Variant::Full => html! {
                <PointsView {points} {formatter} {clock} {page_size} {updating} />
            },
            Variant::Compact => html! {
                <CompactView {points} {formatter} {clock} {page_size} {updating}
                             disclosure={self.disclosure.clone()} />
            },
        }
    }
}
