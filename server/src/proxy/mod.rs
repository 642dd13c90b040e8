//! Proxy mode: forwards the points request to CrowdTwist and adds the api_key on the server, so
//! the key never reaches a browser.
//!
//! A request goes through, in order: the per-client limit ([`client_limit`]), the member token
//! ([`crate::token`]), the cache ([`cache`]), the calls already in flight ([`inflight`], and
//! across instances [`shared::calls`]), the upstream budget ([`budget`]) and concurrency cap, and
//! only then the upstream ([`upstream`]), whose answer is cut down to the contract
//! ([`contract`]). With `--redis`, the cache, the budget, the client limits and the calls in
//! flight are shared by every instance ([`shared`]).

pub mod answer;
pub mod budget;
pub mod cache;
pub mod client_limit;
pub mod contract;
pub mod inflight;
pub mod shared;
pub mod upstream;

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{FromRef, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use self::budget::{LocalBudget, UpstreamBudget, DEFAULT_UPSTREAM_PER_MINUTE};
use self::cache::{AnswerCache, LocalCache, STALE_FOR};
use self::client_limit::{ClientLimit, DEFAULT_CLIENT_PER_MINUTE};
use self::inflight::{Fetched, InFlight};
use self::shared::cache::SharedCache;
use self::shared::calls::SharedCalls;
use self::shared::gcra::{share, SharedBudget, SharedClientAllowance};
use self::shared::{Keys, RedisLink};
use self::upstream::{Upstream, UpstreamPolicy, UPSTREAM_TIMEOUT};
use crate::error::AppError;
use crate::member_query::MemberQuery;
use crate::metrics::Metrics;
use crate::token::{AuthorizedMember, MemberAccess};

/// Everything proxy mode is configured with.
#[derive(Clone)]
pub struct ProxyConfig {
    /// `https://{environment}api{client_id}.crowdtwist.com`, or any base serving `/v2/...`.
    pub upstream: String,
    /// The program's api_key. Never logged, never sent to a client.
    pub api_key: String,
    /// Which upstream addresses are accepted and whether the environment's proxy is used.
    pub upstream_policy: UpstreamPolicy,
    /// How long to wait for the upstream's whole answer.
    pub upstream_timeout: Duration,
    /// How long an answer is fresh (0: no cache).
    pub cache_ttl: Duration,
    /// The cache's size in bytes.
    pub cache_max_bytes: u64,
    /// Calls to the upstream in any minute, across all members.
    pub upstream_per_minute: NonZeroU32,
    /// Calls to the upstream at the same time.
    pub upstream_concurrency: usize,
    /// Points requests a minute per client address (`None`: no limit).
    pub client_per_minute: Option<NonZeroU32>,
    /// The header holding the client's address, set by the site's reverse proxy.
    pub client_ip_header: Option<HeaderName>,
    /// The Redis shared with the other instances (`--redis`), if any.
    pub redis: Option<Arc<RedisLink>>,
    /// How many instances share the budget and the client limits (`--instances`): each takes
    /// this share of them when it works on its own (without Redis, or while Redis is down).
    pub instances: NonZeroU32,
}

impl ProxyConfig {
    /// The defaults, for `upstream` with `api_key`.
    pub fn new(upstream: &str, api_key: &str) -> Self {
        ProxyConfig {
            upstream: upstream.to_owned(),
            api_key: api_key.to_owned(),
            upstream_policy: UpstreamPolicy::default(),
            upstream_timeout: UPSTREAM_TIMEOUT,
            cache_ttl: Duration::from_secs(30),
            cache_max_bytes: 64 * 1024 * 1024,
            upstream_per_minute: NonZeroU32::new(DEFAULT_UPSTREAM_PER_MINUTE)
                .unwrap_or(NonZeroU32::MIN),
            upstream_concurrency: 32,
            client_per_minute: NonZeroU32::new(DEFAULT_CLIENT_PER_MINUTE),
            client_ip_header: None,
            redis: None,
            instances: NonZeroU32::MIN,
        }
    }

    /// The per-client limit, if any: shared in Redis, or this instance's share of it.
    pub fn client_limit(&self) -> Option<ClientLimit> {
        let per_minute = self.client_per_minute?;
        let header = self.client_ip_header.clone();
        Some(match &self.redis {
            Some(link) => ClientLimit::with_allowance(
                Arc::new(SharedClientAllowance::new(
                    Arc::clone(link),
                    Keys::new(&self.upstream),
                    per_minute,
                    self.instances,
                )),
                header,
            ),
            None => ClientLimit::new(share(per_minute, self.instances), header),
        })
    }
}

impl std::fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("upstream", &self.upstream)
            .field("api_key", &"<redacted>")
            .field("cache_ttl", &self.cache_ttl)
            .field("upstream_per_minute", &self.upstream_per_minute)
            .field("client_per_minute", &self.client_per_minute)
            .field("redis", &self.redis.as_ref().map(|link| link.address()))
            .field("instances", &self.instances)
            .finish_non_exhaustive()
    }
}

/// What the points handler works with.
pub struct ProxyState {
    upstream: Upstream,
    access: MemberAccess,
    cache: Arc<dyn AnswerCache>,
    budget: Arc<dyn UpstreamBudget>,
    shared_calls: Option<SharedCalls>,
    in_flight: Arc<InFlight>,
    concurrency: Semaphore,
    cache_ttl: Duration,
    upstream_timeout: Duration,
    metrics: Arc<Metrics>,
}

