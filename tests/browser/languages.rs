//! The badge's languages in the browser: the choice of language (locale, `<html lang>`, the
//! browser's), each shipped language's words (no English left), numbers, dates and plurals
//! through `Intl`, and right to left.

use std::collections::BTreeSet;

use loyalty_badge::api::text::LANGUAGES;
use loyalty_badge::ui::intl::{resolve_locale, Formatter};
use loyalty_badge::{LoyaltyBadgeProps, Variant};
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::AttrValue;

use crate::props;
use crate::support::{answer, mount, route, wait_for, Mounted};

/// The locales the issue names for each shipped language.
const LOCALES: [&str; 7] = [
    "en-US", "es-ES", "fr-FR", "de-DE", "pt-BR", "ja-JP", "ar-EG",
];

/// Words a language shares with English, that are not English left untranslated.
fn shared_words(locale: &str) -> &'static [&'static str] {
    match locale {
        // "Total des points", "Niveau de fan", "1 point gagné", "Date inconnue", "Le service",
        // "la page".
        "fr-FR" => &["total", "fan", "points", "point", "date", "service", "page"],
        // "Fan-Stufe".
        "de-DE" => &["fan"],
        // "Puntos totales", "Nivel de fan".
        "es-ES" => &["total", "fan"],
        // "Total de pontos".
        "pt-BR" => &["total"],
        _ => &[],
    }
}

fn with_locale(member: &str, locale: &str) -> LoyaltyBadgeProps {
    LoyaltyBadgeProps {
        locale: Some(AttrValue::from(locale.to_owned())),
        ..props(member)
    }
}

/// A member whose strings (from the API) are not the badge's words.
fn api_member(redeemable: i64) -> serde_json::Value {
    json!({
        "id": 7, "total_points": 1_234_567, "redeemable_points": redeemable,
        "fan_level": "Qwerty",
        "activities": [
            { "name": "Zxcv", "num_points": 1, "notes": "Asdf", "date_created": 1_460_793_600 },
            { "name": "Zxcv", "num_points": -2, "notes": null, "date_created": 1_460_707_200 },
            { "name": "Zxcv", "num_points": 500, "notes": null },
            { "broken": true }
        ]
    })
}

/// Every state of the badge for `locale`: their whole text (visible, hidden for assistive
/// technology, labels and titles).
async fn every_state(locale: &str) -> Vec<(String, String)> {
    let tag = locale.to_lowercase();
    let states = [
        ("loaded", json!([answer(200, api_member(1000))])),
        (
            "empty",
            json!([answer(
                200,
                json!({ "total_points": 0, "redeemable_points": 0, "activities": [] })
            )]),
        ),
        ("loading", json!([{ "hang": true }])),
        (
            "not-found",
            json!([answer(
                404,
                json!({ "error": "param_error", "message": "" })
            )]),
        ),
        (
            "error",
            json!([{ "status": 502, "body": "<html></html>", "headers": { "content-type": "text/html" } }]),
        ),
        (
            "throttled",
            json!([{ "status": 429, "body": "", "headers": { "retry-after": "30" } }]),
        ),
        (
            "forbidden",
            json!([answer(
                403,
                json!({ "error": "token_invalid", "message": "" })
            )]),
        ),
        ("offline", json!([{ "network_error": true }])),
        ("refused-id", json!([])),
    ];
    // Every badge first, then the waits: they load side by side.
    let mut badges = Vec::new();
    for (state, answers) in states {
        for variant in [Variant::Full, Variant::Compact] {
            let member = match state {
                "refused-id" => "..".to_owned(),
                _ => format!("words-{tag}-{state}-{variant}"),
            };
            route(&member, answers.clone());
            let badge = mount(LoyaltyBadgeProps {
                variant,
                open: true,
                ..with_locale(&member, locale)
            });
            let expected = match state {
                "loaded" | "empty" => "loaded",
                // A 429 with Retry-After: the badge waits to try again, and says so.
                "loading" | "throttled" => "loading",
                "not-found" => "not-found",
                _ => "error",
            };
            badges.push((format!("{state} {variant}"), expected, badge));
        }
    }
    let mut texts = Vec::new();
    for (view, expected, badge) in &badges {
        badge.until_state(expected).await;
        if view.starts_with("throttled") {
            wait_for("the retry's waiting status", || {
                badge.root_attribute("data-retry").as_deref() == Some("waiting")
            })
            .await;
        }
        // Dates are Intl's words ("Apr"), not the badge's.
        let mut text = badge.all_text();
        for date in badge.parts("activity-date") {
            let date = date.text_content().unwrap_or_default();
            if date.chars().any(char::is_numeric) {
                text = text.replace(date.trim(), " ");
            }
        }
        texts.push((view.clone(), text));
    }
    texts
}

