//! One request for identical badges, with its automatic retries.
//!
//! Badges on one page (one wasm instance) that ask for the same member, id type, endpoint,
//! member token and time limit while a request for it is under way join that request: one
//! fetch, one decoded answer (`Rc<Points>`) for all of them, and one series of automatic retries
//! ([`crate::api::retry`]), whose progress each of them hears. A badge leaving (a new member, the
//! component going away) lets go of its [`Ticket`]; the request is aborted only when the last
//! one leaves. A request that has ended is forgotten: this shares, it does not cache, with one
//! exception: while a badge waiting to render holds a place in the request ([`hold`]), its
//! answer is kept, so that badges rendered in turns (see `embed::element`) still make one
//! request between them.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortController;

use crate::api::error::PointsError;
use crate::api::model::Points;
use crate::api::request::PointsRequest;
use crate::api::retry::automatic_retry_delay_ms;
use crate::ui::client::{fetch_points, fetch_started, Started};
use crate::ui::hooks::task::{after_microtasks, Slices};

/// What makes two requests the same one. The member token is compared as it is (not hashed), so
/// two different tokens never share an answer. No `Debug`: it holds the member id and token.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct FlightKey {
    pub request: PointsRequest,
    pub member_token: Option<String>,
    pub timeout_ms: u32,
}

impl FlightKey {
    /// The key of `request` made with `member_token` and a time limit of `timeout_ms`: the embed's
    /// elements hold their place with it, and the badge joins with it, so both build it here.
    pub fn new(request: PointsRequest, member_token: Option<&str>, timeout_ms: u32) -> FlightKey {
        FlightKey {
            request,
            member_token: member_token.map(str::to_owned),
            timeout_ms,
        }
    }
}

/// An automatic retry under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryPhase {
    /// Waiting before asking again; whole seconds left when the wait began (rounded up).
    Waiting {
        /// Seconds until the retry.
        seconds: u32,
    },
    /// The retry's request is under way.
    Retrying,
}

/// What a badge hears from the request it joined.
pub(crate) enum Progress {
    /// An automatic retry is waiting or under way.
    Retry(RetryPhase),
    /// The outcome, after any automatic retries.
    Settled(Result<Rc<Points>, PointsError>),
}

type Listener = Rc<dyn Fn(&Progress)>;

thread_local! {
    /// The requests under way on this page.
    static FLIGHTS: RefCell<HashMap<FlightKey, Rc<Flight>>> = RefCell::new(HashMap::new());
    /// `loader.js`'s `claim(url, memberToken)`, which hands over a request it started before the
    /// wasm was ready (once), or returns `undefined`.
    static CLAIM: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Lets the first attempt of each request take over the one `loader.js` started for it, if any.
#[cfg_attr(
    not(feature = "embed"),
    allow(dead_code, reason = "only the embed has a loader")
)]
pub(crate) fn take_over_from(claim: Function) {
    CLAIM.with(|slot| slot.replace(Some(claim)));
}

/// The request the loader started for `key`, taken over. What the loader returns is checked like
/// any other value from the page.
fn claim_started(key: &FlightKey) -> Option<Started> {
    let claim = CLAIM.with(|slot| slot.borrow().clone())?;
    let token = key
        .member_token
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    let url = JsValue::from_str(&key.request.url());
    let found = claim.call2(&JsValue::UNDEFINED, &url, &token).ok()?;
    if !found.is_object() {
        return None;
    }
    let field = |name: &str| Reflect::get(&found, &JsValue::from_str(name)).ok();
    Some(Started {
        pending: field("pending")?,
        controller: field("controller")?.dyn_into().ok()?,
        elapsed_ms: field("elapsed")?.as_f64()?,
    })
}

/// One request under way, and the badges waiting for it.
struct Flight {
    key: FlightKey,
    listeners: RefCell<Vec<(u64, Listener)>>,
    next_id: Cell<u64>,
    /// The current attempt's controller, aborted when the last badge leaves.
    controller: RefCell<Option<AbortController>>,
    /// Set when the last badge left: the task stops at its next step.
    abandoned: Cell<bool>,
    /// The retry phase now, and when (`Date.now()`) a wait ends, for badges that join late.
    phase: Cell<Option<(RetryPhase, f64)>>,
    /// How many [`Hold`]s are open: badges that will join once they render.
    holds: Cell<usize>,
    /// The outcome, kept (and the flight listed) while a hold is open.
    settled: RefCell<Option<Result<Rc<Points>, PointsError>>>,
}

