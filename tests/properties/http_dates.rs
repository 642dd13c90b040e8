//! The HTTP-date reader, checked against the `httpdate` crate, and `Retry-After` dates.

use std::time::{Duration, SystemTime};

use loyalty_badge::api::http_date::parse_http_date;
use loyalty_badge::api::retry::{parse_retry_after, MAX_RETRY_AFTER_S};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::native::run;
use crate::strategies::{text, tricky_char};

const HTTP_DATES: u32 = 10_000;

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const LONG_DAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `seconds` in the two obsolete forms, written here from the IMF-fixdate the `httpdate` crate
/// writes.
fn obsolete_forms(seconds: u64) -> Option<(String, String)> {
    let imf = httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds));
    let [_, day, month, year, time, _]: [&str; 6] = imf
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .try_into()
        .ok()?;
    let weekday = usize::try_from(seconds / 86_400 % 7).ok()?;
    let long = LONG_DAYS.get(weekday)?;
    let short = DAYS.get(weekday)?;
    let rfc850 = format!("{long}, {day}-{month}-{} {time} GMT", year.get(2..)?);
    let day: u32 = day.parse().ok()?;
    let asctime = format!("{short} {month} {day:>2} {time} {year}");
    MONTHS.contains(&month).then_some((rfc850, asctime))
}

pub fn http_dates_read_right() -> bool {
    let date_text = prop_oneof![
        text(tricky_char(), 0..32),
        (0u64..253_402_300_799).prop_map(|s| {
            httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(s))
        }),
        // A well-formed date with one character changed.
        (
            0u64..4_102_444_800,
            any::<prop::sample::Index>(),
            prop::char::range(' ', '~')
        )
            .prop_map(|(s, at, c)| {
                let mut text: Vec<char> =
                    httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(s))
                        .chars()
                        .collect();
                let at = at.index(text.len());
                text[at] = c;
                text.into_iter().collect()
            }),
    ];
    run(
        "HTTP dates: every form read as the httpdate crate reads it, anything else refused",
        HTTP_DATES,
        (0u64..253_402_300_799, date_text, -10_000i64..10_000),
        |(seconds, text, now_offset)| {
            let expected = i64::try_from(seconds).ok();
            let imf =
                httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds));
            prop_assert_eq!(parse_http_date(&imf), expected, "{}", imf);
            // Two-digit years mean 1970-2069, as the httpdate crate reads them.
            if seconds < 3_155_760_000 {
                let (rfc850, asctime) = obsolete_forms(seconds)
                    .ok_or_else(|| TestCaseError::fail("the forms are written"))?;
                prop_assert_eq!(parse_http_date(&rfc850), expected, "{}", rfc850);
                prop_assert_eq!(parse_http_date(&asctime), expected, "{}", asctime);
                let wait = parse_retry_after(&imf, expected.map(|s| s - now_offset));
                let wanted = u32::try_from(now_offset.clamp(0, i64::from(MAX_RETRY_AFTER_S)));
                prop_assert_eq!(wait, wanted.ok());
            }
            // Whatever the httpdate crate reads, this reads the same.
            let theirs = httpdate::parse_http_date(&text).ok().and_then(|t| {
                let s = t.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
                i64::try_from(s).ok()
            });
            if theirs.is_some() {
                prop_assert_eq!(parse_http_date(&text), theirs, "{}", text);
            }
            Ok(())
        },
    )
}
