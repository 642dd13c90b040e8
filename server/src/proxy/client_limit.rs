//! `--client-per-minute`: each client address gets so many points requests a minute.
//!
//! A GCRA per address (`governor`, keyed; in Redis with `--redis`, see
//! [`crate::proxy::shared::gcra`]): a client may ask `n` times at once, then once every
//! `60 s / n`. IPv6 clients are counted per /64, the block one host usually has. Behind a reverse
//! proxy every request comes from the proxy's address; `--client-ip-header X-Real-IP` reads the
//! client's from the header the reverse proxy sets (never trusted unless asked for).

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::future::BoxFuture;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::error::AppError;

/// The default requests a minute per client address.
pub const DEFAULT_CLIENT_PER_MINUTE: u32 = 120;

/// Checks between two sweeps of addresses that are back to a full allowance.
const SWEEP_EVERY: u64 = 4096;

/// Where the clients' allowances are counted.
pub trait ClientAllowance: Send + Sync + 'static {
    /// Counts one request from `address` (already reduced to what is counted), or says how long
    /// it must wait.
    fn check(&self, address: IpAddr) -> BoxFuture<'_, Result<(), Duration>>;
}

/// This process's own allowances: a keyed GCRA.
pub struct LocalClientAllowance {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
    checks: AtomicU64,
}

impl LocalClientAllowance {
    /// `per_minute` requests per address: that many at once, then one every `60 s / n`.
    pub fn new(per_minute: NonZeroU32) -> Self {
        LocalClientAllowance {
            limiter: governor::RateLimiter::keyed(Quota::per_minute(per_minute)),
            clock: DefaultClock::default(),
            checks: AtomicU64::new(0),
        }
    }

    /// Addresses tracked now.
    pub fn tracked(&self) -> usize {
        self.limiter.len()
    }
}

impl ClientAllowance for LocalClientAllowance {
    fn check(&self, address: IpAddr) -> BoxFuture<'_, Result<(), Duration>> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            // Addresses at rest hold nothing worth keeping: the table stays as small as the
            // set of recently active clients.
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        let decision = self
            .limiter
            .check_key(&address)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()));
        Box::pin(std::future::ready(decision))
    }
}

/// The per-address limit: where the address comes from, and where it is counted.
pub struct ClientLimit {
    allowance: Arc<dyn ClientAllowance>,
    address_header: Option<HeaderName>,
}

impl ClientLimit {
    /// `per_minute` requests per address in this process, the address read from
    /// `address_header` when given.
    pub fn new(per_minute: NonZeroU32, address_header: Option<HeaderName>) -> Self {
        ClientLimit::with_allowance(
            Arc::new(LocalClientAllowance::new(per_minute)),
            address_header,
        )
    }

    /// The limit counted in `allowance` (the one shared in Redis, with `--redis`).
    pub fn with_allowance(
        allowance: Arc<dyn ClientAllowance>,
        address_header: Option<HeaderName>,
    ) -> Self {
        ClientLimit {
            allowance,
            address_header,
        }
    }

    /// The client's address: from the configured header when it holds one (the last of a list,
    /// the one the nearest proxy added), else the connection's.
    pub fn client_address(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
        let from_header = self
            .address_header
            .as_ref()
            .and_then(|name| headers.get(name))
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.rsplit(',').next())
            .and_then(|last| last.trim().parse::<IpAddr>().ok());
        from_header
            .or(peer.map(|peer| peer.ip()))
            .unwrap_or(IpAddr::V6(Ipv6Addr::UNSPECIFIED))
    }

    /// Counts one request from `address`, or says how long it must wait.
    pub async fn check(&self, address: IpAddr) -> Result<(), Duration> {
        self.allowance.check(counted_as(address)).await
    }
}

/// IPv4 as is (an IPv4-mapped IPv6 address as its IPv4), IPv6 by its /64.
fn counted_as(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(Ipv6Addr::from(segments))
            }
        },
    }
}

/// Middleware: 429 `rate_limited` with `Retry-After` for a client over its limit.
pub async fn limit_clients(
    State(limit): State<Arc<ClientLimit>>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| *peer);
    let address = limit.client_address(request.headers(), peer);
    match limit.check(address).await {
        Ok(()) => next.run(request).await,
        Err(wait) => AppError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many requests from this address; try again shortly.",
        )
        .with_retry_after(wait)
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn the_address_comes_from_the_header_only_when_asked() {
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-real-ip", HeaderValue::from_static("203.0.113.7"));
        let without = ClientLimit::new(NonZeroU32::MIN, None);
        assert_eq!(without.client_address(&headers, Some(peer)), peer.ip());
        let with = ClientLimit::new(NonZeroU32::MIN, Some(HeaderName::from_static("x-real-ip")));
        assert_eq!(
            with.client_address(&headers, Some(peer)),
            "203.0.113.7".parse::<IpAddr>().unwrap()
        );
        headers.insert(
            "x-real-ip",
            HeaderValue::from_static("10.0.0.1, 198.51.100.2"),
        );
        assert_eq!(
            with.client_address(&headers, Some(peer)),
            "198.51.100.2".parse::<IpAddr>().unwrap()
        );
        headers.insert("x-real-ip", HeaderValue::from_static("garbage"));
        assert_eq!(with.client_address(&headers, Some(peer)), peer.ip());
    }

    #[tokio::test]
    async fn ipv6_hosts_count_per_64() {
        let limit = ClientLimit::new(NonZeroU32::new(2).unwrap(), None);
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(limit.check(a).await.is_ok());
        assert!(limit.check(b).await.is_ok());
        let wait = limit.check(a).await.unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        assert!(limit.check(other).await.is_ok());
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(counted_as(mapped), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
