//! Only the contract leaves the proxy.
//!
//! A successful upstream body is re-serialised with the seed's fields only (`id`,
//! `total_points`, `redeemable_points`, `num_points_purchased`, `activities` with `name`,
//! `num_points`, `notes` and `date_created`, and `fan_level`): whatever else CrowdTwist sends
//! (more personal fields as the API grows) stays on the server. Each kept value is passed on as
//! received where the badge tolerates variants (`id` as number or string, `date_created` as
//! number, numeric string or ISO string). An error keeps `error` and `message`, with the api_key
//! removed from both. The api_key is removed from every string that leaves, in the forms a
//! message could carry it (as is, and percent-encoded).

use std::borrow::Cow;

use axum::body::Bytes;
use serde_json::{Map, Value};

/// The fields of a points answer, in the seed's order.
const POINTS_FIELDS: [&str; 6] = [
    "id",
    "total_points",
    "redeemable_points",
    "num_points_purchased",
    "activities",
    "fan_level",
];

/// The fields of one activity, in the seed's order.
const ACTIVITY_FIELDS: [&str; 4] = ["name", "num_points", "notes", "date_created"];

/// What replaces the api_key in a string.
const REDACTED: &str = "[redacted]";

/// Removes the api_key from text.
#[derive(Clone)]
pub struct Redactor {
    /// The key as is and its percent-encoded forms, longest first, none empty.
    forms: Vec<String>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redactor(<api_key>)")
    }
}

impl Redactor {
    /// A redactor for `api_key`.
    pub fn new(api_key: &str) -> Self {
        let mut forms = vec![
            api_key.to_owned(),
            encode(api_key, false, false),
            encode(api_key, true, false),
            encode(api_key, false, true),
            encode(api_key, true, true),
        ];
        forms.retain(|form| !form.is_empty());
        forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
        forms.dedup();
        Redactor { forms }
    }

    /// `text` with every form of the key replaced by `[redacted]`.
    pub fn clean<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut text = Cow::Borrowed(text);
        for form in &self.forms {
            if text.contains(form.as_str()) {
                text = Cow::Owned(text.replace(form.as_str(), REDACTED));
            }
        }
        text
    }

    /// Whether `text` holds the key in any known form.
    pub fn finds_key_in(&self, text: &str) -> bool {
        self.forms.iter().any(|form| text.contains(form.as_str()))
    }
}

