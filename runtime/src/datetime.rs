//! Date-times on the wire.
//!
//! `format: date-time` is RFC 3339, which requires an offset (`Z`,
//! `+02:00`). Servers do not always send one: Python servers write naive
//! date-times (`2026-12-05T12:03:12`) routinely, and Primer documents "UTC
//! with no timezone info". So every generated date-time is a
//! [`LenientDateTime`]: it reads RFC 3339 and the same without an offset
//! (taken as UTC), never failing an answer for it, and writes back exactly
//! the form it read. It dereferences to the `DateTime<Utc>` it stands for.
//!
//! The strict helpers of this module (`#[serde(with =
//! "codegen_runtime::datetime")]` on a `DateTime<Utc>`, or an `Option`,
//! `Nullable`, `Vec`, `BTreeMap` or `Box` of those) read RFC 3339 with an
//! offset only, and write it with `Z`, for code that wants that.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

crate::shapes::codec_shapes!(DateTime<Utc>, write_datetime, read_datetime);

fn write_datetime<S: Serializer>(value: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn read_datetime<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "invalid date-time {text:?}: expected RFC 3339 with an offset"
        ))
    })
}

/// An RFC 3339 date-time (offset required), as UTC.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A date-time that may come without an offset, read as UTC, and written
/// back the way it was read.
///
/// Reads RFC 3339 (`2026-12-01T12:30:45Z`, `...+02:00`) and the same without
/// an offset (`2026-12-01T12:30:45.123456`, taken as UTC), with a `T`, `t` or
/// space between date and time, seconds optional. It remembers the form:
/// whether there was an offset and which (`Z` or numeric), how many
/// fractional digits (up to 9), and whether seconds were given, so that
/// writing it back gives the same text (the separator is always written `T`,
/// a `z` as `Z`). Equality and order compare the instant first, then the form.
///
/// A value made from a `DateTime<Utc>` is written as RFC 3339 with `Z`;
/// [`LenientDateTime::without_offset`] makes one written without an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LenientDateTime {
    utc: DateTime<Utc>,
    form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Form {
    offset: Offset,
    /// Digits of fractional seconds, 0 to 9.
    fraction: u8,
    /// Whether seconds are written (`12:30:45`, not `12:30`).
    seconds: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Offset {
    /// Written without one: the time is UTC.
    Absent,
    /// `Z`.
    Zulu,
    /// `+hh:mm` / `-hh:mm`, in seconds east of UTC.
    Numeric(i32),
}

impl LenientDateTime {
    /// The instant, written without an offset (`2026-12-01T12:30:45`).
    pub fn without_offset(utc: DateTime<Utc>) -> Self {
        let mut value = Self::from(utc);
        value.form.offset = Offset::Absent;
        value
    }

    /// The instant, in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        self.utc
    }

    /// The offset it was written with; `None` when it had none.
    pub fn offset(&self) -> Option<FixedOffset> {
        match self.form.offset {
            Offset::Absent => None,
            Offset::Zulu => FixedOffset::east_opt(0),
            Offset::Numeric(seconds) => FixedOffset::east_opt(seconds),
        }
    }
}

impl From<DateTime<Utc>> for LenientDateTime {
    fn from(utc: DateTime<Utc>) -> Self {
        let nanos = utc.nanosecond() % 1_000_000_000;
        let fraction = match nanos {
            0 => 0,
            n if n % 1_000_000 == 0 => 3,
            n if n % 1_000 == 0 => 6,
            _ => 9,
        };
        LenientDateTime {
            utc,
            form: Form {
                offset: Offset::Zulu,
                fraction,
                seconds: true,
            },
        }
    }
}

impl From<LenientDateTime> for DateTime<Utc> {
    fn from(value: LenientDateTime) -> Self {
        value.utc
    }
}

/// A date-time is the instant it stands for: `created.timestamp()`,
/// `created.date_naive()`, `*created < Utc::now()`.
impl std::ops::Deref for LenientDateTime {
    type Target = DateTime<Utc>;
    fn deref(&self) -> &DateTime<Utc> {
        &self.utc
    }
}

