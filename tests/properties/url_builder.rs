//! The URL builder: any member id is refused, or reaches the server as exactly that id.

use loyalty_badge::{Endpoint, IdType, PointsRequest};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use url::Url;

use crate::native::run;
use crate::strategies::{text, tricky_char};

const URL_BUILDER: u32 = 30_000;

/// Member ids: any text, and the ids that matter most (e-mail-like, with `/ ? # % +`, spaces,
/// dots, non-ASCII, right-to-left and zero-width marks, near and over the length limit).
fn member_id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => text(tricky_char(), 0..24),
        2 => text(prop::sample::select(vec![
            'a', 'Z', '0', '.', '/', '\\', '?', '#', '%', '+', ' ', '@', '&', '=', ';', ':', '~',
            '\'', '"', '<', '>', '[', ']', '{', '}', '|', '^', '`', 'é', '東', '\u{202e}',
            '\u{200b}',
        ]), 0..16),
        1 => prop::sample::select(vec![
            ".", "..", "...", "%2e%2e", "%2E.", "./", "/..", " ", "\u{a0}", "a\u{0}b", "x\ny",
        ]).prop_map(str::to_owned),
        1 => (500usize..530, tricky_char()).prop_map(|(n, c)| std::iter::repeat_n(c, n).collect()),
    ]
}

/// Endpoints: the usual proxy paths and origins, CrowdTwist's hosts, and any text.
fn endpoint() -> impl Strategy<Value = (String, Option<String>)> {
    let base = prop_oneof![
        3 => prop::sample::select(vec![
            "", "/", "/loyalty", "/loyalty/", "/a/b/c", "/a/%2e%2e/b", "/a/../b", "/~x@y",
            "https://sb-api123.crowdtwist.com", "http://127.0.0.1:8787", "https://shop.example/p/",
            "http://[::1]:9/x", "//evil.example", "javascript:alert(1)", "ftp://x", "/a?b",
            "/a#b", "https://xn--bcher-kva.example", "https://bücher.example",
        ]).prop_map(str::to_owned),
        1 => text(tricky_char(), 0..16),
        1 => text(tricky_char(), 0..16).prop_map(|tail| format!("/{tail}")),
    ];
    let api_key = prop::option::of(text(tricky_char(), 0..20));
    (base, api_key)
}

fn id_type() -> impl Strategy<Value = Option<IdType>> {
    prop::option::of(prop::sample::select(IdType::ALL.to_vec()))
}

/// Why `id` must be refused, if it must.
fn must_refuse(id: &str) -> bool {
    id.trim().is_empty()
        || id == "."
        || id == ".."
        || id.chars().any(char::is_control)
        || id.len() > 512
}

pub fn any_member_id_is_refused_or_sent_exactly() -> bool {
    let page = Url::parse("https://shop.example/account/profile?tab=points").ok();
    run(
        "any member id is refused, or reaches the server as exactly that id",
        URL_BUILDER,
        (member_id(), id_type(), endpoint()),
        |(id, id_type, (base, api_key))| {
            let Some(page) = &page else {
                return Err(TestCaseError::fail("the page URL parses"));
            };
            let mut endpoint = Endpoint::proxy(base.clone());
            if let Some(key) = &api_key {
                endpoint = endpoint.with_api_key(key.clone());
            }
            let request = match PointsRequest::new(&id, id_type, endpoint) {
                Err(refused) => {
                    // A refused id is one the rules refuse (or the endpoint was refused).
                    let endpoint_refused =
                        PointsRequest::new("x", id_type, Endpoint::proxy(base)).is_err();
                    prop_assert!(
                        must_refuse(&id) || endpoint_refused,
                        "{id:?} was refused: {refused}"
                    );
                    return Ok(());
                }
                Ok(request) => request,
            };
            prop_assert!(!must_refuse(&id), "{id:?} was accepted");
            // The browser resolves the URL against the page, as fetch does.
            let url = page.join(&request.url());
            let url = url.map_err(|e| TestCaseError::fail(format!("{e}: {}", request.url())))?;
            prop_assert!(matches!(url.scheme(), "http" | "https"));
            prop_assert_eq!(url.fragment(), None);
            let segments: Vec<&str> = url
                .path_segments()
                .map(Iterator::collect)
                .unwrap_or_default();
            let tail = segments
                .len()
                .checked_sub(4)
                .and_then(|at| segments.get(at..));
            let Some([v2, users, member, points]) = tail else {
                return Err(TestCaseError::fail(format!("path of {url}")));
            };
            prop_assert_eq!((*v2, *users, *points), ("v2", "users", "points"), "{}", url);
            let decoded = percent_decode_str(member).decode_utf8();
            prop_assert_eq!(decoded.as_deref().ok(), Some(id.as_str()), "{}", url);
            let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
            let expected: Vec<(String, String)> = api_key
                .filter(|k| !k.is_empty())
                .map(|k| ("api_key".to_owned(), k))
                .into_iter()
                .chain(id_type.map(|t| ("id_type".to_owned(), t.as_str().to_owned())))
                .collect();
            prop_assert_eq!(query, expected);
            Ok(())
        },
    )
}
