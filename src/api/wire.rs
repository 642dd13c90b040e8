//! The CrowdTwist wire format: turning a status and a body into [`Points`] or a [`PointsError`].
//!
//! Decoding is tolerant where the API is known to vary (see `API-NOTES.md`) and strict about the
//! fields the widget shows: `id` may be a number or a string; `notes` null or absent;
//! `date_created` absent, null, epoch seconds as a number or a string, or ISO 8601; unknown fields
//! are ignored; a missing `activities` means none. A malformed history entry is counted and
//! skipped instead of failing the whole answer.

use crate::api::error::PointsError;
use crate::api::json::{whole_number, Json};
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
    let json = Json::parse(body);
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
fn decode_points(json: &Json) -> Result<Points, String> {
    if !matches!(json, Json::Object(_)) {
        return Err(["expected a JSON object, found ", json.kind()].concat());
    }
    let field = |name: &'static str| present(json.get(name));
    let figure = |name: &'static str| match field(name) {
        Some(value) => whole(value).ok_or_else(|| [name, ": expected a whole number"].concat()),
        None => Err([name, ": missing"].concat()),
    };
    let total_points = figure("total_points")?;
    let redeemable_points = figure("redeemable_points")?;
    let num_points_purchased = field("num_points_purchased")
        .map(|_| figure("num_points_purchased"))
        .transpose()?;
    let id = field("id")
        .map(|value| id(value).ok_or("id: expected a string or an integer"))
        .transpose()?;
    let fan_level = field("fan_level")
        .map(|value| value.as_str().ok_or("fan_level: expected a string"))
        .transpose()?;
    let entries = match field("activities") {
        None => &[][..],
        Some(Json::Array(entries)) => entries,
        Some(_) => return Err("activities: expected an array".to_owned()),
    };
    let mut activities = Vec::with_capacity(entries.len());
    for entry in entries {
        activities.extend(activity(entry));
    }
    let unreadable_activities = entries.len() - activities.len();
    sort_newest_first(&mut activities);
    Ok(Points {
        id,
        total_points,
        redeemable_points,
        num_points_purchased,
        fan_level: fan_level.and_then(non_blank),
        activities,
        unreadable_activities,
    })
}

/// One history entry, or `None` when it is malformed (it is then counted, not shown).
fn activity(entry: &Json) -> Option<Activity> {
    let field = |name| present(entry.get(name));
    let notes = match field("notes") {
        None => None,
        Some(notes) => non_blank(notes.as_str()?),
    };
    let date = match field("date_created") {
        None => None,
        Some(date) => date_created(date)?,
    };
    Some(Activity {
        name: entry.get("name")?.as_str()?.to_owned(),
        num_points: whole(entry.get("num_points")?)?,
        notes,
        date,
    })
}

/// A field that is there and not `null`.
fn present<'j, 'a>(value: Option<&'j Json<'a>>) -> Option<&'j Json<'a>> {
    value.filter(|value| !matches!(value, Json::Null))
}

/// A number with no fractional part, within `i64` (`1000`, also `1000.0`).
fn whole(value: &Json) -> Option<i64> {
    match value {
        Json::Number(number) => whole_number(number),
        _ => None,
    }
}

/// The member id, documented as a string and sent as a number (an integer, written as such).
fn id(value: &Json) -> Option<String> {
    match value {
        Json::String(text) => Some(text.to_string()),
        Json::Number(number) => {
            let digits = number.strip_prefix('-').unwrap_or(number);
            let integer = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            // Within `u64` or `i64`, as the API's ids are; `-0` is `0`.
            let fits = number.parse::<i64>().is_ok() || number.parse::<u64>().is_ok();
            (integer && fits).then(|| if *number == "-0" { "0" } else { number }.to_owned())
        }
        _ => None,
    }
}

/// `date_created`: epoch seconds as a whole number or a numeric string, or ISO 8601 text. An
/// empty string means no date. `None` when it is none of these (or out of range).
fn date_created(value: &Json) -> Option<Option<Timestamp>> {
    let seconds = match value {
        Json::Number(_) => whole(value)?,
        Json::String(text) => {
            let text = text.trim();
            if text.is_empty() {
                return Some(None);
            }
            match text.parse::<i64>() {
                Ok(seconds) => seconds,
                Err(_) => return Timestamp::parse_iso8601(text).map(Some),
            }
        }
        _ => return None,
    };
    Timestamp::from_epoch_seconds(seconds).map(Some)
}

/// The API's error body, `{ "error": "param_error", "message": "User does not exist." }`.
struct ApiErrorBody {
    code: String,
    message: String,
}

impl ApiErrorBody {
    /// An object whose `error` is a string; `message` may be missing.
    fn from_json(json: &Json) -> Option<Self> {
        let code = json.get("error")?.as_str()?.to_owned();
        let message = json
            .get("message")
            .and_then(Json::as_str)
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

fn non_blank(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}
