//! The upstream budget: how many calls CrowdTwist gets from this proxy, across all members.
//!
//! A GCRA (`governor`) sized so that no 60 seconds ever see more than the budget: a burst of a
//! tenth of it, and the rest spread evenly over the minute. The proxy sees the budget only through
//! [`UpstreamBudget`], so the budget shared between instances in Redis
//! ([`crate::proxy::shared::gcra`]) takes its place with `--redis`.

use std::num::NonZeroU32;
use std::time::Duration;

use futures::future::BoxFuture;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota};

/// CrowdTwist's documented limit for a program: calls per minute.
pub const DEFAULT_UPSTREAM_PER_MINUTE: u32 = 10_000;

/// Calls to the upstream, counted against a budget.
pub trait UpstreamBudget: Send + Sync + 'static {
    /// Takes one call from the budget, or says how long until one is free.
    fn try_acquire(&self) -> BoxFuture<'_, Result<(), Duration>>;
}

/// This process's own budget.
pub struct LocalBudget {
    limiter: DefaultDirectRateLimiter,
    clock: DefaultClock,
}

impl LocalBudget {
    /// At most `per_minute` calls in any 60 seconds.
    pub fn per_minute(per_minute: NonZeroU32) -> Self {
        LocalBudget {
            limiter: governor::RateLimiter::direct(upstream_quota(per_minute)),
            clock: DefaultClock::default(),
        }
    }
}

impl LocalBudget {
    /// One call every `period`, and at most `burst` at once. What an instance of several uses
    /// while Redis is down, with a small burst: an allowance saved up while the shared budget
    /// was in use must not add much to what the others spend.
    pub fn with_period(period: Duration, burst: NonZeroU32) -> Self {
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(burst);
        LocalBudget {
            limiter: governor::RateLimiter::direct(quota),
            clock: DefaultClock::default(),
        }
    }
}

/// The budget's quota: a burst of `n / 10` (at least 1), then one call every
/// `60 s / (n - burst)`: in any window shorter than a minute, at most `burst + (n - burst)` calls
/// pass. The shared budget in Redis uses the same.
pub fn upstream_quota(per_minute: NonZeroU32) -> Quota {
    let n = per_minute.get();
    let burst = NonZeroU32::new(n / 10).unwrap_or(NonZeroU32::MIN);
    let spread = n.saturating_sub(burst.get()).max(1);
    let period = Duration::from_secs(60) / spread;
    // `period` is at least 60 s / u32::MAX, never zero.
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_minute(per_minute))
        .allow_burst(burst)
}

impl UpstreamBudget for LocalBudget {
    fn try_acquire(&self) -> BoxFuture<'_, Result<(), Duration>> {
        let decision = self
            .limiter
            .check()
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()));
        Box::pin(std::future::ready(decision))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn admitted(budget: &LocalBudget, tries: usize) -> usize {
        let mut admitted = 0;
        for _ in 0..tries {
            admitted += usize::from(budget.try_acquire().await.is_ok());
        }
        admitted
    }

    #[tokio::test]
    async fn a_burst_of_a_tenth_then_spread_over_the_minute() {
        let budget = LocalBudget::per_minute(NonZeroU32::new(30).unwrap());
        assert_eq!(admitted(&budget, 100).await, 3);
        let wait = budget.try_acquire().await.unwrap_err();
        assert!(
            wait > Duration::from_secs(1) && wait <= Duration::from_millis(2223),
            "{wait:?}"
        );
        let quota = upstream_quota(NonZeroU32::new(10_000).unwrap());
        assert_eq!(quota.burst_size().get(), 1_000);
        let per_minute = 1_000 + 60_000_000 / quota.replenish_interval().as_micros();
        assert!(per_minute <= 10_000, "{per_minute}");
    }

    #[tokio::test]
    async fn a_budget_by_period_and_burst() {
        let budget = LocalBudget::with_period(Duration::from_secs(2), NonZeroU32::MIN);
        assert_eq!(admitted(&budget, 100).await, 1);
        let wait = budget.try_acquire().await.unwrap_err();
        assert!(
            wait > Duration::from_millis(1900) && wait <= Duration::from_secs(2),
            "{wait:?}"
        );
    }

    #[tokio::test]
    async fn tiny_budgets_still_work() {
        let budget = LocalBudget::per_minute(NonZeroU32::MIN);
        assert_eq!(admitted(&budget, 10).await, 1);
        assert_eq!(
            upstream_quota(NonZeroU32::MIN).replenish_interval(),
            Duration::from_secs(60)
        );
    }
}
