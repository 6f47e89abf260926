//! Tests of `lower/parameters`.

use crate::diagnostics::Severity;
use crate::model::ParamLocation;

#[test]
fn a_path_parameter_the_path_does_not_carry_is_no_argument() {
    let spec = r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
      "paths": {"/pets/{petId}/toys?sort={sort}": {
        "parameters": [{"name": "shared", "in": "path", "required": true, "schema": {"type": "string"}}],
        "get": {"operationId": "listToys", "parameters": [
          {"name": "petId", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "sort", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "other", "in": "path", "required": true, "schema": {"type": "string"}}
        ], "responses": {"200": {"description": "ok"}}}}}}"##;
    let doc = crate::load::load_str(std::path::Path::new("t.json"), spec.into()).unwrap();
    let lowered = crate::lower::lower(&doc, &crate::shared::Options::default());
    let op = &lowered.api.operations[0];
    let params: Vec<(&str, &ParamLocation)> = op
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), &p.location))
        .collect();
    assert_eq!(
        params,
        [
            ("petId", &ParamLocation::Path),
            ("sort", &ParamLocation::Query)
        ]
    );
    let warned: Vec<(&str, &str)> = lowered
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.starts_with("path parameter"))
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    let path = "/pets/{petId}/toys?sort={sort}";
    assert_eq!(
        warned,
        [
            (
                "#/paths/~1pets~1{petId}~1toys?sort={sort}/parameters/0",
                format!("path parameter \"shared\" does not appear in the path `{path}`, as OpenAPI requires; nothing could carry its value, so it is not an argument").as_str()
            ),
            (
                "#/paths/~1pets~1{petId}~1toys?sort={sort}/get/parameters/2",
                format!("path parameter \"other\" does not appear in the path `{path}`, as OpenAPI requires; nothing could carry its value, so it is not an argument").as_str()
            ),
        ]
    );
    assert!(
        lowered
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:?}",
        lowered.diagnostics
    );
}
