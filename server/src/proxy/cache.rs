//! The answer cache: per member and id type, bounded in bytes, kept a while past freshness so a
//! stale answer can stand in when the upstream budget is spent.
//!
//! The proxy sees the cache only through [`AnswerCache`], so a cache shared between instances
//! (Redis, with this one as the local fallback) can take its place without touching the
//! handlers.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use moka::sync::Cache;

use super::answer::Answer;
use crate::member_query::MemberQuery;
use crate::metrics::CacheStore;

/// How long an answer is kept past its freshness, to serve when the upstream budget is spent.
pub const STALE_FOR: Duration = Duration::from_secs(300);

/// The bytes an entry costs beyond its key and body (the entry, its `Arc`s, the map's slot).
const ENTRY_OVERHEAD: usize = 256;

/// A cached answer and how old it is.
#[derive(Debug, Clone)]
pub struct CachedAnswer {
    /// The answer.
    pub answer: Arc<Answer>,
    /// Time since it came from the upstream.
    pub age: Duration,
    /// Where it was kept.
    pub store: CacheStore,
}

/// Where answers are kept between requests.
pub trait AnswerCache: Send + Sync + 'static {
    /// The answer kept for `key`, fresh or stale, if any.
    fn get<'a>(&'a self, key: &'a MemberQuery) -> BoxFuture<'a, Option<CachedAnswer>>;
    /// Keeps `answer` for `key`, replacing any older one.
    fn put(&self, key: MemberQuery, answer: Arc<Answer>) -> BoxFuture<'_, ()>;
}

/// This process's own cache (moka): bounded by a byte budget that counts each entry's key,
/// body and a fixed overhead, so at most `max_bytes / 256` entries whatever their size.
pub struct LocalCache {
    entries: Cache<MemberQuery, Stored>,
}

#[derive(Clone)]
struct Stored {
    answer: Arc<Answer>,
    stored: Instant,
}

impl LocalCache {
    /// A cache of at most `max_bytes` that forgets an entry `keep_for` after it was stored.
    pub fn new(max_bytes: u64, keep_for: Duration) -> Self {
        let entries = Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|key: &MemberQuery, stored: &Stored| {
                let bytes = key.member_id.as_str().len() + stored.answer.size() + ENTRY_OVERHEAD;
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            .time_to_live(keep_for)
            .build();
        LocalCache { entries }
    }

    /// Keeps `answer` for `key` as if it had been stored `age` ago (an answer another instance
    /// fetched, read from the shared cache).
    pub fn insert_aged(&self, key: MemberQuery, answer: Arc<Answer>, age: Duration) {
        let now = Instant::now();
        self.entries.insert(
            key,
            Stored {
                answer,
                stored: now.checked_sub(age).unwrap_or(now),
            },
        );
    }

    /// Entries held (after pending evictions are applied).
    pub fn entry_count(&self) -> u64 {
        self.entries.run_pending_tasks();
        self.entries.entry_count()
    }

    /// The bytes held, as the weigher counts them.
    pub fn weighted_size(&self) -> u64 {
        self.entries.run_pending_tasks();
        self.entries.weighted_size()
    }
}

impl AnswerCache for LocalCache {
    fn get<'a>(&'a self, key: &'a MemberQuery) -> BoxFuture<'a, Option<CachedAnswer>> {
        let found = self.entries.get(key).map(|stored| CachedAnswer {
            answer: stored.answer,
            age: stored.stored.elapsed(),
            store: CacheStore::Local,
        });
        Box::pin(std::future::ready(found))
    }

    fn put(&self, key: MemberQuery, answer: Arc<Answer>) -> BoxFuture<'_, ()> {
        self.insert_aged(key, answer, Duration::ZERO);
        Box::pin(std::future::ready(()))
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Bytes;
    use axum::http::StatusCode;
    use loyalty_badge::{IdType, MemberId};

    use super::*;

    fn key(id: &str) -> MemberQuery {
        MemberQuery {
            member_id: MemberId::parse(id).unwrap(),
            id_type: IdType::Id,
        }
    }

    fn answer(bytes: usize) -> Arc<Answer> {
        Arc::new(Answer::ok(StatusCode::OK, Bytes::from(vec![b' '; bytes])))
    }

    #[tokio::test]
    async fn bounded_in_bytes_and_so_in_entries() {
        let cache = LocalCache::new(1_000_000, STALE_FOR);
        for i in 0..200 {
            cache.put(key(&i.to_string()), answer(100_000)).await;
        }
        assert!(
            cache.weighted_size() <= 1_000_000,
            "{}",
            cache.weighted_size()
        );
        assert!(cache.entry_count() <= 10, "{}", cache.entry_count());
        for i in 0..20_000 {
            cache.put(key(&format!("small-{i}")), answer(10)).await;
        }
        assert!(cache.weighted_size() <= 1_000_000);
        assert!(
            cache.entry_count() <= 1_000_000 / 256,
            "{}",
            cache.entry_count()
        );
    }

    #[tokio::test]
    async fn answers_age_and_expire() {
        let cache = LocalCache::new(1_000_000, Duration::from_millis(300));
        cache.put(key("16"), answer(10)).await;
        let first = cache.get(&key("16")).await.unwrap();
        assert!(first.age < Duration::from_millis(300));
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert!(cache.get(&key("16")).await.unwrap().age >= Duration::from_millis(150));
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(cache.get(&key("16")).await.is_none());
    }
}