/// A place in a request kept for a badge that has not rendered yet: the request starts (or the
/// loader's early one is claimed) now, and its answer is kept until the hold is dropped.
pub(crate) struct Hold {
    flight: Rc<Flight>,
}

#[cfg_attr(
    not(feature = "embed"),
    allow(dead_code, reason = "only the embed's elements render in turns")
)]
impl Hold {
    /// How many times badges have joined the request so far.
    pub fn joins(&self) -> u64 {
        self.flight.next_id.get()
    }

    /// Whether this is a place in the request for `key`.
    pub fn is_for(&self, key: &FlightKey) -> bool {
        self.flight.key == *key
    }
}

/// Starts or joins the request for `key` for a badge that will join it with [`join`] once it
/// renders; see [`Hold`].
#[cfg_attr(
    not(feature = "embed"),
    allow(dead_code, reason = "only the embed's elements render in turns")
)]
pub(crate) fn hold(key: FlightKey) -> Hold {
    let flight = listed(&key).unwrap_or_else(|| launch(key));
    flight.holds.set(flight.holds.get() + 1);
    Hold { flight }
}

impl Drop for Hold {
    fn drop(&mut self) {
        self.flight
            .holds
            .set(self.flight.holds.get().saturating_sub(1));
        self.flight.release_if_unused();
    }
}

/// The flight listed for `key`, if any.
fn listed(key: &FlightKey) -> Option<Rc<Flight>> {
    FLIGHTS.with(|flights| flights.borrow().get(key).cloned())
}

/// Starts a request for `key` and lists it (in place of a settled one kept for holds).
fn launch(key: FlightKey) -> Rc<Flight> {
    let flight = Rc::new(Flight {
        key: key.clone(),
        listeners: RefCell::new(Vec::new()),
        next_id: Cell::new(0),
        controller: RefCell::new(None),
        abandoned: Cell::new(false),
        phase: Cell::new(None),
        holds: Cell::new(0),
        settled: RefCell::new(None),
    });
    FLIGHTS.with(|flights| flights.borrow_mut().insert(key, Rc::clone(&flight)));
    yew::platform::spawn_local(Rc::clone(&flight).run());
    flight
}

/// A badge's place in a request; dropping it leaves the request.
pub(crate) struct Ticket {
    flight: Rc<Flight>,
    id: u64,
}

/// Joins the request for `key` under way, or starts it; `listener` hears its progress until the
/// ticket is dropped. Returns the retry phase already reached, if any. A request that settled
/// while held ([`hold`]) gives its answer at once to a badge joining for the first time
/// (`first`); a badge asking again (a refresh, new settings) starts a new request.
pub(crate) fn join(
    key: FlightKey,
    first: bool,
    listener: impl Fn(&Progress) + 'static,
) -> (Ticket, Option<RetryPhase>) {
    let flight = listed(&key)
        .filter(|flight| first || flight.settled.borrow().is_none())
        .unwrap_or_else(|| launch(key));
    let id = flight.next_id.get();
    flight.next_id.set(id.wrapping_add(1));
    let listener: Listener = Rc::new(listener);
    flight
        .listeners
        .borrow_mut()
        .push((id, Rc::clone(&listener)));
    let settled = flight.settled.borrow().clone();
    if let Some(outcome) = settled {
        listener(&Progress::Settled(outcome));
        return (Ticket { flight, id }, None);
    }
    let phase = flight.phase.get().map(|(phase, ends_at)| match phase {
        RetryPhase::Waiting { .. } => RetryPhase::Waiting {
            seconds: seconds_until(ends_at),
        },
        RetryPhase::Retrying => RetryPhase::Retrying,
    });
    (Ticket { flight, id }, phase)
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.flight
            .listeners
            .borrow_mut()
            .retain(|(id, _)| *id != self.id);
        self.flight.release_if_unused();
    }
}