impl ProxyState {
    /// The state for `config`: the cache, budget and calls in flight shared in Redis with
    /// `config.redis`, else this process's own (with its share of the budget).
    pub fn new(
        config: &ProxyConfig,
        access: MemberAccess,
        metrics: Arc<Metrics>,
    ) -> Result<Self, String> {
        let keep_for = config.cache_ttl + STALE_FOR;
        let local = LocalCache::new(config.cache_max_bytes, keep_for);
        let Some(link) = &config.redis else {
            let budget =
                LocalBudget::per_minute(share(config.upstream_per_minute, config.instances));
            return ProxyState::with_parts(
                config,
                access,
                metrics,
                Arc::new(local),
                Arc::new(budget),
            );
        };
        let keys = Keys::new(&config.upstream);
        let cache = SharedCache::new(
            local,
            Arc::clone(link),
            keys.clone(),
            config.cache_ttl,
            keep_for,
        );
        let budget = SharedBudget::new(
            Arc::clone(link),
            &keys,
            config.upstream_per_minute,
            config.instances,
        );
        // A call waits for the budget, then for a concurrency permit, then for the answer.
        let call_time = config.upstream_timeout * 2;
        let calls = SharedCalls::new(Arc::clone(link), keys, call_time, Arc::clone(&metrics));
        let mut state =
            ProxyState::with_parts(config, access, metrics, Arc::new(cache), Arc::new(budget))?;
        state.shared_calls = Some(calls);
        Ok(state)
    }

    /// The state with a given cache and budget, and no calls shared with other instances.
    pub fn with_parts(
        config: &ProxyConfig,
        access: MemberAccess,
        metrics: Arc<Metrics>,
        cache: Arc<dyn AnswerCache>,
        budget: Arc<dyn UpstreamBudget>,
    ) -> Result<Self, String> {
        let upstream = Upstream::new(
            &config.upstream,
            &config.api_key,
            config.upstream_policy,
            config.upstream_timeout,
        )?;
        if config.upstream_concurrency == 0 {
            return Err("--upstream-concurrency must be at least 1".to_owned());
        }
        Ok(ProxyState {
            upstream,
            access,
            cache,
            budget,
            shared_calls: None,
            in_flight: Arc::new(InFlight::default()),
            concurrency: Semaphore::new(config.upstream_concurrency),
            cache_ttl: config.cache_ttl,
            upstream_timeout: config.upstream_timeout,
            metrics,
        })
    }

    /// The upstream's base, for the start-up line.
    pub fn upstream_base(&self) -> &str {
        self.upstream.base()
    }

    /// Upstream calls in flight now.
    pub fn calls_in_flight(&self) -> usize {
        self.in_flight.len()
    }

    /// The call for `key`, made here or, with Redis, by whichever instance claimed it first.
    async fn call_upstream(self: Arc<Self>, key: MemberQuery) -> Fetched {
        match &self.shared_calls {
            Some(calls) => calls.call(&key, || self.call_here(key.clone())).await,
            None => self.call_here(key).await,
        }
    }

    /// One upstream call from this instance, within the budget and the concurrency cap; a
    /// cacheable answer is stored before the call counts as over.
    async fn call_here(&self, key: MemberQuery) -> Fetched {
        if let Err(wait) = self.budget.try_acquire().await {
            return Fetched::Busy(wait);
        }
        let permit = tokio::time::timeout(self.upstream_timeout, self.concurrency.acquire()).await;
        let Ok(Ok(_permit)) = permit else {
            return Fetched::Busy(Duration::from_secs(1));
        };
        let started = Instant::now();
        let answer = Arc::new(self.upstream.fetch(&key).await);
        self.metrics
            .upstream_call(answer.status.as_u16(), started.elapsed());
        if answer.cacheable() && !self.cache_ttl.is_zero() {
            self.cache.put(key, Arc::clone(&answer)).await;
        }
        Fetched::Answer(answer)
    }
}

impl FromRef<Arc<ProxyState>> for MemberAccess {
    fn from_ref(state: &Arc<ProxyState>) -> Self {
        state.access.clone()
    }
}

/// `GET /v2/users/{user_id}/points`: from the cache while fresh, else from the upstream (one
/// call shared by every request for the member meanwhile); over budget, a stale answer if there
/// is one, else 503 `upstream_busy`.
pub async fn points(
    State(state): State<Arc<ProxyState>>,
    AuthorizedMember(query): AuthorizedMember,
) -> Response {
    let cached = if state.cache_ttl.is_zero() {
        None
    } else {
        state.cache.get(&query).await
    };
    if let Some(cached) = cached.as_ref().filter(|c| c.age < state.cache_ttl) {
        state.metrics.cache_hit(cached.store);
        return cached.answer.to_response();
    }
    if !state.cache_ttl.is_zero() {
        state.metrics.cache_miss();
    }
    let call = state
        .in_flight
        .join_or_start(&query, || Arc::clone(&state).call_upstream(query.clone()));
    match call.await {
        Fetched::Answer(answer) => answer.to_response(),
        Fetched::Busy(wait) => match cached {
            Some(stale) => {
                state.metrics.stale_served();
                stale.answer.to_response()
            }
            None => upstream_busy(wait).into_response(),
        },
    }
}

fn upstream_busy(wait: Duration) -> AppError {
    AppError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "upstream_busy",
        "The loyalty service is busy; try again shortly.",
    )
    .with_retry_after(wait)
}
