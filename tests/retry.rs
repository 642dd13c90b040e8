//! The retry policy (DESIGN.md, "Retries") and the HTTP dates of `Retry-After` (native).
#![cfg(not(target_arch = "wasm32"))]

use loyalty_badge::api::http_date::parse_http_date;
use loyalty_badge::api::retry::{
    automatic_retry_delay_ms, full_jitter, parse_retry_after, BACKOFF_MS, MAX_AUTOMATIC_RETRIES,
    MAX_RETRY_AFTER_S,
};
use loyalty_badge::wire::read_response;
use loyalty_badge::{InvalidInput, MemberId, PointsError};

/// A random source that must not be asked.
fn no_random() -> f64 {
    panic!("the wait came from Retry-After: no random number is needed")
}

fn api(status: u16, code: &str, retry_after: Option<u32>) -> PointsError {
    PointsError::Api {
        status,
        code: code.to_owned(),
        message: "m".to_owned(),
        retry_after,
    }
}

#[test]
fn what_may_help_is_retried_twice_after_up_to_half_a_second_then_a_second() {
    let retryable = [
        PointsError::Network,
        PointsError::Timeout { after_ms: 10_000 },
        PointsError::Http {
            status: 500,
            retry_after: None,
        },
        PointsError::Http {
            status: 502,
            retry_after: None,
        },
        PointsError::Http {
            status: 503,
            retry_after: None,
        },
        PointsError::Http {
            status: 504,
            retry_after: None,
        },
        PointsError::Http {
            status: 429,
            retry_after: None,
        },
        api(500, "internal_error", None),
        api(200, "internal_error", None),
        api(429, "rate_limited", None),
        api(503, "upstream_busy", None),
        PointsError::Decode {
            status: 200,
            detail: "the answer was not valid JSON".to_owned(),
        },
    ];
    for error in retryable {
        // Full jitter: the whole range from no wait to the longest.
        assert_eq!(
            automatic_retry_delay_ms(&error, 0, || 0.0),
            Some(0),
            "{error:?}"
        );
        assert_eq!(
            automatic_retry_delay_ms(&error, 0, || 0.5),
            Some(250),
            "{error:?}"
        );
        assert_eq!(automatic_retry_delay_ms(&error, 0, || 0.999_999), Some(500));
        assert_eq!(
            automatic_retry_delay_ms(&error, 1, || 0.5),
            Some(500),
            "{error:?}"
        );
        assert_eq!(
            automatic_retry_delay_ms(&error, 1, || 0.999_999),
            Some(1000)
        );
        assert_eq!(
            automatic_retry_delay_ms(&error, 2, no_random),
            None,
            "{error:?}"
        );
        assert_eq!(
            automatic_retry_delay_ms(&error, 7, no_random),
            None,
            "{error:?}"
        );
    }
    assert_eq!(MAX_AUTOMATIC_RETRIES, 2);
    assert_eq!(BACKOFF_MS, [500, 1000]);
}

