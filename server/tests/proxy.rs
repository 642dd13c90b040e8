//! Proxy mode's logic, on the router in-process, against a stub upstream on loopback.

#[allow(dead_code)]
mod support;

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderName, Request};
use loyalty_badge::wire::read_response;
use loyalty_server::token::MemberAccess;
use serde_json::{json, Value};
use support::app::{get, proxy_app, proxy_config, send, Reply};
use support::upstream::{Upstream, KEY, SEED_ERROR};

/// Every form of the key a message could carry.
fn assert_no_key(reply: &Reply) {
    let everything = format!("{:?} {}", reply.headers, reply.body);
    for form in [
        KEY,
        "SECRET-KEY%2F42%2Bx",
        "SECRET-KEY%2f42%2bx",
        "SECRET-KEY",
    ] {
        assert!(!everything.contains(form), "{form} leaked: {everything}");
    }
}

fn public(upstream: &Upstream) -> axum::Router {
    proxy_app(proxy_config(&upstream.base), MemberAccess::Public)
}

#[tokio::test]
async fn the_key_is_added_upstream_and_never_shown() {
    let upstream = Upstream::start();
    let app = public(&upstream);
    let reply = get(
        &app,
        "/v2/users/alice%2Bpromo@example.com/points?id_type=email&api_key=CLIENT-KEY&x=1",
    )
    .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["fan_level"], "alice+promo@example.com");
    assert_no_key(&reply);
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].starts_with("/v2/users/alice%2Bpromo@example.com/points?api_key=SECRET-KEY"),
        "{seen:?}"
    );
    assert!(seen[0].ends_with("&id_type=email"), "{seen:?}");
    assert!(
        !seen[0].contains("CLIENT-KEY") && !seen[0].contains("x=1"),
        "{seen:?}"
    );
}

#[tokio::test]
async fn only_the_contract_leaves_the_proxy() {
    let upstream = Upstream::start();
    let reply = get(&public(&upstream), "/v2/users/nosy/points").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json(),
        json!({ "id": 1, "total_points": 10, "redeemable_points": 5, "num_points_purchased": 0,
                "activities": [{ "name": "joined", "num_points": 10, "notes": null,
                                 "date_created": 1460793600 }],
                "fan_level": "Gold" })
    );
    for personal in ["nosy@example.com", "1990-01-01", "203.0.113.9"] {
        assert!(!reply.body.contains(personal), "{personal}");
    }
    let points = read_response(200, None, &reply.body).unwrap();
    assert_eq!((points.total_points, points.activities.len()), (10, 1));
}

#[tokio::test]
async fn errors_keep_their_status_and_code_and_lose_the_key() {
    let upstream = Upstream::start();
    let app = public(&upstream);
    let leaky = get(&app, "/v2/users/leaky/points").await;
    assert_eq!(leaky.status, 400);
    assert_no_key(&leaky);
    let body = leaky.json();
    assert_eq!(body["error"], "input_error");
    assert_eq!(
        body["message"],
        "Invalid api_key [redacted] in /v2/users/leaky/points?api_key=[redacted]&id_type=id"
    );
    assert_eq!(body.as_object().unwrap().len(), 2, "{body}");

    let gone = get(&app, "/v2/users/gone/points").await;
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.json(),
        serde_json::from_str::<Value>(SEED_ERROR).unwrap()
    );

    let busy = get(&app, "/v2/users/busy/points").await;
    assert_eq!(busy.status, 429);
    assert_eq!(busy.header("retry-after"), Some("7"));
    assert_eq!(busy.json()["error"], "rate_limited");

    for (member, status, code) in [
        ("gateway", 503, "upstream_error"),
        ("garbage", 502, "upstream_error"),
        ("listy", 502, "upstream_error"),
        ("confused", 502, "internal_error"),
    ] {
        let reply = get(&app, &format!("/v2/users/{member}/points")).await;
        assert_eq!(
            (reply.status, reply.json()["error"].as_str()),
            (status, Some(code)),
            "{member}"
        );
        assert!(reply.json()["message"].is_string(), "{member}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_no_key(&reply);
    }
}

