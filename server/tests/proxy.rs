//! Proxy mode, against the real binary and a stub upstream started by each test.

mod support;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use reqwest::blocking::Client;
use serde_json::{json, Value};
use support::{run_to_exit, Server};

const KEY: &str = "SECRET-KEY-42";
const KEY_VAR: &str = "LOYALTY_TEST_API_KEY";
const SEED_ERROR: &str = include_str!("../../tests/fixtures/seed-error.json");
const ALLOWED: &str = "https://shop.example";

/// A stand-in for CrowdTwist. Member ids choose the behaviour: `slow` never answers in time,
/// `garbage` answers HTML, `gone` is the seed's not-found error, `delayed` answers after
/// 500 ms, `busy` is a 429; anyone else gets points.
struct Upstream {
    base: String,
    seen: Arc<Mutex<Vec<String>>>,
    calls: Arc<AtomicUsize>,
}

#[derive(Clone)]
struct UpstreamState {
    seen: Arc<Mutex<Vec<String>>>,
    calls: Arc<AtomicUsize>,
}

impl Upstream {
    fn start() -> Upstream {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let calls = Arc::new(AtomicUsize::new(0));
        let state = UpstreamState {
            seen: Arc::clone(&seen),
            calls: Arc::clone(&calls),
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                sender.send(listener.local_addr().unwrap()).unwrap();
                let app = Router::new()
                    .route("/{*path}", get(upstream_answer))
                    .with_state(state);
                axum::serve(listener, app).await.unwrap();
            });
        });
        let address: SocketAddr = receiver.recv().unwrap();
        Upstream {
            base: format!("http://{address}"),
            seen,
            calls,
        }
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

async fn upstream_answer(
    State(state): State<UpstreamState>,
    Path(path): Path<String>,
    uri: Uri,
) -> Response {
    state.calls.fetch_add(1, Ordering::SeqCst);
    // The request target as sent, still percent-encoded.
    state.seen.lock().unwrap().push(uri.to_string());
    let member = path.split('/').nth(2).unwrap_or_default().to_owned();
    match member.as_str() {
        "slow" => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            StatusCode::OK.into_response()
        }
        "garbage" => (StatusCode::OK, "<html>oops</html>").into_response(),
        "gone" => (StatusCode::NOT_FOUND, SEED_ERROR.trim().to_owned()).into_response(),
        "busy" => (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "7")],
            r#"{"error":"rate_limited","message":"Slow down."}"#,
        )
            .into_response(),
        other => {
            if other == "delayed" {
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            let body = json!({ "id": 1, "total_points": 10, "redeemable_points": 5,
                               "member": other, "activities": [], "fan_level": "Fan" });
            (StatusCode::OK, body.to_string()).into_response()
        }
    }
}

fn proxy(upstream: &str, extra: &[&str]) -> Server {
    let mut args = vec![
        "proxy",
        "--upstream",
        upstream,
        "--api-key-env",
        KEY_VAR,
        "--allow-origin",
        ALLOWED,
    ];
    args.extend_from_slice(extra);
    Server::start(&args, &[(KEY_VAR, KEY)])
}

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Everything a response shows a client: status line, headers, body.
fn visible(response: reqwest::blocking::Response) -> (u16, String, Value) {
    let status = response.status().as_u16();
    let headers = format!("{:?}", response.headers());
    let body = response.text().unwrap();
    let json = serde_json::from_str(&body).unwrap_or(Value::Null);
    assert!(!body.contains(KEY) && !headers.contains(KEY), "key leaked");
    (status, headers, json)
}

#[test]
fn the_key_is_added_upstream_and_never_shown() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &[]);
    let response =
        client()
            .get(server.url(
                "/v2/users/alice%2Bpromo@example.com/points?id_type=email&api_key=CLIENT-KEY&x=1",
            ))
            .send()
            .unwrap();
    let (status, _, body) = visible(response);
    assert_eq!(status, 200);
    assert_eq!(body["member"], "alice+promo@example.com");
    assert_eq!(
        upstream.seen(),
        [format!(
            "/v2/users/alice%2Bpromo@example.com/points?api_key={KEY}&id_type=email"
        )],
        "the client's api_key and other parameters are dropped"
    );
    server.wait_for_line(|l| l.starts_with("GET /v2/users/"));
    let output = server.output();
    assert!(output.iter().all(|l| !l.contains(KEY)), "{output:?}");
    assert!(
        output.iter().all(|l| !l.contains("CLIENT-KEY")),
        "{output:?}"
    );
    assert!(
        output[0].contains(KEY_VAR),
        "names the variable: {output:?}"
    );
}

#[test]
fn upstream_status_and_body_pass_through() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &[]);
    let response = client()
        .get(server.url("/v2/users/gone/points"))
        .send()
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.text().unwrap(), SEED_ERROR.trim());

    let busy = client()
        .get(server.url("/v2/users/busy/points"))
        .send()
        .unwrap();
    assert_eq!(busy.status(), 429);
    assert_eq!(busy.headers()["retry-after"], "7");
}

#[test]
fn only_the_points_request_is_forwarded() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &[]);
    let http = client();
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
        let response = http
            .request(method.parse().unwrap(), server.url(path))
            .send()
            .unwrap();
        let (status, _, body) = visible(response);
        assert_eq!(status, 404, "{method} {path}");
        assert_eq!(body["error"], "page_not_found", "{method} {path}");
    }
    assert_eq!(upstream.calls(), 0);
}

