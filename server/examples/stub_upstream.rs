//! A stand-in for CrowdTwist for `make loadtest`: every member has points, answered after
//! `--delay-ms` (50 by default); `GET /calls` tells how many points requests it has answered.
//!
//! `cargo run --release -p loyalty-server --example stub_upstream -- --port 0`

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

struct Stub {
    delay: Duration,
    calls: AtomicU64,
}

async fn points(State(stub): State<Arc<Stub>>, Path(member): Path<String>) -> Json<Value> {
    stub.calls.fetch_add(1, Ordering::Relaxed);
    tokio::time::sleep(stub.delay).await;
    Json(json!({
        "id": 16, "total_points": 1000, "redeemable_points": 1000, "num_points_purchased": 0,
        "activities": [{ "name": "user registration", "num_points": 1000, "notes": null,
                         "date_created": 1460793600 }],
        "fan_level": "New Fan", "email": member,
    }))
}

async fn calls(State(stub): State<Arc<Stub>>) -> String {
    format!("{}\n", stub.calls.load(Ordering::Relaxed))
}

fn flag(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or(default, |value| {
            value
                .parse()
                .unwrap_or_else(|_| panic!("{name} {value}: not a number"))
        })
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let port = u16::try_from(flag(&args, "--port", 0)).expect("--port: a port");
    let stub = Arc::new(Stub {
        delay: Duration::from_millis(flag(&args, "--delay-ms", 50)),
        calls: AtomicU64::new(0),
    });
    let app = Router::new()
        .route("/v2/users/{member}/points", get(points))
        .route("/calls", get(calls))
        .with_state(stub);
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .expect("binds on loopback");
    println!(
        "stub-upstream on http://{}",
        listener.local_addr().expect("has an address")
    );
    axum::serve(listener, app).await.expect("serves");
}
