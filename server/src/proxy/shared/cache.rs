//! The answer cache shared in Redis, behind this instance's own cache.
//!
//! A fresh answer in the local cache is served without asking Redis (no round trip for a hot
//! member). Otherwise one pipelined round trip reads the shared answer and its remaining time to
//! live, from which its age follows on Redis's clock; a shared answer is copied into the local
//! cache with that age. Every answer stored goes to both, so that the local cache holds what it
//! needs when Redis goes away.

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;

use super::{decode_answer, encode_answer, Keys, RedisLink};
use crate::member_query::MemberQuery;
use crate::metrics::{CacheStore, RedisOp};
use crate::proxy::answer::Answer;
use crate::proxy::cache::{AnswerCache, CachedAnswer, LocalCache};

/// The local cache in front of the shared one.
pub struct SharedCache {
    local: LocalCache,
    link: Arc<RedisLink>,
    keys: Keys,
    fresh_for: Duration,
    keep_for: Duration,
}

impl SharedCache {
    /// Answers fresh for `fresh_for` and kept for `keep_for` (fresh, then stale), in Redis and
    /// in `local`.
    pub fn new(
        local: LocalCache,
        link: Arc<RedisLink>,
        keys: Keys,
        fresh_for: Duration,
        keep_for: Duration,
    ) -> Self {
        SharedCache {
            local,
            link,
            keys,
            fresh_for,
            keep_for,
        }
    }

    async fn shared(&self, key: &MemberQuery) -> Option<CachedAnswer> {
        let name = self.keys.answer(key);
        let (bytes, ttl_ms): (Option<Vec<u8>>, i64) = self
            .link
            .run(RedisOp::CacheGet, |mut connection| async move {
                redis::pipe()
                    .get(&name)
                    .pttl(&name)
                    .query_async(&mut connection)
                    .await
            })
            .await?;
        let answer = decode_answer(&bytes?)?;
        let left = Duration::from_millis(u64::try_from(ttl_ms).ok()?);
        let age = self.keep_for.saturating_sub(left);
        self.local
            .insert_aged(key.clone(), Arc::clone(&answer), age);
        Some(CachedAnswer {
            answer,
            age,
            store: CacheStore::Redis,
        })
    }
}

impl AnswerCache for SharedCache {
    fn get<'a>(&'a self, key: &'a MemberQuery) -> BoxFuture<'a, Option<CachedAnswer>> {
        Box::pin(async move {
            let local = self.local.get(key).await;
            if local.as_ref().is_some_and(|l| l.age < self.fresh_for) {
                return local;
            }
            match (local, self.shared(key).await) {
                (Some(local), Some(shared)) if local.age < shared.age => Some(local),
                (local, shared) => shared.or(local),
            }
        })
    }

    fn put(&self, key: MemberQuery, answer: Arc<Answer>) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let name = self.keys.answer(&key);
            let bytes = encode_answer(&answer);
            self.local.put(key, answer).await;
            let keep_ms = u64::try_from(self.keep_for.as_millis()).unwrap_or(u64::MAX);
            self.link
                .run(RedisOp::CachePut, |mut connection| async move {
                    redis::cmd("SET")
                        .arg(&name)
                        .arg(bytes)
                        .arg("PX")
                        .arg(keep_ms.max(1))
                        .query_async::<()>(&mut connection)
                        .await
                })
                .await;
        })
    }
}
