//! The badge's options, from attributes (`page-size="5"`) or from a JavaScript object
//! (`{ pageSize: 5 }`), turned into the component's props.

use std::fmt;

use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsError, JsValue};
use web_sys::Element;

use crate::api::appearance::{Theme, Variant};
use crate::api::endpoint::Endpoint;
use crate::api::error::InvalidInput;
use crate::api::id_type::IdType;
use crate::ui::client::DEFAULT_TIMEOUT_MS;
use crate::ui::components::{LoyaltyBadgeProps, DEFAULT_PAGE_SIZE};

/// Every option: its attribute name and its JavaScript name.
pub(crate) const OPTIONS: [(&str, &str); 14] = [
    ("user-id", "userId"),
    ("id-type", "idType"),
    ("api-base", "apiBase"),
    ("environment", "environment"),
    ("client-id", "clientId"),
    ("api-key", "apiKey"),
    ("locale", "locale"),
    ("time-zone", "timeZone"),
    ("page-size", "pageSize"),
    ("variant", "variant"),
    ("theme", "theme"),
    ("timeout", "timeout"),
    ("refresh-interval", "refreshInterval"),
    ("member-token", "memberToken"),
];

/// The options as given, before interpretation. `None` means "not given: use the default".
#[derive(Clone, Default, PartialEq)]
pub(crate) struct BadgeOptions {
    pub user_id: Option<String>,
    pub id_type: Option<String>,
    pub api_base: Option<String>,
    pub environment: Option<String>,
    pub client_id: Option<String>,
    pub api_key: Option<String>,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
    pub page_size: Option<u32>,
    pub variant: Option<String>,
    pub theme: Option<String>,
    pub timeout: Option<u32>,
    pub refresh_interval: Option<u32>,
    pub member_token: Option<String>,
}

