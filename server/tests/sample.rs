//! Sample mode, against the real binary over HTTP.

mod support;

use std::time::{Duration, Instant};

use loyalty_badge::wire::read_response;
use loyalty_badge::{ErrorKind, IdType, MemberId};
use reqwest::blocking::{Client, Response};
use serde_json::{json, Value};
use support::{run_to_exit, Server};

const SEED_RESPONSE: &str = include_str!("../../tests/fixtures/seed-response.json");
const SEED_ERROR: &str = include_str!("../../tests/fixtures/seed-error.json");

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// The points path for `id`, encoded the way the widget encodes it.
fn points_path(id: &str, id_type: Option<IdType>) -> String {
    let segment = MemberId::parse(id).unwrap().to_path_segment();
    match id_type {
        Some(t) => format!("/v2/users/{segment}/points?id_type={t}"),
        None => format!("/v2/users/{segment}/points"),
    }
}

fn get(server: &Server, id: &str, id_type: Option<IdType>) -> Response {
    client()
        .get(server.url(&points_path(id, id_type)))
        .send()
        .unwrap()
}

fn json_of(response: Response) -> Value {
    serde_json::from_str(&response.text().unwrap()).unwrap()
}

#[test]
fn the_seed_member_by_every_id_it_has() {
    let server = Server::start(&[], &[]);
    let seed: Value = serde_json::from_str(SEED_RESPONSE).unwrap();
    for (id, id_type) in [
        ("alice@crowdtwist.com", Some(IdType::Email)),
        ("ALICE@CrowdTwist.com", Some(IdType::Email)),
        ("16", Some(IdType::Id)),
        ("16", None),
        ("alice", Some(IdType::Username)),
        ("ct-alice-0016", Some(IdType::ThirdPartyId)),
    ] {
        let response = get(&server, id, id_type);
        assert_eq!(response.status(), 200, "{id} {id_type:?}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{id}"
        );
        assert_eq!(json_of(response), seed, "{id} {id_type:?}");
    }
}

#[test]
fn the_seed_sample_is_served_in_the_documented_field_order() {
    let server = Server::start(&[], &[]);
    let body = get(&server, "16", None).text().unwrap();
    // serde_json keeps field order here (the preserve_order feature, which the server uses).
    let compact = serde_json::from_str::<Value>(SEED_RESPONSE)
        .unwrap()
        .to_string();
    assert!(
        compact.starts_with(r#"{"id":16,"total_points":1000,"#),
        "{compact}"
    );
    assert_eq!(body, compact);
}

#[test]
fn unknown_members_get_the_seed_error_with_404() {
    let server = Server::start(&[], &[]);
    for (id, id_type) in [
        ("nobody@example.com", Some(IdType::Email)),
        ("alice", Some(IdType::Email)),
        ("alice@crowdtwist.com", None),
    ] {
        let response = get(&server, id, id_type);
        assert_eq!(response.status(), 404);
        assert_eq!(
            json_of(response),
            serde_json::from_str::<Value>(SEED_ERROR).unwrap()
        );
    }
}

#[test]
fn a_bad_id_type_is_a_400_param_error() {
    let server = Server::start(&[], &[]);
    let response = client()
        .get(server.url("/v2/users/16/points?id_type=Email"))
        .send()
        .unwrap();
    assert_eq!(response.status(), 400);
    let body = json_of(response);
    assert_eq!(body["error"], "param_error");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("mobile_phone_number"));
}

#[test]
fn encoded_ids_arrive_intact() {
    let server = Server::start(&[], &[]);
    assert_eq!(
        json_of(get(&server, "+1 555 0100", Some(IdType::MobilePhoneNumber)))["id"],
        17
    );
    assert_eq!(
        json_of(get(&server, "Zoë/東京#7 ?x", Some(IdType::ThirdPartyId)))["id"],
        "20"
    );
    assert_eq!(
        json_of(get(&server, "zoë", Some(IdType::Username)))["id"],
        "20"
    );
}

#[test]
fn dot_segments_and_control_characters_are_refused() {
    let server = Server::start(&[], &[]);
    for target in [
        "/v2/users/%2e%2e/points",
        "/v2/users/%2E/points",
        "/v2/users/a%0Ab/points",
        "/v2/users/%20%20/points",
        "/v2/users/%FF/points",
    ] {
        let (status, body) = server.raw_get(target);
        assert_eq!(status, 400, "{target}: {body}");
        assert!(body.contains("param_error"), "{target}: {body}");
    }
}

#[test]
fn every_member_shows_its_state_to_the_widget() {
    let server = Server::start(&[], &[]);
    let expect: &[(&str, Option<ErrorKind>)] = &[
        ("alice@crowdtwist.com", None),
        ("ben.long@example.com", None),
        ("new.member@example.com", None),
        ("whale@example.com", None),
        ("zoe@example.com", None),
        ("mixed@example.com", None),
        ("broken@example.com", Some(ErrorKind::Decode)),
        ("gateway@example.com", Some(ErrorKind::Http)),
        ("busy@example.com", Some(ErrorKind::Api)),
        ("nobody@example.com", Some(ErrorKind::NotFound)),
    ];
    for &(id, kind) in expect {
        let response = get(&server, id, Some(IdType::Email));
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_owned());
        let decoded = read_response(status, retry_after.as_deref(), &response.text().unwrap());
        assert_eq!(
            decoded.as_ref().err().map(|e| e.kind()),
            kind,
            "{id}: {decoded:?}"
        );
    }
}

