//! Two proxy instances sharing a real Redis (Debian's redis-server on a free loopback port):
//! the shared cache, budget, client limits and calls in flight; the budget script under
//! concurrency; Redis killed, restarted and paused mid-run. Needs redis-server, so it is ignored
//! by a plain `cargo test`; `make test-redis` (part of `make test`) installs it and runs these.

#[allow(dead_code)]
mod support;

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderName, Request};
use axum::Router;
use loyalty_server::metrics::Metrics;
use loyalty_server::proxy::budget::UpstreamBudget;
use loyalty_server::proxy::shared::gcra::SharedBudget;
use loyalty_server::proxy::shared::{Keys, RedisLink};
use loyalty_server::proxy::ProxyConfig;
use loyalty_server::token::MemberAccess;
use support::app::{get, proxy_app_counted, proxy_config, send, Reply};
use support::redis_server::RedisServer;
use support::upstream::Upstream;

/// One proxy instance: its router, its metrics and its link to Redis.
struct Instance {
    app: Router,
    metrics: Arc<Metrics>,
    link: Arc<RedisLink>,
}

impl Instance {
    /// An instance of two, for `upstream`, sharing `redis`; `tweak` changes its configuration.
    fn start(
        upstream: &Upstream,
        redis: &RedisServer,
        tweak: impl FnOnce(&mut ProxyConfig),
    ) -> Instance {
        let metrics = Arc::new(Metrics::new(true));
        let link = RedisLink::open(&redis.url(), Arc::clone(&metrics)).unwrap();
        let mut config = ProxyConfig {
            redis: Some(Arc::clone(&link)),
            instances: NonZeroU32::new(2).unwrap(),
            ..proxy_config(&upstream.base)
        };
        tweak(&mut config);
        let (app, _) = proxy_app_counted(config, MemberAccess::Public, Arc::clone(&metrics));
        Instance { app, metrics, link }
    }

    async fn get(&self, target: &str) -> Reply {
        get(&self.app, target).await
    }

    async fn member(&self, member: &str) -> Reply {
        self.get(&format!("/v2/users/{member}/points")).await
    }

    async fn redis_health(&self) -> String {
        let health = self.get("/healthz").await;
        assert_eq!(health.status, 200, "{}", health.body);
        health.json()["redis"].as_str().unwrap().to_owned()
    }

    /// The value of the series `series` (`name{labels}`), 0 when absent.
    fn metric(&self, series: &str) -> f64 {
        metric(&self.metrics.encode(), series)
    }
}

fn metric(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |value| value.parse().unwrap())
}