/// The same instant, whatever the form it was written in.
impl PartialEq<DateTime<Utc>> for LenientDateTime {
    fn eq(&self, other: &DateTime<Utc>) -> bool {
        self.utc == *other
    }
}

impl Default for LenientDateTime {
    /// The Unix epoch, written with `Z`.
    fn default() -> Self {
        Self::from(DateTime::<Utc>::default())
    }
}

/// A text that is not a date-time [`LenientDateTime`] reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date-time {0:?}: expected RFC 3339, with or without an offset")]
pub struct InvalidDateTime(pub String);

impl FromStr for LenientDateTime {
    type Err = InvalidDateTime;

    fn from_str(text: &str) -> Result<Self, InvalidDateTime> {
        read_lenient(text.trim()).ok_or_else(|| InvalidDateTime(text.to_string()))
    }
}

fn read_lenient(text: &str) -> Option<LenientDateTime> {
    let (local, offset) = split_offset(text)?;
    let bytes = local.as_bytes();
    if !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let normalized = format!("{}T{}", local.get(..10)?, local.get(11..)?);
    let seconds = bytes.get(16) == Some(&b':');
    let format = if seconds {
        "%Y-%m-%dT%H:%M:%S%.f"
    } else {
        "%Y-%m-%dT%H:%M"
    };
    let naive = NaiveDateTime::parse_from_str(&normalized, format).ok()?;
    let fraction = match local.get(19..) {
        Some(rest) if seconds && rest.starts_with('.') => rest.len() - 1,
        _ => 0,
    };
    let east = match offset {
        Offset::Numeric(seconds) => seconds,
        Offset::Absent | Offset::Zulu => 0,
    };
    let utc = naive.checked_sub_signed(chrono::TimeDelta::seconds(i64::from(east)))?;
    Some(LenientDateTime {
        utc: utc.and_utc(),
        form: Form {
            offset,
            fraction: fraction.min(9) as u8,
            seconds,
        },
    })
}

/// The local part and the offset of a date-time text.
fn split_offset(text: &str) -> Option<(&str, Offset)> {
    if let Some(local) = text.strip_suffix(['Z', 'z']) {
        return Some((local, Offset::Zulu));
    }
    let at = text.len().checked_sub(6)?;
    let (local, suffix) = (text.get(..at)?, text.get(at..)?);
    let b = suffix.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = suffix.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return Some((text, Offset::Absent)),
    };
    if b[3] != b':' {
        return Some((text, Offset::Absent));
    }
    let (hours, minutes) = (digits(1..3)?, digits(4..6)?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some((local, Offset::Numeric(sign * (hours * 3600 + minutes * 60))))
}

impl fmt::Display for LenientDateTime {
    /// The wire form: the time as read, in the form it was read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let east = match self.form.offset {
            Offset::Numeric(seconds) => seconds,
            Offset::Absent | Offset::Zulu => 0,
        };
        let utc = self.utc.naive_utc();
        // Cannot overflow: the offset was subtracted from this very time when read.
        let local = utc
            .checked_add_signed(chrono::TimeDelta::seconds(i64::from(east)))
            .unwrap_or(utc);
        write!(f, "{}", local.format("%Y-%m-%dT%H:%M"))?;
        if self.form.seconds {
            write!(f, "{}", local.format(":%S"))?;
        }
        if self.form.seconds && self.form.fraction > 0 {
            let digits = format!("{:09}", local.nanosecond() % 1_000_000_000);
            write!(f, ".{}", &digits[..usize::from(self.form.fraction)])?;
        }
        match self.form.offset {
            Offset::Absent => Ok(()),
            Offset::Zulu => f.write_str("Z"),
            Offset::Numeric(seconds) => {
                let sign = if seconds < 0 { '-' } else { '+' };
                let abs = seconds.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
            }
        }
    }
}

impl Serialize for LenientDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LenientDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