#[test]
fn the_long_history_spans_years_of_earning_and_spending() {
    let server = Server::start(&[], &[]);
    let response = get(&server, "ben_long", Some(IdType::Username));
    let points = read_response(200, None, &response.text().unwrap()).unwrap();
    assert_eq!(points.activities.len(), 300);
    assert_eq!(points.unreadable_activities, 0);
    let dated: Vec<i64> = points
        .activities
        .iter()
        .filter_map(|a| a.date.map(|d| d.epoch_seconds()))
        .collect();
    assert!(dated.len() >= 290 && dated.len() < 300, "a few undated");
    let years = (dated[0] - dated[dated.len() - 1]) / (365 * 86_400);
    assert!(years >= 4, "{years} years");
    assert!(points.activities.iter().any(|a| a.num_points < 0));
    assert!(
        points
            .activities
            .iter()
            .filter(|a| a.notes.is_some())
            .count()
            >= 30
    );
    let sum: i64 = points.activities.iter().map(|a| a.num_points).sum();
    assert_eq!(points.redeemable_points, sum, "the balance adds up");
}

#[test]
fn large_balances_and_several_scripts() {
    let server = Server::start(&[], &[]);
    let whale = read_response(
        200,
        None,
        &get(&server, "whale", Some(IdType::Username))
            .text()
            .unwrap(),
    )
    .unwrap();
    assert!(whale.total_points >= 10_000_000 && whale.redeemable_points >= 10_000_000);

    let zoe = get(&server, "zoe@example.com", Some(IdType::Email))
        .text()
        .unwrap();
    for sample in ["ë", "東京", "شراء", "🎉", "Обмен", "<img"] {
        assert!(zoe.contains(sample), "{sample}");
    }
}

#[test]
fn the_slow_member_answers_after_three_seconds() {
    let server = Server::start(&[], &[]);
    let started = Instant::now();
    let response = get(&server, "slow@example.com", Some(IdType::Email));
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() >= Duration::from_secs(3));
}

#[test]
fn the_flaky_member_fails_every_other_request() {
    let server = Server::start(&[], &[]);
    let statuses: Vec<u16> = (0..4)
        .map(|_| {
            get(&server, "flaky@example.com", Some(IdType::Email))
                .status()
                .as_u16()
        })
        .collect();
    assert_eq!(statuses, [500, 200, 500, 200]);
    let failure = json_of(get(&server, "flaky", Some(IdType::Username)));
    assert_eq!(failure["error"], "internal_error");
}

#[test]
fn failure_members_answer_as_gateways_and_throttles_do() {
    let server = Server::start(&[], &[]);
    let gateway = get(&server, "gateway@example.com", Some(IdType::Email));
    assert_eq!(gateway.status(), 502);
    assert!(gateway.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let busy = get(&server, "busy@example.com", Some(IdType::Email));
    assert_eq!(busy.status(), 429);
    assert_eq!(busy.headers()["retry-after"], "30");
    let broken = get(&server, "broken@example.com", Some(IdType::Email));
    assert_eq!(broken.status(), 200);
    assert!(serde_json::from_str::<Value>(&broken.text().unwrap()).is_err());
}

#[test]
fn health_other_paths_and_cors() {
    let server = Server::start(&[], &[]);
    let health = client().get(server.url("/healthz")).send().unwrap();
    assert_eq!(health.status(), 200);

    let other = client().get(server.url("/v2/users/16")).send().unwrap();
    assert_eq!(other.status(), 404);
    assert_eq!(json_of(other)["error"], "page_not_found");

    let preflight = client()
        .request(reqwest::Method::OPTIONS, server.url("/v2/users/16/points"))
        .header("Origin", "http://shop.example")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "x-member-token")
        .send()
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    assert!(preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("x-member-token"));
}

#[test]
fn one_log_line_per_request_without_the_query_string() {
    let server = Server::start(&[], &[]);
    let response = client()
        .get(server.url("/v2/users/16/points?api_key=SECRET-KEY&id_type=id"))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    let line = server.wait_for_line(|l| l.starts_with("GET /v2/users/16/points"));
    assert!(line.contains(" 200 "), "{line}");
    assert!(server.output().iter().all(|l| !l.contains("SECRET-KEY")));
}

#[test]
fn data_swaps_the_program_and_bad_data_is_refused() {
    let dir = std::env::temp_dir().join(format!("loyalty-server-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("program.json");
    let body = json!({ "total_points": 5, "redeemable_points": 4, "fan_level": "Tiny" });
    std::fs::write(
        &good,
        json!({ "members": [{ "about": "one", "ids": { "username": "solo" },
                              "response": { "body": body } }] })
        .to_string(),
    )
    .unwrap();
    let server = Server::start(&["--data", good.to_str().unwrap()], &[]);
    assert_eq!(json_of(get(&server, "solo", Some(IdType::Username))), body);
    assert_eq!(get(&server, "alice", Some(IdType::Username)).status(), 404);
    drop(server);

    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"members":[{"about":"x","ids":{"username":".."},"response":{"body":{}}}]}"#,
    )
    .unwrap();
    let (status, stderr) = run_to_exit(&["--data", bad.to_str().unwrap()]);
    assert!(!status.success());
    assert!(stderr.contains("cannot be used as a member id"), "{stderr}");

    let (status, stderr) = run_to_exit(&["--data", dir.join("missing.json").to_str().unwrap()]);
    assert!(!status.success());
    assert!(stderr.contains("cannot read"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