/// Waits until `condition` holds, for at most `limit`.
async fn eventually(limit: Duration, what: &str, mut condition: impl AsyncFnMut() -> bool) {
    let started = Instant::now();
    while !condition().await {
        assert!(started.elapsed() < limit, "not within {limit:?}: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Upstream calls for members whose id starts with `prefix`.
fn calls_for(upstream: &Upstream, prefix: &str) -> usize {
    let path = format!("/v2/users/{prefix}");
    upstream
        .seen()
        .iter()
        .filter(|s| s.starts_with(&path))
        .count()
}

#[tokio::test]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn a_member_fetched_through_one_instance_is_served_from_the_shared_cache_by_the_other() {
    let redis = RedisServer::start();
    let upstream = Upstream::start();
    let a = Instance::start(&upstream, &redis, |_| {});
    let b = Instance::start(&upstream, &redis, |_| {});
    let first = a.member("shared-1").await;
    assert_eq!(first.status, 200);
    let second = b.member("shared-1").await;
    assert_eq!((second.status, &second.body), (200, &first.body));
    assert_eq!(
        upstream.calls(),
        1,
        "the other instance used the shared answer"
    );
    assert_eq!(b.metric("loyalty_cache_hits_total{store=\"redis\"}"), 1.0);
    // Now B holds it too: no round trip for the next one.
    let trips = b.metric("loyalty_redis_round_trips_total{op=\"cache_get\"}");
    assert_eq!(b.member("shared-1").await.status, 200);
    assert_eq!(b.metric("loyalty_cache_hits_total{store=\"local\"}"), 1.0);
    assert_eq!(
        b.metric("loyalty_redis_round_trips_total{op=\"cache_get\"}"),
        trips
    );
    // Not found is shared too, and an id type is part of the key.
    assert_eq!(a.member("gone").await.status, 404);
    assert_eq!(b.member("gone").await.status, 404);
    assert_eq!(
        b.get("/v2/users/shared-1/points?id_type=username")
            .await
            .status,
        200
    );
    assert_eq!(upstream.calls(), 3);
    assert_eq!(a.redis_health().await, "up");
    let text = a.metrics.encode();
    assert_eq!(metric(&text, "loyalty_redis_up"), 1.0);
    assert_eq!(
        metric(
            &text,
            "loyalty_redis_errors_total{op=\"cache_get\",kind=\"timeout\"}"
        ),
        0.0
    );
}

#[tokio::test]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn sixty_members_at_thirty_a_minute_across_two_instances_cost_at_most_thirty_three_calls() {
    let redis = RedisServer::start();
    let upstream = Upstream::start();
    let tweak = |config: &mut ProxyConfig| {
        config.upstream_per_minute = NonZeroU32::new(30).unwrap();
        config.cache_ttl = Duration::from_millis(500);
    };
    let a = Arc::new(Instance::start(&upstream, &redis, tweak));
    let b = Arc::new(Instance::start(&upstream, &redis, tweak));
    let started = Instant::now();
    assert_eq!(a.member("regular").await.status, 200);
    tokio::time::sleep(Duration::from_millis(600)).await;

    let concurrent: Vec<_> = (0..30)
        .map(|i| {
            let instance = Arc::clone(if i % 2 == 0 { &a } else { &b });
            tokio::spawn(async move { instance.member(&format!("member-{i}")).await })
        })
        .collect();
    let mut replies = Vec::new();
    for reply in concurrent {
        replies.push(reply.await.unwrap());
    }
    for i in 30..60 {
        let instance = if i % 2 == 0 { &a } else { &b };
        replies.push(instance.member(&format!("member-{i}")).await);
    }
    let elapsed = started.elapsed();
    let mut served = 1;
    for reply in &replies {
        match reply.status {
            200 => served += 1,
            503 => assert_eq!(reply.json()["error"], "upstream_busy"),
            other => panic!("unexpected {other}: {}", reply.body),
        }
    }
    let calls = upstream.calls();
    // One budget for both: a burst of 3, then one call every 60 s / 27. Two budgets of 30 (or
    // a race in the script) would allow 6 at once.
    let allowed = 3 + (elapsed.as_secs_f64() / (60.0 / 27.0)).floor() as usize;
    println!(
        "60 distinct members through two instances at 30 a minute: {calls} upstream calls in \
         {} ms (one shared budget allows {allowed})",
        elapsed.as_millis()
    );
    assert!(calls <= 33, "{calls} calls");
    assert!(calls <= allowed + 1, "{calls} calls, {allowed} allowed");
    assert_eq!(served, calls, "every call served one member");
    let refused =
        a.metric("loyalty_budget_refusals_total") + b.metric("loyalty_budget_refusals_total");
    assert_eq!(refused as usize, 60 - (calls - 1));

    let stale = b.member("regular").await;
    assert_eq!(stale.status, 200, "over budget, the shared stale answer");
    assert_eq!(b.metric("loyalty_cache_stale_served_total"), 1.0);
    assert_eq!(upstream.calls(), calls);
}

#[tokio::test]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn concurrent_identical_requests_on_two_instances_cost_one_upstream_call() {
    let redis = RedisServer::start();
    let upstream = Upstream::start();
    let a = Arc::new(Instance::start(&upstream, &redis, |_| {}));
    let b = Arc::new(Instance::start(&upstream, &redis, |_| {}));
    for round in 0..3 {
        // The stub answers `delay-...` after 300 ms.
        let member = format!("delay-{round}");
        let requests: Vec<_> = (0..20)
            .map(|i| {
                let instance = Arc::clone(if i % 2 == 0 { &a } else { &b });
                let member = member.clone();
                tokio::spawn(async move { instance.member(&member).await })
            })
            .collect();
        for request in requests {
            let reply = request.await.unwrap();
            assert_eq!(reply.status, 200);
            assert_eq!(reply.json()["fan_level"], member.as_str());
        }
        assert_eq!(calls_for(&upstream, &member), 1, "{member}");
    }
    let role = |role: &str| {
        let series = format!("loyalty_shared_calls_total{{role=\"{role}\"}}");
        a.metric(&series) + b.metric(&series)
    };
    assert_eq!(
        (role("leader"), role("follower"), role("alone")),
        (3.0, 3.0, 0.0),
        "per member: one instance called, the other waited for its result"
    );
    let polls = a.metric("loyalty_redis_round_trips_total{op=\"wait\"}")
        + b.metric("loyalty_redis_round_trips_total{op=\"wait\"}");
    println!("3 members, 20 requests each on two instances: 3 upstream calls, {polls} polls");
    assert!((3.0..=3.0 * 25.0).contains(&polls), "{polls}");

    // An upstream error is not cached, but the instances waiting for it share it.
    let requests: Vec<_> = (0..2)
        .map(|i| {
            let instance = Arc::clone(if i == 0 { &a } else { &b });
            tokio::spawn(async move { instance.member("delay-busy").await })
        })
        .collect();
    for request in requests {
        let reply = request.await.unwrap();
        assert_eq!(reply.status, 429);
        assert_eq!(reply.header("retry-after"), Some("7"));
    }
    assert_eq!(calls_for(&upstream, "delay-busy"), 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(a.member("delay-busy").await.status, 429);
    assert_eq!(
        calls_for(&upstream, "delay-busy"),
        2,
        "and asked again later"
    );
}

#[tokio::test]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn client_limits_are_shared() {
    let redis = RedisServer::start();
    let upstream = Upstream::start();
    let tweak = |config: &mut ProxyConfig| {
        config.client_per_minute = NonZeroU32::new(3);
        config.client_ip_header = Some(HeaderName::from_static("x-real-ip"));
    };
    let a = Instance::start(&upstream, &redis, tweak);
    let b = Instance::start(&upstream, &redis, tweak);
    async fn from(instance: &Instance, client: &str) -> Reply {
        let mut request = Request::get("/v2/users/16/points")
            .header("x-real-ip", client)
            .body(Body::empty())
            .unwrap();
        let nginx: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(nginx));
        send(&instance.app, request).await
    }
    assert_eq!(from(&a, "203.0.113.1").await.status, 200);
    assert_eq!(from(&b, "203.0.113.1").await.status, 200);
    assert_eq!(from(&a, "203.0.113.1").await.status, 200);
    let limited = from(&b, "203.0.113.1").await;
    assert_eq!(limited.status, 429, "three requests across both instances");
    assert_eq!(limited.json()["error"], "rate_limited");
    assert!(limited.header("retry-after").is_some());
    assert_eq!(from(&a, "203.0.113.1").await.status, 429);
    assert_eq!(from(&b, "203.0.113.2").await.status, 200);
    assert_eq!(
        a.metric("loyalty_client_limit_refusals_total")
            + b.metric("loyalty_client_limit_refusals_total"),
        2.0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn the_budget_script_never_admits_more_than_the_quota_however_many_callers() {
    let redis = RedisServer::start();
    // 1,000 a minute: a burst of 100, then one call every 66.7 ms.
    let per_minute = NonZeroU32::new(1000).unwrap();
    let period = Duration::from_secs(60) / 900;
    let keys = Keys::new("https://sb-api-atomic.crowdtwist.com");
    let metrics = Arc::new(Metrics::new(true));
    // Eight instances, each with its own connection, 100 callers each, all at once. A generous
    // time limit: this test is about the count, not about falling back.
    let budgets: Vec<_> = (0..8)
        .map(|_| {
            let link = RedisLink::open_with_timeout(
                &redis.url(),
                Arc::clone(&metrics),
                Duration::from_secs(5),
            )
            .unwrap();
            Arc::new(SharedBudget::new(link, &keys, per_minute, NonZeroU32::MIN))
        })
        .collect();
    let started = Instant::now();
    let callers: Vec<_> = (0..800)
        .map(|i| {
            let budget = Arc::clone(&budgets[i % budgets.len()]);
            tokio::spawn(async move { budget.try_acquire().await })
        })
        .collect();
    let mut admitted = 0;
    for caller in callers {
        match caller.await.unwrap() {
            Ok(()) => admitted += 1,
            Err(wait) => assert!(wait > Duration::ZERO && wait <= period, "{wait:?}"),
        }
    }
    let elapsed = started.elapsed();
    let allowed = 100 + (elapsed.as_secs_f64() / period.as_secs_f64()).floor() as usize;
    println!(
        "800 concurrent callers on 8 connections: {admitted} admitted in {} ms ({allowed} allowed)",
        elapsed.as_millis()
    );
    assert!(admitted >= 100, "the burst passes: {admitted}");
    assert!(
        admitted <= allowed,
        "{admitted} admitted, {allowed} allowed"
    );
    let text = metrics.encode();
    assert_eq!(
        metric(&text, "loyalty_redis_skipped_total{op=\"budget\"}"),
        0.0
    );
    assert_eq!(
        metric(&text, "loyalty_redis_round_trips_total{op=\"budget\"}"),
        800.0
    );
}

#[tokio::test]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn with_redis_killed_both_answer_within_their_share_and_recover_when_it_is_back() {
    let mut redis = RedisServer::start();
    let upstream = Upstream::start();
    // 600 a minute for both (a shared burst of 60, then one call every 111 ms); alone, each
    // gets one call every 222 ms, at most 4 at once.
    let tweak = |config: &mut ProxyConfig| {
        config.upstream_per_minute = NonZeroU32::new(600).unwrap();
    };
    let a = Instance::start(&upstream, &redis, tweak);
    let b = Instance::start(&upstream, &redis, tweak);
    assert_eq!(a.member("before").await.status, 200);
    assert_eq!(b.member("before").await.status, 200);
    assert_eq!(upstream.calls(), 1);

    redis.kill();
    let started = Instant::now();
    for i in 0..10 {
        for (instance, name) in [(&a, "a"), (&b, "b")] {
            let reply = instance.member(&format!("{name}-down-{i}")).await;
            assert!(
                matches!(reply.status, 200 | 503),
                "{name}-down-{i}: {} {}",
                reply.status,
                reply.body
            );
            if reply.status == 503 {
                assert_eq!(reply.json()["error"], "upstream_busy");
            }
        }
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    let elapsed = started.elapsed();
    for (instance, name) in [(&a, "a"), (&b, "b")] {
        assert_eq!(
            instance.member("before").await.status,
            200,
            "{name}: the cached member, from its own cache"
        );
        assert_eq!(instance.redis_health().await, "down", "{name}");
        assert!(!instance.link.is_up());
    }
    let share = 4 + (elapsed.as_secs_f64() / (0.2 / 0.9)).floor() as usize;
    let (calls_a, calls_b) = (
        calls_for(&upstream, "a-down"),
        calls_for(&upstream, "b-down"),
    );
    println!(
        "Redis down: instance A made {calls_a} calls, B {calls_b}, in {} ms (a share allows {share})",
        elapsed.as_millis()
    );
    assert!((1..=share).contains(&calls_a), "{calls_a} > {share}");
    assert!((1..=share).contains(&calls_b), "{calls_b} > {share}");
    assert!(a.metric("loyalty_redis_skipped_total{op=\"budget\"}") >= 1.0);
    assert_eq!(a.metric("loyalty_redis_up"), 0.0);

    redis.restart();
    for instance in [&a, &b] {
        eventually(Duration::from_secs(10), "redis up again", async || {
            instance.redis_health().await == "up"
        })
        .await;
    }
    let calls = upstream.calls();
    assert_eq!(a.member("after").await.status, 200);
    assert_eq!(b.member("after").await.status, 200);
    assert_eq!(
        upstream.calls(),
        calls + 1,
        "the shared cache is used again"
    );
    assert_eq!(b.metric("loyalty_redis_up"), 1.0);
}

#[tokio::test]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn a_redis_slower_than_50_ms_is_left_alone_until_it_answers_again() {
    let redis = RedisServer::start();
    let upstream = Upstream::start();
    let a = Instance::start(&upstream, &redis, |_| {});
    assert_eq!(a.member("quick").await.status, 200);
    assert_eq!(a.redis_health().await, "up");

    // Every client of this Redis waits for 3 s.
    let paused: String = redis::cmd("CLIENT")
        .arg("PAUSE")
        .arg(3000)
        .arg("ALL")
        .query(&mut redis.connection())
        .unwrap();
    assert_eq!(paused, "OK");
    let started = Instant::now();
    let reply = a.member("during-the-pause").await;
    let took = started.elapsed();
    assert_eq!(reply.status, 200);
    assert!(
        took < Duration::from_secs(2),
        "answered without waiting for Redis: {took:?}"
    );
    assert_eq!(a.redis_health().await, "down");
    assert!(a.metric("loyalty_redis_errors_total{op=\"cache_get\",kind=\"timeout\"}") >= 1.0);
    eventually(
        Duration::from_secs(10),
        "redis up after the pause",
        async || a.redis_health().await == "up",
    )
    .await;
    assert_eq!(a.member("after-the-pause").await.status, 200);
}

