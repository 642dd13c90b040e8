//! Proxy mode: forwards the points request to CrowdTwist and adds the api_key on the server, so
//! the key never reaches a browser.
//!
//! Only `GET /v2/users/{user_id}/points` is forwarded, after the same validation the widget
//! applies; the api_key and `id_type` are the only query parameters sent upstream. Answers are
//! cached briefly per member and id type, and concurrent identical requests share one upstream
//! call, so a page of badges or a reload storm does not multiply upstream traffic.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use loyalty_badge::{Endpoint, PointsRequest};
use tokio::sync::OnceCell;

use crate::api::{ApiError, MemberQuery, POINTS_ROUTE};

/// The most cache entries kept; beyond it, answers are still served but not cached.
const MAX_CACHE_ENTRIES: usize = 10_000;
/// The largest upstream body accepted.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// How the proxy reaches CrowdTwist.
#[derive(Clone)]
pub struct ProxyConfig {
    /// `https://{environment}api{client_id}.crowdtwist.com`, or any base serving `/v2/...`.
    pub upstream: String,
    /// The program's api_key. Never logged, never sent to a client.
    pub api_key: String,
    /// How long an answer is reused for the same member and id type.
    pub cache_ttl: Duration,
    /// How long to wait for the upstream's whole answer.
    pub upstream_timeout: Duration,
}

impl std::fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("upstream", &self.upstream)
            .field("api_key", &"<redacted>")
            .field("cache_ttl", &self.cache_ttl)
            .field("upstream_timeout", &self.upstream_timeout)
            .finish()
    }
}

impl ProxyConfig {
    /// Checks the upstream base (an http(s) origin or path the widget's URL rules accept).
    pub fn validate(&self) -> Result<(), String> {
        let lower = self.upstream.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            return Err(format!(
                "--upstream {}: use an http(s):// address",
                self.upstream
            ));
        }
        PointsRequest::new("16", None, self.endpoint())
            .map(|_| ())
            .map_err(|e| format!("--upstream {}: {e}", self.upstream))?;
        if self.api_key.is_empty() {
            return Err("the api_key is empty".to_owned());
        }
        Ok(())
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::proxy(self.upstream.as_str()).with_api_key(self.api_key.as_str())
    }
}

/// An upstream answer (or the proxy's own error in its place), ready to send again.
#[derive(Clone, Debug)]
struct Answer {
    status: StatusCode,
    retry_after: Option<HeaderValue>,
    body: Bytes,
    received: Instant,
}

impl Answer {
    fn error(status: StatusCode, code: &str, message: &str) -> Self {
        let body = serde_json::json!({ "error": code, "message": message }).to_string();
        Answer {
            status,
            retry_after: None,
            body: Bytes::from(body),
            received: Instant::now(),
        }
    }

    /// Points and "no such member" are worth reusing; failures are asked again next time.
    fn cacheable(&self) -> bool {
        self.status.is_success() || self.status == StatusCode::NOT_FOUND
    }

    fn to_response(&self) -> Response {
        let mut response = (self.status, Body::from(self.body.clone())).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        // Each member's points are private to that member's page.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(retry_after) = &self.retry_after {
            headers.insert(header::RETRY_AFTER, retry_after.clone());
        }
        response
    }
}

/// One member's answer: in flight while the cell is empty, then cached until it is stale.
struct Entry {
    answer: OnceCell<Answer>,
}

struct ProxyState {
    config: ProxyConfig,
    client: reqwest::Client,
    entries: Mutex<HashMap<MemberQuery, Arc<Entry>>>,
}

