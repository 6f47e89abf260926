//! The least values that satisfy a schema's constraints (strings by
//! pattern, format and length; numbers by range and step), and the checks
//! of whether a given value does.

use std::cell::RefCell;
use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::{Value, json};

use super::LONGEST;
use crate::model::Constraints;

/// Whether a string satisfies its lengths (in characters, as JSON Schema
/// counts them), its pattern (as the client's `regex` checks it) and its
/// format.
pub(super) fn string_fits(s: &str, c: &Constraints) -> bool {
    let len = s.chars().count() as u64;
    c.min_length.is_none_or(|min| len >= min)
        && c.max_length.is_none_or(|max| len <= max)
        && c.pattern.as_deref().is_none_or(|p| pattern_matches(p, s))
        && c.format.as_deref().is_none_or(|f| format_fits(f, s))
}

/// Whether `s` matches `pattern`; a pattern the regex crate cannot compile
/// (look-around, back-references) is not checked, as the client does not.
pub(super) fn pattern_matches(pattern: &str, s: &str) -> bool {
    thread_local! {
        static COMPILED: RefCell<HashMap<String, Option<regex::Regex>>> = RefCell::default();
    }
    COMPILED.with_borrow_mut(|compiled| {
        compiled
            .entry(pattern.to_string())
            .or_insert_with(|| regex::Regex::new(pattern).ok())
            .as_ref()
            .is_none_or(|re| re.is_match(s))
    })
}

/// Whether `s` is in `format` (the formats a mock server checks; others
/// are free text).
pub(super) fn format_fits(format: &str, s: &str) -> bool {
    match format {
        "email" => s.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !s.contains(char::is_whitespace)
        }),
        "uri" | "url" | "iri" => s.split_once(':').is_some_and(|(scheme, rest)| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !rest.is_empty()
                && !s.contains(char::is_whitespace)
        }),
        "uri-reference" | "iri-reference" => !s.contains(char::is_whitespace),
        "hostname" => {
            !s.is_empty()
                && s.len() <= 253
                && s.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })
        }
        "ipv4" => s.parse::<Ipv4Addr>().is_ok(),
        "ipv6" => s.parse::<Ipv6Addr>().is_ok(),
        "date" => is_date(s),
        "date-time" => is_date_time(s),
        "time" => is_time(s),
        "uuid" => is_uuid(s),
        "byte" => {
            s.len().is_multiple_of(4)
                && s.trim_end_matches('=')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
        }
        _ => true,
    }
}

