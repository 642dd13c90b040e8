//! The command line, against the real binary: refusing to start unsafely, the environment's
//! proxy, what reaches standard output, a broken standard output, and SIGTERM.

#[allow(dead_code)]
mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use support::app::SECRET;
use support::binary::{address_after, run_to_exit, Server};
use support::upstream::{Upstream, KEY};

const KEY_VAR: &str = "LOYALTY_TEST_API_KEY";
const SECRET_VAR: &str = "LOYALTY_TEST_SECRET";

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(30))
        .no_proxy()
        .build()
        .unwrap()
}

fn refuses(args: &[&str], env: &[(&str, &str)], expected: &[&str]) {
    let (status, _, stderr) = run_to_exit(args, env);
    assert!(!status.success(), "{args:?} started");
    for text in expected {
        assert!(stderr.contains(text), "{args:?}: {stderr}");
    }
}

#[test]
fn proxy_mode_fails_closed_without_a_token_secret() {
    refuses(
        &[
            "proxy",
            "--upstream",
            "https://sb-api1.crowdtwist.com",
            "--api-key-env",
            KEY_VAR,
        ],
        &[(KEY_VAR, KEY)],
        &["--member-token-secret-env VAR", "--public-members"],
    );
    refuses(
        &[
            "proxy",
            "--upstream",
            "https://sb-api1.crowdtwist.com",
            "--api-key-env",
            KEY_VAR,
            "--public-members",
            "--member-token-secret-env",
            SECRET_VAR,
        ],
        &[(KEY_VAR, KEY), (SECRET_VAR, SECRET)],
        &["--public-members", "cannot be used with"],
    );
    refuses(
        &[
            "proxy",
            "--upstream",
            "https://sb-api1.crowdtwist.com",
            "--api-key-env",
            KEY_VAR,
            "--member-token-secret-env",
            SECRET_VAR,
        ],
        &[(KEY_VAR, KEY), (SECRET_VAR, "too short")],
        &[SECRET_VAR, "at least 32 bytes"],
    );
}

#[test]
fn bad_arguments_stop_the_server_with_a_reason() {
    let proxy = |extra: &[&'static str]| {
        let mut args = vec!["proxy", "--api-key-env", KEY_VAR, "--public-members"];
        if !extra.contains(&"--upstream") {
            args.extend(["--upstream", "https://sb-api1.crowdtwist.com"]);
        }
        args.extend_from_slice(extra);
        args
    };
    refuses(&proxy(&[]), &[], &[&format!("{KEY_VAR} is not set")]);
    let env = [(KEY_VAR, KEY)];
    for (extra, expected) in [
        (&["--upstream", "ftp://example.com"][..], "--upstream"),
        (
            &["--upstream", "http://sb-api1.crowdtwist.com"][..],
            "--insecure-upstream",
        ),
        (
            &["--allow-origin", "https://shop.example/path"][..],
            "--allow-origin",
        ),
        (
            &["--client-ip-header", "X Real IP"][..],
            "--client-ip-header",
        ),
        (&["--upstream-per-minute", "0"][..], "--upstream-per-minute"),
        (
            &["--upstream-concurrency", "0"][..],
            "--upstream-concurrency",
        ),
        (&["--path-prefix", "loyalty"][..], "--path-prefix"),
        (&["--redis", "http://127.0.0.1:6379"][..], "--redis"),
        (&["--redis", "127.0.0.1:6379"][..], "--redis"),
        (&["--instances", "0"][..], "--instances"),
        (&["--log-format", "yaml"][..], "--log-format"),
        (&["--metrics-bind", "localhost"][..], "--metrics-bind"),
    ] {
        refuses(&proxy(extra), &env, &[expected]);
    }
    refuses(&["--static", "/no/such/folder"], &[], &["--static"]);
    refuses(&["--data", "/no/such/file.json"], &[], &["cannot read"]);
    refuses(
        &[
            "--port",
            "1",
            "proxy",
            "--upstream",
            "x",
            "--api-key-env",
            "X",
        ],
        &[],
        &["--port"],
    );
}

