//! Id types, member ids, endpoints and request URLs (native, no browser).
#![cfg(not(target_arch = "wasm32"))]

use loyalty_badge::api::endpoint::EndpointError;
use loyalty_badge::api::member_id::{MemberIdError, MAX_MEMBER_ID_BYTES};
use loyalty_badge::api::name::UnknownName;
use loyalty_badge::api::text::NameSet;
use loyalty_badge::{Endpoint, IdType, InvalidInput, MemberId, PointsError, PointsRequest};

/// Percent-decodes a path segment the way a server does.
fn decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&segment[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn url(user_id: &str, id_type: Option<IdType>, endpoint: Endpoint) -> String {
    PointsRequest::new(user_id, id_type, endpoint)
        .unwrap()
        .url()
}

#[test]
fn id_types_use_their_wire_names() {
    let names: Vec<_> = IdType::ALL.iter().map(|t| t.as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "email",
            "username",
            "third_party_id",
            "facebook_user_id",
            "twitter_user_id",
            "mobile_phone_number"
        ]
    );
    for &id_type in IdType::ALL {
        assert_eq!(id_type.as_str().parse::<IdType>(), Ok(id_type));
        assert_eq!(id_type.to_string(), id_type.as_str());
    }
}

#[test]
fn id_types_parse_strictly_and_list_the_valid_names() {
    for bad in ["", "Email", " email", "e-mail", "phone", "id_type"] {
        let error = bad.parse::<IdType>().unwrap_err();
        assert_eq!(
            error,
            UnknownName {
                set: NameSet::IdType,
                given: bad.to_owned(),
                allowed: IdType::NAMES
            }
        );
        let message = error.to_string();
        assert!(
            message.contains("id, email, username, third_party_id, facebook_user_id, twitter_user_id, mobile_phone_number"),
            "{message}"
        );
    }
}

#[test]
fn refused_id_type_echo_is_short_and_escaped() {
    let message = "x\n<b>"
        .repeat(50)
        .parse::<IdType>()
        .unwrap_err()
        .to_string();
    assert!(!message.contains('\n'), "{message}");
    assert!(message.contains('…'), "{message}");
    assert!(message.len() < 400, "{message}");
}

#[test]
fn seed_sample_request_url() {
    let endpoint = Endpoint::crowdtwist("", "").map(|_| ()).unwrap_err();
    assert_eq!(endpoint, EndpointError::ClientId);
    let production = Endpoint::crowdtwist("", "123").unwrap();
    assert_eq!(
        url(
            "alice@crowdtwist.com",
            Some(IdType::Email),
            production.with_api_key("QWERTYUIOP")
        ),
        "https://api123.crowdtwist.com/v2/users/alice@crowdtwist.com/points?api_key=QWERTYUIOP&id_type=email"
    );
}

#[test]
fn crowdtwist_environments_build_hosts_exactly() {
    for (environment, host) in [
        ("sb-", "https://sb-api42.crowdtwist.com"),
        ("sb2-", "https://sb2-api42.crowdtwist.com"),
        ("de-", "https://de-api42.crowdtwist.com"),
        ("us2-", "https://us2-api42.crowdtwist.com"),
    ] {
        assert_eq!(
            url("16", None, Endpoint::crowdtwist(environment, "42").unwrap()),
            format!("{host}/v2/users/16/points")
        );
    }
    for (environment, client_id) in [
        ("evil.com/", "1"),
        ("sb-", "1.evil.com#"),
        ("sb-", ""),
        ("a b", "1"),
    ] {
        assert!(
            Endpoint::crowdtwist(environment, client_id).is_err(),
            "{environment:?} {client_id:?}"
        );
    }
}

#[test]
fn proxy_paths_origins_and_the_page_origin() {
    assert_eq!(
        url("16", None, Endpoint::proxy("/loyalty")),
        "/loyalty/v2/users/16/points"
    );
    assert_eq!(
        url("16", None, Endpoint::proxy("/loyalty/")),
        "/loyalty/v2/users/16/points"
    );
    assert_eq!(url("16", None, Endpoint::default()), "/v2/users/16/points");
    assert_eq!(
        url(
            "16",
            Some(IdType::Id),
            Endpoint::proxy("https://sb-api123.crowdtwist.com")
        ),
        "https://sb-api123.crowdtwist.com/v2/users/16/points?id_type=id"
    );
}

