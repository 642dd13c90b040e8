//! Sample mode's logic, on the router in-process (`tower::ServiceExt::oneshot`).

#[allow(dead_code)]
mod support;

use loyalty_badge::wire::read_response;
use loyalty_badge::{ErrorKind, IdType, MemberId};
use loyalty_server::app::{router, AppConfig, Mode};
use loyalty_server::cors::CorsPolicy;
use loyalty_server::sample::SampleProgram;
use loyalty_server::token::MemberAccess;
use serde_json::{json, Value};
use support::app::{get, sample_app, send, Reply};

const SEED_RESPONSE: &str = include_str!("../../tests/fixtures/seed-response.json");
const SEED_ERROR: &str = include_str!("../../tests/fixtures/seed-error.json");

/// The points path for `id`, encoded the way the widget encodes it.
fn points_path(id: &str, id_type: Option<IdType>) -> String {
    let segment = MemberId::parse(id).unwrap().to_path_segment();
    match id_type {
        Some(t) => format!("/v2/users/{segment}/points?id_type={t}"),
        None => format!("/v2/users/{segment}/points"),
    }
}

async fn member(id: &str, id_type: Option<IdType>) -> Reply {
    get(&sample_app(), &points_path(id, id_type)).await
}

#[tokio::test]
async fn the_seed_member_by_every_id_it_has() {
    let seed: Value = serde_json::from_str(SEED_RESPONSE).unwrap();
    for (id, id_type) in [
        ("alice@crowdtwist.com", Some(IdType::Email)),
        ("ALICE@CrowdTwist.com", Some(IdType::Email)),
        ("16", Some(IdType::Id)),
        ("16", None),
        ("alice", Some(IdType::Username)),
        ("ct-alice-0016", Some(IdType::ThirdPartyId)),
    ] {
        let reply = member(id, id_type).await;
        assert_eq!(reply.status, 200, "{id} {id_type:?}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_eq!(reply.json(), seed, "{id} {id_type:?}");
    }
}

#[tokio::test]
async fn the_seed_sample_is_served_in_the_documented_field_order() {
    let body = member("16", None).await.body;
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

#[tokio::test]
async fn unknown_members_get_the_seed_error_with_404() {
    for (id, id_type) in [
        ("nobody@example.com", Some(IdType::Email)),
        ("alice", Some(IdType::Email)),
        ("alice@crowdtwist.com", None),
    ] {
        let reply = member(id, id_type).await;
        assert_eq!(reply.status, 404);
        assert_eq!(
            reply.json(),
            serde_json::from_str::<Value>(SEED_ERROR).unwrap()
        );
    }
}

#[tokio::test]
async fn a_bad_id_type_is_a_400_param_error() {
    let reply = get(&sample_app(), "/v2/users/16/points?id_type=Email").await;
    assert_eq!(reply.status, 400);
    let body = reply.json();
    assert_eq!(body["error"], "param_error");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("mobile_phone_number"));
    let twice = get(
        &sample_app(),
        "/v2/users/16/points?id_type=id&id_type=email",
    )
    .await;
    assert_eq!(twice.status, 400, "{}", twice.body);
}

#[tokio::test]
async fn encoded_ids_arrive_intact() {
    assert_eq!(
        member("+1 555 0100", Some(IdType::MobilePhoneNumber))
            .await
            .json()["id"],
        17
    );
    assert_eq!(
        member("Zoë/東京#7 ?x", Some(IdType::ThirdPartyId))
            .await
            .json()["id"],
        "20"
    );
    assert_eq!(
        member("zoë", Some(IdType::Username)).await.json()["id"],
        "20"
    );
}

#[tokio::test]
async fn dot_segments_and_control_characters_are_refused() {
    for target in [
        "/v2/users/%2e%2e/points",
        "/v2/users/%2E/points",
        "/v2/users/a%0Ab/points",
        "/v2/users/%20%20/points",
        "/v2/users/%FF/points",
    ] {
        let reply = get(&sample_app(), target).await;
        assert_eq!(reply.status, 400, "{target}: {}", reply.body);
        assert_eq!(reply.json()["error"], "param_error", "{target}");
    }
}

#[tokio::test]
async fn every_member_shows_its_state_to_the_widget() {
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
        let reply = member(id, Some(IdType::Email)).await;
        let decoded = read_response(reply.status, reply.header("retry-after"), &reply.body);
        assert_eq!(
            decoded.as_ref().err().map(|e| e.kind()),
            kind,
            "{id}: {decoded:?}"
        );
    }
}

