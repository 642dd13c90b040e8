//! The options of one badge, read from its element's attributes or from a JavaScript object
//! through the [`OPTIONS`] table, and turned into what the component needs.

use std::str::FromStr;

use wasm_bindgen::{JsCast, JsError, JsValue};
use web_sys::Element;

use super::options::{
    by_property, parse_attribute, OptionKey, OptionValue, OptionValues, ValueType, OPTIONS,
};
use crate::api::appearance::{Theme, Variant};
use crate::api::endpoint::Endpoint;
use crate::api::error::InvalidInput;
use crate::api::id_type::IdType;
use crate::api::request::{PointsRequest, DEFAULT_TIMEOUT_MS};
use crate::api::text::Echo;
use crate::ui::components::loyalty_badge::LoyaltyBadgeProps;
use crate::ui::paging::DEFAULT_PAGE_SIZE;

/// Reads the element's attributes (all but `api-key`, which the element handles itself). A
/// number that does not parse is left at its default and reported in the problems returned.
pub(crate) fn from_attributes(element: &Element) -> (OptionValues, Vec<String>) {
    let mut values = OptionValues::default();
    let mut problems = Vec::new();
    for spec in OPTIONS.iter().filter(|s| s.key != OptionKey::ApiKey) {
        let Some(raw) = element.get_attribute(spec.attribute) else {
            continue;
        };
        match parse_attribute(spec, &raw) {
            Ok(value) => values.set(spec.key, Some(value)),
            Err(problem) => problems.push(format!(
                "{}: {problem}. The default is used.",
                spec.attribute
            )),
        }
    }
    (values, problems)
}

/// Overlays the options given in a JavaScript object: given keys replace, `null` or `undefined`
/// reset to the default, absent keys stay. A wrong type or an unknown key is an error naming the
/// option.
pub(crate) fn merge_js(values: &mut OptionValues, object: &JsValue) -> Result<(), JsError> {
    if object.is_undefined() || object.is_null() {
        return Ok(());
    }
    if !object.is_object() || js_sys::Array::is_array(object) {
        return Err(JsError::new("loyalty-badge: options must be an object"));
    }
    for entry in js_sys::Object::entries(object.unchecked_ref()).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let key = entry.get(0).as_string().unwrap_or_default();
        let Some(spec) = by_property(&key) else {
            let known: Vec<_> = OPTIONS.iter().map(|spec| spec.property).collect();
            return Err(JsError::new(&format!(
                "loyalty-badge: unknown option “{}”; the options are {}",
                Echo(&key),
                known.join(", ")
            )));
        };
        let value = match spec.value {
            ValueType::Text | ValueType::OneOf(_) => {
                field(&key, entry.get(1))?.map(OptionValue::Text)
            }
            ValueType::Whole { .. } => field(&key, entry.get(1))?.map(OptionValue::Whole),
            ValueType::Flag => field(&key, entry.get(1))?.map(OptionValue::Flag),
        };
        values.set(spec.key, value);
    }
    Ok(())
}