#[test]
fn unusable_endpoints_are_refused_before_any_request() {
    for (base, why) in [
        ("/loyalty?x=1", EndpointError::QueryOrFragment),
        ("/loyalty#frag", EndpointError::QueryOrFragment),
        (
            "https://example.com/loyalty?",
            EndpointError::QueryOrFragment,
        ),
        ("loyalty", EndpointError::NotPathOrHttp),
        ("//evil.example", EndpointError::NotPathOrHttp),
        ("javascript:alert(1)", EndpointError::NotPathOrHttp),
        ("ftp://example.com", EndpointError::NotPathOrHttp),
        ("https://", EndpointError::NotPathOrHttp),
        ("/a b", EndpointError::Whitespace),
        ("https://bücher.example", EndpointError::NonAsciiHost),
        ("https://example.com/\tx", EndpointError::Whitespace),
        ("/\\evil.example", EndpointError::NotPathOrHttp),
        (
            "https://user:secret@example.com",
            EndpointError::NotPathOrHttp,
        ),
        ("https://example.com:65536", EndpointError::NotPathOrHttp),
        ("https://example.com:80x", EndpointError::NotPathOrHttp),
        ("https://exa<mple.com", EndpointError::NotPathOrHttp),
        ("https://[::1", EndpointError::NotPathOrHttp),
        ("https:example.com", EndpointError::NotPathOrHttp),
        ("https://bücher.example/x?y", EndpointError::NonAsciiHost),
        ("https://example.com#top", EndpointError::QueryOrFragment),
    ] {
        let error = PointsRequest::new("16", None, Endpoint::proxy(base)).unwrap_err();
        assert_eq!(error, InvalidInput::Endpoint(why), "{base:?}");
    }
    for base in [
        "",
        "/loyalty",
        "/loyalty%20x",
        "https://sb-api1.crowdtwist.com",
        "http://127.0.0.1:8787/x",
        "https://xn--bcher-kva.example",
        "HTTPS://Example.COM:8443/Loyalty",
        "http://[::1]:8787",
        "http://localhost:/x",
        "/a\\b/é",
    ] {
        assert!(
            PointsRequest::new("16", None, Endpoint::proxy(base)).is_ok(),
            "{base:?}"
        );
    }
}

#[test]
fn member_ids_arrive_as_exactly_one_segment() {
    for id in [
        "alice+promo@example.com",
        "a/b",
        "x?y#z",
        "Zoë",
        "+1 555 0100",
        "100%",
        "Zoë/東京#7 ?x",
        "a..b",
        "...",
        "..a",
        "emoji 🎉",
        "semi;colon,comma&amp=eq",
    ] {
        let url = url(id, Some(IdType::ThirdPartyId), Endpoint::proxy("/loyalty"));
        let segment = url
            .strip_prefix("/loyalty/v2/users/")
            .and_then(|rest| rest.strip_suffix("/points?id_type=third_party_id"))
            .unwrap_or_else(|| panic!("{url}"));
        assert!(
            !segment.contains(['/', '?', '#', ' ', '+']),
            "{id:?} → {segment}"
        );
        assert!(segment.is_ascii(), "{id:?} → {segment}");
        assert_eq!(decode(segment), id, "{id:?} → {segment}");
    }
    assert_eq!(
        MemberId::parse("alice+promo@example.com")
            .unwrap()
            .to_path_segment(),
        "alice%2Bpromo@example.com"
    );
    assert_eq!(
        MemberId::parse("+1 555 0100").unwrap().to_path_segment(),
        "%2B1%20555%200100"
    );
    assert_eq!(
        MemberId::parse("Zoë").unwrap().to_path_segment(),
        "Zo%C3%AB"
    );
}

#[test]
fn bad_member_ids_are_refused_with_a_clear_message() {
    let refused = |id: &str| match PointsRequest::new(id, None, Endpoint::default()) {
        Err(InvalidInput::MemberId(error)) => error,
        other => panic!("{id:?}: {other:?}"),
    };
    assert_eq!(refused(""), MemberIdError::Empty);
    assert_eq!(refused("   "), MemberIdError::Empty);
    assert_eq!(refused("."), MemberIdError::DotSegment("."));
    assert_eq!(refused(".."), MemberIdError::DotSegment(".."));
    assert_eq!(refused("a\nb"), MemberIdError::ControlCharacter);
    assert_eq!(refused("nul\0"), MemberIdError::ControlCharacter);
    assert_eq!(refused("tab\t"), MemberIdError::ControlCharacter);
    assert_eq!(refused("del\u{7f}"), MemberIdError::ControlCharacter);
    assert_eq!(refused("c1\u{85}"), MemberIdError::ControlCharacter);
    let long = "é".repeat(MAX_MEMBER_ID_BYTES / 2 + 1);
    assert_eq!(
        refused(&long),
        MemberIdError::TooLong(MAX_MEMBER_ID_BYTES + 2)
    );
    assert!(
        PointsRequest::new(&"a".repeat(MAX_MEMBER_ID_BYTES), None, Endpoint::default()).is_ok()
    );

    assert_eq!(refused("").to_string(), "No member id was given.");
    assert_eq!(
        refused("..").to_string(),
        "“..” cannot be used as a member id."
    );
    assert_eq!(
        refused(&long).to_string(),
        "The member id is too long (514 bytes; at most 512)."
    );
    let error = PointsError::from(InvalidInput::from(refused(".")));
    assert_eq!(error.kind().as_str(), "invalid-input");
    assert!(!error.retryable());
    assert_eq!(error.status(), None);
}

#[test]
fn api_key_is_encoded_and_never_in_debug_output() {
    let endpoint = Endpoint::proxy("/loyalty").with_api_key("k&y=1 2");
    let request = PointsRequest::new("16", Some(IdType::Id), endpoint.clone()).unwrap();
    assert_eq!(
        request.url(),
        "/loyalty/v2/users/16/points?api_key=k%26y%3D1%202&id_type=id"
    );
    for debug in [format!("{endpoint:?}"), format!("{request:?}")] {
        assert!(!debug.contains("k&y"), "{debug}");
        assert!(debug.contains("redacted"), "{debug}");
    }
    assert_eq!(
        url("16", None, Endpoint::proxy("/x").with_api_key("")),
        "/x/v2/users/16/points",
        "an empty key is no key"
    );
    assert_eq!(
        url("16", None, Endpoint::proxy("/x").with_api_key("é~-._")),
        "/x/v2/users/16/points?api_key=%C3%A9~-._"
    );
}
