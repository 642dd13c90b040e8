//! What the server counts, for `GET /metrics` in Prometheus's text format (version 0.0.4).
//!
//! The metrics are served on a listener of their own (`--metrics-bind`), never on the public one:
//! they say nothing about a member, but an operator's dashboards are nobody else's business. No
//! label ever holds a member id, a token, a key or a client address; every label value comes from
//! a short fixed list, so the number of series stays bounded whatever clients send.

use std::fmt::Write as _;
use std::time::Duration;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// Which part of the server answered a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// `GET .../v2/users/{user_id}/points`.
    Points,
    /// `GET /healthz`.
    Health,
    /// A file of `--static`.
    Static,
    /// Anything else (answered 404).
    Other,
}

impl Route {
    fn as_str(self) -> &'static str {
        match self {
            Route::Points => "points",
            Route::Health => "healthz",
            Route::Static => "static",
            Route::Other => "other",
        }
    }
}

/// Where a cached answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CacheStore {
    /// This process's own cache.
    Local,
    /// The cache shared in Redis.
    Redis,
}

impl CacheStore {
    fn as_str(self) -> &'static str {
        match self {
            CacheStore::Local => "local",
            CacheStore::Redis => "redis",
        }
    }
}

/// What a Redis operation was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RedisOp {
    /// Reading a cached answer.
    CacheGet,
    /// Storing an answer.
    CachePut,
    /// Taking a call from the upstream budget.
    Budget,
    /// Counting a request against its client's allowance.
    ClientLimit,
    /// Claiming the upstream call for a member (or learning who holds it).
    Claim,
    /// Looking for the result of a call another instance holds.
    Wait,
    /// Publishing a call's result to the instances waiting for it.
    Publish,
    /// The health probe.
    Ping,
}

impl RedisOp {
    fn as_str(self) -> &'static str {
        match self {
            RedisOp::CacheGet => "cache_get",
            RedisOp::CachePut => "cache_put",
            RedisOp::Budget => "budget",
            RedisOp::ClientLimit => "client_limit",
            RedisOp::Claim => "claim",
            RedisOp::Wait => "wait",
            RedisOp::Publish => "publish",
            RedisOp::Ping => "ping",
        }
    }
}

/// Why a Redis operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RedisFailure {
    /// No answer within the operation's time limit.
    Timeout,
    /// An error: connection refused or dropped, or an error reply.
    Error,
}

/// Who made an upstream call that several instances wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallRole {
    /// This instance made the call and published its result.
    Leader,
    /// Another instance made it; this one used its result.
    Follower,
    /// Redis could not say: this instance made the call on its own.
    Alone,
}

/// A status code, or `cancelled` when the client went away before the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Status(Option<u16>);