#[tokio::test]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn falling_back_does_not_start_from_a_fresh_burst() {
    let mut redis = RedisServer::start();
    let metrics = Arc::new(Metrics::new(true));
    let link = RedisLink::open(&redis.url(), Arc::clone(&metrics)).unwrap();
    let keys = Keys::new("https://sb-api-fallback.crowdtwist.com");
    // 60 a minute for two: a shared burst of 6; alone, a share of 30, one call every 2 s.
    let budget = SharedBudget::new(
        Arc::clone(&link),
        &keys,
        NonZeroU32::new(60).unwrap(),
        NonZeroU32::new(2).unwrap(),
    );
    assert!(budget.try_acquire().await.is_ok());
    redis.kill();
    let alone = budget.try_acquire().await;
    assert!(!link.is_up());
    assert!(
        alone.is_err(),
        "this instance already spent its share through Redis"
    );
}

#[tokio::test]
#[ignore = "needs Debian's redis-server: make test-redis"]
async fn calls_made_alone_are_counted_in_redis_once_it_answers_again() {
    let redis = RedisServer::start();
    let metrics = Arc::new(Metrics::new(true));
    let link = RedisLink::open(&redis.url(), Arc::clone(&metrics)).unwrap();
    let keys = Keys::new("https://sb-api-alone.crowdtwist.com");
    // 600 a minute for two: a shared burst of 60 and one call every 111 ms; alone, one call
    // every 222 ms, at most 4 at once.
    let budget = SharedBudget::new(
        Arc::clone(&link),
        &keys,
        NonZeroU32::new(600).unwrap(),
        NonZeroU32::new(2).unwrap(),
    );
    assert!(budget.try_acquire().await.is_ok());
    let paused: String = redis::cmd("CLIENT")
        .arg("PAUSE")
        .arg(1500)
        .arg("ALL")
        .query(&mut redis.connection())
        .unwrap();
    assert_eq!(paused, "OK");
    let mut alone = 0;
    for _ in 0..24 {
        alone += u32::from(budget.try_acquire().await.is_ok());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!link.is_up());
    assert!((2..=10).contains(&alone), "{alone} calls alone in 1.2 s");
    eventually(
        Duration::from_secs(10),
        "redis up after the pause",
        async || link.is_up(),
    )
    .await;
    // By now the shared budget has refilled its burst of 60, less the calls made alone.
    let mut admitted = 0;
    while budget.try_acquire().await.is_ok() {
        admitted += 1;
        assert!(admitted <= 60, "no end");
    }
    println!("{alone} calls alone while Redis was paused, then {admitted} of the burst of 60");
    assert!(
        (59 - alone..=61 - alone).contains(&admitted),
        "{admitted} admitted after {alone} calls alone"
    );
}
