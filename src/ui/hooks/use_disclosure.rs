//! A disclosure: a button that shows and hides a panel, with keyboard focus kept sensible.

use std::cell::Cell;

use js_sys::Reflect;
use wasm_bindgen::JsCast;
use yew::prelude::*;

thread_local! {
    /// Numbers panel ids, so that badges side by side in one document never share one.
    static NEXT_PANEL: Cell<u32> = const { Cell::new(0) };
}

/// What [`use_disclosure`] gives a component.
#[derive(Clone, Debug, PartialEq)]
pub struct Disclosure {
    /// Whether the panel shows.
    pub open: bool,
    /// Opens a closed panel, closes an open one (the button's click; Enter and Space are clicks).
    pub toggle: Callback<()>,
    /// Closes the panel (Escape).
    pub close: Callback<()>,
    /// The button's node: focus returns to it when the panel closes with focus inside.
    pub button: NodeRef,
    /// The panel's node.
    pub panel: NodeRef,
    /// The panel's `id`, for the button's `aria-controls` (unique in the document).
    pub panel_id: AttrValue,
}

/// The state of a disclosure whose initial and imposed state is `open`: it follows `open`
/// whenever that changes, and the member toggles it in between. An owner that cannot know what
/// the member did since (the custom element) imposes `open` again by changing `imposed`, a count.
/// `ontoggle` hears every change of the state, whatever made it. When the panel closes while
/// focus is inside it, focus moves to the button, so that it is not lost with the hidden panel.
///
/// ```no_run
/// use loyalty_badge::ui::hooks::use_disclosure;
/// use yew::prelude::*;
///
/// #[component]
/// fn Details() -> Html {
///     let d = use_disclosure(false, 0, Callback::noop());
///     let onclick = d.toggle.reform(|_: MouseEvent| ());
///     html! {
///         <>
///             <button ref={d.button.clone()} aria-expanded={d.open.to_string()}
///                     aria-controls={d.panel_id.clone()} {onclick}>{ "Details" }</button>
///             if d.open {
///                 <div ref={d.panel.clone()} id={d.panel_id.clone()}>{ "…" }</div>
///             }
///         </>
///     }
/// }
/// ```
#[hook]
pub fn use_disclosure(open: bool, imposed: u64, ontoggle: Callback<bool>) -> Disclosure {
    let state = use_state_eq(|| open);
    {
        let state = state.setter();
        use_effect_with((open, imposed), move |&(open, _)| state.set(open));
    }
    let button = use_node_ref();
    let panel = use_node_ref();
    let panel_id = use_memo((), |()| {
        let n = NEXT_PANEL.with(|next| next.replace(next.get().wrapping_add(1)));
        AttrValue::from(format!("lb-details-{n}"))
    });
    // The state last reported, and whether focus was in the panel at the render that closes it
    // (the DOM still shows the panel then).
    let reported = use_mut_ref(|| *state);
    let refocus = use_mut_ref(|| false);
    if !*state && *reported.borrow() {
        *refocus.borrow_mut() = focus_within(&panel);
    }
    {
        let (button, ontoggle) = (button.clone(), ontoggle.clone());
        use_effect_with(*state, move |&now| {
            if *reported.borrow() != now {
                *reported.borrow_mut() = now;
                if !now && refocus.replace(false) {
                    if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                        let _ = button.focus();
                    }
                }
                ontoggle.emit(now);
            }
        });
    }
    let toggle = {
        let state = state.clone();
        Callback::from(move |()| state.set(!*state))
    };
    let close = {
        let state = state.setter();
        Callback::from(move |()| state.set(false))
    };
    Disclosure {
        open: *state,
        toggle,
        close,
        button,
        panel,
        panel_id: (*panel_id).clone(),
    }
}

/// Whether the element of `node` holds the focus of its document or shadow root.
fn focus_within(node: &NodeRef) -> bool {
    let Some(element) = node.cast::<web_sys::Element>() else {
        return false;
    };
    let root = element.get_root_node();
    Reflect::get(&root, &"activeElement".into())
        .ok()
        .and_then(|active| active.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|active| element.contains(Some(&active)))
}
