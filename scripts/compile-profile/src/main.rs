//! Reads one `rustc -Z self-profile -Z self-profile-events=default,query-keys`
//! trace of a generated crate and prints, as Markdown, where the compiler's
//! time went: self time of every query (its duration less that of the queries
//! it ran), summed by the part of the generated code its key names.
//!
//!   compile-profile TRACE_STEM CRATE_NAME
//!
//! TRACE_STEM is the trace's path without `.mm_profdata`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use analyzeme::{EventPayload, ProfilingData, Timestamp};

/// One interval event: thread, start, end, query label and key.
struct Interval {
    thread: u32,
    start: SystemTime,
    end: SystemTime,
    label: String,
    key: String,
}

fn intervals(data: &ProfilingData) -> Vec<Interval> {
    let mut events: Vec<Interval> = data
        .iter_full()
        .filter_map(|e| match e.payload {
            EventPayload::Timestamp(Timestamp::Interval { start, end }) => Some(Interval {
                thread: e.thread_id,
                start,
                end,
                label: e.label.into_owned(),
                key: e
                    .additional_data
                    .first()
                    .map(|k| k.to_string())
                    .unwrap_or_default(),
            }),
            _ => None,
        })
        .collect();
    // Parents before their children: by thread, start, and the longer first.
    events.sort_by(|a, b| {
        (a.thread, a.start, std::cmp::Reverse(a.end)).cmp(&(
            b.thread,
            b.start,
            std::cmp::Reverse(b.end),
        ))
    });
    events
}

/// Self time of every event, in nanoseconds, in the order of `events`.
fn self_times(events: &[Interval]) -> Vec<u128> {
    let mut own: Vec<u128> = Vec::with_capacity(events.len());
    let mut open: Vec<usize> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        while let Some(&top) = open.last() {
            let parent = &events[top];
            if parent.thread == e.thread && parent.end >= e.end {
                break;
            }
            open.pop();
        }
        let length = e.end.duration_since(e.start).map_or(0, |d| d.as_nanos());
        if let Some(&parent) = open.last() {
            own[parent] = own[parent].saturating_sub(length);
        }
        own.push(length);
        open.push(i);
    }
    own
}

/// The part of the generated code a query key names.
fn part(label: &str, key: &str, krate: &str) -> String {
    if label.starts_with("LLVM")
        || label.starts_with("codegen")
        || label == "link"
        || label.starts_with("link_")
    {
        return "code generation: LLVM, codegen units, linking".into();
    }
    if key.is_empty() || key == "()" {
        return "whole crate: parse, expand, resolve, lower, metadata".into();
    }
    if key.contains("Canonical") {
        return "trait solving not tied to one item".into();
    }
    if key.starts_with("LocalModDefId") {
        return "per-module passes (privacy, lints, attributes)".into();
    }
    // A DefId's debug form ends in its path: `DefId(0:12 ~ krate[hash]::a::b)`.
    let path = match key.find(" ~ ") {
        Some(at) => key[at + 3..].trim_end_matches(')').to_string(),
        None => key.to_string(),
    };
    let Some(rest) = path.strip_prefix(krate).map(|r| {
        // `krate[1a2b]::x` or `krate::x`
        let r = r
            .strip_prefix('[')
            .map_or(r, |r| r.split_once(']').map_or(r, |(_, r)| r));
        r.trim_start_matches("::")
    }) else {
        return "other crates' items (monomorphized or decoded)".into();
    };
    let module = match rest.split("::").next().unwrap_or("") {
        "types" => "types",
        "client" => "client",
        "runtime" => "runtime",
        _ => "crate root",
    };
    if module == "runtime" {
        return "vendored runtime".into();
    }
    let segments: Vec<&str> = rest.split("::").collect();
    let named = |s: &str| segments.iter().any(|x| *x == s);
    let what = if named("deserialize")
        || segments
            .iter()
            .any(|s| s.starts_with("visit_") || *s == "expecting")
    {
        "Deserialize impls"
    } else if named("serialize") {
        "Serialize impls"
    } else if named("fmt") {
        "Debug and Display impls"
    } else if named("clone") {
        "Clone impls"
    } else if named("eq") || named("assert_fields_are_eq") || named("ne") {
        "PartialEq and Eq impls"
    } else if named("hash") {
        "Hash impls"
    } else if named("default") {
        "Default impls"
    } else if named("validate") {
        "validation"
    } else if named("kind") {
        "error enums' kind()"
    } else if segments.iter().any(|s| s.ends_with("Api")) {
        "the API trait and its impl"
    } else if segments.iter().any(|s| s.starts_with("{{impl}}")) {
        if module == "client" {
            "client methods and other inherent fns"
        } else {
            "constructors, builders and other fns"
        }
    } else {
        "type definitions (well-formedness, layout, variance)"
    };
    format!("{module}: {what}")
}

/// Entries by time, the longest first (ties by name).
fn ranked<K: Ord>(times: BTreeMap<K, u128>) -> Vec<(K, u128)> {
    let mut entries: Vec<_> = times.into_iter().collect();
    entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    entries
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(stem), Some(krate)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: compile-profile TRACE_STEM CRATE_NAME");
        std::process::exit(2);
    };
    let krate = krate.replace('-', "_");
    let data = match ProfilingData::new(Path::new(stem)) {
        Ok(data) => data,
        Err(e) => {
            eprintln!("compile-profile: cannot read {stem}: {e}");
            std::process::exit(1);
        }
    };
    let events = intervals(&data);
    let own = self_times(&events);
    let mut by_part: BTreeMap<String, u128> = BTreeMap::new();
    let mut by_query: BTreeMap<&str, u128> = BTreeMap::new();
    for (e, t) in events.iter().zip(&own) {
        // The profiler's own bookkeeping is not the compiler's work.
        if e.label.starts_with("self_profile") {
            continue;
        }
        *by_part.entry(part(&e.label, &e.key, &krate)).or_default() += t;
        *by_query.entry(&e.label).or_default() += t;
    }
    let total: u128 = by_part.values().sum();
    let seconds = |t: u128| t as f64 / 1e9;
    let share = |t: u128| 100.0 * t as f64 / total.max(1) as f64;
    let row = |name: &str, t: u128| format!("| {name} | {:.2} | {:.1}% |", seconds(t), share(t));
    println!("| part of the crate | self time (s) | share |");
    println!("|---|---|---|");
    let (large, small): (Vec<_>, Vec<_>) = ranked(by_part)
        .into_iter()
        .partition(|(_, t)| share(*t) >= 0.5);
    for (name, t) in &large {
        println!("{}", row(name, *t));
    }
    let rest = small.iter().map(|(_, t)| t).sum();
    println!("{}", row("everything under 0.5% each", rest));
    println!();
    println!("| compiler query | self time (s) | share |");
    println!("|---|---|---|");
    for (name, t) in ranked(by_query).into_iter().take(12) {
        println!("{}", row(&format!("`{name}`"), t));
    }
    println!();
    println!(
        "{:.2} s of self time in all, over {} queries.",
        seconds(total),
        events.len()
    );
}
