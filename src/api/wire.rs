//! The CrowdTwist wire format: turning a status and a body into [`Points`] or a [`PointsError`].
//!
//! Decoding is tolerant where the API is known to vary (see `API-NOTES.md`) and strict about the
//! fields the widget shows: `id` may be a number or a string; `notes` null or absent;
//! `date_created` absent, null, epoch seconds as a number or a string, or ISO 8601; unknown fields
//! are ignored; a missing `activities` means none. A malformed history entry is counted and
//! skipped instead of failing the whole answer.

use crate::api::error::PointsError;
use std::borrow::Cow;

use crate::api::json::{whole_number, Json, Reader};
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
    let mut decoding = Decoding::start(status, retry_after, body.to_owned(), now);
    loop {
        if let Some(result) = decoding.step(usize::MAX) {
            return result;
        }
    }
}

/// An answer being decoded a slice at a time, so that a long history (10,000 entries is a
/// megabyte) never holds the page's main thread for long: [`Decoding::step`] reads at most a
/// given number of history entries, and the caller yields to the browser between steps.
///
/// The outcome is exactly [`read_response_at`]'s (which runs the steps to the end), whatever the
/// slices: the whole answer is read and checked before there is any outcome, so a malformed
/// entry late in the history still counts as unreadable, and text that stops being JSON late
/// still fails the answer.
pub struct Decoding {
    status: u16,
    retry_after: Option<u32>,
    body: String,
    /// Where the reading stands.
    stage: Stage,
    /// The top-level members read so far: their key, and where their value is in `body` (`None`
    /// for an `activities` array, whose entries are decoded as they are read).
    members: Vec<(String, Option<(usize, usize)>)>,
    /// The entries of the last `activities` array read so far (the last member of a name is the
    /// one that counts, as in [`Json::get`]), and how many of its entries there were.
    activities: Vec<Activity>,
    entries: usize,
}

/// How far a [`Decoding`] has read.
enum Stage {
    /// Before the next member of the top-level object, at this byte.
    Member(usize),
    /// In an `activities` array, before its next entry.
    Entry(usize),
    /// After a member's value, before `,` or `}`.
    AfterMember(usize),
    /// Finished (an answer that is not an object is read at once).
    Done(Result<Points, PointsError>),
    /// The outcome was handed out.
    Taken,
}

impl Decoding {
    /// Starts decoding an HTTP answer (as [`read_response_at`] reads it, or [`read_response`] when
    /// `now` is `None`); nothing is read yet unless the body is not a JSON object.
    pub fn start(status: u16, retry_after: Option<&str>, body: String, now: Option<i64>) -> Self {
        let retry_after = retry_after.and_then(|value| parse_retry_after(value, now));
        let mut reader = Reader::resume(&body, 0, 0);
        // An object is read member by member; anything else is small, or an error, at once.
        let stage = if reader.next_byte() == Some(b'{') {
            Stage::Member(reader.at + 1)
        } else {
            Stage::Done(outcome(status, retry_after, &body, Json::parse(&body)))
        };
        Decoding {
            status,
            retry_after,
            body,
            stage,
            members: Vec::new(),
            activities: Vec::new(),
            entries: 0,
        }
    }

    /// Reads on, decoding at most `entries` history entries (other members are read whole);
    /// the outcome once the answer is read, `None` while there is more. After the outcome,
    /// `None`.
    pub fn step(&mut self, entries: usize) -> Option<Result<Points, PointsError>> {
        let mut budget = entries;
        loop {
            let next = match std::mem::replace(&mut self.stage, Stage::Taken) {
                Stage::Done(result) => return Some(result),
                Stage::Taken => return None,
                Stage::Member(at) => self.member(at),
                Stage::AfterMember(at) => self.after_member(at),
                Stage::Entry(at) => {
                    if budget == 0 {
                        self.stage = Stage::Entry(at);
                        return None;
                    }
                    budget -= 1;
                    self.entry(at)
                }
            };
            self.stage = next.unwrap_or_else(|| {
                Stage::Done(outcome(self.status, self.retry_after, &self.body, None))
            });
        }
    }

    /// At a member (after `{` or `,`): its key and value. `None` where the text is not JSON.
    fn member(&mut self, at: usize) -> Option<Stage> {
        let mut reader = Reader::resume(&self.body, at, 1);
        // `{}`: no members yet means just after `{` (after a `,`, a member must follow).
        if self.members.is_empty() && reader.eat(b'}') {
            return self.finish(reader.at);
        }
        let key = reader.key()?.into_owned();
        if key == "activities" && reader.next_byte() == Some(b'[') {
            reader.at += 1;
            self.members.push((key, None));
            self.activities.clear();
            self.entries = 0;
            if reader.eat(b']') {
                return Some(Stage::AfterMember(reader.at));
            }
            return Some(Stage::Entry(reader.at));
        }
        reader.space();
        let start = reader.at;
        reader.value()?;
        self.members.push((key, Some((start, reader.at))));
        Some(Stage::AfterMember(reader.at))
    }

