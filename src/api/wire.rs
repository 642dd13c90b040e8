//! The CrowdTwist wire format: turning a status and a body into [`Points`] or a [`PointsError`].
//!
//! Decoding is tolerant where the API is known to vary (see `API-NOTES.md`) and strict about the
//! fields the widget shows: `id` may be a number or a string; `notes` null or absent;
//! `date_created` absent, null, epoch seconds as a number or a string, or ISO 8601; unknown fields
//! are ignored; a missing `activities` means none. A malformed history entry is counted and
//! skipped instead of failing the whole answer.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::api::error::PointsError;
use crate::api::model::{sort_newest_first, Activity, Points};
use crate::api::retry::parse_retry_after;
use crate::api::time::Timestamp;

/// Reads an HTTP answer: a 2xx body is decoded as points, anything else is classified as an
/// error. `retry_after` is the raw `Retry-After` header, if any; its HTTP-date form needs a clock,
/// so only [`read_response_at`] honours it.
pub fn read_response(
    status: u16,
    retry_after: Option<&str>,
    body: &str,
) -> Result<Points, PointsError> {
    read(status, retry_after, body, None)
}

/// [`read_response`] for an answer received at `now` (Unix seconds: the answer's own `Date`
/// header when it has one, else the local clock), so that a `Retry-After` date counts too.
pub fn read_response_at(
    status: u16,
    retry_after: Option<&str>,
    body: &str,
    now: i64,
) -> Result<Points, PointsError> {
    read(status, retry_after, body, Some(now))
}

fn read(
    status: u16,
    retry_after: Option<&str>,
    body: &str,
    now: Option<i64>,
) -> Result<Points, PointsError> {
    let retry_after = retry_after.and_then(|value| parse_retry_after(value, now));
    let json = serde_json::from_str::<Value>(body).ok();
    let api_error = json.as_ref().and_then(ApiErrorBody::from_json);
    if let Some(api_error) = api_error {
        return Err(api_error.into_error(status, retry_after));
    }
    if !(200..300).contains(&status) {
        return Err(PointsError::Http {
            status,
            retry_after,
        });
    }
    match json {
        Some(json) => decode_points(&json).map_err(|detail| PointsError::Decode { status, detail }),
        None => Err(PointsError::Decode {
            status,
            detail: describe_non_json(body),
        }),
    }
}

/// Decodes a successful body. The error is a short description for the page's developer.
fn decode_points(json: &Value) -> Result<Points, String> {
    if !json.is_object() {
        return Err(format!("expected a JSON object, found {}", json_type(json)));
    }
    let wire = WirePoints::deserialize(json).map_err(|e| e.to_string())?;
    let mut activities = Vec::new();
    let mut unreadable_activities = 0;
    for entry in wire.activities.unwrap_or_default() {
        match WireActivity::deserialize(&entry) {
            Ok(activity) => activities.push(activity.into_activity()),
            Err(_) => unreadable_activities += 1,
        }
    }
    sort_newest_first(&mut activities);
    Ok(Points {
        id: wire.id.map(|id| id.0),
        total_points: wire.total_points.0,
        redeemable_points: wire.redeemable_points.0,
        num_points_purchased: wire.num_points_purchased.map(|n| n.0),
        fan_level: wire.fan_level.and_then(non_blank),
        activities,
        unreadable_activities,
    })
}

/// The API's error body, `{ "error": "param_error", "message": "User does not exist." }`.
struct ApiErrorBody {
    code: String,
    message: String,
}

impl ApiErrorBody {
    /// An object whose `error` is a string; `message` may be missing.
    fn from_json(json: &Value) -> Option<Self> {
        let code = json.get("error")?.as_str()?.to_owned();
        let message = json
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Some(ApiErrorBody { code, message })
    }

    fn into_error(self, status: u16, retry_after: Option<u32>) -> PointsError {
        // The member-token answers of loyalty-server (token_required, token_invalid,
        // token_expired), whatever their status: a fresh token helps, asking again does not.
        if self.code.starts_with("token_") {
            return PointsError::Forbidden {
                status,
                code: self.code,
            };
        }
        // "User does not exist" has been seen as param_error (400) and as page_not_found (404).
        let not_found = self.code == "page_not_found"
            || status == 404
            || self
                .message
                .to_ascii_lowercase()
                .contains("user does not exist");
        if not_found {
            PointsError::NotFound {
                status,
                code: Some(self.code),
            }
        } else {
            PointsError::Api {
                status,
                code: self.code,
                message: self.message,
                retry_after,
            }
        }
    }
}

