//! A badge rendered into an element's open shadow root: what the custom element and `mount()`
//! share.

use std::cell::Cell;
use std::rc::Rc;

use yew::AttrValue;

use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback};

use super::events::{dispatch_error, dispatch_load, dispatch_toggle};
use super::options::{OptionKey, OptionValue, OptionValues};
use super::settings::{interpret, Interpreted};
use crate::api::error::{InvalidInput, PointsError};
use crate::api::model::Points;
use crate::api::request::PointsRequest;
use crate::ui::components::loyalty_badge::{Badge, BadgeProps, LoyaltyBadgeProps};
use crate::ui::intl::{resolve_locale, Formatter};
use crate::ui::styles;

thread_local! {
    static API_KEY_WARNED: Cell<bool> = const { Cell::new(false) };
}

/// The widget mounted in one element.
pub(crate) struct Host {
    element: HtmlElement,
    mount_point: Element,
    app: Option<AppHandle<Badge>>,
    options: OptionValues,
    /// What `options` give: the request (or why there is none) and the component's settings,
    /// with the callbacks that dispatch the element's events.
    request: Result<PointsRequest, InvalidInput>,
    settings: LoyaltyBadgeProps,
    /// Problems with option values, reported once each (a handful at most).
    reported: Vec<String>,
    /// Whether the compact badge is open, as the component last said (the member may have
    /// toggled it since `open` was set), and how many times the `open` option imposed its state.
    open: Rc<Cell<bool>>,
    open_imposed: u64,
}

impl Host {
    /// Prepares `element`: an open shadow root (reusing an empty one, or one holding only the
    /// skeleton `loader.js` drew before the wasm was ready) holding the mount point. The skeleton
    /// stays until the badge renders: the stylesheet hides it in the frame the mount point gets
    /// content (Yew's scheduler may let the browser paint between mounting and rendering, and
    /// the badge would collapse for a frame), and the first render removes it.
    pub fn attach(element: HtmlElement) -> Result<Host, String> {
        let shadow = match element.shadow_root() {
            Some(root) if holds_only_skeleton(&root) => root,
            Some(_) => {
                return Err("the element already holds a badge or other shadow content".to_owned())
            }
            None => element
                .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
                .map_err(|_| {
                    format!(
                        "<{}> cannot hold a shadow root; use a <div> or a <span>",
                        element.local_name()
                    )
                })?,
        };
        let mount_point = element
            .owner_document()
            .and_then(|d| d.create_element("div").ok())
            .ok_or("the element is not in a document")?;
        // Before the skeleton, which the stylesheet hides once this is not empty.
        let _ = mount_point.set_attribute("data-lb-mount", "");
        shadow
            .insert_before(&mount_point, shadow.first_child().as_ref())
            .map_err(|_| "cannot add to the shadow root".to_owned())?;
        // Now rather than once the first render is done (the component adopts it then): Yew's
        // scheduler may let the browser paint in between, and unstyled, the badge would jump.
        styles::adopt_for(&mount_point);
        let options = OptionValues::default();
        let Interpreted {
            request, settings, ..
        } = interpret(&options);
        let mut host = Host {
            element,
            mount_point,
            app: None,
            options,
            request,
            settings,
            reported: Vec::new(),
            open: Rc::new(Cell::new(false)),
            open_imposed: 0,
        };
        host.settings = host.with_events(host.settings.clone());
        Ok(host)
    }

    /// The options in force, `open` as the member left it (so an `update()` that does not give
    /// `open` leaves the badge as it is).
    pub fn options(&mut self) -> &OptionValues {
        let open = self.open.get();
        if self.options.flag(OptionKey::Open) != open {
            self.options
                .set(OptionKey::Open, Some(OptionValue::Flag(open)));
        }
        &self.options
    }

    /// Applies new options, reporting `problems` found while reading them and values that fall
    /// back to their default; the component refetches only if the request changed.
    pub fn set_options(&mut self, options: OptionValues, problems: Vec<String>) {
        if options.text(OptionKey::ApiKey).is_some() {
            warn_about_api_key();
        }
        self.report(problems);
        // `open` other than the badge is: the page set it (the element's attribute reflects the
        // member's toggling, and `options()` gives `mount()`'s update what the member left).
        let open = options.flag(OptionKey::Open);
        let imposed = open != self.open.get();
        if imposed {
            self.open.set(open);
            self.open_imposed = self.open_imposed.wrapping_add(1);
        }
        if options == self.options {
            if imposed {
                self.render_if_running();
            }
        } else {
            let Interpreted {
                request,
                settings,
                problems,
            } = interpret(&options);
            self.report(problems);
            let settings = LoyaltyBadgeProps {
                refresh_key: self.settings.refresh_key,
                ..self.with_events(settings)
            };
            (self.options, self.request, self.settings) = (options, request, settings);
            self.render_if_running();
        }
    }