#[tokio::test]
async fn only_the_points_request_is_forwarded() {
    let upstream = Upstream::start();
    let app = public(&upstream);
    for (method, path) in [
        ("GET", "/v2/users/16"),
        ("GET", "/v2/users/16/points/extra"),
        ("GET", "/v2/users/16/activities"),
        ("GET", "/v2/rewards"),
        ("POST", "/v2/users/16/points"),
        ("PUT", "/v2/users/16/points"),
        ("DELETE", "/v2/users/16/points"),
        ("POST", "/v2/users"),
        ("GET", "/"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap();
        let reply = send(&app, request).await;
        assert_eq!(reply.status, 404, "{method} {path}");
        assert_eq!(reply.json()["error"], "page_not_found", "{method} {path}");
    }
    assert_eq!(upstream.calls(), 0);
}

#[tokio::test]
async fn ids_and_id_types_are_validated_like_the_widget_does() {
    let upstream = Upstream::start();
    let app = public(&upstream);
    for target in [
        "/v2/users/%2e%2e/points",
        "/v2/users/a%00b/points",
        "/v2/users/16/points?id_type=Email",
    ] {
        let reply = get(&app, target).await;
        assert_eq!(reply.status, 400, "{target}");
        assert_eq!(reply.json()["error"], "param_error", "{target}");
    }
    assert_eq!(upstream.calls(), 0);
}

#[tokio::test]
async fn cors_only_for_allowed_origins() {
    let upstream = Upstream::start();
    let app = public(&upstream);
    let with_origin = |origin: &str| {
        Request::get("/v2/users/16/points")
            .header("Origin", origin)
            .body(Body::empty())
            .unwrap()
    };
    let allowed = send(&app, with_origin("https://shop.example")).await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://shop.example")
    );
    for origin in ["https://evil.example", "https://shop.example.evil", "null"] {
        let reply = send(&app, with_origin(origin)).await;
        assert!(
            reply
                .headers
                .keys()
                .all(|name| !name.as_str().starts_with("access-control-allow")),
            "{origin}: {:?}",
            reply.headers
        );
    }
    let preflight = |origin: &str| {
        Request::options("/v2/users/16/points")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "x-member-token")
            .body(Body::empty())
            .unwrap()
    };
    let allowed = send(&app, preflight("https://shop.example")).await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://shop.example")
    );
    assert!(allowed
        .header("access-control-allow-headers")
        .unwrap()
        .contains("x-member-token"));
    let refused = send(&app, preflight("https://evil.example")).await;
    assert!(refused.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn answers_are_cached_per_member_and_id_type_with_the_key_normalised() {
    let upstream = Upstream::start();
    let config = loyalty_server::proxy::ProxyConfig {
        cache_ttl: Duration::from_secs(1),
        ..proxy_config(&upstream.base)
    };
    let app = proxy_app(config, MemberAccess::Public);
    assert_eq!(get(&app, "/v2/users/16/points").await.status, 200);
    assert_eq!(get(&app, "/v2/users/16/points").await.status, 200);
    assert_eq!(
        get(&app, "/v2/users/16/points?id_type=id").await.status,
        200
    );
    assert_eq!(
        upstream.calls(),
        1,
        "no id_type and id_type=id are one entry"
    );
    assert!(
        upstream.seen()[0].ends_with("&id_type=id"),
        "{:?}",
        upstream.seen()
    );
    assert_eq!(
        get(&app, "/v2/users/16/points?id_type=username")
            .await
            .status,
        200
    );
    assert_eq!(get(&app, "/v2/users/17/points").await.status, 200);
    assert_eq!(
        upstream.calls(),
        3,
        "another id type or member is another call"
    );
    assert_eq!(get(&app, "/v2/users/gone/points").await.status, 404);
    assert_eq!(get(&app, "/v2/users/gone/points").await.status, 404);
    assert_eq!(upstream.calls(), 4, "not found is cached too");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(get(&app, "/v2/users/16/points").await.status, 200);
    assert_eq!(upstream.calls(), 5, "a stale answer is fetched again");
}

#[tokio::test]
async fn failures_are_not_cached() {
    let upstream = Upstream::start();
    let app = public(&upstream);
    for _ in 0..2 {
        assert_eq!(get(&app, "/v2/users/busy/points").await.status, 429);
        assert_eq!(get(&app, "/v2/users/gateway/points").await.status, 503);
    }
    assert_eq!(upstream.calls(), 4);
}

#[tokio::test]
async fn twenty_concurrent_identical_requests_cost_one_upstream_call() {
    let upstream = Upstream::start();
    let app = public(&upstream);
    let started = Instant::now();
    let requests = (0..20).map(|i| {
        let app = app.clone();
        // Half without id_type, half with id_type=id: one member.
        let target = if i % 2 == 0 {
            "/v2/users/delayed/points"
        } else {
            "/v2/users/delayed/points?id_type=id"
        };
        tokio::spawn(async move { get(&app, target).await.status })
    });
    for request in requests.collect::<Vec<_>>() {
        assert_eq!(request.await.unwrap(), 200);
    }
    println!(
        "20 concurrent identical requests: {} upstream call(s), {} ms",
        upstream.calls(),
        started.elapsed().as_millis()
    );
    assert_eq!(upstream.calls(), 1);
}

#[tokio::test]
async fn concurrent_upstream_calls_are_capped() {
    let upstream = Upstream::start();
    let config = loyalty_server::proxy::ProxyConfig {
        upstream_concurrency: 2,
        ..proxy_config(&upstream.base)
    };
    let app = proxy_app(config, MemberAccess::Public);
    let requests: Vec<_> = (0..6)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                get(&app, &format!("/v2/users/delay-{i}/points"))
                    .await
                    .status
            })
        })
        .collect();
    for request in requests {
        assert_eq!(request.await.unwrap(), 200);
    }
    assert_eq!(upstream.calls(), 6);
    assert_eq!(upstream.most_at_once(), 2);
}