#[tokio::test]
async fn the_long_history_spans_years_of_earning_and_spending() {
    let reply = member("ben_long", Some(IdType::Username)).await;
    let points = read_response(200, None, &reply.body).unwrap();
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

#[tokio::test]
async fn large_balances_and_several_scripts() {
    let whale = member("whale", Some(IdType::Username)).await;
    let whale = read_response(200, None, &whale.body).unwrap();
    assert!(whale.total_points >= 10_000_000 && whale.redeemable_points >= 10_000_000);
    let zoe = member("zoe@example.com", Some(IdType::Email)).await.body;
    for sample in ["ë", "東京", "شراء", "🎉", "Обмен", "<img"] {
        assert!(zoe.contains(sample), "{sample}");
    }
}

#[tokio::test(start_paused = true)]
async fn the_slow_member_answers_after_three_seconds() {
    let started = tokio::time::Instant::now();
    let reply = member("slow@example.com", Some(IdType::Email)).await;
    assert_eq!(reply.status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_secs(3));
}

#[tokio::test]
async fn the_flaky_member_fails_every_other_request() {
    let app = sample_app();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let path = points_path("flaky@example.com", Some(IdType::Email));
        statuses.push(get(&app, &path).await.status);
    }
    assert_eq!(statuses, [500, 200, 500, 200]);
    let failure = get(&app, &points_path("flaky", Some(IdType::Username))).await;
    assert_eq!(failure.json()["error"], "internal_error");
}

#[tokio::test]
async fn failure_members_answer_as_gateways_and_throttles_do() {
    let gateway = member("gateway@example.com", Some(IdType::Email)).await;
    assert_eq!(gateway.status, 502);
    assert!(gateway
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let busy = member("busy@example.com", Some(IdType::Email)).await;
    assert_eq!(busy.status, 429);
    assert_eq!(busy.header("retry-after"), Some("30"));
    let broken = member("broken@example.com", Some(IdType::Email)).await;
    assert_eq!(broken.status, 200);
    assert!(serde_json::from_str::<Value>(&broken.body).is_err());
}

#[tokio::test]
async fn health_other_paths_methods_and_cors() {
    let app = sample_app();
    let health = get(&app, "/healthz").await;
    assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
    for (method, path) in [
        ("GET", "/v2/users/16"),
        ("GET", "/"),
        ("POST", "/v2/users/16/points"),
        ("DELETE", "/v2/users/16/points"),
    ] {
        let request = axum::http::Request::builder()
            .method(method)
            .uri(path)
            .body(axum::body::Body::empty())
            .unwrap();
        let reply = send(&app, request).await;
        assert_eq!(reply.status, 404, "{method} {path}");
        assert_eq!(reply.json()["error"], "page_not_found", "{method} {path}");
    }
    let preflight = axum::http::Request::options("/v2/users/16/points")
        .header("Origin", "http://shop.example")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "x-member-token")
        .body(axum::body::Body::empty())
        .unwrap();
    let preflight = send(&app, preflight).await;
    assert!((200..300).contains(&preflight.status));
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(preflight
        .header("access-control-allow-headers")
        .unwrap()
        .contains("x-member-token"));
    let cross = axum::http::Request::get("/v2/users/16/points")
        .header("Origin", "http://shop.example")
        .body(axum::body::Body::empty())
        .unwrap();
    let cross = send(&app, cross).await;
    assert_eq!(
        cross.header("access-control-expose-headers"),
        Some("retry-after"),
        "a cross-origin badge can read Retry-After"
    );
}

#[tokio::test]
async fn path_prefix_moves_everything_under_it() {
    let app = support::app::sample_app_with(MemberAccess::Public, "/loyalty/", None);
    let points = get(&app, "/loyalty/v2/users/16/points").await;
    assert_eq!(points.status, 200);
    assert_eq!(get(&app, "/loyalty/healthz").await.status, 200);
    assert_eq!(
        get(&app, "/healthz").await.status,
        200,
        "probes keep the root"
    );
    let outside = get(&app, "/v2/users/16/points").await;
    assert_eq!(outside.status, 404);
    assert_eq!(outside.json()["error"], "page_not_found");
    for bad in ["loyalty", "/a b", "/a/../b", "/{x}", "/a?b", "/a%2Fb"] {
        let built = router(AppConfig {
            mode: Mode::Sample(SampleProgram::built_in()),
            access: MemberAccess::Public,
            cors: CorsPolicy::AnyOrigin,
            path_prefix: bad.to_owned(),
            static_dir: None,
            log_to: support::app::quiet(),
            metrics: Default::default(),
        });
        assert!(built.is_err(), "{bad}");
    }
}

#[tokio::test]
async fn a_request_body_over_the_limit_is_refused() {
    let request = axum::http::Request::get("/v2/users/16/points")
        .header("content-length", "100000")
        .body(axum::body::Body::from(vec![b'x'; 100_000]))
        .unwrap();
    assert_eq!(send(&sample_app(), request).await.status, 413);
}

#[test]
fn data_files_are_checked() {
    let body = json!({ "total_points": 5, "redeemable_points": 4, "fan_level": "Tiny" });
    let program = json!({ "members": [{ "about": "one", "ids": { "username": "solo" },
                                        "response": { "body": body } }] });
    let program = SampleProgram::from_json(&program.to_string()).unwrap();
    assert!(program.find(IdType::Username, "solo").is_some());
    let error = SampleProgram::from_json(
        r#"{"members":[{"about":"x","ids":{"username":".."},"response":{"body":{}}}]}"#,
    )
    .unwrap_err();
    assert!(error.contains("cannot be used as a member id"), "{error}");
    let error = SampleProgram::from_json(
        r#"{"members":[{"about":"x","ids":{"username":"a"},"response":{"body":{},"raw_body":"x"}}]}"#,
    )
    .unwrap_err();
    assert!(error.contains("exactly one"), "{error}");
}
