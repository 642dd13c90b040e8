//! The badge's words: one table, looked up by message id; refused inputs echoed safely; one
//! design for unknown names (native, no browser).
#![cfg(not(target_arch = "wasm32"))]

use loyalty_badge::api::name::UnknownName;
use loyalty_badge::api::text::{Echo, Message, NameSet, MAX_ECHO_CHARS};
use loyalty_badge::{IdType, Theme, Variant};

#[test]
fn every_id_type_has_a_label() {
    let labels: Vec<_> = IdType::ALL.iter().map(|t| t.label().to_string()).collect();
    assert_eq!(
        labels,
        [
            "CrowdTwist id",
            "E-mail address",
            "Username",
            "Third-party id",
            "Facebook user id",
            "Twitter user id",
            "Mobile phone number"
        ]
    );
}

#[test]
fn id_types_serialise_as_their_wire_names() {
    for &id_type in IdType::ALL {
        let json = serde_json::to_string(&id_type).unwrap();
        assert_eq!(json, format!("\"{id_type}\""));
        assert_eq!(serde_json::from_str::<IdType>(&json).unwrap(), id_type);
    }
}

#[test]
fn echo_is_short_and_escaped() {
    assert_eq!(Echo("login_name").to_string(), "login_name");
    assert_eq!(Echo("a\nb\u{0}").to_string(), "a\\u{a}b\\u{0}");
    let exactly = "x".repeat(MAX_ECHO_CHARS);
    assert_eq!(Echo(&exactly).to_string(), exactly);
    let longer = "é".repeat(MAX_ECHO_CHARS + 1);
    assert_eq!(
        Echo(&longer).to_string(),
        format!("{}…", "é".repeat(MAX_ECHO_CHARS))
    );
}

#[test]
fn unknown_names_share_one_design() {
    let id_type = "login_name".parse::<IdType>().unwrap_err();
    let variant = "huge".parse::<Variant>().unwrap_err();
    let theme = "Dark".parse::<Theme>().unwrap_err();
    let cases: [(UnknownName, NameSet, &str); 3] = [
        (
            id_type,
            NameSet::IdType,
            "“login_name” is not a known id type. Use one of: id, email, username, \
             third_party_id, facebook_user_id, twitter_user_id, mobile_phone_number.",
        ),
        (
            variant,
            NameSet::Variant,
            "“huge” is not a known variant. Use one of: full, compact.",
        ),
        (
            theme,
            NameSet::Theme,
            "“Dark” is not a known theme. Use one of: light, dark, auto.",
        ),
    ];
    for (error, set, message) in cases {
        assert_eq!(error.set, set);
        assert_eq!(error.to_string(), message);
    }
    assert_eq!("compact".parse::<Variant>(), Ok(Variant::Compact));
    assert_eq!("auto".parse::<Theme>(), Ok(Theme::Auto));
}

#[test]
fn messages_are_sentences_in_one_table() {
    let samples = [
        (Message::ShowMore { count: 3 }, "Show 3 more"),
        (
            Message::UnreadableEntries { count: 1 },
            "1 entry could not be shown.",
        ),
        (
            Message::UnreadableEntries { count: 2 },
            "2 entries could not be shown.",
        ),
        (
            Message::TooSlow { seconds: 10 },
            "The loyalty service took too long to answer (over 10 seconds).",
        ),
        (
            Message::HttpBusy { seconds: None },
            "The loyalty service is busy (HTTP 429). Try again shortly.",
        ),
        (
            Message::EndpointQueryOrFragment,
            "The loyalty service address is not usable: it must not contain '?' or '#'",
        ),
    ];
    for (message, english) in samples {
        assert_eq!(message.to_string(), english);
    }
}
