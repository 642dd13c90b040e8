//! What the hooks share: the newest value of a callback, for tasks that outlive a render, and a
//! task that an effect's cleanup can cancel.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

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
