//! The viewer's language: the badge's words from the catalog for the locale, and numbers, dates,
//! relative dates and plural categories through the browser's `Intl`.
//!
//! A bad locale tag or time zone (from an attribute, say) must not break the widget: `Intl`
//! throws a `RangeError` for them, so the constructors are bound with `catch` and fall back to
//! the browser's defaults, and finally to plain digits, ISO dates and English's plural rule.

use std::cell::OnceCell;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use crate::api::text::{
    catalog_for, english, is_right_to_left, Catalog, Message, Numbers, PluralCategory,
};
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

    #[wasm_bindgen(method, catch, js_class = DateTimeFormat, js_name = formatToParts)]
    fn format_to_parts(this: &DateTimeFormat, date: &js_sys::Date) -> Result<Array, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = PluralRules)]
    fn new(locales: &JsValue, options: &JsValue) -> Result<PluralRules, JsValue>;

    #[wasm_bindgen(method, catch, js_class = PluralRules)]
    fn select(this: &PluralRules, value: f64) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;

    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = RelativeTimeFormat)]
    fn new(locales: &JsValue, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;

    #[wasm_bindgen(method, catch, js_class = RelativeTimeFormat)]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> Result<String, JsValue>;
}

/// Activities at most this many calendar days old also say so relatively ("3 days ago").
pub const RELATIVE_DAYS: i64 = 6;

const DAY_MS: f64 = 86_400_000.0;

/// The badge's words, numbers and dates for one locale and time zone. Build it once per
/// (locale, zone). The `Intl` objects not every badge needs (plural rules, relative dates, full
/// dates) are built on first use.
pub struct Formatter {
    key: (Option<String>, Option<String>),
    catalog: &'static Catalog,
    right_to_left: bool,
    whole: Option<NumberFormat>,
    signed: Option<NumberFormat>,
    date: Option<DateTimeFormat>,
    calendar_date: Option<DateTimeFormat>,
    date_time: OnceCell<Option<DateTimeFormat>>,
    calendar_date_long: OnceCell<Option<DateTimeFormat>>,
    day_parts: OnceCell<Option<DateTimeFormat>>,
    plural: OnceCell<Option<PluralRules>>,
    relative: OnceCell<Option<RelativeTimeFormat>>,
}

impl Formatter {
    /// `locale` is a BCP 47 tag, `time_zone` an IANA zone; `None` (or an invalid value) means
    /// the viewer's own. The words are the catalog for `locale`'s language, else English.
    pub fn new(locale: Option<&str>, time_zone: Option<&str>) -> Self {
        let catalog = locale.and_then(catalog_for).unwrap_or_else(english);
        let number_options = [("maximumFractionDigits", "0")];
        let signed_options = [
            ("maximumFractionDigits", "0"),
            ("signDisplay", "exceptZero"),
        ];
        Formatter {
            key: (locale.map(str::to_owned), time_zone.map(str::to_owned)),
            catalog,
            right_to_left: locale.is_some_and(is_right_to_left),
            whole: with_fallback(locale, &number_options, NumberFormat::new),
            signed: with_fallback(locale, &signed_options, NumberFormat::new),
            date: in_zone(locale, &short_date(), time_zone, DateTimeFormat::new),
            // A date sent without a time is the same calendar day everywhere.
            calendar_date: in_zone(locale, &short_date(), Some("UTC"), DateTimeFormat::new),
            date_time: OnceCell::new(),
            calendar_date_long: OnceCell::new(),
            day_parts: OnceCell::new(),
            plural: OnceCell::new(),
            relative: OnceCell::new(),
        }
    }

    fn locale(&self) -> Option<&str> {
        self.key.0.as_deref()
    }

    fn time_zone(&self) -> Option<&str> {
        self.key.1.as_deref()
    }

