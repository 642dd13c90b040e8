//! `loyalty-server [--bind 127.0.0.1] [--port 8787] [--data FILE] [--static DIR]`

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use loyalty_server::sample::SampleProgram;
use loyalty_server::{sample_app, serve, ServeOptions};
use tokio::net::TcpListener;

/// Serves the points route of a built-in sample loyalty program, the way CrowdTwist does.
#[derive(Debug, Parser)]
#[command(name = "loyalty-server", version, about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Port to listen on (0 picks a free one and prints it).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// A sample program file to serve instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Also serve this folder's files (a `trunk build` output) at every other path.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("loyalty-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let program = match &cli.data {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            SampleProgram::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => SampleProgram::built_in(),
    };
    if let Some(dir) = &cli.static_dir {
        if !dir.is_dir() {
            return Err(format!("--static {}: not a folder", dir.display()));
        }
    }
    let members = program.members().len();
    let options = ServeOptions {
        static_dir: cli.static_dir,
    };
    let app = sample_app(program, &options);
    let listener = TcpListener::bind(SocketAddr::new(cli.bind, cli.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", cli.bind, cli.port))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    println!("loyalty-server: sample program ({members} members) on http://{address}");
    serve(listener, app)
        .await
        .map_err(|e| format!("server failed: {e}"))
}