impl ProxyState {
    /// The entry to wait on: one in flight or still fresh, or a new one.
    fn entry_for(&self, query: &MemberQuery) -> Arc<Entry> {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let ttl = self.config.cache_ttl;
        let usable = |entry: &Entry| match entry.answer.get() {
            None => true,
            Some(answer) => answer.cacheable() && answer.received.elapsed() < ttl,
        };
        if let Some(entry) = entries.get(query).filter(|e| usable(e)) {
            return Arc::clone(entry);
        }
        if entries.len() >= MAX_CACHE_ENTRIES {
            entries.retain(|_, entry| usable(entry));
        }
        let entry = Arc::new(Entry {
            answer: OnceCell::new(),
        });
        if entries.len() < MAX_CACHE_ENTRIES {
            entries.insert(query.clone(), Arc::clone(&entry));
        }
        entry
    }

    /// Drops `entry` from the cache if it is still the one stored for `query`.
    fn forget(&self, query: &MemberQuery, entry: &Arc<Entry>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.get(query).is_some_and(|e| Arc::ptr_eq(e, entry)) {
            entries.remove(query);
        }
    }

    async fn fetch_upstream(&self, query: &MemberQuery) -> Answer {
        let Ok(request) = PointsRequest::new(
            query.member_id.as_str(),
            query.id_type,
            self.config.endpoint(),
        ) else {
            return Answer::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on our end.",
            );
        };
        // reqwest's errors can hold the URL, and with it the api_key: only their kind is used.
        let response = match self
            .client
            .get(request.url())
            .header(header::ACCEPT, "application/json")
            .send()
            .await
        {
            Ok(response) => response,
            Err(error) => return upstream_failure(&error),
        };
        let status = response.status();
        let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
        let body = match read_body(response).await {
            Ok(body) => body,
            Err(answer) => return answer,
        };
        if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() {
            return Answer::error(
                StatusCode::BAD_GATEWAY,
                "upstream_error",
                &format!(
                    "The loyalty service answered {} with a body that is not JSON.",
                    status.as_u16()
                ),
            );
        }
        Answer {
            status: StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY),
            retry_after: retry_after.and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok()),
            body,
            received: Instant::now(),
        }
    }
}

/// Reads the body up to [`MAX_BODY_BYTES`].
async fn read_body(mut response: reqwest::Response) -> Result<Bytes, Answer> {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_BODY_BYTES {
                    return Err(Answer::error(
                        StatusCode::BAD_GATEWAY,
                        "upstream_error",
                        "The loyalty service's answer is too large.",
                    ));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(Bytes::from(body)),
            Err(error) => return Err(upstream_failure(&error)),
        }
    }
}

fn upstream_failure(error: &reqwest::Error) -> Answer {
    if error.is_timeout() {
        Answer::error(
            StatusCode::GATEWAY_TIMEOUT,
            "upstream_timeout",
            "The loyalty service did not answer in time.",
        )
    } else {
        Answer::error(
            StatusCode::BAD_GATEWAY,
            "upstream_unavailable",
            "The loyalty service could not be reached.",
        )
    }
}

/// The points route, forwarded to `config.upstream`.
pub fn router(config: ProxyConfig) -> Result<Router, String> {
    config.validate()?;
    let client = reqwest::Client::builder()
        .timeout(config.upstream_timeout)
        .connect_timeout(config.upstream_timeout)
        // A redirect could carry the request, and the key, to another host.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|_| "cannot build the HTTP client".to_owned())?;
    let state = Arc::new(ProxyState {
        config,
        client,
        entries: Mutex::new(HashMap::new()),
    });
    let not_found = || async { ApiError::page_not_found() };
    Ok(Router::new()
        .route(POINTS_ROUTE, get(points).fallback(not_found))
        .with_state(state))
}

async fn points(State(state): State<Arc<ProxyState>>, request: MemberQuery) -> Response {
    let entry = state.entry_for(&request);
    let answer = entry
        .answer
        .get_or_init(|| state.fetch_upstream(&request))
        .await;
    if !answer.cacheable() || state.config.cache_ttl.is_zero() {
        state.forget(&request, &entry);
    }
    answer.to_response()
}

/// The default upstream time limit.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(5);
