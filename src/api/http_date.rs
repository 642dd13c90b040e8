//! HTTP dates (RFC 9110, section 5.6.7), for a `Retry-After` given as a date and for the answer's
//! own `Date`. The three forms a recipient must accept, read into Unix seconds:
//!
//! - `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate, what servers send);
//! - `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete RFC 850 form; years 70-99 are 19xx, 00-69 20xx);
//! - `Sun Nov  6 08:49:37 1994` (obsolete asctime form).
//!
//! The day name must be one, but is not checked against the date: a server that gets it wrong
//! still means the date it wrote.

use crate::api::time::{days_from_civil, days_in_month};

/// The Unix time (seconds) of an HTTP date, or `None` if `text` is not one.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let text = text.trim().as_bytes();
    let date = imf_fixdate(text)
        .or_else(|| rfc850_date(text))
        .or_else(|| asctime_date(text))?;
    date.unix_seconds()
}

/// The fields of a date as written, checked by [`Fields::unix_seconds`].
struct Fields {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
}

impl Fields {
    fn unix_seconds(&self) -> Option<i64> {
        let valid = (1..=12).contains(&self.month)
            && (1..=days_in_month(self.year, self.month)).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            // A leap second (:60) is read as the second before it.
            && self.second <= 60;
        valid.then(|| {
            days_from_civil(self.year, self.month, self.day) * 86_400
                + self.hour * 3600
                + self.minute * 60
                + self.second.min(59)
        })
    }
}

const SHORT_DAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
const LONG_DAYS: [&[u8]; 7] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
];
const MONTHS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// `Sun, 06 Nov 1994 08:49:37 GMT`
fn imf_fixdate(text: &[u8]) -> Option<Fields> {
    let rest = day_name(text, &SHORT_DAYS)?.strip_prefix(b", ")?;
    let (day, rest) = digits(rest, 2)?;
    let rest = rest.strip_prefix(b" ")?;
    let (month, rest) = month(rest)?;
    let rest = rest.strip_prefix(b" ")?;
    let (year, rest) = digits(rest, 4)?;
    let rest = rest.strip_prefix(b" ")?;
    let (hour, minute, second, rest) = time_of_day(rest)?;
    (rest == b" GMT").then_some(Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`
fn rfc850_date(text: &[u8]) -> Option<Fields> {
    let rest = day_name(text, &LONG_DAYS)?.strip_prefix(b", ")?;
    let (day, rest) = digits(rest, 2)?;
    let rest = rest.strip_prefix(b"-")?;
    let (month, rest) = month(rest)?;
    let rest = rest.strip_prefix(b"-")?;
    let (year, rest) = digits(rest, 2)?;
    let year = if year < 70 { 2000 + year } else { 1900 + year };
    let rest = rest.strip_prefix(b" ")?;
    let (hour, minute, second, rest) = time_of_day(rest)?;
    (rest == b" GMT").then_some(Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

/// `Sun Nov  6 08:49:37 1994` (the day is space-padded).
fn asctime_date(text: &[u8]) -> Option<Fields> {
    let rest = day_name(text, &SHORT_DAYS)?.strip_prefix(b" ")?;
    let (month, rest) = month(rest)?;
    let rest = rest.strip_prefix(b" ")?;
    let (day, rest) = match rest.strip_prefix(b" ") {
        Some(padded) => digits(padded, 1)?,
        None => digits(rest, 2)?,
    };
    let rest = rest.strip_prefix(b" ")?;
    let (hour, minute, second, rest) = time_of_day(rest)?;
    let rest = rest.strip_prefix(b" ")?;
    let (year, rest) = digits(rest, 4)?;
    rest.is_empty().then_some(Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

/// The text after one of `names`.
fn day_name<'a>(text: &'a [u8], names: &[&[u8]]) -> Option<&'a [u8]> {
    names.iter().find_map(|name| text.strip_prefix(*name))
}

/// A month's three letters, as 1 to 12.
fn month(text: &[u8]) -> Option<(i64, &[u8])> {
    MONTHS
        .iter()
        .zip(1..)
        .find_map(|(name, number)| text.strip_prefix(*name).map(|rest| (number, rest)))
}

/// `08:49:37`
fn time_of_day(text: &[u8]) -> Option<(i64, i64, i64, &[u8])> {
    let (hour, rest) = digits(text, 2)?;
    let (minute, rest) = digits(rest.strip_prefix(b":")?, 2)?;
    let (second, rest) = digits(rest.strip_prefix(b":")?, 2)?;
    Some((hour, minute, second, rest))
}

/// Exactly `width` ASCII digits, and the text after them.
fn digits(text: &[u8], width: usize) -> Option<(i64, &[u8])> {
    let (number, rest) = text.split_at_checked(width)?;
    number
        .iter()
        .try_fold(0, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
        .map(|n| (n, rest))
}
