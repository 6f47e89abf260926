//! Date-times that decode whatever offset form a server sends.
//!
//! RFC 3339 requires an offset, but APIs send times without one (Primer
//! documents "UTC with no timezone info"), or with a space for the `T`.
//! These helpers read RFC 3339, and read a time without an offset as UTC;
//! they write RFC 3339 with `Z`. Use `#[serde(with = "codegen_runtime::datetime")]`
//! on a `DateTime<Utc>` field, or an `Option`, `Nullable`, `Vec`, `BTreeMap`
//! or `Box` of those.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

crate::runtime::shapes::codec_shapes!(DateTime<Utc>, write_datetime, read_datetime);

fn write_datetime<S: Serializer>(value: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn read_datetime<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| {
        serde::de::Error::custom(format!("invalid date-time {text:?}: expected RFC 3339"))
    })
}

/// RFC 3339, or the same without an offset (read as UTC), `T` or space.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    let normalized = text.replacen(' ', "T", 1);
    if let Ok(t) = DateTime::parse_from_rfc3339(&normalized) {
        return Some(t.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&normalized, f).ok())
        .map(|naive| naive.and_utc())
}
