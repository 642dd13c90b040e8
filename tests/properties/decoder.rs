//! The decoder: whatever the answer, points or a typed error, never a panic.

use loyalty_badge::api::json::{whole_number, Json};
use loyalty_badge::api::retry::MAX_RETRY_AFTER_S;
use loyalty_badge::wire::{read_response, read_response_at};
use loyalty_badge::{ErrorKind, Points, PointsError};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Map, Value};

use crate::native::run;
use crate::strategies::{Gen, Generated};

const ANY_JSON: u32 = 20_000;
const POINTS_SHAPED: u32 = 20_000;
const SEED_MUTATED: u32 = 20_000;
const SEED_TEXT: u32 = 10_000;
const READER: u32 = 20_000;

const SEED_RESPONSE: &str = include_str!("../fixtures/seed-response.json");

/// What holds for every answer, whatever it is.
fn check_answer(status: u16, result: &Result<Points, PointsError>) -> Result<(), TestCaseError> {
    match result {
        Ok(points) => {
            prop_assert!((200..300).contains(&status), "points from a {status}");
            let dates: Vec<_> = points.activities.iter().map(|a| a.date).collect();
            let mut sorted = dates.clone();
            sorted.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(dates, sorted, "the history is newest first, undated last");
            prop_assert!(points
                .fan_level
                .as_ref()
                .is_none_or(|f| !f.trim().is_empty()));
        }
        Err(error) => {
            prop_assert!(!error.to_string().is_empty());
            prop_assert!(!matches!(
                error.kind(),
                ErrorKind::InvalidInput | ErrorKind::Network | ErrorKind::Timeout
            ));
            prop_assert_eq!(error.status(), Some(status));
            prop_assert!(error.retry_after().is_none_or(|s| s <= MAX_RETRY_AFTER_S));
            if error.kind() == ErrorKind::Decode {
                prop_assert!((200..300).contains(&status));
            }
        }
    }
    Ok(())
}

pub fn any_json_is_points_or_a_typed_error() -> bool {
    let answer = Generated(|g: &mut Gen| (g.json(5), g.status(), g.retry_after()));
    run(
        "any JSON, any status, any Retry-After: points or a typed error",
        ANY_JSON,
        answer,
        |(json, status, retry_after)| {
            let body = json.to_string();
            let result = read_response(status, retry_after.as_deref(), &body);
            check_answer(status, &result)?;
            let at = read_response_at(status, retry_after.as_deref(), &body, 784_111_000);
            check_answer(status, &at)
        },
    )
}

/// An object with some of the points fields, each with any value; activities with some of the
/// activity fields.
fn points_shaped(g: &mut Gen) -> Value {
    let figure = |g: &mut Gen| {
        if g.one_in(4) {
            g.leaf()
        } else {
            g.number()
        }
    };
    let activities = if g.one_in(5) {
        g.leaf()
    } else {
        let len = g.below(9);
        Value::Array(
            (0..len)
                .map(|_| {
                    object([
                        (
                            "name",
                            g.maybe(|g| if g.one_in(5) { g.json(2) } else { g.leaf() }),
                        ),
                        ("num_points", g.maybe(figure)),
                        ("notes", g.maybe(Gen::leaf)),
                        ("date_created", g.maybe(Gen::leaf)),
                    ])
                })
                .collect(),
        )
    };
    object([
        ("id", g.maybe(Gen::leaf)),
        ("total_points", g.maybe(figure)),
        ("redeemable_points", g.maybe(figure)),
        ("num_points_purchased", g.maybe(figure)),
        ("fan_level", g.maybe(Gen::leaf)),
        ("activities", Some(activities)),
    ])
}

fn object<const N: usize>(fields: [(&str, Option<Value>); N]) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| (name.to_owned(), v)))
            .collect::<Map<_, _>>(),
    )
}

pub fn points_shaped_answers_decode_or_say_why() -> bool {
    run(
        "objects shaped like points with any values: points or a decode error, no entry lost",
        POINTS_SHAPED,
        Generated(points_shaped),
        |json| {
            let body = json.to_string();
            let result = read_response(200, None, &body);
            check_answer(200, &result)?;
            match &result {
                Ok(points) => {
                    // Every entry is shown or counted, never lost silently.
                    let sent = json["activities"].as_array().map_or(0, Vec::len);
                    prop_assert_eq!(points.activities.len() + points.unreadable_activities, sent);
                }
                Err(error) => prop_assert_eq!(error.kind(), ErrorKind::Decode),
            }
            Ok(())
        },
    )
}

