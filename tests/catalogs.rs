//! The languages: every catalog complete, really translated, with the plural forms its language
//! needs and the same placeholders as English; the choice of catalog by locale tag; right to
//! left; quoting, lists and bidi isolation per language (native, no browser).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use loyalty_badge::api::text::{
    catalog_for, english, is_right_to_left, Catalog, Entry, Message, NameSet, Numbers,
    PluralCategory, LANGUAGES,
};

/// Messages a translation may leave as in English: names and codes that are the same words
/// everywhere. Anything else identical to English is an untranslated copy.
const SAME_AS_ENGLISH: &[(&str, &str)] = &[];

/// The tags the badge must speak (issue 10), each with its language's CLDR plural categories for
/// whole numbers (`Intl.PluralRules(tag).resolvedOptions().pluralCategories`; the browser tests
/// check them against the browsers' own).
const REQUIRED: &[(&str, &[&str])] = &[
    ("en", &["one", "other"]),
    ("es", &["one", "many", "other"]),
    ("fr", &["one", "many", "other"]),
    ("de", &["one", "other"]),
    ("pt-BR", &["one", "many", "other"]),
    ("ja", &["other"]),
    ("ar", &["zero", "one", "two", "few", "many", "other"]),
];

/// Every form of an entry, with the category it is for (`None` for a plain text).
fn forms(entry: Entry<'_>) -> Vec<(Option<PluralCategory>, &'static str)> {
    match entry {
        Entry::Text(text) => vec![(None, *text)],
        Entry::Plural(plural) => PluralCategory::ALL
            .into_iter()
            .filter_map(|category| Some((Some(category), plural.get(category)?)))
            .collect(),
    }
}

/// The `{name}`s in a template.
fn placeholders(template: &str) -> BTreeSet<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

fn english_entry(field: &str) -> Entry<'static> {
    english()
        .entries()
        .into_iter()
        .find(|(name, _)| *name == field)
        .map(|(_, entry)| entry)
        .unwrap()
}

#[test]
fn the_required_languages_are_shipped_with_their_plural_categories() {
    assert_eq!(
        LANGUAGES[0].tag, "en",
        "English comes first: it is the fallback"
    );
    for (tag, categories) in REQUIRED {
        let catalog = LANGUAGES
            .iter()
            .find(|c| c.tag == *tag)
            .unwrap_or_else(|| panic!("no catalog for {tag}"));
        let declared: BTreeSet<_> = catalog
            .plural_categories
            .iter()
            .map(|c| c.as_str())
            .collect();
        assert_eq!(
            declared,
            categories.iter().copied().collect(),
            "{tag}'s plural categories"
        );
    }
    let tags: BTreeSet<_> = LANGUAGES.iter().map(|c| c.tag).collect();
    assert_eq!(tags.len(), LANGUAGES.len(), "one catalog per tag");
}

#[test]
fn every_catalog_has_every_message_with_every_plural_form() {
    let english_fields: Vec<_> = english().entries().into_iter().map(|(f, _)| f).collect();
    for catalog in LANGUAGES {
        let fields: Vec<_> = catalog.entries().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, english_fields, "{}", catalog.tag);
        assert!(catalog.plural_categories.contains(&PluralCategory::Other));
        for (field, entry) in catalog.entries() {
            for (category, text) in forms(entry) {
                assert!(
                    !text.trim().is_empty(),
                    "{}: {field} {category:?} is empty",
                    catalog.tag
                );
            }
            if let Entry::Plural(plural) = entry {
                for &category in catalog.plural_categories {
                    assert!(
                        plural.get(category).is_some(),
                        "{}: {field} has no {} form",
                        catalog.tag,
                        category.as_str()
                    );
                }
            }
        }
    }
}

#[test]
fn translations_use_the_same_placeholders_as_english() {
    for catalog in LANGUAGES {
        for (field, entry) in catalog.entries() {
            let expected = placeholders(forms(english_entry(field))[0].1);
            for (category, text) in forms(entry) {
                assert_eq!(
                    placeholders(text),
                    expected,
                    "{}: {field} {category:?}: {text}",
                    catalog.tag
                );
            }
        }
    }
}

