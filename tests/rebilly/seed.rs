//! The spec against the seed it was written from.

use super::*;

/// `../shared/seeds/004_7a0dd7b2d73ee0b9.txt` (Rebilly's `POST /cashiers`),
/// when it is beside the repository.
fn seed() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/004_7a0dd7b2d73ee0b9.txt");
    let text = std::fs::read_to_string(&path).ok();
    if text.is_none() {
        println!("skipped: {} is not beside the repository", path.display());
    }
    text
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The schema `#/components/schemas/<name>`, through one `$ref`.
fn schema<'a>(spec: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => spec
            .pointer(r.trim_start_matches('#'))
            .expect("ref resolves"),
        None => node,
    }
}

#[test]
fn the_cashier_request_has_the_seeds_fields() {
    let Some(seed) = seed() else { return };
    let spec = common::spec("rebilly");
    assert!(seed.starts_with("POST /cashiers"), "{seed}");
    let op = &spec["paths"]["/cashiers"]["post"];
    let request = schema(
        &spec,
        &op["requestBody"]["content"]["application/json"]["schema"],
    );
    let fields = seed_fields(&seed);
    assert_eq!(fields.len(), 11, "{fields:?}");
    for (name, ty, required) in fields {
        let (parent, prop) = match name.split_once('.') {
            Some((parent, prop)) => (schema(&spec, &request["properties"][parent]), prop),
            None => (request, name.as_str()),
        };
        let property = schema(&spec, &parent["properties"][prop]);
        let expected = ty.to_lowercase();
        assert_eq!(property["type"].as_str(), Some(expected.as_str()), "{name}");
        let listed = parent["required"]
            .as_array()
            .is_some_and(|r| r.iter().any(|n| n == prop));
        assert_eq!(listed, required, "{name}: required");
    }
}

/// `name Type Yes|No` lines of the seed's table of request body fields.
fn seed_fields(seed: &str) -> Vec<(String, String, bool)> {
    let body = seed
        .split_once("Request body fields")
        .expect("the seed lists the request body fields")
        .1;
    body.lines()
        .filter_map(|line| {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                [
                    name,
                    ty @ ("String" | "Number" | "Object" | "Boolean" | "Integer" | "Array"),
                    req @ ("Yes" | "No"),
                ] => Some((name.to_string(), ty.to_string(), *req == "Yes")),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn the_notification_is_described_as_the_seed_says_and_confirmed_by_a_get() {
    let Some(seed) = seed() else { return };
    let spec = common::spec("rebilly");
    let seed_text = words(&seed);
    let start = seed_text
        .find("URL where a server-to-server POST notification is sent.")
        .expect("the seed describes notificationUrl");
    let end = seed_text[start..]
        .find("accordingly.")
        .map(|e| start + e + "accordingly.".len())
        .unwrap();
    let described = &seed_text[start..end];
    assert!(described.contains("complete a GET request to confirm the result of the transaction"));
    let schemas = &spec["components"]["schemas"];
    for owner in ["CashierRequest", "Transaction"] {
        let docs = words(
            schemas[owner]["properties"]["notificationUrl"]["description"]
                .as_str()
                .unwrap(),
        );
        assert!(docs.contains(described), "{owner}: {docs}");
        // Placeholders are part of the URL: not a plain `uri`.
        assert_eq!(
            schemas[owner]["properties"]["notificationUrl"]["format"], "uri-template",
            "{owner}"
        );
    }
    // The placeholders the seed names are the notification's fields...
    let mut placeholders: Vec<&str> = described
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    placeholders.sort();
    placeholders.dedup();
    assert_eq!(placeholders, ["id", "result"]);
    let notification = &schemas["TransactionNotification"];
    for name in &placeholders {
        assert!(notification["properties"].get(*name).is_some(), "{name}");
    }
    // ...and the GET that confirms reads the transaction by that id, whose
    // result has the notification's type.
    let get = &spec["paths"]["/transactions/{id}"]["get"];
    assert_eq!(get["operationId"], "GetTransaction");
    assert_eq!(get["parameters"][0]["name"], "id");
    assert_eq!(get["parameters"][0]["in"], "path");
    let answer = schema(
        &spec,
        &get["responses"]["200"]["content"]["application/json"]["schema"],
    );
    assert_eq!(
        answer["properties"]["result"],
        notification["properties"]["result"]
    );
    assert_eq!(
        answer["properties"]["id"]["maxLength"],
        notification["properties"]["id"]["maxLength"]
    );
}
