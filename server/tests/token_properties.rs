//! Property tests of the member-token check: whatever the token and the member, never a panic,
//! never an accepted request without the right signature.
//!
//! A plain `main` (`harness = false` in Cargo.toml) so the cases run are printed in every test
//! log, `make test`'s included.

#[allow(dead_code)]
mod support;

use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use loyalty_badge::{IdType, MemberId};
use loyalty_server::token::{MemberAccess, MemberTokens, TokenError, CLOCK_SKEW_SECONDS};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use support::app::{get_with_token, sample_app_with, tokens};

/// Cases per property; the sum is printed.
const ANY_TOKEN: u32 = 45_000;
const ALTERED: u32 = 25_000;
const OTHER_MEMBER: u32 = 20_000;
const EXPIRY: u32 = 10_000;
const THROUGH_THE_ROUTER: u32 = 3_000;

/// A fixed "now" for the pure properties.
const NOW: u64 = 1_800_000_000;

/// The base64url alphabet.
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static CASES: AtomicU64 = AtomicU64::new(0);

// The strategies build strings from small vectors rather than regexes: in a debug build a
// regex strategy costs about 300 µs a value, this about 40 µs, which keeps the suite short.

fn id_type() -> impl Strategy<Value = IdType> {
    prop::sample::select(IdType::ALL.to_vec())
}