#[test]
fn translations_are_not_english_copied() {
    for catalog in LANGUAGES.iter().filter(|c| c.tag != "en") {
        for (field, entry) in catalog.entries() {
            if SAME_AS_ENGLISH.contains(&(catalog.tag, field)) {
                continue;
            }
            let english_texts: Vec<_> = forms(english_entry(field))
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            for (category, text) in forms(entry) {
                assert!(
                    !english_texts.contains(&text),
                    "{}: {field} {category:?} is English: {text}",
                    catalog.tag
                );
            }
        }
    }
}

#[test]
fn a_tag_chooses_its_language_then_falls_back_by_language() {
    let tag = |t: &str| catalog_for(t).map(|c| c.tag);
    assert_eq!(tag("de-DE"), Some("de"));
    assert_eq!(tag("de_AT"), Some("de"));
    assert_eq!(tag("es-MX"), Some("es"));
    assert_eq!(tag("fr-CA"), Some("fr"));
    assert_eq!(tag("pt-BR"), Some("pt-BR"));
    assert_eq!(tag("pt-PT"), Some("pt-BR"), "the only Portuguese there is");
    assert_eq!(tag("pt"), Some("pt-BR"));
    assert_eq!(tag("JA-jp"), Some("ja"));
    assert_eq!(tag("ar-EG"), Some("ar"));
    assert_eq!(tag("en-GB"), Some("en"));
    assert_eq!(
        tag("zh-CN"),
        None,
        "no Chinese: the caller falls back to English"
    );
    assert_eq!(tag(""), None);
    assert_eq!(tag("not a locale!"), None);
}

#[test]
fn right_to_left_follows_the_script_of_the_tag() {
    for tag in [
        "ar",
        "ar-EG",
        "AR-sa",
        "he",
        "he-IL",
        "iw",
        "fa",
        "fa-IR",
        "ur",
        "ur-PK",
        "ps",
        "yi",
        "az-Arab",
        "pa-Arab-PK",
        "ckb-IQ",
    ] {
        assert!(is_right_to_left(tag), "{tag}");
    }
    for tag in [
        "en",
        "en-US",
        "de",
        "ja-JP",
        "ar-Latn",
        "zh-Hant-TW",
        "tr",
        "",
        "x",
    ] {
        assert!(!is_right_to_left(tag), "{tag}");
    }
}

/// A language's rules written out by hand: the test's own plural rules, not the browser's.
struct Rules(fn(i64) -> PluralCategory);

impl Numbers for Rules {
    fn number(&self, n: i64) -> String {
        n.to_string()
    }

    fn plural(&self, n: i64) -> PluralCategory {
        (self.0)(n)
    }
}

fn arabic_rule(n: i64) -> PluralCategory {
    match (n, n % 100) {
        (0, _) => PluralCategory::Zero,
        (1, _) => PluralCategory::One,
        (2, _) => PluralCategory::Two,
        (_, 3..=10) => PluralCategory::Few,
        (_, 11..=99) => PluralCategory::Many,
        _ => PluralCategory::Other,
    }
}

fn catalog(tag: &str) -> &'static Catalog {
    catalog_for(tag).unwrap()
}

#[test]
fn plurals_follow_the_language() {
    let points = |tag: &str, rules: &Rules, n: i64| {
        Message::RedeemableCount { count: n }.render(catalog(tag), rules)
    };
    let english = Rules(|n| {
        if n == 1 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    });
    let french = Rules(|n| match n {
        0 | 1 => PluralCategory::One,
        n if n != 0 && n % 1_000_000 == 0 => PluralCategory::Many,
        _ => PluralCategory::Other,
    });
    let arabic = Rules(arabic_rule);
    let cases: [(&str, &Rules, [&str; 5]); 3] = [
        (
            "en",
            &english,
            [
                "0 redeemable points",
                "1 redeemable point",
                "2 redeemable points",
                "5 redeemable points",
                "11 redeemable points",
            ],
        ),
        (
            "fr",
            &french,
            [
                "0 point échangeable",
                "1 point échangeable",
                "2 points échangeables",
                "5 points échangeables",
                "11 points échangeables",
            ],
        ),
        (
            "ar",
            &arabic,
            [
                "0 نقطة قابلة للاستبدال",
                "1 نقطة قابلة للاستبدال",
                "2 نقطتان قابلتان للاستبدال",
                "5 نقاط قابلة للاستبدال",
                "11 نقطة قابلة للاستبدال",
            ],
        ),
    ];
    for (tag, rules, expected) in cases {
        let got: Vec<_> = [0, 1, 2, 5, 11]
            .into_iter()
            .map(|n| points(tag, rules, n))
            .collect();
        assert_eq!(got, expected, "{tag}");
    }
    assert_eq!(
        points("fr", &french, 2_000_000),
        "2000000 de points échangeables"
    );
    assert_eq!(
        Message::Spent { points: 103 }.render(catalog("ar"), &arabic),
        "تم استخدام 103 نقاط",
        "103 is few in Arabic"
    );
}