#[tokio::test]
async fn an_upstream_that_is_down_is_a_502_and_a_slow_one_a_504() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let down = get(
        &proxy_app(proxy_config(&base), MemberAccess::Public),
        "/v2/users/16/points",
    )
    .await;
    assert_eq!(down.status, 502);
    assert_eq!(down.json()["error"], "upstream_unavailable");

    let upstream = Upstream::start();
    let config = loyalty_server::proxy::ProxyConfig {
        upstream_timeout: Duration::from_secs(1),
        ..proxy_config(&upstream.base)
    };
    let started = Instant::now();
    let slow = get(
        &proxy_app(config, MemberAccess::Public),
        "/v2/users/slow/points",
    )
    .await;
    assert_eq!(slow.status, 504);
    assert_eq!(slow.json()["error"], "upstream_timeout");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_secs(1) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
    assert_eq!(
        loyalty_server::proxy::ProxyConfig::new("https://x", "k").upstream_timeout,
        Duration::from_secs(5)
    );
}

#[tokio::test]
async fn sixty_members_at_thirty_a_minute_cost_at_most_thirty_three_calls() {
    let upstream = Upstream::start();
    let config = loyalty_server::proxy::ProxyConfig {
        upstream_per_minute: NonZeroU32::new(30).unwrap(),
        cache_ttl: Duration::from_millis(500),
        ..proxy_config(&upstream.base)
    };
    let app = proxy_app(config, MemberAccess::Public);
    assert_eq!(get(&app, "/v2/users/regular/points").await.status, 200);
    tokio::time::sleep(Duration::from_millis(600)).await;

    let mut served = 1;
    let mut busy = 0;
    let concurrent: Vec<_> = (0..30)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move { get(&app, &format!("/v2/users/member-{i}/points")).await })
        })
        .collect();
    let mut replies = Vec::new();
    for reply in concurrent {
        replies.push(reply.await.unwrap());
    }
    for i in 30..60 {
        replies.push(get(&app, &format!("/v2/users/member-{i}/points")).await);
    }
    for reply in &replies {
        match reply.status {
            200 => served += 1,
            503 => {
                busy += 1;
                assert_eq!(reply.json()["error"], "upstream_busy");
                let wait: u64 = reply.header("retry-after").unwrap().parse().unwrap();
                assert!((1..=3).contains(&wait), "{wait}");
            }
            other => panic!("unexpected {other}: {}", reply.body),
        }
    }
    let calls = upstream.calls();
    println!("60 distinct members at 30 a minute: {calls} upstream calls, {busy} answered 503");
    assert!(calls <= 33, "{calls} calls");
    assert_eq!(served, calls, "every call served one member");

    let stale = get(&app, "/v2/users/regular/points").await;
    assert_eq!(
        stale.status, 200,
        "over budget, a stale answer is better than none"
    );
    assert_eq!(stale.json()["fan_level"], "regular");
    assert_eq!(upstream.calls(), calls, "and costs no call");
}

#[tokio::test]
async fn each_client_address_has_its_own_allowance() {
    let upstream = Upstream::start();
    let request = |address: &str, header: Option<&str>| {
        let mut request = Request::get("/v2/users/16/points");
        if let Some(header) = header {
            request = request.header("x-real-ip", header);
        }
        let mut request = request.body(Body::empty()).unwrap();
        let peer: std::net::SocketAddr = format!("{address}:5000").parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    };
    let config = loyalty_server::proxy::ProxyConfig {
        client_per_minute: NonZeroU32::new(3),
        ..proxy_config(&upstream.base)
    };
    let app = proxy_app(config.clone(), MemberAccess::Public);
    for _ in 0..3 {
        assert_eq!(
            send(&app, request("198.51.100.1", Some("1.1.1.1")))
                .await
                .status,
            200
        );
    }
    let limited = send(&app, request("198.51.100.1", Some("2.2.2.2"))).await;
    assert_eq!(
        limited.status, 429,
        "the header is not trusted unless asked for"
    );
    assert_eq!(limited.json()["error"], "rate_limited");
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    assert_eq!(send(&app, request("198.51.100.2", None)).await.status, 200);

    let behind_nginx = proxy_app(
        loyalty_server::proxy::ProxyConfig {
            client_ip_header: Some(HeaderName::from_static("x-real-ip")),
            ..config
        },
        MemberAccess::Public,
    );
    for _ in 0..3 {
        let reply = send(&behind_nginx, request("127.0.0.1", Some("203.0.113.1"))).await;
        assert_eq!(reply.status, 200);
    }
    assert_eq!(
        send(&behind_nginx, request("127.0.0.1", Some("203.0.113.1")))
            .await
            .status,
        429
    );
    assert_eq!(
        send(&behind_nginx, request("127.0.0.1", Some("203.0.113.2")))
            .await
            .status,
        200
    );
    assert_eq!(upstream.calls(), 2, "one call for each of the two proxies");
}
