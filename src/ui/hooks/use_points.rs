//! Fetching a member's points from a component: shared, retried, cancelled.

use std::rc::Rc;

use yew::prelude::*;

use super::flight::{self, FlightKey, Progress, RetryPhase};
use super::task::{use_latest, Latest};
use crate::api::error::{InvalidInput, PointsError};
use crate::api::model::Points;
use crate::api::request::PointsRequest;

/// What the widget knows about the member's points.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchState {
    /// A request is under way. `previous` holds the figures being refreshed, shown meanwhile;
    /// it is `None` for a first load or a different member.
    Loading {
        /// The figures from the last answer for the same request.
        previous: Option<Rc<Points>>,
        /// An automatic retry waiting or under way, after a failed attempt.
        retry: Option<RetryPhase>,
    },
    /// The points arrived.
    Loaded(Rc<Points>),
    /// A refresh failed (after its automatic retries): the last figures stay, possibly out of
    /// date.
    Outdated {
        /// The figures from the last answer.
        points: Rc<Points>,
        /// Why the refresh failed.
        error: PointsError,
    },
    /// The request was refused or failed, with no figures to show.
    Failed(PointsError),
}

/// How [`FetchState`] changes.
pub enum FetchAction {
    /// A request starts; `same_request` keeps the figures on screen while it runs.
    Start {
        /// Whether this repeats the request whose figures are shown.
        same_request: bool,
    },
    /// An attempt failed and an automatic retry waits or is under way.
    Retry(RetryPhase),
    /// The answer arrived.
    Loaded(Rc<Points>),
    /// The request failed: figures being refreshed stay, marked possibly out of date.
    Failed(PointsError),
    /// The input was refused before any request: nothing is shown but why.
    Refused(PointsError),
}

impl Reducible for FetchState {
    type Action = FetchAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let next = match action {
            FetchAction::Start { same_request } => {
                let previous = match (&*self, same_request) {
                    (FetchState::Loaded(points), true)
                    | (FetchState::Outdated { points, .. }, true) => Some(Rc::clone(points)),
                    (FetchState::Loading { previous, .. }, true) => previous.clone(),
                    _ => None,
                };
                FetchState::Loading {
                    previous,
                    retry: None,
                }
            }
            FetchAction::Retry(phase) => match &*self {
                FetchState::Loading { previous, .. } => FetchState::Loading {
                    previous: previous.clone(),
                    retry: Some(phase),
                },
                _ => return self,
            },
            FetchAction::Loaded(points) => FetchState::Loaded(points),
            FetchAction::Failed(error) => match &*self {
                FetchState::Loading {
                    previous: Some(points),
                    ..
                } => FetchState::Outdated {
                    points: Rc::clone(points),
                    error,
                },
                _ => FetchState::Failed(error),
            },
            FetchAction::Refused(error) => FetchState::Failed(error),
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
/// new ones arrive, and keeps them (as [`FetchState::Outdated`]) if it fails.
///
/// A failure that retrying can help is retried automatically, at most twice, after the server's
/// `Retry-After` or a short random wait ([`crate::api::retry`]); the state says so meanwhile
/// ([`FetchState::Loading`]'s `retry`). [`UsePointsHandle::refresh`] (a Retry button) starts the
/// count again. `on_settled` hears each outcome once its retries are over, including an input
/// refused before any request.
///
/// Components asking for the same request, member token and time limit at the same moment share
/// one fetch and one decoded answer; each still gets its own state and `on_settled`. The request
/// in flight is aborted when the last component waiting for it moves on to another request or
/// goes away, and a late answer is dropped, so it can never overwrite a newer one.
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
///         FetchState::Loaded(points) | FetchState::Outdated { points, .. } => {
///             html! { <p>{ points.redeemable_points }</p> }
///         }
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
    let state = use_reducer(|| FetchState::Loading {
        previous: None,
        retry: None,
    });
    let attempt = use_reducer(Attempt::default);
    let last_request = use_mut_ref(|| None::<PointsRequest>);
    // Whether this badge has asked before: only a first request may take a kept answer.
    let asked = use_mut_ref(|| false);
    let settle = Settle {
        dispatcher: state.dispatcher(),
        on_settled: use_latest(on_settled),
    };
    use_effect_with(
        (request, options, attempt.0, generation),
        move |(request, options, _attempt, _generation)| {
            let ticket = match request {
                Err(invalid) => {
                    *last_request.borrow_mut() = None;
                    settle.refuse(PointsError::InvalidInput(invalid.clone()));
                    None
                }
                Ok(request) => {
                    let same_request = last_request.borrow().as_ref() == Some(request);
                    *last_request.borrow_mut() = Some(request.clone());
                    settle
                        .dispatcher
                        .dispatch(FetchAction::Start { same_request });
                    let key = FlightKey::new(
                        request.clone(),
                        options.member_token.as_deref(),
                        options.timeout_ms,
                    );
                    let dispatcher = settle.dispatcher.clone();
                    let on_retry = dispatcher.clone();
                    let first = !asked.replace(true);
                    let (ticket, phase) =
                        flight::join(key, first, move |progress| match progress {
                            Progress::Retry(phase) => on_retry.dispatch(FetchAction::Retry(*phase)),
                            Progress::Settled(outcome) => settle.emit(outcome.clone()),
                        });
                    if let Some(phase) = phase {
                        dispatcher.dispatch(FetchAction::Retry(phase));
                    }
                    Some(ticket)
                }
            };
            // Leaving the request aborts it if no other badge waits for it.
            move || drop(ticket)
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

    fn refuse(&self, error: PointsError) {
        self.dispatcher
            .dispatch(FetchAction::Refused(error.clone()));
        self.on_settled.get().emit(Err(error));
    }
}
