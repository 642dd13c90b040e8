//! Decoding of answers and classification of errors (native, no browser).
#![cfg(not(target_arch = "wasm32"))]

use loyalty_badge::wire::{read_response, read_response_at};
use loyalty_badge::{Activity, ErrorKind, Points, PointsError, Timestamp};

const SEED_RESPONSE: &str = include_str!("fixtures/seed-response.json");
const SEED_RESPONSE_PRETTY: &str = include_str!("fixtures/seed-response-pretty.json");
const SEED_ERROR: &str = include_str!("fixtures/seed-error.json");
const SEED_ERROR_PRETTY: &str = include_str!("fixtures/seed-error-pretty.json");

fn ok(body: &str) -> Points {
    read_response(200, None, body).unwrap_or_else(|e| panic!("{body}: {e:?}"))
}

fn seed_points() -> Points {
    Points {
        id: Some("16".to_owned()),
        total_points: 1000,
        redeemable_points: 1000,
        num_points_purchased: Some(0),
        fan_level: Some("New Fan".to_owned()),
        activities: vec![Activity {
            name: "user registration".to_owned(),
            num_points: 1000,
            notes: None,
            date: Timestamp::from_epoch_seconds(1_460_793_600),
        }],
        unreadable_activities: 0,
    }
}

/// An answer with one activity whose JSON is `activity`.
fn with_activity(activity: &str) -> Points {
    ok(&format!(
        r#"{{"id":1,"total_points":5,"redeemable_points":5,"activities":[{activity}],"fan_level":"F"}}"#
    ))
}

#[test]
fn seed_sample_response_decodes_exactly() {
    assert_eq!(ok(SEED_RESPONSE), seed_points());
    assert_eq!(ok(SEED_RESPONSE_PRETTY), seed_points());
}

#[test]
fn seed_sample_error_is_member_not_found() {
    for body in [SEED_ERROR, SEED_ERROR_PRETTY] {
        for status in [400, 404] {
            let error = read_response(status, None, body).unwrap_err();
            assert_eq!(
                error,
                PointsError::NotFound {
                    status,
                    code: Some("param_error".to_owned())
                }
            );
            assert_eq!(error.kind(), ErrorKind::NotFound);
            assert_eq!(error.code(), Some("param_error"));
            assert_eq!(error.status(), Some(status));
            assert!(!error.retryable());
        }
    }
}

