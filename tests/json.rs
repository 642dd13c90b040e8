//! The JSON reader the widget decodes answers with (native, no browser; tests/properties compares
//! it with serde_json on generated text).
#![cfg(not(target_arch = "wasm32"))]

use loyalty_badge::api::json::{whole_number, Json, MAX_DEPTH};

#[test]
fn whole_numbers_are_read_exactly() {
    for (number, expected) in [
        ("0", Some(0)),
        ("-0", Some(0)),
        ("-0.0", Some(0)),
        ("1000", Some(1000)),
        ("1000.0", Some(1000)),
        ("1000.000", Some(1000)),
        ("1e3", Some(1000)),
        ("1E+3", Some(1000)),
        ("12.5e1", Some(125)),
        ("12500e-2", Some(125)),
        ("0e99999", Some(0)),
        ("9223372036854775807", Some(i64::MAX)),
        ("-9223372036854775808", Some(i64::MIN)),
        // Exactly, where a float would round to 9007199254740992.
        ("9007199254740993", Some(9_007_199_254_740_993)),
        ("9007199254740993.0", Some(9_007_199_254_740_993)),
        ("9223372036854775808", None),
        ("18446744073709551615", None),
        ("1.5", None),
        ("-0.5", None),
        ("125e-2", None),
        ("1e19", None),
        ("1e400", None),
        ("1e-400", None),
        ("1e99999999999999999999", None),
        ("", None),
        ("-", None),
        ("1x", None),
        (".5", None),
    ] {
        assert_eq!(whole_number(number), expected, "{number}");
    }
}

#[test]
fn strings_are_unescaped_and_borrowed_when_they_can_be() {
    let read = |text: &str| match Json::parse(text) {
        Some(Json::String(s)) => Some(s.into_owned()),
        _ => None,
    };
    assert_eq!(read(r#""plain é 東""#).as_deref(), Some("plain é 東"));
    assert_eq!(
        read(r#""q\" b\\ s\/ \b\f\n\r\t""#).as_deref(),
        Some("q\" b\\ s/ \u{8}\u{c}\n\r\t")
    );
    assert_eq!(read(r#""\u00e9\u6771""#).as_deref(), Some("é東"));
    assert_eq!(read(r#""\ud83c\udf89!""#).as_deref(), Some("🎉!"));
    for invalid in [
        r#""\ud83c""#,
        r#""\ud83c\u0041""#,
        r#""\udf89""#,
        r#""\x41""#,
        r#""\u12""#,
        "\"tab\tinside\"",
        r#""unterminated"#,
    ] {
        assert_eq!(read(invalid), None, "{invalid}");
    }
    assert!(matches!(
        Json::parse(r#""no escape""#),
        Some(Json::String(std::borrow::Cow::Borrowed(_)))
    ));
}

#[test]
fn only_json_is_read() {
    for valid in [
        "null",
        " true ",
        "false",
        "[]",
        "{}",
        r#"{"a":[1,{"b":null}],"c":"d"}"#,
        "\n\t[ 1 , 2 ]\r\n",
        "-0.5e-3",
    ] {
        assert!(Json::parse(valid).is_some(), "{valid:?}");
    }
    for invalid in [
        "",
        " ",
        "nul",
        "nulls",
        "tru",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{a:1}",
        "{\"a\" 1}",
        "[1 2]",
        "01",
        "-",
        "1.",
        "1.e3",
        "1e",
        "+1",
        "NaN",
        "Infinity",
        "'a'",
        "[1]]",
        "{}{}",
        "\u{feff}{}",
        "/* */ {}",
    ] {
        assert_eq!(Json::parse(invalid), None, "{invalid:?}");
    }
}

#[test]
fn the_last_of_repeated_keys_counts() {
    let json = Json::parse(r#"{"a":1,"b":2,"a":3}"#).unwrap_or(Json::Null);
    assert_eq!(json.get("a"), Some(&Json::Number("3")));
    assert_eq!(json.get("b"), Some(&Json::Number("2")));
    assert_eq!(json.get("c"), None);
    assert_eq!(Json::Null.get("a"), None);
}

#[test]
fn nesting_is_bounded() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let depth = usize::try_from(MAX_DEPTH).unwrap_or(0);
    assert!(Json::parse(&nested(depth)).is_some());
    assert_eq!(Json::parse(&nested(depth + 1)), None);
    // Deep enough to overflow the stack of a reader without the bound.
    assert_eq!(Json::parse(&nested(1_000_000)), None);
    let objects = format!("{}1{}", r#"{"a":"#.repeat(depth + 1), "}".repeat(depth + 1));
    assert_eq!(Json::parse(&objects), None);
}
