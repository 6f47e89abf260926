//! A property over mutated specs: whatever is removed, replaced or renamed
//! in a real spec, generation never panics, and every successful output
//! parses as Rust. The case count is bounded for CI (`PROPTEST_CASES`
//! raises it).

use std::path::Path;

use proptest::prelude::*;
use serde_json::{Value, json};

fn seeds() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<_> = ["specs", "tests/fixtures"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| serde_yaml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
}

/// Every node's JSON pointer, in document order.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn hostile(n: u8) -> Value {
    match n % 12 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(1e308),
        4 => json!(""),
        5 => json!("*/ } #[cfg(x)] \"quote\" `tick`"),
        6 => json!({}),
        7 => json!([]),
        8 => json!({"$ref": "#/components/schemas/DoesNotExist"}),
        9 => json!({"$ref": "#/components/schemas/Self"}),
        10 => json!({"type": "object", "properties": {"self": {"$ref": "#"}}}),
        _ => {
            json!({"oneOf": [{"type": "string"}, {"$ref": "#/paths"}], "discriminator": {"propertyName": "x"}})
        }
    }
}

fn mutate(mut doc: Value, ops: &[(u64, u8, u8)]) -> Value {
    for &(select, op, payload) in ops {
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let Some(pointer) = all.get((select as usize) % all.len()).cloned() else {
            continue;
        };
        let Some((parent, key)) = pointer.rsplit_once('/') else {
            continue;
        };
        let key = key.replace("~1", "/").replace("~0", "~");
        let Some(parent) = doc.pointer_mut(parent) else {
            continue;
        };
        match (op % 3, parent) {
            (0, Value::Object(map)) => {
                map.remove(&key);
            }
            (0, Value::Array(items)) => {
                if let Ok(i) = key.parse::<usize>()
                    && i < items.len()
                {
                    items.remove(i);
                }
            }
            (1, Value::Object(map)) => {
                map.insert(key, hostile(payload));
            }
            (1, Value::Array(items)) => {
                if let Some(slot) = key.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                    *slot = hostile(payload);
                }
            }
            (_, Value::Object(map)) => {
                if let Some(v) = map.remove(&key) {
                    let names = [
                        "self",
                        "1st",
                        "r#type",
                        "e-mail",
                        "😀",
                        "Self",
                        "",
                        "~/x",
                        "__proto__",
                    ];
                    map.insert(names[payload as usize % names.len()].to_string(), v);
                }
            }
            _ => {}
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generation_never_panics_and_output_parses(
        seed in 0usize..64,
        ops in proptest::collection::vec((any::<u64>(), any::<u8>(), any::<u8>()), 1..6),
        as_json in any::<bool>(),
    ) {
        let seeds = seeds();
        let doc = mutate(seeds[seed % seeds.len()].clone(), &ops);
        let text = if as_json { serde_json::to_string_pretty(&doc).unwrap() } else { serde_yaml::to_string(&doc).unwrap() };
        let name = Path::new(if as_json { "mutated.json" } else { "mutated.yaml" });
        match codegen::Config::new().example_tests(true).generate_text(name, text) {
            Ok(api) => {
                // Rendering a diagnostic must not panic either.
                api.warnings.iter().for_each(|w| drop(w.to_string()));
                prop_assert!(syn::parse_file(&api.types).is_ok(), "types do not parse");
                prop_assert!(syn::parse_file(&api.client).is_ok(), "client does not parse");
            }
            Err(e) => {
                prop_assert!(!e.diagnostics.is_empty());
                prop_assert!(!e.to_string().is_empty());
                e.diagnostics.iter().for_each(|d| drop(d.to_string()));
            }
        }
    }
}