    /// Renders the badge (again, after [`Host::stop`]).
    pub fn start(&mut self) {
        if self.app.is_none() {
            let props = self.props();
            self.app = Some(
                yew::Renderer::<Badge>::with_root_and_props(self.mount_point.clone(), props)
                    .render(),
            );
        }
    }

    /// Whether the badge is rendered (started and not stopped since).
    pub fn is_running(&self) -> bool {
        self.app.is_some()
    }

    /// Refetches, keeping the shown figures until the new ones arrive.
    pub fn refresh(&mut self) {
        self.settings.refresh_key = self.settings.refresh_key.wrapping_add(1);
        self.render_if_running();
    }

    /// Destroys the Yew app, which aborts its request in flight. [`Host::start`] renders anew.
    pub fn stop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// Stops and removes the badge from the element.
    pub fn remove(mut self) {
        self.stop();
        styles::remove_skeleton(&self.mount_point);
        self.mount_point.remove();
    }

    fn render_if_running(&mut self) {
        if self.app.is_some() {
            let props = self.props();
            if let Some(app) = self.app.as_mut() {
                app.update(props);
            }
        }
    }

    /// Warns in the console about each problem with a setting, once per badge.
    fn report(&mut self, problems: Vec<String>) {
        for problem in problems {
            if !self.reported.contains(&problem) {
                web_sys::console::warn_1(&JsValue::from_str(&format!("loyalty-badge: {problem}")));
                self.reported.push(problem);
            }
        }
    }

    fn props(&self) -> BadgeProps {
        BadgeProps {
            request: self.request.clone(),
            settings: self.settings.clone(),
            open_imposed: self.open_imposed,
        }
    }

    /// `settings` with callbacks that dispatch the element's events. Made once per settings, so
    /// that equal options give equal props and nothing re-renders.
    fn with_events(&self, settings: LoyaltyBadgeProps) -> LoyaltyBadgeProps {
        let target = Rc::new(self.element.clone());
        let (load_target, toggle_target) = (Rc::clone(&target), Rc::clone(&target));
        let locale = settings.locale.clone();
        let open = Rc::clone(&self.open);
        LoyaltyBadgeProps {
            onload: Callback::from(move |points: Rc<Points>| dispatch_load(&load_target, &points)),
            onerror: Callback::from(move |error: PointsError| {
                let message = error_message(locale.as_ref(), &error);
                dispatch_error(&target, &error, message);
            }),
            ontoggle: Callback::from(move |now: bool| {
                open.set(now);
                reflect_open(&toggle_target, now);
                dispatch_toggle(&toggle_target, now);
            }),
            ..settings
        }
    }
}

/// The error's message in the badge's language, for the error event.
fn error_message(locale: Option<&AttrValue>, error: &PointsError) -> String {
    let locale = resolve_locale(locale.map(AttrValue::as_str));
    Formatter::new(locale.as_deref(), None).text(&error.message())
}

/// `<loyalty-badge>` reflects its state into its `open` attribute, as `<details>` does (setting
/// it re-enters `attributeChangedCallback`, which then finds nothing changed). An element given
/// to `mount()` is the page's, and keeps its attributes.
fn reflect_open(element: &HtmlElement, open: bool) {
    let attribute = OptionKey::Open.spec().attribute;
    if element.local_name() != "loyalty-badge" || element.has_attribute(attribute) == open {
        return;
    }
    let _ = if open {
        element.set_attribute(attribute, "")
    } else {
        element.remove_attribute(attribute)
    };
}

/// Whether `root` holds nothing but the loader's skeleton (its elements marked
/// `data-lb-skeleton`), if anything.
fn holds_only_skeleton(root: &web_sys::ShadowRoot) -> bool {
    let children = root.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .all(|child| child.has_attribute(styles::SKELETON_ATTRIBUTE))
}

/// Once per page: an api_key in the page can be read by anyone who loads it.
fn warn_about_api_key() {
    if !API_KEY_WARNED.replace(true) {
        web_sys::console::warn_1(&JsValue::from_str(
            "loyalty-badge: an api-key was given to the widget in the page. Anyone who loads \
             this page can read it and use it to change your program's members and points. \
             Outside sandboxes and internal tools, run loyalty-server's proxy mode and leave \
             api-key out.",
        ));
    }
}