impl Flight {
    /// Fetches, retrying automatically as the policy says, and tells every badge.
    async fn run(self: Rc<Self>) {
        // Every badge and hold may have left before the task first ran.
        if self.abandoned.get() {
            return;
        }
        let token = self.key.member_token.clone();
        let mut retries_made = 0;
        // The first attempt may be a request the loader started already: no second request.
        let mut started = claim_started(&self.key);
        loop {
            let result = match started.take() {
                Some(started) => {
                    self.controller.replace(Some(started.controller.clone()));
                    fetch_started(started, self.key.timeout_ms).await
                }
                None => {
                    let controller = AbortController::new().ok();
                    self.controller.replace(controller.clone());
                    fetch_points(
                        &self.key.request,
                        token.as_deref(),
                        controller.as_ref(),
                        self.key.timeout_ms,
                    )
                    .await
                }
            };
            self.controller.replace(None);
            if self.abandoned.get() {
                return;
            }
            let error = match result {
                Ok(points) => return self.settle(Ok(Rc::new(points))).await,
                Err(error) => error,
            };
            let Some(delay_ms) =
                automatic_retry_delay_ms(&error, retries_made, js_sys::Math::random)
            else {
                return self.settle(Err(error)).await;
            };
            let waiting = RetryPhase::Waiting {
                seconds: delay_ms.div_ceil(1000),
            };
            self.phase
                .set(Some((waiting, js_sys::Date::now() + f64::from(delay_ms))));
            self.tell(&Progress::Retry(waiting));
            yew::platform::time::sleep(Duration::from_millis(u64::from(delay_ms))).await;
            if self.abandoned.get() {
                return;
            }
            retries_made += 1;
            self.phase.set(Some((RetryPhase::Retrying, 0.0)));
            self.tell(&Progress::Retry(RetryPhase::Retrying));
        }
    }

    /// Ends the request: badges that ask from now on start a new one, unless a hold keeps the
    /// answer for the badges still to render.
    async fn settle(&self, outcome: Result<Rc<Points>, PointsError>) {
        self.abandoned.set(true);
        if self.holds.get() > 0 {
            self.settled.replace(Some(outcome.clone()));
        } else {
            self.forget();
        }
        self.tell_in_turns(&Progress::Settled(outcome)).await;
    }

    /// Called when a badge or a hold leaves: a settled answer is dropped once no hold is left,
    /// and a request nobody waits for any more is aborted.
    fn release_if_unused(&self) {
        if self.holds.get() > 0 {
            return;
        }
        if self.settled.borrow().is_some() {
            self.settled.replace(None);
            self.forget();
        } else if self.listeners.borrow().is_empty() && !self.abandoned.replace(true) {
            self.forget();
            if let Some(controller) = self.controller.borrow_mut().take() {
                controller.abort();
            }
        }
    }

    /// Removes this flight from the page's list (if it is still the one listed for its key).
    fn forget(&self) {
        FLIGHTS.with(|flights| {
            if let Ok(mut flights) = flights.try_borrow_mut() {
                let listed = flights
                    .get(&self.key)
                    .is_some_and(|flight| std::ptr::eq(Rc::as_ptr(flight), self));
                if listed {
                    flights.remove(&self.key);
                }
            }
        });
    }

    /// Tells each badge still listening when its turn comes (a listener may make another leave).
    fn tell(&self, progress: &Progress) {
        for id in self.listening() {
            if let Some(listener) = self.still_listening(id) {
                listener(progress);
            }
        }
    }

    /// Tells each badge still listening the outcome, one at a time: each renders it (Yew's
    /// scheduler runs on a microtask) before the next hears it, and the browser gets the main
    /// thread back after about [`SLICE_MS`](crate::ui::hooks::task::SLICE_MS). Twenty badges
    /// rendering the answer in one go held it for over 50 ms.
    async fn tell_in_turns(&self, progress: &Progress) {
        let mut slices = Slices::start();
        for id in self.listening() {
            let Some(listener) = self.still_listening(id) else {
                continue;
            };
            listener(progress);
            after_microtasks().await;
            slices.pause_if_due().await;
        }
    }

    /// The ids of the badges listening now.
    fn listening(&self) -> Vec<u64> {
        self.listeners.borrow().iter().map(|(id, _)| *id).collect()
    }

    /// The listener `id`, unless its badge has left.
    fn still_listening(&self, id: u64) -> Option<Listener> {
        self.listeners
            .borrow()
            .iter()
            .find(|(other, _)| *other == id)
            .map(|(_, listener)| Rc::clone(listener))
    }
}

/// Whole seconds from now until `ends_at` (`Date.now()` milliseconds), rounded up.
fn seconds_until(ends_at: f64) -> u32 {
    let left = ((ends_at - js_sys::Date::now()) / 1000.0).ceil();
    if left > 0.0 {
        left as u32
    } else {
        0
    }
}
