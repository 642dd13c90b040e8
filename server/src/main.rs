//! loyalty-server [--bind 127.0.0.1] [--port 8787] [--data FILE] [--static DIR]
//! loyalty-server proxy --upstream URL --api-key-env VAR [--allow-origin ORIGIN]... [--cache-ttl 30]

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use loyalty_server::proxy::{ProxyConfig, UPSTREAM_TIMEOUT};
use loyalty_server::sample::SampleProgram;
use loyalty_server::{proxy_app, sample_app, serve, ServeOptions};
use tokio::net::TcpListener;

/// The server beside the loyalty badge. By default it serves a built-in sample loyalty program
/// the way CrowdTwist does; `proxy` forwards to CrowdTwist and adds the api_key itself.
#[derive(Debug, Parser)]
#[command(name = "loyalty-server", version, about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, global = true, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Port to listen on (0 picks a free one and prints it).
    #[arg(long, global = true, default_value_t = 8787)]
    port: u16,
    /// Also serve this folder's files (a `trunk build` output) at every other path.
    #[arg(long = "static", global = true, value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Sample mode: serve this program file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    mode: Option<Mode>,
}

#[derive(Debug, Subcommand)]
enum Mode {
    /// Forward GET /v2/users/{user_id}/points to CrowdTwist, adding the api_key.
    Proxy(ProxyArgs),
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
    /// Seconds an answer is reused for the same member and id type (0: no cache).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    cache_ttl: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("loyalty-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    if let Some(dir) = &cli.static_dir {
        if !dir.is_dir() {
            return Err(format!("--static {}: not a folder", dir.display()));
        }
    }
    let options = ServeOptions {
        static_dir: cli.static_dir.clone(),
    };
    let (app, description) = match cli.mode {
        None => {
            let program = load_program(cli.data.as_ref())?;
            let description = format!("sample program ({} members)", program.members().len());
            (sample_app(program, &options), description)
        }
        Some(Mode::Proxy(args)) => {
            if cli.data.is_some() {
                return Err("--data is for sample mode, not proxy mode".to_owned());
            }
            let api_key = std::env::var(&args.api_key_env)
                .ok()
                .filter(|key| !key.trim().is_empty())
                .ok_or_else(|| {
                    format!("the environment variable {} is not set", args.api_key_env)
                })?;
            let config = ProxyConfig {
                upstream: args.upstream.trim_end_matches('/').to_owned(),
                api_key,
                cache_ttl: Duration::from_secs(args.cache_ttl),
                upstream_timeout: UPSTREAM_TIMEOUT,
            };
            let cors = if args.allow_origins.is_empty() {
                "no CORS".to_owned()
            } else {
                format!("CORS for {}", args.allow_origins.join(", "))
            };
            let description = format!(
                "proxy to {} (api_key from {}, cache {} s, {cors})",
                config.upstream, args.api_key_env, args.cache_ttl
            );
            (
                proxy_app(config, &args.allow_origins, &options)?,
                description,
            )
        }
    };
    let listener = TcpListener::bind(SocketAddr::new(cli.bind, cli.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", cli.bind, cli.port))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    println!("loyalty-server: {description} on http://{address}");
    serve(listener, app)
        .await
        .map_err(|e| format!("server failed: {e}"))
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
