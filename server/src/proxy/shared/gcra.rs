//! The upstream budget and the per-client limits in Redis: the same GCRA as the local ones
//! (`governor`), run as one Lua script, so that taking a call is a single atomic step on
//! Redis's clock: no read-then-write race between instances, no clock skew between machines.
//!
//! While Redis is down, each instance falls back to a local limiter with its share of the
//! allowance (`--instances N`: 1/N each). That local limiter is charged for every call the shared
//! one lets through too, so that falling back (Redis slow for a moment under load) never starts
//! from a fresh allowance: an instance that has spent its share keeps waiting. The budget's local
//! share runs at 1/N of the shared budget's steady rate with a burst of at most one second of
//! that ([`local_share`]), so that an instance that used less than its share through Redis has
//! saved little up either. And the calls made alone are counted in Redis once it answers again
//! (with the next call), so that the shared budget has not refilled meanwhile.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use futures::future::BoxFuture;
use governor::Quota;
use redis::Script;

use super::{Keys, RedisLink};
use crate::metrics::RedisOp;
use crate::proxy::budget::{upstream_quota, LocalBudget, UpstreamBudget};
use crate::proxy::client_limit::{ClientAllowance, LocalClientAllowance};

static GCRA: LazyLock<Script> = LazyLock::new(|| Script::new(include_str!("gcra.lua")));

/// One GCRA in Redis: a key, the period between calls and the burst.
#[derive(Debug, Clone)]
struct Gcra {
    period_micros: u64,
    burst: u32,
}

impl Gcra {
    fn from_quota(quota: Quota) -> Self {
        Gcra {
            period_micros: u64::try_from(quota.replenish_interval().as_micros())
                .unwrap_or(u64::MAX)
                .max(1),
            burst: quota.burst_size().get(),
        }
    }

    /// Takes one call under `key`, after counting `spent` calls made without asking:
    /// `Some(Ok)` when it passes, `Some(Err(wait))` when it does not, `None` when Redis could
    /// not say.
    async fn take(
        &self,
        link: &RedisLink,
        op: RedisOp,
        key: &str,
        spent: u32,
    ) -> Option<Result<(), Duration>> {
        let wait_micros: u64 = link
            .run(op, |mut connection| async move {
                GCRA.key(key)
                    .arg(self.period_micros)
                    .arg(self.burst)
                    .arg(spent)
                    .invoke_async(&mut connection)
                    .await
            })
            .await?;
        Some(match wait_micros {
            0 => Ok(()),
            micros => Err(Duration::from_micros(micros)),
        })
    }
}

/// `n / instances`, at least 1.
pub fn share(n: NonZeroU32, instances: NonZeroU32) -> NonZeroU32 {
    NonZeroU32::new(n.get() / instances.get()).unwrap_or(NonZeroU32::MIN)
}

/// An instance's share of the budget while Redis is down: one call every `instances` periods of
/// the shared budget, and a burst of at most one second's worth of that (and of its share of the
/// shared burst), at least 1: concurrent requests still pass, but little can be saved up.
pub fn local_share(quota: Quota, instances: NonZeroU32) -> (Duration, NonZeroU32) {
    let period = quota.replenish_interval() * instances.get();
    let per_second = Duration::from_secs(1).as_nanos() / period.as_nanos().max(1);
    let burst = per_second.min(u128::from(share(quota.burst_size(), instances).get()));
    let burst = u32::try_from(burst).ok().and_then(NonZeroU32::new);
    (period, burst.unwrap_or(NonZeroU32::MIN))
}

/// The upstream budget shared by every instance.
pub struct SharedBudget {
    link: Arc<RedisLink>,
    key: String,
    gcra: Gcra,
    local_share: LocalBudget,
    /// Calls made on the local share while Redis was away, not yet counted in Redis.
    spent_alone: AtomicU32,
}

