//! The members of loyalty-server's built-in sample program worth trying, one per widget state.

use loyalty_badge::IdType;

/// A sample member: what it shows, and how to find it.
pub struct Sample {
    /// What the member demonstrates.
    pub label: &'static str,
    /// The member id.
    pub user_id: &'static str,
    /// Its id type.
    pub id_type: IdType,
}

/// The list shown on the demo page (server/data/sample-program.json has the members).
pub const SAMPLES: &[Sample] = &[
    Sample {
        label: "The API documentation's sample member",
        user_id: "alice@crowdtwist.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "300 entries over five years",
        user_id: "ben_long",
        id_type: IdType::Username,
    },
    Sample {
        label: "A phone number as the id",
        user_id: "+1 555 0100",
        id_type: IdType::MobilePhoneNumber,
    },
    Sample {
        label: "No activity yet",
        user_id: "new.member@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "Tens of millions of points",
        user_id: "whale@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "Several scripts, and strings that look like HTML",
        user_id: "Zoë/東京#7 ?x",
        id_type: IdType::ThirdPartyId,
    },
    Sample {
        label: "Tolerated variations and one malformed entry",
        user_id: "mixed@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "Answers after 3 seconds",
        user_id: "slow@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "Fails every other request (try Retry)",
        user_id: "flaky@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "Malformed JSON",
        user_id: "broken@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "A gateway's HTML 502 page",
        user_id: "gateway@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "Throttled (429, Retry-After)",
        user_id: "busy@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "Never answers (times out after 10 s)",
        user_id: "stalled@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "Not a member",
        user_id: "nobody@example.com",
        id_type: IdType::Email,
    },
    Sample {
        label: "An id the widget refuses",
        user_id: "..",
        id_type: IdType::Username,
    },
];