#[test]
fn values_can_be_taken_out_for_their_own_element() {
    let mut pieces = Vec::new();
    Message::RedeemableCount { count: 1000 }.pieces(
        catalog("ja"),
        &Rules(|_| PluralCategory::Other),
        &mut |name, text| pieces.push((name.map(str::to_owned), text.to_owned())),
    );
    assert_eq!(
        pieces,
        [
            (None, "利用可能 ".to_owned()),
            (Some("count".to_owned()), "1000".to_owned()),
            (None, " ポイント".to_owned()),
        ]
    );
}

#[test]
fn quotes_and_list_separators_are_the_languages() {
    let plain = Rules(|_| PluralCategory::Other);
    let unknown = Message::UnknownName {
        set: NameSet::Theme,
        given: "Dark",
        allowed: &["light", "dark", "auto"],
    };
    assert_eq!(
        unknown.render(catalog("de"), &plain),
        "„Dark“ ist kein bekanntes Farbschema. Möglich sind: light, dark, auto."
    );
    assert_eq!(
        unknown.render(catalog("fr"), &plain),
        "«\u{202f}Dark\u{202f}» n’est pas un thème connu. Valeurs possibles\u{202f}: light, dark, auto."
    );
    assert_eq!(
        unknown.render(catalog("ja"), &plain),
        "「Dark」は使用できるテーマではありません。次のいずれかを指定してください：light、dark、auto。"
    );
    assert_eq!(
        Message::DotSegment { id: ".." }.render(catalog("ar"), &plain),
        "لا يمكن استخدام «\u{2068}..\u{2069}» معرّفًا للعضو."
    );
}

#[test]
fn outside_text_is_isolated_where_its_direction_could_reorder_the_sentence() {
    let plain = Rules(|_| PluralCategory::Other);
    let refused = |what| Message::Refused { what };
    // English around Latin text: nothing added (what the English tests and events compare).
    assert_eq!(
        refused("Something went wrong.").to_string(),
        "The loyalty service refused the request: Something went wrong."
    );
    // English around Hebrew, and Arabic around anything: first-strong isolates.
    assert_eq!(
        refused("שגיאה").to_string(),
        "The loyalty service refused the request: \u{2068}שגיאה\u{2069}"
    );
    assert_eq!(
        refused("Something went wrong.").render(catalog("ar"), &plain),
        "رفضت خدمة الولاء الطلب: \u{2068}Something went wrong.\u{2069}"
    );
    // A status code is a code, not a quantity: plain digits whatever the language writes.
    struct ArabicIndic;
    impl Numbers for ArabicIndic {
        fn number(&self, n: i64) -> String {
            n.to_string()
                .chars()
                .map(|d| {
                    d.to_digit(10)
                        .map_or(d, |d| char::from_u32(0x0660 + d).unwrap())
                })
                .collect()
        }
        fn plural(&self, n: i64) -> PluralCategory {
            arabic_rule(n)
        }
    }
    assert_eq!(
        Message::Unavailable { status: 502 }.render(catalog("ar"), &ArabicIndic),
        "خدمة الولاء غير متاحة حاليًا (HTTP 502)."
    );
    assert_eq!(
        Message::TooSlow { seconds: 10 }.render(catalog("ar"), &ArabicIndic),
        "استغرقت خدمة الولاء وقتًا طويلًا للرد (أكثر من ١٠ ثوانٍ)."
    );
}