fn describe_non_json(body: &str) -> String {
    let start = body.trim_start();
    if start.is_empty() {
        "the answer was empty".to_owned()
    } else if start.starts_with('<') {
        "the answer was an HTML page, not JSON".to_owned()
    } else {
        "the answer was not valid JSON".to_owned()
    }
}

fn json_type(json: &Value) -> &'static str {
    match json {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn non_blank(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

#[derive(Deserialize)]
struct WirePoints {
    #[serde(default)]
    id: Option<FlexibleId>,
    total_points: WholeNumber,
    redeemable_points: WholeNumber,
    #[serde(default)]
    num_points_purchased: Option<WholeNumber>,
    #[serde(default)]
    fan_level: Option<String>,
    #[serde(default)]
    activities: Option<Vec<Value>>,
}

#[derive(Deserialize)]
struct WireActivity {
    name: String,
    num_points: WholeNumber,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    date_created: Option<FlexibleDate>,
}

impl WireActivity {
    fn into_activity(self) -> Activity {
        Activity {
            name: self.name,
            num_points: self.num_points.0,
            notes: self.notes.and_then(non_blank),
            date: self.date_created.and_then(|d| d.0),
        }
    }
}

/// An integer, also accepted as a float with no fractional part (`1000.0`).
struct WholeNumber(i64);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WholeNumberVisitor;
        impl Visitor<'_> for WholeNumberVisitor {
            type Value = WholeNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(WholeNumber(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v)
                    .map(WholeNumber)
                    .map_err(|_| E::custom(format!("{v} is too large")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                whole(v)
                    .map(WholeNumber)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
        deserializer.deserialize_any(WholeNumberVisitor)
    }
}

/// A float with no fractional part, within `i64`.
fn whole(v: f64) -> Option<i64> {
    // 2^63 as f64; beyond it (and for NaN) the cast would saturate.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (v.fract() == 0.0 && v.abs() < LIMIT).then_some(v as i64)
}

/// The member id, documented as a string and sent as a number.
struct FlexibleId(String);

impl<'de> Deserialize<'de> for FlexibleId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlexibleIdVisitor;
        impl Visitor<'_> for FlexibleIdVisitor {
            type Value = FlexibleId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id (a string or a number)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(FlexibleId(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(FlexibleId(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(FlexibleId(v.to_string()))
            }
        }
        deserializer.deserialize_any(FlexibleIdVisitor)
    }
}

/// `date_created`: epoch seconds as a number or a numeric string, or ISO 8601 text. An empty
/// string means no date.
struct FlexibleDate(Option<Timestamp>);

impl<'de> Deserialize<'de> for FlexibleDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlexibleDateVisitor;
        impl FlexibleDateVisitor {
            fn seconds<E: de::Error>(self, seconds: i64) -> Result<FlexibleDate, E> {
                Timestamp::from_epoch_seconds(seconds)
                    .map(|t| FlexibleDate(Some(t)))
                    .ok_or_else(|| E::custom(format!("date {seconds} is out of range")))
            }
        }
        impl Visitor<'_> for FlexibleDateVisitor {
            type Value = FlexibleDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("epoch seconds or an ISO 8601 date")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                self.seconds(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                self.seconds(i64::try_from(v).map_err(|_| E::custom("date out of range"))?)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                match whole(v) {
                    Some(seconds) => self.seconds(seconds),
                    None => Err(E::invalid_value(de::Unexpected::Float(v), &self)),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let text = v.trim();
                if text.is_empty() {
                    return Ok(FlexibleDate(None));
                }
                if let Ok(seconds) = text.parse::<i64>() {
                    return self.seconds(seconds);
                }
                Timestamp::parse_iso8601(text)
                    .map(|t| FlexibleDate(Some(t)))
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(FlexibleDateVisitor)
    }
}
