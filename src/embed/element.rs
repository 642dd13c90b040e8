//! The custom element's Rust side. `loader.js` defines `<loyalty-badge>` and forwards its
//! lifecycle callbacks here.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::host::Host;
use super::options::{OptionKey, OptionValue, OptionValues, OPTIONS};
use super::settings::{from_attributes, interpret, Interpreted};
use crate::ui::hooks::flight::{self, FlightKey, Hold};
use crate::ui::hooks::task::{after_microtasks, yield_to_browser, Slices};
use crate::ui::panic;

/// The attributes whose changes the element hears.
#[wasm_bindgen(js_name = loyaltyBadgeObservedAttributes)]
pub fn observed_attributes() -> Array {
    OPTIONS
        .iter()
        .map(|spec| JsValue::from_str(spec.attribute))
        .collect()
}

/// The embed's start-up, called once by `loader.js` when the wasm is ready: installs the panic
/// hook (see `ui::panic`), which sets `loader.stopped` (and `loader.message`, the notice's
/// words) if the widget ever panics, so that the loader keeps new elements and `mount()` out of
/// the stopped instance; and takes `loader.claim`, through which the badges take over the
/// requests the loader started before the wasm was ready.
#[wasm_bindgen(js_name = loyaltyBadgeStart)]
pub fn start(loader: Object) {
    if let Some(claim) = Reflect::get(&loader, &JsValue::from_str("claim"))
        .ok()
        .and_then(|claim| claim.dyn_into::<Function>().ok())
    {
        flight::take_over_from(claim);
    }
    panic::tell_loader(loader);
    panic::install_panic_hook();
}

/// Panics on purpose, so that the engine checks can show what the panic hook does to a real
/// bundle. Only with the `test-panic` feature, which no shipped bundle has.
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = loyaltyBadgeTestPanic)]
#[allow(clippy::panic, reason = "the one deliberate panic, for the tests")]
pub fn test_panic() {
    panic!("deliberate test panic");
}

/// How many timer turns an element waits for its badge to join its request (4 ms each, once
/// browsers clamp nested timers): a bound, in case the badge never does.
const JOIN_WAITS: u32 = 100;

thread_local! {
    /// Connected elements waiting for their turn to render, oldest first.
    static QUEUE: RefCell<VecDeque<Rc<Binding>>> = const { RefCell::new(VecDeque::new()) };
    /// Whether the task rendering [`QUEUE`] is running.
    static RENDERING: Cell<bool> = const { Cell::new(false) };
}

/// One `<loyalty-badge>` element's binding, for `loader.js`.
///
/// Connected elements render in turns (see `render_queue` below): twenty badges made ready at once
/// would otherwise hold the main thread for one long task. Each starts or joins its request when
/// it connects, so the queue neither delays nor multiplies requests.
#[wasm_bindgen(js_name = LoyaltyBadgeElementBinding)]
pub struct ElementBinding(Rc<Binding>);

/// One `<loyalty-badge>` element's state.
///
/// Methods take `&self`: a callback can re-enter (removing the `api-key` attribute fires
/// `attributeChangedCallback` synchronously), and re-entrant calls are deferred, not panicked on.
struct Binding {
    element: HtmlElement,
    host: RefCell<Option<Host>>,
    /// The key from the `api-key` attribute, kept here once the attribute is removed.
    api_key: RefCell<Option<String>>,
    /// Set when attributes changed during another call; that call re-reads them.
    stale: Cell<bool>,
    /// Set while the element waits in [`QUEUE`]; cleared when it renders or disconnects.
    queued: Cell<bool>,
    /// The element's place in its request while it waits (see [`flight::hold`]).
    hold: RefCell<Option<Hold>>,
}

#[wasm_bindgen(js_class = LoyaltyBadgeElementBinding)]
impl ElementBinding {
    /// Binds to the element; nothing renders until it is connected.
    #[wasm_bindgen(constructor)]
    pub fn new(element: HtmlElement) -> ElementBinding {
        ElementBinding(Rc::new(Binding {
            element,
            host: RefCell::new(None),
            api_key: RefCell::new(None),
            stale: Cell::new(false),
            queued: Cell::new(false),
            hold: RefCell::new(None),
        }))
    }

    /// `connectedCallback`: starts or joins the element's request at once, and renders the
    /// badge (again, after a removal) in its turn; the loader's skeleton stays until then.
    pub fn connected(&self) {
        let binding = &self.0;
        if binding.is_running() || binding.queued.get() {
            return;
        }
        let hold = binding.request_key().map(flight::hold);
        binding.hold.replace(hold);
        binding.queued.set(true);
        QUEUE.with(|queue| queue.borrow_mut().push_back(Rc::clone(binding)));
        if !RENDERING.replace(true) {
            yew::platform::spawn_local(render_queue());
        }
    }

