//! Epoch seconds to and from ISO 8601 (native, no browser).
#![cfg(not(target_arch = "wasm32"))]

use loyalty_badge::Timestamp;

fn iso(seconds: i64) -> String {
    Timestamp::from_epoch_seconds(seconds).unwrap().to_iso8601()
}

#[test]
fn formats_epoch_seconds_as_utc_instants() {
    assert_eq!(iso(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso(1_460_793_600), "2016-04-16T08:00:00Z");
    assert_eq!(iso(1_425_404_945), "2015-03-03T17:49:05Z");
    assert_eq!(iso(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(iso(-1), "1969-12-31T23:59:59Z");
    assert_eq!(iso(-86_400), "1969-12-31T00:00:00Z");
    assert_eq!(iso(-2_208_988_800), "1900-01-01T00:00:00Z");
    assert_eq!(iso(-62_135_596_800), "0001-01-01T00:00:00Z");
    assert_eq!(iso(4_102_444_800), "2100-01-01T00:00:00Z");
    assert_eq!(iso(253_402_300_799), "9999-12-31T23:59:59Z");
    assert_eq!(iso(253_402_300_800), "+010000-01-01T00:00:00Z");
    assert_eq!(iso(-62_167_219_201), "-000001-12-31T23:59:59Z");
}

#[test]
fn the_browser_date_range_is_the_limit() {
    assert_eq!(iso(8_640_000_000_000), "+275760-09-13T00:00:00Z");
    assert_eq!(iso(-8_640_000_000_000), "-271821-04-20T00:00:00Z");
    assert_eq!(Timestamp::from_epoch_seconds(8_640_000_000_001), None);
    assert_eq!(Timestamp::from_epoch_seconds(i64::MIN), None);
    assert_eq!(Timestamp::from_epoch_seconds(i64::MAX), None);
}

#[test]
fn parses_iso_8601_and_rfc_3339() {
    let seconds = |text: &str| {
        Timestamp::parse_iso8601(text)
            .unwrap_or_else(|| panic!("{text}"))
            .epoch_seconds()
    };
    assert_eq!(seconds("2016-04-16T08:00:00Z"), 1_460_793_600);
    assert_eq!(seconds("2016-04-16t08:00:00z"), 1_460_793_600);
    assert_eq!(seconds("2016-04-16 08:00:00"), 1_460_793_600);
    assert_eq!(seconds("2016-04-16T08:00"), 1_460_793_600);
    assert_eq!(seconds("2016-04-16T08:00:00.999Z"), 1_460_793_600);
    assert_eq!(seconds("2016-04-16T08:00:00,5Z"), 1_460_793_600);
    assert_eq!(seconds("2016-04-16T10:00:00+02:00"), 1_460_793_600);
    assert_eq!(seconds("2016-04-16T03:30:00-0430"), 1_460_793_600);
    assert_eq!(seconds("2016-04-16T09:00:00+01"), 1_460_793_600);
    assert_eq!(seconds("2016-12-31T23:59:60Z"), 1_483_228_799);
    assert_eq!(seconds("+010000-01-01T00:00:00Z"), 253_402_300_800);
    assert_eq!(seconds("1969-12-31T23:59:59Z"), -1);
}

#[test]
fn a_date_without_time_stays_a_calendar_date() {
    let date = Timestamp::parse_iso8601("2016-04-16").unwrap();
    assert!(date.is_date_only());
    assert_eq!(date.epoch_seconds(), 1_460_764_800);
    assert_eq!(date.to_iso8601(), "2016-04-16");
    assert!(!Timestamp::from_epoch_seconds(0).unwrap().is_date_only());
}

#[test]
fn refuses_what_is_not_a_valid_instant() {
    for text in [
        "",
        "yesterday",
        "2016-02-30",
        "2015-02-29",
        "2016-13-01",
        "2016-00-10",
        "2016-04-16T24:00:00Z",
        "2016-04-16T08:60:00Z",
        "2016-04-16T08:00:00+24:00",
        "2016-04-16T08:00:00 UTC",
        "16-04-2016",
        "2016/04/16",
        "2016-4-16",
        "2016-04-16T8:00:00Z",
        "2016-04-16T08:00:00.Z",
        "2016-04-16X08:00:00Z",
        "+999999-12-31T00:00:00Z",
    ] {
        assert_eq!(Timestamp::parse_iso8601(text), None, "{text}");
    }
}

#[test]
fn formatting_and_parsing_round_trip() {
    let mut seconds = -8_640_000_000_000_i64;
    while seconds <= 8_640_000_000_000 {
        let text = iso(seconds);
        assert_eq!(
            Timestamp::parse_iso8601(&text).map(Timestamp::epoch_seconds),
            Some(seconds),
            "{text}"
        );
        seconds += 7_777_777_777;
    }
}
