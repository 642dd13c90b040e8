//! 10,000 clients that go away mid-request, over real connections: afterwards answers are still
//! cached and shared (the in-flight table kept nothing for them), and each abandoned call still
//! filled the cache.

#[allow(dead_code)]
mod support;

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use loyalty_server::proxy::ProxyConfig;
use loyalty_server::serve::ConnectionLimits;
use loyalty_server::token::MemberAccess;
use support::app::{get, proxy_app_logged, proxy_config, Running};
use support::upstream::Upstream;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

const ABANDONED: usize = 10_000;
const AT_ONCE: usize = 250;

/// How many upstream calls may be in flight, so that they, the batch of clients and both ends of
/// every connection (all in this process) fit in the open-file limit, raised to the hard limit.
fn upstream_calls_that_fit() -> usize {
    let files = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let files = usize::try_from(files).unwrap_or(usize::MAX);
    (files.saturating_sub(4 * AT_ONCE + 256) / 2).clamp(50, 4_000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_abandoned_requests_leave_the_cache_and_sharing_intact() {
    let upstream = Upstream::start();
    let in_flight = upstream_calls_that_fit();
    let config = ProxyConfig {
        upstream_per_minute: NonZeroU32::new(1_000_000).unwrap(),
        upstream_concurrency: in_flight,
        upstream_timeout: Duration::from_secs(20),
        // Fresh for the whole test, however long a loaded machine takes to run it.
        cache_ttl: Duration::from_secs(600),
        ..proxy_config(&upstream.base)
    };
    let (app, log) = proxy_app_logged(config, MemberAccess::Public);
    let limits = ConnectionLimits {
        max_connections: 4 * AT_ONCE,
        ..ConnectionLimits::default()
    };
    let server = Running::start(app.clone(), limits).await;
    let address = server.address;
    let started = Instant::now();
    // Each client asks for its own member, which the upstream holds for 8 s (long enough for the
    // server to see the hang-up first, even on a loaded machine). A batch of clients
    // hangs up once all its calls have reached the upstream: every request is abandoned while its
    // upstream call is in flight.
    for batch in 0..ABANDONED / AT_ONCE {
        let mut clients = Vec::with_capacity(AT_ONCE);
        for i in 0..AT_ONCE {
            let mut stream = TcpStream::connect(address).await.unwrap();
            let request = format!(
                "GET /v2/users/hold-{}/points HTTP/1.1\r\nHost: test\r\n\r\n",
                batch * AT_ONCE + i
            );
            stream.write_all(request.as_bytes()).await.unwrap();
            clients.push(stream);
        }
        let arrived = (batch + 1) * AT_ONCE;
        let deadline = Instant::now() + Duration::from_secs(30);
        while upstream.calls() < arrived {
            assert!(
                Instant::now() < deadline,
                "{} of {arrived} calls",
                upstream.calls()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        drop(clients);
    }
    let abandoned_in = started.elapsed();
    assert_eq!(
        upstream.calls(),
        ABANDONED,
        "each abandoned member was asked once"
    );
    // Every request gets its log line once the server sees its client gone; the last calls end
    // 8 s after they started, and fill the cache.
    let deadline = Instant::now() + Duration::from_secs(60);
    while log.lock().unwrap().len() < ABANDONED && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(8500)).await;
    let lines = log.lock().unwrap().clone();
    let cancelled = lines.iter().filter(|l| l.contains(" cancelled ")).count();
    assert_eq!(
        (cancelled, lines.len()),
        (ABANDONED, ABANDONED),
        "every client left before its answer: {:?}",
        lines
            .iter()
            .filter(|l| !l.contains(" cancelled "))
            .take(5)
            .collect::<Vec<_>>()
    );

    // Answers are still cached: an abandoned member's answer is there.
    for member in [0, 4_321, ABANDONED - 1] {
        let reply = get(&app, &format!("/v2/users/hold-{member}/points")).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.json()["fan_level"], format!("hold-{member}"));
    }
    assert_eq!(upstream.calls(), ABANDONED, "served from the cache");

    // And shared: twenty at once for a new member cost one call, then it is cached.
    let shared: Vec<_> = (0..20)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move { get(&app, "/v2/users/delay-new/points").await.status })
        })
        .collect();
    for reply in shared {
        assert_eq!(reply.await.unwrap(), 200);
    }
    assert_eq!(upstream.calls(), ABANDONED + 1);
    assert_eq!(get(&app, "/v2/users/delay-new/points").await.status, 200);
    assert_eq!(upstream.calls(), ABANDONED + 1, "and then cached");
    println!(
        "{ABANDONED} requests abandoned mid-request in {:.1} s (at most {in_flight} upstream calls \
         at once); then cached and shared answers",
        abandoned_in.as_secs_f64()
    );
    server.stop().await;
}