#[test]
fn the_environments_proxy_is_ignored_unless_asked_for() {
    let upstream = Upstream::start();
    let forward_proxy = Upstream::start();
    for (via_env, expected_upstream, expected_proxy) in [(false, 1, 0), (true, 0, 1)] {
        let mut args = vec![
            "proxy",
            "--upstream",
            upstream.base.as_str(),
            "--api-key-env",
            KEY_VAR,
            "--public-members",
        ];
        if via_env {
            args.push("--upstream-via-env-proxy");
        }
        let member = format!("via-env-{via_env}");
        let server = Server::start(
            &args,
            &[
                (KEY_VAR, KEY),
                ("HTTP_PROXY", forward_proxy.base.as_str()),
                ("http_proxy", forward_proxy.base.as_str()),
                ("NO_PROXY", ""),
                ("no_proxy", ""),
            ],
        );
        let response = client()
            .get(server.url(&format!("/v2/users/{member}/points")))
            .send()
            .unwrap();
        assert_eq!(response.status(), 200);
        let went = |stub: &Upstream| stub.seen().iter().filter(|s| s.contains(&member)).count();
        assert_eq!(went(&upstream), expected_upstream, "via env {via_env}");
        assert_eq!(went(&forward_proxy), expected_proxy, "via env {via_env}");
    }
}

#[test]
fn standard_output_shows_no_member_token_or_key() {
    let upstream = Upstream::start();
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
        ],
        &[(KEY_VAR, KEY), (SECRET_VAR, SECRET)],
    );
    let token = support::app::token_for(loyalty_badge::IdType::Email, "alice@crowdtwist.com");
    for with_token in [true, false] {
        let mut request =
            client().get(server.url(
                "/loyalty/v2/users/alice@crowdtwist.com/points?id_type=email&api_key=CLIENT-KEY",
            ));
        if with_token {
            request = request.header("X-Member-Token", &token);
        }
        let response = request.send().unwrap();
        assert_eq!(response.status(), if with_token { 200 } else { 401 });
        assert!(!response.text().unwrap().contains("SECRET-KEY"));
    }
    server.wait_for_line(|l| l.contains(" 401 "));
    let output = server.output();
    let requests: Vec<_> = output.iter().filter(|l| l.starts_with("GET ")).collect();
    assert_eq!(requests.len(), 2, "{output:?}");
    assert!(
        requests[0].starts_with("GET /loyalty/v2/users/~"),
        "{output:?}"
    );
    for line in &output {
        for secret in [
            "alice",
            "crowdtwist.com",
            &token,
            "SECRET-KEY",
            "CLIENT-KEY",
            SECRET,
        ] {
            assert!(!line.contains(secret), "{secret} in {line}");
        }
    }
    let started = output.iter().find(|l| l.contains(" on http://")).unwrap();
    assert!(
        started.contains(KEY_VAR) && started.contains(SECRET_VAR),
        "names the variables: {output:?}"
    );
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_broken_or_full_standard_output_does_not_stop_the_server() {
    for broken in ["closed pipe", "/dev/full"] {
        let stdout = if broken == "/dev/full" {
            Stdio::from(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
        } else {
            Stdio::piped()
        };
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_loyalty-server"))
            .args(["--port", &port.to_string()])
            .stdout(stdout)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Nobody reads it: every write fails with EPIPE.
        drop(child.stdout.take());
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while client().get(format!("{base}/healthz")).send().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{broken}: never listened"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        for _ in 0..20 {
            let response = client()
                .get(format!("{base}/v2/users/16/points"))
                .send()
                .unwrap();
            assert_eq!(response.status(), 200, "{broken}");
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "{broken}: the server exited"
        );
        child.kill().unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{broken}: {stderr}");
    }
}

#[test]
fn sigterm_lets_a_request_finish_then_exits() {
    let mut server = Server::start(&[], &[]);
    let url = server.url("/v2/users/slow@example.com/points?id_type=email");
    let request = std::thread::spawn(move || client().get(url).send().map(|r| r.status().as_u16()));
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    server.terminate();
    server.wait_for_line(|l| l.contains("stopping"));
    let status = server.wait_exit(Duration::from_secs(8)).expect("exits");
    assert!(status.success(), "{status:?}");
    assert_eq!(
        request.join().unwrap().unwrap(),
        200,
        "the request in flight finished"
    );
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(6),
        "{waited:?}"
    );
    assert!(server
        .output()
        .iter()
        .any(|l| l == "loyalty-server: stopped"));
}

#[test]
fn sigterm_cuts_a_request_still_running_after_ten_seconds() {
    let mut server = Server::start(&[], &[]);
    let url = server.url("/v2/users/stalled@example.com/points?id_type=email");
    let request = std::thread::spawn(move || client().get(url).send().map(|r| r.status().as_u16()));
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    server.terminate();
    server.wait_for_line(|l| l.contains("stopping"));
    let refused = std::net::TcpStream::connect(server.base.trim_start_matches("http://"));
    assert!(refused.is_err(), "no new connection after SIGTERM");
    let status = server.wait_exit(Duration::from_secs(15)).expect("exits");
    let waited = started.elapsed();
    assert!(status.success(), "{status:?}");
    assert!(
        waited >= Duration::from_secs(10) && waited < Duration::from_secs(12),
        "{waited:?}"
    );
    assert!(
        request.join().unwrap().is_err(),
        "the stalled request was cut"
    );
    assert!(server
        .output()
        .iter()
        .any(|l| l.contains("cutting requests still in flight")));
}

