//! Upstream calls in flight across instances: concurrent requests for one member on different
//! instances cost about one upstream call.
//!
//! The scheme is a short lock and a published result, found by polling:
//!
//! - an instance that needs a member's answer claims the call with `SET lock token NX PX t GET`
//!   (one round trip), which either takes the lock or returns the token of whoever holds it;
//! - the holder makes the call and publishes its outcome (the answer, an error, or "budget
//!   spent") under a key named after its token, in one Lua script that also lets the lock
//!   linger for 250 ms (one round trip);
//! - the others poll that key (with the lock, in one pipelined round trip) after 0, 5, 10 and
//!   then every 20 ms, and answer with what was published. If the holder vanishes (its lock
//!   expires or changes hands without a result), they claim again.
//!
//! Cost in round trips: 2 for the instance that calls the upstream, and 1 + k for each other
//! instance, k being the number of polls (about 4 + (upstream time - 35 ms) / 20 ms: 5 for an
//! upstream that answers in 50 ms, 16 for 300 ms). Within one instance, requests for the same member already
//! share one task ([`crate::proxy::inflight`]), so each instance claims at most once per call.
//! Polling was chosen over pub/sub because it needs no second connection and loses nothing
//! when Redis reconnects; a wait is bounded by the lock's lifetime.

use std::future::Future;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use redis::Script;

use super::{decode_fetched, encode_fetched, hex, Keys, RedisLink};
use crate::member_query::MemberQuery;
use crate::metrics::{CallRole, Metrics, RedisOp};
use crate::proxy::inflight::Fetched;

static PUBLISH: LazyLock<Script> = LazyLock::new(|| Script::new(include_str!("publish.lua")));

/// How long the lock stays after the result is published.
const LINGER: Duration = Duration::from_millis(250);

/// Pauses before each poll for a published result, the last repeated.
const POLL_PAUSES_MS: [u64; 4] = [0, 5, 10, 20];

/// Claims made for one request before it calls the upstream on its own.
const MAX_CLAIMS: usize = 3;

/// The calls of every instance, coordinated in Redis.
pub struct SharedCalls {
    link: Arc<RedisLink>,
    keys: Keys,
    lock_for: Duration,
    metrics: Arc<Metrics>,
}

impl SharedCalls {
    /// Calls that take at most `call_time` (waiting for the budget and a concurrency permit,
    /// then the upstream's answer): a lock lasts that long and a second more.
    pub fn new(
        link: Arc<RedisLink>,
        keys: Keys,
        call_time: Duration,
        metrics: Arc<Metrics>,
    ) -> Self {
        SharedCalls {
            link,
            keys,
            lock_for: call_time + Duration::from_secs(1),
            metrics,
        }
    }

    /// The outcome of the call for `key`: made here by `call` (and published), or by another
    /// instance. Without Redis, `call` runs here alone.
    pub async fn call<F, Fut>(&self, key: &MemberQuery, call: F) -> Fetched
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Fetched>,
    {
        for _ in 0..MAX_CLAIMS {
            let Some(token) = new_token() else { break };
            match self.claim(key, &token).await {
                None => break,
                Some(None) => {
                    self.metrics.shared_call(CallRole::Leader);
                    let fetched = call().await;
                    self.publish(key, &token, &fetched).await;
                    return fetched;
                }
                Some(Some(holder)) => {
                    if let Some(fetched) = self.wait(key, &holder).await {
                        self.metrics.shared_call(CallRole::Follower);
                        return fetched;
                    }
                }
            }
        }
        self.metrics.shared_call(CallRole::Alone);
        call().await
    }

    /// Takes the lock (`Some(None)`), or learns who holds it (`Some(Some(token))`); `None` when
    /// Redis cannot say.
    async fn claim(&self, key: &MemberQuery, token: &str) -> Option<Option<String>> {
        let lock = self.keys.lock(key);
        let lock_ms = millis(self.lock_for);
        self.link
            .run(RedisOp::Claim, |mut connection| async move {
                redis::cmd("SET")
                    .arg(&lock)
                    .arg(token)
                    .arg("NX")
                    .arg("PX")
                    .arg(lock_ms)
                    .arg("GET")
                    .query_async::<Option<String>>(&mut connection)
                    .await
            })
            .await
    }

    /// The outcome `holder` publishes, or `None` if it vanishes, the lock's lifetime passes, or
    /// Redis goes away.
    async fn wait(&self, key: &MemberQuery, holder: &str) -> Option<Fetched> {
        let result = self.keys.result(key, holder);
        let lock = self.keys.lock(key);
        let deadline = Instant::now() + self.lock_for;
        for poll in 0.. {
            let pause = POLL_PAUSES_MS[poll.min(POLL_PAUSES_MS.len() - 1)];
            tokio::time::sleep(Duration::from_millis(pause)).await;
            if Instant::now() > deadline {
                return None;
            }
            let (published, held_by): (Option<Vec<u8>>, Option<String>) = self
                .link
                .run(RedisOp::Wait, |mut connection| {
                    let (result, lock) = (&result, &lock);
                    async move {
                        redis::pipe()
                            .get(result)
                            .get(lock)
                            .query_async(&mut connection)
                            .await
                    }
                })
                .await?;
            if let Some(bytes) = published {
                return decode_fetched(&bytes);
            }
            if held_by.as_deref() != Some(holder) {
                return None;
            }
        }
        None
    }

    async fn publish(&self, key: &MemberQuery, token: &str, fetched: &Fetched) {
        let lock = self.keys.lock(key);
        let result = self.keys.result(key, token);
        let encoded = encode_fetched(fetched);
        let (keep_ms, linger_ms) = (millis(self.lock_for), millis(LINGER));
        self.link
            .run(RedisOp::Publish, |mut connection| async move {
                PUBLISH
                    .key(&lock)
                    .key(&result)
                    .arg(token)
                    .arg(encoded)
                    .arg(keep_ms)
                    .arg(linger_ms)
                    .invoke_async::<i64>(&mut connection)
                    .await
            })
            .await;
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

/// 128 random bits, in hex: names one call.
fn new_token() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(hex(&bytes))
}