/// The checks the JavaScript API makes before accepting options: values that parse, numbers
/// within their range.
pub(crate) fn check(values: &OptionValues) -> Result<(), JsError> {
    let fail = |message: String| Err(JsError::new(&format!("loyalty-badge: {message}")));
    for spec in OPTIONS {
        let problem = match (spec.value, values.get(spec.key)) {
            (ValueType::OneOf(_), Some(OptionValue::Text(text))) => refused_name(spec.key, text),
            (ValueType::Whole { min }, Some(OptionValue::Whole(n))) if *n < min => {
                Some(format!("must be at least {min}"))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            return fail(format!("option {}: {problem}", spec.property));
        }
    }
    if let Err(e) = endpoint(values) {
        return fail(e.to_string());
    }
    Ok(())
}

/// Why `text` is not one of the names `key` takes (`None`: it is, or `key` takes any text).
fn refused_name(key: OptionKey, text: &str) -> Option<String> {
    let refusal = match key {
        OptionKey::IdType => text.parse::<IdType>().err(),
        OptionKey::Variant => text.parse::<Variant>().err(),
        OptionKey::Theme => text.parse::<Theme>().err(),
        _ => None,
    };
    refusal.map(|e| e.to_string())
}

/// What the component gets from the options, and the problems found on the way.
pub(crate) struct Interpreted {
    /// What to fetch, or why nothing can be (an id type or endpoint that does not parse, or a
    /// refused member id).
    pub request: Result<PointsRequest, InvalidInput>,
    /// The component's other settings; values that do not parse are at their default.
    pub settings: LoyaltyBadgeProps,
    /// The values that fell back to their default, for the console.
    pub problems: Vec<String>,
}

/// Interprets the options.
pub(crate) fn interpret(values: &OptionValues) -> Interpreted {
    let id_type = values.text(OptionKey::IdType).map(IdType::from_str);
    let endpoint = endpoint(values);
    let user_id = values.text(OptionKey::UserId).unwrap_or_default();
    let request = match (&id_type, &endpoint) {
        (Some(Err(e)), _) => Err(e.clone().into()),
        (_, Err(e)) => Err(e.clone()),
        (id_type, Ok(endpoint)) => {
            let id_type = id_type.clone().and_then(Result::ok);
            PointsRequest::new(user_id, id_type, endpoint.clone())
        }
    };
    let problems = [OptionKey::Variant, OptionKey::Theme]
        .into_iter()
        .filter_map(|key| {
            let refusal = refused_name(key, values.text(key)?)?;
            Some(format!(
                "{}: {refusal} The default is used.",
                key.spec().attribute
            ))
        })
        .collect();
    let at_least_one = |key| values.whole(key).filter(|&n| n > 0);
    let settings = yew::props!(LoyaltyBadgeProps {
        user_id: user_id.to_owned(),
        id_type: id_type.and_then(Result::ok),
        endpoint: endpoint.unwrap_or_default(),
        locale: values.text(OptionKey::Locale).map(str::to_owned),
        time_zone: values.text(OptionKey::TimeZone).map(str::to_owned),
        page_size: at_least_one(OptionKey::PageSize).map_or(DEFAULT_PAGE_SIZE, |n| n as usize),
        timeout_ms: at_least_one(OptionKey::Timeout).unwrap_or(DEFAULT_TIMEOUT_MS),
        member_token: values.text(OptionKey::MemberToken).map(str::to_owned),
        variant: parsed_or_default::<Variant>(values.text(OptionKey::Variant)),
        theme: parsed_or_default::<Theme>(values.text(OptionKey::Theme)),
        refresh_interval: values.whole(OptionKey::RefreshInterval).unwrap_or(0),
        open: values.flag(OptionKey::Open),
    });
    Interpreted {
        request,
        settings,
        problems,
    }
}

/// `text` parsed, or the default when it is absent or does not parse.
fn parsed_or_default<T: FromStr + Default>(text: Option<&str>) -> T {
    text.and_then(|t| t.parse().ok()).unwrap_or_default()
}

/// Where to ask: `apiBase`, else `environment` and `clientId`, else the page's origin.
fn endpoint(values: &OptionValues) -> Result<Endpoint, InvalidInput> {
    let text = |key| values.text(key);
    let endpoint = match (
        text(OptionKey::ApiBase),
        text(OptionKey::Environment),
        text(OptionKey::ClientId),
    ) {
        (Some(base), _, _) => Endpoint::proxy(base),
        (None, None, None) => Endpoint::default(),
        (None, environment, client_id) => Endpoint::crowdtwist(
            environment.unwrap_or_default(),
            client_id.unwrap_or_default(),
        )?,
    };
    Ok(match text(OptionKey::ApiKey) {
        Some(key) => endpoint.with_api_key(key),
        None => endpoint,
    })
}

/// The JavaScript types an option's value is read as.
trait FromJs: Sized {
    /// What the value must be, in the words of the error message (serde's: `u32`, `a string`).
    const EXPECTED: &'static str;

    /// The value, or `Err` with what was given instead (serde's words: `string "ten"`).
    fn from_js(value: &JsValue) -> Result<Self, String>;
}

impl FromJs for String {
    const EXPECTED: &'static str = "a string";

    fn from_js(value: &JsValue) -> Result<Self, String> {
        value.as_string().ok_or_else(|| invalid_type(value))
    }
}

impl FromJs for bool {
    const EXPECTED: &'static str = "a boolean";

    fn from_js(value: &JsValue) -> Result<Self, String> {
        value.as_bool().ok_or_else(|| invalid_type(value))
    }
}

impl FromJs for u32 {
    const EXPECTED: &'static str = "u32";

    fn from_js(value: &JsValue) -> Result<Self, String> {
        if !js_sys::Number::is_safe_integer(value) {
            return Err(invalid_type(value));
        }
        // A safe integer: exact as an f64 and within i64.
        let n = value.unchecked_ref::<js_sys::Number>().value_of() as i64;
        u32::try_from(n).map_err(|_| match n {
            0.. => format!("invalid value: integer `{n}`"),
            _ => invalid_type(value),
        })
    }
}

/// serde's description of an unexpected value (the messages are those the options decoder gave
/// when it was serde-wasm-bindgen), without Rust's float formatting: JavaScript writes numbers.
fn invalid_type(value: &JsValue) -> String {
    let unexpected = if let Some(b) = value.as_bool() {
        format!("boolean `{b}`")
    } else if let Some(Ok(js)) = value.as_f64().map(|_| {
        value
            .unchecked_ref::<js_sys::Number>()
            .to_string_with_radix(10)
    }) {
        let mut number = String::from(js);
        // serde writes a float with a decimal point (`5.0`); JavaScript does not (`5`).
        if number.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            number.push_str(".0");
        }
        format!("floating point `{number}`")
    } else if let Some(Ok(quoted)) = value.is_string().then(|| js_sys::JSON::stringify(value)) {
        // Quoted by JSON.stringify, as serde quoted it (Rust's `{:?}`) for any ordinary text,
        // without Rust's Debug escaping in the bundle.
        format!("string {}", String::from(quoted))
    } else {
        format!("{value:?}")
    };
    format!("invalid type: {unexpected}")
}

/// One option's value: `None` for null or undefined, else `T` or an error naming the option.
fn field<T: FromJs>(name: &str, value: JsValue) -> Result<Option<T>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    T::from_js(&value).map(Some).map_err(|given| {
        JsError::new(&format!(
            "loyalty-badge: option {name}: {given}, expected {}",
            T::EXPECTED
        ))
    })
}
