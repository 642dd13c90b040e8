//! README's nginx configurations, in a real nginx (Debian's) on loopback: every sample member by
//! every id it has, through nginx to loyalty-server, in sample mode and in proxy mode, with
//! member tokens; and the deployment with two proxy instances sharing a real Redis behind one
//! `upstream {}` block. Needs nginx and redis-server, so it is ignored by a plain `cargo test`;
//! `make test-nginx` (part of `make test`) installs them and runs it.

#[allow(dead_code)]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use loyalty_badge::{IdType, MemberId};
use loyalty_server::sample::{SampleProgram, BUILT_IN_PROGRAM};
use reqwest::blocking::Client;
use serde_json::Value;
use support::app::{token_for, SECRET};
use support::binary::{address_after, Server};
use support::readme::example;
use support::redis_server::RedisServer;

const SECRET_VAR: &str = "LOYALTY_TEST_SECRET";
const KEY_VAR: &str = "LOYALTY_TEST_API_KEY";

/// nginx, run by this user from a folder of its own: configuration, pid, logs, temp files.
struct Nginx {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Nginx {
    /// Starts nginx serving `location` (a README block) on a free loopback port.
    fn start(location: &str) -> Nginx {
        Nginx::start_http(|port| {
            format!("server {{\n    listen 127.0.0.1:{port};\n{location}\n  }}")
        })
    }

    /// Starts nginx with the `http {}` content `http(port)` (a README block), its server
    /// listening on `port`, a free loopback port.
    fn start_http(http: impl FnOnce(u16) -> String) -> Nginx {
        let binary = std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".to_owned());
        let dir = temp_dir("nginx");
        let port = free_port();
        let d = dir.display();
        let http = http(port);
        let conf = format!(
            "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n  access_log {d}/access.log;\n  client_body_temp_path {d}/client_body;\n  \
             proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  \
             uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n  \
             {http}\n}}\n"
        );
        std::fs::write(dir.join("nginx.conf"), conf).unwrap();
        let child = Command::new(&binary)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{binary}: {e} (make test-nginx installs it)"));
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nginx did not start: {}",
                std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx { child, dir, port }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "loyalty-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// README's block, pointed at `server` instead of port 8787.
fn readme_location(server: &Server) -> String {
    let block = example("nginx.conf");
    assert!(
        block.contains("proxy_pass http://127.0.0.1:8787;"),
        "{block}"
    );
    block.replace("127.0.0.1:8787", server.base.trim_start_matches("http://"))
}

/// The built-in program's members and ids, without the delays and the every-other-request
/// failures (nginx has nothing to do with those; they would only slow the test or make the two
/// paths differ), written to a file for `--data`.
fn program_file(dir: &Path) -> (PathBuf, Vec<(IdType, String)>) {
    let mut program: Value = serde_json::from_str(BUILT_IN_PROGRAM).unwrap();
    for member in program["members"].as_array_mut().unwrap() {
        let member = member.as_object_mut().unwrap();
        member.remove("delay_ms");
        member.remove("fail_every_other_request");
    }
    let path = dir.join("program.json");
    std::fs::write(&path, program.to_string()).unwrap();
    let ids = SampleProgram::built_in()
        .members()
        .iter()
        .flat_map(|m| m.ids.iter().map(|(t, id)| (*t, id.clone())))
        .collect();
    (path, ids)
}

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(20))
        .no_proxy()
        .build()
        .unwrap()
}

/// `GET {base}/loyalty/v2/users/{id}/points?id_type=...` with a token for the member, encoded
/// as the widget encodes it: status and body.
fn ask(base: &str, id_type: IdType, id: &str) -> (u16, String) {
    let segment = MemberId::parse(id).unwrap().to_path_segment();
    let response = client()
        .get(format!(
            "{base}/loyalty/v2/users/{segment}/points?id_type={id_type}"
        ))
        .header("X-Member-Token", token_for(id_type, id))
        .send()
        .unwrap();
    (response.status().as_u16(), response.text().unwrap())
}

/// Every id through nginx answers exactly what the server answers directly, and is found.
fn every_member_through(nginx: &Nginx, server: &Server, ids: &[(IdType, String)]) {
    assert!(ids.len() >= 25, "{} ids", ids.len());
    for (id_type, id) in ids {
        let through = ask(&nginx.url(""), *id_type, id);
        let direct = ask(&server.base, *id_type, id);
        assert_eq!(through, direct, "{id_type} {id:?}");
        assert_ne!(through.0, 404, "{id_type} {id:?}: {}", through.1);
        assert!(
            !matches!(through.0, 401 | 403),
            "{id_type} {id:?}: {}",
            through.1
        );
    }
    let (status, body) = ask(&nginx.url(""), IdType::ThirdPartyId, "Zoë/東京#7 ?x");
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["id"], "20");
    let health = client().get(nginx.url("/loyalty/healthz")).send().unwrap();
    assert_eq!(health.status(), 200);
}

