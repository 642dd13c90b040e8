//! Member tokens: every refusal, in both modes, before any cache or upstream look-up; the
//! README's minting examples; `mint-token`.

#[allow(dead_code)]
mod support;

use std::process::Command;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use loyalty_badge::{IdType, MemberId};
use loyalty_server::token::{unix_now, MemberAccess, MemberTokens};
use support::app::{
    get, get_with_token, proxy_app, proxy_config, sample_app_with, send, token_for, tokens, Reply,
    SECRET,
};
use support::binary::run_to_exit;
use support::readme::example;
use support::upstream::Upstream;

fn points(id: &str, id_type: Option<IdType>) -> String {
    let segment = MemberId::parse(id).unwrap().to_path_segment();
    match id_type {
        Some(t) => format!("/v2/users/{segment}/points?id_type={t}"),
        None => format!("/v2/users/{segment}/points"),
    }
}

fn refused(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.json()["error"], code, "{}", reply.body);
    assert!(reply.json()["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert_eq!(reply.header("content-type"), Some("application/json"));
}

/// Every way a token can be wrong, with the answer the design table gives.
async fn every_refusal(app: &Router, member: &str, id_type: IdType) {
    let target = points(member, Some(id_type));
    let good = token_for(id_type, member);

    refused(&get(app, &target).await, 401, "token_required");
    refused(
        &get_with_token(app, &target, "").await,
        401,
        "token_required",
    );
    refused(
        &get_with_token(app, &target, "   ").await,
        401,
        "token_required",
    );

    let (exp, sig) = good.split_once('.').unwrap();
    let padded = URL_SAFE.encode(URL_SAFE_NO_PAD.decode(sig).unwrap());
    let malformed = [
        "nonsense".to_owned(),
        "123".to_owned(),
        format!(".{sig}"),
        format!("{exp}."),
        format!("+{exp}.{sig}"),
        format!("{exp}.{sig}."),
        format!("{exp}.{padded}"),
        format!("{exp}.{}", &sig[..42]),
        format!("{exp}.{sig}A"),
        format!("{exp}.+{}", &sig[1..]),
        format!("{}.{sig}", "9".repeat(30)),
        format!("{exp} .{sig}"),
    ];
    for token in &malformed {
        refused(
            &get_with_token(app, &target, token).await,
            403,
            "token_invalid",
        );
    }
    let other_secret = MemberTokens::new(b"not-the-secret-0123456789-0123456789").unwrap();
    let later = unix_now() + 3600;
    let forged = [
        other_secret.mint(id_type, member, later),
        token_for(id_type, "someone-else@example.com"),
        token_for(
            if id_type == IdType::Username {
                IdType::Email
            } else {
                IdType::Username
            },
            member,
        ),
        // Same signature, another expiry.
        format!("{}.{sig}", exp.parse::<u64>().unwrap() + 1),
    ];
    for token in &forged {
        refused(
            &get_with_token(app, &target, token).await,
            403,
            "token_invalid",
        );
    }
    let two = Request::get(&target)
        .header("x-member-token", &good)
        .header("x-member-token", &good)
        .body(Body::empty())
        .unwrap();
    refused(&send(app, two).await, 403, "token_invalid");
    let not_text = Request::get(&target)
        .header(
            "x-member-token",
            axum::http::HeaderValue::from_bytes(b"\xff\xfe").unwrap(),
        )
        .body(Body::empty())
        .unwrap();
    refused(&send(app, not_text).await, 403, "token_invalid");

    let expired = tokens().mint(id_type, member, unix_now() - 60);
    refused(
        &get_with_token(app, &target, &expired).await,
        403,
        "token_expired",
    );
    let just_expired = tokens().mint(id_type, member, unix_now() - 2);
    let skew = get_with_token(app, &target, &just_expired).await;
    assert_ne!(skew.status, 403, "a few seconds of clock skew are allowed");

    let accepted = get_with_token(app, &target, &good).await;
    assert!(matches!(accepted.status, 200 | 404), "{}", accepted.body);
}

#[tokio::test]
async fn sample_mode_refuses_every_bad_token() {
    let app = sample_app_with(MemberAccess::Tokens(tokens()), "", None);
    every_refusal(&app, "alice@crowdtwist.com", IdType::Email).await;
    every_refusal(&app, "Zoë/東京#7 ?x", IdType::ThirdPartyId).await;
    let alice = get_with_token(
        &app,
        &points("alice@crowdtwist.com", Some(IdType::Email)),
        &token_for(IdType::Email, "alice@crowdtwist.com"),
    )
    .await;
    assert_eq!(alice.status, 200);
    assert_eq!(alice.json()["id"], 16);
    let nobody = get_with_token(
        &app,
        &points("nobody@example.com", Some(IdType::Email)),
        &token_for(IdType::Email, "nobody@example.com"),
    )
    .await;
    assert_eq!(
        nobody.status, 404,
        "with a valid token, not found is not found"
    );
}

#[tokio::test]
async fn proxy_mode_refuses_every_bad_token_before_the_cache_and_the_upstream() {
    let upstream = Upstream::start();
    let app = proxy_app(proxy_config(&upstream.base), MemberAccess::Tokens(tokens()));
    // An answer in the cache must not leak to a request without the right token either.
    let cached = get_with_token(
        &app,
        &points("alice@crowdtwist.com", Some(IdType::Email)),
        &token_for(IdType::Email, "alice@crowdtwist.com"),
    )
    .await;
    assert_eq!(cached.status, 200);
    assert_eq!(upstream.calls(), 1);
    every_refusal(&app, "alice@crowdtwist.com", IdType::Email).await;
    every_refusal(&app, "gone", IdType::Username).await;
    assert_eq!(
        upstream.calls(),
        2,
        "only the two accepted requests for new members went upstream"
    );
}

#[tokio::test]
async fn refusals_say_nothing_about_membership() {
    let upstream = Upstream::start();
    let app = proxy_app(proxy_config(&upstream.base), MemberAccess::Tokens(tokens()));
    let wrong = token_for(IdType::Email, "someone@example.com");
    let member = get_with_token(&app, &points("16", None), &wrong).await;
    let stranger = get_with_token(&app, &points("gone", None), &wrong).await;
    assert_eq!(
        (member.status, &member.body),
        (stranger.status, &stranger.body)
    );
    assert_eq!(upstream.calls(), 0);
}

#[tokio::test]
async fn a_token_for_id_is_good_for_a_request_without_id_type() {
    let app = sample_app_with(MemberAccess::Tokens(tokens()), "", None);
    let token = token_for(IdType::Id, "16");
    assert_eq!(
        get_with_token(&app, &points("16", None), &token)
            .await
            .status,
        200
    );
    assert_eq!(
        get_with_token(&app, &points("16", Some(IdType::Id)), &token)
            .await
            .status,
        200
    );
}

/// The members the README examples are run for: plain, e-mail, and the hardest third-party id.
const MINTED_FOR: [(&str, IdType); 3] = [
    ("16", IdType::Id),
    ("alice@crowdtwist.com", IdType::Email),
    ("Zoë/東京#7 ?x", IdType::ThirdPartyId),
];

/// Runs a README example with the test secret and the member in the environment; its output.
fn run_example(program: &str, args: &[&str], code: &str, member: &str, id_type: IdType) -> String {
    let output = Command::new(program)
        .args(args)
        .arg(code)
        .env("SECRET", SECRET)
        .env("USER_ID", member)
        .env("ID_TYPE", id_type.as_str())
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        output.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

async fn accepted_by_the_server(token: &str, member: &str, id_type: IdType) {
    let app = sample_app_with(MemberAccess::Tokens(tokens()), "", None);
    let reply = get_with_token(&app, &points(member, Some(id_type)), token).await;
    assert_eq!(reply.status, 200, "{member}: {token}: {}", reply.body);
    // And exactly the token loyalty-server mints for the same expiry.
    let exp: u64 = token.split_once('.').unwrap().0.parse().unwrap();
    assert_eq!(tokens().mint(id_type, member, exp), token);
    let ttl = exp.abs_diff(unix_now() + 3600);
    assert!(ttl <= 5, "an hour from now: {exp}");
}

#[tokio::test]
async fn the_readme_shell_example_mints_tokens_the_server_accepts() {
    let code = example("mint-token.sh");
    assert!(code.contains("openssl dgst -sha256 -hmac") && code.contains("basenc --base64url"));
    for (member, id_type) in MINTED_FOR {
        let token = run_example("bash", &["-euc"], &code, member, id_type);
        accepted_by_the_server(&token, member, id_type).await;
    }
}

#[tokio::test]
async fn the_readme_python_example_mints_tokens_the_server_accepts() {
    let code = example("mint-token.py");
    for (member, id_type) in MINTED_FOR {
        let token = run_example("python3", &["-c"], &code, member, id_type);
        accepted_by_the_server(&token, member, id_type).await;
    }
}

#[tokio::test]
async fn mint_token_prints_a_token_the_server_accepts() {
    for (member, id_type) in MINTED_FOR {
        let (status, stdout, stderr) = run_to_exit(
            &[
                "mint-token",
                "--secret-env",
                "LOYALTY_TEST_SECRET",
                "--user-id",
                member,
                "--id-type",
                id_type.as_str(),
            ],
            &[("LOYALTY_TEST_SECRET", SECRET)],
        );
        assert!(status.success(), "{stderr}");
        accepted_by_the_server(stdout.trim(), member, id_type).await;
    }
    let (status, stdout, _) = run_to_exit(
        &[
            "mint-token",
            "--secret-env",
            "S",
            "--user-id",
            "16",
            "--ttl",
            "60",
        ],
        &[("S", SECRET)],
    );
    assert!(status.success());
    let exp: u64 = stdout.trim().split_once('.').unwrap().0.parse().unwrap();
    assert!(exp.abs_diff(unix_now() + 60) <= 5);
    let app = sample_app_with(
        MemberAccess::Tokens(Arc::new(MemberTokens::new(SECRET.as_bytes()).unwrap())),
        "",
        None,
    );
    assert_eq!(
        get_with_token(&app, &points("16", None), stdout.trim())
            .await
            .status,
        200
    );
}

#[test]
fn mint_token_explains_what_is_wrong() {
    for (args, env, expected) in [
        (
            vec!["--user-id", "16"],
            vec![],
            "LOYALTY_UNSET_SECRET is not set",
        ),
        (
            vec!["--user-id", "16"],
            vec![("LOYALTY_UNSET_SECRET", "short")],
            "at least 32 bytes",
        ),
        (
            vec!["--user-id", ".."],
            vec![("LOYALTY_UNSET_SECRET", SECRET)],
            "--user-id",
        ),
        (
            vec!["--user-id", "16", "--id-type", "Email"],
            vec![("LOYALTY_UNSET_SECRET", SECRET)],
            "--id-type",
        ),
        (
            vec!["--user-id", "16", "--ttl", "0"],
            vec![("LOYALTY_UNSET_SECRET", SECRET)],
            "--ttl",
        ),
    ] {
        let mut all = vec!["mint-token", "--secret-env", "LOYALTY_UNSET_SECRET"];
        all.extend(args);
        let (status, stdout, stderr) = run_to_exit(&all, &env);
        assert!(!status.success(), "{all:?}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains(expected), "{all:?}: {stderr}");
    }
}
