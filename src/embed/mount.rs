//! The JavaScript API: `mount(element, options)` and the handle it returns.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::host::Host;
use super::options::OptionValues;
use super::settings::{check, merge_js};

/// Renders a badge into `element`'s open shadow root.
///
/// `options` has the attributes' names in camelCase (`userId`, `idType`, `apiBase`, ...). A wrong
/// type, an unknown option or an unknown `idType`, `variant` or `theme` throws an `Error` naming
/// the option.
#[wasm_bindgen(js_name = loyaltyBadgeMount)]
pub fn mount(element: JsValue, options: JsValue) -> Result<Badge, JsError> {
    let element: HtmlElement = element.dyn_into().map_err(|_| {
        JsError::new("loyalty-badge: mount(element, options) needs an HTML element")
    })?;
    let mut parsed = OptionValues::default();
    merge_js(&mut parsed, &options)?;
    check(&parsed)?;
    let mut host =
        Host::attach(element).map_err(|e| JsError::new(&format!("loyalty-badge: {e}")))?;
    host.set_options(parsed, Vec::new());
    host.start();
    Ok(Badge {
        host: RefCell::new(Some(host)),
    })
}

/// A badge made by [`mount`].
#[wasm_bindgen]
pub struct Badge {
    host: RefCell<Option<Host>>,
}

#[wasm_bindgen]
impl Badge {
    /// Changes some options (`null` resets one); refetches only if the request changed.
    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        let mut slot = self.host.try_borrow_mut().map_err(|_| busy())?;
        let host = slot.as_mut().ok_or_else(destroyed)?;
        let mut next = host.options().clone();
        merge_js(&mut next, &options)?;
        check(&next)?;
        host.set_options(next, Vec::new());
        Ok(())
    }

    /// Refetches, keeping the shown figures until the new ones arrive.
    pub fn refresh(&self) -> Result<(), JsError> {
        let mut slot = self.host.try_borrow_mut().map_err(|_| busy())?;
        slot.as_mut().ok_or_else(destroyed)?.refresh();
        Ok(())
    }

    /// Aborts the request in flight and removes the badge. Calling it again does nothing.
    pub fn destroy(&self) {
        if let Ok(mut slot) = self.host.try_borrow_mut() {
            if let Some(host) = slot.take() {
                host.remove();
            }
        }
    }
}

fn destroyed() -> JsError {
    JsError::new("loyalty-badge: this badge was destroyed")
}

fn busy() -> JsError {
    JsError::new("loyalty-badge: the badge is busy; call again later")
}
