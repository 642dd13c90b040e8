//! State shared by every proxy instance pointing at one Redis (`--redis URL`): the answer cache
//! ([`cache`]), the upstream budget and the per-client limits ([`gcra`]), and the upstream calls
//! in flight ([`calls`]).
//!
//! Every operation is one round trip (a command, a pipeline or a Lua script) with a 50 ms time
//! limit. When one fails or takes longer, Redis is marked down and this instance works on its
//! own: its local cache, its share of the budget and of the client limits (`--instances N`: a
//! 1/N share each, so that N instances together stay within them), its own in-flight table. A
//! probe pings Redis every 250 ms while it is down (every second while it is up) and switches
//! back on the first answer within the limit; the connection manager reconnects by itself.
//! Nothing in Redis is needed to answer correctly: after a restart the cache refills, and the
//! budget starts again from a full allowance (once).
//!
//! Keys live under `loyalty:{ns}:`, `ns` being a hash of the upstream's address, so proxies of
//! different programs can share one Redis. Members appear only as a SHA-256 of their id type and
//! id, never in clear.

pub mod cache;
pub mod calls;
pub mod gcra;

use std::future::Future;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{ErrorKind, RedisError, RedisResult, ServerErrorKind};
use sha2::{Digest, Sha256};

use super::answer::Answer;
use super::inflight::Fetched;
use crate::member_query::MemberQuery;
use crate::metrics::{Metrics, RedisFailure, RedisOp};

/// The longest a Redis operation may take before this instance stops waiting for it and marks
/// Redis down.
pub const OPERATION_TIMEOUT: Duration = Duration::from_millis(50);

/// How often the probe pings Redis while it is down.
const PROBE_WHILE_DOWN: Duration = Duration::from_millis(250);

/// How often the probe pings Redis while it is up (so that `/healthz` notices an idle outage).
const PROBE_WHILE_UP: Duration = Duration::from_secs(1);

/// One Redis, its connection, and whether it is up.
pub struct RedisLink {
    manager: ConnectionManager,
    up: AtomicBool,
    address: String,
    timeout: Duration,
    metrics: Arc<Metrics>,
}

impl std::fmt::Debug for RedisLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisLink")
            .field("address", &self.address)
            .field("up", &self.is_up())
            .finish_non_exhaustive()
    }
}

impl RedisLink {
    /// A link to the Redis at `url` (`redis://[:password@]host[:port][/db]`), with the default
    /// 50 ms time limit. Does not connect yet, and never fails because Redis is down: the first
    /// operation connects, and the probe keeps trying. Must be called within a tokio runtime
    /// (the probe runs on it until the link is dropped).
    pub fn open(url: &str, metrics: Arc<Metrics>) -> Result<Arc<Self>, String> {
        Self::open_with_timeout(url, metrics, OPERATION_TIMEOUT)
    }

