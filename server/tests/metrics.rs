//! `GET /metrics` after known requests: the names, the labels and the counts, on the metrics
//! router; and nothing of it on the public one.

#[allow(dead_code)]
mod support;

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use loyalty_badge::IdType;
use loyalty_server::app::metrics_router;
use loyalty_server::metrics::Metrics;
use loyalty_server::proxy::ProxyConfig;
use loyalty_server::token::MemberAccess;
use support::app::{get, get_with_token, proxy_app_counted, proxy_config, send, token_for, tokens};
use support::upstream::Upstream;

/// The value of the series `series` (`name{labels}`) in `text`, 0 when absent.
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |value| value.parse().unwrap())
}

#[tokio::test]
async fn the_metrics_count_what_happened() {
    let upstream = Upstream::start();
    let metrics = Arc::new(Metrics::default());
    let config = ProxyConfig {
        upstream_per_minute: NonZeroU32::new(20).unwrap(),
        client_per_minute: NonZeroU32::new(100),
        cache_ttl: Duration::from_millis(300),
        ..proxy_config(&upstream.base)
    };
    let (app, _) = proxy_app_counted(config, MemberAccess::Tokens(tokens()), Arc::clone(&metrics));
    let points = |member: &str| format!("/v2/users/{member}/points");
    let token = |member: &str| token_for(IdType::Id, member);

    // Token refusals: one missing, two invalid, one expired.
    assert_eq!(get(&app, &points("16")).await.status, 401);
    assert_eq!(
        get_with_token(&app, &points("16"), "1.abc").await.status,
        403
    );
    assert_eq!(
        get_with_token(&app, &points("16"), &token("17"))
            .await
            .status,
        403
    );
    let expired = tokens().mint(IdType::Id, "16", 1_000);
    assert_eq!(
        get_with_token(&app, &points("16"), &expired).await.status,
        403
    );
    // Two misses and an upstream call each, one hit, a 404 from upstream.
    assert_eq!(
        get_with_token(&app, &points("16"), &token("16"))
            .await
            .status,
        200
    );
    assert_eq!(
        get_with_token(&app, &points("16"), &token("16"))
            .await
            .status,
        200
    );
    assert_eq!(
        get_with_token(&app, &points("gone"), &token("gone"))
            .await
            .status,
        404
    );
    // The budget of 20 a minute has a burst of 2: already spent. A new member is refused; the
    // stale one is served.
    assert_eq!(
        get_with_token(&app, &points("nobody-else"), &token("nobody-else"))
            .await
            .status,
        503
    );
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert_eq!(
        get_with_token(&app, &points("16"), &token("16"))
            .await
            .status,
        200
    );
    // Not the points route.
    assert_eq!(get(&app, "/healthz").await.status, 200);
    assert_eq!(
        get(&app, "/metrics").await.status,
        404,
        "not on the public port"
    );
    assert_eq!(get(&app, "/v2/users/16").await.status, 404);

    let reply = get(&metrics_router(Arc::clone(&metrics)), "/metrics").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let text = reply.body;
    for (series, expected) in [
        (
            "loyalty_http_requests_total{route=\"points\",status=\"401\"}",
            1.0,
        ),
        (
            "loyalty_http_requests_total{route=\"points\",status=\"403\"}",
            3.0,
        ),
        (
            "loyalty_http_requests_total{route=\"points\",status=\"200\"}",
            3.0,
        ),
        (
            "loyalty_http_requests_total{route=\"points\",status=\"404\"}",
            1.0,
        ),
        (
            "loyalty_http_requests_total{route=\"points\",status=\"503\"}",
            1.0,
        ),
        (
            "loyalty_http_requests_total{route=\"healthz\",status=\"200\"}",
            1.0,
        ),
        (
            "loyalty_http_requests_total{route=\"other\",status=\"404\"}",
            2.0,
        ),
        ("loyalty_token_failures_total{code=\"token_required\"}", 1.0),
        ("loyalty_token_failures_total{code=\"token_invalid\"}", 2.0),
        ("loyalty_token_failures_total{code=\"token_expired\"}", 1.0),
        ("loyalty_upstream_calls_total{status=\"200\"}", 1.0),
        ("loyalty_upstream_calls_total{status=\"404\"}", 1.0),
        ("loyalty_upstream_call_duration_seconds_count", 2.0),
        (
            "loyalty_upstream_call_duration_seconds_bucket{le=\"+Inf\"}",
            2.0,
        ),
        ("loyalty_cache_hits_total{store=\"local\"}", 1.0),
        ("loyalty_cache_misses_total", 4.0),
        ("loyalty_cache_stale_served_total", 1.0),
        ("loyalty_budget_refusals_total", 1.0),
        ("loyalty_client_limit_refusals_total", 0.0),
    ] {
        assert_eq!(value(&text, series), expected, "{series} in\n{text}");
    }
    for help in [
        "# TYPE loyalty_http_requests_total counter",
        "# TYPE loyalty_upstream_call_duration_seconds histogram",
    ] {
        assert!(text.contains(help), "{help}");
    }
    assert!(!text.contains("redis"), "no Redis metrics without Redis");
    for private in ["gone", "nobody-else", "127.0.0.1"] {
        assert!(!text.contains(private), "{private} in the metrics");
    }
    let elsewhere = get(&metrics_router(metrics), "/").await;
    assert_eq!(elsewhere.status, 404);
}

#[tokio::test]
async fn client_limit_refusals_and_cancelled_requests_are_counted() {
    let upstream = Upstream::start();
    let metrics = Arc::new(Metrics::default());
    let config = ProxyConfig {
        client_per_minute: NonZeroU32::new(1),
        ..proxy_config(&upstream.base)
    };
    let (app, _) = proxy_app_counted(config, MemberAccess::Public, Arc::clone(&metrics));
    assert_eq!(get(&app, "/v2/users/16/points").await.status, 200);
    assert_eq!(get(&app, "/v2/users/16/points").await.status, 429);
    // A client that goes away while the upstream answers (the stub holds `hold-` ids for 8 s).
    let other_client = |target: &str| {
        let mut request = Request::get(target).body(Body::empty()).unwrap();
        let peer: std::net::SocketAddr = "198.51.100.9:5000".parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    };
    let abandoned = tokio::time::timeout(
        Duration::from_millis(200),
        send(&app, other_client("/v2/users/hold-1/points")),
    )
    .await;
    assert!(abandoned.is_err(), "the client gave up");
    let text = metrics.encode();
    assert_eq!(value(&text, "loyalty_client_limit_refusals_total"), 1.0);
    assert_eq!(
        value(
            &text,
            "loyalty_http_requests_total{route=\"points\",status=\"429\"}"
        ),
        1.0
    );
    assert_eq!(
        value(
            &text,
            "loyalty_http_requests_total{route=\"points\",status=\"cancelled\"}"
        ),
        1.0
    );
}

#[tokio::test]
async fn proxy_healthz_says_whether_redis_is_shared() {
    let upstream = Upstream::start();
    let (app, _) = proxy_app_counted(
        proxy_config(&upstream.base),
        MemberAccess::Public,
        Arc::default(),
    );
    let health = get(&app, "/healthz").await;
    assert_eq!(health.status, 200);
    assert_eq!(health.header("content-type"), Some("application/json"));
    assert_eq!(
        health.json(),
        serde_json::json!({ "status": "ok", "redis": "off" })
    );
    let sample = get(&support::app::sample_app(), "/healthz").await;
    assert_eq!((sample.status, sample.body.as_str()), (200, "ok\n"));
}
