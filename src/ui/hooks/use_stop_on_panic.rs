//! A mounted badge's part in the panic hook.

use web_sys::Element;
use yew::prelude::*;

use crate::ui::panic;

/// Registers the element `root` refers to, once mounted, with the panic hook
/// ([`install_panic_hook`](crate::ui::panic::install_panic_hook)): if the widget panics, the
/// hook hides it and shows the "stopped" notice in its place. Unregistered when the component
/// goes away.
///
/// ```no_run
/// use loyalty_badge::ui::hooks::use_stop_on_panic;
/// use yew::prelude::*;
///
/// #[component]
/// fn Card() -> Html {
///     let root = use_node_ref();
///     use_stop_on_panic(root.clone());
///     html! { <div ref={root}>{ "…" }</div> }
/// }
/// ```
#[hook]
pub fn use_stop_on_panic(root: NodeRef) {
    use_effect_with((), move |()| {
        let registration = root.cast::<Element>().map(|root| panic::register(&root));
        move || drop(registration)
    });
}