#[test]
fn metrics_are_served_on_their_own_listener_and_not_on_the_public_one() {
    let upstream = Upstream::start();
    let server = Server::start(
        &[
            "proxy",
            "--upstream",
            &upstream.base,
            "--api-key-env",
            KEY_VAR,
            "--public-members",
            "--metrics-bind",
            "127.0.0.1:0",
        ],
        &[(KEY_VAR, KEY)],
    );
    let line = server.wait_for_line(|l| l.contains("metrics at http://"));
    let metrics = format!(
        "http://{}/metrics",
        address_after(&line, "metrics at http://").unwrap()
    );
    assert_ne!(metrics, server.url("/metrics"));
    let member = client()
        .get(server.url("/v2/users/16/points"))
        .send()
        .unwrap();
    assert_eq!(member.status(), 200);
    let public = client().get(server.url("/metrics")).send().unwrap();
    assert_eq!(public.status(), 404);
    let text = client().get(&metrics).send().unwrap().text().unwrap();
    assert!(
        text.contains("loyalty_http_requests_total{route=\"points\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(text.contains("loyalty_upstream_calls_total{status=\"200\"} 1"));
}

#[test]
fn json_logs_carry_fields_and_still_no_member_token_or_key() {
    let upstream = Upstream::start();
    let server = Server::start(
        &[
            "proxy",
            "--upstream",
            &upstream.base,
            "--api-key-env",
            KEY_VAR,
            "--member-token-secret-env",
            SECRET_VAR,
            "--log-format",
            "json",
        ],
        &[(KEY_VAR, KEY), (SECRET_VAR, SECRET)],
    );
    let token = support::app::token_for(loyalty_badge::IdType::Email, "alice@crowdtwist.com");
    let response = client()
        .get(server.url("/v2/users/alice@crowdtwist.com/points?id_type=email"))
        .header("X-Member-Token", &token)
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    server.wait_for_line(|l| l.contains("\"status\":200"));
    let output = server.output();
    let events: Vec<serde_json::Value> = output
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let started = events
        .iter()
        .find(|e| e["message"].as_str().unwrap().contains(" on http://"))
        .unwrap();
    assert_eq!(started["level"], "INFO");
    assert!(started["timestamp"].is_string());
    let access = events
        .iter()
        .find(|e| e["target"] == "loyalty_server::access")
        .unwrap();
    assert_eq!(access["method"], "GET");
    assert_eq!(access["status"], 200);
    assert!(access["duration_ms"].as_f64().unwrap() >= 0.0);
    assert!(access["path"].as_str().unwrap().starts_with("/v2/users/~"));
    for line in &output {
        for secret in ["alice", "crowdtwist.com", &token, KEY, SECRET] {
            assert!(!line.contains(secret), "{secret} in {line}");
        }
    }
}

#[test]
fn a_redis_down_at_start_up_does_not_stop_the_proxy_nor_show_its_password() {
    let closed = free_port();
    let upstream = Upstream::start();
    let server = Server::start(
        &[
            "proxy",
            "--upstream",
            &upstream.base,
            "--api-key-env",
            KEY_VAR,
            "--public-members",
            "--instances",
            "2",
        ],
        &[
            (KEY_VAR, KEY),
            (
                "REDIS_URL",
                &format!("redis://:hunter2@127.0.0.1:{closed}/3"),
            ),
        ],
    );
    let member = client()
        .get(server.url("/v2/users/16/points"))
        .send()
        .unwrap();
    assert_eq!(member.status(), 200, "served on its own");
    let health = client()
        .get(server.url("/healthz"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let health: serde_json::Value = serde_json::from_str(&health).unwrap();
    assert_eq!(health["redis"], "down");
    let warning = server.wait_for_line(|l| l.contains("warning: redis at"));
    assert!(
        warning.contains(&format!("redis://127.0.0.1:{closed}/3 is down")),
        "{warning}"
    );
    let output = server.output();
    assert!(
        output
            .iter()
            .any(|l| l.contains(" on http://") && l.contains("shared in redis by 2 instances")),
        "{output:?}"
    );
    assert!(output.iter().all(|l| !l.contains("hunter2")), "{output:?}");
}
