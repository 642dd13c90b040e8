//! The retry policy: only what retrying may help, at most twice, never longer than allowed.

use loyalty_badge::api::retry::{
    automatic_retry_delay_ms, BACKOFF_MS, MAX_AUTOMATIC_RETRIES, MAX_RETRY_AFTER_S,
};
use loyalty_badge::PointsError;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::native::run;
use crate::strategies::{text, tricky_char};

const RETRY_POLICY: u32 = 10_000;

fn points_error() -> impl Strategy<Value = PointsError> {
    let retry_after = prop::option::of(0u32..=MAX_RETRY_AFTER_S);
    let code = prop_oneof![
        prop::sample::select(vec![
            "param_error",
            "input_error",
            "internal_error",
            "page_not_found",
            "token_required",
            "token_invalid",
            "token_expired",
            "rate_limited",
            "upstream_busy",
            "",
        ])
        .prop_map(str::to_owned),
        text(tricky_char(), 0..8),
    ];
    prop_oneof![
        (100u16..600, code.clone(), retry_after.clone()).prop_map(|(status, code, retry_after)| {
            PointsError::Api {
                status,
                code,
                message: String::new(),
                retry_after,
            }
        }),
        (100u16..600, retry_after).prop_map(|(status, retry_after)| PointsError::Http {
            status,
            retry_after
        }),
        (100u16..600, code.clone()).prop_map(|(status, code)| PointsError::NotFound {
            status,
            code: Some(code)
        }),
        (100u16..600, code).prop_map(|(status, code)| PointsError::Forbidden { status, code }),
        Just(PointsError::Network),
        (1u32..100_000).prop_map(|after_ms| PointsError::Timeout { after_ms }),
        (200u16..300).prop_map(|status| PointsError::Decode {
            status,
            detail: String::new()
        }),
    ]
}

pub fn retry_policy() -> bool {
    run(
        "the retry policy: only what may help, at most twice, never longer than allowed",
        RETRY_POLICY,
        (points_error(), 0u32..5, any::<f64>()),
        |(error, retries_made, random)| {
            let delay = automatic_retry_delay_ms(&error, retries_made, || random);
            let retryable = match &error {
                PointsError::Api { status, code, .. } => {
                    code == "internal_error" || matches!(status, 408 | 429 | 500..=599)
                }
                PointsError::Http { status, .. } => matches!(status, 408 | 429 | 500..=599),
                PointsError::Network | PointsError::Timeout { .. } | PointsError::Decode { .. } => {
                    true
                }
                _ => false,
            };
            if !retryable || retries_made >= MAX_AUTOMATIC_RETRIES {
                prop_assert_eq!(delay, None);
                return Ok(());
            }
            let delay = delay.ok_or_else(|| TestCaseError::fail("a retryable error is retried"))?;
            match error.retry_after() {
                Some(seconds) => prop_assert_eq!(delay, seconds * 1000),
                None => {
                    let most = BACKOFF_MS.get(retries_made as usize).copied().unwrap_or(0);
                    prop_assert!(delay <= most, "{delay} > {most}");
                }
            }
            prop_assert!(delay <= MAX_RETRY_AFTER_S * 1000);
            Ok(())
        },
    )
}
