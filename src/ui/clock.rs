//! The one place the badge reads the time from, so that tests (and pages) can fix it.

use std::fmt;
use std::rc::Rc;

/// Where "now" comes from: the browser's clock by default. The badge reads it from Yew's context,
/// so a test or a page fixes it by wrapping the badge:
///
/// ```no_run
/// use loyalty_badge::ui::clock::Clock;
/// use loyalty_badge::LoyaltyBadge;
/// use yew::prelude::*;
///
/// #[component]
/// fn Fixed() -> Html {
///     // 2026-04-20T12:00:00Z: an activity of April 17 says "3 days ago".
///     let clock = use_state(|| Clock::fixed(1_776_686_400_000.0));
///     html! {
///         <ContextProvider<Clock> context={(*clock).clone()}>
///             <LoyaltyBadge user_id="alice@crowdtwist.com" />
///         </ContextProvider<Clock>>
///     }
/// }
/// ```
#[derive(Clone)]
pub struct Clock(Rc<dyn Fn() -> f64>);

thread_local! {
    static SYSTEM: Clock = Clock(Rc::new(js_sys::Date::now));
}

impl Clock {
    /// The browser's clock (`Date.now()`); always the same `Clock`, so props holding it compare
    /// equal.
    pub fn system() -> Clock {
        SYSTEM.with(Clock::clone)
    }

    /// A clock stopped at `epoch_ms` (milliseconds since 1970-01-01T00:00:00Z).
    pub fn fixed(epoch_ms: f64) -> Clock {
        Clock(Rc::new(move || epoch_ms))
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn now_ms(&self) -> f64 {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

// Cloning is an `Rc` count: props may take a `&Clock`.
impl yew::html::ImplicitClone for Clock {}

impl PartialEq for Clock {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Clock").field(&self.now_ms()).finish()
    }
}
