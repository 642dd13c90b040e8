//! A stand-in for CrowdTwist, on loopback, in its own runtime. The member id chooses the answer:
//!
//! - `slow`: no answer for 30 s;
//! - `delayed`, and any id starting with `delay-`: points after 300 ms; `hold-...`: after 8 s;
//!   such an id ending in `-busy` answers as `busy` does, after the same delay;
//! - `garbage`: an HTML page with 200; `gateway`: an HTML page with 503;
//! - `gone`: the seed's not-found error with 404;
//! - `busy`: 429 with `Retry-After: 7`;
//! - `leaky`: a 400 whose message echoes the api_key, as is and percent-encoded;
//! - `nosy`: points with extra personal fields;
//! - `listy`: 200 with a JSON array; `confused`: 200 with an error body;
//! - anyone else: points, with the member id as the fan level.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;

/// The api_key the tests give the proxy.
pub const KEY: &str = "SECRET-KEY/42+x";
/// The seed's error body.
pub const SEED_ERROR: &str = include_str!("../../../tests/fixtures/seed-error.json");

/// A running stub upstream.
pub struct Upstream {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    state: UpstreamState,
}

#[derive(Clone, Default)]
struct UpstreamState {
    seen: Arc<Mutex<Vec<String>>>,
    calls: Arc<AtomicUsize>,
    busy: Arc<AtomicUsize>,
    most_busy: Arc<AtomicUsize>,
}

/// Counts a call in progress while it lives.
struct Busy(UpstreamState);

impl Busy {
    fn new(state: &UpstreamState) -> Busy {
        let now = state.busy.fetch_add(1, Ordering::SeqCst) + 1;
        state.most_busy.fetch_max(now, Ordering::SeqCst);
        Busy(state.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Upstream {
    /// Starts one on a free port.
    pub fn start() -> Upstream {
        let state = UpstreamState::default();
        let shared = state.clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                sender.send(listener.local_addr().unwrap()).unwrap();
                let app = Router::new()
                    .route("/{*path}", get(answer))
                    .with_state(state);
                axum::serve(listener, app).await.unwrap();
            });
        });
        let address: SocketAddr = receiver.recv().unwrap();
        Upstream {
            base: format!("http://{address}"),
            state: shared,
        }
    }

    /// Calls received so far.
    pub fn calls(&self) -> usize {
        self.state.calls.load(Ordering::SeqCst)
    }

    /// The most calls it was answering at once.
    pub fn most_at_once(&self) -> usize {
        self.state.most_busy.load(Ordering::SeqCst)
    }

    /// The request targets received so far, as sent (still percent-encoded).
    pub fn seen(&self) -> Vec<String> {
        self.state.seen.lock().unwrap().clone()
    }
}

async fn answer(
    State(state): State<UpstreamState>,
    Path(path): Path<String>,
    uri: Uri,
) -> Response {
    state.calls.fetch_add(1, Ordering::SeqCst);
    state.seen.lock().unwrap().push(uri.to_string());
    let _busy = Busy::new(&state);
    let member = path.split('/').nth(2).unwrap_or_default().to_owned();
    let points = |fan_level: &str| {
        json!({ "id": 1, "total_points": 10, "redeemable_points": 5, "num_points_purchased": 0,
                "activities": [{ "name": "joined", "num_points": 10, "notes": null,
                                 "date_created": 1460793600 }],
                "fan_level": fan_level })
    };
    match member.as_str() {
        "slow" => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            StatusCode::OK.into_response()
        }
        "garbage" => (StatusCode::OK, "<html>oops</html>").into_response(),
        "gateway" => (StatusCode::SERVICE_UNAVAILABLE, "<html>503</html>").into_response(),
        "gone" => (StatusCode::NOT_FOUND, SEED_ERROR.trim().to_owned()).into_response(),
        "busy" => (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "7")],
            r#"{"error":"rate_limited","message":"Slow down."}"#,
        )
            .into_response(),
        "leaky" => {
            let message = format!(
                "Invalid api_key {KEY} in /v2/users/leaky/points?api_key={}&id_type=id",
                KEY.replace('/', "%2F").replace('+', "%2B")
            );
            let body = json!({ "error": "input_error", "message": message, "debug": KEY });
            (StatusCode::BAD_REQUEST, body.to_string()).into_response()
        }
        "nosy" => {
            let mut body = points("Gold");
            body["email"] = json!("nosy@example.com");
            body["birthdate"] = json!("1990-01-01");
            body["activities"][0]["ip_address"] = json!("203.0.113.9");
            (StatusCode::OK, body.to_string()).into_response()
        }
        "listy" => (StatusCode::OK, "[]").into_response(),
        "confused" => (
            StatusCode::OK,
            r#"{"error":"internal_error","message":"Oops."}"#,
        )
            .into_response(),
        other => {
            if other == "delayed" || other.starts_with("delay-") {
                tokio::time::sleep(Duration::from_millis(300)).await;
            } else if other.starts_with("hold-") {
                tokio::time::sleep(Duration::from_secs(8)).await;
            }
            if other.ends_with("-busy") {
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [("retry-after", "7")],
                    r#"{"error":"rate_limited","message":"Slow down."}"#,
                )
                    .into_response();
            }
            (StatusCode::OK, points(other).to_string()).into_response()
        }
    }
}
