//! The command line:
//!
//! ```text
//! loyalty-server [SERVER OPTIONS] [--data FILE]                        # sample program
//! loyalty-server proxy --upstream URL --api-key-env VAR [SERVER OPTIONS] [PROXY OPTIONS]
//! loyalty-server mint-token --secret-env VAR --user-id ID [--id-type TYPE] [--ttl SECONDS]
//! ```

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::http::HeaderName;
use clap::{Args, Parser, Subcommand};
use tokio::net::TcpListener;

use crate::access_log::LogTo;
use crate::app::{metrics_router, router, AppConfig, Mode};
use crate::cors::CorsPolicy;
use crate::logging::LogFormat;
use crate::member_query::MemberQuery;
use crate::metrics::Metrics;
use crate::proxy::budget::DEFAULT_UPSTREAM_PER_MINUTE;
use crate::proxy::client_limit::DEFAULT_CLIENT_PER_MINUTE;
use crate::proxy::shared::RedisLink;
use crate::proxy::upstream::UpstreamPolicy;
use crate::proxy::ProxyConfig;
use crate::sample::SampleProgram;
use crate::serve::{serve, stop_signal, ConnectionLimits, Stopped};
use crate::token::{unix_now, MemberAccess, MemberTokens};

/// The server beside the loyalty badge. By default it serves a built-in sample loyalty program
/// the way CrowdTwist does; `proxy` forwards to CrowdTwist and adds the api_key itself.
#[derive(Debug, Parser)]
#[command(
    name = "loyalty-server",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(flatten)]
    server: ServerArgs,
    /// Sample mode: serve this program file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Forward GET /v2/users/{user_id}/points to CrowdTwist, adding the api_key.
    Proxy(Box<ProxyArgs>),
    /// Print a member token (for tests and scripts; a site mints its own, see the README).
    MintToken(MintArgs),
}