#[test]
fn id_as_string_or_number_or_absent() {
    let body = |id: &str| format!(r#"{{{id}"total_points":1,"redeemable_points":1}}"#);
    assert_eq!(ok(&body(r#""id":"16","#)).id.as_deref(), Some("16"));
    assert_eq!(ok(&body(r#""id":16,"#)).id.as_deref(), Some("16"));
    assert_eq!(ok(&body(r#""id":null,"#)).id, None);
    assert_eq!(ok(&body("")).id, None);
}

#[test]
fn missing_activities_and_optional_fields() {
    let points = ok(r#"{"total_points":7,"redeemable_points":3}"#);
    assert!(points.activities.is_empty());
    assert_eq!(points.unreadable_activities, 0);
    assert_eq!(points.fan_level, None);
    assert_eq!(points.num_points_purchased, None);
    assert!(
        ok(r#"{"total_points":7,"redeemable_points":3,"activities":null}"#)
            .activities
            .is_empty()
    );
}

#[test]
fn unknown_fields_are_ignored() {
    let points = ok(
        r#"{"total_points":7,"redeemable_points":3,"tier":{"x":[1,2]},"new":true,
        "activities":[{"name":"a","num_points":1,"channel":"web","meta":{"k":null}}]}"#,
    );
    assert_eq!(points.total_points, 7);
    assert_eq!(points.activities.len(), 1);
}

#[test]
fn notes_null_absent_blank_or_text() {
    assert_eq!(
        with_activity(r#"{"name":"a","num_points":1,"notes":null}"#).activities[0].notes,
        None
    );
    assert_eq!(
        with_activity(r#"{"name":"a","num_points":1}"#).activities[0].notes,
        None
    );
    assert_eq!(
        with_activity(r#"{"name":"a","num_points":1,"notes":"  "}"#).activities[0].notes,
        None
    );
    assert_eq!(
        with_activity(r#"{"name":"a","num_points":1,"notes":"Thanks!"}"#).activities[0]
            .notes
            .as_deref(),
        Some("Thanks!")
    );
}

#[test]
fn date_created_in_every_tolerated_form() {
    let date = |json: &str| {
        with_activity(&format!(r#"{{"name":"a","num_points":1{json}}}"#)).activities[0].date
    };
    let expected = Timestamp::from_epoch_seconds(1_460_793_600);
    assert_eq!(date(""), None, "absent");
    assert_eq!(date(r#","date_created":null"#), None, "null");
    assert_eq!(date(r#","date_created":"""#), None, "empty string");
    assert_eq!(date(r#","date_created":1460793600"#), expected, "integer");
    assert_eq!(
        date(r#","date_created":1460793600.0"#),
        expected,
        "integral float"
    );
    assert_eq!(
        date(r#","date_created":"1460793600""#),
        expected,
        "numeric string"
    );
    assert_eq!(
        date(r#","date_created":"2016-04-16T08:00:00Z""#),
        expected,
        "ISO 8601"
    );
    assert_eq!(
        date(r#","date_created":"2016-04-16T10:00:00+02:00""#),
        expected,
        "ISO offset"
    );
    assert_eq!(
        date(r#","date_created":"2016-04-16""#)
            .map(Timestamp::to_iso8601)
            .as_deref(),
        Some("2016-04-16"),
        "ISO date without time"
    );
}

#[test]
fn a_malformed_activity_is_counted_not_fatal() {
    let points = ok(r#"{"total_points":10,"redeemable_points":10,"activities":[
        {"name":"good","num_points":5,"date_created":1},
        {"name":"bad points","num_points":"lots"},
        {"num_points":3},
        {"name":"bad date","num_points":1,"date_created":"yesterday"},
        {"name":"fraction","num_points":1.5},
        "not an object",
        {"name":"also good","num_points":-5}
    ]}"#);
    let names: Vec<_> = points.activities.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["good", "also good"]);
    assert_eq!(points.unreadable_activities, 5);
}

#[test]
fn negative_points_and_large_balances() {
    let points = ok(r#"{"total_points":48213977,"redeemable_points":-250,
        "activities":[{"name":"spend","num_points":-250}]}"#);
    assert_eq!(points.total_points, 48_213_977);
    assert_eq!(points.redeemable_points, -250);
    assert_eq!(points.activities[0].num_points, -250);
}

#[test]
fn activities_come_out_newest_first_undated_last() {
    let points = ok(r#"{"total_points":1,"redeemable_points":1,"activities":[
        {"name":"undated 1","num_points":1},
        {"name":"old","num_points":1,"date_created":100},
        {"name":"new","num_points":1,"date_created":"1970-01-02T00:00:00Z"},
        {"name":"undated 2","num_points":1,"date_created":null},
        {"name":"middle","num_points":1,"date_created":"5000"}
    ]}"#);
    let names: Vec<_> = points.activities.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["new", "middle", "old", "undated 1", "undated 2"]);
}

#[test]
fn wrong_types_in_required_fields_are_decode_errors() {
    for body in [
        r#"{"redeemable_points":1}"#,
        r#"{"total_points":"1000","redeemable_points":1}"#,
        r#"{"total_points":1.5,"redeemable_points":1}"#,
        r#"{"total_points":1,"redeemable_points":1,"fan_level":3}"#,
        r#"{"total_points":1,"redeemable_points":1,"activities":{}}"#,
        r#"{"total_points":1,"redeemable_points":1,"id":true}"#,
        r#"{"total_points":99999999999999999999,"redeemable_points":1}"#,
        "[1,2,3]",
        "\"points\"",
        "null",
    ] {
        let error = read_response(200, None, body).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Decode, "{body}");
        assert!(error.retryable(), "{body}");
        assert_eq!(error.status(), Some(200));
    }
}

#[test]
fn non_json_bodies_say_what_they_were() {
    let detail = |body: &str| match read_response(200, None, body).unwrap_err() {
        PointsError::Decode { detail, .. } => detail,
        other => panic!("{other:?}"),
    };
    assert_eq!(detail(""), "the answer was empty");
    assert_eq!(
        detail("<!doctype html><html></html>"),
        "the answer was an HTML page, not JSON"
    );
    assert_eq!(
        detail(r#"{"id": 26, "total_points": 1200, "#),
        "the answer was not valid JSON"
    );
}

#[test]
fn api_errors_keep_code_and_message() {
    let error = read_response(
        400,
        None,
        r#"{"error":"input_error","message":"Bad id_type."}"#,
    )
    .unwrap_err();
    assert_eq!(
        error,
        PointsError::Api {
            status: 400,
            code: "input_error".to_owned(),
            message: "Bad id_type.".to_owned(),
            retry_after: None
        }
    );
    assert!(!error.retryable());
    assert_eq!(
        error.to_string(),
        "The loyalty service refused the request: Bad id_type."
    );

    let unknown = read_response(
        418,
        None,
        r#"{"error":"teapot_error","message":"Short and stout."}"#,
    )
    .unwrap_err();
    assert_eq!(unknown.code(), Some("teapot_error"));
    assert_eq!(unknown.kind(), ErrorKind::Api);
    assert!(!unknown.retryable());
}

#[test]
fn internal_error_is_retryable() {
    let error = read_response(
        500,
        None,
        r#"{"error":"internal_error","message":"Something went wrong on our end."}"#,
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.code(), Some("internal_error"));
    assert!(error.retryable());
    // The code alone decides, whatever the status.
    let odd = read_response(400, None, r#"{"error":"internal_error"}"#).unwrap_err();
    assert!(odd.retryable());
}

#[test]
fn not_found_in_all_its_forms() {
    let cases = [
        (
            404,
            r#"{"error":"page_not_found","message":"The requested page does not exist."}"#,
        ),
        (400, r#"{"error":"page_not_found","message":""}"#),
        (404, r#"{"error":"param_error","message":"Whatever"}"#),
        (
            400,
            r#"{"error":"param_error","message":"user does not exist"}"#,
        ),
        (
            200,
            r#"{"error":"param_error","message":"User does not exist."}"#,
        ),
    ];
    for (status, body) in cases {
        let error = read_response(status, None, body).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotFound, "{status} {body}");
        assert_eq!(
            error.to_string(),
            "No loyalty account was found for this member."
        );
    }
}

#[test]
fn html_and_empty_error_pages_are_http_errors() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    for (status, body, retryable) in [
        (502, html, true),
        (503, "", true),
        (504, "upstream timed out", true),
        (404, "<h1>Not Found</h1>", false),
        (403, "Forbidden", false),
    ] {
        let error = read_response(status, None, body).unwrap_err();
        assert_eq!(
            error,
            PointsError::Http {
                status,
                retry_after: None
            },
            "{status}"
        );
        assert_eq!(error.retryable(), retryable, "{status}");
        assert!(error.to_string().contains(&status.to_string()), "{error}");
        assert!(
            !error.to_string().contains("nginx"),
            "the page's body is not echoed"
        );
    }
}

#[test]
fn throttling_honours_retry_after() {
    let json = read_response(
        429,
        Some("30"),
        r#"{"error":"rate_limited","message":"Too many requests."}"#,
    )
    .unwrap_err();
    assert_eq!(json.kind(), ErrorKind::Api);
    assert!(json.retryable());
    assert_eq!(json.retry_after(), Some(30));
    assert!(json.to_string().contains("30 s"), "{json}");

    let bare = read_response(429, Some(" 5 "), "").unwrap_err();
    assert_eq!(
        bare,
        PointsError::Http {
            status: 429,
            retry_after: Some(5)
        }
    );
    assert!(bare.retryable());

    // The date form needs the time the answer arrived: only read_response_at knows it.
    let date = read_response(429, Some("Wed, 21 Oct 2015 07:28:00 GMT"), "").unwrap_err();
    assert_eq!(date.retry_after(), None, "no clock, no wait from a date");
    assert!(date.retryable());
    let arrived = 1_445_412_470; // 07:27:50, ten seconds before the date
    let date = read_response_at(503, Some("Wed, 21 Oct 2015 07:28:00 GMT"), "", arrived);
    assert_eq!(
        date.unwrap_err(),
        PointsError::Http {
            status: 503,
            retry_after: Some(10)
        }
    );
    let past = read_response_at(503, Some("Wed, 21 Oct 2015 07:28:00 GMT"), "", arrived + 60);
    assert_eq!(
        past.unwrap_err().retry_after(),
        Some(0),
        "a date gone by: no wait"
    );

    // A longer wait is capped: the badge waits 30 s at most, and says so.
    let long = read_response(503, Some("3600"), "").unwrap_err();
    assert_eq!(long.retry_after(), Some(30));
    let long = read_response(
        429,
        Some("99999999999999999999999"),
        r#"{"error":"rate_limited","message":"Too many requests."}"#,
    )
    .unwrap_err();
    assert_eq!(long.retry_after(), Some(30));
    assert!(long.to_string().contains("30 s"), "{long}");
    for junk in ["", "soon", "-5", "+5", "5.5", "0x10", "5 s"] {
        let error = read_response(503, Some(junk), "").unwrap_err();
        assert_eq!(error.retry_after(), None, "{junk:?}");
    }
}

#[test]
fn error_kinds_have_their_event_names() {
    let names: Vec<_> = [
        ErrorKind::InvalidInput,
        ErrorKind::NotFound,
        ErrorKind::Forbidden,
        ErrorKind::Api,
        ErrorKind::Http,
        ErrorKind::Network,
        ErrorKind::Timeout,
        ErrorKind::Decode,
        ErrorKind::Internal,
    ]
    .iter()
    .map(|k| k.as_str())
    .collect();
    assert_eq!(
        names,
        [
            "invalid-input",
            "not-found",
            "forbidden",
            "api",
            "http",
            "network",
            "timeout",
            "decode",
            "internal"
        ]
    );
}

#[test]
fn network_and_timeout_are_retryable_and_statusless() {
    assert!(PointsError::Network.retryable());
    assert_eq!(PointsError::Network.status(), None);
    let timeout = PointsError::Timeout { after_ms: 10_000 };
    assert!(timeout.retryable());
    assert_eq!(timeout.status(), None);
    assert_eq!(timeout.code(), None);
    assert_eq!(
        timeout.to_string(),
        "The loyalty service took too long to answer (over 10 seconds)."
    );
}

#[test]
fn member_token_refusals_are_forbidden_and_not_retried() {
    for (status, code, expired) in [
        (401, "token_required", false),
        (403, "token_invalid", false),
        (403, "token_expired", true),
    ] {
        let body = format!(r#"{{"error":"{code}","message":"Proxy says no."}}"#);
        let error = read_response(status, Some("5"), &body).unwrap_err();
        assert_eq!(
            error,
            PointsError::Forbidden {
                status,
                code: code.to_owned()
            }
        );
        assert_eq!(error.kind(), ErrorKind::Forbidden);
        assert_eq!(error.kind().as_str(), "forbidden");
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.status(), Some(status));
        assert!(!error.retryable(), "{code}");
        assert_eq!(error.retry_after(), None, "{code}");
        let message = error.to_string();
        assert!(!message.contains("Proxy says no"), "{message}");
        if expired {
            assert_eq!(
                message,
                "Your sign-in has expired. Reload the page to see these points."
            );
        } else {
            assert_eq!(
                message,
                "You are not allowed to see these points. Reload the page and sign in again."
            );
        }
    }
}

#[test]
fn other_401_and_403_answers_stay_api_errors() {
    let error = read_response(
        403,
        None,
        r#"{"error":"input_error","message":"Invalid api_key."}"#,
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert!(!error.retryable());
    let bare = read_response(401, None, "").unwrap_err();
    assert_eq!(bare.kind(), ErrorKind::Http);
    assert!(!bare.retryable());
}
