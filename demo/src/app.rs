//! The demo page's app: a member form, the badge, and the sample members to try.

use loyalty_badge::api::text::LANGUAGES;
use loyalty_badge::ui::intl::browser_locale;
use loyalty_badge::{Endpoint, IdType, LoyaltyBadge};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::query::DemoQuery;
use crate::samples::SAMPLES;

/// The value of the id-type select that sends no `id_type`.
const NO_ID_TYPE: &str = "";

/// The whole demo. The member shown, and the badge's language, live in the query string: the form,
/// the language picker and the sample links push a new history entry, and Back/Forward restore
/// the view shown before.
#[component]
pub fn App() -> Html {
    let shown = use_state(DemoQuery::from_location);
    use_back_forward(shown.setter());
    let show = {
        let shown = shown.setter();
        Callback::from(move |query: DemoQuery| {
            query.push();
            shown.set(query);
        })
    };
    html! {
        <div class="demo-layout">
            <MemberForm shown={(*shown).clone()} onshow={show.clone()} />
            <div class="demo-badge">
                <LoyaltyBadge user_id={shown.user_id.clone()} id_type={shown.id_type}
                              endpoint={Endpoint::default()} locale={badge_locale(&shown)} />
            </div>
            <SampleList locale={shown.locale.clone()} onshow={show} />
        </div>
    }
}

/// The badge's locale: the one picked, else the browser's (the page's own `lang` is English:
/// the demo's words are).
fn badge_locale(shown: &DemoQuery) -> Option<AttrValue> {
    shown
        .locale
        .clone()
        .or_else(browser_locale)
        .map(AttrValue::from)
}

/// Properties of [`MemberForm`].
#[derive(Properties, PartialEq)]
struct MemberFormProps {
    /// The member shown; the form starts from it, and again whenever it changes.
    shown: DemoQuery,
    /// Shows the member typed in.
    onshow: Callback<DemoQuery>,
}

/// The member id and id type fields, and "Show points".
#[component]
fn MemberForm(props: &MemberFormProps) -> Html {
    let draft = use_state(|| props.shown.clone());
    {
        let draft = draft.setter();
        use_effect_with(props.shown.clone(), move |shown| draft.set(shown.clone()));
    }
    let onsubmit = {
        let (onshow, draft) = (props.onshow.clone(), draft.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            onshow.emit((*draft).clone());
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            draft.set(DemoQuery {
                user_id: input.value(),
                ..(*draft).clone()
            });
        })
    };
    html! {
        <form class="demo-form" method="get" {onsubmit} aria-label="Choose a member">
            <div class="demo-field">
                <label for="user-id">{ "Member id" }</label>
                <input id="user-id" name="user_id" type="text" autocomplete="off"
                       spellcheck="false" value={draft.user_id.clone()} {oninput} />
            </div>
            <div class="demo-field">
                <label for="id-type">{ "Id type" }</label>
                <IdTypeSelect draft={draft.clone()} />
            </div>
            <button type="submit">{ "Show points" }</button>
            <div class="demo-field">
                <label for="locale">{ "Language" }</label>
                <LanguageSelect draft={draft.clone()} onshow={props.onshow.clone()} />
            </div>
        </form>
    }
}

/// Properties of [`IdTypeSelect`].
#[derive(Properties, PartialEq)]
struct IdTypeSelectProps {
    /// The form's draft, whose id type this edits.
    draft: UseStateHandle<DemoQuery>,
}

/// The id-type select: "not sent", then every id type with its label.
#[component]
fn IdTypeSelect(props: &IdTypeSelectProps) -> Html {
    let draft = &props.draft;
    // An option's `selected` attribute stops counting once the user has picked one, so the
    // select's value is set directly whenever the draft's id type changes (Back, a sample link).
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(draft.id_type, move |id_type| {
            if let Some(select) = select.cast::<HtmlSelectElement>() {
                select.set_value(id_type.map_or(NO_ID_TYPE, IdType::as_str));
            }
        });
    }
    let onchange = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            draft.set(DemoQuery {
                id_type: select.value().parse().ok(),
                ..(*draft).clone()
            });
        })
    };
    let options = IdType::ALL.iter().map(|&id_type| {
        html! {
            <option value={id_type.as_str()} selected={draft.id_type == Some(id_type)}>
                { format!("{} ({id_type})", id_type.label()) }
            </option>
        }
    });
    html! {
        <select ref={select} id="id-type" name="id_type" {onchange}>
            <option value={NO_ID_TYPE} selected={draft.id_type.is_none()}>
                { "Not sent (CrowdTwist id)" }
            </option>
            { for options }
        </select>
    }
}