    /// After a member's value: `,` and the next member, or `}` and the end.
    fn after_member(&mut self, at: usize) -> Option<Stage> {
        let mut reader = Reader::resume(&self.body, at, 1);
        if reader.eat(b',') {
            return Some(Stage::Member(reader.at));
        }
        if reader.eat(b'}') {
            return self.finish(reader.at);
        }
        None
    }

    /// At a history entry (after `[` or `,`): decoded, or counted as unreadable.
    fn entry(&mut self, at: usize) -> Option<Stage> {
        let mut reader = Reader::resume(&self.body, at, 2);
        let entry = reader.value()?;
        self.entries += 1;
        self.activities.extend(activity(&entry));
        if reader.eat(b',') {
            return Some(Stage::Entry(reader.at));
        }
        reader.eat(b']').then_some(Stage::AfterMember(reader.at))
    }

    /// After the top-level object's `}`: only whitespace may follow. The outcome.
    fn finish(&mut self, at: usize) -> Option<Stage> {
        let mut reader = Reader::resume(&self.body, at, 0);
        reader.space();
        if reader.at != self.body.len() {
            return None;
        }
        // The members as a tree again (each read once already), the history aside.
        let body = self.body.as_str();
        let mut members = Vec::with_capacity(self.members.len());
        for (key, range) in &self.members {
            let value = match range {
                Some((start, end)) => Json::parse(&body[*start..*end])?,
                None => Json::Array(Vec::new()),
            };
            members.push((Cow::Borrowed(key.as_str()), value));
        }
        let json = Json::Object(members);
        if let Some(api_error) = ApiErrorBody::from_json(&json) {
            return Some(Stage::Done(Err(
                api_error.into_error(self.status, self.retry_after)
            )));
        }
        if !(200..300).contains(&self.status) {
            return Some(Stage::Done(Err(PointsError::Http {
                status: self.status,
                retry_after: self.retry_after,
            })));
        }
        let history = History {
            activities: std::mem::take(&mut self.activities),
            entries: self.entries,
        };
        let status = self.status;
        Some(Stage::Done(
            decode_points(&json, Some(history))
                .map_err(|detail| PointsError::Decode { status, detail }),
        ))
    }
}

/// What an answer that is not read member by member comes to (`json`: the body read whole, or
/// `None` when it is not JSON).
fn outcome(
    status: u16,
    retry_after: Option<u32>,
    body: &str,
    json: Option<Json>,
) -> Result<Points, PointsError> {
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
        Some(json) => {
            decode_points(&json, None).map_err(|detail| PointsError::Decode { status, detail })
        }
        None => Err(PointsError::Decode {
            status,
            detail: describe_non_json(body),
        }),
    }
}

/// A history decoded entry by entry: the readable entries, and how many there were in all.
struct History {
    activities: Vec<Activity>,
    entries: usize,
}

