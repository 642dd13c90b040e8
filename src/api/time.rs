//! Points in time as the API sends them (epoch seconds, or ISO 8601 text) and as HTML wants them
//! (`<time datetime="2016-04-16T08:00:00Z">`). Pure arithmetic, no browser, no time zone data:
//! formatting for a viewer's zone is left to the browser's `Intl`.

use std::fmt::Write;

/// The JavaScript `Date` range, in seconds: anything outside cannot be shown by the browser.
const MAX_ABS_SECONDS: i64 = 8_640_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// A moment from the API, at whole-second precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    seconds: i64,
    /// Sent as a calendar date without a time (`2016-04-16`): shown as that date in every zone.
    date_only: bool,
}

impl Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z; `None` outside the range a browser can show
    /// (about ±273,000 years).
    pub fn from_epoch_seconds(seconds: i64) -> Option<Self> {
        (seconds.unsigned_abs() <= MAX_ABS_SECONDS.unsigned_abs()).then_some(Timestamp {
            seconds,
            date_only: false,
        })
    }

    /// Parses ISO 8601 / RFC 3339 text: `2016-04-16`, `2016-04-16T08:00:00Z`,
    /// `2016-04-16 08:00:00.123+02:00`, `2016-04-16T08:00` (no offset: read as UTC).
    /// Fractions of a second are dropped.
    pub fn parse_iso8601(text: &str) -> Option<Self> {
        let mut p = Parser(text.as_bytes());
        let year = p.year()?;
        p.expect(b'-')?;
        let month = p.number(2)?;
        p.expect(b'-')?;
        let day = p.number(2)?;
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        let days = days_from_civil(year, month, day);
        if p.0.is_empty() {
            let seconds = days.checked_mul(SECONDS_PER_DAY)?;
            return Timestamp::from_epoch_seconds(seconds).map(|t| Timestamp {
                date_only: true,
                ..t
            });
        }
        match p.next()? {
            b'T' | b't' | b' ' => {}
            _ => return None,
        }
        let hour = p.number(2)?;
        p.expect(b':')?;
        let minute = p.number(2)?;
        let mut second = 0;
        if p.peek() == Some(b':') {
            p.next();
            second = p.number(2)?;
            if matches!(p.peek(), Some(b'.' | b',')) {
                p.next();
                p.digits()?;
            }
        }
        // A leap second (:60) is shown as the second before it.
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let offset = p.offset()?;
        if !p.0.is_empty() {
            return None;
        }
        let seconds = days
            .checked_mul(SECONDS_PER_DAY)?
            .checked_add(hour * 3600 + minute * 60 + second.min(59))?
            .checked_sub(offset)?;
        Timestamp::from_epoch_seconds(seconds)
    }

    /// Seconds since the epoch.
    pub fn epoch_seconds(self) -> i64 {
        self.seconds
    }

    /// Whether this is a calendar date without a time of day.
    pub fn is_date_only(self) -> bool {
        self.date_only
    }

    /// The value for a `<time datetime>` attribute: `2016-04-16T08:00:00Z`, or `2016-04-16` for a
    /// date without a time. Years outside 0..=9999 use the six-digit signed form (`+010000`).
    pub fn to_iso8601(self) -> String {
        let days = self.seconds.div_euclid(SECONDS_PER_DAY);
        let secs_of_day = self.seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let mut out = String::with_capacity(20);
        // Writing to a String cannot fail.
        let _ = if (0..=9999).contains(&year) {
            write!(out, "{year:04}-{month:02}-{day:02}")
        } else {
            write!(out, "{year:+07}-{month:02}-{day:02}")
        };
        if !self.date_only {
            let (h, m, s) = (secs_of_day / 3600, secs_of_day / 60 % 60, secs_of_day % 60);
            let _ = write!(out, "T{h:02}:{m:02}:{s:02}Z");
        }
        out
    }
}

/// A cursor over ASCII text.
struct Parser<'a>(&'a [u8]);

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.0.first().copied()
    }

    fn next(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// Exactly `width` digits.
    fn number(&mut self, width: usize) -> Option<i64> {
        let (digits, rest) = self.0.split_at_checked(width)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = rest;
        Some(digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    }

    /// One or more digits, skipped.
    fn digits(&mut self) -> Option<()> {
        let count = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        self.0 = self.0.get(count..).unwrap_or_default();
        (count > 0).then_some(())
    }

    /// `YYYY`, or the expanded `±YYYYYY`.
    fn year(&mut self) -> Option<i64> {
        match self.peek()? {
            b'+' => {
                self.next();
                self.number(6)
            }
            b'-' => {
                self.next();
                self.number(6).map(|y| -y)
            }
            _ => self.number(4),
        }
    }

    /// `Z`, `±HH:MM`, `±HHMM`, `±HH`, or nothing (UTC); in seconds east of UTC.
    fn offset(&mut self) -> Option<i64> {
        let sign = match self.peek() {
            None => return Some(0),
            Some(b'Z' | b'z') => {
                self.next();
                return Some(0);
            }
            Some(b'+') => 1,
            Some(b'-') => -1,
            Some(_) => return None,
        };
        self.next();
        let hours = self.number(2)?;
        if self.peek() == Some(b':') {
            self.next();
        }
        let minutes = if self.0.is_empty() {
            0
        } else {
            self.number(2)?
        };
        if hours > 23 || minutes > 59 {
            return None;
        }
        Some(sign * (hours * 3600 + minutes * 60))
    }
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
