//! loyalty-server: the server a site runs beside the loyalty badge.
//!
//! Sample mode ([`sample`]) answers the CrowdTwist points route from a built-in program, so the
//! demo and the tests need no CrowdTwist account. Proxy mode ([`proxy`]) forwards the points
//! route to CrowdTwist and adds the api_key on the server.

pub mod access_log;
pub mod api;
pub mod proxy;
pub mod sample;

use std::path::PathBuf;

use axum::http::HeaderValue;
use axum::http::{header, HeaderName, Method};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::services::ServeDir;

use crate::api::ApiError;

/// The header a site's proxy may require, carrying a token its server minted for the member.
pub const MEMBER_TOKEN_HEADER: &str = "x-member-token";

/// Options shared by both modes.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Serve this folder's files for every path the API does not answer (the demo's build).
    pub static_dir: Option<PathBuf>,
}

/// Sample mode: the points route over `program`, `/healthz`, CORS for any origin (the data is
/// made up), and one log line per request.
pub fn sample_app(program: sample::SampleProgram, options: &ServeOptions) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET])
        .allow_headers([header::ACCEPT, HeaderName::from_static(MEMBER_TOKEN_HEADER)]);
    finish(sample::router(program).layer(cors), options)
}

/// Proxy mode: the points route forwarded to CrowdTwist, `/healthz`, CORS only for
/// `allowed_origins` (none: same-origin use only), and one log line per request.
pub fn proxy_app(
    config: proxy::ProxyConfig,
    allowed_origins: &[String],
    options: &ServeOptions,
) -> Result<Router, String> {
    let api = proxy::router(config)?;
    let api = if allowed_origins.is_empty() {
        api
    } else {
        let origins = allowed_origins
            .iter()
            .map(|origin| parse_origin(origin))
            .collect::<Result<Vec<_>, _>>()?;
        api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET])
                .allow_headers([header::ACCEPT, HeaderName::from_static(MEMBER_TOKEN_HEADER)]),
        )
    };
    Ok(finish(api, options))
}

/// An origin as browsers send it: `https://shop.example.com` or `http://localhost:8080`.
fn parse_origin(origin: &str) -> Result<HeaderValue, String> {
    let trimmed = origin.trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| format!("--allow-origin {origin}: use scheme://host[:port]"))?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '*', ' ']) {
        return Err(format!(
            "--allow-origin {origin}: use scheme://host[:port], without a path"
        ));
    }
    HeaderValue::from_str(trimmed)
        .map_err(|_| format!("--allow-origin {origin}: not a valid origin"))
}

/// Adds what every mode has: `/healthz`, static files or a JSON 404, the access log.
fn finish(api: Router, options: &ServeOptions) -> Router {
    let app = api.route("/healthz", get(|| async { "ok\n" }));
    let app = match &options.static_dir {
        Some(dir) => app.fallback_service(ServeDir::new(dir)),
        None => app.fallback(|| async { ApiError::page_not_found() }),
    };
    app.layer(axum::middleware::from_fn(access_log::log_request))
}

/// Serves `app` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, only SIGTERM stops the server.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
