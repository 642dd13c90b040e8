//! The router, built once, in one function, with its layers in one place.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::State;
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{get, MethodRouter};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

use crate::access_log::{log_request, AccessLog, LogTo};
use crate::cors::CorsPolicy;
use crate::error::not_found;
use crate::member_query::POINTS_ROUTE;
use crate::metrics::Metrics;
use crate::proxy::client_limit::limit_clients;
use crate::proxy::shared::RedisLink;
use crate::proxy::{ProxyConfig, ProxyState};
use crate::sample::{SampleProgram, SampleState};
use crate::serve::MAX_BODY_BYTES;
use crate::static_files::StaticFiles;
use crate::token::MemberAccess;

/// What the server answers the points route with.
pub enum Mode {
    /// The built-in (or `--data`) sample program.
    Sample(SampleProgram),
    /// CrowdTwist, through the proxy.
    Proxy(ProxyConfig),
}

/// Everything the router is built from.
pub struct AppConfig {
    /// Sample program or proxy.
    pub mode: Mode,
    /// Who may read whose points.
    pub access: MemberAccess,
    /// Which web pages may call from a browser.
    pub cors: CorsPolicy,
    /// Where everything is served (`/loyalty`), or `""` for the root.
    pub path_prefix: String,
    /// A folder of files to serve at every other path under the prefix.
    pub static_dir: Option<PathBuf>,
    /// Where the access log goes.
    pub log_to: LogTo,
    /// Where requests, upstream calls, refusals and Redis are counted.
    pub metrics: Arc<Metrics>,
}

/// `--path-prefix`: `""` for none, else `/segment[/segment...]` without a trailing slash, and
/// nothing a route pattern or a URL would read specially.
pub fn parse_path_prefix(prefix: &str) -> Result<String, String> {
    let trimmed = prefix.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let well_formed = trimmed.starts_with('/')
        && trimmed[1..].split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
        });
    if well_formed {
        Ok(trimmed.to_owned())
    } else {
        Err(format!(
            "--path-prefix {prefix}: use /name[/name...] with letters, digits, - . _ ~"
        ))
    }
}

/// The whole application: the points route (under the prefix), `/healthz` (at the root and
/// under the prefix), static files if asked for, a JSON 404 for everything else; CORS, the body
/// limit, the access log and the request metrics around all of it.
pub fn router(config: AppConfig) -> Result<Router, String> {
    let prefix = parse_path_prefix(&config.path_prefix)?;
    let (points, health): (MethodRouter, MethodRouter) = match config.mode {
        Mode::Sample(program) => (
            get(crate::sample::points)
                .with_state(Arc::new(SampleState::new(program, config.access))),
            get(|| async { "ok\n" }),
        ),
        Mode::Proxy(proxy) => {
            let state = Arc::new(ProxyState::new(
                &proxy,
                config.access,
                Arc::clone(&config.metrics),
            )?);
            let points = get(crate::proxy::points).with_state(state);
            let points = match proxy.client_limit() {
                Some(limit) => {
                    points.route_layer(from_fn_with_state(Arc::new(limit), limit_clients))
                }
                None => points,
            };
            (points, get(proxy_health).with_state(proxy.redis.clone()))
        }
    };
    let mut app = Router::new()
        .route(&format!("{prefix}{POINTS_ROUTE}"), points)
        .route("/healthz", health.clone());
    if !prefix.is_empty() {
        app = app.route(&format!("{prefix}/healthz"), health);
    }
    if let Some(dir) = &config.static_dir {
        let files = crate::static_files::serve.with_state(Arc::new(StaticFiles::new(dir)?));
        app = if prefix.is_empty() {
            app.fallback_service(files)
        } else {
            app.nest_service(&prefix, files).fallback(not_found)
        };
    } else {
        app = app.fallback(not_found);
    }
    let log = Arc::new(AccessLog::new(
        &prefix,
        config.static_dir.is_some(),
        config.log_to,
        config.metrics,
    )?);
    let app = app
        .method_not_allowed_fallback(not_found)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES));
    let app = match config.cors.layer() {
        Some(cors) => app.layer(cors),
        None => app,
    };
    Ok(app.layer(from_fn_with_state(log, log_request)))
}

/// Proxy mode's `/healthz`: always 200 while the process serves (an instance without Redis still
/// answers), with a JSON body saying whether the shared Redis is `up`, `down` (this instance works
/// on its own), or `off` (not configured).
async fn proxy_health(State(redis): State<Option<Arc<RedisLink>>>) -> Response {
    let redis = match redis {
        Some(link) if link.is_up() => "up",
        Some(_) => "down",
        None => "off",
    };
    let body = format!("{{\"status\":\"ok\",\"redis\":\"{redis}\"}}");
    crate::error::json_response(StatusCode::OK, body.into(), None)
}

/// The metrics listener's application (`--metrics-bind`): `GET /metrics`, and a JSON 404 for
/// everything else.
pub fn metrics_router(metrics: Arc<Metrics>) -> Router {
    Router::new()
        .route(
            "/metrics",
            get(|State(metrics): State<Arc<Metrics>>| async move { metrics.response() }),
        )
        .with_state(metrics)
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
}
