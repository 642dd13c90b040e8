//! English: the badge's first language, and the fallback for every language without a catalog.

use super::PluralCategory::{One, Other};
use super::{Catalog, Plural, Quotes};

pub(super) static CATALOG: Catalog = Catalog {
    tag: "en",
    name: "English",
    right_to_left: false,
    plural_categories: &[One, Other],
    quotes: Quotes {
        open: "“",
        close: "”",
    },
    list_separator: ", ",

    widget_label: "Loyalty points",
    total_points: "Total points",
    redeemable_points: "Redeemable points",
    fan_level: "Fan level",
    no_fan_level: "None yet",
    history: "Points history",
    no_activity: "No points activity yet.",
    date_unknown: "Date unknown",
    loading: "Loading points…",
    updating: "Updating…",
    retry: "Try again",
    show_more: Plural::any("Show {count} more"),
    unreadable_entries: Plural::other("{count} entries could not be shown.")
        .one("{count} entry could not be shown."),
    redeemable_count: Plural::other("{count} redeemable points").one("{count} redeemable point"),
    points_summary: Plural::other("{redeemable} redeemable points of {total} total.")
        .one("{redeemable} redeemable point of {total} total."),
    fan_level_is: "Fan level: {level}.",
    earned: Plural::other("earned {count} points").one("earned {count} point"),
    spent: Plural::other("spent {count} points").one("spent {count} point"),

    id_type_id: "CrowdTwist id",
    id_type_email: "E-mail address",
    id_type_username: "Username",
    id_type_third_party_id: "Third-party id",
    id_type_facebook_user_id: "Facebook user id",
    id_type_twitter_user_id: "Twitter user id",
    id_type_mobile_phone_number: "Mobile phone number",

    no_member_id: "No member id was given.",
    dot_segment: "{id} cannot be used as a member id.",
    control_character: "The member id contains a control character.",
    member_id_too_long: "The member id is too long ({bytes} bytes; at most {max}).",
    unknown_id_type: "{given} is not a known id type. Use one of: {allowed}.",
    unknown_variant: "{given} is not a known variant. Use one of: {allowed}.",
    unknown_theme: "{given} is not a known theme. Use one of: {allowed}.",
    unusable_address: "The loyalty service address is not usable: {reason}",
    bad_environment: "the environment may only hold letters, digits and '-'",
    bad_client_id: "the client id must be letters, digits and '-'",
    endpoint_whitespace: "it contains spaces or control characters",
    endpoint_query_or_fragment: "it must not contain '?' or '#'",
    endpoint_not_path_or_http: "use a path starting with '/' or an http(s):// address",
    endpoint_non_ascii_host: "write a host name with non-ASCII letters in its xn-- form",

    not_found: "No loyalty account was found for this member.",
    not_allowed: "You are not allowed to see these points. Reload the page and sign in again.",
    sign_in_expired: "Your sign-in has expired. Reload the page to see these points.",
    refused: "The loyalty service refused the request: {what}",
    busy_for: Plural::any("The loyalty service is busy ({what}). Try again in {seconds} s."),
    http_busy_for: Plural::any("The loyalty service is busy (HTTP 429). Try again in {seconds} s."),
    http_busy: "The loyalty service is busy (HTTP 429). Try again shortly.",
    unavailable: "The loyalty service is unavailable right now (HTTP {status}).",
    http_error: "The loyalty service answered with an error (HTTP {status}).",
    unreachable: "The loyalty service could not be reached. Check your connection and try again.",
    too_slow: Plural::other(
        "The loyalty service took too long to answer (over {seconds} seconds).",
    )
    .one("The loyalty service took too long to answer (over {seconds} second)."),
    unreadable: "The loyalty service sent an answer that could not be read ({detail}).",

    retry_waiting: Plural::any("Trying again in {seconds} s…"),
    retrying: "Trying again…",
    maybe_outdated: "These figures may be out of date.",
    widget_stopped: "The points widget stopped; reload the page.",
};
