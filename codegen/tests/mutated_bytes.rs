//! A property over mutated bytes: real specs truncated, with ranges erased
//! or duplicated, spliced together, or with characters of their keys
//! flipped, as YAML and JSON. Whatever the text, generation returns a
//! result with no panic on any thread (dependencies included: the test
//! counts panics with a hook of its own), and every diagnostic renders.
//! The case count is bounded for CI (`PROPTEST_CASES` raises it).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// The specs and fixtures, each as YAML and as JSON text.
fn seeds() -> Vec<(bool, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<_> = ["specs", "tests/fixtures"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let yaml = std::fs::read_to_string(&file).unwrap();
        let value: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        out.push((true, serde_json::to_string_pretty(&value).unwrap()));
        out.push((false, yaml));
    }
    out
}

/// Byte offsets where a key starts (`name:` in YAML, `"name":` in JSON).
fn key_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    for (i, line) in text.split_inclusive('\n').scan(0, |at, l| {
        let start = *at;
        *at += l.len();
        Some((start, l))
    }) {
        let indent = line.len() - line.trim_start_matches([' ', '-', '"']).len();
        if line.contains(':') && i + indent < bytes.len() {
            starts.push(i + indent);
        }
    }
    starts
}

/// Cuts `text` at a char boundary at or before `at`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(text: &str, other: &str, op: u8, a: usize, b: usize, c: u8) -> String {
    let len = text.len().max(1);
    let (x, y) = {
        let (x, y) = (floor(text, a % len), floor(text, b % len));
        (x.min(y), x.max(y))
    };
    match op % 5 {
        // Truncate.
        0 => text[..floor(text, a % len)].to_string(),
        // Erase a range (at most 200 bytes).
        1 => {
            let y = floor(text, y.min(x + 200));
            format!("{}{}", &text[..x], &text[y..])
        }
        // Duplicate a range (at most 400 bytes).
        2 => {
            let y = floor(text, y.min(x + 400));
            format!("{}{}{}", &text[..y], &text[x..y], &text[y..])
        }
        // Splice the head of one spec onto the tail of another.
        3 => {
            let z = floor(other, b % other.len().max(1));
            format!("{}{}", &text[..x], &other[z..])
        }
        // Flip a character of a key: its case, or another letter.
        _ => {
            let starts = key_starts(text);
            if starts.is_empty() {
                return text.to_string();
            }
            let at = starts[b % starts.len()] + usize::from(c % 4);
            let at = floor(text, at);
            let Some(ch) = text[at..].chars().next() else {
                return text.to_string();
            };
            let flipped = if c.is_multiple_of(2) && ch.is_ascii_alphabetic() {
                if ch.is_ascii_lowercase() {
                    ch.to_ascii_uppercase()
                } else {
                    ch.to_ascii_lowercase()
                }
            } else {
                char::from(b'a' + c % 26)
            };
            format!("{}{}{}", &text[..at], flipped, &text[at + ch.len_utf8()..])
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_bytes_never_panic(
        seed in 0usize..256,
        other in 0usize..256,
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<u8>()), 1..4),
    ) {
        std::panic::set_hook(Box::new(|_| { PANICS.fetch_add(1, Ordering::SeqCst); }));
        let seeds = seeds();
        let (is_json, mut text) = seeds[seed % seeds.len()].clone();
        let other = &seeds[other % seeds.len()].1;
        for (op, a, b, c) in ops {
            text = mutate(&text, other, op, a, b, c);
        }
        let name = Path::new(if is_json { "mutated.json" } else { "mutated.yaml" });
        let before = PANICS.load(Ordering::SeqCst);
        let result = codegen::Config::new().example_tests(true).generate_text(name, text.clone());
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), before, "a panic on input:\n{}", text);
        match result {
            Ok(api) => api.warnings.iter().for_each(|w| drop(w.to_string())),
            Err(e) => {
                prop_assert!(!e.diagnostics.is_empty());
                e.diagnostics.iter().for_each(|d| drop(d.to_string()));
            }
        }
    }
}

#[test]
fn mutations_change_the_text() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n";
    assert_eq!(mutate(text, text, 0, 7, 0, 0), "openapi");
    assert_eq!(mutate(text, text, 1, 0, 9, 0), text[9..]);
    assert!(mutate(text, text, 2, 0, 7, 0).starts_with("openapiopenapi"));
    let flipped = mutate(text, text, 4, 0, 0, 0);
    assert_ne!(flipped, text);
    assert_eq!(flipped.len(), text.len());
}
