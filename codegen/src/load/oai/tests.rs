//! Tests of `load/oai`.

use serde_json::json;

use super::*;

fn media(doc: &Value) -> &Value {
    &doc["paths"]["/e"]["get"]["responses"]["200"]["content"]["text/event-stream"]
}

#[test]
fn an_item_schema_becomes_the_schema_of_each_item() {
    let mut doc = json!({"paths": {"/e": {"get": {"responses": {"200": {"description": "", "content": {
        "text/event-stream": {
            "schema": {"type": "string"},
            "x-oai-itemSchema": {"type": "object", "properties": {"data": {
                "type": "string",
                "description": "The change.",
                "contentMediaType": "application/json",
                "contentSchema": {"type": "object", "properties": {"id": {"type": "string"}}}
            }}}
        },
        "application/json": {"x-oai-itemSchema": {"type": "string"}},
        "multipart/mixed": {"x-oai-itemSchema": {"type": "string"}, "x-oai-itemEncoding": {}},
        "text/plain": {"x-oai-prefixEncoding": []}
    }}}}}}});
    let done = normalize(&mut doc, false);
    let sse = media(&doc);
    assert_eq!(sse[ext::STREAMED], true);
    assert_eq!(sse[ext::JSON_DATA], true);
    assert_eq!(
        sse["schema"]["properties"]["data"],
        json!({"type": "object", "properties": {"id": {"type": "string"}}, "description": "The change."})
    );
    let content = &doc["paths"]["/e"]["get"]["responses"]["200"]["content"];
    assert!(
        content["application/json"]
            .get("x-oai-itemSchema")
            .is_none()
    );
    assert!(content["multipart/mixed"].get(ext::ITEM_ENCODING).is_some());
    assert!(content["text/plain"].get(ext::PREFIX_ENCODING).is_none());
    let messages: Vec<&str> = done.notes.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert_eq!(
        crate::load::source_pointer(
            &done.renames,
            "#/paths/~1e/get/responses/200/content/text~1event-stream/schema/properties"
        ),
        "#/paths/~1e/get/responses/200/content/text~1event-stream/x-oai-itemSchema/properties"
    );
}

#[test]
fn before_3_2_a_streams_schema_types_its_items() {
    let mut doc = json!({"paths": {"/e": {"get": {"responses": {"200": {"description": "", "content": {
        "text/event-stream": {"schema": {"$ref": "#/components/schemas/Tick"}},
        "application/x-ndjson": {"schema": {"type": "array", "items": {"type": "integer"}}},
        "application/json-seq": {"schema": {"type": ["string", "null"]}},
        "application/json": {"schema": {"type": "object"}}
    }}}}}}});
    let done = normalize(&mut doc, true);
    let content = &doc["paths"]["/e"]["get"]["responses"]["200"]["content"];
    let sse = &content["text/event-stream"];
    assert_eq!(sse[ext::STREAMED], true);
    assert_eq!(sse["schema"], json!({"$ref": "#/components/schemas/Tick"}));
    let lines = &content["application/x-ndjson"];
    assert_eq!(lines[ext::STREAMED], true);
    assert_eq!(lines["schema"], json!({"type": "integer"}));
    // A string is the whole body; JSON is not a stream.
    assert!(content["application/json-seq"].get(ext::STREAMED).is_none());
    assert!(content["application/json"].get(ext::STREAMED).is_none());
    assert!(done.notes.is_empty(), "{:?}", done.notes);
    assert_eq!(
        crate::load::source_pointer(
            &done.renames,
            "#/paths/~1e/get/responses/200/content/application~1x-ndjson/schema"
        ),
        "#/paths/~1e/get/responses/200/content/application~1x-ndjson/schema/items"
    );
    // 3.2 (and x-oai-itemSchema) say it themselves: `schema` is left.
    let mut doc = json!({"paths": {"/e": {"get": {"responses": {"200": {"description": "", "content": {
        "text/event-stream": {"schema": {"type": "object"}}
    }}}}}}});
    normalize(&mut doc, false);
    assert!(media(&doc).get(ext::STREAMED).is_none());
}

#[test]
fn event_schemas_by_reference_are_rewritten_in_their_component() {
    let mut doc = json!({
        "paths": {"/e": {"get": {"responses": {"200": {"description": "", "content": {
            "text/event-stream": {"x-oai-itemSchema": {"$ref": "#/components/schemas/Event"}}
        }}}}}},
        "components": {"schemas": {"Event": {"type": "object", "properties": {
            "data": {"type": "string", "contentMediaType": "application/json"}
        }}}}
    });
    normalize(&mut doc, false);
    assert_eq!(media(&doc)[ext::JSON_DATA], true);
    assert_eq!(
        doc["components"]["schemas"]["Event"]["properties"]["data"],
        json!({})
    );
}

#[test]
fn sequential_media_types() {
    for yes in [
        "text/event-stream",
        "application/jsonl",
        "application/x-ndjson; charset=utf-8",
        "application/geo+json-seq",
    ] {
        assert!(is_sequential(yes), "{yes}");
    }
    for no in ["application/json", "multipart/mixed", "text/plain"] {
        assert!(!is_sequential(no), "{no}");
    }
}