fn text(
    chars: impl Strategy<Value = char>,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = String> {
    prop::collection::vec(chars, len).prop_map(|chars| chars.into_iter().collect())
}

/// Any text as member id, and the ids that matter most: e-mail-like, with separators and
/// spaces, non-ASCII.
fn member_id() -> impl Strategy<Value = String> {
    prop_oneof![
        text(any::<char>(), 0..24),
        text(prop::char::range(' ', '~'), 1..24),
        (
            text(prop::char::range('a', 'z'), 1..12),
            text(prop::char::range('a', 'z'), 1..8)
        )
            .prop_map(|(user, host)| format!("{user}+x@{host}.example")),
        text(prop::char::range('\u{80}', '\u{10FFFF}'), 1..8),
    ]
}

/// Any text as token, and text shaped like a token: digits, a dot, a base64url signature of
/// the right length or not.
fn token_text() -> impl Strategy<Value = String> {
    let digits = || text(prop::char::range('0', '9'), 0..22);
    let signature = any::<[u8; 32]>().prop_map(|bytes| URL_SAFE_NO_PAD.encode(bytes));
    let loose = prop::collection::vec(0..BASE64URL.len(), 0..50).prop_map(|picks| {
        picks
            .into_iter()
            .map(|i| char::from(BASE64URL[i]))
            .collect::<String>()
    });
    prop_oneof![
        text(any::<char>(), 0..60),
        text(prop::char::range(' ', '~'), 0..60),
        (digits(), signature).prop_map(|(exp, sig)| format!("{exp}.{sig}")),
        (digits(), loose).prop_map(|(exp, sig)| format!("{exp}.{sig}")),
    ]
}

fn run<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> bool {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let counted = |value| {
        CASES.fetch_add(1, Ordering::Relaxed);
        test(value)
    };
    match runner.run(&strategy, counted) {
        Ok(()) => {
            println!(
                "token property: {name}: {cases} cases passed ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
            true
        }
        Err(error) => {
            println!("token property: {name}: FAILED: {error}");
            false
        }
    }
}

fn main() -> ExitCode {
    let tokens = tokens();
    // Two cores: the properties run on three threads.
    let passed = std::thread::scope(|scope| {
        let first = scope.spawn(|| any_string_is_refused(&tokens) & expiry(&tokens));
        let second = scope.spawn(|| altered_is_refused(&tokens) & other_member_is_refused(&tokens));
        let third = through_the_router(&tokens);
        first.join().unwrap_or(false) & second.join().unwrap_or(false) & third
    });
    let planned = u64::from(ANY_TOKEN + ALTERED + OTHER_MEMBER + EXPIRY + THROUGH_THE_ROUTER);
    let generated = CASES.load(Ordering::Relaxed);
    if passed {
        println!(
            "token properties: {planned} cases passed in total ({generated} generated, some set \
             aside by assumptions)"
        );
    } else {
        println!("token properties: FAILED ({generated} cases generated)");
    }
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn any_string_is_refused(tokens: &MemberTokens) -> bool {
    run(
        "any string is refused for any member",
        ANY_TOKEN,
        (token_text(), member_id(), id_type()),
        |(token, member, id_type)| {
            let verdict = tokens.verify(&token, id_type, &member, NOW);
            prop_assert!(verdict.is_err(), "accepted {token:?} for {member:?}");
            Ok(())
        },
    )
}

fn altered_is_refused(tokens: &MemberTokens) -> bool {
    run(
        "a valid token with one character changed is refused",
        ALTERED,
        (
            member_id(),
            id_type(),
            any::<prop::sample::Index>(),
            any::<char>(),
        ),
        |(member, id_type, position, replacement)| {
            let token = tokens.mint(id_type, &member, NOW + 600);
            let mut chars: Vec<char> = token.chars().collect();
            let at = position.index(chars.len());
            prop_assume!(chars[at] != replacement);
            chars[at] = replacement;
            let altered: String = chars.into_iter().collect();
            prop_assert!(tokens.verify(&altered, id_type, &member, NOW).is_err());
            Ok(())
        },
    )
}

fn other_member_is_refused(tokens: &MemberTokens) -> bool {
    let foreign = MemberTokens::new(b"another-secret-0123456789-0123456789").unwrap();
    run(
        "a token for one member or id type, or from another secret, is refused",
        OTHER_MEMBER,
        (member_id(), id_type(), member_id(), id_type()),
        |(member, id_type, other, other_type)| {
            prop_assume!(member != other || id_type != other_type);
            let token = tokens.mint(id_type, &member, NOW + 600);
            prop_assert_eq!(
                tokens.verify(&token, other_type, &other, NOW),
                Err(TokenError::Invalid)
            );
            let forged = foreign.mint(id_type, &member, NOW + 600);
            prop_assert_eq!(
                tokens.verify(&forged, id_type, &member, NOW),
                Err(TokenError::Invalid)
            );
            Ok(())
        },
    )
}

fn expiry(tokens: &MemberTokens) -> bool {
    run(
        "a valid token is accepted until its expiry, within the skew",
        EXPIRY,
        (member_id(), id_type(), 0u64..4_000_000_000, -100i64..100),
        |(member, id_type, exp, offset)| {
            let token = tokens.mint(id_type, &member, exp);
            let now = exp.saturating_add_signed(offset);
            let expected = if now > exp + CLOCK_SKEW_SECONDS {
                Err(TokenError::Expired)
            } else {
                Ok(())
            };
            prop_assert_eq!(tokens.verify(&token, id_type, &member, now), expected);
            // The signature is checked first: an expired forgery is invalid, not expired.
            let (exp_text, sig) = token.split_once('.').unwrap();
            let mut forged = URL_SAFE_NO_PAD.decode(sig).unwrap();
            forged[0] ^= 1;
            let forged = format!("{exp_text}.{}", URL_SAFE_NO_PAD.encode(forged));
            prop_assert_eq!(
                tokens.verify(&forged, id_type, &member, now),
                Err(TokenError::Invalid)
            );
            Ok(())
        },
    )
}

fn through_the_router(tokens: &Arc<MemberTokens>) -> bool {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = sample_app_with(MemberAccess::Tokens(Arc::clone(tokens)), "", None);
    let header_bytes =
        prop::collection::vec(prop_oneof![0x20u8..0x7f, Just(b'\t'), 0x80u8..=0xff], 0..80);
    run(
        "through the router, any header for any member is never a 200",
        THROUGH_THE_ROUTER,
        (header_bytes, member_id(), id_type()),
        |(header, member, id_type)| {
            let segment = match MemberId::parse(&member) {
                Ok(id) => id.to_path_segment(),
                Err(_) => member.bytes().map(|b| format!("%{b:02X}")).collect(),
            };
            let target = format!("/v2/users/{segment}/points?id_type={id_type}");
            let header = String::from_utf8_lossy(&header).into_owned();
            let reply = runtime.block_on(get_with_token(&app, &target, &header));
            prop_assert!(
                matches!(reply.status, 400 | 401 | 403),
                "{} for {target} with {header:?}",
                reply.status
            );
            Ok(())
        },
    )
}
