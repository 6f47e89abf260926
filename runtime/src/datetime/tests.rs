//! Tests of `datetime`.

use super::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Session {
    #[serde(with = "crate::datetime")]
    expires: DateTime<Utc>,
    #[serde(
        default,
        with = "crate::datetime",
        skip_serializing_if = "Option::is_none"
    )]
    seen: Option<DateTime<Utc>>,
}

#[test]
fn a_naive_date_time_a_python_server_sends_is_utc_and_written_back_as_sent() {
    // LNbits' invoice `expiry`, as a FastAPI server writes a naive datetime.
    let t: LenientDateTime = serde_json::from_str("\"2026-12-05T12:03:12\"").unwrap();
    let utc: DateTime<Utc> = "2026-12-05T12:03:12Z".parse().unwrap();
    assert_eq!(t, utc);
    assert_eq!(t.timestamp(), utc.timestamp(), "derefs to the instant");
    assert_eq!(t.offset(), None);
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        "\"2026-12-05T12:03:12\""
    );
    let t: LenientDateTime = serde_json::from_str("\"2026-12-05T12:03:12.123456+01:00\"").unwrap();
    assert_eq!(
        *t,
        utc - chrono::TimeDelta::hours(1) + chrono::TimeDelta::microseconds(123456)
    );
    assert_eq!(t.to_string(), "2026-12-05T12:03:12.123456+01:00");
}

#[test]
fn the_codec_reads_rfc_3339_and_writes_utc() {
    for (text, expected) in [
        ("2024-01-15T11:00:00Z", "2024-01-15T11:00:00Z"),
        ("2024-01-15T13:00:00+02:00", "2024-01-15T11:00:00Z"),
        ("2024-01-15 11:00:00.250Z", "2024-01-15T11:00:00.250Z"),
    ] {
        let s: Session = serde_json::from_str(&format!("{{\"expires\":\"{text}\"}}")).unwrap();
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("{{\"expires\":\"{expected}\"}}")
        );
    }
    for bad in ["yesterday", "2024-01-15T11:00:00", "2024-01-15"] {
        let json = format!("{{\"expires\":\"{bad}\"}}");
        assert!(serde_json::from_str::<Session>(&json).is_err(), "{bad}");
    }
}

#[test]
fn lenient_date_times_read_every_form_as_utc_and_write_it_back() {
    for (text, utc) in [
        ("2026-12-01T12:30:45.123456", "2026-12-01T12:30:45.123456Z"),
        ("2026-12-01T12:30:45", "2026-12-01T12:30:45Z"),
        ("2026-12-01T12:30", "2026-12-01T12:30:00Z"),
        ("2026-12-01T12:30:45Z", "2026-12-01T12:30:45Z"),
        ("2026-12-01T12:30:45.1+02:00", "2026-12-01T10:30:45.100Z"),
        ("2026-12-01T00:30:45-05:30", "2026-12-01T06:00:45Z"),
        ("2026-12-01T12:30:45+00:00", "2026-12-01T12:30:45Z"),
    ] {
        let value: LenientDateTime = serde_json::from_str(&format!("\"{text}\"")).unwrap();
        assert_eq!(
            value.utc().to_rfc3339_opts(SecondsFormat::AutoSi, true),
            utc,
            "{text}"
        );
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            format!("\"{text}\"")
        );
    }
    let spaced: LenientDateTime = "2026-12-01 12:30:45".parse().unwrap();
    assert_eq!(spaced.to_string(), "2026-12-01T12:30:45");
    assert_eq!(spaced.offset(), None);
    for bad in [
        "",
        "tomorrow",
        "2026-12-01",
        "2026-13-01T12:30:45",
        "2026-12-01T12:30:45+25:00",
        "2026-12-01X12:30:45",
        "2026-12-01T12:30:45.",
        "ü026-12-01T12:30:45",
    ] {
        assert!(bad.parse::<LenientDateTime>().is_err(), "{bad}");
    }
}

#[test]
fn lenient_date_times_made_in_rust_choose_their_form() {
    let utc = DateTime::parse_from_rfc3339("2026-12-01T12:30:45.5Z")
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        LenientDateTime::from(utc).to_string(),
        "2026-12-01T12:30:45.500Z"
    );
    assert_eq!(
        LenientDateTime::without_offset(utc).to_string(),
        "2026-12-01T12:30:45.500"
    );
    assert_eq!(DateTime::<Utc>::from(LenientDateTime::from(utc)), utc);
}