/// Percent-encodes every byte but RFC 3986's unreserved characters, in lower or upper case hex,
/// with spaces as `+` (form encoding) or `%20`.
fn encode(text: &str, lower: bool, plus_for_space: bool) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else if byte == b' ' && plus_for_space {
            out.push('+');
        } else if lower {
            out.push_str(&format!("%{byte:02x}"));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A successful body, cut down to the contract; `None` when it is not a JSON object.
pub fn points_body(json: &Value, redactor: &Redactor) -> Option<Bytes> {
    let points = json.as_object()?;
    let mut out = Map::new();
    for field in POINTS_FIELDS {
        let Some(value) = points.get(field) else {
            continue;
        };
        let kept = if field == "activities" {
            match value {
                Value::Array(entries) => Some(Value::Array(
                    entries.iter().map(|e| activity(e, redactor)).collect(),
                )),
                other => scalar(other, redactor),
            }
        } else {
            scalar(value, redactor)
        };
        if let Some(kept) = kept {
            out.insert(field.to_owned(), kept);
        }
    }
    serde_json::to_vec(&Value::Object(out))
        .ok()
        .map(Bytes::from)
}

/// One history entry cut down to the contract. An entry that is not an object becomes `null`:
/// the badge counts it as unreadable, as it would have counted the original.
fn activity(entry: &Value, redactor: &Redactor) -> Value {
    let Some(entry) = entry.as_object() else {
        return Value::Null;
    };
    let mut out = Map::new();
    for field in ACTIVITY_FIELDS {
        if let Some(kept) = entry.get(field).and_then(|v| scalar(v, redactor)) {
            out.insert(field.to_owned(), kept);
        }
    }
    Value::Object(out)
}

/// A scalar kept as received (strings cleaned of the key); arrays and objects, which no contract
/// field is, are dropped.
fn scalar(value: &Value, redactor: &Redactor) -> Option<Value> {
    match value {
        Value::String(text) => Some(Value::String(redactor.clean(text).into_owned())),
        Value::Null | Value::Bool(_) | Value::Number(_) => Some(value.clone()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// The API's error shape in `json`: `error` (a string) and `message` (a string, or none), both
/// cleaned of the key.
pub fn error_fields(json: &Value, redactor: &Redactor) -> Option<(String, Option<String>)> {
    let code = json.get("error")?.as_str()?;
    let message = json
        .get("message")
        .and_then(Value::as_str)
        .map(|m| redactor.clean(m).into_owned());
    Some((redactor.clean(code).into_owned(), message))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn cut(value: Value) -> Value {
        let body = points_body(&value, &Redactor::new("K3Y/+ =x")).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    #[test]
    fn only_the_seeds_fields_are_kept_in_the_seeds_order() {
        let upstream = json!({
            "email": "alice@crowdtwist.com", "birthday": "1990-01-01",
            "fan_level": "New Fan", "id": 16, "total_points": 1000, "redeemable_points": 1000,
            "num_points_purchased": 0, "address": { "city": "Springfield" },
            "activities": [{ "name": "user registration", "num_points": 1000, "notes": null,
                             "date_created": 1460793600, "ip": "10.0.0.1" }]
        });
        let body = points_body(&upstream, &Redactor::new("k")).unwrap();
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            r#"{"id":16,"total_points":1000,"redeemable_points":1000,"num_points_purchased":0,"activities":[{"name":"user registration","num_points":1000,"notes":null,"date_created":1460793600}],"fan_level":"New Fan"}"#
        );
    }

    #[test]
    fn tolerated_variants_pass_as_received() {
        let out = cut(json!({
            "id": "16", "total_points": 1000.0, "redeemable_points": 5,
            "activities": [
                { "name": "a", "num_points": 1, "date_created": "1425404945" },
                { "name": "b", "num_points": 2, "date_created": "2016-04-16T08:00:00Z" },
                { "name": "c", "num_points": 3 },
                "not an entry",
                { "name": { "nested": true }, "num_points": 4 }
            ]
        }));
        assert_eq!(out["id"], "16");
        assert_eq!(out["total_points"], 1000.0);
        assert_eq!(out["activities"][0]["date_created"], "1425404945");
        assert_eq!(out["activities"][1]["date_created"], "2016-04-16T08:00:00Z");
        assert!(out["activities"][2].get("date_created").is_none());
        assert_eq!(out["activities"][3], Value::Null);
        assert_eq!(out["activities"][4], json!({ "num_points": 4 }));
        assert!(out.get("num_points_purchased").is_none());
    }

    #[test]
    fn not_an_object_is_refused() {
        for value in [json!([]), json!("x"), json!(null), json!(1)] {
            assert!(
                points_body(&value, &Redactor::new("k")).is_none(),
                "{value}"
            );
        }
    }

    #[test]
    fn the_key_is_removed_in_every_form() {
        let key = "K3Y/+ =x";
        let redactor = Redactor::new(key);
        for leaked in [
            "K3Y/+ =x",
            "K3Y%2F%2B%20%3Dx",
            "K3Y%2f%2b%20%3dx",
            "K3Y%2F%2B+%3Dx",
            "K3Y%2f%2b+%3dx",
        ] {
            let message = format!("Invalid api_key={leaked}&id_type=email.");
            let cleaned = redactor.clean(&message);
            assert_eq!(
                cleaned, "Invalid api_key=[redacted]&id_type=email.",
                "{leaked}"
            );
            assert!(!redactor.finds_key_in(&cleaned));
        }
        let (code, message) = error_fields(
            &json!({ "error": "bad_key_K3Y/+ =x", "message": "key K3Y/+ =x" }),
            &redactor,
        )
        .unwrap();
        assert_eq!(code, "bad_key_[redacted]");
        assert_eq!(message.as_deref(), Some("key [redacted]"));
        let out = cut(
            json!({ "total_points": 1, "redeemable_points": 1, "fan_level": key,
                              "activities": [{ "name": "x", "num_points": 1, "notes": key }] }),
        );
        assert!(!out.to_string().contains("K3Y"), "{out}");
    }
}