    /// The catalog of the badge's words.
    pub fn catalog(&self) -> &'static Catalog {
        self.catalog
    }

    /// The `lang` of the badge's words (`de`, `pt-BR`; `en` when the locale has no catalog).
    pub fn lang(&self) -> &'static str {
        self.catalog.tag
    }

    /// The `dir` of the locale: `rtl` for Arabic, Hebrew, Persian, Urdu (and the other
    /// right-to-left scripts), else `ltr`.
    pub fn dir(&self) -> &'static str {
        if self.right_to_left {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// `message` in the viewer's language.
    pub fn text(&self, message: &Message<'_>) -> String {
        message.render(self.catalog, self)
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
        format_date(format, timestamp)
    }

    /// The date and time in full, `April 16, 2016 at 8:00 AM` (a date sent without a time: the
    /// date alone).
    pub fn date_time(&self, timestamp: Timestamp) -> String {
        let format = if timestamp.is_date_only() {
            self.calendar_date_long.get_or_init(|| {
                let options = [("dateStyle", "long")];
                in_zone(self.locale(), &options, Some("UTC"), DateTimeFormat::new)
            })
        } else {
            self.date_time.get_or_init(|| {
                let options = [("dateStyle", "long"), ("timeStyle", "short")];
                in_zone(
                    self.locale(),
                    &options,
                    self.time_zone(),
                    DateTimeFormat::new,
                )
            })
        };
        format_date(format.as_ref(), timestamp)
    }

    /// `today`, `yesterday`, `3 days ago`: for a date at most [`RELATIVE_DAYS`] calendar days
    /// before `now_ms` (in the formatter's time zone); `None` for older and later dates.
    pub fn relative_date(&self, timestamp: Timestamp, now_ms: f64) -> Option<String> {
        // Most dates are far from now: no need to ask Intl for their calendar day. (A zone moves
        // a day's bounds by 14 hours at most.)
        let age_ms = now_ms - epoch_ms(timestamp);
        if !(-DAY_MS..=(RELATIVE_DAYS + 2) as f64 * DAY_MS).contains(&age_ms) {
            return None;
        }
        let then = if timestamp.is_date_only() {
            timestamp.epoch_seconds().div_euclid(86_400)
        } else {
            self.day_number(epoch_ms(timestamp))?
        };
        let days_ago = self.day_number(now_ms)? - then;
        if !(0..=RELATIVE_DAYS).contains(&days_ago) {
            return None;
        }
        self.relative
            .get_or_init(|| {
                let options = [("numeric", "auto")];
                with_fallback(self.locale(), &options, RelativeTimeFormat::new)
            })
            .as_ref()?
            .format(-(days_ago as f64), "day")
            .ok()
    }

    /// The calendar day of `ms` in the formatter's zone, as days since 1970-01-01.
    fn day_number(&self, ms: f64) -> Option<i64> {
        // Read back as numbers: Gregorian, Latin digits, whatever the locale.
        let day_parts = self.day_parts.get_or_init(|| {
            let options = [
                ("year", "numeric"),
                ("month", "numeric"),
                ("day", "numeric"),
                ("calendar", "gregory"),
                ("numberingSystem", "latn"),
            ];
            in_zone(
                Some("en-US"),
                &options,
                self.time_zone(),
                DateTimeFormat::new,
            )
        });
        let parts = day_parts
            .as_ref()?
            .format_to_parts(&js_sys::Date::new(&JsValue::from_f64(ms)))
            .ok()?;
        let part = |name: &str| {
            parts.iter().find_map(|part| {
                let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
                let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
                // Whole numbers: parsed as integers, without the float parser's code.
                (kind == name)
                    .then(|| value.parse::<u32>().ok().map(f64::from))
                    .flatten()
            })
        };
        let midnight =
            js_sys::Date::utc(part("year")?, part("month")? - 1.0) + (part("day")? - 1.0) * DAY_MS;
        Some((midnight / DAY_MS).floor() as i64)
    }
}

impl Numbers for Formatter {
    fn number(&self, n: i64) -> String {
        self.points(n)
    }

    fn plural(&self, n: i64) -> PluralCategory {
        // The words' rules: `pt-PT` counts as the Brazilian words it is shown.
        let rules = self
            .plural
            .get_or_init(|| with_fallback(Some(self.catalog.tag), &[], PluralRules::new));
        match rules.as_ref().and_then(|p| p.select(n as f64).ok()) {
            Some(name) => PluralCategory::from_cldr(&name),
            None if n == 1 => PluralCategory::One,
            None => PluralCategory::Other,
        }
    }
}

impl PartialEq for Formatter {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// `Apr 16, 2016`-style date options.
fn short_date() -> [(&'static str, &'static str); 3] {
    [("year", "numeric"), ("month", "short"), ("day", "numeric")]
}

/// A `DateTimeFormat` in `zone`, else in the viewer's zone (a zone `Intl` refuses).
fn in_zone<const N: usize>(
    locale: Option<&str>,
    options: &[(&str, &str); N],
    zone: Option<&str>,
    construct: impl Fn(&JsValue, &JsValue) -> Result<DateTimeFormat, JsValue>,
) -> Option<DateTimeFormat> {
    let mut zoned = options.to_vec();
    if let Some(zone) = zone {
        zoned.push(("timeZone", zone));
    }
    with_fallback(locale, &zoned, &construct).or_else(|| with_fallback(locale, options, construct))
}

/// Builds an `Intl` object for `locale`, or for the browser's locale if the tag is refused.
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
        // `*Digits` options are (whole) numbers; the rest are strings.
        let value = match value.parse::<u32>() {
            Ok(number) if key.ends_with("Digits") => JsValue::from(number),
            _ => JsValue::from_str(value),
        };
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
    }
    object.into()
}

fn format_number(format: Option<&NumberFormat>, value: i64) -> String {
    format
        .and_then(|f| f.format(value as f64).ok())
        .unwrap_or_else(|| value.to_string())
}

/// Epoch seconds within the JavaScript Date range convert to f64 milliseconds exactly.
fn epoch_ms(timestamp: Timestamp) -> f64 {
    timestamp.epoch_seconds() as f64 * 1000.0
}

fn format_date(format: Option<&DateTimeFormat>, timestamp: Timestamp) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms(timestamp)));
    format
        .and_then(|f| f.format(&date).ok())
        .unwrap_or_else(|| timestamp.to_iso8601())
}

/// The locale to use: the given tag, else the page's `<html lang>`, else the first of the
/// browser's languages (`navigator.languages`) the badge speaks, else the browser's first; `None`
/// when the browser names none.
pub fn resolve_locale(explicit: Option<&str>) -> Option<String> {
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    explicit
        .and_then(non_empty)
        .or_else(|| {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|html| html.get_attribute("lang"))
                .and_then(|lang| non_empty(&lang))
        })
        .or_else(browser_locale)
}

/// The browser's locale for the badge: the first of `navigator.languages` the badge speaks,
/// else the first; `None` when the browser names none.
pub fn browser_locale() -> Option<String> {
    let languages = browser_languages();
    let spoken = languages.iter().find(|tag| catalog_for(tag).is_some());
    spoken.or(languages.first()).cloned()
}

/// `navigator.languages` (read without web-sys's `Navigator`, which nothing else needs).
fn browser_languages() -> Vec<String> {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok();
    let languages = navigator.and_then(|n| Reflect::get(&n, &"languages".into()).ok());
    languages
        .and_then(|l| l.dyn_into::<Array>().ok())
        .map(|l| l.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}
