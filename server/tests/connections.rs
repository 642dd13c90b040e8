//! Connections, served for real on loopback in-process: header and idle timeouts, the
//! connection cap, size limits, and the graceful stop with its deadline.

#[allow(dead_code)]
mod support;

use std::time::{Duration, Instant};

use loyalty_server::serve::{ConnectionLimits, Stopped};
use loyalty_server::token::MemberAccess;
use support::app::{proxy_app, proxy_config, sample_app, Running};
use support::upstream::Upstream;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn short_timeouts() -> ConnectionLimits {
    ConnectionLimits {
        header_read_timeout: Duration::from_millis(500),
        ..ConnectionLimits::default()
    }
}

/// Reads until the server closes the connection or `limit` passes; what was read and whether it
/// closed.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, bool) {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&received).into(), true),
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
            Err(_) => return (String::from_utf8_lossy(&received).into(), false),
        }
    }
}

/// Sends a whole request and reads one response (the server closes after it).
async fn request(address: std::net::SocketAddr, target: &str) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    read_until_closed(&mut stream, Duration::from_secs(10))
        .await
        .0
}

#[tokio::test]
async fn a_client_that_never_finishes_its_header_is_dropped() {
    let server = Running::start(sample_app(), short_timeouts()).await;
    for trickle in [false, true] {
        let mut stream = TcpStream::connect(server.address).await.unwrap();
        let started = Instant::now();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n")
            .await
            .unwrap();
        if trickle {
            // A byte every 100 ms keeps the connection busy, but not its header timer.
            for _ in 0..20 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                if stream.write_all(b"X").await.is_err() {
                    break;
                }
            }
        }
        let (received, closed) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        let elapsed = started.elapsed();
        assert!(closed, "trickle {trickle}: still open after {elapsed:?}");
        assert!(!received.contains("200 OK"), "{received}");
        assert!(
            elapsed >= Duration::from_millis(450) && elapsed < Duration::from_secs(3),
            "trickle {trickle}: {elapsed:?}"
        );
    }
    assert!(request(server.address, "/healthz")
        .await
        .starts_with("HTTP/1.1 200"));
    assert_eq!(
        ConnectionLimits::default().header_read_timeout,
        Duration::from_secs(10)
    );
    server.stop().await;
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let server = Running::start(sample_app(), short_timeouts()).await;
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .unwrap();
    let mut buffer = [0u8; 1024];
    let n = stream.read(&mut buffer).await.unwrap();
    assert!(String::from_utf8_lossy(&buffer[..n]).starts_with("HTTP/1.1 200"));
    let idle_since = Instant::now();
    let (_, closed) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
    let idle = idle_since.elapsed();
    assert!(closed, "still open after {idle:?}");
    assert!(
        idle >= Duration::from_millis(450) && idle < Duration::from_secs(3),
        "{idle:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_one() {
    let limits = ConnectionLimits {
        max_connections: 2,
        header_read_timeout: Duration::from_secs(5),
        ..ConnectionLimits::default()
    };
    let server = Running::start(sample_app(), limits).await;
    let first = TcpStream::connect(server.address).await.unwrap();
    let _second = TcpStream::connect(server.address).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(server.address).await.unwrap();
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (received, _) = read_until_closed(&mut third, Duration::from_millis(500)).await;
    assert!(received.is_empty(), "answered over the cap: {received}");
    drop(first);
    let (received, closed) = read_until_closed(&mut third, Duration::from_secs(5)).await;
    assert!(closed && received.starts_with("HTTP/1.1 200"), "{received}");
    server.stop().await;
}

#[tokio::test]
async fn oversized_headers_are_refused() {
    let server = Running::start(sample_app(), ConnectionLimits::default()).await;
    let big = format!(
        "GET /healthz HTTP/1.1\r\nHost: test\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(20_000)
    );
    let many: String = (0..100).map(|i| format!("X-Field-{i}: {i}\r\n")).collect();
    let many = format!("GET /healthz HTTP/1.1\r\nHost: test\r\n{many}Connection: close\r\n\r\n");
    for request in [big, many] {
        let mut stream = TcpStream::connect(server.address).await.unwrap();
        let _ = stream.write_all(request.as_bytes()).await;
        let (received, closed) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        assert!(closed);
        assert!(
            received.is_empty() || received.starts_with("HTTP/1.1 431"),
            "{received}"
        );
    }
    let long_target = format!("/v2/users/{}/points", "a".repeat(20_000));
    let received = request(server.address, &long_target).await;
    assert!(!received.starts_with("HTTP/1.1 200"), "{received}");
    server.stop().await;
}

#[tokio::test]
async fn a_stop_lets_requests_in_flight_finish_and_accepts_no_more() {
    let upstream = Upstream::start();
    let app = proxy_app(proxy_config(&upstream.base), MemberAccess::Public);
    let server = Running::start(app, ConnectionLimits::default()).await;
    let address = server.address;
    let in_flight = tokio::spawn(async move { request(address, "/v2/users/delayed/points").await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    assert_eq!(server.stop().await, Stopped::Drained);
    assert!(started.elapsed() < Duration::from_secs(2));
    let answer = in_flight.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        TcpStream::connect(address).await.is_err(),
        "no connection is accepted after the stop"
    );
}

#[tokio::test]
async fn a_stop_cuts_what_is_still_running_at_the_deadline() {
    let upstream = Upstream::start();
    let app = proxy_app(proxy_config(&upstream.base), MemberAccess::Public);
    let limits = ConnectionLimits {
        shutdown_deadline: Duration::from_secs(1),
        ..ConnectionLimits::default()
    };
    let server = Running::start(app, limits).await;
    let address = server.address;
    let stuck = tokio::spawn(async move { request(address, "/v2/users/slow/points").await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    assert_eq!(server.stop().await, Stopped::DeadlinePassed);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(950) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    stuck.abort();
}