#[test]
fn refusals_are_never_retried() {
    let refused = [
        PointsError::InvalidInput(InvalidInput::MemberId(MemberId::parse("..").unwrap_err())),
        PointsError::NotFound {
            status: 404,
            code: Some("param_error".to_owned()),
        },
        PointsError::Forbidden {
            status: 401,
            code: "token_required".to_owned(),
        },
        PointsError::Forbidden {
            status: 403,
            code: "token_invalid".to_owned(),
        },
        PointsError::Forbidden {
            status: 403,
            code: "token_expired".to_owned(),
        },
        api(400, "param_error", None),
        api(400, "input_error", None),
        api(422, "something_new", Some(5)),
        PointsError::Http {
            status: 400,
            retry_after: None,
        },
        PointsError::Http {
            status: 403,
            retry_after: Some(1),
        },
        PointsError::Http {
            status: 404,
            retry_after: None,
        },
        PointsError::Http {
            status: 418,
            retry_after: None,
        },
    ];
    for error in refused {
        assert_eq!(
            automatic_retry_delay_ms(&error, 0, no_random),
            None,
            "{error:?}"
        );
    }
    // As the wire reads them.
    for (status, body) in [
        (400, r#"{"error":"param_error","message":"Bad id_type."}"#),
        (
            400,
            r#"{"error":"input_error","message":"The input is invalid."}"#,
        ),
        (
            404,
            r#"{"error":"param_error","message":"User does not exist."}"#,
        ),
        (403, r#"{"error":"token_expired","message":"Expired."}"#),
        (401, r#"{"error":"token_required","message":"Required."}"#),
        (404, "<html>Not Found</html>"),
        (410, ""),
    ] {
        let error = read_response(status, Some("1"), body).unwrap_err();
        assert_eq!(
            automatic_retry_delay_ms(&error, 0, no_random),
            None,
            "{body}"
        );
    }
}

#[test]
fn retry_after_replaces_the_backoff_and_is_capped_at_30_seconds() {
    let busy = read_response(429, Some("2"), "").unwrap_err();
    assert_eq!(automatic_retry_delay_ms(&busy, 0, no_random), Some(2000));
    assert_eq!(automatic_retry_delay_ms(&busy, 1, no_random), Some(2000));
    assert_eq!(automatic_retry_delay_ms(&busy, 2, no_random), None);
    let zero = read_response(503, Some("0"), "").unwrap_err();
    assert_eq!(automatic_retry_delay_ms(&zero, 0, no_random), Some(0));
    let long = read_response(503, Some("86400"), "").unwrap_err();
    assert_eq!(
        automatic_retry_delay_ms(&long, 0, no_random),
        Some(MAX_RETRY_AFTER_S * 1000)
    );
    assert_eq!(MAX_RETRY_AFTER_S, 30);
    // Even an error made by hand with a longer wait.
    let by_hand = api(503, "upstream_busy", Some(600));
    assert_eq!(
        automatic_retry_delay_ms(&by_hand, 0, no_random),
        Some(30_000)
    );
}

#[test]
fn full_jitter_stays_within_its_range_whatever_the_random_source_says() {
    assert_eq!(full_jitter(1000, 0.0), 0);
    assert_eq!(full_jitter(1000, 0.25), 250);
    assert_eq!(full_jitter(1000, 1.0), 1000);
    assert_eq!(full_jitter(1000, -3.0), 0);
    assert_eq!(full_jitter(1000, 7.0), 1000);
    assert_eq!(
        full_jitter(1000, f64::NAN),
        1000,
        "not a number: the safe side"
    );
    assert_eq!(full_jitter(1000, f64::INFINITY), 1000);
    assert_eq!(full_jitter(1000, f64::NEG_INFINITY), 0);
    assert_eq!(full_jitter(u32::MAX, 1.0), u32::MAX);
}

#[test]
fn retry_after_in_seconds_or_as_a_date() {
    let now = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT
    assert_eq!(parse_retry_after("0", None), Some(0));
    assert_eq!(parse_retry_after("7", None), Some(7));
    assert_eq!(parse_retry_after(" 12 ", None), Some(12));
    assert_eq!(parse_retry_after("30", None), Some(30));
    assert_eq!(parse_retry_after("31", None), Some(30));
    assert_eq!(parse_retry_after("18446744073709551616", None), Some(30));
    for junk in [
        "",
        " ",
        "-1",
        "+1",
        "1.5",
        "1e3",
        "one",
        "٣",
        "Sun, 06 Nov 1994",
    ] {
        assert_eq!(parse_retry_after(junk, Some(now)), None, "{junk:?}");
    }
    let date = "Sun, 06 Nov 1994 08:49:47 GMT";
    assert_eq!(parse_retry_after(date, None), None, "a date needs a clock");
    assert_eq!(parse_retry_after(date, Some(now)), Some(10));
    assert_eq!(parse_retry_after(date, Some(now + 10)), Some(0));
    assert_eq!(
        parse_retry_after(date, Some(now + 3600)),
        Some(0),
        "gone by"
    );
    assert_eq!(
        parse_retry_after(date, Some(now - 3600)),
        Some(30),
        "capped"
    );
    assert_eq!(parse_retry_after(date, Some(i64::MIN)), Some(30));
    assert_eq!(parse_retry_after(date, Some(i64::MAX)), Some(0));
}

#[test]
fn the_three_forms_of_an_http_date() {
    // RFC 9110, section 5.6.7's own example, in each form.
    let expected = Some(784_111_777);
    assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
    assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
    assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), expected);
    assert_eq!(
        parse_http_date("  Sun, 06 Nov 1994 08:49:37 GMT  "),
        expected
    );
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
    assert_eq!(
        parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT"),
        Some(253_402_300_799)
    );
    assert_eq!(
        parse_http_date("Thu, 29 Feb 2024 12:00:00 GMT"),
        Some(1_709_208_000)
    );
    assert_eq!(
        parse_http_date("Sunday, 06-Nov-69 08:49:37 GMT"),
        Some(3_150_953_377)
    );
    assert_eq!(
        parse_http_date("Sun Nov 16 08:49:37 1994"),
        Some(784_975_777)
    );
    // A wrong day name still means the date written; a leap second the one before it.
    assert_eq!(parse_http_date("Mon, 06 Nov 1994 08:49:37 GMT"), expected);
    assert_eq!(
        parse_http_date("Sun, 06 Nov 1994 08:49:60 GMT"),
        Some(784_111_799)
    );
}

#[test]
fn what_is_not_an_http_date() {
    for text in [
        "",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 gmt",
        "sun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 November 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun,  06 Nov 1994 08:49:37 GMT",
        "Sun, 30 Feb 1994 08:49:37 GMT",
        "Sun, 29 Feb 1900 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT extra",
        "Sun, 06 Nov -994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Sun, 06 Nov １９９４ 08:49:37 GMT",
        "1994-11-06T08:49:37Z",
        "784111777",
    ] {
        assert_eq!(parse_http_date(text), None, "{text:?}");
    }
}