    /// [`RedisLink::open`] with another time limit per operation.
    pub fn open_with_timeout(
        url: &str,
        metrics: Arc<Metrics>,
        timeout: Duration,
    ) -> Result<Arc<Self>, String> {
        let address = redacted(url)?;
        let client = redis::Client::open(url).map_err(|_| {
            format!("--redis {address}: not a Redis URL (redis://[:password@]host[:port][/db])")
        })?;
        // One connection attempt at a time, no retries inside: a refused connection fails the
        // operation at once, and the next operation (the probe's, while down) tries again.
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_millis(500)))
            .set_response_timeout(Some(Duration::from_secs(1)))
            .set_number_of_retries(0)
            .set_pipeline_buffer_size(1024);
        let manager = ConnectionManager::new_lazy_with_config(client, config)
            .map_err(|e| format!("--redis {address}: {}", e.category()))?;
        let link = Arc::new(RedisLink {
            manager,
            up: AtomicBool::new(true),
            address,
            timeout,
            metrics,
        });
        link.metrics.set_redis_up(true);
        tokio::spawn(probe(Arc::downgrade(&link)));
        Ok(link)
    }

    /// Where Redis is, without a password: for messages.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Whether Redis answered the last operation within the time limit.
    pub fn is_up(&self) -> bool {
        self.up.load(Ordering::Relaxed)
    }

    /// Pings Redis now and marks it up or down; whether it is up.
    pub async fn check(&self) -> bool {
        let up = self
            .attempt(RedisOp::Ping, |mut connection| async move {
                redis::cmd("PING")
                    .query_async::<String>(&mut connection)
                    .await
            })
            .await
            .is_some();
        if up && !self.up.swap(true, Ordering::Relaxed) {
            self.metrics.set_redis_up(true);
            tracing::info!(
                "redis at {} is back: cache, budget and client limits are shared again",
                self.address
            );
        }
        up
    }

    /// Runs one operation (one round trip) unless Redis is down; `None` when it is down, fails
    /// or takes longer than the limit (the caller then works on its own).
    pub async fn run<T, F, Fut>(&self, op: RedisOp, operation: F) -> Option<T>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        if !self.is_up() {
            self.metrics.redis_skipped(op);
            return None;
        }
        self.attempt(op, operation).await
    }

    async fn attempt<T, F, Fut>(&self, op: RedisOp, operation: F) -> Option<T>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        self.metrics.redis_round_trip(op);
        match tokio::time::timeout(self.timeout, operation(self.manager.clone())).await {
            Ok(Ok(value)) => Some(value),
            Ok(Err(error)) => {
                self.metrics.redis_error(op, RedisFailure::Error);
                if is_outage(&error) {
                    self.mark_down(error.category());
                } else {
                    tracing::warn!("redis at {}: {}", self.address, error.category());
                }
                None
            }
            Err(_) => {
                self.metrics.redis_error(op, RedisFailure::Timeout);
                self.mark_down("no answer within the time limit");
                None
            }
        }
    }

    fn mark_down(&self, why: &str) {
        if self.up.swap(false, Ordering::Relaxed) {
            self.metrics.set_redis_up(false);
            tracing::warn!(
                "redis at {} is down ({why}): this instance uses its own cache and its share of \
                 the budget and client limits until it is back",
                self.address
            );
        }
    }
}

/// Whether an error means Redis cannot be used now (rather than one odd answer).
fn is_outage(error: &RedisError) -> bool {
    !matches!(
        error.kind(),
        ErrorKind::Server(ServerErrorKind::ResponseError)
            | ErrorKind::UnexpectedReturnType
            | ErrorKind::Parse
    )
}

/// Pings while the link lives: often while Redis is down, now and then while it is up.
async fn probe(link: Weak<RedisLink>) {
    loop {
        let pause = match link.upgrade() {
            Some(link) if link.is_up() => PROBE_WHILE_UP,
            Some(_) => PROBE_WHILE_DOWN,
            None => return,
        };
        tokio::time::sleep(pause).await;
        let Some(link) = link.upgrade() else { return };
        link.check().await;
    }
}

/// `scheme://host:port/db` of a Redis URL, without user or password.
fn redacted(url: &str) -> Result<String, String> {
    let parsed = url::Url::parse(url).map_err(|_| {
        "--redis: not a Redis URL (redis://[:password@]host[:port][/db])".to_owned()
    })?;
    if !matches!(parsed.scheme(), "redis" | "rediss" | "redis+unix" | "unix") {
        return Err(format!(
            "--redis: {}:// is not a Redis URL (redis://[:password@]host[:port][/db])",
            parsed.scheme()
        ));
    }
    let host = parsed.host_str().unwrap_or_default();
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!(
        "{}://{host}{port}{}",
        parsed.scheme(),
        parsed.path()
    ))
}

/// The names of the keys, under one namespace per upstream.
#[derive(Debug, Clone)]
pub struct Keys {
    prefix: String,
}

impl Keys {
    /// The keys of the proxies of `upstream` (its base address).
    pub fn new(upstream: &str) -> Self {
        let digest = Sha256::digest(upstream.trim_end_matches('/').as_bytes());
        Keys {
            prefix: format!("loyalty:{}:", hex(&digest[..6])),
        }
    }