#[test]
#[ignore = "needs Debian's nginx: make test-nginx"]
fn sample_mode_behind_readmes_nginx_answers_every_member() {
    let dir = temp_dir("program");
    let (data, ids) = program_file(&dir);
    let server = Server::start(
        &[
            "--data",
            data.to_str().unwrap(),
            "--path-prefix",
            "/loyalty",
            "--member-token-secret-env",
            SECRET_VAR,
        ],
        &[(SECRET_VAR, SECRET)],
    );
    let nginx = Nginx::start(&readme_location(&server));
    every_member_through(&nginx, &server, &ids);
    println!(
        "sample mode behind nginx: {} member ids answered",
        ids.len()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
#[ignore = "needs Debian's nginx: make test-nginx"]
fn proxy_mode_behind_readmes_nginx_answers_every_member() {
    let dir = temp_dir("program");
    let (data, ids) = program_file(&dir);
    // The sample program stands in for CrowdTwist, behind the proxy.
    let upstream = Server::start(&["--data", data.to_str().unwrap()], &[]);
    let proxy = Server::start(
        &[
            "proxy",
            "--upstream",
            &upstream.base,
            "--api-key-env",
            KEY_VAR,
            "--member-token-secret-env",
            SECRET_VAR,
            "--path-prefix",
            "/loyalty",
            "--client-ip-header",
            "X-Real-IP",
        ],
        &[(KEY_VAR, "a-test-key"), (SECRET_VAR, SECRET)],
    );
    let nginx = Nginx::start(&readme_location(&proxy));
    // Proxy mode turns the sample's malformed and HTML answers into its own errors; compare
    // through nginx with the proxy directly, and check that members are found.
    for (id_type, id) in &ids {
        let through = ask(&nginx.url(""), *id_type, id);
        let direct = ask(&proxy.base, *id_type, id);
        assert_eq!(through, direct, "{id_type} {id:?}");
        assert_ne!(through.0, 404, "{id_type} {id:?}: {}", through.1);
        assert!(!matches!(through.0, 401 | 403), "{id_type} {id:?}");
    }
    let (status, body) = ask(&nginx.url(""), IdType::ThirdPartyId, "Zoë/東京#7 ?x");
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["id"], "20");
    println!("proxy mode behind nginx: {} member ids answered", ids.len());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
#[ignore = "needs Debian's nginx: make test-nginx"]
fn the_client_limit_counts_the_address_nginx_passes_on() {
    let upstream = Server::start(&[], &[]);
    let proxy = Server::start(
        &[
            "proxy",
            "--upstream",
            &upstream.base,
            "--api-key-env",
            KEY_VAR,
            "--public-members",
            "--path-prefix",
            "/loyalty",
            "--client-ip-header",
            "X-Real-IP",
            "--client-per-minute",
            "2",
        ],
        &[(KEY_VAR, "a-test-key")],
    );
    let nginx = Nginx::start(&readme_location(&proxy));
    // Every request reaches the proxy from nginx's address; only X-Real-IP tells clients apart.
    let from = |client_address: &str| {
        Client::builder()
            .local_address(client_address.parse::<std::net::IpAddr>().unwrap())
            .no_proxy()
            .build()
            .unwrap()
            .get(nginx.url("/loyalty/v2/users/16/points"))
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(
        [from("127.0.0.2"), from("127.0.0.2"), from("127.0.0.2")],
        [200, 200, 429]
    );
    assert_eq!(
        from("127.0.0.3"),
        200,
        "another client has its own allowance"
    );
}

#[test]
#[ignore = "needs Debian's nginx: make test-nginx"]
fn the_old_configuration_loses_encoded_slashes() {
    // What README used to show: nginx decodes the URI before passing it on, and an id with an
    // encoded `/` gains a slash. The test above would catch a return to it.
    let server = Server::start(&[], &[]);
    let old = format!("location /loyalty/ {{ proxy_pass {}/; }}", server.base);
    let nginx = Nginx::start(&old);
    let alice = client()
        .get(nginx.url("/loyalty/v2/users/alice@crowdtwist.com/points?id_type=email"))
        .send()
        .unwrap();
    assert_eq!(alice.status(), 200);
    let segment = MemberId::parse("Zoë/東京#7 ?x").unwrap().to_path_segment();
    let zoe = client()
        .get(nginx.url(&format!(
            "/loyalty/v2/users/{segment}/points?id_type=third_party_id"
        )))
        .send()
        .unwrap();
    assert_eq!(zoe.status(), 404);
}

/// The value of the series `series` (`name{labels}`) in an instance's metrics, 0 when absent.
fn metric(metrics_url: &str, series: &str) -> f64 {
    let text = client().get(metrics_url).send().unwrap().text().unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |value| value.parse().unwrap())
}

/// A proxy instance of README's deployment: its server and its metrics address.
fn instance(upstream: &Server, redis: &RedisServer) -> (Server, String) {
    let server = Server::start(
        &[
            "proxy",
            "--upstream",
            &upstream.base,
            "--api-key-env",
            KEY_VAR,
            "--member-token-secret-env",
            SECRET_VAR,
            "--path-prefix",
            "/loyalty",
            "--client-ip-header",
            "X-Real-IP",
            "--redis",
            &redis.url(),
            "--instances",
            "2",
            "--metrics-bind",
            "127.0.0.1:0",
        ],
        &[(KEY_VAR, "a-test-key"), (SECRET_VAR, SECRET)],
    );
    let line = server.wait_for_line(|l| l.contains("metrics at http://"));
    let metrics = format!(
        "http://{}/metrics",
        address_after(&line, "metrics at http://").unwrap()
    );
    (server, metrics)
}

#[test]
#[ignore = "needs Debian's nginx and redis-server: make test-nginx"]
fn two_instances_with_redis_behind_readmes_upstream_block() {
    let redis = RedisServer::start();
    let dir = temp_dir("program");
    let (data, ids) = program_file(&dir);
    let upstream = Server::start(&["--data", data.to_str().unwrap()], &[]);
    let (first, first_metrics) = instance(&upstream, &redis);
    let (second, second_metrics) = instance(&upstream, &redis);
    let block = example("nginx-two-instances.conf");
    for expected in [
        "upstream loyalty {",
        "server 127.0.0.1:8787",
        "server 127.0.0.1:8788",
        "listen 80;",
        "proxy_pass http://loyalty;",
    ] {
        assert!(block.contains(expected), "{expected} in {block}");
    }
    let nginx = Nginx::start_http(|port| {
        block
            .replace("127.0.0.1:8787", first.base.trim_start_matches("http://"))
            .replace("127.0.0.1:8788", second.base.trim_start_matches("http://"))
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
    });
    let calls = || {
        metric(
            &first_metrics,
            "loyalty_upstream_calls_total{status=\"200\"}",
        ) + metric(
            &second_metrics,
            "loyalty_upstream_calls_total{status=\"200\"}",
        )
    };
    for (id_type, id) in &ids {
        let through = ask(&nginx.url(""), *id_type, id);
        assert_ne!(through.0, 404, "{id_type} {id:?}: {}", through.1);
        assert!(!matches!(through.0, 401 | 403), "{id_type} {id:?}");
    }
    let requests = |metrics: &str| {
        metric(
            metrics,
            "loyalty_http_requests_total{route=\"points\",status=\"200\"}",
        )
    };
    assert!(
        requests(&first_metrics) > 0.0 && requests(&second_metrics) > 0.0,
        "nginx spreads the requests over both"
    );
    // Everyone asked once more, through either instance: the shared cache answers.
    let before = calls();
    for (id_type, id) in &ids {
        ask(&nginx.url(""), *id_type, id);
    }
    assert_eq!(calls(), before, "no member with points was fetched twice");
    let hits = |metrics: &str| {
        metric(metrics, "loyalty_cache_hits_total{store=\"redis\"}")
            + metric(metrics, "loyalty_cache_hits_total{store=\"local\"}")
    };
    assert!(hits(&first_metrics) > 0.0 && hits(&second_metrics) > 0.0);
    assert!(
        metric(&first_metrics, "loyalty_cache_hits_total{store=\"redis\"}")
            + metric(&second_metrics, "loyalty_cache_hits_total{store=\"redis\"}")
            > 0.0,
        "members fetched by one instance were served by the other"
    );
    let health = client().get(nginx.url("/loyalty/healthz")).send().unwrap();
    assert_eq!(health.status(), 200);
    let health: Value = serde_json::from_str(&health.text().unwrap()).unwrap();
    assert_eq!(health["redis"], "up");

    let total = calls();
    // One instance goes away: nginx passes its requests to the other.
    drop(first);
    for _ in 0..6 {
        let (status, body) = ask(&nginx.url(""), IdType::Email, "alice@crowdtwist.com");
        assert_eq!(status, 200, "{body}");
    }
    println!(
        "two instances with redis behind nginx: {} member ids asked twice, {total} upstream calls",
        ids.len()
    );
    std::fs::remove_dir_all(dir).unwrap();
}