/// Properties of [`LanguageSelect`].
#[derive(Properties, PartialEq)]
struct LanguageSelectProps {
    /// The form's draft, shown again in the language picked.
    draft: UseStateHandle<DemoQuery>,
    /// Shows the draft in the language picked, at once.
    onshow: Callback<DemoQuery>,
}

/// The language picker: the browser's, then every language the badge speaks, each named in
/// itself (with `lang`, so a screen reader says "Deutsch" in German).
#[component]
fn LanguageSelect(props: &LanguageSelectProps) -> Html {
    let draft = &props.draft;
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(draft.locale.clone(), move |locale| {
            if let Some(select) = select.cast::<HtmlSelectElement>() {
                select.set_value(locale.as_deref().unwrap_or_default());
            }
        });
    }
    let onchange = {
        let (draft, onshow) = (draft.clone(), props.onshow.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let value = select.value();
            onshow.emit(DemoQuery {
                locale: (!value.is_empty()).then_some(value),
                ..(*draft).clone()
            });
        })
    };
    let browser = browser_locale().map_or_else(
        || "Browser default".to_owned(),
        |tag| format!("Browser default ({tag})"),
    );
    let options = LANGUAGES.iter().map(|catalog| {
        html! {
            <option value={catalog.tag} lang={catalog.tag}
                    selected={draft.locale.as_deref() == Some(catalog.tag)}>
                { catalog.name }
            </option>
        }
    });
    html! {
        <select ref={select} id="locale" name="locale" {onchange}>
            <option value="" selected={draft.locale.is_none()}>{ browser }</option>
            { for options }
        </select>
    }
}

/// Properties of [`SampleList`].
#[derive(Properties, PartialEq)]
struct SampleListProps {
    /// The language picked, which the links keep.
    locale: Option<String>,
    /// Shows the member of a link.
    onshow: Callback<DemoQuery>,
}

/// The sample members, as links that keep working in a new tab.
#[component]
fn SampleList(props: &SampleListProps) -> Html {
    let samples = SAMPLES.iter().map(|sample| {
        let query = DemoQuery {
            user_id: sample.user_id.to_owned(),
            id_type: Some(sample.id_type),
            locale: props.locale.clone(),
        };
        let href = query.to_search();
        let onshow = props.onshow.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            // Let modified clicks open the link in a new tab or window.
            if event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key() {
                return;
            }
            event.prevent_default();
            onshow.emit(query.clone());
        });
        html! {
            <li>
                <a {href} {onclick}>{ sample.label }</a>
                { " " }
                <code>{ sample.user_id }</code>
                <span class="demo-id-type">{ format!(" ({})", sample.id_type) }</span>
            </li>
        }
    });
    html! {
        <nav class="demo-samples" aria-labelledby="samples-title">
            <h2 id="samples-title">{ "Sample members" }</h2>
            <p>{ "loyalty-server's built-in program has one member per state of the badge." }</p>
            <ul>{ for samples }</ul>
        </nav>
    }
}

/// Follows Back and Forward: shows the member in the restored query string.
#[hook]
fn use_back_forward(shown: UseStateSetter<DemoQuery>) {
    use_effect_with((), move |()| {
        let listener = Closure::<dyn Fn()>::new(move || shown.set(DemoQuery::from_location()));
        let window = web_sys::window();
        if let Some(window) = &window {
            let _ = window
                .add_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(window) = &window {
                let _ = window.remove_event_listener_with_callback(
                    "popstate",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