impl SharedBudget {
    /// `per_minute` calls across all instances; for this one alone while Redis is down, its
    /// share of the budget's steady rate (see [`local_share`]).
    pub fn new(
        link: Arc<RedisLink>,
        keys: &Keys,
        per_minute: NonZeroU32,
        instances: NonZeroU32,
    ) -> Self {
        let quota = upstream_quota(per_minute);
        let (period, burst) = local_share(quota, instances);
        SharedBudget {
            link,
            key: keys.budget(),
            gcra: Gcra::from_quota(quota),
            local_share: LocalBudget::with_period(period, burst),
            spent_alone: AtomicU32::new(0),
        }
    }
}

impl UpstreamBudget for SharedBudget {
    fn try_acquire(&self) -> BoxFuture<'_, Result<(), Duration>> {
        Box::pin(async move {
            let spent = self.spent_alone.swap(0, Ordering::Relaxed);
            match self
                .gcra
                .take(&self.link, RedisOp::Budget, &self.key, spent)
                .await
            {
                Some(decision) => {
                    if decision.is_ok() {
                        // Already granted: the local share only records it.
                        let _ = self.local_share.try_acquire().await;
                    }
                    decision
                }
                None => {
                    let decision = self.local_share.try_acquire().await;
                    let spent = spent + u32::from(decision.is_ok());
                    self.spent_alone.fetch_add(spent, Ordering::Relaxed);
                    decision
                }
            }
        })
    }
}

/// The per-client limits shared by every instance.
pub struct SharedClientAllowance {
    link: Arc<RedisLink>,
    keys: Keys,
    gcra: Gcra,
    local_share: LocalClientAllowance,
}

impl SharedClientAllowance {
    /// `per_minute` requests per client across all instances; `per_minute / instances` on this
    /// one alone while Redis is down.
    pub fn new(
        link: Arc<RedisLink>,
        keys: Keys,
        per_minute: NonZeroU32,
        instances: NonZeroU32,
    ) -> Self {
        SharedClientAllowance {
            link,
            keys,
            gcra: Gcra::from_quota(Quota::per_minute(per_minute)),
            local_share: LocalClientAllowance::new(share(per_minute, instances)),
        }
    }
}

impl ClientAllowance for SharedClientAllowance {
    fn check(&self, address: IpAddr) -> BoxFuture<'_, Result<(), Duration>> {
        Box::pin(async move {
            let key = self.keys.client(address);
            match self
                .gcra
                .take(&self.link, RedisOp::ClientLimit, &key, 0)
                .await
            {
                Some(decision) => {
                    if decision.is_ok() {
                        let _ = self.local_share.check(address).await;
                    }
                    decision
                }
                None => self.local_share.check(address).await,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parameters_match_the_local_limiters() {
        let budget = Gcra::from_quota(upstream_quota(NonZeroU32::new(30).unwrap()));
        assert_eq!(budget.burst, 3);
        assert_eq!(budget.period_micros, 60_000_000 / 27);
        let client = Gcra::from_quota(Quota::per_minute(NonZeroU32::new(120).unwrap()));
        assert_eq!((client.burst, client.period_micros), (120, 500_000));
    }

    #[test]
    fn the_local_share_of_the_budget_saves_up_at_most_a_second() {
        let n = |v| NonZeroU32::new(v).unwrap();
        let (period, burst) = local_share(upstream_quota(n(10_000)), n(2));
        assert_eq!(period, Duration::from_secs(60) / 9_000 * 2);
        assert_eq!(burst, n(75));
        let (period, burst) = local_share(upstream_quota(n(30)), n(2));
        assert_eq!((period, burst), (Duration::from_secs(60) / 27 * 2, n(1)));
        let (_, burst) = local_share(upstream_quota(n(1_000_000)), n(4));
        assert_eq!(burst, n(3_750));
        let (_, burst) = local_share(upstream_quota(n(600)), n(1));
        assert_eq!(burst, n(9));
    }

    #[test]
    fn each_instance_gets_its_share_of_the_client_limit() {
        let n = |v| NonZeroU32::new(v).unwrap();
        assert_eq!(share(n(10_000), n(4)), n(2_500));
        assert_eq!(share(n(30), n(2)), n(15));
        assert_eq!(share(n(3), n(8)), n(1));
        assert_eq!(share(n(30), n(1)), n(30));
    }
}