/// The lowercase words of three letters or more, without the API's own strings.
fn words(text: &str) -> BTreeSet<String> {
    let api = ["qwerty", "zxcv", "asdf", "crowdtwist", "http"];
    text.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && w.is_ascii() && !api.contains(&w.as_str()))
        .collect()
}

#[wasm_bindgen_test]
async fn no_english_word_of_the_badge_is_left_in_any_language() {
    let english: BTreeSet<String> = every_state("en-US")
        .await
        .iter()
        .flat_map(|(_, text)| words(text))
        .collect();
    assert!(
        english.contains("redeemable") && english.contains("again"),
        "the English views say what the badge says: {english:?}"
    );
    for locale in &LOCALES[1..] {
        for (view, text) in every_state(locale).await {
            let left: Vec<_> = words(&text)
                .intersection(&english)
                .filter(|w| !shared_words(locale).contains(&w.as_str()))
                .cloned()
                .collect();
            assert!(
                left.is_empty(),
                "{locale} {view}: English {left:?} in {text}"
            );
        }
    }
}

/// `Intl.PluralRules(tag).resolvedOptions().pluralCategories`.
fn browser_plural_categories(tag: &str) -> BTreeSet<String> {
    let locales = js_sys::Array::of1(&JsValue::from_str(tag));
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    let options = rules.resolved_options();
    let categories = js_sys::Reflect::get(&options, &"pluralCategories".into()).unwrap();
    js_sys::Array::from(&categories)
        .iter()
        .filter_map(|c| c.as_string())
        .collect()
}

#[wasm_bindgen_test]
fn each_catalog_has_the_plural_forms_the_browser_knows() {
    for catalog in LANGUAGES {
        let declared: BTreeSet<String> = catalog
            .plural_categories
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        assert_eq!(
            declared,
            browser_plural_categories(catalog.tag),
            "{}",
            catalog.tag
        );
    }
}

/// What the compact line says after the fan level for 0, 1, 2, 5 and 11 redeemable points.
const PLURALS: [(&str, [&str; 5]); 7] = [
    (
        "en-US",
        [
            "0 redeemable points",
            "1 redeemable point",
            "2 redeemable points",
            "5 redeemable points",
            "11 redeemable points",
        ],
    ),
    (
        "es-ES",
        [
            "0 puntos canjeables",
            "1 punto canjeable",
            "2 puntos canjeables",
            "5 puntos canjeables",
            "11 puntos canjeables",
        ],
    ),
    (
        "fr-FR",
        [
            "0 point échangeable",
            "1 point échangeable",
            "2 points échangeables",
            "5 points échangeables",
            "11 points échangeables",
        ],
    ),
    (
        "de-DE",
        [
            "0 einlösbare Punkte",
            "1 einlösbarer Punkt",
            "2 einlösbare Punkte",
            "5 einlösbare Punkte",
            "11 einlösbare Punkte",
        ],
    ),
    (
        "pt-BR",
        [
            "0 ponto resgatável",
            "1 ponto resgatável",
            "2 pontos resgatáveis",
            "5 pontos resgatáveis",
            "11 pontos resgatáveis",
        ],
    ),
    (
        "ja-JP",
        [
            "利用可能 0 ポイント",
            "利用可能 1 ポイント",
            "利用可能 2 ポイント",
            "利用可能 5 ポイント",
            "利用可能 11 ポイント",
        ],
    ),
    (
        "ar-EG",
        [
            "٠ نقطة قابلة للاستبدال",
            "١ نقطة قابلة للاستبدال",
            "٢ نقطتان قابلتان للاستبدال",
            "٥ نقاط قابلة للاستبدال",
            "١١ نقطة قابلة للاستبدال",
        ],
    ),
];