pub(super) fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD` with a real month and day.
pub(super) fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !digits(y) || !digits(m) || !digits(d) {
        return false;
    }
    let (year, month, day): (u32, u32, u32) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        d.parse().unwrap_or(0),
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `HH:MM:SS[.frac]` and an offset (`Z`, `+01:00`).
pub(super) fn is_time(s: &str) -> bool {
    let (clock, offset) = match s.find(['Z', 'z', '+', '-']) {
        Some(i) => s.split_at(i),
        None => return false,
    };
    let offset_ok = matches!(offset, "Z" | "z")
        || (offset.len() == 6
            && digits(&offset[1..3])
            && &offset[3..4] == ":"
            && digits(&offset[4..6]));
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    offset_ok
        && digits(fraction)
        && parts.len() == 3
        && parts.iter().all(|p| p.len() == 2 && digits(p))
        && parts[0] < "24"
        && parts[1] < "60"
        && parts[2] <= "60"
}

/// An RFC 3339 date-time.
pub(super) fn is_date_time(s: &str) -> bool {
    s.split_once(['T', 't', ' '])
        .is_some_and(|(date, time)| is_date(date) && is_time(time))
}

pub(super) fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub(super) fn in_range(n: f64, c: &Constraints) -> bool {
    let above = c.minimum.is_none_or(|min| {
        if c.exclusive_minimum {
            n > min
        } else {
            n >= min
        }
    });
    let below = c.maximum.is_none_or(|max| {
        if c.exclusive_maximum {
            n < max
        } else {
            n <= max
        }
    });
    let on_step = c.multiple_of.filter(|m| *m > 0.0).is_none_or(|m| {
        let q = n / m;
        (q - q.round()).abs() < 1e-9
    });
    above && below && on_step
}

/// The shortest and longest strings `hir` matches, in characters (`None`:
/// no bound).
pub(super) fn span(hir: &Hir) -> (usize, Option<usize>) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (0, Some(0)),
        HirKind::Literal(literal) => {
            let n = String::from_utf8_lossy(&literal.0).chars().count();
            (n, Some(n))
        }
        HirKind::Class(_) => (1, Some(1)),
        HirKind::Repetition(rep) => {
            let (min, max) = span(&rep.sub);
            let times = |n: u32| (n as usize).saturating_mul(min).min(LONGEST * 4);
            let upper = match (rep.max, max) {
                (_, Some(0)) => Some(0),
                (Some(n), Some(max)) => Some((n as usize).saturating_mul(max)),
                _ => None,
            };
            (times(rep.min), upper)
        }
        HirKind::Capture(capture) => span(&capture.sub),
        HirKind::Concat(parts) => parts.iter().map(span).fold((0, Some(0)), |a, b| {
            (
                a.0.saturating_add(b.0),
                a.1.zip(b.1).map(|(x, y)| x.saturating_add(y)),
            )
        }),
        HirKind::Alternation(branches) => {
            let spans: Vec<_> = branches.iter().map(span).collect();
            let min = spans.iter().map(|s| s.0).min().unwrap_or(0);
            let max = spans
                .iter()
                .map(|s| s.1)
                .try_fold(0, |a, b| b.map(|b| a.max(b)));
            (min, max)
        }
    }
}

/// Appends to `out` a string `hir` matches, as near `want` characters long
/// as the pattern allows: each class at a letter or digit where it has
/// one, each repetition at the fewest rounds that reach the length, the
/// extra length where there is the most room for it, each alternation at
/// its first branch that can be that long.
pub(super) fn generate(hir: &Hir, want: usize, out: &mut String, depth: usize) -> Option<()> {
    if depth > 64 || out.len() > LONGEST * 4 {
        return None;
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(Class::Unicode(class)) => {
            let ranges = class.ranges();
            let contains = |c: &char| ranges.iter().any(|r| r.start() <= *c && *c <= r.end());
            let pick = ['a', 'A', '1', '0', 'x']
                .into_iter()
                .find(contains)
                .or_else(|| (' '..='~').find(|c| !c.is_whitespace() && contains(c)))
                .or_else(|| {
                    ranges
                        .iter()
                        .flat_map(|r| [r.start(), r.end()])
                        .find(|c| !c.is_control())
                })?;
            out.push(pick);
        }
        HirKind::Class(Class::Bytes(class)) => {
            let byte = class.ranges().first()?.start();
            out.push(char::from(byte).is_ascii().then_some(char::from(byte))?);
        }
        HirKind::Repetition(rep) => {
            let (min, max) = span(&rep.sub);
            let least = rep.min as usize;
            let most = rep.max.map_or(LONGEST, |m| (m as usize).min(LONGEST));
            // The fewest rounds that can reach `want`.
            let rounds = match max {
                _ if want <= least.saturating_mul(min) => least,
                Some(0) => least,
                Some(max) => want.div_ceil(max).clamp(least, most.max(least)),
                None => least.max(1).min(most.max(least)),
            };
            let mut left = want;
            for round in 0..rounds {
                let after = (rounds - round - 1).saturating_mul(min);
                let share = left.saturating_sub(after).max(min);
                let share = max.map_or(share, |max| share.min(max));
                let before = out.chars().count();
                generate(&rep.sub, share, out, depth + 1)?;
                left = left.saturating_sub(out.chars().count() - before);
            }
        }
        HirKind::Capture(capture) => generate(&capture.sub, want, out, depth + 1)?,
        HirKind::Concat(parts) => {
            let spans: Vec<_> = parts.iter().map(span).collect();
            let least: usize = spans.iter().map(|s| s.0).sum();
            let mut extra = want.saturating_sub(least);
            let mut wants: Vec<usize> = spans.iter().map(|s| s.0).collect();
            // The extra length goes to the parts with the most room first.
            let mut order: Vec<usize> = (0..parts.len()).collect();
            order.sort_by_key(|&i| {
                std::cmp::Reverse(
                    spans[i]
                        .1
                        .map_or(usize::MAX, |m| m.saturating_sub(spans[i].0)),
                )
            });
            for i in order {
                let room = spans[i]
                    .1
                    .map_or(usize::MAX, |m| m.saturating_sub(spans[i].0));
                let given = extra.min(room);
                wants[i] += given;
                extra -= given;
            }
            for (part, want) in parts.iter().zip(wants) {
                generate(part, want, out, depth + 1)?;
            }
        }
        HirKind::Alternation(branches) => {
            let branch = branches
                .iter()
                .find(|b| {
                    let (min, max) = span(b);
                    min <= want && max.is_none_or(|max| want <= max)
                })
                .or_else(|| branches.first())?;
            generate(branch, want, out, depth + 1)?;
        }
    }
    Some(())
}

/// A plain string `pattern` matches, as near `want` characters long as it
/// allows. `None` when the pattern does not parse or asks for what a
/// sample cannot give.
pub(super) fn matching(pattern: &str, want: usize) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(64)
        .build()
        .parse(pattern)
        .ok()?;
    let (min, max) = span(&hir);
    let want = want.max(min).min(max.unwrap_or(usize::MAX)).min(LONGEST);
    let mut out = String::new();
    generate(&hir, want, &mut out, 0)?;
    Some(out)
}

/// A string of a legal length, in the string's format, matching its
/// pattern: the format's example where it fits, else one made from the
/// pattern, else `string` padded or cut to length.
pub(super) fn string(c: &Constraints) -> String {
    let min = c.min_length.unwrap_or(1).max(1) as usize;
    let max = c.max_length.map_or(usize::MAX, |m| m as usize);
    let formatted = match c.format.as_deref() {
        Some("email") => Some("contract@example.com"),
        Some("uri" | "url" | "uri-reference" | "iri" | "iri-reference") => {
            Some("https://example.com/contract")
        }
        Some("hostname") => Some("example.com"),
        Some("ipv4") => Some("192.0.2.1"),
        Some("ipv6") => Some("2001:db8::1"),
        Some("date") => Some("2024-01-15"),
        Some("date-time") => Some("2024-01-15T10:30:00Z"),
        Some("time") => Some("10:30:00Z"),
        Some("uuid") => Some("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        Some("byte") => Some("Y29udHJhY3Q="),
        _ => None,
    };
    if let Some(text) = formatted.filter(|t| string_fits(t, c)) {
        return text.to_string();
    }
    if let Some(pattern) = c.pattern.as_deref() {
        // As long as `minLength` asks; then the shortest the pattern gives.
        let tries = [min.min(LONGEST), 1];
        let made: Vec<String> = tries.iter().filter_map(|w| matching(pattern, *w)).collect();
        if let Some(text) = made.iter().find(|t| string_fits(t, c)) {
            return text.clone();
        }
        // An unanchored pattern matches inside a longer string.
        if let Some(text) = made.first() {
            let pad = "x".repeat(min.min(LONGEST).saturating_sub(text.chars().count()));
            let padded = [format!("{text}{pad}"), format!("{pad}{text}")];
            if let Some(text) = padded.into_iter().find(|t| string_fits(t, c)) {
                return text;
            }
        }
        if let Some(text) = made.into_iter().next() {
            return text;
        }
    }
    if let Some(text) = formatted {
        return text.to_string();
    }
    let mut text = "string".to_string();
    while text.len() < min.min(LONGEST) {
        text.push('x');
    }
    text.truncate(max.max(min.min(max)));
    text
}

/// The least integer inside the range and on the step, near 1.
pub(super) fn integer(c: &Constraints) -> i64 {
    let step = c.multiple_of.map_or(1, |m| (m as i64).max(1));
    let low = match c.minimum {
        Some(m) => {
            let ceil = m.ceil() as i64;
            if c.exclusive_minimum && ceil as f64 == m {
                ceil + 1
            } else {
                ceil
            }
        }
        None => 1,
    };
    let up = |n: i64| {
        let rounded = n.div_euclid(step) * step;
        if rounded < n { rounded + step } else { rounded }
    };
    let value = up(low);
    match c.maximum {
        Some(max) if value as f64 > max || (c.exclusive_maximum && value as f64 >= max) => {
            let mut high = max.floor() as i64;
            if c.exclusive_maximum && high as f64 == max {
                high -= 1;
            }
            let down = high.div_euclid(step) * step;
            if c.minimum.is_none() || down >= low {
                down
            } else {
                value
            }
        }
        _ => value,
    }
}

/// A number inside the range, on the step when there is one.
pub(super) fn number(c: &Constraints) -> Value {
    if let Some(step) = c.multiple_of.filter(|s| *s > 0.0) {
        let low = c.minimum.unwrap_or(step);
        let mut n = (low / step).ceil() * step;
        if c.exclusive_minimum && n <= low {
            n += step;
        }
        if c.maximum
            .is_some_and(|max| n > max || (c.exclusive_maximum && n >= max))
        {
            let max = c.maximum.unwrap_or_default();
            let mut down = (max / step).floor() * step;
            if c.exclusive_maximum && down >= max {
                down -= step;
            }
            n = down;
        }
        return json!(n);
    }
    match (c.minimum, c.maximum) {
        (None, None) => json!(1.5),
        (Some(low), Some(high)) => json!((low + high) / 2.0),
        (Some(low), None) => json!(low + 1.0),
        (None, Some(high)) => json!(if high > 1.5 { 1.5 } else { high - 1.0 }),
    }
}
