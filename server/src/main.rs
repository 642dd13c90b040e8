//! loyalty-server: see `loyalty-server --help` and the README.

fn main() -> std::process::ExitCode {
    loyalty_server::cli::main()
}