#[wasm_bindgen_test]
async fn plurals_are_right_for_0_1_2_5_and_11_points_in_every_language() {
    for (locale, expected) in PLURALS {
        let badges: Vec<_> = [0, 1, 2, 5, 11]
            .into_iter()
            .map(|count| {
                let member = format!("plural-{}-{count}", locale.to_lowercase());
                route(&member, json!([answer(200, api_member(count))]));
                let badge = mount(LoyaltyBadgeProps {
                    variant: Variant::Compact,
                    ..with_locale(&member, locale)
                });
                (count, badge)
            })
            .collect();
        for ((count, badge), expected) in badges.iter().zip(expected) {
            badge.until_state("loaded").await;
            let line = badge.text("summary");
            let after_level = line.trim_start_matches("Qwerty·");
            assert_eq!(after_level, expected, "{locale}, {count} points");
        }
    }
}

#[wasm_bindgen_test]
async fn amounts_and_the_summary_read_as_sentences_in_every_language() {
    let expected = [
        (
            "en-US",
            "1,000 redeemable points of 1,234,567 total. Fan level: Qwerty.",
            ["earned 1 point", "spent 2 points"],
        ),
        (
            "de-DE",
            "1.000 einlösbare Punkte von insgesamt 1.234.567. Fan-Stufe: Qwerty.",
            ["1 Punkt erhalten", "2 Punkte eingelöst"],
        ),
        (
            "ar-EG",
            "١٬٠٠٠ نقطة قابلة للاستبدال من أصل ١٬٢٣٤٬٥٦٧. مستوى المعجب: \u{2068}Qwerty\u{2069}.",
            ["تم كسب ١ نقطة", "تم استخدام ٢ نقطتين"],
        ),
    ];
    for (locale, summary, amounts) in expected {
        let member = format!("sentences-{}", locale.to_lowercase());
        route(&member, json!([answer(200, api_member(1000))]));
        let badge = mount(with_locale(&member, locale));
        badge.until_state("loaded").await;
        assert_eq!(badge.announcement(), summary, "{locale}");
        let words = badge
            .container
            .query_selector_all(".lb-activity .lb-visually-hidden")
            .unwrap();
        let words: Vec<_> = (0..2)
            .map(|i| words.item(i).unwrap().text_content().unwrap())
            .collect();
        assert_eq!(words, amounts, "{locale}");
    }
}

#[wasm_bindgen_test]
async fn numbers_and_dates_are_formatted_for_each_language() {
    let totals = [
        ("en-US", "en", "1,234,567"),
        ("es-ES", "es", "1.234.567"),
        ("fr-FR", "fr", "1\u{202f}234\u{202f}567"),
        ("de-DE", "de", "1.234.567"),
        ("pt-BR", "pt-BR", "1.234.567"),
        ("ja-JP", "ja", "1,234,567"),
        ("ar-EG", "ar", "١٬٢٣٤٬٥٦٧"),
    ];
    let mut dates = BTreeSet::new();
    for (locale, lang, total) in totals {
        let member = format!("numbers-{}", locale.to_lowercase());
        route(&member, json!([answer(200, api_member(1000))]));
        let badge = mount(with_locale(&member, locale));
        badge.until_state("loaded").await;
        assert_eq!(badge.text("total"), total, "{locale}");
        let date = badge.text("activity-date");
        let expected = intl_date(locale, 1_460_793_600_000.0);
        assert_eq!(date, expected, "{locale}");
        dates.insert(date);
        assert_eq!(
            badge.root().get_attribute("lang").as_deref(),
            Some(lang),
            "{locale}: the words' language"
        );
    }
    assert_eq!(
        dates.len(),
        totals.len(),
        "each language its own date: {dates:?}"
    );
}

