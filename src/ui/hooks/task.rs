//! What the hooks share: the newest value of a callback, for tasks that outlive a render, a
//! task that an effect's cleanup can cancel, and a pause that lets the browser in.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// The newest value given to [`use_latest`], readable from a task started renders ago.
pub struct Latest<T>(Rc<RefCell<T>>);

impl<T> Clone for Latest<T> {
    fn clone(&self) -> Self {
        Latest(Rc::clone(&self.0))
    }
}

impl<T: Clone> Latest<T> {
    /// The value of the latest render.
    pub fn get(&self) -> T {
        self.0.borrow().clone()
    }
}

/// Keeps the newest `value` (a callback, typically), so a task reads the one of the latest render
/// rather than the one it started with, without restarting when the value changes.
///
/// ```no_run
/// use loyalty_badge::ui::hooks::use_latest;
/// use yew::prelude::*;
///
/// #[component]
/// fn Notifier(props: &NotifierProps) -> Html {
///     let onping = use_latest(props.onping.clone());
///     use_effect_with((), move |()| {
///         yew::platform::spawn_local(async move { onping.get().emit(()) });
///     });
///     html! {}
/// }
/// # #[derive(Properties, PartialEq)]
/// # struct NotifierProps { onping: Callback<()> }
/// ```
#[hook]
pub fn use_latest<T: Clone + 'static>(value: T) -> Latest<T> {
    let cell = {
        let first = value.clone();
        use_mut_ref(move || first)
    };
    *cell.borrow_mut() = value;
    Latest(cell)
}

/// A flag an effect's cleanup sets, so that the task it started stops and drops its results.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Rc<Cell<bool>>);

impl Cancel {
    /// Tells the task to stop.
    pub fn cancel(&self) {
        self.0.set(true);
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.get()
    }
}

/// Spawns the task `start` makes on the page's event loop, handing it the flag it must check
/// after each `await`; returns the same flag, for the effect's cleanup.
pub fn spawn_cancellable<F>(start: impl FnOnce(Cancel) -> F) -> Cancel
where
    F: Future<Output = ()> + 'static,
{
    let cancel = Cancel::default();
    yew::platform::spawn_local(start(cancel.clone()));
    cancel
}

/// How long one slice of long work (decoding a long history, rendering many badges) may hold the
/// main thread before it yields with [`yield_to_browser`], in milliseconds: well under the 50 ms
/// of a long task, so that the slice, the piece that crosses it and the rendering after it fit.
pub(crate) const SLICE_MS: f64 = 8.0;

/// Long work cut into slices of about [`SLICE_MS`]: the work calls [`Slices::pause_if_due`]
/// between its pieces. (Its methods and [`after_microtasks`] are inlined: as functions of their
/// own, nested in each caller's future, they put the bundle 20 B over its budget.)
pub(crate) struct Slices {
    started: f64,
}

impl Slices {
    /// The first slice starts now.
    #[inline(always)]
    pub fn start() -> Slices {
        Slices {
            started: js_sys::Date::now(),
        }
    }

    /// Starts a new slice now (the work waited meanwhile, and the browser ran).
    #[inline(always)]
    pub fn restart(&mut self) {
        self.started = js_sys::Date::now();
    }

    /// Whether the slice has run for [`SLICE_MS`] or more.
    #[inline(always)]
    pub fn is_due(&self) -> bool {
        js_sys::Date::now() - self.started >= SLICE_MS
    }

    /// Once the slice has run for [`SLICE_MS`], yields to the browser and starts the next.
    #[inline(always)]
    pub async fn pause_if_due(&mut self) {
        if self.is_due() {
            yield_to_browser().await;
            self.restart();
        }
    }
}

/// Waits until the microtasks queued so far have run: Yew's scheduler, started on a microtask,
/// has rendered what was just dispatched or mounted.
#[inline(always)]
pub(crate) async fn after_microtasks() {
    let _ = JsFuture::from(Promise::resolve(&JsValue::UNDEFINED)).await;
}

/// Lets the browser run its other tasks (input, rendering, other scripts) before going on: a
/// long piece of work awaits this between slices so that no task holds the main thread long.
/// `scheduler.yield()` where the browser has it (the work keeps its place before other tasks),
/// else a `MessageChannel` message (unlike `setTimeout(0)`, never clamped to 4 ms when repeated),
/// else a zero timer.
pub(crate) async fn yield_to_browser() {
    let global = js_sys::global();
    let get = |target: &JsValue, name: &str| Reflect::get(target, &JsValue::from_str(name)).ok();
    let scheduler = get(&global, "scheduler").filter(JsValue::is_object);
    if let Some(scheduler) = scheduler {
        let pending = get(&scheduler, "yield")
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call0(&scheduler).ok());
        if let Some(pending) = pending {
            // A rejection (an aborted task signal) still means the wait is over.
            let _ = JsFuture::from(Promise::resolve(&pending)).await;
            return;
        }
    }
    let channel = get(&global, "MessageChannel")
        .and_then(|c| c.dyn_into::<Function>().ok())
        .and_then(|c| Reflect::construct(&c, &Array::new()).ok());
    if let Some(channel) = channel {
        let ports = get(&channel, "port1").zip(get(&channel, "port2"));
        let post = ports.as_ref().and_then(|(_, port2)| {
            get(port2, "postMessage").and_then(|f| f.dyn_into::<Function>().ok())
        });
        if let (Some((port1, port2)), Some(post)) = (ports, post) {
            let message = Promise::new(&mut |resolve, _| {
                let _ = Reflect::set(&port1, &JsValue::from_str("onmessage"), &resolve);
            });
            if post.call1(&port2, &JsValue::UNDEFINED).is_ok() {
                let _ = JsFuture::from(message).await;
                let _ = Reflect::set(&port1, &JsValue::from_str("onmessage"), &JsValue::NULL);
                return;
            }
        }
    }
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
}
