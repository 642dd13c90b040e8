//! A badge rendered into an element's open shadow root: what the custom element and `mount()`
//! share.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback};

use super::events::{dispatch_error, dispatch_load};
use super::options::BadgeOptions;
use crate::ui::components::LoyaltyBadge;

thread_local! {
    static API_KEY_WARNED: Cell<bool> = const { Cell::new(false) };
}

/// The widget mounted in one element.
pub(crate) struct Host {
    element: HtmlElement,
    mount_point: Element,
    app: Option<AppHandle<LoyaltyBadge>>,
    options: BadgeOptions,
    /// Problems with attribute values, reported once each (a handful at most).
    reported: Vec<String>,
    refresh_key: u64,
}

impl Host {
    /// Prepares `element`: an open shadow root (reusing an empty one) holding the mount point.
    pub fn attach(element: HtmlElement) -> Result<Host, String> {
        let shadow = match element.shadow_root() {
            Some(root) if root.child_element_count() == 0 => root,
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
        shadow
            .append_child(&mount_point)
            .map_err(|_| "cannot add to the shadow root".to_owned())?;
        Ok(Host {
            element,
            mount_point,
            app: None,
            options: BadgeOptions::default(),
            reported: Vec::new(),
            refresh_key: 0,
        })
    }

    /// The options in force.
    pub fn options(&self) -> &BadgeOptions {
        &self.options
    }

    /// Applies new options; the component refetches only if the request changed.
    pub fn set_options(&mut self, options: BadgeOptions) {
        if options.api_key.is_some() {
            warn_about_api_key();
        }
        if options != self.options {
            self.options = options;
            self.render_if_running();
        }
    }

    /// Renders the badge (again, after [`Host::stop`]).
    pub fn start(&mut self) {
        if self.app.is_none() {
            let props = self.props();
            self.app = Some(
                yew::Renderer::<LoyaltyBadge>::with_root_and_props(self.mount_point.clone(), props)
                    .render(),
            );
        }
    }

    /// Refetches, keeping the shown figures until the new ones arrive.
    pub fn refresh(&mut self) {
        self.refresh_key = self.refresh_key.wrapping_add(1);
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
    pub fn report(&mut self, problems: Vec<String>) {
        for problem in problems {
            if !self.reported.contains(&problem) {
                web_sys::console::warn_1(&JsValue::from_str(&format!("loyalty-badge: {problem}")));
                self.reported.push(problem);
            }
        }
    }

    fn props(&mut self) -> crate::ui::components::LoyaltyBadgeProps {
        let mut problems = Vec::new();
        let mut props = self.options.to_props(&mut problems);
        self.report(problems);
        let target = Rc::new(self.element.clone());
        props.onload = {
            let target = Rc::clone(&target);
            Callback::from(move |points: Rc<crate::api::model::Points>| {
                dispatch_load(&target, &points)
            })
        };
        props.onerror = Callback::from(move |error| dispatch_error(&target, &error));
        props.refresh_key = self.refresh_key;
        props
    }
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