    fn member(&self, kind: &str, key: &MemberQuery) -> String {
        let mut hash = Sha256::new();
        hash.update(key.id_type.as_str().as_bytes());
        hash.update(b"\n");
        hash.update(key.member_id.as_str().as_bytes());
        format!("{}{kind}:{}", self.prefix, hex(&hash.finalize()[..16]))
    }

    /// The cached answer for a member.
    pub fn answer(&self, key: &MemberQuery) -> String {
        self.member("answer", key)
    }

    /// Who is calling the upstream for a member now.
    pub fn lock(&self, key: &MemberQuery) -> String {
        self.member("lock", key)
    }

    /// The result of the call `token` made for a member.
    pub fn result(&self, key: &MemberQuery, token: &str) -> String {
        format!("{}:{token}", self.member("result", key))
    }

    /// The upstream budget.
    pub fn budget(&self) -> String {
        format!("{}budget", self.prefix)
    }

    /// A client address's allowance (already reduced to what is counted: an IPv6 /64).
    pub fn client(&self, address: IpAddr) -> String {
        format!("{}client:{address}", self.prefix)
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// An answer as stored in Redis: `A {status} {retry-after or -}\n{body}`.
pub fn encode_answer(answer: &Answer) -> Vec<u8> {
    let retry_after = answer
        .retry_after
        .as_ref()
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    let mut bytes = format!("A {} {retry_after}\n", answer.status.as_u16()).into_bytes();
    bytes.extend_from_slice(&answer.body);
    bytes
}

/// A call's outcome as published: an answer, or `B {milliseconds}` for "the budget is spent".
pub fn encode_fetched(fetched: &Fetched) -> Vec<u8> {
    match fetched {
        Fetched::Answer(answer) => encode_answer(answer),
        Fetched::Busy(wait) => format!("B {}", wait.as_millis()).into_bytes(),
    }
}

/// Reads what [`encode_fetched`] (or [`encode_answer`]) wrote; `None` for anything else.
pub fn decode_fetched(bytes: &[u8]) -> Option<Fetched> {
    if let Some(millis) = bytes.strip_prefix(b"B ") {
        let millis: u64 = std::str::from_utf8(millis).ok()?.parse().ok()?;
        return Some(Fetched::Busy(Duration::from_millis(millis)));
    }
    let rest = bytes.strip_prefix(b"A ")?;
    let newline = rest.iter().position(|b| *b == b'\n')?;
    let head = std::str::from_utf8(&rest[..newline]).ok()?;
    let (status, retry_after) = head.split_once(' ')?;
    let status = StatusCode::from_u16(status.parse().ok()?).ok()?;
    let retry_after = match retry_after {
        "-" => None,
        value => Some(HeaderValue::from_str(value).ok()?),
    };
    Some(Fetched::Answer(Arc::new(Answer {
        status,
        retry_after,
        body: Bytes::copy_from_slice(&rest[newline + 1..]),
    })))
}

/// Reads an answer stored by [`encode_answer`].
pub fn decode_answer(bytes: &[u8]) -> Option<Arc<Answer>> {
    match decode_fetched(bytes)? {
        Fetched::Answer(answer) => Some(answer),
        Fetched::Busy(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use loyalty_badge::{IdType, MemberId};

    use super::*;

    #[test]
    fn answers_and_busy_survive_the_round_trip_and_garbage_does_not_decode() {
        let answer = Answer {
            status: StatusCode::TOO_MANY_REQUESTS,
            retry_after: Some(HeaderValue::from_static("7")),
            body: Bytes::from_static(b"{\"error\":\"rate_limited\"}\n\nA 200 -\n"),
        };
        match decode_fetched(&encode_answer(&answer)) {
            Some(Fetched::Answer(decoded)) => assert_eq!(*decoded, answer),
            other => panic!("{other:?}"),
        }
        let ok = Answer::ok(StatusCode::OK, Bytes::from_static(b"{}"));
        assert_eq!(*decode_answer(&encode_answer(&ok)).unwrap(), ok);
        match decode_fetched(&encode_fetched(&Fetched::Busy(Duration::from_millis(2200)))) {
            Some(Fetched::Busy(wait)) => assert_eq!(wait, Duration::from_millis(2200)),
            other => panic!("{other:?}"),
        }
        for garbage in [
            &b""[..],
            b"A",
            b"A 200",
            b"A 99 -\n{}",
            b"A 200 \x01\n{}",
            b"B soon",
            b"{}",
        ] {
            assert!(decode_fetched(garbage).is_none(), "{garbage:?}");
        }
    }

    #[test]
    fn keys_hide_members_and_separate_upstreams() {
        let alice = MemberQuery {
            member_id: MemberId::parse("alice@crowdtwist.com").unwrap(),
            id_type: IdType::Email,
        };
        let keys = Keys::new("https://sb-api1.crowdtwist.com/");
        let answer = keys.answer(&alice);
        assert!(answer.starts_with("loyalty:") && answer.contains(":answer:"));
        assert!(!answer.contains("alice"), "{answer}");
        assert_eq!(
            answer,
            Keys::new("https://sb-api1.crowdtwist.com").answer(&alice)
        );
        assert_ne!(
            answer,
            Keys::new("https://sb-api2.crowdtwist.com").answer(&alice)
        );
        let as_id = MemberQuery {
            id_type: IdType::Id,
            ..alice.clone()
        };
        assert_ne!(answer, keys.answer(&as_id));
    }

    /// The operation the tests run: a PING.
    async fn ping(link: &RedisLink) -> Option<String> {
        link.run(RedisOp::Ping, |mut connection| async move {
            redis::cmd("PING").query_async(&mut connection).await
        })
        .await
    }

    #[tokio::test]
    async fn an_unreachable_redis_is_marked_down_and_then_skipped() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("redis://{}/0", closed.local_addr().unwrap());
        drop(closed);
        let metrics = Arc::new(Metrics::new(true));
        let link = RedisLink::open(&url, Arc::clone(&metrics)).unwrap();
        assert!(link.is_up(), "optimistic until the first operation");
        assert_eq!(ping(&link).await, None);
        assert!(!link.is_up());
        assert_eq!(ping(&link).await, None);
        let text = metrics.encode();
        assert!(text.contains("loyalty_redis_up 0"), "{text}");
        assert!(
            text.contains("loyalty_redis_errors_total{op=\"ping\",kind=\"error\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("loyalty_redis_skipped_total{op=\"ping\"} 1"),
            "the second was not tried: {text}"
        );
        assert!(!link.check().await, "still down");
    }

    #[tokio::test]
    async fn a_redis_that_does_not_answer_is_given_up_on_after_the_time_limit() {
        // Accepts connections and never answers.
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("redis://{}/0", silent.local_addr().unwrap());
        let held = tokio::spawn(async move {
            let mut connections = Vec::new();
            while let Ok((connection, _)) = silent.accept().await {
                connections.push(connection);
            }
        });
        let metrics = Arc::new(Metrics::new(true));
        let link = RedisLink::open(&url, Arc::clone(&metrics)).unwrap();
        let started = std::time::Instant::now();
        assert_eq!(ping(&link).await, None);
        let waited = started.elapsed();
        assert!(
            waited >= OPERATION_TIMEOUT && waited < Duration::from_secs(1),
            "{waited:?}"
        );
        assert!(!link.is_up());
        assert!(metrics
            .encode()
            .contains("loyalty_redis_errors_total{op=\"ping\",kind=\"timeout\"} 1"));
        let started = std::time::Instant::now();
        assert_eq!(ping(&link).await, None);
        assert!(
            started.elapsed() < OPERATION_TIMEOUT,
            "no more waiting once it is down"
        );
        held.abort();
    }

    #[test]
    fn urls_are_checked_and_shown_without_a_password() {
        assert_eq!(
            redacted("redis://:hunter2@127.0.0.1:6380/2").unwrap(),
            "redis://127.0.0.1:6380/2"
        );
        assert_eq!(
            redacted("redis://user:pw@cache.internal").unwrap(),
            "redis://cache.internal"
        );
        assert!(redacted("http://127.0.0.1:6379").is_err());
        assert!(redacted("127.0.0.1:6379").is_err());
    }
}