impl fmt::Debug for BadgeOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BadgeOptions")
            .field("user_id", &self.user_id)
            .field("id_type", &self.id_type)
            .field("api_base", &self.api_base)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl BadgeOptions {
    /// Reads the element's attributes (all but `api-key`, which the element handles itself).
    /// A number that does not parse is reported in `problems` and left at its default.
    pub fn from_attributes(element: &Element, problems: &mut Vec<String>) -> Self {
        let text = |name: &str| element.get_attribute(name);
        let mut number = |name: &str| {
            let value = text(name)?;
            match value.trim().parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push(format!(
                        "{name}=\"{}\" is not a whole number; the default is used",
                        value.chars().take(40).collect::<String>()
                    ));
                    None
                }
            }
        };
        BadgeOptions {
            page_size: number("page-size"),
            timeout: number("timeout"),
            refresh_interval: number("refresh-interval"),
            user_id: text("user-id"),
            id_type: text("id-type"),
            api_base: text("api-base"),
            environment: text("environment"),
            client_id: text("client-id"),
            api_key: None,
            locale: text("locale"),
            time_zone: text("time-zone"),
            variant: text("variant"),
            theme: text("theme"),
            member_token: text("member-token"),
        }
    }

    /// Overlays the options given in a JavaScript object: given keys replace, `null` or
    /// `undefined` reset to the default, absent keys stay. A wrong type or an unknown key is an
    /// error naming the option.
    pub fn merge_js(&mut self, value: &JsValue) -> Result<(), JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(());
        }
        if !value.is_object() || js_sys::Array::is_array(value) {
            return Err(JsError::new("loyalty-badge: options must be an object"));
        }
        let object: &js_sys::Object = value.unchecked_ref();
        for entry in js_sys::Object::entries(object).iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            let value = entry.get(1);
            match key.as_str() {
                "userId" => self.user_id = field(&key, value)?,
                "idType" => self.id_type = field(&key, value)?,
                "apiBase" => self.api_base = field(&key, value)?,
                "environment" => self.environment = field(&key, value)?,
                "clientId" => self.client_id = field(&key, value)?,
                "apiKey" => self.api_key = field(&key, value)?,
                "locale" => self.locale = field(&key, value)?,
                "timeZone" => self.time_zone = field(&key, value)?,
                "pageSize" => self.page_size = field(&key, value)?,
                "variant" => self.variant = field(&key, value)?,
                "theme" => self.theme = field(&key, value)?,
                "timeout" => self.timeout = field(&key, value)?,
                "refreshInterval" => self.refresh_interval = field(&key, value)?,
                "memberToken" => self.member_token = field(&key, value)?,
                _ => {
                    let known: Vec<_> = OPTIONS.iter().map(|(_, js)| *js).collect();
                    return Err(JsError::new(&format!(
                        "loyalty-badge: unknown option “{}”; the options are {}",
                        key.chars().take(40).collect::<String>(),
                        known.join(", ")
                    )));
                }
            }
        }
        Ok(())
    }

    /// The checks the JavaScript API makes before accepting options: values that parse, and
    /// numbers that are at least 1 (0 allowed for `refreshInterval`).
    pub fn check(&self) -> Result<(), JsError> {
        let fail = |message: String| Err(JsError::new(&format!("loyalty-badge: {message}")));
        if let Some(Err(e)) = self.id_type.as_deref().map(str::parse::<IdType>) {
            return fail(format!("option idType: {e}"));
        }
        if let Err(e) = self.endpoint() {
            return fail(e.to_string());
        }
        if let Some(Err(e)) = self.variant.as_deref().map(str::parse::<Variant>) {
            return fail(format!("option variant: {e}"));
        }
        if let Some(Err(e)) = self.theme.as_deref().map(str::parse::<Theme>) {
            return fail(format!("option theme: {e}"));
        }
        for (name, value) in [("pageSize", self.page_size), ("timeout", self.timeout)] {
            if value == Some(0) {
                return fail(format!("option {name} must be at least 1"));
            }
        }
        Ok(())
    }

    /// Where to ask: `apiBase`, else `environment` and `clientId`, else the page's origin.
    fn endpoint(&self) -> Result<Endpoint, InvalidInput> {
        let endpoint = match (&self.api_base, &self.environment, &self.client_id) {
            (Some(base), _, _) => Endpoint::proxy(base.as_str()),
            (None, None, None) => Endpoint::default(),
            (None, environment, client_id) => Endpoint::crowdtwist(
                environment.as_deref().unwrap_or_default(),
                client_id.as_deref().unwrap_or_default(),
            )?,
        };
        Ok(match &self.api_key {
            Some(key) => endpoint.with_api_key(key.as_str()),
            None => endpoint,
        })
    }

    /// The component's props. An id type or endpoint that does not parse becomes the props'
    /// `config_error` (the badge shows it); other unusable values fall back to their default
    /// and are reported in `problems`.
    pub fn to_props(&self, problems: &mut Vec<String>) -> LoyaltyBadgeProps {
        let id_type = self.id_type.as_deref().map(str::parse::<IdType>);
        let endpoint = self.endpoint();
        let config_error = match (&id_type, &endpoint) {
            (Some(Err(e)), _) | (_, Err(e)) => Some(e.clone()),
            _ => None,
        };
        let variant = parsed_or_default::<Variant>("variant", self.variant.as_deref(), problems);
        let theme = parsed_or_default::<Theme>("theme", self.theme.as_deref(), problems);
        let at_least_one = |n: &Option<u32>| n.filter(|&n| n > 0);
        yew::props!(LoyaltyBadgeProps {
            user_id: self.user_id.clone().unwrap_or_default(),
            id_type: id_type.and_then(Result::ok),
            endpoint: endpoint.unwrap_or_default(),
            locale: self.locale.clone(),
            time_zone: self.time_zone.clone(),
            page_size: at_least_one(&self.page_size).map_or(DEFAULT_PAGE_SIZE, |n| n as usize),
            timeout_ms: at_least_one(&self.timeout).unwrap_or(DEFAULT_TIMEOUT_MS),
            member_token: self.member_token.clone(),
            variant,
            theme,
            refresh_interval: self.refresh_interval.unwrap_or(0),
            config_error,
        })
    }
}

/// `value` parsed, or the default (reported in `problems`) when it does not parse.
fn parsed_or_default<T: std::str::FromStr + Default>(
    name: &str,
    value: Option<&str>,
    problems: &mut Vec<String>,
) -> T
where
    T::Err: fmt::Display,
{
    match value.map(str::parse::<T>) {
        Some(Ok(parsed)) => parsed,
        Some(Err(e)) => {
            problems.push(format!("{name}: {e}; the default is used"));
            T::default()
        }
        None => T::default(),
    }
}

/// One option's value: `None` for null or undefined, else `T` or an error naming the option.
fn field<T: DeserializeOwned>(name: &str, value: JsValue) -> Result<Option<T>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    serde_wasm_bindgen::from_value(value)
        .map(Some)
        .map_err(|e| {
            // serde-wasm-bindgen's message is a JavaScript Error's text, "Error: ...".
            let message = e.to_string();
            let message = message.strip_prefix("Error: ").unwrap_or(&message);
            JsError::new(&format!("loyalty-badge: option {name}: {message}"))
        })
}
