//! The custom element's Rust side. `loader.js` defines `<loyalty-badge>` and forwards its
//! lifecycle callbacks here.

use std::cell::{Cell, RefCell};

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::host::Host;
use super::options::{OptionKey, OptionValue, OptionValues, OPTIONS};
use super::settings::from_attributes;
use crate::ui::hooks::flight;
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

/// One `<loyalty-badge>` element's state.
///
/// Methods take `&self`: a callback can re-enter (removing the `api-key` attribute fires
/// `attributeChangedCallback` synchronously), and re-entrant calls are deferred, not panicked on.
#[wasm_bindgen(js_name = LoyaltyBadgeElementBinding)]
pub struct ElementBinding {
    element: HtmlElement,
    host: RefCell<Option<Host>>,
    /// The key from the `api-key` attribute, kept here once the attribute is removed.
    api_key: RefCell<Option<String>>,
    /// Set when attributes changed during another call; that call re-reads them.
    stale: Cell<bool>,
}

#[wasm_bindgen(js_class = LoyaltyBadgeElementBinding)]
impl ElementBinding {
    /// Binds to the element; nothing renders until it is connected.
    #[wasm_bindgen(constructor)]
    pub fn new(element: HtmlElement) -> ElementBinding {
        ElementBinding {
            element,
            host: RefCell::new(None),
            api_key: RefCell::new(None),
            stale: Cell::new(false),
        }
    }

    /// `connectedCallback`: renders (again, after a removal).
    pub fn connected(&self) {
        self.with_host(|host| host.start());
    }

    /// `disconnectedCallback`: aborts the request in flight and destroys the Yew app.
    pub fn disconnected(&self) {
        if let Ok(mut host) = self.host.try_borrow_mut() {
            if let Some(host) = host.as_mut() {
                host.stop();
            }
        }
    }

    /// `attributeChangedCallback`: re-renders, refetching only if the request changed.
    #[wasm_bindgen(js_name = attributesChanged)]
    pub fn attributes_changed(&self) {
        if self.host.try_borrow().is_ok_and(|host| host.is_none()) {
            return; // Not connected yet: `connected` reads the attributes.
        }
        self.with_host(|_| {});
    }

    /// `element.refresh()`.
    pub fn refresh(&self) {
        self.with_host(Host::refresh);
    }
}

impl ElementBinding {
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