    /// `disconnectedCallback`: aborts the request in flight (unless other badges wait for it)
    /// and destroys the Yew app; an element still waiting for its turn never renders.
    pub fn disconnected(&self) {
        let binding = &self.0;
        if binding.queued.replace(false) {
            binding.hold.replace(None);
            return;
        }
        if let Ok(mut host) = binding.host.try_borrow_mut() {
            if let Some(host) = host.as_mut() {
                host.stop();
            }
        }
    }

    /// `attributeChangedCallback`: re-renders, refetching only if the request changed.
    #[wasm_bindgen(js_name = attributesChanged)]
    pub fn attributes_changed(&self) {
        if self.0.host.try_borrow().is_ok_and(|host| host.is_none()) {
            return; // Not rendered yet: the first render reads the attributes.
        }
        self.0.with_host(|_| {});
    }

    /// `element.refresh()`. A badge still waiting for its turn fetches when it renders.
    pub fn refresh(&self) {
        if !self.0.queued.get() {
            self.0.with_host(Host::refresh);
        }
    }
}

/// Renders the queued elements one at a time, giving the browser the main thread back after
/// about [`SLICE_MS`](crate::ui::hooks::task::SLICE_MS). Each element keeps its hold until its
/// badge has joined the request (in Yew's first render: on a microtask after the app is mounted,
/// or in a later task if Yew's scheduler yielded), so that a request settling meanwhile is
/// neither aborted nor made twice.
async fn render_queue() {
    // The first badge renders in a task of its own, not in the one that started the wasm and
    // took the elements over.
    yield_to_browser().await;
    let mut slices = Slices::start();
    loop {
        let next = QUEUE.with(|queue| queue.borrow_mut().pop_front());
        let Some(binding) = next else { break };
        if !binding.queued.replace(false) {
            continue; // Disconnected while waiting: its hold is gone already.
        }
        let hold = binding.hold.take();
        let joins = hold.as_ref().map_or(0, Hold::joins);
        binding.with_host(Host::start);
        // Attributes changed while it waited: the badge asks for another request.
        let key = binding.request_key();
        let hold = hold.filter(|hold| key.as_ref().is_some_and(|key| hold.is_for(key)));
        // Lets Yew's scheduler (started on a microtask when the app mounted) render it.
        after_microtasks().await;
        if let Some(hold) = hold {
            for _ in 0..JOIN_WAITS {
                if hold.joins() > joins || !binding.is_running() {
                    break;
                }
                // A timer, queued after the one Yew's scheduler yields with.
                yew::platform::time::sleep(Duration::ZERO).await;
                slices.restart();
            }
        }
        slices.pause_if_due().await;
    }
    RENDERING.set(false);
}

impl Binding {
    /// Whether the element's badge is rendered.
    fn is_running(&self) -> bool {
        self.host
            .try_borrow()
            .is_ok_and(|host| host.as_ref().is_some_and(Host::is_running))
    }

    /// The request the element's attributes ask for, as its badge will join it; nothing in the
    /// page changes (apart from the `api-key` attribute, read and removed as always).
    fn request_key(&self) -> Option<FlightKey> {
        let (options, _) = self.read_attributes();
        let Interpreted {
            request, settings, ..
        } = interpret(&options);
        Some(FlightKey::new(
            request.ok()?,
            settings.member_token.as_deref(),
            settings.timeout_ms,
        ))
    }

    /// Runs `action` on the host (attaching it on first use) after syncing the attributes; a
    /// re-entrant call only marks the attributes stale.
    fn with_host(&self, action: impl FnOnce(&mut Host)) {
        let Ok(mut slot) = self.host.try_borrow_mut() else {
            self.stale.set(true);
            return;
        };
        if slot.is_none() {
            match Host::attach(self.element.clone()) {
                Ok(host) => *slot = Some(host),
                Err(problem) => {
                    web_sys::console::error_1(&JsValue::from_str(&format!(
                        "loyalty-badge: {problem}"
                    )));
                    return;
                }
            }
        }
        let Some(host) = slot.as_mut() else { return };
        loop {
            self.stale.set(false);
            let (options, problems) = self.read_attributes();
            host.set_options(options, problems);
            if !self.stale.get() {
                break;
            }
        }
        action(host);
    }

    /// The options the attributes give. The `api-key` attribute is removed once read, so the
    /// key does not stay in the DOM; `api-key=""` forgets it.
    fn read_attributes(&self) -> (OptionValues, Vec<String>) {
        let (mut options, problems) = from_attributes(&self.element);
        let attribute = OptionKey::ApiKey.spec().attribute;
        if let Some(key) = self.element.get_attribute(attribute) {
            *self.api_key.borrow_mut() = (!key.is_empty()).then_some(key);
            // Re-enters attributes_changed, which finds the host borrowed and marks it stale.
            let _ = self.element.remove_attribute(attribute);
        }
        let api_key = self.api_key.borrow().clone().map(OptionValue::Text);
        options.set(OptionKey::ApiKey, api_key);
        (options, problems)
    }
}
