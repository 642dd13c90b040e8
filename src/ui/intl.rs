//! Numbers and dates for the viewer's locale and time zone, through the browser's `Intl`.
//!
//! A bad locale tag or time zone (from an attribute, say) must not break the widget: `Intl`
//! throws a `RangeError` for them, so the constructors are bound with `catch` and fall back to
//! the browser's defaults, and finally to plain digits and ISO dates.

use wasm_bindgen::prelude::*;

use crate::api::time::Timestamp;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = NumberFormat)]
    fn new(locales: &JsValue, options: &JsValue) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method, catch, js_class = NumberFormat)]
    fn format(this: &NumberFormat, value: f64) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = DateTimeFormat)]
    fn new(locales: &JsValue, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, catch, js_class = DateTimeFormat)]
    fn format(this: &DateTimeFormat, date: &js_sys::Date) -> Result<String, JsValue>;
}

/// Formats points and dates for one locale and time zone. Build it once per (locale, zone).
pub struct Formatter {
    key: (Option<String>, Option<String>),
    whole: Option<NumberFormat>,
    signed: Option<NumberFormat>,
    date: Option<DateTimeFormat>,
    calendar_date: Option<DateTimeFormat>,
}

impl Formatter {
    /// `locale` is a BCP 47 tag, `time_zone` an IANA zone; `None` (or an invalid value) means
    /// the viewer's own.
    pub fn new(locale: Option<&str>, time_zone: Option<&str>) -> Self {
        let number_options = [("maximumFractionDigits", "0")];
        let signed_options = [
            ("maximumFractionDigits", "0"),
            ("signDisplay", "exceptZero"),
        ];
        Formatter {
            key: (locale.map(str::to_owned), time_zone.map(str::to_owned)),
            whole: with_fallback(locale, &number_options, NumberFormat::new),
            signed: with_fallback(locale, &signed_options, NumberFormat::new),
            date: with_fallback(locale, &date_options_in(time_zone), DateTimeFormat::new)
                .or_else(|| with_fallback(locale, &date_options_in(None), DateTimeFormat::new)),
            // A date sent without a time is the same calendar day everywhere.
            calendar_date: with_fallback(
                locale,
                &date_options_in(Some("UTC")),
                DateTimeFormat::new,
            ),
        }
    }

    /// `1,000` in en-US, `1.000` in de-DE.
    pub fn points(&self, value: i64) -> String {
        format_number(self.whole.as_ref(), value)
    }

    /// `+1,000`, `-250`, `0`.
    pub fn signed_points(&self, value: i64) -> String {
        match self.signed.as_ref() {
            Some(_) => format_number(self.signed.as_ref(), value),
            None if value > 0 => format!("+{value}"),
            None => value.to_string(),
        }
    }

    /// `Apr 16, 2016` in en-US, `16. Apr. 2016` in de-DE, in the formatter's time zone.
    pub fn date(&self, timestamp: Timestamp) -> String {
        let format = if timestamp.is_date_only() {
            self.calendar_date.as_ref()
        } else {
            self.date.as_ref()
        };
        // Epoch seconds within the JavaScript Date range convert to f64 milliseconds exactly.
        let date = js_sys::Date::new(&JsValue::from_f64(
            timestamp.epoch_seconds() as f64 * 1000.0,
        ));
        format
            .and_then(|f| f.format(&date).ok())
            .unwrap_or_else(|| timestamp.to_iso8601())
    }
}

impl PartialEq for Formatter {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// `Apr 16, 2016`-style date options, in `zone` if given.
fn date_options_in(zone: Option<&str>) -> Vec<(&str, &str)> {
    let mut options = vec![("year", "numeric"), ("month", "short"), ("day", "numeric")];
    if let Some(zone) = zone {
        options.push(("timeZone", zone));
    }
    options
}

/// Builds an `Intl` formatter for `locale`, or for the browser's locale if the tag is refused.
fn with_fallback<T>(
    locale: Option<&str>,
    options: &[(&str, &str)],
    construct: impl Fn(&JsValue, &JsValue) -> Result<T, JsValue>,
) -> Option<T> {
    let options = options_object(options);
    let locales = locale.map_or(JsValue::UNDEFINED, JsValue::from_str);
    construct(&locales, &options)
        .or_else(|_| construct(&JsValue::UNDEFINED, &options))
        .ok()
}

fn options_object(options: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in options {
        // `*Digits` options are numbers; the rest are strings.
        let value = match value.parse::<f64>() {
            Ok(number) if key.ends_with("Digits") => JsValue::from_f64(number),
            _ => JsValue::from_str(value),
        };
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
    }
    object.into()
}

fn format_number(format: Option<&NumberFormat>, value: i64) -> String {
    format
        .and_then(|f| f.format(value as f64).ok())
        .unwrap_or_else(|| value.to_string())
}

/// The locale to use: the given tag, else the page's `<html lang>`, else `None` (the browser's).
pub fn resolve_locale(explicit: Option<&str>) -> Option<String> {
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    explicit.and_then(non_empty).or_else(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| non_empty(&lang))
    })
}