/// One way to spoil an answer.
#[derive(Clone, Debug)]
enum Mutation {
    Remove,
    Retype(Value),
    Null,
    Huge(Value),
    Nest { depth: usize, in_objects: bool },
    LongString { chars: usize, with: char },
    Duplicate(Value),
}

fn mutation(g: &mut Gen) -> Mutation {
    match g.below(15) {
        0..=2 => Mutation::Remove,
        3..=5 => Mutation::Retype(g.json(3)),
        6 | 7 => Mutation::Null,
        8 | 9 => Mutation::Huge(g.pick(&[
            json!(1.0e308),
            json!(-1.0e308),
            json!(18_446_744_073_709_551_615u64),
            json!(-9_223_372_036_854_775_808i64),
            json!(9.3e18),
            json!(1.5),
            json!(-0.5),
        ])),
        10 | 11 => Mutation::Nest {
            depth: g.pick(&[1, 2, 3, 5, 8, 15, 127, 129]),
            in_objects: g.one_in(2),
        },
        12 => Mutation::LongString {
            chars: if g.one_in(20) {
                100_000
            } else {
                g.below(2_000)
            },
            with: g.char(),
        },
        _ => Mutation::Duplicate(g.leaf()),
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

/// The paths to every value in `value` (object keys and array indexes), down to 8 levels: a
/// mutation deeper inside something already nested 300 deep adds nothing but time.
fn paths(value: &Value, prefix: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(prefix.clone());
    if prefix.len() >= 8 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                prefix.push(PathStep::Key(k.clone()));
                paths(v, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                prefix.push(PathStep::Index(i));
                paths(v, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'a>(value: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        PathStep::Key(k) => value.get_mut(k.as_str()),
        PathStep::Index(i) => value.get_mut(*i),
    })
}

/// Applies `mutation` at `path`. A duplicate key cannot be held by a JSON value: it comes back
/// as text to write after the object's `{`.
fn mutate(value: &mut Value, path: &[PathStep], mutation: &Mutation) -> Option<String> {
    let (parent_path, last) = match path.split_last() {
        Some((last, parent)) => (parent, Some(last)),
        None => (path, None),
    };
    match mutation {
        Mutation::Remove => match (at_path(value, parent_path)?, last?) {
            (Value::Object(map), PathStep::Key(k)) => {
                map.remove(k);
            }
            (Value::Array(items), PathStep::Index(i)) if *i < items.len() => {
                items.remove(*i);
            }
            _ => {}
        },
        Mutation::Retype(new) | Mutation::Huge(new) => *at_path(value, path)? = new.clone(),
        Mutation::Null => *at_path(value, path)? = Value::Null,
        Mutation::Nest { depth, in_objects } => {
            let target = at_path(value, path)?;
            let mut nested = target.take();
            for _ in 0..*depth {
                nested = if *in_objects {
                    json!({ "total_points": nested })
                } else {
                    json!([nested])
                };
            }
            *target = nested;
        }
        Mutation::LongString { chars, with } => {
            *at_path(value, path)? = Value::String(std::iter::repeat_n(*with, *chars).collect());
        }
        Mutation::Duplicate(new) => {
            let PathStep::Key(key) = last? else {
                return None;
            };
            // Only a top-level key is duplicated here: the text is written after the first `{`.
            return (path.len() == 1).then(|| format!("{}:{},", Value::String(key.clone()), new));
        }
    }
    None
}

pub fn the_seed_mutated_decodes_or_says_why() -> bool {
    let seed: Value = serde_json::from_str(SEED_RESPONSE).unwrap_or(Value::Null);
    let mutations = Generated(|g: &mut Gen| {
        let count = 1 + g.below(3);
        (0..count)
            .map(|_| (g.bits_index(), mutation(g)))
            .collect::<Vec<_>>()
    });
    run(
        "the seed's sample with fields removed, retyped, nulled, duplicated, huge, deeply \
         nested or very long: points or a decode error",
        SEED_MUTATED,
        mutations,
        |mutations| {
            let mut value = seed.clone();
            let mut duplicates = String::new();
            for (index, mutation) in &mutations {
                let mut all = Vec::new();
                paths(&value, &mut Vec::new(), &mut all);
                let path = all
                    .get(index % all.len().max(1))
                    .cloned()
                    .unwrap_or_default();
                if let Some(extra) = mutate(&mut value, &path, mutation) {
                    duplicates.push_str(&extra);
                }
            }
            let mut body = value.to_string();
            if body.starts_with('{') && !duplicates.is_empty() {
                body.insert_str(1, &duplicates);
                if body.ends_with(",}") {
                    body.replace_range(body.len() - 2.., "}");
                }
            }
            let result = read_response(200, None, &body);
            check_answer(200, &result)?;
            // Only a top-level "error" string (a mutation may make one) reads as the API's error.
            let api_shaped = serde_json::from_str::<Value>(&body)
                .is_ok_and(|v| v.get("error").is_some_and(Value::is_string));
            if let Err(error) = &result {
                prop_assert!(api_shaped || error.kind() == ErrorKind::Decode, "{}", error);
            }
            Ok(())
        },
    )
}

pub fn the_seed_as_text_cut_or_garbled_never_panics() -> bool {
    let spoiled = Generated(|g: &mut Gen| {
        let mut chars: Vec<char> = SEED_RESPONSE.chars().collect();
        chars.truncate(g.below(chars.len() + 1));
        for _ in 0..g.below(4) {
            let at = g.below(chars.len() + 1);
            let c = g.char();
            chars.insert(at, c);
        }
        let depth = if g.one_in(10) {
            129 + g.below(100_000)
        } else {
            0
        };
        let text: String = chars.into_iter().collect();
        let body = format!("{}{text}{}", "[".repeat(depth), "]".repeat(depth));
        (body, g.status())
    });
    run(
        "the seed's text cut short, garbled, or nested 100,000 deep: never a panic",
        SEED_TEXT,
        spoiled,
        |(body, status)| check_answer(status, &read_response(status, None, &body)),
    )
}

/// serde_json's reading of one of the reader's trees: numbers through serde_json itself.
fn as_serde(json: &Json) -> Option<Value> {
    Some(match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(number) => serde_json::from_str(number).ok()?,
        Json::String(text) => Value::String(text.to_string()),
        Json::Array(items) => Value::Array(items.iter().map(as_serde).collect::<Option<_>>()?),
        Json::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| Some((k.to_string(), as_serde(v)?)))
                .collect::<Option<Map<_, _>>>()?,
        ),
    })
}

