//! If the widget panics anyway: every badge on the page becomes a plain "stopped" notice.
//!
//! Every badge on a page runs in one wasm instance, and a panic traps it (wasm32 has no
//! unwinding): what any badge would do next is undefined. [`install_panic_hook`] (called once by
//! the embed's start-up; a Yew app calls it itself, or calls [`stop_every_badge`] from its own
//! hook) sets a hook that, on the first panic, still inside the panicking call and before the
//! trap:
//!
//! - hides each mounted badge's root and puts a notice saying
//!   [`Message::WidgetStopped`] beside it (an element each badge prepared when it mounted, so the
//!   hook only inserts it);
//! - logs one line to the console (where it panicked; the message only if it is a literal, since
//!   a formatted one could hold a member id);
//! - dispatches `loyalty-badge:error` with `kind: "internal"` on each badge's element (the
//!   custom element or `mount()` target; in a Yew app, the badge's root), from a timer, so that
//!   the host page's listeners run after the trap and never re-enter the stopped instance;
//! - tells the embed's loader, which then keeps new elements and `mount()` out of the instance.
//!
//! The host page keeps working: nothing here throws, and its own scripts never run inside the
//! hook.

use std::cell::{Cell, RefCell};
use std::panic::PanicHookInfo;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element, EventTarget, ShadowRoot};

use crate::api::error::ErrorKind;
use crate::api::text::{catalog_for, english, is_right_to_left, Message, PlainNumbers};

thread_local! {
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    static STOPPED: Cell<bool> = const { Cell::new(false) };
    static BADGES: RefCell<Vec<Prepared>> = const { RefCell::new(Vec::new()) };
    /// The embed loader's object, told when the instance stopped.
    static LOADER: RefCell<Option<Object>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// A mounted badge, with what the hook needs ready-made.
struct Prepared {
    id: u64,
    root: Element,
    notice: Element,
    event: CustomEvent,
}

/// Installs the panic hook, once however often it is called. It replaces any hook set before,
/// and Yew's own (which Yew would otherwise set when it first renders, and which logs a second
/// time): an app with a hook of its own calls [`stop_every_badge`] from it instead.
pub fn install_panic_hook() {
    if INSTALLED.with(|installed| installed.replace(true)) {
        return;
    }
    yew::set_custom_panic_hook(Box::new(stop_every_badge));
}

#[cfg(feature = "embed")]
/// Lets the embed's loader know when the instance stopped: the hook sets `stopped` to `true`
/// and `message` to the notice's words on `loader`.
pub(crate) fn tell_loader(loader: Object) {
    LOADER.with(|slot| *slot.borrow_mut() = Some(loader));
}

/// A badge's registration, ended when dropped (the badge unmounted).
pub(crate) struct Registration(Option<u64>);

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(id) = self.0 {
            BADGES.with(|badges| {
                if let Ok(mut badges) = badges.try_borrow_mut() {
                    badges.retain(|badge| badge.id != id);
                }
            });
        }
    }
}

/// Registers a mounted badge's `root`, preparing its notice and event now so that the hook has
/// next to nothing to do. Does nothing (and registers nothing) if that cannot be prepared.
pub(crate) fn register(root: &Element) -> Registration {
    let Some(prepared) = prepare(root) else {
        return Registration(None);
    };
    let id = prepared.id;
    let added = BADGES.with(|badges| {
        badges
            .try_borrow_mut()
            .map(|mut badges| badges.push(prepared))
            .is_ok()
    });
    Registration(added.then_some(id))
}

fn prepare(root: &Element) -> Option<Prepared> {
    let document = root.owner_document()?;
    // In the badge's language: its root carries the `lang` it speaks.
    let lang = root.get_attribute("lang");
    let catalog = lang
        .as_deref()
        .and_then(catalog_for)
        .unwrap_or_else(english);
    let words = Message::WidgetStopped.render(catalog, &PlainNumbers);
    let notice = document.create_element("div").ok()?;
    if let Some(lang) = lang.as_deref() {
        notice.set_attribute("lang", lang).ok()?;
        let dir = if is_right_to_left(lang) { "rtl" } else { "ltr" };
        notice.set_attribute("dir", dir).ok()?;
    }
    for (name, value) in [
        ("class", "lb lb-stopped"),
        ("role", "alert"),
        ("part", "error"),
        ("data-state", "stopped"),
        ("data-kind", ErrorKind::Internal.as_str()),
    ] {
        notice.set_attribute(name, value).ok()?;
    }
    notice.set_text_content(Some(&words));

    let detail = Object::new();
    for (name, value) in [
        ("kind", JsValue::from_str(ErrorKind::Internal.as_str())),
        ("code", JsValue::NULL),
        ("status", JsValue::NULL),
        ("message", JsValue::from_str(&words)),
        ("retryable", JsValue::FALSE),
    ] {
        Reflect::set(&detail, &JsValue::from_str(name), &value).ok()?;
    }
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    let event = CustomEvent::new_with_event_init_dict("loyalty-badge:error", &init).ok()?;

    let id = NEXT_ID.with(|next| next.replace(next.get().wrapping_add(1)));
    Some(Prepared {
        id,
        root: root.clone(),
        notice,
        event,
    })
}

/// What the hook does (see the module's documentation), for an app that sets a panic hook of its
/// own; it acts on the first panic only.
pub fn stop_every_badge(info: &PanicHookInfo<'_>) {
    if STOPPED
        .try_with(|stopped| stopped.replace(true))
        .unwrap_or(true)
    {
        return;
    }
    let message = match info.payload().downcast_ref::<&str>() {
        Some(literal) => *literal,
        None => "(its message is left out: it may hold a member's data)",
    };
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "loyalty-badge: the points widget stopped after an internal error{place}: {message}. \
         Every badge on this page shows that it stopped; reloading the page starts them again."
    )));
    let _ = BADGES.try_with(|badges| {
        if let Ok(badges) = badges.try_borrow() {
            badges.iter().for_each(show_stopped);
        }
    });
    let _ = LOADER.try_with(|loader| {
        if let Some(loader) = loader.try_borrow().ok().as_deref().and_then(Option::as_ref) {
            let _ = Reflect::set(loader, &"stopped".into(), &JsValue::TRUE);
            let words = JsValue::from_str(&Message::WidgetStopped.to_string());
            let _ = Reflect::set(loader, &"message".into(), &words);
        }
    });
}

/// Hides the badge's root, shows its notice in its place, and dispatches its event from a timer.
fn show_stopped(badge: &Prepared) {
    let root = &badge.root;
    let notice = &badge.notice;
    // The theme and variant in force, so the notice looks like the badge it replaces.
    for name in ["data-theme", "data-variant"] {
        if let Some(value) = root.get_attribute(name) {
            let _ = notice.set_attribute(name, &value);
        }
    }
    let _ = root.set_attribute("hidden", "");
    let _ = root.set_attribute("aria-hidden", "true");
    let _ = root.insert_adjacent_element("afterend", notice);

    let root_node = root.get_root_node();
    let target: EventTarget = match root_node.dyn_ref::<ShadowRoot>() {
        Some(shadow) => shadow.host().into(),
        None => root.clone().into(),
    };
    let dispatch = Reflect::get(&target, &"dispatchEvent".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let (Some(dispatch), Some(window)) = (dispatch, web_sys::window()) {
        let later: Function = dispatch.bind1(&target, &badge.event).unchecked_into();
        let _ = window.set_timeout_with_callback(&later);
    }
}
