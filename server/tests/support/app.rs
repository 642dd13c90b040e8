//! The router in-process: requests with `tower::ServiceExt::oneshot`, or served on a loopback
//! port for what needs real connections.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request};
use axum::Router;
use loyalty_badge::IdType;
use loyalty_server::access_log::LogTo;
use loyalty_server::app::{router, AppConfig, Mode};
use loyalty_server::cors::CorsPolicy;
use loyalty_server::metrics::Metrics;
use loyalty_server::proxy::ProxyConfig;
use loyalty_server::sample::SampleProgram;
use loyalty_server::serve::{serve, ConnectionLimits, Stopped};
use loyalty_server::token::{unix_now, MemberAccess, MemberTokens};
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower::ServiceExt;

use super::upstream::KEY;

/// The member-token secret the tests use.
pub const SECRET: &str = "test-secret-0123456789-0123456789-abcdef";

/// The key for [`SECRET`].
pub fn tokens() -> Arc<MemberTokens> {
    Arc::new(MemberTokens::new(SECRET.as_bytes()).unwrap())
}

/// A token for the member, valid for an hour.
pub fn token_for(id_type: IdType, user_id: &str) -> String {
    tokens().mint(id_type, user_id, unix_now() + 3600)
}

/// An answer as a client sees it.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: String,
}

impl Reply {
    /// The body as JSON (`Null` when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

/// Sends `request` to `app`, as from 127.0.0.1.
pub async fn send(app: &Router, mut request: Request<Body>) -> Reply {
    if request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_none()
    {
        let peer: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(peer));
    }
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// `GET target`.
pub async fn get(app: &Router, target: &str) -> Reply {
    send(app, Request::get(target).body(Body::empty()).unwrap()).await
}

/// `GET target` with `X-Member-Token: token`.
pub async fn get_with_token(app: &Router, target: &str, token: &str) -> Reply {
    let request = Request::get(target)
        .header("x-member-token", token)
        .body(Body::empty())
        .unwrap();
    send(app, request).await
}

/// The built-in sample program, open to anyone.
pub fn sample_app() -> Router {
    sample_app_with(MemberAccess::Public, "", None)
}

/// The built-in sample program with the given access, prefix and static folder.
pub fn sample_app_with(access: MemberAccess, prefix: &str, static_dir: Option<PathBuf>) -> Router {
    router(AppConfig {
        mode: Mode::Sample(SampleProgram::built_in()),
        access,
        cors: CorsPolicy::AnyOrigin,
        path_prefix: prefix.to_owned(),
        static_dir,
        log_to: quiet(),
        metrics: Arc::default(),
    })
    .unwrap()
}

/// Proxy mode's defaults for `upstream`, with the test key and no per-client limit.
pub fn proxy_config(upstream: &str) -> ProxyConfig {
    ProxyConfig {
        client_per_minute: None,
        ..ProxyConfig::new(upstream, KEY)
    }
}

/// The proxy with `config` and `access`, CORS for `https://shop.example`.
pub fn proxy_app(config: ProxyConfig, access: MemberAccess) -> Router {
    proxy_app_logged(config, access).0
}

/// The proxy as [`proxy_app`] makes it, and its access log's lines.
pub fn proxy_app_logged(
    config: ProxyConfig,
    access: MemberAccess,
) -> (Router, Arc<Mutex<Vec<String>>>) {
    proxy_app_counted(config, access, Arc::default())
}

/// The proxy as [`proxy_app`] makes it, counting into `metrics`, and its access log's lines.
pub fn proxy_app_counted(
    config: ProxyConfig,
    access: MemberAccess,
    metrics: Arc<Metrics>,
) -> (Router, Arc<Mutex<Vec<String>>>) {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let app = router(AppConfig {
        mode: Mode::Proxy(config),
        access,
        cors: CorsPolicy::from_origins(&["https://shop.example".to_owned()]).unwrap(),
        path_prefix: String::new(),
        static_dir: None,
        log_to: LogTo::Lines(Arc::clone(&lines)),
        metrics,
    })
    .unwrap();
    (app, lines)
}

/// An access log kept in memory, so that test output stays readable.
pub fn quiet() -> LogTo {
    LogTo::Lines(Arc::new(Mutex::new(Vec::new())))
}

/// A router served on a loopback port in this runtime.
pub struct Running {
    /// Where it listens.
    pub address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    handle: JoinHandle<Stopped>,
}

impl Running {
    /// Serves `app` with `limits`.
    pub async fn start(app: Router, limits: ConnectionLimits) -> Running {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = tokio::spawn(serve(
            listener,
            app,
            limits,
            async {
                let _ = stopped.await;
            },
            || (),
        ));
        Running {
            address,
            stop: Some(stop),
            handle,
        }
    }

    /// Stops it and waits for [`serve`] to return.
    pub async fn stop(mut self) -> Stopped {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.handle).await.unwrap()
    }
}
