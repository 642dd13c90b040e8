//! When the badge asks again by itself (DESIGN.md, "Retries"), as pure functions: the hooks only
//! schedule what these say, with the browser's clock and random numbers.
//!
//! Which answers are worth another request is [`PointsError::retryable`], the one policy. Of
//! those, at most [`MAX_AUTOMATIC_RETRIES`] are retried automatically: after a `Retry-After`
//! when the answer carried one (capped at [`MAX_RETRY_AFTER_S`]), else after a random wait of up
//! to [`BACKOFF_MS`] ("full jitter": badges on many pages that failed together do not come back
//! together). A manual Retry starts the count again.

use crate::api::error::PointsError;
use crate::api::http_date::parse_http_date;

/// Automatic retries after a failure, before the badge shows the error.
pub const MAX_AUTOMATIC_RETRIES: u32 = 2;

/// The longest wait before the first and the second automatic retry, in milliseconds; the
/// wait is a uniformly random part of it.
pub const BACKOFF_MS: [u32; MAX_AUTOMATIC_RETRIES as usize] = [500, 1_000];

/// The longest `Retry-After` honoured, in seconds: a longer one is waited out for this long.
pub const MAX_RETRY_AFTER_S: u32 = 30;

/// How long to wait before automatic retry number `retries_made + 1`, in milliseconds, or `None`
/// when the badge should stop and show `error`: it is not retryable, or the automatic retries
/// are used up.
///
/// `random` gives a number in `[0, 1)` (the browser's `Math.random`; tests pass fixed ones); it
/// is asked only for a wait without `Retry-After`.
pub fn automatic_retry_delay_ms(
    error: &PointsError,
    retries_made: u32,
    random: impl FnOnce() -> f64,
) -> Option<u32> {
    if !error.retryable() {
        return None;
    }
    let backoff = BACKOFF_MS.get(usize::try_from(retries_made).ok()?)?;
    Some(match error.retry_after() {
        Some(seconds) => seconds.min(MAX_RETRY_AFTER_S) * 1000,
        None => full_jitter(*backoff, random()),
    })
}

/// A wait between 0 and `max_ms`, `fraction` of the way: `fraction` is clamped to `[0, 1]`, and
/// one that is not a number counts as 1 (the longest wait, the safe side).
pub fn full_jitter(max_ms: u32, fraction: f64) -> u32 {
    let fraction = if fraction.is_nan() {
        1.0
    } else {
        fraction.clamp(0.0, 1.0)
    };
    // Within 0..=max_ms, so the conversion is exact.
    (f64::from(max_ms) * fraction).round() as u32
}

/// A `Retry-After` header's wait in seconds, capped at [`MAX_RETRY_AFTER_S`]: whole seconds
/// (`120`), or an HTTP date, which needs `now` (Unix seconds; a date in the past is no wait).
/// `None` for anything else, and for a date when `now` is not known.
pub fn parse_retry_after(value: &str, now: Option<i64>) -> Option<u32> {
    let value = value.trim();
    let seconds = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than a u64 holds is still "a long time".
        value.parse::<u64>().unwrap_or(u64::MAX)
    } else {
        let wait = parse_http_date(value)?.saturating_sub(now?);
        u64::try_from(wait).unwrap_or(0)
    };
    Some(u32::try_from(seconds.min(u64::from(MAX_RETRY_AFTER_S))).unwrap_or(MAX_RETRY_AFTER_S))
}
