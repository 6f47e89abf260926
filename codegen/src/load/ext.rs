//! Where OpenAPI 3.2 features live once a document is loaded.
//!
//! `openapiv3` reads 3.0 documents and drops every field it does not know,
//! but keeps `x-` extensions. So loading writes what 3.2 adds as
//! extensions: the registered down-levelling ones (`x-oai-*`, which 3.0 and
//! 3.1 documents may carry themselves and which then mean the same), and,
//! for fields that have none, extensions of this generator's own
//! (`x-codegen-*`, an implementation detail of loading, not meant to be
//! written in specs). The lowering reads them from `extensions`.

/// Path item: other methods' operations, by the method as sent (`QUERY`, `LINK`).
pub const ADDITIONAL_OPERATIONS: &str = "x-oai-additionalOperations";
/// Server: its name.
pub const SERVER_NAME: &str = "x-oai-name";
/// Security scheme: deprecated.
pub const DEPRECATED: &str = "x-oai-deprecated";
/// Media type: the schema of each item of a sequential media type.
pub const ITEM_SCHEMA: &str = "x-oai-itemSchema";
/// Media type: the encoding of each item (multipart).
pub const ITEM_ENCODING: &str = "x-oai-itemEncoding";
/// Media type: the encodings of the first items, by position (multipart).
pub const PREFIX_ENCODING: &str = "x-oai-prefixEncoding";
/// OAuth flow: the device authorization URL (RFC 8628).
pub const DEVICE_AUTHORIZATION_URL: &str = "x-oai-deviceAuthorizationUrl";

/// Parameter: `in: querystring` (read as `in: query` with this set).
pub const QUERYSTRING: &str = "x-codegen-querystring";
/// OAuth flows: the `deviceAuthorization` flow.
pub const DEVICE_AUTHORIZATION: &str = "x-codegen-deviceAuthorization";
/// Security scheme: `oauth2MetadataUrl`.
pub const OAUTH2_METADATA_URL: &str = "x-codegen-oauth2MetadataUrl";
/// Operation, schema or property: the Rust name to give it, over any the
/// generator would derive.
pub const RUST_NAME: &str = "x-rust-name";
/// Tag and response: `summary`.
pub const SUMMARY: &str = "x-codegen-summary";
/// Tag: `parent`.
pub const PARENT: &str = "x-codegen-parent";
/// Tag: `kind`.
pub const KIND: &str = "x-codegen-kind";
/// Example: `serializedValue` (`dataValue` becomes `value`).
pub const SERIALIZED_VALUE: &str = "x-codegen-serializedValue";
/// Discriminator: `defaultMapping`.
pub const DEFAULT_MAPPING: &str = "x-codegen-defaultMapping";
/// Media type: its `schema` is the item schema (moved there from
/// `itemSchema`), each item of the stream.
pub const STREAMED: &str = "x-codegen-streamed";
/// Media type (`text/event-stream`): the item's `data` is JSON text, its
/// `contentSchema` the data's schema.
pub const JSON_DATA: &str = "x-codegen-jsonData";

/// An extension's text.
pub fn text<'v>(
    extensions: &'v indexmap::IndexMap<String, serde_json::Value>,
    key: &str,
) -> Option<&'v str> {
    extensions.get(key).and_then(serde_json::Value::as_str)
}

/// Whether an extension is `true`.
pub fn is_true(extensions: &indexmap::IndexMap<String, serde_json::Value>, key: &str) -> bool {
    extensions.get(key).is_some_and(|v| v == true)
}

/// The operations of `x-oai-additionalOperations` (where 3.2's `query` and
/// `additionalOperations` are, too), by path.
pub(super) fn additional_operations(
    spec: &openapiv3::OpenAPI,
    renames: &[(String, String)],
    notes: &mut Vec<(String, String)>,
) -> std::collections::HashMap<String, Vec<(String, openapiv3::Operation)>> {
    let mut out = std::collections::HashMap::new();
    for (path, item) in &spec.paths.paths {
        let Some(item) = item.as_item() else {
            continue;
        };
        let Some(operations) = item.extensions.get(ADDITIONAL_OPERATIONS) else {
            continue;
        };
        let at = crate::diagnostics::child(
            &crate::diagnostics::child("#/paths", path),
            ADDITIONAL_OPERATIONS,
        );
        let serde_json::Value::Object(operations) = operations else {
            notes.push((
                super::source_pointer(renames, &at),
                "not a map of operations; ignored".into(),
            ));
            continue;
        };
        let mut found = Vec::new();
        for (method, op) in operations {
            let here = super::source_pointer(renames, &crate::diagnostics::child(&at, method));
            let token = !method.is_empty()
                && method
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token {
                notes.push((
                    here,
                    format!("{method:?} is not an HTTP method name; the operation is skipped"),
                ));
                continue;
            }
            match serde_path_to_error::deserialize::<_, openapiv3::Operation>(op) {
                Ok(op) => found.push((method.clone(), op)),
                Err(e) => notes.push((
                    here,
                    format!(
                        "this operation is not valid and is skipped: {} at {}",
                        e.inner(),
                        e.path()
                    ),
                )),
            }
        }
        out.insert(path.clone(), found);
    }
    out
}