/// A whole number read the float way, for comparison (the old decoder's rule): an integer, or a
/// float with no fractional part below 2^63. Rust's float parsing is correctly rounded
/// (serde_json's default one can be an ulp off).
fn float_whole(number: &str) -> Option<i64> {
    number.parse::<i64>().ok().or_else(|| {
        let v = number.parse::<f64>().ok()?;
        (v.fract() == 0.0 && v.abs() < 9_223_372_036_854_775_808.0).then_some(v as i64)
    })
}

pub fn the_reader_reads_json_as_serde_json_does() -> bool {
    let text = Generated(|g: &mut Gen| {
        let json = g.json(5);
        let mut text = if g.one_in(2) {
            json.to_string()
        } else {
            serde_json::to_string_pretty(&json).unwrap_or_default()
        };
        // Sometimes spoiled: cut short or with a character inserted.
        if g.one_in(3) {
            let chars: Vec<char> = text.chars().collect();
            let at = g.below(chars.len() + 1);
            let mut spoiled: String = chars[..at].iter().collect();
            if g.one_in(2) {
                spoiled.push(g.char());
                spoiled.extend(&chars[at..]);
            }
            text = spoiled;
        }
        text
    });
    run(
        "any JSON text, whole or spoiled: read as serde_json reads it, numbers exactly",
        READER,
        text,
        |text| {
            let ours = Json::parse(&text);
            let theirs = serde_json::from_str::<Value>(&text).ok();
            prop_assert_eq!(ours.as_ref().and_then(as_serde), theirs, "{}", text);
            let mut numbers = Vec::new();
            collect_numbers(ours.as_ref(), &mut numbers);
            for number in numbers {
                let exact = whole_number(number);
                let float = float_whole(number);
                // Beyond 2^53 a float rounds: there only the exact reading is checked.
                let integer = !number.contains(['.', 'e', 'E']);
                if integer || exact.is_some_and(|v| v.unsigned_abs() < 1 << 53) {
                    prop_assert_eq!(exact, float, "{}", number);
                }
                if let Some(exact) = exact {
                    prop_assert_eq!(exact.to_string().parse::<f64>().ok(), number.parse().ok());
                }
            }
            Ok(())
        },
    )
}

fn collect_numbers<'a>(json: Option<&Json<'a>>, out: &mut Vec<&'a str>) {
    match json {
        Some(Json::Number(number)) => out.push(number),
        Some(Json::Array(items)) => items.iter().for_each(|v| collect_numbers(Some(v), out)),
        Some(Json::Object(members)) => {
            members
                .iter()
                .for_each(|(_, v)| collect_numbers(Some(v), out));
        }
        _ => {}
    }
}