/// What both modes take.
#[derive(Debug, Args)]
struct ServerArgs {
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Port to listen on (0 picks a free one and prints it).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Serve everything under this path (`/loyalty`), so a reverse proxy can pass the request
    /// URI on untouched.
    #[arg(long, value_name = "PATH", default_value = "")]
    path_prefix: String,
    /// Also serve this folder's files (a `trunk build` output) at every other path. Dotfiles and
    /// links out of the folder are never served.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Require a member token signed with the secret in this environment variable.
    #[arg(long, value_name = "VAR")]
    member_token_secret_env: Option<String>,
    /// Connections open at once; more wait.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    max_connections: usize,
    /// Serve GET /metrics (Prometheus's text format) on this address, a listener of its own
    /// (none by default; never on the public port).
    #[arg(long, value_name = "ADDR:PORT")]
    metrics_bind: Option<SocketAddr>,
    /// How log lines are written on standard output.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Debug, Args)]
struct ProxyArgs {
    /// CrowdTwist's base, such as https://sb-api123.crowdtwist.com.
    #[arg(long, value_name = "URL")]
    upstream: String,
    /// The environment variable holding the api_key (never put the key itself on a command line).
    #[arg(long, value_name = "VAR")]
    api_key_env: String,
    /// A site allowed to call the proxy from the browser (CORS); repeat for several.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// Anyone who can reach the proxy may read any member's points, without a token.
    #[arg(long, conflicts_with = "member_token_secret_env")]
    public_members: bool,
    /// Seconds an answer is reused for the same member and id type (0: no cache).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    cache_ttl: u64,
    /// The cache's size in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    cache_max_mb: u64,
    /// Calls to CrowdTwist in any minute, across all members.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_UPSTREAM_PER_MINUTE)]
    upstream_per_minute: u32,
    /// Calls to CrowdTwist at the same time.
    #[arg(long, value_name = "N", default_value_t = 32)]
    upstream_concurrency: usize,
    /// Points requests a minute per client address (0: no limit).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CLIENT_PER_MINUTE)]
    client_per_minute: u32,
    /// Take the client address from this header, set by your reverse proxy (X-Real-IP).
    #[arg(long, value_name = "NAME")]
    client_ip_header: Option<String>,
    /// Accept an http:// upstream that is not on this machine (the api_key travels in clear).
    #[arg(long)]
    insecure_upstream: bool,
    /// Reach the upstream through HTTP_PROXY/HTTPS_PROXY from the environment.
    #[arg(long)]
    upstream_via_env_proxy: bool,
    /// Share the cache, the upstream budget, the client limits and the calls in flight with
    /// every instance using this Redis (redis://[:password@]host[:port][/db]).
    #[arg(long, value_name = "URL", env = "REDIS_URL", hide_env_values = true)]
    redis: Option<String>,
    /// How many instances serve this program: each takes 1/N of the budget and of the client
    /// limits whenever it works on its own (without Redis, or while Redis is down).
    #[arg(long, value_name = "N", default_value_t = 1)]
    instances: u32,
    #[command(flatten)]
    server: ServerArgs,
}

#[derive(Debug, Args)]
struct MintArgs {
    /// The environment variable holding the secret.
    #[arg(long, value_name = "VAR")]
    secret_env: String,
    /// The member id, as the badge sends it.
    #[arg(long, value_name = "ID")]
    user_id: String,
    /// The id type, as the badge sends it (none: `id`).
    #[arg(long, value_name = "TYPE")]
    id_type: Option<String>,
    /// Seconds until the token expires.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    ttl: u64,
}

/// Runs the command line; the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::MintToken(args)) => mint(&args),
        Some(Command::Proxy(args)) => {
            let args = *args;
            crate::logging::init(args.server.log_format);
            run_server(proxy_config(args))
        }
        None => {
            crate::logging::init(cli.server.log_format);
            run_server(sample_config(cli.server, cli.data.as_ref()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // A closed stderr must not turn a clean error into a panic.
            let _ = writeln!(std::io::stderr(), "loyalty-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A server ready to start: the router's configuration and where to listen.
struct Server {
    config: AppConfig,
    address: SocketAddr,
    metrics_address: Option<SocketAddr>,
    redis_url: Option<String>,
    limits: ConnectionLimits,
    description: String,
    notes: Vec<String>,
}

fn mint(args: &MintArgs) -> Result<(), String> {
    let tokens = MemberTokens::from_env(&args.secret_env)?;
    let query = MemberQuery::parse(&args.user_id, args.id_type.as_deref())
        .map_err(|e| format!("--user-id/--id-type: {}", e.message()))?;
    if args.ttl == 0 {
        return Err("--ttl must be at least 1 second".to_owned());
    }
    let token = tokens.mint(
        query.id_type,
        query.member_id.as_str(),
        unix_now().saturating_add(args.ttl),
    );
    writeln!(std::io::stdout(), "{token}").map_err(|e| format!("cannot print the token: {e}"))
}

fn sample_config(args: ServerArgs, data: Option<&PathBuf>) -> Result<Server, String> {
    let program = load_program(data)?;
    let (access, token_note) = match &args.member_token_secret_env {
        Some(var) => (
            MemberAccess::Tokens(Arc::new(MemberTokens::from_env(var)?)),
            format!("member tokens from {var}"),
        ),
        None => (MemberAccess::Public, "no member tokens".to_owned()),
    };
    let description = format!(
        "sample program ({} members, {token_note})",
        program.members().len()
    );
    server(
        args,
        Mode::Sample(program),
        access,
        CorsPolicy::AnyOrigin,
        description,
        None,
    )
}

fn proxy_config(args: ProxyArgs) -> Result<Server, String> {
    let access = match (&args.server.member_token_secret_env, args.public_members) {
        (Some(var), _) => MemberAccess::Tokens(Arc::new(MemberTokens::from_env(var)?)),
        (None, true) => MemberAccess::Public,
        (None, false) => {
            return Err("proxy mode needs to know who may read whose points: give \
                 --member-token-secret-env VAR (the badge sends a token your site mints for \
                 the member; see the README), or --public-members if anyone who can reach \
                 the proxy may read any member's points"
                .to_owned())
        }
    };
    let api_key = std::env::var(&args.api_key_env)
        .ok()
        .filter(|key| !key.trim().is_empty())
        .ok_or_else(|| format!("the environment variable {} is not set", args.api_key_env))?;
    let upstream_per_minute = NonZeroU32::new(args.upstream_per_minute)
        .ok_or("--upstream-per-minute must be at least 1")?;
    let instances = NonZeroU32::new(args.instances).ok_or("--instances must be at least 1")?;
    let redis_url = args.redis.filter(|url| !url.trim().is_empty());
    let client_ip_header = args
        .client_ip_header
        .as_deref()
        .map(|name| {
            HeaderName::try_from(name)
                .map_err(|_| format!("--client-ip-header {name}: not a header name"))
        })
        .transpose()?;
    let mut notes = Vec::new();
    if args.client_per_minute > 0 && client_ip_header.is_none() && args.server.bind.is_loopback() {
        notes.push(format!(
            "--client-per-minute {} counts per connection address: behind a reverse proxy \
             every client has the proxy's address; set --client-ip-header X-Real-IP (see the \
             README's nginx configuration)",
            args.client_per_minute
        ));
    }
    let config = ProxyConfig {
        upstream_policy: UpstreamPolicy {
            insecure: args.insecure_upstream,
            via_env_proxy: args.upstream_via_env_proxy,
        },
        cache_ttl: Duration::from_secs(args.cache_ttl),
        cache_max_bytes: args.cache_max_mb.saturating_mul(1024 * 1024),
        upstream_per_minute,
        upstream_concurrency: args.upstream_concurrency,
        client_per_minute: NonZeroU32::new(args.client_per_minute),
        client_ip_header,
        instances,
        ..ProxyConfig::new(&args.upstream, &api_key)
    };
    let cors = CorsPolicy::from_origins(&args.allow_origins)?;
    let description = format!(
        "proxy to {} (api_key from {}, {}, cache {} s, {} upstream calls a minute, {}, {}{})",
        args.upstream.trim_end_matches('/'),
        args.api_key_env,
        match &args.server.member_token_secret_env {
            Some(var) => format!("member tokens from {var}"),
            None => "public members: no tokens".to_owned(),
        },
        args.cache_ttl,
        args.upstream_per_minute,
        match args.client_per_minute {
            0 => "no client limit".to_owned(),
            n => format!("{n} requests a minute per client"),
        },
        if args.allow_origins.is_empty() {
            "no CORS".to_owned()
        } else {
            format!("CORS for {}", args.allow_origins.join(", "))
        },
        match (&redis_url, args.instances) {
            (Some(_), 1) => ", shared in redis".to_owned(),
            (Some(_), n) => format!(", shared in redis by {n} instances"),
            (None, 1) => String::new(),
            (None, n) => format!(", 1/{n} of the budget and client limits"),
        },
    );
    let mut server = server(
        args.server,
        Mode::Proxy(config),
        access,
        cors,
        description,
        redis_url,
    )?;
    server.notes = notes;
    Ok(server)
}

fn server(
    args: ServerArgs,
    mode: Mode,
    access: MemberAccess,
    cors: CorsPolicy,
    description: String,
    redis_url: Option<String>,
) -> Result<Server, String> {
    let description = if args.path_prefix.trim_end_matches('/').is_empty() {
        description
    } else {
        format!(
            "{description} under {}",
            args.path_prefix.trim_end_matches('/')
        )
    };
    Ok(Server {
        config: AppConfig {
            mode,
            access,
            cors,
            path_prefix: args.path_prefix,
            static_dir: args.static_dir,
            log_to: LogTo::Log,
            metrics: Arc::new(Metrics::new(redis_url.is_some())),
        },
        address: SocketAddr::new(args.bind, args.port),
        metrics_address: args.metrics_bind,
        redis_url,
        limits: ConnectionLimits {
            max_connections: args.max_connections.max(1),
            ..ConnectionLimits::default()
        },
        description,
        notes: Vec::new(),
    })
}

fn run_server(server: Result<Server, String>) -> Result<(), String> {
    let mut server = server?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let metrics = Arc::clone(&server.config.metrics);
        if let (Some(url), Mode::Proxy(proxy)) = (&server.redis_url, &mut server.config.mode) {
            let link = RedisLink::open(url, Arc::clone(&metrics))?;
            if link.check().await {
                tracing::info!("redis at {} is up", link.address());
            }
            proxy.redis = Some(link);
        }
        let app = router(server.config)?;
        let listener = bind(server.address).await?;
        let address = local_address(&listener)?;
        let metrics_listener = match server.metrics_address {
            Some(at) => Some(bind(at).await?),
            None => None,
        };
        for note in &server.notes {
            tracing::info!("note: {note}");
        }
        tracing::info!("{} on http://{address}", server.description);
        // One stop signal for both listeners.
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let deadline = server.limits.shutdown_deadline;
        tokio::spawn(async move {
            stop_signal().await;
            let _ = stop.send(true);
        });
        let stopped_by = |mut stopping: tokio::sync::watch::Receiver<bool>| async move {
            let _ = stopping.wait_for(|stop| *stop).await;
        };
        if let Some(listener) = metrics_listener {
            tracing::info!("metrics at http://{}/metrics", local_address(&listener)?);
            let limits = server.limits.clone();
            tokio::spawn(serve(
                listener,
                metrics_router(metrics),
                limits,
                stopped_by(stopping.clone()),
                || (),
            ));
        }
        // Said once the listener is closed, so that it is true when read.
        let closed = move || {
            tracing::info!(
                "stopping: no new connections, requests in flight get {} s",
                deadline.as_secs()
            );
        };
        match serve(listener, app, server.limits, stopped_by(stopping), closed).await {
            Stopped::Drained => tracing::info!("stopped"),
            Stopped::DeadlinePassed => tracing::info!("stopped, cutting requests still in flight"),
        }
        Ok(())
    })
}

async fn bind(address: SocketAddr) -> Result<TcpListener, String> {
    TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))
}

fn local_address(listener: &TcpListener) -> Result<SocketAddr, String> {
    listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))
}

fn load_program(path: Option<&PathBuf>) -> Result<SampleProgram, String> {
    match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            SampleProgram::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
        }
        None => Ok(SampleProgram::built_in()),
    }
}