/// `Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone:
/// "UTC" }).format(ms)`, as the test computes it.
fn intl_date(locale: &str, ms: f64) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("timeZone", "UTC"),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).unwrap();
    }
    let format = js_sys::Intl::DateTimeFormat::new(
        &js_sys::Array::of1(&JsValue::from_str(locale)),
        &options,
    );
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    format
        .format()
        .call1(&format, &date)
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_locale_chooses_the_words_falling_back_by_language_then_to_english() {
    let lang = |locale: &str| Formatter::new(Some(locale), Some("UTC")).lang();
    assert_eq!(lang("es-MX"), "es");
    assert_eq!(lang("pt-PT"), "pt-BR");
    assert_eq!(lang("de-CH"), "de");
    assert_eq!(lang("zh-CN"), "en");
    assert_eq!(lang("not a locale!"), "en");
    let mexico = Formatter::new(Some("es-MX"), Some("UTC"));
    assert_eq!(
        mexico.text(&loyalty_badge::api::text::Message::History),
        "Historial de puntos"
    );
    // Chinese words fall back to English, but the numbers stay Chinese-formatted.
    let chinese = Formatter::new(Some("zh-CN"), Some("UTC"));
    assert_eq!(
        chinese.text(&loyalty_badge::api::text::Message::ShowMore { count: 3 }),
        "Show 3 more"
    );
}

#[wasm_bindgen_test]
fn right_to_left_follows_the_locale() {
    let dir = |locale: &str| Formatter::new(Some(locale), None).dir();
    for locale in ["ar", "ar-EG", "he-IL", "fa-IR", "ur-PK"] {
        assert_eq!(dir(locale), "rtl", "{locale}");
    }
    for locale in ["en-US", "de-DE", "ja-JP", "zh-CN"] {
        assert_eq!(dir(locale), "ltr", "{locale}");
    }
}

/// Sets `navigator.languages` for the test (an own property that hides the prototype's getter).
fn fake_browser_languages(languages: &[&str]) {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).unwrap();
    let list: js_sys::Array = languages.iter().map(|l| JsValue::from_str(l)).collect();
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"value".into(), &list).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Object::define_property(&navigator.into(), &"languages".into(), &descriptor);
}

fn forget_fake_browser_languages() {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).unwrap();
    js_sys::Reflect::delete_property(&navigator.into(), &"languages".into()).unwrap();
}

#[wasm_bindgen_test]
fn without_a_locale_the_page_then_the_browser_decides() {
    let html = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    let before = html.get_attribute("lang");
    html.set_attribute("lang", "fr-CA").unwrap();
    assert_eq!(resolve_locale(Some("ja-JP")).as_deref(), Some("ja-JP"));
    assert_eq!(resolve_locale(None).as_deref(), Some("fr-CA"));
    html.remove_attribute("lang").unwrap();
    fake_browser_languages(&["zh-CN", "pt-PT", "de"]);
    let first_spoken = resolve_locale(None);
    fake_browser_languages(&["zh-CN", "ko"]);
    let none_spoken = resolve_locale(None);
    forget_fake_browser_languages();
    if let Some(lang) = before {
        html.set_attribute("lang", &lang).unwrap();
    }
    assert_eq!(
        first_spoken.as_deref(),
        Some("pt-PT"),
        "the first language the badge speaks"
    );
    assert_eq!(
        none_spoken.as_deref(),
        Some("zh-CN"),
        "none spoken: the browser's first, in English words"
    );
}

fn direction(badge: &Mounted) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(&badge.root())
        .unwrap()
        .unwrap()
        .get_property_value("direction")
        .unwrap()
}

/// The left edge of the element with this part name.
fn left(badge: &Mounted, selector: &str) -> f64 {
    badge
        .container
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .get_bounding_client_rect()
        .left()
}

#[wasm_bindgen_test]
async fn arabic_renders_right_to_left_and_english_left_to_right() {
    route("direction", json!([answer(200, api_member(1000))]));
    let arabic = mount(with_locale("direction", "ar-EG"));
    arabic.until_state("loaded").await;
    assert_eq!(arabic.root().get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(arabic.root().get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(direction(&arabic), "rtl");
    // The layout mirrors: the first figure (total) is on the right.
    let (total, redeemable) = (
        left(&arabic, "[part~=total]"),
        left(&arabic, "[part~=redeemable]"),
    );
    assert!(
        total > redeemable,
        "total at {total}, redeemable at {redeemable}"
    );
    // A signed amount keeps its sign in front of the number, read left to right.
    let amount = arabic.part("activity-points").unwrap();
    assert_eq!(amount.get_attribute("dir").as_deref(), Some("ltr"));

    let english = mount(with_locale("direction", "en-US"));
    english.until_state("loaded").await;
    assert_eq!(direction(&english), "ltr");
    assert!(left(&english, "[part~=total]") < left(&english, "[part~=redeemable]"));
}