impl EncodeLabelValue for Status {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> std::fmt::Result {
        match self.0 {
            Some(code) => encoder.write_fmt(format_args!("{code}")),
            None => encoder.write_str("cancelled"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RequestLabels {
    route: &'static str,
    status: Status,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct StatusLabels {
    status: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct StoreLabels {
    store: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct CodeLabels {
    code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct OpLabels {
    op: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct OpFailureLabels {
    op: &'static str,
    kind: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RoleLabels {
    role: &'static str,
}

/// The token refusals' codes, the only values the `code` label takes.
const TOKEN_CODES: [&str; 3] = ["token_required", "token_invalid", "token_expired"];

/// Every metric of one server.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    upstream_calls: Family<StatusLabels, Counter>,
    upstream_seconds: Histogram,
    cache_hits: Family<StoreLabels, Counter>,
    cache_misses: Counter,
    stale_served: Counter,
    budget_refusals: Counter,
    client_limit_refusals: Counter,
    token_failures: Family<CodeLabels, Counter>,
    redis_round_trips: Family<OpLabels, Counter>,
    redis_errors: Family<OpFailureLabels, Counter>,
    redis_skipped: Family<OpLabels, Counter>,
    redis_up: Gauge,
    shared_calls: Family<RoleLabels, Counter>,
}

impl Metrics {
    /// The metrics of a server; the Redis ones only when it uses Redis.
    pub fn new(with_redis: bool) -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "loyalty_http_requests",
            "Requests answered, by route and status (cancelled: the client went away first)",
            requests.clone(),
        );
        let upstream_calls = Family::<StatusLabels, Counter>::default();
        registry.register(
            "loyalty_upstream_calls",
            "Calls to the upstream (CrowdTwist), by the status passed on (502 and 504: it could \
             not be reached or did not answer in time)",
            upstream_calls.clone(),
        );
        // 5 ms to about 10 s: CrowdTwist answers in tens to hundreds of milliseconds.
        let upstream_seconds = Histogram::new(exponential_buckets(0.005, 2.0, 12));
        registry.register(
            "loyalty_upstream_call_duration_seconds",
            "Time an upstream call took, until its whole answer was read",
            upstream_seconds.clone(),
        );
        let cache_hits = Family::<StoreLabels, Counter>::default();
        registry.register(
            "loyalty_cache_hits",
            "Points requests answered from a fresh cached answer, by where it was kept",
            cache_hits.clone(),
        );
        let cache_misses = Counter::default();
        registry.register(
            "loyalty_cache_misses",
            "Points requests with no fresh cached answer",
            cache_misses.clone(),
        );
        let stale_served = Counter::default();
        registry.register(
            "loyalty_cache_stale_served",
            "Points requests answered from a stale cached answer because the upstream budget \
             was spent",
            stale_served.clone(),
        );
        let budget_refusals = Counter::default();
        registry.register(
            "loyalty_budget_refusals",
            "Points requests answered 503 upstream_busy: the upstream budget or the concurrency \
             cap was spent and no cached answer was kept",
            budget_refusals.clone(),
        );
        let client_limit_refusals = Counter::default();
        registry.register(
            "loyalty_client_limit_refusals",
            "Points requests answered 429 rate_limited: the client was over --client-per-minute",
            client_limit_refusals.clone(),
        );
        let token_failures = Family::<CodeLabels, Counter>::default();
        registry.register(
            "loyalty_token_failures",
            "Points requests refused for their member token, by code",
            token_failures.clone(),
        );
        let redis_round_trips = Family::<OpLabels, Counter>::default();
        let redis_errors = Family::<OpFailureLabels, Counter>::default();
        let redis_skipped = Family::<OpLabels, Counter>::default();
        let redis_up = Gauge::default();
        let shared_calls = Family::<RoleLabels, Counter>::default();
        if with_redis {
            registry.register(
                "loyalty_redis_round_trips",
                "Round trips to Redis (a pipeline or a script is one), by purpose",
                redis_round_trips.clone(),
            );
            registry.register(
                "loyalty_redis_errors",
                "Redis operations that failed or took longer than 50 ms, by purpose and kind",
                redis_errors.clone(),
            );
            registry.register(
                "loyalty_redis_skipped",
                "Redis operations not tried because Redis was down: answered from this \
                 instance's own cache and share of the budget",
                redis_skipped.clone(),
            );
            registry.register(
                "loyalty_redis_up",
                "1 while Redis answers within 50 ms, 0 while this instance works on its own",
                redis_up.clone(),
            );
            registry.register(
                "loyalty_shared_calls",
                "Upstream calls wanted by this instance, by who made them",
                shared_calls.clone(),
            );
        }
        Metrics {
            registry,
            requests,
            upstream_calls,
            upstream_seconds,
            cache_hits,
            cache_misses,
            stale_served,
            budget_refusals,
            client_limit_refusals,
            token_failures,
            redis_round_trips,
            redis_errors,
            redis_skipped,
            redis_up,
            shared_calls,
        }
    }

    /// A request answered with `status`, or cancelled (`None`).
    pub fn request(&self, route: Route, status: Option<u16>) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.as_str(),
                status: Status(status),
            })
            .inc();
    }

    /// An answer the server made itself with this `error` code: counts the refusals.
    pub fn refused(&self, code: &str) {
        match code {
            "upstream_busy" => {
                self.budget_refusals.inc();
            }
            "rate_limited" => {
                self.client_limit_refusals.inc();
            }
            _ => {
                if let Some(code) = TOKEN_CODES.into_iter().find(|known| *known == code) {
                    self.token_failures
                        .get_or_create(&CodeLabels { code })
                        .inc();
                }
            }
        }
    }

    /// An upstream call that took `took` and passed on `status`.
    pub fn upstream_call(&self, status: u16, took: Duration) {
        self.upstream_calls
            .get_or_create(&StatusLabels { status })
            .inc();
        self.upstream_seconds.observe(took.as_secs_f64());
    }

    /// A points request answered from a fresh cached answer.
    pub fn cache_hit(&self, store: CacheStore) {
        self.cache_hits
            .get_or_create(&StoreLabels {
                store: store.as_str(),
            })
            .inc();
    }

    /// A points request with no fresh cached answer.
    pub fn cache_miss(&self) {
        self.cache_misses.inc();
    }

    /// A stale answer served because the budget was spent.
    pub fn stale_served(&self) {
        self.stale_served.inc();
    }

    /// One round trip to Redis.
    pub fn redis_round_trip(&self, op: RedisOp) {
        self.redis_round_trips
            .get_or_create(&OpLabels { op: op.as_str() })
            .inc();
    }

    /// A Redis operation that failed.
    pub fn redis_error(&self, op: RedisOp, failure: RedisFailure) {
        let kind = match failure {
            RedisFailure::Timeout => "timeout",
            RedisFailure::Error => "error",
        };
        self.redis_errors
            .get_or_create(&OpFailureLabels {
                op: op.as_str(),
                kind,
            })
            .inc();
    }

    /// A Redis operation not tried because Redis was down.
    pub fn redis_skipped(&self, op: RedisOp) {
        self.redis_skipped
            .get_or_create(&OpLabels { op: op.as_str() })
            .inc();
    }

    /// Whether Redis is up.
    pub fn set_redis_up(&self, up: bool) {
        self.redis_up.set(i64::from(up));
    }

    /// An upstream call this instance wanted, and who made it.
    pub fn shared_call(&self, role: CallRole) {
        let role = match role {
            CallRole::Leader => "leader",
            CallRole::Follower => "follower",
            CallRole::Alone => "alone",
        };
        self.shared_calls.get_or_create(&RoleLabels { role }).inc();
    }

    /// The text exposition.
    pub fn encode(&self) -> String {
        let mut text = String::with_capacity(4096);
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry);
        text
    }

    /// `GET /metrics`: the text exposition, never cached.
    pub fn response(&self) -> Response {
        let mut response = self.encode().into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(prometheus_client::encoding::prometheus_text::CONTENT_TYPE),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new(false)
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_appear_with_their_labels() {
        let metrics = Metrics::new(true);
        metrics.request(Route::Points, Some(200));
        metrics.request(Route::Points, Some(200));
        metrics.request(Route::Points, None);
        metrics.refused("token_expired");
        metrics.refused("someone_elses_code");
        metrics.upstream_call(200, Duration::from_millis(30));
        metrics.redis_round_trip(RedisOp::Budget);
        metrics.set_redis_up(true);
        let text = metrics.encode();
        for line in [
            "loyalty_http_requests_total{route=\"points\",status=\"200\"} 2",
            "loyalty_http_requests_total{route=\"points\",status=\"cancelled\"} 1",
            "loyalty_token_failures_total{code=\"token_expired\"} 1",
            "loyalty_upstream_calls_total{status=\"200\"} 1",
            "loyalty_upstream_call_duration_seconds_bucket{le=\"0.04\"} 1",
            "loyalty_upstream_call_duration_seconds_bucket{le=\"0.02\"} 0",
            "loyalty_upstream_call_duration_seconds_count 1",
            "loyalty_redis_round_trips_total{op=\"budget\"} 1",
            "loyalty_redis_up 1",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} not in\n{text}");
        }
        assert!(!text.contains("someone_elses_code"), "{text}");
        assert!(!Metrics::new(false).encode().contains("redis"));
    }
}