#[test]
fn ids_and_id_types_are_validated_like_the_widget_does() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &[]);
    for target in [
        "/v2/users/%2e%2e/points",
        "/v2/users/a%00b/points",
        "/v2/users/16/points?id_type=Email",
    ] {
        let (status, body) = server.raw_get(target);
        assert_eq!(status, 400, "{target}");
        assert!(body.contains("param_error"), "{target}: {body}");
    }
    assert_eq!(upstream.calls(), 0);
}

#[test]
fn cors_only_for_allowed_origins() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &["--allow-origin", "http://localhost:8080"]);
    let http = client();
    let get = |origin: &str| {
        http.get(server.url("/v2/users/16/points"))
            .header("Origin", origin)
            .send()
            .unwrap()
    };
    for origin in [ALLOWED, "http://localhost:8080"] {
        assert_eq!(get(origin).headers()["access-control-allow-origin"], origin);
    }
    for origin in ["https://evil.example", "https://shop.example.evil", "null"] {
        let response = get(origin);
        assert!(
            response
                .headers()
                .keys()
                .all(|name| !name.as_str().starts_with("access-control-")),
            "{origin}: {:?}",
            response.headers()
        );
    }
    let preflight = |origin: &str| {
        http.request(reqwest::Method::OPTIONS, server.url("/v2/users/16/points"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "x-member-token")
            .send()
            .unwrap()
    };
    let allowed = preflight(ALLOWED);
    assert_eq!(allowed.headers()["access-control-allow-origin"], ALLOWED);
    assert!(allowed.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("x-member-token"));
    assert!(preflight("https://evil.example")
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[test]
fn answers_are_cached_per_member_and_id_type() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &["--cache-ttl", "2"]);
    let http = client();
    let get = |path: &str| http.get(server.url(path)).send().unwrap().status();
    assert_eq!(get("/v2/users/16/points"), 200);
    assert_eq!(get("/v2/users/16/points"), 200);
    assert_eq!(upstream.calls(), 1, "the second is served from the cache");
    assert_eq!(get("/v2/users/16/points?id_type=id"), 200);
    assert_eq!(get("/v2/users/17/points"), 200);
    assert_eq!(
        upstream.calls(),
        3,
        "another id type or member is another call"
    );
    std::thread::sleep(Duration::from_millis(2100));
    assert_eq!(get("/v2/users/16/points"), 200);
    assert_eq!(upstream.calls(), 4, "a stale answer is fetched again");
}

#[test]
fn failures_are_not_cached() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &[]);
    let http = client();
    for _ in 0..2 {
        let status = http
            .get(server.url("/v2/users/busy/points"))
            .send()
            .unwrap()
            .status();
        assert_eq!(status, 429);
    }
    assert_eq!(upstream.calls(), 2);
}

#[test]
fn twenty_concurrent_identical_requests_cost_one_upstream_call() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &[]);
    let url = server.url("/v2/users/delayed/points?id_type=username");
    let started = Instant::now();
    let handles: Vec<_> = (0..20)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || client().get(url).send().unwrap().status().as_u16())
        })
        .collect();
    let statuses: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(statuses, [200; 20]);
    println!(
        "20 concurrent identical requests: {} upstream call(s), {} ms",
        upstream.calls(),
        started.elapsed().as_millis()
    );
    assert_eq!(upstream.calls(), 1);
}

#[test]
fn an_upstream_that_is_down_is_a_502() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let server = proxy(&base, &[]);
    let started = Instant::now();
    let (status, _, body) = visible(
        client()
            .get(server.url("/v2/users/16/points"))
            .send()
            .unwrap(),
    );
    assert_eq!(status, 502);
    assert_eq!(body["error"], "upstream_unavailable");
    assert!(body["message"].is_string());
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_slow_upstream_is_a_504_after_five_seconds() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &[]);
    let started = Instant::now();
    let (status, _, body) = visible(
        client()
            .get(server.url("/v2/users/slow/points"))
            .send()
            .unwrap(),
    );
    let elapsed = started.elapsed();
    assert_eq!(status, 504);
    assert_eq!(body["error"], "upstream_timeout");
    assert!(
        elapsed >= Duration::from_secs(5) && elapsed < Duration::from_secs(15),
        "{elapsed:?}"
    );
}

#[test]
fn garbage_from_upstream_is_a_502() {
    let upstream = Upstream::start();
    let server = proxy(&upstream.base, &[]);
    let (status, _, body) = visible(
        client()
            .get(server.url("/v2/users/garbage/points"))
            .send()
            .unwrap(),
    );
    assert_eq!(status, 502);
    assert_eq!(body["error"], "upstream_error");
}

#[test]
fn a_missing_key_or_bad_arguments_stop_the_server_with_a_reason() {
    let (status, stderr) = run_to_exit(&[
        "proxy",
        "--upstream",
        "https://sb-api1.crowdtwist.com",
        "--api-key-env",
        "LOYALTY_TEST_UNSET_VARIABLE",
    ]);
    assert!(!status.success());
    assert!(
        stderr.contains("LOYALTY_TEST_UNSET_VARIABLE is not set"),
        "{stderr}"
    );
    let (status, stderr) = run_to_exit(&[
        "proxy",
        "--upstream",
        "ftp://example.com",
        "--api-key-env",
        "PATH",
    ]);
    assert!(!status.success());
    assert!(stderr.contains("--upstream"), "{stderr}");
    let (status, stderr) = run_to_exit(&[
        "proxy",
        "--upstream",
        "https://sb-api1.crowdtwist.com",
        "--api-key-env",
        "PATH",
        "--allow-origin",
        "https://shop.example/path",
    ]);
    assert!(!status.success());
    assert!(stderr.contains("--allow-origin"), "{stderr}");
}
