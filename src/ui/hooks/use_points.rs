//! Fetching a member's points from a component, with cancellation.

use std::rc::Rc;

use web_sys::AbortController;
use yew::prelude::*;

use super::task::{spawn_cancellable, use_latest, Cancel, Latest};
use crate::api::error::{InvalidInput, PointsError};
use crate::api::model::Points;
use crate::api::request::PointsRequest;
use crate::ui::client::fetch_points;

/// What the widget knows about the member's points.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchState {
    /// A request is under way. `previous` holds the figures being refreshed, shown meanwhile;
    /// it is `None` for a first load or a different member.
    Loading {
        /// The figures from the last answer for the same request.
        previous: Option<Rc<Points>>,
    },
    /// The points arrived.
    Loaded(Rc<Points>),
    /// The request was refused or failed.
    Failed(PointsError),
}

/// How [`FetchState`] changes.
pub enum FetchAction {
    /// A request starts; `same_request` keeps the figures on screen while it runs.
    Start {
        /// Whether this repeats the request whose figures are shown.
        same_request: bool,
    },
    /// The answer arrived.
    Loaded(Rc<Points>),
    /// The request failed.
    Failed(PointsError),
}

impl Reducible for FetchState {
    type Action = FetchAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let next = match action {
            FetchAction::Start { same_request } => {
                let previous = match (&*self, same_request) {
                    (FetchState::Loaded(points), true) => Some(Rc::clone(points)),
                    (FetchState::Loading { previous }, true) => previous.clone(),
                    _ => None,
                };
                FetchState::Loading { previous }
            }
            FetchAction::Loaded(points) => FetchState::Loaded(points),
            FetchAction::Failed(error) => FetchState::Failed(error),
        };
        Rc::new(next)
    }
}

/// Counts refreshes; each one is a new effect dependency, so the effect runs again.
#[derive(Default, PartialEq)]
struct Attempt(u64);

impl Reducible for Attempt {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Attempt(self.0.wrapping_add(1)))
    }
}

/// How to fetch, besides what to fetch.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchOptions {
    /// Time limit per request, in milliseconds.
    pub timeout_ms: u32,
    /// Sent as `X-Member-Token` to a proxy that requires one.
    pub member_token: Option<AttrValue>,
}

/// The handle [`use_points`] returns.
pub struct UsePointsHandle {
    state: UseReducerHandle<FetchState>,
    refresh: Callback<()>,
}

impl UsePointsHandle {
    /// The current state.
    pub fn state(&self) -> &FetchState {
        &self.state
    }

    /// A callback that asks again (Retry, `refresh()`), keeping the shown figures meanwhile.
    pub fn refresh(&self) -> Callback<()> {
        self.refresh.clone()
    }
}

/// Fetches the points for `request` whenever it, `options` or `generation` changes, and on
/// [`UsePointsHandle::refresh`]; a refetch of the same request keeps the shown figures until the
/// new ones arrive. `on_settled` hears every outcome, including an input refused before any
/// request.
///
/// The request in flight is aborted when a newer one starts or the component goes away, and its
/// late answer is dropped, so it can never overwrite a newer one.
///
/// ```no_run
/// use loyalty_badge::ui::hooks::{use_points, FetchOptions, FetchState};
/// use loyalty_badge::{Endpoint, IdType, PointsRequest};
/// use yew::prelude::*;
///
/// #[component]
/// fn Balance() -> Html {
///     let request = PointsRequest::new("alice@crowdtwist.com", Some(IdType::Email), Endpoint::proxy("/loyalty"));
///     let options = FetchOptions { timeout_ms: 10_000, member_token: None };
///     let points = use_points(request, options, 0, Callback::noop());
///     match points.state() {
///         FetchState::Loaded(points) => html! { <p>{ points.redeemable_points }</p> },
///         FetchState::Loading { .. } => html! { <p>{ "…" }</p> },
///         FetchState::Failed(error) => html! { <p>{ error.to_string() }</p> },
///     }
/// }
/// ```
#[hook]
pub fn use_points(
    request: Result<PointsRequest, InvalidInput>,
    options: FetchOptions,
    generation: u64,
    on_settled: Callback<Result<Rc<Points>, PointsError>>,
) -> UsePointsHandle {
    let state = use_reducer(|| FetchState::Loading { previous: None });
    let attempt = use_reducer(Attempt::default);
    let last_request = use_mut_ref(|| None::<PointsRequest>);
    let settle = Settle {
        dispatcher: state.dispatcher(),
        on_settled: use_latest(on_settled),
    };
    use_effect_with(
        (request, options, attempt.0, generation),
        move |(request, options, _attempt, _generation)| {
            let in_flight = match request {
                Err(invalid) => {
                    *last_request.borrow_mut() = None;
                    settle.emit(Err(PointsError::InvalidInput(invalid.clone())));
                    None
                }
                Ok(request) => {
                    let same_request = last_request.borrow().as_ref() == Some(request);
                    *last_request.borrow_mut() = Some(request.clone());
                    settle
                        .dispatcher
                        .dispatch(FetchAction::Start { same_request });
                    Some(InFlight::start(request.clone(), options.clone(), settle))
                }
            };
            move || in_flight.into_iter().for_each(InFlight::cancel)
        },
    );

    let refresh = {
        let attempt = attempt.dispatcher();
        Callback::from(move |()| attempt.dispatch(()))
    };
    UsePointsHandle { state, refresh }
}

/// Where an outcome goes: the state, then the newest `on_settled`.
struct Settle {
    dispatcher: UseReducerDispatcher<FetchState>,
    on_settled: Latest<Callback<Result<Rc<Points>, PointsError>>>,
}

impl Settle {
    fn emit(&self, result: Result<Rc<Points>, PointsError>) {
        self.dispatcher.dispatch(match &result {
            Ok(points) => FetchAction::Loaded(Rc::clone(points)),
            Err(error) => FetchAction::Failed(error.clone()),
        });
        self.on_settled.get().emit(result);
    }
}

/// A request under way, which the effect's cleanup cancels.
struct InFlight {
    cancel: Cancel,
    controller: Option<AbortController>,
}

impl InFlight {
    fn start(request: PointsRequest, options: FetchOptions, settle: Settle) -> Self {
        let controller = AbortController::new().ok();
        let signal = controller.clone();
        let cancel = spawn_cancellable(move |cancel| async move {
            let token = options.member_token.as_deref();
            let result = fetch_points(&request, token, signal.as_ref(), options.timeout_ms).await;
            if !cancel.is_cancelled() {
                settle.emit(result.map(Rc::new));
            }
        });
        InFlight { cancel, controller }
    }

    /// Drops the late answer and stops the browser's transfer.
    fn cancel(self) {
        self.cancel.cancel();
        if let Some(controller) = self.controller {
            controller.abort();
        }
    }
}