/// Decodes a successful body (its `activities` array already decoded when `history` is given).
/// The error is a short description for the page's developer.
fn decode_points(json: &Json, history: Option<History>) -> Result<Points, String> {
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
    let History {
        mut activities,
        entries,
    } = match (field("activities"), history) {
        (None, _) => History {
            activities: Vec::new(),
            entries: 0,
        },
        // The array stands for the history decoded entry by entry.
        (Some(Json::Array(_)), Some(history)) => history,
        (Some(Json::Array(entries)), None) => History {
            activities: entries.iter().filter_map(activity).collect(),
            entries: entries.len(),
        },
        (Some(_), _) => return Err("activities: expected an array".to_owned()),
    };
    let unreadable_activities = entries - activities.len();
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

// Native only: proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    use super::*;

    /// The reference: the body read whole into a tree, then decoded (the reading before the
    /// history was decoded in slices).
    fn whole(status: u16, body: &str) -> Result<Points, PointsError> {
        outcome(status, None, body, Json::parse(body))
    }

    /// Decodes `body` a few entries per step (`sizes` in turn, 0 included).
    fn sliced(status: u16, body: &str, sizes: &[usize]) -> Result<Points, PointsError> {
        let mut decoding = Decoding::start(status, None, body.to_owned(), None);
        for size in sizes.iter().cycle() {
            if let Some(result) = decoding.step(*size) {
                assert_eq!(decoding.step(1), None, "one outcome only");
                return result;
            }
        }
        unreachable!("sizes is not empty")
    }

    const KEYS: [&str; 13] = [
        "activities",
        "total_points",
        "redeemable_points",
        "num_points_purchased",
        "id",
        "fan_level",
        "error",
        "message",
        "name",
        "num_points",
        "notes",
        "date_created",
        "activ\\u0069ties",
    ];

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-5i64..2_000_000_000).prop_map(Value::from),
            Just(Value::from(1.5)),
            "[a-z 0-9]{0,6}".prop_map(Value::String),
            Just(Value::String("1460793600".into())),
            Just(Value::String("2016-04-16T08:00:00Z".into())),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        leaf().prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((0..KEYS.len(), inner), 0..8).prop_map(|members| {
                    Value::Object(
                        members
                            .into_iter()
                            .map(|(k, v)| (KEYS[k].replace("\\u0069", "i"), v))
                            .collect::<Map<_, _>>(),
                    )
                }),
            ]
        })
    }

    /// A history entry, or something else in its place.
    fn entry() -> impl Strategy<Value = Value> {
        prop_oneof![
            3 => (leaf(), leaf(), leaf(), leaf()).prop_map(|(name, points, notes, date)| {
                serde_json::json!({
                    "name": name, "num_points": points, "notes": notes, "date_created": date
                })
            }),
            3 => ("[a-z]{1,5}", -100i64..100, 0i64..2_000_000_000).prop_map(|(n, p, d)| {
                serde_json::json!({ "name": n, "num_points": p, "date_created": d })
            }),
            1 => value(),
        ]
    }

    /// A member to add: any key and value, or a history (`activities`, key escaped or not).
    fn member() -> impl Strategy<Value = (usize, Value)> {
        prop_oneof![
            (0..KEYS.len(), value()),
            (
                prop_oneof![Just(0), Just(KEYS.len() - 1)],
                prop::collection::vec(entry(), 0..12)
            )
                .prop_map(|(key, entries)| (key, Value::Array(entries))),
        ]
    }

    /// JSON text of a value, its members sometimes repeated or with escaped keys, sometimes
    /// spoiled by a cut or an inserted character.
    fn body() -> impl Strategy<Value = String> {
        let figure = || prop_oneof![4 => (-5i64..1_000_000).prop_map(Value::from), 1 => leaf()];
        let points = (figure(), figure(), leaf()).prop_map(|(total, redeemable, fan_level)| {
            serde_json::json!({
                "total_points": total, "redeemable_points": redeemable, "fan_level": fan_level
            })
        });
        (
            prop_oneof![1 => value(), 3 => points],
            prop::collection::vec(member(), 0..4),
            any::<bool>(),
            prop::option::of((
                any::<prop::sample::Index>(),
                prop::option::of(any::<char>()),
            )),
        )
            .prop_map(|(value, extra, pretty, spoil)| {
                let mut text = if pretty {
                    serde_json::to_string_pretty(&value).unwrap_or_default()
                } else {
                    value.to_string()
                };
                if text.starts_with('{') {
                    let members: String = extra
                        .iter()
                        .map(|(k, v)| format!("\"{}\": {v}, ", KEYS[*k]))
                        .collect();
                    if text == "{}" {
                        text = format!("{{{}}}", members.trim_end_matches([',', ' ']));
                    } else {
                        text.insert_str(1, &members);
                    }
                }
                if let Some((at, insert)) = spoil {
                    let mut chars: Vec<char> = text.chars().collect();
                    let at = at.index(chars.len() + 1);
                    match insert {
                        Some(c) => chars.insert(at, c),
                        None => chars.truncate(at),
                    }
                    text = chars.into_iter().collect();
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn sliced_decoding_is_whole_decoding(
            body in body(),
            status in prop_oneof![Just(200u16), Just(404), Just(500)],
            sizes in prop::collection::vec(0usize..4, 1..4),
        ) {
            prop_assume!(sizes.iter().any(|&s| s > 0));
            let expected = whole(status, &body);
            prop_assert_eq!(&sliced(status, &body, &sizes), &expected, "{}", body);
            prop_assert_eq!(&read_response(status, None, &body), &expected, "{}", body);
        }
    }

    #[test]
    fn a_long_history_is_read_in_slices() {
        let entry = r#"{"name":"purchase","num_points":10,"date_created":1460793600}"#;
        let mut entries = vec![entry; 1000];
        entries[997] = r#"{"name":"broken","num_points":"ten"}"#;
        let body = format!(
            r#"{{"total_points":1,"redeemable_points":1,"activities":[{}],"fan_level":"Fan"}}"#,
            entries.join(",")
        );
        let mut decoding = Decoding::start(200, None, body.clone(), None);
        let mut steps = 0;
        let points = loop {
            steps += 1;
            if let Some(result) = decoding.step(100) {
                break result.expect("points");
            }
        };
        assert_eq!(
            steps, 10,
            "ten slices of 100 entries, the last one finishing the answer"
        );
        assert_eq!(points.activities.len(), 999);
        assert_eq!(
            points.unreadable_activities, 1,
            "the entry near the end is counted"
        );
        assert_eq!(
            points.fan_level.as_deref(),
            Some("Fan"),
            "members after the history"
        );
        assert_eq!(Ok(points), whole(200, &body));
    }

    #[test]
    fn text_that_stops_being_json_late_fails_the_answer() {
        let entry = r#"{"name":"purchase","num_points":10}"#;
        let body = format!(
            r#"{{"total_points":1,"redeemable_points":1,"activities":[{}]"#,
            vec![entry; 500].join(",")
        );
        let error = sliced(200, &body, &[7]).expect_err("cut short");
        assert_eq!(error, whole(200, &body).expect_err("cut short"));
        assert!(matches!(error, PointsError::Decode { status: 200, .. }));
    }
}
